"""Shared passages between two documents: verbatim and fuzzy, wherever they stand.

Works on the comparison key form, so a traditional and a simplified document compare as one
script. The method follows what works for Chinese text reuse: floating character n-gram
seeds (``SEED`` characters; word tokens find nothing in Chinese), extended exactly along
their diagonal into runs, and runs chained across small insertions, deletions and
substitutions while the pair stays at least ``threshold`` similar. Order does not matter:
moved and reordered text is found, which a monotonic diff cannot do. Overlapping
candidates are settled greedily, largest first, so each stretch of text links once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from duidu.engine.document import EngineDocument
from duidu.engine.progress import CancelToken, Progress, checkpoint

SEED = 4  # characters in a seed n-gram
MIN_LENGTH = 8  # key characters a passage needs (chosen on tests/passage_pairs.toml: make quality)
THRESHOLD = 0.85  # least similarity of a fuzzy passage (same table)
MAX_GAP = 8  # characters skipped on either side between two runs of one passage
MAX_SEED_OCCURRENCES = 40  # a seed this common in B starts nothing (runs still cross it)


@dataclass(frozen=True)
class Passage:
    """A passage shared by documents A and B; offsets index each stored text."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str
    similarity: float  # 0..1
    kind: str  # "verbatim" | "fuzzy"
    a_key: tuple[int, int]  # the same passage in each key form
    b_key: tuple[int, int]
    boilerplate: bool = False


@dataclass
class _Chain:
    runs: list[list[int]]  # [a, b, length] exact runs in key coordinates, in order

    @property
    def a0(self) -> int:
        return self.runs[0][0]

    @property
    def b0(self) -> int:
        return self.runs[0][1]

    @property
    def a1(self) -> int:
        return self.runs[-1][0] + self.runs[-1][2]

    @property
    def b1(self) -> int:
        return self.runs[-1][1] + self.runs[-1][2]

    @property
    def matched(self) -> int:
        return sum(r[2] for r in self.runs)

    def similarity(self) -> float:
        return 2 * self.matched / ((self.a1 - self.a0) + (self.b1 - self.b0))


