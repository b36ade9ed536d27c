"""The main window: the library on the left, the pair side by side, measures and similar passages on the right.

It wires panels to the comparison view and owns the menus, shortcuts, status bar and
remembered layout; the reading logic lives in ``ComparisonView``, the data in the library.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressBar, QTabWidget,
                               QToolButton, QVBoxLayout, QWidget)

from duidu import __version__
from duidu.ui.comparison_view import ComparisonView
from duidu.ui.fonts import has_chinese_font
from duidu.ui.labels import SCRIPTS, label
from duidu.ui.library_panel import IMPORT_FILTER, LibraryPanel
from duidu.ui.measures_panel import MeasuresPanel
from duidu.ui.settings import DEFAULT_FONT_SIZE, Settings
from duidu.ui.similar_panel import SimilarPanel
from duidu.ui.tasks import TaskRunner

WINDOW_TITLE = "对读 Duidu"
NO_CJK_FONT_MESSAGE = (
    "No font with Chinese characters is installed, so Chinese text shows as boxes. "
    "On Debian/Ubuntu: sudo apt install fonts-noto-cjk — then restart Duidu."
)
# (script, label, shortcut) of the global script choice.
GLOBAL_SCRIPTS = tuple((script, text, f"Ctrl+{n}") for n, (script, text) in enumerate(SCRIPTS, 1))


def first_pair(documents) -> tuple[int, int] | None:
    """Seeds 000 (Chongqing) and 001 (Sichuan) on a first run; else the first two documents."""
    by_file = {(d.file_name or "")[:4]: d.id for d in documents if d.seed}
    if "000_" in by_file and "001_" in by_file:
        return by_file["000_"], by_file["001_"]
    return (documents[0].id, documents[1].id) if len(documents) >= 2 else None


class MainWindow(QMainWindow):
    languageChanged = Signal()  # the preference changed: the app replaces this window by one in that language

    def __init__(self, library_path, documents, *, settings: Settings | None = None,
                 chinese_font: bool | None = None, history=None, parent=None) -> None:
        super().__init__(parent)
        self.library_path = library_path
        self.setWindowTitle(WINDOW_TITLE)
        self.setObjectName("MainWindow")
        self.settings = settings or Settings()
        self._language = self.settings.language
        self.tasks = TaskRunner(library_path, self)
        self.documents = list(documents)

        self.reader = ComparisonView(self.tasks, self)
        self.reader.global_script = self.settings.script
        self.reader.sync = self.settings.sync_scrolling
        self.reader.boilerplate = self.settings.show_boilerplate
        self.font_banner = QLabel(self.tr(NO_CJK_FONT_MESSAGE), self)
        self.font_banner.setWordWrap(True)
        self.font_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.font_banner.setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 8px; }")
        central = QWidget(self)
        col = QVBoxLayout(central)
        col.setContentsMargins(4, 4, 4, 0)
        col.setSpacing(0)
        col.addWidget(self.font_banner)
        col.addWidget(self.reader, 1)
        self.setCentralWidget(central)
        ok = has_chinese_font() if chinese_font is None else chinese_font
        self.font_banner.setVisible(not ok)

        self.library_panel = LibraryPanel(self.tasks, self)
        self.library_panel.set_documents(self.documents)
        self.model, self.proxy = self.library_panel.model, self.library_panel.proxy
        self.measures_panel = MeasuresPanel(self.tasks, self)
        self.similar_panel = SimilarPanel(self.tasks, self)
        self.side_tabs = QTabWidget(self)
        self.side_tabs.addTab(self.measures_panel, self.tr("Measures"))
        from duidu.ui.passages_panel import PassagesPanel

        self.passages_panel = PassagesPanel(self)
        self.side_tabs.addTab(self.passages_panel, self.tr("Passages"))
        self.side_tabs.addTab(self.similar_panel, self.tr("Similar"))
        from duidu.ui.notes_ui import NotesUI

        self.notes_ui = NotesUI(self, history)  # history: the undo stack of the window this one replaces
        self.side_tabs.addTab(self.notes_ui.panel, self.tr("Notes"))
        self.library_dock = self._dock("library", self.tr("Library"), self.library_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.side_dock = self._dock("side", self.tr("Analysis"), self.side_tabs, Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.library_dock, self.side_dock], [300, 360], Qt.Orientation.Horizontal)

        self.importer = self.library_panel.importer  # one importer: the panel reports what came in
        self.library_panel.drop_filter.install(self)  # files dropped anywhere on the window

        self._status_bar()
        self._actions()
        self._connect()
        from duidu.ui.regions.hook import install

        install(self)  # the region view: a dock beside the reader (issue 12)
        self.reader.set_choices(self.documents)
        self.reader.min_length = self.settings.min_length
        self._apply_font()
        self._script_everywhere(self.settings.script)
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit_text)
        for pane in self.reader.panes.values():
            pane.edit.widthChanged.connect(self._fit_timer.start)
        geometry, state = self.settings.window_state()
        self.restored = geometry is not None
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        self._restore_folds()

    def _dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        from duidu.ui.dock_strip import FoldingDock

        dock = FoldingDock(title, widget, self)
        dock.setObjectName(f"{name}-dock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        dock._arrows()
        dock.folded.connect(lambda _: self._folded_by_hand())
        return dock

    def _folded_by_hand(self) -> None:
        """The reader chose: the window stops fitting its docks, now and in later sessions."""
        self._docks_by_hand = True
        self.settings.folded_docks = {"library": self.library_dock.is_folded, "side": self.side_dock.is_folded}

    def _restore_folds(self) -> None:
        folded = self.settings.folded_docks
        if folded:
            self._docks_by_hand = True
            for name, dock in (("library", self.library_dock), ("side", self.side_dock)):
                dock.set_folded(folded.get(name, False))

    def fit_text(self) -> None:
        """Make room while a pane would show fewer than READABLE characters a line: narrow the docks
        (not below what their tables need), and if that is not enough fold one to its strip, the
        library first. Runs again whenever a pane's width changes (a scroll bar appearing too)."""
        from duidu.ui.dock_strip import READABLE

        if getattr(self, "_docks_by_hand", False) or not self.isVisible():
            return
        panes = list(self.reader.panes.values())
        advance = max(1, max(p.edit.fontMetrics().horizontalAdvance("中") for p in panes))
        margin = 2 * int(panes[0].edit.document().documentMargin()) + 2
        # One character to spare: no line may start with 。” nor split 662所, so lines break a little short.
        wanted = (READABLE + 1) * advance + margin
        deficit = sum(max(0, wanted - p.edit.viewport().width()) for p in panes)
        if deficit <= 0:
            return
        docks = [(d, floor) for d, floor in ((self.library_dock, 240), (self.side_dock, 320))
                 if d.isVisible() and not d.is_folded]
        if sum(max(0, d.width() - floor) for d, floor in docks) >= deficit:
            # A little narrower is enough: the docks stay open, the analysis giving way first (its
            # tables keep their figures at 320 px; the library's titles need every pixel).
            for dock, floor in sorted(docks, key=lambda d: d[0] is self.library_dock):
                take = min(deficit, max(0, dock.width() - floor))
                if take:
                    self.resizeDocks([dock], [dock.width() - take], Qt.Orientation.Horizontal)
                    deficit -= take
        elif docks:
            docks[0][0].set_folded(True)  # the panes' new width brings this back for the rest

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        timer = getattr(self, "_fit_timer", None)
        if timer is not None:
            timer.start()  # once the layout has given the panes their new widths

    def _status_bar(self) -> None:
        bar = self.statusBar()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.task_label = QLabel(self)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("✕")
        self.cancel_button.setAccessibleName(self.tr("Cancel the running task"))
        self.cancel_button.setToolTip(self.tr("Cancel"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self._cancel_tasks)
        self.position_label = QLabel(self)
        self.position_label.setAccessibleName(self.tr("Focused passage"))
        bar.addPermanentWidget(self.position_label)
        bar.addPermanentWidget(self.task_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        n = len(self.documents)
        bar.showMessage(self.tr("%n documents", "", n))

    # -- actions and menus -------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, *, checkable=False, checked=False, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.setCheckable(checkable)
        if checkable:
            action.setChecked(checked)
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        if tip:
            action.setToolTip(tip)
        self.addAction(action)
        return action

    def _actions(self) -> None:
        r = self.reader
        self.import_action = self._action(self.tr("Import…"), self._import_dialog, QKeySequence.StandardKey.Open)
        self.quit_action = self._action(self.tr("Quit"), self.close, "Ctrl+Q")
        self.report_action = self._action(self.tr("Export comparison report…"), self._export_report, "Ctrl+P")
        self.copy_citation_action = self._action(self.tr("Copy with citation"), self._copy_citation, "Ctrl+Shift+C")
        self.find_action = self._action(self.tr("Find in pane"), self._find, QKeySequence.StandardKey.Find)
        self.similar_action = self._action(self.tr("Find similar across the library"), self._find_similar, "Ctrl+Shift+F")
        self.preferences_action = self._action(self.tr("Preferences…"), self._preferences, "Ctrl+,")
        self.zoom_in_action = self._action(self.tr("Zoom in"), lambda: self._zoom(+1), [QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out_action = self._action(self.tr("Zoom out"), lambda: self._zoom(-1), "Ctrl+-")
        self.zoom_reset_action = self._action(self.tr("Actual size"), lambda: self._zoom(0), "Ctrl+0")
        self.swap_action = self._action(self.tr("⇄ Swap"), r.swap, "Ctrl+Shift+S", tip=self.tr("Swap the panes"))
        self.sync_action = self._action(self.tr("Sync scrolling"), self._set_sync, "Ctrl+Shift+Y",
                                        checkable=True, checked=r.sync)
        self.boilerplate_action = self._action(self.tr("Show boilerplate"), self._set_boilerplate, "Ctrl+Shift+B",
                                               checkable=True, checked=r.boilerplate)
        self.next_action = self._action(self.tr("Next shared passage"), lambda: r.step(+1, self.focused_side()),
                                        [QKeySequence("Alt+Down"), QKeySequence("F8")])
        self.prev_action = self._action(self.tr("Previous shared passage"), lambda: r.step(-1, self.focused_side()),
                                        [QKeySequence("Alt+Up"), QKeySequence("Shift+F8")])
        self.about_action = self._action(self.tr("About Duidu"), self._about)
        self.guide_action = self._action(self.tr("User guide"), self._guide, QKeySequence.StandardKey.HelpContents)
        self.recompare_action = self._action(self.tr("Compare again"), r.recompare, QKeySequence.StandardKey.Refresh)

        self.script_group = QActionGroup(self)
        self.script_actions: dict[str, QAction] = {}
        for script, text, key in GLOBAL_SCRIPTS:
            action = QAction(label(text), self, checkable=True)
            action.setShortcut(QKeySequence(key))
            action.setData(script)
            action.setChecked(script == r.global_script)
            action.triggered.connect(lambda _=False, s=script: self.set_global_script(s))
            self.script_group.addAction(action)
            self.script_actions[script] = action

        for pane in r.panes.values():
            pane.edit.extra_actions = [self.copy_citation_action, self.similar_action]

        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.report_action)
        self.recent_menu = file_menu.addMenu(self.tr("Recent comparisons"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.notes_ui.undo_action, self.notes_ui.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.copy_citation_action)
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.similar_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        view_menu = menu.addMenu(self.tr("&View"))
        view_menu.addActions(self.script_group.actions())
        view_menu.addSeparator()
        view_menu.addActions([self.swap_action, self.sync_action, self.boilerplate_action])
        view_menu.addSeparator()
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        view_menu.addSeparator()
        view_menu.addAction(self.library_dock.toggleViewAction())
        view_menu.addAction(self.side_dock.toggleViewAction())
        notes_menu = menu.addMenu(self.tr("&Notes"))
        n = self.notes_ui
        notes_menu.addActions([n.annotate_action, n.link_action, n.codebook_action])
        quick = notes_menu.addMenu(self.tr("Quick code (last used codes)"))
        quick.aboutToShow.connect(lambda: n.label_quick_actions())
        quick.addActions(n.quick_actions)
        notes_menu.addSeparator()
        notes_menu.addActions([n.export_action, n.import_action, n.export_codebook_action, n.import_codebook_action])
        notes_menu.addSeparator()
        notes_menu.addAction(n.agreement_action)
        go_menu = menu.addMenu(self.tr("&Go"))
        go_menu.addActions([self.next_action, self.prev_action])
        view_menu.addAction(self.recompare_action)
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.about_action)

        bar = self.addToolBar(self.tr("Reading"))
        bar.setObjectName("reading-toolbar")
        bar.setMovable(False)
        bar.addActions(self.script_group.actions())
        bar.addSeparator()
        bar.addActions([self.prev_action, self.next_action])
        bar.addSeparator()
        bar.addActions([self.swap_action, self.sync_action, self.boilerplate_action])

    def _connect(self) -> None:
        r = self.reader
        t = self.tasks
        t.started.connect(self._task_started)
        t.progressed.connect(lambda label, f: (self.progress.setValue(int(f * 100)), self.task_label.setText(label)))
        t.idle.connect(self._tasks_idle)
        t.failed.connect(lambda label, reason: self.statusBar().showMessage(f"{label}: {reason}", 10000))
        t.waiting.connect(self._waiting)
        r.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        r.pairChanged.connect(self._pair_changed)
        r.passagesShown.connect(self._passages_shown)
        # A comparison the library had cached can arrive before a pane's text: its paragraphs (the
        # list's ¶, a partner's place in B) are counted again once the text is there.
        r.documentShown.connect(lambda _side: self._passages_shown() if r.comparison is not None else None)
        r.activeChanged.connect(self._active_changed)
        self.passages_panel.passageChosen.connect(lambda n: r.activate(n))
        # The list's "+N boilerplate" is the View menu's switch (one setting, one state).
        self.passages_panel.boilerplateToggled.connect(self.boilerplate_action.setChecked)
        # The panel fills in a later turn of the event loop: laying out its tables and the panes'
        # new texts in one turn is what stalled the window on a large pair.
        r.comparisonReady.connect(lambda c: QTimer.singleShot(0, lambda: self._show_measures(c)))
        lp = self.library_panel
        lp.compareRequested.connect(lambda a, b: r.open_pair(a, b))
        lp.openInPane.connect(lambda doc_id, side: r.set_document(side, doc_id))
        lp.documentActivated.connect(lambda doc_id: r.set_document("b", doc_id))
        lp.openRequested.connect(lambda doc_id, s, e: r.show_span(doc_id, s, e))
        lp.libraryChanged.connect(self._library_changed)
        for pane in r.panes.values():
            pane.scriptChosen.connect(lambda _script: self._save_session())
        self.measures_panel.evidenceRequested.connect(lambda doc_id, s, e: r.show_span(doc_id, s, e))
        self.measures_panel.figureRequested.connect(self._show_figure)
        self.similar_panel.openRequested.connect(self._open_similar)

    def _passages_shown(self) -> None:
        r = self.reader
        pane, pane_b = r.panes["a"], r.panes["b"]
        starts = [p.start for p in pane.doc_text.paragraphs] if pane.doc_text is not None else []
        b_starts = [p.start for p in pane_b.doc_text.paragraphs] if pane_b.doc_text is not None else []
        common = sum(1 for p in r.comparison.passages if p.boilerplate) if r.comparison is not None else 0
        self.passages_panel.set_passages(r.shown, starts, pane.in_script, b_paragraph_starts=b_starts,
                                         boilerplate=common, showing_boilerplate=r.boilerplate)
        self._active_changed(r.active)

    def _active_changed(self, index: int) -> None:
        """"n / N" in the status bar: where the focused passage stands among the pair's."""
        n, total = self.reader.position()
        self.position_label.setText(self.tr("Passage %1 / %2").replace("%1", str(n) if n else "–")
                                    .replace("%2", str(total)) if total else "")
        if index >= 0:
            self.passages_panel.select(index)

    # -- what the actions do -------------------------------------------------------------
    def set_global_script(self, script: str) -> None:
        self.script_actions[script].setChecked(True)
        self.settings.script = script
        self.reader.set_global_script(script)
        self._script_everywhere(script)

    def _script_everywhere(self, script: str) -> None:
        """Titles, measures, figures, similar passages and notes' quotes follow the reader's script too."""
        from duidu.ui.script_text import converter

        in_script = converter(script)
        self.measures_panel.set_script(in_script)
        self.region_view.set_script(in_script)
        self.library_panel.set_script(in_script)
        self.similar_panel.model.in_script = in_script  # the library's results: set_script above
        self.similar_panel.model.layoutChanged.emit()
        self.notes_ui.panel.set_script(in_script)
        self.passages_panel.model.layoutChanged.emit()

    def focused_side(self) -> str:
        focus = QGuiApplication.focusObject()
        for side, pane in self.reader.panes.items():
            if isinstance(focus, QWidget) and pane.isAncestorOf(focus):
                return side
        return "a"

    def _copy_citation(self) -> None:
        pane = self.reader.panes[self.focused_side()]
        text = pane.citation()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.statusBar().showMessage(self.tr("Copied with citation"), 4000)

    def _find(self) -> None:
        self.reader.panes[self.focused_side()].show_find()

    def _find_similar(self) -> None:
        side = self.focused_side()
        pane = self.reader.panes[side]
        span = pane.stored_selection()
        self._similar_from = side
        self.side_dock.show()
        self.side_tabs.setCurrentWidget(self.similar_panel)
        source = None if span is None or pane.document_id is None else (pane.document_id, *span)
        self.similar_panel.search(pane.selected_text(), source)

    def _open_similar(self, doc_id: int, start: int, end: int) -> None:
        source = getattr(self, "_similar_from", "a")
        if self.reader.ids.get(source) == doc_id:  # in the query's own document: never a document against itself
            self.reader.show_span(doc_id, start, end, side=source)
            return
        self.reader.show_span(doc_id, start, end, side="b" if source == "a" else "a")

    def _show_figure(self, a0: int, a1: int, b0: int, b1: int) -> None:
        c = self.reader.comparison
        if c is not None:
            self.reader.show_span(c.a.id, a0, a1, side="a")
            self.reader.show_span(c.b.id, b0, b1, side="b")

    def _zoom(self, step: int) -> None:
        self.settings.font_size = DEFAULT_FONT_SIZE if step == 0 else max(8, min(40, self.settings.font_size + step))
        self._apply_font()

    def _apply_font(self) -> None:
        for pane in self.reader.panes.values():
            pane.set_font_size(self.settings.font_size, self.settings.font_family, self.settings.font_face)
        timer = getattr(self, "_fit_timer", None)
        if timer is not None:
            timer.start()  # a larger reading size may need the docks folded

    def _set_sync(self, on: bool) -> None:
        self.settings.sync_scrolling = on
        self.reader.set_sync(on)

    def _set_boilerplate(self, on: bool) -> None:
        self.settings.show_boilerplate = on
        self.reader.set_boilerplate(on)

    def _import_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import documents"), "",
                                                self.tr("Documents ({patterns});;All files (*)").format(patterns=IMPORT_FILTER))
        if paths:
            self.importer.import_paths(paths)

    def _preferences(self) -> None:
        from duidu.ui.preferences import PreferencesDialog

        from duidu.ui.dialogs import show

        dialog = PreferencesDialog(self.settings, self)
        dialog.accepted.connect(self.apply_preferences)
        show(dialog)

    def apply_preferences(self) -> None:
        """Bring the window in line with the settings (after the preferences dialog)."""
        from duidu.ui.theme import apply_theme

        apply_theme(self.settings.theme)  # the panes follow when the palette change reaches them
        self.set_global_script(self.settings.script)
        self._apply_font()
        self.boilerplate_action.setChecked(self.settings.show_boilerplate)
        if self.settings.min_length != self.reader.min_length:
            self.reader.set_min_length(self.settings.min_length)
        self.sync_action.setChecked(self.settings.sync_scrolling)
        notes = self.notes_ui.notes
        notes.annotator, notes.blind = self.settings.annotator, self.settings.blind
        notes.changed.emit()
        if self.settings.language != self._language:
            self.languageChanged.emit()

    def _export_report(self) -> None:
        from duidu.ui.report_action import export_report

        export_report(self)

    def _guide(self) -> None:
        from duidu.ui.help import HelpWindow

        HelpWindow(self).show()  # deletes itself when closed

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Duidu"),
                          self.tr("Duidu %1\nRead Chinese policy documents against each other, offline.").replace("%1", __version__))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        from duidu.ui.script_text import converter

        in_script = converter(self.settings.script)  # the titles as the reader shows them
        titles = {d.id: in_script(d.title) for d in self.documents}
        for r in self.settings.recent:
            if r["a"] in titles and r["b"] in titles and r["a"] != r["b"]:
                act = self.recent_menu.addAction(f"{titles[r['a']][:18]}  ⇄  {titles[r['b']][:18]}")
                act.triggered.connect(lambda _=False, a=r["a"], b=r["b"]: self.reader.open_pair(a, b))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def _show_measures(self, comparison) -> None:
        if comparison is self.reader.comparison:  # still the pair on screen
            self.measures_panel.show_comparison(comparison)

    def _pair_changed(self, a: int, b: int) -> None:
        self._save_session()
        self.measures_panel.clear_pair()

    def _save_session(self) -> None:
        r = self.reader
        if None not in r.ids.values():
            self.settings.last_comparison = {"a": r.ids["a"], "b": r.ids["b"], "script_a": r.scripts["a"],
                                             "script_b": r.scripts["b"]}

    def _library_changed(self) -> None:
        """The panel reloaded the library (an import, an edit): the panes' choosers and headers follow."""
        self.documents = list(self.library_panel.model.documents())
        self.reader.set_choices(self.documents)
        for doc in self.documents:
            for pane in self.reader.panes.values():
                pane.update_document(doc)
        self.notes_ui.set_documents(self.documents)
        n = len(self.documents)
        self.statusBar().showMessage(self.tr("%n documents", "", n), 5000)

    # -- status of background work -------------------------------------------------------
    def _task_started(self, label: str) -> None:
        self.task_label.setText(label)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()

    def _tasks_idle(self) -> None:
        self.task_label.setText("")
        self.progress.hide()
        self.cancel_button.hide()

    def _cancel_tasks(self) -> None:
        self.importer.cancel()  # keeps what was imported, drops the queue
        for channel in self.tasks.channels():
            self.tasks.cancel(channel)
        self.statusBar().showMessage(self.tr("Cancelled · F5 compares again"), 8000)

    # -- opening and closing --------------------------------------------------------------
    def open_initial(self, pair: tuple[int, int] | None = None, script: str | None = None) -> None:
        """The given pair, else the last comparison, else the first-run pair of seeds."""
        if script is not None:
            self.set_global_script(script)
        if not self.documents:
            self._load_library(pair)
            return
        ids = {d.id for d in self.documents}
        scripts: tuple = (None, None)
        if pair is None:
            last = self.settings.last_comparison
            if last and last["a"] in ids and last["b"] in ids:
                pair, scripts = (last["a"], last["b"]), (last.get("script_a"), last.get("script_b"))
            else:
                pair = first_pair(self.documents)
        if pair is not None:
            self.reader.open_pair(pair[0], pair[1], *scripts)
        else:
            self.statusBar().showMessage(self.tr("Import another document to compare"))

    def _load_library(self, pair) -> None:
        """A first run: the library is created and seeded by a worker while the window is already up."""
        self.statusBar().showMessage(self.tr("Preparing the library (first run: importing the seeds)…"))

        def done(documents) -> None:
            self.documents = list(documents)
            self.library_panel.set_documents(self.documents)
            self.reader.set_choices(self.documents)
            self.notes_ui.set_documents(self.documents)
            self.notes_ui.notes.reload()  # the codebook was just created with the library
            if self.documents:
                self.open_initial(pair)
            else:
                self.statusBar().showMessage(self.tr("The library is empty: drop files or press Ctrl+O"))

        def failed(error) -> None:  # stays up: the window must not sit on "Preparing…" unexplained
            self.statusBar().showMessage(
                self.tr("The library could not be opened: %1").replace("%1", str(error)), 0)

        self.tasks.run("documents", lambda lib, progress, cancel: lib.documents(), done, on_error=failed,
                       label=self.tr("Preparing the library"))

    def _waiting(self, label: str, seconds: float) -> None:
        self.statusBar().showMessage(self.tr("%1: waiting for another Duidu to finish writing to the library (%2 s)…")
                                     .replace("%1", label).replace("%2", str(int(seconds))), 2000)

    def flush_writes(self) -> None:
        """Wait for the edits still on their way to the library, with a dialog that can give up:
        an edit given up on is kept in a recovery file (a note) rather than dropped."""
        if not self.tasks.pending_writes():
            return
        from PySide6.QtCore import QEventLoop
        from PySide6.QtWidgets import QProgressDialog

        dialog = QProgressDialog(self.tr("Saving your changes to the library…"), self.tr("Keep them for later"), 0, 0, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        loop = QEventLoop()
        self.tasks.writesDone.connect(loop.quit)
        dialog.canceled.connect(loop.quit)
        shown = self.tasks.waiting.connect(lambda label, seconds: dialog.setLabelText(
            self.tr("Saving your changes: another Duidu is writing to the library (%1 s)…").replace("%1", str(int(seconds)))))
        if self.tasks.pending_writes():
            loop.exec()
        self.tasks.waiting.disconnect(shown)
        self.tasks.writesDone.disconnect(loop.quit)
        if self.tasks.pending_writes():
            self.tasks.abandon_writes()
        dialog.close()

    def offer_recovered(self) -> None:
        """Notes that could not be saved last time: offer to put them back into this library."""
        from duidu.library import recovery
        from duidu.library.location import library_path

        kept = recovery.pending(library_path(self.library_path))
        if not kept:
            return
        box = QMessageBox(QMessageBox.Icon.Question, WINDOW_TITLE, self.tr(
            "%1 notes could not be saved to the library last time and were kept in %2. Put them back now?")
            .replace("%1", str(len(kept))).replace("%2", str(recovery.folder())),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDetailedText("\n".join(k.summary for k in kept))

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self.tasks.write(lambda lib, progress, cancel: [recovery.restore(lib, k) for k in kept],
                                 lambda _: self.notes_ui.notes.reload(), label=self.tr("Restore kept notes"))

        box.buttonClicked.connect(answered)
        box.open()
        self._recovery_box = box

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_writes()
        self.settings.save_window_state(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.tasks.shutdown()
        super().closeEvent(event)

