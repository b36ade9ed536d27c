"""Tagging a passage: the codebook as a checkable tree, a note, and the quote(s) being annotated."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit, QTreeView, QVBoxLayout,
                               QWidget)

CODE_ID = Qt.ItemDataRole.UserRole + 1


def code_model(codes, *, checkable: bool = False, checked=(), parent=None) -> QStandardItemModel:
    """The codebook as a tree model (a code's colour as its decoration, its description as tooltip)."""
    model = QStandardItemModel(parent)
    items: dict[int, QStandardItem] = {}
    checked = set(checked)
    for c in codes:  # tree order: a parent always comes before its children
        item = QStandardItem(c.name)
        item.setData(c.id, CODE_ID)
        item.setData(QColor(c.color), Qt.ItemDataRole.DecorationRole)
        item.setToolTip(c.description or c.name)
        item.setEditable(False)
        if checkable:
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked if c.id in checked else Qt.CheckState.Unchecked)
        (items[c.parent_id] if c.parent_id in items else model.invisibleRootItem()).appendRow(item)
        items[c.id] = item
    return model


def checked_ids(model: QStandardItemModel) -> list[int]:
    out = []

    def walk(item: QStandardItem) -> None:
        for row in range(item.rowCount()):
            child = item.child(row)
            if child.checkState() == Qt.CheckState.Checked:
                out.append(child.data(CODE_ID))
            walk(child)

    walk(model.invisibleRootItem())
    return out


class AnnotateDialog(QDialog):
    def __init__(self, codes, quotes: list[str], *, code_ids=(), note: str = "", title: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Annotate"))
        self.resize(560, 620)
        quote = QLabel("\n⇄\n".join(f"“{q[:300]}{'…' if len(q) > 300 else ''}”" for q in quotes), self)
        quote.setWordWrap(True)
        quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter tags…"))
        self.filter.textChanged.connect(self._filter)
        self.model = code_model(codes, checkable=True, checked=code_ids, parent=self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.expandAll()
        self.tree.setAccessibleName(self.tr("Tags"))
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(self.tr("Note (light Markdown welcome)"))
        self.note.setPlainText(note)
        self.note.setMaximumHeight(140)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(quote)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(QLabel(self.tr("Note"), self))
        layout.addWidget(self.note)
        layout.addWidget(buttons)

    def code_ids(self) -> list[int]:
        return checked_ids(self.model)

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def _filter(self, text: str) -> None:
        text = text.strip()

        def walk(item: QStandardItem, parent_index) -> bool:
            any_shown = False
            for row in range(item.rowCount()):
                child = item.child(row)
                shown_child = walk(child, child.index())
                shown = not text or text in child.text() or shown_child
                self.tree.setRowHidden(row, parent_index, not shown)
                any_shown |= shown
            return any_shown

        walk(self.model.invisibleRootItem(), self.model.invisibleRootItem().index())
        self.tree.expandAll()
