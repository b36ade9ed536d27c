"""From positioned glyphs to the paragraphs a reader sees: shared by the PDF and OFD readers.

A page-description format (PDF, OFD) knows where each character is drawn, not where a
paragraph ends. Text copied out naively comes one printed line per "paragraph", with page
numbers and running heads inside sentences. Here the page is read as a researcher reads it:

* glyphs are grouped into printed lines by their vertical position, left to right; a space
  is put between Latin words, never between Chinese characters -- not even when the PDF
  spaces them out (``行 政 長 官``) -- unless the gap is far wider than the line's usual one
  (two fields on one line, ``发文字号 … 签发人``);
* tables (ruled grids) are read cell by cell: one row per line, cells separated by a tab,
  a merged cell once, in its top row -- lines of neighbouring cells never interleave; the rest
  of cells cut by a page break is put back into them;
* a two-column page (a white strip down the middle, text on both sides of it) is read one
  column after the other, a title across both where it stands;
* lines are joined into paragraphs; a break comes only where the layout says so: a first-line
  indent, a line that stops short of the right margin, a wider vertical gap, a change of type
  size (headings), a list item (一、 （一） 1. ①  第X条), a table;
* page numbers (``— 3 —``, ``- 3 -``, ``第3页``) as the first or last line of a page, and
  running heads (the same line near the top/bottom edge of many pages) are *marked* as
  furniture, kept in the text in reading order but never inside a paragraph.

Coordinates are in points with y growing downwards (top of the page is 0).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median

from duidu.text.chars import is_han as _is_han

is_han = lru_cache(maxsize=None)(_is_han)  # asked once per glyph: a few distinct characters

# A list item or heading opens a new paragraph wherever it stands.
LIST_ITEM = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、．.]"
    r"|[（(][一二三四五六七八九十百]+[）)]"
    r"|\d{1,3}[、．.](?!\d)"  # numbered paragraphs run past 100 in a policy address
    r"|[（(]\d{1,2}[）)]|[（(][a-z][）)]"
    r"|[①-⑳]"
    r"|第[一二三四五六七八九十百零〇\d]+[章节条款部分编]"
    r"|附件|附表|抄送|主送|联系人"
    r")"
)
_DASHES = r"\-－—–―‐‒"
PAGE_NUMBER = re.compile(
    rf"^(?:[{_DASHES}~～·•\s]*\d{{1,4}}[{_DASHES}~～·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$"
)
# Running heads: within this share of the page height from the top or the bottom edge.
EDGE_ZONE = 0.10
CELL_SEPARATOR = "\t"
_PRIVATE_USE = re.compile(r" ?[\ue000-\uf8ff]+ ?")


@dataclass(slots=True)
class Glyph:
    ch: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Rule:
    """A ruling line (or thin filled rectangle) of a table: its bounding box."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    glyphs: list[Glyph]
    rules: list[Rule] = field(default_factory=list)


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # median glyph height
    page: int
    row: bool = False  # a table row: always a paragraph of its own
    furniture: str | None = None
    cells: tuple[tuple[float, float, float, str], ...] = ()  # a row's cells: left, right, bottom, text
    column: tuple[float, float] | None = None  # on a two-column page: its column's margins


@dataclass(frozen=True)
class Paragraph:
    text: str
    page: int  # where it starts, 1-based
    furniture: str | None = None  # "page-number" | "running-head" | None
    row: bool = False  # a table row (cells separated by CELL_SEPARATOR)


@dataclass(frozen=True)
class Layout:
    paragraphs: list[Paragraph]
    lines: list[str]  # printed lines as extracted, a form feed between pages (provenance)


# --- glyphs -> lines --------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _is_wide(ch: str) -> bool:
    """Chinese characters and full-width punctuation: no space is ever inferred beside them."""
    return is_han(ch) or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’…—"


