"""`make bench` (reader part): the desktop reader's speed targets, offscreen, each beside a baseline.

1. cold start to the main window's first paint (a fresh process on an existing seeded library),
   against a process that shows a bare QMainWindow with a QLabel;
2. opening a compared pair of two 10k-character documents until the panes carry their
   highlights, against ``lib.compare`` alone (the engine's share);
3. switching the global script on a 30k-character pair, against ``setPlainText`` of the
   same texts without highlights;
4. scrolling a pane carrying ≥ 5,000 passage marks page by page, against the same pane with
   its marks cleared;
5. the longest UI-thread stall while a 500k × 500k pair is compared, against the same 5 ms
   timer on an idle loop.

Everything runs with QT_QPA_PLATFORM=offscreen on temporary libraries and settings
(DUIDU_LIBRARY, XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_DATA_HOME point at a temporary folder).
Importing the synthetic documents loads jieba; that is set-up, not timed.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import, here and in the children

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
CYCLE = ("simplified", "traditional", "tw", "hk", "original")
TAIL = 2.0  # seconds the stall timer keeps running once the pair is idle with its marks

# The child's probe: the first Paint event the main window receives, then the end of that
# frame (the next turn of the event loop, once every child widget has painted too).
PROBE = r'''
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer

class FirstPaint(QObject):
    seen = False

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            print(f"paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, self.frame_done)
        return False

    def frame_done(self):
        print(f"frame {time.time():.6f}", flush=True)
        os._exit(0)  # nothing to save: the settings of a benchmark run are thrown away
'''

# The real app, started by ``duidu.ui.app.run`` as ``duidu`` starts it; only ``show`` is
# wrapped so the probe is installed on the MainWindow before it is shown.
APP_CHILD = PROBE + r'''
import duidu.ui.app as app
from duidu.ui.main_window import MainWindow

_show = MainWindow.show

def show(self):
    self._first_paint = FirstPaint(self)
    self.installEventFilter(self._first_paint)
    _show(self)

MainWindow.show = show
sys.exit(app.run(["duidu"]))
'''

BARE_CHILD = PROBE + r'''
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

qapp = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("对读 Duidu"))
window.resize(1600, 1000)
probe = FirstPaint(window)
window.installEventFilter(probe)
window.show()
sys.exit(qapp.exec())
'''


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def report(name: str, value: float, target: float, baseline: float, baseline_name: str) -> bool:
    ok = value <= target
    ratio = value / baseline if baseline > 0 else float("inf")
    print(f"{name:<50} {value * 1000:8.1f} ms  target ≤ {target * 1000:.0f} ms  {'ok' if ok else 'OVER'}"
          f"   baseline {baseline_name}: {baseline * 1000:.1f} ms, ratio {ratio:.1f}×")
    return ok


def note(text: str) -> None:
    print(f"  {text}")


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(q * (len(values) - 1))))
    return values[k]


# -- 1. cold start ------------------------------------------------------------------------------
def spawn(code: str, env: dict) -> tuple[float, float]:
    """Seconds from just before spawning to the child's first paint, and to the end of that frame."""
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    stamps = dict(line.split() for line in out.stdout.splitlines() if line.startswith(("paint ", "frame ")))
    if "paint" not in stamps:
        raise RuntimeError(f"child reported no paint (exit {out.returncode}):\n{out.stderr[-2000:]}")
    return float(stamps["paint"]) - t0, float(stamps["frame"]) - t0


def bench_cold_start(tmp: Path) -> bool:
    from duidu.library.store import Library

    library = tmp / "cold.sqlite"
    Library.open(library).close()  # created and seeded here: the child opens an existing library
    n = 0

    def env() -> dict:
        nonlocal n
        n += 1
        config = tmp / f"config{n}"  # fresh settings each run: the first-run window and pair
        config.mkdir()
        return {**os.environ, "DUIDU_LIBRARY": str(library), "XDG_CONFIG_HOME": str(config)}

    spawn(BARE_CHILD, env()), spawn(APP_CHILD, env())  # warm the disk cache and font caches
    app, bare = [], []
    for _ in range(RUNS):
        bare.append(spawn(BARE_CHILD, env()))
        app.append(spawn(APP_CHILD, env()))
    value, base = statistics.median(p for p, _ in app), statistics.median(p for p, _ in bare)
    ok = report("cold start to the main window's first paint", value, 1.5, base, "bare QMainWindow+QLabel")
    note(f"first frame complete (every widget painted): {ms(statistics.median(f for _, f in app))}; "
         f"bare {ms(statistics.median(f for _, f in bare))}  (seeded library, first-run settings, "
         f"the seed pair opening in the background)")
    return ok


