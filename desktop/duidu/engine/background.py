"""How common a phrase is in Chinese policy language at large: the background model.

Character 6-gram document frequencies over a reference corpus of policy documents (the 31
provincial government work reports of 2026, the State Council's reports, State Council
documents and the five seeds; ``resources/background/README.md`` gives provenance, and
``packaging/build_background.py`` rebuilds it). The grams are hashed to 64 bits and kept
as a sorted array with one document count each, so loading is one ``numpy.load`` and a
lookup is a binary search done in bulk.

What the library holds never changes this model: stock formulas (以习近平同志为核心的党中央,
推动高质量发展) are common here whether the library has two documents or two hundred.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Sequence

import numpy as np

from duidu.paths import resource_path

GRAM = 6  # characters per gram
MODEL = ("background", "policy_6gram_df.npz")
COVER_GRAM = 4  # characters per gram of the document sets (``holders``)
HOLDERS = ("background", "policy_4gram_docs.npz")
WORDS = ("background", "policy_word_df.npz")
_MULT = np.uint64(0x9E3779B97F4A7C15)  # golden-ratio multiplier: spreads code points over 64 bits


def gram_hashes(key: str, gram: int = GRAM) -> np.ndarray:
    """The 64-bit hash of every ``gram``-character stretch of a key text, in order."""
    codes = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - gram + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    for k in range(gram):
        h = (h ^ codes[k : k + n]) * _MULT  # uint64 arithmetic wraps, as a hash should
        h ^= h >> np.uint64(29)
    return h


BUCKET_LOOKUP_BITS = 18  # top bits of a hash that pick its bucket among a model's sorted keys


def _bucket_starts(keys: np.ndarray, bits: int = BUCKET_LOOKUP_BITS) -> np.ndarray:
    """Where each bucket of the sorted ``keys`` (by their top ``bits`` bits) starts."""
    bounds = np.arange(2**bits + 1, dtype=np.uint64) << np.uint64(64 - bits)
    starts = np.searchsorted(keys, bounds)
    starts[-1] = len(keys)  # the last bound wraps to 0
    return starts


def _lookup(keys: np.ndarray, starts: np.ndarray, h: np.ndarray, bits: int = BUCKET_LOOKUP_BITS
            ) -> tuple[np.ndarray, np.ndarray]:
    """For each hash of ``h``: its index among the sorted ``keys`` and whether it is there
    (``starts``: ``_bucket_starts(keys, bits)``). A bucket holds a key or none mostly: its few
    entries are read, far fewer memory reads than a binary search of every gram (the passages of
    a long pair hold hundreds of thousands; most grams fall in an empty bucket, asked no further)."""
    bucket = (h >> np.uint64(64 - bits)).astype(np.int64)
    lo, hi = starts[bucket], starts[bucket + 1]
    at = np.zeros(len(h), dtype=np.int64)
    found = np.zeros(len(h), dtype=np.bool_)
    active = np.flatnonzero(hi > lo)
    probe = lo[active]
    while active.size:
        hit = keys[probe] == h[active]
        at[active[hit]], found[active[hit]] = probe[hit], True
        probe += 1
        more = ~hit & (probe < hi[active])
        active, probe = active[more], probe[more]
    return at, found


def gram_hashes_flat(keys: Sequence[str], gram: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``gram_hashes`` of each key text in a row, key by key, and how many each has (one pass
    over them all joined; the grams across a join left out)."""
    if not keys:
        return np.empty(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    at, sizes = _joined_grams(keys, gram)
    return gram_hashes("\x00".join(keys), gram)[at], sizes


def _joined_grams(keys: Sequence[str], gram: int) -> tuple[np.ndarray, np.ndarray]:
    """Where each key text's ``gram``-grams lie among those of the texts joined by one character
    (key by key, the grams across a join left out), and how many each text has."""
    lengths = np.array([len(k) for k in keys], dtype=np.int64)
    sizes = np.maximum(lengths - gram + 1, 0)
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
    ends = np.cumsum(sizes)
    return np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(starts - (ends - sizes), sizes), sizes


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, in order (a plain sort: ``np.unique`` is slower on these sizes)."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


@dataclass(frozen=True)
class Background:
    keys: np.ndarray  # sorted gram hashes seen in at least three documents
    counts: np.ndarray  # documents containing each
    documents: int  # documents in the reference corpus

    def share(self, hashes: np.ndarray) -> np.ndarray:
        """Share of the reference documents containing each gram, beyond the two a shared
        passage is found in (they may be reference documents themselves: the seeds are)."""
        if not len(self.keys) or not len(hashes):
            return np.zeros(len(hashes))
        at, found = _lookup(self.keys, self._buckets, hashes)
        beyond = np.maximum(np.where(found, self.counts[at].astype(np.int64), 0) - 2, 0)
        return beyond / max(1, self.documents - 2)

    @cached_property
    def _buckets(self) -> np.ndarray:
        return _bucket_starts(self.keys)


@dataclass(frozen=True)
class Holders:
    """Which reference documents hold each 4-gram (a bit per document), to tell how many hold
    most of a passage: a formula reworded in each report (保持零就业家庭动态清零 / …动态清零)
    shares few 6-grams with the others but most of its 4-grams."""

    keys: np.ndarray  # sorted 4-gram hashes held by at least two documents
    masks: np.ndarray  # uint64: bit d set when reference document d holds the gram
    documents: int

    def _masks(self, h: np.ndarray) -> np.ndarray:
        """The document set of every 4-gram hash of ``h``."""
        if not len(self.keys) or not len(h):
            return np.zeros(len(h), dtype=np.uint64)
        at, found = _lookup(self.keys, self._buckets, h)
        return np.where(found, self.masks[at], np.uint64(0))

    @cached_property
    def _buckets(self) -> np.ndarray:
        return _bucket_starts(self.keys)

    def holding(self, keys: Sequence[str], cover: float) -> np.ndarray:
        """For each key text, how many reference documents hold at least ``cover`` of its 4-grams."""
        return self._holding(*gram_hashes_flat(keys, COVER_GRAM), cover)

    def holding_joined(self, masks: np.ndarray, keys: Sequence[str], cover: float) -> np.ndarray:
        """``holding`` from the document sets (``masks``) of every 4-gram of ``keys`` joined by one
        character, as ``spread`` reads them: the grams across a join left out."""
        at, sizes = _joined_grams(keys, COVER_GRAM)
        return self._holding(None, sizes, cover, masks[at])

    def holding_shared(self, pairs: Sequence[tuple[str, str]], cover: float) -> np.ndarray:
        """For each pair of wordings (a fuzzy passage's two sides), how many reference documents hold
        at least ``cover`` of the 4-grams both wordings have: a formula each report words its own
        way (千方百计增加居民收入 / 千方百计增加城乡居民收入) is held by few in either wording, by many in
        what the two share."""
        if not pairs:
            return np.zeros(0, dtype=np.int64)
        # Every pair's 4-grams at once: (pair, gram) of each side, each once, then those on both;
        # the grams numbered first, so that a (pair, gram) is one integer and each step one sort.
        sides = [gram_hashes_flat([p[side] for p in pairs], COVER_GRAM) for side in (0, 1)]
        hashes = np.concatenate([sides[0][0], sides[1][0]])
        order = np.argsort(hashes)
        new = np.ones(len(hashes), dtype=np.bool_)
        np.not_equal(hashes[order][1:], hashes[order][:-1], out=new[1:])
        grams = hashes[order][new]
        number = np.empty(len(hashes), dtype=np.int64)
        number[order] = np.cumsum(new) - 1
        kinds = max(len(grams), 1)
        owned = [_distinct(np.repeat(np.arange(len(pairs), dtype=np.int64), sizes) * kinds + numbers)
                 for (_, sizes), numbers in zip(sides, (number[: len(sides[0][0])], number[len(sides[0][0]) :]))]
        both = np.sort(np.concatenate(owned))
        both = both[:-1][both[1:] == both[:-1]]  # (each side's once: twice is on both)
        owner, h = both // kinds, grams[both % kinds]
        return self._holding(h, np.bincount(owner, minlength=len(pairs)), cover)  # (h in order of owner)

    def spread(self, key: str) -> np.ndarray:
        """How many reference documents hold each 4-gram of ``key``, in order (0 when under two)."""
        return np.bitwise_count(self.sets(key)).astype(np.int64)

    def sets(self, key: str) -> np.ndarray:
        """The document set (a bit per reference document) of each 4-gram of ``key``, in order."""
        return self._masks(gram_hashes(key, COVER_GRAM))

    def _holding(self, h: np.ndarray | None, sizes: np.ndarray, cover: float,
                 masks: np.ndarray | None = None) -> np.ndarray:
        """For each passage (``sizes[k]`` of the 4-gram hashes ``h`` in a row, or of their document
        sets ``masks``), how many reference documents hold at least ``cover`` of its 4-grams."""
        out = np.zeros(len(sizes), dtype=np.int64)
        masks = self._masks(h) if masks is None else masks
        some = sizes > 0
        if not masks.any():
            return out
        need = cover * sizes[some]
        # Per passage, per document: grams held, all at once (the bits of the masks held by any
        # reference document, a row of bytes each, summed per passage).
        held_by_any = np.flatnonzero(masks)
        owner = np.repeat(np.arange(len(sizes)), sizes)[held_by_any]
        bits = np.unpackbits(masks[held_by_any].astype("<u8").view(np.uint8).reshape(-1, 8), axis=1,
                             bitorder="little")[:, : self.documents]
        first = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1])))
        held = np.zeros((len(sizes), bits.shape[1]), dtype=np.int32)
        held[owner[first]] = np.add.reduceat(bits, first, axis=0, dtype=np.int32)
        out[some] = (held[some] >= need[:, None]).sum(axis=1)
        return out


