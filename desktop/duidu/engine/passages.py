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

from collections import Counter
from dataclasses import dataclass
from typing import Callable

from duidu.engine.document import EngineDocument
from duidu.engine.progress import CancelToken, Progress, checkpoint

SEED = 4  # characters in a seed n-gram
MIN_LENGTH = 8  # key characters a passage needs (chosen on tests/passage_pairs.toml: make quality)
THRESHOLD = 0.85  # least similarity of a fuzzy passage (same table)
MAX_GAP = 8  # characters skipped on either side between two runs of one passage
MAX_SEED_PAIRS = 36  # a seed found this many times in A times in B starts nothing (runs still cross it)


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


class _Chain:
    """Exact runs ``[a, b, length]`` (key coordinates, in order) that make one passage."""

    __slots__ = ("runs", "a1", "b1", "matched")

    def __init__(self, runs: list[list[int]]) -> None:
        self.runs = runs
        self.a1 = runs[-1][0] + runs[-1][2]
        self.b1 = runs[-1][1] + runs[-1][2]
        self.matched = sum(r[2] for r in runs)

    @property
    def a0(self) -> int:
        return self.runs[0][0]

    @property
    def b0(self) -> int:
        return self.runs[0][1]

    def similarity_with(self, a: int, b: int, length: int) -> float:
        """Similarity if the run were appended (without building the chain)."""
        matched = self.matched + length
        return 2 * matched / ((a + length - self.a0) + (b + length - self.b0))

    def similarity(self) -> float:
        return 2 * self.matched / ((self.a1 - self.a0) + (self.b1 - self.b0))

    def append(self, a: int, b: int, length: int) -> None:
        self.runs.append([a, b, length])
        self.a1, self.b1 = a + length, b + length
        self.matched += length


def _runs(ka: str, kb: str, cancel: CancelToken | None, progress: Progress | None) -> tuple[list[list[int]], bytearray]:
    """Maximal exact runs of at least SEED characters, found from n-gram seeds, and where in
    A seeds were too common to use (``_extend`` looks for runs through those)."""
    index: dict[str, list[int]] = {}
    for j in range(len(kb) - SEED + 1):
        index.setdefault(kb[j : j + SEED], []).append(j)
    in_a = Counter(ka[i : i + SEED] for i in range(len(ka) - SEED + 1))
    runs: list[list[int]] = []
    capped = bytearray(len(ka))
    covered: dict[int, int] = {}  # diagonal (b - a) -> end in A of the last run on it
    na, nb = len(ka), len(kb)
    step = max(1, na // 20)
    for i in range(na - SEED + 1):
        if i % step == 0:
            checkpoint(0.6 * i / max(1, na), progress, cancel)
        g = ka[i : i + SEED]
        hits = index.get(g)
        # Repeated phrasing would pair every copy in A with every copy in B; such seeds
        # start nothing, and the runs through them are found from their rarer neighbours.
        if not hits:
            continue
        if len(hits) * in_a[g] > MAX_SEED_PAIRS:
            capped[i] = 1
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
    return runs, capped


def _chains(runs: list[list[int]], threshold: float) -> list[_Chain]:
    """Chain runs (sorted by A) that follow each other closely in both texts.

    Open chains are found by where they end in B, so each run looks at a handful of
    candidates however much the texts repeat themselves.
    """
    chains: list[_Chain] = []
    by_end: dict[int, list[_Chain]] = {}  # end in B -> chains ending there
    for a, b, length in runs:
        best, best_cut, best_matched = None, 0, -1
        for b1 in range(b - MAX_GAP, b + SEED):
            bucket = by_end.get(b1)
            if not bucket:
                continue
            bucket[:] = [c for c in bucket if c.a1 + MAX_GAP >= a]  # drop chains left behind
            for c in bucket:
                ga, gb = a - c.a1, b - c.b1
                if not (-SEED < ga <= MAX_GAP):
                    continue
                cut = max(0, -ga, -gb)  # overlapping ends: start this run later
                if cut >= length or c.similarity_with(a + cut, b + cut, length - cut) < threshold:
                    continue
                if c.matched > best_matched:
                    best, best_cut, best_matched = c, cut, c.matched
        if best is None:
            chain = _Chain([[a, b, length]])
            chains.append(chain)
        else:
            chain = best
            by_end[chain.b1].remove(chain)
            chain.append(a + best_cut, b + best_cut, length - best_cut)
        by_end.setdefault(chain.b1, []).append(chain)
    return chains


def _next_run(ka: str, kb: str, a1: int, b1: int) -> tuple[int, int, int] | None:
    """The closest exact run of at least SEED characters starting within MAX_GAP after
    (a1, b1) in both texts, extended as far as it goes."""
    window: dict[str, list[int]] = {}
    for b in range(b1, min(b1 + MAX_GAP, len(kb) - SEED) + 1):
        window.setdefault(kb[b : b + SEED], []).append(b)
    best = None
    for a in range(a1, min(a1 + MAX_GAP, len(ka) - SEED) + 1):
        for b in window.get(ka[a : a + SEED], ()):
            end = SEED
            while a + end < len(ka) and b + end < len(kb) and ka[a + end] == kb[b + end]:
                end += 1
            key = ((a - a1) + (b - b1), -end)  # closest first, then longest
            if best is None or key < best[0]:
                best = (key, (a, b, end))
    return best[1] if best else None


def _extend(chain: _Chain, ka: str, kb: str, ra: str, rb: str, capped: bytearray, threshold: float) -> None:
    """Grow a chain through phrasing too common to have seeded it (随迁子女…义务教育).

    Any other run nearby was seeded and chained already, so only where a capped seed
    starts within reach is there anything to look for.
    """
    while 1 in capped[chain.a1 : chain.a1 + MAX_GAP + 1]:
        found = _next_run(ka, kb, chain.a1, chain.b1)
        if not found or chain.similarity_with(*found) < threshold:
            break
        chain.append(*found)
    # Backwards: the same search on the reversed texts ``ra``, ``rb``.
    while 1 in capped[max(0, chain.a0 - MAX_GAP - SEED) : max(0, chain.a0 - SEED + 1)]:
        found = _next_run(ra, rb, len(ka) - chain.a0, len(kb) - chain.b0)
        if not found:
            break
        a, b, length = len(ka) - found[0] - found[2], len(kb) - found[1] - found[2], found[2]
        candidate = _Chain([[a, b, length]] + chain.runs)
        if candidate.similarity() < threshold:
            break
        chain.runs.insert(0, [a, b, length])
        chain.matched += length


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
    runs, capped = _runs(ka, kb, cancel, progress)
    checkpoint(0.7, progress, cancel)
    chains = _chains(runs, threshold)
    ra, rb = ka[::-1], kb[::-1]
    for c in chains:
        _extend(c, ka, kb, ra, rb, capped, threshold)
    # Too short or too loose to ever be shown: settle only the rest.
    chains = [c for c in chains if min(c.a1 - c.a0, c.b1 - c.b0) >= min_length and c.similarity() >= threshold]
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
