"""A random sample of the passages a reader is shown on whole real document pairs, and its precision.

The labelled link sets (tests/passage_pairs*.toml) say whether chosen pairs are linked; they
cannot say how much of what the reader is *shown* is worth showing. This draws, with a fixed
seed (``SEED``), passages at random from those shown (not boilerplate: what the reader,
``compare --json`` and reports present by default) on

- ``CORPUS_PAIRS``: whole 2026 government work reports of neighbouring provinces and the State
  Council's 2025 report against two provinces' (../shared/corpus), ``CORPUS_SAMPLE`` in all;
- the ten pairs of the five seeds (``seeds/``), ``SEED_SAMPLE`` in all;

each with a new library (the background model decides), and prints each with the verdict read by
hand in tests/passage_sample_labels.toml, keyed by (pair, A's text). Verdicts:

  real     shared content a researcher wants linked: a named programme, project, zone, event or
           institution, or a measure, reform or sentence the two share with its specifics (also
           phrasing a province took from the centre, when most reports do not repeat it);
  stock    a political or administrative formula, slogan or report frame most reports repeat;
  measure  only the bare name of a nationwide measure, campaign or indicator (人工智能+, 以旧换新);
  false    a broken match: the two sides mean different things, or a fragment cut mid-phrase, or a
           common frame around different figures or names.

Precision = real / labelled; a passage not yet labelled is printed with "?" (read it in both
documents and add its verdict). Run: .venv/bin/python benchmarks/passage_sample.py
"""

from __future__ import annotations

import itertools
import random
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = ROOT / "seeds"
LABELS = ROOT / "tests" / "passage_sample_labels.toml"
CORPUS_PAIRS = (("北京市", "天津市"), ("上海市", "浙江省"), ("四川省", "重庆市"), ("广东省", "福建省"),
                ("河南省", "湖北省"), ("甘肃省", "宁夏回族自治区"), ("江苏省", "安徽省"), ("辽宁省", "吉林省"),
                ("国务院2025", "四川省"), ("国务院2025", "浙江省"))
CORPUS_SAMPLE = 40
SEED_SAMPLE = 30
SEED = 1202  # the draw read by hand in tests/passage_sample_labels.toml
FIRST = 3  # passages of each pair the reader shows first, read by hand too
VERDICTS = ("real", "stock", "measure", "false")


def pair_name(a: str, b: str) -> str:
    return f"{a}×{b}"


def labels() -> dict[tuple[str, str], str]:
    if not LABELS.exists():
        return {}
    data = tomllib.loads(LABELS.read_text(encoding="utf-8"))
    return {(x["pair"], x["text"]): x["verdict"] for x in data.get("passage", ())}


def _report_path(name: str) -> Path:
    if name.startswith("国务院"):
        return CORPUS / "national" / f"{name[3:]}_国务院_政府工作报告.txt"
    return CORPUS / "provinces-2026" / f"2026_{name}_政府工作报告.txt"


def _shown(pairs, document) -> list[tuple[str, object]]:
    from duidu.engine.compare import compare

    out = []
    for a, b in pairs:
        # As the app compares (engine/compare.py): with the measure layer's mentions, which link short items.
        found = compare(document(a), document(b)).passages
        # In the reader's order (Comparison.ranked): naming a place both share first, then informative first.
        shown = sorted((p for p in found if not p.boilerplate), key=lambda p: (not p.places, -p.informativeness, p.a_start))
        out += [(pair_name(a, b), p) for p in shown]
    return out


def corpus_shown() -> list[tuple[str, object]] | None:
    """(pair, passage) for every passage shown on each corpus pair, or None without ../shared/corpus."""
    from duidu.engine.document import EngineDocument
    from duidu.text.clean import clean

    if not CORPUS.is_dir():
        return None
    docs: dict[str, EngineDocument] = {}

    def document(name: str) -> EngineDocument:
        if name not in docs:
            text = clean(_report_path(name).read_text(encoding="utf-8")).text
            docs[name] = EngineDocument.from_text(len(docs) + 1, text, title=name, region=name)
        return docs[name]

    return _shown(CORPUS_PAIRS, document)


