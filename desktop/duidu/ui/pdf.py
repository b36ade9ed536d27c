"""HTML to an A4 PDF through Qt's own printing (QTextDocument + QPdfWriter), Chinese embedded.

Why Qt and not a PDF library: Qt is already here, lays out the report's HTML subset, and its
PDF engine embeds a subset of each font it draws with, so Chinese stays text (searchable,
copyable) in the reader's CJK face. The document's default font asks for a CJK family first;
with none installed the PDF would show boxes, so that is refused with the fix. Pages are laid
out here (not by ``QTextDocument.print_``) to put "n / N" under each one. Works from the
command line too: a QApplication is made offscreen when none exists.
"""

from __future__ import annotations

import os
import re
import time
import uuid

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (QAbstractTextDocumentLayout, QColor, QFont, QFontDatabase, QGuiApplication, QPageLayout,
                           QPageSize, QPainter, QPalette, QPdfWriter, QRawFont, QTextDocument, QTextTable)

from duidu import __version__
from duidu.library.errors import InputError
from duidu.ui.fonts import READING_FAMILIES

MARGINS_MM = QMarginsF(18, 16, 18, 14)  # left, top, right, bottom
RESOLUTION = 300  # dpi: the layout's unit; text and outlines stay vector at any zoom
POINTS = 10
# Per script, the face whose glyph shapes fit (CJK TC/HK differ from SC in a few hundred characters).
_FIRST = {"tw": ("Noto Sans CJK TC", "Noto Serif CJK TC", "Source Han Sans TC"),
          "traditional": ("Noto Sans CJK TC", "Noto Serif CJK TC", "Source Han Sans TC"),
          "hk": ("Noto Sans CJK HK", "Noto Sans CJK TC", "Source Han Sans HC")}
_PRINT_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC", *READING_FAMILIES)

_app = None  # the application made here, kept alive for the process


def ensure_application() -> QGuiApplication:
    """The running Qt application, or a new offscreen one (a PDF needs fonts, not a screen)."""
    global _app
    app = QGuiApplication.instance()
    if app is None:
        from PySide6.QtWidgets import QApplication  # a widget app, so widgets may still follow in this process

        platform = os.environ.get("QT_QPA_PLATFORM") or "offscreen"
        app = _app = QApplication(["duidu", "-platform", platform])
    return app


