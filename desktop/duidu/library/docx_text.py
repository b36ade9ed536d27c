"""The paragraphs of a Word .docx file, read with zipfile and xml.etree only.

A .docx is a zip of XML parts; the text is in ``word/document.xml`` as ``w:p`` paragraphs
made of runs of ``w:t`` text. Headers, footers, comments and deleted revisions are not
document text and are left out. The title comes from ``docProps/core.xml`` (dc:title).
"""

from __future__ import annotations

import io
import zipfile
import zlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from duidu.text.chars import one_line_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_P, _T = _W + "p", _W + "t"
# A line break inside a paragraph becomes a space: one w:p is always exactly one line.
_INLINE = {_W + "tab": "\t", _W + "br": " ", _W + "cr": " ", _W + "noBreakHyphen": "-"}
_DELETED = {_W + "del", _W + "moveFrom"}  # tracked deletions still hold their old text
MAX_PART = 256 * 1024 * 1024  # bytes one part may inflate to, counted as it inflates
MAX_CHARS = 12_000_000  # characters of text: a document, not a corpus (readers.MAX_CHARS)
MAX_OPEN = 1_000_000  # XML elements one paragraph may hold while it is read
_CHUNK = 1024 * 1024  # inflated at a time
_FEED = 64 * 1024  # parsed at a time
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}  # bzip2 and LZMA inflate a whole read at once


class NotDocx(ValueError):
    """The reason a file is not a readable .docx (shown after "not a valid .docx file: ")."""


class TooLarge(ValueError):
    """A .docx past one of the limits above; the message names the limit and the value."""


@dataclass(frozen=True)
class DocxText:
    title: str | None
    paragraphs: list[str]  # every w:p in document order, empty ones included


def extract(data: bytes, *, max_chars: int = MAX_CHARS) -> DocxText:
    """Raises NotDocx or TooLarge. ``word/document.xml`` is inflated and parsed in chunks, each
    paragraph read and dropped as it ends: time grows with the file and memory with the
    longest paragraph, whatever the zip headers claim."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise NotDocx("not a zip archive (an old .doc, or password-protected?)") from None
    with archive:
        lines = _stream_paragraphs(archive, "word/document.xml", max_chars)
        try:
            core = _parse(archive, "docProps/core.xml")
        except (NotDocx, TooLarge):
            core = None  # broken metadata is no reason to refuse the text
    return DocxText(_title(core), lines)


def _member(archive: zipfile.ZipFile, name: str, required: bool) -> zipfile.ZipInfo | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        if required:
            raise NotDocx(f"no {name} in the archive") from None
        return None
    if info.flag_bits & 0x1:
        raise NotDocx(f"{name} is encrypted (password-protected?)")
    if info.compress_type not in _METHODS:
        raise NotDocx(f"{name} is compressed with method {info.compress_type}, which Word never uses")
    if info.file_size > MAX_PART:  # a cheap early refusal; never trusted to allow
        raise TooLarge(f"{name} unpacks to {info.file_size:,} bytes; the limit is {MAX_PART:,}")
    return info


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    """The part's bytes as they inflate, refused as soon as they pass MAX_PART."""
    produced = 0
    try:
        with archive.open(info) as f:
            while chunk := f.read(_CHUNK):
                produced += len(chunk)
                if produced > MAX_PART:
                    raise TooLarge(f"{info.filename} unpacks to more than {MAX_PART:,} bytes (the limit)")
                yield chunk
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError,
            RuntimeError, zlib.error) as e:  # corrupt member, unsupported compression, encrypted
        raise NotDocx(f"cannot unpack {info.filename} ({e})") from None


def _parse(archive: zipfile.ZipFile, name: str) -> ET.Element | None:
    """A small part (the metadata), whole."""
    info = _member(archive, name, required=False)
    if info is None:
        return None
    parser = ET.XMLParser()
    try:
        for chunk in _chunks(archive, info):
            parser.feed(chunk)
        return parser.close()
    except ET.ParseError as e:
        raise NotDocx(f"broken XML in {name} ({e})") from None


