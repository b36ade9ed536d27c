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

from .offsets import OffsetMap, replacing_map

_CRLF = re.compile("\r\n")


def normalise_line_ends(text: str) -> tuple[str, OffsetMap]:
    """``text`` with "\\r\\n" and "\\r" turned into "\\n", and the map text -> normalised."""
    return text.replace("\r\n", "\n").replace("\r", "\n"), replacing_map(text, _CRLF, 1)
