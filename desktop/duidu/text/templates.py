"""Template lines learnt from the library: what recurs at the edges of several documents.

A site's frame repeats on every page it serves; a document's own lines do not (two reports
may share a sentence, but not the same run of lines round their title and after their end).
So the library counts, for each document, the *pairs* of consecutive lines standing in its
head or tail (see ``furniture_edges.zones``); a pair found in at least ``MIN_DOCUMENTS``
documents is template, and both its lines are furniture wherever they stand at an edge.
Pairs rather than single lines: a genre's bare title ("政府工作报告") heads many documents,
but what follows it (the date and place of the speech) differs.

Never template, however often it recurs: prose (``furniture_edges.is_prose``) and the line
introducing the body ("各位代表：" right before the first prose line).

This module is pure: the library keeps the counts (``library/templates.py``) and passes the
keys that reached the threshold; re-deciding a document when more arrive is calling
``classify`` again with the new set.
"""

from __future__ import annotations

import hashlib
import re
from typing import Collection, Iterable, Sequence

from .furniture_edges import is_prose

MIN_DOCUMENTS = 3  # a pair of lines in this many documents' edges is the site's template

_SPACE = re.compile(r"\s+")


def pair_key(a: str, b: str) -> str:
    """A short stable key for two consecutive lines (whitespace inside them ignored)."""
    data = (_SPACE.sub("", a) + "\n" + _SPACE.sub("", b)).encode("utf-8")
    return hashlib.blake2b(data, digest_size=10).hexdigest()


def edge_pairs(lines: Sequence[str], head_end: int, tail_start: int) -> Iterable[tuple[int, str]]:
    """``(i, key)`` for each pair ``lines[i], lines[i + 1]`` inside the head or inside the tail."""
    for i in range(0, max(0, head_end - 1)):
        yield i, pair_key(lines[i], lines[i + 1])
    for i in range(tail_start, len(lines) - 1):
        yield i, pair_key(lines[i], lines[i + 1])


def edge_keys(lines: Sequence[str], head_end: int, tail_start: int) -> set[str]:
    return {key for _, key in edge_pairs(lines, head_end, tail_start)}


def mark_templates(lines: Sequence[str], marks: list[str | None], head_end: int, tail_start: int,
                   template: Collection[str]) -> None:
    """Mark (in place) the edge lines that belong to a template pair."""
    if not template:
        return
    for i, key in edge_pairs(lines, head_end, tail_start):
        if key not in template:
            continue
        for k in (i, i + 1):
            if marks[k] is None and not is_prose(lines[k]) and not _introduces_body(lines, k, head_end):
                marks[k] = "template"


def _introduces_body(lines: Sequence[str], k: int, head_end: int) -> bool:
    return k == head_end - 1 and lines[k].rstrip().endswith((":", "："))
