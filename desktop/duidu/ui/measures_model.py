"""Measures × documents as a Qt tree (category → measure), and a pair's figures as a table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

_Index = QModelIndex | QPersistentModelIndex
_CATEGORY = 0  # internalId of a category row; a measure row's is its category's number + 1
TOOLTIP_SPANS = 8  # evidence texts listed in a cell's tooltip
VERMILLION = QColor("#D55E00")  # Okabe–Ito: safe for every common colour-vision deficiency
FLAG_STRENGTH = 0.3  # how much vermillion is blended into the row background


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("MeasuresModel", text, None, n)


def _role_names(model, roles) -> dict[int, QByteArray]:
    names = dict(QAbstractItemModel.roleNames(model))
    names.update({int(r): QByteArray(r.name.lower().encode()) for r in roles})
    return names


def _flag_background() -> QColor:
    """Vermillion blended into the palette's base: marks a row in light and dark themes alike."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    k = FLAG_STRENGTH
    return QColor.fromRgbF(*(b * (1 - k) + v * k for b, v in zip(base.getRgbF()[:3], VERMILLION.getRgbF()[:3])))


@dataclass(frozen=True)
class DocumentColumn:
    id: int
    header: str  # short: "A 重庆", "#3 重庆"
    title: str  # the header's tooltip


class Role(IntEnum):
    """Named roles of ``MeasuresModel``; ``DocumentId`` and ``Spans`` are per cell."""

    Kind = Qt.ItemDataRole.UserRole + 1  # "category" | "measure"
    Name = Qt.ItemDataRole.UserRole + 2  # measure name (category rows: None)
    Category = Qt.ItemDataRole.UserRole + 3
    DocumentId = Qt.ItemDataRole.UserRole + 4  # None in the name column
    Spans = Qt.ItemDataRole.UserRole + 5  # tuple of (start, end) in the document's stored text
    Count = Qt.ItemDataRole.UserRole + 6  # len(Spans)
    Texts = Qt.ItemDataRole.UserRole + 7  # the evidence texts, when the documents' texts are known
    Row = Qt.ItemDataRole.UserRole + 8  # the engine's MeasureRow


class _GroupedTree(QAbstractItemModel):
    """Two levels, groups and their rows: a group row's internalId is ``_CATEGORY``, a row's is its
    group's number + 1 (the measures' categories, the figures' periods)."""

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, id=_CATEGORY)
        return self.createIndex(row, column, id=parent.row() + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _CATEGORY:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, id=_CATEGORY)


