"""Script conversion (OpenCC) with an exact offset map, and script detection.

The engine is opencc-python-reimplemented fed with OpenCC's current dictionaries
(``resources/opencc``). Its ``convert`` returns only a string; a reader that highlights and
anchors spans needs to know which source characters became which output characters. So
this module loads the dictionaries through the engine's own loader and walks the engine's
own matching rule (per stage: the longest dictionary key anywhere in the clause, leftmost
among equals, then recursively left and right of it; a group's dictionaries tried in
order), recording one segment per replacement. ``tests/test_script.py`` checks that the
text produced equals ``OpenCC.convert`` character for character on the conformance cases,
the golden texts and the seeds.
"""

from __future__ import annotations

import json
import re
import threading
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from duidu.paths import resource_path
from duidu.text.offsets import OffsetMap, OffsetMapBuilder

# What a reader can ask to see a document in; ``views`` picks the configuration for each.
VIEW_SCRIPTS = ("original", "simplified", "traditional", "tw", "hk")
CONFIGS = ("s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s", "s2twp", "tw2sp", "t2tw", "t2hk")

# A dictionary as the engine loads it: (longest key, shortest key, key -> "value [value…]").
_Dict = tuple[int, int, dict[str, str]]

_lock = threading.Lock()


@dataclass(frozen=True)
class Converted:
    """A converted text and its map from the input (source) to the output (view)."""

    text: str
    map: OffsetMap


def _engine():
    from opencc import OpenCC  # the engine; imported lazily (cold `duidu --version`)

    return OpenCC()


@lru_cache(maxsize=1)
def _chains() -> dict[str, list[list[str]]]:
    data = json.loads(resource_path("opencc", "chains.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


_dict_cache: dict[str, _Dict] = {}


def _load(name: str) -> _Dict:
    """One dictionary, read by the engine's own loader, cached here for the process."""
    with _lock:
        if name not in _dict_cache:
            path = str(resource_path("opencc", "dictionary", f"{name}.txt"))
            data: list = []
            _engine()._add_dictionaries([path], data)
            _dict_cache[name] = data[0]
        return _dict_cache[name]


@lru_cache(maxsize=None)
def _stages(config: str) -> tuple[tuple[tuple[_Dict, dict], ...], ...]:
    chains = _chains()
    if config not in chains:
        raise ValueError(f"unknown conversion {config!r} (known: {', '.join(CONFIGS)})")
    return tuple(tuple((_load(name), _key_lengths(name), _first_chars(name)) for name in group)
                 for group in chains[config])


@lru_cache(maxsize=1)
def _clauses():
    """The engine's own clause separators (no dictionary key spans one)."""
    return _engine().split_chars_re


@lru_cache(maxsize=None)
def _key_lengths(name: str) -> dict[str, tuple[int, ...]]:
    """For each first character, the key lengths that start with it, longest first."""
    lengths: dict[str, set[int]] = {}
    for key in _load(name)[2]:
        lengths.setdefault(key[0], set()).add(len(key))
    return {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}


@lru_cache(maxsize=None)
def _first_chars(name: str) -> re.Pattern:
    """The characters a key of the dictionary starts with: only there can a match begin (most
    characters of a text are in none, so a whole simplified clause is passed by t2s in one search)."""
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(_key_lengths(name))) + "]")


def _convert_clause(clause: str, group: tuple[tuple[_Dict, dict, re.Pattern], ...], out: list[str],
                    b: OffsetMapBuilder) -> None:
    """Replace dictionary keys in one clause, choosing exactly what the engine chooses.

    The engine takes the longest key anywhere in the clause (leftmost among equals), then
    recurses left and right of it; a piece no key of a dictionary fits into goes on to the
    group's next dictionary. Taking every candidate (key, position) in the order (longest,
    leftmost) and keeping it when its characters are still free gives the same matches:
    a candidate inside a piece cannot precede that piece's own choice, and one straddling a
    piece's edge overlaps the match that made the edge. This runs in n log n where the
    engine's rescanning is quadratic in the clause length.
    """
    n = len(clause)
    taken = bytearray(n)
    chosen: list[tuple[int, int, str]] = []
    for table, by_first, first in group:
        keys = table[2]
        candidates = []
        for found in first.finditer(clause):
            i = found.start()
            for length in by_first[found.group()]:
                if i + length <= n and not taken[i] and clause[i : i + length] in keys:
                    candidates.append((-length, i))
        candidates.sort()
        for neg, i in candidates:
            end = i - neg
            if not any(taken[i:end]):
                taken[i:end] = b"\x01" * (end - i)
                chosen.append((i, end, keys[clause[i:end]].split(" ")[0]))
    pos = 0
    for start, end, value in sorted(chosen):
        if start > pos:
            out.append(clause[pos:start])
            b.keep(start - pos)
        out.append(value)
        if len(value) == end - start:  # 协同→協同: character for character, spans stay exact
            b.keep(end - start)
        else:  # 互联网→網際網路: indivisible
            b.replace(end - start, len(value))
        pos = end
    if pos < n:
        out.append(clause[pos:])
        b.keep(n - pos)


_within_clauses: dict[int, bool] = {}  # id of a group (kept for the process by ``_stages``) -> answer


def _keys_within_clauses(group: tuple[tuple[_Dict, dict, re.Pattern], ...]) -> bool:
    """Whether no key of the group holds a clause separator (OpenCC's own dictionaries: none)."""
    if id(group) not in _within_clauses:
        split = _clauses()
        _within_clauses[id(group)] = not any(split.search(key) for table, *_ in group for key in table[2])
    return _within_clauses[id(group)]


