"""Measure–figure pairing against labels (tests/data/reports/figure_pairs.toml): which of the labelled
pairs of figures Duidu makes, and which of those it should not have made.

Shared by tests/test_figures_counted.py (a floor, on the paragraphs that hold the labelled phrases)
and benchmarks/quality_figures.py (on the whole reports).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from duidu.engine.document import EngineDocument
from duidu.engine.figures import Figure, pair_figures

LABELS = Path(__file__).parent / "data" / "reports" / "figure_pairs.toml"


def labelled_pairs() -> list[dict]:
    return tomllib.loads(LABELS.read_text(encoding="utf-8"))["pair"]


@dataclass
class PairScore:
    links: int = 0  # labelled pair = true
    found: int = 0  # of those, made
    nolinks: int = 0  # labelled pair = false
    wrongly: int = 0  # of those, made
    missed: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.links if self.links else 1.0

    @property
    def precision(self) -> float:
        made = self.found + self.wrongly
        return self.found / made if made else 1.0


def _figure_at(doc: EngineDocument, figures: list[Figure], phrase: str, text: str) -> Figure | None:
    at = doc.text.find(phrase)
    if at < 0:
        raise ValueError(f"{phrase!r} is not in {doc.title}")
    start = doc.text.find(text, at, at + len(phrase))
    return next((f for f in figures if f.start == start and f.text == text), None)


def score(document: Callable[[str, str], EngineDocument],
          figures: Callable[[EngineDocument], list[Figure]]) -> PairScore:
    """``document(region, phrase)``: the document holding the phrase; ``figures(doc)``: its figures."""
    out = PairScore()
    for label in labelled_pairs():
        a, b = document(label["a_region"], label["a"]), document(label["b_region"], label["b"])
        fa, fb = figures(a), figures(b)
        x, y = _figure_at(a, fa, label["a"], label["a_fig"]), _figure_at(b, fb, label["b"], label["b_fig"])
        made = x is not None and y is not None and any(
            (p.a_start, p.b_start) == (x.start, y.start) for p in pair_figures(fa, fb))
        name = f"{label['a_region']} {label['a']} / {label['b_region']} {label['b']}"
        if label["pair"]:
            out.links += 1
            out.found += made
            if not made:
                out.missed.append(name)
        else:
            out.nolinks += 1
            out.wrongly += made
            if made:
                out.false.append(name)
    return out
