"""Bytes to text for Chinese documents whose encoding nobody wrote down.

Policy documents arrive as UTF-8, as UTF-16 saved by Windows tools, as GBK/GB18030 from
mainland sites and as Big5 from Taiwan and Hong Kong. Decoding with the wrong codec rarely
fails outright -- it produces plausible-looking mojibake -- so the guess is made on evidence
and every step is strict: a byte that does not fit is reported with its offset, never
replaced or dropped.

Order of evidence: a byte-order mark; strict UTF-8 (valid UTF-8 is almost never an accident);
UTF-16 without a BOM, recognised by its zero bytes falling on one side of each pair; then
strict GB18030 and Big5 decodes, scored by how many of the Han characters they produce are
*common* ones. The common set is built from the codecs themselves (GB2312 level 1 plus Big5
level 1, about 7,000 characters covering well over 99% of running text in either script); the
wrong codec maps real text onto rare characters, so its score drops to a third or a half.

A file can also be *mixed*: GBK pasted after Big5, or UTF-8 after GBK. The strict decode of
such a file often succeeds, so the winning codec's whole text is scored again piece by
piece: every window of a few hundred characters and every line that holds enough Han
characters must read as common Han on its own, and a text too short for that (fewer than
MIN_EVIDENCE Han characters in all) must do so as a whole. The counting is done by regular
expressions, never character by character in Python, so a 20 MB file is scored in full in a
fraction of a second.

``decode`` is what importing uses; ``decode_bytes`` is the same detection for text that need
not be Chinese at all (``duidu convert`` on a file or standard input).

(Named ``charsets`` rather than ``encodings`` so it can never be mistaken for the stdlib
package of that name.)
"""

from __future__ import annotations

import bisect
import codecs
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from duidu.library.errors import InputError
from duidu.text.chars import HAN, HAN_BLOCKS, count_han, has_han

SAMPLE_CHUNK = 64 * 1024  # scoring reads up to three chunks of this size (start, middle, end)
MIN_COMMON_SHARE = 0.80  # below this share of common Han the text is not what the codec says
MIN_PLAUSIBLE = 0.90  # UTF-16 without BOM: share of characters that must look like text
MIN_EVIDENCE = 20  # Han characters a window needs before it is judged on its own
WINDOW_STEP = 256  # characters; windows of twice this overlap by half (see _unreadable)
BINARY_CONTROL_SHARE = 0.01  # text has (almost) no C0 control bytes; binary data ~10%

# C0 controls that never occur in text. Kept: \t \n \v \f \r, ESC (ANSI colours) and SUB
# (the DOS end-of-file mark). None of these bytes is ever part of a GB18030/Big5/UTF-8
# multi-byte character, so they can be counted before decoding.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1A), 0x1C, 0x1D, 0x1E, 0x1F, 0x7F])
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x19\x1c-\x1f\x7f]")
# Non-Han characters of ordinary Chinese text: ASCII, Latin-1, general and CJK punctuation,
# full-width forms.
_PLAIN = re.compile("[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\uff00-\uffef]")

# (UTF-32 is not supported: its BOM starts like UTF-16's and the NULs that follow are
# then rejected as binary.)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 LE (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 BE (BOM)"),
)

# Legacy candidates in order of preference when scores tie: plain Big5 before its HKSCS
# superset, so "big5hkscs" is only reported when the file needs it.
_LEGACY = ("gb18030", "big5", "big5hkscs")

_LABELS = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE", "gb18030": "GB18030", "gbk": "GBK", "gb2312": "GB2312",
    "big5": "Big5", "big5hkscs": "Big5-HKSCS", "cp950": "Big5 (cp950)",
}

_TRUNCATION_REASONS = {"unexpected end of data", "truncated data", "incomplete multibyte sequence"}

_MAGIC = ((b"PK\x03\x04", "a zip archive"), (b"%PDF", "a PDF"),
          (b"\xd0\xcf\x11\xe0", "an old Office file (.doc/.xls)"), (b"\x89PNG", "a PNG image"))


