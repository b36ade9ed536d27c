"""Quality of figures (targets and results) and measures against labelled documents.

Shared by tests (floors on the excerpts in tests/data/reports and the seeds) and by
``benchmarks/quality.py`` (the same measures on ../shared/corpus when present). Labels were
written by reading the texts (see the head of each .toml in tests/data/reports), never taken
from Duidu's output.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from duidu.engine.document import EngineDocument
from duidu.engine.figures import pair_indicators
from duidu.engine.indicators import RESULT, TARGET, IndicatorValue, extract_indicators
from duidu.engine.measures import OTHER, MeasureMention, extract_measures, measure_table
from duidu.text.clean import clean

DATA = Path(__file__).parent / "data" / "reports"
# Label key -> (indicator, kind, unit) it is read as.
FIGURE_LABELS = {
    "gdp_target": ("地区生产总值", TARGET, "%"),
    "gdp_result": ("地区生产总值", RESULT, "%"),
    "cpi_target": ("居民消费价格", TARGET, "%"),
    "unemployment_target": ("城镇调查失业率", TARGET, "%"),
    "jobs_target": ("城镇新增就业", TARGET, "万人"),
}
# More indicators, labelled on the whole reports (targets_whole.toml, tests/data/reports_full).
WHOLE_LABELS = {
    "grain_target": ("粮食产量", TARGET, "万吨"),
    "grain_result": ("粮食产量", RESULT, "万吨"),
    "revenue_target": ("一般公共预算收入", TARGET, "%"),
    "revenue_result": ("一般公共预算收入", RESULT, "%"),
    "income_target": ("居民人均可支配收入", TARGET, "%"),
    "income_result": ("居民人均可支配收入", RESULT, "%"),
    "fai_target": ("固定资产投资", TARGET, "%"),
    "retail_target": ("社会消费品零售总额", TARGET, "%"),
    "energy_target": ("单位GDP能耗", TARGET, "%"),
    "energy_result": ("单位GDP能耗", RESULT, "%"),
    "deficit_target": ("赤字率", TARGET, "%"),
    "trade_target": ("进出口总额", TARGET, "%"),
}
FULL = DATA.parent / "reports_full"
# A label's unit as written, to the unit values are compared in (statistics' conversions: 1斤 = 0.5 kg).
_LABEL_UNITS = {"万亿斤": 50_000.0, "亿斤": 5.0, "万吨": 1.0, "%": 1.0}


def labels(name: str) -> dict:
    return tomllib.loads((DATA / name).read_text(encoding="utf-8"))


def document(path: Path, doc_id: int = 0, region: str | None = None) -> EngineDocument:
    text = clean(path.read_text(encoding="utf-8")).text
    return EngineDocument.from_text(doc_id, text, title=path.name, region=region)


@dataclass
class Score:
    labelled: int = 0
    predicted: int = 0
    right: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.labelled if self.labelled else 1.0

    def line(self, name: str) -> str:
        return (f"| {name} | {self.labelled} | {self.predicted} | {self.right} | {self.precision:.0%} | "
                f"{self.recall:.0%} |")


def _first(values: Iterable[IndicatorValue], indicator: str, kind: str, unit: str = "%") -> IndicatorValue | None:
    return next((v for v in values if v.indicator == indicator and v.kind == kind and v.unit == unit), None)


def _right(v: IndicatorValue, label) -> bool:
    if isinstance(label, (int, float)):
        return abs(v.value - label) < 1e-9
    high = label.get("high", math.nan)
    same_high = (v.high is None) if math.isnan(high) else (v.high is not None and abs(v.high - high) < 1e-9)
    return abs(v.value - label["value"]) < 1e-9 and same_high and v.qualifier == label["qualifier"]


def whole_values() -> tuple[dict[str, list[IndicatorValue]], list[dict]]:
    """Every labelled report's values, read from the whole report (tests/data/reports_full)."""
    reports = labels("targets_whole.toml")["report"]
    return {r["region"]: extract_indicators(document(FULL / r["file"]), r["year"]) for r in reports}, reports


def whole_figure_quality(values: dict[str, list[IndicatorValue]], reports: list[dict]) -> dict[str, Score]:
    """Per label of targets_whole.toml: the report's first value of that indicator, period and unit.

    A stated label is right when value (in the label's unit) and qualifier are; ``stated = false``
    counts as labelled for precision only: a value read there is a wrong one. A label left out is
    not judged."""
    scores = {key: Score() for key in WHOLE_LABELS}
    for report in reports:
        for key, (indicator, kind, unit) in WHOLE_LABELS.items():
            label, score = report.get(key), scores[key]
            if label is None:
                continue
            v = _first(values[report["region"]], indicator, kind, unit)
            stated = label.get("stated", True)
            score.labelled += stated
            if v is None:
                if stated:
                    score.wrong.append(f"{report['region']} {key}: missed")
                continue
            score.predicted += 1
            scale = _LABEL_UNITS[label["unit"]] if stated else 1.0
            if stated and abs(v.value - label["value"] * scale) < 1e-6 and v.high is None \
                    and v.qualifier == label["qualifier"]:
                score.right += 1
            else:
                told = "not stated" if not stated else f"labelled {label['value']}{label['unit']}{label['qualifier']}"
                score.wrong.append(f"{report['region']} {key}: read {v.shown()} {v.qualifier} ({v.context}); {told}")
    return scores


