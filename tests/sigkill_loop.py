"""Kill a process writing to the library with SIGKILL, again and again, and check nothing confirmed is lost.

A child process saves in a loop and prints each id once the save has returned. It says
``ready`` when it has opened the library and is about to save; the parent waits for that line
(no guessed start-up time: on a busy machine start-up takes as long as it takes) and kills at a
random moment after it, so every such kill lands while saving. A separate, smaller count of
kills comes at a random moment after spawning, whatever the child is doing (starting Python,
opening, backing up). After every kill the library file is checked: ``PRAGMA integrity_check``
is ok, foreign keys hold, and every printed id is there.

Four children: ``notes`` (``Library.annotate``), ``window`` (the window's writer lane,
``ui.tasks.TaskRunner.write``, as a note typed in the window is saved), ``imports``
(``Library.import_file``: each document either whole, with every derived row, or absent) and
``batch`` (``library.batch.import_paths`` on folders of new files, the path ``duidu import`` and
the window take: worker processes prepare, several documents are written in one transaction,
an id is printed only when the batch reports it, i.e. once committed). After a ``batch`` kill
the child's worker processes (and multiprocessing's resource tracker) must leave by themselves:
they carry a marker in their environment and are waited for, with a generous limit.
Shared by ``tests/test_notes_store.py`` and ``benchmarks/sigkill.py``.

Each child is forked from one "zygote" process that has already imported what the children
import (and loaded jieba's dictionary): a kill costs a fork, not a Python start-up of ~0.5 s
CPU. Nothing a child does to the library happens before the fork, so a start-up kill still
lands anywhere from the first instruction of the child's script (opening the library, backing
it up) to saving. The zygote relays each child's output line by line (a line cut by the kill is
marked partial: never confirmed) and reports how the child ended.
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

BATCH = r"""
import os, sys
from pathlib import Path
os.environ[MARK] = str(os.getpid())  # inherited by the workers: found again after the kill
out = os.fdopen(os.dup(1), "w", buffering=1)  # the workers inherit fd 1, not this copy: the pipe ends with this process
null = os.open(os.devnull, os.O_WRONLY)
os.dup2(null, 1)
from duidu.library.store import Library
from duidu.library.batch import IMPORTED, import_paths

lib = Library.open(sys.argv[1], seed=False)
base = Path(sys.argv[2]).read_text(encoding="utf-8")
folder = Path(sys.argv[3])
n = int(sys.argv[4])
add = lib.add


def added(prepared):  # a document written inside the batch's open transaction, not yet reported
    result = add(prepared)
    out.write("added\n")
    return result


lib.add = added


def outcome(o):
    if o.status == IMPORTED:
        out.write(f"{o.document.id}\n")
    else:
        out.write(f"odd {o.status} {o.reason}\n")


out.write("ready\n")
while True:
    batch = folder / f"batch-{n}"
    batch.mkdir()
    for k in range(FILES):  # many small files: workers have several ready before the first commit
        (batch / f"variant-{n + k}.txt").write_text(base + VARIANT.format(n=n + k), encoding="utf-8")
    import_paths(lib, [str(batch)], on_outcome=outcome)
    out.write("call\n")
    n += FILES
"""
MARK = "DUIDU_SIGKILL_CHILD"
BATCH_FILES_PER_CALL = 12

# What each kind of child imports before its script runs: done once, in the zygote.
PRELOAD = {
    "notes": "import duidu.library.store",
    "window": "import duidu.library.store, PySide6.QtCore, duidu.ui.tasks",
    "imports": "import duidu.library.store\nfrom duidu.text.segment import segment\nsegment('预热分词')",
    "batch": "import duidu.library.store, duidu.library.batch, concurrent.futures.process",
}

ZYGOTE = r"""
import os, sys
exec(sys.argv[1])
script = sys.argv[2]
say = sys.stdout.write
say("zygote\n"); sys.stdout.flush()
for request in sys.stdin:
    args = request.rstrip("\n").split("\t")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its stdout is the pipe, its stdin nothing; then the script
        os.close(read)
        os.dup2(write, 1)
        os.close(write)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        sys.stdin = open(0)
        sys.stdout = open(1, "w")
        sys.argv = ["-c", *args]
        try:
            exec(compile(script, "<child>", "exec"), {"__name__": "__main__"})
        except BaseException:
            import traceback
            traceback.print_exc()
        os._exit(1)  # never back into the zygote's loop
    os.close(write)
    say(f"pid {pid}\n"); sys.stdout.flush()
    with open(read, "rb") as out:
        for line in out:
            say(("out " if line.endswith(b"\n") else "partial ") + line.decode(errors="replace").rstrip("\n") + "\n")
            sys.stdout.flush()
    _, status = os.waitpid(pid, 0)
    say(f"exit {-os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)}\n"); sys.stdout.flush()
