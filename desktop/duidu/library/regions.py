"""Measures × regions over a set of the library's documents: the one implementation behind
``duidu regions`` and the window's region view (which calls it on a worker).

Each document counts in its provincial-level region (a city's report in its province; 全国 for
the State Council's), read from its metadata, else its title or file name; the mentions cached
at import are grouped by those regions (``engine/regions.py``). ``measure_matrix`` adds what a
reader needs beside the counts: each piece of evidence in its context, the documents' titles
and dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from duidu.engine.progress import CancelToken, Progress, checkpoint
from duidu.engine.regions import NATIONAL, UNLABELLED, RegionDocument, RegionMatrix, RegionRow, region_matrix

if TYPE_CHECKING:
    from duidu.library.documents import Document
    from duidu.library.store import Library

__all__ = ["CONTEXT", "NATIONAL", "UNLABELLED", "Evidence", "MeasureMatrix", "measure_matrix", "measure_regions",
           "region_of"]

CONTEXT = 40  # characters of the stored text either side of a piece of evidence


def region_of(d: "Document") -> tuple[str, str | None]:
    """A document's provincial-level region and its GB/T 2260 code (None for 全国 and unknown):
    from its region code, else its region, title or file name."""
    from duidu.engine.divisions import gazetteer, region_of as division_of
    from duidu.engine.indicators import region_named

    if d.region_code:
        g = gazetteer()
        div = g.by_code.get(d.region_code)
        chain = g.chain(div) if div else []
        if chain:  # province first
            return chain[0].name, chain[0].code
    name = region_named(d.region, d.title, d.file_name) or d.region or UNLABELLED
    if name == NATIONAL:
        return name, None
    found = division_of(name)
    if found and found.division:
        top = gazetteer().chain(found.division)[0]
        return top.name, top.code
    return name, None


def _region_documents(docs: Sequence["Document"]) -> list[RegionDocument]:
    out = []
    for d in docs:
        name, code = region_of(d)
        out.append(RegionDocument(d.id, name, code, d.title, d.date))
    return out


def measure_regions(lib: "Library", ids: Sequence[int], *, order: str = "code", progress: Progress | None = None,
                    cancel: CancelToken | None = None) -> RegionMatrix:
    """The measures ``ids`` state, by provincial-level region (columns in ``order``: code, name
    or shared; 全国 first, unlabelled last)."""
    docs = [lib.document(i) for i in dict.fromkeys(ids)]
    checkpoint(0.0, progress, cancel)
    rows = lib.measure_table([d.id for d in docs])
    checkpoint(0.9, progress, cancel)
    matrix = region_matrix(rows, _region_documents(docs), order=order)
    checkpoint(1.0, progress, cancel)
    return matrix


@dataclass(frozen=True)
class Evidence:
    doc: int
    start: int
    end: int
    text: str  # the mention as written
    before: str  # its context in the stored text
    after: str


@dataclass(frozen=True)
class MeasureMatrix:
    """``measure_regions``' matrix with each mention in context and the documents' titles and dates."""

    matrix: RegionMatrix
    evidence: dict[tuple[int, int, int], Evidence] = field(default_factory=dict)  # (doc, start, end) ->
    titles: dict[int, str] = field(default_factory=dict)
    dates: dict[int, str | None] = field(default_factory=dict)

    @property
    def regions(self):
        return self.matrix.regions

    @property
    def rows(self) -> tuple[RegionRow, ...]:
        return self.matrix.rows

    def cell(self, row: RegionRow, region: str) -> tuple[Evidence, ...]:
        """The evidence of ``row`` in ``region``'s documents, in document order."""
        cell = row.cells.get(region)
        return tuple(self.evidence[e] for e in cell.evidence) if cell else ()


def measure_matrix(lib: "Library", ids: Sequence[int], *, order: str = "code", context: int = CONTEXT,
                   progress: Progress | None = None, cancel: CancelToken | None = None) -> MeasureMatrix:
    """``measure_regions`` over ``ids``, each mention with ``context`` characters either side."""
    docs = [lib.document(i) for i in dict.fromkeys(ids)]
    matrix = measure_regions(lib, [d.id for d in docs], order=order,
                             progress=lambda f: checkpoint(f * 0.7, progress, cancel), cancel=cancel)
    wanted: dict[int, list[tuple[int, int]]] = {}
    for row in matrix.rows:
        for cell in row.cells.values():
            for doc, start, end in cell.evidence:
                wanted.setdefault(doc, []).append((start, end))
    evidence = {}
    for n, (doc, spans) in enumerate(wanted.items()):
        checkpoint(0.7 + 0.3 * n / len(wanted), progress, cancel)
        text = lib.text(doc).text  # one document's text at a time
        for start, end in spans:
            evidence[(doc, start, end)] = Evidence(doc, start, end, text[start:end],
                                                   text[max(0, start - context):start], text[end:end + context])
    checkpoint(1.0, progress, cancel)
    return MeasureMatrix(matrix, evidence, {d.id: d.title for d in docs}, {d.id: d.date for d in docs})
