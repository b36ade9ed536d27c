"""`make bench`: the foundation's speed targets, each beside a baseline measured in the same run.

The machines are shared and noisy, so every figure is a median of several runs and is printed
with the ratio to a baseline that does the unavoidable part of the same work.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
DUIDU = [sys.executable, "-m", "duidu"]
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def median_time(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run(cmd: list[str], env: dict | None = None) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)


def report(name: str, value: float, baseline: float, baseline_name: str, target: float) -> bool:
    ok = value <= target
    print(f"{name:<44} {value * 1000:8.1f} ms  target ≤ {target * 1000:.0f} ms  {'ok' if ok else 'OVER'}"
          f"   baseline {baseline_name}: {baseline * 1000:.1f} ms, ratio {value / baseline:.1f}×")
    return ok


def bench_import(tmp: Path) -> bool:
    from duidu.library.store import Library

    n = 0

    def seeds_import():
        nonlocal n
        n += 1
        Library.open(tmp / f"lib{n}.sqlite").close()  # a new library imports the seeds

    def raw_insert():
        nonlocal n
        n += 1
        db = sqlite3.connect(tmp / f"raw{n}.sqlite")
        db.execute("CREATE TABLE d (t TEXT)")
        with db:
            db.executemany("INSERT INTO d VALUES (?)", [(p.read_text(encoding="utf-8"),) for p in SEEDS])
        db.close()

    # Warm the dictionaries once: the target is the import, not the first dictionary load.
    Library.open(tmp / "warm.sqlite").close()
    base = median_time(raw_insert)
    value = median_time(seeds_import)
    with Library.open(tmp / f"lib{n}.sqlite") as lib:
        assert len(lib.documents()) == 5
    ok = report("import the five seeds into a new library", value, base, "read+insert raw text", 2.0)
    # What a first-time user waits for: a fresh process, dictionaries not yet loaded.
    cold = median_time(lambda: run(DUIDU + ["list"], {**os.environ, "DUIDU_LIBRARY": str(tmp / f"cold{time.monotonic_ns()}.sqlite")}), runs=3)
    print(f"{'  same, cold process (duidu list, new library)':<44} {cold * 1000:8.1f} ms")
    return ok


def bench_show(tmp: Path) -> bool:
    env = {**os.environ, "DUIDU_LIBRARY": str(tmp / "show.sqlite")}
    doc = tmp / "long.txt"
    text = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS if not p.name.startswith("001"))
    doc.write_text((text * 2)[:30000], encoding="utf-8")
    run(DUIDU + ["import", str(doc), "--title", "三万字基准文档"], env)
    first = median_time(lambda: run(DUIDU + ["show", "三万字基准文档", "--script", "tw"], env), runs=1)
    base = median_time(lambda: run(DUIDU + ["show", "三万字基准文档"], env))
    value = median_time(lambda: run(DUIDU + ["show", "三万字基准文档", "--script", "tw"], env))
    ok = report("duidu show 30k chars --script tw (cached)", value, base, "show original", 0.3)
    print(f"{'  first conversion (uncached), for reference':<44} {first * 1000:8.1f} ms")
    return ok


def bench_version() -> bool:
    base = median_time(lambda: run([sys.executable, "-c", "pass"]))
    value = median_time(lambda: run(DUIDU + ["--version"]))
    return report("cold duidu --version", value, base, "python -c pass", 0.5)


def main() -> int:
    print(f"Duidu benchmarks: median of {RUNS} runs, Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        os.environ["DUIDU_LIBRARY"] = str(tmp / "default.sqlite")
        results = [bench_version(), bench_import(tmp), bench_show(tmp)]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
