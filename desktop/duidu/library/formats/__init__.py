"""Readers of the formats official documents are published in, besides text, HTML and .docx:
PDF (``pdf``), OFD (``ofd``), Word 97-2003 ``.doc`` and Kingsoft ``.wps`` (``word97``).

``extract(fmt, data, where)`` gives every reader's result in one shape, ``Extracted``:
paragraphs in reading order (a table row is one paragraph, cells tab-separated), which of them
are page furniture (page numbers, running heads: *marked*, kept in the text), and for
paginated formats the page each paragraph starts on, so a citation can say "p. 3". The
furniture marks reach the stored document through ``with_source_furniture`` (used by the
importer), merged with the marks cleaning finds in the text.

Pages travel on the ``SourceFile`` (``pages``: one 1-based page number per body line = per
stored paragraph; None for formats without pages) and are stored in ``paragraphs.page``
(``Library.pages``).

A ``.doc``/``.wps`` that is really a Word web page or a .docx is read as what it is
(``actual_format``); spreadsheets are refused with a reason (``REFUSED``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from duidu.text.chars import is_blank

# Spreadsheets share the OLE container with .doc/.wps but not its text; said plainly.
REFUSED = {
    ".xls": "an Excel 97-2003 spreadsheet (.xls) is not read; save it as .docx or text to compare it",
    ".et": "a Kingsoft spreadsheet (.et) is not read; save it as .docx or text to compare it",
    ".xlsx": "a spreadsheet (.xlsx) is not read; save it as .docx or text to compare it",
}


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def actual_format(fmt: str, data: bytes) -> str:
    """What a ``.doc``/``.wps`` really is. Government sites publish Word-saved web pages and
    .docx files under a .doc name, and newer WPS may write a .wps that is a .docx: each is read
    as what it is ("html", "docx"); an RTF file is refused with that reason. Other formats are
    taken at their word."""
    if fmt != "word97" or data.startswith(OLE_MAGIC):
        return fmt
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    head = data[:2048].lstrip(b"\xef\xbb\xbf\r\n\t ").lower()
    if head.startswith(b"{\\rtf"):
        raise Unreadable("an RTF document with a .doc/.wps name; save it as .docx to import it")
    if head.startswith((b"<html", b"<!doctype html", b"<?xml")) or b"<html" in head or b"mime-version:" in head:
        if b"mime-version:" in head and b"<html" not in head:
            raise Unreadable("a web archive (.mht) with a .doc/.wps name; save it as .docx or .html to import it")
        return "html"
    return fmt


class Unreadable(Exception):
    """The one-line reason a file of one of these formats cannot be imported."""


@dataclass(frozen=True)
class Extracted:
    paragraphs: list[str]  # non-blank, trimmed, no line breaks
    raw: str  # provenance: the printed lines as extracted (PDF/OFD) or the paragraphs (.doc)
    furniture: dict[int, str]  # paragraph index -> reason ("page-number" | "running-head")
    pages: list[int] | None  # 1-based page of each paragraph; None: the format has no pages
    note: str  # one sentence for people, shown where text files show their encoding


def _from_layout(layout, note: str) -> Extracted:
    paragraphs, furniture, pages = [], {}, []
    for p in layout.paragraphs:
        text = p.text.replace("\n", " ").strip()
        if is_blank(text):
            continue
        if p.furniture:
            furniture[len(paragraphs)] = p.furniture
        paragraphs.append(text)
        pages.append(p.page)
    raw = "\n".join(layout.lines)
    return Extracted(paragraphs, raw, furniture, pages, note)


def extract(fmt: str, data: bytes, where: str) -> Extracted:
    """Read ``data`` as ``fmt`` ("pdf" | "ofd" | "word97"); raises Unreadable."""
    if fmt == "pdf":
        from . import pdf  # late: PDFium is loaded only when a PDF is read

        try:
            return _from_layout(pdf.read(data), "PDF text layer (PDFium)")
        except pdf.PdfUnreadable as e:
            raise Unreadable(str(e)) from None
        except ValueError as e:
            raise Unreadable(str(e)) from None
    if fmt == "ofd":
        from . import ofd

        try:
            return _from_layout(ofd.read(data, where), "OFD text objects (GB/T 33190)")
        except ofd.OfdUnreadable as e:
            raise Unreadable(str(e)) from None
    if fmt == "word97":
        from . import word97

        try:
            text = word97.extract(data)
        except word97.WordUnreadable as e:
            raise Unreadable(str(e)) from None
        # Leading tabs are a row's empty (merged) first cells: kept, so columns stay in place.
        paragraphs = [p.strip(" \u3000") for p in text.paragraphs if not is_blank(p)]
        return Extracted(paragraphs, "\n".join(paragraphs), {}, None,
                         "Word 97-2003 / WPS document (piece table, no guess)")
    raise ValueError(f"unknown format {fmt!r}")


def with_source_furniture(cleaned, source):
    """``cleaned`` (a CleanText) with the reader's furniture marks (``source.furniture``:
    (body line index, reason) pairs) added as excluded paragraphs, replacing any mark cleaning put
    on the same paragraphs. Body lines are the stored paragraphs one for one for these
    formats (no blank lines, trimmed); if cleaning saw otherwise, the marks are left out
    rather than put on the wrong lines."""
    marks = dict(getattr(source, "furniture", ()) or ())
    if not marks or len(cleaned.paragraphs) != len(source.body.split("\n")):
        return cleaned
    from duidu.text.clean import Excluded

    ours = [Excluded(cleaned.paragraphs[i].start, cleaned.paragraphs[i].end, reason)
            for i, reason in sorted(marks.items()) if i < len(cleaned.paragraphs)]
    taken = {(e.start, e.end) for e in ours}
    kept = [e for e in cleaned.excluded if (e.start, e.end) not in taken
            and not any(o.start < e.end and e.start < o.end for o in ours)]
    merged = tuple(sorted(kept + ours, key=lambda e: (e.start, e.end)))
    return replace(cleaned, excluded=merged)
