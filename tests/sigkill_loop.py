"""Kill a process writing to the library with SIGKILL, again and again, and check nothing confirmed is lost.

A child process saves in a loop and prints each id once the save has returned. It says
``ready`` when it has opened the library and is about to save; the parent waits for that line
(no guessed start-up time: on a busy machine start-up takes as long as it takes) and kills at a
random moment after it, so every such kill lands while saving. A separate, smaller count of
kills comes at a random moment after spawning, whatever the child is doing (starting Python,
opening, backing up). After every kill the library file is checked: ``PRAGMA integrity_check``
is ok, foreign keys hold, and every printed id is there.

Three children: ``notes`` (``Library.annotate``), ``window`` (the window's writer lane,
``ui.tasks.TaskRunner.write``, as a note typed in the window is saved) and ``imports``
(``Library.import_file``: each document either whole, with every derived row, or absent).
Shared by ``tests/test_notes_store.py`` and ``benchmarks/sigkill.py``.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

NOTES = r"""
import sys
from duidu.library.store import Library

lib = Library.open(sys.argv[1], seed=False)
doc = int(sys.argv[2])
size = lib.document(doc).length
codes = [c.id for c in lib.codes()][:5]
print("ready", flush=True)
i = 0
while True:
    start = (i * 37) % (size - 40)
    a = lib.annotate(doc, start, start + 5 + i % 30, code_ids=codes[: i % 3], note=f"kill test {i}", annotator="sigkill")
    print(a.id, flush=True)
    i += 1
"""

WINDOW = r"""
import sys
from PySide6.QtCore import QCoreApplication
from duidu.ui.tasks import TaskRunner

app = QCoreApplication([])
runner = TaskRunner(sys.argv[1])
doc = int(sys.argv[2])
count = [0]


def save(_=None):
    i = count[0]
    count[0] += 1
    start = (i * 37) % 2000
    runner.write(lambda lib, progress, cancel: lib.annotate(doc, start, start + 5 + i % 30, note=f"window {i}",
                                                            annotator="sigkill"), saved)


def saved(a):
    print(a.id, flush=True)
    save()


def opened(_):
    print("ready", flush=True)  # the writer has its connection: every kill from here is during a save
    save()


runner.write(lambda lib, progress, cancel: lib.document(doc), opened)
app.exec()
"""

IMPORTS = r"""
import sys
from pathlib import Path
from duidu.library.store import Library
from duidu.text.segment import segment

lib = Library.open(sys.argv[1], seed=False)
base = Path(sys.argv[2]).read_text(encoding="utf-8")
folder = Path(sys.argv[3])
segment("预热分词")  # jieba's dictionary loads before "ready": the kills land on imports
print("ready", flush=True)
n = int(sys.argv[4])
while True:
    path = folder / f"variant-{n}.txt"
    path.write_text(base + VARIANT.format(n=n), encoding="utf-8")
    print(lib.import_file(path).document.id, flush=True)
    n += 1
"""

VARIANT = "\n第{n}号补充段落，用于中断测试，内容各不相同。\n"
DERIVED = ("paragraphs", "sentences", "excluded", "search_index", "keyforms", "measure_mentions")
SEED_FILE = "004_bae3a0f70cd3e527.txt"


@dataclass(frozen=True)
class KillRun:
    kind: str
    kills: int  # at a random moment after the child said it was ready: while saving
    startup: int  # at a random moment after spawning (while starting, opening or saving)
    confirmed: int  # ids the child printed (all found again after every kill)
    stored: int  # in the library at the end (confirmed + any committed unprinted)
    seconds: float

    def summary(self) -> str:
        what = {"notes": "annotations", "window": "notes saved through the window's writer lane",
                "imports": "documents imported (each whole with its derived rows)"}[self.kind]
        return (f"SIGKILL {self.kind}: {self.kills} kills while saving (after ready) + {self.startup} during start-up; "
                f"{self.confirmed} {what} confirmed, 0 lost; integrity_check ok after every kill; "
                f"{self.stored} stored in all ({self.seconds:.1f} s)")


def make_library(path: Path) -> int:
    """A small library (one seed document, the default codebook); the document's id."""
    from duidu.library.store import Library
    from duidu.paths import seed_path

    with Library.open(path, seed=False) as lib:
        return lib.import_file(seed_path(SEED_FILE)).document.id


