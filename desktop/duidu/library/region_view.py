"""What the window's region view shows, over a chosen set of documents, read from the library.

Four answers, each a plain value a worker hands to the UI (no Qt here):

* ``measure_matrix``: measures × regions, each cell the evidence spans of the measure in that
  region's documents (``duidu regions``' matrix, ``engine/regions.py``, over provincial regions);
* ``targets``: for each indicator, every region's value with its qualifier and sentence, and the
  national value (a document of 全国) as the reference;
* ``network``: documents as nodes, the reuse edges of ``library/reuse.py`` (earlier → later);
* ``family``: every document holding a passage like a selected one (the similar-passage index,
  any script), by date, the earliest marked as the likely origin, with each copy's differences.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Sequence

from duidu.engine.progress import CancelToken, Progress, checkpoint

if TYPE_CHECKING:
    from duidu.library.documents import Document
    from duidu.library.store import Library

NATIONAL = "全国"
UNKNOWN_REGION = "未标注"
CONTEXT = 40  # characters of the stored text either side of a piece of evidence
FAMILY_MIN_SCORE = 0.55  # a similar passage this alike (0..1) is a copy of the selected one
FAMILY_TOP = 60


# -- regions of documents ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    name: str  # 四川省, 全国, 未标注
    code: str | None  # GB/T 2260 province code (510000); None for 全国 and unknown
    documents: tuple[int, ...]


def region_of(d: "Document") -> tuple[str, str | None]:
    """A document's provincial-level region and its code, from its metadata, else its title."""
    from duidu.engine.divisions import gazetteer
    from duidu.engine.indicators import region_named

    code = d.region_code
    if code:
        g = gazetteer()
        div = g.by_code.get(code)
        chain = g.chain(div) if div else []
        if chain:
            top = chain[-1]
            return top.name, top.code
    name = region_named(d.region, d.title, d.file_name) or d.region or UNKNOWN_REGION
    if name == NATIONAL:
        return name, None
    from duidu.engine.divisions import region_of as division_of

    found = division_of(name)
    if found and found.division:
        top = gazetteer().chain(found.division)[-1]
        return top.name, top.code
    return name, None


def regions(docs: Sequence["Document"]) -> list[Region]:
    """The regions of ``docs`` in administrative-code order (全国 first, unknown last)."""
    found: dict[str, tuple[str | None, list[int]]] = {}
    for d in docs:
        name, code = region_of(d)
        found.setdefault(name, (code, []))[1].append(d.id)
    def order(item):
        name, (code, _) = item
        return (0 if name == NATIONAL else 2 if code is None else 1, code or "", name)
    return [Region(n, c, tuple(ids)) for n, (c, ids) in sorted(found.items(), key=order)]


# -- measures × regions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    doc: int
    start: int
    end: int
    text: str  # the mention as written
    before: str  # its context in the stored text
    after: str


@dataclass(frozen=True)
class MeasureLine:
    name: str
    category: str
    cells: dict[str, tuple[Evidence, ...]]  # region name -> evidence (empty regions absent)

    @property
    def spread(self) -> int:
        """How many regions state the measure."""
        return len(self.cells)

    def count(self, region: str) -> int:
        return len(self.cells.get(region, ()))


@dataclass(frozen=True)
class MeasureMatrix:
    regions: tuple[Region, ...]
    rows: tuple[MeasureLine, ...]  # category order, then spread
    titles: dict[int, str] = field(default_factory=dict)
    dates: dict[int, str | None] = field(default_factory=dict)

    def shared_by(self, a: str, b: str) -> int:
        return sum(1 for r in self.rows if a in r.cells and b in r.cells)


