"""The main window: for now, the library's documents in a sortable table (the reader comes later)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from duidu.ui.library_model import LibraryModel, LibrarySortProxy

WINDOW_TITLE = "对读 Duidu"
NO_CJK_FONT_MESSAGE = (
    "No font with Chinese characters is installed, so Chinese text shows as boxes. "
    "On Debian/Ubuntu: sudo apt install fonts-noto-cjk — then restart Duidu."
)


def has_chinese_font() -> bool:
    """True if any installed font covers Simplified Chinese (needs a QGuiApplication)."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


class MainWindow(QMainWindow):
    """Lists the documents; ``chinese_font`` None means: look at the installed fonts."""

    def __init__(self, documents: Sequence[Any], *, chinese_font: bool | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(WINDOW_TITLE)

        self.model = LibraryModel(documents, self)
        self.proxy = LibrarySortProxy(self)
        self.proxy.setSourceModel(self.model)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        # Shown only when Chinese would render as boxes: the one thing a user must fix first.
        self.font_banner = QLabel(NO_CJK_FONT_MESSAGE, self)
        self.font_banner.setWordWrap(True)
        self.font_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.font_banner.setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 8px; }")

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.font_banner)
        layout.addWidget(self.table)
        self.setCentralWidget(central)

        ok = has_chinese_font() if chinese_font is None else chinese_font
        self.font_banner.setVisible(not ok)
        n = self.model.rowCount()
        self.statusBar().showMessage(f"{n} 篇文档 · {n} documents")
