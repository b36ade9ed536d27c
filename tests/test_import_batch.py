"""Files prepared by worker processes are written several to a transaction (library/batch.py):
each document whole or absent, each file reported only once its transaction is committed, and
the library the same as one written a file at a time."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from duidu.library import batch, faults
from duidu.library.batch import import_paths
from duidu.library.store import Library

META = Path(__file__).parent / "data" / "metadata"
DERIVED = ("paragraphs", "sentences", "excluded", "keyforms", "measure_mentions", "similar_units")


@pytest.fixture
def folder(tmp_path):
    """Six reports, one of them twice, and an empty file."""
    folder = tmp_path / "收到的文件"
    folder.mkdir()
    reports = sorted(META.glob("202*_head.txt"))[:6]
    for n, path in enumerate(reports):
        shutil.copy(path, folder / f"{n}_{path.name}")
    shutil.copy(reports[0], folder / "9_副本.txt")  # the same text again
    (folder / "8_空白.txt").write_bytes(b"")
    return folder


@pytest.fixture
def together(monkeypatch):
    """Every file in one transaction: the writer waits for the workers instead of committing."""
    def ready(self, n):
        future = self._futures.get(n)
        if future is not None:
            future.result()
        return True

    monkeypatch.setattr(batch._Preparing, "ready", ready)
    monkeypatch.setattr(batch, "BATCH_SECONDS", 3600.0)
    monkeypatch.setattr(batch, "WORKERS", 2)


def rows(path: Path) -> dict[str, list]:
    con = sqlite3.connect(path)
    try:
        out = {t: con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in DERIVED}
        out["documents"] = con.execute("SELECT id, title, text_hash, text FROM documents ORDER BY id").fetchall()
        return out
    finally:
        con.close()


def test_files_written_together_are_whole_reported_once_committed_and_as_one_at_a_time(folder, tmp_path, together):
    path = tmp_path / "together.sqlite"
    seen: list[tuple[str, int]] = []

    def committed(outcome):  # another connection sees what is reported
        con = sqlite3.connect(path)
        try:
            seen.append((outcome.status, con.execute("SELECT count(*) FROM documents").fetchone()[0]))
        finally:
            con.close()

    with Library.open(path, seed=False, backup=False) as lib:
        summary = import_paths(lib, [folder], on_outcome=committed)
    assert (summary.imported, summary.duplicates, len(summary.refused)) == (6, 1, 1)
    assert [o.reason for o in summary.refused] == ["the file is empty (0 bytes)"]
    # One transaction: every file was reported after all six documents were committed.
    assert [n for _, n in seen] == [6] * 8
    got = rows(path)
    for table in DERIVED[3:]:  # a key form, measures and similar-passage units for each document
        assert sorted(r[0] for r in got[table]) == [d[0] for d in got["documents"]]

    one_by_one = tmp_path / "one_by_one.sqlite"
    with Library.open(one_by_one, seed=False, backup=False) as lib:
        for path_ in sorted(folder.iterdir()):
            try:
                lib.import_file(path_)
            except Exception:
                pass  # the empty file
    assert rows(one_by_one) == got


def test_a_batch_whose_commit_fails_stores_none_of_its_files_and_says_why(folder, tmp_path, together):
    path = tmp_path / "full.sqlite"
    with Library.open(path, seed=False, backup=False) as lib:
        with faults.inject("commit", "disk_full"):
            summary = import_paths(lib, [folder])
    assert summary.imported == summary.duplicates == 0
    reasons = sorted(o.reason for o in summary.refused)
    assert len(reasons) == 8 and reasons.count("the file is empty (0 bytes)") == 1
    assert all("disk is full" in r for r in reasons if "empty" not in r)
    assert all(not v for v in rows(path).values())  # no document, no derived row
