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

**Krippendorff's unitized alpha αU** (1995, 2004: 251–256), two or more annotators, one tag:
each annotator cuts the continuum (the compared documents laid end to end) into units carrying
the tag and the gaps between them. For every pair of annotators and every pair of their
segments that overlap, the squared distance is (b1−b2)² + (e1−e2)² when both are units, the
unit's length squared when a gap wholly contains the other's unit, else 0; Do = 2·Σ / (m(m−1)L²).
De considers every unitization those units and gaps allow:
De = (2/L)·Σ_units [ (N−1)(2l³−3l²+l)/3 + l²·Σ_{gaps g ≥ l} (g−l+1) ] / (mL(mL−1) − Σ_units l(l−1)),
with N the number of units. αU = 1 − Do/De (0 when Do = De, 1 when both are 0). On Krippendorff's
worked example (2004: 254) this gives Do = 0.0144, De = 0.0532, αU = 0.7286 for category c.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping, Sequence

Spans = Mapping[int, Sequence[tuple[int, int]]]  # document -> [start, end) spans


@dataclass(frozen=True)
class Agreement:
    kappa: float | None  # two annotators only
    alpha: float
    characters: int  # units compared
    marked: tuple[int, ...]  # characters each annotator marked
    alpha_u: float = 1.0  # Krippendorff's unitized alpha over the same continuum


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


def _segments(units: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int, bool]]:
    """The continuum ``[0, length)`` as (start, end, is_unit), units and the gaps between them."""
    out, pos = [], 0
    for s, e in units:
        if s > pos:
            out.append((pos, s, False))
        out.append((s, e, True))
        pos = e
    if pos < length:
        out.append((pos, length, False))
    return out


def _distance(a: tuple[int, int, bool], b: tuple[int, int, bool]) -> int:
    (b1, e1, u1), (b2, e2, u2) = a, b
    if u1 and u2:
        return (b1 - b2) ** 2 + (e1 - e2) ** 2
    if u1 and not u2 and b2 <= b1 and e1 <= e2:
        return (e1 - b1) ** 2
    if u2 and not u1 and b1 <= b2 and e2 <= e1:
        return (e2 - b2) ** 2
    return 0


def unitized_alpha(units: Sequence[Sequence[tuple[int, int]]], length: int) -> float:
    """Krippendorff's αU for one category: ``units`` one list of [start, end) per annotator on a
    continuum of ``length`` (each annotator's units are merged where they overlap)."""
    d_o, d_e = unitized_disagreement(units, length)
    if d_o == d_e:
        return 1.0 if d_o == 0 else 0.0
    return float(1 - d_o / d_e)


def unitized_disagreement(units: Sequence[Sequence[tuple[int, int]]], length: int) -> tuple[Fraction, Fraction]:
    """(Do, De) of αU, exact."""
    m = len(units)
    if m < 2:
        raise ValueError("unitized alpha needs at least two annotators")
    if length <= 0:
        raise ValueError("unitized alpha needs a continuum")
    cuts = [merged(u, length) for u in units]
    segments = [_segments(c, length) for c in cuts]
    observed = 0
    for i in range(m):
        for j in range(i + 1, m):
            k = 0
            for seg in segments[i]:  # both lists are in order: a sweep finds the overlapping pairs
                while k < len(segments[j]) and segments[j][k][1] <= seg[0]:
                    k += 1
                n = k
                while n < len(segments[j]) and segments[j][n][0] < seg[1]:
                    observed += _distance(seg, segments[j][n])
                    n += 1
    all_units = [e - s for c in cuts for s, e in c]
    if not all_units:
        return Fraction(0), Fraction(0)  # nobody used the tag: nothing to disagree on
    gaps = sorted((e - s for segs in segments for s, e, unit in segs if not unit), reverse=True)
    count = len(all_units)
    expected = Fraction(0)
    for l in all_units:
        fits = sum(g - l + 1 for g in gaps if g >= l)
        expected += Fraction((count - 1) * (2 * l ** 3 - 3 * l ** 2 + l), 3) + l * l * fits
    denominator = m * length * (m * length - 1) - sum(l * (l - 1) for l in all_units)
    d_e = Fraction(2, length) * expected / denominator if denominator else Fraction(0)
    d_o = Fraction(2 * observed, m * (m - 1) * length * length)
    return d_o, d_e


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
    offsets, at = {}, 0  # the documents end to end: one continuum for the unitized alpha
    for doc, length in lengths.items():
        offsets[doc] = at
        at += length
    continuum = [[(offsets[doc] + s, offsets[doc] + e) for doc, length in lengths.items()
                  for s, e in merged(spans.get(doc, ()), length)] for spans in marks]
    alpha_u = unitized_alpha(continuum, characters) if characters else 1.0
    return Agreement(kappa, alpha_from_levels(h), characters, marked, alpha_u)
