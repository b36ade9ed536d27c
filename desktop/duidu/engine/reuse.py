"""Text reuse across a library: which documents to align, and what their shared passages make.

Three pure steps, each usable one document or one posting at a time (a Spark job maps the
first over partitions of ``(doc_id, key text)`` records, groups by gram, maps the second over
postings and sums; the in-process path below does the same in bulk with numpy):

1. ``document_grams``: a document's *distinctive* character n-grams of its key form — grams
   common in policy language at large (the background model, ``engine/background.py``: in at
   least ``STOCK_SHARE`` of its documents) and grams holding a digit (figures are not phrasing)
   are dropped, so stock formulas (以习近平同志为核心的党中央) propose no pair.
2. ``posting_pairs``: a gram found in two to ``max_df`` documents votes for each pair of them;
   a gram in more (``max_df_for``: most of the library, and never more than ``MAX_DF``) is the
   library's own boilerplate and votes for nothing. This is the document-frequency bound passim
   uses, and what keeps the work proportional to the shared content, never to n².
3. ``candidate_pairs``: pairs with at least ``MIN_SHARED`` votes are aligned.
4. ``shared_passages``: a candidate pair aligned by the passage finder, but only in windows
   around the rare grams the two share (``shared_windows``: under ``ANCHOR_SHARE`` of the
   background), not over both whole texts: what shares none is stock phrasing, which no edge
   counts. Spark tasks call the same function on each pair, so both give the same passages.

Then ``families`` joins the aligned passages into clusters of near-identical text (spans in one
document that overlap by at least ``SPAN_OVERLAP`` of the longer are one place; a place joins
a family only while at least ``FAMILY_SIMILARITY`` like its earliest place) and ``edges``
sums each pair's informative shared text, pointed from the earlier document to the later.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

import numpy as np
from rapidfuzz.distance import LCSseq

from duidu.engine.background import GRAM, background, gram_hashes
from duidu.engine.boilerplate import LIBRARY_SHARE, STOCK_SHARE
from duidu.engine.passages import Passage
from duidu.engine.per_document import per_document

if TYPE_CHECKING:
    from duidu.engine.document import EngineDocument

MAX_DF = 100  # a gram in more documents than this is formula, however large the library (passim's bound)
MIN_SHARED = 4  # distinctive grams a pair must share to be aligned: one 9-character passage
ANCHOR_SHARE = 0.1  # of the background's documents: a shared gram rarer than this anchors a window
WINDOW_PAD = 16  # key characters around a shared rare gram a passage may run on (stock phrasing at its
# ends); on the corpus's 33 reports 96% of the informative text whole-text alignment finds is kept
# (8: about as much, passage ends cut more often; 32: no more, slower)
FAMILY_SIMILARITY = 0.6  # of a place's key text to its family's first place (longest common subsequence)
SPAN_OVERLAP = 0.5  # of the longer span: two spans of one document that are the same place
# (of the shorter, a sentence inside a long shared section would chain unrelated text into one family)
NO_DIRECTION = "none"
FORWARD = "earlier_to_later"


# -- 1-3: candidate pairs ------------------------------------------------------------------------


_MULT = np.uint64(0x9E3779B97F4A7C15)


def stretch_hashes(key: str, n: int) -> np.ndarray:
    """The 64-bit hash of every ``n``-character stretch of ``key``, in order (as the background's grams)."""
    if n == GRAM:
        return gram_hashes(key)
    codes = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    m = len(codes) - n + 1
    if m <= 0:
        return np.empty(0, dtype=np.uint64)
    h = np.zeros(m, dtype=np.uint64)
    for k in range(n):
        h = (h ^ codes[k : k + m]) * _MULT
        h ^= h >> np.uint64(29)
    return h


@dataclass(frozen=True)
class Grams:
    """A key text's distinctive ``GRAM``-grams: ``hashes`` sorted, ``positions`` where each starts."""

    hashes: np.ndarray
    positions: np.ndarray
    length: int  # of the key text
    rare: np.ndarray  # per gram: in under ``ANCHOR_SHARE`` of the background's documents (a window's anchor)

    @cached_property
    def anchors(self) -> tuple[np.ndarray, np.ndarray]:
        """The rare grams alone: sorted hashes and their positions."""
        return self.hashes[self.rare], self.positions[self.rare]


def distinctive_grams(key: str) -> Grams:
    """Every distinctive ``GRAM``-gram of one key text, where it stands (read once per document)."""
    hashes = gram_hashes(key)
    if not len(hashes):
        return Grams(hashes, np.empty(0, np.int64), len(key), np.empty(0, np.bool_))
    share = background().share(hashes)
    keep = share < STOCK_SHARE
    codes = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32)
    digit = ((codes >= 0x30) & (codes <= 0x39)).astype(np.int32)
    in_window = np.convolve(digit, np.ones(GRAM, dtype=np.int32), mode="valid")  # digits in each gram
    keep &= in_window[: len(hashes)] == 0
    positions = np.flatnonzero(keep)
    order = np.argsort(hashes[positions], kind="stable")
    positions = positions[order]
    return Grams(hashes[positions], positions, len(key), share[positions] < ANCHOR_SHARE)


