"""What a pane paints, as spans in its own Qt positions (UTF-16 units of the displayed script).

Engine and library spans are code points of the stored text; a pane shows a script view
of it. Every mark is made here, through the view's ``qt_map`` (stored → view → UTF-16), so
no widget ever mixes the two counts. Plain Python: a task can map thousands off the UI thread.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from duidu.text.offsets import ASTRAL, OffsetMap

# Kinds, in painting order (a later kind is drawn over an earlier one).
EXCLUDED, BOILERPLATE, FUZZY, VERBATIM, ACTIVE, DIFFERS, FOUND, EVIDENCE, NOTE = (
    "excluded", "boilerplate", "fuzzy", "verbatim", "active", "differs", "found", "evidence", "note")
HEADING = "heading"  # a paragraph that reads as a heading (duidu.text.structure.headings): set bold and larger
KINDS = (HEADING, EXCLUDED, BOILERPLATE, FUZZY, VERBATIM, ACTIVE, DIFFERS, FOUND, EVIDENCE, NOTE)


@dataclass(frozen=True)
class Mark:
    start: int  # Qt position in the pane's document
    end: int
    kind: str
    passage: int = -1  # index into the comparison's shown passages, or -1
    note: int = -1  # annotation id of a NOTE mark
    color: str = ""  # a NOTE mark's underline colour (its first tag's)


def passage_marks(passages: Sequence, side: str, qt_map: OffsetMap) -> list[Mark]:
    """One mark per shared passage on ``side`` ("a" or "b") of the pair."""
    out = []
    for n, p in enumerate(passages):
        start, end = (p.a_start, p.a_end) if side == "a" else (p.b_start, p.b_end)
        kind = BOILERPLATE if p.boilerplate else (VERBATIM if p.kind == "verbatim" else FUZZY)
        out.append(Mark(*qt_map.to_dst_span(start, end), kind, n))
    return out


def span_marks(spans: Iterable[tuple[int, int]], kind: str, qt_map: OffsetMap) -> list[Mark]:
    return [Mark(*qt_map.to_dst_span(s, e), kind) for s, e in spans if e > s]


class BlockIndex:
    """Which marks touch which block (line) of the pane, so painting a block costs its own marks only."""

    def __init__(self, block_starts: Sequence[int], marks: Sequence[Mark]) -> None:
        self.block_starts = list(block_starts)
        self.by_block: dict[int, list[Mark]] = {}
        for m in marks:
            first = bisect_right(self.block_starts, m.start) - 1
            last = bisect_right(self.block_starts, max(m.start, m.end - 1)) - 1
            for b in range(max(0, first), last + 1):
                self.by_block.setdefault(b, []).append(m)

    def marks(self, block: int) -> list[Mark]:
        return self.by_block.get(block, [])

    def blocks_of(self, start: int, end: int) -> range:
        first = bisect_right(self.block_starts, start) - 1
        last = bisect_right(self.block_starts, max(start, end - 1)) - 1
        return range(max(0, first), last + 1)



_BREAK = re.compile("[\n\u2029]")  # where QTextDocument starts a new block


def qt_block_starts(text: str) -> list[int]:
    """Qt positions (UTF-16) where the blocks of a QTextDocument holding ``text`` begin."""
    astral = [m.start() for m in ASTRAL.finditer(text)]
    return [0] + [m.end() + bisect_left(astral, m.start()) for m in _BREAK.finditer(text)]


@dataclass(frozen=True)
class Indexed:
    """A pane's layers already indexed by block, by a worker, for a text whose blocks start at ``starts``."""

    starts: list[int]
    layers: dict[str, BlockIndex]
    shown: bool = False  # the marks are in the positions of the text shown (first-line indents included)


def index_layers(text: str, layers: dict[str, list[Mark]]) -> Indexed:
    starts = qt_block_starts(text)
    return Indexed(starts, {name: BlockIndex(starts, marks) for name, marks in layers.items()})


INDENT = "\u3000\u3000"  # two ideographic spaces: a paragraph's first line, as Chinese documents print it


def shown_text(view, doc_text) -> tuple[str, OffsetMap]:
    """The view's text as a pane shows it, and the map from the view's code points to it.

    Each body paragraph's first line is indented (headings and lines that already start with a
    space are left alone), paragraphs are parted by a blank line (the pane draws blank lines
    short: ``DocumentPane._space_paragraphs``), and a zero-width joiner keeps each figure with its
    unit (``duidu.text.linebreak``). QPlainTextEdit lays out no block indent or margin and Qt
    would break "92|个", so all three are text shown, never text stored."""
    from array import array

    from duidu.text.linebreak import JOINER, unbreakable_points
    from duidu.text.structure import headings

    paragraphs = doc_text.paragraphs
    skip = set(headings(doc_text.text, paragraphs, doc_text.excluded))
    text = view.text
    inserts = [(v, JOINER) for v in unbreakable_points(text)]
    for i, p in enumerate(paragraphs):
        v = view.map.to_dst(p.start)
        if 0 < v < len(text) and text[v - 1] == "\n" and (v < 2 or text[v - 2] != "\n"):
            inserts.append((v - 1, "\n"))  # a blank line before it, as wherever the text has one already
        if i in skip or v >= len(text) or (v > 0 and text[v - 1] not in "\n"):
            continue  # a heading, or the line starts with whitespace of its own
        inserts.append((v, INDENT))
    if not inserts:
        return text, OffsetMap.identity(len(text))
    inserts.sort(key=lambda x: (x[0], x[1] != INDENT))
    # The map's segments written straight into its arrays (thousands of inserts in a long text;
    # OffsetMapBuilder's calls per segment cost more than the rest of this function).
    src, dst, linear, pieces, at, shift = [0], [0], bytearray(), [], 0, 0
    for v, piece in inserts:
        if v > at:  # the text kept one for one up to the insert
            src.append(v)
            dst.append(v + shift)
            linear.append(1)
        shift += len(piece)
        src.append(v)
        dst.append(v + shift)
        linear.append(0)
        pieces += [text[at:v], piece]
        at = v
    if len(text) > at:
        src.append(len(text))
        dst.append(len(text) + shift)
        linear.append(1)
    pieces.append(text[at:])
    return "".join(pieces), OffsetMap(array("q", src), array("q", dst), bytes(linear))


def shift_layers(layers: dict[str, list[Mark]], view_to_shown: OffsetMap) -> dict[str, list[Mark]]:
    """Marks made in a view's Qt positions moved to the text shown (past its indents and joiners)."""
    return {name: [replace(m, start=a, end=b) for m in marks for a, b in [view_to_shown.to_dst_span(m.start, m.end)]]
            for name, marks in layers.items()}


def shown_layers(view, doc_text, layers: dict[str, list[Mark]]) -> tuple[dict[str, list[Mark]], Indexed]:
    """On a worker: the layers in the positions of the text a pane will show, indexed by its blocks."""
    from duidu.text.offsets import utf16_map

    display, indent = shown_text(view, doc_text)
    if indent.is_identity:
        return layers, index_layers(view.text, layers)
    shifted = shift_layers(layers, utf16_map(view.text).inverse().then(indent.then(utf16_map(display))))
    starts = qt_block_starts(display)
    return shifted, Indexed(starts, {name: BlockIndex(starts, marks) for name, marks in shifted.items()}, shown=True)