@dataclass(frozen=True)
class Decoded:
    text: str  # exactly data.decode(encoding): a BOM consumed by the codec is not in it
    encoding: str  # Python codec name
    confidence: float  # 0..1
    note: str  # one sentence for people


def label(codec: str) -> str:
    """Human name of a Python codec ("gb18030" -> "GB18030")."""
    return _LABELS.get(codec, codec.upper())


def decode(data: bytes, source: str, encoding: str | None = None,
           declared: str | None = None) -> Decoded:
    """Decode ``data`` strictly; ``encoding`` is the user's override, ``declared`` a charset
    the document names itself (HTML ``<meta charset>``). Raises InputError, never guesses
    silently past a bad byte."""
    if encoding is not None:
        return _decode_given(data, source, encoding)
    for bom, codec, note in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec, source)
            _reject_binary_text(text, data, source)
            return Decoded(text, codec, 1.0, note)
    rejected = ""
    if declared is not None:
        found = _decode_declared(data, declared)
        if found is not None:
            return found
        rejected = f"; the document declares charset={declared}, which does not fit"
    found = _detect(data, source)
    return Decoded(found.text, found.encoding, found.confidence, found.note + rejected)


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> tuple[str, str]:
    """Plain text of any kind (a file or standard input) to ``(text, encoding note)``.

    For ``duidu convert``: the same detection as an import and the same InputErrors for
    binary, truncated and mixed input, but no file formats and no "contains no Chinese"
    check -- text without Han characters decodes too (ASCII as UTF-8), and empty input gives
    ``""``. ``encoding`` is the user's override. A leading byte-order mark is not part of the
    text (the note says it was there); nothing else is changed, line ends included.
    """
    found = decode(data, source, encoding)
    return found.text.removeprefix("\ufeff"), found.note


# --- the user said which codec -------------------------------------------------------------

def _decode_given(data: bytes, source: str, encoding: str) -> Decoded:
    codec = _lookup(encoding)
    if codec is None:
        raise InputError(source, f"unknown encoding {encoding!r} (try utf-8, gb18030, big5)")
    try:
        text = data.decode(codec, "strict")
    except UnicodeDecodeError as e:
        raise InputError(source, f"not valid {label(codec)} at byte {e.start} "
                                 f"({_hex(data, e)}); check --encoding") from None
    return Decoded(text, codec, 1.0, f"{label(codec)} (given with --encoding)")