def document_grams(key: str | Grams) -> np.ndarray:
    """The distinct distinctive ``GRAM``-grams of one key text, as sorted 64-bit hashes."""
    grams = key if isinstance(key, Grams) else distinctive_grams(key)
    h = grams.hashes
    return h[np.r_[True, h[1:] != h[:-1]]] if len(h) else h


def max_df_for(library_size: int) -> int:
    """Most documents a gram may be in and still vote (more: the library's own boilerplate)."""
    return max(2, min(MAX_DF, int(LIBRARY_SHARE * library_size)))


def posting_pairs(doc_ids: Sequence[int], max_df: int) -> Iterator[tuple[int, int]]:
    """The pairs one gram's posting list votes for: none past ``max_df`` documents."""
    docs = sorted(set(doc_ids))
    if not 2 <= len(docs) <= max_df:
        return
    for n, a in enumerate(docs):
        for b in docs[n + 1 :]:
            yield a, b


@dataclass(frozen=True)
class Candidates:
    """Pairs to align, ``(a, b)`` with ``a < b`` → distinctive grams shared, and what it cost."""

    pairs: dict[tuple[int, int], int]
    documents: int
    grams: int  # distinct distinctive grams in the library
    postings_skipped: int  # grams in more than ``max_df`` documents
    votes: int  # pair votes cast: the work done, proportional to the shared content

    def ranked(self) -> list[tuple[int, int]]:
        return sorted(self.pairs, key=lambda p: (-self.pairs[p], p))


def candidate_pairs(records: Iterable[tuple[int, str | Grams]], *, max_df: int | None = None,
                    min_shared: int = MIN_SHARED) -> Candidates:
    """Candidate pairs of ``(doc_id, key text)`` records (or the key's ``distinctive_grams``):
    ``posting_pairs`` over every gram's posting list, summed, kept from ``min_shared`` votes
    (the same rule, in bulk)."""
    ids, grams = [], []
    for doc_id, key in records:
        g = document_grams(key)
        ids.append(np.full(len(g), doc_id, dtype=np.int64))
        grams.append(g)
    n_docs = len(ids)
    if max_df is None:
        max_df = max_df_for(n_docs)
    if not n_docs:
        return Candidates({}, 0, 0, 0, 0)
    gram = np.concatenate(grams)
    doc = np.concatenate(ids)
    order = np.lexsort((doc, gram))
    gram, doc = gram[order], doc[order]
    starts = np.flatnonzero(np.r_[True, gram[1:] != gram[:-1]]) if len(gram) else np.empty(0, np.int64)
    df = np.diff(np.r_[starts, len(gram)])
    voting = (df >= 2) & (df <= max_df)
    codes = []
    votes = 0
    for size in np.unique(df[voting]):  # every posting of one length at once: a (postings × size) block
        rows = starts[voting & (df == size)][:, None] + np.arange(size)[None, :]
        block = doc[rows]
        i, j = np.triu_indices(int(size), 1)
        codes.append(block[:, i].ravel() << 32 | block[:, j].ravel())
        votes += len(codes[-1])
    if not codes:
        return Candidates({}, n_docs, len(starts), int((df > max_df).sum()), 0)
    found, counts = np.unique(np.concatenate(codes), return_counts=True)
    keep = counts >= min_shared
    pairs = {(int(c >> 32), int(c & 0xFFFFFFFF)): int(k) for c, k in zip(found[keep], counts[keep])}
    return Candidates(pairs, n_docs, len(starts), int((df > max_df).sum()), votes)


# -- 4: a candidate pair's passages ---------------------------------------------------------------


