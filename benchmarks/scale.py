"""Library scale (issue 15, part 5): a synthetic library of N documents of 10k characters built
through the real import path, and what it costs the user as it grows.

For each size (``--documents 100 300``; the issue's yardstick is 1,000) it prints, beside a
baseline measured in the same run:
- import rate, documents/s (``import_paths`` on a folder, as ``duidu import DIR``), against two
  baselines on a sample of the same documents in this process: segmentation alone (one cut of
  each document's simplified text, as the import makes it: jieba-rs for Han blocks) and jieba
  alone (jieba's own tokenizer, the whole text). On a machine others share, wall time says
  little, so it also gives CPU seconds a document: ``prepare`` (what a worker does) on the
  sample, and the writing process's own CPU during the import, and from them the rate two free
  cores would give (workers prepare on both while the writer takes its share); and the same from
  what the import's processes used as run (the worker processes' CPU, their start-up, loading
  jieba and handing documents over included, read when they have exited);
- bytes of library file per stored character, and what takes the space (``dbstat``);
- a backup: its size and the time to take it (``backups.backup_if_changed``);
- reader start: a fresh process opening the library and listing its documents (what the
  window's library panel does before it shows), against the same with an empty library;
- peak memory (VmHWM) of ``duidu list`` and ``duidu measures`` over the whole library, against
  a process that only imports duidu.

Then it fits each figure to ``a + b·N`` over the sizes measured and extrapolates to 1,000,
10,000 and 100,000 documents. The documents are the seeds' sentences drawn at random and edited
(benchmarks/synthetic.py), so every document is new text and the index sees realistic words.
Targets at 1,000: import ≥ 15 documents/s, ≤ 15 bytes a stored character, reader start within
1.2× of an empty library, whole-library commands' memory not growing with the library.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import edited, seed_sentences  # noqa: E402

PY = sys.executable
START = ("import sys, time; t = time.perf_counter(); from duidu.library.store import Library; "
         "lib = Library.open(sys.argv[1], seed=False, backup=False); docs = lib.documents(); "
         "print(time.perf_counter() - t, len(docs))")


def make_documents(folder: Path, count: int, chars: int, seed: int = 15) -> list[str]:
    rng = random.Random(seed)
    sentences = seed_sentences()
    pool = "".join(sentences)
    texts = []
    for n in range(count):
        paragraphs, size = [], 0
        while size < chars:
            para = "".join(edited(rng.choice(sentences), rng, pool) for _ in range(rng.randint(2, 6)))
            paragraphs.append(para)
            size += len(para) + 1
        text = f"合成文件{n:06d}\n" + "\n".join(paragraphs)
        (folder / f"doc{n:06d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


# The child reports its own VmHWM at exit: a child's ru_maxrss counts the pages it had as a
# fork of this (large) process before exec.
PEAK = ("import atexit, runpy, sys\n"
        "def peak():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmHWM:'): sys.stderr.write('PEAK ' + line.split()[1] + '\\n')\n"
        "atexit.register(peak)\n"
        "sys.argv = ['duidu', *sys.argv[1:]]\n"
        "if sys.argv[1:]: runpy.run_module('duidu', run_name='__main__')\n"
        "else: import duidu.cli.main\n")


def peak_memory(args: list[str]) -> tuple[float, float]:
    """Seconds and peak resident MiB (VmHWM) of a fresh process running ``duidu *args``."""
    t = time.perf_counter()
    proc = subprocess.run([PY, "-c", PEAK, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - t
    peaks = [int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("PEAK ")]
    if proc.returncode or not peaks:
        raise SystemExit(f"duidu {' '.join(args)} failed ({proc.returncode}): {proc.stderr[-500:]}")
    return took, peaks[-1] / 1024


def reader_start(path: Path, runs: int = 7) -> float:
    # The least of several: a start is ~0.3 s, so one busy moment of a shared machine moves a ratio by 0.2.
    times = []
    for _ in range(runs):
        out = subprocess.run([PY, "-c", START, str(path)], check=True, capture_output=True, text=True).stdout
        times.append(float(out.split()[0]))
    return min(times)


def _children_cpu(wait: bool = False) -> float:
    """CPU seconds of this process's finished children (``wait``: after the import's worker
    processes, told to stop, have exited and been reaped)."""
    import multiprocessing
    import resource

    while wait and multiprocessing.active_children():  # reaps those that have exited
        time.sleep(0.05)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def space(path: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(path) as c:
        return c.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()


def measure(count: int, chars: int, workdir: Path) -> dict:
    from duidu.library import backups
    from duidu.library.batch import import_paths
    from duidu.library.store import Library
    from duidu.library.importer import prepare
    from duidu.text.script import convert
    from duidu.text.segment import _load, segment, warm_up

    src = workdir / f"docs{count}"
    src.mkdir()
    texts = make_documents(src, count, chars)
    sample = texts[: min(count, 20)]  # the baseline on a sample: its rate is per document
    warm_up()
    t = time.perf_counter()
    for text in sample:
        segment(convert(text, "t2s").text)
    segment_rate = len(sample) / (time.perf_counter() - t)
    jieba = _load()
    t = time.perf_counter()
    for text in sample:
        list(jieba.tokenize(convert(text, "t2s").text))
    jieba_rate = len(sample) / (time.perf_counter() - t)
    prepare(src / "doc000000.txt")  # loads the measure layer and POS tables, as a worker does once
    t = time.process_time()
    for n in range(len(sample)):
        prepare(src / f"doc{n:06d}.txt")
    prepare_cpu = (time.process_time() - t) / len(sample)

    path = workdir / f"lib{count}.sqlite"
    with Library.open(path, seed=False, backup=False) as lib:
        children = _children_cpu()
        t, cpu = time.perf_counter(), time.process_time()
        summary = import_paths(lib, [str(src)])
        took, write_cpu = time.perf_counter() - t, time.process_time() - cpu
        workers_cpu = _children_cpu(wait=True) - children  # the worker processes, start-up and all
        lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    imported = sum(1 for o in summary.outcomes if o.status == "imported")
    with sqlite3.connect(path) as c:
        stored = c.execute("SELECT sum(length(text)) FROM documents").fetchone()[0]
    size = path.stat().st_size
    parts = space(path)

    before = backups.fingerprint(path) or []
    conn = sqlite3.connect(path)
    t = time.perf_counter()
    made = backups.backup_if_changed(conn, path, [0], keep=1)  # [0]: "changed", so one is made
    backup_time = time.perf_counter() - t
    conn.close()
    backup_size = made.stat().st_size if made else 0
    del before

    empty = workdir / f"empty{count}.sqlite"
    with Library.open(empty, seed=False, backup=False):
        pass
    start, start_empty = reader_start(path), reader_start(empty)
    lib_args = ["--library", str(path)]
    _, base_mem = peak_memory([])
    list_time, list_mem = peak_memory([*lib_args, "list", "--json"])
    measures_time, measures_mem = peak_memory([*lib_args, "measures", "--json"])
    _, table_mem = peak_memory([*lib_args, "measures"])  # the table: counts, no spans
    return {
        "documents": imported, "chars": stored, "import_s": took, "import_rate": imported / took,
        "jieba_rate": jieba_rate, "segment_rate": segment_rate, "prepare_cpu": prepare_cpu,
        "write_cpu": write_cpu / max(1, imported),
        "two_cores_rate": min(2 / (prepare_cpu + write_cpu / max(1, imported)), max(1, imported) / max(write_cpu, 1e-9)),
        "workers_cpu": workers_cpu / max(1, imported),
        # All the import's CPU (workers and writer) on two cores, unless the writer alone takes longer.
        "two_cores_measured": max(1, imported) / max((workers_cpu + write_cpu) / 2, write_cpu, 1e-9),
        "load": os.getloadavg()[0], "bytes": size, "bytes_per_char": size / stored, "space": parts[:8],
        "backup_bytes": backup_size, "backup_s": backup_time, "start_s": start, "start_empty_s": start_empty,
        "base_mib": base_mem, "list_mib": list_mem, "list_s": list_time,
        "measures_mib": measures_mem, "measures_s": measures_time, "table_mib": table_mem,
    }


def report(r: dict) -> None:
    n = r["documents"]
    print(f"\n{n} documents, {r['chars']:,} stored characters")
    print(f"  import       {r['import_rate']:6.1f} documents/s ({r['import_s']:.0f} s wall, load average {r['load']:.1f})   "
          f"target ≥ 15   segmentation alone {r['segment_rate']:.1f}/s, jieba alone {r['jieba_rate']:.1f}/s (ratio "
          f"{r['jieba_rate'] / r['import_rate']:.2f}×)")
    print(f"  import CPU   prepare {r['prepare_cpu'] * 1000:.0f} ms a document, writing {r['write_cpu'] * 1000:.0f} ms: "
          f"{r['two_cores_rate']:.1f} documents/s on two free cores")
    if "workers_cpu" in r:
        print(f"  import CPU   as run: the workers {r['workers_cpu'] * 1000:.0f} ms a document (their start-up and "
              f"hand-over included), the writer {r['write_cpu'] * 1000:.0f} ms: {r['two_cores_measured']:.1f} documents/s "
              f"on two free cores")
    print(f"  file         {r['bytes'] / 2**20:6.1f} MiB, {r['bytes_per_char']:.1f} bytes a stored character   target ≤ 15")
    print("  space        " + ", ".join(f"{name} {b / 2**20:.1f} MiB" for name, b in r["space"]))
    print(f"  backup       {r['backup_bytes'] / 2**20:6.1f} MiB in {r['backup_s']:.2f} s")
    print(f"  reader start {r['start_s']:6.2f} s   empty library {r['start_empty_s']:.2f} s, "
          f"ratio {r['start_s'] / r['start_empty_s']:.2f}×   target ≤ 1.2×")
    print(f"  peak memory  list {r['list_mib']:.0f} MiB, measures --json {r['measures_mib']:.0f} MiB, "
          f"measures table {r.get('table_mib', 0):.0f} MiB   "
          f"baseline (import duidu) {r['base_mib']:.0f} MiB")


def fit(results: list[dict], key: str) -> tuple[float, float]:
    """Least squares ``a + b·N`` over the sizes measured."""
    xs = [r["documents"] for r in results]
    ys = [r[key] for r in results]
    if len(xs) < 2:
        return ys[0], 0.0
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return my - b * mx, b


def extrapolate(results: list[dict]) -> None:
    print("\nfitted a + b·N, extrapolated:")
    rows = (("import s", "import_s", "{:.0f}"), ("file MiB", "bytes", "{:.0f}"), ("backup MiB", "backup_bytes", "{:.0f}"),
            ("reader start s", "start_s", "{:.2f}"), ("list MiB", "list_mib", "{:.0f}"),
            ("measures MiB", "measures_mib", "{:.0f}"), ("table MiB", "table_mib", "{:.0f}"))
    print(f"  {'':16}{'a':>10}{'b':>12}" + "".join(f"{n:>12,}" for n in (1_000, 10_000, 100_000)))
    for label, key, fmt in rows:
        a, b = fit(results, key)
        scale = 2**20 if key.endswith("bytes") else 1
        cells = "".join(f"{fmt.format((a + b * n) / scale):>12}" for n in (1_000, 10_000, 100_000))
        print(f"  {label:16}{a / scale:10.3g}{b / scale:12.3g}" + cells)
    a, b = fit(results, "import_s")
    print(f"  {'import docs/s':16}{'':22}" + "".join(f"{n / (a + b * n):>12.1f}" for n in (1_000, 10_000, 100_000))
          + f"   (marginal {1 / b:.1f} documents/s)" if b > 0 else "")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--documents", type=int, nargs="+", default=[1000], help="library sizes to build (several: fitted)")
    p.add_argument("--chars", type=int, default=10_000, help="characters a document")
    p.add_argument("--json", type=Path, help="write the figures here too")
    args = p.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as d:
        for count in args.documents:
            results.append(measure(count, args.chars, Path(d)))
            report(results[-1])
    extrapolate(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
