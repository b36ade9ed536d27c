"""Word segmentation with jieba and the project's dictionary of policy terms.

``segment(text)`` returns ``Word`` objects whose offsets point into ``text``
(``text[w.start:w.end] == w.text``); together they cover the whole text in order, whitespace
and punctuation included. ``segment(text, pos=True)`` adds jieba's part-of-speech tags.

jieba is built for simplified Chinese: its dictionary and statistics are simplified, and
traditional text segments poorly. Callers segment the simplified *key form* of a document and
map the word offsets back to the stored text through the key form's ``OffsetMap``.

The tokenizer is this module's own ``jieba.Tokenizer()`` (never jieba's global one), with
``resources/userdict.txt`` added: the recurring terms of Chengdu–Chongqing and Yangtze River
Delta education policy (成渝地区双城经济圈, 县管校聘, 教共体, 产教融合 …), each kept as one word.

Loading costs over a second, so it happens on the first ``segment()`` or ``warm_up()`` call,
never at import: importing this module does not import jieba. Loading is guarded by a lock, so
``warm_up()`` may run on a background thread while another thread already segments.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from functools import lru_cache
from typing import Any, NamedTuple

__all__ = ["Word", "segment", "tokens", "segment_tagged", "tag_unknown", "segment_document", "warm_up", "user_terms"]

USERDICT = "userdict.txt"


class Word(NamedTuple):  # a tuple: made ~10,000 times a document, twice as fast as a frozen dataclass
    start: int
    end: int
    text: str
    pos: str | None


_lock = threading.Lock()
_tokenizer: Any = None  # jieba.Tokenizer, once loaded
_pos_tokenizer: Any = None  # jieba.posseg.POSTokenizer over _tokenizer, once needed
_UNLOADED = object()
_fast: Any = _UNLOADED  # rjieba.Jieba with the same user terms (None: not installed), once needed


def user_terms() -> list[tuple[str, int | None, str | None]]:
    """The entries of the user dictionary: ``(word, freq, pos)``; comment lines skipped."""
    from duidu.paths import resource_path

    entries: list[tuple[str, int | None, str | None]] = []
    with open(resource_path(USERDICT), encoding="utf-8") as f:
        for raw in f:
            line = raw.strip().lstrip("\ufeff")
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            word = parts[0]
            freq = int(parts[1]) if len(parts) > 1 else None
            tag = parts[2] if len(parts) > 2 else None
            entries.append((word, freq, tag))
    return entries


def _cache_dir() -> str:
    """Where jieba keeps its prefix-dictionary cache: this user's cache folder. jieba's default,
    ``/tmp/jieba.cache``, is shared by every user: one left there by someone else could not be
    replaced (a traceback on every command that segments) and would be loaded unchecked."""
    import tempfile
    from pathlib import Path

    from platformdirs import user_cache_path

    folder = Path(user_cache_path("duidu", appauthor=False)) / "jieba"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            return str(folder)
    except OSError:
        pass
    return tempfile.mkdtemp(prefix="duidu-jieba-")  # a private folder: the cache is rebuilt next time


def _load() -> Any:
    """The shared tokenizer, loading jieba and the dictionaries on first use."""
    global _tokenizer
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            import jieba

            logging.getLogger("jieba").setLevel(logging.WARNING)  # no "Building prefix dict..."
            tk = jieba.Tokenizer()
            tk.tmp_dir = _cache_dir()  # not the shared /tmp/jieba.cache another user may own
            tk.initialize()
            for word, freq, tag in user_terms():
                tk.add_word(word, freq, tag)
            _tokenizer = tk
    return _tokenizer


def _load_pos() -> Any:
    global _pos_tokenizer
    if _pos_tokenizer is not None:
        return _pos_tokenizer
    tk = _load()
    with _lock:
        if _pos_tokenizer is None:
            from jieba import posseg

            pt = posseg.POSTokenizer(tk)
            pt.makesure_userdict_loaded()  # copy the user terms' tags now, not racing in cut()
            _pos_tokenizer = pt
    return _pos_tokenizer


def _load_fast() -> Any:
    """jieba-rs (rjieba) with the user dictionary, or None where it is not installed."""
    global _fast
    if _fast is _UNLOADED:
        with _lock:
            if _fast is _UNLOADED:
                try:
                    import rjieba
                except ImportError:
                    _fast = None
                else:
                    fast = rjieba.Jieba()
                    for word, freq, tag in user_terms():
                        fast.add_word(word, freq, tag)
                    _fast = fast
    return _fast


def warm_up(*, pos: bool = False) -> None:
    """Load jieba and the dictionaries now (call it from a background thread at start-up).

    With ``pos`` also build the part-of-speech tokenizer (another ~0.9 s).
    """
    if pos:
        _load_pos()
    else:
        _load()


# jieba cuts each run of Han, letters and digits on its own (its re_han patterns); the time of
# a run grows faster than its length (part-of-speech tagging most), so a text is handed over in
# pieces ending at a character outside every run (the words come out the same), and a run
# longer than MAX_RUN with no such character -- hand-made or mangled text -- is cut there.
MAX_RUN = 1000
_RUN_CHAR = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")


def pieces(text: str, limit: int = MAX_RUN) -> list[tuple[int, int]]:
    """``[start, end)`` spans covering ``text`` in order, each at most ``limit`` long, cut after
    a character jieba never joins to its neighbours where there is one in reach."""
    out, at, n = [], 0, len(text)
    while n - at > limit:
        cut = at + limit
        while cut > at and _RUN_CHAR.match(text, cut - 1):
            cut -= 1
        if cut == at:
            cut = at + limit  # one run longer than the limit: cut inside it
        out.append((at, cut))
        at = cut
    out.append((at, n))
    return out


def segment(text: str, *, pos: bool = False) -> list[Word]:
    """The words of ``text`` in order, with offsets into ``text``; POS tags when ``pos``."""
    if not text:
        return []
    if len(text) > MAX_RUN:
        words: list[Word] = []
        for a, b in pieces(text):
            words.extend(Word(a + w.start, a + w.end, w.text, w.pos) for w in _segment(text[a:b], pos))
        return words
    return _segment(text, pos)


def _segment(text: str, pos: bool) -> list[Word]:
    if not pos:
        return [Word(start, end, w, None) for w, start, end in tokens(text)]
    pt = _load_pos()
    words: list[Word] = []
    at = 0
    for pair in pt.cut(text):
        w = pair.word
        if not w:
            continue
        if not text.startswith(w, at):
            # jieba's pieces concatenate back to the input; stay robust if one ever does not.
            found = text.find(w, at)
            if found < 0:
                continue
            at = found
        words.append(Word(at, at + len(w), w, pair.flag))
        at += len(w)
    return words


# jieba cuts each block of _BLOCK characters on its own (jieba.re_han_default) and every other
# character alone ("\r\n" whole). A block of Han characters only is cut by jieba-rs, the same
# dictionary, algorithm and user terms in Rust (a tenth of the time: jieba was half an import);
# a block with letters or digits ("2026-02-09", "PM2.5") by jieba itself, which splits those
# differently. tests/test_segment.py holds the two to the same words on the seeds and corpus sample.
_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
_HAN_BLOCK = re.compile(r"[\u4E00-\u9FD5]+")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """jieba's ``tokenize(text)`` (HMM on): ``(word, start, end)`` covering ``text`` in order."""
    fast = _load_fast()
    tk = _load()
    if fast is None:
        return list(tk.tokenize(text))
    blocks = [(m.start(), m.end(), _HAN_BLOCK.fullmatch(m.group()) is not None) for m in _BLOCK.finditer(text)]
    han = _han_words(fast, text, [(a, b) for a, b, only_han in blocks if only_han])
    out: list[tuple[str, int, int]] = []
    at = 0
    for a, b, only_han in blocks:
        if at < a:
            _others(text, at, a, out)
        if only_han:
            out.extend(next(han))
        else:
            out.extend((w, a + s, a + e) for w, s, e in tk.tokenize(text[a:b]))
        at = b
    if at < len(text):
        _others(text, at, len(text), out)
    return out


