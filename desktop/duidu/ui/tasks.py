"""The one place the UI runs slow work off its thread (comparing, converting, searching, importing).

A task is a plain function ``fn(library, progress, cancel)``. It runs on a worker thread
with that thread's own ``Library`` connection (SQLite connections must not cross threads);
its result or error is handed back on the UI thread. Tasks carry a *channel* name: starting
a task on a busy channel cancels the one in flight, whose result is then dropped, so a view
only ever receives the answer to its latest question. No widget touches SQLite or the engine
directly for anything slow; nothing else in ``ui/`` starts threads.
"""

from __future__ import annotations

import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from duidu.engine.progress import Cancelled, CancelToken

WORKERS = 2  # one long import need not hold up opening a pair; SQLite WAL serves both
PROGRESS_INTERVAL = 0.05  # seconds between progress signals (the status bar needs no more)

Work = Callable[[Any, Callable[[float], None], CancelToken], Any]


@dataclass(eq=False)
class Task:
    channel: str
    label: str
    fn: Work
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    cancel: CancelToken = field(default_factory=CancelToken)
    result: Any = None
    error: BaseException | None = None
    seconds: float = 0.0


class _Relay(QObject):
    """Lives on the UI thread; worker threads emit through it, so delivery is queued to the UI."""

    done = Signal(object)
    progressed = Signal(object, float)


class _Runnable(QRunnable):
    def __init__(self, runner: "TaskRunner", task: Task) -> None:
        super().__init__()
        self._runner = runner
        self._task = task
        self.setAutoDelete(True)

    def run(self) -> None:  # on a worker thread
        task = self._task
        last = [0.0]

        def progress(fraction: float) -> None:
            now = time.monotonic()
            if now - last[0] >= PROGRESS_INTERVAL and not task.cancel.cancelled:
                last[0] = now
                self._runner._relay.progressed.emit(task, float(fraction))

        started = time.perf_counter()
        try:
            if task.cancel.cancelled:
                raise Cancelled()
            task.result = task.fn(self._runner._thread_library(), progress, task.cancel)
        except BaseException as exc:  # handed to the UI thread; never lost in a worker
            task.error = exc
            if not isinstance(exc, Cancelled):
                traceback.print_exc()
        task.seconds = time.perf_counter() - started
        self._runner._relay.done.emit(task)


class TaskRunner(QObject):
    """Runs tasks on a small pool; signals what is running for the status bar."""

    started = Signal(str)  # label
    progressed = Signal(str, float)  # label, 0..1
    finished = Signal(str, float)  # label, seconds
    failed = Signal(str, str)  # label, one-line reason
    idle = Signal()

    def __init__(self, library_path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library_path = library_path
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(WORKERS)
        self._pool.setExpiryTimeout(-1)  # threads (and their connections) live as long as the runner
        self._local = threading.local()
        self._libraries: list[Any] = []
        self._lock = threading.Lock()
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._relay.progressed.connect(self._progress)
        self._current: dict[str, Task] = {}
        self._running: set[Task] = set()

    # -- the API ----------------------------------------------------------------
    def run(self, channel: str, fn: Work, on_done: Callable[[Any], None] | None = None, *,
            on_error: Callable[[BaseException], None] | None = None, label: str = "") -> Task:
        """Run ``fn`` off the UI thread; a task already on ``channel`` is cancelled."""
        previous = self._current.get(channel)
        if previous is not None:
            previous.cancel.cancel()
        task = Task(channel, label or channel, fn, on_done, on_error)
        self._current[channel] = task
        self._running.add(task)
        self.started.emit(task.label)
        self._pool.start(_Runnable(self, task))
        return task

    def cancel(self, channel: str) -> None:
        task = self._current.pop(channel, None)
        if task is not None:
            task.cancel.cancel()

    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the pool is empty (tests, shutdown); queued deliveries still need the event loop."""
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        for task in list(self._current.values()):
            task.cancel.cancel()
        self._pool.waitForDone(10000)
        with self._lock:
            for lib in self._libraries:
                try:
                    lib.close()
                except Exception:
                    pass  # a connection of a finished thread; nothing left to save
            self._libraries.clear()

    # -- worker side --------------------------------------------------------------
    def _thread_library(self):
        lib = getattr(self._local, "library", None)
        if lib is None:
            from duidu.library.store import Library

            lib = Library.open(self._library_path)
            lib.db.conn.execute("PRAGMA busy_timeout = 10000")  # two workers may both write caches
            self._local.library = lib
            with self._lock:
                self._libraries.append(lib)
        return lib

    # -- UI side -----------------------------------------------------------------
    @Slot(object, float)
    def _progress(self, task: Task, fraction: float) -> None:
        if self._current.get(task.channel) is task:
            self.progressed.emit(task.label, fraction)

    @Slot(object)
    def _deliver(self, task: Task) -> None:
        self._running.discard(task)
        latest = self._current.get(task.channel) is task
        if latest:
            del self._current[task.channel]
        if not latest or isinstance(task.error, Cancelled):
            pass  # superseded or cancelled: its answer is to a question nobody asks any more
        elif task.error is not None:
            self.failed.emit(task.label, _reason(task.error))
            if task.on_error is not None:
                task.on_error(task.error)
        else:
            self.finished.emit(task.label, task.seconds)
            if task.on_done is not None:
                task.on_done(task.result)
        if not self._running:
            self.idle.emit()


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
