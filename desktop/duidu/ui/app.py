"""Starts the desktop app: the QApplication, the library, the main window (or a screenshot of it); a report's PDF."""

from __future__ import annotations

import os
import sys
import tempfile
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt, QTimer, qFormatLogMessage, qInstallMessageHandler
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from duidu import __version__
from duidu.paths import resource_path

if TYPE_CHECKING:
    from duidu.ui.main_window import MainWindow

WINDOW_SIZE = (1600, 1000)
DESKTOP_FILE_NAME = "io.github.duidu.Duidu"


# Qt warnings that say nothing a user can act on: the offscreen platform (screenshots) has no
# window manager to pass a window's size hints to.
_HARMLESS = frozenset({"This plugin does not support propagateSizeHints()"})
_DISPLAY_PLATFORMS = {"xcb": ("DISPLAY",), "wayland": ("WAYLAND_DISPLAY",)}


def no_display() -> str | None:
    """Why the window cannot open here: on Linux, Qt set to draw on X or Wayland (the default)
    with no display to draw on. Checked before Qt would abort the process; None when it can."""
    if not sys.platform.startswith("linux"):
        return None
    chosen = [p.split(":")[0].strip() for p in os.environ.get("QT_QPA_PLATFORM", "").split(";") if p.strip()]
    needs = set()
    for platform in chosen or ["xcb", "wayland"]:
        kind = "wayland" if platform.startswith("wayland") else platform
        if kind not in _DISPLAY_PLATFORMS:
            return None  # offscreen, vnc, eglfs…: no display needed
        if any(os.environ.get(var) for var in _DISPLAY_PLATFORMS[kind]):
            return None
        needs.update(_DISPLAY_PLATFORMS[kind])
    return (f"no display to show the window on ({' and '.join(sorted(needs))} not set): run it in a desktop session, "
            "under a virtual X server (xvfb-run -a duidu), or save a picture of the window without one "
            "(duidu gui --screenshot FILE.png)")


def _quiet_known_warnings() -> None:
    """Pass Qt's messages on as Qt would print them, less the known-harmless ones."""
    def handler(mode, context, message):
        if message not in _HARMLESS:
            sys.stderr.write(qFormatLogMessage(mode, context, message) + "\n")

    qInstallMessageHandler(handler)


def _application(argv: list[str]) -> QApplication:
    app = QApplication.instance()
    if app is None:
        _quiet_known_warnings()
        app = QApplication(argv)
    app.setApplicationName("Duidu")
    app.setApplicationDisplayName("对读 Duidu")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Duidu")
    app.setOrganizationDomain("duidu.github.io")
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    icon = QIcon()  # the PNGs rendered from the SVG (resources/icons/hicolor, also what packaging/ installs)
    for size in ("48x48", "128x128", "256x256"):
        icon.addFile(str(resource_path("icons", "hicolor", size, "apps", f"{DESKTOP_FILE_NAME}.png")))
    app.setWindowIcon(icon)
    return app


def write_pdf(html: str, path, *, script: str | None = None) -> int:
    """A report as an A4 PDF, laid out and painted by Qt (``duidu report --pdf``): with the
    window, the command line's one way into the Qt face. Returns the page count."""
    from duidu.ui.pdf import write_pdf as write

    return write(html, path, script=script)


