"""Text reuse over a set of the library's documents: what ``duidu reuse`` prints and the
region view's network and "where did this come from" show.

Reads the key forms cached at import (``keyforms``) and reads each one's distinctive grams once;
asks the engine for candidate pairs (``engine/reuse.py``: never all pairs), aligns each around
what the two share (``shared_passages``) and builds families and edges. Runs off the UI thread: ``progress`` (0..1) and ``cancel`` as the engine's.
A ``ReuseCache`` kept by the caller serves pairs already aligned (keyed by both texts' hashes,
so an edited or re-imported document is aligned again).
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

import numpy as np

from duidu.engine.progress import CancelToken, Progress, checkpoint
from duidu.engine.reuse import (Candidates, Edge, Family, Grams, Link, candidate_pairs, distinctive_grams, edges,
                                families)

if TYPE_CHECKING:
    from duidu.engine.document import EngineDocument
    from duidu.engine.passages import Passage
    from duidu.library.store import Library

# Workers are started only when the pairs left would take longer than this (CPU seconds, estimated
# from the last pairs): a worker's start-up (imports, jieba's dictionary, the background models, its
# own reading of each document it meets) cost ~2 s CPU each on the corpus's 33 reports and several
# on 1,000 documents, so two workers made the 528 report pairs (~5 s of aligning) take 11.7 s CPU
# instead of 7.6 s, and 1,000 synthetic documents (~11 s of aligning) 34.6 s instead of 21.2 s with
# twice the memory; on a shared, loaded machine not less wall time either.
PARALLEL_SECONDS = 30.0
RECENT_PAIRS = 16  # the estimate: the last this many pairs' time (a document's first pair also reads it)
MAX_WORKERS = 4


@dataclass(frozen=True)
class Selection:
    """Which documents: explicit ids, else every document matching the filters (all when none)."""

    ids: tuple[int, ...] = ()
    regions: tuple[str, ...] = ()  # a region name or GB/T 2260 code, or its beginning (广东, 44)
    kind: str | None = None
    year: str | None = None  # the date's beginning: 2026, 2026-02
    seeds: bool = True


def select(lib: "Library", selection: Selection) -> list[int]:
    if selection.ids:
        return list(dict.fromkeys(selection.ids))
    from duidu.text.keyform import query_key

    out = []
    wanted = [(r, query_key(r)) for r in selection.regions]  # 廣東 finds 广东省, as every search is script-blind
    keys: dict[str, str] = {}  # a region's key, worked out once (thousands of documents, a few dozen regions)
    for d in lib.documents():
        key = keys.get(d.region or "")
        if wanted and key is None:
            key = keys[d.region or ""] = query_key(d.region or "")
        if wanted and not any(key.startswith(k) or (d.region_code or "").startswith(r) for r, k in wanted):
            continue
        if selection.kind is not None and (d.kind or "") != selection.kind:
            continue
        if selection.year is not None and not (d.date or "").startswith(selection.year):
            continue
        if not selection.seeds and d.seed:
            continue
        out.append(d.id)
    return out


@dataclass
class ReuseCache:
    """Aligned pairs by ``(hash of A, hash of B)``: kept by a window between runs."""

    pairs: dict[tuple[str, str], tuple["Passage", ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ReuseResult:
    documents: tuple[int, ...]
    candidates: Candidates
    families: tuple[Family, ...]
    edges: tuple[Edge, ...]
    aligned: int  # pairs aligned in this run (the rest came from the cache)

    @property
    def pairs_considered(self) -> int:
        return len(self.candidates.pairs)

    def to_json(self) -> dict:
        return {"families": [f.to_json() for f in self.families], "edges": [e.to_json() for e in self.edges]}


def library_frequencies(keys: Sequence[str], gram: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted hashes of every ``gram``-character stretch of ``keys`` and how many keys hold each:
    the library's document frequencies in bulk (the boilerplate test asks one stretch at a time)."""
    from duidu.engine.reuse import stretch_hashes

    per_doc = [np.unique(stretch_hashes(k, gram)) for k in keys]
    if not per_doc:
        return np.empty(0, np.uint64), np.empty(0, np.int64)
    return np.unique(np.concatenate(per_doc), return_counts=True)


