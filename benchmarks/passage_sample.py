"""A random sample of the passages a reader is shown on whole real report pairs, and its precision.

The labelled link sets (tests/passage_pairs*.toml) say whether chosen pairs are linked; they
cannot say how much of what the reader is *shown* is worth showing. This draws, with a fixed
seed, ``SAMPLE`` passages from those shown (not boilerplate) over ``PAIRS`` — neighbouring
provinces' whole 2026 government work reports from ../shared/corpus (neighbours share the most
real content: joint programmes, corridors, events) — and prints each with the verdict read by
hand in tests/passage_sample_labels.toml, keyed by (pair, A's text):

  real = true   shared content a researcher wants linked: a programme, project, reform, event,
                measure or named thing the two reports share, or a sentence one took from the other;
  real = false  a stock political or administrative formula, a national slogan every report
                repeats, a common frame around different figures, or a broken/false match.

Precision = real / labelled among the sampled passages; a passage not yet labelled is printed
with "?" (read it and add its verdict). Run: .venv/bin/python benchmarks/passage_sample.py
"""

from __future__ import annotations

import random
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "provinces-2026"
LABELS = ROOT / "tests" / "passage_sample_labels.toml"
PAIRS = (("北京市", "天津市"), ("上海市", "浙江省"), ("四川省", "重庆市"), ("广东省", "福建省"),
         ("河南省", "湖北省"), ("甘肃省", "宁夏回族自治区"), ("江苏省", "安徽省"), ("辽宁省", "吉林省"))
SAMPLE = 40
SEED = 11
REGION = {"宁夏回族自治区": "宁夏"}


def pair_name(a: str, b: str) -> str:
    return f"{a}×{b}"


def labels() -> dict[tuple[str, str], bool]:
    if not LABELS.exists():
        return {}
    data = tomllib.loads(LABELS.read_text(encoding="utf-8"))
    return {(x["pair"], x["text"]): bool(x["real"]) for x in data.get("passage", ())}


def shown_passages() -> list[tuple[str, object]] | None:
    """(pair, passage) for every passage shown on each pair (new library: the background decides)."""
    from duidu.engine.document import EngineDocument
    from duidu.engine.passages import find_passages
    from duidu.text.clean import clean

    if not CORPUS.is_dir():
        return None
    docs = {}
    out = []
    for n, (a, b) in enumerate(PAIRS):
        for region in (a, b):
            if region not in docs:
                text = clean((CORPUS / f"2026_{region}_政府工作报告.txt").read_text(encoding="utf-8")).text
                docs[region] = EngineDocument.from_text(len(docs) + 1, text, title=region, region=region)
        found = find_passages(docs[a], docs[b])
        shown = sorted((p for p in found if not p.boilerplate), key=lambda p: (-p.informativeness, p.a_start))
        out += [(pair_name(a, b), p) for p in shown]
    return out


def report(title: str, sample: list, known: dict) -> tuple[int, int]:
    """Print ``sample`` with its verdicts; (real, labelled)."""
    print(title)
    real = labelled = 0
    for pair, p in sample:
        verdict = known.get((pair, p.a_text))
        mark = "?" if verdict is None else ("real" if verdict else "stock")
        if verdict is not None:
            labelled += 1
            real += verdict
        other = "" if p.b_text == p.a_text else f"  ↔ {p.b_text}"
        print(f"  [{mark:>5}] {pair:<18} inf {p.informativeness:5.1f}  {p.a_text}{other}".replace("\n", "⏎"))
    rest = f"; {len(sample) - labelled} not labelled" if labelled < len(sample) else ""
    print(f"  precision (real shared content): {real}/{labelled} = {real / max(1, labelled):.0%}{rest}\n")
    return real, labelled


def main() -> int:
    passages = shown_passages()
    if passages is None:
        print(f"Passage sample: no corpus at {CORPUS} (../shared/corpus is needed for this part): not measured")
        return 0
    known = labels()
    first = [(pair, p) for pair, p in passages if p.places]
    print(f"Passage sample over {len(PAIRS)} whole report pairs of ../shared/corpus (seed {SEED}); verdicts from "
          f"{LABELS.relative_to(ROOT)}\n")
    report(f"Shown first (naming a place both share, engine/places.py): {min(SAMPLE, len(first))} of {len(first)}",
           random.Random(SEED).sample(first, min(SAMPLE, len(first))), known)
    report(f"All shown: {min(SAMPLE, len(passages))} of {len(passages)}",
           random.Random(SEED).sample(passages, min(SAMPLE, len(passages))), known)
    real = [(pair, p) for pair, p in passages if known.get((pair, p.a_text))]
    missed = [p.a_text for _, p in real if not p.places]
    print(f"Real shared content labelled among all shown: {len(real)}, of which not shown first: {len(missed)}"
          + (f" ({'; '.join(missed)})" if missed else ""))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "desktop"))
    sys.exit(main())
