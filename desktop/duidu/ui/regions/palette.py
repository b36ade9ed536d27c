"""Viridis, the colour-blind-safe sequential palette (matplotlib's; perceptually even, readable
in grey): a cell's colour says how often, a region's colour tells nodes apart."""

from __future__ import annotations

from PySide6.QtGui import QColor

# Viridis at nine even stops (matplotlib's table, 0 → 1).
_VIRIDIS = ((68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
            (31, 158, 137), (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37))
EMPTY = QColor(246, 246, 246)  # no mention: paper, not the palette's dark end


def viridis(t: float) -> QColor:
    """The colour at ``t`` in 0..1 (clamped), interpolated between the stops."""
    t = min(1.0, max(0.0, t)) * (len(_VIRIDIS) - 1)
    i = min(int(t), len(_VIRIDIS) - 2)
    f = t - i
    a, b = _VIRIDIS[i], _VIRIDIS[i + 1]
    return QColor(*(round(a[k] + (b[k] - a[k]) * f) for k in range(3)))


def text_on(colour: QColor) -> QColor:
    """Black or white, whichever reads on ``colour``."""
    return QColor(0, 0, 0) if colour.lightnessF() > 0.55 else QColor(255, 255, 255)


def category(n: int, of: int) -> QColor:
    """The ``n``-th of ``of`` distinct colours (regions in the network), spread along the palette."""
    return viridis(n / max(1, of - 1) * 0.92)
