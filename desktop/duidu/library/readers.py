"""From a file on disk to decoded text: the one door every imported document comes through.

Users drop in whatever they saved -- a GBK text file from a mainland site, a Big5 page from
Taiwan, a Word document -- and Duidu must either read it exactly or say in one line why it
cannot. So every failure here is an InputError naming the file and the reason (never a
traceback, never half a document), and nothing is decoded leniently: a byte that does not
fit is reported, not replaced. Encoding detection lives in ``charsets``, page text in
``html_text``, Word text in ``docx_text``; what counts as Han and as whitespace in
``duidu.text.chars``. ``decode_bytes`` (from ``charsets``, offered here too) decodes bytes
that are not a document to import -- ``duidu convert`` input -- with the same detection.

What comes back:

* ``raw``: the content as decoded, kept for provenance. For text and HTML it is exactly
  ``file_bytes.decode(encoding)`` (the HTML source for pages; a BOM consumed by the codec,
  as with "utf-8-sig" and "utf-16", is not in it). For .docx: every paragraph's text, one per
  line, empty paragraphs included.
* ``body``: what cleaning starts from, one paragraph per line joined with "\\n". Text files:
  ``raw`` minus a leading BOM, with CRLF/CR turned into LF (blank lines kept as they are).
  HTML and .docx: extracted paragraphs, no blank lines.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from duidu.library import charsets, docx_text, formats, html_text
from duidu.library.charsets import decode_bytes  # noqa: F401 (also offered here, for convert)
from duidu.library.errors import InputError
from duidu.library.input_files import read_bounded, require_regular_file, too_large
from duidu.text.chars import has_han, is_blank

FORMATS = {
    ".txt": "text", ".md": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".docx": "docx",
    ".pdf": "pdf", ".ofd": "ofd", ".doc": "word97", ".wps": "word97",
}
# One document, not a corpus: a file is read whole, so it is refused past these. A 20 MB
# GB18030 text (10M characters) fits, as does a 42 MB saved page; importing 7M characters
# peaks at 680 MB (README), so the largest accepted stays near 1.2 GB.
MAX_BYTES = 64 * 1024 * 1024
MAX_CHARS = docx_text.MAX_CHARS  # 12,000,000


@dataclass(frozen=True)
class SourceFile:
    path: str  # as given by the caller
    format: str  # "text" | "html" | "docx"
    raw: str
    body: str
    encoding: str | None  # Python codec actually used; None for .docx
    encoding_confidence: float  # 0..1
    encoding_note: str  # one sentence for people, e.g. "UTF-8 (BOM)"
    title: str | None  # HTML <title> / docx dc:title, else None
    # PDF/OFD/.doc (duidu.library.formats): (body line index, furniture reason) pairs -- reasons
    # "page-number", "running-head" -- and the 1-based page each body line (= stored paragraph)
    # starts on, so a citation can give the page.
    furniture: tuple[tuple[int, str], ...] = ()
    pages: tuple[int, ...] | None = None


def read_source(path: str | os.PathLike, encoding: str | None = None) -> SourceFile:
    """Read and decode ``path``; ``encoding`` (the --encoding option) overrides detection
    for text and HTML and is ignored for .docx, which declares its own. Raises InputError."""
    source = os.fspath(path)
    require_regular_file(source)
    fmt = _format_of(source)
    data = read_bounded(source, MAX_BYTES)
    if not data:
        raise InputError(source, "the file is empty (0 bytes)")
    reader = {"text": _read_text, "html": _read_html, "docx": _read_docx}.get(fmt, _read_laid_out)
    result = reader(source, data, encoding)
    if len(result.body) > MAX_CHARS:  # refused before cleaning and analysis, not after
        raise InputError(source, f"{too_large(MAX_CHARS, 'characters')} of text (this one has {len(result.body):,})")
    if not has_han(result.body):
        where = "" if fmt == "text" else " (outside scripts, styles and navigation)"
        raise InputError(source, f"contains no Chinese text{where}")
    return result


# --- the file itself -----------------------------------------------------------------------

def _format_of(source: str) -> str:
    ext = Path(source).suffix.lower()
    if ext in FORMATS:
        return FORMATS[ext]
    if ext in formats.REFUSED:
        raise InputError(source, formats.REFUSED[ext])
    supported = " ".join(FORMATS)
    what = f"unsupported file type {ext!r}" if ext else "no file extension"
    raise InputError(source, f"{what}; supported: {supported}")


# --- per format ----------------------------------------------------------------------------

def _read_text(source: str, data: bytes, encoding: str | None) -> SourceFile:
    decoded = charsets.decode(data, source, encoding)
    body = decoded.text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    _require_content(source, body)
    return _source_file(source, "text", decoded, body, title=None)


def _read_html(source: str, data: bytes, encoding: str | None) -> SourceFile:
    declared = html_text.declared_charset(data) if encoding is None else None
    decoded = charsets.decode(data, source, encoding, declared=declared)
    _require_content(source, decoded.text)
    try:
        page = html_text.extract(decoded.text.removeprefix("\ufeff"))
    except ValueError as e:
        raise InputError(source, f"cannot parse the HTML ({e})") from None
    if is_blank(page.text):
        raise InputError(source, "the page has no text (after dropping scripts, styles "
                                 "and navigation)")
    return _source_file(source, "html", decoded, page.text, title=page.title)


def _read_docx(source: str, data: bytes, encoding: str | None) -> SourceFile:
    try:
        doc = docx_text.extract(data, max_chars=MAX_CHARS)
    except docx_text.NotDocx as e:
        raise InputError(source, f"not a valid .docx file: {e}") from None
    except docx_text.TooLarge as e:
        raise InputError(source, f"too large: {e}") from None
    raw = "\n".join(doc.paragraphs)
    body = "\n".join(p for p in doc.paragraphs if not is_blank(p))
    if not body:
        raise InputError(source, "the document has no text")
    return SourceFile(path=source, format="docx", raw=raw, body=body, encoding=None,
                      encoding_confidence=1.0, encoding_note="Word document (XML, no guess)",
                      title=doc.title)


def _read_laid_out(source: str, data: bytes, encoding: str | None) -> SourceFile:
    """PDF, OFD, .doc/.wps: formats that declare their own encoding (``encoding`` ignored)."""
    fmt = _format_of(source)
    try:
        actual = formats.actual_format(fmt, data)  # a .doc that is really a web page or a .docx
        if actual == "docx":
            return _read_docx(source, data, encoding)
        if actual == "html":
            return _read_html(source, data, encoding)
        doc = formats.extract(fmt, data, source)
    except formats.Unreadable as e:
        raise InputError(source, str(e)) from None
    if not doc.paragraphs:
        raise InputError(source, "the document has no text")
    return SourceFile(path=source, format=fmt, raw=doc.raw, body="\n".join(doc.paragraphs), encoding=None,
                      encoding_confidence=1.0, encoding_note=doc.note, title=None,
                      furniture=tuple(sorted(doc.furniture.items())), pages=tuple(doc.pages) if doc.pages is not None else None)


def _require_content(source: str, text: str) -> None:
    if is_blank(text):
        raise InputError(source, "the file is empty (only whitespace)")


def _source_file(source: str, fmt: str, decoded: charsets.Decoded, body: str,
                 title: str | None) -> SourceFile:
    return SourceFile(path=source, format=fmt, raw=decoded.text, body=body,
                      encoding=decoded.encoding, encoding_confidence=decoded.confidence,
                      encoding_note=decoded.note, title=title)
