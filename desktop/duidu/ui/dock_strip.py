"""Side docks that fold to a narrow strip, so the two texts get the room on a laptop screen.

A folded dock keeps its place and shows only a strip with its title written down the side
and a button to unfold it (as IDEs fold their tool windows). The window narrows its docks, or
folds them, by itself while a pane would show fewer than ``READABLE`` characters a line, until
the reader folds or unfolds one by hand (remembered in the settings).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

STRIP = 26  # pixels: a folded dock's width
READABLE = 24  # characters a line each pane should show at the default size


class _VerticalTitle(QWidget):
    """The dock's title written top to bottom (CJK stands upright, as in vertical print)."""

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.text = text
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def _upright(self) -> bool:
        return any(ord(ch) > 0x2E80 for ch in self.text)  # Han stands upright; Latin runs turned a quarter

    def sizeHint(self) -> QSize:
        m = QFontMetrics(self.font())
        length = m.height() * len(self.text) if self._upright() else m.horizontalAdvance(self.text)
        return QSize(STRIP, length + 8)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        m = painter.fontMetrics()
        if self._upright():
            y = 4
            for ch in self.text:
                painter.drawText(0, y, self.width(), m.height(), Qt.AlignmentFlag.AlignHCenter, ch)
                y += m.height()
        else:
            painter.translate(self.width() / 2 + m.ascent() / 2 - 1, 4)
            painter.rotate(90)
            painter.drawText(0, 0, self.text)
        painter.end()


class FoldingDock(QDockWidget):
    folded = Signal(bool)  # by the reader's hand (the button), not by the window fitting itself

    def __init__(self, title: str, widget: QWidget, parent: QWidget) -> None:
        super().__init__(title, parent)
        self._widget = widget
        self.is_folded = False
        self._width = 0  # the unfolded width to go back to
        body = QWidget(self)
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.strip = QWidget(body)
        strip = QVBoxLayout(self.strip)
        strip.setContentsMargins(0, 2, 0, 2)
        self.unfold_button = QToolButton(self.strip)
        self.unfold_button.setAutoRaise(True)
        self.unfold_button.setToolTip(self.tr("Show %1").replace("%1", title))
        self.unfold_button.setAccessibleName(self.unfold_button.toolTip())
        self.unfold_button.clicked.connect(lambda: self._by_hand(False))
        strip.addWidget(self.unfold_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.strip_title = _VerticalTitle(title, self.strip)
        strip.addWidget(self.strip_title, 1)
        self.strip.setFixedWidth(STRIP)
        self.strip.hide()
        row.addWidget(self.strip)
        row.addWidget(widget, 1)
        self.setWidget(body)
        # The title bar: the title and a button that folds the dock to its strip.
        bar = QWidget(self)
        line = QHBoxLayout(bar)
        line.setContentsMargins(4, 1, 2, 1)
        self.title_label = QLabel(title, bar)
        self.fold_button = QToolButton(bar)
        self.fold_button.setAutoRaise(True)
        self.fold_button.setToolTip(self.tr("Fold to a strip"))
        self.fold_button.setAccessibleName(self.tr("Fold %1 to a strip").replace("%1", title))
        self.fold_button.clicked.connect(lambda: self._by_hand(True))
        line.addWidget(self.title_label, 1)
        line.addWidget(self.fold_button)
        self.title_bar = bar
        self._no_title = QWidget(self)
        self._no_title.hide()
        self.setTitleBarWidget(bar)
        self._arrows()

    def _arrows(self) -> None:
        left = self.parent() is not None and self.parent().dockWidgetArea(self) == Qt.DockWidgetArea.LeftDockWidgetArea
        self.fold_button.setText("«" if left else "»")
        self.unfold_button.setText("»" if left else "«")

    def _by_hand(self, fold: bool) -> None:
        self.set_folded(fold)
        self.folded.emit(fold)

    def set_folded(self, fold: bool) -> None:
        if fold == self.is_folded:
            return
        self.is_folded = fold
        self._arrows()
        window = self.parent()
        if fold:
            self._width = self.width()
            self._widget.hide()
            self.title_bar.hide()
            self.setTitleBarWidget(self._no_title)  # no title bar: the strip says what it is
            self._no_title.show()
            self.strip.show()
            self.setFixedWidth(STRIP + 2)
        else:
            self.setMinimumWidth(0)
            self.setMaximumWidth(16777215)
            self.strip.hide()
            self._no_title.hide()
            self.setTitleBarWidget(self.title_bar)
            self.title_bar.show()
            self._widget.show()
            if window is not None:
                window.resizeDocks([self], [max(self._width, 240)], Qt.Orientation.Horizontal)