def _line_text(glyphs: list[Glyph]) -> str:
    """Glyphs of one printed line, already sorted left to right."""
    size = median([g.bottom - g.top for g in glyphs]) or 1.0
    wide = [_is_wide(g.ch) for g in glyphs]
    gaps = [glyphs[i + 1].x0 - glyphs[i].x1 for i in range(len(glyphs) - 1) if wide[i] and wide[i + 1]]
    usual = median(gaps) if gaps else 0.0
    wide_gap = max(2.0 * size, 1.5 * usual + 0.5 * size)  # a spaced-out line keeps together
    latin_gap = 0.18 * size
    out = [glyphs[0].ch]
    for i in range(1, len(glyphs)):
        gap = glyphs[i].x0 - glyphs[i - 1].x1
        if gap > (wide_gap if wide[i] or wide[i - 1] else latin_gap):
            out.append(" ")
        out.append(glyphs[i].ch)
    # Private-use characters are a symbol font's boxes and ticks (Wingdings ☐): no text. They
    # count for spacing above (so the gap they fill is no word gap) and go now.
    return _PRIVATE_USE.sub("", "".join(out)).strip()


def _dedupe(glyphs: list[Glyph]) -> list[Glyph]:
    """Drop a glyph drawn twice at (nearly) the same place: fake bold, shadowed headings."""
    out: list[Glyph] = [glyphs[0]] if glyphs else []
    for g in glyphs[1:]:
        last = out[-1]
        if last.ch == g.ch:
            width = g.x1 - g.x0
            if abs(last.x0 - g.x0) < 0.3 * (width if width > 0.5 else 0.5):
                continue
        out.append(g)
    return out


def group_lines(glyphs: list[Glyph], page: int) -> list[Line]:
    """Printed lines, top to bottom: a glyph joins the line whose band holds its centre."""
    return [line for members in _rows(glyphs) if (line := _make_line(members, page)) is not None]


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """The glyphs of each printed line (by vertical position), top to bottom."""
    lines: list[list[Glyph]] = []
    top = bottom = 0.0
    current: list[Glyph] = []
    for g in sorted(glyphs, key=lambda g: (g.top + g.bottom, g.x0)):
        g_top, g_bottom = g.top, g.bottom
        if current:
            band = bottom - top
            height = g_bottom - g_top
            if abs(g_top + g_bottom - top - bottom) <= 0.7 * (band if band > height else height):
                current.append(g)
                if height < 2 * band:  # a tall glyph (a bracket, a seal) does not widen the line
                    top = g_top if g_top < top else top
                    bottom = g_bottom if g_bottom > bottom else bottom
                continue
        current = [g]
        lines.append(current)
        top, bottom = g_top, g_bottom
    return lines


def _make_line(members: list[Glyph], page: int) -> Line | None:
    members = _dedupe(sorted(members, key=lambda g: g.x0))
    text = _line_text(members)
    if not text:
        return None
    # Type size from the Chinese characters: digits and Latin set in another font have
    # other (loose) boxes and would make a body line look like a heading.
    han = [g.bottom - g.top for g in members if is_han(g.ch)]
    size = median(han) if len(han) >= 2 else median([g.bottom - g.top for g in members])
    return Line(text, members[0].x0, max([g.x1 for g in members]), min([g.top for g in members]),
                max([g.bottom for g in members]), size, page)


# --- two columns ------------------------------------------------------------------------------

