"""The overview ruler beside a pane: where in the whole document the shared passages lie.

Marks are drawn at their share of the document's length (paragraphs wrap at one width, so
characters stand in well for height); the visible part is framed; a click scrolls there.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

from duidu.ui.marks import Mark

WIDTH = 14


class OverviewRuler(QWidget):
    jumpRequested = Signal(float)  # 0..1 of the document

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Where shared passages lie (click to go there)"))
        self.setAccessibleName(self.tr("Overview ruler"))
        self._length = 1
        self._marks: list[tuple[float, float, QColor]] = []
        self._visible = (0.0, 0.0)
        self._cache: QPixmap | None = None  # the marks drawn once per change or resize, not per scroll

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, 200)

    def set_marks(self, length: int, marks: list[Mark], colors: dict[str, QColor]) -> None:
        self._length = max(1, length)
        self._marks = [(m.start / self._length, m.end / self._length, colors[m.kind]) for m in marks if m.kind in colors]
        self._cache = None
        self.update()

    def set_visible_range(self, start: int, end: int) -> None:
        self._visible = (start / self._length, end / self._length)
        self.update()

    def mark_count(self) -> int:
        return len(self._marks)

    def _render(self) -> QPixmap:
        """One run of rows per colour: thousands of marks become at most a few hundred rectangles."""
        h = max(1, self.height())
        pixmap = QPixmap(WIDTH, h)
        pixmap.fill(self.palette().alternateBase().color())
        rows: list[QColor | None] = [None] * h
        for s, e, color in self._marks:
            y0 = min(h - 1, int(s * h))
            for y in range(y0, min(h, max(y0 + 2, int(e * h) + 1))):
                rows[y] = color
        p = QPainter(pixmap)
        y = 0
        while y < h:
            color, start = rows[y], y
            while y < h and rows[y] is color:
                y += 1
            if color is not None:
                p.fillRect(QRectF(2, start, WIDTH - 4, y - start), color)
        p.end()
        return pixmap

    def resizeEvent(self, event) -> None:
        self._cache = None
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._cache is None or self._cache.height() != max(1, self.height()):
            self._cache = self._render()
        p = QPainter(self)
        h = self.height()
        p.drawPixmap(0, 0, self._cache)
        v0, v1 = self._visible
        frame = self.palette().text().color()
        frame.setAlpha(110)
        p.setPen(frame)
        p.drawRect(QRectF(0.5, v0 * h, WIDTH - 1.0, max(3.0, (v1 - v0) * h)))
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.height() > 0:
            self.jumpRequested.emit(max(0.0, min(1.0, event.position().y() / self.height())))
