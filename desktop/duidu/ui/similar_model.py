"""Similar-passage search results (``SimilarHit``s, best first) as a Qt list model."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

_Index = QModelIndex | QPersistentModelIndex
TITLE_CHARS = 28  # a longer title is cut in the list (the tooltip has it whole)


class Role(IntEnum):
    DocumentId = Qt.ItemDataRole.UserRole + 1
    Title = Qt.ItemDataRole.UserRole + 2
    Start = Qt.ItemDataRole.UserRole + 3
    End = Qt.ItemDataRole.UserRole + 4
    Text = Qt.ItemDataRole.UserRole + 5
    Score = Qt.ItemDataRole.UserRole + 6  # 0..1
    Rank = Qt.ItemDataRole.UserRole + 7  # 1-based
    Hit = Qt.ItemDataRole.UserRole + 8  # the SimilarHit itself


_FIELDS = {Role.DocumentId: "document_id", Role.Title: "title", Role.Start: "start", Role.End: "end",
           Role.Text: "text", Role.Score: "score"}


def _short(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…"


class SimilarResultsModel(QAbstractListModel):
    """Read-only list of hits; display is "rank. title · score%" over the passage."""

    in_script = staticmethod(lambda text: text)  # document-derived text in the reader's script (set by the window)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._hits: list[Any] = []

    def set_hits(self, hits: Sequence[Any]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits([])

    def hit(self, row: int) -> Any:
        return self._hits[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._hits)):
            return None
        hit, rank = self._hits[index.row()], index.row() + 1
        if role in _FIELDS:
            return getattr(hit, _FIELDS[Role(role)])
        if role == Role.Rank:
            return rank
        if role == Role.Hit:
            return hit
        score = f"{hit.score * 100:.1f}%"
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{rank}. {self.in_script(_short(hit.title))} · {score}\n{self.in_script(hit.text)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.in_script(hit.title)}\n" + QCoreApplication.translate("SimilarResultsModel", "Similarity") \
                + f" {score}\n\n{self.in_script(hit.text)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{rank}. {hit.title}, {score}: {hit.text}"
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({int(r): QByteArray(r.name.lower().encode()) for r in Role})
        return names