# -- the in-process reader ------------------------------------------------------------------------
def build_library(tmp: Path):
    """A seeded library plus synthetic pairs of 10k (two pairs), 30k and 500k characters."""
    from duidu.library.store import Library
    from engine import repetitive_pair
    from synthetic import seed_sentences

    pool = seed_sentences()
    path = tmp / "reader.sqlite"
    pairs = {}
    started = time.perf_counter()
    with Library.open(path) as lib:
        for name, size, seed in (("10k-1", 10_000, 10_001), ("10k-2", 10_000, 10_002),
                                 ("30k", 30_000, 30_000), ("500k", 500_000, 500_000)):
            ids = []
            for side, text in zip("AB", repetitive_pair(pool, size, seed)):
                file = tmp / f"{name}-{side}.txt"
                file.write_text(text, encoding="utf-8")
                ids.append(lib.import_file(file, metadata={"title": f"基准 {name} {side}"}).document.id)
            pairs[name] = tuple(ids)
        documents = lib.documents()
    return path, documents, pairs, time.perf_counter() - started


def spin_until(cond, timeout: float = 600.0) -> None:
    """Run the event loop (sleeping between events, not spinning) until ``cond()``."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    heartbeat = QTimer()
    heartbeat.start(50)  # wakes the loop to check the deadline
    deadline = time.perf_counter() + timeout
    try:
        while not cond():
            if time.perf_counter() > deadline:
                raise TimeoutError("the reader did not settle")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        heartbeat.stop()


def settled(window, ids, script: str | None = None):
    """Idle, both panes showing ``ids`` (in ``script``) with their passage marks."""
    def cond() -> bool:
        if window.tasks.busy():
            return False
        for side, doc_id in zip("ab", ids):
            pane = window.reader.panes[side]
            if pane.document_id != doc_id or not pane.marks("passages"):
                return False
            if script is not None and pane.view.script != script:
                return False
        return True

    return cond


def open_and_wait(window, ids) -> float:
    t = time.perf_counter()
    window.reader.open_pair(*ids)
    spin_until(settled(window, ids))
    return time.perf_counter() - t


# -- 2. opening a pair ----------------------------------------------------------------------------
def bench_open(window, lib, pairs) -> bool:
    p1, p2 = pairs["10k-1"], pairs["10k-2"]
    open_and_wait(window, p2)  # warm-up: first imports of the engine on the worker threads
    order = [p1, p2] * RUNS
    times, paint = [], []
    for ids in order[:RUNS]:
        times.append(open_and_wait(window, ids))
        t = time.perf_counter()
        for pane in window.reader.panes.values():
            pane.edit.viewport().repaint()
        paint.append(time.perf_counter() - t)
    base = statistics.median(_timed(lambda ids=ids: lib.compare(*ids)) for ids in order[:RUNS])
    n = len(window.reader.shown)
    ok = report("open a compared pair of two 10k docs", statistics.median(times), 0.3, base, "lib.compare alone")
    note(f"alternating two pairs, {n} shared passages in the last; the comparison is recomputed on every "
         f"open (not cached), the original-script view needs no conversion, texts are read from SQLite")
    note(f"then painting both panes once: {ms(statistics.median(paint))}")
    return ok


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


# -- 3. switching script ---------------------------------------------------------------------------
def bench_script(window, lib, pairs) -> bool:
    ids = pairs["30k"]
    open_and_wait(window, ids)
    panes = window.reader.panes
    panes["a"].scroll_to_stored(len(panes["a"].doc_text.text) // 2)  # reading in the middle

    def switch(script: str) -> float:
        t = time.perf_counter()
        window.set_global_script(script)
        spin_until(settled(window, ids, script))
        return time.perf_counter() - t

    first = [switch(s) for s in CYCLE]  # converts and caches the views
    times = [switch(s) for _ in range(2) for s in CYCLE]
    texts = {s: [lib.view(i, s).text for i in ids] for s in CYCLE}
    for pane in panes.values():
        pane.highlighter.reset(pane._starts, {})  # no marks for the baseline
    base = []
    for _ in range(2):
        for s in CYCLE:
            t = time.perf_counter()
            for pane, text in zip(panes.values(), texts[s]):
                pane.edit.setPlainText(text)
            base.append(time.perf_counter() - t)
    chars = "×".join(f"{len(t) // 1000}k" for t in texts["original"])
    ok = report(f"switch global script, {chars} pair", statistics.median(times), 0.1,
                statistics.median(base), "setPlainText both panes, no marks")
    note(f"median of {len(times)} switches cycling {'/'.join(CYCLE)}, views cached in the library; "
         f"slowest {ms(max(times))}; first pass (converting): median {ms(statistics.median(first))}, "
         f"slowest {ms(max(first))}")
    return ok


# -- 5. stalls while comparing 500k × 500k -----------------------------------------------------------
class Ticks:
    """A 5 ms timer on the UI thread; the longest gap between ticks is the worst stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.stamps: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(lambda: self.stamps.append(time.perf_counter()))

    def start(self) -> None:
        self.stamps = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> tuple[float, float, float]:
        """(longest gap, when it ended, seconds covered)."""
        self.timer.stop()
        self.stamps.append(time.perf_counter())
        gaps = [(b - a, b) for a, b in zip(self.stamps, self.stamps[1:])]
        gap, end = max(gaps)
        return gap, end, self.stamps[-1] - self.stamps[0]


