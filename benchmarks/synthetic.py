"""Synthetic text for the benchmarks: the seeds' sentences, drawn at random and edited."""

from __future__ import annotations

import random
from pathlib import Path

from duidu.text.clean import clean


def seed_sentences(min_length: int = 6) -> list[str]:
    """Every sentence of the five seeds, page furniture left out."""
    root = Path(__file__).resolve().parents[1] / "seeds"
    out = []
    for path in sorted(root.glob("*.txt")):
        c = clean(path.read_text(encoding="utf-8"))
        ex = [(e.start, e.end) for e in c.excluded]
        out += [c.text[s.start : s.end] for s in c.sentences
                if not any(a <= s.start < b for a, b in ex) and s.end - s.start >= min_length]
    return out


def edited(sentence: str, rng: random.Random, pool: str, edits: tuple[int, ...] = (0, 1, 1, 2, 3)) -> str:
    """``sentence`` with a few substitutions, deletions and insertions drawn from ``pool``."""
    chars = list(sentence)
    for _ in range(rng.choice(edits)):
        k = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.5:
            chars[k] = rng.choice(pool)
        elif op < 0.75 and len(chars) > 1:
            del chars[k]
        else:
            chars.insert(k, rng.choice(pool))
    return "".join(chars)
