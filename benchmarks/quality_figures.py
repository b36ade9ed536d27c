"""Figures (targets and results) and measures: precision and recall on the seeds and on ../shared/corpus.

Run by ``benchmarks/quality.py`` after the passages (or alone). The scoring and the labels are
tests/report_quality.py and tests/data/reports (written by reading the texts); the corpus part
reads ../shared/corpus when it is present and says so when it is not.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# Seeds 000 × 001: figure pairs and measures × documents a reader finds (tests/test_figures.py,
# tests/test_measures.py assert the same).
SEED_PAIRS = [("职教集团", "6个", "6個"), ("联席会议", "7次", "7次"),
              ("教师互派交流", "100名", "100名"), ("名师名校长工作室", "10个", "10個"), ("学科共建共享", "65个", "65個"),
              ("职教联盟", "662所", "662所"), ("职教联盟", "4个", "4個")]
# An ordinal never meets a count: 第七次 (the seventh meeting) is not 7次, 首届 (the first contest) not 3屆.
SEED_NOT_PAIRED = [("联席会议", "7次", "第七次"), ("青年教师风采大赛", "首届", "3屆")]
SEED_MEASURES = {"名师名校长工作室": {0, 1, 2, 3, 4}, "职教集团": {0, 1, 3}, "联席会议": {0, 1, 4}, "学分银行": {2, 3}}


def seeds_figures_and_measures() -> None:
    import time

    from report_quality import catch_all, document

    from duidu.engine.figures import extract_figures, pair_figures
    from duidu.engine.measures import extract_measures
    from duidu.paths import seed_path

    names = ["000_bf6dfff8fbad574e.txt", "001_6a591adfc5be8ef4.txt", "002_a26b798a85d25e72.txt",
             "003_a7b1866d95dd2697.txt", "004_bae3a0f70cd3e527.txt"]
    docs = [document(seed_path(n), k) for k, n in enumerate(names)]
    t = time.perf_counter()
    found = {d.id: extract_measures(d) for d in docs}
    took = time.perf_counter() - t
    pairs = pair_figures(extract_figures(docs[0], found[0]), extract_figures(docs[1], found[1]))
    got = {(p.measure, p.a_text, p.b_text) for p in pairs}
    hit = sum(p in got for p in SEED_PAIRS)
    print("\n## Seeds: figures and measures\n")
    wrong = [p for p in SEED_NOT_PAIRED if p in got]
    print(f"figure pairs 000 × 001: {hit}/{len(SEED_PAIRS)} labelled pairs found (recall {hit / len(SEED_PAIRS):.0%}); "
          f"{len(pairs)} pairs in all, {sum(p.differs for p in pairs)} differing; "
          f"{len(wrong)}/{len(SEED_NOT_PAIRED)} ordinal-against-count pairs made {wrong or ''}")
    labelled = sum(len(d) for d in SEED_MEASURES.values())
    stated = {(m.measure, d) for d, ms in found.items() for m in ms if m.measure in SEED_MEASURES}
    right = sum((m, d) in stated for m, ds in SEED_MEASURES.items() for d in ds)
    print(f"measures × documents: recall {right}/{labelled} = {right / labelled:.0%}, "
          f"precision {right}/{len(stated)} = {right / max(1, len(stated)):.0%} (labelled measures)")
    share_m, share_r, rows = catch_all(docs, found)
    print(f"catch-all {share_m:.1%} of mentions, {share_r:.1%} of {rows} rows; extraction {took:.2f} s for 5 seeds")


def corpus_figures_and_measures() -> None:
    import time

    from report_quality import (catch_all, document, figure_quality, labels, measure_quality, target_pairing)

    from duidu.engine.indicators import extract_indicators
    from duidu.engine.measures import extract_measures, measure_table

    print("\n## ../shared/corpus: figures and measures\n")
    if not CORPUS.is_dir():
        print(f"../shared/corpus is not present ({CORPUS}): corpus figures and measures not measured")
        return
    reports = labels("targets.toml")["report"]
    files = {r["region"]: CORPUS / ("national" if r["region"] == "国务院" else "provinces-2026") /
             r["file"].replace("_targets.txt", ".txt") for r in reports}
    docs = {region: document(path, k, region) for k, (region, path) in enumerate(files.items())}
    values = {r["region"]: extract_indicators(docs[r["region"]], r["year"]) for r in reports}
    print("Figures: the first value of each indicator and period, against the labels of targets.toml "
          "(whole reports)\n")
    print("| label | labelled | read | right | precision | recall |\n|---|---|---|---|---|---|")
    scores = figure_quality(values, reports, whole=True)
    for key, score in scores.items():
        print(score.line(key))
    for key, score in scores.items():
        for w in score.wrong:
            print(f"  {key}: {w}")
    whole_indicators(values)
    right, provinces, wrong = target_pairing(values, reports)
    print(f"\nGDP-growth target paired target-with-target across the provinces, value and qualifier right: "
          f"{right}/{provinces} = {right / provinces:.0%}", *wrong, sep="\n  ")
    t = time.perf_counter()
    found = {region: extract_measures(doc) for region, doc in docs.items()}
    took = time.perf_counter() - t
    measure_figure_pairs(docs, found)
    excerpts = labels("measures.toml")["excerpt"]
    score = measure_quality(found, excerpts)
    print("\nMeasures: labelled measures × provinces (measures.toml) on the whole reports\n")
    print("| | labelled | reported | right | precision | recall |\n|---|---|---|---|---|---|")
    print(score.line("measures"), *score.wrong, sep="\n  ")
    extra = sorted(CORPUS.glob("national/*.txt"))
    all_docs = list(docs.values()) + [document(p, 100 + k) for k, p in enumerate(extra) if p.name not in
                                       {f.name for f in files.values()}]
    mentions = {d.id: found.get(d.region) or extract_measures(d) for d in all_docs}
    share_m, share_r, rows = catch_all(all_docs, mentions)
    print(f"\ncatch-all (其他): {share_m:.1%} of {sum(map(len, mentions.values()))} mentions, {share_r:.1%} of {rows} "
          f"measure rows over {len(all_docs)} documents; extraction {took:.1f} s for {len(docs)} reports")
    table = measure_table(all_docs, mentions)
    print("\nMeasures most documents share:")
    for row in sorted(table, key=lambda r: -len(r.mentions))[:15]:
        print(f"  {len(row.mentions):>3}  {row.category}  {row.instrument or '—'}  {row.name}")




def whole_indicators(values: dict) -> None:
    """粮食产量, 一般公共预算收入, 居民人均可支配收入: the labels of targets_whole.toml (read in the whole
    reports; "stated = false" where a report gives none) against the first value of each period.
    ``values``: each report's indicators as read for targets.toml (the same reports and years)."""
    from report_quality import labels, whole_figure_quality

    reports = labels("targets_whole.toml")["report"]
    print("\nMore indicators against targets_whole.toml (labelled = values stated; read includes values read "
          "where the report states none)\n")
    print("| label | labelled | read | right | precision | recall |\n|---|---|---|---|---|---|")
    scores = whole_figure_quality(values, reports)
    for key, score in scores.items():
        print(score.line(key))
    for key, score in scores.items():
        for w in score.wrong:
            print(f"  {key}: {w}")


