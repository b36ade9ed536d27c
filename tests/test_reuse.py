"""Text reuse across a library (issue 12): candidate pairs, families and edges, on report text.

The data: one paragraph each of the State Council's 2024 and 2025 reports and Hunan's 2026 report
that share a sentence (tests/data/reuse, provenance there), two opening paragraphs of provincial
reports that share only stock formulas, and every line of the corpus excerpts (tests/data/corpus)
as a library where most documents share nothing.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from duidu.engine.document import EngineDocument
from duidu.engine.passages import find_passages
from duidu.engine.progress import CancelToken, Cancelled
from duidu.engine.reuse import (FORWARD, NO_DIRECTION, Link, candidate_pairs, date_order, document_grams, edges,
                                max_df_for, posting_pairs)
from duidu.library.reuse import ReuseCache, Selection, reuse, select
from duidu.library.store import Library
from duidu.text.clean import clean
from duidu.text.keyform import key_form

DATA = Path(__file__).parent / "data"
SHARED = "区域协调发展战略、区域重大战略、主体功能区战略"
# Two opening paragraphs (line numbers of tests/data/corpus's excerpts) whose only shared text is
# stock phrasing: 我们坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实 …
STOCK_ONLY = (("2026_上海市_政府工作报告_excerpt.txt", 18), ("2026_青海省_政府工作报告_excerpt.txt", 9))


def provenance(folder: Path) -> dict[str, dict]:
    with open(folder / "PROVENANCE.tsv", encoding="utf-8", newline="") as f:
        return {row["excerpt"]: row for row in csv.DictReader(f, delimiter="\t")}


def excerpt_line(name: str, n: int) -> str:
    return (DATA / "corpus" / name).read_text(encoding="utf-8").split("\n")[n - 1]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """A library of the three paragraphs and the two stock-only ones, dated as the manifest says."""
    folder = tmp_path_factory.mktemp("reuse")
    ids: dict[str, int] = {}
    with Library.open(folder / "lib.sqlite", seed=False, backup=False) as lib:
        for name, row in provenance(DATA / "reuse").items():
            ids[name] = lib.import_file(DATA / "reuse" / name, metadata={"region": row["region"], "date": row["date"]}).document.id
        corpus = provenance(DATA / "corpus")
        for name, n in STOCK_ONLY:
            path = folder / f"{name}_{n}.txt"
            path.write_text(excerpt_line(name, n), encoding="utf-8")
            row = corpus[name]
            ids[name] = lib.import_file(path, metadata={"region": row["region"], "date": row["date"]}).document.id
        yield lib, ids, folder / "lib.sqlite"


@pytest.fixture(scope="module")
def result(library):
    lib, ids, _ = library
    return reuse(lib, list(ids.values()))


def test_a_shared_sentence_forms_a_family_whose_origin_is_the_earliest_report(library, result):
    lib, ids, _ = library
    national_2024 = ids["2024_国务院_政府工作报告_line152.txt"]
    holding = [f for f in result.families if all(SHARED in m.text for m in f.members)]
    assert holding, "no family holds the shared sentence"
    family = max(holding, key=lambda f: len({m.doc for m in f.members}))
    docs = {m.doc for m in family.members}
    assert docs >= {ids["2024_国务院_政府工作报告_line152.txt"], ids["2025_国务院_政府工作报告_line130.txt"],
                    ids["2026_湖南省_政府工作报告_line46.txt"]}
    assert family.origin == national_2024
    dates = [m.date for m in family.members]
    assert dates == sorted(dates)
    for m in family.members:  # offsets into each document's stored text
        assert lib.text(m.doc).text[m.start : m.end] == m.text
        assert 0 < m.similarity <= 1
    assert family.text == next(m.text for m in family.members if m.doc == national_2024)


def test_edges_point_from_the_earlier_document_to_the_later(library, result):
    _, ids, _ = library
    a, b, c = (ids[n] for n in ("2024_国务院_政府工作报告_line152.txt", "2025_国务院_政府工作报告_line130.txt",
                                "2026_湖南省_政府工作报告_line46.txt"))
    pointed = {(e.source, e.target): e for e in result.edges}
    for earlier, later in ((a, b), (a, c), (b, c)):
        assert (earlier, later) in pointed, f"no edge {earlier} → {later}"
        assert (later, earlier) not in pointed
        edge = pointed[(earlier, later)]
        assert edge.direction == FORWARD
        assert edge.informative_chars > 0 and edge.chars >= len(SHARED)


def test_documents_of_one_date_have_an_edge_without_direction():
    texts = [(DATA / "reuse" / n).read_text(encoding="utf-8") for n in
             ("2025_国务院_政府工作报告_line130.txt", "2026_湖南省_政府工作报告_line46.txt")]
    a, b = (EngineDocument.from_text(i, clean(t).text) for i, t in enumerate(texts, 1))
    links = [Link(1, 2, p) for p in find_passages(a, b)]
    (edge,) = edges(links, {1: "2026-01-27", 2: "2026-01-27"})
    assert edge.direction == NO_DIRECTION and (edge.source, edge.target) == (1, 2)
    (edge,) = edges(links, {1: "2026-02-24", 2: "2025-03-05"})
    assert (edge.source, edge.target, edge.direction) == (2, 1, FORWARD)
    assert date_order("2025", "2025-03-05") == 0  # a year alone is not known to be earlier


def test_stock_formulas_form_no_edges(library, result):
    _, ids, _ = library
    a, b = (ids[name] for name, _ in STOCK_ONLY)
    assert (min(a, b), max(a, b)) not in result.candidates.pairs
    assert not [e for e in result.edges if {e.source, e.target} & {a, b}]
    # Aligned anyway: what they share is stock phrasing, flagged, and makes no edge.
    x, y = (EngineDocument.from_text(i, clean(excerpt_line(n, k)).text) for i, (n, k) in ((a, STOCK_ONLY[0]), (b, STOCK_ONLY[1])))
    found = find_passages(x, y)
    assert found and all(p.boilerplate for p in found)
    assert any("习近平新时代中国特色社会主义思想" in p.a_text for p in found)
    assert edges([Link(a, b, p) for p in found], {a: "2026-02-09", b: "2026-01-27"}) == []


def _corpus_lines() -> list[tuple[int, str]]:
    """Every line of the corpus excerpts and the three paragraphs as a document of its own (key form)."""
    paths = sorted((DATA / "corpus").glob("*_excerpt.txt")) + sorted((DATA / "reuse").glob("*.txt"))
    records = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").split("\n"):
            c = clean(line)
            if len(c.text) >= 20:
                records.append((len(records), key_form(c.text, [(e.start, e.end) for e in c.excluded]).text))
    return records


def test_candidates_never_enumerate_all_pairs():
    records = _corpus_lines()
    n = len(records)
    assert n >= 80
    found = candidate_pairs(records)
    all_pairs = n * (n - 1) // 2
    assert len(found.pairs) < 0.1 * all_pairs  # most lines share nothing distinctive
    assert found.votes < all_pairs  # the work done: votes cast, well under one per pair
    last = [i for i, _ in records[-3:]]  # the three paragraphs sharing the sentence
    assert {(last[0], last[1]), (last[0], last[2]), (last[1], last[2])} <= set(found.pairs)


def test_the_bulk_rule_is_the_posting_rule():
    """What a Spark job computes posting by posting equals the bulk path."""
    records = _corpus_lines()
    postings: dict[int, list[int]] = {}
    for doc, key in records:
        for g in document_grams(key).tolist():
            postings.setdefault(g, []).append(doc)
    votes = Counter(p for docs in postings.values() for p in posting_pairs(docs, max_df_for(len(records))))
    expected = {p: k for p, k in votes.items() if k >= 4}
    assert candidate_pairs(records).pairs == expected


def test_a_second_run_aligns_nothing_again_and_cancel_stops(library, result):
    lib, ids, _ = library
    cache = ReuseCache()
    first = reuse(lib, list(ids.values()), cache=cache)
    assert first.aligned == len(first.candidates.pairs) > 0
    again = reuse(lib, list(ids.values()), cache=cache)
    assert again.aligned == 0 and again.to_json() == first.to_json() == result.to_json()
    token = CancelToken()
    seen = []

    def progress(fraction: float) -> None:
        seen.append(fraction)
        token.cancel()

    with pytest.raises(Cancelled):
        reuse(lib, list(ids.values()), progress=progress, cancel=token)
    assert seen == [0.0]


def test_selection_by_region_and_year(library):
    lib, ids, _ = library
    assert select(lib, Selection(regions=("全国",))) == sorted(
        [ids["2024_国务院_政府工作报告_line152.txt"], ids["2025_国务院_政府工作报告_line130.txt"]])
    assert ids["2026_湖南省_政府工作报告_line46.txt"] in select(lib, Selection(year="2026"))
    assert ids["2024_国务院_政府工作报告_line152.txt"] not in select(lib, Selection(year="2026"))


def test_cli_json_contract(library, capsys):
    from duidu.cli.main import main

    _, ids, path = library
    assert main(["--library", str(path), "reuse", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["families"] and out["edges"]
    for f in out["families"]:
        assert set(f) >= {"text", "members", "origin"}
        for m in f["members"]:
            assert set(m) >= {"doc", "start", "end", "date", "similarity"}
    for e in out["edges"]:
        assert set(e) >= {"from", "to", "chars", "informative_chars", "direction"}
        assert e["direction"] in (FORWARD, NO_DIRECTION)
    assert out["pairs_considered"] < out["pairs_possible"]
    assert main(["--library", str(path), "reuse"]) == 0
    text = capsys.readouterr()
    assert "→" in text.out and text.err == ""  # no progress bar when stderr is not a terminal


def test_worker_processes_give_the_same_answer(library, result):
    lib, ids, _ = library
    assert reuse(lib, list(ids.values()), workers=2).to_json() == result.to_json()


def test_a_pair_is_aligned_only_around_the_rare_grams_it_shares():
    from duidu.engine.reuse import distinctive_grams, shared_passages, shared_windows

    texts = [(DATA / "reuse" / n).read_text(encoding="utf-8") for n in
             ("2024_国务院_政府工作报告_line152.txt", "2025_国务院_政府工作报告_line130.txt")]
    a, b = (EngineDocument.from_text(i, clean(t).text) for i, t in enumerate(texts, 1))
    wa, wb = shared_windows(distinctive_grams(a.keyform.text), distinctive_grams(b.keyform.text))
    assert wa and wb
    assert sum(e - s for s, e in wa) < len(a.keyform.text)  # not the whole text
    found = shared_passages(a, b)
    shown = [p for p in found if not p.boilerplate]
    assert any(SHARED in p.a_text and SHARED in p.b_text for p in shown)
    for p in found:  # every passage inside a window on both sides
        assert any(s <= p.a_key[0] and p.a_key[1] <= e for s, e in wa)
        assert any(s <= p.b_key[0] and p.b_key[1] <= e for s, e in wb)
    # What the whole-text finder shows is found here too.
    whole = {(p.a_start, p.a_end, p.b_start, p.b_end) for p in find_passages(a, b) if not p.boilerplate}
    assert whole and whole <= {(p.a_start, p.a_end, p.b_start, p.b_end) for p in shown}
