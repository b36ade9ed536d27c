"""Seeds of shared passages: places where A and B hold the same n-gram, found by sorting.

Every n-gram of both texts is given a rank (equal text, equal rank) by prefix doubling, as a
suffix array is built: the 4-grams from the characters, the 8-grams from pairs of 4-gram ranks,
the 16-grams from pairs of 8-gram ranks. Each rank is one sort of all positions, and a sort of
integers that carry their position in their low bits (``np.sort``) is about twice as fast as
``np.argsort``; nothing here loops over positions in Python.

A gram found more than ``max_pairs`` times in A times in B (随迁子女 in a report that repeats it)
seeds nothing at its length: where it stands, the gram twice as long is tried (``levels`` times),
so the pairs grow with the text, not with the square of how often it repeats itself.
"""

from __future__ import annotations

import numpy as np

SEED = 4  # characters in the shortest seed
WHOLE = 3  # longer grams ranked over the whole texts when over 1/WHOLE of the positions are in question


def _ranked(values: np.ndarray, top: int) -> tuple[np.ndarray, np.ndarray]:
    """Dense ranks (from 1, equal values equal ranks) of ``values`` (0 <= v < ``top``), and the
    positions in order of (value, position)."""
    m = len(values)
    if not m:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    low = max(1, (m - 1).bit_length())
    if (top - 1).bit_length() + low <= 64:  # value and position in one integer: a plain sort
        packed = np.sort((values.astype(np.uint64) << np.uint64(low)) | np.arange(m, dtype=np.uint64))
        order = (packed & np.uint64((1 << low) - 1)).astype(np.int64)
        ordered = packed >> np.uint64(low)
    else:
        order = np.argsort(values, kind="stable")
        ordered = values[order]
    new = np.empty(m, dtype=np.int64)
    new[0] = 1
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    rank = np.empty(m, dtype=np.int64)
    rank[order] = np.cumsum(new)
    return rank, order


def _char_ranks(codes: np.ndarray) -> tuple[np.ndarray, int]:
    """The characters as ranks 1..K (0 is left for "past the end")."""
    if not len(codes):
        return np.zeros(0, np.int64), 1
    top = int(codes.max()) + 1
    if top <= 1 << 22:  # a table over the code points that occur
        seen = np.zeros(top, dtype=np.int64)
        seen[codes] = 1
        table = np.cumsum(seen)
        return table[codes], int(table[-1]) + 1
    rank, _ = _ranked(codes.astype(np.int64), top)
    return rank, int(rank.max()) + 1


def _doubled(rank: np.ndarray, top: int, length: int) -> tuple[np.ndarray, int, np.ndarray]:
    """Ranks of the grams twice ``length`` long from the ranks of grams ``length`` long (rank 0
    past the end of the joined text)."""
    n = len(rank)
    after = np.zeros(n, dtype=np.int64)
    after[: n - length] = rank[length:]
    new, order = _ranked(rank * top + after, top * top)
    return new, int(new.max()) + 1 if n else 1, order


