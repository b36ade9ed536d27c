"""Offset maps: exact span correspondence between a text and a view derived from it.

Every derived form of a document (a script view, the reading text, the comparison key form,
Qt's UTF-16 positions) carries an ``OffsetMap`` back to the stored text, so a span found or
drawn in any view lands on the same words of the stored text and back.

A map is a run of segments covering both strings in order. A *linear* segment is
character-for-character (equal lengths); an *atomic* segment (a phrase converted to another
length, a deleted pinyin reading, an astral character's two UTF-16 units) cannot be split:
a span edge that falls inside one is widened to the whole segment. Span edges that touch
deleted or inserted material are tightened, so a span never gains text it did not cover.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from typing import Iterable, Iterator, NamedTuple


class Segment(NamedTuple):
    src_len: int
    dst_len: int
    linear: bool


class OffsetMapBuilder:
    """Collects segments left to right; consecutive linear segments are merged."""

    def __init__(self) -> None:
        self._src = array("q", [0])
        self._dst = array("q", [0])
        self._linear = bytearray()

    def keep(self, n: int) -> None:
        """``n`` characters that correspond one to one."""
        if n <= 0:
            return
        if self._linear and self._linear[-1]:
            self._src[-1] += n
            self._dst[-1] += n
        else:
            self._push(n, n, True)

    def replace(self, src_len: int, dst_len: int) -> None:
        """An indivisible correspondence (a one-character swap is kept linear)."""
        if src_len == dst_len == 1:
            self.keep(1)
        elif src_len or dst_len:
            self._push(src_len, dst_len, False)

    def delete(self, n: int) -> None:
        self.replace(n, 0)

    def insert(self, n: int) -> None:
        self.replace(0, n)

    def add(self, seg: Segment) -> None:
        if seg.linear:
            self.keep(seg.src_len)
        else:
            self.replace(seg.src_len, seg.dst_len)

    def _push(self, s: int, d: int, linear: bool) -> None:
        self._src.append(self._src[-1] + s)
        self._dst.append(self._dst[-1] + d)
        self._linear.append(1 if linear else 0)

    def build(self) -> "OffsetMap":
        return OffsetMap(self._src, self._dst, bytes(self._linear))


class OffsetMap:
    """Maps spans of a source string to a destination string and back."""

    __slots__ = ("_src", "_dst", "_linear")

    def __init__(self, src: array, dst: array, linear: bytes) -> None:
        self._src = src  # boundaries: segment k is src[_src[k]:_src[k+1]]
        self._dst = dst
        self._linear = linear

    # -- construction -------------------------------------------------------------
    @classmethod
    def identity(cls, n: int) -> "OffsetMap":
        b = OffsetMapBuilder()
        b.keep(n)
        return b.build()

    @classmethod
    def from_segments(cls, segments: Iterable[Segment]) -> "OffsetMap":
        b = OffsetMapBuilder()
        for seg in segments:
            b.add(seg)
        return b.build()

    # -- inspection ---------------------------------------------------------------
    @property
    def src_len(self) -> int:
        return self._src[-1]

    @property
    def dst_len(self) -> int:
        return self._dst[-1]

    @property
    def is_identity(self) -> bool:
        return len(self._linear) == 0 or (len(self._linear) == 1 and self._linear[0] == 1)

    def segments(self) -> Iterator[Segment]:
        for k, lin in enumerate(self._linear):
            yield Segment(self._src[k + 1] - self._src[k], self._dst[k + 1] - self._dst[k], bool(lin))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OffsetMap) and list(self.segments()) == list(other.segments())

    def __repr__(self) -> str:
        return f"OffsetMap({self.src_len}->{self.dst_len}, {len(self._linear)} segments)"

    # -- mapping ------------------------------------------------------------------
    def to_dst_span(self, start: int, end: int) -> tuple[int, int]:
        """The destination span covering source ``[start, end)``."""
        return _map_span(self._src, self._dst, self._linear, start, end)

    def to_src_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span covering destination ``[start, end)``."""
        return _map_span(self._dst, self._src, self._linear, start, end)

    def to_dst(self, pos: int) -> int:
        """A single source position (a caret) in the destination."""
        return self.to_dst_span(pos, pos)[0]

    def to_src(self, pos: int) -> int:
        return self.to_src_span(pos, pos)[0]

    def inverse(self) -> "OffsetMap":
        return OffsetMap(self._dst, self._src, self._linear)

    def then(self, other: "OffsetMap") -> "OffsetMap":
        """Compose: ``self`` maps S to M, ``other`` maps M to D; the result maps S to D."""
        if self.dst_len != other.src_len:
            raise ValueError(f"cannot compose {self!r} with {other!r}")
        return OffsetMap.from_segments(_compose(list(self.segments()), list(other.segments())))

    # -- persistence --------------------------------------------------------------
    def to_bytes(self) -> bytes:
        n = len(self._linear)
        return array("q", [n]).tobytes() + self._src.tobytes() + self._dst.tobytes() + self._linear

    @classmethod
    def from_bytes(cls, blob: bytes) -> "OffsetMap":
        head = array("q")
        head.frombytes(blob[:8])
        n = head[0]
        width = 8 * (n + 1)
        src, dst = array("q"), array("q")
        src.frombytes(blob[8 : 8 + width])
        dst.frombytes(blob[8 + width : 8 + 2 * width])
        return cls(src, dst, bytes(blob[8 + 2 * width :]))


