"""`make bench` (engine part): pair analysis against difflib and a naive n-gram matcher.

Inputs: the seed pairs; pairs scaled to 10k, 50k and 500k characters (seed sentences drawn at
random and edited: substitutions, deletions, insertions, reordering); each timed in one
process beside two baselines on the same key texts: difflib.SequenceMatcher (a monotonic
diff; skipped where it would run for minutes) and a naive 6-gram matcher (set intersection).
Per-document work (key form, measures) is done before the clock starts, as the library does
at import. Prints times, ratios and the fitted growth exponent.
"""

from __future__ import annotations

import difflib
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from duidu.engine.compare import compare
from duidu.engine.document import EngineDocument, Span
from duidu.engine.measures import extract_measures
from duidu.library.store import Library
from synthetic import edited, seed_sentences

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
DIFFLIB_LIMIT = 60_000  # characters per side beyond which difflib is not run (minutes)


def best_of(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def naive_ngrams(ka: str, kb: str, n: int = 6) -> int:
    grams = {kb[j : j + n] for j in range(len(kb) - n + 1)}
    covered = bytearray(len(ka))
    for i in range(len(ka) - n + 1):
        if ka[i : i + n] in grams:
            covered[i : i + n] = b"\x01" * n
    return sum(covered)


def difflib_shared(ka: str, kb: str) -> int:
    return sum(b.size for b in difflib.SequenceMatcher(None, ka, kb).get_matching_blocks())


def scaled_pair(pool_sentences: list[str], size: int, seed: int) -> tuple[str, str]:
    rng = random.Random(seed)
    pool = "".join(pool_sentences)

    def draw() -> str:
        parts, n = [], 0
        while n < size:
            s = edited(rng.choice(pool_sentences), rng, pool, edits=(0, 0, 1, 1, 2))
            parts.append(s)
            n += len(s) + 1
            if rng.random() < 0.2:
                parts.append("\n")
        return "".join(parts)[:size]

    return draw(), draw()


def as_document(doc_id: int, text: str) -> EngineDocument:
    paragraphs, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    doc = EngineDocument(doc_id, f"scaled {doc_id}", None, text, tuple(paragraphs))
    doc.keyform  # per-document work, as at import
    return doc


def measure(name: str, a: EngineDocument, b: EngineDocument, rows: list) -> float:
    mentions = {a.id: extract_measures(a), b.id: extract_measures(b)}  # cached at import
    result = compare(a, b, mentions=mentions)
    t = best_of(lambda: compare(a, b, mentions=mentions))
    ka, kb = a.keyform.text, b.keyform.text
    naive = best_of(lambda: naive_ngrams(ka, kb))
    if max(len(ka), len(kb)) <= DIFFLIB_LIMIT:
        diff = best_of(lambda: difflib_shared(ka, kb), runs=1)
        diff_cell = f"{diff * 1000:9.1f} ms ({t / diff:5.2f}×)"
        shared_diff = difflib_shared(ka, kb)
    else:
        diff_cell, shared_diff = f"{'skipped':>9}            ", None
    shared = sum(p.a_key[1] - p.a_key[0] for p in result.shown())
    rows.append((name, len(a.text), len(b.text), t, naive, diff_cell, shared, naive_ngrams(ka, kb), shared_diff))
    return t


def main() -> int:
    print(f"Engine benchmark: best of {RUNS}, Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    rows: list = []
    with tempfile.TemporaryDirectory() as d, Library.open(Path(d) / "seeds.sqlite") as lib:
        for a_id, b_id in [(1, 2), (1, 3), (1, 5), (3, 4)]:
            measure(f"seeds {a_id - 1:03d}×{b_id - 1:03d}", lib.engine_document(a_id), lib.engine_document(b_id), rows)
    sizes, times = [], []
    pool = seed_sentences()
    for size in (10_000, 50_000, 500_000):
        ta, tb = scaled_pair(pool, size, seed=size)
        t = measure(f"scaled {size // 1000}k×{size // 1000}k", as_document(101, ta), as_document(102, tb), rows)
        sizes.append(size)
        times.append(t)
    print(f"{'pair':<18}{'A chars':>9}{'B chars':>9}{'duidu':>11}{'6-gram naive':>22}{'difflib':>24}{'shared: duidu / 6-gram / difflib':>36}")
    for name, la, lb, t, naive, diff_cell, shared, shared_naive, shared_diff in rows:
        print(f"{name:<18}{la:>9}{lb:>9}{t * 1000:>8.1f} ms{naive * 1000:>10.1f} ms ({t / naive:5.1f}×){diff_cell:>24}"
              f"{shared:>14} / {shared_naive} / {shared_diff if shared_diff is not None else '—'}")
    exponent = math.log(times[-1] / times[0]) / math.log(sizes[-1] / sizes[0])
    print(f"growth exponent 10k→500k: {exponent:.2f} (1.0 is linear)")
    ok10 = times[0] <= 0.05
    ok500 = times[-1] <= 5.0
    print(f"targets: 10k×10k ≤ 50 ms {'ok' if ok10 else 'OVER'} ({times[0] * 1000:.1f} ms); "
          f"500k×500k ≤ 5 s {'ok' if ok500 else 'OVER'} ({times[-1]:.2f} s)")
    return 0 if ok10 and ok500 else 1


if __name__ == "__main__":
    sys.exit(main())
