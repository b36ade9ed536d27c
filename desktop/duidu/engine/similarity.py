"""How alike two documents are: one score, and how much of each the other contains."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from duidu.engine.passages import Passage


@dataclass(frozen=True)
class Similarity:
    score: float  # shared key characters of both over all key characters of both
    a_in_b: float  # share of A's key text that B contains
    b_in_a: float


def covered(spans: Iterable[tuple[int, int]], length: int) -> int:
    """Characters of a text of ``length`` covered by possibly overlapping ``spans``."""
    total, reach = 0, 0
    for start, end in sorted(spans):
        start = max(start, reach)
        if end > start:
            total += end - start
            reach = end
    return min(total, length)


def similarity(passages: Iterable[Passage], a_key_length: int, b_key_length: int) -> Similarity:
    shown = [p for p in passages if not p.boilerplate]
    # A stretch the other text repeats is shared each time (its partners count as covered).
    ca = covered([p.a_key for p in shown] + [x.key for p in shown for x in p.partners if x.side == "a"], a_key_length)
    cb = covered([p.b_key for p in shown] + [x.key for p in shown for x in p.partners if x.side == "b"], b_key_length)
    total = a_key_length + b_key_length
    return Similarity(
        score=round((ca + cb) / total, 4) if total else 0.0,
        a_in_b=round(ca / a_key_length, 4) if a_key_length else 0.0,
        b_in_a=round(cb / b_key_length, 4) if b_key_length else 0.0,
    )