def _stream_paragraphs(archive: zipfile.ZipFile, name: str, max_chars: int) -> list[str]:
    info = _member(archive, name, required=True)
    reader = _ParagraphReader(name, max_chars)
    parser = ET.XMLPullParser(events=("start", "end"))
    prolog = b""  # the bytes before the root element, where a DTD would be
    try:
        for chunk in _chunks(archive, info):
            if not reader.stack and len(prolog) < 65536:
                prolog += chunk[:65536]
                if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                    raise NotDocx(f"{name} declares a DTD (Word never does)")
            for at in range(0, len(chunk), _FEED):  # small feeds: the elements pending at once are few
                parser.feed(chunk[at:at + _FEED])
                reader.handle(parser.read_events())
        parser.close()
        reader.handle(parser.read_events())
    except ET.ParseError as e:
        raise NotDocx(f"broken XML in {name} ({e})") from None
    return reader.lines


class _ParagraphReader:
    """Turns parse events into lines, each top-level paragraph read when it ends and then
    dropped from the tree with everything else already read (memory: the open paragraph)."""

    def __init__(self, name: str, max_chars: int) -> None:
        self.name, self.max_chars = name, max_chars
        self.lines: list[str] = []
        self.chars = 0  # in ``lines``
        self.stack: list[ET.Element] = []  # open elements, innermost last
        self.open_paragraphs = 0
        self.held = 0  # elements kept for the open top-level paragraph

    def handle(self, events) -> None:
        stack = self.stack
        for event, el in events:
            if event == "start":
                stack.append(el)
                if el.tag == _P:
                    self.open_paragraphs += 1
                if self.open_paragraphs:
                    self.held += 1
                    if self.held > MAX_OPEN:
                        raise TooLarge(f"a paragraph of {self.name} holds more than {MAX_OPEN:,} XML elements (the limit)")
                continue
            stack.pop()
            if el.tag == _P:
                self.open_paragraphs -= 1
                if self.open_paragraphs:
                    continue  # a paragraph inside another (a text box): read with it
                self._read(el)
            elif self.open_paragraphs:
                continue  # part of a paragraph still open: read when it ends
            if stack:  # done with: it is its parent's last child, so this is O(1)
                del stack[-1][-1]

    def _read(self, paragraph: ET.Element) -> None:
        self.held = 0
        before = len(self.lines)
        try:
            _collect_one(paragraph, self.lines)
        except RecursionError:  # only hand-made XML nests a thousand levels deep
            raise NotDocx(f"{self.name} is nested too deeply") from None
        self.chars += sum(len(line) for line in self.lines[before:])
        if self.chars > self.max_chars:
            raise TooLarge(f"the text passes {self.max_chars:,} characters (the limit for one document)")


def _collect(element, lines: list[str]) -> None:
    """Append the text of every paragraph under ``element``, in document order.

    A paragraph can contain others (a text box anchored in it): those become their own
    lines after it rather than being glued into its text."""
    for child in element:
        if child.tag == _P:
            parts: list[str] = []
            nested: list[str] = []
            _runs(child, parts, nested)
            lines.append("".join(parts).replace("\n", " ").replace("\r", " "))
            lines.extend(nested)
        else:
            _collect(child, lines)


def _runs(element: ET.Element, parts: list[str], nested: list[str]) -> None:
    for child in element:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag in _INLINE:
            parts.append(_INLINE[child.tag])
        elif child.tag == _P:
            _collect_one(child, nested)
        elif child.tag in _DELETED:
            continue
        else:  # runs, hyperlinks, smart tags, inserted revisions... (w:delText is not w:t)
            _runs(child, parts, nested)


def _collect_one(paragraph: ET.Element, lines: list[str]) -> None:
    _collect([paragraph], lines)


def _title(core: ET.Element | None) -> str | None:
    if core is None:
        return None
    node = core.find(_DC_TITLE)
    title = one_line_text(" ".join((node.text or "").split())) if node is not None else ""
    return title or None
