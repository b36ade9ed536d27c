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
    # The analysis dock keeps the bottom-right corner: laid across the whole width, this dock left
    # it about one row of measures at 1366x768. It lies under the panes (and the library) instead.
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
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
READY_WAIT_MS = 600_000  # the matrix and targets: seconds, but a busy machine may be slow
NETWORK_WAIT_MS = 1_800_000  # a first network over many documents aligns its pairs: minutes on a busy machine


def show_tab(window, tab: str) -> None:
    window.region_view.tabs.setCurrentIndex(TABS[tab])


def screenshot_files(path: str, tab: str) -> list[tuple[str, str]]:
    """(tab, file) for ``duidu gui --regions … --regions-tab TAB --screenshot FILE``: one tab to
    FILE, or with ``all`` the measures to FILE and FILE-targets.png, FILE-network.png beside it."""
    if tab != "all":
        return [(tab, path)]
    stem = path[:-4] if path.lower().endswith(".png") else path
    return [("measures", path), ("targets", f"{stem}-targets.png"), ("network", f"{stem}-network.png")]


def _wait(done, signals, timeout_ms: int) -> None:
    """Spin the event loop until ``done()`` (re-checked whenever one of ``signals`` fires) or the timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    for signal in signals:
        signal.connect(loop.quit)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    while not done() and timer.isActive():
        loop.exec()
    for signal in signals:
        signal.disconnect(loop.quit)


def save_screenshots(window, path: str, tab: str, save) -> list[str]:
    """Each asked-for tab once its data is shown (the network: once complete), through
    ``save(file)``; the measures and targets never wait for the network. Nothing is written
    when the view's data cannot be made: ``InputError`` says why."""
    from duidu.library.errors import InputError

    view = window.region_view
    errors: list[str] = []
    view.failed.connect(errors.append)
    matrix = lambda: view.matrix_model.matrix is not None  # noqa: E731
    network = lambda: view.edges_model.network is not None and view.edges_model.network.complete  # noqa: E731
    files = screenshot_files(path, tab)
    _wait(lambda: matrix() or bool(errors), (view.ready, view.failed), READY_WAIT_MS)
    if any(name == "network" for name, _ in files):
        _wait(lambda: network() or bool(errors), (view.networkReady, view.failed), NETWORK_WAIT_MS)
    if errors:
        raise InputError("region view", errors[0])
    if not matrix() or any(name == "network" for name, _ in files) and not network():
        raise InputError("region view", "not ready in time (the documents' measures, targets or reuse network)")
    for name, file in files:
        show_tab(window, name)
        save(file)
    return [file for _, file in files]
