"""Where a line of Chinese must not break, beyond what the Unicode rules already forbid.

Qt breaks lines by UAX #14: never before 。，、”》）, never after “《（, never inside 2026 or 1.5.
But UAX #14 allows a break between a number and the Han character after it (NU ÷ ID), so
a reader could see "项目92" end one line and "个" begin the next, or "教师5000" and "余人".
Chinese typesetting keeps a figure with its unit or measure word (92个, 5000余人, 3届, 1.5亿元):
a WORD JOINER (U+2060, zero width) shown between them forbids that break. It is display only,
inserted through an offset map, never stored. Plain Python (no Qt).
"""

from __future__ import annotations

import re

from duidu.text.chars import HAN_CLASS

JOINER = "\u2060"  # WORD JOINER: no break here, no width, no glyph

# A figure, the approximate-quantity words that follow it (余 多 万 亿 …, and their traditional
# forms 餘 萬 億, which a traditional view shows), and the Han unit after them.
QUANTITY_WORDS = "余餘多万萬亿億千百十"
_FIGURE_UNIT = re.compile(rf"[0-9０-９](?P<modifiers>[{QUANTITY_WORDS}]*)(?={HAN_CLASS})")


def unbreakable_points(text: str) -> list[int]:
    """Positions in ``text`` where a line must not break: after a figure's last digit and after
    each of its quantity words, up to its Han unit ("92|个", "5000|余|人")."""
    points = []
    for m in _FIGURE_UNIT.finditer(text):
        start = m.start("modifiers")
        points.extend(range(start, m.end() + 1))
    return points
