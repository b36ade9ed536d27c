"""Kill a process saving notes with SIGKILL, again and again, and check nothing confirmed is lost.

A child process (``python -c`` on the Library API) saves annotations in a loop and prints each
id once ``annotate`` has returned; the parent kills it at a random moment (while starting,
opening, backing up or writing) and then checks the library file: ``PRAGMA integrity_check``
is ok, foreign keys hold, and every printed id is there with its target. Shared by
``tests/test_notes_store.py`` and ``benchmarks/sigkill.py``.
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

CHILD = r"""
import sys
from duidu.library.store import Library

lib = Library.open(sys.argv[1], seed=False)
doc = int(sys.argv[2])
size = lib.document(doc).length
codes = [c.id for c in lib.codes()][:5]
i = 0
while True:
    start = (i * 37) % (size - 40)
    a = lib.annotate(doc, start, start + 5 + i % 30, code_ids=codes[: i % 3], note=f"kill test {i}", annotator="sigkill")
    print(a.id, flush=True)
    i += 1
"""


@dataclass(frozen=True)
class KillRun:
    kills: int
    writing: int  # kills that came after the child had saved at least one note (the rest: while starting)
    confirmed: int  # annotations whose id the child printed (all found again after every kill)
    stored: int  # annotations in the library at the end (confirmed + any committed unprinted)
    seconds: float

    def summary(self) -> str:
        return (f"SIGKILL: {self.kills} kills ({self.writing} while saving notes, the rest while starting or opening), "
                f"{self.confirmed} annotations confirmed, 0 lost; "
                f"integrity_check ok after every kill; {self.stored} stored in all ({self.seconds:.1f} s)")


def make_library(path: Path) -> int:
    """A small library (one seed document, the default codebook); the document's id."""
    from duidu.library.store import Library
    from duidu.paths import seed_path

    with Library.open(path, seed=False) as lib:
        return lib.import_file(seed_path("004_bae3a0f70cd3e527.txt")).document.id


def check(path: Path, ids: set[int]) -> None:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = {r[0] for r in con.execute("SELECT annotation_id FROM targets")}
        missing = ids - stored
        assert not missing, f"confirmed annotations lost: {sorted(missing)[:10]}"
    finally:
        con.close()


def run(path: Path, doc_id: int, *, kills: int = 200, max_delay: float = 0.3, seed: int = 5) -> KillRun:
    rng = random.Random(seed)
    confirmed: set[int] = set()
    writing = 0
    began = time.perf_counter()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(doc_id)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        time.sleep(rng.uniform(0.02, max_delay))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate()
        assert child.returncode == -signal.SIGKILL, err.decode(errors="replace")[-2000:]
        lines = out.decode().split("\n")[:-1]  # a line without its newline was never confirmed
        confirmed.update(int(line) for line in lines)
        writing += bool(lines)
        check(path, confirmed)
    con = sqlite3.connect(path)
    stored = con.execute("SELECT count(*) FROM annotations").fetchone()[0]
    con.close()
    return KillRun(kills, writing, len(confirmed), stored, time.perf_counter() - began)
