"""An edge under a code's underline where its colour hardly stands out from the page.

A coded passage is underlined in its code's colour (the highlighter's char format), 1 px. A
dark-navy code on the dark theme's page (or a pale yellow one on the light theme's) then all
but vanishes. Changing the colour would make two codes look alike, so, as the margin stripes
do, the underline keeps its colour and gets a line in the text colour just below it.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette, QPen

from duidu.ui.colours import contrast

LEGIBLE = 3.0  # WCAG's contrast for lines and marks against what is next to them
EDGE_ALPHA = 150  # the text colour, softened: a line that shows without shouting


def faint_on(colour: str, page: str) -> bool:
    """Whether ``colour`` stands out from ``page`` by less than ``LEGIBLE``."""
    return contrast(colour, page) < LEGIBLE


def _x(line, pos: int) -> float:
    x = line.cursorToX(pos)
    return x[0] if isinstance(x, tuple) else x


def paint_edges(edit, spans) -> int:
    """Draw the edge under each faint code underline in the visible part of ``edit`` (a
    QPlainTextEdit); ``spans`` are (Qt start, Qt end, colour). Returns the pieces drawn."""
    palette = edit.palette()
    page = palette.color(QPalette.ColorRole.Base).name()
    faint = [(s, e) for s, e, c in spans if c and faint_on(c, page)]
    if not faint:
        return 0
    edge = QColor(palette.color(QPalette.ColorRole.Text))
    edge.setAlpha(EDGE_ALPHA)
    painter = QPainter(edit.viewport())
    painter.setPen(QPen(edge, 1))
    offset = edit.contentOffset()
    bottom = edit.viewport().height()
    drawn = 0
    block = edit.firstVisibleBlock()
    while block.isValid():
        top = edit.blockBoundingGeometry(block).translated(offset).top()
        if top > bottom:
            break
        start, end = block.position(), block.position() + block.length()
        layout = block.layout()
        for s, e in faint:
            if e <= start or s >= end:
                continue
            for n in range(layout.lineCount()):
                line = layout.lineAt(n)
                a = max(s - start, line.textStart())
                b = min(e - start, line.textStart() + line.textLength())
                if a >= b:
                    continue
                # Below the underline Qt draws (baseline + the font's underline position).
                fm = QFontMetricsF(edit.font())
                y = top + line.y() + line.ascent() + fm.underlinePos() + 1.5
                painter.drawLine(QLineF(_x(line, a), y, _x(line, b), y))
                drawn += 1
        block = block.next()
    painter.end()
    return drawn
