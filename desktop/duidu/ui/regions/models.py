"""Qt models over the region view's data (``library/regions.py``, ``library/region_view.py``): the widgets only observe them.

Each model is filled with a value a worker made and re-sorts or filters it on the UI thread,
which is cheap (hundreds of rows): ordering and thresholds never go back to the library.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCollator, QLocale, QModelIndex, QObject, Qt, Signal

from duidu.engine.regions import RegionRow
from duidu.library.region_view import Copy, IndicatorTargets, Network
from duidu.library.regions import Evidence, MeasureMatrix
from duidu.ui.regions.palette import EMPTY, text_on, viridis

EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 1
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 2  # True on a category's heading row
ORDERS = ("code", "pinyin", "shared")  # how the regions' columns are ordered
FIXED = 2  # measure, spread: the columns before the regions
SAME = staticmethod(lambda text: text)  # a model's ``in_script`` until the window sets the reader's script


def short_region(name: str) -> str:
    """A region's name without its kind (广西壮族自治区 → 广西): what fits a column."""
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def pinyin_key():
    """Sort key by pinyin: Qt's collator for Chinese (ICU ships in the Qt wheel)."""
    return QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China)).sortKey


class MatrixModel(QAbstractTableModel):
    """Measures × regions: heading rows per category, then each measure's cells."""

    changed = Signal()
    in_script = SAME  # document-derived text (measures, categories, regions) in the reader's script

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.matrix: MeasureMatrix | None = None
        self.order = "code"
        self.min_regions = 1
        self.missing_from: str | None = None
        self.by_spread = False
        self.columns: list[str] = []
        self.rows: list[RegionRow | str] = []  # a str: a category heading
        self.peak = 1

    # -- filling and options ------------------------------------------------------------------
    def set_matrix(self, matrix: MeasureMatrix | None) -> None:
        self.matrix = matrix
        self._rebuild()

    def set_order(self, order: str) -> None:
        self.order = order
        self._rebuild()

    def set_min_regions(self, k: int) -> None:
        self.min_regions = max(1, k)
        self._rebuild()

    def set_missing_from(self, region: str | None) -> None:
        self.missing_from = region or None
        self._rebuild()

    def set_by_spread(self, on: bool) -> None:
        self.by_spread = on
        self._rebuild()

    def region_names(self) -> list[str]:
        return [r.name for r in self.matrix.regions] if self.matrix else []

    def _rebuild(self) -> None:
        self.beginResetModel()
        m = self.matrix
        self.columns, self.rows, self.peak = [], [], 1
        if m is not None:
            names = [r.name for r in m.regions]  # administrative-code order already
            if self.order == "pinyin":
                names.sort(key=pinyin_key())
            elif self.order == "shared":
                stated = {n: sum(1 for r in m.rows if n in r.cells and r.spread > 1) for n in names}
                names.sort(key=lambda n: -stated[n])  # stable: code order among equals
            self.columns = names
            lines = [r for r in m.rows if r.spread >= self.min_regions
                     and (self.missing_from is None or self.missing_from not in r.cells)]
            if self.by_spread:
                lines.sort(key=lambda r: -r.spread)  # stable: within a category, after it
            category, rank = None, _category_ranks(m)
            for line in sorted(lines, key=lambda r: rank[r.category]):
                if line.category != category:
                    category = line.category
                    self.rows.append(category)
                self.rows.append(line)
            self.peak = max([line.count(n) for line in lines for n in line.cells] or [1])
        self.endResetModel()
        self.changed.emit()

    # -- the model --------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else FIXED + len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and section >= FIXED:
            return self.in_script(self.columns[section - FIXED])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return self.tr("Measure")
        if section == 1:
            return self.tr("Regions")
        return self.in_script(short_region(self.columns[section - FIXED]))

    def measure_lines(self) -> list[RegionRow]:
        return [r for r in self.rows if not isinstance(r, str)]

    def region_at(self, column: int) -> str | None:
        return self.columns[column - FIXED] if column >= FIXED else None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if isinstance(row, str):
            if role == CATEGORY_ROLE:
                return True
            if role == Qt.ItemDataRole.DisplayRole and col == 0:
                return self.in_script(row)
            if role == Qt.ItemDataRole.FontRole:
                from PySide6.QtGui import QFont

                f = QFont()
                f.setBold(True)
                return f
            return None
        if col == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.in_script(row.name)
            return None
        if col == 1:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.spread
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignCenter
            return None
        region = self.columns[col - FIXED]
        n = row.count(region)
        if role == Qt.ItemDataRole.DisplayRole:
            return n or ""
        # No mention: the view's own page (white paper glared in the dark theme); pictures keep EMPTY.
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.colour(n) if n else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return text_on(self.colour(n)) if n else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("%1 · %2: %n mention(s)", "", n).replace("%1", self.in_script(row.name)).replace(
                "%2", self.in_script(region))
        if role == EVIDENCE_ROLE:
            return self.matrix.cell(row, region)
        return None

    def colour(self, n: int):
        return viridis(0.15 + 0.85 * n / self.peak) if n else EMPTY

    def csv_rows(self) -> list[list]:
        out = [["category", "measure", "regions", *self.columns]]
        for line in self.measure_lines():
            out.append([line.category, line.name, line.spread, *[line.count(n) for n in self.columns]])
        return out


