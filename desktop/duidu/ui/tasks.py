"""The one place the UI runs slow work off its thread (comparing, converting, searching, importing).

A task is a plain function ``fn(library, progress, cancel)``. It runs on one of a few worker
threads, each with its own ``Library`` connection, opened on the thread's first task (one
thread at a time, so a first run creates and seeds the library once while the others wait) and
closed on that same thread at shutdown (SQLite connections must not cross threads). The
result or error is handed back on the UI thread. Tasks carry a *channel* name: starting a
task on a busy channel cancels the one in flight, whose result is then dropped, so a view
only ever receives the answer to its latest question. The user's own edits (notes, tags,
the codebook) go instead through ``write``: one more worker runs them one at a time, in the
order they were made, and never drops one (as Anki serialises its collection writes): while
another Duidu holds the library's write lock an edit waits for it, for as long as it takes,
and ``waiting`` tells the status bar. Closing the window flushes the edits still queued
(``pending_writes``); one the user gives up on (``abandon_writes``) goes to a recovery file.
Nothing else in ``ui/`` starts threads.
"""

from __future__ import annotations

import queue
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal, Slot

from duidu.engine.progress import Cancelled, CancelToken
from duidu.library.errors import InputError

WORKERS = 2  # one long import need not hold up opening a pair; SQLite WAL serves both
PROGRESS_INTERVAL = 0.05  # seconds between progress signals (the status bar needs no more)
SHUTDOWN_WAIT = 3.0  # seconds to let running work notice its cancel token at exit
WAIT_SIGNAL_INTERVAL = 0.5  # seconds between "waiting for another Duidu" signals

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
    waited = Signal(object, float)


class TaskRunner(QObject):
    """Runs tasks on a small pool; signals what is running for the status bar."""

    started = Signal(str)  # label
    progressed = Signal(str, float)  # label, 0..1
    finished = Signal(str, float)  # label, seconds
    failed = Signal(str, str)  # label, one-line reason
    idle = Signal()
    waiting = Signal(str, float)  # label, seconds waited for another writer's lock
    writesDone = Signal()  # no edit queued or running any more

    def __init__(self, library_path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library_path = library_path
        self._queue: queue.Queue[Task | None] = queue.Queue()
        self._writes: queue.Queue[Task | None] = queue.Queue()
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._relay.progressed.connect(self._progress)
        self._relay.waited.connect(lambda task, seconds: self.waiting.emit(task.label, seconds))
        self._abandon = False  # set at close when the user gives up waiting: edits go to recovery files
        self._opening = threading.Lock()  # workers open one at a time: the first may be creating the library
        self._current: dict[str, Task] = {}
        self._running: set[Task] = set()
        self._closed = False
        self._threads = [threading.Thread(target=self._work, args=(self._queue,), name=f"duidu-worker-{n}", daemon=True)
                         for n in range(WORKERS)]
        self._threads.append(threading.Thread(target=self._work, args=(self._writes,), name="duidu-writer", daemon=True))
        for t in self._threads:
            t.start()

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
        if self._closed:
            task.cancel.cancel()
        self.started.emit(task.label)
        self._queue.put(task)
        return task

    def write(self, fn: Work, on_done: Callable[[Any], None] | None = None, *,
              on_error: Callable[[BaseException], None] | None = None, label: str = "") -> Task:
        """Run one of the user's edits: in order after the ones before it, never cancelled or dropped."""
        task = Task("", label or "write", fn, on_done, on_error)
        self._running.add(task)
        self.started.emit(task.label)
        self._writes.put(task)
        return task

    def cancel(self, channel: str) -> None:
        task = self._current.pop(channel, None)
        if task is not None:
            task.cancel.cancel()

    def channels(self) -> list[str]:
        """Channels with a task queued or running."""
        return list(self._current)

    def busy(self) -> bool:
        return bool(self._running)

    def pending_writes(self) -> int:
        """The user's edits queued or running (not yet in the library)."""
        return sum(1 for t in self._running if not t.channel)

    def abandon_writes(self) -> None:
        """Stop waiting for the library: edits that would wait fail now, notes into recovery files."""
        self._abandon = True

    def shutdown(self) -> None:
        """Cancel everything, let each worker close its own connection, and stop the threads."""
        if self._closed:
            return
        self._closed = True
        for task in list(self._current.values()):
            task.cancel.cancel()
        for _ in range(WORKERS):
            self._queue.put(None)
        self._writes.put(None)  # after the edits already queued: they still reach the library
        deadline = time.monotonic() + SHUTDOWN_WAIT
        for t in self._threads[:-1]:
            t.join(max(0.0, deadline - time.monotonic()))
        self._threads[-1].join()  # the writer: every edit saved or kept (abandoned ones fail fast)

    # -- worker side --------------------------------------------------------------
    def _work(self, tasks: queue.Queue) -> None:
        library = None
        try:
            while True:
                task = tasks.get()
                if task is None:
                    return
                if library is None and not task.cancel.cancelled:
                    try:
                        from duidu.library.store import Library

                        with self._opening:  # the app backs up once, at start
                            library = Library.open(self._library_path, backup=False)
                        if tasks is self._writes:
                            library.db.write_wait = None  # the user's edits wait as long as another writer needs
                    except BaseException as exc:
                        task.error = exc
                        self._emit_done(task)
                        continue
                self._run(task, library)
        finally:
            if library is not None:
                library.close()

    def _run(self, task: Task, library) -> None:
        last = [0.0]

        def progress(fraction: float) -> None:
            now = time.monotonic()
            if now - last[0] >= PROGRESS_INTERVAL and not task.cancel.cancelled:
                last[0] = now
                self._relay.progressed.emit(task, float(fraction))

        waited = [0.0]

        def on_wait(seconds: float) -> None:
            if task.channel and task.cancel.cancelled:
                raise Cancelled()
            if self._abandon and not task.channel:
                from duidu.library.transactions import LibraryUnavailable

                raise LibraryUnavailable(str(self._library_path), "given up waiting for another Duidu writing to the library")
            if seconds - waited[0] >= WAIT_SIGNAL_INTERVAL:
                waited[0] = seconds
                self._relay.waited.emit(task, float(seconds))

        db = getattr(library, "db", None)
        if db is not None and hasattr(db, "on_wait"):
            db.on_wait = on_wait
        started = time.perf_counter()
        try:
            if task.cancel.cancelled:
                raise Cancelled()
            task.result = task.fn(library, progress, task.cancel)
        except BaseException as exc:  # handed to the UI thread; never lost in a worker
            task.error = exc
            if not isinstance(exc, (Cancelled, InputError)):
                traceback.print_exc()
        task.seconds = time.perf_counter() - started
        self._emit_done(task)

    def _emit_done(self, task: Task) -> None:
        try:
            self._relay.done.emit(task)
        except RuntimeError:
            pass  # the window is gone (exit while a task ran): nobody waits for the answer

    # -- UI side -----------------------------------------------------------------
    @Slot(object, float)
    def _progress(self, task: Task, fraction: float) -> None:
        if self._current.get(task.channel) is task:
            self.progressed.emit(task.label, fraction)

    @Slot(object)
    def _deliver(self, task: Task) -> None:
        self._running.discard(task)
        latest = not task.channel or self._current.get(task.channel) is task
        if latest and task.channel:
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
        if not task.channel and not self.pending_writes():
            self.writesDone.emit()
        if not self._running:
            self.idle.emit()


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
