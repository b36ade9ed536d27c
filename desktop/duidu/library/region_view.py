"""What the window's region view shows, over a chosen set of documents, read from the library.

Four answers, each a plain value a worker hands to the UI (no Qt here):

* measures × regions: ``library/regions.py``'s ``measure_matrix`` (``duidu regions``' matrix with
  each mention in context), the one place documents are rolled up to provincial regions;
* ``targets``: for each indicator, every region's value with its qualifier and sentence, and the
  national value (a document of 全国) as the reference;
* ``network``: documents as nodes, the reuse edges of ``library/reuse.py`` (earlier → later);
* ``family``: every document holding a passage like a selected one (the similar-passage index,
  any script), by date, the earliest marked as the likely origin, with each copy's differences.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Sequence

from duidu.engine.per_document import per_document
from duidu.engine.progress import CancelToken, Progress, checkpoint
from duidu.library.regions import NATIONAL, region_of

if TYPE_CHECKING:
    from duidu.library.store import Library

FAMILY_MIN_SCORE = 0.55  # a similar passage this alike (0..1) is a copy of the selected one
FAMILY_TOP = 60


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
    period: str  # 2026年目标, 2025年 … (``engine/indicators.py``'s ``period_label``)
    kind: str
    start: int
    end: int
    sentence: str  # the sentence holding the value
    year: int | None = None  # the year the document reports on (``report_year``)
    source: str = ""  # the document's title: 2025年国务院政府工作报告


@dataclass(frozen=True)
class IndicatorTargets:
    name: str
    unit: str
    points: tuple[TargetPoint, ...]  # one per region (its document's first target, else first value)
    national: TargetPoint | None  # the national value for the regions' year, else the latest before it

    @property
    def label(self) -> str:
        return f"{self.name} ({self.unit})"

    @property
    def year(self) -> int | None:
        """The year most regions' values are for (2026 for the provinces' 2026 reports)."""
        years = [p.year for p in self.points if p.year is not None]
        return max(set(years), key=lambda y: (years.count(y), y)) if years else None


def targets(lib: "Library", ids: Sequence[int], *, progress: Progress | None = None,
            cancel: CancelToken | None = None) -> list[IndicatorTargets]:
    """Every indicator the documents state, each region's value side by side."""
    from duidu.engine.indicators import TARGET, indicator_table, report_year

    docs = [lib.document(i) for i in ids]
    where = {d.id: region_of(d) for d in docs}
    dates = {d.id: d.date for d in docs}
    titles = {d.id: d.title for d in docs}
    years: dict[int, int | None] = {}
    found = {}
    texts = {}
    for n, d in enumerate(docs):
        checkpoint(n / max(1, len(docs)), progress, cancel)
        doc = lib.engine_document(d.id)
        texts[d.id] = doc.text
        years[d.id] = report_year(d.title, doc.text, d.date, d.file_name)
        found[d.id] = _indicators(doc, years[d.id])
    out = []
    for t in indicator_table(found, [d.id for d in docs]):
        first: dict[int, object] = {}
        for doc_id, v in t["values"]:  # a document's targets come first
            if doc_id not in first or (first[doc_id].kind != TARGET and v.kind == TARGET):
                first[doc_id] = v
        # One value a region: a target before a result, then the latest year reported on (a
        # report without a date still has its year, from its title or text), then the latest date.
        chosen: dict[str, TargetPoint] = {}
        national: list[TargetPoint] = []
        for doc_id, v in first.items():
            name, code = where[doc_id]
            p = TargetPoint(name, code, doc_id, v.value, v.high, v.qualifier, v.shown(), v.period, v.kind,
                            v.start, v.end, sentence_at(texts[doc_id], v.start, v.end), years[doc_id], titles[doc_id])
            if name == NATIONAL:
                national.append(p)
                continue
            held = chosen.get(name)
            if held is None or _rank(p, dates) > _rank(held, dates):
                chosen[name] = p
        points = sorted(chosen.values(), key=lambda p: (p.code is None, p.code or "", p.region, p.doc))
        if points:
            found_t = IndicatorTargets(t["name"], t["unit"], tuple(points), None)
            out.append(replace(found_t, national=_reference(national, found_t.year, dates)))
    checkpoint(1.0, progress, cancel)
    return out


@per_document
def _indicators(doc, year):
    """A document's indicator values, read once per engine document (``engine/per_document.py``):
    the view shown again over other documents reads only the new ones (a script conversion each)."""
    from duidu.engine.indicators import extract_indicators

    return extract_indicators(doc, year)


