"""Which characters are Han and which are blank: defined here once for the whole app.

Encoding detection (is this Chinese or mojibake?), the pinyin-reading rule (does a reading
follow a Han character?), the caption rule (is this a person's name?), HTML line joining (is
a line break between two Chinese characters?), the "contains no Chinese" check and paragraph
trimming all ask the same two questions. When each module kept its own character ranges they
drifted apart -- one stopped at Extension F, one left out the compatibility supplement -- so
the same character counted as Chinese in one step and not in the next. Every module now takes
its answer from here; a module that needs more (HTML's "wide" characters also include CJK
punctuation and full-width forms) adds to these sets instead of redefining them.

This is part of the text layer and imports nothing from the rest of Duidu.
"""

from __future__ import annotations

import re

# The Han character ranges: (first, last, Unicode block). Unassigned gaps between the astral
# extensions are left out.
HAN_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x3400, 0x4DBF, "CJK Unified Ideographs Extension A"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"),
    (0xF900, 0xFAFF, "CJK Compatibility Ideographs"),
    (0x20000, 0x2A6DF, "CJK Unified Ideographs Extension B"),
    (0x2A700, 0x2EE5F, "CJK Unified Ideographs Extensions C, D, E, F and I"),
    (0x2F800, 0x2FA1F, "CJK Compatibility Ideographs Supplement"),
    (0x30000, 0x323AF, "CJK Unified Ideographs Extensions G and H"),
)

# The same ranges as the inside of a regex character class (first-last pairs, no brackets),
# to combine with other characters: f"[{HAN_RANGES}·]".
HAN_RANGES = "".join(f"{chr(first)}-{chr(last)}" for first, last, _ in HAN_BLOCKS)
HAN_CLASS = f"[{HAN_RANGES}]"
HAN = re.compile(HAN_CLASS)  # one Han character
HAN_RUN = re.compile(HAN_CLASS + "+")  # a run of them

# Whitespace around and between paragraphs and sentences: ASCII whitespace, NBSP, the Unicode
# space separators including the ideographic space U+3000, line/paragraph separators, and the
# zero-width space and a stray BOM (U+FEFF), which copied web text is full of.
WHITESPACE = (
    " \t\r\n\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
)
WHITESPACE_SET = frozenset(WHITESPACE)


# What a one-line field (a title, a region) must not carry: control characters (newlines, the
# ESC that starts a terminal escape sequence, C1 controls), line/paragraph separators and the
# bidirectional overrides and isolates that reorder what a terminal or a list shows.
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+")


def one_line_text(text: str) -> str:
    """``text`` as one printable line: each run of controls and separators becomes one space,
    the ends trimmed (a title with a newline or an ANSI escape is shown harmlessly)."""
    return _NOT_ONE_LINE.sub(" ", text).strip() if text else text


def is_han(ch: str) -> bool:
    """True for one Han character (unified or compatibility ideograph, any extension)."""
    return HAN.fullmatch(ch) is not None


def has_han(text: str) -> bool:
    return HAN.search(text) is not None


def count_han(text: str) -> int:
    """Number of Han characters in ``text`` (fast: runs are removed, not listed one by one)."""
    return len(text) - len(HAN_RUN.sub("", text))


def is_blank(text: str) -> bool:
    """True if ``text`` is empty or made only of WHITESPACE."""
    return not text.strip(WHITESPACE)
