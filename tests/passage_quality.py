"""Recall and precision of passage linking on the hand-labelled seed pairs (passage_pairs.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from duidu.engine.passages import MIN_LENGTH, THRESHOLD, find_passages
from duidu.library.store import Library

PAIRS = Path(__file__).parent / "passage_pairs.toml"


@dataclass(frozen=True)
class Quality:
    links: int
    found: int
    nolinks: int
    wrongly_linked: int
    missed: tuple[str, ...]
    false: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.found / self.links

    @property
    def precision(self) -> float:
        return self.found / (self.found + self.wrongly_linked) if self.found + self.wrongly_linked else 1.0


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans, at = [], text.find(needle)
    while at >= 0:
        spans.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    if not spans:
        raise ValueError(f"{needle!r} is not in the stored text")
    return spans


def _half_covered(span: tuple[int, int], start: int, end: int) -> bool:
    return min(span[1], end) - max(span[0], start) >= (span[1] - span[0]) / 2


def evaluate(library: Library, *, min_length: int = MIN_LENGTH, threshold: float = THRESHOLD) -> Quality:
    """Seeds must be documents 1..5 of ``library`` (a new library)."""
    labelled = tomllib.loads(PAIRS.read_text(encoding="utf-8"))
    boilerplate = library.boilerplate()
    docs = {n: library.engine_document(n + 1) for n in range(5)}
    cache: dict[tuple[int, int], list] = {}

    def linked(pair: dict) -> bool:
        key = (pair["a"], pair["b"])
        if key not in cache:
            found = find_passages(docs[pair["a"]], docs[pair["b"]], min_length=min_length, threshold=threshold, is_boilerplate=boilerplate)
            cache[key] = [p for p in found if not p.boilerplate]
        in_a = _occurrences(docs[pair["a"]].text, pair["a_text"])
        in_b = _occurrences(docs[pair["b"]].text, pair["b_text"])
        return any(
            any(_half_covered(sa, p.a_start, p.a_end) for sa in in_a) and any(_half_covered(sb, p.b_start, p.b_end) for sb in in_b)
            for p in cache[key]
        )

    def name(pair: dict) -> str:
        return f"{pair['a']:03d}/{pair['b']:03d} {pair['a_text']} ↔ {pair['b_text']}"

    missed = tuple(name(p) for p in labelled["link"] if not linked(p))
    false = tuple(name(p) for p in labelled["nolink"] if linked(p))
    return Quality(len(labelled["link"]), len(labelled["link"]) - len(missed), len(labelled["nolink"]), len(false), missed, false)