def _gutter(glyphs: list[Glyph], width: float) -> tuple[float, float] | None:
    """The white strip between two columns of text, if the page has two: a run of the middle
    half of the page that (almost) no glyph covers, with text on both sides of it on many
    printed lines. A title or a table spanning both columns may cross it."""
    if len(glyphs) < 200 or width <= 0:
        return None
    lo, hi = int(width * 0.3), int(width * 0.7)
    cover = [0] * (hi - lo + 1)
    for g in glyphs:
        for x in range(max(int(g.x0), lo), min(int(g.x1), hi) + 1):
            cover[x - lo] += 1
    allowed = max(2, len(glyphs) // 100)
    best: tuple[int, int] | None = None
    start = None
    for i, c in enumerate(cover + [allowed + 1]):
        if c <= allowed and start is None:
            start = i
        elif c > allowed and start is not None:
            if i - start >= 8 and (best is None or abs((start + i) / 2 + lo - width / 2)
                                   < abs((best[0] + best[1]) / 2 - width / 2)):
                best = (start + lo, i + lo)
            start = None
    if best is None:
        return None
    left = sum(g.x1 <= best[0] for g in glyphs)
    right = sum(g.x0 >= best[1] for g in glyphs)
    if min(left, right) < 0.2 * len(glyphs):
        return None
    both = sum(1 for row in _rows(glyphs) if any(g.x1 <= best[0] for g in row) and any(g.x0 >= best[1] for g in row))
    return (best[0], best[1]) if both >= 5 else None


def _column_lines(glyphs: list[Glyph], page: Page, gutter: tuple[float, float]) -> list[Line]:
    """Lines of a two-column page in reading order: between lines spanning both columns
    (titles), the left column top to bottom, then the right one. Each column line knows its
    column's margins, so paragraphs are found as on a one-column page."""
    blocks: list[tuple[Line | None, list[list[Glyph]], list[list[Glyph]]]] = [(None, [], [])]
    for row in _rows(glyphs):
        if any(g.x0 < gutter[1] and g.x1 > gutter[0] for g in row):
            blocks.append((_make_line(row, page.number), [], []))
            continue
        left = [g for g in row if g.x1 <= gutter[0]]
        right = [g for g in row if g.x0 >= gutter[1]]
        if left:
            blocks[-1][1].append(left)
        if right:
            blocks[-1][2].append(right)
    made = {"l": [], "r": []}
    order: list[Line] = []
    for spanning, lefts, rights in blocks:
        if spanning is not None:
            order.append(spanning)
        for side, rows in (("l", lefts), ("r", rights)):
            for members in rows:
                line = _make_line(members, page.number)
                if line is not None:
                    made[side].append(line)
                    order.append(line)
    for side in ("l", "r"):
        lines = made[side]
        if lines:
            size = median([ln.size for ln in lines])
            margins = _margins(lines, size)
            for ln in lines:
                ln.column = margins
    return order


# --- tables -----------------------------------------------------------------------------------

class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _edges(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


@dataclass
class _Table:
    x0: float
    top: float
    x1: float
    bottom: float
    xs: list[float]
    ys: list[float]
    horizontal: list[Rule]
    vertical: list[Rule]

    def holds(self, g: Glyph) -> bool:
        return self.x0 <= g.cx <= self.x1 and self.top <= g.cy <= self.bottom


def find_tables(rules: list[Rule], tol: float = 2.5) -> list[_Table]:
    """Ruled grids: horizontal and vertical rules that touch each other, ≥ 2 rows x 2 columns."""
    thin = 3.0
    horizontal = [r for r in rules if r.bottom - r.top <= thin and r.x1 - r.x0 > 8]
    vertical = [r for r in rules if r.x1 - r.x0 <= thin and r.bottom - r.top > 8]
    allr = horizontal + vertical
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    u = _Union(len(allr))
    nh = len(horizontal)
    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if (v.x0 - tol <= h.x1 and h.x0 - tol <= v.x1 and h.top - tol <= v.bottom and v.top - tol <= h.bottom):
                u.join(i, nh + j)
    groups: dict[int, list[int]] = {}
    for i in range(len(allr)):
        groups.setdefault(u.find(i), []).append(i)
    tables = []
    for members in groups.values():
        hs = [allr[i] for i in members if i < nh]
        vs = [allr[i] for i in members if i >= nh]
        ys = _edges([(r.top + r.bottom) / 2 for r in hs])
        xs = _edges([(r.x0 + r.x1) / 2 for r in vs])
        if len(ys) < 2 or len(xs) < 2 or (len(ys) < 3 and len(xs) < 3):
            continue  # a box around a paragraph or a single cell is not a table
        tables.append(_Table(xs[0], ys[0], xs[-1], ys[-1], xs, ys, hs, vs))
    return tables


def _covered(rules: list[Rule], along: str, at: float, mid: float, tol: float = 2.5) -> bool:
    """Is there a rule at ``at`` (y for horizontal, x for vertical) that passes ``mid``?"""
    for r in rules:
        if along == "h":
            if abs((r.top + r.bottom) / 2 - at) <= tol and r.x0 - tol <= mid <= r.x1 + tol:
                return True
        elif abs((r.x0 + r.x1) / 2 - at) <= tol and r.top - tol <= mid <= r.bottom + tol:
            return True
    return False


def _cell_text(glyphs: list[Glyph]) -> str:
    lines = group_lines(glyphs, 0)
    return join_lines([line.text for line in lines])


def table_rows(table: _Table, glyphs: list[Glyph], page: int) -> list[Line]:
    """One Line per grid row that starts a cell with text; merged cells united."""
    rows, cols = len(table.ys) - 1, len(table.xs) - 1
    u = _Union(rows * cols)
    for r in range(rows):
        ymid = (table.ys[r] + table.ys[r + 1]) / 2
        for c in range(cols):
            xmid = (table.xs[c] + table.xs[c + 1]) / 2
            if c + 1 < cols and not _covered(table.vertical, "v", table.xs[c + 1], ymid):
                u.join(r * cols + c, r * cols + c + 1)
            if r + 1 < rows and not _covered(table.horizontal, "h", table.ys[r + 1], xmid):
                u.join(r * cols + c, (r + 1) * cols + c)
    members: dict[int, list[Glyph]] = {}
    first: dict[int, tuple[int, int]] = {}
    last_col: dict[int, int] = {}
    last_row: dict[int, int] = {}
    for r in range(rows):
        for c in range(cols):
            root = u.find(r * cols + c)
            first.setdefault(root, (r, c))
            last_col[root] = max(last_col.get(root, c), c)
            last_row[root] = r
    from bisect import bisect_right
    for g in glyphs:
        r = min(max(bisect_right(table.ys, g.cy) - 1, 0), rows - 1)
        c = min(max(bisect_right(table.xs, g.cx) - 1, 0), cols - 1)
        members.setdefault(u.find(r * cols + c), []).append(g)
    by_row: dict[int, list[tuple[int, float, float, float, str]]] = {}
    for root, gl in members.items():
        r, c = first[root]
        text = _cell_text(gl)
        if text:
            by_row.setdefault(r, []).append((c, table.xs[c], table.xs[last_col[root] + 1],
                                             table.ys[last_row[root] + 1], text))
    out = []
    for r in sorted(by_row):
        cells = tuple(cell[1:] for cell in sorted(by_row[r]))
        out.append(Line(CELL_SEPARATOR.join(c[3] for c in cells), table.x0, table.x1, table.ys[r],
                        table.ys[r + 1], 0.0, page, row=True, cells=cells))
    return out


def _continuation(rows: list[Line], row: Line) -> dict[tuple[int, int], str] | None:
    """Where the cells of ``row`` (a page's first table row) go when it is the rest of cells
    cut by the page break: its first column is empty (a cut row carries no new code or number)
    and each of its cells lies under a cell of ``rows`` (the previous page's last table) that
    reaches that table's foot. Returns (row index, cell index) -> the text to append."""
    if not rows or not row.cells or not rows[-1].cells:
        return None
    if row.cells[0][0] <= min(c[0] for r in rows for c in r.cells) + 2.0:
        return None
    foot = rows[-1].bottom
    out: dict[tuple[int, int], str] = {}
    for x0, x1, _bottom, text in row.cells:
        mid = (x0 + x1) / 2
        target = next(((i, k) for i in range(len(rows) - 1, -1, -1) for k, c in enumerate(rows[i].cells)
                       if c[0] - 2.0 <= mid <= c[1] + 2.0 and c[2] >= foot - 2.0), None)
        if target is None:
            return None
        out[target] = text
    return out


# --- lines -> paragraphs ------------------------------------------------------------------------

def join_lines(texts: list[str]) -> str:
    """Printed lines of one paragraph as one line: no space between Chinese characters, one
    between Latin words, a word hyphenated at a line end put back together."""
    out = ""
    for t in texts:
        if not out:
            out = t
            continue
        a, b = out[-1], t[0]
        if a == "-" and len(out) > 1 and out[-2].isalpha() and out[-2].isascii() and b.islower():
            out = out[:-1] + t
        elif a.isascii() and b.isascii() and a.isalnum() and b.isalnum():
            out += " " + t
        elif a in ",.;:" and b.isascii() and b.isalnum():
            out += " " + t
        else:
            out += t
    return out


def page_lines(page: Page) -> list[Line]:
    """The page's printed lines and table rows, top to bottom."""
    tables = find_tables(page.rules)
    inside: dict[int, list[Glyph]] = {}
    free: list[Glyph] = []
    for g in page.glyphs:
        for i, t in enumerate(tables):
            if t.holds(g):
                inside.setdefault(i, []).append(g)
                break
        else:
            free.append(g)
    gutter = _gutter(free, page.width)
    if gutter is not None:  # two columns: read one, then the other (tables where they stand)
        lines = _column_lines(free, page, gutter)
        for i, gl in inside.items():
            rows = table_rows(tables[i], gl, page.number)
            at = next((k for k, ln in enumerate(lines) if ln.column is None and ln.top > rows[0].top), len(lines))
            lines[at:at] = rows
        return lines
    lines = group_lines(free, page.number)
    for i, gl in inside.items():
        lines.extend(table_rows(tables[i], gl, page.number))
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def _mark_furniture(pages: list[Page], per_page: list[list[Line]]) -> None:
    """Page numbers (first/last line of a page) and running heads (repeated near an edge)."""
    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))

    for lines in per_page:
        text_lines = [ln for ln in lines if not ln.row]
        for ln in text_lines[:1] + text_lines[-1:]:
            if PAGE_NUMBER.match(ln.text.replace(" ", "")) or PAGE_NUMBER.match(ln.text):
                ln.furniture = "page-number"
    if len(pages) < 2:
        return
    counts: Counter[str] = Counter()
    edge: list[list[Line]] = []
    for page, lines in zip(pages, per_page):
        near = [ln for ln in lines if not ln.row and ln.furniture is None and
                (ln.bottom <= page.height * EDGE_ZONE or ln.top >= page.height * (1 - EDGE_ZONE))]
        edge.append(near)
        counts.update({shape(ln.text) for ln in near})
    need = max(2, 0.4 * len(pages))
    for near in edge:
        for ln in near:
            if counts[shape(ln.text)] >= need and not LIST_ITEM.match(ln.text):
                ln.furniture = "running-head"