class StretchFrequencies:
    """``documents_with(stretch)`` over the table above (picklable: worker processes get it)."""

    def __init__(self, table: tuple[np.ndarray, np.ndarray], gram: int) -> None:
        self.hashes, self.counts = table
        self.gram = gram

    def __call__(self, stretch: str) -> int:
        from duidu.engine.reuse import stretch_hashes

        if len(stretch) != self.gram or not len(self.hashes):
            return 0
        h = stretch_hashes(stretch, self.gram)[0]
        at = int(np.searchsorted(self.hashes, h))
        return int(self.counts[at]) if at < len(self.hashes) and self.hashes[at] == h else 0

    def counts_in(self, key: str) -> np.ndarray:
        """What ``self(stretch)`` gives for every ``gram``-character stretch of ``key``, in order,
        from one bulk lookup (the boilerplate test asks it of a whole batch of passages)."""
        from duidu.engine.reuse import stretch_hashes

        h = stretch_hashes(key, self.gram)
        if not len(h) or not len(self.hashes):
            return np.zeros(len(h), dtype=np.int64)
        at = np.minimum(np.searchsorted(self.hashes, h), len(self.hashes) - 1)
        return np.where(self.hashes[at] == h, self.counts[at], 0)


def _boilerplate(lib: "Library"):
    """The boilerplate test bound to the whole library's frequencies, built in bulk."""
    from duidu.engine.boilerplate import COMMON_GRAM, LIBRARY_SHARE, MIN_LIBRARY, Boilerplate

    (count,) = lib.db.execute("SELECT COUNT(*) FROM documents").fetchone()
    if count < MIN_LIBRARY:  # the library says nothing yet (the background speaks)
        return Boilerplate(count, None)
    from duidu.library.engine_cache import unpack_key  # stored packed (zlib)

    keys = [unpack_key(k) for (k,) in lib.db.execute("SELECT key FROM keyforms")]
    hashes, counts = library_frequencies(keys, COMMON_GRAM)
    common = counts >= LIBRARY_SHARE * count  # all the test asks of a stretch: kept small for the workers
    return Boilerplate(count, StretchFrequencies((hashes[common], counts[common]), COMMON_GRAM))


def _align(pairs: list[tuple["EngineDocument", "EngineDocument"]], boilerplate,
           grams: list[tuple[Grams, Grams]] | None = None) -> list[tuple["Passage", ...]]:
    """Shared passages of each pair (``engine.reuse.shared_passages``: around what the two share)."""
    from duidu.engine.reuse import shared_passages

    return [tuple(shared_passages(a, b, is_boilerplate=boilerplate, grams=grams[n] if grams else None))
            for n, (a, b) in enumerate(pairs)]


# A worker process's state: the library read on its own connection, the boilerplate test (sent
# once: its frequency table is large) and the documents it has read, most recent last. A worker
# reads each document once, not once per task: pickled documents would be read again, and their
# per-document readings (grams, sentence ends, quoted names) made again, for every task.
_worker: tuple | None = None
WORKER_DOCUMENTS = 256  # documents a worker keeps


def _start_worker(path: str, boilerplate) -> None:
    import signal

    from sqlite_utils import Database

    global _worker
    _worker = (Database(path), boilerplate, OrderedDict())
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the command's to handle: it stops the pool


def _align_in_worker(pairs: list[tuple[int, int]]) -> list[tuple["Passage", ...]]:
    from duidu.library.engine_cache import engine_document

    db, boilerplate, docs = _worker

    def doc(i: int) -> "EngineDocument":
        if i in docs:
            docs.move_to_end(i)
        else:
            if len(docs) >= WORKER_DOCUMENTS:
                docs.popitem(last=False)
            docs[i] = engine_document(db, i)
        return docs[i]

    return _align([(doc(a), doc(b)) for a, b in pairs], boilerplate)


