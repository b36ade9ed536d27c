"""Boilerplate: stock phrasing that would drown the real matches between two documents.

Two tests, either suffices: most of the passage is made of stop phrases
(``resources/stopphrases.txt``), or the passage recurs across most of the library
(its key text is found in at least ``LIBRARY_SHARE`` of the documents, given a library of
at least ``MIN_LIBRARY`` documents; the library layer answers that from its index).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from duidu.paths import resource_path
from duidu.text.keyform import query_key

STOP_SHARE = 0.6  # of a passage's key characters covered by stop phrases
LIBRARY_SHARE = 0.6  # of the library's documents containing the passage
MIN_LIBRARY = 4  # fewer documents say nothing about what is common


@lru_cache(maxsize=1)
def stop_phrases() -> tuple[str, ...]:
    lines = resource_path("stopphrases.txt").read_text(encoding="utf-8").splitlines()
    keys = {query_key(line) for line in lines if line.strip() and not line.startswith("#")}
    return tuple(sorted((k for k in keys if k), key=len, reverse=True))


def stop_share(key: str) -> float:
    """How much of ``key`` the stop phrases cover."""
    if not key:
        return 0.0
    covered = bytearray(len(key))
    for phrase in stop_phrases():
        at = key.find(phrase)
        while at >= 0:
            covered[at : at + len(phrase)] = b"\x01" * len(phrase)
            at = key.find(phrase, at + 1)
    return sum(covered) / len(key)


@dataclass(frozen=True)
class Boilerplate:
    """The test, bound to a library: ``documents_with(key)`` counts documents containing it."""

    library_size: int = 0
    documents_with: Callable[[str], int] | None = None

    def __call__(self, key: str) -> bool:
        if stop_share(key) >= STOP_SHARE:
            return True
        if self.documents_with is None or self.library_size < MIN_LIBRARY:
            return False
        return self.documents_with(key) >= LIBRARY_SHARE * self.library_size
