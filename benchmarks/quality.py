"""Print passage-linking recall and precision on the hand-labelled pairs: the seeds and the corpus.

Seeds: tests/passage_pairs.toml over the five seeds of a new library (its boilerplate test).
Corpus: tests/passage_pairs_corpus.toml over excerpts of the 2026 provincial government work
reports and the State Council's 2025 report (tests/data/corpus_passages, copied from
../shared/corpus with provenance; this script does not read ../shared). The default minimum
length and threshold (engine/passages.py) are chosen from the seeds' table. Last, a seeded random
sample of the passages shown on whole report pairs of ../shared/corpus with the verdicts read by
hand (benchmarks/passage_sample.py, tests/passage_sample_labels.toml). Measures: a seeded sample of
60 measure groups over the 33 reports and official documents of other domains, read by hand
(benchmarks/measure_sample.py, tests/measure_sample_labels.toml): precision of groups, area accuracy.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from passage_quality import evaluate, evaluate_corpus  # noqa: E402

from duidu.engine.passages import MIN_LENGTH, THRESHOLD  # noqa: E402
from duidu.library.store import Library  # noqa: E402


def line(name: str, q) -> str:
    return (f"| {name} | {q.found}/{q.links} = {q.recall:.1%} | {q.precision:.1%} "
            f"({q.found} of {q.found + q.wrongly_linked} linked pairs right; {q.wrongly_linked}/{q.nolinks} nolinks linked) |")


def main() -> None:
    with tempfile.TemporaryDirectory() as d, Library.open(Path(d) / "seeds.sqlite") as lib:
        print("Passages at the defaults (minimum", MIN_LENGTH, "key characters, similarity ≥", THRESHOLD, "):\n")
        print("| labelled set | recall | precision |")
        print("|---|---|---|")
        seeds, corpus = evaluate(lib), evaluate_corpus()
        print(line("seeds (tests/passage_pairs.toml)", seeds))
        print(line("corpus (tests/passage_pairs_corpus.toml)", corpus))
        for name, q in (("seeds", seeds), ("corpus", corpus)):
            print(f"\n{name}: missed:", *q.missed or ["—"], sep="\n  ")
            print(f"{name}: wrongly linked:", *q.false or ["—"], sep="\n  ")
        print("\nSeeds, by setting:\n")
        print("| min length | threshold | recall | precision | missed | wrongly linked |")
        print("|---|---|---|---|---|---|")
        for n in (6, 8, 10):
            for t in (0.8, 0.85, 0.9):
                q = evaluate(lib, min_length=n, threshold=t)
                mark = " (default)" if (n, t) == (MIN_LENGTH, THRESHOLD) else ""
                print(f"| {n}{mark} | {t} | {q.found}/{q.links} = {q.recall:.0%} | {q.precision:.0%} | {len(q.missed)} | {q.wrongly_linked}/{q.nolinks} |")


if __name__ == "__main__":
    main()
    # figures and measures (their own module): seeds, then ../shared/corpus — GDP/CPI/jobs targets
    # (targets.toml), grain, revenue and income targets and results (targets_whole.toml), measure figures
    import quality_figures

    quality_figures.main()
    import measure_sample  # measures: a seeded sample of the groups over reports and other documents, read by hand

    measure_sample.main()
    import passage_sample  # a random sample of the passages shown on whole report pairs, with verdicts

    print()
    passage_sample.main()
