"""Paragraph (or sentence) alignment: which parts of A go with which parts of B.

Units are scored by the shared passages that fall in both (shared key characters over
the smaller unit's). Two versions of one document get a monotonic path (the best-scoring
sequence that keeps both orders); otherwise every pair above ``MIN_SCORE`` is kept, the
best ``PER_UNIT`` for each unit of A, so reordered material still lines up.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from duidu.engine.document import EngineDocument, Span
from duidu.engine.passages import Passage

MIN_SCORE = 0.05
PER_UNIT = 3
VERSIONS = 0.5  # document similarity from which A and B are taken as versions of one text


@dataclass(frozen=True)
class AlignedPair:
    a: int  # index of the unit (paragraph or sentence) in A
    b: int
    score: float


@dataclass(frozen=True)
class Alignment:
    unit: str  # "paragraph" | "sentence"
    mode: str  # "monotonic" | "many-to-many"
    pairs: tuple[AlignedPair, ...]


def _key_units(doc: EngineDocument, units: Sequence[Span]) -> tuple[list[int], list[int]]:
    """Each unit's key-form span as (starts, ends), in order."""
    starts, ends = [], []
    for u in units:
        s, e = doc.keyform.map.to_dst_span(u.start, u.end)
        starts.append(s)
        ends.append(e)
    return starts, ends


def _overlaps(starts: list[int], ends: list[int], lo: int, hi: int) -> list[tuple[int, int]]:
    """(unit index, characters of [lo, hi) inside it) for units overlapping the span."""
    out = []
    for k in range(max(0, bisect_right(ends, lo)), bisect_left(starts, hi)):
        n = min(hi, ends[k]) - max(lo, starts[k])
        if n > 0:
            out.append((k, n))
    return out


def _scores(a: EngineDocument, b: EngineDocument, passages: Sequence[Passage], unit: str) -> dict[tuple[int, int], float]:
    ua = a.paragraphs if unit == "paragraph" else a.sentences
    ub = b.paragraphs if unit == "paragraph" else b.sentences
    a_starts, a_ends = _key_units(a, ua)
    b_starts, b_ends = _key_units(b, ub)
    shared: dict[tuple[int, int], float] = defaultdict(float)
    for p in passages:
        in_a = _overlaps(a_starts, a_ends, *p.a_key)
        in_b = _overlaps(b_starts, b_ends, *p.b_key)
        b_len = max(1, p.b_key[1] - p.b_key[0])
        for i, na in in_a:
            for j, nb in in_b:
                shared[(i, j)] += na * nb / b_len  # A's share of the passage spread over B's units
    scores = {}
    for (i, j), s in shared.items():
        # Overlap with the smaller unit: a short paragraph told in full inside a long one
        # is a perfect counterpart, which a Dice score would rate low.
        size = min(a_ends[i] - a_starts[i], b_ends[j] - b_starts[j])
        if size:
            scores[(i, j)] = min(1.0, s / size)
    return scores


def _monotonic(scores: dict[tuple[int, int], float]) -> list[AlignedPair]:
    """The highest-scoring chain of pairs increasing in both A and B (Fenwick tree)."""
    items = sorted(scores.items(), key=lambda kv: (kv[0][0], -kv[0][1]))
    size = max((j for (_, j) in scores), default=-1) + 2
    tree = [(0.0, -1)] * (size + 1)  # prefix max over B index: (best total, item index)
    best, back = [], []

    def query(j: int) -> tuple[float, int]:
        result = (0.0, -1)
        while j > 0:
            result = max(result, tree[j])
            j -= j & -j
        return result

    def update(j: int, value: tuple[float, int]) -> None:
        while j <= size:
            tree[j] = max(tree[j], value)
            j += j & -j

    for n, ((_, j), s) in enumerate(items):
        prev_total, prev = query(j + 1)  # pairs with a smaller B index (strictly)
        best.append(prev_total + s)
        back.append(prev)
        update(j + 2, (best[-1], n))
    if not items:
        return []
    n = max(range(len(items)), key=best.__getitem__)
    path = []
    while n >= 0:
        (i, j), s = items[n]
        path.append(AlignedPair(i, j, round(s, 3)))
        n = back[n]
    return path[::-1]


def align(a: EngineDocument, b: EngineDocument, passages: Sequence[Passage], *, unit: str = "paragraph",
          versions: bool | None = None, document_similarity: float = 0.0) -> Alignment:
    """Align A's units with B's. ``versions`` forces the mode; by default it follows similarity."""
    scores = {k: v for k, v in _scores(a, b, passages, unit).items() if v >= MIN_SCORE}
    if versions is None:
        versions = document_similarity >= VERSIONS
    if versions:
        return Alignment(unit, "monotonic", tuple(_monotonic(scores)))
    by_a: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), s in scores.items():
        by_a[i].append((s, j))
    pairs = []
    for i in sorted(by_a):
        for s, j in sorted(by_a[i], key=lambda t: (-t[0], t[1]))[:PER_UNIT]:
            pairs.append(AlignedPair(i, j, round(s, 3)))
    return Alignment(unit, "many-to-many", tuple(pairs))
