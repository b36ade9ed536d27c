"""Measures × regions (issue 12): ``engine/regions.py`` through ``library/regions.py`` and ``duidu regions``,
on excerpts of five provincial reports (tests/data/reports, provenance and hand labels there)."""

from __future__ import annotations

import csv
import json
import tomllib
from pathlib import Path

import pytest

from duidu.engine.regions import region_matrix
from duidu.library.regions import measure_regions
from duidu.library.store import Library

REPORTS = Path(__file__).parent / "data" / "reports"
REGIONS = ("上海市", "云南省", "内蒙古自治区", "北京市", "四川省")


def labels() -> dict[str, set[str]]:
    """Hand labels: region -> the measures its excerpt states (tests/data/reports/measures.toml)."""
    table = tomllib.loads((REPORTS / "measures.toml").read_text(encoding="utf-8"))
    return {e["region"]: set(e["measures"]) for e in table["excerpt"] if e["region"] in REGIONS}


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    with open(REPORTS / "PROVENANCE.tsv", encoding="utf-8", newline="") as f:
        rows = {r["excerpt"]: r for r in csv.DictReader(f, delimiter="\t")}
    path = tmp_path_factory.mktemp("regions") / "lib.sqlite"
    with Library.open(path, seed=False, backup=False) as lib:
        ids = {}
        for region in REGIONS:
            name = f"2026_{region}_政府工作报告_measures.txt"
            row = rows[name]
            ids[region] = lib.import_file(REPORTS / name, metadata={"region": row["region"], "date": row["date"]}).document.id
        yield lib, ids, path


@pytest.fixture(scope="module")
def matrix(library):
    lib, ids, _ = library
    return measure_regions(lib, list(ids.values()))


def test_columns_are_the_regions_in_administrative_code_order(matrix):
    names = [g.name for g in matrix.regions]
    assert sorted(names) == sorted(REGIONS)
    codes = [g.code for g in matrix.regions]
    assert all(codes) and codes == sorted(codes)  # 北京 110000 … 云南 530000
    assert names[0] == "北京市"


def test_hand_labelled_measures_are_found_in_their_regions(matrix):
    rows = {r.name: r for r in matrix.rows}
    wanted = [(region, m) for region, ms in labels().items() for m in ms]
    found = [(region, m) for region, m in wanted if m in rows and region in rows[m].cells]
    assert len(wanted) >= 12
    assert len(found) >= 0.8 * len(wanted), sorted(set(wanted) - set(found))


def test_cells_carry_evidence_in_stored_text(library, matrix):
    lib, ids, _ = library
    region_of = {v: k for k, v in ids.items()}
    seen = 0
    for row in matrix.rows:
        for region, cell in row.cells.items():
            assert cell.documents == len({d for d, _, _ in cell.evidence}) >= 1
            assert cell.mentions == len(cell.evidence)
            for doc, start, end in cell.evidence:
                assert region_of[doc] == region
                assert lib.text(doc).text[start:end].strip()
                seen += 1
    assert seen >= 30


def test_rows_by_category_then_spread_and_the_filters(matrix):
    from duidu.engine.measures import CATEGORIES

    order = [CATEGORIES.index(r.category) for r in matrix.rows]
    assert order == sorted(order)
    for a, b in zip(matrix.rows, matrix.rows[1:]):
        if a.category == b.category:
            assert a.spread >= b.spread
    wide = matrix.shared_by(4)
    assert wide.rows and all(r.spread >= 4 for r in wide.rows)
    assert len(wide.rows) < len(matrix.rows)
    missing = matrix.missing_from("北京市")
    assert missing.rows and all("北京市" not in r.cells for r in missing.rows)
    spread = [r.spread for r in matrix.by_spread().rows]
    assert spread == sorted(spread, reverse=True)


def test_columns_by_how_many_measures_they_share(library):
    lib, ids, _ = library
    shared = measure_regions(lib, list(ids.values()), order="shared")
    counts = [sum(g.name in r.cells for r in shared.rows) for g in shared.regions]
    assert counts == sorted(counts, reverse=True)
    with pytest.raises(ValueError):
        region_matrix([], [], order="pinyin")