def bench_stall(window, pairs) -> bool:
    from PySide6.QtCore import QEventLoop, QTimer

    ids = pairs["500k"]
    reader = window.reader
    calls: list[tuple[str, float, float]] = []  # (what, start, end) on the UI thread

    def wrap(owner, attr: str, name: str):
        original = getattr(owner, attr)

        def timed(*args, **kwargs):
            t = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                calls.append((name, t, time.perf_counter()))

        setattr(owner, attr, timed)  # on the instance: the benchmark only, the class is untouched
        return lambda: delattr(owner, attr)

    undo = [wrap(reader, "_apply_comparison", "apply comparison (marks of both panes)")]
    for side, pane in reader.panes.items():
        undo.append(wrap(pane, "set_document", f"pane {side} set_document (setPlainText + marks)"))
        undo.append(wrap(pane, "set_layers", f"pane {side} set_layers"))
    ready_at: list[float] = []
    probe = lambda _c: ready_at.append(time.perf_counter())  # after the measures panel's slot
    reader.comparisonReady.connect(probe)

    ticks = Ticks()
    ticks.start()
    t = time.perf_counter()
    reader.open_pair(*ids)
    spin_until(settled(window, ids))
    took = time.perf_counter() - t
    settled_at = time.perf_counter()
    tail = QEventLoop()  # what the marks set off on the UI thread: layout and paint of the new texts, the panels
    QTimer.singleShot(int(TAIL * 1000), tail.quit)
    tail.exec()
    gap, gap_end, covered = ticks.stop()
    stamps = ticks.stamps
    reader.comparisonReady.disconnect(probe)
    for u in undo:
        u()

    idle = Ticks()
    loop = QEventLoop()
    QTimer.singleShot(int(covered * 1000), loop.quit)
    idle.start()
    loop.exec()
    base, _, _ = idle.stop()

    ok = report("longest UI stall opening a 500k×500k pair", gap, 0.1, base, "same 5 ms timer, idle loop")
    applied = [(s, e) for name, s, e in calls if name.startswith("apply")]
    if applied and ready_at:
        calls.append(("comparisonReady slots (the measures panel)", applied[-1][1], ready_at[-1]))
    first_delivery = min((s for name, s, e in calls if not name.startswith("pane") or "set_document" in name),
                         default=settled_at)
    before = max((b - a for a, b in zip(stamps, stamps[1:]) if b <= first_delivery), default=0.0)
    note(f"open_pair until idle with marks: {took:.2f} s, {len(reader.shown)} shared passages; longest gap "
         f"before the first result reaches the UI (workers loading and comparing): {ms(before)}")
    totals: dict[str, float] = {}
    for name, s, e in calls:
        totals[name] = totals.get(name, 0.0) + (e - s)
    note("UI thread in " + "; ".join(f"{name}: {ms(seconds)}" for name, seconds in totals.items()))
    gap_start = gap_end - gap
    parts, accounted = [], 0.0
    for name, s, e in calls:
        overlap = min(e, gap_end) - max(s, gap_start)
        if overlap > 0 and "set_layers" not in name:  # set_layers runs inside the others
            parts.append(f"{name} {ms(overlap)}")
            accounted += overlap
    parts.append(f"the rest (posted layout and paint of the new texts and panels) {ms(gap - accounted)}")
    note(f"the longest stall, {ms(gap)}, {gap_start - t:.2f} s after open_pair: " + " + ".join(parts))
    return ok