def _lookup(name: str) -> str | None:
    """Canonical codec name, or None for unknown names and bytes-to-bytes codecs (rot13)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


# --- the document said which codec ---------------------------------------------------------

def _decode_declared(data: bytes, declared: str) -> Decoded | None:
    """The declared charset, if it decodes strictly and yields Chinese that reads as Chinese.

    Pages are often mislabelled (charset=iso-8859-1 on a UTF-8 page), so a declaration that
    does not fit falls back to detection instead of failing.
    """
    for codec in _declared_codecs(declared):
        try:
            text = data.decode(codec, "strict")
        except UnicodeDecodeError:
            continue
        if not data.isascii() and not has_han(text):  # non-ASCII bytes, no Chinese: mojibake
            return None
        if _unreadable(text) is not None:
            return None
        return Decoded(text, codec, 1.0, f"{label(codec)} (declared in the document as {declared})")
    return None


def _declared_codecs(declared: str) -> tuple[str, ...]:
    name = declared.strip().lower()
    # What browsers do: GB2312/GBK labels get the GB18030 superset; Big5 may carry HKSCS.
    if name in {"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "csgb2312", "chinese", "gb18030"}:
        return ("gb18030",)
    if name in {"big5", "big5-hkscs", "big5hkscs", "x-x-big5", "cn-big5", "csbig5", "cp950"}:
        return ("big5", "big5hkscs")
    codec = _lookup(name)
    if codec is None or codec.startswith("utf-16"):  # a meta tag read as ASCII cannot be UTF-16
        return ()
    return (codec,)


# --- nobody said: detect -------------------------------------------------------------------

def _detect(data: bytes, source: str) -> Decoded:
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if b"\x00" in data or controls > len(data) * BINARY_CONTROL_SHARE:
        # Either UTF-16 (whose zero bytes and low bytes look like control bytes) or binary.
        found = _guess_utf16(data, source)
        if found is None:
            raise _binary(source, data)
        return found
    try:
        text = data.decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        _raise_if_truncated(e, data, source, "UTF-8")
        return _guess_legacy(data, source, utf8_error=e.start)
    if text.isascii():
        return Decoded(text, "utf-8", 1.0, "UTF-8 (plain ASCII)")
    return Decoded(text, "utf-8", 0.99, "UTF-8 (valid throughout)")


def _guess_utf16(data: bytes, source: str) -> Decoded | None:
    """UTF-16 without a BOM: read a sample both ways round; the right byte order gives
    text (ASCII, common Han, CJK punctuation), the wrong one gives scattered rare
    characters, and binary data gives garbage either way."""
    sample = data[: (3 * SAMPLE_CHUNK) & ~1]
    share, codec = max((_plausible_share(sample.decode(c, "replace")), c)
                       for c in ("utf-16-le", "utf-16-be"))
    if share < MIN_PLAUSIBLE:
        return None
    try:
        text = data.decode(codec, "strict")
    except UnicodeDecodeError as e:
        _raise_if_truncated(e, data, source, label(codec))
        return None
    if _CONTROL_CHARS.search(text) is not None:  # e.g. 16-bit integers: 01 00 02 00 ...
        return None
    return Decoded(text, codec, round(share, 2),
                   f"{label(codec)} (no BOM; {share:.0%} of the characters read as text "
                   "in this byte order)")


def _plausible_share(text: str) -> float:
    """Share of characters that ordinary Chinese text is made of."""
    if not text:
        return 0.0
    _, common = han_stats(text)
    return (common + len(_PLAIN.findall(text))) / len(text)


def _guess_legacy(data: bytes, source: str, utf8_error: int) -> Decoded:
    """GB18030 or Big5: strict decodes of a sample, ranked by their share of common Han;
    the winner must then decode the whole file strictly."""
    scored = []
    for rank, codec in enumerate(_LEGACY):
        stats = _sample_stats(data, codec)
        if stats is not None:
            han, common = stats
            scored.append((-(common / han if han else 0.0), rank, codec, han, common))
    scored.sort()
    why_not = None  # the reason the best-scoring candidate was refused
    for neg_share, _, codec, han, common in scored:
        share = -neg_share
        if han >= MIN_EVIDENCE and share < MIN_COMMON_SHARE:  # decodes, but into mojibake
            why_not = why_not or (f"as {label(codec)} only {_percent(share)} of its Han "
                                  "characters are common ones")
            break  # the rest score lower still
        try:
            text = data.decode(codec, "strict")
        except UnicodeDecodeError as e:
            if han >= MIN_EVIDENCE:  # the sample read well: a cut-off end, not another codec
                _raise_if_truncated(e, data, source, label(codec))
            continue
        bad = _unreadable(text)
        if bad is not None:  # a stretch of mojibake: another encoding inside, or no Chinese
            why_not = why_not or bad.reason(text, codec)
            continue
        evidence = min(1.0, han / MIN_EVIDENCE)  # thin evidence lowers confidence
        if han == 0:
            note = f"{label(codec)} (guessed: no Han characters to go by)"
        else:
            note = (f"{label(codec)} (guessed: {share:.0%} of {han:,} sampled Han "
                    "characters are common ones)")
        return Decoded(text, codec, round(share * evidence, 2), note)
    why_not = why_not or "not valid GB18030/Big5 either"
    raise InputError(source, f"mixed or unknown encoding: not valid UTF-8 at byte {utf8_error}, "
                             f"and {why_not}; pass --encoding")


class _Stretch(NamedTuple):
    """Part of a decoded text that does not read as Chinese."""
    start: int  # character offsets
    end: int
    han: int
    common: int
    whole: bool  # the whole text, judged as one because it is short

    def reason(self, text: str, codec: str) -> str:
        share = _percent(self.common / self.han)
        if self.whole:
            return f"as {label(codec)} only {share} of its Han characters are common ones"
        first = text.count("\n", 0, self.start) + 1
        last = first + text.count("\n", self.start, max(self.start, self.end - 1))
        lines = f"line {first}" if first == last else f"lines {first}-{last}"
        return f"as {label(codec)} only {share} of the Han characters in {lines} are common ones"


def _unreadable(text: str) -> _Stretch | None:
    """The first stretch of ``text`` that is not plausible Chinese, or None.

    Judged on their own: every window of two steps of WINDOW_STEP characters (each window
    overlapping the next by one step, so a run of mojibake a few hundred characters long
    cannot hide between windows) and every line. A window or line with at least MIN_EVIDENCE
    Han characters fails when fewer than MIN_COMMON_SHARE of them are common. A text with
    fewer Han characters than that in all is judged as a whole: a short file gets no benefit
    of the doubt.

    Cheap on big files: one regex pass finds the rare characters (few, in real text), and only
    the windows and lines that contain one are counted, by stripping runs of Han characters.
    """
    rare_at = [m.start() for m in _rare_han().finditer(text)]
    if not rare_at:
        return None  # every Han character is a common one
    found: list[_Stretch] = []

    def judge(start: int, end: int, han: int, rare: int) -> bool:
        if han >= MIN_EVIDENCE and (han - rare) / han < MIN_COMMON_SHARE:
            found.append(_Stretch(start, end, han, han - rare, False))
            return True
        return False

    # Windows.
    step = WINDOW_STEP
    steps = max(1, -(-len(text) // step))
    rare_in = Counter(p // step for p in rare_at)
    han_in: dict[int, int] = {}
    for i in {near for i in rare_in for near in (i - 1, i, i + 1) if 0 <= near < steps}:
        han_in[i] = count_han(text[i * step : (i + 1) * step])
    for w in sorted({w for i in rare_in for w in (i - 1, i) if 0 <= w <= max(0, steps - 2)}):
        window = range(w, min(w + 2, steps))
        if judge(w * step, min(len(text), (w + 2) * step), sum(han_in[i] for i in window),
                 sum(rare_in[i] for i in window)):
            break
    # Lines.
    i = 0
    while i < len(rare_at):
        start = text.rfind("\n", 0, rare_at[i]) + 1
        end = text.find("\n", rare_at[i])
        end = len(text) if end == -1 else end
        j = bisect.bisect_left(rare_at, end, i)
        if judge(start, end, count_han(text[start:end]), j - i):
            break
        i = j
    if found:
        return min(found)  # the earlier of the first window and the first line
    # A short text, judged as a whole.
    total = 0
    for i in range(steps):
        total += han_in[i] if i in han_in else count_han(text[i * step : (i + 1) * step])
        if total >= MIN_EVIDENCE:
            return None  # enough evidence, and every window and line with enough has passed
    if (total - len(rare_at)) / total < MIN_COMMON_SHARE:
        return _Stretch(0, len(text), total, total - len(rare_at), True)
    return None


def _percent(share: float) -> str:
    """Rounded down, so a share that fails a threshold is never shown as equal to it."""
    return f"{math.floor(share * 100)}%"


def _sample_stats(data: bytes, codec: str) -> tuple[int, int] | None:
    """(Han, common Han) over up to three chunks decoded strictly, or None if they do not
    decode. A tail cut mid-character is tolerated here; the full decode judges it."""
    han = common = 0
    for chunk in _sample_chunks(data):
        decoder = codecs.getincrementaldecoder(codec)("strict")
        try:
            text = decoder.decode(chunk, final=False)
        except UnicodeDecodeError:
            return None
        h, c = han_stats(text)
        han, common = han + h, common + c
    return han, common


def _sample_chunks(data: bytes) -> list[bytes]:
    """Start, middle and end of a big file; later chunks begin after a newline, the one
    byte that is never inside a multi-byte character in any of these codecs."""
    if len(data) <= 3 * SAMPLE_CHUNK:
        return [data]
    chunks = [data[:SAMPLE_CHUNK]]
    for start in (len(data) // 2, len(data) - SAMPLE_CHUNK):
        newline = data.find(b"\n", start, start + SAMPLE_CHUNK)
        if newline != -1:
            chunks.append(data[newline + 1 : start + SAMPLE_CHUNK])
    return chunks


@lru_cache(maxsize=1)
def common_han() -> frozenset[str]:
    """GB2312 level 1 (B0A1-D7F9) and Big5 level 1 (A440-C67E): the everyday characters of
    each script, read from Python's own codecs so no table is shipped."""
    chars = set()
    for lead in range(0xB0, 0xD8):
        chars.update(_decode_pairs("gb2312", lead, range(0xA1, 0xFF)))
    for lead in range(0xA4, 0xC7):
        trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
        if lead == 0xC6:
            trails = list(range(0x40, 0x7F))  # level 1 ends at C67E
        chars.update(_decode_pairs("big5", lead, trails))
    return frozenset(c for c in chars if HAN.match(c))