def reuse(lib: "Library", ids: Sequence[int], *, cache: ReuseCache | None = None, workers: int | None = None,
          progress: Progress | None = None, cancel: CancelToken | None = None) -> ReuseResult:
    """Families of shared passages and the reuse network over documents ``ids``."""
    ids = list(dict.fromkeys(ids))
    for i in ids:
        lib.document(i)  # a clear error for an unknown id
    checkpoint(0.0, progress, cancel)
    keys = _keys(lib, ids)
    meta = {i: lib.db.execute("SELECT date, text_hash FROM documents WHERE id = ?", [i]).fetchone() for i in ids}
    dates = {i: meta[i][0] or None for i in ids}
    grams = {i: distinctive_grams(keys[i]) for i in ids}  # read once: they vote, then place the windows
    candidates = candidate_pairs(((i, grams[i]) for i in ids))
    checkpoint(0.05, progress, cancel)
    cache = cache if cache is not None else ReuseCache()
    from duidu.library.reuse_import import imported_pairs  # pairs a Spark job aligned (duidu reuse import)

    for pair, found in imported_pairs(lib, {m[1] for m in meta.values()}).items():
        cache.pairs.setdefault(pair, found)
    todo = [p for p in candidates.ranked() if (meta[p[0]][1], meta[p[1]][1]) not in cache.pairs]
    if todo:
        _align_all(lib, todo, meta, grams, cache, workers, progress, cancel)
    links = [Link(a, b, p) for a, b in candidates.ranked() for p in cache.pairs[(meta[a][1], meta[b][1])]]
    checkpoint(0.97, progress, cancel)
    fams = families(links, dates, keys)
    network = edges(links, dates)
    checkpoint(1.0, progress, cancel)
    return ReuseResult(tuple(ids), candidates, tuple(fams), tuple(network), len(todo))


def _keys(lib: "Library", ids: Sequence[int]) -> dict[int, str]:
    from duidu.library.engine_cache import engine_document, unpack_key

    out = {}
    for i in ids:
        row = lib.db.execute("SELECT key FROM keyforms WHERE document_id = ?", [i]).fetchone()
        out[i] = unpack_key(row[0]) if row else engine_document(lib.db, i).keyform.text
    return out


def _align_all(lib: "Library", todo: list[tuple[int, int]], meta: dict, grams: dict[int, Grams], cache: ReuseCache,
               workers: int | None, progress: Progress | None, cancel: CancelToken | None) -> None:
    boilerplate = _boilerplate(lib)
    docs: dict[int, "EngineDocument"] = {}

    def doc(i: int) -> "EngineDocument":
        if i not in docs:
            docs[i] = lib.engine_document(i)
        return docs[i]

    total = len(todo)

    def done(k: int) -> None:
        checkpoint(0.05 + 0.9 * k / total, progress, cancel)

    adaptive = workers is None
    if adaptive:
        workers = min(os.cpu_count() or 1, MAX_WORKERS)
    k = 0
    if workers <= 1 or adaptive:
        recent: deque = deque(maxlen=RECENT_PAIRS)
        while k < len(todo):
            done(k)
            a, b = todo[k]
            start = time.process_time()
            (found,) = _align([(doc(a), doc(b))], boilerplate, [(grams[a], grams[b])])
            recent.append(time.process_time() - start)
            cache.pairs[(meta[a][1], meta[b][1])] = found
            k += 1
            # Asked at 32, 64, 128 … pairs: would the rest take long enough to pay for workers?
            if workers > 1 and k >= 2 * RECENT_PAIRS and not k & (k - 1) \
                    and sum(recent) / len(recent) * (len(todo) - k) > PARALLEL_SECONDS:
                break
        if k == len(todo):
            return
    todo = todo[k:]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    batch = 8  # pairs per task: few enough to report progress and share the work out evenly
    chunks = [todo[n : n + batch] for n in range(0, len(todo), batch)]
    finished = k
    # Spawned, not forked: a forked copy of a process holding jieba's or Qt's locks can hang.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start_worker, initargs=(str(lib.path), boilerplate)) as pool:
        pending: deque = deque()
        try:
            for chunk in chunks:
                pending.append((chunk, pool.submit(_align_in_worker, chunk)))
                while len(pending) >= 2 * workers or (pending and pending[0][1].done()):
                    finished = _collect(pending.popleft(), meta, cache, finished)
                    done(finished)
            while pending:
                finished = _collect(pending.popleft(), meta, cache, finished)
                done(finished)
        except BaseException:  # cancelled or interrupted: drop what has not started, then stop
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _collect(item, meta: dict, cache: ReuseCache, finished: int) -> int:
    chunk, future = item
    for (a, b), found in zip(chunk, future.result()):
        cache.pairs[(meta[a][1], meta[b][1])] = found
    return finished + len(chunk)