def _rank(p: TargetPoint, dates) -> tuple:
    return p.kind == "target", p.year or 0, dates[p.doc] or ""


def _reference(national: list[TargetPoint], year: int | None, dates) -> TargetPoint | None:
    """The national value to draw the regions against: for their year, else the latest year
    before it (the State Council's report comes in March, after the provinces' of January and
    February: their 2026 targets are read against the 2025 national one), else the latest."""
    if not national:
        return None
    if year is not None:
        before = [p for p in national if p.year is not None and p.year <= year]
        if before:
            return max(before, key=lambda p: _rank(p, dates)[1:] + (p.kind == "target",))
    return max(national, key=lambda p: _rank(p, dates))


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
    complete: bool = True  # False: a first look while pairs are still being aligned
    aligned: int = 0  # pairs aligned for it (0: every pair was read from the library or the cache)
    pairs: int = 0  # candidate pairs (``engine/reuse.py``): aligned, read or kept


PARTIAL_EVERY = 0.5  # seconds between first looks at a network whose pairs are being aligned


def network(lib: "Library", ids: Sequence[int], *, cache=None, progress: Progress | None = None,
            cancel: CancelToken | None = None, partial=None, keep: bool = True) -> Network:
    """The reuse network over ``ids``: the edges of ``library/reuse.py``.

    A network computed before for the same documents (same texts and dates, same library) is read
    back (``library/network_cache.py``). Otherwise pairs aligned before (kept in the library by an
    earlier run, or a Spark job's) are read, not aligned again. While the rest are aligned (the
    strongest candidates first) ``partial(Network)`` gets a first look every ``PARTIAL_EVERY``
    seconds, from the pairs aligned so far. With ``keep`` the pairs aligned here and the network
    are stored in the library for next time (skipped when another writer holds it: a cache)."""
    import time

    from duidu.engine.reuse import Link, edges
    from duidu.library import network_cache
    from duidu.library.reuse import ReuseCache, reuse

    docs = [lib.document(i) for i in dict.fromkeys(ids)]
    nodes = tuple(Node(d.id, d.title, *region_of(d), d.date) for d in docs)
    kept = network_cache.read(lib, [d.id for d in docs]) if keep else None
    if kept is not None:
        return Network(nodes, kept[0], True, 0, kept[1])
    cache = cache if cache is not None else ReuseCache()
    before = set(cache.pairs)
    watch = progress
    if partial is not None:
        marks = ",".join("?" * len(docs))
        by_hash = {h: i for i, h in lib.db.execute(f"SELECT id, text_hash FROM documents WHERE id IN ({marks})",
                                                   [d.id for d in docs])}
        dates = {d.id: d.date for d in docs}
        last = [time.monotonic()]

        def watch(fraction: float) -> None:
            if progress is not None:
                progress(fraction)
            if 0.05 < fraction < 0.97 and time.monotonic() - last[0] >= PARTIAL_EVERY:
                links = [Link(by_hash[a], by_hash[b], p) for (a, b), found in list(cache.pairs.items())
                         if a in by_hash and b in by_hash for p in found]
                partial(Network(nodes, tuple(edges(links, dates)), complete=False))
                last[0] = time.monotonic()  # after the look: a slow look never runs back to back

    # Worker processes are spawned, which a frozen bundle cannot do without freeze_support in its
    # entry point: there the pairs are aligned in this thread.
    workers = 1 if getattr(sys, "frozen", False) else None
    result = reuse(lib, [d.id for d in docs], cache=cache, workers=workers, progress=watch, cancel=cancel)
    if keep:
        if result.aligned:
            _keep(lib, {k: v for k, v in cache.pairs.items() if k not in before})
        network_cache.keep(lib, [d.id for d in docs], result.edges, result.pairs_considered)
    return Network(nodes, tuple(result.edges), True, result.aligned, result.pairs_considered)


def _keep(lib: "Library", pairs: dict) -> None:
    import sqlite3

    from duidu.library.reuse_import import KEPT_JOB, keep_pairs
    from duidu.library.transactions import LibraryUnavailable

    try:
        keep_pairs(lib, pairs, KEPT_JOB)
    except (sqlite3.OperationalError, LibraryUnavailable):
        pass  # busy or read-only: the network is shown all the same and aligned again next time


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
