"""The comparison key form: what the engine and the search index compare.

Simplified script (OpenCC t2s), full-width forms folded to ASCII, CJK compatibility
ideographs folded to their unified forms, Latin lower-cased,
punctuation, whitespace and control characters dropped, numerals kept (both Arabic and
Chinese). A traditional and a simplified document therefore compare as one script, and
``成渝地区，双城`` matches ``成渝地區雙城``. The map sends every key span back to the
stored text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from duidu.text.offsets import OffsetMap, OffsetMapBuilder
from duidu.text.script import Converted, convert, restricted


@dataclass(frozen=True)
class KeyForm:
    text: str
    map: OffsetMap  # stored text -> key text


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """The key character for ``ch``, or "" when it does not count."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII
        ch = chr(code - 0xFEE0)
    cat = unicodedata.category(ch)
    if cat[0] in "PZC":  # punctuation, separators (spaces), control/format
        return ""
    return ch.lower() if ch.isascii() else ch


_COMPATIBILITY = re.compile("[\uF900-\uFAFF\U0002F800-\U0002FA1F]")  # what ``_unified`` folds


@lru_cache(maxsize=1)
def _unified() -> dict[int, str]:
    """CJK compatibility ideographs -> their unified forms (one character each)."""
    table = {}
    for code in [*range(0xF900, 0xFB00), *range(0x2F800, 0x2FA20)]:
        unified = unicodedata.normalize("NFC", chr(code))
        if unified != chr(code) and len(unified) == 1:
            table[code] = unified
    return table


def _fold(text: str) -> tuple[str, OffsetMap]:
    out: list[str] = []
    b = OffsetMapBuilder()
    kept = dropped = 0  # current runs, handed to the builder only when they end
    for ch in text:
        k = _fold_char(ch)
        if k:
            if dropped:
                b.delete(dropped)
                dropped = 0
            out.append(k)
            kept += 1
        else:
            if kept:
                b.keep(kept)
                kept = 0
            dropped += 1
    b.keep(kept)
    b.delete(dropped)
    return "".join(out), b.build()


def _kept_spans(n: int, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches ``_drop_ranges`` keeps."""
    spans, pos = [], 0
    for start, end in sorted(ranges):
        start = max(start, pos)
        if end <= start:
            continue
        spans.append((pos, start))
        pos = end
    spans.append((pos, n))
    return [(a, b) for a, b in spans if b > a]


def _drop_ranges(text: str, ranges: Iterable[tuple[int, int]]) -> tuple[str, OffsetMap]:
    out: list[str] = []
    b = OffsetMapBuilder()
    pos = 0
    for start, end in sorted(ranges):
        start = max(start, pos)
        if end <= start:
            continue
        out.append(text[pos:start])
        b.keep(start - pos)
        b.delete(end - start)
        pos = end
    out.append(text[pos:])
    b.keep(len(text) - pos)
    return "".join(out), b.build()


def key_form(text: str, excluded: Iterable[tuple[int, int]] = (), simplified: Converted | None = None) -> KeyForm:
    """The key form of ``text``, leaving out the ``excluded`` ranges (page furniture).
    ``simplified``: ``convert(text, "t2s")`` when the caller has it (an import does): the kept
    text's conversion is cut from it where that gives the same, instead of converting again."""
    excluded = list(excluded)
    kept, m0 = _drop_ranges(text, excluded)
    part = None
    if simplified is not None and not _COMPATIBILITY.search(text):
        part = restricted(simplified, text, _kept_spans(len(text), excluded))
    simplified = part or convert(kept.translate(_unified()), "t2s")  # one for one: the map holds
    folded, m2 = _fold(simplified.text)
    return KeyForm(folded, m0.then(simplified.map).then(m2))


def fold(simplified: str) -> str:
    """Key characters of text already in simplified script (a word segmented from it)."""
    return "".join(map(_fold_char, simplified.translate(_unified())))


def query_key(query: str) -> str:
    """A search query in key form (no map needed)."""
    return _fold(convert(query.translate(_unified()), "t2s").text)[0]
