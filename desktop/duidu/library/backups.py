"""Automatic backups: a copy of the library each time it is opened after it has changed.

Notes are hours of a reader's work, so ``Library.open`` keeps the last few states of the
file in ``<library dir>/backups/<name>-YYYYmmdd-HHMMSS.sqlite`` (UTC). The copy is made with
SQLite's online backup API (a consistent snapshot, even while another Duidu is writing),
under a temporary name that is renamed when complete, so a crash never leaves a half backup.
Whether anything changed is judged from the size and modification time of the library and
its write-ahead log, recorded beside the backups: an unchanged library costs a few stat calls.
A backup that cannot be made (full disk, read-only folder) is skipped, never an error.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

KEEP = 5
FOLDER = "backups"
STALE_SECONDS = 3600  # a temporary file this old belongs to a copy that was interrupted

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def fingerprint(path: Path) -> list[int] | None:
    """Size and mtime of the library and of its write-ahead log; None when there is no library yet."""
    try:
        st = path.stat()
    except OSError:
        return None
    if st.st_size == 0:
        return None
    found = [st.st_size, st.st_mtime_ns]
    try:
        wal = Path(f"{path}-wal").stat()
        if wal.st_size:
            found += [wal.st_size, wal.st_mtime_ns]
    except OSError:
        pass
    return found


def folder(path: Path) -> Path:
    return path.parent / FOLDER


def backups(path: Path) -> list[Path]:
    """The library's backups, oldest first."""
    pattern = re.compile(re.escape(path.stem) + r"-\d{8}-\d{6}\.sqlite$")
    try:
        return sorted(p for p in folder(path).iterdir() if pattern.match(p.name))
    except OSError:
        return []


def backup_if_changed(conn: sqlite3.Connection, path: Path, before: list[int] | None, *, keep: int = KEEP) -> Path | None:
    """Copy the open library ``conn`` (at ``path``, whose fingerprint before opening was
    ``before``) unless the newest backup already holds that state; the new backup, or None."""
    if before is None:
        return None
    try:
        return _backup(conn, path, before, keep)
    except (OSError, sqlite3.Error) as exc:
        log.warning("no backup of %s: %s", path, exc)
        return None


def _backup(conn: sqlite3.Connection, path: Path, before: list[int], keep: int) -> Path | None:
    where = folder(path)
    record = where / f".{path.name}.last-backup"
    try:
        last = json.loads(record.read_text(encoding="utf-8"))
        if last["fingerprint"] == before and (where / last["backup"]).is_file():
            return None
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no record, or an unreadable one: make a backup
    where.mkdir(exist_ok=True)
    name = f"{path.stem}-{_now():%Y%m%d-%H%M%S}.sqlite"
    token = f"{os.getpid()}.{secrets.token_hex(4)}"  # two threads of one process may back up at once
    partial = where / f".{name}.{token}.tmp"
    target = sqlite3.connect(partial)
    try:
        conn.backup(target)
    finally:
        target.close()
    os.replace(partial, where / name)  # a second backup within the same second replaces the first
    scratch = where / f".{path.name}.{token}.tmp"
    scratch.write_text(json.dumps({"fingerprint": before, "backup": name}), encoding="utf-8")
    os.replace(scratch, record)
    _prune(path, keep)
    return where / name


def _prune(path: Path, keep: int) -> None:
    for old in backups(path)[:-keep]:
        old.unlink(missing_ok=True)
    cutoff = time.time() - STALE_SECONDS
    for tmp in folder(path).glob(".*.tmp"):
        try:
            if tmp.stat().st_mtime < cutoff:
                tmp.unlink()
        except OSError:
            pass  # another Duidu swept it first