def _map_span(frm: array, to: array, linear: bytes, start: int, end: int) -> tuple[int, int]:
    total = frm[-1]
    if not (0 <= start <= end <= total):
        raise IndexError(f"span [{start}, {end}) outside 0..{total}")
    # Start: the last boundary at or before it (skips material inserted at that point).
    k = bisect_right(frm, start) - 1
    if frm[k] == start:
        a = to[k]
    elif linear[k]:
        a = to[k] + (start - frm[k])
    else:
        a = to[k]
    # End: the first boundary at or after it (stops before material inserted there).
    k = bisect_left(frm, end)
    if frm[k] == end:
        b = to[k]
    elif linear[k - 1]:
        b = to[k - 1] + (end - frm[k - 1])
    else:
        b = to[k]
    return a, max(a, b)


def _compose(first: list[Segment], second: list[Segment]) -> Iterator[Segment]:
    """Walk both segment lists over the middle string, splitting only linear segments."""
    a = [list(s) for s in first]
    b = [list(s) for s in second]
    i = j = 0

    def take_a(limit: int | None) -> tuple[int, int]:
        nonlocal i
        s, m, lin = a[i]
        if lin and limit is not None and limit < m:
            a[i][0] -= limit
            a[i][1] -= limit
            return limit, limit
        i += 1
        return s, m

    def take_b(limit: int | None) -> tuple[int, int]:
        nonlocal j
        m, d, lin = b[j]
        if lin and limit is not None and limit < m:
            b[j][0] -= limit
            b[j][1] -= limit
            return limit, limit
        j += 1
        return m, d

    while i < len(a) or j < len(b):
        if i < len(a) and a[i][1] == 0:  # deleted before the middle string
            yield Segment(a[i][0], 0, False)
            i += 1
            continue
        if j < len(b) and b[j][0] == 0:  # inserted after it
            yield Segment(0, b[j][1], False)
            j += 1
            continue
        if a[i][2] and b[j][2]:
            n = min(a[i][1], b[j][0])
            take_a(n)
            take_b(n)
            yield Segment(n, n, True)
            continue
        # An atomic segment on either side: grow a group until both sides meet.
        src = dst = pa = pb = 0
        if not a[i][2]:
            s, m = take_a(None)
            src, pa = src + s, pa + m
        else:
            m, d = take_b(None)
            dst, pb = dst + d, pb + m
        while pa != pb:
            if pa < pb:
                s, m = take_a(pb - pa)
                src, pa = src + s, pa + m
            else:
                m, d = take_b(pa - pb)
                dst, pb = dst + d, pb + m
        yield Segment(src, dst, False)


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def utf16_map(text: str) -> OffsetMap:
    """Code points of ``text`` to UTF-16 code units (what Qt's text positions count)."""
    b = OffsetMapBuilder()
    pos = 0
    for m in _ASTRAL.finditer(text):
        b.keep(m.start() - pos)
        b.replace(1, 2)
        pos = m.end()
    b.keep(len(text) - pos)
    return b.build()
