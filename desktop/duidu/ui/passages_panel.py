"""The shared passages of the open pair as a list beside the panes (as diff tools list their hunks).

One row per passage shown: where it stands in A (¶, the margin's numbers), its length, how
particular its text is (informativeness: boilerplate scores low), its kind and similarity,
and its text in A's script on two lines. The text is what a researcher reads, so it gets the
room: the figures' columns are as narrow as their values, the kind is a short form (逐字, ≈97%,
the whole word in the tooltip) and the reading order (#) is hidden until the header's menu shows it. The most informative come first (issue 11), boilerplate
after the rest; sorting by any column (equal keys in reading order); choosing
a row focuses the passage in both panes, and the reader's focus selects its row here.

Boilerplate (套话, hidden by default) is counted beside the summary ("+134 处套话"), a button that
shows it; shown, its rows say 套话 where the kind stands and are greyed. The summary counts what
the list shows (and what it hides) without counting a passage twice. A passage whose text is
linked at further places (one paragraph quoted several times) says so in front of its text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
BOILERPLATE_ROLE = Qt.ItemDataRole.UserRole + 3  # bool
PARTNERS_ROLE = Qt.ItemDataRole.UserRole + 4  # further places the passage's text is linked at
NUMBER, PARAGRAPH, LENGTH, INFORMATIVE, KIND, TEXT = range(6)  # INFORMATIVE: the list's first order
TEXT_LINES = 2  # lines of a passage's text a row shows (every row as tall: the list reads as a table)
TEXT_CHARS = 160  # of a passage's text put in its cell: more than two lines of the widest dock hold
TOOLTIP_PARTNERS = 6  # further places listed in a row's tooltip


@dataclass(frozen=True)
class _Row:
    index: int  # into the reader's shown passages
    paragraph: int  # in A
    length: int
    informativeness: float
    kind: str
    similarity: float
    text: str
    boilerplate: bool
    places: tuple[str, ...]  # places both sides name (engine/places.py): said in the tooltip
    partners: tuple[tuple[str, int, str], ...]  # (side, paragraph there, text)

    def rank(self) -> float:
        """The Informative column's order: the score, boilerplate below the rest whatever its score.
        (Not the report's places-first ranking: a column sorted by its numbers reads 7 5 9 as broken.)"""
        return self.informativeness - (1e6 if self.boilerplate else 0.0)


def _paragraph(starts: list[int], pos: int) -> int:
    return max(1, bisect_right(starts, pos))


class PassagesModel(QAbstractTableModel):
    COLUMNS = ("#", "¶", "length", "informative", "kind", "text")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self.in_script = lambda text: text

    def set_passages(self, passages, a_paragraph_starts: list[int], in_script=None,
                     b_paragraph_starts: list[int] | None = None) -> None:
        self.beginResetModel()
        if in_script is not None:
            self.in_script = in_script
        starts = {"a": a_paragraph_starts, "b": b_paragraph_starts or []}
        self._rows = [_Row(n, _paragraph(a_paragraph_starts, p.a_start), p.a_end - p.a_start,
                           getattr(p, "informativeness", 0.0), p.kind, p.similarity, p.a_text,
                           bool(getattr(p, "boilerplate", False)), tuple(getattr(p, "places", ())),
                           tuple((q.side, _paragraph(starts[q.side], q.start) if starts[q.side] else 0, q.text)
                                 for q in getattr(p, "partners", ())))
                      for n, p in enumerate(passages)]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:  # short: the figures' columns are as narrow as their values
            return (self.tr("#"), self.tr("¶"), self.tr("Len.", "length, short"), self.tr("Inf.", "informative, short"),
                    self.tr("Kind"), self.tr("Text"))[section]
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole name
            return (self.tr("Reading order in A"), self.tr("Paragraph in A"), self.tr("Length"),
                    self.tr("Informative"), self.tr("Kind"), self.tr("Text"))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == INDEX_ROLE:
            return row.index
        if role == BOILERPLATE_ROLE:
            return row.boilerplate
        if role == PARTNERS_ROLE:
            return len(row.partners)
        if role == SORT_ROLE:
            # Kind sorts fuzzy passages by similarity (least alike first), then the verbatim ones
            # (a number: the proxy compares numbers, not tuples; equal keys keep the reading order: _ReadingOrderTies).
            # Boilerplate says so in the kind column: it sorts after the verbatim passages.
            kind = 3.0 if row.boilerplate else row.similarity if row.kind == "fuzzy" else 2.0
            return (row.index, row.paragraph, row.length, row.rank(), kind, row.text)[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.ToolTipRole and col in (INFORMATIVE, KIND, TEXT):
            return self._tooltip(row)
        if role == Qt.ItemDataRole.AccessibleTextRole and col == KIND:  # the whole word, not "≈97%"
            return self.tr("boilerplate") if row.boilerplate else self._kind(row)
        if role == Qt.ItemDataRole.ForegroundRole and row.boilerplate:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.FontRole and row.boilerplate:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:  # the text from the top: its first line beside the numbers
            side = Qt.AlignmentFlag.AlignRight if col < KIND else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignTop)
        return None

    def _display(self, row: _Row, col: int) -> str:
        if col == 0:
            return str(row.index + 1)
        if col == 1:
            return str(row.paragraph)
        if col == 2:
            return str(row.length)
        if col == INFORMATIVE:
            return f"{row.informativeness:.0f}"
        if col == KIND:  # short forms (逐字, ≈97%, 套话), the whole word in the tooltip: the text keeps the room
            if row.boilerplate:
                return self.tr("formula", "boilerplate, short")
            return self.tr("exact", "verbatim, short") if row.kind == "verbatim" else f"≈{row.similarity:.0%}"
        text = self.in_script(row.text[:TEXT_CHARS].replace("\n", " "))
        return self.tr("[+%n places]", "", len(row.partners)) + " " + text if row.partners else text

    def _kind(self, row: _Row) -> str:
        """The kind in whole words (the column shows a short form)."""
        return self.tr("verbatim") if row.kind == "verbatim" else self.tr("fuzzy") + f" {row.similarity:.0%}"

    def _tooltip(self, row: _Row) -> str:
        lines = [self.in_script(row.text[:300])]
        kind = self._kind(row)
        if row.boilerplate:
            lines.append(self.tr("Boilerplate: formulaic text shared by many policy documents") + f" · {kind}")
        else:
            lines.append(kind)
        if row.places:
            lines.append(self.tr("Names a place both documents name:") + " " + self.in_script("、".join(row.places)))
        if row.partners:
            lines.append(self.tr("Also linked at %n further places:", "", len(row.partners)))
            for side, para, text in row.partners[:TOOLTIP_PARTNERS]:
                where = f"{side.upper()} ¶{para}" if para else side.upper()
                lines.append(f"• {where} " + self.in_script(text[:40].replace("\n", " ")))
            if len(row.partners) > TOOLTIP_PARTNERS:
                lines.append("…")
        return "\n".join(lines)


class _ReadingOrderTies(QSortFilterProxyModel):
    """Sorts by SORT_ROLE; equal keys in reading order (#), whatever the list was sorted by before."""

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a != b:
            return a < b
        n, m = left.data(INDEX_ROLE), right.data(INDEX_ROLE)
        # Descending order reverses the comparison: the tie-break is reversed too, so it reads forwards.
        return n < m if self.sortOrder() == Qt.SortOrder.AscendingOrder else n > m


class PassagesPanel(QWidget):
    passageChosen = Signal(int)  # index into the reader's shown passages
    boilerplateToggled = Signal(bool)  # the "+N boilerplate" button: show (True) or hide it

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = PassagesModel(self)
        self.proxy = _ReadingOrderTies(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(INFORMATIVE, Qt.SortOrder.DescendingOrder)  # the most informative first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Two lines of text a row, every row as tall (no per-row measuring): twice the text one line
        # showed in the narrow dock, and the list still reads as a table.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(TEXT_LINES * self.table.fontMetrics().lineSpacing() + 8)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # the last line ends in … where the text goes on
        self.table.setAccessibleName(self.tr("Shared passages"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)  # which columns show
        header.customContextMenuRequested.connect(self._header_menu)
        self.table.setColumnHidden(NUMBER, True)  # the reading order: the ¶ column says where a passage stands
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.common_button = QToolButton(self)  # "+134 处套话": how many are hidden, and the way to see them
        self.common_button.setCheckable(True)
        self.common_button.setAutoRaise(True)
        self.common_button.setStyleSheet("QToolButton { color: palette(link); }")  # reads as something to click
        self.common_button.setToolTip(self.tr("Boilerplate: formulaic text shared by many policy documents, "
                                              "hidden by default. Shown, it is greyed and marked in the list."))
        self.common_button.hide()
        self.common_button.toggled.connect(self._common_toggled)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.common_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.table.clicked.connect(self._chosen)
        self.table.activated.connect(self._chosen)
        self._quiet = False
        self._common = 0
        self._label_common()  # named (and hidden) before any pair: screen readers read its text

    def set_passages(self, passages, a_paragraph_starts: list[int], in_script=None, *,
                     b_paragraph_starts: list[int] | None = None, boilerplate: int = 0,
                     showing_boilerplate: bool = False) -> None:
        """``passages``: the reader's shown ones; ``boilerplate``: how many of the pair's passages are
        boilerplate (hidden unless ``showing_boilerplate``)."""
        self.model.set_passages(passages, a_paragraph_starts, in_script, b_paragraph_starts)
        self._fit_columns()
        self.summary.setText(self._summary(passages, boilerplate, showing_boilerplate))
        self._common = boilerplate
        self.common_button.blockSignals(True)
        self.common_button.setChecked(showing_boilerplate)
        self.common_button.blockSignals(False)
        self._label_common()

    def _summary(self, passages, boilerplate: int, showing: bool) -> str:
        """What the list shows, each passage counted once: verbatim and fuzzy among the passages of
        substance, boilerplate apart (it is verbatim too: "147 · 120 verbatim · 129 boilerplate" read
        as if there were 249); hidden boilerplate is counted by the button beside."""
        own = [p for p in passages if not getattr(p, "boilerplate", False)]
        verbatim = sum(1 for p in own if p.kind == "verbatim")
        kinds = self.tr("%1, %2", "verbatim, fuzzy").replace("%1", self.tr("%n verbatim", "", verbatim)) \
            .replace("%2", self.tr("%n fuzzy", "", len(own) - verbatim))
        shared = self.tr("%n shared passages", "", len(own))
        common = len(passages) - len(own)
        if not (showing and common):
            return self.tr("%1: %2", "shared passages: their kinds").replace("%1", shared).replace("%2", kinds)
        return (self.tr("%1 shown: %2 (%3), %4").replace("%1", str(len(passages))).replace("%2", shared)
                .replace("%3", kinds).replace("%4", self.tr("%n boilerplate", "", common)))

    def _label_common(self) -> None:
        n, on = self._common, self.common_button.isChecked()
        self.common_button.setText(self.tr("Hide boilerplate") if on else self.tr("+%n boilerplate hidden", "", n))
        self.common_button.setToolTip(self.tr("Show the boilerplate in the list") if not on else
                                      self.tr("Hide the boilerplate again"))
        self.common_button.setVisible(n > 0)

    def _common_toggled(self, on: bool) -> None:
        self._label_common()
        self.boilerplateToggled.emit(on)

    def _fit_columns(self) -> None:
        """The figures' columns as wide as their values or their short header, so the text column
        keeps the room: at 1366x768 it showed five characters ("开放战略…")."""
        fm, table = self.table.fontMetrics(), self.table
        pad = 2 * table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) + 8
        heading = table.horizontalHeader().fontMetrics()
        for col in range(TEXT):
            values = [self.proxy.index(r, col).data() or "" for r in range(self.proxy.rowCount())]
            widest = max((fm.horizontalAdvance(v) for v in values), default=0) + pad
            title = self.model.headerData(col, Qt.Orientation.Horizontal)
            # The short header whole, unless the sort arrow would need more than a digit's room.
            table.setColumnWidth(col, max(widest, heading.horizontalAdvance(title) + pad + 4))

    def _header_menu(self, pos) -> None:
        """Which of the figures' columns show (# is hidden at first); the text always shows."""
        menu = QMenu(self)
        for col in range(TEXT):
            action = menu.addAction(self.model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(col))
            action.toggled.connect(lambda on, c=col: self.table.setColumnHidden(c, not on))
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))
        menu.deleteLater()

    def select(self, index: int) -> None:
        """Show the reader's focused passage as the current row (without focusing it again)."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(INDEX_ROLE) == index:
                self._quiet = True
                try:
                    self.table.selectRow(row)
                    self.table.scrollTo(self.proxy.index(row, TEXT))  # # (column 0) may be hidden: no scrolling to it
                finally:
                    self._quiet = False
                return
        self.table.clearSelection()

    def _chosen(self, index: QModelIndex) -> None:
        if index.isValid() and not self._quiet:
            self.passageChosen.emit(index.data(INDEX_ROLE))
