"""``duidu reuse`` at library scale: the corpus's reports, then synthetic libraries of growing size.

1. The 33 reports of ``../shared/corpus`` (provinces-2026 and the national reports of 2024 and
   2025; said plainly when absent), imported with ``duidu import`` into a temporary library:
   ``duidu reuse`` after the import, against the target (10 s), with its candidate pairs
   against all pairs.
2. Synthetic libraries (``--sizes``, default 250,500,1000 documents of ``--chars`` 10,000
   characters), each built through the real import path (``duidu import DIR``): every document
   is corpus (or seed) sentences with their characters shuffled, so that no two documents share
   their wording, plus
   shared passages — real corpus sentences planted, lightly edited, into two to four random
   documents each (one passage per two documents). ``duidu reuse`` on each: wall time, peak
   memory (target: ≤ 120 s within 2 GB at 1,000 documents), CPU time (with the worker
   processes'; the machine is shared, so wall time overstates), candidate pairs, and the growth
   exponent of CPU time fitted against library size. Against the all-pairs baseline measured in
   the same run on 100 documents (every pair aligned by the same passage finder, and by the
   whole-text finder: CPU time of a random sample of pairs, scaled to all of them, said so).

    .venv/bin/python benchmarks/reuse.py [--sizes 250,500,1000] [--chars 10000] [--no-corpus] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import edited, seed_sentences

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_TARGET = 10.0  # s, duidu reuse over the 33 reports
SCALE_TARGET = 120.0  # s, at 1,000 documents
MEMORY_TARGET = 2 * 1024**3  # bytes
BASELINE_DOCS = 100
BASELINE_SAMPLE = 60  # pairs timed for the all-pairs baseline


# Runs the command line in this process and then writes its own peak memory and that of the
# largest worker process it waited for (their sum bounds what the command held at once).
_MEASURED = """
import resource, sys
from duidu.cli.main import main
code = main(sys.argv[2:])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(sys.argv[1], "w").write(str(peak * 1024))
sys.exit(code)
"""


def cpu_of_children() -> float:
    """CPU seconds (user + system) of the child processes waited for so far, and of theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


_cpu: list[float] = [0.0]  # the last command's CPU seconds (``duidu`` sets it)


