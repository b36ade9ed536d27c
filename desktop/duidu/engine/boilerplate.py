"""Boilerplate and informativeness: how much of a shared passage is more than stock phrasing.

A character is stock when it lies in a stop phrase (``resources/stopphrases.txt``), in a
4-gram common in policy language at large (in at least ``STOCK_SHARE`` of the background
corpus: ``engine/background.py``), or, once the library is big enough to say
(``MIN_LIBRARY`` documents), in a stretch found in at least ``LIBRARY_SHARE`` of its documents.
Informativeness: each character counts ``1 - share / STOCK_SHARE`` (share: the most common
background gram over it; 0 when stock), so a passage scores about the number of its characters
that are particular to it. 《推动成渝地区双城经济圈教育协同发展框架协议》 scores high,
推进教育高质量发展 scores 0. A passage scoring under ``DISTINCTIVE``, or under ``PARTICULAR`` per
character with fewer than ``PARTICULAR_RUN`` mostly particular characters, is boilerplate, whatever
the library holds: 以习近平同志为核心的党中央 and 推动高质量发展 are common in the background.
A passage most of whose 4-grams further reference documents hold (``FORMULA_COVER``, in at least
``FORMULA_DOCUMENTS`` beyond the pair: ``background.holders``) is a formula reworded in each report
(保持零就业家庭动态清零): boilerplate, its informativeness divided among those documents. A passage
nearly all of whose characters lie in 4-grams common in the background (``PIECE_SHARE``) is stock
pieces put together (培育壮大主导产业): boilerplate too, however rare the whole; and the more reference
documents hold a passage, the more characters of its own it needs (``PIECES_PARTICULAR`` per
document beyond the pair: 支持革命老区、民族地区 has 2 and five hold it).
What a reader ranks passages by (``ranked_informativeness``) adds the rarity of their words
(``word_informativeness``); the decisions above stay on the character grams.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Sequence

import numpy as np

from duidu.engine.background import COVER_GRAM, GRAM, background, gram_hashes, holders, words
from duidu.paths import resource_path
from duidu.text.keyform import query_key

DISTINCTIVE = 4  # informativeness a passage needs to be more than stock phrasing (框架协议, 职教集团)
PARTICULAR = 0.55  # and per character: a region's name with a verb (推动成渝地区双城经济圈建设) is not enough,
PARTICULAR_RUN = 5  # unless this many characters are mostly particular (北京（京津冀）国际科技创新中心)
STOCK_SHARE = 0.3  # of the background documents holding a gram: policy language's stock phrasing
LIBRARY_SHARE = 0.75  # of the library's documents containing a stretch: "most of the library"
MIN_LIBRARY = 20  # fewer documents say too little about what is common (the background speaks)
COMMON_GRAM = 7  # characters of the stretches whose library frequency is looked up
SEPARATOR = "\x00"  # joins passages for one bulk lookup; never in a key text
FORMULA_COVER = 0.6  # of a passage's 4-grams a reference document must hold to hold the passage
FORMULA_DOCUMENTS = 4  # reference documents beyond the two compared holding it: widely shared, boilerplate
PIECE_SHARE = 0.19  # of the reference documents holding a 4-gram: a stock piece (8 of 42)
PIECES_PARTICULAR = 2  # characters outside stock pieces a passage needs, per reference document beyond the pair holding it


@lru_cache(maxsize=1)
def stop_phrases() -> tuple[str, ...]:
    lines = resource_path("stopphrases.txt").read_text(encoding="utf-8").splitlines()
    keys = {query_key(line) for line in lines if line.strip() and not line.startswith("#")}
    return tuple(sorted((k for k in keys if k), key=len, reverse=True))


def _mark(covered: np.ndarray, key: str, phrase: str) -> None:
    at = key.find(phrase)
    while at >= 0:
        covered[at : at + len(phrase)] = 1.0
        at = key.find(phrase, at + 1)


def commonness(key: str) -> np.ndarray:
    """Per character of ``key``: 0 (particular) .. 1 (stock), from stop phrases and the background."""
    n = len(key)
    common = np.zeros(n)
    share = background().share(gram_hashes(key)) / STOCK_SHARE
    if len(share):
        share = np.minimum(share, 1.0)
        for k in range(GRAM):  # a character takes the most common gram over it
            np.maximum(common[k : k + len(share)], share, out=common[k : k + len(share)])
    for phrase in stop_phrases():
        _mark(common, key, phrase)
    # Figures are not phrasing: 突破7000公里 shares a verb and a unit (the figure layer pairs values).
    digits = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32)
    common[(digits >= 0x30) & (digits <= 0x39)] = 1.0
    return common


def _own_characters(joined: str, keys: Sequence[str], sets: np.ndarray) -> np.ndarray:
    """For each key text (joined by ``SEPARATOR``), how many of its characters lie outside every
    4-gram that ``PIECE_SHARE`` of the reference documents hold: what is left when the stock pieces
    are taken out (培育壮大 + 主导产业 leaves nothing; 经济区与行政区适度分离改革 leaves all)."""
    model = holders()
    stock_gram = np.bitwise_count(sets) >= PIECE_SHARE * max(1, model.documents)  # (``sets``: model.sets(joined))
    stock = np.zeros(len(joined), dtype=bool)
    if len(stock_gram):  # a character is stock when any of the (up to four) grams over it is
        stock = np.convolve(stock_gram.astype(np.int32), np.ones(COVER_GRAM, np.int32))[: len(joined)] > 0
    digits = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    stock |= (digits >= 0x30) & (digits <= 0x39)  # figures are not what two texts share in words
    own = np.concatenate(([0], np.cumsum(~stock)))
    starts = np.cumsum([0] + [len(k) + 1 for k in keys[:-1]])
    ends = starts + np.array([len(k) for k in keys])
    return own[ends] - own[starts]


def _slice_sums(values: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``values[s : s + n].sum()`` for each start and length, a row per slice summed for each length
    (a row of a 2-D sum adds up as the 1-D sum of the same numbers does, pairwise: equal floats)."""
    out = np.zeros(len(starts))
    order = np.argsort(lengths, kind="stable")
    bounds = np.flatnonzero(np.diff(lengths[order])) + 1
    for chosen in np.split(order, bounds) if len(order) else ():
        n = int(lengths[chosen[0]])
        out[chosen] = values[starts[chosen, None] + np.arange(n)].sum(axis=1)
    return out