def _mode(values: list[float], step: float) -> float:
    if not values:
        return 0.0
    counts = Counter(round(v / step) for v in values)
    return counts.most_common(1)[0][0] * step


def _margins(lines: list[Line], size: float) -> tuple[float, float]:
    """Left margin: where most lines start; right: where the long lines end."""
    if not lines:
        return 0.0, 0.0
    ends = sorted(ln.x1 for ln in lines)
    return _mode([ln.x0 for ln in lines], size / 4), ends[int(0.8 * (len(ends) - 1))]


def build(pages: list[Page]) -> Layout:
    """Paragraphs of the whole document, in reading order, furniture marked."""
    per_page = [page_lines(p) for p in pages]
    _mark_furniture(pages, per_page)
    body = [ln for lines in per_page for ln in lines if not ln.row and ln.furniture is None]
    size = median(ln.size for ln in body) if body else 10.0
    normal = [ln for ln in body if abs(ln.size - size) <= 0.15 * size]
    left, right = _margins(normal, size)
    # Sections of one file (a notice and its attachment forms) may have other margins: a page
    # with lines enough to tell has its own.
    margins = {}
    for page in pages:
        own = [ln for ln in normal if ln.page == page.number]
        margins[page.number] = _margins(own, size) if len(own) >= 6 else (left, right)
    widths = {p.number: p.width for p in pages}

    paragraphs: list[Paragraph] = []
    furniture_waiting: list[Line] = []
    current: list[Line] = []

    def close() -> None:
        if current:
            paragraphs.append(Paragraph(join_lines([ln.text for ln in current]), current[0].page))
            current.clear()
        for f in furniture_waiting:
            paragraphs.append(Paragraph(f.text, f.page, f.furniture))
        furniture_waiting.clear()

    def heading(ln: Line) -> bool:
        return ln.size > 1.15 * size

    def centred(ln: Line) -> bool:
        if ln.column:  # centred in its column
            left, right = ln.column
            return ln.x0 > left + 2 * size and ln.x1 < right - 2 * size and abs((ln.x0 + ln.x1 - left - right) / 2) < 2 * size
        width = widths.get(ln.page, 0.0)
        left, right = margins[ln.page]
        return (ln.x0 > left + 2 * size and ln.x1 < right - 2 * size
                and abs((ln.x0 + ln.x1) / 2 - width / 2) < 2 * size)

    def starts_new(prev: Line, ln: Line) -> bool:
        left = ln.column[0] if ln.column else margins[ln.page][0]
        right = prev.column[1] if prev.column else margins[prev.page][1]
        if LIST_ITEM.match(ln.text):
            return True
        if heading(prev) or heading(ln):
            # a title printed over two lines stays one paragraph
            return not (abs(prev.size - ln.size) <= 0.1 * ln.size and heading(ln)
                        and prev.text[-1] not in "。！？!?；;" and ln.top - prev.bottom < 1.2 * ln.size
                        and prev.page == ln.page)
        if ln.x0 > left + 1.2 * size:  # first-line indent (or a centred/right-set line) ...
            first = current[0]
            hanging = (LIST_ITEM.match(first.text) and prev.x1 >= right - 1.2 * size
                       and first.x0 + 0.3 * ln.size <= ln.x0 <= first.x0 + 3 * ln.size)
            if not hanging:  # ... unless the lines of a list item hang under its first line
                return True
        if prev.x1 < right - 1.2 * size:  # the line before stopped short
            return True
        if prev.page == ln.page and ln.top - prev.bottom > 1.3 * max(prev.size, ln.size):
            return True
        if centred(prev) != centred(ln):
            return True
        return False

    table: list[tuple[int, Line]] = []  # the rows (paragraph index, line) of the table just read
    for lines in per_page:
        first_on_page = True
        for ln in lines:
            if ln.furniture:
                if current:
                    furniture_waiting.append(ln)
                else:
                    paragraphs.append(Paragraph(ln.text, ln.page, ln.furniture))
                continue
            if ln.row:
                close()
                if first_on_page and table and table[-1][1].page == ln.page - 1:
                    moves = _continuation([r for _, r in table], ln)
                    if moves is not None:  # the rest of cells cut by the page break: put back
                        for (i, k), text in moves.items():
                            at, prev = table[i]
                            cells = list(prev.cells)
                            x0, x1, bottom, old = cells[k]
                            cells[k] = (x0, x1, bottom, join_lines([old, text]))
                            prev.cells = tuple(cells)
                            paragraphs[at] = Paragraph(CELL_SEPARATOR.join(c[3] for c in cells), prev.page, row=True)
                        first_on_page = False
                        continue
                if first_on_page or not table:
                    table = []
                paragraphs.append(Paragraph(ln.text, ln.page, row=True))
                table.append((len(paragraphs) - 1, ln))
                first_on_page = False
                continue
            table = []
            first_on_page = False
            if current and starts_new(current[-1], ln):
                close()
            current.append(ln)
    close()
    raw = []
    for lines in per_page:
        raw.extend(ln.text for ln in lines)
        raw.append("\f")
    return Layout(paragraphs, raw[:-1] if raw else [])
