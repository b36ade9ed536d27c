"""Starts the desktop app: the QApplication, the library, the main window (or a screenshot of it)."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from duidu import __version__
from duidu.ui.main_window import MainWindow

WINDOW_SIZE = (1600, 1000)
DESKTOP_FILE_NAME = "io.github.duidu.Duidu"


def _application(argv: list[str]) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv)
    app.setApplicationName("Duidu")
    app.setApplicationDisplayName("对读 Duidu")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Duidu")
    app.setOrganizationDomain("duidu.github.io")
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    return app


def save_screenshot(window: MainWindow, path: str) -> None:
    """Render the window at its logical size (1 image pixel per window pixel, whatever the DPR)."""
    app = QApplication.instance()
    for _ in range(3):  # let layout and the header's size-to-contents settle
        app.processEvents()
    image = QImage(window.size(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    window.render(image)
    if not image.save(path, "PNG"):
        raise OSError(f"could not write screenshot to {path}")


def run(argv: list[str] | None = None, *, library_path: str | None = None, screenshot: str | None = None) -> int:
    """Open the library in the main window; with ``screenshot``, save a PNG of it and return."""
    if screenshot and QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed for a picture
    app = _application(list(sys.argv if argv is None else argv))

    # Deferred so `import duidu.ui.app` stays cheap; the library opens SQLite and may seed.
    from duidu.library.errors import InputError
    from duidu.library.store import Library

    try:
        library = Library.open(library_path)
    except InputError as exc:
        print(f"duidu: {exc}", file=sys.stderr)
        if not screenshot:
            QMessageBox.critical(None, "对读 Duidu", f"Cannot open the library:\n{exc}")
        return 1
    try:
        window = MainWindow(library.documents())
        window.resize(*WINDOW_SIZE)
        window.show()
        if screenshot:
            save_screenshot(window, screenshot)
            window.close()
            return 0
        return app.exec()
    finally:
        library.close()
