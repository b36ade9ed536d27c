"""Importing files off the UI thread: a list of paths, or files and folders dropped on any widget.

All the files of one request are imported by one task (channel "import") through the library's
batch loop (``duidu.library.batch``, the one ``duidu import`` uses), one after another, each in
its own transaction: a bad file is refused in one line and the others still import; a dropped
folder brings every document in it and in its folders. A request made while one is running
waits for it instead of cancelling it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, Signal
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from duidu.library.batch import Outcome, Summary, import_paths

CHANNEL = "import"


def import_files(library, paths: list[str], progress=None, cancel=None) -> Summary:
    """Import ``paths`` (files, and folders with the folders inside them) in order: the task
    function. The loop and its error policy are the library's, shared with ``duidu import``."""
    return import_paths(library, paths, recursive=True, progress=progress, cancel=cancel)


def summary(result: Summary) -> str:
    """One line for the user: "2 imported · 1 already in the library · 1 refused: x.pdf: scanned: no text layer"."""
    translate = QCoreApplication.translate  # lupdate reads each call's context and text
    parts = [translate("ImportController", "{n} imported").format(n=result.imported)]
    if result.duplicates:
        parts.append(translate("ImportController", "{n} already in the library").format(n=result.duplicates))
    refused = [o.line() for o in result.refused]
    if refused:
        reasons = "; ".join(refused[:3]) + ("; …" if len(refused) > 3 else "")
        parts.append(translate("ImportController", "{n} refused: {reasons}").format(n=len(refused), reasons=reasons))
    if result.skipped:
        parts.append(translate("ImportController", "{n} skipped (not documents)").format(n=len(result.skipped)))
    if result.cancelled:
        parts.append(translate("ImportController", "cancelled"))
    return " · ".join(parts)


class ImportController(QObject):
    """Runs imports through the TaskRunner and reports each request's outcomes once."""

    started = Signal(int)  # number of files in the request now running
    finished = Signal(object)  # batch.Summary: every file's outcome, in order
    cancelled = Signal()

    def __init__(self, tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._running = False
        self._pending: list[str] = []

    def busy(self) -> bool:
        return self._running

    def import_paths(self, paths: list[str]) -> None:
        paths = [str(p) for p in paths if str(p)]
        if not paths:
            return
        if self._running:
            self._pending.extend(paths)  # after the running request, as the next one
        else:
            self._start(paths)

    def cancel(self) -> None:
        """Stop after the file being imported (it is kept); queued files are dropped."""
        self._pending.clear()
        if self._running:
            self._tasks.cancel(CHANNEL)
            self._running = False
            self.cancelled.emit()

    def _start(self, paths: list[str]) -> None:
        self._running = True
        self.started.emit(len(paths))

        def failed(exc: BaseException) -> None:  # the task itself failed (e.g. the library would not open)
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            self._finish(Summary([Outcome(p, "refused", reason=reason) for p in paths]))

        self._tasks.run(
            CHANNEL,
            lambda library, progress, cancel: import_files(library, paths, progress, cancel),
            self._finish,
            on_error=failed,
            label=self.tr("Importing"),
        )

    def _finish(self, result: Summary) -> None:
        self._running = False
        self.finished.emit(result)
        if self._pending and not self._running:
            paths, self._pending = self._pending, []
            self._start(paths)


def local_paths(mime: QMimeData | None) -> list[str]:
    """The local files (or folders) a drag carries; remote URLs are ignored, never fetched."""
    if mime is None or not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class DropImportFilter(QObject):
    """An event filter that imports files dropped on the widgets it is installed on."""

    def __init__(self, importer: ImportController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._importer = importer

    def install(self, widget: QWidget) -> None:
        targets = [widget]
        if isinstance(widget, QAbstractScrollArea):
            targets.append(widget.viewport())  # item views receive drags on their viewport
        for target in targets:
            target.setAcceptDrops(True)
            target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if local_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            paths = local_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self._importer.import_paths(paths)
                return True
        return False