# -- 4. scrolling through thousands of marks ---------------------------------------------------------
def scroll_pass(pane) -> list[float]:
    """Page by page from the top to the bottom, one repaint a step; ms per frame.

    A step is the scroll bar's own page action (as a click in its trough), so the pane takes
    it for the reader scrolling and the other pane follows (sync); ``repaint`` paints the
    window's whole dirty region at once: this pane, the other one, both rulers, the gutter.
    """
    from PySide6.QtWidgets import QAbstractSlider

    bar = pane.edit.verticalScrollBar()
    bar.setValue(0)
    pane.edit.viewport().repaint()
    frames = []
    while bar.value() < bar.maximum():
        t = time.perf_counter()
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        pane.edit.viewport().repaint()
        frames.append((time.perf_counter() - t) * 1000)
    return frames


def bench_scroll(window) -> bool:
    reader = window.reader
    pane = max(reader.panes.values(), key=lambda p: len(p.marks("passages")))
    marks = len(pane.marks("passages"))
    layers = {name: list(m) for name, m in pane._marks.items() if name != "excluded"}
    first = scroll_pass(pane)
    again = scroll_pass(pane)
    pane.set_layers({})
    bare_first = scroll_pass(pane)
    bare = scroll_pass(pane)
    pane.set_layers(layers)
    value, base = percentile(first, 0.95), percentile(bare_first, 0.95)
    ok = report(f"scroll, {marks} marks: 95th pct ms/frame", value / 1000, 0.016, base / 1000, "marks cleared")
    note(f"first pass {len(first)} page steps: median {statistics.median(first):.1f} ms, 95th {value:.1f} ms, "
         f"slowest {max(first):.1f} ms; marks cleared: median {statistics.median(bare_first):.1f}, "
         f"95th {base:.1f}, slowest {max(bare_first):.1f}")
    note(f"second pass (blocks laid out): median {statistics.median(again):.1f} ms, 95th "
         f"{percentile(again, 0.95):.1f} ms; marks cleared: median {statistics.median(bare):.1f}, "
         f"95th {percentile(bare, 0.95):.1f}  (pane {pane.side}, {len(pane.doc_text.text):,} chars, "
         f"sync scrolling {'on' if reader.sync else 'off'})")
    return ok


def main(argv: list[str]) -> int:
    """``ui.py [start] [open] [script] [stall] [scroll]``: the named figures only (default: all)."""
    chosen = set(argv) or {"start", "open", "script", "stall", "scroll"}
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    print(f"Reader benchmarks (offscreen): median of {RUNS} runs, Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
            (tmp / name).mkdir()
            os.environ[name] = str(tmp / name)
        os.environ["DUIDU_LIBRARY"] = str(tmp / "default.sqlite")
        results = [bench_cold_start(tmp)] if "start" in chosen else []
        if not chosen - {"start"}:
            return 0 if all(results) else 1

        path, documents, pairs, setup = build_library(tmp)
        from PySide6.QtCore import qInstallMessageHandler

        from duidu.library.store import Library
        from duidu.ui.app import WINDOW_SIZE, _application
        from duidu.ui.main_window import MainWindow
        from duidu.ui.settings import Settings

        default = qInstallMessageHandler(None)

        def quiet(mode, context, message):  # the offscreen platform's one harmless complaint
            if "propagateSizeHints" in message:
                return
            if default is not None:
                default(mode, context, message)
            else:
                print(message, file=sys.stderr)

        qInstallMessageHandler(quiet)
        app = _application(["duidu-bench"])
        window = MainWindow(path, documents, settings=Settings(tmp / "settings.ini"))
        window.resize(*WINDOW_SIZE)
        window.show()
        for _ in range(3):
            app.processEvents()
        note(f"set-up: seeded library + synthetic pairs imported in {setup:.1f} s (not timed)")
        try:
            with Library.open(path) as lib:
                if "open" in chosen:
                    results.append(bench_open(window, lib, pairs))
                if "script" in chosen:
                    results.append(bench_script(window, lib, pairs))
            if chosen & {"stall", "scroll"}:
                if "stall" in chosen:
                    results.append(bench_stall(window, pairs))
                else:
                    open_and_wait(window, pairs["500k"])
            if "scroll" in chosen:
                results.append(bench_scroll(window))
        finally:
            window.close()
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