"""


class Zygote:
    """One process with the children's imports done, forking a child per ``spawn``."""

    def __init__(self, kind: str, script: str, env: dict, errors: Path):
        self._errors = errors
        with open(errors, "wb") as err:  # a file, not a pipe: a chatty child can never block on it
            self.proc = subprocess.Popen([sys.executable, "-c", ZYGOTE, PRELOAD[kind], script], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=err, env=env, text=True, bufsize=1)
        self._expect("zygote")

    def _line(self) -> str:
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError(f"the zygote ended: {self.stderr()}")
        return line.rstrip("\n")

    def _expect(self, word: str) -> str:
        line = self._line()
        assert line.split(" ", 1)[0] == word, (line, self.stderr())
        return line[len(word) + 1:]

    def stderr(self) -> str:
        return self._errors.read_text(encoding="utf-8", errors="replace")[-2000:]

    def spawn(self, args: list[str]) -> int:
        self.proc.stdin.write("\t".join(args) + "\n")
        self.proc.stdin.flush()
        return int(self._expect("pid"))

    def read(self) -> tuple[str, str]:
        """The child's next output line ("out"), a cut one ("partial"), or how it ended ("exit", code)."""
        line = self._line()
        kind, _, rest = line.partition(" ")
        return kind, rest

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


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
    in_batch: int = 0  # batch: kills with >= 2 documents written in the open transaction, not yet reported
    left: int = 0  # batch: worker processes found after a kill (each waited for until it left)

    def summary(self) -> str:
        what = {"notes": "annotations", "window": "notes saved through the window's writer lane",
                "imports": "documents imported (each whole with its derived rows)",
                "batch": "documents imported by import_paths (each whole with its derived rows)"}[self.kind]
        tail = (f"; {self.in_batch} kills with >= 2 documents written in an uncommitted batch; "
                f"{self.left} worker processes (and resource trackers) outlived their parent, all left by themselves" if self.kind == "batch" else "")
        return (f"SIGKILL {self.kind}: {self.kills} kills while saving (after ready) + {self.startup} during start-up; "
                f"{self.confirmed} {what} confirmed, 0 lost; integrity_check ok after every kill; "
                f"{self.stored} stored in all ({self.seconds:.1f} s){tail}")


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
            # The indexes are contentless: a document's rows are a rowid range.
            counts = [con.execute("SELECT count(*) FROM search_index WHERE rowid = ?", [doc]).fetchone()[0]
                      if t == "search_index" else
                      con.execute(f"SELECT count(*) FROM {t} WHERE document_id = ?", [doc]).fetchone()[0] for t in DERIVED]
            first, count = con.execute("SELECT first, count FROM similar_units WHERE document_id = ?",
                                       [doc]).fetchone() or (0, 0)
            counts.append(con.execute("SELECT count(*) FROM similar_index WHERE rowid BETWEEN ? AND ?",
                                      [first, first + count - 1]).fetchone()[0])
            out[doc] = tuple(counts)
        return out
    finally:
        con.close()


def _kill_at(zygote: Zygote, pid: int, delay: float) -> list[str]:
    time.sleep(delay)  # a random moment: what is being tested is that no moment loses anything
    os.kill(pid, signal.SIGKILL)
    lines = []
    while True:
        kind, rest = zygote.read()
        if kind == "exit":
            assert int(rest) == -signal.SIGKILL, f"the child ended by itself ({rest}): {zygote.stderr()}"
            return lines
        if kind == "out":  # a line without its newline ("partial") was never confirmed
            lines.append(rest)


