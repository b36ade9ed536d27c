"""Measures × regions: which regions state which measures, how often, and where (the evidence).

Built from the whole-library measure table (``engine/measures.py``: rows of one meaning, grouped
by category) and each document's region (its metadata, ``region`` and the GB/T 2260
``region_code``). A region's cell counts the documents that state the measure and their
mentions; the evidence is every mention's span in its document's stored text. Pure: what
``duidu regions`` prints and what the region view draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from duidu.engine.measures import CATEGORIES, MeasureRow

UNLABELLED = "未标注"  # a document without a region
NATIONAL = "全国"  # the State Council's documents: the first column, whatever the order
ORDERS = ("code", "name", "shared")  # columns: administrative code, name, or most measures first


@dataclass(frozen=True)
class RegionDocument:
    id: int
    region: str | None
    region_code: str | None = None
    title: str = ""
    date: str | None = None


@dataclass(frozen=True)
class Region:
    name: str
    code: str | None
    documents: tuple[int, ...]


@dataclass(frozen=True)
class Cell:
    documents: int  # of the region's documents, how many state the measure
    mentions: int
    evidence: tuple[tuple[int, int, int], ...]  # (document, start, end) in stored text


@dataclass(frozen=True)
class RegionRow:
    name: str
    category: str
    instrument: str
    cells: dict[str, Cell]  # region name -> cell (regions that state it only)

    @property
    def spread(self) -> int:
        """How many regions state the measure."""
        return len(self.cells)

    def count(self, region: str) -> int:
        """The measure's mentions in ``region``'s documents (0 when it states none)."""
        cell = self.cells.get(region)
        return cell.mentions if cell else 0


@dataclass(frozen=True)
class RegionMatrix:
    regions: tuple[Region, ...]
    rows: tuple[RegionRow, ...]

    def shared_by(self, k: int) -> "RegionMatrix":
        """Only measures stated in at least ``k`` regions."""
        return RegionMatrix(self.regions, tuple(r for r in self.rows if r.spread >= k))

    def missing_from(self, region: str) -> "RegionMatrix":
        """Only measures ``region`` does not state (that some other region does)."""
        return RegionMatrix(self.regions, tuple(r for r in self.rows if region not in r.cells))

    def by_spread(self) -> "RegionMatrix":
        """Rows sorted by how many regions state them, across categories."""
        return RegionMatrix(self.regions, tuple(sorted(self.rows, key=lambda r: (-r.spread, _category(r), r.name))))

    def to_json(self) -> dict:
        return {
            "regions": [{"name": g.name, "code": g.code, "documents": list(g.documents)} for g in self.regions],
            "measures": [
                {"name": r.name, "category": r.category, "instrument": r.instrument, "spread": r.spread,
                 "regions": {name: {"documents": c.documents, "mentions": c.mentions,
                                    "evidence": [{"doc": d, "start": s, "end": e} for d, s, e in c.evidence]}
                             for name, c in r.cells.items()}}
                for r in self.rows
            ],
        }


def _category(row: RegionRow) -> int:
    return CATEGORIES.index(row.category) if row.category in CATEGORIES else len(CATEGORIES)


def region_matrix(rows: Sequence[MeasureRow], docs: Sequence[RegionDocument], *, order: str = "code") -> RegionMatrix:
    """The matrix of ``rows`` (``measure_table`` over ``docs``) by the documents' regions.

    Rows keep the table's order (by category, then by spread); columns follow ``order``.
    """
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}")
    region_of = {d.id: d.region or UNLABELLED for d in docs}
    members: dict[str, list[int]] = {}
    codes: dict[str, str | None] = {}
    for d in docs:
        name = region_of[d.id]
        members.setdefault(name, []).append(d.id)
        codes[name] = codes.get(name) or d.region_code
    out = []
    for row in rows:
        per_region: dict[str, list[tuple[int, tuple[tuple[int, int], ...]]]] = {}
        for doc_id, spans in row.mentions.items():
            if doc_id in region_of and spans:
                per_region.setdefault(region_of[doc_id], []).append((doc_id, spans))
        if not per_region:
            continue
        cells = {
            name: Cell(len(found), sum(len(s) for _, s in found),
                       tuple((d, a, b) for d, spans in sorted(found) for a, b in spans))
            for name, found in per_region.items()
        }
        out.append(RegionRow(row.name, row.category, row.instrument, cells))
    out.sort(key=lambda r: (_category(r), -r.spread, r.name))
    shared = {name: sum(name in r.cells for r in out) for name in members}
    if order == "code":
        key = lambda n: (codes[n] is None, codes[n] or "", n)  # noqa: E731
    elif order == "name":
        key = lambda n: (n == UNLABELLED, n)  # noqa: E731
    else:
        key = lambda n: (-shared[n], codes[n] or "~", n)  # noqa: E731
    first = lambda n: (n != NATIONAL, *key(n))  # noqa: E731  the reference column leads
    regions = tuple(Region(n, codes[n], tuple(members[n])) for n in sorted(members, key=first))
    return RegionMatrix(regions, tuple(out))
