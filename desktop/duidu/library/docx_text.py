"""The paragraphs of a Word .docx file, read with zipfile and xml.etree only.

A .docx is a zip of XML parts; the text is in ``word/document.xml`` as ``w:p`` paragraphs
made of runs of ``w:t`` text. Headers, footers, comments and deleted revisions are not
document text and are left out. The title comes from ``docProps/core.xml`` (dc:title).
"""

from __future__ import annotations

import io
import zipfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_P, _T = _W + "p", _W + "t"
# A line break inside a paragraph becomes a space: one w:p is always exactly one line.
_INLINE = {_W + "tab": "\t", _W + "br": " ", _W + "cr": " ", _W + "noBreakHyphen": "-"}
_DELETED = {_W + "del", _W + "moveFrom"}  # tracked deletions still hold their old text
MAX_PART = 256 * 1024 * 1024  # refuse zip bombs before inflating them


class NotDocx(ValueError):
    """The reason a file is not a readable .docx (shown after "not a valid .docx file: ")."""


@dataclass(frozen=True)
class DocxText:
    title: str | None
    paragraphs: list[str]  # every w:p in document order, empty ones included


def extract(data: bytes) -> DocxText:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise NotDocx("not a zip archive (an old .doc, or password-protected?)") from None
    with archive:
        document = _parse(archive, "word/document.xml", required=True)
        try:
            core = _parse(archive, "docProps/core.xml", required=False)
        except NotDocx:
            core = None  # broken metadata is no reason to refuse the text
    lines: list[str] = []
    try:
        _collect(document, lines)
    except RecursionError:  # only hand-made XML nests a thousand levels deep
        raise NotDocx("word/document.xml is nested too deeply") from None
    return DocxText(_title(core), lines)


def _parse(archive: zipfile.ZipFile, name: str, required: bool) -> ET.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        if required:
            raise NotDocx(f"no {name} in the archive") from None
        return None
    if info.file_size > MAX_PART:
        raise NotDocx(f"{name} is implausibly large ({info.file_size:,} bytes)")
    try:
        return ET.fromstring(archive.read(info))
    except ET.ParseError as e:
        raise NotDocx(f"broken XML in {name} ({e})") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError,
            EOFError, RuntimeError) as e:  # corrupt member, unsupported compression, encrypted
        raise NotDocx(f"cannot unpack {name} ({e})") from None


def _collect(element: ET.Element, lines: list[str]) -> None:
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
    holder = ET.Element("holder")
    holder.append(paragraph)
    _collect(holder, lines)


def _title(core: ET.Element | None) -> str | None:
    if core is None:
        return None
    node = core.find(_DC_TITLE)
    title = " ".join((node.text or "").split()) if node is not None else ""
    return title or None
