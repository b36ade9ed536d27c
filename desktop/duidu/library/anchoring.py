"""Finding a note's passage again in a revised text: pure functions, no database.

A target remembers its quote and the 32 characters either side of it. On a new version of
the text it is found (a) where it was, if the quote is still there; (b) at an exact copy of
the quote elsewhere, the one whose surroundings match best (the nearest on a tie); (c) fuzzily,
with diff-match-patch's ``match_main`` for the first and last 32 characters (its bitap limit)
and an edit-distance check of the whole span; or (d) not at all: the target becomes an orphan
that keeps its old offsets and quote. Nothing here ever drops a target.
"""

from __future__ import annotations

from dataclasses import dataclass

from diff_match_patch import diff_match_patch

CONTEXT = 32  # characters of prefix and suffix kept with each target
MIN_SIMILARITY = 0.8  # a fuzzy match must be at least this close (1 - edits / length)
OUTCOMES = ("exact", "moved", "fuzzy", "orphaned")


@dataclass(frozen=True)
class Anchor:
    """Where a target lies in the new text (its old place when orphaned)."""

    outcome: str  # one of OUTCOMES
    start: int
    end: int
    similarity: float  # of text[start:end] to the old quote; 0.0 when orphaned


@dataclass(frozen=True)
class AnchorDetail:
    annotation_id: int
    n: int  # the target's number within its annotation (0, or 1 for a comparison's B side)
    outcome: str
    old_start: int
    old_end: int
    start: int
    end: int
    quote: str  # the quote now stored (the old one when orphaned)
    similarity: float


@dataclass(frozen=True)
class AnchorReport:
    exact: int
    moved: int
    fuzzy: int
    orphaned: int
    details: tuple[AnchorDetail, ...]

    @classmethod
    def of(cls, details: list[AnchorDetail] | tuple[AnchorDetail, ...]) -> "AnchorReport":
        counts = {o: sum(d.outcome == o for d in details) for o in OUTCOMES}
        return cls(**counts, details=tuple(details))

    def summary(self) -> str:
        return f"{self.exact} unchanged, {self.moved} moved, {self.fuzzy} fuzzy, {self.orphaned} orphaned"


def context(text: str, start: int, end: int) -> tuple[str, str, str]:
    """``(quote, prefix, suffix)`` of ``text[start:end]``, with up to CONTEXT characters each side."""
    return text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def similarity(a: str, b: str) -> float:
    """1 - Levenshtein distance / the longer length (diff-match-patch's diff, fast on near copies)."""
    if not a and not b:
        return 1.0
    dmp = diff_match_patch()
    return 1.0 - dmp.diff_levenshtein(dmp.diff_main(a, b, False)) / max(len(a), len(b))


def reanchor(text: str, quote: str, prefix: str, suffix: str, start: int, end: int) -> Anchor:
    """Place a target whose quote was ``quote`` at ``[start, end)`` of an older text in ``text``."""
    if not quote:
        return Anchor("orphaned", start, end, 0.0)
    if text[start:end] == quote:
        return Anchor("exact", start, end, 1.0)
    moved = _exact_copy(text, quote, prefix, suffix, start)
    if moved is not None:
        return Anchor("moved", moved, moved + len(quote), 1.0)
    found = _fuzzy(text, quote, start)
    if found is not None:
        return Anchor("fuzzy", *found)
    return Anchor("orphaned", start, end, 0.0)


# -- (b) exact copies ----------------------------------------------------------------
def _exact_copy(text: str, quote: str, prefix: str, suffix: str, old: int) -> int | None:
    best, best_key = None, None
    i = text.find(quote)
    while i != -1:
        fit = _common_tail(text[max(0, i - len(prefix)) : i], prefix) + _common_head(text[i + len(quote) :][: len(suffix)], suffix)
        key = (fit, -abs(i - old))
        if best_key is None or key > best_key:
            best, best_key = i, key
        i = text.find(quote, i + 1)
    return best


def _common_head(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _common_tail(a: str, b: str) -> int:
    return _common_head(a[::-1], b[::-1])


# -- (c) fuzzy -------------------------------------------------------------------------
def matcher(text_length: int) -> diff_match_patch:
    """diff-match-patch set for a text this long: its default Match_Distance (1000) makes a
    match 500 characters away as bad as a wrong one, so a moved passage would never be found."""
    dmp = diff_match_patch()
    dmp.Match_Distance = max(1000, 20 * text_length)  # distance costs at most 0.05 of the 0.5 threshold
    return dmp


def _fuzzy(text: str, quote: str, old: int) -> tuple[int, int, float] | None:
    dmp = matcher(len(text))
    bits = dmp.Match_MaxBits
    size = len(quote)
    slack = max(4, size // 5)  # the edits a span at MIN_SIMILARITY may hold
    head, tail = quote[:bits], quote[-bits:]
    h = dmp.match_main(text, head, old)
    spans = []
    if size <= bits:
        if h != -1:
            spans.append((h, h + size))
    else:
        t = dmp.match_main(text, tail, (h if h != -1 else old) + size - len(tail))
        if h != -1:
            spans.append((h, h + size))
        if t != -1:
            spans.append((t + len(tail) - size, t + len(tail)))
        if h != -1 and t != -1 and h < t + len(tail):
            spans.append((h, t + len(tail)))
    best = None
    for s_est, e_est in dict.fromkeys(spans):
        if size <= bits:
            s, e, _ = best_match(quote, text, s_est - slack, e_est + slack, e_est)
        else:  # the two ends separately: the middle may have gained or lost text
            s = best_match(head, text, s_est - slack, s_est + len(head) + slack, s_est + len(head))[0]
            e = best_match(tail, text, e_est - len(tail) - slack, e_est + slack, e_est)[1]
        if e <= s:
            continue
        score = similarity(quote, text[s:e])
        key = (score, -abs(s - old))
        if best is None or key > best[0]:
            best = (key, s, e, score)
    if best is None or best[3] < MIN_SIMILARITY:
        return None
    return best[1], best[2], best[3]


def best_match(pattern: str, text: str, lo: int, hi: int, expected_end: int) -> tuple[int, int, int]:
    """The substring of ``text[lo:hi]`` nearest ``pattern`` by edit distance: ``(start, end, edits)``.

    Semi-global alignment (text before and after the match is free); among equally good
    matches, the one ending nearest ``expected_end``.
    """
    lo, hi = max(0, lo), min(len(text), hi)
    window = text[lo:hi]
    cost = [0] * (len(window) + 1)  # row i: pattern[:i] against a substring ending at window[:j]
    begin = list(range(len(window) + 1))
    for i, ch in enumerate(pattern, 1):
        new_cost, new_begin = [i], [0]
        for j, wc in enumerate(window, 1):
            c, b = cost[j - 1] + (ch != wc), begin[j - 1]  # substitute or match: preferred on ties
            if cost[j] + 1 < c:
                c, b = cost[j] + 1, begin[j]  # the pattern's character is missing here
            if new_cost[j - 1] + 1 < c:
                c, b = new_cost[j - 1] + 1, new_begin[j - 1]  # the text has an extra character
            new_cost.append(c)
            new_begin.append(b)
        cost, begin = new_cost, new_begin
    j = min(range(len(window) + 1), key=lambda j: (cost[j], abs(lo + j - expected_end)))
    return lo + begin[j], lo + j, cost[j]
