"""Importing files off the UI thread: a list of paths, or files dropped on any widget.

All the files of one request are imported by one task (channel "import"), one after another,
each in its own transaction: a bad file is reported in one line and the others still import.
A request made while one is running waits for it instead of cancelling it.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, Signal
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from duidu.engine.progress import checkpoint
from duidu.library.errors import InputError

CHANNEL = "import"


@dataclass(frozen=True)
class ImportOutcome:
    path: str
    created: bool  # False: failed, or the same text was already in the library
    document: Any = None  # the library's Document when the file was read
    error: str | None = None  # one line, "name.txt: reason"

    @property
    def ok(self) -> bool:
        return self.error is None


def _one_line(path: str, exc: BaseException) -> str:
    name = Path(path).name or path
    if isinstance(exc, InputError):
        return f"{name}: {exc.reason}"
    lines = str(exc).strip().splitlines()
    return f"{name}: {lines[0] if lines else type(exc).__name__}"


def import_files(library, paths: list[str], progress=None, cancel=None) -> list[ImportOutcome]:
    """Import ``paths`` in order (the task function); stops between files when cancelled."""
    outcomes = []
    for n, path in enumerate(paths):
        checkpoint(n / len(paths), progress, cancel)
        try:
            result = library.import_file(path)
        except InputError as exc:
            outcomes.append(ImportOutcome(path, False, error=_one_line(path, exc)))
        except Exception as exc:  # a bug or a database failure: still one line for this file, the rest go on
            traceback.print_exc()
            outcomes.append(ImportOutcome(path, False, error=_one_line(path, exc)))
        else:
            outcomes.append(ImportOutcome(path, result.created, result.document))
    checkpoint(1.0, progress, None)
    return outcomes


def summary(outcomes: list[ImportOutcome]) -> str:
    """One line for the user: "2 imported · 1 errors: x.txt: the file is empty (0 bytes)"."""
    created = sum(1 for o in outcomes if o.created)
    known = sum(1 for o in outcomes if o.ok and not o.created)
    errors = [o.error for o in outcomes if not o.ok]
    parts = [QCoreApplication.translate("ImportController", "{n} imported").format(n=created)]
    if known:
        parts.append(QCoreApplication.translate("ImportController", "{n} already in the library").format(n=known))
    if errors:
        parts.append(QCoreApplication.translate("ImportController", "{n} errors: {errors}").format(n=len(errors), errors="; ".join(errors)))
    return " · ".join(parts)


class ImportController(QObject):
    """Runs imports through the TaskRunner and reports each request's outcomes once."""

    started = Signal(int)  # number of files in the request now running
    finished = Signal(object)  # list[ImportOutcome], in the order of the paths
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
            self._finish([ImportOutcome(p, False, error=_one_line(p, exc)) for p in paths])

        self._tasks.run(
            CHANNEL,
            lambda library, progress, cancel: import_files(library, paths, progress, cancel),
            self._finish,
            on_error=failed,
            label=self.tr("Importing"),
        )

    def _finish(self, outcomes: list[ImportOutcome]) -> None:
        self._running = False
        self.finished.emit(outcomes)
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
