"""The reading text of a PDF's text layer, through PDFium (pypdfium2).

PDFium is the PDF engine of Chrome: it reads the CJK encodings, CMaps and broken files that
government offices publish, and pypdfium2 ships it in its wheel (no system library). For each
character we take its Unicode value and its box; ``layout`` turns the boxes into lines,
table rows and paragraphs and marks page numbers and running heads. Characters set at an
angle on a page of upright text (a diagonal watermark) are left out. PDFium is not
thread-safe: one PDF is read at a time per process.

Refused, with one line, rather than imported as junk:

* no character on any page: a scan ("scanned: no text layer");
* characters whose fonts have no usable Unicode map (PDFium flags them, and what comes out is
  mostly not Chinese): "text layer unreadable";
* a password is needed to open it. A PDF encrypted only against printing/copying opens
  without a password and is read.
"""

from __future__ import annotations

import ctypes
import math
import threading

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from duidu.text.chars import count_han

from . import layout

THIN = 3.0  # points: a path this thin is a ruling line (table borders are drawn so)
TILT = math.radians(3)  # a character turned more than this is a watermark's (or a stamp's)
_SKIP = frozenset((0xA0, 0x3000, 0xFFFE, 0xFFFF, 0xFEFF, 0x200B))  # spaces are re-inferred


class PdfUnreadable(Exception):
    """A PDF that opens but cannot be read as text; ``str()`` is the one-line reason."""


def _transform(page: pdfium.PdfPage):
    """Page space (y up, maybe rotated) -> display space (y down from the top-left corner)."""
    left, bottom, right, top = page.get_mediabox()
    rotation = page.get_rotation() % 360
    if rotation == 90:
        return lambda x, y: (y - bottom, x - left)
    if rotation == 180:
        return lambda x, y: (right - x, y - bottom)
    if rotation == 270:
        return lambda x, y: (top - y, right - x)
    return lambda x, y: (x - left, top - y)


def _box(to_display, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    ax, ay = to_display(x0, y0)
    bx, by = to_display(x1, y1)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _page_text(textpage, count: int) -> str:
    """All of the page's characters in one call, index for index (UTF-16, so an astral
    character would take two units: then "" and the caller asks character by character)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(memoryview(buffer).cast("B")[: max(written - 1, 0) * 2]).decode("utf-16-le", errors="replace")
    return text if len(text) == count else ""


def _glyphs(textpage, to_display, shift: tuple[float, float]) -> tuple[list[layout.Glyph], int, int]:
    """The page's drawn characters (spaces and line ends -- PDFium's generated ones among
    them -- left out: layout infers spaces from positions), with how many non-Chinese ones
    had a Unicode-map error and how many were read."""
    out: list[layout.Glyph] = []
    rect = raw.FS_RECTF()
    shift_x, shift_y = shift
    errors = 0
    count = raw.FPDFText_CountChars(textpage)
    text = _page_text(textpage, count) if count > 0 else ""
    tilted: list[int] = []  # characters set at an angle: a watermark across the page
    # ctypes calls looked up once: this loop runs for every character of the document
    loose_box, angle_of, map_error = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharAngle, raw.FPDFText_HasUnicodeMapError
    glyph, tilt, untilt = layout.Glyph, TILT, 2 * math.pi - TILT
    for i in range(count):
        ch = text[i] if text else chr(raw.FPDFText_GetUnicode(textpage, i) or 0xFFFD)
        code = ord(ch)
        if code <= 0x20 or code in _SKIP or 0xD800 <= code <= 0xDFFF:
            continue
        if not 0x3400 <= code <= 0x9FFF:  # a Han character was mapped; the rest may not be
            errors += map_error(textpage, i)
        if not loose_box(textpage, i, rect):
            continue
        angle = angle_of(textpage, i)
        if tilt < angle < untilt:
            tilted.append(i)
            continue
        if to_display is None:  # unrotated: the common case, done inline
            x0, x1, top, bottom = rect.left - shift_x, rect.right - shift_x, shift_y - rect.top, shift_y - rect.bottom
        else:
            x0, top, x1, bottom = _box(to_display, rect.left, rect.bottom, rect.right, rect.top)
        if x1 - x0 <= 0 or bottom - top <= 0:
            continue
        out.append(glyph(ch, x0, top, x1, bottom))
    if len(tilted) > len(out):
        # Most of the page is set at an angle: that is its text (content drawn rotated), not a
        # watermark. Read it as drawn rather than lose it.
        for i in tilted:
            raw.FPDFText_GetLooseCharBox(textpage, i, rect)
            x0, top, x1, bottom = _box(to_display or (lambda x, y: (x - shift_x, shift_y - y)),
                                       rect.left, rect.bottom, rect.right, rect.top)
            ch = text[i] if text else chr(raw.FPDFText_GetUnicode(textpage, i) or 0xFFFD)
            out.append(layout.Glyph(ch, x0, top, x1, bottom))
    return out, errors, count


def _rules(page: pdfium.PdfPage, to_display) -> list[layout.Rule]:
    """Thin path objects (table borders), forms' contents included; through the raw API,
    which does not wrap the thousands of text objects a page also holds."""
    out = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))

    def visit(get, count, depth):
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                if raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                    w, h = right.value - left.value, top.value - bottom.value
                    if min(w, h) <= THIN and max(w, h) > 4:
                        out.append(layout.Rule(*_box(to_display, left.value, bottom.value, right.value, top.value)))
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:
                visit(lambda k, o=obj: raw.FPDFFormObj_GetObject(o, k), raw.FPDFFormObj_CountObjects(obj), depth + 1)

    handle = page.raw
    visit(lambda k: raw.FPDFPage_GetObject(handle, k), raw.FPDFPage_CountObjects(handle), 0)
    return out


# PDFium is not thread-safe (pypdfium2 says so): the app reads files on worker threads, so
# one PDF at a time per process. Layout, the slower half, runs outside the lock.
_PDFIUM = threading.Lock()


def read(data: bytes) -> layout.Layout:
    """The document's layout; raises PdfUnreadable (or ValueError for a broken file)."""
    with _PDFIUM:
        pages = _pages(data)
    return layout.build(pages)


