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


def open_damaged(path, clock, times: int) -> list[str]:
    """Open the damaged library ``times`` times; the one-line refusals."""
    from duidu.library.errors import InputError

    said = []
    for _ in range(times):
        clock[0] += timedelta(minutes=1)
        before = path.read_bytes()
        with pytest.raises(InputError) as refused:
            Library.open(path).close()
        assert path.read_bytes() == before  # refused before anything wrote to it
        said.append(str(refused.value))
    return said


def test_a_damaged_library_is_refused_naming_the_newest_good_backup(tmp_path, clock):
    path = tmp_path / "lib.sqlite"
    library_with_backups(path, clock, 3)
    kept = {p.name: p.read_bytes() for p in backups.backups(path)}
    damage(path)
    said = open_damaged(path, clock, 6)  # more opens than backups are kept
    assert {p.name: p.read_bytes() for p in backups.backups(path)} == kept
    newest = backups.backups(path)[-1]
    for line in said:
        assert "\n" not in line and "is damaged" in line and str(newest) in line
        assert f"library restore {newest.name}" in line
    assert quick_check(newest) == "ok"


def test_the_message_names_the_newest_backup_that_is_itself_good(tmp_path, clock):
    path = tmp_path / "lib.sqlite"
    library_with_backups(path, clock, 2)
    older, newest = backups.backups(path)
    newest.write_bytes(b"not a library" * 1000)
    damage(path)
    (line,) = open_damaged(path, clock, 1)
    assert str(older) in line and str(newest) not in line
    older.write_bytes(b"not a library either" * 1000)
    (line,) = open_damaged(path, clock, 1)
    assert "no backup of it passes the check" in line
    assert backups.backups(path) == [older, newest]


def test_library_restore_puts_the_newest_good_backup_back_and_keeps_the_damaged_file(tmp_path, clock, capsys):
    path = tmp_path / "lib.sqlite"
    d = library_with_backups(path, clock, 3)
    with Library.open(path, backup=False) as lib:
        lib.annotate(d, 50, 60, annotator="王老师")  # after the newest backup: lost with the damage
    newest = backups.backups(path)[-1]
    con = sqlite3.connect(newest)
    in_backup = con.execute("SELECT count(*) FROM annotations").fetchone()[0]
    con.close()
    damage(path)
    damaged = path.read_bytes()
    assert main(["--library", str(path), "search", "教育"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and f"library restore {newest.name}" in err
    assert main(["--library", str(path), "library", "restore"]) == 0
    out, err = capsys.readouterr()
    assert str(newest) in out
    (kept,) = tmp_path.glob("lib.sqlite.replaced-*")
    assert kept.read_bytes() == damaged  # the damaged file is set aside, never deleted
    assert quick_check(path) == "ok"
    # What the backup left out is made again by the restore, which says so (not in silence by the next open).
    assert err.strip() == "making its search index, key forms and measures again from the texts…"
    con = sqlite3.connect(path)
    documents, keyforms = con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM keyforms)").fetchone()
    con.close()
    assert documents > 0 and keyforms == documents
    with Library.open(path) as lib:
        assert len(lib.annotations()) == in_backup == 2  # the state of the newest backup


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


def test_a_changed_library_is_checked_once_not_on_every_open(tmp_path, clock, monkeypatch):
    path = tmp_path / "lib.sqlite"
    d = library_with_backups(path, clock, 1)
    with Library.open(path, backup=False) as lib:
        lib.annotate(d, 40, 45, annotator="王老师")  # changed since the backup
    checks = []
    real = backups.check
    monkeypatch.setattr(backups, "check", lambda conn: checks.append(1) or real(conn))
    for _ in range(3):  # the command line within its backup interval: no backup, but a check
        Library.open(path, backup_interval=backups.CLI_INTERVAL).close()
    assert len(checks) == 1


def test_a_backup_leaves_out_derived_rows_and_restores_to_a_working_library(tmp_path, clock):
    """Backups hold what cannot be made again (texts, notes, codebook, corrections); the search
    and similar-passage indexes, key forms and measures are rebuilt when the restored library
    is opened, the same as they were."""
    path = tmp_path / "lib.sqlite"
    d = library_with_backups(path, clock, 2)  # the newest backup holds the first note

    def derived_counts(con) -> dict:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in backups.DERIVED}

    con = sqlite3.connect(path)
    before = derived_counts(con)
    con.close()
    assert all(before[t] for t in ("search_index", "similar_index", "keyforms", "measure_mentions"))
    backup = backups.backups(path)[-1]
    con = sqlite3.connect(backup)
    assert set(derived_counts(con).values()) == {0}  # no derived row in the copy
    kept = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "paragraphs", "excluded", "annotations", "codes")}
    con.close()
    assert kept["documents"] == 1 and kept["annotations"] == 1 and kept["codes"] > 0
    assert backup.stat().st_size < path.stat().st_size
    backups.restore(path, backup)
    with Library.open(path, backup=False) as lib:
        assert lib.search("教育")  # the search index is back
        assert lib.similar(lib.text(d).text[40:80], top=1)[0].document_id == d
        assert len(lib.annotations()) == 1
    con = sqlite3.connect(path)
    assert {t: n for t, n in derived_counts(con).items() if t != "views"} == \
        {t: n for t, n in before.items() if t != "views"}
    con.close()


def test_the_window_takes_its_backup_on_a_thread_of_its_own(tmp_path, clock):
    """``background_backup``: the open returns before the copy is made; the copy then appears."""
    path = tmp_path / "lib.sqlite"
    d = library_with_backups(path, clock, 1)
    with Library.open(path, backup=False) as lib:
        lib.annotate(d, 20, 30, annotator="王老师")  # a change since the backup
    clock[0] += timedelta(minutes=1)
    with Library.open(path, background_backup=True) as lib:
        thread = lib.backup_thread
        assert thread is not None and thread.name == "duidu-backup"
        thread.join()
    assert len(backups.backups(path)) == 2
    con = sqlite3.connect(backups.backups(path)[-1])
    assert con.execute("SELECT count(*) FROM annotations").fetchone()[0] == 2
    con.close()
