"""Postings and counts in bulk, one partition at a time: what the Spark job shuffles.

A record per gram (or per stretch, or per pair vote) made Spark pickle, shuffle and reduce
millions of tiny Python tuples — the job's slowest part. Here a task turns its whole partition
into a few numpy arrays, split by ``bucket`` (the hash modulo the number of partitions), so a
shuffle moves one array per task and bucket; the receiving task merges its bucket's arrays and
applies the in-process rule (``engine.reuse.candidate_pairs``, ``library.reuse.library_frequencies``)
to the whole bucket at once. A gram's (stretch's, pair's) records all share one bucket, so
each bucket's answer is final. Nothing here imports pyspark.
"""

from __future__ import annotations

from typing import Iterable, Iterator

import numpy as np

STATS = -1  # key of the per-bucket statistics record (buckets are 0 … n-1)


def buckets_of(keys: np.ndarray, buckets: int, *columns: np.ndarray) -> Iterator[tuple[int, tuple]]:
    """``(bucket, (keys, *columns))`` for every non-empty bucket of ``keys`` (hashes or pair codes)."""
    which = (keys.astype(np.uint64) % np.uint64(buckets)).astype(np.int64)
    order = np.argsort(which, kind="stable")
    which = which[order]
    cuts = np.flatnonzero(np.r_[True, which[1:] != which[:-1], True]) if len(which) else np.empty(0, np.int64)
    for s, e in zip(cuts[:-1], cuts[1:]):
        rows = order[s:e]
        yield int(which[s]), (keys[rows], *(c[rows] for c in columns))


def _merged(blocks: Iterable[tuple[int, tuple]]) -> list[np.ndarray] | None:
    parts = [v for _, v in blocks]
    if not parts:
        return None
    return [np.concatenate([p[k] for p in parts]) for k in range(len(parts[0]))]


def _summed(keys: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    found, inverse = np.unique(keys, return_inverse=True)
    return found, np.bincount(inverse.ravel(), weights=counts, minlength=len(found)).astype(np.int64)


# -- common stretches (the library's own boilerplate) --------------------------------------------


def stretch_counts(records: Iterable[dict], gram: int, buckets: int) -> Iterator[tuple[int, tuple]]:
    """A partition's documents → how many of them hold each ``gram``-character stretch, by bucket."""
    from duidu.engine.reuse import stretch_hashes

    per_doc = [np.unique(stretch_hashes(r["key"], gram)) for r in records]
    if per_doc:
        hashes, counts = np.unique(np.concatenate(per_doc), return_counts=True)
        yield from buckets_of(hashes, buckets, counts.astype(np.int64))


def common_in_bucket(blocks: Iterable[tuple[int, tuple]], least: float) -> Iterator[int]:
    """The stretches (as signed 64-bit ints, Parquet's long) in at least ``least`` documents."""
    merged = _merged(blocks)
    if merged is None:
        return
    hashes, counts = _summed(*merged)
    yield from (int(h) for h in hashes[counts >= least].astype(np.int64))


# -- candidate pairs --------------------------------------------------------------------------------


def gram_postings(records: Iterable[dict], buckets: int) -> Iterator[tuple[int, tuple]]:
    """A partition's documents → their distinctive grams and document ids, by bucket of gram."""
    from duidu.engine.reuse import document_grams

    grams, ids = [], []
    for r in records:
        g = document_grams(r["key"])
        grams.append(g)
        ids.append(np.full(len(g), r["doc"], dtype=np.int64))
    if grams:
        yield from buckets_of(np.concatenate(grams), buckets, np.concatenate(ids))


def bucket_votes(blocks: Iterable[tuple[int, tuple]], max_df: int, buckets: int) -> Iterator[tuple[int, tuple]]:
    """One bucket of grams' postings → the pair votes they cast (``posting_pairs``, in bulk, as
    ``candidate_pairs`` casts them), by bucket of pair code ``a << 32 | b``; and a ``STATS``
    record: distinct grams, postings past ``max_df``, votes cast."""
    merged = _merged(blocks)
    if merged is None:
        return
    gram, doc = merged
    order = np.lexsort((doc, gram))
    gram, doc = gram[order], doc[order]
    starts = np.flatnonzero(np.r_[True, gram[1:] != gram[:-1]])
    df = np.diff(np.r_[starts, len(gram)])
    voting = (df >= 2) & (df <= max_df)
    codes = []
    for size in np.unique(df[voting]):  # every posting of one length at once: a (postings × size) block
        rows = starts[voting & (df == size)][:, None] + np.arange(size)[None, :]
        block = doc[rows]
        i, j = np.triu_indices(int(size), 1)
        codes.append(block[:, i].ravel() << 32 | block[:, j].ravel())
    votes = int(sum(len(c) for c in codes))
    yield STATS, (len(starts), int((df > max_df).sum()), votes)
    if codes:
        found, counts = np.unique(np.concatenate(codes), return_counts=True)
        yield from buckets_of(found, buckets, counts.astype(np.int64))


def pairs_in_bucket(blocks: Iterable[tuple[int, tuple]], min_shared: int) -> Iterator[tuple[int, int, int]]:
    """One bucket of pair votes → ``(a, b, shared)`` for every pair with at least ``min_shared``."""
    merged = _merged(blocks)
    if merged is None:
        return
    codes, counts = _summed(*merged)
    keep = counts >= min_shared
    for c, k in zip(codes[keep].tolist(), counts[keep].tolist()):
        yield c >> 32, c & 0xFFFFFFFF, k
