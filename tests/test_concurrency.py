"""Two writers on one library: each waits for the other instead of failing "database is locked".

Every wait here is on an event (a child saying "ready" or "locked" on a pipe, the library's
``on_wait`` hook, a Qt signal), never on a guessed time."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading

import pytest

from duidu.library.faults import LockHolder
from duidu.library.store import Library
from duidu.paths import seed_path

SEED = "004_bae3a0f70cd3e527.txt"
SAVES = 60

SAVER = r"""
import sys
from duidu.library.store import Library

lib = Library.open(sys.argv[1], seed=False, backup=False)
doc, who = int(sys.argv[2]), sys.argv[3]
print("ready", flush=True)
sys.stdin.readline()  # the parent starts both writers at once
for i in range(int(sys.argv[4])):
    lib.annotate(doc, i, i + 5, note=f"{who} {i}", annotator=who)
print("saved", flush=True)
"""


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library.open(path, seed=False) as lib:
        doc = lib.import_file(seed_path(SEED)).document.id
    return path, doc


def count_notes(path, who: str | None = None) -> int:
    con = sqlite3.connect(path)
    try:
        sql, args = ("SELECT count(*) FROM annotations", []) if who is None else \
            ("SELECT count(*) FROM annotations WHERE annotator = ?", [who])
        return con.execute(sql, args).fetchone()[0]
    finally:
        con.close()


def test_two_processes_saving_notes_at_once_all_succeed(small):
    path, doc = small
    writers = [subprocess.Popen([sys.executable, "-c", SAVER, str(path), str(doc), who, str(SAVES)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for who in ("甲", "乙")]
    for w in writers:
        assert w.stdout.readline().strip() == "ready", w.stderr.read()
    for w in writers:  # both go together: their transactions interleave
        w.stdin.write("go\n")
        w.stdin.flush()
    for w in writers:
        out, err = w.communicate()
        assert w.returncode == 0 and out.strip() == "saved", err[-2000:]
    assert count_notes(path, "甲") == count_notes(path, "乙") == SAVES


def test_a_note_saved_while_another_process_holds_the_lock_waits_and_is_saved(small):
    path, doc = small
    with Library.open(path) as lib, LockHolder(path) as holder:
        waiting = threading.Event()
        seconds = []

        def on_wait(waited: float) -> None:
            seconds.append(waited)
            waiting.set()

        lib.db.on_wait = on_wait
        releaser = threading.Thread(target=lambda: (waiting.wait(120), holder.release()))
        releaser.start()
        note = lib.annotate(doc, 3, 9, note="waited for the lock", annotator="王老师")
        releaser.join()
    assert waiting.is_set() and seconds  # it did wait, and said so while waiting
    assert note.note == "waited for the lock" and count_notes(path) == 1


def test_a_write_gives_up_only_after_its_wait_and_keeps_the_note(small):
    from duidu.library import recovery
    from duidu.library.transactions import LibraryUnavailable

    path, doc = small
    with Library.open(path) as lib, LockHolder(path):
        lib.db.write_wait = 0  # the command line waits ten minutes; the point here is what happens after
        with pytest.raises(LibraryUnavailable, match="another Duidu has been writing"):
            lib.annotate(doc, 3, 9, note="not lost", annotator="王老师")
    assert count_notes(path) == 0
    assert [k.record["note"] for k in recovery.pending(path)] == ["not lost"]


# -- the window's writer lane ---------------------------------------------------------------------
def test_the_windows_writer_waits_for_another_writer_and_saves(qtbot, small):
    from duidu.ui.tasks import TaskRunner

    path, doc = small
    runner = TaskRunner(path)
    try:
        with LockHolder(path) as holder:
            saved = []
            with qtbot.waitSignal(runner.waiting, timeout=120000) as waited:
                runner.write(lambda lib, progress, cancel: lib.annotate(doc, 0, 4, note="from the window",
                                                                         annotator="张三"), saved.append)
            assert waited.signal_triggered and runner.pending_writes() == 1
            with qtbot.waitSignal(runner.writesDone, timeout=120000):
                holder.release()
        assert [a.note for a in saved] == ["from the window"] and count_notes(path) == 1
    finally:
        runner.shutdown()


def test_closing_the_window_flushes_a_note_still_waiting_for_the_lock(qtbot, tmp_path):
    from duidu.ui.main_window import MainWindow
    from duidu.ui.settings import Settings

    with Library.open() as lib:  # DUIDU_LIBRARY points into tmp_path (conftest)
        path, docs = lib.path, lib.documents()
    win = MainWindow(path, docs, settings=Settings(tmp_path / "settings.ini"), chinese_font=True)
    qtbot.addWidget(win)
    win.show()
    with LockHolder(path) as holder:
        with qtbot.waitSignal(win.tasks.waiting, timeout=120000):
            win.notes_ui.notes.annotate(docs[0].id, 0, 6, note="typed just before closing")
        win.tasks.waiting.connect(lambda *_: holder.release())  # the other writer finishes while the window waits
        win.close()  # returns once the note is in the library
    assert win.tasks.pending_writes() == 0
    with Library.open(path) as lib:
        assert [a.note for a in lib.annotations()] == ["typed just before closing"]


def test_duidu_import_waits_for_another_writer_says_so_and_imports(small, tmp_path):
    path, _ = small
    src = tmp_path / "new.txt"
    src.write_text(seed_path(SEED).read_text(encoding="utf-8") + "\n另一进程写入时导入的段落。\n", encoding="utf-8")
    with LockHolder(path) as holder:
        child = subprocess.Popen([sys.executable, "-m", "duidu", "--library", str(path), "import", str(src)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        said = child.stderr.readline()  # the first thing it says: that it waits (no guessed delay)
        holder.release()
        out, err = child.communicate()
    assert "waiting for another Duidu" in said, said + err
    assert child.returncode == 0 and out.startswith("imported "), out + err


IMPORTER = r"""
import sys
from duidu.library.store import Library

