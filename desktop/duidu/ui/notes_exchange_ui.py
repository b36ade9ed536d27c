"""Notes in and out of the window: exports (CSV, Markdown, W3C JSON, REFI-QDA), project and codebook
imports, and the inter-annotator agreement report — each one library call on the task helper."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QMessageBox, QTableView, QVBoxLayout)

from duidu.ui.dialogs import message, show

FORMATS = {".qdpx": "qdpx", ".csv": "csv", ".md": "md", ".json": "json"}


class NotesExchange(QObject):
    def __init__(self, notes_ui) -> None:
        super().__init__(notes_ui)
        self.ui = notes_ui
        self.window = notes_ui.window
        self.notes = notes_ui.notes

    def _say(self, text: str, seconds: int = 8) -> None:
        self.window.statusBar().showMessage(text, seconds * 1000)

    def _failed(self, exc: BaseException) -> None:
        lines = str(exc).strip().splitlines()
        message(self.window, self.tr("Duidu"), lines[0] if lines else type(exc).__name__, QMessageBox.Icon.Warning)

    # -- exports ------------------------------------------------------------------------
    def export_notes(self) -> None:
        filters = ";;".join((self.tr("REFI-QDA project (*.qdpx)"), self.tr("CSV table (*.csv)"),
                             self.tr("Markdown (*.md)"), self.tr("W3C Web Annotation JSON (*.json)")))
        path, chosen = QFileDialog.getSaveFileName(self.window, self.tr("Export notes"), "", filters)
        if not path:
            return
        ending = next((e for e in FORMATS if path.lower().endswith(e)), None)
        if ending is None:  # no ending typed: the one of the chosen filter
            ending = next(e for e in FORMATS if e in chosen)
            path += ending
        fmt = FORMATS[ending]
        self.window.tasks.run("notes-export", lambda lib, p, c: lib.export_notes(path, fmt),
                              lambda summary: self._say(self.tr("Exported: %1").replace("%1", summary.summary())),
                              on_error=self._failed, label=self.tr("Exporting notes"))

    def export_codebook(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export codebook"), "",
                                              self.tr("REFI-QDA codebook (*.qdc)"))
        if path:
            path = path if path.lower().endswith(".qdc") else path + ".qdc"
            self.window.tasks.run("codebook-export", lambda lib, p, c: lib.export_codebook(path),
                                  lambda n: self._say(self.tr("%n codes exported", "", n)),
                                  on_error=self._failed, label=self.tr("Exporting the codebook"))

    # -- imports (the user's data: the writer lane) ------------------------------------------
    def import_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Import a REFI-QDA project"), "",
                                              self.tr("REFI-QDA project (*.qdpx)"))
        if not path:
            return

        def done(summary) -> None:
            self.window.library_panel.refresh()
            self.notes.reload()
            message(self.window, self.tr("Project imported"), summary.summary())

        self.window.tasks.write(lambda lib, p, c: lib.import_qdpx(path), done, on_error=self._failed,
                                label=self.tr("Importing the project"))

    def import_codebook(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Import a codebook"), "",
                                              self.tr("REFI-QDA codebook (*.qdc)"))
        if path:
            self.window.tasks.write(lambda lib, p, c: lib.import_codebook(path),
                                    lambda summary: (self.notes.reload(), self._say(summary.summary())),
                                    on_error=self._failed, label=self.tr("Importing the codebook"))

    # -- agreement ---------------------------------------------------------------------------
    def agreement(self) -> None:
        names = sorted({a.annotator for a in self.notes.annotations})
        if len(names) < 2:
            self._say(self.tr("Agreement needs notes by at least two annotators"))
            return
        chooser = AnnotatorChooser(names, self.window)
        chooser.accepted.connect(lambda: self._agreement(chooser.chosen()))
        show(chooser)

    def _agreement(self, chosen: list[str]) -> None:
        if len(chosen) < 2:
            self._say(self.tr("Choose at least two annotators"))
            return
        self.window.tasks.run("agreement", lambda lib, p, c: lib.agreement(chosen),
                              lambda rows: show(AgreementDialog(rows, chosen, self.window)),
                              on_error=self._failed, label=self.tr("Computing agreement"))


class AnnotatorChooser(QDialog):
    def __init__(self, names: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Agreement between annotators"))
        self.list = QListWidget(self)
        for name in names:
            item = QListWidgetItem(name, self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Compare the notes of:"), self))
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


class AgreementDialog(QDialog):
    """Per tag: Cohen's kappa (two annotators) and Krippendorff's alpha, character by character."""

    def __init__(self, rows, annotators: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Agreement per code"))
        self.resize(720, 520)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Cohen's κ"), self.tr("Krippendorff's α"),
                                              self.tr("Unitized αU"),
                                              *[self.tr("%1 marked").replace("%1", a) for a in annotators],
                                              self.tr("Characters")])

        def number(value, digits: int = 3) -> QStandardItem:
            item = QStandardItem("—" if value is None else f"{value:.{digits}f}" if isinstance(value, float) else str(value))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setEditable(False)
            return item

        for r in rows:
            name = QStandardItem(r.code_name)
            name.setEditable(False)
            self.model.appendRow([name, number(r.kappa), number(r.alpha), number(r.alpha_u), *[number(m) for m in r.marked],
                                  number(r.characters)])
        view = QTableView(self)
        view.setModel(self.model)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        note = QLabel(self.tr("κ: Pe = pA(yes)·pB(yes) + pA(no)·pB(no). α: nominal, binary, each character a unit. "
                              "αU: Krippendorff's unitized alpha over the documents as one continuum."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
