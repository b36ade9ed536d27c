"""Inline character differences of an aligned pair, with diff-match-patch.

Run on aligned passages or paragraphs only, never on whole documents: pure-Python
``diff_main`` takes tens of seconds on whole documents and, with its default one-second
timeout, gives up with "delete all / insert all". Diffs are computed on the key form (so
script and punctuation do not count as differences) with semantic cleanup, and every
operation is mapped back to spans of each stored text; ``in_view`` maps them on into a
displayed script.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from diff_match_patch import diff_match_patch

from duidu.engine.document import EngineDocument
from duidu.text.offsets import OffsetMap

DIFF_TIMEOUT = 2.0  # seconds; aligned passages take milliseconds


@dataclass(frozen=True)
class DiffOp:
    op: str  # "equal" | "delete" (only in A) | "insert" (only in B)
    a_start: int
    a_end: int
    b_start: int
    b_end: int


_OPS = {0: "equal", -1: "delete", 1: "insert"}


def inline_diff(a: EngineDocument, b: EngineDocument, a_key: tuple[int, int], b_key: tuple[int, int]) -> tuple[DiffOp, ...]:
    """Differences between A's key span and B's, as stored-text spans."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT
    ka = a.keyform.text[a_key[0] : a_key[1]]
    kb = b.keyform.text[b_key[0] : b_key[1]]
    diffs = dmp.diff_main(ka, kb, False)
    dmp.diff_cleanupSemantic(diffs)
    ops = []
    i, j = a_key[0], b_key[0]
    for code, chunk in diffs:
        di = len(chunk) if code <= 0 else 0
        dj = len(chunk) if code >= 0 else 0
        a_span = a.keyform.map.to_src_span(i, i + di)
        b_span = b.keyform.map.to_src_span(j, j + dj)
        ops.append(DiffOp(_OPS[code], *a_span, *b_span))
        i, j = i + di, j + dj
    return tuple(ops)


def in_view(ops: Sequence[DiffOp], a_view: OffsetMap, b_view: OffsetMap) -> tuple[DiffOp, ...]:
    """The same operations in displayed scripts (maps from each stored text to its view)."""
    out = []
    for op in ops:
        a0, a1 = a_view.to_dst_span(op.a_start, op.a_end)
        b0, b1 = b_view.to_dst_span(op.b_start, op.b_end)
        out.append(replace(op, a_start=a0, a_end=a1, b_start=b0, b_end=b1))
    return tuple(out)