def _apply_stage(text: str, group: tuple[tuple[_Dict, dict, re.Pattern], ...]) -> Converted:
    out: list[str] = []
    b = OffsetMapBuilder()
    if _keys_within_clauses(group):
        # No match can cross a separator, and the (longest, leftmost) order within each clause
        # is kept when all clauses' candidates are taken together: the same replacements as
        # clause by clause, without a Python round per clause (a 10k-character text has ~900).
        _convert_clause(text, group, out, b)
        return Converted("".join(out), b.build())
    for n, piece in enumerate(_clauses().split(text)):
        if n % 2 or not piece:
            out.append(piece)
            b.keep(len(piece))
        else:
            _convert_clause(piece, group, out, b)
    return Converted("".join(out), b.build())


def convert(text: str, config: str) -> Converted:
    """Convert ``text`` with an OpenCC configuration (``s2t``, ``tw2sp`` …) and map it."""
    result = Converted(text, OffsetMap.identity(len(text)))
    for group in _stages(config):
        step = _apply_stage(result.text, group)
        result = Converted(step.text, result.map.then(step.map))
    return result


def restricted(converted: Converted, source: str, spans: list[tuple[int, int]]) -> Converted | None:
    """What converting the text made of ``spans`` of ``source`` (in order, apart) gives, cut
    from ``converted`` (the conversion of the whole ``source``); None where a cut could change
    it. Conversion works clause by clause, so the pieces agree when every cut lies beside a
    clause separator: the excluded page furniture a key form leaves out is whole lines."""
    layers = converted.map._layers
    if len(layers) > 1:
        return None
    split, n = _clauses(), len(source)

    def edge(i: int) -> bool:  # a separator on one side of the cut before character i
        return i <= 0 or i >= n or split.match(source, i - 1, i) is not None or split.match(source, i) is not None

    ends = [0, *(x for span in spans for x in span), n]
    for k in range(0, len(ends) - 1, 2):  # each left-out stretch [ends[k], ends[k + 1])
        s, e = ends[k], ends[k + 1]
        if s == e:
            continue
        if not (edge(s) and edge(e)):
            return None  # a clause runs into the left-out stretch
        if 0 < s and e < n and split.match(source, s - 1, s) is None and split.match(source, e) is None:
            return None  # the two sides would join into one clause
    src, dst, linear = layers[0].src, layers[0].dst, layers[0].linear
    k = linear.find(0)
    while k >= 0:
        if src[k] == src[k + 1]:
            return None  # an insertion: where it goes at a cut is the conversion's choice
        k = linear.find(0, k + 1)

    def to_dst(p: int) -> int | None:
        k = bisect_right(src, p) - 1
        if src[k] == p:
            return dst[k]
        return dst[k] + (p - src[k]) if linear[k] else None  # None: inside an indivisible replacement

    out: list[str] = []
    b = OffsetMapBuilder()
    for start, end in spans:
        a, z = to_dst(start), to_dst(end)
        if a is None or z is None:
            return None
        out.append(converted.text[a:z])
        k, at = bisect_right(src, start) - 1, start
        while at < end:
            cut = min(src[k + 1], end)
            if linear[k]:
                b.keep(cut - at)
            else:  # whole: neither cut falls inside it
                b.replace(src[k + 1] - src[k], dst[k + 1] - dst[k])
            at, k = cut, k + 1
    return Converted("".join(out), b.build())


def engine_convert(text: str, config: str) -> str:
    """The engine's own ``convert`` on the same dictionaries (for cross-checks)."""
    engine = _engine()
    engine._dict_chain_data = [[d for d, *_ in group] for group in _stages(config)]
    engine._dict_init_done = True
    return engine.convert(text)


# -- script detection --------------------------------------------------------------

Script = Literal["simplified", "traditional", "mixed", "unknown"]


@dataclass(frozen=True)
class ScriptGuess:
    script: Script
    confidence: float  # 0..1
    simplified_marks: int  # characters found only in simplified text
    traditional_marks: int  # characters found only in traditional text


@lru_cache(maxsize=1)
def _marks() -> tuple[frozenset[str], frozenset[str]]:
    st = _load("STCharacters")[2]
    ts = _load("TSCharacters")[2]
    simp = {k for k, v in st.items() if k not in v.split(" ")}
    trad = {k for k, v in ts.items() if k not in v.split(" ")}
    # A character that is a key of both tables (e.g. 乾, 著) tells nothing.
    return frozenset(simp - trad), frozenset(trad - simp)


def detect_script(text: str) -> ScriptGuess:
    """Simplified, traditional or mixed, from characters that exist in only one script."""
    simp, trad = _marks()
    ns = sum(1 for ch in text if ch in simp)
    nt = sum(1 for ch in text if ch in trad)
    total = ns + nt
    if total == 0:
        return ScriptGuess("unknown", 0.0, 0, 0)
    share = max(ns, nt) / total
    # Few marks make a weak guess: scale confidence by evidence (20+ marks = full weight).
    confidence = round(share * min(1.0, total / 20), 3)
    if share >= 0.9:
        script: Script = "simplified" if ns > nt else "traditional"
    else:
        script = "mixed"
        confidence = round((1 - abs(ns - nt) / total) * min(1.0, total / 20), 3)
    return ScriptGuess(script, confidence, ns, nt)