def make_import_library(path: Path) -> int:
    """A library holding one variant document, the measure of a whole import; its id."""
    from duidu.library.store import Library
    from duidu.paths import seed_path

    sample = path.parent / "variant-sample.txt"
    sample.write_text(seed_path(SEED_FILE).read_text(encoding="utf-8") + VARIANT.format(n=999_999), encoding="utf-8")
    with Library.open(path, seed=False) as lib:
        return lib.import_file(sample).document.id


def check(path: Path, ids: set[int], *, table: str = "annotations") -> None:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        key = "annotation_id FROM targets" if table == "annotations" else "id FROM documents"
        stored = {r[0] for r in con.execute(f"SELECT {key}")}
        missing = ids - stored
        assert not missing, f"confirmed {table} lost: {sorted(missing)[:10]}"
    finally:
        con.close()


def derived_counts(path: Path) -> dict[int, tuple]:
    """Per document: its rows in every derived table, and its similar-index rows.

    Paragraphs, sentences and the key form depend on the document alone; the rest may move a
    little as the library learns page furniture from other documents, but never to nothing."""
    con = sqlite3.connect(path)
    try:
        out = {}
        for (doc,) in con.execute("SELECT id FROM documents"):
            counts = [con.execute(f"SELECT count(*) FROM {t} WHERE document_id = ?", [doc]).fetchone()[0] for t in DERIVED]
            counts.append(con.execute("SELECT count(*) FROM similar_index WHERE rowid BETWEEN ? AND ?",
                                      [doc << 20, (doc + 1 << 20) - 1]).fetchone()[0])
            out[doc] = tuple(counts)
        return out
    finally:
        con.close()


def _kill_at(child: subprocess.Popen, delay: float) -> tuple[list[str], str]:
    time.sleep(delay)  # a random moment: what is being tested is that no moment loses anything
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate()
    assert child.returncode == -signal.SIGKILL, err.decode(errors="replace")[-2000:]
    return out.decode().split("\n")[:-1], err.decode(errors="replace")  # a line without its newline was never confirmed


def run(path: Path, doc_id: int, *, kind: str = "notes", kills: int = 200, startup: int = 20,
        max_delay: float = 0.3, seed: int = 5) -> KillRun:
    """``kills`` kills at up to ``max_delay`` s after the child is ready, and ``startup`` kills at up
    to the time the child took to become ready, the two interleaved."""
    rng = random.Random(seed)
    confirmed: set[int] = set()
    began = time.perf_counter()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "QT_QPA_PLATFORM": "offscreen"}
    table = "documents" if kind == "imports" else "annotations"
    reference = derived_counts(path)[doc_id] if kind == "imports" else None
    scratch = path.parent / f"{path.stem}-variants"
    scratch.mkdir(exist_ok=True)
    next_variant = [0]

    def spawn() -> subprocess.Popen:
        if kind == "imports":
            from duidu.paths import seed_path

            args = [IMPORTS.replace("VARIANT", repr(VARIANT)), str(path), str(seed_path(SEED_FILE)), str(scratch),
                    str(next_variant[0])]
            next_variant[0] += 10_000  # each child its own variants: every import is a new document
        else:
            args = [NOTES if kind == "notes" else WINDOW, str(path), str(doc_id)]
        return subprocess.Popen([sys.executable, "-c", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)

    plan = ["ready"] * kills + ["startup"] * startup
    rng.shuffle(plan)
    start_up_time = 1.0  # updated from the children: start-up kills spread over a real start-up
    for when in plan:
        spawned = time.perf_counter()
        child = spawn()
        lines: list[str] = []
        if when == "ready":
            line = child.stdout.readline().decode()
            if line != "ready\n":
                child.kill()
                raise AssertionError(f"the child never got ready: {line!r} {child.communicate()[1].decode()[-2000:]}")
            start_up_time = time.perf_counter() - spawned
            rest, _ = _kill_at(child, rng.uniform(0, max_delay))
            lines = rest
        else:
            lines, _ = _kill_at(child, rng.uniform(0, start_up_time * 1.2))
        confirmed.update(int(x) for x in lines if x != "ready")
        check(path, confirmed, table=table)
        if reference is not None:
            for doc, counts in derived_counts(path).items():
                whole = counts[:2] == reference[:2] and counts[4] == 1 and counts[3] > 0 and counts[6] > 0
                assert whole, f"document {doc} is half there: {counts} (a whole one: {reference})"
    con = sqlite3.connect(path)
    stored = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    con.close()
    return KillRun(kind, kills, startup, len(confirmed), stored, time.perf_counter() - began)