class MeasuresModel(_GroupedTree):
    """Categories (engine order) holding their measures; column 0 the name, then one per document."""

    in_script = staticmethod(lambda text: text)  # document-derived text in the reader's script (set by the window)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._columns: list[DocumentColumn] = []
        self._rows: list[Any] = []  # all MeasureRows, engine order
        self._texts: Mapping[int, str] = {}
        self._shared_only = False
        self._groups: list[tuple[str, list[Any]]] = []  # what is shown

    # -- filling --------------------------------------------------------------------
    def set_table(self, columns: Sequence[DocumentColumn], rows: Sequence[Any],
                  texts: Mapping[int, str] | None = None) -> None:
        """Show ``rows`` (``MeasureRow``s as ``measure_table`` orders them) for ``columns``."""
        self.beginResetModel()
        self._columns, self._rows, self._texts = list(columns), list(rows), dict(texts or {})
        self._group()
        self.endResetModel()

    def clear(self) -> None:
        self.set_table([], [])

    def set_shared_only(self, on: bool) -> None:
        """Keep only measures stated by two or more of the shown documents (both, for a pair)."""
        if on != self._shared_only:
            self.beginResetModel()
            self._shared_only = on
            self._group()
            self.endResetModel()

    def shared_only(self) -> bool:
        return self._shared_only

    def _group(self) -> None:
        ids = {c.id for c in self._columns}
        groups: dict[str, list[Any]] = {}
        for row in self._rows:  # dicts keep the engine's category order
            if self._shared_only and len(ids.intersection(row.mentions)) < 2:
                continue
            groups.setdefault(row.category, []).append(row)
        self._groups = list(groups.items())

    # -- reading back ---------------------------------------------------------------
    def document_columns(self) -> list[DocumentColumn]:
        return list(self._columns)

    def column_of(self, document_id: int) -> int:
        """The model column of a document, or -1."""
        return next((k + 1 for k, c in enumerate(self._columns) if c.id == document_id), -1)

    def measure_row(self, index: _Index) -> Any:
        """The ``MeasureRow`` at ``index`` (None for a category row)."""
        if not index.isValid() or index.internalId() == _CATEGORY:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    # -- the model --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _CATEGORY and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 1 + len(self._columns)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != _CATEGORY:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _CATEGORY:
            return self._category_data(index, role)
        row = self.measure_row(index)
        doc = self._columns[index.column() - 1] if index.column() > 0 else None
        spans = row.mentions.get(doc.id, ()) if doc is not None else ()
        if role == Role.Kind:
            return "measure"
        if role == Role.Name:
            return row.name
        if role == Role.Category:
            return row.category
        if role == Role.Row:
            return row
        if role == Role.DocumentId:
            return None if doc is None else doc.id
        if role == Role.Spans:
            return tuple(spans)
        if role == Role.Count:
            return len(spans)
        if role == Role.Texts:
            text = self._texts.get(doc.id) if doc is not None else None
            return None if text is None else [text[s:e] for s, e in spans]
        if doc is None:  # the name column
            if role == Qt.ItemDataRole.DisplayRole:
                return self.in_script(row.name)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._name_tooltip(row)
            if role == Qt.ItemDataRole.FontRole and self._is_shared(row):
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"✓ {len(spans)}" if spans else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell_tooltip(row, doc, spans) if spans else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{doc.header}: " + QCoreApplication.translate("MeasuresModel", "%n spans", None, len(spans))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _category_data(self, index: _Index, role: int) -> Any:
        category, rows = self._groups[index.row()]
        if role == Role.Kind:
            return "category"
        if role == Role.Category:
            return category
        if role == Role.Spans:
            return ()
        if role == Role.Count:
            return 0
        if role == Role.DocumentId:
            return self._columns[index.column() - 1].id if index.column() > 0 else None
        if index.column() == 0 and role == Qt.ItemDataRole.DisplayRole:
            # The engine's policy area names the documents' content as a measure's name does (and the
            # pair report converts both): shown in the reader's script, not translated as interface words.
            return f"{self.in_script(category)} ({len(rows)})"
        if index.column() == 0 and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _is_shared(self, row: Any) -> bool:
        return len(self._columns) > 1 and len({c.id for c in self._columns}.intersection(row.mentions)) > 1

    def _name_tooltip(self, row: Any) -> str:
        shown = sum(1 for c in self._columns if c.id in row.mentions)
        return f"{row.name} · {shown}/{len(self._columns)} " + QCoreApplication.translate("MeasuresModel", "documents state it")

    def _cell_tooltip(self, row: Any, doc: DocumentColumn, spans) -> str:
        lines = [f"{row.name} — {doc.title}"]
        text = self._texts.get(doc.id)
        if text is not None:
            lines += [f"• {text[s:e]}" for s, e in spans[:TOOLTIP_SPANS]]
            if len(spans) > TOOLTIP_SPANS:
                lines.append(QCoreApplication.translate("MeasuresModel", "… %n more", None, len(spans) - TOOLTIP_SPANS))
        lines.append(QCoreApplication.translate("MeasuresModel", "Click to show, again for the next"))
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section <= len(self._columns)):
            return None
        if section == 0:
            return QCoreApplication.translate("MeasuresModel", "Measure") if role == Qt.ItemDataRole.DisplayRole else None
        doc = self._columns[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.in_script(doc.header)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.in_script(doc.title)
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        return _role_names(self, Role)


class FigureRole(IntEnum):
    Measure = Qt.ItemDataRole.UserRole + 1
    AText = Qt.ItemDataRole.UserRole + 2
    BText = Qt.ItemDataRole.UserRole + 3
    AValue = Qt.ItemDataRole.UserRole + 4
    BValue = Qt.ItemDataRole.UserRole + 5
    Differs = Qt.ItemDataRole.UserRole + 6
    Spans = Qt.ItemDataRole.UserRole + 7  # (a_start, a_end, b_start, b_end); None on a period row
    Pair = Qt.ItemDataRole.UserRole + 8  # the engine's FigurePair; None on a period row
    Period = Qt.ItemDataRole.UserRole + 9  # 2026年目标, 2025年 … ("" for the figures of measures)
    Kind = Qt.ItemDataRole.UserRole + 10  # "period" | "figure"


CONTEXT_CHARS = 30  # of the sentence before a figure, quoted in its tooltip
_SENTENCE_BREAK = "。；;！？!?\n"


def as_written(text: str, qualifier: str, value: float | None = None) -> str:
    """A value with its qualifier, as a reader says it: 5%以上 is written so; 年均超过70万人 read
    its 超过 from the words before the value (70万人), so it is put back in front: 超过70万人. A fall
    (固定资产投资下降3.3%: value -3.3, text 3.3%) reads −3.3%, or it would look like a rise of 3.3%."""
    from duidu.engine.indicators import PREFIX_QUALIFIERS  # (the engine's own list; not loaded at start-up)

    if value is not None and value < 0 and not text.startswith(("-", "−")):
        text = "−" + text
    if not qualifier or qualifier == "区间" or qualifier in text:
        return text
    return qualifier + text if qualifier in PREFIX_QUALIFIERS else text + qualifier


def _period_order(period: str) -> int:
    # This year's targets first (what a reader compares), then a plan's, then the results; the
    # figures of measures (no period) last. Equal ranks keep the order they first appear in.
    if not period:
        return 3
    if "目标" in period:
        return 0 if "—" not in period else 1
    return 2


class FiguresModel(_GroupedTree):
    """A pair's figures in a tree: period (2026年目标, 2025年 …) → indicator | A | B | ≠.

    A and B are the values as the documents write them, qualifier included (5.5%左右, 65万人以上);
    differing rows come first in each period and are flagged; a row's tooltip quotes the wording."""

    in_script = staticmethod(lambda text: text)  # document-derived text in the reader's script (set by the window)

    INDICATOR, A, B, DIFFERS = range(4)  # INDICATOR also names the measure a figure belongs to

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[str, list[Any]]] = []
        self._headers = ("A", "B")
        self._texts: tuple[str, str] | None = None

    # -- filling ----------------------------------------------------------------------
    def set_pairs(self, pairs: Sequence[Any], a_header: str = "A", b_header: str = "B",
                  texts: tuple[str, str] | None = None) -> None:
        """Show ``pairs`` (``FigurePair``s); ``texts`` (A's and B's stored text) let tooltips quote the wording."""
        self.beginResetModel()
        groups: dict[str, list[Any]] = {}
        for p in pairs:
            groups.setdefault(getattr(p, "period", ""), []).append(p)
        # The figures that differ first, as the report lists them: what a reviewer checks (text order within each).
        self._groups = sorted(((period, sorted(ps, key=lambda p: not p.differs)) for period, ps in groups.items()),
                              key=lambda g: _period_order(g[0]))
        self._headers, self._texts = (a_header, b_header), texts
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.DIFFERS)

    # -- reading back -----------------------------------------------------------------
    def pairs(self) -> list[Any]:
        """Every pair in the order shown (period by period)."""
        return [p for _, ps in self._groups for p in ps]

    def count(self) -> int:
        return sum(len(ps) for _, ps in self._groups)

    def differing(self) -> int:
        return sum(1 for p in self.pairs() if p.differs)

    def pair(self, index: _Index) -> Any:
        """The ``FigurePair`` at ``index`` (None on a period row)."""
        if not index.isValid() or index.internalId() == _CATEGORY:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    def index_of(self, pair: Any, column: int = 0) -> QModelIndex:
        for g, (_, ps) in enumerate(self._groups):
            for r, p in enumerate(ps):
                if p is pair:
                    return self.index(r, column, self.index(g, 0))
        return QModelIndex()

    # -- the model --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _CATEGORY and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 4

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != _CATEGORY:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _CATEGORY:
            return self._period_data(index, role)
        p = self.pair(index)
        named = {
            FigureRole.Measure: p.measure, FigureRole.AText: p.a_text, FigureRole.BText: p.b_text,
            FigureRole.AValue: p.a_value, FigureRole.BValue: p.b_value, FigureRole.Differs: p.differs,
            FigureRole.Spans: (p.a_start, p.a_end, p.b_start, p.b_end), FigureRole.Pair: p,
            FigureRole.Period: getattr(p, "period", ""), FigureRole.Kind: "figure",
        }
        if role in named:
            return named[FigureRole(role)]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.DIFFERS:
                return "≠" if p.differs else "="
            if col == self.INDICATOR:
                return self.in_script(p.measure)
            side = "a" if col == self.A else "b"
            text, qualifier, value = (getattr(p, f"{side}_{k}", "") for k in ("text", "qualifier", "value"))
            return self.in_script(as_written(text, qualifier, value if isinstance(value, (int, float)) else None))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(p)
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.DIFFERS:
            return QCoreApplication.translate("MeasuresModel", "The figures differ") if p.differs else QCoreApplication.translate("MeasuresModel", "The figures agree")
        if role == Qt.ItemDataRole.BackgroundRole and p.differs:
            return _flag_background()
        if role == Qt.ItemDataRole.FontRole and p.differs:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col != self.INDICATOR:
            return int((Qt.AlignmentFlag.AlignCenter if col == self.DIFFERS else Qt.AlignmentFlag.AlignRight)
                       | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _period_data(self, index: _Index, role: int) -> Any:
        period, pairs = self._groups[index.row()]
        if role == FigureRole.Kind:
            return "period"
        if role == FigureRole.Period:
            return period
        if role in (FigureRole.Spans, FigureRole.Pair):
            return None
        if role == FigureRole.Differs:
            return any(p.differs for p in pairs)
        if index.column() != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            name = self.in_script(period) if period else QCoreApplication.translate("MeasuresModel", "Figures of measures")
            differ = sum(1 for p in pairs if p.differs)
            return f"{name} ({len(pairs)})" + (f" · ≠ {differ}" if differ else "")  # ≠: the column's sign
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _quote(self, side: int, start: int, end: int) -> str:
        """The wording before a figure, back to its sentence's start (at most CONTEXT_CHARS)."""
        if self._texts is None:
            return ""
        text = self._texts[side]
        lead = text[max(0, start - CONTEXT_CHARS):start]
        cut = max(lead.rfind(c) for c in _SENTENCE_BREAK)
        lead = lead[cut + 1:] if cut >= 0 else ("…" if start > CONTEXT_CHARS else "") + lead
        return lead + text[start:end]

    def _tooltip(self, p: Any) -> str:
        period = getattr(p, "period", "")
        lines = [self.in_script(p.measure + (f" · {period}" if period else ""))]
        for side, header, text, start, end in ((0, self._headers[0], p.a_text, p.a_start, p.a_end),
                                                (1, self._headers[1], p.b_text, p.b_start, p.b_end)):
            lines.append(self.in_script(f"{header}: {self._quote(side, start, end) or text}"))
        lines.append(QCoreApplication.translate("MeasuresModel", "The figures differ") if p.differs else QCoreApplication.translate("MeasuresModel", "The figures agree"))
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section <= self.DIFFERS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (QCoreApplication.translate("MeasuresModel", "Indicator"), *map(self.in_script, self._headers), "≠")[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (QCoreApplication.translate("MeasuresModel", "Indicator, or the measure a figure belongs to"), *map(self.in_script, self._headers),
                    QCoreApplication.translate("MeasuresModel", "≠ where the figures differ (value or qualifier)"))[section]
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        return _role_names(self, FigureRole)
