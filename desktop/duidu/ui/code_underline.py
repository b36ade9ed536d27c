"""A coded passage's mark under its text: a bar in its code's colour, edged in a deeper (or, on
the dark theme, lighter) shade of that colour where the colour hardly stands out from the page.

Qt's underline is 1 px: a pale yellow code on the white page, or a navy one on the dark page,
all but vanished, and an edge in the text colour (the last attempt) read as a grey line, not as
the code. The bar keeps the code's own colour (two codes must not come to look alike: the
codebook's colours are chosen apart for every vision) and is 2 px; a faint one gets 1 px of
the same hue made legible (``colours.legible_shade``) below it. Overlapping codes stack, one
lane each, as the margin's stripes do.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette

from duidu.ui.colours import contrast, legible_shade

LEGIBLE = 3.0  # WCAG's contrast for lines and marks against what is next to them
BODY = 2.0  # the bar in the code's colour, pixels
EDGE = 1.0  # its legible shade below, where the code's colour is faint on the page
LANES = 3  # overlapping codes: at most this many bars stacked; more share the last


def faint_on(colour: str, page: str) -> bool:
    """Whether ``colour`` stands out from ``page`` by less than ``LEGIBLE``."""
    return contrast(colour, page) < LEGIBLE


def _x(line, pos: int) -> float:
    x = line.cursorToX(pos)
    return x[0] if isinstance(x, tuple) else x


def lanes(spans, most: int = LANES) -> list[tuple[int, int, str, int]]:
    """(start, end, colour, lane): each span in the first lane free at its start (the margin's
    stripes too); past ``most`` lanes, spans share the last."""
    ends: list[int] = []
    out = []
    for start, end, colour in sorted(spans):
        lane = next((n for n, e in enumerate(ends) if e <= start), len(ends))
        if lane == len(ends):
            ends.append(end)
        else:
            ends[lane] = end
        out.append((start, end, colour, min(lane, most - 1)))
    return out


@lru_cache(maxsize=256)  # called per coded line on every repaint; a faint colour's shade is a search
def bar_colours(colour: str, page: str) -> tuple[str, str | None]:
    """(the bar's colour, its edge's colour or None): what a code's mark is drawn in on ``page``."""
    return colour, (legible_shade(colour, page, LEGIBLE) if faint_on(colour, page) else None)


def paint_edges(edit, spans) -> int:
    """Draw each coded passage's bar in the visible part of ``edit`` (a QPlainTextEdit); ``spans``
    are (Qt start, Qt end, colour). Returns the pieces drawn (a bar on one line is one piece)."""
    marks = [(s, e, c) for s, e, c in spans if c and e > s]
    if not marks:
        return 0
    page = edit.palette().color(QPalette.ColorRole.Base).name()
    painter = QPainter(edit.viewport())
    offset = edit.contentOffset()
    bottom = edit.viewport().height()
    fm = QFontMetricsF(edit.font())
    drawn = 0
    placed = lanes(marks)
    block = edit.firstVisibleBlock()
    while block.isValid():
        top = edit.blockBoundingGeometry(block).translated(offset).top()
        if top > bottom:
            break
        start, end = block.position(), block.position() + block.length()
        layout = block.layout()
        for s, e, colour, lane in placed:
            if e <= start or s >= end:
                continue
            body, edge = bar_colours(colour, page)
            for n in range(layout.lineCount()):
                line = layout.lineAt(n)
                a = max(s - start, line.textStart())
                b = min(e - start, line.textStart() + line.textLength())
                if a >= b:
                    continue
                # Over Qt's own underline (baseline + the font's underline position), one lane a code.
                y = top + line.y() + line.ascent() + fm.underlinePos() - 0.5 + lane * (BODY + EDGE + 1)
                x0, x1 = _x(line, a), _x(line, b)
                painter.fillRect(QRectF(x0, y, x1 - x0, BODY), QColor(body))
                if edge is not None:
                    painter.fillRect(QRectF(x0, y + BODY, x1 - x0, EDGE), QColor(edge))
                drawn += 1
        block = block.next()
    painter.end()
    return drawn
