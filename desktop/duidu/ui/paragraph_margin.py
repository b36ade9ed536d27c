"""Paragraph numbers in a pane's margin: the ¶ numbers citations, notes and reports give.

Drawn beside the first line of each paragraph (as a code editor draws line numbers), in the
stored text's count of non-blank lines — ``DocumentPane.paragraph_of`` and the report's ¶ use
the same — so "¶7" in a report is found by looking at the margin. Headings are counted too.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QPlainTextEdit, QWidget

PADDING = 6  # pixels either side of the number
STRIPE = 3  # a code's stripe: pixels wide, one lane per overlapping note (as MAXQDA and NVivo draw codes)
LANES = 4  # at most this many stripes side by side; more overlapping notes share the last lane


class ParagraphMargin(QWidget):
    def __init__(self, edit: QPlainTextEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        self.numbers: dict[int, int] = {}  # Qt block number -> paragraph number (from 1)
        self.stripes: list[tuple[int, int, str, int]] = []  # (Qt start, Qt end, colour, lane) of each coded passage
        self.setAccessibleName(self.tr("Paragraph numbers"))
        edit.updateRequest.connect(self._update)
        edit.blockCountChanged.connect(lambda _: self.fit())
        self.fit()

    def set_numbers(self, numbers: dict[int, int]) -> None:
        self.numbers = numbers
        self.fit()
        self.update()

    def set_stripes(self, spans: list[tuple[int, int, str]]) -> None:
        """The coded passages (Qt spans, their code's colour): each in the first lane free at its start."""
        from duidu.ui.code_underline import lanes

        self.stripes = lanes(spans, LANES)
        self.fit()
        self.update()

    def lanes(self) -> int:
        return min(LANES, 1 + max((s[3] for s in self.stripes), default=-1))

    def _font(self) -> QFont:
        font = QFont(self.edit.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.62))
        return font

    def width_needed(self) -> int:
        digits = len(str(max(self.numbers.values(), default=99)))
        return self.fontMetrics().horizontalAdvance("9" * max(2, digits)) + 2 * PADDING + (STRIPE + 1) * self.lanes()

    def sizeHint(self) -> QSize:
        return QSize(self.width_needed(), 0)

    def fit(self) -> None:
        """Make room left of the text and sit in it."""
        self.setFont(self._font())
        width = self.width_needed()
        self.edit.setViewportMargins(width, 0, 0, 0)
        rect = self.edit.contentsRect()
        self.setGeometry(QRect(rect.left(), rect.top(), width, rect.height()))

    def _update(self, rect, dy: int) -> None:
        if dy:
            self.scroll(0, dy)
        else:
            self.update(0, rect.y(), self.width(), rect.height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        palette = self.edit.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.Window))
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        edit = self.edit
        block = edit.firstVisibleBlock()
        offset = edit.contentOffset()
        bottom_limit = event.rect().bottom()
        line_height = self.fontMetrics().height()
        while block.isValid():
            geometry = edit.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom_limit:
                break
            number = self.numbers.get(block.blockNumber())
            if number is not None and block.isVisible():
                layout = block.layout()
                first = layout.lineAt(0) if layout is not None and layout.lineCount() else None
                # On the first line's baseline, so a small number sits level with the text it numbers.
                baseline = geometry.top() + (first.y() + first.ascent() if first is not None else self.fontMetrics().ascent())
                top = round(baseline - self.fontMetrics().ascent())
                painter.drawText(QRect(0, top, self.width() - PADDING - (STRIPE + 1) * self.lanes(), line_height),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, str(number))
            block = block.next()
        self._paint_stripes(painter, event.rect())
        painter.end()

    def _paint_stripes(self, painter: QPainter, area) -> None:
        if not self.stripes:
            return
        from PySide6.QtGui import QColor, QTextCursor

        edit = self.edit
        top_pos = edit.cursorForPosition(edit.viewport().rect().topLeft()).position()
        bottom_pos = edit.cursorForPosition(edit.viewport().rect().bottomRight()).position()
        cursor = QTextCursor(edit.document())
        right = self.width() - 2
        # A stripe whose colour hardly stands out from the margin (navy on the dark theme's, pale
        # yellow on the light one's) is edged in a legible shade of its own hue, never grey (a grey
        # edge read as a grey line, not as the code): code_underline.bar_colours, as under the text.
        from duidu.ui.code_underline import bar_colours

        ground = self.edit.palette().color(QPalette.ColorRole.Window).name()  # what paintEvent fills
        for start, end, colour, lane in self.stripes:
            if end < top_pos or start > bottom_pos:
                continue
            cursor.setPosition(max(start, top_pos))
            y0 = edit.cursorRect(cursor).top() if start >= top_pos else 0
            cursor.setPosition(max(start, min(end - 1, bottom_pos)))
            y1 = edit.cursorRect(cursor).bottom() if end - 1 <= bottom_pos else self.height()
            x = right - (lane + 1) * (STRIPE + 1)
            body, edge = bar_colours(colour, ground)
            if edge is not None:
                painter.fillRect(QRect(x - 1, y0 - 1, STRIPE + 2, max(2, y1 - y0) + 2), QColor(edge))
            painter.fillRect(QRect(x, y0, STRIPE, max(2, y1 - y0)), QColor(body))
