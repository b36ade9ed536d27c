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
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple

if TYPE_CHECKING:
    import numpy as np


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


class _Layer:
    """One segment run: segment k spans src[src[k]:src[k+1]] and dst[dst[k]:dst[k+1]]."""

    __slots__ = ("src", "dst", "linear")

    def __init__(self, src: array, dst: array, linear: bytes) -> None:
        self.src = src
        self.dst = dst
        self.linear = linear

    @property
    def is_identity(self) -> bool:
        return len(self.linear) == 0 or (len(self.linear) == 1 and self.linear[0] == 1)

    def swapped(self) -> "_Layer":
        return _Layer(self.dst, self.src, self.linear)

    def segments(self) -> Iterator[Segment]:
        for k, lin in enumerate(self.linear):
            yield Segment(self.src[k + 1] - self.src[k], self.dst[k + 1] - self.dst[k], bool(lin))


class OffsetMap:
    """Maps spans of a source string to a destination string and back.

    A composed map keeps its steps and maps a span through each in turn, so widening and
    tightening happen exactly as they would step by step.
    """

    __slots__ = ("_layers",)

    def __init__(self, src: array, dst: array, linear: bytes) -> None:
        self._layers: tuple[_Layer, ...] = (_Layer(src, dst, linear),)

    @classmethod
    def _chain(cls, layers: Iterable[_Layer]) -> "OffsetMap":
        layers = list(layers)
        kept = [layer for layer in layers if not layer.is_identity] or layers[:1]
        m = cls.__new__(cls)
        m._layers = tuple(kept)
        return m

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
        return self._layers[0].src[-1]

    @property
    def dst_len(self) -> int:
        return self._layers[-1].dst[-1]

    @property
    def is_identity(self) -> bool:
        return all(layer.is_identity for layer in self._layers)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OffsetMap) and [list(x.segments()) for x in self._layers] == [
            list(x.segments()) for x in other._layers
        ]

    def __repr__(self) -> str:
        return f"OffsetMap({self.src_len}->{self.dst_len}, {len(self._layers)} steps)"

    # -- mapping ------------------------------------------------------------------
    def to_dst_span(self, start: int, end: int) -> tuple[int, int]:
        """The destination span covering source ``[start, end)``."""
        for layer in self._layers:
            start, end = _map_span(layer.src, layer.dst, layer.linear, start, end)
        return start, end

    def to_src_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span covering destination ``[start, end)``."""
        for layer in reversed(self._layers):
            start, end = _map_span(layer.dst, layer.src, layer.linear, start, end)
        return start, end

    def to_src_table(self) -> "tuple[np.ndarray, np.ndarray] | None":
        """``to_src_span`` of every destination position at once, for callers that map thousands of
        spans of one text: ``starts[p]`` is ``to_src(p)``, and ``(starts[s], ends[e])`` is
        ``to_src_span(s, e)`` for every ``s < e``. Each step maps a start and an end on their own,
        which is exact while no step maps characters to nothing (a span never shrinks to a point
        on the way); None for a map where one does."""
        import numpy as np

        starts = ends = np.arange(self.dst_len + 1, dtype=np.int64)
        for layer in reversed(self._layers):
            if not len(layer.linear):
                continue
            frm, to = np.frombuffer(layer.dst, dtype=np.int64), np.frombuffer(layer.src, dtype=np.int64)
            if ((np.diff(frm) > 0) & (np.diff(to) == 0)).any():
                return None
            linear = np.frombuffer(layer.linear, dtype=np.uint8) != 0
            last = len(linear) - 1
            # As _map_span: a start from the last boundary at or before it, an end from the first at or after.
            k = np.searchsorted(frm, starts, "right") - 1
            lin = linear[np.minimum(k, last)]
            starts = np.where(frm[k] == starts, to[k], np.where(lin, to[k] + starts - frm[k], to[k]))
            k = np.searchsorted(frm, ends, "left")
            before = np.maximum(k - 1, 0)
            ends = np.where(frm[k] == ends, to[k], np.where(linear[before], to[before] + ends - frm[before], to[k]))
        return starts, ends

    def to_dst(self, pos: int) -> int:
        """A single source position (a caret) in the destination."""
        return self.to_dst_span(pos, pos)[0]

    def to_src(self, pos: int) -> int:
        return self.to_src_span(pos, pos)[0]

    def inverse(self) -> "OffsetMap":
        return OffsetMap._chain(layer.swapped() for layer in reversed(self._layers))

    def then(self, other: "OffsetMap") -> "OffsetMap":
        """Compose: ``self`` maps S to M, ``other`` maps M to D; the result maps S to D."""
        if self.dst_len != other.src_len:
            raise ValueError(f"cannot compose {self!r} with {other!r}")
        return OffsetMap._chain(self._layers + other._layers)

    # -- persistence --------------------------------------------------------------
    def to_bytes(self) -> bytes:
        parts = [array("q", [len(self._layers)]).tobytes()]
        for layer in self._layers:
            parts += [array("q", [len(layer.linear)]).tobytes(), layer.src.tobytes(), layer.dst.tobytes(), layer.linear]
        return b"".join(parts)

    @classmethod
    def from_bytes(cls, blob: bytes) -> "OffsetMap":
        view = memoryview(blob)

        def ints(offset: int, count: int) -> array:
            a = array("q")
            a.frombytes(view[offset : offset + 8 * count])
            return a

        layers = []
        pos = 8
        for _ in range(ints(0, 1)[0]):
            n = ints(pos, 1)[0]
            pos += 8
            src, dst = ints(pos, n + 1), ints(pos + 8 * (n + 1), n + 1)
            pos += 16 * (n + 1)
            layers.append(_Layer(src, dst, bytes(view[pos : pos + n])))
            pos += n
        return cls._chain(layers)


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


ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # characters outside the BMP: two UTF-16 units each


def replacing_map(text: str, pattern: re.Pattern, dst_len: int) -> OffsetMap:
    """The map of ``text`` to itself with every match of ``pattern`` standing for ``dst_len`` units."""
    b = OffsetMapBuilder()
    pos = 0
    for m in pattern.finditer(text):
        b.keep(m.start() - pos)
        b.replace(m.end() - m.start(), dst_len)
        pos = m.end()
    b.keep(len(text) - pos)
    return b.build()


def utf16_map(text: str) -> OffsetMap:
    """Code points of ``text`` to UTF-16 code units (what Qt's text positions count)."""
    return replacing_map(text, ASTRAL, 2)
