"""A seeded random sample of the measure groups Duidu makes on real documents of every domain, read by hand.

The labelled measures (tests/data/reports/measures.toml) say whether chosen measures are found;
they cannot say whether the *groups* a researcher is shown — one row of ``duidu measures`` each —
are one measure, rightly filed. This builds the measure table over

- the 33 government work reports of tests/data/reports_full (the 31 provinces' of 2026, the
  State Council's of 2024 and 2025: economy, industry, environment, budget, social policy …),
- the documents of tests/data/formats that import (housing-fund and housing-market notices,
  rules for comment, a table of penalty standards, a replies, an evaluation table), and
- tests/data/corpus/govcn_01.html, tests/data/measures and three files of tests/data/metadata (two State Council documents on
  government new media and cultural enterprises, two housing notices as web pages, and the 1954
  report in traditional script),

all copies of ../shared/corpus with their provenance (this script does not read ../shared), and
draws ``SAMPLE`` rows: those whose name hashes lowest with ``SEED`` — so a row whose name and
wordings stay keeps its place in the sample when other rows change. Each is printed with the
verdict read in tests/measure_sample_labels.toml, keyed by the row's name and valid only while
its wordings (the names grouped into it) are those read. Verdicts:

  right     one measure (or one kind of measure at the level reports compare: 先进制造业集群
            whether 国家级 or 省级), named by its object;
  merged    different measures in one row (another object, scope or zone);
  split     one measure, but its wordings elsewhere make another row (the row read is right
            otherwise: counted against precision, as a reader finds half of it);
  not       not a measure: a fragment cut mid-phrase, a heading, a figure, a place, a document;
and ``areas`` lists the policy areas a researcher accepts for the row (its category is judged
against them).

Precision = right / labelled; area accuracy = rows filed under an accepted area / labelled rows
that are measures.
Run: .venv/bin/python benchmarks/measure_sample.py [--show N] [--seed S --size K] (N: wordings
and evidence of unlabelled rows, to read and label; S, K: another draw of K rows).
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
LABELS = ROOT / "tests" / "measure_sample_labels.toml"
SAMPLE = 60
SEED = "1202"
VERDICTS = ("right", "merged", "split", "not")


def sources() -> list[Path]:
    """The documents of the sample, in a fixed order (a file that does not import is skipped)."""
    files = sorted((DATA / "reports_full").glob("*.txt"))
    files += sorted(p for p in (DATA / "formats").iterdir() if p.suffix != ".tsv")
    files += [DATA / "corpus" / "govcn_01.html"]
    # The other domains, by name as they were first read: three are the copies tests/data/metadata
    # already holds (one copy of a file in tests/data), two are in tests/data/measures.
    others = [DATA / "measures" / "1954_国务院_政府工作报告.txt", DATA / "measures" / "govcn_03.html",
              DATA / "metadata" / "govcn_02.html", DATA / "metadata" / "h01_hainan_gjj_daikuan_tongzhi_2026.shtml",
              DATA / "metadata" / "h03_anhua_xzfb_2022-20_gb2312.html"]
    return files + sorted(others, key=lambda p: p.name)


@dataclass
class Row:
    name: str
    category: str
    instrument: str
    names: tuple[str, ...]
    evidence: dict[str, list[str]]  # document title -> the mentions in context


def table(library: Path | None = None) -> list[Row]:
    """The measure table over ``sources()``, imported into a new library (``library`` or a temporary one)."""
    from duidu.library.errors import InputError
    from duidu.library.store import Library

    with tempfile.TemporaryDirectory() as tmp:
        path = library or Path(tmp) / "measures.sqlite"
        with Library.open(path, seed=False, backup=False) as lib:
            ids = []
            for f in sources():
                try:
                    ids.append(lib.import_file(f).document.id)
                except InputError:
                    continue  # an unreadable PDF: refused, as the import must
            docs = {i: lib.engine_document(i) for i in ids}
            rows = []
            for r in lib.measure_table(ids):
                evidence = {}
                for d, spans in r.mentions.items():
                    text = docs[d].text
                    evidence[docs[d].title or str(d)] = [
                        (text[max(0, s - 20):s] + "【" + text[s:e] + "】" + text[e:e + 12]).replace("\n", " ")
                        for s, e in spans]
                rows.append(Row(r.name, r.category, r.instrument, tuple(r.names), evidence))
            return rows


def draw(rows: list[Row], n: int = SAMPLE, seed: str = SEED) -> list[Row]:
    """The ``n`` rows whose names hash lowest with ``seed``: a fixed, name-stable random sample."""
    def rank(row: Row) -> str:
        return hashlib.sha1(f"{seed}:{row.name}".encode("utf-8")).hexdigest()
    return sorted(rows, key=rank)[:n]


def labels() -> dict[str, dict]:
    if not LABELS.exists():
        return {}
    return {x["name"]: x for x in tomllib.loads(LABELS.read_text(encoding="utf-8")).get("group", ())}


def verdict(row: Row, known: dict[str, dict]) -> dict | None:
    """The label read for this row, or None when it was not read or its wordings changed since."""
    label = known.get(row.name)
    if label is None or sorted(label["names"]) != sorted(row.names):
        return None
    return label


@dataclass
class Score:
    drawn: int
    labelled: int
    right: int
    measures: int
    area_right: int
    counts: dict[str, int]

    @property
    def precision(self) -> float:
        return self.right / max(1, self.labelled)

    @property
    def area_accuracy(self) -> float:
        return self.area_right / max(1, self.measures)


def score(drawn: list[Row], known: dict[str, dict]) -> Score:
    found = [v for v in (verdict(r, known) for r in drawn) if v is not None]
    counts = {k: sum(v["verdict"] == k for v in found) for k in VERDICTS}
    measures = [v for v in found if v["verdict"] != "not"]
    area_right = sum(r.category in v["areas"] for r in drawn if (v := verdict(r, known)) and v["verdict"] != "not")
    return Score(len(drawn), len(found), counts["right"], len(measures), area_right, counts)


def main(show: int = 0, n: int = SAMPLE, seed: str = SEED) -> Score:
    rows = table()
    drawn = draw(rows, n, seed)
    known = labels()
    print(f"\n## Measure groups: a sample of {len(drawn)} of {len(rows)} rows (seed {seed}), read by hand "
          f"({LABELS.relative_to(ROOT)})\n")
    shown = 0
    for r in drawn:
        v = verdict(r, known)
        mark = f"{v['verdict']}{'' if r.category in v['areas'] else ' (area wrong)'}" if v else "?"
        print(f"  {mark:18} {r.category}/{r.instrument or '—'} {r.name}  [{len(r.evidence)} docs]"
              + (f"  wordings: {'/'.join(r.names)}" if len(r.names) > 1 else ""))
        if v is None and shown < show:
            shown += 1
            for title, ev in list(r.evidence.items())[:4]:
                print(f"      {title[:24]}: {ev[0]}")
    s = score(drawn, known)
    other = sum(r.category == "其他" for r in rows)
    print(f"\nmeasure groups: precision {s.right}/{s.labelled} = {s.precision:.0%} of the labelled sample "
          f"({', '.join(f'{k} {n}' for k, n in s.counts.items())}; {s.drawn - s.labelled} not read yet); "
          f"policy area right {s.area_right}/{s.measures} = {s.area_accuracy:.0%}; "
          f"catch-all {other}/{len(rows)} = {other / max(1, len(rows)):.1%} of all rows")
    return s


def _option(name: str, default):
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


if __name__ == "__main__":
    # --seed S --size N: another draw (a check that the labelled one was not what the fixes fitted).
    main(_option("--show", 0), _option("--size", SAMPLE), _option("--seed", SEED))
