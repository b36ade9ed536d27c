"""Library search hits as a Qt list model: each row a hit in its context, fields under named roles."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt

_Index = QModelIndex | QPersistentModelIndex


class HitRole(IntEnum):
    DocumentId = Qt.ItemDataRole.UserRole + 1
    Title = Qt.ItemDataRole.UserRole + 2
    Paragraph = Qt.ItemDataRole.UserRole + 3
    Start = Qt.ItemDataRole.UserRole + 4
    End = Qt.ItemDataRole.UserRole + 5
    Before = Qt.ItemDataRole.UserRole + 6
    Match = Qt.ItemDataRole.UserRole + 7
    After = Qt.ItemDataRole.UserRole + 8
    Context = Qt.ItemDataRole.UserRole + 9  # "before【match】after" on one line
    Hit = Qt.ItemDataRole.UserRole + 10  # the SearchHit itself


_FIELDS = {
    HitRole.DocumentId: "document_id",
    HitRole.Title: "title",
    HitRole.Paragraph: "paragraph",
    HitRole.Start: "start",
    HitRole.End: "end",
    HitRole.Before: "before",
    HitRole.Match: "match",
    HitRole.After: "after",
}


def context(hit: Any) -> str:
    """The hit in its sentence, the match in 【】; line breaks folded so it stays one line."""
    text = f"{hit.before}【{hit.match}】{hit.after}"
    return " ".join(text.split())


class SearchResultsModel(QAbstractListModel):
    """Read-only list of ``SearchHit``s (any objects with those attributes), in the order given."""

    in_script = staticmethod(lambda text: text)  # document-derived text in the reader's script (set by the window)
    _TEXT_ROLES = (HitRole.Title, HitRole.Before, HitRole.Match, HitRole.After)

    def __init__(self, hits: Sequence[Any] = (), parent=None) -> None:
        super().__init__(parent)
        self._hits: list[Any] = list(hits)

    def set_hits(self, hits: Sequence[Any]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> Any:
        return self._hits[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._hits)) or index.column() != 0:
            return None
        hit = self._hits[index.row()]
        t = self.in_script
        if role == Qt.ItemDataRole.DisplayRole:
            return t(f"{hit.title}\n{context(hit)}")
        if role == Qt.ItemDataRole.ToolTipRole:
            return t(f"{hit.title}\n{hit.before}【{hit.match}】{hit.after}")
        if role == HitRole.Context:
            return t(context(hit))
        if role in self._TEXT_ROLES:
            return t(getattr(hit, _FIELDS[HitRole(role)]))
        if role == HitRole.Hit:
            return hit
        if role in _FIELDS:
            return getattr(hit, _FIELDS[HitRole(role)])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({int(r): QByteArray(re.sub(r"(?<!^)(?=[A-Z])", "_", r.name).lower().encode()) for r in HitRole})
        return names