def _decode_pairs(codec: str, lead: int, trails) -> list[str]:
    out = []
    for trail in trails:
        try:
            out.append(bytes((lead, trail)).decode(codec))
        except UnicodeDecodeError:
            pass  # unassigned slots (e.g. D7FA-D7FE)
    return out


def han_stats(text: str) -> tuple[int, int]:
    """(number of Han characters, how many of them are common)."""
    han = count_han(text)
    rare = len(text) - len(_rare_han_run().sub("", text)) if han else 0
    return han, han - rare


@lru_cache(maxsize=1)
def _rare_han_class() -> str:
    """A regex class of the Han characters that are not common: the Han ranges with the
    common ones cut out, so rare characters are found by the regex engine, not in Python."""
    common = sorted(map(ord, common_han()))
    ranges = []
    for first, last, _ in HAN_BLOCKS:
        start = first
        i = bisect.bisect_left(common, first)
        while i < len(common) and common[i] <= last:
            if common[i] > start:
                ranges.append((start, common[i] - 1))
            start = common[i] + 1
            i += 1
        if start <= last:
            ranges.append((start, last))
    return "[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]"


@lru_cache(maxsize=1)
def _rare_han() -> re.Pattern[str]:
    return re.compile(_rare_han_class())


@lru_cache(maxsize=1)
def _rare_han_run() -> re.Pattern[str]:
    return re.compile(_rare_han_class() + "+")


