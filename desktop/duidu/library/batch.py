"""Importing many files, and folders of them: the one loop both faces use (``duidu import``, and
files or folders dropped on the window).

One error policy: each file is its own transaction (``Library.add``), so a file that fails
loses nothing else. Reading and analysing (the slow, pure part) run ahead in worker processes
when there are several files; the writes stay here, in order. Files the workers have ready are
written together, each in a savepoint of one transaction (one commit, one wait for the disk,
for up to ``BATCH_SECONDS`` of writing): a document is still whole or absent, and a file is
reported only once its transaction is committed. A file Duidu cannot read (an ``InputError``) is *refused* with its
one-line reason and the batch goes on; so is any other failure of one file (a bug: its
traceback goes to stderr, the user still gets one line). A database that stops taking writes
(locked, full, read-only) stops the batch: every later file would fail the same way.

In a folder, files that are not documents (a data table, an image, the folder's README or
LICENCE) are *skipped*, counted but not refused: only document formats are tried, and a
document format Duidu does not read is refused with the reason. Named files are always tried.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from duidu.engine.progress import CancelToken, Cancelled, Progress, checkpoint
from duidu.library.errors import InputError, database_reason

# Formats a folder may hold documents in: what the readers take, and what they refuse with a
# reason worth telling (a spreadsheet, an old Office or WPS format).
DOCUMENT_SUFFIXES = frozenset({
    ".txt", ".md", ".text", ".html", ".htm", ".xhtml", ".shtml", ".docx", ".pdf", ".ofd", ".doc", ".wps",
    ".rtf", ".odt", ".wpt", ".dot", ".dotx", ".et", ".xls", ".xlsx", ".ppt", ".pptx", ".dps", ".caj", ".xps",
})
# Files that describe a folder rather than belong to it.
FOLDER_NOTES = ("readme", "license", "licence", "copying", "notice", "changelog", "manifest")

IMPORTED, DUPLICATE, REFUSED, SKIPPED = "imported", "duplicate", "refused", "skipped"
WORKERS = min(4, os.cpu_count() or 1)  # processes reading and analysing ahead of the writes
PARALLEL_FROM = 4  # files: fewer are imported in this process (starting workers costs ~1 s)
# Writing what the workers have ready in one transaction: at most this long (another writer,
# a note being saved, waits no longer for the lock) and this many files.
BATCH_SECONDS = 0.5
BATCH_FILES = 32


@dataclass(frozen=True)
class Outcome:
    path: str
    status: str  # imported | duplicate | refused | skipped
    document: Any = None  # the library's Document (imported or duplicate)
    reason: str | None = None  # refused or skipped: one line
    result: Any = None  # the ImportResult (imported or duplicate): encoding, furniture marked …

    @property
    def ok(self) -> bool:
        return self.status in (IMPORTED, DUPLICATE)

    def line(self) -> str:
        """One line for people: "name.pdf: scanned: no text layer"."""
        name = Path(self.path).name or self.path
        if self.status == IMPORTED:
            return f"imported {self.document.id}: {self.document.title}"
        if self.status == DUPLICATE:
            return f"already in the library as {self.document.id}: {self.document.title} (same text)"
        return f"{name}: {self.reason}"


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)
    cancelled: bool = False
    stopped: str | None = None  # why the batch stopped early (the library stopped taking writes)

    def of(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def imported(self) -> int:
        return len(self.of(IMPORTED))

    @property
    def duplicates(self) -> int:
        return len(self.of(DUPLICATE))

    @property
    def refused(self) -> list[Outcome]:
        return self.of(REFUSED)

    @property
    def skipped(self) -> list[Outcome]:
        return self.of(SKIPPED)

    def line(self) -> str:
        parts = [f"{self.imported} imported", f"{self.duplicates} already in the library",
                 f"{len(self.refused)} refused"]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped (not documents)")
        tail = "; cancelled" if self.cancelled else (f"; stopped: {self.stopped}" if self.stopped else "")
        return ", ".join(parts) + tail


def _is_hidden(name: str) -> bool:
    return name.startswith((".", "~$"))


def expand(paths, *, recursive: bool = False) -> tuple[list[str], list[Outcome]]:
    """The files to import from ``paths`` (folders opened, in name order) and those skipped."""
    files: list[str] = []
    skipped: list[Outcome] = []
    for given in map(os.fspath, paths):
        if not os.path.isdir(given):
            files.append(given)  # named: always tried (a missing one is refused with the reason)
            continue
        before, folders = len(files), 0
        for root, dirs, names in os.walk(given):
            folders += len(dirs)
            dirs[:] = sorted(d for d in dirs if not _is_hidden(d)) if recursive else []
            for name in sorted(names):
                path = os.path.join(root, name)
                if _is_hidden(name):
                    continue
                suffix = Path(name).suffix.lower()
                if Path(name).stem.lower().split(".")[0] in FOLDER_NOTES:
                    skipped.append(Outcome(path, SKIPPED, reason="the folder's notes, not a document"))
                elif suffix not in DOCUMENT_SUFFIXES:
                    skipped.append(Outcome(path, SKIPPED, reason=f"not a document ({suffix or 'no extension'})"))
                else:
                    files.append(path)
            if not recursive:
                break
        if len(files) == before:  # nothing to import there: say so, never a silent success
            why = "no documents in this folder" + ("" if recursive or not folders else " (its folders were not opened)")
            files_in = [o for o in skipped if o.path.startswith(os.path.join(given, ""))]
            skipped.append(Outcome(given, REFUSED, reason=why + (f"; {len(files_in)} other files" if files_in else "")))
    return files, skipped


def import_paths(
    library,
    paths,
    *,
    recursive: bool = False,
    encoding: str | None = None,
    metadata: dict | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Import every file of ``paths`` (folders expanded), each in its own transaction.

    ``on_outcome`` hears each file as it is done; ``cancel`` stops between files (those done
    stay imported, ``Summary.cancelled`` says so)."""
    files, skipped = expand(paths, recursive=recursive)
    summary = Summary(outcomes=list(skipped))
    prepared = _Preparing(files, encoding, metadata) if _parallel(library, files) else None
    try:
        if prepared is not None and hasattr(library, "db"):
            _import_prepared(library, files, prepared, summary, encoding, metadata, progress, cancel, on_outcome)
        else:
            _import_each(library, files, prepared, summary, encoding, metadata, progress, cancel, on_outcome)
    finally:
        if prepared is not None:
            prepared.close()
    if progress is not None and not summary.cancelled:
        progress(1.0)
    return summary


