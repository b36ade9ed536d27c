"""The gutter between the panes: a band joins each shared passage on the left to its counterpart.

As side-by-side diff tools draw them: only passages visible on either side are drawn, each
band from its span's top and bottom in one pane to those of its counterpart in the other,
in the passage's colour, the active (or hovered) one stronger.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from duidu.ui.marks import ACTIVE

WIDTH = 44
MAX_BANDS = 400  # enough for any screenful; keeps a paint cheap in pathological pairs


class ConnectorGutter(QWidget):
    def __init__(self, pane_a, pane_b, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pane_a, self.pane_b = pane_a, pane_b
        self.setFixedWidth(WIDTH)
        self.setAccessibleName(self.tr("Connector bands between the panes"))
        self.active = -1
        self.hovered = -1
        self.band_count = 0  # bands drawn by the last paint (tests and benchmarks read it)

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, 200)

    def _y_range(self, pane, start: int, end: int) -> tuple[float, float]:
        edit = pane.edit
        c = edit.textCursor()
        c.setPosition(start)
        top = edit.cursorRect(c).top()
        c.setPosition(max(start, end - 1))
        bottom = edit.cursorRect(c).bottom()
        origin = self.mapFromGlobal(edit.viewport().mapToGlobal(QPoint(0, 0))).y()
        return origin + top, origin + bottom

    def visible_passages(self) -> dict[int, tuple]:
        """passage index -> (A mark, B mark) for passages visible in either pane."""
        a = {m.passage: m for m in self.pane_a.marks_between("passages", self.pane_a.top_qt(), self.pane_a.bottom_qt())}
        b = {m.passage: m for m in self.pane_b.marks_between("passages", self.pane_b.top_qt(), self.pane_b.bottom_qt())}
        every_a = self.pane_a.marks_by_passage("passages")
        every_b = self.pane_b.marks_by_passage("passages")
        out = {}
        for n in list(a) + [n for n in b if n not in a]:
            if n in every_a and n in every_b:
                out[n] = (every_a[n], every_b[n])
            if len(out) >= MAX_BANDS:
                break
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)  # no antialiasing: bands are many and move with every scroll
        h, w = self.height(), float(self.width())
        hues = self.pane_a.theme.hues
        drawn = 0
        for n, (ma, mb) in self.visible_passages().items():
            a0, a1 = self._y_range(self.pane_a, ma.start, ma.end)
            b0, b1 = self._y_range(self.pane_b, mb.start, mb.end)
            if max(a1, b1) < -h or min(a0, b0) > 2 * h:
                continue
            strong = n in (self.active, self.hovered)
            color = QColor(hues[ma.kind])
            color.setAlpha(170 if strong else 70)
            edge = QColor(hues[ACTIVE]) if n == self.active else color.darker(160)  # focus: its own colour
            path = QPainterPath(QPointF(0, a0))
            path.cubicTo(QPointF(w / 2, a0), QPointF(w / 2, b0), QPointF(w, b0))
            path.lineTo(QPointF(w, b1))
            path.cubicTo(QPointF(w / 2, b1), QPointF(w / 2, a1), QPointF(0, a1))
            path.closeSubpath()
            p.fillPath(path, color)
            if strong:
                p.setRenderHint(QPainter.RenderHint.Antialiasing)  # the one band in focus is drawn smooth
                p.setPen(QPen(edge, 2.5 if n == self.active else 1.2))
                p.drawPath(path)
                p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            drawn += 1
        self.band_count = drawn
        p.end()