# --- errors --------------------------------------------------------------------------------

def _strict(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec, "strict")
    except UnicodeDecodeError as e:
        name = "UTF-8" if codec.startswith("utf-8") else "UTF-16"
        _raise_if_truncated(e, data, source, name)
        raise InputError(source, f"starts with a {name} byte-order mark but is not valid {name} "
                                 f"at byte {e.start} ({_hex(data, e)})") from None


def _raise_if_truncated(e: UnicodeDecodeError, data: bytes, source: str, name: str) -> None:
    """A multi-byte character cut off by the end of the file: say so, with the offset."""
    if e.end == len(data) and e.reason in _TRUNCATION_REASONS:
        raise InputError(source, f"ends in the middle of a {name} character (truncated?) "
                                 f"at byte {e.start} of {len(data)}") from None


def _reject_binary_text(text: str, data: bytes, source: str) -> None:
    """A BOM in front of binary data (or UTF-32, unsupported) decodes to control characters."""
    if len(_CONTROL_CHARS.findall(text)) > len(text) * BINARY_CONTROL_SHARE:
        raise _binary(source, data)


def _binary(source: str, data: bytes) -> InputError:
    kind = next((f" ({what})" for magic, what in _MAGIC if data.startswith(magic)), "")
    return InputError(source, f"looks like a binary file, not text{kind}")


def _hex(data: bytes, e: UnicodeDecodeError) -> str:
    return " ".join(f"0x{b:02X}" for b in data[e.start : min(e.end, e.start + 4)])
