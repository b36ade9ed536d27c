"""The full analysis of a pair: shared passages, similarity, alignment, measures, figures.

``compare`` is what the reader shows when two documents lie side by side and what
``duidu compare --json`` prints (``Comparison.to_json`` is that contract: passages most
informative first, each with its ``informativeness`` and its ``partners``, the further places
in A or B that repeat it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from duidu.engine.alignment import Alignment, align
from duidu.engine.document import EngineDocument
from duidu.engine.figures import FigurePair, extract_figures, pair_figures, pair_indicators
from duidu.engine.indicators import extract_indicators
from duidu.engine.measures import MeasureMention, MeasureRow, extract_measures, measure_table
from duidu.engine.passages import MIN_LENGTH, Passage, find_passages
from duidu.engine.per_document import per_document
from duidu.engine.progress import CancelToken, Progress, checkpoint
from duidu.engine.similarity import Similarity, similarity


# Read once per document, paired for every comparison it takes part in.
_indicators = per_document(extract_indicators)
_figures = per_document(extract_figures)


@dataclass(frozen=True)
class Comparison:
    a: EngineDocument
    b: EngineDocument
    passages: tuple[Passage, ...]  # boilerplate included, flagged
    similarity: Similarity
    alignment: Alignment
    measures: tuple[MeasureRow, ...]
    figures: tuple[FigurePair, ...]

    def mirrored(self) -> "Comparison":
        """The same analysis with A and B exchanged (swapping panes needs no new comparison)."""
        from dataclasses import replace

        passages = tuple(
            replace(p, a_start=p.b_start, a_end=p.b_end, b_start=p.a_start, b_end=p.a_end, a_text=p.b_text,
                    b_text=p.a_text, a_key=p.b_key, b_key=p.a_key,
                    partners=tuple(replace(x, side="b" if x.side == "a" else "a") for x in p.partners))
            for p in self.passages
        )
        alignment = replace(self.alignment, pairs=tuple(
            sorted((replace(x, a=x.b, b=x.a) for x in self.alignment.pairs), key=lambda x: (x.a, x.b))))
        figures = tuple(
            replace(f, a_text=f.b_text, b_text=f.a_text, a_value=f.b_value, b_value=f.a_value, a_start=f.b_start,
                    a_end=f.b_end, b_start=f.a_start, b_end=f.a_end, a_qualifier=f.b_qualifier,
                    b_qualifier=f.a_qualifier)
            for f in self.figures
        )
        sim = replace(self.similarity, a_in_b=self.similarity.b_in_a, b_in_a=self.similarity.a_in_b)
        return Comparison(self.b, self.a, passages, sim, alignment, self.measures, figures)

    def shown(self, boilerplate: bool = False) -> tuple[Passage, ...]:
        return self.passages if boilerplate else tuple(p for p in self.passages if not p.boilerplate)

    def ranked(self, boilerplate: bool = False) -> tuple[Passage, ...]:
        """The shown passages, first those naming a place both sides share (the pair's own content:
        engine/places.py), each group most informative first (what a list of passages shows)."""
        return tuple(sorted(self.shown(boilerplate), key=lambda p: (not p.places, -p.informativeness, p.a_start)))

    def to_json(self, *, boilerplate: bool = False) -> dict:
        def doc(d: EngineDocument) -> dict:
            return {"id": d.id, "title": d.title, "region": d.region, "length": len(d.text)}

        return {
            "a": doc(self.a),
            "b": doc(self.b),
            "similarity": self.similarity.score,
            "containment": {"a_in_b": self.similarity.a_in_b, "b_in_a": self.similarity.b_in_a},
            "passages": [
                {
                    "a_start": p.a_start, "a_end": p.a_end, "b_start": p.b_start, "b_end": p.b_end,
                    "a_text": p.a_text, "b_text": p.b_text, "similarity": p.similarity, "kind": p.kind,
                    "informativeness": p.informativeness, "places": list(p.places),
                    "partners": [{"side": x.side, "start": x.start, "end": x.end, "text": x.text} for x in p.partners],
                    **({"boilerplate": p.boilerplate} if boilerplate else {}),
                }
                for p in self.ranked(boilerplate)
            ],
            "alignment": [{"a_para": x.a, "b_para": x.b, "score": x.score} for x in self.alignment.pairs],
            "measures": [
                {
                    "name": m.name, "category": m.category, "instrument": m.instrument,
                    "a": [list(s) for s in m.mentions.get(self.a.id, ())],
                    "b": [list(s) for s in m.mentions.get(self.b.id, ())],
                }
                for m in self.measures
            ],
            "figures": [
                {"measure": f.measure, "a_text": f.a_text, "b_text": f.b_text, "a_value": f.a_value,
                 "b_value": f.b_value, "differs": f.differs,
                 **({"unit": f.unit, "period": f.period, "a_qualifier": f.a_qualifier,
                     "b_qualifier": f.b_qualifier} if f.period else {})}
                for f in self.figures
            ],
        }


def compare(
    a: EngineDocument,
    b: EngineDocument,
    *,
    min_length: int = MIN_LENGTH,
    is_boilerplate: Callable[[str], bool] | None = None,
    mentions: dict[int, Sequence[MeasureMention]] | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Comparison:
    """Analyse a pair. ``mentions`` are measures cached at import (extracted here if absent)."""

    def part(lo: float, hi: float) -> Progress | None:
        return None if progress is None else (lambda f: progress(lo + (hi - lo) * f))

    mentions = dict(mentions or {})
    for d in (a, b):
        if d.id not in mentions:
            mentions[d.id] = extract_measures(d)
    # Each mention with the measure's name, which the other text may state with another verb or none.
    spans = tuple(tuple((m.start, m.end, m.measure) for m in mentions[d.id]) for d in (a, b))
    passages = find_passages(a, b, min_length=min_length, is_boilerplate=is_boilerplate,
                             measures=(spans[0], spans[1]), progress=part(0.0, 0.6), cancel=cancel)
    sim = similarity(passages, len(a.keyform.text), len(b.keyform.text))
    shown = [p for p in passages if not p.boilerplate]
    alignment = align(a, b, shown, document_similarity=sim.score)
    checkpoint(0.7, progress, cancel)
    rows = measure_table([a, b], {d.id: mentions[d.id] for d in (a, b)})  # the library's tuples: read once per document
    checkpoint(0.9, progress, cancel)
    figures = pair_figures(_figures(a, tuple(mentions[a.id])), _figures(b, tuple(mentions[b.id])))
    figures += pair_indicators(_indicators(a), _indicators(b))  # targets and results
    checkpoint(1.0, progress, cancel)
    return Comparison(a, b, tuple(passages), sim, alignment, tuple(rows), tuple(figures))
