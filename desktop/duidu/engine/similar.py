"""Similar-passage search, the pure part: what a passage is made of and how alike two passages are.

Search must find a passage that says the same thing in other words or in the other script, so a
passage (a unit of a document, or the query) is compared on its key form through three feature
sets: character bigrams (exact wording, any script), jieba words (the same terms in another
order or phrasing) and the canonical names of the policy measures it mentions (the same action
worded differently). The library's index (``duidu.library.similar_index``) stores these sets
and asks ``score`` to rank its candidates; nothing here touches a database.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import groupby
from typing import Callable, Iterable, Sequence

from duidu.engine.document import EngineDocument

KINDS = ("grams", "words", "measures")
# How much each feature set counts: characters are the surest evidence, words catch reordering
# and rephrasing, a shared measure is a paraphrase that shares neither.
KIND_WEIGHTS = {"grams": 0.45, "words": 0.35, "measures": 0.2}
# Exponents of the score's two sides: a query is mostly asked "is it in there?" (the match is
# often one clause of a longer sentence), a little "is that all there is?".
QUERY_SIDE = 0.8
MIN_UNIT_KEY = 12  # key characters; a shorter sentence (一是…。) joins its neighbour
MAX_UNIT_KEY = 240  # a longer sentence is cut at clause punctuation
_CLAUSE_END = re.compile(r"[，,；;：:]")


@dataclass(frozen=True, slots=True)
class Unit:
    """One searchable passage: ``doc.text[start:end]``, and its key form (furniture left out)."""

    start: int
    end: int
    key: str


@dataclass(frozen=True, slots=True)
class Features:
    grams: frozenset[str]
    words: frozenset[str]
    measures: frozenset[str] = frozenset()

    def of(self, kind: str) -> frozenset[str]:
        return getattr(self, kind)


def bigrams(key: str) -> list[str]:
    return [key[i : i + 2] for i in range(len(key) - 1)]


def keep_word(word: str) -> bool:
    """Words that carry meaning: two characters or more, or a number (100名, 662所)."""
    return len(word) >= 2 or word.isdigit()


def measure_token(name: str) -> str:
    """A canonical measure name as one index token (no spaces or punctuation inside)."""
    return "".join(ch for ch in name if ch.isalnum())


def features(key: str, words: Iterable[str], measures: Iterable[str] = ()) -> Features:
    return Features(
        frozenset(bigrams(key)),
        frozenset(w for w in words if keep_word(w)),
        frozenset(t for t in map(measure_token, measures) if t),
    )


def units(doc: EngineDocument) -> list[Unit]:
    """The document's sentences as search units, furniture excluded, in text order.

    A sentence shorter than ``MIN_UNIT_KEY`` key characters is merged with its neighbour in
    the same paragraph; one longer than ``MAX_UNIT_KEY`` is cut into runs of clauses.
    """
    key = doc.keyform
    para_starts = [p.start for p in doc.paragraphs]
    pieces: list[tuple[int, int, int, str]] = []  # (paragraph, start, end, key)
    for s in doc.sentences:
        para = bisect_right(para_starts, s.start) - 1
        for start, end in _clauses(doc.text, s.start, s.end, key):
            a, b = key.map.to_dst_span(start, end)
            if b > a:
                pieces.append((para, start, end, key.text[a:b]))
    out: list[Unit] = []
    for para, group in groupby(pieces, key=lambda p: p[0]):
        merged: list[Unit] = []
        for _, start, end, k in group:
            last = merged[-1] if merged else None
            if last and len(last.key) < MIN_UNIT_KEY and len(last.key) + len(k) <= MAX_UNIT_KEY:
                merged[-1] = Unit(last.start, end, last.key + k)  # a heading (一是…。) joins its content
            else:
                merged.append(Unit(start, end, k))
        if len(merged) > 1 and len(merged[-1].key) < MIN_UNIT_KEY \
                and len(merged[-2].key) + len(merged[-1].key) <= MAX_UNIT_KEY:
            last = merged.pop()  # a short closing sentence joins the one before
            merged[-1] = Unit(merged[-1].start, last.end, merged[-1].key + last.key)
        out.extend(merged)
    return out


def _clauses(text: str, start: int, end: int, key) -> list[tuple[int, int]]:
    """``[start, end)`` itself, or cut after clause punctuation when its key is too long."""
    a, b = key.map.to_dst_span(start, end)
    if b - a <= MAX_UNIT_KEY:
        return [(start, end)]
    cuts = [m.end() for m in _CLAUSE_END.finditer(text, start, end)]
    out, at = [], start
    for prev, cut in zip([start, *cuts], [*cuts, end]):
        ka, kb = key.map.to_dst_span(at, cut)
        if kb - ka > MAX_UNIT_KEY and prev > at:
            out.append((at, prev))
            at = prev
    out.append((at, end))
    return out


def measures_in(units: Sequence[Unit], mentions: Iterable[tuple[int, int, str]]) -> list[list[str]]:
    """For each unit, the names of the measure mentions ``(start, end, name)`` that overlap it."""
    starts = [u.start for u in units]
    out: list[list[str]] = [[] for _ in units]
    for start, end, name in mentions:
        i = max(bisect_right(starts, start) - 1, 0)
        while i < len(units) and units[i].start < end:
            if units[i].end > start:
                out[i].append(name)
            i += 1
    return out


def idf(count: int, total: int) -> float:
    """Inverse unit frequency (BM25's, kept positive)."""
    return math.log(1 + (total - count + 0.5) / (count + 0.5))


def score(query: Features, unit: Features, weight: Callable[[str, str], float]) -> float:
    """How well ``unit`` says what ``query`` says, 0..1 (1: the same feature sets).

    Query side: per kind, the share of the query's weight (``weight(kind, token)``: rare tokens
    heavier) that the unit holds. Unit side: the share of the unit's bigrams and words that the
    query holds, so a long sentence that merely includes the query ranks below one that says
    just that. Kinds the query lacks do not count. Nothing shared in characters or words: 0.
    """
    q_side = u_side = q_total = u_total = 0.0
    for kind in KINDS:
        q, u = query.of(kind), unit.of(kind)
        if not q:
            continue
        kw = KIND_WEIGHTS[kind]
        shared = q & u
        q_total += kw
        if shared:
            q_side += kw * sum(weight(kind, t) for t in shared) / sum(weight(kind, t) for t in q)
        if kind != "measures":  # length is told by characters and words; a unit names few measures
            u_total += kw
            u_side += kw * len(shared) / len(u) if shared else 0.0
    if not q_side or not u_side:
        return 0.0
    # geometric: a unit must say much of the query *and* little else; saying much counts more
    return (q_side / q_total) ** QUERY_SIDE * (u_side / u_total) ** (1 - QUERY_SIDE)