def measure_matrix(lib: "Library", ids: Sequence[int], *, progress: Progress | None = None,
                   cancel: CancelToken | None = None) -> MeasureMatrix:
    """``duidu regions``' matrix (``engine/regions.py``) over the documents' provincial-level
    regions, each piece of evidence with its context."""
    from duidu.engine.regions import RegionDocument, region_matrix

    docs = [lib.document(i) for i in dict.fromkeys(ids)]
    regs = regions(docs)
    region = {d: r.name for r in regs for d in r.documents}
    code = {r.name: r.code for r in regs}
    checkpoint(0.1, progress, cancel)
    table = lib.measure_table([d.id for d in docs])
    checkpoint(0.7, progress, cancel)
    matrix = region_matrix(table, [RegionDocument(d.id, region[d.id], code[region[d.id]], d.title, d.date) for d in docs])
    texts: dict[int, str] = {}

    def text(doc: int) -> str:
        if doc not in texts:
            texts[doc] = lib.text(doc).text
        return texts[doc]

    rows = []
    for row in matrix.rows:
        cells = {}
        for name, cell in row.cells.items():
            cells[name] = tuple(Evidence(doc, start, end, text(doc)[start:end], text(doc)[max(0, start - CONTEXT):start],
                                         text(doc)[end:end + CONTEXT]) for doc, start, end in cell.evidence)
        rows.append(MeasureLine(row.name, row.category, cells))
    checkpoint(1.0, progress, cancel)
    return MeasureMatrix(tuple(regs), tuple(rows), {d.id: d.title for d in docs}, {d.id: d.date for d in docs})


# -- targets side by side ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetPoint:
    region: str
    code: str | None
    doc: int
    value: float
    high: float | None
    qualifier: str
    shown: str  # 5%左右
    period: str
    kind: str
    start: int
    end: int
    sentence: str  # the sentence holding the value


@dataclass(frozen=True)
class IndicatorTargets:
    name: str
    unit: str
    points: tuple[TargetPoint, ...]  # one per region (its document's first target, else first value)
    national: TargetPoint | None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.unit})"


def targets(lib: "Library", ids: Sequence[int], *, progress: Progress | None = None,
            cancel: CancelToken | None = None) -> list[IndicatorTargets]:
    """Every indicator the documents state, each region's value side by side."""
    from duidu.engine.indicators import TARGET, extract_indicators, indicator_table, report_year

    docs = [lib.document(i) for i in ids]
    where = {d.id: region_of(d) for d in docs}
    dates = {d.id: d.date for d in docs}
    found = {}
    texts = {}
    for n, d in enumerate(docs):
        checkpoint(n / max(1, len(docs)), progress, cancel)
        doc = lib.engine_document(d.id)
        texts[d.id] = doc.text
        found[d.id] = extract_indicators(doc, report_year(d.title, doc.text, d.date, d.file_name))
    out = []
    for t in indicator_table(found, [d.id for d in docs]):
        first: dict[int, object] = {}
        for doc_id, v in t["values"]:  # a document's targets come first
            if doc_id not in first or (first[doc_id].kind != TARGET and v.kind == TARGET):
                first[doc_id] = v
        chosen: dict[str, TargetPoint] = {}  # one value a region: a target before a result, then the latest document
        for doc_id, v in first.items():
            name, code = where[doc_id]
            p = TargetPoint(name, code, doc_id, v.value, v.high, v.qualifier, v.shown(), v.period, v.kind,
                            v.start, v.end, sentence_at(texts[doc_id], v.start, v.end))
            held = chosen.get(name)
            if held is None or (p.kind == TARGET, dates[p.doc] or "") > (held.kind == TARGET, dates[held.doc] or ""):
                chosen[name] = p
        national = chosen.pop(NATIONAL, None)
        points = list(chosen.values())
        if points:
            points.sort(key=lambda p: (p.code is None, p.code or "", p.region, p.doc))
            out.append(IndicatorTargets(t["name"], t["unit"], tuple(points), national))
    checkpoint(1.0, progress, cancel)
    return out