def _mark_stretches(common: np.ndarray, starts: np.ndarray) -> None:
    """Mark stock (1.0) the characters of the ``COMMON_GRAM``-long stretches at ``starts``."""
    edges = np.zeros(len(common) + 1, dtype=np.int64)
    np.add.at(edges, starts, 1)
    np.add.at(edges, starts + COMMON_GRAM, -1)
    common[np.cumsum(edges[:-1]) > 0] = 1.0


@dataclass
class Boilerplate:
    """The test, bound to a library: ``documents_with(key)`` counts documents containing it."""

    library_size: int = 0
    documents_with: Callable[[str], int] | None = None
    _df: dict[str, int] = field(default_factory=dict, repr=False)

    def _common(self, gram: str) -> bool:
        if gram not in self._df:
            self._df[gram] = self.documents_with(gram)  # type: ignore[misc]
        return self._df[gram] >= LIBRARY_SHARE * self.library_size

    def _library(self) -> bool:
        return self.documents_with is not None and self.library_size >= MIN_LIBRARY

    def _library_marks(self, key: str, common: np.ndarray) -> None:
        """Mark stretches common across the library, settling each position once it is free enough."""
        n = len(key) - COMMON_GRAM + 1
        if n <= 0:
            return
        separators = np.r_[0, np.cumsum(np.frombuffer(key.encode("utf-32-le"), np.uint32) == ord(SEPARATOR))]
        whole = separators[COMMON_GRAM : COMMON_GRAM + n] == separators[:n]  # inside one passage
        in_bulk = getattr(self.documents_with, "counts_in", None)  # every stretch's count at once
        if in_bulk is not None:
            _mark_stretches(common, np.flatnonzero(whole & (in_bulk(key) >= LIBRARY_SHARE * self.library_size)))
            return
        # Stretch by stretch, asking only where a character is not yet stock, as marking would
        # leave it: the marks made so far cover [start, reach) of a later stretch, so it is asked
        # when a character not stock before marking lies in it at or after ``reach`` (``free``).
        not_stock = np.flatnonzero(common < 1)
        free = np.searchsorted(not_stock, np.arange(len(key) + 1)).astype(np.int64)  # next position not stock
        free = np.r_[not_stock, len(key)][free]
        # A stretch over stock characters only marks nothing; when every other one was asked before
        # (the pair compared again), all are marked at once: a stretch the loop below skips marks
        # only characters already marked, so the marks are the same.
        asked = np.flatnonzero(whole & (free[:n] < np.arange(n) + COMMON_GRAM))
        counts = [self._df.get(key[i : i + COMMON_GRAM]) for i in asked.tolist()]
        if None not in counts:
            _mark_stretches(common, asked[np.array(counts, dtype=np.int64) >= LIBRARY_SHARE * self.library_size])
            return
        whole, free = whole.tolist(), free.tolist()
        reach, hits = 0, []
        for i in range(n):
            if whole[i] and free[max(i, reach)] < i + COMMON_GRAM and self._common(key[i : i + COMMON_GRAM]):
                hits.append(i)
                reach = i + COMMON_GRAM
        for i in hits:
            common[i : i + COMMON_GRAM] = 1.0

    def assess_pairs(self, a_keys: Sequence[str], b_keys: Sequence[str]) -> list[tuple[bool, float]]:
        """``(boilerplate, informativeness)`` of passages from their key text in A and in B (they
        differ in a fuzzy passage), the same whichever text is A: stock when either wording is
        (what the two share is no more than the plainer), informativeness the lesser."""
        unique = list(dict.fromkeys([*a_keys, *b_keys]))  # a verbatim passage's wordings are one
        seen = dict(zip(unique, self.assess(unique)))
        # A fuzzy passage is also as common as what its two wordings share (a formula each report
        # words its own way); unordered, so that B against A decides as A against B.
        fuzzy = sorted({(min(a, b), max(a, b)) for a, b in zip(a_keys, b_keys) if a != b})
        widely = {pair for pair, held in zip(fuzzy, holders().holding_shared(fuzzy, FORMULA_COVER))
                  if held - 2 >= FORMULA_DOCUMENTS}
        return [(seen[a][0] or seen[b][0] or (min(a, b), max(a, b)) in widely, min(seen[a][1], seen[b][1]))
                for a, b in zip(a_keys, b_keys)]

    def assess(self, keys: Sequence[str]) -> list[tuple[bool, float]]:
        """``(boilerplate, informativeness)`` of each passage's key text, all looked up at once."""
        if not keys:
            return []
        joined = SEPARATOR.join(keys)
        common = commonness(joined)
        if self._library():
            self._library_marks(joined, common)
        # A passage most of whose 4-grams recur in ``FORMULA_DOCUMENTS`` further reference documents
        # is widely shared phrasing, reworded or not (beyond the two a passage is found in: they may
        # be reference documents): boilerplate, and its informativeness is divided among them. A
        # national measure a province takes up, held by a few (深化以公益性为导向的公立医院: 3 beyond
        # the pair), stays shown: tests/passage_pairs_corpus.toml. So does a passage rare as a whole
        # unless it is stock pieces put together (``_own_characters``).
        sets = holders().sets(joined)  # every 4-gram's reference documents, looked up once for both
        beyond = np.maximum(holders().holding_joined(sets, keys, FORMULA_COVER) - 2, 0)
        own = _own_characters(joined, keys, sets)
        # Every passage at once (each score summed as numpy sums its slice: the same to the last bit).
        lengths = np.array([len(k) for k in keys], dtype=np.int64)
        starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
        score = _slice_sums(1 - common, starts, lengths)
        mostly = np.concatenate(([0], np.cumsum(common < 0.5)))
        particular = (score >= PARTICULAR * lengths) | (mostly[starts + lengths] - mostly[starts] >= PARTICULAR_RUN)
        # Stock pieces put together, or held by a few more documents without enough of its own:
        # the more reference documents hold a passage, the more of its own it needs.
        stock = own < PIECES_PARTICULAR * np.maximum(1, beyond)
        boiler = (score < DISTINCTIVE) | ~particular | stock | (beyond >= FORMULA_DOCUMENTS)
        score = np.where(beyond >= FORMULA_DOCUMENTS, score / (1 + beyond), score)
        return [(b, round(x, 1)) for b, x in zip(boiler.tolist(), score.tolist())]

    def informativeness(self, key: str) -> float:
        return self.assess([key])[0][1]

    def __call__(self, key: str) -> bool:
        """Whether the passage with key text ``key`` is boilerplate."""
        return self.assess([key])[0][0]


