"""Import speed: the five seeds and ../shared/corpus, each beside a jieba-only baseline measured
in the same run, and how often each document is converted, key-formed and segmented.

Three figures per set of files:
- ``prepare``: reading, cleaning and analysing every file in this process, one after another
  (what one import worker does), wall and CPU seconds (CPU: honest on a busy machine);
- ``jieba only``: the baseline, one plain jieba cut of each document's simplified text, no
  more (the least any segmenting import can do), timed the same way;
- ``import``: ``import_paths`` into a new library, as ``duidu import DIR --recursive`` runs it
  (worker processes prepare, this process writes), wall seconds.

The work counters give characters handed to each step per character of stored text: 1.0 means
once. ``segmented`` counts jieba's cuts (words and parts of speech), ``key formed`` the
t2s conversions made for key forms, ``converted`` every t2s conversion. Run with the tree to
measure on ``PYTHONPATH`` (``PYTHONPATH=desktop python benchmarks/import_speed.py``); the corpus
is read from ../shared/corpus when it is there, and the benchmark says so when it is not.

Target (issue 10): the corpus imports in ≤ 30 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TARGET = 30.0

work: Counter = Counter()


def _count(name: str, fn):
    def counted(text, *args, **kwargs):
        work[name] += len(text)
        return fn(text, *args, **kwargs)

    counted.__wrapped__ = fn
    return counted


def instrument() -> None:
    """Count characters handed to jieba (its tokenizer and its part-of-speech cut, whichever
    duidu function calls them) and to t2s conversion, whichever module holds it."""
    from duidu.text import keyform, script, segment

    pt = segment._load_pos()
    if hasattr(segment, "tokens"):  # jieba-rs and jieba behind it (segment_tagged's)
        segment.tokens = _count("segmented", segment.tokens)
    else:  # a tree from before jieba-rs (measuring "before" with PYTHONPATH): jieba's tokenizer
        tk = segment._load()
        tk.tokenize = _count("segmented", tk.tokenize)
    pt.cut = _count("segmented", pt.cut)
    real_convert = script.convert
    counted_convert = _count("converted", real_convert)

    def key_convert(text, *args, **kwargs):
        work["key formed"] += len(text)
        return counted_convert(text, *args, **kwargs)

    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("duidu.") and getattr(module, "convert", None) is real_convert:
            module.convert = key_convert if module is keyform else counted_convert


def documents(files: list[Path]) -> list:
    from duidu.library.errors import InputError
    from duidu.library.importer import prepare

    out = []
    for f in files:
        try:
            out.append(prepare(f))
        except InputError:
            pass  # refused (a scanned PDF): not imported by either side
    return out


def timed(fn) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def jieba_only(texts: list[str]) -> None:
    from duidu.text.script import convert
    from duidu.text.segment import segment

    for t in texts:
        segment(convert(t, "t2s").text)


def measure(label: str, files: list[Path], *, full_import: bool) -> float | None:
    from duidu.library.batch import import_paths
    from duidu.library.store import Library

    work.clear()
    wall, cpu, prepared = timed(lambda: documents(files))
    chars = sum(len(p.cleaned.text) for p in prepared)
    counts = {k: v / chars for k, v in work.items()}
    texts = [p.cleaned.text for p in prepared]
    b_wall, b_cpu, _ = timed(lambda: jieba_only(texts))
    print(f"{label}: {len(prepared)} documents, {chars:,} characters")
    print(f"  prepare    {wall:6.1f} s wall {cpu:6.1f} s CPU   ratio to jieba only {wall / b_wall:.1f}× wall, "
          f"{cpu / b_cpu:.1f}× CPU")
    print(f"  jieba only {b_wall:6.1f} s wall {b_cpu:6.1f} s CPU")
    print("  per stored character: " + ", ".join(f"{k} {counts.get(k, 0):.2f}×"
                                                 for k in ("segmented", "key formed", "converted")))
    if not full_import:
        return None
    with tempfile.TemporaryDirectory() as d:
        with Library.open(Path(d) / "lib.sqlite", seed=False, backup=False) as lib:
            i_wall, _, summary = timed(lambda: import_paths(lib, [str(f) for f in files]))
    ok = i_wall <= TARGET
    print(f"  import     {i_wall:6.1f} s wall ({len(summary.outcomes)} files)  target ≤ {TARGET:.0f} s "
          f"{'ok' if ok else 'OVER'}   ratio to jieba only {i_wall / b_wall:.1f}×")
    return i_wall


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=CORPUS)
    p.add_argument("--seeds-only", action="store_true")
    args = p.parse_args()
    from duidu.library.batch import expand
    from duidu.text.segment import warm_up

    warm_up(pos=True)  # loading jieba is not the import's work: every process pays it once
    instrument()
    seeds = sorted((ROOT / "seeds").glob("00*.txt"))
    measure("five seeds", seeds, full_import=False)
    if args.seeds_only:
        return 0
    if not args.corpus.is_dir():
        print(f"corpus: {args.corpus} is not there; only the seeds were measured")
        return 0
    files, _ = expand([str(args.corpus)], recursive=True)
    took = measure(f"corpus ({args.corpus})", [Path(f) for f in files], full_import=True)
    return 0 if took is not None and took <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
