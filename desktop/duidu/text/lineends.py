"""Line ends made "\\n", with a map from the original's code points to the normalised text.

Duidu stores text with "\\n" line ends only. Text from elsewhere -- a Windows file, a source
inside a REFI-QDA package written by another program -- may carry "\\r\\n" (or a lone "\\r"),
and positions counted in it count "\\r\\n" as two characters. ``normalise_line_ends`` returns
the "\\n" text and an ``OffsetMap`` so such positions land on the same characters: each
"\\r\\n" is one indivisible segment (two characters to one; a span edge between the "\\r" and
the "\\n" widens to the whole line end), a lone "\\r" becomes "\\n" one for one.
"""

from __future__ import annotations

import re

from .offsets import OffsetMap, OffsetMapBuilder

_CRLF = re.compile("\r\n")


def normalise_line_ends(text: str) -> tuple[str, OffsetMap]:
    """``text`` with "\\r\\n" and "\\r" turned into "\\n", and the map text -> normalised."""
    b = OffsetMapBuilder()
    pos = 0
    for m in _CRLF.finditer(text):
        b.keep(m.start() - pos)
        b.replace(2, 1)
        pos = m.end()
    b.keep(len(text) - pos)
    return text.replace("\r\n", "\n").replace("\r", "\n"), b.build()
