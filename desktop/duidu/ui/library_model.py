"""The library's documents as a Qt table model, with a proxy that sorts Chinese titles by pinyin."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCollator,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

_Index = QModelIndex | QPersistentModelIndex

# (attribute on Document, header). Order is the column order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "标题 Title"),
    ("region", "地区 Region"),
    ("date", "日期 Date"),
    ("script", "文字 Script"),
    ("length", "字数 Length"),
)

SCRIPT_LABELS = {
    "simplified": "简体 Simplified",
    "traditional": "繁體 Traditional",
    "mixed": "混合 Mixed",
    "unknown": "未知 Unknown",
}


class Role(IntEnum):
    """Named roles, so views and tests read fields without knowing column numbers."""

    Id = Qt.ItemDataRole.UserRole + 1
    Title = Qt.ItemDataRole.UserRole + 2
    Region = Qt.ItemDataRole.UserRole + 3
    Date = Qt.ItemDataRole.UserRole + 4
    Script = Qt.ItemDataRole.UserRole + 5
    Length = Qt.ItemDataRole.UserRole + 6
    Sort = Qt.ItemDataRole.UserRole + 7  # raw value of the cell's field: str, int or None
    Document = Qt.ItemDataRole.UserRole + 8  # the Document object itself


_FIELD_ROLES = {
    Role.Id: "id",
    Role.Title: "title",
    Role.Region: "region",
    Role.Date: "date",
    Role.Script: "script",
    Role.Length: "length",
}


class LibraryModel(QAbstractTableModel):
    """Read-only table over a list of library ``Document``s (any objects with those attributes)."""

    def __init__(self, documents: Sequence[Any] = (), parent=None) -> None:
        super().__init__(parent)
        self._docs: list[Any] = list(documents)

    def set_documents(self, documents: Sequence[Any]) -> None:
        self.beginResetModel()
        self._docs = list(documents)
        self.endResetModel()

    def document(self, row: int) -> Any:
        return self._docs[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._docs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._docs)):
            return None
        doc = self._docs[index.row()]
        field = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(doc, field)
        if role == Role.Sort:
            return getattr(doc, field)
        if role == Role.Document:
            return doc
        if role in _FIELD_ROLES:
            return getattr(doc, _FIELD_ROLES[Role(role)])
        if role == Qt.ItemDataRole.TextAlignmentRole and field == "length":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(doc: Any, field: str) -> str:
        value = getattr(doc, field)
        if value is None:
            return ""
        if field == "script":
            return SCRIPT_LABELS.get(value, value)
        if field == "length":
            return QLocale().toString(int(value))
        return str(value)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._docs):
            return str(section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({int(r): QByteArray(r.name.lower().encode()) for r in Role})
        return names


class LibrarySortProxy(QSortFilterProxyModel):
    """Sorts on raw values; strings by Chinese collation (pinyin), so 国 < 加 < 全, not by code point."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._collator = QCollator(QLocale("zh_CN"))
        self._collator.setNumericMode(True)
        self.setSortRole(Role.Sort)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        a, b = left.data(self.sortRole()), right.data(self.sortRole())
        if a is None or b is None:  # missing values sort last when ascending
            return a is not None and b is None
        if isinstance(a, str) and isinstance(b, str):
            return self._collator.compare(a, b) < 0
        return a < b
