"""Boilerplate: stock phrasing that would drown the real matches between two documents.

Nearly all of the passage is made of stop phrases (``resources/stopphrases.txt``) or of phrasing
that recurs across most of the library (found in at least ``LIBRARY_SHARE`` of the
documents, given a library of at least ``MIN_LIBRARY``; the library layer answers that
from its index).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from duidu.paths import resource_path
from duidu.text.keyform import query_key

DISTINCTIVE = 4  # characters a passage needs beyond stock phrasing (框架协议, 职教集团)
LIBRARY_SHARE = 0.75  # of the library's documents containing a stretch: "most of the library"
MIN_LIBRARY = 4  # fewer documents say nothing about what is common
COMMON_GRAM = 7  # characters of the stretches whose library frequency is looked up


@lru_cache(maxsize=1)
def stop_phrases() -> tuple[str, ...]:
    lines = resource_path("stopphrases.txt").read_text(encoding="utf-8").splitlines()
    keys = {query_key(line) for line in lines if line.strip() and not line.startswith("#")}
    return tuple(sorted((k for k in keys if k), key=len, reverse=True))


def _mark(covered: bytearray, key: str, phrase: str) -> None:
    at = key.find(phrase)
    while at >= 0:
        covered[at : at + len(phrase)] = b"\x01" * len(phrase)
        at = key.find(phrase, at + 1)


@dataclass
class Boilerplate:
    """The test, bound to a library: ``documents_with(key)`` counts documents containing it.

    A passage is boilerplate when, once stop phrases and phrasing common across the library
    (every ``COMMON_GRAM``-character stretch found in at least ``LIBRARY_SHARE`` of the
    documents) are set aside, fewer than ``DISTINCTIVE`` characters remain: a passage that
    only adds a verb to the region's name is still the region's name, while
    《…教育协同发展框架协议》 is a particular agreement.
    """

    library_size: int = 0
    documents_with: Callable[[str], int] | None = None
    _df: dict[str, int] = field(default_factory=dict, repr=False)

    def _common(self, gram: str) -> bool:
        if gram not in self._df:
            self._df[gram] = self.documents_with(gram)  # type: ignore[misc]
        return self._df[gram] >= LIBRARY_SHARE * self.library_size

    def _library(self) -> bool:
        return self.documents_with is not None and self.library_size >= MIN_LIBRARY

    @staticmethod
    def _stock(key: str) -> bytearray:
        covered = bytearray(len(key))
        for phrase in stop_phrases():
            _mark(covered, key, phrase)
        return covered

    def distinctive(self, key: str) -> int:
        """Characters of ``key`` that are not stock phrasing."""
        covered = self._stock(key)
        if self._library():
            for i in range(len(key) - COMMON_GRAM + 1):
                if self._common(key[i : i + COMMON_GRAM]):
                    covered[i : i + COMMON_GRAM] = b"\x01" * COMMON_GRAM
        return len(key) - sum(covered)

    def __call__(self, key: str) -> bool:
        """``distinctive(key) < DISTINCTIVE``, stopping as soon as enough characters are settled free.

        Position i can only be covered by a stretch starting at or before it, so once the
        stretch at i is looked up, i is settled; most real passages are decided after a few
        lookups instead of one per character (each lookup is a query of the library index)."""
        covered = self._stock(key)
        if not self._library():
            return len(key) - sum(covered) < DISTINCTIVE
        free = 0
        for i in range(len(key) - COMMON_GRAM + 1):
            if 0 in covered[i : i + COMMON_GRAM] and self._common(key[i : i + COMMON_GRAM]):
                covered[i : i + COMMON_GRAM] = b"\x01" * COMMON_GRAM
            if not covered[i]:
                free += 1
                if free >= DISTINCTIVE:
                    return False
        tail = max(0, len(key) - COMMON_GRAM + 1)
        return free + covered[tail:].count(0) < DISTINCTIVE
