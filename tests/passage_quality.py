"""Recall and precision of passage linking on hand-labelled pairs.

Two labelled sets, each read off the texts by hand (not off the engine's output):
- ``passage_pairs.toml``: the five seeds (documents 1..5 of a new library, or the seeds read
  straight from ``seeds/``);
- ``passage_pairs_corpus.toml``: excerpts of the 2026 provincial government work reports and the
  State Council's 2025 report, copied into ``tests/data/corpus_passages/`` (provenance there).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from duidu.engine.document import EngineDocument
from duidu.engine.passages import MIN_LENGTH, THRESHOLD, find_passages

HERE = Path(__file__).parent
PAIRS = HERE / "passage_pairs.toml"
CORPUS_PAIRS = HERE / "passage_pairs_corpus.toml"
CORPUS_TEXTS = HERE / "data" / "corpus_passages"


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
        """Of the labelled pairs the engine links, the share it should link."""
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


def seed_documents() -> dict[int, EngineDocument]:
    """The five seeds as the library stores them (cleaned), numbered 0..4."""
    from duidu.text.clean import clean

    root = HERE.parent / "seeds"
    return {n: EngineDocument.from_text(n + 1, clean(p.read_text(encoding="utf-8")).text)
            for n, p in enumerate(sorted(root.glob("*.txt")))}


def corpus_documents() -> dict[str, EngineDocument]:
    """The corpus excerpts, by file stem (e.g. ``sichuan``)."""
    from duidu.text.clean import clean

    return {p.stem: EngineDocument.from_text(n + 100, clean(p.read_text(encoding="utf-8")).text, title=p.stem)
            for n, p in enumerate(sorted(CORPUS_TEXTS.glob("*.txt")))}


def evaluate_documents(docs: dict, pairs: Path, *, is_boilerplate: Callable[[str], bool] | None = None,
                       min_length: int = MIN_LENGTH, threshold: float = THRESHOLD) -> Quality:
    """Score the labelled ``pairs`` over ``docs`` (keyed as the file's ``a`` / ``b``).

    A labelled pair is linked when one visible (non-boilerplate) passage covers at least half of
    an occurrence of a_text in A and half of an occurrence of b_text in B (a partner of the
    passage counts as the passage)."""
    labelled = tomllib.loads(pairs.read_text(encoding="utf-8"))
    cache: dict[tuple, list] = {}

    def linked(pair: dict) -> bool:
        key = (pair["a"], pair["b"])
        if key not in cache:
            found = find_passages(docs[pair["a"]], docs[pair["b"]], min_length=min_length, threshold=threshold,
                                  is_boilerplate=is_boilerplate)
            cache[key] = [p for p in found if not p.boilerplate]
        in_a = _occurrences(docs[pair["a"]].text, pair["a_text"])
        in_b = _occurrences(docs[pair["b"]].text, pair["b_text"])
        for p in cache[key]:
            spans_a = [(p.a_start, p.a_end)] + [(x.start, x.end) for x in p.partners if x.side == "a"]
            spans_b = [(p.b_start, p.b_end)] + [(x.start, x.end) for x in p.partners if x.side == "b"]
            if any(_half_covered(sa, *s) for sa in in_a for s in spans_a) and \
                    any(_half_covered(sb, *s) for sb in in_b for s in spans_b):
                return True
        return False

    def name(pair: dict) -> str:
        a, b = pair["a"], pair["b"]
        a, b = (f"{a:03d}", f"{b:03d}") if isinstance(a, int) else (a, b)
        return f"{a}/{b} {pair['a_text']} ↔ {pair['b_text']}"

    missed = tuple(name(p) for p in labelled["link"] if not linked(p))
    false = tuple(name(p) for p in labelled["nolink"] if linked(p))
    return Quality(len(labelled["link"]), len(labelled["link"]) - len(missed), len(labelled["nolink"]), len(false), missed, false)


def evaluate(library=None, *, min_length: int = MIN_LENGTH, threshold: float = THRESHOLD) -> Quality:
    """The seed set; with a ``library``, its documents 1..5 (the seeds of a new library) and its
    boilerplate test, else the seeds read from ``seeds/`` and the background model alone."""
    if library is None:
        docs, test = seed_documents(), None
    else:
        docs, test = {n: library.engine_document(n + 1) for n in range(5)}, library.boilerplate()
    return evaluate_documents(docs, PAIRS, is_boilerplate=test, min_length=min_length, threshold=threshold)


def evaluate_corpus(*, min_length: int = MIN_LENGTH, threshold: float = THRESHOLD) -> Quality:
    return evaluate_documents(corpus_documents(), CORPUS_PAIRS, min_length=min_length, threshold=threshold)
