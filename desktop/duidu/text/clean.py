"""From a decoded body to the reading text: readings removed, furniture marked, structure found.

``clean(body)`` takes plain text (one paragraph per line, LF newlines) and returns a
``CleanText``:

* ``text``: the body with inline pinyin readings (``網(wǎng)``) removed and nothing else changed:
  no normalisation, no whitespace folding, no deleted lines. It is what the library stores and
  what every other offset refers to.
* ``map``: body -> text, one atomic deletion per removed reading, so provenance can point back
  into the decoded file.
* ``excluded``: page furniture (navigation, captions, copyright notice, credits, bylines,
  comment policy, link lists), one range per whole line, sorted and non-overlapping. Marked,
  never deleted.
* ``paragraphs``: every non-blank line, trimmed of surrounding whitespace (U+3000 included).
* ``sentences``: inside each paragraph, split after ``。！？!?；;`` and ``……`` with any closing
  quotes/brackets; never across paragraphs.

The work is linear in the length of the body; all patterns are compiled at import.
The pieces live in ``pinyin``, ``furniture`` and ``structure``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .furniture import Excluded, find_furniture
from .offsets import OffsetMap
from .pinyin import strip_readings
from .structure import Sentence, Span, paragraphs as _paragraphs, sentences as _sentences

__all__ = ["CleanText", "Excluded", "Sentence", "Span", "clean"]


@dataclass(frozen=True)
class CleanText:
    text: str  # the reading text = what the library stores and every offset refers to
    map: OffsetMap  # body -> text (so provenance can point back into the decoded file)
    pinyin_removed: int  # how many inline readings were removed
    excluded: tuple[Excluded, ...]  # page furniture in `text`, whole lines, sorted, non-overlapping
    paragraphs: tuple[Span, ...]  # every non-blank line, trimmed of surrounding whitespace
    sentences: tuple[Sentence, ...]



def clean(body: str) -> CleanText:
    """The reading text of ``body`` with its map, furniture, paragraphs and sentences."""
    text, mapping, removed = strip_readings(body)
    paras = _paragraphs(text)
    return CleanText(
        text=text,
        map=mapping,
        pinyin_removed=removed,
        excluded=tuple(find_furniture(text, paras)),
        paragraphs=tuple(paras),
        sentences=tuple(_sentences(text, paras)),
    )