def shared_windows(a: Grams, b: Grams, pad: int = WINDOW_PAD) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Key spans of A and of B around the rare grams the two share (``pad`` characters on each
    side), overlapping spans merged: where a passage worth a reuse edge can stand. The same
    whichever text is A (a gram is rare or not for both; each side's spans come from its own
    grams). Anchoring only on runs of two or three shared rare grams saves a tenth of the time
    and loses a twentieth of the informative text (the corpus's reports): not taken."""
    ra, rb = a.anchors, b.anchors
    return _spans(ra, rb[0], a.length, pad), _spans(rb, ra[0], b.length, pad)


def _spans(anchors: tuple[np.ndarray, np.ndarray], other: np.ndarray, length: int, pad: int) -> list[tuple[int, int]]:
    """Of ``anchors`` (sorted hashes, positions), those found in ``other`` (sorted hashes), as
    padded and merged spans."""
    hashes, positions = anchors
    if not len(other) or not len(hashes):
        return []
    at = np.minimum(np.searchsorted(other, hashes), len(other) - 1)
    pos = np.sort(positions[other[at] == hashes])
    if not len(pos):
        return []
    start, end = np.maximum(pos - pad, 0), np.minimum(pos + GRAM + pad, length)
    end = np.maximum.accumulate(end)  # starts are sorted: a span ends where the furthest before it does
    new = np.r_[True, start[1:] > end[:-1]]
    last = np.r_[np.flatnonzero(new)[1:] - 1, len(end) - 1]
    return list(zip(start[new].tolist(), end[last].tolist()))


_grams_of = per_document(lambda doc: distinctive_grams(doc.keyform.text))


def shared_passages(a: "EngineDocument", b: "EngineDocument", *, is_boilerplate=None,
                    grams: tuple[Grams, Grams] | None = None) -> list[Passage]:
    """The passages of a candidate pair, looked for only around the distinctive grams the two
    share (``shared_windows``): passage text that shares none is stock phrasing, which a reuse
    edge leaves out anyway, and a pair of reports shares a few hundred such windows where the
    whole texts are tens of thousands of characters. ``grams``: each key's ``distinctive_grams``
    when the caller has them (else read once per document)."""
    from duidu.engine.passages import find_passages

    ga, gb = grams if grams is not None else (_grams_of(a), _grams_of(b))
    return find_passages(a, b, is_boilerplate=is_boilerplate, within=shared_windows(ga, gb))


# -- families and edges ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """One aligned passage between documents ``a`` and ``b`` (stored-text offsets in each)."""

    a: int
    b: int
    passage: Passage


@dataclass(frozen=True)
class Member:
    doc: int
    start: int
    end: int
    text: str
    date: str | None
    similarity: float  # to the family's first (earliest) place: 0..1 on key characters, any script


@dataclass(frozen=True)
class Family:
    members: tuple[Member, ...]  # by date (undated last), then document
    origin: int | None  # the earliest dated member's document; None when no single one is earliest

    @property
    def text(self) -> str:
        first = next((m for m in self.members if m.doc == self.origin), self.members[0])
        return first.text

    def to_json(self) -> dict:
        return {"text": self.text, "origin": self.origin,
                "members": [{"doc": m.doc, "start": m.start, "end": m.end, "date": m.date,
                             "similarity": m.similarity} for m in self.members]}


@dataclass(frozen=True)
class Edge:
    source: int  # "from": the earlier document when dates differ
    target: int
    chars: int  # stored characters of the shared passages, on the source's side
    informative_chars: float  # their informativeness summed (engine/boilerplate.py)
    passages: int
    direction: str  # FORWARD or NO_DIRECTION

    def to_json(self) -> dict:
        return {"from": self.source, "to": self.target, "chars": self.chars,
                "informative_chars": self.informative_chars, "passages": self.passages,
                "direction": self.direction}


def date_order(a: str | None, b: str | None) -> int:
    """-1 when ``a`` is before ``b``, 1 after, 0 when unknown or not told apart (2025 vs 2025-03)."""
    if not a or not b:
        return 0
    n = min(len(a), len(b))
    return (a[:n] > b[:n]) - (a[:n] < b[:n])


def edges(links: Sequence[Link], dates: dict[int, str | None]) -> list[Edge]:
    """One edge per pair of documents that share informative text, strongest first."""
    per_pair: dict[tuple[int, int], list[Passage]] = defaultdict(list)
    for link in links:
        if not link.passage.boilerplate:
            per_pair[(link.a, link.b)].append(link.passage)
    out = []
    for (a, b), passages in per_pair.items():
        order = date_order(dates.get(a), dates.get(b))
        flip = order > 0
        source, target = (b, a) if flip else (a, b)
        chars = sum((p.b_end - p.b_start) if flip else (p.a_end - p.a_start) for p in passages)
        info = round(sum(p.informativeness for p in passages), 1)
        out.append(Edge(source, target, chars, info, len(passages), FORWARD if order else NO_DIRECTION))
    out.sort(key=lambda e: (-e.informative_chars, -e.chars, e.source, e.target))
    return out


class _Sets:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x, y) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