def save_screenshot(window: MainWindow, path: str) -> None:
    """Render the window at its logical size (1 image pixel per window pixel, whatever the DPR)."""
    app = QApplication.instance()
    for _ in range(3):  # let layout and the header's size-to-contents settle
        app.processEvents()
        window.measures_panel.settle()  # not 60 ms later, when the picture is taken
    image = QImage(window.size(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    window.render(image)
    if not image.save(path, "PNG"):
        raise OSError(f"could not write screenshot to {path}")


def wait_for_tasks(window: MainWindow, timeout_ms: int = 120000) -> None:
    """Spin the event loop until the window's background work is done (screenshots, benchmarks)."""
    if not window.tasks.busy():
        QApplication.instance().processEvents()
        if not window.tasks.busy():
            return
    loop = QEventLoop()
    window.tasks.idle.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    if window.tasks.busy():
        loop.exec()
    window.tasks.idle.disconnect(loop.quit)


_windows: list[MainWindow] = []  # the window in use (a language switch replaces it)


def open_window(path, documents, settings, history=None) -> MainWindow:
    """A main window in the settings' language, which a language change replaces by a new one."""
    from duidu.ui import i18n
    from duidu.ui.main_window import MainWindow  # here, not at the top: a PDF needs no window

    i18n.install(settings.language)
    window = MainWindow(path, documents, settings=settings, history=history)
    window.languageChanged.connect(lambda: _relaunch(window))
    _windows[:] = [window]
    return window


def _relaunch(old: MainWindow) -> MainWindow:
    """The interface in another language without restarting: a new window on the same library,
    pair, scripts, layout and places in both panes; the old one closes (saving its state as on quit)."""
    geometry, state, places = old.saveGeometry(), old.saveState(), old.reader.places()
    old.settings.save_window_state(geometry, state)
    new = open_window(old.library_path, old.documents, old.settings, history=old.notes_ui.notes.undo_stack)
    new.restoreGeometry(geometry)
    new.restoreState(state)
    new.show()
    new.open_initial()
    new.reader.return_to(places)
    old.close()
    return new


def current_window() -> MainWindow | None:
    return _windows[0] if _windows else None


def run(argv: list[str] | None = None, *, library_path: str | None = None, screenshot: str | None = None,
        compare: tuple[str, str] | None = None, script: str | None = None, select: int | None = None,
        language: str | None = None, files=(), regions: list[str] | None = None,
        regions_tab: str | None = None) -> int:
    """Open the library in the main window; with ``screenshot``, save a PNG of it and return.

    ``compare`` names two documents (id, file name or title prefix) to open side by side,
    ``script`` the global script, ``select`` the shared passage to focus (1 = the first),
    ``language`` the interface's (zh_CN, zh_TW, en; default: the preference, else the system's);
    ``files`` are imported once the window is up, as if dropped on it; ``regions`` names the
    documents to show in the region view (issue 12), which then fills most of the window, on
    ``regions_tab`` (measures, targets, network; with ``screenshot``, ``all``: one file a tab).
    """
    if QApplication.instance() is None:
        if screenshot and (not os.environ.get("QT_QPA_PLATFORM") or no_display()):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed for a picture
        elif not screenshot and (reason := no_display()):
            print(f"duidu: {reason}", file=sys.stderr)
            return 1
    app = _application(list(sys.argv if argv is None else argv))

    # Deferred so `import duidu.ui.app` stays cheap; the library opens SQLite and may seed.
    from duidu.library.errors import InputError
    from duidu.library.location import library_path as resolve
    from duidu.library.store import Library
    from duidu.ui.settings import Settings

    path, pair = resolve(library_path), None
    if not path.exists() and not screenshot and compare is None:
        documents, region_ids = [], []  # a first run: the window comes up at once; a worker creates and seeds the library
    else:
        try:
            # The window's workers open their own connections; a backup due is taken on a thread of its own.
            with Library.open(path, background_backup=True) as library:
                pair = None if compare is None else (library.resolve(compare[0]).id, library.resolve(compare[1]).id)
                region_ids = [library.resolve(r).id for r in regions or ()]
                documents = library.documents()
        except InputError as exc:
            print(f"duidu: {exc}", file=sys.stderr)
            if not screenshot:
                QMessageBox.critical(None, "对读 Duidu", f"Cannot open the library:\n{exc}")
            return 1
    scratch = tempfile.TemporaryDirectory() if screenshot else None  # a picture never touches the user's settings
    settings = Settings(os.path.join(scratch.name, "settings.ini") if scratch else None)
    if language is not None:
        settings.language = language
    if settings.theme != "system":
        from duidu.ui.theme import apply_theme

        apply_theme(settings.theme)
    window = open_window(path, documents, settings)
    if screenshot or not window.restored:
        window.resize(*WINDOW_SIZE)
    window.show()
    window.open_initial(pair, script)
    if regions:
        from duidu.ui.regions.hook import open_regions

        open_regions(window, region_ids)
        window.resizeDocks([window.region_dock], [int(window.height() * 0.8)], Qt.Orientation.Vertical)
        if regions_tab in ("targets", "network"):
            from duidu.ui.regions.hook import show_tab

            show_tab(window, regions_tab)
    if files:
        window.importer.import_paths([str(f) for f in files])
    if not screenshot:
        window.offer_recovered()  # notes that could not be saved last time
        return app.exec()
    try:
        if regions:  # each tab once its own data is in: the measures never wait for the network
            from duidu.ui.regions.hook import save_screenshots

            save_screenshots(window, screenshot, regions_tab or "measures", lambda f: save_screenshot(window, f))
            return 0
        wait_for_tasks(window)
        if select is not None:
            window.reader.activate(select - 1)
            wait_for_tasks(window)
        save_screenshot(window, screenshot)
        return 0
    finally:
        window.close()
        _windows.clear()
        scratch.cleanup()
