"""The find bar under a text (a document pane, the user guide): a box, a count, a close button.

Enter steps to the next hit and Shift+Enter to the previous one; Esc or ✕ closes the bar. What
to search and how to show the hits is the owner's: it listens to ``step`` and ``closed``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    step = Signal(int)  # +1 next hit, -1 previous
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QLineEdit(self)
        self.box.setClearButtonEnabled(True)
        self.box.returnPressed.connect(lambda: self.step.emit(+1))
        self.status = QLabel(self)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAccessibleName(self.tr("Close find bar"))
        self.close_button.clicked.connect(self.closed)
        for keys, slot in ((QKeySequence("Shift+Return"), lambda: self.step.emit(-1)),
                           (QKeySequence(Qt.Key.Key_Escape), self.closed.emit)):  # Esc closes the bar, not a window
            action = QAction(self.box)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.box.addAction(action)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 1)
        row.addWidget(self.status)
        row.addWidget(self.close_button)
        self.hide()

    def open(self) -> None:
        """Show the bar with its text selected, ready to be typed over."""
        self.show()
        self.box.setFocus()
        self.box.selectAll()
