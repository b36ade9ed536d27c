"""Automatic backups: a copy of the library each time it is opened after it has changed.

Notes are hours of a reader's work, so ``Library.open`` keeps the last few states of the
file in ``<library dir>/backups/<name>-YYYYmmdd-HHMMSS.sqlite`` (UTC; a second backup within
the same second gets ``-1``, ``-2`` … before ``.sqlite``, never replacing one). The copy is made with
SQLite's online backup API (a consistent snapshot, even while another Duidu is writing),
under a temporary name that is renamed when complete, so a crash never leaves a half backup.
Whether anything changed is judged from the size and modification time of the library and
its write-ahead log, recorded beside the backups: an unchanged library costs a few stat calls.
A backup that cannot be made (full disk, read-only folder) is skipped, never an error.

A library that fails ``PRAGMA quick_check`` is never copied: copies of a damaged file would
rotate the good backups out. A warning (once per library and process) names the newest backup
that passes the check, the one to restore from. Callers that open the library often (the
command line, run from scripts) pass ``min_interval``: no backup while the newest is younger
than that, so a loop of ``duidu import`` cannot push out the backups a reading session left.
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
CLI_INTERVAL = 600  # seconds: the command line backs up at most this often

_warned: set[str] = set()  # libraries already warned about as damaged, in this process

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


def _pattern(path: Path) -> re.Pattern:
    return re.compile(re.escape(path.stem) + r"-(\d{8}-\d{6})(?:-(\d+))?\.sqlite$")


def backups(path: Path) -> list[Path]:
    """The library's backups, oldest first."""
    pattern = _pattern(path)
    try:
        found = [(m, p) for p in folder(path).iterdir() if (m := pattern.match(p.name))]
    except OSError:
        return []
    return [p for m, p in sorted(found, key=lambda mp: (mp[0].group(1), int(mp[0].group(2) or 0)))]


def _taken_at(path: Path, backup: Path) -> datetime | None:
    m = _pattern(path).match(backup.name)
    try:
        return datetime.strptime(m.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=timezone.utc) if m else None
    except ValueError:
        return None


def check(conn: sqlite3.Connection) -> str:
    """``ok``, or the first problem ``PRAGMA quick_check`` finds (or the error it stops with)."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return "ok" if [r[0] for r in rows] == ["ok"] else str(rows[0][0] if rows else "no answer")


def newest_good(path: Path) -> Path | None:
    """The newest backup of the library at ``path`` that passes ``quick_check``."""
    for b in reversed(backups(path)):
        try:
            con = sqlite3.connect(f"{b.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error:
            continue
        try:
            if check(con) == "ok":
                return b
        finally:
            con.close()
    return None


def backup_if_changed(conn: sqlite3.Connection, path: Path, before: list[int] | None, *, keep: int = KEEP,
                      min_interval: float = 0) -> Path | None:
    """Copy the open library ``conn`` (at ``path``, whose fingerprint before opening was
    ``before``) unless the newest backup already holds that state, or is younger than
    ``min_interval`` seconds, or the library fails ``quick_check``; the new backup, or None."""
    if before is None:
        return None
    try:
        return _backup(conn, path, before, keep, min_interval)
    except (OSError, sqlite3.Error) as exc:
        log.warning("no backup of %s: %s", path, exc)
        return None


def _backup(conn: sqlite3.Connection, path: Path, before: list[int], keep: int, min_interval: float) -> Path | None:
    where = folder(path)
    record = where / f".{path.name}.last-backup"
    try:
        last = json.loads(record.read_text(encoding="utf-8"))
        if last["fingerprint"] == before and (where / last["backup"]).is_file():
            return None
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no record, or an unreadable one: make a backup
    now = _now()
    existing = backups(path)
    if min_interval and existing and (taken := _taken_at(path, existing[-1])) is not None:
        if 0 <= (now - taken).total_seconds() < min_interval:
            return None  # backed up a moment ago: the next open after the interval copies this state
    problem = check(conn)
    if problem != "ok":
        if str(path) not in _warned:
            _warned.add(str(path))
            good = newest_good(path)
            log.warning("%s is damaged (quick_check: %s): no backup made, the existing ones are kept; %s",
                        path, problem, f"restore from {good}" if good else "no backup passes the check to restore from")
        return None
    where.mkdir(exist_ok=True)
    stamp = f"{path.stem}-{now:%Y%m%d-%H%M%S}"
    token = f"{os.getpid()}.{secrets.token_hex(4)}"  # two threads of one process may back up at once
    partial = where / f".{stamp}.{token}.tmp"
    target = sqlite3.connect(partial)
    try:
        conn.backup(target)
    finally:
        target.close()
    taken = [m for b in backups(path) if (m := _pattern(path).match(b.name)) and m.group(1) == f"{now:%Y%m%d-%H%M%S}"]
    first = 1 + max(int(m.group(2) or 0) for m in taken) if taken else 0  # after this second's others, even pruned ones
    name = _place(partial, where, stamp, first)
    scratch = where / f".{path.name}.{token}.tmp"
    scratch.write_text(json.dumps({"fingerprint": before, "backup": name}), encoding="utf-8")
    os.replace(scratch, record)
    _prune(path, keep)
    return where / name


def _place(partial: Path, where: Path, stamp: str, n: int) -> str:
    """Give the finished copy its name: ``stamp`` (n = 0) or ``stamp-n``, counting up past names taken."""
    while True:
        name = f"{stamp}.sqlite" if n == 0 else f"{stamp}-{n}.sqlite"
        try:
            os.link(partial, where / name)  # fails rather than replace a backup of the same second
        except FileExistsError:
            n += 1
            continue
        except OSError:  # no hard links on this file system
            if (where / name).exists():
                n += 1
                continue
            os.replace(partial, where / name)
            return name
        partial.unlink()
        return name


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