lib = Library.open(sys.argv[1], seed=False, backup=False)
said = []
lib.db.on_wait = lambda seconds: said or (said.append(1), print("waiting", flush=True))
print("ready", flush=True)
sys.stdin.readline()
r = lib.import_file(sys.argv[2])
print(r.document.id, flush=True)
"""


def test_two_processes_importing_the_same_text_at_once_both_succeed_with_one_document(small, tmp_path):
    path, _ = small
    src = tmp_path / "same.txt"
    src.write_text(seed_path(SEED).read_text(encoding="utf-8") + "\n两个进程同时导入的同一段文字。\n", encoding="utf-8")
    importers = [subprocess.Popen([sys.executable, "-c", IMPORTER, str(path), str(src)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for p in importers:
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    with LockHolder(path) as holder:  # both find the text absent and analyse it, then wait for the lock
        for p in importers:
            p.stdin.write("go\n")
            p.stdin.flush()
        for p in importers:
            assert p.stdout.readline().strip() == "waiting", p.stderr.read()
        holder.release()
    ids = []
    for p in importers:
        out, err = p.communicate()
        assert p.returncode == 0, err[-2000:]
        ids.append(int(out.strip()))
    assert ids[0] == ids[1]
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2  # the seed and this one, once
    con.close()


def test_a_window_edit_given_up_at_close_goes_to_a_recovery_file_not_nowhere(qtbot, small):
    from duidu.library import recovery
    from duidu.ui.tasks import TaskRunner

    path, doc = small
    runner = TaskRunner(path)
    failed = []
    try:
        with LockHolder(path):
            with qtbot.waitSignal(runner.waiting, timeout=120000):
                runner.write(lambda lib, progress, cancel: lib.annotate(doc, 0, 4, note="given up at close",
                                                                         annotator="张三"), on_error=failed.append)
            with qtbot.waitSignal(runner.writesDone, timeout=120000):
                runner.abandon_writes()  # "Keep them for later" in the closing dialog
    finally:
        runner.shutdown()
    assert count_notes(path) == 0 and "kept in" in str(failed[0])
    assert [k.record["note"] for k in recovery.pending(path)] == ["given up at close"]