@lru_cache(maxsize=1)
def holders() -> Holders:
    """The shipped 4-gram document sets (empty when the source tree lacks them)."""
    path = resource_path(*HOLDERS)
    if not path.exists():
        return Holders(np.empty(0, np.uint64), np.empty(0, np.uint64), 0)
    with np.load(path) as z:
        return Holders(z["keys"], z["masks"], int(z["documents"]))


@lru_cache(maxsize=1)
def background() -> Background:
    """The shipped model (loaded once per process: a few milliseconds)."""
    path = resource_path(*MODEL)
    if not path.exists():  # a source tree without the model: nothing is common
        return Background(np.empty(0, np.uint64), np.empty(0, np.uint16), 0)
    with np.load(path) as z:
        return Background(z["keys"], z["counts"], int(z["documents"]))


WORD_LENGTHS = (2, 3, 4)  # characters of the words looked up (single characters stand in every document)
BUCKET_BITS = 16  # top bits of a word's hash that pick its bucket (a few thousand words a length)


@dataclass(frozen=True)
class Words:
    """How many reference documents hold each word (jieba's, of the key form): 千方百计, 增加, 居民收入
    are each in most reports although the phrase is in few; 巴蜀, 只报, 严打 are in almost none. Looked
    up as character grams (``common_cover``), so a passage needs no segmentation: numpy, in bulk."""

    words: np.ndarray  # sorted words held by at least three documents (numpy unicode)
    counts: np.ndarray  # documents holding each
    documents: int

    @cached_property
    def _by_length(self) -> dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """For each length in ``WORD_LENGTHS``: the words' gram hashes (sorted), their share beyond a
        pair, and where each bucket of hashes (their top ``BUCKET_BITS`` bits) starts among them."""
        out = {}
        lengths = np.char.str_len(self.words) if len(self.words) else np.zeros(0, np.int64)
        for n in WORD_LENGTHS:
            chosen = lengths == n
            words, counts = self.words[chosen].tolist(), self.counts[chosen].astype(np.int64)
            hashes = gram_hashes("\x00".join(words), n)[:: n + 1] if words else np.empty(0, np.uint64)
            share = np.maximum(counts - 2, 0) / max(1, self.documents - 2)
            order = np.argsort(hashes)
            out[n] = (hashes[order], share[order], _bucket_starts(hashes[order], BUCKET_BITS))
        return out

    def common_cover(self, key: str) -> np.ndarray:
        """Per character of ``key``: the share of the reference documents (beyond the two compared)
        holding the most widely held word of 2-4 characters that covers it (0 when none does)."""
        out = np.zeros(len(key))
        for n, (hashes, share, starts) in self._by_length.items():
            h = gram_hashes(key, n)
            if not len(h) or not len(hashes):
                continue
            at, held = _lookup(hashes, starts, h, BUCKET_BITS)  # (a bucket holds a word or two at most)
            found = np.where(held, share[at], 0.0)
            for k in range(n):
                np.maximum(out[k : k + len(found)], found, out=out[k : k + len(found)])
        return out


@lru_cache(maxsize=1)
def words() -> Words:
    """The shipped word document counts (empty when the source tree lacks them)."""
    path = resource_path(*WORDS)
    if not path.exists():
        return Words(np.empty(0, np.str_), np.empty(0, np.uint16), 0)
    with np.load(path) as z:
        return Words(z["words"], z["counts"], int(z["documents"]))
