"""How the region view joins the main window: a dock beside the reader (hidden until asked for),
a View-menu entry, and "Where did this come from?" in the reader's menus. Kept here so the
window's own module changes by one line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from duidu.ui.regions.view import RegionView


def install(window) -> RegionView:
    view = RegionView(window.tasks, window, selection=window.library_panel.selected_ids)
    dock = window._dock("regions", QCoreApplication.translate("RegionView", "Regions"), view, Qt.DockWidgetArea.BottomDockWidgetArea)
    dock.hide()
    window.region_view, window.region_dock = view, dock

    show = QAction(QCoreApplication.translate("RegionView", "Regions: measures, targets, reuse…"), window)
    show.setShortcut(QKeySequence("Ctrl+Shift+R"))
    show.triggered.connect(lambda: open_regions(window))
    origin = QAction(QCoreApplication.translate("RegionView", "Where did this come from?"), window)
    origin.setToolTip(QCoreApplication.translate("RegionView", "Every document holding the selected passage, earliest first"))
    origin.triggered.connect(lambda: ask_origin(window))
    window.origin_action, window.regions_action = origin, show
    for pane in window.reader.panes.values():
        pane.edit.extra_actions = [*getattr(pane.edit, "extra_actions", []), origin]
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is not None and window.side_dock.toggleViewAction() in menu.actions():
            menu.addAction(show)
            menu.addAction(origin)

    view.pairRequested.connect(lambda a, sa, b, sb: open_pair(window, a, sa, b, sb))
    view.spanRequested.connect(lambda d, s, e: window.reader.show_span(d, s, e))
    return view


def open_regions(window, ids=None) -> None:
    window.region_dock.show()
    window.region_dock.raise_()
    if getattr(window.region_dock, "is_folded", False):
        window.region_dock.set_folded(False)
    if ids:
        window.region_view.show_documents(ids)
    elif window.region_view.matrix_model.matrix is None:
        window.region_view.refresh()


def open_pair(window, a: int, a_span, b: int, b_span) -> None:
    """The pair in the reader, each side at its place when one is given."""
    if a == b:
        window.reader.show_span(a, *(a_span or (0, 0)))
        return
    window.reader.set_document("a", a, tuple(a_span) if a_span else None)
    window.reader.set_document("b", b, tuple(b_span) if b_span else None)


def ask_origin(window) -> None:
    side = window.focused_side()
    pane = window.reader.panes[side]
    text = pane.selected_text()
    if not text.strip():
        window.statusBar().showMessage(QCoreApplication.translate("RegionView", "Select a passage first"), 4000)
        return
    span = pane.stored_selection()
    source = None if span is None or pane.document_id is None else (pane.document_id, *span)
    open_regions(window)
    window.region_view.show_family(text, source)


TABS = {"measures": 0, "targets": 1, "network": 2}
NETWORK_WAIT_MS = 900_000  # a first network over many documents aligns its pairs: minutes on a busy machine


def show_tab(window, tab: str) -> None:
    window.region_view.tabs.setCurrentIndex(TABS[tab])


def screenshot_files(path: str, tab: str) -> list[tuple[str, str]]:
    """(tab, file) for ``duidu gui --regions … --regions-tab TAB --screenshot FILE``: one tab to
    FILE, or with ``all`` the measures to FILE and FILE-targets.png, FILE-network.png beside it."""
    if tab != "all":
        return [(tab, path)]
    stem = path[:-4] if path.lower().endswith(".png") else path
    return [("measures", path), ("targets", f"{stem}-targets.png"), ("network", f"{stem}-network.png")]


def _wait(done, signal, timeout_ms: int) -> None:
    """Spin the event loop until ``done()`` (re-checked whenever ``signal`` fires) or the timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    if not done():
        loop.exec()
    signal.disconnect(loop.quit)


def save_screenshots(window, path: str, tab: str, save) -> list[str]:
    """Each asked-for tab once its data is shown (the network: once complete), through
    ``save(file)``; the measures and targets never wait for the network."""
    view = window.region_view
    _wait(lambda: view.matrix_model.matrix is not None, view.ready, 600_000)
    written = []
    for name, file in screenshot_files(path, tab):
        if name == "network":
            _wait(lambda: view.edges_model.network is not None and view.edges_model.network.complete,
                  view.networkReady, NETWORK_WAIT_MS)
        show_tab(window, name)
        save(file)
        written.append(file)
    return written