def _han_words(fast: Any, text: str, blocks: list[tuple[int, int]]):
    """jieba-rs's words of each Han-only block, block by block. The blocks go over in one call,
    a line break apart (outside every block, so each is cut as if alone): a call costs more
    than cutting a short block, and a document has hundreds."""
    joined = "\n".join(text[a:b] for a, b in blocks)
    found = iter(fast.tokenize(joined))
    at = 0  # where the block starts in ``joined``
    for a, b in blocks:
        words = []
        end = at + (b - a)
        for w, s, e in found:
            if s >= at:  # not the break before the block
                words.append((w, a + s - at, a + e - at))
                if e >= end:
                    break
        yield words
        at = end + 1


def _others(text: str, a: int, b: int, out: list) -> None:
    """Characters outside jieba's blocks: one word each, "\r\n" one word (as jieba's cut)."""
    i = a
    while i < b:
        if text[i] == "\r" and i + 1 < b and text[i + 1] == "\n":
            out.append(("\r\n", i, i + 2))
            i += 2
        else:
            out.append((text[i], i, i + 1))
            i += 1


# One pass for everything an import needs (measures, similar index): jieba's plain cut, tagged
# from its part-of-speech dictionary. posseg itself runs a second, far slower HMM (a state per
# tag and position: ~200 µs a character) over every run of characters its dictionary lacks; here
# a word the dictionary lacks gets that HMM's tag only when a caller asks (``tag_unknown``) --
# the measure extractor, for the few words between a verb and its object's head noun.
UNKNOWN = "?"  # the tag of a Han word the dictionary lacks, until ``tag_unknown``
_NUM = re.compile(r"[.0-9]")
_LATIN = re.compile(r"[a-zA-Z]")
_HAN = re.compile(r"[\u4E00-\u9FD5]")


