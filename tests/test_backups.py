"""Backups: never of a damaged library, never replacing one another, not every CLI run."""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from duidu.cli.main import main
from duidu.library import backups
from duidu.library.store import Library
from duidu.paths import seed_path

SEED = "004_bae3a0f70cd3e527.txt"


@pytest.fixture
def clock(monkeypatch):
    now = [datetime(2025, 3, 1, 8, 0, 0, tzinfo=timezone.utc)]
    monkeypatch.setattr(backups, "_now", lambda: now[0])
    return now


def library_with_backups(path, clock, n: int) -> int:
    """A one-document library at ``path`` with ``n`` backups a minute apart; the document id."""
    with Library.open(path, seed=False) as lib:
        d = lib.import_file(seed_path(SEED)).document.id
    for i in range(n):
        with Library.open(path) as lib:
            lib.annotate(d, i, i + 5, annotator="王老师")
        clock[0] += timedelta(minutes=1)
    assert len(backups.backups(path)) == n
    return d


def quick_check(path) -> str:
    con = sqlite3.connect(path)
    try:
        return backups.check(con)
    finally:
        con.close()


def damage(path) -> None:
    """Garbage over the root page of the documents table, as a failing disk might leave it."""
    con = sqlite3.connect(path)
    page = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'documents'").fetchone()[0]
    con.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page)
        f.write(b"\xa5" * page)
    assert quick_check(path) != "ok"


def open_damaged(path, clock, times: int) -> None:
    for _ in range(times):
        clock[0] += timedelta(minutes=1)
        try:
            Library.open(path).close()
        except Exception:  # a damaged library may fail to open later on; the backups are the point here
            pass


def backup_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == backups.__name__]


def test_a_damaged_library_is_never_backed_up_and_the_good_backups_stay(tmp_path, clock, caplog, monkeypatch):
    path = tmp_path / "lib.sqlite"
    library_with_backups(path, clock, 3)
    kept = {p.name: p.read_bytes() for p in backups.backups(path)}
    damage(path)
    monkeypatch.setattr(backups, "_warned", set())
    with caplog.at_level(logging.WARNING, logger=backups.__name__):
        open_damaged(path, clock, 6)  # more opens than backups are kept
    assert {p.name: p.read_bytes() for p in backups.backups(path)} == kept
    warnings = backup_warnings(caplog)
    newest = backups.backups(path)[-1]
    assert len(warnings) == 1 and "\n" not in warnings[0], warnings  # once, however often it is opened
    assert f"{path} is damaged" in warnings[0] and f"restore from {newest}" in warnings[0]
    assert quick_check(newest) == "ok"


def test_the_warning_names_the_newest_backup_that_is_itself_good(tmp_path, clock, caplog, monkeypatch):
    path = tmp_path / "lib.sqlite"
    library_with_backups(path, clock, 2)
    older, newest = backups.backups(path)
    newest.write_bytes(b"not a library" * 1000)
    damage(path)
    monkeypatch.setattr(backups, "_warned", set())
    with caplog.at_level(logging.WARNING, logger=backups.__name__):
        open_damaged(path, clock, 1)
    (warning,) = backup_warnings(caplog)
    assert f"restore from {older}" in warning
    older.write_bytes(b"not a library either" * 1000)
    monkeypatch.setattr(backups, "_warned", set())
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=backups.__name__):
        open_damaged(path, clock, 1)
    (warning,) = backup_warnings(caplog)
    assert "no backup passes the check to restore from" in warning
    assert backups.backups(path) == [older, newest]


def written(path):
    """Move the library's mtime on, as a write on a file system with fine timestamps would:
    these writes come faster than some file systems' clocks tick (a backup is judged by size and
    mtime, and the size may stay the same), and the test is about names, not clocks."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


def test_two_backups_in_the_same_second_are_two_files(tmp_path, clock):
    path = tmp_path / "lib.sqlite"
    with Library.open(path, seed=False) as lib:
        d = lib.import_file(seed_path(SEED)).document.id
    made = []
    for i in range(3):  # the clock stands still: all three in one second
        with Library.open(path) as lib:
            lib.annotate(d, i, i + 5, annotator="王老师")
        made.append(backups.backups(path)[-1])
        written(path)
    names = [p.name for p in backups.backups(path)]
    assert names == ["lib-20250301-080000.sqlite", "lib-20250301-080000-1.sqlite", "lib-20250301-080000-2.sqlite"]
    assert [p.name for p in made] == names  # oldest first, the newest last
    counts = []
    for p in backups.backups(path):
        con = sqlite3.connect(p)
        counts.append(con.execute("SELECT count(*) FROM annotations").fetchone()[0])
        con.close()
    assert counts == [0, 1, 2]  # each a different state, none replaced
    for _ in range(4):  # pruning keeps the newest five by that order
        with Library.open(path) as lib:
            lib.annotate(d, 9, 12, annotator="王老师")
        written(path)
    assert [p.name for p in backups.backups(path)] == [f"lib-20250301-080000-{n}.sqlite" for n in range(2, 7)]


def test_command_line_runs_back_up_at_most_once_per_interval(tmp_path, clock, capsys):
    path = tmp_path / "lib.sqlite"
    library_with_backups(path, clock, 1)
    before = backups.backups(path)
    assert main(["--library", str(path), "import", str(seed_path("000_bf6dfff8fbad574e.txt"))]) == 0
    assert backups.backups(path) == before  # the reading session's backup is a minute old: not again
    clock[0] += timedelta(minutes=backups.CLI_INTERVAL // 60)
    for n in range(5):  # a script importing five files a minute apart: each run finds a changed library
        copy = tmp_path / f"doc{n}.txt"
        copy.write_text(seed_path(SEED).read_text(encoding="utf-8") + f"\n第{n}份。\n", encoding="utf-8")
        assert main(["--library", str(path), "import", str(copy)]) == 0
        clock[0] += timedelta(minutes=1)
    capsys.readouterr()
    made = [p for p in backups.backups(path) if p not in before]
    assert len(made) == 1, made  # the first run copied the state the reading session left; the rest did not
    assert before[0] in backups.backups(path)
    clock[0] += timedelta(minutes=backups.CLI_INTERVAL // 60)
    assert main(["--library", str(path), "notes", "list"]) in (0, 1)
    assert len(backups.backups(path)) == len(before) + 2  # the interval passed: the changes are copied
    with Library.open(path) as lib:  # the reading session itself is not held back
        lib.annotate(1, 0, 5, annotator="王老师")
    with Library.open(path):
        pass
    assert len(backups.backups(path)) == len(before) + 3