def _pages(data: bytes) -> list[layout.Page]:
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if e.err_code == raw.FPDF_ERR_PASSWORD:
            raise PdfUnreadable("encrypted: a password is needed to open it") from None
        if e.err_code == raw.FPDF_ERR_SECURITY:
            raise PdfUnreadable("encrypted with an unsupported security handler") from None
        raise ValueError("not a readable PDF (damaged or not a PDF)") from None
    try:
        pages: list[layout.Page] = []
        errors = total = 0
        for n in range(len(doc)):
            try:
                page = doc[n]
            except pdfium.PdfiumError:
                raise PdfUnreadable(f"damaged: page {n + 1} cannot be read") from None
            to_display = _transform(page)
            textpage = page.get_textpage()
            left, _, _, top = page.get_mediabox()
            glyphs, bad, count = _glyphs(textpage, None if page.get_rotation() % 360 == 0 else to_display, (left, top))
            errors += bad
            total += count
            width, height = page.get_size()
            if page.get_rotation() % 180:
                width, height = height, width
            pages.append(layout.Page(n + 1, width, height, glyphs, _rules(page, to_display) if glyphs else []))
            textpage.close()
            page.close()
    finally:
        doc.close()
    text = "".join(g.ch for p in pages for g in p.glyphs)
    if not text:
        raise PdfUnreadable("scanned: no text layer")
    if _unreadable(text, errors):
        raise PdfUnreadable("text layer unreadable (its fonts have no usable Unicode map)")
    return pages


def _unreadable(text: str, map_errors: int) -> bool:
    """Mostly characters PDFium could not map, or mostly symbols while it should be Chinese:
    a Chinese PDF whose fonts lack a ToUnicode map comes out as ASCII junk (!"#$%&'...). Digits
    and Chinese punctuation are not junk: a statistical table is mostly digits."""
    if map_errors > 0.3 * len(text):
        return True
    han = count_han(text)
    plain = sum(ch.isascii() and ch.isalnum() for ch in text)
    wide = sum(not ch.isascii() and not ch.isalnum() and ("\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
               for ch in text)
    symbols = len(text) - han - plain - wide
    return 0 < han < 0.2 * len(text) and symbols > 0.5 * len(text)


__all__ = ["PdfUnreadable", "read"]