"""Measures × documents over a whole library in memory that does not grow with its mentions.

``Library.measure_table`` keeps every mention's span for every document: what the reader's
panel shows for a few documents, but over a library of thousands (``duidu measures``) the
spans are most of the process (issue 15, part 5). The table needs counts only
(``measure_counts``); the JSON needs the spans, row by row in the table's order, which is known
only once every document has been read — so a second reading spills them, one document at a
time, to a temporary SQLite file and hands them back a row at a time (``measure_spans``).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from itertools import groupby
from types import SimpleNamespace
from typing import Iterator, Sequence

from duidu.engine.measures import MeasureCount, measure_counts as count_measures
from duidu.library.engine_cache import CachedMentions, load_mentions

__all__ = ["measure_counts", "measure_spans"]


def measure_counts(lib, ids: Sequence[int]) -> list[MeasureCount]:
    """The rows of ``lib.measure_table(ids)``, in its order, with counts for spans."""
    for i in ids:
        lib.document(i)  # a clear error for an unknown id
    return count_measures([SimpleNamespace(id=i) for i in ids], CachedMentions(lib.db))


def measure_spans(lib, rows: Sequence[MeasureCount], ids: Sequence[int]
                  ) -> Iterator[tuple[MeasureCount, dict[int, tuple[tuple[int, int], ...]]]]:
    """Each of ``rows`` (``measure_counts`` over ``ids``) with its documents' sorted distinct
    spans, as ``measure_table`` gives them (documents in its order too)."""
    row_of = {name: k for k, row in enumerate(rows) for name in row.names}
    # "": a private temporary file of SQLite's, removed on close; its sort spills to disk too.
    with closing(sqlite3.connect("")) as spill:
        spill.execute("CREATE TABLE span (row INTEGER, doc INTEGER, start INTEGER, stop INTEGER)")
        for pos, i in enumerate(ids):
            spill.executemany("INSERT INTO span VALUES (?, ?, ?, ?)",
                              [(row_of[m.measure], pos, m.start, m.end) for m in load_mentions(lib.db, i)])
        found = spill.execute("SELECT DISTINCT row, doc, start, stop FROM span ORDER BY row, doc, start, stop")
        by_row = groupby(found, key=lambda t: t[0])
        nxt = next(by_row, None)
        for k, row in enumerate(rows):
            spans: dict[int, tuple[tuple[int, int], ...]] = {}
            if nxt is not None and nxt[0] == k:
                for pos, items in groupby(nxt[1], key=lambda t: t[1]):
                    spans[ids[pos]] = tuple((t[2], t[3]) for t in items)
                nxt = next(by_row, None)
            yield row, {d: spans[d] for d in row.documents if d in spans}  # measure_table's order