_STOPS = "。！？!?；;\n"


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around a span (between full stops or line breaks)."""
    a = max((text.rfind(c, 0, start) for c in _STOPS), default=-1) + 1
    ends = [i for i in (text.find(c, end) for c in _STOPS) if i >= 0]
    b = min(ends) + 1 if ends else len(text)
    return text[a:b].strip()


# -- reuse network ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    doc: int
    title: str
    region: str
    code: str | None
    date: str | None


@dataclass(frozen=True)
class Network:
    nodes: tuple[Node, ...]
    edges: tuple  # engine.reuse.Edge: source → target (earlier → later when dates differ)


def network(lib: "Library", ids: Sequence[int], *, cache=None, progress: Progress | None = None,
            cancel: CancelToken | None = None) -> Network:
    from duidu.library.reuse import reuse

    docs = [lib.document(i) for i in ids]
    # Worker processes are spawned, which a frozen bundle cannot do without freeze_support in its
    # entry point: there the pairs are aligned in this thread.
    workers = 1 if getattr(sys, "frozen", False) else None
    result = reuse(lib, [d.id for d in docs], cache=cache, workers=workers, progress=progress, cancel=cancel)
    nodes = []
    for d in docs:
        name, code = region_of(d)
        nodes.append(Node(d.id, d.title, name, code, d.date))
    return Network(tuple(nodes), tuple(result.edges))


# -- where did this come from ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Copy:
    doc: int
    title: str
    region: str
    date: str | None
    start: int
    end: int
    text: str
    score: float  # likeness to the selected passage, 0..1
    differences: tuple[tuple[str, str, str], ...]  # (op, in the selection, in this copy): replace/insert/delete
    origin: bool = False
    selected: bool = False  # the passage asked about


def family(lib: "Library", text: str, source: tuple[int, int, int] | None = None, *,
           min_score: float = FAMILY_MIN_SCORE, progress: Progress | None = None,
           cancel: CancelToken | None = None) -> list[Copy]:
    """Every document holding ``text`` (exactly or nearly, any script), by date; the earliest
    dated one marked as the likely origin. ``source``: (doc, start, end) of the selection."""
    from duidu.text.keyform import query_key

    checkpoint(0.0, progress, cancel)
    hits = lib.similar(text, top=FAMILY_TOP)
    checkpoint(0.6, progress, cancel)
    want = query_key(text)
    best: dict[int, object] = {}
    for h in hits:
        if h.score < min_score:
            continue
        if source and h.document_id == source[0] and not (h.end <= source[1] or h.start >= source[2]):
            continue  # the selection itself: added below
        if h.document_id not in best or h.score > best[h.document_id].score:
            best[h.document_id] = h
    out = []
    if source:
        d = lib.document(source[0])
        out.append(Copy(d.id, d.title, region_of(d)[0], d.date, source[1], source[2], text, 1.0, (), selected=True))
    for h in best.values():
        d = lib.document(h.document_id)
        start, end = narrowed(text, h.text)
        copy = h.text[start:end]
        out.append(Copy(d.id, d.title, region_of(d)[0], d.date, h.start + start, h.start + end, copy,
                        round(h.score, 3), differences(want, query_key(copy))))
    out.sort(key=lambda c: (c.date is None, (c.date or "").ljust(10, "~"), c.doc, c.start))
    dated = [c for c in out if c.date]
    if dated and len({c.doc for c in out}) > 1:  # an origin only among two documents or more
        first = dated[0]
        if len(dated) == 1 or (dated[1].date or "")[:len(first.date)] != first.date:
            out[out.index(first)] = replace(first, origin=True)
    checkpoint(1.0, progress, cancel)
    return out


def narrowed(selected: str, unit: str) -> tuple[int, int]:
    """The stretch of an index unit (a paragraph) most like the selected text, as offsets into
    ``unit``: compared in simplified script, mapped back through the conversion's offsets."""
    from rapidfuzz.fuzz import partial_ratio_alignment

    from duidu.text.script import convert

    if len(unit) <= len(selected) * 1.2:
        return 0, len(unit)
    a, b = convert(selected, "t2s").text, convert(unit, "t2s")
    found = partial_ratio_alignment(a, b.text)
    if found is None or found.dest_end <= found.dest_start:
        return 0, len(unit)
    return b.map.to_src_span(found.dest_start, found.dest_end)


def differences(a: str, b: str) -> tuple[tuple[str, str, str], ...]:
    """Where copy ``b`` departs from ``a`` (both key forms: script differences are no difference)."""
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return tuple((op, a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in ops if op != "equal")
