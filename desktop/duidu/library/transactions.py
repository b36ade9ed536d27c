"""Write transactions that wait for other writers and never write into a file that is no longer the library.

SQLite's plain ``BEGIN`` takes the write lock only at the first write, so a transaction that
reads first and then meets another writer fails "database is locked" at once: the busy
timeout cannot help it. Every outermost transaction here is ``BEGIN IMMEDIATE`` instead, which
takes the lock at the start and so can wait for it; it waits in short steps, telling
``on_wait`` how long it has waited (the window's status bar, the command line's stderr), for at
most ``write_wait`` seconds (None: until the other writer is done).

An open connection keeps writing into a file that was deleted, moved away or replaced — into
a file nobody will open again. So once the lock is held, and again after the commit, the path's
identity (device and inode) is compared with the file that was opened; a mismatch, or the
disk refusing the write (full, read-only, I/O error), raises ``LibraryUnavailable``, whose
message the caller may extend with where the unsaved work was kept.
"""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from sqlite_utils import Database

from duidu.library import faults
from duidu.library.errors import InputError

BUSY_WAIT_MS = 5000  # any other statement that meets a lock (a checkpoint, reading a log being reset)
STEP_MS = 250  # taking the write lock: report progress this often while waiting
WRITE_WAIT = 600.0  # seconds a write waits for another writer by default (the window waits for ever)
_DEFAULT = object()


_default_wait: Callable[[Path, float], None] | None = None


def on_every_wait(hook: Callable[[Path, float], None] | None) -> None:
    """What a connection without an ``on_wait`` of its own does while it waits (the command line
    says once on stderr that it is waiting); ``hook(path, seconds)``."""
    global _default_wait
    _default_wait = hook


class LibraryUnavailable(InputError):
    """The library cannot take this write: gone, replaced, read-only, full, or busy too long."""


def identity(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino


def _is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


def unwritable_reason(exc: BaseException) -> str | None:
    """The user's words when ``exc`` means the library cannot be written any more; else None."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return "the library has become read-only (the file, its folder or the disk); nothing more can be saved to it"
    if "full" in text:
        return "the disk is full; nothing more can be saved to the library until space is freed"
    if "disk i/o" in text or "unable to open" in text:
        return "the library file cannot be written (disk I/O error: removed, unmounted or failing?)"
    return None


class LibraryDatabase(Database):
    """sqlite-utils' ``Database`` whose outermost ``atomic()`` is a guarded ``BEGIN IMMEDIATE``.

    sqlite-utils runs its own writes (insert, upsert, update …) through ``atomic()``, so every
    write of the library, ours or the library's, goes through here."""

    def __init__(self, path: Path, **kwargs) -> None:
        super().__init__(path, **kwargs)
        self.path = Path(path).absolute()  # the identity check must not follow a change of directory
        self.identity: tuple[int, int] | None = None  # set once the file is known to be the library
        self.write_wait: float | None = WRITE_WAIT
        self.on_wait: Callable[[float], None] | None = None  # seconds waited so far; may raise to give up
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_WAIT_MS}")
        self.conn.execute("PRAGMA synchronous = FULL")  # a commit is on the disk before it returns (power cuts too)

    def remember_identity(self) -> None:
        self.identity = identity(self.path)

    def check_identity(self, *, after_commit: bool = False) -> None:
        """Raise ``LibraryUnavailable`` unless ``path`` is still the file this connection writes."""
        if self.identity is None:
            return
        done = " (the last change went into the old file and is not in the library)" if after_commit else ""
        try:
            now = identity(self.path)
        except FileNotFoundError:
            raise LibraryUnavailable(str(self.path), f"the library file is gone (deleted or moved while Duidu had it open){done}") from None
        except OSError as exc:
            raise LibraryUnavailable(str(self.path), f"the library file cannot be reached: {exc.strerror or exc}{done}") from None
        if now != self.identity:
            raise LibraryUnavailable(str(self.path), f"the library file was replaced by another file while Duidu had it open{done}")

    @contextmanager
    def atomic(self, *, wait: float | None | object = _DEFAULT) -> Iterator["LibraryDatabase"]:
        """One transaction (a savepoint when nested); ``wait``: seconds to wait for the lock
        (None: for ever; default ``write_wait``). A cache write passes 0: it is skipped, not waited for."""
        if self.conn.in_transaction:  # nested: a savepoint in the transaction already open
            with super().atomic():
                yield self
            return
        self._begin(self.write_wait if wait is _DEFAULT else wait)
        try:
            try:
                self.check_identity()
                yield self
                faults.point("commit")
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise
        except sqlite3.OperationalError as exc:
            reason = unwritable_reason(exc)
            if reason is None:
                raise
            raise LibraryUnavailable(str(self.path), reason) from exc
        self.check_identity(after_commit=True)

    def _begin(self, wait: float | None) -> None:
        started = time.monotonic()
        self.conn.execute(f"PRAGMA busy_timeout = {STEP_MS}")
        try:
            while True:
                try:
                    faults.point("begin")
                    self.conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if not _is_busy(exc):
                        reason = unwritable_reason(exc)
                        if reason is None:
                            raise
                        raise LibraryUnavailable(str(self.path), reason) from exc
                    waited = time.monotonic() - started
                    if wait is not None and waited >= wait:
                        raise LibraryUnavailable(
                            str(self.path), f"another Duidu has been writing to the library for {waited:.0f} s; "
                                            "try again when it is done") from None
                    if self.on_wait is not None:
                        self.on_wait(waited)
                    elif _default_wait is not None:
                        _default_wait(self.path, waited)
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_WAIT_MS}")
