"""The library's documents as a Qt table model, with a proxy that sorts Chinese titles by pinyin and filters by region."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from functools import cmp_to_key
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QByteArray,
    QCollator,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

_Index = QModelIndex | QPersistentModelIndex

# (attribute on Document, header). Order is the column order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", QT_TRANSLATE_NOOP("LibraryModel", "Title")),
    ("region", QT_TRANSLATE_NOOP("LibraryModel", "Region")),
    ("date", QT_TRANSLATE_NOOP("LibraryModel", "Date")),
    ("issuing_body", QT_TRANSLATE_NOOP("LibraryModel", "Issued by")),
    ("doc_number", QT_TRANSLATE_NOOP("LibraryModel", "Number")),
    ("script", QT_TRANSLATE_NOOP("LibraryModel", "Script")),
    ("length", QT_TRANSLATE_NOOP("LibraryModel", "Length")),
)
EDITABLE = frozenset({"title", "region", "date", "issuing_body", "doc_number"})  # the fields Library.update_metadata takes from the table
WORDS = frozenset({"title", "region", "issuing_body", "doc_number"})  # the document's own words: shown in the reader's script

SCRIPT_LABELS = {
    "simplified": QT_TRANSLATE_NOOP("LibraryModel", "Simplified"),
    "traditional": QT_TRANSLATE_NOOP("LibraryModel", "Traditional"),
    "mixed": QT_TRANSLATE_NOOP("LibraryModel", "Mixed"),
    "unknown": QT_TRANSLATE_NOOP("LibraryModel", "Unknown"),
}
# What the narrow column shows (the tooltip gives the full name).
SCRIPT_SHORT = {
    "simplified": QT_TRANSLATE_NOOP("LibraryModel", "Simp."),
    "traditional": QT_TRANSLATE_NOOP("LibraryModel", "Trad."),
    "mixed": QT_TRANSLATE_NOOP("LibraryModel", "Mixed"),
    "unknown": QT_TRANSLATE_NOOP("LibraryModel", "?"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("LibraryModel", text)


def chinese_collator() -> QCollator:
    collator = QCollator(QLocale("zh_CN"))
    collator.setNumericMode(True)
    return collator


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
    """Table over a list of library ``Document``s (any objects with those attributes).

    Title, region and date are editable, but the model never writes them: ``setData`` emits
    ``editRequested`` and the owner stores the change, then hands back the stored document
    through ``update_document``. Until then (or if storing fails) the row shows what it had.
    """

    editRequested = Signal(int, str, str)  # document id, field, new value
    # The reader's script for the documents' words (set by the window); editing and sorting see them as stored.
    in_script = staticmethod(lambda text: text)
    # Columns a narrow panel leaves out (set by the panel): the title's tooltip gives their values.
    left_out: tuple[str, ...] = ()

    def __init__(self, documents: Sequence[Any] = (), parent=None) -> None:
        super().__init__(parent)
        self._docs: list[Any] = list(documents)

    def set_documents(self, documents: Sequence[Any]) -> None:
        self.beginResetModel()
        self._docs = list(documents)
        self.endResetModel()

    def document(self, row: int) -> Any:
        return self._docs[row]

    def documents(self) -> list[Any]:
        return list(self._docs)

    def row_of(self, document_id: int) -> int:
        """The row showing ``document_id``, or -1."""
        return next((r for r, d in enumerate(self._docs) if d.id == document_id), -1)

    def update_document(self, doc: Any) -> bool:
        """Show ``doc`` (as stored) in place of the row with its id; False if no row has it."""
        row = self.row_of(doc.id)
        if row < 0:
            return False
        self._docs[row] = doc
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

    def regions(self) -> list[str]:
        """The distinct regions of the documents, in pinyin order."""
        found = {d.region for d in self._docs if d.region}
        return sorted(found, key=cmp_to_key(chinese_collator().compare))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._docs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._docs)):
            return None
        doc = self._docs[index.row()]
        field = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole and field == "script":  # the narrow column: 简 / 繁 / 混
            return _tr(SCRIPT_SHORT[doc.script]) if doc.script in SCRIPT_SHORT else doc.script
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            shown = self._display(doc, field)
            shown = self.in_script(shown) if field in WORDS else shown
            if role == Qt.ItemDataRole.ToolTipRole and field == "title" and self.left_out:
                rest = [self.index(index.row(), n).data() for n, (f, _) in enumerate(COLUMNS) if f in self.left_out]
                rest = [r for r in rest if r]
                if rest:  # the whole title, then what the hidden columns would say (region · date …)
                    return f"{shown}\n{' · '.join(rest)}"
            return shown
        if role == Qt.ItemDataRole.EditRole:
            value = getattr(doc, field)
            return "" if value is None else value
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
            return _tr(SCRIPT_LABELS[value]) if value in SCRIPT_LABELS else value
        if field == "length":
            return QLocale().toString(int(value))
        return str(value)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            role = Qt.ItemDataRole.DisplayRole  # the whole name, should a narrow column cut it
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _tr(COLUMNS[section][1])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._docs):
            return str(section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if COLUMNS[index.column()][0] in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ask for the change (``editRequested``); True if asked. The row changes only via ``update_document``."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not (0 <= index.row() < len(self._docs)):
            return False
        field = COLUMNS[index.column()][0]
        if field not in EDITABLE:
            return False
        doc = self._docs[index.row()]
        text = "" if value is None else str(value)
        if text == (getattr(doc, field) or ""):
            return False  # nothing to change
        self.editRequested.emit(doc.id, field, text)
        return True

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({int(r): QByteArray(r.name.lower().encode()) for r in Role})
        return names


class LibrarySortProxy(QSortFilterProxyModel):
    """Sorts on raw values; strings by Chinese collation (pinyin), so 国 < 加 < 全, not by code point.

    ``set_region`` keeps only one region's documents (None: all of them).
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._collator = chinese_collator()
        self._region: str | None = None
        self.setSortRole(Role.Sort)

    def region(self) -> str | None:
        return self._region

    def set_region(self, region: str | None) -> None:
        if region == self._region:
            return
        self.beginFilterChange()
        self._region = region
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._region is None:
            return True
        return self.sourceModel().index(source_row, 0, source_parent).data(Role.Region) == self._region

    def lessThan(self, left: _Index, right: _Index) -> bool:
        a, b = left.data(self.sortRole()), right.data(self.sortRole())
        if a is None or b is None:  # missing values sort last when ascending
            return a is not None and b is None
        if isinstance(a, str) and isinstance(b, str):
            return self._collator.compare(a, b) < 0
        return a < b