def duidu(library: Path, *args: str) -> tuple[float, int, str]:
    """Run ``duidu --library LIBRARY ARGS``: wall time, peak memory (bytes), stdout; its CPU
    seconds (with its worker processes') in ``_cpu[0]``."""
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak_file:
        start, cpu = time.perf_counter(), cpu_of_children()
        done = subprocess.run([sys.executable, "-c", _MEASURED, peak_file.name, "--library", str(library), *args],
                              capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        _cpu[0] = cpu_of_children() - cpu
        if done.returncode != 0:
            sys.exit(f"reuse benchmark: duidu {' '.join(args)} failed:\n{done.stderr}")
        peak = int(peak_file.read() or 0)
    return elapsed, peak, done.stdout


def corpus_files() -> list[Path]:
    files = sorted((CORPUS / "provinces-2026").glob("*.txt"))
    files += [CORPUS / "national" / f"{y}_国务院_政府工作报告.txt" for y in (2024, 2025)]
    return [f for f in files if f.exists()]


def manifest_dates() -> dict[str, str]:
    lines = (CORPUS / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return {Path(c[0]).name: c[2] for c in (line.split("\t") for line in lines) if len(c) > 2}


def import_corpus(tmp: Path, who: str) -> tuple[Path, float, int] | None:
    """The 33 reports imported into ``tmp/corpus.sqlite`` through the CLI: (library, seconds, reports),
    or None (said so) when ../shared/corpus is not there."""
    files = corpus_files()
    if len(files) < 33:
        print(f"{who}: ../shared/corpus is absent or incomplete ({len(files)} of 33 reports found): not measured")
        return None
    folder = tmp / "corpus"
    folder.mkdir()
    for f in files:
        (folder / f.name).write_bytes(f.read_bytes())
    library = tmp / "corpus.sqlite"
    took, _, _ = duidu(library, "import", str(folder))
    # The manifest's dates where the text states none (the 2025 national report's date is its session's).
    dates = manifest_dates()
    for d in json.loads(duidu(library, "list", "--json")[2]):
        if not d.get("date") and d.get("file_name") in dates:
            duidu(library, "edit", str(d["id"]), "--date", dates[d["file_name"]])
    return library, took, len(files)


def bench_corpus(tmp: Path) -> bool:
    imported = import_corpus(tmp, "corpus")
    if imported is None:
        return True
    library, took, reports = imported
    load = os.getloadavg()[0]
    elapsed, peak, out = duidu(library, "reuse", "--no-seeds", "--json")
    cpu = _cpu[0]
    result = json.loads(out)
    ok = elapsed <= CORPUS_TARGET
    print(f"corpus: {reports} reports imported in {took:.0f} s; duidu reuse {elapsed:.1f} s wall, {cpu:.1f} s CPU "
          f"with its workers (load average {load:.1f} on {os.cpu_count()} cores) "
          f"(target ≤ {CORPUS_TARGET:.0f} s: {'met' if ok else 'NOT met'}), peak {peak / 2**20:.0f} MB; "
          f"{result['pairs_considered']} of {result['pairs_possible']} pairs aligned "
          f"({result['pairs_considered'] / result['pairs_possible']:.0%}: these reports share distinctive text "
          f"pairwise, so the candidate rule keeps most), {len(result['families'])} families, {len(result['edges'])} edges")
    name = {d["id"]: f"{d['id']} {d.get('date') or 'undated'} {d.get('title') or ''}"[:40] for d in result["documents"]}
    for e in result["edges"][:3]:
        print(f"  edge {name[e['from']]} → {name[e['to']]}: {e['informative_chars']} informative of {e['chars']} chars, "
              f"{e['direction']}")
    for f in result["families"][:3]:
        print(f"  family of {len({m['doc'] for m in f['members']})} documents: {' '.join(f['text'].split())[:50]}")
    return ok


# -- synthetic libraries ----------------------------------------------------------------------------


def corpus_sentences() -> list[str]:
    """Sentences of the corpus's reports (the seeds' when the corpus is absent)."""
    from duidu.text.clean import clean

    files = corpus_files()
    if not files:
        return seed_sentences(12)
    out = []
    for f in files:
        c = clean(f.read_text(encoding="utf-8"))
        out += [c.text[s.start : s.end].strip() for s in c.sentences if 12 <= s.end - s.start <= 200]
    return out


def make_library(folder: Path, docs: int, chars: int, rng: random.Random) -> int:
    """Write ``docs`` documents; returns the number of planted passages."""
    sentences = corpus_sentences()
    pool = "".join(sentences)
    folder.mkdir(parents=True)
    bodies: list[list[str]] = [[] for _ in range(docs)]
    for body in bodies:  # the filler: a sentence's characters shuffled, so no two documents share wording
        size = 0
        while size < chars * 0.9:
            s = rng.choice(sentences)
            chars_ = list(s[:-1])
            rng.shuffle(chars_)
            body.append("".join(chars_) + s[-1])
            size += len(s)
    planted = docs // 2
    for _ in range(planted):
        passage = "".join(rng.sample(sentences, 2))
        for d in rng.sample(range(docs), rng.randint(2, 4)):
            at = rng.randrange(len(bodies[d]) + 1)
            bodies[d].insert(at, edited(passage, rng, pool, edits=(0, 0, 1, 2)))
    for n, body in enumerate(bodies):
        text, paragraphs, line = [], [], []
        for s in body:
            line.append(s)
            if rng.random() < 0.15:
                paragraphs.append("".join(line))
                line = []
        paragraphs.append("".join(line))
        month, day = 1 + n % 12, 1 + n % 28
        # dated at the end as a document is (成文日期), so edges have a direction
        (folder / f"doc{n:05d}.txt").write_text(f"合成文件{n}号\n" + "\n".join(paragraphs) + f"\n2025年{month}月{day}日\n",
                                                encoding="utf-8")
    return planted


def baseline_all_pairs(library: Path, ids: list[int], rng: random.Random) -> tuple[float, float, int]:
    """CPU seconds to align every pair of ``ids`` with the passage finder ``duidu reuse`` uses
    (around what each pair shares), and with the whole-text finder (both from a timed random
    sample of pairs, scaled), and the pair count."""
    from duidu.engine.passages import find_passages
    from duidu.engine.reuse import distinctive_grams
    from duidu.library.reuse import _align, _boilerplate
    from duidu.library.store import Library
    from duidu.text.segment import word_edges

    with Library.open(library, seed=False, backup=False) as lib:
        docs = {i: lib.engine_document(i) for i in ids}
        grams = {i: distinctive_grams(d.keyform.text) for i, d in docs.items()}  # read once, as reuse does
        boilerplate = _boilerplate(lib)
        pairs = [(a, b) for n, a in enumerate(ids) for b in ids[n + 1 :]]
        sample = rng.sample(pairs, min(BASELINE_SAMPLE, len(pairs)))
        word_edges("中华人民共和国")  # jieba's dictionary and the background models loaded first
        _align([(docs[a], docs[b]) for a, b in sample[:1]], boilerplate)
        find_passages(*(docs[i] for i in sample[0]), is_boilerplate=boilerplate)
        start = time.process_time()
        _align([(docs[a], docs[b]) for a, b in sample], boilerplate, [(grams[a], grams[b]) for a, b in sample])
        per_pair = (time.process_time() - start) / len(sample)
        start = time.process_time()
        for a, b in sample:
            find_passages(docs[a], docs[b], is_boilerplate=boilerplate)
        whole = (time.process_time() - start) / len(sample)
    return per_pair * len(pairs), whole * len(pairs), len(pairs)


def bench_scale(tmp: Path, sizes: list[int], chars: int, baseline_docs: int = BASELINE_DOCS) -> bool:
    figures = []
    ok = True
    baseline_done = False
    for size in sorted(set(sizes) | {baseline_docs}):
        rng = random.Random(12 + size)
        folder = tmp / f"synthetic{size}"
        library = tmp / f"synthetic{size}.sqlite"
        made = tmp / f"synthetic{size}.json"  # what was built, so that --keep DIR can use it again
        if library.exists() and made.exists():
            built = json.loads(made.read_text())
            planted, took = built["planted"], built["import_seconds"]
        else:
            planted = make_library(folder, size, chars, rng)
            took, _, _ = duidu(library, "import", str(folder))
            made.write_text(json.dumps({"planted": planted, "import_seconds": took}))
        listed = json.loads(duidu(library, "list", "--json")[2])
        ids = [d["id"] for d in listed if not d.get("seed")]
        load = os.getloadavg()[0]
        elapsed, peak, out = duidu(library, "reuse", "--no-seeds", "--json")
        cpu = _cpu[0]
        result = json.loads(out)
        total = sum(len((folder / f).read_text(encoding="utf-8")) for f in os.listdir(folder) if f.endswith(".txt"))
        print(f"synthetic {size} documents ({total / 1e6:.1f}M chars, {planted} planted passages; imported in "
              f"{took:.0f} s): duidu reuse {elapsed:.1f} s wall, {cpu:.1f} s CPU (load average {load:.1f}), "
              f"peak {peak / 2**20:.0f} MB, "
              f"{result['pairs_considered']} of {result['pairs_possible']} pairs aligned, "
              f"{len(result['families'])} families, {len(result['edges'])} edges")
        if size in sizes:
            figures.append((size, cpu, result["pairs_considered"]))
        if size == baseline_docs and not baseline_done:
            baseline, whole, pairs = baseline_all_pairs(library, ids, rng)
            baseline_done = True
            print(f"  all-pairs baseline on {size} documents: {baseline:.0f} s CPU for {pairs} pairs with the same "
                  f"aligner ({whole:.0f} s aligning whole texts; a random sample of {BASELINE_SAMPLE} pairs timed and "
                  f"scaled); duidu reuse, aligning {result['pairs_considered']} pairs, takes {baseline / cpu:.1f}× "
                  f"less CPU ({whole / cpu:.1f}× less than whole-text all pairs)")
        if size >= 1000:
            ok &= elapsed <= SCALE_TARGET and peak <= MEMORY_TARGET
            print(f"  target at {size} documents: ≤ {SCALE_TARGET:.0f} s within 2 GB: "
                  f"{'met' if elapsed <= SCALE_TARGET and peak <= MEMORY_TARGET else 'NOT met'}")
    if len(figures) >= 3:
        xs = [math.log(n) for n, _, _ in figures]
        for label, ys in (("CPU time", [math.log(t) for _, t, _ in figures]),
                          ("candidate pairs", [math.log(max(1, p)) for _, _, p in figures])):
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
            print(f"  fitted growth exponent of {label} against library size: {slope:.2f} "
                  f"(1 = linear, 2 = all pairs) over {[n for n, _, _ in figures]}")
    else:
        print("  growth exponent: needs three sizes or more (--sizes)")
    if max(sizes) < 1000:
        print(f"  the 1,000-document target was not measured in this run (largest size {max(sizes)})")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="250,500,1000", help="library sizes, comma-separated")
    parser.add_argument("--chars", type=int, default=10_000, help="characters a synthetic document")
    parser.add_argument("--no-corpus", action="store_true", help="skip the 33 reports")
    parser.add_argument("--baseline-docs", type=int, default=BASELINE_DOCS, help="library size of the all-pairs baseline")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep it (synthetic libraries already "
                                                      "built there are used again)")
    args = parser.parse_args()
    sizes = [int(s) for s in re.split(r"[,\s]+", args.sizes) if s]
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(args.keep or scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        ok = True
        if not args.no_corpus:
            ok &= bench_corpus(tmp)
        ok &= bench_scale(tmp, sizes, args.chars, args.baseline_docs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
