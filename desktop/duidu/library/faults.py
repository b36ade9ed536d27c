"""Fault injection: named points on the write path where a test makes things go wrong.

The library calls ``point(name)`` where a real fault would strike (``begin``: taking the write
lock; ``commit``: ending a write transaction; ``export``: writing an exported file). Nothing is
installed in normal use, so a point costs one dictionary lookup. Tests install a fault with
``inject`` (in this process) or the ``DUIDU_FAULTS`` environment variable (in a child process,
``"commit=disk_full,begin=read_only"``), and never need a full disk, a read-only medium or a
device node of their own. ``LockHolder`` is the other half of lock contention: a separate
process that holds the library's write lock until told to let go.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

Fault = Callable[..., None]  # called with what the point passes (e.g. the file being written)


def disk_full(*_) -> None:
    raise sqlite3.OperationalError("database or disk is full")


def read_only(*_) -> None:
    raise sqlite3.OperationalError("attempt to write a readonly database")


def io_error(*_) -> None:
    raise sqlite3.OperationalError("disk I/O error")


def no_space(*_) -> None:
    """A full disk as a file write sees it (exports)."""
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def short_write(path: str | os.PathLike, *_) -> None:
    """The last byte never reached the file (what a disk full on close or a lying medium leaves)."""
    size = os.path.getsize(path)
    os.truncate(path, max(0, size - 1))


FAULTS: dict[str, Fault] = {"disk_full": disk_full, "read_only": read_only, "io_error": io_error,
                            "no_space": no_space, "short_write": short_write}

_active: dict[str, list[Fault]] = {}


def _from_environment() -> None:
    for item in filter(None, os.environ.get("DUIDU_FAULTS", "").split(",")):
        name, _, fault = item.partition("=")
        if fault in FAULTS:
            _active.setdefault(name.strip(), []).append(FAULTS[fault])


_from_environment()


def point(name: str, *args) -> None:
    """Where a fault named ``name`` strikes, when one is installed."""
    faults = _active.get(name)
    if faults:
        faults[-1](*args)


def active(name: str, fault: Fault) -> bool:
    return fault in _active.get(name, ())


@contextmanager
def inject(name: str, fault: Fault | str) -> Iterator[None]:
    """Within the block, ``point(name)`` runs ``fault`` (a callable, or a name from ``FAULTS``)."""
    action = FAULTS[fault] if isinstance(fault, str) else fault
    _active.setdefault(name, []).append(action)
    try:
        yield
    finally:
        _active[name].remove(action)
        if not _active[name]:
            del _active[name]


_HOLDER = r"""
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA busy_timeout = 60000")
con.execute("BEGIN IMMEDIATE")
con.execute("CREATE TABLE IF NOT EXISTS _lock_holder (x)")  # a real write in the transaction
print("locked", flush=True)
sys.stdin.readline()
con.execute("ROLLBACK")
print("released", flush=True)
"""


class LockHolder:
    """Another process holding ``path``'s write lock (as a long import would) until ``release()``.

    ``with LockHolder(path):`` returns once the child has the lock (it says so on a pipe: no
    waiting for a guessed time)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "LockHolder":
        self.process = subprocess.Popen([sys.executable, "-c", _HOLDER, str(self.path)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        if line != "locked":
            self.process.kill()
            raise RuntimeError(f"the lock holder did not get the lock: {line!r} {self.process.stderr.read()}")
        return self

    def release(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.stdin.write("\n")
            self.process.stdin.flush()
            self.process.stdout.readline()
            self.process.wait()

    def __exit__(self, *exc) -> None:
        self.release()
        if self.process is not None:
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                stream.close()
