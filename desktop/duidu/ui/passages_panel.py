"""The shared passages of the open pair as a list beside the panes (as diff tools list their hunks).

One row per passage shown: where it stands in A (¶, the margin's numbers), its length, how
particular its text is (informativeness: boilerplate scores low), its kind and similarity,
and the start of its text in A's script. Sorting by any column; choosing a row focuses the
passage in both panes, and the reader's focus selects its row here.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class PassagesModel(QAbstractTableModel):
    COLUMNS = ("#", "¶", "length", "informative", "kind", "text")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple] = []  # (index, paragraph, length, informativeness, kind, similarity, text)
        self.in_script = lambda text: text

    def set_passages(self, passages, a_paragraph_starts: list[int], in_script=None) -> None:
        self.beginResetModel()
        if in_script is not None:
            self.in_script = in_script
        self._rows = [(n, max(1, bisect_right(a_paragraph_starts, p.a_start)), p.a_end - p.a_start,
                       getattr(p, "informativeness", 0.0), p.kind, p.similarity, p.a_text)
                      for n, p in enumerate(passages)]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role not in (Qt.ItemDataRole.DisplayRole,
                                                                     Qt.ItemDataRole.ToolTipRole):
            return None  # the tooltip: the whole name where a narrow column cuts it
        return (self.tr("#"), self.tr("¶"), self.tr("Length"), self.tr("Informative"), self.tr("Kind"),
                self.tr("Text"))[section]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        n, para, length, info, kind, similarity, text = self._rows[index.row()]
        col = index.column()
        if role == INDEX_ROLE:
            return n
        if role == SORT_ROLE:
            # Kind sorts fuzzy passages by similarity (least alike first), then the verbatim ones
            # (a number: the proxy compares numbers, not tuples; equal keys keep the reading order).
            return (n, para, length, info, similarity if kind == "fuzzy" else 2.0, text)[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return str(n + 1)
            if col == 1:
                return str(para)
            if col == 2:
                return str(length)
            if col == 3:
                return f"{info:.0f}"
            if col == 4:
                return self.tr("verbatim") if kind == "verbatim" else self.tr("fuzzy") + f" {similarity:.0%}"
            return self.in_script(text[:40].replace("\n", " "))
        if role == Qt.ItemDataRole.ToolTipRole and col == 5:
            return self.in_script(text[:300])
        if role == Qt.ItemDataRole.TextAlignmentRole and col < 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PassagesPanel(QWidget):
    passageChosen = Signal(int)  # index into the reader's shown passages

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = PassagesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # One line of text a row, not the style's taller default: more of the list in view.
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(self.tr("Shared passages"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.summary = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.table.clicked.connect(self._chosen)
        self.table.activated.connect(self._chosen)
        self._quiet = False

    def set_passages(self, passages, a_paragraph_starts: list[int], in_script=None) -> None:
        self.model.set_passages(passages, a_paragraph_starts, in_script)
        self._fit_columns()
        verbatim = sum(1 for p in passages if p.kind == "verbatim")
        self.summary.setText(self.tr("%n shared passages", "", len(passages)) + " · "
                             + self.tr("%n verbatim", "", verbatim))

    def _fit_columns(self) -> None:
        """The figures' columns as wide as their values (a long header such as "Informative" is cut,
        whole in its tooltip), so the text column keeps the room: at 1366x768 it showed "…"."""
        fm, table = self.table.fontMetrics(), self.table
        pad = 2 * table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) + 12
        for col in range(5):
            values = [self.proxy.index(r, col).data() or "" for r in range(self.proxy.rowCount())]
            widest = max((fm.horizontalAdvance(v) for v in values), default=0) + pad
            title = self.model.headerData(col, Qt.Orientation.Horizontal)
            # The header's name whole when it is short (#, ¶, 字数); otherwise no wider than the values need.
            table.setColumnWidth(col, max(widest, min(fm.horizontalAdvance(title) + pad + 8, 3 * fm.horizontalAdvance("0") + pad)))

    def select(self, index: int) -> None:
        """Show the reader's focused passage as the current row (without focusing it again)."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(INDEX_ROLE) == index:
                self._quiet = True
                try:
                    self.table.selectRow(row)
                    self.table.scrollTo(self.proxy.index(row, 0))
                finally:
                    self._quiet = False
                return
        self.table.clearSelection()

    def _chosen(self, index: QModelIndex) -> None:
        if index.isValid() and not self._quiet:
            self.passageChosen.emit(index.data(INDEX_ROLE))
