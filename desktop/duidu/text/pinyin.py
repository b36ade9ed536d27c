"""Inline pinyin readings: ``網(wǎng)`` -> ``網``.

Some web pages print a reading after characters, ``中新網(wǎng)四川``; copied as text the readings
become part of the words. A reading is recognised narrowly, so real parentheses survive:

* it directly follows a Han character (no space between);
* it is wrapped in ASCII ``( )`` or full-width ``（ ）`` parentheses;
* its content is one to seven Latin letters only, at least one of them a tone-marked vowel
  (``āáǎà ēéěè īíǐì ōóǒò ūúǔù ǖǘǚǜ ü`` or ``ńňǹḿ``).

So ``(王爵 王林)``, ``(園)``, ``(2023—2027年)`` and ``(STEM)`` all stay. Nothing else in the text
is touched (no Unicode normalisation: NFC/NFKC would rewrite CJK compatibility ideographs).
"""

from __future__ import annotations

import re

from .chars import HAN_RANGES
from .offsets import OffsetMap, OffsetMapBuilder

# Vowels (and syllabic nasals) that carry a tone mark, both cases. ü counts: it only occurs in
# pinyin, never in the plain ASCII words that may legitimately follow a Han character.
TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
TONE_MARKED += TONE_MARKED.upper()
# Letters a reading may consist of.
READING_LETTERS = "A-Za-z" + TONE_MARKED + "ê" + "Ê"
MAX_READING_LETTERS = 7

# What a reading may follow: a Han character (duidu.text.chars) or 〇 (U+3007, the
# ideographic zero of "二〇二四", which is not in the Han blocks but is read like one).
READING_BASE = HAN_RANGES + "\u3007"

_N = MAX_READING_LETTERS
_READING = re.compile(
    rf"(?<=[{READING_BASE}])"
    # ( ... ) or （ ... ）: a tone mark somewhere inside, then only letters up to the closer.
    rf"(?:\((?=[^)]{{0,{_N}}}[{TONE_MARKED}])[{READING_LETTERS}]{{1,{_N}}}\)"
    rf"|（(?=[^）]{{0,{_N}}}[{TONE_MARKED}])[{READING_LETTERS}]{{1,{_N}}}）)"
)


def find_readings(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every inline reading (parentheses included), in order."""
    return [m.span() for m in _READING.finditer(text)]


def strip_readings(text: str) -> tuple[str, OffsetMap, int]:
    """``text`` without its readings, the map ``text -> result`` and how many were removed.

    Each removed reading is one atomic deletion in the map; everything else is kept linear.
    """
    builder = OffsetMapBuilder()
    parts: list[str] = []
    pos = 0
    count = 0
    for m in _READING.finditer(text):
        start, end = m.span()
        parts.append(text[pos:start])
        builder.keep(start - pos)
        builder.delete(end - start)
        pos = end
        count += 1
    if not count:
        return text, OffsetMap.identity(len(text)), 0
    parts.append(text[pos:])
    builder.keep(len(text) - pos)
    return "".join(parts), builder.build(), count
