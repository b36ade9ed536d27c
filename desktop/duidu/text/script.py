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


def _apply_stage(text: str, group: tuple[tuple[_Dict, dict, re.Pattern], ...]) -> Converted:
    out: list[str] = []
    b = OffsetMapBuilder()
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
