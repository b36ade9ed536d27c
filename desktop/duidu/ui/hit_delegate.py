"""Paints a search hit in two lines: its document's title, then the match highlighted and kept in view."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from duidu.ui.search_model import HitRole

PADDING = 4
HIGHLIGHT = QColor("#ffe08a")


def _fold(text: str) -> str:
    return " ".join(text.split())


def fit_context(fm: QFontMetrics, before: str, match: str, after: str, width: int) -> tuple[str, str]:
    """``before`` and ``after`` elided so that the match sits in view, centred when both run long."""
    room = max(0, width - fm.horizontalAdvance(match))
    after_w = fm.horizontalAdvance(after)
    left = max(room // 2, room - after_w)
    before = fm.elidedText(before, Qt.TextElideMode.ElideLeft, left) if fm.horizontalAdvance(before) > left else before
    right = max(0, room - fm.horizontalAdvance(before))
    return before, fm.elidedText(after, Qt.TextElideMode.ElideRight, right)


class HitDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(200, 2 * line + 3 * PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = opt.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        fm = QFontMetrics(opt.font)
        line = fm.lineSpacing()

        painter.save()
        title_font = QFont(opt.font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(opt.palette.color(text_role))
        title = QFontMetrics(title_font).elidedText(_fold(index.data(HitRole.Title) or ""), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)

        painter.setFont(opt.font)
        match = _fold(index.data(HitRole.Match) or "")
        before, after = fit_context(fm, _fold(index.data(HitRole.Before) or ""), match,
                                    _fold(index.data(HitRole.After) or ""), rect.width())
        y = rect.top() + line + PADDING
        x = rect.left()
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for part, marked in ((before, False), (match, True), (after, False)):
            w = fm.horizontalAdvance(part)
            box = QRect(x, y, w, line)
            if marked:
                painter.fillRect(box, HIGHLIGHT)
                painter.setPen(QColor("black"))
            else:
                painter.setPen(opt.palette.color(text_role))
            painter.drawText(box, flags, part)
            x += w
        painter.restore()
