"""Shared passages between two documents: verbatim and fuzzy, wherever they stand.

Works on the comparison key form, so a traditional and a simplified document compare as one
script. The method follows what works for Chinese text reuse: floating character n-gram
seeds (``SEED`` characters; word tokens find nothing in Chinese), grown into maximal exact
runs, and runs chained across small insertions, deletions and substitutions while the pair
stays at least ``threshold`` similar at character level (the characters inside a gap that
still match count: 跨区域协同 / 多跨协同的市域). Order does not matter: moved and reordered
text is found, which a monotonic diff cannot do.

Speed: seeds are found and grown in bulk (``numpy``: every 4-gram of both texts as one exact
integer, matched by sorting, runs grown along their diagonals many at a time), so the work
grows with the length of the texts, not with how often they repeat themselves; no loop
extends a match one character at a time.

Then, for a reader: each stretch of text links once (the largest chain wins; a stretch that
the other text repeats becomes one passage with several ``partners``), pieces of one sentence
split by a short insertion (a list with one more item) join, passages end on word boundaries
and never inside a number with its unit and qualifier (5.5%, 5%以上, 2000万人), a phrase both
texts repeat is one passage with the other places as partners, and short items (quoted names,
《titles》, the measure layer's names, of at least ``SHORT_LENGTH`` characters) link when both texts
state them and they are distinctive. Each passage carries its ``informativeness``
(``engine/boilerplate.py``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Callable, Sequence

import numpy as np
from rapidfuzz.distance import LCSseq

from duidu.engine.document import EngineDocument
from duidu.engine.frames import counts_other_things, figure_frame, name_frame, own_name_frame
from duidu.engine.per_document import per_document
from duidu.engine.places import shared_places
from duidu.engine.progress import CancelToken, Progress, checkpoint
from duidu.engine.seeds import GramIndex, _counting, indexed_seed_pairs, seed_pairs

SEED = 4  # characters in a seed n-gram
MIN_LENGTH = 8  # key characters a passage needs (chosen on tests/passage_pairs.toml: make quality)
SHORT_LENGTH = 4  # key characters of a quoted name that both texts quote, to link it anyway
SHORT_WORDS = 2.5  # word informativeness an unquoted short item naming no place needs (boilerplate.word_informativeness)
THRESHOLD = 0.85  # least character-level similarity of a fuzzy passage (same table)
MAX_GAP = 8  # characters skipped on either side between two runs of one passage
MAX_SEED_PAIRS = 36  # a seed found this many times in A times in B starts nothing (runs still cross it)
JOIN_GAP = 12  # an insertion this long inside one sentence does not split a passage
JOIN_THRESHOLD = 0.7  # least similarity of two pieces joined across such an insertion
JOIN_PIECE = 6  # key characters each piece needs to be joined
PARTNER_OVERLAP = 0.8  # of a stretch already linked (and of the other link), to be its partner
SENTENCE_END = re.compile(r"[。！？；;!?\n]")  # where a joined insertion may not cross
SNAP_WINDOW = 5  # key characters segmented on each side of a boundary to see the word it is in


@dataclass(frozen=True)
class Partner:
    """A further place the passage's text is found: ``side`` "a" or "b", stored-text offsets there."""

    side: str
    start: int
    end: int
    text: str
    key: tuple[int, int]


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
    informativeness: float = 0.0  # about the number of characters particular to it (engine/boilerplate.py)
    partners: tuple[Partner, ...] = ()  # further places in A or B linked to this passage's text
    places: tuple[str, ...] = ()  # places or areas both sides name (not their own region), when not stock: shown first


class _Chain:
    """Exact runs ``[a, b, length]`` (key coordinates, in order) that make one passage;
    ``matched`` counts the runs and the characters that match inside the gaps between them."""

    __slots__ = ("runs", "a0", "b0", "a1", "b1", "matched", "joined")

    def __init__(self, runs: list[list[int]], matched: int | None = None, joined: bool = False) -> None:
        self.runs = runs  # only ever appended to: the start stays
        self.joined = joined  # pieces joined across a one-sided insertion: held to JOIN_THRESHOLD
        self.a0, self.b0 = runs[0][0], runs[0][1]
        self.a1 = runs[-1][0] + runs[-1][2]
        self.b1 = runs[-1][1] + runs[-1][2]
        self.matched = sum(r[2] for r in runs) if matched is None else matched

    def similarity_with(self, a: int, b: int, length: int, gap: int = 0) -> float:
        """Similarity if the run (and ``gap`` matching characters before it) were appended."""
        matched = self.matched + length + gap
        return 2 * matched / ((a + length - self.a0) + (b + length - self.b0))

    def similarity(self) -> float:
        return 2 * self.matched / ((self.a1 - self.a0) + (self.b1 - self.b0))

    def holds(self, threshold: float, min_length: int) -> bool:
        """Long enough on both sides and similar enough to be shown."""
        return (min(self.a1 - self.a0, self.b1 - self.b0) >= min_length
                and self.similarity() >= (JOIN_THRESHOLD if self.joined else threshold))

    def append(self, a: int, b: int, length: int, gap: int = 0) -> None:
        self.runs.append([a, b, length])
        self.a1, self.b1 = a + length, b + length
        self.matched += length + gap


def _gap_match(ka: str, kb: str, a0: int, a1: int, b0: int, b1: int) -> int:
    """Characters that still match between two gaps (longest common subsequence)."""
    if a1 <= a0 or b1 <= b0:
        return 0
    return int(LCSseq.similarity(ka[a0:a1], kb[b0:b1]))


def _rebuilt(runs: list[list[int]], ka: str, kb: str, joined: bool = False) -> _Chain:
    """A chain of ``runs`` with its gap matches counted again (after trimming or joining)."""
    matched = runs[0][2]
    for prev, run in zip(runs, runs[1:]):
        matched += run[2] + _gap_match(ka, kb, prev[0] + prev[2], run[0], prev[1] + prev[2], run[1])
    return _Chain(runs, matched, joined)


# -- exact runs, in bulk ------------------------------------------------------------------------


OUTSIDE_A, OUTSIDE_B = 0xFFFF, 0xFFFE  # the ids of characters outside ``within``: they match nothing


