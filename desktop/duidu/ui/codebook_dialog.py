"""Editing the codebook: add, rename, recolour, describe, move, merge and delete tags (all undoable)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (QColorDialog, QDialog, QGridLayout, QInputDialog, QLabel, QPushButton, QTreeView,
                               QVBoxLayout, QWidget)

from duidu.ui.annotate_dialog import CODE_ID, code_model
from duidu.ui.notes import NotesController

NO_PARENT = QT_TRANSLATE_NOOP("CodebookDialog", "(top level)")
UNTAG = QT_TRANSLATE_NOOP("CodebookDialog", "(untag only, reassign nothing)")


class CodebookDialog(QDialog):
    def __init__(self, notes: NotesController, parent: QWidget | None = None, in_script=None) -> None:
        super().__init__(parent)
        self.notes = notes
        # Names in the reader's script (renaming starts from the stored name).
        self.in_script = in_script or (lambda text: text)
        self.setWindowTitle(self.tr("Codebook"))
        self.resize(520, 640)
        self.tree = QTreeView(self)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Codes"))
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        grid = QGridLayout()
        actions = [
            (self.tr("Add…"), self.add),
            (self.tr("Add child…"), lambda: self.add(child=True)),
            (self.tr("Rename…"), self.rename),
            (self.tr("Colour…"), self.recolour),
            (self.tr("Description…"), self.describe),
            (self.tr("Move under…"), self.move),
            (self.tr("Merge into…"), self.merge),
            (self.tr("Delete…"), self.delete),
        ]
        self.buttons = {}
        for n, (label, slot) in enumerate(actions):
            button = QPushButton(label, self)
            button.clicked.connect(slot)
            grid.addWidget(button, n // 4, n % 4)
            self.buttons[label] = button
        undo = notes.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = notes.undo_stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo, redo])
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.info)
        layout.addLayout(grid)
        notes.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        chosen = self.current()
        counts: dict[int, int] = {}
        for a in self.notes.annotations:
            for c in a.code_ids:
                counts[c] = counts.get(c, 0) + 1
        self.model = code_model(self.notes.codes, counts=counts, parent=self,  # "name (n)": how many notes use it
                                in_script=self.in_script)
        self.tree.setModel(self.model)
        self.tree.expandAll()
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_info())
        if chosen is not None:
            self.select(chosen.id)
        self._show_info()

    def select(self, code_id: int) -> None:
        found = self.model.match(self.model.index(0, 0), CODE_ID, code_id, 1,
                                 Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly)
        if found:
            self.tree.setCurrentIndex(found[0])

    def current(self):
        index = self.tree.currentIndex() if hasattr(self, "model") else None
        if index is None or not index.isValid():
            return None
        return self.notes.code_map().get(index.data(CODE_ID))

    def _show_info(self) -> None:
        code = self.current()
        used = 0 if code is None else sum(1 for a in self.notes.annotations if code.id in a.code_ids)
        self.info.setText("" if code is None else f"{self.in_script(self.notes.path_of(code))} · {self.in_script(code.description)} · "
                          + self.tr("%n notes", "", used))

    # -- edits ----------------------------------------------------------------------------
    def add(self, child: bool = False) -> None:
        parent = self.current() if child else None
        name, ok = QInputDialog.getText(self, self.tr("New code"), self.tr("Name"))
        if ok and name.strip():
            self.notes.add_code(name.strip(), parent.id if parent else (self.current().parent_id if self.current() else None))

    def rename(self) -> None:
        code = self.current()
        if code is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename"), self.tr("Name"), text=code.name)
        if ok and name.strip() and name.strip() != code.name:
            self.notes.update_code(code, name=name.strip())

    def recolour(self) -> None:
        code = self.current()
        if code is None:
            return
        color = QColorDialog.getColor(QColor(code.color), self, self.tr("Colour"))
        if color.isValid():
            self.notes.update_code(code, color=color.name())

    def describe(self) -> None:
        code = self.current()
        if code is None:
            return
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Description"), self.in_script(code.name), code.description)
        if ok:
            self.notes.update_code(code, description=text.strip())

    def _choose(self, title: str, code, first: str | None) -> tuple[bool, int | None]:
        """Pick another code (not ``code`` nor one under it); ``first``, if given, is the no-code choice."""
        under = {code.id}
        for c in self.notes.codes:  # tree order: parents first
            if c.parent_id in under:
                under.add(c.id)
        others = [c for c in self.notes.codes if c.id not in under]
        head = [self.tr(first)] if first else []
        # Names in the reader's script, as the tree shows them; two that convert alike keep their
        # stored names, so the choice maps back to one code.
        shown = [self.in_script(self.notes.path_of(c)) for c in others]
        labels = head + [s if shown.count(s) == 1 else self.notes.path_of(c) for s, c in zip(shown, others)]
        if not labels:
            return False, None
        label, ok = QInputDialog.getItem(self, title, self.in_script(code.name), labels, 0, False)
        if not ok:
            return False, None
        i = labels.index(label) - len(head)
        return True, None if i < 0 else others[i].id

    def move(self) -> None:
        code = self.current()
        if code is not None:
            ok, parent = self._choose(self.tr("Move under"), code, NO_PARENT)
            if ok:
                self.notes.move_code(code, parent)

    def merge(self) -> None:
        code = self.current()
        if code is None:
            return
        ok, target = self._choose(self.tr("Merge into"), code, None)  # merging needs a code to merge into
        if ok and target is not None:
            self.notes.merge_codes(code, self.notes.code_map()[target])

    def delete(self) -> None:
        code = self.current()
        if code is not None:
            ok, target = self._choose(self.tr("Delete: move its notes to"), code, UNTAG)
            if ok:
                self.notes.delete_code(code, reassign_to=target)