def _category_ranks(m: MeasureMatrix) -> dict[str, int]:
    """Each category's place in the matrix's row order (worked out once: 4,000 rows sorted by it)."""
    ranks: dict[str, int] = {}
    for r in m.rows:
        ranks.setdefault(r.category, len(ranks))
    return ranks


class EvidenceModel(QAbstractTableModel):
    """A cell's evidence: each mention in its document, with its context."""

    HEADS = ("Document", "Date", "Evidence")
    in_script = SAME  # titles and the evidence's context in the reader's script

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: tuple[Evidence, ...] = ()
        self.titles: dict[int, str] = {}
        self.dates: dict[int, str | None] = {}
        self.measure = ""
        self.region = ""

    def set_evidence(self, measure: str, region: str, items, titles, dates) -> None:
        self.beginResetModel()
        self.measure, self.region, self.items, self.titles, self.dates = measure, region, tuple(items), titles, dates
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (self.tr("Document"), self.tr("Date"), self.tr("Evidence"))[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            t = self.in_script
            return (t(self.titles.get(e.doc, str(e.doc))), self.dates.get(e.doc) or "",
                    t(f"…{e.before}【{e.text}】{e.after}…".replace("\n", " ")))[index.column()]
        if role == EVIDENCE_ROLE:
            return e
        return None


class TargetsModel(QAbstractTableModel):
    """One indicator: every region's value, qualifier, period and sentence; the national row first."""

    HEADS = ("Region", "Value", "Qualifier", "Period", "Sentence")
    in_script = SAME  # regions, qualifiers, periods and sentences in the reader's script

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.indicators: list[IndicatorTargets] = []
        self.current: IndicatorTargets | None = None
        self.points: list = []

    def set_indicators(self, found: list[IndicatorTargets]) -> None:
        self.indicators = list(found)
        self.choose(0)

    def choose(self, n: int) -> None:
        self.beginResetModel()
        self.current = self.indicators[n] if 0 <= n < len(self.indicators) else None
        c = self.current
        self.points = ([c.national] if c and c.national else []) + (list(c.points) if c else [])
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.points)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (self.tr("Region"), self.tr("Value"), self.tr("Qualifier"), self.tr("Period"), self.tr("Sentence"))[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self.points[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.in_script((p.region, p.shown, p.qualifier, p.period, p.sentence)[index.column()])
        if role == EVIDENCE_ROLE:
            return p
        if role == Qt.ItemDataRole.FontRole and self.current and p is self.current.national:
            from PySide6.QtGui import QFont

            f = QFont()
            f.setBold(True)
            return f
        return None

    def csv_rows(self) -> list[list]:
        c = self.current
        out = [["indicator", "unit", "region", "code", "document", "value", "high", "qualifier", "shown", "period",
                "kind", "start", "end", "sentence"]]
        for p in self.points:
            out.append([c.name, c.unit, p.region, p.code or "", p.doc, p.value, "" if p.high is None else p.high,
                        p.qualifier, p.shown, p.period, p.kind, p.start, p.end, p.sentence])
        return out


class EdgesModel(QAbstractTableModel):
    """The reuse network's edges at or above the user's threshold (informative characters)."""

    HEADS = ("From", "To", "Informative", "Characters", "Direction")
    in_script = SAME  # the documents' regions in the reader's script

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.network: Network | None = None
        self.threshold = 0.0
        self.edges: list = []
        self.nodes: dict = {}

    def set_network(self, network: Network | None) -> None:
        self.network = network
        self.nodes = {n.doc: n for n in network.nodes} if network else {}
        self.set_threshold(self.threshold)

    def set_threshold(self, value: float) -> None:
        self.beginResetModel()
        self.threshold = value
        self.edges = [e for e in (self.network.edges if self.network else ()) if e.informative_chars >= value]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.edges)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (self.tr("From"), self.tr("To"), self.tr("Informative"), self.tr("Characters"), self.tr("Direction"))[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self.edges[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            name = lambda d: self.in_script(f"{self.nodes[d].region} {self.nodes[d].date or ''}".strip()) if d in self.nodes else str(d)
            direction = "→" if e.direction == "earlier_to_later" else "—"
            return (name(e.source), name(e.target), f"{e.informative_chars:g}", e.chars, direction)[index.column()]
        if role == EVIDENCE_ROLE:
            return e
        return None

    def csv_rows(self) -> list[list]:
        out = [["from", "to", "from_region", "to_region", "chars", "informative_chars", "passages", "direction"]]
        for e in self.edges:
            out.append([e.source, e.target, self.nodes[e.source].region if e.source in self.nodes else "",
                        self.nodes[e.target].region if e.target in self.nodes else "", e.chars, e.informative_chars,
                        e.passages, e.direction])
        return out


class FamilyModel(QAbstractTableModel):
    """Where a passage came from: its copies by date, the likely origin marked, each copy's differences."""

    in_script = SAME  # regions, titles, copies and their differences in the reader's script

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.copies: list[Copy] = []
        self.query = ""

    def set_family(self, query: str, copies: list[Copy]) -> None:
        self.beginResetModel()
        self.query, self.copies = query, list(copies)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.copies)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (self.tr("Date"), self.tr("Region"), self.tr("Document"), self.tr("Likeness"), self.tr("Differences"))[section]
        return None

    def differences(self, c: Copy, t=lambda text: text) -> str:
        """The copy's changes, their words through ``t`` (the reader's script); the interface's own words untouched."""
        if c.selected:
            return self.tr("(the selected passage)")
        if not c.differences:
            return self.tr("same text")
        parts = []
        for op, a, b in c.differences[:8]:
            a, b = t(a), t(b)
            parts.append(f"+{b}" if op == "insert" else f"−{a}" if op == "delete" else f"{a}→{b}")
        return "；".join(parts) + ("…" if len(c.differences) > 8 else "")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c = self.copies[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return self.in_script(c.text)  # the copy, whole
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            date = (c.date or "?") + ("  ★ " + self.tr("likely origin") if c.origin else "")
            t = self.in_script
            return (date, t(c.region), t(c.title), f"{c.score:.0%}", self.differences(c, t))[index.column()]
        if role == EVIDENCE_ROLE:
            return c
        return None

    def csv_rows(self, t=lambda text: text) -> list[list]:
        """The copies as stored (a CSV is data), or with ``t`` in the reader's script (the region report)."""
        out = [["date", "region", "document", "title", "start", "end", "likeness", "origin", "selected", "text", "differences"]]
        for c in self.copies:
            out.append([c.date or "", t(c.region), c.doc, t(c.title), c.start, c.end, c.score, int(c.origin), int(c.selected),
                        t(c.text), self.differences(c, t)])
        return out