def figure_quality(values: dict[str, list[IndicatorValue]], reports: list[dict], whole: bool = False) -> dict[str, Score]:
    """Per label kind: each labelled report's first value of that indicator and period, right or not.

    ``whole``: the values were read from the whole reports, so labels of what the excerpts leave out
    (``excerpt = false``) count too; on the excerpts they are neither labelled nor predicted."""
    scores = {key: Score() for key in FIGURE_LABELS}
    for report in reports:
        found = values[report["region"]]
        for key, (indicator, kind, unit) in FIGURE_LABELS.items():
            label = report.get(key)
            if not whole and isinstance(label, dict) and label.get("excerpt", True) is False:
                continue
            v = _first(found, indicator, kind, unit)
            score = scores[key]
            if key in report:
                score.labelled += 1
            if v is None:
                if key in report:
                    score.wrong.append(f"{report['region']} {key}: missed")
                continue
            if key in report:
                score.predicted += 1
                if _right(v, report[key]):
                    score.right += 1
                else:
                    score.wrong.append(f"{report['region']} {key}: {v.shown()} {v.qualifier} ({v.context})")
            elif kind == TARGET:
                score.predicted += 1  # a target where the reader found none
                score.wrong.append(f"{report['region']} {key}: unlabelled {v.shown()} ({v.context})")
    return scores


def target_pairing(values: dict[str, list[IndicatorValue]], reports: list[dict]) -> tuple[int, int, list[str]]:
    """Provinces whose GDP-growth target pairs with every other province's as one target-vs-target pair,
    its value and qualifier right: (provinces right, provinces, what went wrong)."""
    provinces = [r for r in reports if r["region"] != "国务院"]
    right, wrong = 0, []
    for r in provinces:
        ok = True
        for other in provinces:
            if other is r:
                continue
            pairs = [p for p in pair_indicators(values[r["region"]], values[other["region"]])
                     if p.measure == "地区生产总值" and p.unit == "%" and p.period == f"{r['year']}年目标"]
            mine = [v for v in values[r["region"]] if v.start == (pairs[0].a_start if pairs else -1)]
            if len(pairs) != 1 or not mine or not _right(mine[0], r["gdp_target"]):
                ok = False
                wrong.append(f"{r['region']} × {other['region']}: {[(p.a_text, p.b_text) for p in pairs]}")
                break
        right += ok
    return right, len(provinces), wrong


def measure_quality(mentions: dict[str, list[MeasureMention]], excerpts: list[dict]) -> Score:
    """Labelled measures × documents: recall of the labelled pairs, precision of what is reported
    for the labelled measure names (a document where the reader found it not)."""
    score = Score()
    names = {n for e in excerpts for n in e["measures"]}
    for e in excerpts:
        found = {m.measure for m in mentions[e["region"]]}
        expected = set(e["measures"])
        score.labelled += len(expected)
        got = found & names
        score.predicted += len(got)
        score.right += len(got & expected)
        score.wrong += [f"{e['region']}: missed {n}" for n in expected - found]
        score.wrong += [f"{e['region']}: not stated {n}" for n in got - expected]
    return score


def catch_all(docs: list[EngineDocument], mentions: dict[int, list[MeasureMention]]) -> tuple[float, float, int]:
    """Share of measure mentions and of measure rows in the catch-all category, and the row count."""
    every = [m for found in mentions.values() for m in found]
    rows = measure_table(docs, mentions)
    share_mentions = sum(m.category == OTHER for m in every) / max(1, len(every))
    share_rows = sum(r.category == OTHER for r in rows) / max(1, len(rows))
    return share_mentions, share_rows, len(rows)


def excerpt_values() -> tuple[dict[str, list[IndicatorValue]], list[dict]]:
    reports = labels("targets.toml")["report"]
    values = {r["region"]: extract_indicators(document(DATA / r["file"]), r["year"]) for r in reports}
    return values, reports


def excerpt_measures() -> tuple[list[EngineDocument], dict[str, list[MeasureMention]], list[dict]]:
    excerpts = labels("measures.toml")["excerpt"]
    docs = [document(DATA / e["file"], k, e["region"]) for k, e in enumerate(excerpts)]
    return docs, {e["region"]: extract_measures(d) for e, d in zip(excerpts, docs)}, excerpts
