"""Measures × regions over a set of the library's documents (``duidu regions``; the region view
may call it off the UI thread): the mentions cached at import, grouped by the documents' regions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from duidu.engine.progress import CancelToken, Progress, checkpoint
from duidu.engine.regions import RegionDocument, RegionMatrix, region_matrix

if TYPE_CHECKING:
    from duidu.library.store import Library


def measure_regions(lib: "Library", ids: Sequence[int], *, order: str = "code", progress: Progress | None = None,
                    cancel: CancelToken | None = None) -> RegionMatrix:
    """The measures ``ids`` state, by region (columns in ``order``: code, name or shared)."""
    docs = [lib.document(i) for i in dict.fromkeys(ids)]
    checkpoint(0.0, progress, cancel)
    rows = lib.measure_table([d.id for d in docs])
    checkpoint(0.9, progress, cancel)
    matrix = region_matrix(rows, [RegionDocument(d.id, d.region, d.region_code, d.title, d.date) for d in docs],
                           order=order)
    checkpoint(1.0, progress, cancel)
    return matrix