def word_informativeness(keys: Sequence[str]) -> np.ndarray:
    """For each key text, the informativeness its words give: each character counts
    ``1 - share / STOCK_SHARE`` of the most widely held word (of 2-4 characters, in the reference
    documents' jieba segmentation: ``background.words``) over it, digits nothing. Character grams say
    a stretch is rare; words say whether anything in it is: 千方百计增加居民收入 is in none of the
    reference documents as a whole, yet its words are in most (0.3); 巴蜀文旅全球推广 has 巴蜀, in
    none (2 of its 8)."""
    if not keys:
        return np.zeros(0)
    joined = SEPARATOR.join(keys)
    particular = 1.0 - np.minimum(words().common_cover(joined) / STOCK_SHARE, 1.0)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    particular[((codes >= 0x30) & (codes <= 0x39)) | (codes == ord(SEPARATOR))] = 0.0
    total = np.concatenate(([0.0], np.cumsum(particular)))
    starts = np.cumsum([0] + [len(k) + 1 for k in keys[:-1]])
    ends = starts + np.array([len(k) for k in keys])
    return np.round(total[ends] - total[starts], 6)  # the same whatever else is joined with it (A/B symmetry)


def ranked_informativeness(scores: Sequence[float], a_keys: Sequence[str], b_keys: Sequence[str]) -> list[float]:
    """What a reader ranks passages by: the mean of the character-gram informativeness (``assess``)
    and the words' (``word_informativeness``, the lesser of the two wordings), so that a passage of
    rare grams made only of words every report uses (人才自主培养质量) ranks below one with a word of
    its own (留学重庆). Over the passages read by hand (tests/passage_sample_labels.toml: 109 shown,
    55 real), a real one outranks a stock phrase, bare measure name or broken match with probability
    0.72 by this mean, 0.66 by the character grams alone (benchmarks/passage_sample.py)."""
    if not scores:
        return []
    unique = list(dict.fromkeys([*a_keys, *b_keys]))
    by_key = dict(zip(unique, word_informativeness(unique).tolist()))
    return [round((s + min(by_key[a], by_key[b])) / 2, 1) for s, a, b in zip(scores, a_keys, b_keys)]