def print_font(script: str | None = None, points: int = POINTS) -> QFont:
    """The CJK font to print with; raises when no installed font covers Chinese."""
    installed = set(QFontDatabase.families())
    families = [f for f in (*_FIRST.get(script or "", ()), *_PRINT_FAMILIES) if f in installed]
    if not families:
        families = list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))[:1]
    if not families:
        raise InputError("font", "no Chinese font is installed, so Chinese would print as boxes "
                                 "(sudo apt install fonts-noto-cjk)")
    font = QFont()
    font.setFamilies(list(dict.fromkeys(families)))
    font.setPointSize(points)
    # Glyphs that only a substitution reaches have no code point in Qt's ToUnicode map, so they
    # would copy as nothing: no "fi" ligature, and no 'locl' (which swaps the digits of Latin
    # runs; the family already chosen per script gives the regional Han forms).
    for tag in ("liga", "locl"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def write_pdf(html: str, path, *, script: str | None = None) -> int:
    """Write ``html`` as an A4 PDF at ``path`` (whole or not at all); returns the page count.

    Call on the UI thread: it paints. ``script`` picks the CJK face (TC for tw/traditional)."""
    from duidu.library.output_file import target as real_target, write_whole

    ensure_application()
    target = real_target(path)  # the file a symlink names; a FIFO or a device is refused
    tmp = target.with_name(f".duidu-{uuid.uuid4().hex[:8]}.tmp")
    try:
        tmp.write_bytes(b"")  # the clear reason (no such folder, permission) before Qt says only "failed"
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    try:
        font = print_font(script)
        pages, text = _paint(html, str(tmp), font)
        write_whole(target, _true_unicode(tmp.read_bytes(), font, text))
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    finally:
        tmp.unlink(missing_ok=True)
    return pages


def _paint(html: str, path: str, font: QFont) -> tuple[int, str]:
    writer, page, footer_h = _writer(path)
    doc, _ = _paginated(html, font, writer, page)
    writer.setTitle(doc.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    count = doc.pageCount()
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"Qt could not write a PDF to {path}")
    try:
        number_font = QFont(font)
        number_font.setPointSize(8)
        blocks = _block_spans(doc)
        for n in range(count):
            if n:
                writer.newPage()
            top = n * page.height()
            painter.save()
            painter.translate(0, -top)
            _draw_page(doc, painter, QRectF(0, top, page.width(), page.height()), blocks)
            painter.restore()
            painter.setFont(number_font)
            painter.setPen(Qt.GlobalColor.darkGray)
            painter.drawText(QRectF(0, page.height(), page.width(), footer_h),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, f"{n + 1} / {count}")
    finally:
        painter.end()
    return count, doc.toPlainText()


def _laid_out(html: str, font: QFont, device, page: QSizeF) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.documentLayout().setPaintDevice(device)
    doc.setPageSize(page)
    doc.pageCount()  # lays the whole document out
    return doc


# -- keeping table rows whole ------------------------------------------------------------------
# Qt paginates a table cell by cell, line by line: a row near a page's foot is cut, its score
# on one page and its texts on the next. Qt has no "page-break-inside: avoid", so each table
# is split in the HTML before such a row, the rest starting a new page under a copy of the
# table's heading row (headings are also made <thead>, which Qt repeats on every page). The
# breaks of a table are placed at once by laying its rows on pages again from their heights on
# one endless page; how far below a page's top a part starts is measured on the first part
# placed, then the table is placed again. A new layout then checks the tables after it.
KEEP_PASSES = 40  # each a layout of the whole report; one per table that needs breaks
KEEP_BUDGET_S = 8.0  # a report of a thousand pages takes seconds a pass: stop placing breaks after this
_TABLE_TAG = re.compile(r"<table\b[^>]*>", re.I)
_TR = re.compile(r"<tr\b", re.I)
_CLOSE = re.compile(r"</table\s*>", re.I)
_PAGE_BREAK = re.compile(r"page-break-before:always;?", re.I)


def _spans_rows(table: QTextTable) -> bool:
    return any(table.cellAt(r, c).rowSpan() > 1 for r in range(table.rows()) for c in range(table.columns()))


def _writer(path: str) -> tuple[QPdfWriter, QSizeF, int]:
    """An A4 PDF writer, the size of its text on a page and the height of the footer under it."""
    writer = QPdfWriter(path)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     MARGINS_MM, QPageLayout.Unit.Millimeter))
    writer.setCreator(f"Duidu {__version__}")
    body = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer_h = round(RESOLUTION * 7 / 25.4)  # 7 mm under the text for the page number
    return writer, QSizeF(body.width(), body.height() - footer_h), footer_h


def _paginated(html: str, font: QFont, device, page: QSizeF) -> tuple[QTextDocument, str]:
    """``html`` laid out on pages with every table row kept whole (as far as it fits a page);
    also the HTML so laid out (tables split, headings as <thead>)."""
    html = _headed(html)
    doc = _laid_out(html, font, device, page)
    leads: dict[str, float] = {}  # table style -> where a part starting a page puts its first row
    deadline = time.monotonic() + KEEP_BUDGET_S
    for _ in range(KEEP_PASSES):
        if time.monotonic() > deadline:
            break  # the rest of the tables as Qt paginates them: rows may be cut, none is lost
        tables = list(_tables(html))
        flat = _laid_out(html, font, device, QSizeF(page.width(), -1))  # one endless page: rows as tall as they are
        found = _row_breaks(doc, flat, page.height(), tables, leads)
        if found is None:
            break
        number, rows, key = found
        split = _break_tables(html, tables[number], rows)
        laid = _laid_out(split, font, device, page)
        if key not in leads:  # the rows were placed by a guess: measure the first part and place them again
            leads[key] = _lead(laid, number + 1, page.height(), bool(tables[number][3]))
            _, rows, _ = _row_breaks(doc, flat, page.height(), tables, leads, only=number)
            split = _break_tables(html, tables[number], rows)
            laid = _laid_out(split, font, device, page)
        html, doc = split, laid
    return doc, html


