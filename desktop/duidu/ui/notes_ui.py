"""Notes in the reader: the tagging actions, notes drawn in the panes, the notes panel wired to both.

Kept apart from the main window, which only creates it: this is where a selection becomes a
note, a comparison note is started from two selections, two pieces of evidence or the
focused shared passage, and a note in the panel or under the cursor is edited or deleted.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from duidu.ui.annotate_dialog import AnnotateDialog
from duidu.ui.dialogs import show
from duidu.ui.notes import NotesController
from duidu.ui.notes_panel import NotesPanel


class NotesUI(QObject):
    def __init__(self, window, history=None) -> None:
        super().__init__(window)
        self.window = window
        self.reader = window.reader
        self.notes = NotesController(window.tasks, self, history=history)
        self.notes.annotator = window.settings.annotator
        self.notes.blind = window.settings.blind
        self.panel = NotesPanel(self.notes, window)
        self.panel.set_documents(window.documents)

        self.annotate_action = self._action(self.tr("Code selection…"), self.annotate_selection, "Ctrl+T")
        self.link_action = self._action(self.tr("Comparison note…"), self.comparison_note, "Ctrl+Shift+T")
        self.recent_codes: list[int] = list(window.settings.recent_codes)
        self.quick_actions = [self._action(self.tr("Quick code %1").replace("%1", str(n)),
                                           lambda _=False, n=n: self.quick_code(n), f"Alt+{n}") for n in range(1, 10)]
        self.codebook_action = self._action(self.tr("Codebook…"), self.open_codebook)
        from duidu.ui.notes_exchange_ui import NotesExchange

        self.exchange = NotesExchange(self)
        self.export_action = self._action(self.tr("Export notes…"), self.exchange.export_notes)
        self.import_action = self._action(self.tr("Import REFI-QDA project…"), self.exchange.import_project)
        self.export_codebook_action = self._action(self.tr("Export codebook…"), self.exchange.export_codebook)
        self.import_codebook_action = self._action(self.tr("Import codebook…"), self.exchange.import_codebook)
        self.agreement_action = self._action(self.tr("Agreement between annotators…"), self.exchange.agreement)
        self.undo_action = self.notes.undo_stack.createUndoAction(window, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.notes.undo_stack.createRedoAction(window, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z")])
        window.addActions([self.undo_action, self.redo_action])

        for side, pane in self.reader.panes.items():
            pane.edit.context_actions = lambda qt_pos, s=side: self._actions_at(s, qt_pos)
        self.reader.documentShown.connect(self._show_in_pane)
        self.reader.describe_notes = self.describe
        for side, pane in self.reader.panes.items():
            pane.positionClicked.connect(lambda pos, s=side: self._clicked(s, pos))
        self.notes.changed.connect(self._show_everywhere)
        self.notes.failed.connect(lambda reason: window.statusBar().showMessage(reason, 10000))
        self.notes.lost.connect(self._lost)
        self.notes.done.connect(lambda what: window.statusBar().showMessage(
            what + self.tr(" · Ctrl+Z to undo"), 5000))
        self.panel.openRequested.connect(self.show_note)
        self.panel.editRequested.connect(self.edit_note)
        self.panel.codebookRequested.connect(self.open_codebook)
        self.panel.placeRequested.connect(self.place_orphan)
        window.measures_panel.noteRequested.connect(
            lambda da, a0, a1, db, b0, b1: self.comparison_note(((da, a0, a1), (db, b0, b1))))
        window.library_panel.reviseRequested.connect(self.revise_document)
        self.notes.reload()

    def _action(self, text: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    # -- drawing ------------------------------------------------------------------------
    def _show_in_pane(self, side: str) -> None:
        pane = self.reader.panes[side]
        if pane.document_id is None:
            return
        notes = []
        for a in self.notes.visible():
            for t in a.targets:
                if t.document_id == pane.document_id and t.status == "anchored":
                    notes.append((a.id, t.start, t.end, self.notes.color_of(a)))
        pane.set_notes(notes)

    def _show_everywhere(self) -> None:
        for side in self.reader.panes:
            self._show_in_pane(side)

    def set_documents(self, documents) -> None:
        self.panel.set_documents(documents)

    def _notes_at(self, side: str, pos: int) -> list:
        pane = self.reader.panes[side]
        found = [self.notes.note(n) for n in pane.notes_at(pos)]
        return [a for a in found if a is not None]

    def describe(self, side: str, pos: int) -> str:
        """Every note under the mouse (overlapping and nested ones too), for the tooltip."""
        lines = []
        for a in self._notes_at(side, pos):
            codes = self.notes.code_map()
            tags = "; ".join(self.notes.path_of(codes[c]) for c in a.code_ids if c in codes)
            head = " · ".join(x for x in (tags, a.annotator) if x)
            lines.append(f"✎ {head}" + (f"\n{a.note[:200]}" if a.note else ""))
        return "\n".join(lines)

    def _lost(self, message: str) -> None:
        """A note the library could not take: said in a dialog (where it was kept), not only the status bar."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not saved"), message, QMessageBox.StandardButton.Ok,
                          self.window)
        box.open()  # not modal to the event loop: a test or a queued edit carries on
        self._lost_box = box

    def _clicked(self, side: str, pos: int) -> None:
        """A click on a note selects it in the notes panel (the innermost when they overlap)."""
        found = self._notes_at(side, pos)
        if found:
            inner = min(found, key=lambda a: next(t.end - t.start for t in a.targets
                                                  if t.document_id == self.reader.panes[side].document_id))
            self.panel.select(inner.id)

    # -- making notes -------------------------------------------------------------------
    def annotate_selection(self) -> None:
        side = self.window.focused_side()
        pane = self.reader.panes[side]
        span = pane.stored_selection()
        if span is None or span[0] == span[1] or pane.document_id is None:
            self.window.statusBar().showMessage(self.tr("Select a passage first"), 5000)
            return
        dialog = AnnotateDialog(self.notes.codes, [pane.selected_text()], recent=self.recent_codes,
                                counts=self.code_counts(), parent=self.window, in_script=self.panel.in_script)
        document_id = pane.document_id

        def accepted() -> None:
            self._used(dialog.code_ids())
            self.notes.annotate(document_id, *span, code_ids=dialog.code_ids(), note=dialog.note_text())

        dialog.accepted.connect(accepted)
        show(dialog)

    # -- quick coding ---------------------------------------------------------------------
    def code_counts(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for a in self.notes.annotations:
            for c in a.code_ids:
                counts[c] = counts.get(c, 0) + 1
        return counts

    def _used(self, code_ids) -> None:
        """The codes just applied go to the front of the recent list (keys 1–9, Alt+1–9 in the panes)."""
        known = {c.id for c in self.notes.codes}
        self.recent_codes = [c for c in code_ids if c in known] + [c for c in self.recent_codes if c not in code_ids]
        self.recent_codes = self.recent_codes[:9]
        self.window.settings.recent_codes = self.recent_codes

    def label_quick_actions(self) -> None:
        """The quick-code menu names each key's code (the recent list changes as one codes)."""
        known = {c.id: c for c in self.notes.codes}
        recent = [known[c] for c in self.recent_codes if c in known]
        for n, action in enumerate(self.quick_actions, 1):
            action.setText(f"{n}  {self.notes.path_of(recent[n - 1])}" if n <= len(recent) else f"{n}  —")
            action.setEnabled(n <= len(recent))

    def quick_code(self, n: int) -> None:
        """Alt+n: tag the selection with the n-th recent code at once, no dialog (Ctrl+Z takes it back)."""
        side = self.window.focused_side()
        pane = self.reader.panes[side]
        span = pane.stored_selection()
        known = {c.id: c for c in self.notes.codes}
        recent = [c for c in self.recent_codes if c in known]
        if span is None or span[0] == span[1] or pane.document_id is None:
            self.window.statusBar().showMessage(self.tr("Select a passage first"), 5000)
            return
        if not 1 <= n <= len(recent):
            self.window.statusBar().showMessage(self.tr("No code on Alt+%1 yet: code a selection once with Ctrl+T").replace("%1", str(n)), 5000)
            return
        code_id = recent[n - 1]
        self.notes.annotate(pane.document_id, *span, code_ids=[code_id], note="")
        self._used([code_id])

    def comparison_spans(self) -> tuple[tuple[int, int, int], tuple[int, int, int]] | None:
        """Both panes' selections, else both panes' evidence (measure cells, figures), else the focused passage."""
        pa, pb = self.reader.panes["a"], self.reader.panes["b"]
        if pa.document_id is None or pb.document_id is None:
            return None
        sa, sb = pa.stored_selection(), pb.stored_selection()
        if sa and sb and sa[0] < sa[1] and sb[0] < sb[1]:
            return (pa.document_id, *sa), (pb.document_id, *sb)
        ea, eb = pa.evidence(), pb.evidence()
        if ea and eb:
            return (pa.document_id, *ea), (pb.document_id, *eb)
        r = self.reader
        if 0 <= r.active < len(r.shown):
            p = r.shown[r.active]
            return (pa.document_id, p.a_start, p.a_end), (pb.document_id, p.b_start, p.b_end)
        return None

    def comparison_note(self, spans=None) -> None:
        """A note joining a passage of A with one of B (``spans``: given, e.g. by a measure row)."""
        spans = spans or self.comparison_spans()
        if spans is None:
            self.window.statusBar().showMessage(self.tr(
                "Select a passage on each side, or focus a shared passage"), 8000)
            return
        (da, a0, a1), (db, b0, b1) = spans
        texts = {p.document_id: p.doc_text.text for p in self.reader.panes.values() if p.doc_text is not None}
        shown = self.panel.in_script  # the quotes as the reader shows them (the note keeps the stored spans)
        quotes = [shown(texts.get(da, "")[a0:a1]), shown(texts.get(db, "")[b0:b1])]
        dialog = AnnotateDialog(self.notes.codes, quotes, title=self.tr("Comparison note"), recent=self.recent_codes,
                                counts=self.code_counts(), parent=self.window, in_script=self.panel.in_script)
        dialog.accepted.connect(lambda: (self._used(dialog.code_ids()),
                                         self.notes.link(spans[0], spans[1], code_ids=dialog.code_ids(),
                                                         note=dialog.note_text())))
        show(dialog)

    # -- notes already made --------------------------------------------------------------
    def _actions_at(self, side: str, qt_pos: int) -> list[QAction]:
        pane = self.reader.panes[side]
        actions = [self.annotate_action, self.link_action]
        for note_id in pane.notes_at(pane.stored_position(qt_pos)):
            a = self.notes.note(note_id)
            if a is None:
                continue
            label = (a.note or self.panel.in_script(a.targets[0].quote))[:16]
            edit = QAction(self.tr("Edit note") + f" “{label}”…", pane)
            edit.triggered.connect(lambda _=False, a=a: self.edit_note(a))
            delete = QAction(self.tr("Delete note") + f" “{label}”", pane)
            delete.triggered.connect(lambda _=False, a=a: self.notes.delete(a))
            actions += [edit, delete]
        return actions

    def edit_note(self, annotation) -> None:
        quotes = [self.panel.in_script(t.quote) for t in annotation.targets]  # in the reader's script
        dialog = AnnotateDialog(self.notes.codes, quotes, code_ids=annotation.code_ids, note=annotation.note,
                                title=self.tr("Edit note"), parent=self.window, in_script=self.panel.in_script)
        dialog.accepted.connect(lambda: self.notes.edit(annotation, dialog.code_ids(), dialog.note_text()))
        show(dialog)

    def show_note(self, annotation) -> None:
        """Bring a note's passage(s) into view: a comparison note opens both sides."""
        targets = annotation.targets
        if len(targets) == 2:
            self.reader.show_span(targets[0].document_id, targets[0].start, targets[0].end, side="a")
            self.reader.show_span(targets[1].document_id, targets[1].start, targets[1].end, side="b")
        else:
            t = targets[0]
            self.reader.show_span(t.document_id, t.start, t.end)

    def open_codebook(self) -> None:
        from duidu.ui.codebook_dialog import CodebookDialog

        show(CodebookDialog(self.notes, self.window, in_script=self.panel.in_script))

    # -- revisions and orphans ----------------------------------------------------------
    def revise_document(self, document_id: int) -> None:
        from PySide6.QtWidgets import QFileDialog

        from duidu.ui.dialogs import message
        from duidu.ui.library_panel import IMPORT_FILTER

        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Import a revised version"), "",
                                              self.tr("Documents ({patterns});;All files (*)").format(patterns=IMPORT_FILTER))
        if not path:
            return

        def reported(report) -> None:
            self.window.library_panel.refresh()
            if document_id in self.reader.ids.values():
                self.reader.open_pair(self.reader.ids["a"], self.reader.ids["b"], self.reader.scripts["a"],
                                      self.reader.scripts["b"])
            counts = self.tr("%1 unchanged, %2 moved, %3 fuzzy, %4 orphaned")
            for n, value in enumerate((report.exact, report.moved, report.fuzzy, report.orphaned), 1):
                counts = counts.replace(f"%{n}", str(value))
            text = self.tr("Notes re-anchored: %1").replace("%1", counts)
            if report.orphaned:
                text += "\n" + self.tr("Orphaned notes are marked ⚠ in the notes panel: select the text and press “Place at selection”.")
            message(self.window, self.tr("Revision imported"), text)  # a task callback: no nested loop

        self.notes.revise(document_id, path, reported)

    def place_orphan(self, annotation) -> None:
        """Anchor the orphaned passage(s) of a note at the selection in the pane showing its document."""
        for n, t in enumerate(annotation.targets):
            if t.status != "orphan":
                continue
            pane = next((p for p in self.reader.panes.values() if p.document_id == t.document_id), None)
            span = pane.stored_selection() if pane is not None else None
            if not span or span[0] == span[1]:
                self.reader.show_span(t.document_id, 0, 0)
                self.window.statusBar().showMessage(self.tr(
                    "Select the note's text in its document, then press Place at selection"), 10000)
                return
            self.notes.place(annotation, n, t.document_id, *span)
            return
