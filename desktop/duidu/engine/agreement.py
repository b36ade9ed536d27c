"""Inter-annotator agreement on one tag at character level: Cohen's kappa and binary alpha.

Two or more annotators tag passages of the same documents. For one tag, every character of
the compared documents is a unit, and each annotator says yes (a passage of theirs with that
tag covers it) or no. Nothing here knows about the library: marks come in as spans per
document, and the arithmetic is exact (integers) until the final division.

**Cohen's kappa** (two annotators): po = the share of characters where they agree;
pe = pA(yes)·pB(yes) + pA(no)·pB(no), each annotator's own marginal shares (not their
average, which would be Scott's pi, and not the yes term alone); kappa = (po − pe) / (1 − pe).
When pe = 1 (both marked every character, or neither marked any) kappa is defined here as
1.0 if po = 1 (always so in that case) and 0.0 otherwise.

**Krippendorff's alpha, binary, characters as units** (two or more annotators, every one
judging every character, so each unit has m pairable values): with n1 of the m annotators
saying yes on a character, it adds n1(n1−1)/(m−1) to o₁₁, n0(n0−1)/(m−1) to o₀₀ and
n1·n0/(m−1) to each of o₁₀ and o₀₁ of the coincidence matrix; n₁ = Σ n1, n₀ = Σ n0,
n = n₀ + n₁ = m × characters. Do = (o₀₁ + o₁₀)/n, De = 2·n₀·n₁/(n(n−1)), and
α = 1 − Do/De = 1 − (n − 1)·o₀₁ / (n₀·n₁). That is nominal alpha with the characters of the
continuum as units -- how Duidu reads "unitized alpha, binary per tag"; Krippendorff's own αu
for continua (1995, 2004), which weighs overlapping segments by their lengths, can differ.
When De = 0 (no annotator marked anything, or all marked everything) alpha is defined here
as 1.0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

Spans = Mapping[int, Sequence[tuple[int, int]]]  # document -> [start, end) spans


@dataclass(frozen=True)
class Agreement:
    kappa: float | None  # two annotators only
    alpha: float
    characters: int  # units compared
    marked: tuple[int, ...]  # characters each annotator marked


def merged(spans: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Spans clipped to ``[0, length)``, sorted, overlaps and neighbours joined."""
    out: list[list[int]] = []
    for s, e in sorted((max(0, s), min(length, e)) for s, e in spans):
        if s >= e:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def levels(marks: Sequence[Spans], lengths: Mapping[int, int]) -> list[int]:
    """``h[j]``: how many characters exactly j of the annotators marked (j = 0 … m)."""
    m = len(marks)
    h = [0] * (m + 1)
    for doc, length in lengths.items():
        events: dict[int, int] = {}
        for spans in marks:
            for s, e in merged(spans.get(doc, ()), length):
                events[s] = events.get(s, 0) + 1
                events[e] = events.get(e, 0) - 1
        depth, pos = 0, 0
        for at in sorted(events):
            h[depth] += at - pos
            depth += events[at]
            pos = at
        h[depth] += length - pos
    return h


def kappa_from_counts(both: int, only_a: int, only_b: int, neither: int) -> float:
    """Cohen's kappa from the 2×2 table of characters (exact until the last division)."""
    n = both + only_a + only_b + neither
    if n == 0:
        raise ValueError("kappa needs at least one character")
    a_yes, b_yes = both + only_a, both + only_b
    po = (both + neither) * n  # all terms scaled by n²
    pe = a_yes * b_yes + (n - a_yes) * (n - b_yes)
    if pe == n * n:
        return 1.0 if po == n * n else 0.0
    return (po - pe) / (n * n - pe)


def alpha_from_levels(h: Sequence[int]) -> float:
    """Binary alpha from ``h[j]`` (characters marked by exactly j of m = len(h) − 1 annotators)."""
    m = len(h) - 1
    if m < 2:
        raise ValueError("alpha needs at least two annotators")
    n = m * sum(h)
    if n == 0:
        raise ValueError("alpha needs at least one character")
    n1 = sum(j * c for j, c in enumerate(h))
    n0 = n - n1
    if n0 == 0 or n1 == 0:
        return 1.0
    disagreeing = sum(c * j * (m - j) for j, c in enumerate(h))  # o₀₁ × (m − 1)
    return 1 - (n - 1) * disagreeing / ((m - 1) * n0 * n1)


def agreement(marks: Sequence[Spans], lengths: Mapping[int, int]) -> Agreement:
    """Kappa (for two) and alpha for one tag: ``marks`` one ``Spans`` per annotator,
    ``lengths`` the characters of every document compared (unmarked ones count as no)."""
    if len(marks) < 2:
        raise ValueError("agreement needs at least two annotators")
    characters = sum(lengths.values())
    marked = tuple(sum(e - s for doc, length in lengths.items() for s, e in merged(spans.get(doc, ()), length))
                   for spans in marks)
    h = levels(marks, lengths)
    kappa = None
    if len(marks) == 2:
        kappa = kappa_from_counts(h[2], marked[0] - h[2], marked[1] - h[2], h[0])
    return Agreement(kappa, alpha_from_levels(h), characters, marked)
