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
wrong codec maps real text onto rare characters, so its score drops to roughly half.

(Named ``charsets`` rather than ``encodings`` so it can never be mistaken for the stdlib
package of that name.)
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from duidu.library.errors import InputError

SAMPLE_CHUNK = 64 * 1024  # scoring reads up to three chunks of this size (start, middle, end)
MIN_COMMON_SHARE = 0.80  # below this share of common Han the text is not what the codec says
MIN_PLAUSIBLE = 0.90  # UTF-16 without BOM: share of characters that must look like text
MIN_EVIDENCE = 20  # fewer Han characters than this: scores are noise, trust strict decoding
BINARY_CONTROL_SHARE = 0.01  # text has (almost) no C0 control bytes; binary data ~10%

HAN = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f]"
)

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
        han, common = han_stats(text[: 3 * SAMPLE_CHUNK])
        if han == 0 and not data.isascii():  # non-ASCII bytes that make no Chinese: mojibake
            return None
        if han >= MIN_EVIDENCE and common / han < MIN_COMMON_SHARE:
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
    why_not = "not valid GB18030/Big5 either"
    for neg_share, _, codec, han, common in scored:
        share = -neg_share
        if han >= MIN_EVIDENCE and share < MIN_COMMON_SHARE:  # decodes, but into mojibake
            why_not = f"as {label(codec)} only {share:.0%} of its Han characters are common ones"
            break  # the rest score lower still
        try:
            text = data.decode(codec, "strict")
        except UnicodeDecodeError as e:
            if han >= MIN_EVIDENCE:  # the sample read well: a cut-off end, not another codec
                _raise_if_truncated(e, data, source, label(codec))
            continue
        evidence = min(1.0, han / MIN_EVIDENCE)  # thin evidence lowers confidence
        return Decoded(text, codec, round(share * evidence, 2),
                       f"{label(codec)} (guessed: {share:.0%} of {han:,} sampled Han "
                       "characters are common ones)")
    raise InputError(source, f"mixed or unknown encoding: not valid UTF-8 at byte {utf8_error}, "
                             f"and {why_not}; pass --encoding")


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
    counts = Counter(HAN.findall(text))
    common = common_han()
    return sum(counts.values()), sum(n for ch, n in counts.items() if ch in common)


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