def seed_pairs(ca: np.ndarray, cb: np.ndarray, where_a: np.ndarray, where_b: np.ndarray,
               max_pairs: int, levels: int, inside: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Seed pairs ``(ii, jj)``: positions of A and B starting the same gram, the 4-gram or, where it
    is too common on both sides, the 8- or 16-gram; ``where_a`` / ``where_b`` are the 4-gram
    positions to look at (ascending). Also the positions of A whose 4-gram was too common
    (phrasing repeated on both sides: the bridges between runs start there). Without ``inside``,
    a 4-gram pair whose pair one character before is one too is left out: it lies inside a run
    that pair starts, and growing that run finds it (most pairs of a long shared stretch).

    The two texts are joined (A, then B) so one sort ranks the grams of both; a gram that runs
    past A's end into B is never looked at."""
    na, nb = len(ca), len(cb)
    empty = np.zeros(0, np.int64)
    if not len(where_a) or not len(where_b):
        return empty, empty, empty
    chars, k = _char_ranks(np.concatenate([ca, cb]).astype(np.int64))
    n = len(chars)
    rank, top, order = chars, k, None
    # 4-grams: at once when four characters fit one integer with the position, else two doublings.
    if 4 * (k - 1).bit_length() + max(1, (n - 1).bit_length()) <= 64:
        value = np.zeros(n, dtype=np.int64)
        for s in range(SEED):
            shifted = np.zeros(n, dtype=np.int64)
            shifted[: n - s] = chars[s:]
            value = value * k + shifted
        rank, order = _ranked(value, k**4)
        top = int(rank.max()) + 1
    else:
        for length in (1, 2):
            rank, top, order = _doubled(rank, top, length)
    return _levels(rank, top, order, na, nb, where_a, where_b, max_pairs, levels, inside, ca, cb)


def _levels(rank: np.ndarray, top: int, order: np.ndarray | None, na: int, nb: int, where_a: np.ndarray,
            where_b: np.ndarray, max_pairs: int, levels: int, inside: bool, ca: np.ndarray | None,
            cb: np.ndarray | None, start_level: int = 0, pairs_a: list | None = None,
            pairs_b: list | None = None, first_left: np.ndarray | None = None
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``seed_pairs``' levels from ``start_level`` on: ``rank`` the ranks of the 4-grams of A and B
    joined (``order``: the positions in order of rank, when ranked over the whole texts)."""
    n = na + nb
    empty = np.zeros(0, np.int64)
    pairs_a, pairs_b = pairs_a or [], pairs_b or []
    first_left = empty if first_left is None else first_left
    length = SEED << start_level
    whole = order is not None and start_level > 0
    for level in range(start_level, levels + 1):
        if level == 0 or whole:
            asked = np.zeros(n, dtype=np.bool_)
            asked[where_a] = True
            asked[na + where_b] = True
            sub = order[asked[order]]  # the positions asked about, by gram then position: A's first
            ranks = rank[sub]
        else:  # longer grams, ranked only where they are asked about (a few of the positions)
            at = np.concatenate([where_a, na + where_b])
            ranks, _, order = _gram_ranks(rank, top, at, length)
            sub, ranks = at[order], ranks[order]
        start = np.flatnonzero(np.concatenate(([True], ranks[1:] != ranks[:-1])))
        size = np.diff(np.append(start, len(sub)))
        in_a = np.add.reduceat((sub < na).astype(np.int64), start) if len(sub) else empty
        in_b = size - in_a
        shared = (in_a > 0) & (in_b > 0)
        seeded = shared & (in_a * in_b <= max_pairs)
        # Every A position of a seeded gram with every B position of it.
        g = np.flatnonzero(seeded)
        a_count, b_count = in_a[g], in_b[g]
        a_at = np.repeat(start[g], a_count) + _counting(a_count)  # A's positions of each gram, in sub
        reps = np.repeat(b_count, a_count)
        ii = np.repeat(sub[a_at], reps)
        b_first = np.repeat(start[g] + a_count, a_count)  # where each gram's B positions begin
        jj = sub[np.repeat(b_first, reps) + _counting(reps)] - na
        if level == 0 and not inside and len(ii):
            # (i - 1, j - 1) is a pair too when its characters match and the 4-gram at i - 1 is
            # seeded (then asked about in B as well: it is paired with j - 1 there).
            paired = np.zeros(na, dtype=np.bool_)
            paired[ii] = True
            asked_b = np.zeros(nb, dtype=np.bool_)
            asked_b[where_b] = True
            before_a, before_b = np.maximum(ii - 1, 0), np.maximum(jj - 1, 0)
            inner = (ii > 0) & (jj > 0) & paired[before_a] & asked_b[before_b] & (ca[before_a] == cb[before_b])
            ii, jj = ii[~inner], jj[~inner]
        pairs_a.append(ii)
        pairs_b.append(jj)
        left = np.repeat(shared & ~seeded, size)
        leftover = np.zeros(n, dtype=np.bool_)
        leftover[sub[left]] = True
        where_a = np.flatnonzero(leftover[:na])
        if level == 0:
            first_left = where_a
        if level == levels or not len(where_a):
            break
        where_b = np.flatnonzero(leftover[na:])
        if level == 0:  # most positions still in question (text repeating itself): rank them all
            whole = (len(where_a) + len(where_b)) * WHOLE > n
        if whole:
            rank, top, order = _doubled(rank, top, length)
        length *= 2
        where_a, where_b = where_a[where_a + length <= na], where_b[where_b + length <= nb]
        if not len(where_a) or not len(where_b):
            break
    return np.concatenate(pairs_a), np.concatenate(pairs_b), first_left


class GramIndex:
    """A text's 4-grams sorted once, so that pairing two texts is a merge of their distinct grams,
    not a sort of every position of both (kept per document: ``passages._gram_index``).

    ``codes``: the text's code points; a 4-gram is four of them in one 64-bit integer (``grams``, per
    position). ``unique`` the distinct grams in order, ``counts`` how often each occurs, ``order`` the
    positions by (gram, position), ``first`` where each gram's positions begin there, ``inverse``
    each position's gram (an index into ``unique``)."""

    __slots__ = ("codes", "grams", "unique", "counts", "order", "first", "inverse", "_longer")

    def __init__(self, codes: np.ndarray) -> None:
        self.codes = codes
        n = max(0, len(codes) - SEED + 1)
        grams = np.zeros(n, dtype=np.uint64)
        for k in range(SEED):
            grams = (grams << np.uint64(16)) | codes[k : k + n].astype(np.uint64)
        self.grams = grams
        self.order, self.first, self.unique, self.counts, self.inverse = _sorted_distinct(grams)
        self._longer: dict[int, "_Level"] = {}

    def level(self, k: int) -> "_Level":
        """The grams ``SEED << k`` long (``k`` >= 1), each as its two halves' distinct grams (made once)."""
        if k not in self._longer:
            inverse, kinds = (self.inverse, len(self.unique)) if k == 1 else (self.level(k - 1).inverse,
                                                                                len(self.level(k - 1).counts))
            half = SEED << (k - 1)
            n = max(0, len(inverse) - half)
            self._longer[k] = _Level(inverse[:n] * kinds + inverse[half : half + n], kinds)
        return self._longer[k]

    @classmethod
    def of(cls, text: str) -> "GramIndex | None":
        """The index of a text, or None when a character lies beyond 16 bits (four would not fit)."""
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        return cls(codes) if not len(codes) or int(codes.max()) < 1 << 16 else None


class _Level:
    """A text's grams of one longer length: ``halves`` (first, second) of each distinct gram (indices
    among the distinct grams half as long), ``counts``, ``order``, ``first`` and ``inverse`` as in
    ``GramIndex``."""

    __slots__ = ("halves", "counts", "order", "first", "inverse")

    def __init__(self, pairs: np.ndarray, kinds: int) -> None:
        self.order, self.first, distinct, self.counts, self.inverse = _sorted_distinct(pairs)
        self.halves = (distinct // max(kinds, 1), distinct % max(kinds, 1))


def _sorted_distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``values``' positions in order of value (a stable sort), where each distinct value's
    positions begin there, the distinct values, how often each occurs and each position's
    distinct value (an index among them)."""
    n = len(values)
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    new = np.ones(n, dtype=np.bool_)
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    first = np.flatnonzero(new)
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return order, first, ordered[first], np.diff(np.append(first, n)), inverse


def _paired(order_a, first_a, order_b, first_b, g, gb, in_a, in_b) -> tuple[np.ndarray, np.ndarray]:
    """Every A position of the distinct grams ``g`` (of A; ``gb`` the same grams among B's) with every
    B position of it: A's in order, then B's."""
    a_count, b_count = in_a[g], in_b[g]
    a_pos = order_a[np.repeat(first_a[g], a_count) + _counting(a_count)]
    reps = np.repeat(b_count, a_count)
    return np.repeat(a_pos, reps), order_b[np.repeat(np.repeat(first_b[gb], a_count), reps) + _counting(reps)]


def indexed_seed_pairs(ia: GramIndex, ib: GramIndex, max_pairs: int, levels: int
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``seed_pairs`` over every position of both texts (``inside`` False), from their indexes: the
    same pairs and too-common positions. The 4-grams are paired by merging the two texts' distinct
    grams; the longer levels, asked about only where a 4-gram was too common, rank as it does."""
    ca, cb = ia.codes, ib.codes
    na, nb = len(ca), len(cb)
    empty = np.zeros(0, np.int64)
    if not len(ia.grams) or not len(ib.grams):
        return empty, empty, empty
    # Each distinct gram of A found among B's: how often in each.
    at = np.minimum(np.searchsorted(ib.unique, ia.unique), len(ib.unique) - 1)
    in_b = np.where(ib.unique[at] == ia.unique, ib.counts[at], 0)
    in_a = ia.counts
    shared = in_b > 0
    seeded = shared & (in_a * in_b <= max_pairs)
    # Every A position of a seeded gram with every B position of it (A's in order, then B's).
    g = np.flatnonzero(seeded)
    ii, jj = _paired(ia.order, ia.first, ib.order, ib.first, g, at[g], in_a, in_b)
    if len(ii):
        # (i - 1, j - 1) is a pair too when its characters match and the 4-gram at i - 1 is
        # seeded: it lies inside the run that pair starts (as ``seed_pairs`` without ``inside``).
        paired = np.zeros(na, dtype=np.bool_)
        paired[ii] = True
        before_a, before_b = np.maximum(ii - 1, 0), np.maximum(jj - 1, 0)
        inner = (ii > 0) & (jj > 0) & paired[before_a] & (ca[before_a] == cb[before_b])
        ii, jj = ii[~inner], jj[~inner]
    left = shared & ~seeded
    where_a = np.flatnonzero(left[ia.inverse])
    first_left = where_a
    if levels == 0 or not len(where_a):
        return ii, jj, first_left
    # The 4-grams of A and B numbered alike (A's distinct grams 1.., B's the same number when A has
    # the gram, else their own).
    number_a = np.arange(1, len(ia.unique) + 1)
    number_b = len(ia.unique) + 1 + np.arange(len(ib.unique))
    number_b[at[shared]] = np.flatnonzero(shared) + 1
    left_b = np.zeros(len(ib.unique), dtype=np.bool_)
    left_b[at[left]] = True
    where_b = np.flatnonzero(left_b[ib.inverse])
    if (len(where_a) + len(where_b)) * WHOLE <= na + nb:
        # A few positions in question: the longer grams ranked only there (``_levels``), from the
        # 4-grams' numbers (0 for the few running past a text's end, never asked about).
        rank = np.zeros(na + nb, dtype=np.int64)
        rank[: len(ia.grams)] = number_a[ia.inverse]
        rank[na : na + len(ib.grams)] = number_b[ib.inverse]
        where_a, where_b = where_a[where_a + 2 * SEED <= na], where_b[where_b + 2 * SEED <= nb]
        if not len(where_a) or not len(where_b):
            return ii, jj, first_left
        return _levels(rank, len(number_a) + len(number_b) + 1, None, na, nb, where_a, where_b, max_pairs,
                       levels, False, ca, cb, start_level=1, pairs_a=[ii], pairs_b=[jj], first_left=first_left)
    # Most (a text repeating itself): the longer grams, level by level, from each text's own, made
    # once (``GramIndex.level``); a gram is its halves, numbered alike, so that matching is again a
    # merge of the two texts' distinct grams.
    pairs_a, pairs_b = [ii], [jj]
    left_a = left
    for k in range(1, levels + 1):
        la, lb = ia.level(k), ib.level(k)
        top = len(number_a) + len(number_b) + 1
        key_a = number_a[la.halves[0]] * top + number_a[la.halves[1]]
        key_b = number_b[lb.halves[0]] * top + number_b[lb.halves[1]]
        if not len(key_a) or not len(key_b):
            break
        order_b = np.argsort(key_b)
        at = order_b[np.minimum(np.searchsorted(key_b[order_b], key_a), len(key_b) - 1)]
        match = key_b[at] == key_a
        # Asked about: the grams whose first half was too common (on both sides, then: shared).
        asked = match & left_a[la.halves[0]]
        in_b = np.where(asked, lb.counts[at], 0)
        in_a = la.counts
        seeded = asked & (in_a * in_b <= max_pairs)
        g = np.flatnonzero(seeded)
        ii, jj = _paired(la.order, la.first, lb.order, lb.first, g, at[g], in_a, in_b)
        pairs_a.append(ii)
        pairs_b.append(jj)
        left_a = asked & ~seeded
        if not left_a.any():
            break
        number_a = np.arange(1, len(key_a) + 1)
        number_b = len(key_a) + 1 + np.arange(len(key_b))
        number_b[at[match]] = np.flatnonzero(match) + 1
    return np.concatenate(pairs_a), np.concatenate(pairs_b), first_left


def _gram_ranks(rank: np.ndarray, top: int, at: np.ndarray, length: int) -> tuple[np.ndarray, int, np.ndarray | None]:
    """Dense ranks of the ``length``-grams starting at ``at`` (ascending), from the ranks of every
    ``SEED``-gram (``rank``, all below ``top``), in the grams' order (as ranking the whole text would
    give them: compared only with each other); also their order by (gram, position) when longer
    than a ``SEED``-gram. Each doubling ranks the pairs of halves, at ``at`` and ``length // 2`` after."""
    if length == SEED:
        return rank[at], top, None
    half = length // 2
    both = np.concatenate([at, at + half])
    both.sort(kind="stable")  # two ascending runs: one merge
    both = both[np.concatenate(([True], both[1:] != both[:-1]))]
    halves, half_top, _ = _gram_ranks(rank, top, both, half)
    first, second = halves[np.searchsorted(both, at)], halves[np.searchsorted(both, at + half)]
    new, order = _ranked(first * half_top + second, half_top * half_top)
    return new, int(new.max(initial=0)) + 1, order


def _counting(counts: np.ndarray) -> np.ndarray:
    """0, 1, .., c-1 for each count c, in a row."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, np.int64)
    return np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