def _codes(ka: str, kb: str, masks: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Both key texts as dense character ids (< 2**16), so a 4-gram is one exact 64-bit integer.
    Given ``masks``, characters outside them take an id of their own side (only the characters
    inside are numbered: the work follows what the windows hold)."""
    ca = np.frombuffer(ka.encode("utf-32-le"), dtype=np.uint32)
    cb = np.frombuffer(kb.encode("utf-32-le"), dtype=np.uint32)
    if masks is not None:
        ma, mb = masks
        _, ids = np.unique(np.concatenate([ca[ma], cb[mb]]), return_inverse=True)
        ids = ids.astype(np.int64) + 1
        out_a, out_b = np.full(len(ca), OUTSIDE_A, np.int64), np.full(len(cb), OUTSIDE_B, np.int64)
        out_a[ma], out_b[mb] = ids[: int(ma.sum())], ids[int(ma.sum()) :]
        return out_a, out_b
    # A table up to the highest code point present (65536 entries for Chinese text: cheaper than sorting).
    top = int(max(ca.max(initial=0), cb.max(initial=0))) + 1
    seen = np.zeros(top, dtype=np.bool_)
    seen[ca] = True
    seen[cb] = True
    table = np.cumsum(seen, dtype=np.int64)  # the alphabet of two documents is far below 2**16
    return table[ca], table[cb]


def _grams(codes: np.ndarray) -> np.ndarray:
    n = len(codes) - SEED + 1
    if n <= 0:
        return np.empty(0, dtype=np.int64)
    g = np.zeros(n, dtype=np.int64)
    for k in range(SEED):
        g = (g << 16) | codes[k : k + n]
    return g


def _grow(ca: np.ndarray, cb: np.ndarray, a: np.ndarray, b: np.ndarray, step: int,
          limit: np.ndarray | None = None) -> np.ndarray:
    """How far each start ``(a, b)`` matches going ``step`` (+1 forward, -1 back), many runs at
    once, never further than ``limit`` (where the next run on the diagonal starts).

    Compares blocks of characters per run and keeps going only for runs still matching, so a
    long exact stretch costs its length over the block size in array operations. The first
    character is compared alone and the first block is short (most runs in repeated phrasing stop
    at once or within a few characters), then they double."""
    block = 4
    na, nb = len(ca), len(cb)
    reach = np.zeros(len(a), dtype=np.int64)
    if limit is None:
        limit = np.full(len(a), max(na, nb) + 1, dtype=np.int64)
    active = np.nonzero(limit > 0)[0]
    pa, pb = a[active], b[active]
    same = (pa >= 0) & (pa < na) & (pb >= 0) & (pb < nb) & (ca[_within(pa, na)] == cb[_within(pb, nb)])
    active = active[same]
    reach[active] = 1
    active = active[limit[active] > 1]
    while active.size:
        block = min(2 * block, 64)
        offsets = np.arange(block) * step
        pa = a[active, None] + (reach[active, None] * step) + offsets
        pb = b[active, None] + (reach[active, None] * step) + offsets
        valid = (pa >= 0) & (pa < na) & (pb >= 0) & (pb < nb)
        same = valid & (ca[_within(pa, na)] == cb[_within(pb, nb)])
        first_miss = np.where(same.all(axis=1), block, np.argmin(same, axis=1))
        reach[active] = np.minimum(reach[active] + first_miss, limit[active])
        active = active[(first_miss == block) & (reach[active] < limit[active])]
    return reach


def _seed_pairs(ida: np.ndarray, idb: np.ndarray, where_a: np.ndarray, where_b: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i, j) of positions among ``where_a`` / ``where_b`` with the same gram id, for grams
    found at most MAX_SEED_PAIRS times in A times in B; and the positions of A left over
    (grams found more often: ``_runs`` tries them again with longer grams)."""
    ga, gb = ida[where_a], idb[where_b]
    # One sort numbers the grams of both sides; counting and grouping are then linear.
    _, group = np.unique(np.concatenate([ga, gb]), return_inverse=True)
    group_a, group_b = group[: len(ga)], group[len(ga) :]
    groups = int(group.max()) + 1 if len(group) else 0
    count_b = np.bincount(group_b, minlength=groups)
    in_a, in_b = np.bincount(group_a, minlength=groups)[group_a], count_b[group_a]
    order_b = np.argsort(group_b, kind="stable")
    lo = (np.cumsum(count_b) - count_b)[group_a]
    seeded = (in_b > 0) & (in_a * in_b <= MAX_SEED_PAIRS)
    k = np.nonzero(seeded)[0]
    reps = in_b[k]
    ii = np.repeat(where_a[k], reps)
    within = np.arange(len(ii)) - np.repeat(np.cumsum(reps) - reps, reps)
    jj = where_b[order_b[np.repeat(lo[k], reps) + within]]
    return ii, jj, where_a[(in_b > 0) & ~seeded]


def _longer(ida: np.ndarray, idb: np.ndarray, length: int,
            inside: list[np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Exact ids of the grams twice as long, from the ids of grams ``length`` long (one sort).
    ``inside``: which grams lie inside ``within`` on each side (updated for the longer grams);
    only those are numbered, the rest take an id of their own side that matches nothing."""
    na, nb = len(ida) - length, len(idb) - length
    if na <= 0 or nb <= 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    if inside is not None:
        ok_a, ok_b = inside[0][:na] & inside[0][length:], inside[1][:nb] & inside[1][length:]
        inside[:] = [ok_a, ok_b]
        pa, pb = (ida[:na][ok_a], ida[length:][ok_a]), (idb[:nb][ok_b], idb[length:][ok_b])
    else:
        pa, pb = (ida[:na], ida[length:]), (idb[:nb], idb[length:])
    first, second = np.concatenate([pa[0], pb[0]]), np.concatenate([pa[1], pb[1]])
    if not len(first):
        return np.full(na, -1, np.int64), np.full(nb, -2, np.int64)
    top = int(max(first.max(), second.max())) + 1
    if top > 1 << 31:  # packed 4-grams: number them densely first, so a pair of ids fits in 64 bits
        _, dense = np.unique(np.concatenate([first, second]), return_inverse=True)
        first, second, top = dense[: len(first)].astype(np.int64), dense[len(first) :].astype(np.int64), len(dense) + 1
    _, dense = np.unique(first * top + second, return_inverse=True)
    dense = dense.astype(np.int64).ravel()
    if inside is None:
        return dense[:na], dense[na:]
    out_a, out_b = np.full(na, -1, np.int64), np.full(nb, -2, np.int64)
    out_a[ok_a], out_b[ok_b] = dense[: len(pa[0])], dense[len(pa[0]) :]
    return out_a, out_b


LEVELS = 2  # 4-, 8- and 16-character seeds at most


def _mask(n: int, spans) -> np.ndarray:
    """Per key character: whether it lies in one of ``spans``."""
    edges = np.zeros(n + 1, dtype=np.int64)
    for s, e in spans:
        s, e = max(0, s), min(n, e)
        if e > s:
            edges[s] += 1
            edges[e] -= 1
    return np.cumsum(edges[:n]) > 0


def _inside(mask: np.ndarray, grams: int) -> np.ndarray:
    """Positions of the grams lying wholly inside ``mask`` (one ``SEED`` long each)."""
    covered = np.concatenate(([0], np.cumsum(mask, dtype=np.int64)))
    return np.flatnonzero(covered[SEED : SEED + grams] - covered[:grams] == SEED)


def _windowed_seeds(ida: np.ndarray, idb: np.ndarray, where_a: np.ndarray, where_b: np.ndarray,
                    inside: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Seed pairs within windows (``_runs``' ``within``): the grams inside are numbered level by
    level (``_seed_pairs``, ``_longer``), so the work follows what the windows hold."""
    seeds_a, seeds_b = [], []
    length = SEED
    for level in range(LEVELS + 1):
        ii, jj, left = _seed_pairs(ida, idb, where_a, where_b)
        if level == 0:
            first_left = left
        seeds_a.append(ii)
        seeds_b.append(jj)
        if level == LEVELS or not len(left):
            break
        # Only B positions whose shorter gram is one of the grams left over can match longer ones.
        rest = np.unique(ida[left])
        at = np.clip(np.searchsorted(rest, idb[where_b]), 0, len(rest) - 1)
        where_b = where_b[rest[at] == idb[where_b]]
        ida, idb = _longer(ida, idb, length, inside)
        length *= 2
        where_a, where_b = left[left < len(ida)], where_b[where_b < len(idb)]
        if not len(where_a) or not len(where_b):
            break
    return np.concatenate(seeds_a), np.concatenate(seeds_b), first_left


def _runs(ka: str, kb: str, within=None, docs: tuple[EngineDocument, EngineDocument] | None = None) -> np.ndarray:
    """Maximal exact runs of at least SEED characters, found from n-gram seeds.

    A 4-gram repeated on both sides (found more than MAX_SEED_PAIRS times in A times in B)
    would pair every copy with every copy; where it stands, the 8-gram is tried instead, then
    the 16- and 32-gram (随迁子女 is everywhere, 随迁子女接受义务 is not). Each level is a few
    sorts over the positions still in question, so repetition costs no more than length.
    Seeds in a row on one diagonal are one run, grown both ways as far as the texts agree.
    ``within``: key spans of A and of B; what lies outside matches nothing (and costs nothing).
    ``docs``: the documents of ``ka`` and ``kb``, whose 4-grams are then sorted once each
    (``_gram_index``) and only merged here."""
    masks = None if within is None else (_mask(len(ka), within[0]), _mask(len(kb), within[1]))
    ia, ib = (_gram_index(docs[0]), _gram_index(docs[1])) if masks is None and docs else (None, None)
    if ia is not None and ib is not None:  # each text's grams sorted once (per document): merged here
        ca, cb, ida, idb = ia.codes, ib.codes, ia.grams, ib.grams
        if not len(ida) or not len(idb):
            return np.empty((0, 3), np.int64)
        seeds_a, seeds_b, first_left = indexed_seed_pairs(ia, ib, MAX_SEED_PAIRS, LEVELS)
    else:
        ca, cb = _codes(ka, kb, masks)
        ida, idb = _grams(ca), _grams(cb)
        if not len(ida) or not len(idb):
            return np.empty((0, 3), np.int64)
        if masks is None:  # the whole texts: n-gram ranks by prefix doubling, a few plain sorts
            where_a, where_b = np.arange(len(ida)), np.arange(len(idb))
            seeds_a, seeds_b, first_left = seed_pairs(ca, cb, where_a, where_b, MAX_SEED_PAIRS, LEVELS, inside=False)
        else:  # grams reaching outside hold an id no gram of the other side has: never a seed
            where_a, where_b = _inside(masks[0], len(ida)), _inside(masks[1], len(idb))
            if not len(where_a) or not len(where_b):
                return np.empty((0, 3), np.int64)
            inside = [np.zeros(len(ida), np.bool_), np.zeros(len(idb), np.bool_)]
            inside[0][where_a], inside[1][where_b] = True, True
            seeds_a, seeds_b, first_left = _windowed_seeds(ida, idb, where_a, where_b, inside)
    runs = _grown(ca, cb, seeds_a, seeds_b)
    # Phrasing repeated on both sides at every length seeds nothing; a run through it is
    # still found from the runs beside it (保障|随迁子女|接受|义务教育: bridges).
    ida0, idb0 = ida, idb
    common = np.zeros(len(ida0), dtype=np.bool_)
    common[first_left] = True
    new = runs
    for _ in range(BRIDGE_ROUNDS):
        ii, jj = _bridges(new, ida0, idb0, common)
        if not len(ii):
            break
        before = len(runs)
        # Only the runs not found before bridge on: the others' bridges were followed already
        # (a run's bridges depend on it alone, and each seed grows into the one run through it).
        runs, new = _merged(runs, _grown(ca, cb, ii, jj), len(cb))
        if len(runs) == before:
            break
    runs = runs[_may_grow(runs) & ~_dominated(runs)]
    # In the order chaining reads them: along both texts at once (a + b), so that which text is A
    # does not decide which of two runs competing for one chain's end comes first. Two pieces
    # swapped between the texts (覆盖两地|职业院校|662所 / 覆盖两地|662所|职业院校) tie: words go
    # before a figure (a figure is weaker evidence of shared text: the figure layer pairs them).
    chars = np.frombuffer(ka.encode("utf-32-le"), dtype=np.uint32)
    digits = np.concatenate(([0], np.cumsum((chars >= 0x30) & (chars <= 0x39))))
    figure = digits[runs[:, 0] + runs[:, 2]] - digits[runs[:, 0]]  # digits in the run (the same in B)
    keys = (runs[:, :2].min(axis=1), figure, runs[:, 0] + runs[:, 1])
    bits = [int(k.max(initial=0)).bit_length() for k in keys]
    if sum(bits) > 63:
        return runs[np.lexsort(keys)]
    packed = (keys[2] << (bits[0] + bits[1])) | (keys[1] << bits[0]) | keys[0]  # one sort, not three
    return runs[np.argsort(packed, kind="stable")]


@per_document
def _gram_index(doc: EngineDocument) -> GramIndex | None:
    """A document's key-form 4-grams, sorted once for every comparison it takes part in."""
    return GramIndex.of(doc.keyform.text)


def _dominated(runs: np.ndarray) -> np.ndarray:
    """Runs a passage long whose stretch of A lies inside another run's, and whose stretch of B
    too: the copies of a repeated sentence paired with each other's copies. The other runs link
    both stretches (and each stretch links once), so these would only cost the chaining its time."""
    if not len(runs):
        return np.zeros(0, dtype=np.bool_)
    inside = []
    for k in (0, 1):
        start, end = runs[:, k], runs[:, k] + runs[:, 2]
        # By start, the longest first among equal starts; among runs over the same stretch the one
        # nearest its diagonal, then the earliest on the other side, is the one not inside: a rule
        # that reads the same whichever text is A (array order would not).
        order = _by_stretch(start, end, runs[:, 1 - k])
        reach = np.maximum.accumulate(end[order])
        covered = np.zeros(len(runs), dtype=np.bool_)
        covered[order[1:]] = reach[:-1] >= end[order[1:]]  # an earlier run reaches as far
        inside.append(covered)
    return inside[0] & inside[1] & (runs[:, 2] >= MIN_LENGTH)  # short runs may be a passage's pieces


def _by_stretch(start: np.ndarray, end: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Runs in order of start, longest first, then nearest their diagonal, then earliest on the
    other side (a stable sort). Given a start and a distance from the diagonal, the other side's
    start is one of two, so one bit orders it: the four keys fit one integer (one sort, not four)."""
    far = np.abs(other - start)
    top = int(max(end.max(initial=0), other.max(initial=0))) + 1
    bits = top.bit_length()
    if 3 * bits + 1 > 63:
        return np.lexsort((other, far, -end, start))
    key = ((((start << bits) | (top - end)) << bits | far) << 1) | (other > start)
    return np.argsort(key, kind="stable")


def _grown(ca: np.ndarray, cb: np.ndarray, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
    """Seeds (i, j) made into maximal exact runs ``[a, b, length]`` (one per run).

    Seeds in a row on one diagonal are one group; a group grows forward only as far as the next
    group on its diagonal (reaching it, the two are one run), and back only when no group before
    it reached it — so a diagonal is read once however many groups it holds (a document compared
    with itself, its repeated phrasing breaking the seeds into thousands of groups)."""
    if not len(ii):
        return np.empty((0, 3), dtype=np.int64)
    na, nb = len(ca), len(cb)
    diag = jj - ii
    # The sort key holds both (diagonal, position): sorting it alone is twice as fast as argsort.
    key = np.sort(_on_diagonals(ii, diag, nb))
    ii, diag = key & 0xFFFFFFFF, (key >> 32) - nb
    start = np.ones(len(ii), dtype=np.bool_)
    start[1:] = (diag[1:] != diag[:-1]) | (ii[1:] != ii[:-1] + 1)
    first = np.nonzero(start)[0]
    last = np.append(first[1:] - 1, len(ii) - 1)
    a0, d = ii[first], diag[first]
    e0 = np.minimum(ii[last] + SEED, np.minimum(na, nb - d))  # the seeds' end, inside both texts
    same_next = np.append(d[1:] == d[:-1], False)
    far = max(na, nb) + 1
    next_start = np.append(a0[1:], 0)
    limit = np.where(same_next, next_start - e0, far)
    reach = _grow(ca, cb, e0, e0 + d, 1, np.maximum(limit, 0))
    end = e0 + reach
    touches = same_next & (end >= next_start)  # grew into the next group: one run
    joined = np.concatenate(([False], touches[:-1]))  # reached by the group before
    back_limit = np.where(joined, 0, np.where(np.concatenate(([False], same_next[:-1])), a0 - np.concatenate(([0], end[:-1])), far))
    back = _grow(ca, cb, a0 - 1, a0 + d - 1, -1, np.maximum(back_limit, 0))
    a0 = a0 - back
    # One run per chain of touching groups: the first group's start, the last one's end.
    run = np.cumsum(~joined) - 1
    starts = np.nonzero(~joined)[0]
    ends = np.append(starts[1:] - 1, len(a0) - 1)
    out_a0, out_d = a0[starts], d[starts]
    return np.stack([out_a0, out_a0 + out_d, end[ends] - out_a0], axis=1) if len(run) else np.empty((0, 3), np.int64)


def _on_diagonals(a: np.ndarray, diag: np.ndarray, nb: int) -> np.ndarray:
    """One sortable key per (diagonal, position in A): diagonal first."""
    return (diag + nb) * (1 << 32) + a


def _merged(runs: np.ndarray, more: np.ndarray, nb: int) -> tuple[np.ndarray, np.ndarray]:
    """``runs`` and ``more`` without duplicates, ordered by diagonal then position; and the runs
    of ``more`` that ``runs`` lacks."""
    both = np.concatenate([runs, more])
    _, first = np.unique(_on_diagonals(both[:, 0], both[:, 1] - both[:, 0], nb), return_index=True)
    return both[first], both[first[first >= len(runs)]]


BRIDGE_ROUNDS = 4  # runs found from runs found from runs …


def _bridges(runs: np.ndarray, ida: np.ndarray, idb: np.ndarray, common: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each run, the closest too-common 4-gram shared within MAX_GAP after its end (and before
    its start) in both texts: the seed of the run that continues it. All runs at once: each
    too-common gram of A within reach of a run compared with the MAX_GAP + 1 grams of B within
    reach (or, where most of A's are too common, the (MAX_GAP + 1)² pairs of every run)."""
    out_a, out_b = [], []
    na, nb = len(ida), len(idb)
    if not na or not nb or not len(runs):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    seen = np.concatenate([[0], np.cumsum(common, dtype=np.int64)])
    steps = np.arange(MAX_GAP + 1)
    distance = (steps[:, None] + steps[None, :]).ravel()
    for forward in (True, False):
        if forward:
            ea, eb = runs[:, 0] + runs[:, 2], runs[:, 1] + runs[:, 2]
            near = seen[_within(ea + MAX_GAP + 1, na + 1)] - seen[_within(ea, na + 1)]
        else:
            ea, eb = runs[:, 0] - SEED, runs[:, 1] - SEED
            near = seen[_within(ea + 1, na + 1)] - seen[_within(ea - MAX_GAP, na + 1)]
        ea, eb = ea[near > 0], eb[near > 0]  # only runs with a too-common gram within reach
        if not len(ea):
            continue
        sign = 1 if forward else -1
        pa, pb = ea[:, None] + sign * steps, eb[:, None] + sign * steps
        ok_a = (pa >= 0) & (pa < na) & common[_within(pa, na)]
        ok_b, grams_b = (pb >= 0) & (pb < nb), idb[_within(pb, nb)]
        row, step = np.nonzero(ok_a)  # A's too-common grams in reach
        # The closest pairs; every pair as close, so that the seeds do not depend on which text
        # is A (a pair 1 on and 2 on and one 2 on and 1 on are as close: both are taken).
        if 2 * len(row) < ok_a.size:  # a few of a run's places: each against B's in reach
            hit = ok_b[row] & (grams_b[row] == ida[pa[row, step]][:, None])
            if not len(row):
                continue
            away = np.where(hit, step[:, None] + steps, 10 * MAX_GAP)
            starts = np.flatnonzero(np.concatenate(([True], row[1:] != row[:-1])))  # (row is sorted: a segment a run)
            closest = np.repeat(np.minimum.reduceat(away.min(axis=1), starts), np.diff(np.append(starts, len(row))))
            k, b_step = np.nonzero(hit & (away == closest[:, None]))
            out_a.append(pa[row[k], step[k]])
            out_b.append(pb[row[k], b_step])
            continue
        # Most (text repeating itself at every length): every place of A against every one of B.
        hit = (ok_a[:, :, None] & ok_b[:, None, :]
               & (ida[_within(pa, na)][:, :, None] == grams_b[:, None, :])).reshape(len(ea), -1)
        found = hit.any(axis=1)
        if not found.any():
            continue
        away = np.where(hit, distance, 10 * MAX_GAP)[found]
        row, best = np.nonzero(away == away.min(axis=1, keepdims=True))
        out_a.append(pa[found][row, best // (MAX_GAP + 1)])
        out_b.append(pb[found][row, best % (MAX_GAP + 1)])
    if not out_a:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(out_a), np.concatenate(out_b)


def _within(x: np.ndarray, n: int) -> np.ndarray:
    """``x`` held to 0..n-1 (cheaper than np.clip on small arrays)."""
    return np.minimum(np.maximum(x, 0), n - 1)


def _may_grow(runs: np.ndarray) -> np.ndarray:
    """Which runs can be part of a passage: long enough alone, or with another run within
    chaining reach. Most 4-character runs are shared vocabulary (教育发展) and
    stand alone; dropping them here spares the chaining loop.

    Neighbours are counted on a grid of (position, diagonal) cells, so a run finds them
    among its 9 surrounding cells without pairing runs with each other. The grid is laid once
    along A and once along B, and a neighbour on either counts: what a run is near then does
    not depend on which text is A."""
    if not len(runs):
        return np.zeros(0, dtype=np.bool_)
    a, b, length = runs[:, 0], runs[:, 1], runs[:, 2]
    reach = MAX_GAP + SEED + MIN_LENGTH
    alone = length >= JOIN_PIECE
    near = np.zeros(len(runs), dtype=np.bool_)
    if alone.all():
        return alone
    for pos, d in ((a, b - a), (b, a - b)):
        cell = (pos // reach) * (1 << 32) + d // (MAX_GAP + 1)
        order = np.argsort(cell)  # probed in order: a sorted search is several times faster
        cells = cell[order]
        asked = ~alone[order]  # only the runs too short alone ask for neighbours
        probe, order = cells[asked], order[asked]
        found = np.zeros(len(probe), dtype=np.int64)
        for da in (-1, 0, 1):  # a row of three cells is a range of keys: the runs in it, by two searches
            row = probe + da * (1 << 32)
            found += np.searchsorted(cells, row + 1, "right") - np.searchsorted(cells, row - 1, "left")
        near[order] |= found > 1  # more than itself
    return alone | near


# -- chains ---------------------------------------------------------------------------------------


def _chains(runs: np.ndarray, ka: str, kb: str, threshold: float,
            sentence_end: tuple[bytes, bytes] | None = None, min_length: int = 0) -> list[_Chain]:
    """Chain runs (sorted by a + b, then the lesser of the two: read the same way whichever text
    is A) that follow each other closely in both texts.

    Each run looks only at the runs before it that end within reach (``_reach``, found for all
    runs at once), and at the chains those still end: a handful of candidates however much the
    texts repeat themselves. Where one text inserts up to
    ``JOIN_GAP`` characters and the other nothing, inside one sentence (a list with one more
    item), the pieces chain while the whole stays ``JOIN_THRESHOLD`` similar. A run shorter than
    ``min_length`` that nothing chains to, before or after, makes no chain: it could never be shown.
    """
    chains: list[_Chain] = []
    ends: dict[int, _Chain] = {}  # run -> the chain that run ends, while it does
    ends_a, ends_b = sentence_end or (b"", b"")
    starts, before, followed = _reach(runs)
    for n, (a, b, length) in enumerate(runs.tolist()):
        lo, hi = starts[n], starts[n + 1]
        if lo == hi:  # nothing within reach before it: it starts a chain (or none, see above)
            if length >= min_length or followed[n]:
                chains.append(chain := _Chain([[a, b, length]], length))
                ends[n] = chain
            continue
        best, best_k, best_cut, best_gap, best_matched, best_need = None, -1, 0, 0, (-1,), threshold
        for k in before[lo:hi]:
            c = ends.get(k)
            if c is None:  # that run no longer ends a chain
                continue
            ga, gb = a - c.a1, b - c.b1
            # An insertion on one side only, inside one sentence, between pieces long enough
            # to be a list's items (not 领导小组 … 统筹协调).
            if sentence_end and c.matched >= JOIN_PIECE and length - max(0, -ga, -gb) >= JOIN_PIECE and (
                    (0 < ga <= JOIN_GAP and -SEED < gb <= 0) or (0 < gb <= JOIN_GAP and -SEED < ga <= 0)) \
                    and 1 not in ends_a[c.a0 + 1 : a + length] and 1 not in ends_b[c.b0 + 1 : b + length]:
                need = JOIN_THRESHOLD
            elif -SEED < ga <= MAX_GAP and gb <= MAX_GAP:
                need = threshold
            else:
                continue
            cut = max(0, -ga, -gb)  # overlapping ends: start this run later
            if cut >= length:
                continue
            gap = _gap_match(ka, kb, c.a1, a, c.b1, b) if ga > 0 and gb > 0 else 0
            if c.similarity_with(a + cut, b + cut, length - cut, gap) < need:
                continue
            # The chain with most matched, then the one ending nearest (a symmetric tie-break).
            rank = (c.matched, c.a1 + c.b1, min(c.a1, c.b1))
            if rank > best_matched:
                best, best_k, best_cut, best_gap, best_matched, best_need = c, k, cut, gap, rank, need
        if best is None:
            chain = _Chain([[a, b, length]], length)
            chains.append(chain)
        else:
            chain = best
            del ends[best_k]
            chain.append(a + best_cut, b + best_cut, length - best_cut, best_gap)
            chain.joined |= best_need == JOIN_THRESHOLD
        ends[n] = chain
    return chains


def _reach(runs) -> tuple[list[int], list[int], list[bool]]:
    """For each run (in chaining order), the runs before it in that order that end within chaining
    reach of its start (in A within [a - JOIN_GAP, a + SEED), in B within [b - JOIN_GAP, b + SEED)),
    by their end in B, then their order (as the chaining loop reads them): run n's are
    ``before[starts[n] : starts[n + 1]]``; and whether a later run has it among its own. Ends are
    put on a grid of cells as wide as the reach, so each run probes the 4 cells its reach can
    touch: a few array operations for all runs, instead of a dictionary probe per position."""
    r = runs
    n = len(r)
    width = JOIN_GAP + SEED
    ea, eb = r[:, 0] + r[:, 2], r[:, 1] + r[:, 2]
    cell = (ea // width) * (1 << 32) + eb // width
    order = np.argsort(cell, kind="stable")
    cells = cell[order]
    low = ((r[:, 0] - JOIN_GAP) // width) * (1 << 32) + (r[:, 1] - JOIN_GAP) // width
    probed = np.argsort(low)  # probed in order: a sorted search is several times faster
    low = low[probed]
    runs_at, found = [], []
    for da in (0, 1):
        for db in (0, 1):
            probe = low + (da * (1 << 32) + db)
            lo = np.searchsorted(cells, probe, "left")
            count = np.searchsorted(cells, probe, "right") - lo
            runs_at.append(np.repeat(probed, count))
            found.append(order[np.repeat(lo, count) + _counting(count)])
    at, k = np.concatenate(runs_at), np.concatenate(found)
    a, b = r[at, 0], r[at, 1]
    keep = ((k < at) & (ea[k] >= a - JOIN_GAP) & (ea[k] < a + SEED) & (eb[k] >= b - JOIN_GAP) & (eb[k] < b + SEED))
    at, k = at[keep], k[keep]
    order = np.lexsort((k, eb[k], at))
    at, k = at[order], k[order]
    followed = np.zeros(n, dtype=np.bool_)
    followed[k] = True
    return np.searchsorted(at, np.arange(n + 1)).tolist(), k.tolist(), followed.tolist()


@per_document
def _sentence_ends(doc: EngineDocument) -> bytes:
    """Per key character: 1 where a sentence or clause list ends just before it (。；！？ or a
    line); once per document."""
    out = bytearray(len(doc.keyform.text) + 1)
    for m in SENTENCE_END.finditer(doc.text):
        out[min(doc.keyform.map.to_dst(m.start()), len(out) - 1)] = 1
    return bytes(out)


# -- settling: one to one, partners, joined pieces ---------------------------------------------------


def _take(chains: list[_Chain], ka: str, kb: str, min_length: int, threshold: float) -> tuple[list[_Chain], list[_Chain]]:
    """Keep chains whose text is still free on both sides (trimming runs that collide), largest
    first; also return the chains left out because one side was taken (partner candidates)."""
    taken_a, taken_b = bytearray(len(ka)), bytearray(len(kb))
    kept, rest = [], []
    for c in chains:
        # (bytearray.find: a byte search in C, no slice copied)
        runs = [r for r in c.runs if taken_a.find(1, r[0], r[0] + r[2]) < 0 and taken_b.find(1, r[1], r[1] + r[2]) < 0]
        if len(runs) < len(c.runs):
            rest.append(c)
        if not runs:
            continue
        trimmed = c if len(runs) == len(c.runs) else _rebuilt(runs, ka, kb, c.joined)
        if not trimmed.holds(threshold, min_length):
            continue
        if taken_a.find(1, trimmed.a0, trimmed.a1) >= 0 or taken_b.find(1, trimmed.b0, trimmed.b1) >= 0:
            continue
        taken_a[trimmed.a0 : trimmed.a1] = b"\x01" * (trimmed.a1 - trimmed.a0)
        taken_b[trimmed.b0 : trimmed.b1] = b"\x01" * (trimmed.b1 - trimmed.b0)
        kept.append(trimmed)
    return kept, rest


def _overlap(x0: int, x1: int, y0: int, y1: int) -> int:
    return max(0, min(x1, y1) - max(x0, y0))


def _ends(chains: list[_Chain]) -> dict[str, np.ndarray]:
    """The chains' spans on each side, ``[start, end]`` rows (read in one pass)."""
    flat = np.fromiter((x for c in chains for x in (c.a0, c.a1, c.b0, c.b1)), dtype=np.int64, count=4 * len(chains))
    flat = flat.reshape(-1, 4)
    return {"a": flat[:, :2], "b": flat[:, 2:]}


def _partners(kept: list[_Chain], rest: list[_Chain], ka: str, kb: str) -> dict[int, list[tuple[str, int, int]]]:
    """For chains that lost only because the other text repeats a kept passage's stretch: the
    repeat, as a partner of that passage (one paragraph quoted three times is one passage).

    The loser must cover the same stretch as the passage on the shared side (most of each
    other), and its other side must be free: a partner is a place no passage links yet.
    Hosts are looked up for all losers at once (sorted starts, nearest two)."""
    out: dict[int, list[tuple[str, int, int]]] = {}
    if not kept or not rest:
        return out
    used = {"a": bytearray(len(ka)), "b": bytearray(len(kb))}
    for c in kept:
        used["a"][c.a0 : c.a1] = b"\x01" * (c.a1 - c.a0)
        used["b"][c.b0 : c.b1] = b"\x01" * (c.b1 - c.b0)
    spans, losers = _ends(kept), _ends(rest)
    host = {}
    for side in "ab":
        order = np.argsort(spans[side][:, 0], kind="stable")
        starts = spans[side][order, 0]
        s, e = losers[side][:, 0], losers[side][:, 1]
        found = np.full(len(rest), -1)
        for shift in (-1, 0):
            at = np.searchsorted(starts, s, "right") + shift
            ok = (at >= 0) & (at < len(starts))
            k = order[np.clip(at, 0, len(starts) - 1)]
            c0, c1 = spans[side][k, 0], spans[side][k, 1]
            shared = np.minimum(e, c1) - np.maximum(s, c0)
            ok &= (shared >= PARTNER_OVERLAP * (c1 - c0)) & (shared >= PARTNER_OVERLAP * (e - s)) & (found < 0)
            found[ok] = k[ok]
        host[side] = found
    hosts = {side: host[side].tolist() for side in "ab"}
    places = {"a": losers["a"].tolist(), "b": losers["b"].tolist()}
    for n in np.nonzero((host["a"] >= 0) | (host["b"] >= 0))[0].tolist():
        for side, other in (("a", "b"), ("b", "a")):
            k = hosts[side][n]
            s, e = places[other][n]
            if k < 0 or used[other].find(1, s, e) >= 0:
                continue
            used[other][s:e] = b"\x01" * (e - s)
            out.setdefault(k, []).append((other, s, e))
            break
    return out


def _one_per_text(passages: list[Passage]) -> list[Passage]:
    """Passages with the same text on both sides, flagged alike, as one passage: each text repeats
    the phrase (提升成渝地区双城经济圈发展能级 twice in the Sichuan report, twice in the Chongqing
    one), so one-to-one linking made two passages a reader sees as the same twice. The first along
    both texts stays (a rule that reads the same whichever text is A); the others' places on each
    side, and their partners, become its partners."""
    groups: dict[tuple[str, str, bool], list[Passage]] = {}
    for p in passages:
        groups.setdefault((p.a_text, p.b_text, p.boilerplate), []).append(p)
    if len(groups) == len(passages):
        return passages
    out = []
    for same in groups.values():
        if len(same) == 1:
            out.append(same[0])
            continue
        same.sort(key=lambda p: (p.a_key[0] + p.b_key[0], min(p.a_key[0], p.b_key[0])))
        host, more = same[0], list(same[0].partners)
        for p in same[1:]:
            more += [Partner("a", p.a_start, p.a_end, p.a_text, p.a_key),
                     Partner("b", p.b_start, p.b_end, p.b_text, p.b_key), *p.partners]
        out.append(replace(host, partners=tuple(sorted(more, key=lambda x: x.start))))
    return out


def _join(kept: list[_Chain], ka: str, kb: str, a: EngineDocument, b: EngineDocument) -> list[_Chain]:
    """Join pieces that follow each other in both texts across a short insertion inside one
    sentence (现代产业学院、未来技术学院、[特色化示范性软件学院、]卓越工程师学院)."""
    by_b = sorted(kept, key=lambda c: c.b0)
    before_in_b = {id(c): p for p, c in zip(by_b, by_b[1:])}
    kept = sorted(kept, key=lambda c: c.a0)
    out: list[_Chain] = []
    last = None  # the piece before, in A
    for c in kept:
        p, piece, last = (out[-1] if out else None), last, c
        # Pieces next to each other in both texts (another passage inside the insertion keeps
        # them apart, whichever text it is in).
        if p is not None and before_in_b.get(id(c)) is piece:
            ga, gb = c.a0 - p.a1, c.b0 - p.b1
            if 0 <= ga <= JOIN_GAP and 0 <= gb <= JOIN_GAP:
                # Inside one sentence on both sides, pieces and insertion alike (not a heading
                # and the line after it).
                if 1 not in _sentence_ends(a)[p.a0 + 1 : c.a1] and 1 not in _sentence_ends(b)[p.b0 + 1 : c.b1]:
                    joined = _rebuilt(p.runs + c.runs, ka, kb, True)
                    if joined.similarity() >= JOIN_THRESHOLD:
                        out[-1] = joined
                        continue
        out.append(c)
    return out


# -- boundaries -----------------------------------------------------------------------------------

# A number with its unit and qualifier is one unit of meaning: a passage never ends inside one
# (an approximate one too: 750余万人次, 800多亿元, 30万).
NUMBER = re.compile(
    r"[0-9０-９]+(?:[.．][0-9０-９]+)?(?:\s*(?:%|％|‰|个百分点))?(?:[余多]?[万亿千百]+[余多]?|[余多])?"
    r"(?:(?:元|人次|人|户|吨|公里|千米|平方米|平方公里|亩|家|所|个|個|项|項|座|台|辆|套|件|名|次|倍|岁|千瓦|兆瓦|瓦|度|美元|标准箱|届|屆|期|批|轮|輪|年|月|日|天))?"
    r"(?:以上|以下|左右|以内|上下)?"
)


def _number_cut(text: str, pos: int) -> tuple[int, int] | None:
    """The number (with unit and qualifier) that ``pos`` would cut in two, if any."""
    lo = max(0, pos - 24)
    for m in NUMBER.finditer(text, lo, min(len(text), pos + 24)):
        if m.start() < pos < m.end():
            return m.start(), m.end()
        if m.start() >= pos:
            break
    return None


class _SrcMap:
    """A document's key positions in its stored text, from a table of every position (made once
    per document: the finder maps each end of every passage, several times as it snaps)."""

    __slots__ = ("map", "starts", "ends", "text", "key", "_bounds")

    def __init__(self, doc: EngineDocument) -> None:
        from array import array

        self.map = doc.keyform.map
        self.text, self.key = doc.text, doc.keyform.text
        self._bounds: dict[tuple[int, bool], tuple[bool, object] | None] = {}
        table = self.map.to_src_table()
        # Machine integers (array): read back as Python ints, and nothing for the collector to walk.
        self.starts = self.ends = None
        if table is not None:
            self.starts, self.ends = array("q"), array("q")
            self.starts.frombytes(table[0].astype(np.int64).tobytes())
            self.ends.frombytes(table[1].astype(np.int64).tobytes())

    def span(self, s: int, e: int) -> tuple[int, int]:
        """``to_src_span``."""
        if self.starts is None or s >= e:
            return self.map.to_src_span(s, e)
        return self.starts[s], self.ends[e]

    def at(self, pos: int) -> int:
        """``to_src``."""
        return self.map.to_src(pos) if self.starts is None else self.starts[pos]

    def boundary(self, s: int, e: int, at_start: bool) -> tuple[bool, object] | None:
        """What the start (``at_start``) or end of key span [s, e) cuts: ``(True, edge)`` a number
        with its unit (``edge``: the key position the passage gives it up at), ``(False, (start,
        end))`` a word, or None. Remembered per position: the finder asks about both ends of every
        passage, again as it snaps, and again in every comparison the document takes part in."""
        pos = s if at_start else e
        memo = self.starts is not None
        if memo and (pos, at_start) in self._bounds:
            return self._bounds[pos, at_start]
        cut = _number_cut(self.text, self.span(s, e)[0 if at_start else 1])
        if cut:
            found: tuple[bool, object] | None = (True, self.map.to_dst(cut[1] if at_start else cut[0]))
        else:
            word = _inside_word(self, self.key, pos)
            found = None if word is None else (False, word)
        if memo:
            self._bounds[pos, at_start] = found
        return found


_src_map = per_document(_SrcMap)


def _inside_word(src: _SrcMap, key: str, pos: int) -> tuple[int, int] | None:
    """If key position ``pos`` falls inside a word, the word's (start, end): jieba's dictionary
    segmentation of the few characters around it (教|育协同 is inside 教育, 四川|大学 inside 四川大学)."""
    from duidu.text.segment import word_edges

    if pos <= 0 or pos >= len(key):
        return None
    if src.at(pos) - src.at(pos - 1) > 1:
        return None  # punctuation or space between the two characters: a boundary already
    lo = max(0, pos - SNAP_WINDOW)
    edges = [lo + e for e in word_edges(key[lo : pos + SNAP_WINDOW])]
    if pos in edges:
        return None
    at = bisect.bisect_left(edges, pos)
    return edges[at - 1], edges[at]


def _trim(chain: _Chain, side: str, start: int, end: int, ka: str, kb: str) -> _Chain | None:
    """The chain cut to key span [start, end) on ``side``, its partner side cut alongside."""
    k = 0 if side == "a" else 1
    if end - start <= 0:
        return None
    runs = []
    for r in chain.runs:
        s, e = max(r[k], start), min(r[k] + r[2], end)
        if e - s > 0:
            shift = s - r[k]
            runs.append([r[0] + shift, r[1] + shift, e - s])
    return _rebuilt(runs, ka, kb, chain.joined) if runs else None


CHINESE_DIGITS = frozenset("零〇一二两三四五六七八九十百千万亿")


def _has_figure(text: str) -> bool:
    return any(ch.isdigit() or ch in CHINESE_DIGITS for ch in text)


def _split_at_numbers(chain: _Chain, ka: str, kb: str, maps: dict | None = None) -> list[_Chain]:
    """The chain cut where its two sides differ in a number (旅客吞吐量突破9000万人次 / 首次突破5000万
    人次 share a sentence's frame, not a figure): figures that differ are the figure layer's. Given
    ``maps`` (each side's ``_src_map``), also where one side alone counts an item of a list
    (美丽河湖7个、美丽海湾 / 美丽河湖、美丽海湾: the figure and a list mark between the pieces)."""
    pieces, current = [], [chain.runs[0]]
    for prev, run in zip(chain.runs, chain.runs[1:]):
        a0, b0 = prev[0] + prev[2], prev[1] + prev[2]
        gap_a, gap_b = ka[max(0, a0 - 1) : run[0] + 1], kb[max(0, b0 - 1) : run[1] + 1]
        # A figure on each side, not the same (4年 / 六年): a figure inserted on one side (662所)
        # stays inside, unless it ends a list item there.
        fig_a, fig_b = _has_figure(gap_a), _has_figure(gap_b)
        if (fig_a and fig_b and gap_a != gap_b) or (maps is not None and fig_a != fig_b and _marked(
                maps["a" if fig_a else "b"], *((a0, run[0]) if fig_a else (b0, run[1])), LIST_MARKS)):
            pieces.append(current)
            current = []
        current.append(run)
    pieces.append(current)
    if len(pieces) == 1:
        return [chain]
    return [_rebuilt([r for r in runs if r[2]] or runs, ka, kb, chain.joined) for runs in pieces]


def _marked(src: _SrcMap, s: int, e: int, marks: str = "") -> bool:
    """Whether the stored text of key span [s, e) holds punctuation; given ``marks``, one of those."""
    x, y = src.span(s, e) if e > s else (src.at(s), src.at(s))
    return y - x > e - s and (not marks or any(m in src.text[x:y] for m in marks))


CLAUSE_BREAK = re.compile(r"[，,：:]")  # a clause break inside a sentence (not 、: list items are short)
LIST_MARKS = "、，,；;"  # between list items or clauses (not （APEC）: a figure inside brackets counts nothing)


@per_document
def _breaks(doc: EngineDocument) -> bytes:
    """Per key character: 2 where a sentence ends just before it (``SENTENCE_END``), 1 where a
    clause does (``CLAUSE_BREAK``), else 0."""
    out = bytearray(_sentence_ends(doc).replace(b"\x01", b"\x02"))
    for m in CLAUSE_BREAK.finditer(doc.text):
        at = min(doc.keyform.map.to_dst(m.start()), len(out) - 1)
        out[at] = out[at] or 1
    return bytes(out)


def _whole_clauses(chain: _Chain, breaks: dict[str, bytes], ka: str, kb: str, threshold: float,
                   min_length: int) -> _Chain | None:
    """The chain without what it runs into across a sentence or clause end.

    Two texts often say the same thing at a sentence's end and the next one's start while
    going on differently (五年。全省上下深入; 发展。建立未来产业投入增长): a passage is a sentence's
    shared content, so one that crosses a sentence end (on either side) keeps only the pieces
    between ends that would be passages by themselves (from the first to the last; none: no
    passage). A piece shorter than a passage left at an end past a clause break is the start (or
    end) of a clause the two go on with differently (…养老保险体系，扩大; …立体交通网，开工建设): it goes
    too, unless it is a whole clause of at least ``SEED`` characters; so does a particle at an end
    that belongs with what lies outside (``_particles``)."""
    def cut_at(c: _Chain, side: str, kind: int) -> list[_Chain]:
        s, e = (c.a0, c.a1) if side == "a" else (c.b0, c.b1)
        marks, bounds, at = breaks[side], [s], breaks[side].find(kind, s + 1, e)
        if at < 0 and all(r[2] for r in c.runs):
            return [c]  # no end inside: trimmed to itself it would be rebuilt the same (most chains)
        while at >= 0:
            bounds.append(at)
            at = marks.find(kind, at + 1, e)
        bounds.append(e)
        return [t for x, y in zip(bounds, bounds[1:]) if (t := _trim(c, side, x, y, ka, kb)) is not None]

    pieces = [chain]
    for side in "ab":
        pieces = [t for c in pieces for t in cut_at(c, side, 2)]
    if len(pieces) > 1:
        held = [p for p in pieces if p.holds(threshold, min_length)]
        if not held:
            return None
        if len(held) < len(pieces):
            chain = _trim(chain, "a", held[0].a0, held[-1].a1, ka, kb)
    # Until neither side changes: a cut on one side moves the other side's end (the same whichever
    # text is A).
    for _ in range(4):
        ends = (chain.a0, chain.a1, chain.b0, chain.b1)
        for side in "ab":  # a clause's dangling piece at either end, past a clause break
            s, e = (chain.a0, chain.a1) if side == "a" else (chain.b0, chain.b1)
            marks = breaks[side]
            lo, hi = s + 1, min(e, s + min_length)  # (most ends have no break near them: counted in C first)
            head = None if marks.count(0, lo, hi) >= hi - lo else next(p for p in range(lo, hi) if marks[p])
            lo, hi = max(s, e - min_length) + 1, e
            tail = None if marks.count(0, lo, hi) >= hi - lo else next(p for p in range(hi - 1, lo - 1, -1) if marks[p])
            # Shorter than a passage: kept only as a whole clause of at least a seed (…，扩大入境消费。),
            # not where the clause goes on outside the passage (…，开工建设 | 广州新机场 / 潮南高速…).
            if head is not None and head - s >= SEED and (s == 0 or marks[s]):
                head = None
            if tail is not None and e - tail >= SEED and (e >= len(marks) - 1 or marks[e]):
                tail = None
            if head is not None or tail is not None:
                chain = _trim(chain, side, s if head is None else head, e if tail is None else tail, ka, kb)
                if chain is None:
                    return None
        chain = _particles(chain, ka, kb)
        if chain is None or (chain.a0, chain.a1, chain.b0, chain.b1) == ends:
            return chain
    return chain


LEADING = frozenset("的等和与及")  # particles that attach to what precedes them (…等特色优势产业, …和区域中心城市)
TRAILING = frozenset("的和与及")  # and to what follows (群众得实惠最多的 …, 卓越工程师学院和 …)


def _alone(key: str, at: int) -> bool:
    """Whether ``key[at]`` is a word by itself (的 in 最多的五年, not in 目的)."""
    from duidu.text.segment import word_edges

    lo = max(0, at - SNAP_WINDOW)
    edges = word_edges(key[lo : at + 1 + SNAP_WINDOW])
    return at - lo in edges and at + 1 - lo in edges


def _particles(chain: _Chain, ka: str, kb: str) -> _Chain | None:
    """The chain without a particle at an end, on either side, that joins what lies outside it:
    a modifier's 的 without its head, a list's 等 or a conjunction without the items it joins."""
    for side, key in (("a", ka), ("b", kb)):
        s, e = (chain.a0, chain.a1) if side == "a" else (chain.b0, chain.b1)
        s0, e0 = s, e
        while s < e and key[s] in LEADING and _alone(key, s):
            s += 1
        while s < e and key[e - 1] in TRAILING and _alone(key, e - 1):
            e -= 1
        if (s, e) != (s0, e0):
            chain = _trim(chain, side, s, e, ka, kb)
            if chain is None:
                return None
    return chain


def _unknown_word(src: "_SrcMap", key: str, ends: tuple[int, int, int, int], side: str, at_start: bool,
                  by: int) -> bool:
    """Whether the passage's start (end) on ``side`` and the ``by`` characters before (after) it are
    single characters to the dictionary, unbroken in the stored text and not a figure: a word it
    lacks (聚力 in 聚力打造), which the other side's word (奋力) shows the passage cuts too."""
    from duidu.text.segment import word_edges

    s, e = ends[:2] if side == "a" else ends[2:]
    lo, hi = (s - by, s + 1) if at_start else (e - 1, e + by)
    if lo < 0 or hi > len(key) or _has_figure(key[lo:hi]) or _marked(src, lo, hi) or LEADING & set(key[lo:hi]) \
            or TRAILING & set(key[lo:hi]):
        return False  # (的力 is no word)
    w0 = max(0, lo - SNAP_WINDOW)  # segmented in context (制造业|创新 is no word the dictionary lacks)
    edges = {w0 + x for x in word_edges(key[w0 : hi + SNAP_WINDOW])}
    return all(x in edges for x in range(lo, hi + 1))  # every character a word of its own


def _widened(chain: _Chain, side: str, at_start: bool, by: int, ka: str, kb: str) -> _Chain:
    """The chain with ``by`` more characters on one end of one side (unmatched: a zero-length run
    marks the new end, so similarity counts them as a difference)."""
    runs = [list(r) for r in chain.runs]
    if at_start:
        edge = [chain.a0 - by, chain.b0, 0] if side == "a" else [chain.a0, chain.b0 - by, 0]
        runs.insert(0, edge)
    else:
        runs.append([chain.a1 + by, chain.b1, 0] if side == "a" else [chain.a1, chain.b1 + by, 0])
    return _rebuilt(runs, ka, kb, chain.joined)


def _snap(chain: _Chain, maps: dict[str, _SrcMap], ka: str, kb: str, threshold: float) -> _Chain | None:
    """Ends on word boundaries and off numbers with their units, on both sides (``maps``: each
    side's ``_src_map``).

    An end inside a word takes in the rest of the word when the passage stays similar
    (中|小學作業設計大賽 in one, 小学作业设计大赛 in the other), else gives the word up; an end
    inside a number gives the number up (增长5|.5% against 增长5|%以上 shares no figure)."""
    for _ in range(3):
        changed = False
        for side in "ab":
            for at_start in (True, False):
                s, e = (chain.a0, chain.a1) if side == "a" else (chain.b0, chain.b1)
                pos = s if at_start else e
                found = maps[side].boundary(s, e, at_start)
                if found is None:
                    continue
                if found[0]:  # inside a number
                    edge = found[1]
                    new = _trim(chain, side, edge, e, ka, kb) if at_start else _trim(chain, side, s, edge, ka, kb)
                else:
                    word = found[1]
                    by = pos - word[0] if at_start else word[1] - pos
                    new = _widened(chain, side, at_start, by, ka, kb) if by <= 2 else None
                    other = "b" if side == "a" else "a"
                    same = (ka[chain.a0] == kb[chain.b0]) if at_start else (ka[chain.a1 - 1] == kb[chain.b1 - 1])
                    if new is not None and same and _unknown_word(maps[other], (ka, kb)[other == "b"],
                                                         (chain.a0, chain.a1, chain.b0, chain.b1), other, at_start, by):
                        # The same character ends (starts) a word on the other side too, one the
                        # dictionary lacks (奋力|打造 / 聚|力|打造): two different words, so the passage
                        # gives the character up on both sides (打造生态文明高地).
                        new = None
                    if new is None or not new.holds(threshold, 0):
                        new = _trim(chain, side, word[1], e, ka, kb) if at_start else _trim(chain, side, s, word[0], ka, kb)
                if new is None:
                    return None
                chain, changed = new, True
        if not changed:
            break
    return chain


# -- short quoted items ---------------------------------------------------------------------------

QUOTED = re.compile(r"“([^“”\n]{2,40})”|《([^《》\n]{2,60})》|「([^「」\n]{2,40})」|\"([^\"\n]{2,40})\"")


@per_document
def _quoted(doc: EngineDocument) -> dict[str, list[tuple[int, int]]]:
    """Quoted names and titles of a document: key text -> key spans (once per document)."""
    out: dict[str, list[tuple[int, int]]] = {}
    key = doc.keyform.text
    for m in QUOTED.finditer(doc.text):
        g = next(n for n in range(1, 5) if m.group(n) is not None)
        s, e = doc.keyform.map.to_dst_span(m.start(g), m.end(g))
        if e - s >= SHORT_LENGTH:
            out.setdefault(key[s:e], []).append((s, e))
    return out


def _mentioned(doc: EngineDocument, spans: tuple[tuple, ...]) -> dict[str, list[tuple[int, int]]]:
    """The measure layer's mentions of a document (stored-text spans, each with the measure's name
    where given): key text -> key spans. The whole mention (打造西部金融中心), and the name where the
    mention states it word for word (西部金融中心): the other text may name it with another verb or
    none (西部金融中心建设提速)."""
    from duidu.text.keyform import fold

    out: dict[str, list[tuple[int, int]]] = {}
    key = doc.keyform.text
    for start, end, *name in spans:
        s, e = doc.keyform.map.to_dst_span(start, end)
        if e - s >= SHORT_LENGTH:
            out.setdefault(key[s:e], []).append((s, e))
        if name and len(name[0]) >= SHORT_LENGTH:
            named = fold(name[0])
            at = key.find(named, s, e)
            if at >= 0 and len(named) < e - s:
                out.setdefault(named, []).append((at, at + len(named)))
    return out


_mentioned_once = per_document(_mentioned)


def _free_place(key: str, item: str, own: list[tuple[int, int]] | None, used: bytearray,
                src: "_SrcMap", quoted: bool) -> tuple[int, int] | None:
    """Where ``item`` links in one text: the first of its own places there (a quotation, a measure
    mention) still free; else, where that text states it unmarked, its first free occurrence that
    starts and ends on word boundaries (教育协同发展试验区 is not in 體育協同發展試驗區). Unquoted, an
    item is unbroken in the stored text (帮扶产业 is not 帮扶、产业; “五统一、一开放” is one name)."""
    def whole(s: int, e: int) -> bool:
        x, y = src.span(s, e)
        return y - x == e - s and used.find(1, s, e) < 0

    if own:
        return next(((s, e) for s, e in own if (quoted and used.find(1, s, e) < 0) or whole(s, e)), None)
    at = key.find(item)
    while at >= 0:
        end = at + len(item)
        if whole(at, end) and _inside_word(src, key, at) is None and _inside_word(src, key, end) is None:
            return at, end
        at = key.find(item, at + 1)
    return None


@per_document
def _heads(doc: EngineDocument) -> frozenset[str]:
    """Every ``SHORT_LENGTH``-character stretch of a document's key text (once per document)."""
    key = doc.keyform.text
    return frozenset(key[i : i + SHORT_LENGTH] for i in range(len(key) - SHORT_LENGTH + 1))


def _short_items(a: EngineDocument, b: EngineDocument, taken: list[_Chain], min_length: int,
                 measures: tuple[tuple, tuple] | None = None) -> tuple[list[_Chain], list[bool]]:
    """Items shorter than a passage that both texts state word for word, where nothing links them
    yet: a name one text quotes (“渝英荟萃”, 《沃土计划》), and, given the measure layer's mentions
    of each side (stored-text spans with the measure's name), a measure or the thing it names
    (以旧换新, 西部金融中心), found quoted or named on the other side or stated there on word
    boundaries. Which are shown the background model decides (``find_passages``: stock ones are
    flagged). Also, for each, whether one text states it unmarked (neither quoted nor a measure there)."""
    qa, qb = quoted_a, quoted_b = _quoted(a), _quoted(b)
    if measures is not None:
        qa = {**_mentioned_once(a, measures[0]), **qa}
        qb = {**_mentioned_once(b, measures[1]), **qb}
    ka, kb = a.keyform.text, b.keyform.text
    out: list[_Chain] = []
    loose: list[bool] = []
    used_a, used_b = bytearray(len(ka)), bytearray(len(kb))
    for c in taken:
        used_a[c.a0 : c.a1] = b"\x01" * (c.a1 - c.a0)
        used_b[c.b0 : c.b1] = b"\x01" * (c.b1 - c.b0)
    src_a, src_b = _src_map(a), _src_map(b)
    # An item a passage already links on both sides (“川渝通办” inside 355项“川渝通办”事项) is shown there.
    linked_a = "\x00".join(ka[c.a0 : c.a1] for c in taken)
    linked_b = "\x00".join(kb[c.b0 : c.b1] for c in taken)
    # (Most names of one side are nowhere in the other: a set lookup of their first characters says so.)
    heads_a, heads_b = _heads(a), _heads(b)
    items = [k for k in qa.keys() | qb.keys() if len(k) < min_length and k[:SHORT_LENGTH] in heads_a
             and k[:SHORT_LENGTH] in heads_b]
    for key in sorted(items, key=lambda k: (-len(k), k)):  # an order neither side sets
        if key in linked_a and key in linked_b:
            continue
        place_a = _free_place(ka, key, qa.get(key), used_a, src_a, key in quoted_a)
        place_b = place_a and _free_place(kb, key, qb.get(key), used_b, src_b, key in quoted_b)
        if not place_b:
            continue
        (s, e), (t, u) = place_a, place_b
        used_a[s:e], used_b[t:u] = b"\x01" * (e - s), b"\x01" * (u - t)
        out.append(_Chain([[s, t, e - s]]))
        loose.append(key not in qa or key not in qb)
    return out, loose


# -- the whole finder -------------------------------------------------------------------------------


def find_passages(
    a: EngineDocument,
    b: EngineDocument,
    *,
    min_length: int = MIN_LENGTH,
    threshold: float = THRESHOLD,
    is_boilerplate: Callable[[str], bool] | None = None,
    measures: tuple[tuple, tuple] | None = None,
    within: tuple[Sequence[tuple[int, int]], Sequence[tuple[int, int]]] | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> list[Passage]:
    """Every passage of at least ``min_length`` key characters that A and B share.

    ``measures``: the measure layer's mention spans in A and in B (stored text), so that a
    measure both state word for word links however short (``SHORT_LENGTH``).
    ``within``: key spans of A and of B to look in (passages found only there; quoted short items
    anywhere): text reuse over a library looks only around what two documents share
    (``engine/reuse.py``).
    ``is_boilerplate`` (given a passage's key text) marks stock phrasing; a passage is flagged
    when its text in A or in B is (the two differ in a fuzzy passage: what they share is no more
    than the plainer), and its informativeness is the lesser of the two, so that B against A gives
    what A against B gives. Flagged passages are returned, and callers hide them by default.
    Without a test, the background model and the stop phrases decide
    (``engine.boilerplate.Boilerplate()``); when it has an ``assess`` method (``Boilerplate``),
    informativeness comes from it too.
    """
    from duidu.engine.boilerplate import DISTINCTIVE, Boilerplate, ranked_informativeness, word_informativeness

    ka, kb = a.keyform.text, b.keyform.text
    checkpoint(0.0, progress, cancel)
    runs = _runs(ka, kb, within, (a, b))
    checkpoint(0.4, progress, cancel)
    chains = _chains(runs, ka, kb, threshold, (_sentence_ends(a), _sentence_ends(b)), min_length)
    checkpoint(0.6, progress, cancel)
    # Too short or too loose to ever be shown: settle only the rest.
    chains = [c for c in chains if c.holds(threshold, min_length)]
    # Largest first, the most similar first among equals (a verbatim copy before one across an
    # insertion); then the one furthest along both texts last (a tie-break that
    # reads the same whichever text is A: by A's positions alone, A's first copy of a repeated
    # sentence would always take B's first, and B's first A's only when B is A).
    chains.sort(key=lambda c: (-c.matched, -c.similarity(), c.a0 + c.b0, min(c.a0, c.b0)))
    checkpoint(0.7, progress, cancel)
    kept, rest = _take(chains, ka, kb, min_length, threshold)
    kept = _join(kept, ka, kb, a, b)
    snapped = []
    maps = {"a": _src_map(a), "b": _src_map(b)}
    breaks = {"a": _breaks(a), "b": _breaks(b)}
    for c in (piece for chain in kept for piece in _split_at_numbers(chain, ka, kb, maps)):
        s = _snap(c, maps, ka, kb, threshold)
        if s is not None and (whole := _whole_clauses(s, breaks, ka, kb, threshold, min_length)) is not s:
            s = whole and _snap(whole, maps, ka, kb, threshold)  # cut at a clause: its new ends snapped
        if s is not None and s.holds(threshold, min_length):
            snapped.append(s)
    short, loose = _short_items(a, b, snapped, min_length, measures)
    kept = snapped + short
    quoted_a, quoted_b = _quoted(a), _quoted(b)
    partners = _partners(kept, rest, ka, kb)
    checkpoint(0.9, progress, cancel)
    test = is_boilerplate if is_boilerplate is not None else Boilerplate()
    keys = [ka[c.a0 : c.a1] for c in kept]
    b_keys = [kb[c.b0 : c.b1] for c in kept]
    if hasattr(test, "assess_pairs"):
        assessed = test.assess_pairs(keys, b_keys)
    else:
        scores = Boilerplate().assess_pairs(keys, b_keys)
        assessed = [(bool(test(k) or test(kb_)), s[1]) for k, kb_, s in zip(keys, b_keys, scores)]
    # Decisions above stay on the character grams; what a reader ranks by adds the words' rarity.
    ranked = ranked_informativeness([score for _, score in assessed], keys, b_keys)
    # A short item's characters are all rare to 6-grams: whether its words are says more (the lesser wording).
    words = word_informativeness(keys[len(snapped) :] + b_keys[len(snapped) :]).tolist()
    short_words = [min(x, y) for x, y in zip(words, words[len(words) // 2 :])]
    passages = []
    for n, c in enumerate(kept):
        a_start, a_end = maps["a"].span(c.a0, c.a1)
        b_start, b_end = maps["b"].span(c.b0, c.b1)
        verbatim = len(c.runs) == 1 and c.a1 - c.a0 == c.b1 - c.b0
        more = []
        for side, s, e in partners.get(n, ()):
            doc = a if side == "a" else b
            src = maps[side].span(s, e)
            more.append(Partner(side, src[0], src[1], doc.text[src[0] : src[1]], (s, e)))
        boiler, informativeness = assessed[n]
        places = shared_places(a, (a_start, a_end), b, (b_start, b_end))  # (asked up to three times below)
        if n >= len(snapped) and informativeness < DISTINCTIVE and keys[n] not in quoted_a and keys[n] not in quoted_b:
            boiler = True  # a measure's bare name that most reports state (产教融合): stock
        if n >= len(snapped) and not boiler and keys[n] not in quoted_a and keys[n] not in quoted_b \
                and short_words[n - len(snapped)] < SHORT_WORDS and not places:
            boiler = True  # an unquoted short item of common words naming no place (合作协议, 现代水网体系)
        if n >= len(snapped) and not boiler and loose[n - len(snapped)] and not places:
            boiler = True  # a name one text states in passing: the pair's own only if it names a place (西部金融中心)
        if not boiler and figure_frame(a.text, (a_start, a_end), b.text, (b_start, b_end)):
            boiler = True  # only the words around two different figures (engine/frames.py)
        if not boiler and name_frame(a.text, (a_start, a_end), b.text, (b_start, b_end)):
            boiler = True  # a clause's tail said of different things (engine/frames.py)
        if not boiler and own_name_frame(a.text, (a_start, a_end), a.region, b.text, (b_start, b_end), b.region):
            boiler = True  # the same words around each document's own region (环北部湾广西 / 广东水资源配置)
        if n >= len(snapped) and counts_other_things(a.text, (a_start, a_end), b.text, (b_start, b_end)):
            boiler = True  # a short numbered slogan counting different things on each side (三位一体)
        passages.append(
            Passage(
                a_start, a_end, b_start, b_end, a.text[a_start:a_end], b.text[b_start:b_end],
                1.0 if verbatim else round(c.similarity(), 3), "verbatim" if verbatim else "fuzzy",
                (c.a0, c.a1), (c.b0, c.b1), boiler, ranked[n], tuple(sorted(more, key=lambda p: p.start)),
                places if informativeness >= DISTINCTIVE else (),
            )
        )
    passages = _one_per_text(passages)
    passages.sort(key=lambda p: (p.a_start, p.b_start))
    checkpoint(1.0, progress, cancel)
    return passages
