"""Notes as a Qt table, and a proxy that filters them by tag, document, region, annotator and text."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt, QT_TRANSLATE_NOOP)
from PySide6.QtGui import QColor

_Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    QT_TRANSLATE_NOOP("NotesModel", "Codes"),
    QT_TRANSLATE_NOOP("NotesModel", "Quote"),
    QT_TRANSLATE_NOOP("NotesModel", "Note"),
    QT_TRANSLATE_NOOP("NotesModel", "Document"),
    QT_TRANSLATE_NOOP("NotesModel", "Region"),
    QT_TRANSLATE_NOOP("NotesModel", "Annotator"),
    QT_TRANSLATE_NOOP("NotesModel", "Updated"),
)
TAGS, QUOTE, NOTE, DOCUMENT, REGION, ANNOTATOR, UPDATED = range(len(COLUMNS))


class NoteRole(IntEnum):
    Annotation = Qt.ItemDataRole.UserRole + 1
    Id = Qt.ItemDataRole.UserRole + 2
    CodeIds = Qt.ItemDataRole.UserRole + 3
    DocumentIds = Qt.ItemDataRole.UserRole + 4
    Regions = Qt.ItemDataRole.UserRole + 5
    Annotator = Qt.ItemDataRole.UserRole + 6
    Key = Qt.ItemDataRole.UserRole + 7  # quote(s) and note in key form (script-insensitive filter)
    Sort = Qt.ItemDataRole.UserRole + 8


def _tr(text: str) -> str:
    return QCoreApplication.translate("NotesModel", text)


class NotesModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._docs: dict[int, Any] = {}
        self._codes: dict[int, Any] = {}
        self._paths: dict[int, str] = {}
        self._keys: dict[int, str] = {}  # row -> key form, made when first filtered on

    def set_notes(self, annotations, documents, codes, paths: dict[int, str]) -> None:
        self.beginResetModel()
        self._rows = list(annotations)
        self._docs = {d.id: d for d in documents}
        self._codes = {c.id: c for c in codes}
        self._paths = dict(paths)
        self._keys = {}
        self.endResetModel()

    def annotation(self, row: int):
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _tr(COLUMNS[section])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        a = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(a, col, tooltip=role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.DecorationRole and col == TAGS and a.code_ids and a.code_ids[0] in self._codes:
            return QColor(self._codes[a.code_ids[0]].color)
        if role == Qt.ItemDataRole.ForegroundRole and a.orphaned:
            return QColor("#d55e00")
        if role == NoteRole.Annotation:
            return a
        if role == NoteRole.Id:
            return a.id
        if role == NoteRole.CodeIds:
            return list(a.code_ids)
        if role == NoteRole.DocumentIds:
            return [t.document_id for t in a.targets]
        if role == NoteRole.Regions:
            return [self._docs[t.document_id].region for t in a.targets if t.document_id in self._docs]
        if role == NoteRole.Annotator:
            return a.annotator
        if role == NoteRole.Key:
            key = self._keys.get(index.row())
            if key is None:
                from duidu.text.keyform import query_key

                key = self._keys[index.row()] = query_key(" ".join([t.quote for t in a.targets] + [a.note]))
            return key
        if role == NoteRole.Sort:
            return self._display(a, col) if col != UPDATED else a.updated_at
        return None

    def _display(self, a, col: int, tooltip: bool = False) -> str:
        if col == TAGS:
            return "; ".join(self._paths.get(c, str(c)) for c in a.code_ids)
        if col == QUOTE:
            limit = 400 if tooltip else 60
            quotes = [t.quote[:limit] for t in a.targets]
            text = "  ⇄  ".join(quotes)
            return ("⚠ " + QCoreApplication.translate("NotesModel", "orphaned") + " · " + text) if a.orphaned else text
        if col == NOTE:
            return a.note if tooltip else a.note.replace("\n", " ")[:80]
        if col == DOCUMENT:
            return "  ⇄  ".join(self._docs[t.document_id].title if t.document_id in self._docs else str(t.document_id)
                                for t in a.targets)
        if col == REGION:
            return " ⇄ ".join((self._docs[t.document_id].region or "—") if t.document_id in self._docs else "—"
                              for t in a.targets)
        if col == ANNOTATOR:
            return a.annotator
        if col == UPDATED:
            return a.updated_at.replace("T", " ")[:16]
        return ""


class NotesFilter(QSortFilterProxyModel):
    """Every filter that is set must hold; ``None`` or "" means any."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.code_ids: set[int] | None = None  # a tag and the tags under it
        self.document_id: int | None = None
        self.region: str | None = None
        self.annotator: str | None = None
        self.text = ""
        self._key = ""
        self.setSortRole(NoteRole.Sort)

    def set_filters(self, **filters) -> None:
        self.beginFilterChange()
        for name, value in filters.items():
            if name not in ("code_ids", "document_id", "region", "annotator", "text"):
                raise AttributeError(name)
            setattr(self, name, value)
        from duidu.text.keyform import query_key

        self._key = query_key(self.text) if self.text and self.text.strip() else ""
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        if self.code_ids is not None and not set(index.data(NoteRole.CodeIds)) & self.code_ids:
            return False
        if self.document_id is not None and self.document_id not in index.data(NoteRole.DocumentIds):
            return False
        if self.region and self.region not in index.data(NoteRole.Regions):
            return False
        if self.annotator and index.data(NoteRole.Annotator) != self.annotator:
            return False
        if self._key and self._key not in index.data(NoteRole.Key):
            return False
        return True