def _runs(ka: str, kb: str, cancel: CancelToken | None, progress: Progress | None) -> list[list[int]]:
    """Maximal exact runs of at least SEED characters, found from n-gram seeds."""
    index: dict[str, list[int]] = {}
    for j in range(len(kb) - SEED + 1):
        index.setdefault(kb[j : j + SEED], []).append(j)
    runs: list[list[int]] = []
    covered: dict[int, int] = {}  # diagonal (b - a) -> end in A of the last run on it
    na, nb = len(ka), len(kb)
    step = max(1, na // 20)
    for i in range(na - SEED + 1):
        if i % step == 0:
            checkpoint(0.6 * i / max(1, na), progress, cancel)
        hits = index.get(ka[i : i + SEED])
        if not hits or len(hits) > MAX_SEED_OCCURRENCES:
            continue
        for j in hits:
            d = j - i
            if covered.get(d, -1) > i:
                continue
            a, b = i, j
            # Back over characters a too-common seed skipped, not into an earlier run.
            floor = covered.get(d, 0)
            while a > floor and b > 0 and ka[a - 1] == kb[b - 1]:
                a -= 1
                b -= 1
            end = i + SEED
            while end < na and end + d < nb and ka[end] == kb[end + d]:
                end += 1
            covered[d] = end
            runs.append([a, b, end - a])
    runs.sort()
    return runs


def _chains(runs: list[list[int]], threshold: float) -> list[_Chain]:
    """Chain runs that follow each other closely in both texts."""
    done: list[_Chain] = []
    open_: list[_Chain] = []
    for a, b, length in runs:
        still = []
        for c in open_:
            (still if c.a1 + MAX_GAP >= a else done).append(c)
        open_ = still
        best = None
        for c in open_:
            ga, gb = a - c.a1, b - c.b1
            if not (-length < ga <= MAX_GAP and -length < gb <= MAX_GAP):
                continue
            cut = max(0, -ga, -gb)  # overlapping ends: start this run later
            if cut >= length:
                continue
            candidate = _Chain(c.runs + [[a + cut, b + cut, length - cut]])
            if candidate.similarity() < threshold:
                continue
            if best is None or candidate.matched > best[1].matched:
                best = (c, candidate)
        if best:
            best[0].runs = best[1].runs
        else:
            open_.append(_Chain([[a, b, length]]))
    return done + open_


def _take(chains: list[_Chain], taken_a: bytearray, taken_b: bytearray, need_a: bool, need_b: bool,
          min_length: int, threshold: float) -> list[_Chain]:
    """Keep chains whose text is still free (trimming runs that collide), largest first."""
    kept = []
    for c in chains:
        runs = [r for r in c.runs if not ((need_a and any(taken_a[r[0] : r[0] + r[2]])) or (need_b and any(taken_b[r[1] : r[1] + r[2]])))]
        if not runs:
            continue
        trimmed = _Chain(runs)
        if min(trimmed.a1 - trimmed.a0, trimmed.b1 - trimmed.b0) < min_length or trimmed.similarity() < threshold:
            continue
        if (need_a and any(taken_a[trimmed.a0 : trimmed.a1])) or (need_b and any(taken_b[trimmed.b0 : trimmed.b1])):
            continue
        taken_a[trimmed.a0 : trimmed.a1] = b"\x01" * (trimmed.a1 - trimmed.a0)
        taken_b[trimmed.b0 : trimmed.b1] = b"\x01" * (trimmed.b1 - trimmed.b0)
        kept.append(trimmed)
    return kept


def find_passages(
    a: EngineDocument,
    b: EngineDocument,
    *,
    min_length: int = MIN_LENGTH,
    threshold: float = THRESHOLD,
    is_boilerplate: Callable[[str], bool] | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> list[Passage]:
    """Every passage of at least ``min_length`` key characters that A and B share.

    ``is_boilerplate`` (given the passage's key text in A) marks stock phrasing; such
    passages are returned flagged, and callers hide them by default.
    """
    ka, kb = a.keyform.text, b.keyform.text
    runs = _runs(ka, kb, cancel, progress)
    checkpoint(0.7, progress, cancel)
    chains = _chains(runs, threshold)
    chains.sort(key=lambda c: (-c.matched, c.a0, c.b0))
    taken_a, taken_b = bytearray(len(ka)), bytearray(len(kb))
    # One to one first; then text repeated on one side may link to a stretch already used
    # on the other (a phrase said twice in A and once in B is shared both times).
    kept = _take(chains, taken_a, taken_b, True, True, min_length, threshold)
    kept += _take(chains, taken_a, bytearray(len(kb)), True, False, min_length, threshold)
    kept += _take(chains, bytearray(len(ka)), taken_b, False, True, min_length, threshold)
    checkpoint(0.9, progress, cancel)
    passages = []
    for c in kept:
        a_start, a_end = a.keyform.map.to_src_span(c.a0, c.a1)
        b_start, b_end = b.keyform.map.to_src_span(c.b0, c.b1)
        verbatim = len(c.runs) == 1 and c.a1 - c.a0 == c.b1 - c.b0
        passages.append(
            Passage(
                a_start, a_end, b_start, b_end, a.text[a_start:a_end], b.text[b_start:b_end],
                1.0 if verbatim else round(c.similarity(), 3), "verbatim" if verbatim else "fuzzy",
                (c.a0, c.a1), (c.b0, c.b1),
                bool(is_boilerplate and is_boilerplate(ka[c.a0 : c.a1])),
            )
        )
    passages.sort(key=lambda p: (p.a_start, p.b_start))
    checkpoint(1.0, progress, cancel)
    return passages
