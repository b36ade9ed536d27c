"""Automatic backups: a copy of the library each time it is opened after it has changed.

A copy holds what cannot be made again (texts, raw texts, metadata and corrections, notes, the
codebook); the derived tables (``DERIVED``: indexes, key forms, measures, script views) are left
out and rebuilt when a restored library is opened.

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

from duidu.library import faults

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


def check_file(backup: Path) -> str:
    """``check`` of a backup, opened read-only and immutable (no -wal or -shm left beside it)."""
    try:
        con = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        return check(con)
    finally:
        con.close()


def newest_good(path: Path) -> Path | None:
    """The newest backup of the library at ``path`` that passes ``quick_check``."""
    for b in reversed(backups(path)):
        if check_file(b) == "ok":
            return b
    return None


_HEADER = b"SQLite format 3\x00"


def changed_since_backup(path: Path, before: list[int]) -> bool:
    """Whether the library (fingerprint ``before``) may differ from the state its newest backup
    holds, or the state last found good (both passed ``quick_check``): only then is it worth
    checking again (a read-only command run a hundred times after one import checks once)."""
    try:
        if json.loads((folder(path) / f".{path.name}.last-check").read_text(encoding="utf-8")) == before:
            return False
    except (OSError, ValueError):
        pass
    try:
        last = json.loads((folder(path) / f".{path.name}.last-backup").read_text(encoding="utf-8"))
        return not (last["fingerprint"] == before and (folder(path) / last["backup"]).is_file())
    except (OSError, ValueError, KeyError, TypeError):
        return True


def found_good(path: Path, before: list[int]) -> None:
    """Remember that the library with fingerprint ``before`` passed ``quick_check`` (best effort)."""
    try:
        where = folder(path)
        where.mkdir(exist_ok=True)
        scratch = where / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        scratch.write_text(json.dumps(before), encoding="utf-8")
        os.replace(scratch, where / f".{path.name}.last-check")
    except OSError:
        pass


def damaged(path: Path, problem: str):
    """The one line for a library that fails ``quick_check`` (or that SQLite calls malformed):
    what is wrong, the newest good backup and the command that restores it."""
    from duidu.library.errors import InputError

    try:
        with open(path, "rb") as f:
            header = f.read(len(_HEADER))
    except OSError:
        header = _HEADER
    if header != _HEADER and header:
        return InputError(str(path), f"not a Duidu library ({problem})")
    good = newest_good(path)
    if good is None:
        return InputError(str(path), f"the library is damaged ({problem}) and no backup of it passes the check; "
                                     f"nothing was written to it")
    return InputError(str(path), f"the library is damaged ({problem}); nothing was written to it. The newest good "
                                 f"backup is {good} — restore it with: duidu --library {path} library restore {good.name}")


def restore(path: Path, backup: Path | None = None) -> tuple[Path, Path | None]:
    """Put ``backup`` (default: the newest that passes ``quick_check``) in the library's place.

    The library as it was is kept beside it as ``<name>.replaced-<time>`` (with its log), never
    deleted; a Duidu still holding the old file sees it replaced and saves nothing into it.
    Returns (the backup restored, where the old library was kept or None when there was none)."""
    from duidu.library.errors import InputError

    if backup is None:
        backup = newest_good(path)
        if backup is None:
            raise InputError(str(path), "no backup passes the check: nothing to restore "
                                        f"(backups are kept in {folder(path)})")
    elif not backup.is_absolute() and not backup.exists():
        backup = folder(path) / backup
    if not backup.is_file():
        raise InputError(str(backup), "no such backup")
    problem = check_file(backup)
    if problem != "ok":
        raise InputError(str(backup), f"this backup fails the check too ({problem}); choose another")
    stamp = f"{_now():%Y%m%d-%H%M%S}"
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.restoring")
    with open(backup, "rb") as src, open(partial, "wb") as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    kept = None
    if path.exists():
        kept = path.with_name(f"{path.name}.replaced-{stamp}")
        os.replace(path, kept)
    for suffix in ("-wal", "-shm"):  # the old file's log belongs with it, never with the backup
        log_file = Path(f"{path}{suffix}")
        if log_file.exists():
            os.replace(log_file, Path(f"{kept or path}{suffix}" if kept else f"{path}{suffix}.old"))
    os.replace(partial, path)
    return backup, kept


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
        _leave_out_derived(target)
        faults.point("backup", partial)
    except BaseException:
        target.close()
        for leftover in (partial, Path(f"{partial}-journal")):  # a full disk leaves no 0-byte copy behind
            leftover.unlink(missing_ok=True)
        raise
    target.close()
    taken = [m for b in backups(path) if (m := _pattern(path).match(b.name)) and m.group(1) == f"{now:%Y%m%d-%H%M%S}"]
    first = 1 + max(int(m.group(2) or 0) for m in taken) if taken else 0  # after this second's others, even pruned ones
    name = _place(partial, where, stamp, first)
    scratch = where / f".{path.name}.{token}.tmp"
    scratch.write_text(json.dumps({"fingerprint": before, "backup": name}), encoding="utf-8")
    os.replace(scratch, record)
    _prune(path, keep)
    return where / name


# Rows made again from each document's stored text, paragraphs and furniture when a library
# without them is opened (``derived.rebuild``): most of a large library's size, so a backup
# holds what cannot be made again (texts, raw texts, metadata and its corrections, notes, the
# codebook) and a restored library rebuilds the rest.
DERIVED = ("search_index", "similar_index", "similar_units", "keyforms", "measure_mentions", "views")


def _leave_out_derived(target: sqlite3.Connection) -> None:
    tables = dict(target.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
    for table in DERIVED:
        sql = tables.get(table)
        if sql is None:
            continue
        if sql.upper().startswith("CREATE VIRTUAL"):  # an FTS5 index: dropped with its shadow tables and
            target.execute(f"DROP TABLE {table}")  # made again empty (deleting its rows would leave
            target.execute(sql)  # their pages behind until a merge)
        else:
            target.execute(f"DELETE FROM {table}")
    target.commit()
    target.execute("VACUUM")


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