@dataclass
class _Span:
    doc: int
    start: int
    end: int
    key: tuple[int, int]
    text: str


def families(links: Sequence[Link], dates: dict[int, str | None], keys: dict[int, str]) -> list[Family]:
    """Clusters of near-identical passages across documents, largest first.

    ``keys``: each document's key text (members are compared to the origin on it, any script).
    """
    spans: list[_Span] = []
    sets = _Sets()
    for link in links:
        p = link.passage
        if p.boilerplate:
            continue
        x = _Span(link.a, p.a_start, p.a_end, p.a_key, p.a_text)
        y = _Span(link.b, p.b_start, p.b_end, p.b_key, p.b_text)
        spans += [x, y]
        sets.union(len(spans) - 2, len(spans) - 1)
    by_doc: dict[int, list[int]] = defaultdict(list)
    for n, s in enumerate(spans):
        by_doc[s.doc].append(n)
    for doc, ns in by_doc.items():  # one place in a document: spans overlapping enough
        ns.sort(key=lambda n: (spans[n].start, -spans[n].end))
        open_: list[int] = []
        for n in ns:
            s = spans[n]
            open_ = [m for m in open_ if spans[m].end > s.start]
            for m in open_:
                o = min(spans[m].end, s.end) - s.start
                if o >= SPAN_OVERLAP * max(spans[m].end - spans[m].start, s.end - s.start):
                    sets.union(m, n)
            open_.append(n)
    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(spans)):
        groups[sets.find(n)].append(n)
    out = []
    for ns in groups.values():
        out += _families([spans[n] for n in ns], dates, keys)
    out.sort(key=lambda f: (-len({m.doc for m in f.members}), -len(f.text), f.members[0].doc, f.members[0].start))
    return out


def _places(spans: list[_Span]) -> list[_Span]:
    """A document's overlapping spans as one place each."""
    places: list[_Span] = []
    for s in sorted(spans, key=lambda s: (s.doc, s.start, -s.end)):
        last = places[-1] if places else None
        if last and last.doc == s.doc and s.start < last.end:
            if s.end > last.end:
                places[-1] = _Span(s.doc, last.start, s.end, (last.key[0], max(last.key[1], s.key[1])),
                                   last.text + s.text[last.end - s.start :])
        else:
            places.append(s)
    return places


def _families(spans: list[_Span], dates: dict[int, str | None], keys: dict[int, str]) -> list[Family]:
    """The families of one linked group: places joined only while near-identical to the family's
    first (earliest) place, so links through a longer shared section chain nothing unrelated."""
    places = sorted(_places(spans), key=lambda p: (dates.get(p.doc) is None, _date_key(dates.get(p.doc) or ""),
                                                   p.doc, p.start))
    clusters: list[tuple[str, list[tuple[_Span, float]]]] = []  # (reference key, members)
    for p in places:
        key = keys.get(p.doc, "")[p.key[0] : p.key[1]]
        for ref, members in clusters:
            sim = float(LCSseq.normalized_similarity(ref, key))
            if sim >= FAMILY_SIMILARITY:
                members.append((p, round(sim, 3)))
                break
        else:
            clusters.append((key, [(p, 1.0)]))
    return [_family(members, dates) for _, members in clusters if len({p.doc for p, _ in members}) >= 2]


def _family(members: list[tuple[_Span, float]], dates: dict[int, str | None]) -> Family:
    dated = [p for p, _ in members if dates.get(p.doc)]
    origin = None
    if dated:
        first = min(dated, key=lambda p: _date_key(dates[p.doc]))
        if all(p.doc == first.doc or date_order(dates[first.doc], dates[p.doc]) < 0 for p in dated):
            origin = first.doc
    out = [Member(p.doc, p.start, p.end, p.text, dates.get(p.doc), sim) for p, sim in members]
    out.sort(key=lambda m: (m.date is None, _date_key(m.date) if m.date else "", m.doc, m.start))
    return Family(tuple(out), origin)


def _date_key(date: str) -> str:
    return date.ljust(10, "~")  # a year alone sorts after its own dated days: it is not known to be earlier