def _marked(pid: int) -> list[int]:
    """Live processes (not zombies) started under the child ``pid``: its workers, the resource tracker."""
    mark = f"{MARK}={pid}".encode() + b"\0"
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if mark in (entry / "environ").read_bytes() and (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                found.append(int(entry.name))
        except OSError:  # gone meanwhile, or not ours
            continue
    return found


def _workers_leave(pid: int, limit: float = 60.0) -> int:
    """Wait until no process started under the killed child is left (they watch their parent);
    how many there were. A generous limit: a busy machine is slow, but never this slow."""
    first = _marked(pid)
    deadline = time.monotonic() + limit
    left = first
    while left:
        assert time.monotonic() < deadline, f"worker processes outlived their killed parent {pid}: {left}"
        time.sleep(0.05)  # polling the condition, not guessing a time
        left = _marked(pid)
    return len(first)


def _unreported(lines: list[str]) -> int:
    """Batch child: documents written (``added``) and not yet reported when the kill came."""
    pending = 0
    for line in lines:
        if line == "added":
            pending += 1
        elif line.isdigit():
            pending = max(0, pending - 1)
    return pending


def run(path: Path, doc_id: int, *, kind: str = "notes", kills: int = 200, startup: int = 20,
        max_delay: float = 0.3, seed: int = 5, inside: int = 0) -> KillRun:
    """``kills`` kills at up to ``max_delay`` s after the child is ready, and ``startup`` kills at up
    to the time the child took to become ready, the two interleaved. ``batch`` only: ``inside``
    more kills (counted in ``kills``) at up to 0.1 s after the child wrote a second document into
    a batch it has not reported: random kills land there only now and then."""
    rng = random.Random(seed)
    confirmed: set[int] = set()
    began = time.perf_counter()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "QT_QPA_PLATFORM": "offscreen"}
    importing = kind in ("imports", "batch")
    table = "documents" if importing else "annotations"
    reference = derived_counts(path)[doc_id] if importing else None
    in_batch = left = 0
    scratch = path.parent / f"{path.stem}-variants"
    scratch.mkdir(exist_ok=True)
    next_variant = [0]

    if kind == "imports":
        from duidu.paths import seed_path

        script = IMPORTS.replace("VARIANT", repr(VARIANT))
    elif kind == "batch":
        from duidu.paths import seed_path

        script = (BATCH.replace("VARIANT", repr(VARIANT)).replace("MARK", repr(MARK))
                  .replace("FILES", str(BATCH_FILES_PER_CALL)))
    else:
        script = NOTES if kind == "notes" else WINDOW
    env["OPENBLAS_NUM_THREADS"] = env["OMP_NUM_THREADS"] = "1"  # no BLAS threads in the zygote: it forks
    zygote = Zygote(kind, script, env, path.parent / f"{path.stem}-children.err")

    def spawn() -> int:
        if importing:
            args = [str(path), str(seed_path(SEED_FILE)), str(scratch), str(next_variant[0])]
            next_variant[0] += 10_000  # each child its own variants: every import is a new document
        else:
            args = [str(path), str(doc_id)]
        return zygote.spawn(args)

    stored_unconfirmed = [0]  # committed but never reported (a kill between commit and print)
    plan = ["ready"] * (kills - inside) + ["inside"] * inside + ["startup"] * startup
    rng.shuffle(plan)
    start_up_time = 0.2  # updated from the children: start-up kills spread over a real start-up
    for when in plan:
        spawned = time.perf_counter()
        pid = spawn()
        lines: list[str] = []
        if when in ("ready", "inside"):
            said = zygote.read()
            if said != ("out", "ready"):
                os.kill(pid, signal.SIGKILL)
                raise AssertionError(f"the child never got ready: {said!r} {zygote.stderr()}")
            start_up_time = time.perf_counter() - spawned
            # a second document written, none reported (within three calls: else kill anyway, and in_batch says so)
            while when == "inside" and _unreported(lines) < 2 and lines.count("call") < 3:
                said = zygote.read()
                assert said[0] == "out", f"the child ended: {said!r} {zygote.stderr()}"
                lines.append(said[1])
            lines += _kill_at(zygote, pid, rng.uniform(0, 0.1 if when == "inside" else max_delay))
        else:
            lines = _kill_at(zygote, pid, rng.uniform(0, start_up_time * 1.2))
        odd = [x for x in lines if x.startswith("odd")]
        assert not odd, f"every file is a new document: {odd[:3]} {zygote.stderr()}"
        confirmed.update(int(x) for x in lines if x.isdigit())
        check(path, confirmed, table=table)
        if kind == "batch":
            left += _workers_leave(pid)
            unconfirmed = len(derived_counts(path)) - len(confirmed) - 1  # the reference document
            # >= 2 written and none of them committed: the kill landed inside a multi-document transaction
            in_batch += _unreported(lines) >= 2 and unconfirmed == stored_unconfirmed[0]
            stored_unconfirmed[0] = unconfirmed
        if reference is not None:
            for doc, counts in derived_counts(path).items():
                whole = counts[:2] == reference[:2] and counts[4] == 1 and counts[3] > 0 and counts[6] > 0
                assert whole, f"document {doc} is half there: {counts} (a whole one: {reference})"
    zygote.close()
    con = sqlite3.connect(path)
    stored = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    con.close()
    return KillRun(kind, kills, startup, len(confirmed), stored, time.perf_counter() - began, in_batch, left)