def seed_shown() -> list[tuple[str, object]]:
    from duidu.engine.document import EngineDocument
    from duidu.text.clean import clean

    files = sorted(SEEDS.glob("*.txt"))
    docs = {p.name[:3]: EngineDocument.from_text(n + 1, clean(p.read_text(encoding="utf-8")).text)
            for n, p in enumerate(files)}
    return _shown(itertools.combinations(sorted(docs), 2), docs.__getitem__)


def report(title: str, sample: list, known: dict) -> tuple[int, int]:
    """Print ``sample`` with its verdicts; (real, labelled)."""
    print(title)
    counts = dict.fromkeys(VERDICTS, 0)
    for pair, p in sample:
        verdict = known.get((pair, p.a_text))
        if verdict is not None:
            counts[verdict] += 1
        other = "" if p.b_text == p.a_text else f"  ↔ {p.b_text}"
        print(f"  [{verdict or '?':>7}] {pair:<16} inf {p.informativeness:5.1f}  {p.a_text}{other}".replace("\n", "⏎"))
    labelled = sum(counts.values())
    rest = f"; {len(sample) - labelled} not labelled" if labelled < len(sample) else ""
    parts = ", ".join(f"{v} {counts[v]}" for v in VERDICTS)
    print(f"  precision (real shared content): {counts['real']}/{labelled} = {counts['real'] / max(1, labelled):.0%}"
          f" ({parts}){rest}\n")
    return counts["real"], labelled


def draw(passages: list, n: int) -> list:
    """``n`` at random, from the passages in text order: how they are ranked does not change the draw."""
    in_text_order = sorted(passages, key=lambda x: (x[0], x[1].a_start, x[1].b_start))
    return random.Random(SEED).sample(in_text_order, min(n, len(passages)))


def leading(passages: list, n: int) -> list:
    """The first ``n`` of each pair in the reader's order (what the passages list and a report show
    first): how well informativeness ranks."""
    taken: dict[str, int] = {}
    out = []
    for pair, p in passages:
        if taken.get(pair, 0) < n:
            taken[pair] = taken.get(pair, 0) + 1
            out.append((pair, p))
    return out


def main() -> int:
    known = labels()
    print(f"Passage samples (seed {SEED}); verdicts from {LABELS.relative_to(ROOT)}\n")
    seeds = seed_shown()
    report(f"Seeds, ten pairs: {min(SEED_SAMPLE, len(seeds))} of {len(seeds)} shown", draw(seeds, SEED_SAMPLE), known)
    report(f"Seeds, the first {FIRST} of each pair in the reader's order", leading(seeds, FIRST), known)
    passages = corpus_shown()
    if passages is None:
        print(f"Corpus sample: no corpus at {CORPUS} (../shared/corpus is needed for this part): not measured")
        return 0
    print(f"../shared/corpus, {len(CORPUS_PAIRS)} whole report pairs: "
          + ", ".join(f"{pair_name(a, b)} {sum(x == pair_name(a, b) for x, _ in passages)}" for a, b in CORPUS_PAIRS))
    report(f"Corpus: {min(CORPUS_SAMPLE, len(passages))} of {len(passages)} shown", draw(passages, CORPUS_SAMPLE), known)
    report(f"Corpus, the first {FIRST} of each pair in the reader's order", leading(passages, FIRST), known)
    # The draw is redrawn whenever what is shown changes (a sample of a new population): every
    # passage shown, where all are labelled, is the steadier figure to compare runs by.
    verdicts = [known.get((pair, p.a_text)) for pair, p in passages]
    real, labelled = verdicts.count("real"), sum(v is not None for v in verdicts)
    print(f"Corpus, every passage shown: {real}/{labelled} labelled are real = {real / max(1, labelled):.0%}"
          + (f"; {len(passages) - labelled} not labelled" if labelled < len(passages) else ""))
    first = [(pair, p) for pair, p in passages if p.places]
    first_real = sum(known.get((pair, p.a_text)) == "real" for pair, p in first)
    first_known = sum((pair, p.a_text) in known for pair, p in first)
    print(f"Corpus, shown first (naming a place both share, engine/places.py): {len(first)} passages, "
          f"{first_real}/{first_known} of those labelled real")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "desktop"))
    sys.exit(main())
