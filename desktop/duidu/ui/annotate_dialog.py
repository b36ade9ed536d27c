"""Tagging a passage: the codebook as a checkable tree, a note, and the quote(s) being annotated."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit, QTreeView, QVBoxLayout,
                               QWidget)

CODE_ID = Qt.ItemDataRole.UserRole + 1


KEY = Qt.ItemDataRole.UserRole + 2  # the code's name in key form: a filter finds 协调 and 協調 alike


def code_model(codes, *, checkable: bool = False, checked=(), counts: dict[int, int] | None = None,
               parent=None, in_script=None) -> QStandardItemModel:
    """The codebook as a tree model (a code's colour as its decoration, its description as tooltip,
    with ``counts`` how many notes use it after its name; names through ``in_script``, the reader's
    script, as the notes' cards show them)."""
    from duidu.text.keyform import query_key

    shown = in_script or (lambda text: text)
    model = QStandardItemModel(parent)
    items: dict[int, QStandardItem] = {}
    checked = set(checked)
    for c in codes:  # tree order: a parent always comes before its children
        item = QStandardItem(shown(c.name) if counts is None else f"{shown(c.name)}  ({counts.get(c.id, 0)})")
        item.setData(query_key(c.name), KEY)
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
    """Quick coding: the filter has the focus (type a code's name in either script, Enter ticks the
    first match); the codes used last stand on top, each ticked by its number key (1–9)."""

    def __init__(self, codes, quotes: list[str], *, code_ids=(), note: str = "", title: str = "",
                 recent=(), counts: dict[int, int] | None = None, parent: QWidget | None = None,
                 in_script=None) -> None:
        super().__init__(parent)
        self.in_script = in_script or (lambda text: text)  # code names in the reader's script
        self.setWindowTitle(title or self.tr("Annotate"))
        self.resize(560, 620)
        quote = QLabel("\n⇄\n".join(f"“{q[:300]}{'…' if len(q) > 300 else ''}”" for q in quotes), self)
        quote.setWordWrap(True)
        quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter codes…"))
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self._tick_first)
        self.model = code_model(codes, checkable=True, checked=code_ids, counts=counts, parent=self,
                                in_script=self.in_script)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.expandAll()
        self.tree.setAccessibleName(self.tr("Codes"))
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(self.tr("Note (light Markdown welcome)"))
        self.note.setPlainText(note)
        self.note.setMaximumHeight(140)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(quote)
        self.recent_buttons = self._recent_row(codes, recent, layout)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(QLabel(self.tr("Note"), self))
        layout.addWidget(self.note)
        layout.addWidget(buttons)

        # The digits reach the focused filter or tree before this dialog: caught there (see _key).
        for widget in (self.filter, self.tree, self.note):
            widget.installEventFilter(self)
        self.filter.setFocus()

    def _recent_row(self, codes, recent, layout) -> list:
        """The last used codes as toggle buttons, keys 1–9 (the codes a coder reaches for next)."""
        from PySide6.QtWidgets import QHBoxLayout, QToolButton

        by_id = {c.id: c for c in codes}
        buttons = []
        row = QHBoxLayout()
        for n, code_id in enumerate([c for c in recent if c in by_id][:9], 1):
            code = by_id[code_id]
            button = QToolButton(self)
            button.setText(f"{n} {self.in_script(code.name)}")
            button.setCheckable(True)
            button.setChecked(code_id in checked_ids(self.model))
            button.setStyleSheet(f"QToolButton {{ border-left: 4px solid {code.color}; padding: 2px 6px; }}")
            button.setToolTip(self.tr("Key %1 (Alt+%1 while typing)").replace("%1", str(n)))
            button.toggled.connect(lambda on, c=code_id: self.set_checked(c, on))
            row.addWidget(button)
            buttons.append(button)
        if buttons:
            row.addStretch(1)
            layout.addLayout(row)
        return buttons

    def keyPressEvent(self, event) -> None:
        if not self._key(self.focusWidget(), event):
            super().keyPressEvent(event)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and self._key(watched, event):
            return True
        return super().eventFilter(watched, event)

    def _key(self, widget, event) -> bool:
        """1–9 toggle the recent codes (in the filter while it is empty), Alt+1–9 also while typing;
        Enter in a filter with text ticks its first code and keeps the dialog open for the next
        (Enter on an empty filter is the OK button). True when the key was used here."""
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and widget is self.filter and self.filter.text().strip():
            self._tick_first()
            return True
        n = key - Qt.Key.Key_0 if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 else 0
        if not n or n > len(self.recent_buttons):
            return False
        typing = widget is self.note or (isinstance(widget, QLineEdit) and (widget is not self.filter or widget.text()))
        if mods == Qt.KeyboardModifier.AltModifier or (mods == Qt.KeyboardModifier.NoModifier and not typing):
            self.recent_buttons[n - 1].toggle()
            return True
        return False

    def set_checked(self, code_id: int, on: bool) -> None:
        found = self.model.match(self.model.index(0, 0), CODE_ID, code_id, 1,
                                 Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly)
        if found:
            self.model.itemFromIndex(found[0]).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _tick_first(self) -> None:
        """Enter in the filter: tick the first code shown, then clear the filter for the next one
        (an empty filter ticks nothing: the first code shown is then just the codebook's first)."""
        if not self.filter.text().strip():
            return

        def first(item: QStandardItem, parent_index):
            for row in range(item.rowCount()):
                child = item.child(row)
                if self.tree.isRowHidden(row, parent_index):
                    continue
                if not self.filter.text().strip() or self._matches(child):
                    return child
                found = first(child, child.index())
                if found is not None:
                    return found
            return None

        item = first(self.model.invisibleRootItem(), self.model.invisibleRootItem().index())
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked)
            self.filter.clear()

    def _matches(self, item: QStandardItem) -> bool:
        from duidu.text.keyform import query_key

        key = query_key(self.filter.text().strip())
        return not key or key in (item.data(KEY) or "")

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
                shown = not text or self._matches(child) or shown_child  # either script, any width
                self.tree.setRowHidden(row, parent_index, not shown)
                any_shown |= shown
            return any_shown

        walk(self.model.invisibleRootItem(), self.model.invisibleRootItem().index())
        self.tree.expandAll()