def _row_breaks(doc: QTextDocument, flat: QTextDocument, page_height: float, tables: list,
                leads: dict[str, float], only: int | None = None) -> tuple[int, list[int], str] | None:
    """(table number, rows to start on a new page, the table's style) for the first table whose
    rows are cut in ``doc``; ``flat``: the same laid out on one endless page (rows unbroken);
    ``tables``: the HTML's tables as ``_tables`` gives them, in document order."""
    paged, whole = _qt_tables(doc), _qt_tables(flat)
    if not len(paged) == len(whole) == len(tables) or any(_TABLE_TAG.search(t[0].string, t[0].end(), t[1]) for t in tables):
        return None  # Qt made other tables of the HTML than counted there: split none rather than a wrong one
    for number, (table, unbroken, (tag, _end, starts, heading)) in enumerate(zip(paged, whole, tables)):
        if only is not None and number != only:
            continue
        rows = [_row_extent(doc, table, r) for r in range(table.rows())]
        body = _html_rows(tables[number])
        if len(body) != len(rows) or _spans_rows(table):
            continue  # rows Qt and the HTML count differently, or cells spanning rows: leave it to Qt
        # A sub-heading row (all <th>, as a measures table's category) goes with the row after it.
        with_next = {r for r in range(1, len(rows)) if r < len(body) and "<td" not in body[r].lower()}
        cut = [r for r in range(1, len(rows)) if _page(rows[r][0], page_height) != _page(rows[r][1] - 1, page_height)]
        alone = [r for r in with_next if r + 1 < len(rows) and _page(rows[r][0], page_height) != _page(rows[r + 1][0], page_height)]
        if len(rows) < 2 or not (cut or alone or only is not None):
            continue
        natural = [_row_extent(flat, unbroken, r) for r in range(unbroken.rows())]
        key = _PAGE_BREAK.sub("", tag.group(0)) + heading  # a part's tag differs only by its page break
        first = 1 if heading else 0
        # A page-starting part puts its first body row ``lead`` below the page's top: the heading
        # and a margin (border, padding) that Qt keeps clear at a page's foot too. Until it is
        # measured (on a part this very function placed), the margin is taken as none.
        head = natural[first][0] - natural[0][0]
        lead = leads.get(key, head)
        margin = 2 * (lead - head)  # the foot keeps the cell's padding clear too: err on the safe side
        # Lay the rows out again as they will be: each starts a page when it would not fit.
        y, breaks = rows[first][0], []
        for r in range(first, len(natural)):
            height = natural[r][1] - natural[r][0]
            pitch = (natural[r + 1][0] if r + 1 < len(natural) else natural[r][1]) - natural[r][0]
            foot = (_page(y, page_height) + 1) * page_height - margin
            if r > first and height < page_height * 0.5 and y + height > foot:
                if r - 1 in with_next and r - 1 > first and (not breaks or breaks[-1] < r - 1):
                    r_break = r - 1  # take the sub-heading along: start the page with it
                    y = (_page(y, page_height) + 1) * page_height + lead + (natural[r][0] - natural[r - 1][0])
                else:
                    r_break = r
                    y = (_page(y, page_height) + 1) * page_height + lead
                breaks.append(r_break)
            elif r > first and y + height > foot:
                # Too tall to keep whole: Qt cuts it line by line, each line that would cross a
                # page's foot going on under the next page's heading; the rows after follow it.
                y += _cut_height(flat, unbroken, r, y - natural[r][0], page_height, margin, lead) - height
            y += pitch
        if breaks or only is not None:
            return number, breaks, key
    return None


def _cut_height(flat: QTextDocument, table: QTextTable, row: int, offset: float, page_height: float,
                margin: float, lead: float) -> float:
    """How tall a row grows when Qt cuts it over pages: its lines (from the endless layout, moved
    by ``offset``) each pushed to the next page when they would cross its foot."""
    layout, top, bottom = flat.documentLayout(), None, 0.0
    for c in range(table.columns()):
        cell = table.cellAt(row, c)
        shift = 0.0
        block = flat.findBlock(cell.firstPosition())
        while block.isValid() and block.position() <= cell.lastPosition():
            lines, y0 = block.layout(), layout.blockBoundingRect(block).top() + offset
            for i in range(lines.lineCount()):
                line = lines.lineAt(i)
                a = y0 + line.y() + shift
                b = a + line.height()
                if b > (_page(a, page_height) + 1) * page_height - margin:
                    moved = (_page(a, page_height) + 1) * page_height + lead
                    shift += moved - a
                    a, b = moved, moved + line.height()
                top = a if top is None else min(top, a)
                bottom = max(bottom, b)
            block = block.next()
    return 0.0 if top is None else bottom - min(top, bottom)