def _parallel(library, files: list[str]) -> bool:
    """Read and analyse in worker processes when it pays: several files, several cores, a real
    library (``add`` takes what a worker prepared), and not a frozen bundle (whose executable
    would start the whole app again in each worker)."""
    return (len(files) >= PARALLEL_FROM and WORKERS > 1 and hasattr(library, "add")
            and not getattr(sys, "frozen", False))


def _prepare_in_worker(path: str, encoding: str | None, metadata: dict | None):
    """A worker's job: the prepared document, or ("refused", reason) (an InputError does not
    cross processes: its constructor takes two arguments)."""
    from duidu.library.importer import prepare

    try:
        return prepare(path, encoding=encoding, metadata=metadata)
    except InputError as exc:
        return ("refused", exc.reason)


def _watch_parent(parent: int) -> None:
    """In a worker: leave when the importing process is gone. Killed (SIGKILL), it tells its
    workers nothing, and they would wait for work for ever, each holding jieba's dictionaries."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class _Preparing:
    """Files read, decoded, cleaned and analysed ahead in worker processes, a few at a time (so
    memory stays bounded), handed back in order. Writing stays in the caller's process: one
    transaction per document, as when importing one file."""

    def __init__(self, files: list[str], encoding, metadata) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self._files = files
        self._args = (encoding, metadata)
        self._pool = ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_watch_parent, initargs=(os.getpid(),))
        self._futures: dict[int, object] = {}
        self._next = 0
        self._broken = False
        try:
            self._fill(0)
        except Exception:
            self._broken = True

    def _fill(self, n: int) -> None:
        while self._next < len(self._files) and self._next < n + 2 * WORKERS:
            self._futures[self._next] = self._pool.submit(_prepare_in_worker, self._files[self._next], *self._args)
            self._next += 1

    def take(self, n: int):
        """File ``n``'s prepared document, ("refused", reason), or None (the worker failed: the
        caller imports that file itself, so the reason it gives is the real one)."""
        if self._broken:
            return None
        try:
            future = self._futures.pop(n)
            self._fill(n + 1)
            return future.result()
        except Exception:  # a worker that could not start or crashed, a result that would not pickle
            self._broken = True  # the rest are imported in this process
            return None

    def ready(self, n: int) -> bool:
        """Whether file ``n`` can be taken without waiting for a worker."""
        future = self._futures.get(n)
        return self._broken or future is None or future.done()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _import_each(library, files, prepared, summary, encoding, metadata, progress, cancel, on_outcome) -> None:
    for n, path in enumerate(files):
        if _cancelled(n, files, summary, progress, cancel):
            break
        outcome = _import_one(library, path, prepared.take(n) if prepared is not None else None,
                              summary, encoding, metadata)
        _report(outcome, summary, on_outcome)
        if summary.stopped:
            break


def _cancelled(n: int, files, summary, progress, cancel) -> bool:
    """Report progress before file ``n``; whether the user has cancelled (said in ``summary``)."""
    try:
        checkpoint(n / max(1, len(files)), progress, cancel)
    except Cancelled:
        summary.cancelled = True
    return summary.cancelled


def _report(outcome: Outcome, summary, on_outcome) -> None:
    summary.outcomes.append(outcome)
    if on_outcome is not None:
        on_outcome(outcome)


def _import_one(library, path, ready, summary, encoding, metadata) -> Outcome:
    """Store one file (``ready``: what a worker prepared of it, if one did): its outcome."""
    try:
        if isinstance(ready, tuple):
            raise InputError(path, ready[1])
        result = library.add(ready) if ready is not None else library.import_file(
            path, encoding=encoding, metadata=metadata)
    except InputError as exc:
        return Outcome(path, REFUSED, reason=exc.reason)
    except sqlite3.OperationalError as exc:
        summary.stopped = database_reason(exc)
        return Outcome(path, REFUSED, reason=summary.stopped)
    except Exception as exc:  # a bug reading this file: one line for it, the others go on
        traceback.print_exc(file=sys.stderr)
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return Outcome(path, REFUSED, reason=f"could not be read ({first})")
    return Outcome(path, IMPORTED if result.created else DUPLICATE, result.document, result=result)


def _import_prepared(library, files, prepared, summary, encoding, metadata, progress, cancel, on_outcome) -> None:
    """``_import_each`` for files prepared by workers: those ready are written in one transaction
    (each file in a savepoint of it, as ``Library.add`` nests), committed before waiting for a
    worker, after ``BATCH_SECONDS`` or ``BATCH_FILES``; outcomes are reported once committed."""
    n = 0
    while n < len(files) and not summary.stopped and not summary.cancelled:
        if _cancelled(n, files, summary, progress, cancel):
            break
        pending: list[Outcome] = []
        ready = prepared.take(n)  # waited for outside any transaction: the lock is not held idle
        try:
            with library.db.atomic():
                began = time.monotonic()
                while True:
                    pending.append(_import_one(library, files[n], ready, summary, encoding, metadata))
                    n += 1
                    if (n == len(files) or summary.stopped or len(pending) >= BATCH_FILES
                            or time.monotonic() - began >= BATCH_SECONDS or not prepared.ready(n)):
                        break
                    if _cancelled(n, files, summary, progress, cancel):
                        break
                    ready = prepared.take(n)
        except (InputError, sqlite3.OperationalError) as exc:  # the lock or the commit failed: none is stored
            reason = exc.reason if isinstance(exc, InputError) else database_reason(exc)
            pending = [Outcome(o.path, REFUSED, reason=reason) if o.ok else o for o in pending]
            if not pending:  # the write lock was not had: this file is refused, as alone it would be
                pending, n = [Outcome(files[n], REFUSED, reason=reason)], n + 1
            if isinstance(exc, sqlite3.OperationalError):
                summary.stopped = reason
        for outcome in pending:
            _report(outcome, summary, on_outcome)
