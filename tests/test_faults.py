"""Faults under a write: the library vanishing, replaced, full, read-only; exports to odd targets;
libraries Duidu must not touch. Faults are injected (``duidu.library.faults``) where a real one
would need a full disk, a read-only medium or a device node; the rest are real files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat

import pytest

from duidu.cli.main import main
from duidu.library import faults, recovery
from duidu.library.errors import InputError
from duidu.library.store import Library
from duidu.library.transactions import LibraryUnavailable
from duidu.paths import seed_path

SEED = "004_bae3a0f70cd3e527.txt"


@pytest.fixture
def small(tmp_path):
    """A one-document library in a folder of its own; (path, document id)."""
    path = tmp_path / "shelf" / "lib.sqlite"
    with Library.open(path, seed=False) as lib:
        doc = lib.import_file(seed_path(SEED)).document.id
    return path, doc


def notes_in(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT note FROM annotations ORDER BY id")]
    finally:
        con.close()


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


# -- the library vanishing or changing under an open connection ------------------------------
def test_a_deleted_library_folder_is_detected_and_the_note_kept(small):
    path, doc = small
    with Library.open(path) as lib:
        lib.annotate(doc, 0, 5, note="saved first", annotator="王老师")
        shutil.rmtree(path.parent)  # the folder goes while the library is open
        with pytest.raises(LibraryUnavailable, match="gone") as lost:
            lib.annotate(doc, 10, 20, note="typed after the folder went", annotator="王老师")
    (kept,) = recovery.pending(path)
    assert str(kept.path) in str(lost.value)
    assert kept.record["note"] == "typed after the folder went" and kept.record["targets"][0]["start"] == 10
    assert kept.record["targets"][0]["quote"]  # read through the still-open connection: the passage is named


def test_a_replaced_library_file_is_detected_and_the_kept_note_goes_back_in(small, tmp_path):
    path, doc = small
    spare = tmp_path / "spare.sqlite"
    shutil.copyfile(path, spare)
    with Library.open(path) as lib:
        os.replace(spare, path)  # another file now has the library's name
        with pytest.raises(LibraryUnavailable, match="replaced"):
            lib.annotate(doc, 30, 40, note="kept for later", annotator="王老师")
    assert notes_in(path) == []
    with Library.open(path) as lib:
        (kept,) = recovery.pending(path)
        back = recovery.restore(lib, kept)
        assert (back.note, back.targets[0].start, back.targets[0].end) == ("kept for later", 30, 40)
    assert recovery.pending(path) == [] and notes_in(path) == ["kept for later"]


def test_import_into_a_library_whose_folder_went_mid_import_fails_and_says_so(small, tmp_path, capsys):
    path, _ = small
    src = tmp_path / "new.txt"
    src.write_text(seed_path(SEED).read_text(encoding="utf-8") + "\n新增一段，专门用于测试。\n", encoding="utf-8")
    gone = []

    def folder_goes(*_):
        if not gone:
            gone.append(True)
            shutil.rmtree(path.parent)

    with faults.inject("begin", folder_goes):  # after the file was read and analysed, before it is stored
        code = main(["--library", str(path), "import", str(src)])
    out, err = capsys.readouterr()
    assert gone and code == 1 and "imported" not in out
    assert "gone" in err and "Traceback" not in err
    assert not path.exists()


@pytest.mark.parametrize("fault, said", [("disk_full", "disk is full"), ("read_only", "read-only"),
                                         ("io_error", "disk I/O error")])
def test_a_failing_commit_saves_nothing_and_keeps_the_note(small, fault, said):
    path, doc = small
    with Library.open(path) as lib, faults.inject("commit", fault):
        with pytest.raises(LibraryUnavailable, match=said):
            lib.annotate(doc, 0, 9, note=f"during {fault}", annotator="王老师")
    assert notes_in(path) == []
    assert [k.record["note"] for k in recovery.pending(path)] == [f"during {fault}"]


def test_an_import_that_fails_at_commit_leaves_no_document_and_no_derived_rows(small, tmp_path):
    path, _ = small
    src = tmp_path / "new.txt"
    src.write_text(seed_path(SEED).read_text(encoding="utf-8") + "\n新增一段，专门用于测试。\n", encoding="utf-8")
    tables = ("documents", "paragraphs", "sentences", "search_index", "keyforms", "measure_mentions", "similar_index")

    def counts():
        con = sqlite3.connect(path)
        try:
            return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        finally:
            con.close()

    before = counts()
    with Library.open(path) as lib, faults.inject("commit", "disk_full"):
        with pytest.raises(LibraryUnavailable, match="disk is full"):
            lib.import_file(src)
    assert counts() == before


# -- opening: versions, read-only places, damage ----------------------------------------------
def test_a_newer_library_is_refused_and_not_a_byte_changes(tmp_path):
    path = tmp_path / "newer" / "newer.sqlite"
    path.parent.mkdir()
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(InputError, match="version 99 is newer"):
        Library.open(path)
    assert path.read_bytes() == before  # the header still says rollback journal, not WAL
    assert before[18:20] == b"\x01\x01"
    assert sorted(p.name for p in path.parent.iterdir()) == ["newer.sqlite"]  # no log, no backups folder


def test_a_library_in_a_folder_that_cannot_be_made_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["--library", str(blocker / "sub" / "lib.sqlite"), "list"]) == 1
    assert "cannot create the library's folder" in one_line(capsys.readouterr().err)


def test_a_read_only_library_is_one_line(small, tmp_path, capsys):
    path, _ = small
    src = tmp_path / "new.txt"
    src.write_text("第一条　为了测试只读的文库，写下这一段新的文字。\n", encoding="utf-8")

    def denied(p):
        raise PermissionError(13, "Permission denied", str(p))

    with faults.inject("open", denied):  # root may write anywhere: the refusal is injected
        assert main(["--library", str(path), "list"]) == 1
    assert "read-only here" in one_line(capsys.readouterr().err)
    with faults.inject("begin", "read_only"):  # became read-only while open
        assert main(["--library", str(path), "import", str(src)]) == 1
    assert "has become read-only" in capsys.readouterr().err


# -- exports ----------------------------------------------------------------------------------
def test_export_through_a_symlink_updates_the_file_it_points_to(small, tmp_path):
    path, doc = small
    with Library.open(path) as lib:
        lib.annotate(doc, 0, 5, note="exported", annotator="王老师")
        real = tmp_path / "real.csv"
        real.write_text("old", encoding="utf-8")
        link = tmp_path / "link.csv"
        link.symlink_to(real)
        lib.export_notes(link, "csv")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "exported" in real.read_text(encoding="utf-8-sig")


def test_export_to_a_fifo_is_refused_and_the_fifo_stays(small, tmp_path, capsys):
    path, _ = small
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert main(["--library", str(path), "notes", "export", str(fifo)]) == 1
    assert "FIFO" in one_line(capsys.readouterr().err)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    link = tmp_path / "to-pipe.csv"
    link.symlink_to(fifo)
    with Library.open(path) as lib, pytest.raises(InputError, match="FIFO"):
        lib.export_notes(link, "csv")


@pytest.mark.parametrize("fault, said", [("short_write", "bytes reached the disk"), ("no_space", "No space left")])
def test_an_export_that_does_not_reach_the_disk_leaves_the_old_file(small, tmp_path, fault, said):
    path, doc = small
    target = tmp_path / "notes.md"
    target.write_text("the export before", encoding="utf-8")
    with Library.open(path) as lib:
        lib.annotate(doc, 0, 5, note="new", annotator="王老师")
        with faults.inject("export", fault), pytest.raises(InputError, match=said):
            lib.export_notes(target, "md")
    assert target.read_text(encoding="utf-8") == "the export before"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary left


# -- backups ----------------------------------------------------------------------------------
def test_a_backup_failing_on_a_full_disk_leaves_no_partial_copy_and_opening_goes_on(small):
    from duidu.library import backups

    path, doc = small
    with Library.open(path, backup=False) as lib:
        lib.annotate(doc, 0, 5, annotator="王老师")  # a change: the next open backs up
    before = backups.backups(path)
    with faults.inject("backup", "disk_full"), Library.open(path) as lib:
        assert lib.annotations()  # opening is not stopped by a backup that could not be made
    assert backups.backups(path) == before
    assert [p.name for p in backups.folder(path).iterdir() if p.suffix in (".tmp", ".tmp-journal")] == []
    Library.open(path).close()  # the disk has room again: the backup that was due is made
    assert len(backups.backups(path)) == len(before) + 1


def test_inspecting_backups_leaves_no_log_files_beside_them(small, capsys):
    from duidu.library import backups

    path, doc = small
    with Library.open(path, backup=False) as lib:
        lib.annotate(doc, 0, 5, annotator="王老师")
    Library.open(path).close()
    assert main(["--library", str(path), "library", "backups"]) == 0
    assert "ok" in capsys.readouterr().out
    assert backups.newest_good(path) is not None
    names = [p.name for p in backups.folder(path).iterdir()]
    assert not [n for n in names if n.endswith(("-wal", "-shm"))], names


def test_the_window_offers_kept_notes_back_on_the_next_start(qtbot, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from duidu.ui.main_window import MainWindow
    from duidu.ui.settings import Settings

    with Library.open() as lib:  # DUIDU_LIBRARY points into tmp_path (conftest)
        path, docs = lib.path, lib.documents()
        with faults.inject("commit", "disk_full"), pytest.raises(LibraryUnavailable):
            lib.annotate(docs[0].id, 2, 8, note="kept while the disk was full", annotator="张三")
    win = MainWindow(path, docs, settings=Settings(tmp_path / "settings.ini"), chinese_font=True)
    qtbot.addWidget(win)
    win.show()
    win.offer_recovered()
    box = win._recovery_box
    assert "1" in box.text() and "kept while the disk was full" in box.detailedText()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not recovery.pending(path), timeout=60000)
    qtbot.waitUntil(lambda: not win.tasks.busy(), timeout=60000)
    win.close()
    assert notes_in(path) == ["kept while the disk was full"]


def test_a_comparison_report_to_a_fifo_is_refused(small, tmp_path, capsys):
    path, doc = small
    with Library.open(path) as lib:
        other = lib.import_file(seed_path("003_a7b1866d95dd2697.txt")).document.id
    fifo = tmp_path / "report.html"
    os.mkfifo(fifo)
    assert main(["--library", str(path), "compare", str(doc), str(other), "--html", str(fifo)]) == 1
    assert "FIFO" in one_line(capsys.readouterr().err) and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_duidu_notes_recover_puts_kept_notes_back(small, capsys):
    path, doc = small
    with Library.open(path) as lib, faults.inject("commit", "disk_full"), pytest.raises(LibraryUnavailable):
        lib.annotate(doc, 4, 12, note="kept on a full disk", annotator="王老师")
    assert main(["--library", str(path), "notes", "recover", "--list"]) == 0
    assert "kept on a full disk" in capsys.readouterr().out and notes_in(path) == []
    assert main(["--library", str(path), "notes", "recover"]) == 0
    assert "put back note" in capsys.readouterr().out
    assert notes_in(path) == ["kept on a full disk"] and recovery.pending(path) == []


def test_an_export_to_a_device_node_is_refused_before_anything_is_opened(small, tmp_path, monkeypatch):
    from duidu.library import output_file

    path, _ = small
    target = tmp_path / "looks-like-a-device"
    target.write_text("untouched", encoding="utf-8")
    real_stat = os.stat

    def as_device(p, *args, **kwargs):  # no real device node is ever written to: its mode is faked
        st = real_stat(p, *args, **kwargs)
        if str(p) == str(target):
            return os.stat_result((stat.S_IFCHR | 0o666, *st[1:]))
        return st

    monkeypatch.setattr(output_file.os, "stat", as_device)
    with Library.open(path) as lib, pytest.raises(InputError, match="character device"):
        lib.export_notes(target, "csv")
    assert target.read_text(encoding="utf-8") == "untouched"