def _page(y: float, page_height: float) -> int:
    return int(y // page_height)


def _lead(doc: QTextDocument, number: int, page_height: float, headed: bool) -> float:
    """How far below its page's top the table ``number``, which starts a page, puts its first row."""
    table = _qt_tables(doc)[number]
    return _row_extent(doc, table, 1 if headed else 0)[0] % page_height


def _qt_tables(doc: QTextDocument) -> list[QTextTable]:
    """The document's tables in document order (as ``_tables`` finds them in the HTML)."""
    return [f for f in _frames(doc.rootFrame()) if isinstance(f, QTextTable)]


def _frames(frame):
    for child in frame.childFrames():
        yield child
        yield from _frames(child)


def _row_extent(doc, table: QTextTable, row: int) -> tuple[float, float]:
    """Top of the row's first lines and bottom of its last, in document coordinates."""
    layout = doc.documentLayout()
    top, bottom = float("inf"), float("-inf")
    for c in range(table.columns()):
        cell = table.cellAt(row, c)
        block = doc.findBlock(cell.firstPosition())
        while block.isValid() and block.position() <= cell.lastPosition():
            lines = block.layout()
            if lines.lineCount():
                y = layout.blockBoundingRect(block).top()
                last = lines.lineAt(lines.lineCount() - 1)
                top = min(top, y + lines.lineAt(0).y())
                bottom = max(bottom, y + last.y() + last.height())
            block = block.next()
    return (top, bottom) if top <= bottom else (0.0, 0.0)


def _tables(html: str):
    """(opening tag match, end of its body, row starts in the body, heading row HTML) per <table>."""
    for tag in _TABLE_TAG.finditer(html):
        close = _CLOSE.search(html, tag.end())
        end = close.start() if close else len(html)
        body = html[tag.end():end]
        starts = [m.start() for m in _TR.finditer(body)]
        first = body[starts[0]:body.lower().find("</tr>", starts[0]) + 5] if len(starts) > 1 else ""
        yield tag, end, starts, first if first and "<td" not in first.lower() else ""


def _html_rows(table) -> list[str]:
    """The HTML of each row of a table as ``_tables`` gives it."""
    tag, end, starts, _heading = table
    return [tag.string[tag.end() + a:tag.end() + b] for a, b in zip(starts, [*starts[1:], end - tag.end()])]


def _headed(html: str) -> str:
    """Each table's heading row as a <thead>, which Qt repeats at the top of every page it spans."""
    out, last = [], 0
    for tag, end, starts, heading in _tables(html):
        if heading and "<thead" not in html[tag.end():end].lower():
            at = tag.end() + starts[0]
            out.append(html[last:at])
            out.append(f"<thead>{heading}</thead>")
            last = at + len(heading)
    out.append(html[last:])
    return "".join(out)


def _break_tables(html: str, table: tuple, rows: list[int]) -> str:
    """Split ``table`` (as ``_tables`` gives it) of ``html`` before the given rows, each part on a
    new page under a copy of the table's heading row."""
    tag, end, starts, heading = table
    body = html[tag.end():end]
    opening = _page_break_before(tag.group(0)) + (f"<thead>{heading}</thead>" if heading else "")
    pieces, last = [], 0
    for r in rows:
        pieces += [body[last:starts[r]], f"</table>{opening}"]
        last = starts[r]
    pieces.append(body[last:])
    return html[:tag.end()] + "".join(pieces) + html[end:]


def _page_break_before(tag: str) -> str:
    if re.search(r'style="', tag, re.I):
        return re.sub(r'style="', 'style="page-break-before:always;', tag, count=1, flags=re.I)
    return tag[:-1] + ' style="page-break-before:always">'


def _paper() -> QPalette:
    """Dark text on white paper (a dark theme's palette would print white on white)."""
    palette = QPalette()
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(role, QColor("#000000"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#0072B2"))
    return palette


def _block_spans(doc: QTextDocument) -> list[tuple]:
    """``(block, top of its first line, bottom of its last)`` in document coordinates."""
    layout, out = doc.documentLayout(), []
    b = doc.begin()
    while b.isValid():
        lines = b.layout()
        if lines.lineCount():
            top = layout.blockBoundingRect(b).top()
            first, last = lines.lineAt(0), lines.lineAt(lines.lineCount() - 1)
            out.append((b, top + first.y(), top + last.y() + last.height()))
        b = b.next()
    return out


def _draw_page(doc: QTextDocument, painter: QPainter, page: QRectF, blocks: list[tuple]) -> None:
    """One page of ``doc``, writing into the PDF only the text seen on it.

    ``QTextLayout::draw`` also writes lines that the clip hides from sight but not from the
    page's text (what copying and searching read): the last line above the page of a block
    that runs into it, and a line starting exactly at its bottom. So the clip stops 1 px
    short, and a block crossing the page's top is left to this function, which draws those
    of its lines that lie on the page one by one (visibility is read only when drawing: no
    relayout). Such a block's own background, if it had one, is not drawn: the report puts
    its colours on table cells and characters, which are."""
    crossing = [b for b, top, bottom in blocks if top < page.top() < bottom]
    for b in crossing:
        b.setVisible(False)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = page.adjusted(0, 0, 0, -1)
    context.palette = _paper()  # ink on paper, whatever the app's theme
    painter.save()
    painter.setClipRect(context.clip)
    try:
        doc.documentLayout().draw(painter, context)
    finally:
        painter.restore()
        for b in crossing:
            b.setVisible(True)
    painter.save()
    painter.setClipRect(page)
    painter.setPen(context.palette.color(QPalette.ColorRole.Text))
    layout = doc.documentLayout()
    for b in crossing:
        rect, lines = layout.blockBoundingRect(b), b.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            if page.top() <= rect.top() + line.y() < page.bottom():
                line.draw(painter, rect.topLeft())
    painter.restore()


# Qt's PDF engine writes each embedded font's ToUnicode map (what copying and searching read)
# from the font's cmap, taking for each glyph the *lowest* code point that maps to it. CJK
# fonts draw 高 and the Kangxi radical ⾼, 一 and ⼀, 见 and ⻅ with one glyph, so a
# viewer would find ⾼ where the text says 高 (and a tab for every space). The map is put
# right here: a code point that is not in the text is replaced by the character of the text
# that the font draws with the same glyph. Same-length hex edits, so no offset moves.
_TYPE0 = re.compile(rb"/Subtype /Type0\b.*?>>", re.S)
_REF = re.compile(rb"/BaseFont /([^\s/>]+).*?/ToUnicode (\d+) 0 R", re.S)
_RANGES = re.compile(rb"beginbf(range|char)\n(.*?)\nendbf\1", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")


def _true_unicode(pdf: bytes, font: QFont, text: str) -> bytes:
    twin = _twin_finder(font, text + "0123456789 /")  # the page numbers are drawn too
    family = font.families()[0].replace(" ", "").lower().encode() if font.families() else b"?"
    out = bytearray(pdf)
    for m in _TYPE0.finditer(pdf):
        ref = _REF.search(m.group(0))
        if ref is None or not ref.group(1).lower().startswith(family):
            continue  # a fallback font: its cmap is not the one asked here
        start = pdf.find(b"stream\n", pdf.find(b"\n%d 0 obj" % int(ref.group(2)))) + len(b"stream\n")
        end = pdf.find(b"endstream", start)
        cmap = _RANGES.sub(lambda r: r.group(0).replace(r.group(2), _remap(r.group(1), r.group(2), twin)),
                           pdf[start:end])
        if len(cmap) == end - start:
            out[start:end] = cmap
    return bytes(out)


def _remap(kind: bytes, lines: bytes, twin) -> bytes:
    """Rewrite destinations only: what follows a bfrange's two glyph codes (an array, or the
    code point of a one-glyph range) or a bfchar's one; runs of consecutive code points stay."""
    def dest(m: re.Match) -> bytes:
        better = twin(int(m.group(1), 16))
        return m.group(0) if better is None else b"<%04X>" % better

    out = []
    for line in lines.split(b"\n"):
        codes = list(_HEX.finditer(line))
        skip = 2 if kind == b"range" else 1
        one = len(codes) == 3 and codes[0].group(1) == codes[1].group(1)
        if len(codes) <= skip or (kind == b"range" and b"[" not in line and not one):
            out.append(line)
            continue
        cut = codes[skip - 1].end()
        out.append(line[:cut] + _HEX.sub(dest, line[cut:]))
    return b"\n".join(out)


def _twin_finder(font: QFont, text: str):
    """Code point -> the character of ``text`` the font draws with the same glyph (None: keep it)."""
    chars = sorted({ch for ch in text if ord(ch) < 0x10000})
    present = set(chars)
    raws = []
    for bold in (False, True):
        f = QFont(font)
        f.setBold(bold)
        raw = QRawFont.fromFont(f)
        by_glyph: dict[int, str] = {}
        for ch, g in zip(chars, raw.glyphIndexesForString("".join(chars))):
            if g:
                by_glyph.setdefault(g, ch)
        raws.append((raw, by_glyph))
    cache: dict[int, int | None] = {}

    def twin(cp: int) -> int | None:
        if cp not in cache:
            cache[cp] = None
            if chr(cp) not in present and not 0xD800 <= cp < 0xE000:
                for raw, by_glyph in raws:
                    g = raw.glyphIndexesForString(chr(cp))
                    if g and g[0] in by_glyph:
                        cache[cp] = ord(by_glyph[g[0]])
                        break
        return cache[cp]

    return twin
