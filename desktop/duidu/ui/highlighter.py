"""Paints a pane's marks (shared passages, furniture, differences, find hits) block by block.

A QSyntaxHighlighter indexed by block is what stays fast with tens of thousands of spans
(extra selections repaint everything on every scroll). Overlapping marks combine: a sweep
over each block's mark edges yields runs with a set of kinds, and each set has one format.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QFont, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from duidu.ui.marks import (ACTIVE, BOILERPLATE, DIFFERS, EVIDENCE, EXCLUDED, FOUND, FUZZY, HEADING, NOTE, VERBATIM,
                            BlockIndex, Mark)

# One colour, one meaning: blue verbatim, orange fuzzy, yellow the focused passage (whatever its
# kind), violet evidence (a measure's or figure's place), green a search hit; differing characters
# are bold on a solid block (vermillion with light text on the light theme, amber with dark text on
# the dark one, 13 ΔE from every code colour there for every vision; the light one comes within 5
# of 环境型's brown for protan readers, told apart by form: codes are bars, never blocks): a
# 1-px wave was lost in running text, and a block differs from every tint in lightness, which no
# colour-vision deficiency takes away. Tints keep the text legible in each theme and stay apart
# for protan, deutan and tritan readers (tests/test_colours.py measures ΔE in simulation).
_TINTS = {
    False: {  # light theme
        VERBATIM: "#cfe4f5", FUZZY: "#fbe3b0", BOILERPLATE: "#e8e8e8",
        ACTIVE: "#ffd23f", DIFFERS: "#b23c00", FOUND: "#a7e0cc", EVIDENCE: "#e6b0ff",
    },
    True: {  # dark theme
        VERBATIM: "#1d3f7a", FUZZY: "#5e3a08", BOILERPLATE: "#3a3a3a",
        ACTIVE: "#66660a", DIFFERS: "#ffaa22", FOUND: "#0f5e3a", EVIDENCE: "#80305f",
    },
}
# The roles a reader must tell apart (boilerplate is off by default and drawn grey).
ROLES = (VERBATIM, FUZZY, ACTIVE, EVIDENCE, FOUND)
# The text on a difference's block (the DIFFERS tint), by theme.
DIFFERS_TEXT = {False: "#ffffff", True: "#141414"}


# Full-strength hues for bands and ruler marks (drawn over the window background, not under text).
_HUES = {VERBATIM: "#0072b2", FUZZY: "#e69f00", BOILERPLATE: "#999999", ACTIVE: "#e0b000",
         EVIDENCE: "#9a4fd0", FOUND: "#009e73", DIFFERS: "#d55e00"}


CHUNK = 150  # blocks formatted per idle turn once the visible ones are done


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


class Theme:
    """The formats of each kind for one palette."""

    def __init__(self, palette: QPalette) -> None:
        self.dark = is_dark(palette)
        self.colors = {k: QColor(v) for k, v in _TINTS[self.dark].items()}
        self.hues = {k: QColor(v) for k, v in _HUES.items()}
        self.dim = palette.color(QPalette.ColorRole.PlaceholderText)
        self.heading_points = 0.0  # a heading's size (the pane's reading size, a step up); 0: unchanged
        self._cache: dict[frozenset, QTextCharFormat] = {}

    def format(self, kinds: frozenset) -> QTextCharFormat:
        fmt = self._cache.get(kinds)
        if fmt is None:
            fmt = self._cache[kinds] = self._make(kinds)
        return fmt

    def _make(self, kinds: frozenset) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if HEADING in kinds:
            fmt.setFontWeight(QFont.Weight.Bold)
            if self.heading_points:
                fmt.setFontPointSize(self.heading_points)
        notes = sorted(k for k in kinds if k.startswith("note#"))
        if notes:  # annotations: underlined in their tag's colour; overlapping ones dashed
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline if len(notes) == 1
                                  else QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(QColor(notes[-1][4:11]))
        if EXCLUDED in kinds:
            fmt.setForeground(self.dim)
            fmt.setFontItalic(True)
        for kind in (BOILERPLATE, FUZZY, VERBATIM, ACTIVE, EVIDENCE, FOUND):  # strongest last
            if kind in kinds:
                fmt.setBackground(self.colors[kind])
        if DIFFERS in kinds:
            fmt.setFontWeight(QFont.Weight.Bold)
            if EVIDENCE in kinds or FOUND in kinds:  # their tint stays on top: a vermillion wave says "differs"
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(self.hues[DIFFERS])
            else:  # a solid block with its own text colour, over the passage's and the focus's tint
                fmt.setBackground(self.colors[DIFFERS])
                fmt.setForeground(QColor(DIFFERS_TEXT[self.dark]))
        return fmt


class MarkHighlighter(QSyntaxHighlighter):
    """Holds the pane's marks by layer and paints them lazily.

    Only blocks that carry marks (now or before) are ever repainted, the visible ones at
    once and the rest a slice per idle turn, so a new comparison of a 500k-character pair
    does not hold the UI while thousands of blocks are formatted.
    """

    def __init__(self, document: QTextDocument, theme: Theme) -> None:
        super().__init__(document)
        self.theme = theme
        self._starts: list[int] = [0]
        self._layers: dict[str, BlockIndex] = {}
        self._formatted: set[int] = set()  # blocks that carry formats now
        self._dirty: set[int] = set()  # blocks whose formats are out of date
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)

    def clear_for_new_text(self) -> None:
        """The document's text is about to be replaced: its blocks and their formats go with it."""
        self._layers, self._formatted, self._dirty = {}, set(), set()
        self._timer.stop()

    def reset(self, block_starts: list[int], layers: dict[str, list[Mark]], *,
              indexes: dict[str, BlockIndex] | None = None, visible: tuple[int, int] = (0, -1)) -> None:
        """New marks everywhere (``indexes``: layers already indexed by a worker for these blocks)."""
        self._starts = block_starts
        indexes = indexes or {}
        self._layers = {name: indexes.get(name) or BlockIndex(block_starts, marks) for name, marks in layers.items()}
        self._dirty = set(self._formatted)
        for index in self._layers.values():
            self._dirty.update(index.by_block)
        self.ensure(*visible)
        if self._dirty:
            self._timer.start()

    def set_layer(self, name: str, marks: list[Mark]) -> None:
        """Replace one layer (the active passage, differences, find hits) and repaint its blocks now."""
        old = self._layers.get(name)
        new = BlockIndex(self._starts, marks)
        self._layers[name] = new
        for number in sorted(set(new.by_block) | (set(old.by_block) if old else set())):
            self._paint(number)

    def ensure(self, first: int, last: int) -> None:
        """Bring the formats of blocks ``first..last`` (the visible ones) up to date."""
        if self._dirty:
            for number in range(max(0, first), last + 1):
                if number in self._dirty:
                    self._paint(number)

    def finish(self) -> None:
        """Paint every block still out of date (before reading formats back, in tests)."""
        for number in sorted(self._dirty):
            self._paint(number)

    def pending(self) -> int:
        return len(self._dirty)

    def _tick(self) -> None:
        for number in sorted(self._dirty)[:CHUNK]:
            self._paint(number)
        if self._dirty:
            self._timer.start()

    def _paint(self, number: int) -> None:
        self._dirty.discard(number)
        block = self.document().findBlockByNumber(number)
        if block.isValid():
            self.rehighlightBlock(block)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._dirty = set(self._formatted)
        for index in self._layers.values():
            self._dirty.update(index.by_block)
        self.finish()

    def layer(self, name: str) -> BlockIndex | None:
        return self._layers.get(name)

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        number = block.blockNumber()
        base = block.position()
        length = block.length() - 1  # UTF-16 units, as setFormat counts (len(text) counts code points)
        edges: list[tuple[int, int, str]] = []  # (offset, +1 open / -1 close, kind)
        for layer in self._layers.values():
            for m in layer.marks(number):
                s, e = max(0, m.start - base), min(length, m.end - base)
                if s < e:
                    kind = f"note{m.color or '#cc79a7'}|{m.note}" if m.kind == NOTE else m.kind
                    edges.append((s, 1, kind))
                    edges.append((e, -1, kind))
        if not edges:
            self._formatted.discard(number)
            return
        self._formatted.add(number)
        edges.sort(key=lambda x: (x[0], x[1]))
        open_kinds: dict[str, int] = {}
        pos = 0
        for offset, step, kind in edges:
            if offset > pos and open_kinds:
                self.setFormat(pos, offset - pos, self.theme.format(frozenset(open_kinds)))
            pos = offset
            count = open_kinds.get(kind, 0) + step
            if count:
                open_kinds[kind] = count
            else:
                open_kinds.pop(kind, None)