def segment_tagged(text: str) -> list[Word]:
    """``segment(text)``'s words, each with its dictionary part of speech: "x" for spaces and
    punctuation, "m" numbers, "eng" Latin, ``UNKNOWN`` for a Han word not in the dictionary."""
    table = _load_pos().word_tag_tab
    out = []
    for a, b in pieces(text) if text else ():
        for w, start, end in tokens(text[a:b]):
            tag = table.get(w)
            if tag is None:
                first = w[0]
                tag = ("m" if _NUM.match(first) else "eng" if _LATIN.match(first)
                       else UNKNOWN if _HAN.search(w) else "x")
            out.append(Word(a + start, a + end, w, tag))
    return out


def tag_unknown(words: list[Word]) -> list[Word]:
    """``words`` with each ``UNKNOWN`` tag replaced by the tag of its last dictionary piece."""
    return [Word(w.start, w.end, w.text, _piece_tag(w.text)) if w.pos == UNKNOWN else w for w in words]


@lru_cache(maxsize=1 << 15)
def _piece_tag(word: str) -> str:
    """A word the dictionary lacks takes its head's tag: the last piece of a dictionary-only cut
    (县管校 -> 校, n). posseg's HMM would spend ~30 ms on it for about the same answer."""
    pairs = [p for p in _load_pos().cut(word, HMM=False) if p.word.strip()]
    return pairs[-1].flag if pairs else "x"


def segment_document(text: str, *, pos: bool = False) -> list[Word]:
    """Words of a stored text in any script, with offsets into ``text``.

    jieba segments the simplified form (t2s); each word's span is mapped back, so a
    traditional document gets simplified-quality segmentation and its own characters.
    """
    from duidu.text.script import convert

    simplified = convert(text, "t2s")
    words = []
    for w in segment(simplified.text, pos=pos):
        start, end = simplified.map.to_src_span(w.start, w.end)
        words.append(Word(start, end, text[start:end], w.pos))
    return words


@lru_cache(maxsize=1 << 16)
def word_edges(text: str) -> tuple[int, ...]:
    """Where words start and end in a short ``text``, by the dictionary alone (no HMM for unknown
    words): ~15 µs for 10 characters, cheap enough to ask around every end of every passage
    (and remembered: policy text repeats its phrasing)."""
    return tuple(sorted({0, *(end for _, _, end in _load().tokenize(text, HMM=False))}))