def measure_figure_pairs(docs: dict, found: dict) -> None:
    """Figures of measures paired across the reports: the labelled pairs (figure_pairs.toml) made
    and wrongly made, and how many pairs every two reports give."""
    from itertools import combinations

    from figure_pair_quality import score

    from duidu.engine.figures import extract_figures, pair_figures

    figures = {region: extract_figures(doc, found[region]) for region, doc in docs.items()}
    result = score(lambda region, _: docs[region], lambda d: figures[d.region])
    print("\nMeasure figures: labelled pairs (figure_pairs.toml) on the whole reports\n")
    print(f"pairs to make: {result.found}/{result.links} made (recall {result.recall:.0%}); pairs not to make: "
          f"{result.wrongly}/{result.nolinks} made; precision {result.precision:.0%}",
          *(f"  missed: {m}" for m in result.missed), *(f"  wrongly made: {m}" for m in result.false), sep="\n")
    pairs = [p for a, b in combinations(sorted(docs), 2) for p in pair_figures(figures[a], figures[b])]
    print(f"over all {len(docs) * (len(docs) - 1) // 2} pairs of reports: {len(pairs)} figure pairs of measures, "
          f"{sum(p.differs for p in pairs)} differing")


def main() -> None:
    seeds_figures_and_measures()
    corpus_figures_and_measures()


if __name__ == "__main__":
    main()