def test_cli_regions_json_and_text(library, capsys):
    from duidu.cli.main import main

    _, ids, path = library
    assert main(["--library", str(path), "regions", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [g["name"] for g in out["regions"]][0] == "北京市"
    row = next(m for m in out["measures"] if m["spread"] >= 4)
    region, cell = next(iter(row["regions"].items()))
    assert region in REGIONS and cell["evidence"] and set(cell["evidence"][0]) == {"doc", "start", "end"}
    assert main(["--library", str(path), "regions", "--min-regions", "4", "--sort", "spread"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].startswith("measure") and "北京" in text.splitlines()[0]
    with pytest.raises(SystemExit) as exit_:
        main(["--library", str(path), "regions", "--missing-from", "火星"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "火星" in err and all(region in err for region in REGIONS)  # the regions it could have been
    # As --region takes it: a name's or a code's beginning when one region has it (上海 → 上海市, 51 → 四川省).
    assert main(["--library", str(path), "regions", "--missing-from", "上海市", "--json"]) == 0
    whole = json.loads(capsys.readouterr().out)["measures"]
    assert whole and all("上海市" not in m["regions"] for m in whole)
    for asked in ("上海", "31"):
        assert main(["--library", str(path), "regions", "--missing-from", asked, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["measures"] == whole
    assert main(["--library", str(path), "regions", "--missing-from", "51", "--json"]) == 0
    assert all("四川省" not in m["regions"] for m in json.loads(capsys.readouterr().out)["measures"])
    with pytest.raises(SystemExit) as exit_:  # two regions: 北京市 (110000) and 内蒙古自治区 (150000)
        main(["--library", str(path), "regions", "--missing-from", "1"])
    assert exit_.value.code == 2


def test_cli_and_window_share_one_rollup_to_provinces(tmp_path, capsys):
    """A city's report counts in its province and 全国 leads, on the command line as in the window
    (``library/regions.py`` is the one implementation); ``--evidence`` prints each mention in context."""
    from duidu.cli.main import main
    from duidu.library.regions import measure_matrix

    path = tmp_path / "lib.sqlite"
    with Library.open(path, seed=False, backup=False) as lib:
        city = lib.import_file(REPORTS / "2026_四川省_政府工作报告_measures.txt",
                               metadata={"region": "成都市", "date": "2026-01-20", "title": "成都市政府工作报告"}).document.id
        national = lib.import_file(REPORTS / "2025_国务院_政府工作报告_targets.txt",
                                   metadata={"region": "全国", "date": "2025-03-05"}).document.id
        window = measure_matrix(lib, [city, national])
    assert [g.name for g in window.regions][:2] == ["全国", "四川省"]
    assert main(["--library", str(path), "regions", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [g["name"] for g in out["regions"]] == [g.name for g in window.regions]
    assert {m["name"]: {r: c["mentions"] for r, c in m["regions"].items()} for m in out["measures"]} == \
        {r.name: {n: c.mentions for n, c in r.cells.items()} for r in window.rows}
    assert main(["--library", str(path), "regions", "--evidence"]) == 0
    lines = capsys.readouterr().out.splitlines()
    row = next(r for r in window.rows if "四川省" in r.cells)
    e = window.cell(row, "四川省")[0]
    context = " ".join((e.before[-15:] + e.text + e.after[:15]).split())
    assert f"      四川省 {city} {e.start}–{e.end}: …{context}…" in lines


def test_cli_regions_names_whole_in_a_pipe_and_cut_with_an_ellipsis_to_a_terminal(library, capsys, monkeypatch):
    """As ``duidu measures``: a measure's name is whole in a pipe (was: cut at 30 columns whatever the
    output), ends in "…" when a terminal is too narrow for it, and the counts stay in line."""
    from duidu.cli.main import main
    from duidu.cli.output import columns

    def in_line(rows: list[str]) -> bool:
        """Every row's counts begin in one terminal column, two past the longest name shown."""
        shown = [line.split()[0] for line in rows]
        starts = set()
        for line, name in zip(rows, shown):
            after = 2 + len(name)
            starts.add(columns(line[:after]) + len(line[after:]) - len(line[after:].lstrip(" ")))
        return len(starts) == 1 and starts.pop() >= 2 + max(columns(n) for n in shown) + 2

    _, _, path = library
    assert main(["--library", str(path), "regions", "--json"]) == 0
    names = [m["name"] for m in json.loads(capsys.readouterr().out)["measures"]]
    monkeypatch.delenv("COLUMNS", raising=False)  # a pipe: pytest's capture is no terminal
    assert main(["--library", str(path), "regions"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  ")]
    assert len(rows) == len(names) and [line.split()[0] for line in rows] == names and in_line(rows)
    assert max(columns(n) for n in names) > 30  # longer than the old cut
    monkeypatch.setenv("COLUMNS", "50")  # 5 regions take 2 + 2 + 25 + 4: 17 columns left for the name
    assert main(["--library", str(path), "regions"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  ")]
    shown = [line.split()[0] for line in rows]
    cut = [n for n in shown if n not in names]
    assert cut and all(n.endswith("…") and columns(n) <= 17 for n in cut)
    assert all(any(m.startswith(n[:-1]) for m in names) for n in cut)
    assert in_line(rows)
