"""``duidu measures`` over a whole library in memory that does not grow with the mentions
(issue 15, part 5): the table from counts (``measure_counts``), the JSON a measure at a time
(``measure_spans``), both giving what ``measure_table`` gives."""

from __future__ import annotations

import gc
import json
import tracemalloc

from duidu.cli.main import main
from duidu.engine.document import EngineDocument
from duidu.engine.measures import MeasureMention, by_region, measure_counts, measure_table
from duidu.library.measure_stream import measure_spans
from duidu.library.store import Library

from test_measures import SEEDS, mentions, seed


def _as_counts(rows):
    return [(r.name, r.category, r.instrument, r.names, list(r.mentions.items())) for r in rows]


def test_counts_are_the_tables_spans_counted_in_its_order():
    docs = [seed(n) for n in SEEDS]
    given = {n: list(mentions(n)) for n in SEEDS}
    table, counts = measure_table(docs, given), measure_counts(docs, given)
    assert len(table) >= 20 and any(len(r.names) > 1 for r in table)  # grouped rows are tested too
    assert [(r.name, r.category, r.instrument, r.names, [(d, len(s)) for d, s in r.mentions.items()]) for r in table] \
        == [(r.name, r.category, r.instrument, r.names, list(r.counts.items())) for r in counts]
    assert by_region(counts, docs) == by_region(table, docs)


def test_a_span_found_under_two_names_of_one_row_is_counted_once():
    def m(name, start, end):
        return MeasureMention(name, "科技", start, end, name, "pattern")

    docs = [EngineDocument.from_text(i, "x" * 200) for i in (0, 1)]
    given = {0: [m("京津冀国际科技创新中心", 0, 11), m("国际科技创新中心", 0, 11), m("国际科技创新中心", 20, 28),
                 m("国际科技创新中心", 20, 28)],
             1: [m("国际科技创新中心", 5, 13)]}
    (row,) = measure_table(docs, given)
    (counted,) = measure_counts(docs, given)
    assert row.mentions == {0: ((0, 11), (20, 28)), 1: ((5, 13),)}
    assert counted.counts == {0: 2, 1: 1} and counted.names == row.names


class _Fresh:
    """Cached mentions as the library hands them out: made anew for each document asked for."""

    def __init__(self, per_document: int) -> None:
        self.per_document = per_document

    def __contains__(self, doc_id) -> bool:
        return True

    def __getitem__(self, doc_id: int) -> list[MeasureMention]:
        names = ("职教集团", "产业园区", "创新平台", "合作机制")
        return [MeasureMention(names[k % 4], "教育", 10 * k + doc_id, 10 * k + doc_id + 4, names[k % 4], "lexicon")
                for k in range(self.per_document)]


def _retained_and_peak(build, docs, given) -> tuple[int, int]:
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        result = build(docs, given)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result
    return current - base, peak - base


def test_the_counts_hold_no_span_and_one_documents_mentions_at_a_time():
    docs = [EngineDocument.from_text(i, "") for i in range(40)]
    spans, _ = _retained_and_peak(measure_table, docs, _Fresh(2000))
    kept, peak = _retained_and_peak(measure_counts, docs, _Fresh(2000))
    kept_more, _ = _retained_and_peak(measure_counts, docs, _Fresh(6000))
    # The same measures and documents: the table that keeps the spans holds megabytes; what the
    # counts keep is a small fraction of it however many mentions a document has (the little
    # there is: ints, and freed tuples CPython keeps for reuse, at most 2,000 of a size), and at
    # their peak the counts held a few documents' mentions, never the library's.
    assert spans > 4_000_000
    assert kept < spans / 20 and kept_more < spans / 20
    assert peak < spans / 4


def test_the_command_counts_and_streams_what_the_table_gave(capsys, monkeypatch, seeded_default):
    with Library.open(seeded_default, backup=False) as lib:
        docs = lib.documents()
        rows = lib.measure_table([d.id for d in docs])
        regions = by_region(rows, docs)
        streamed = list(measure_spans(lib, measure_counts_of(lib, docs), [d.id for d in docs]))
    expected = {
        "documents": [{"id": d.id, "title": d.title, "region": d.region} for d in docs],
        "measures": [{"name": r.name, "category": r.category, "instrument": r.instrument,
                      "documents": {str(i): [list(s) for s in spans] for i, spans in r.mentions.items()},
                      "regions": regions.get(r.name, {})} for r in rows],
    }
    assert [(r.name, spans) for r, spans in streamed] == [(r.name, r.mentions) for r in rows]

    def holds_every_mention(self, ids):
        raise AssertionError("duidu measures read the table of every mention's spans")

    monkeypatch.setattr(Library, "measure_table", holds_every_mention)
    assert main(["measures", "--json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == expected
    assert out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"  # the same bytes as one dump
    monkeypatch.setenv("COLUMNS", "1000")  # names whole: each row's line starts with its name
    assert main(["measures"]) == 0
    lines = capsys.readouterr().out.splitlines()
    for r in rows:
        (line,) = [li for li in lines if li.startswith("  " + r.name + " ")]
        marks = [str(len(r.mentions[d.id])) if d.id in r.mentions else "·" for d in docs]
        assert line[2 + len(r.name):].split()[:len(docs)] == marks


def measure_counts_of(lib, docs):
    from duidu.library.measure_stream import measure_counts as counts

    return counts(lib, [d.id for d in docs])
