"""The reading text of an OFD file (GB/T 33190-2016, China's fixed-layout format).

An OFD is a zip of XML: ``OFD.xml`` names each document's ``Document.xml``, which lists the
pages' ``Content.xml``; text is in ``TextObject`` elements (a ``Boundary`` box, a font size)
holding ``TextCode`` runs with a start point and the advance of each character (``DeltaX``,
which may be abbreviated ``g 5 7.7`` = five advances of 7.7). Every character thus gets a
position, and ``layout`` reads the page in order by position, as for a PDF. Page templates
(where page numbers often live) are read too.

The package is untrusted input and read with the QDPX reader's safety: entry names checked
(nothing outside the package, no duplicates, no encrypted entries), sizes capped by the bytes
really produced (not the headers' claims), XML with a DTD or entities refused.
"""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib

from duidu.library.errors import InputError
from duidu.library.refi import MAX_ENTRIES, MAX_TOTAL, _read_entry, parse_xml, safe_member

from . import layout

MM = 72 / 25.4  # OFD measures in millimetres; layout's thresholds are in points
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


class OfdUnreadable(Exception):
    """An OFD Duidu cannot read; ``str()`` is the one-line reason."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: ET.Element, name: str):
    return [c for c in el if _local(c.tag) == name]


def _find(el: ET.Element, *path: str) -> ET.Element | None:
    for name in path:
        found = next((c for c in el if _local(c.tag) == name), None)
        if found is None:
            return None
        el = found
    return el


def _numbers(value: str | None) -> list[float]:
    return [float(x) for x in _NUMBER.findall(value or "")]


def _deltas(value: str | None) -> list[float]:
    """DeltaX with its ``g count value`` repetitions expanded."""
    out: list[float] = []
    tokens = (value or "").split()
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            try:
                out.extend([float(tokens[i + 2])] * min(int(tokens[i + 1]), 100_000))
            except ValueError:
                pass
            i += 3
            continue
        try:
            out.append(float(tokens[i]))
        except ValueError:
            pass
        i += 1
    return out


class _Package:
    """Entries of the zip, read on demand with the caps of the QDPX reader."""

    def __init__(self, data: bytes, where: str) -> None:
        self.where = where
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise OfdUnreadable("not an OFD file (an OFD is a zip package)") from None
        except (NotImplementedError, ValueError, OSError, EOFError) as e:
            raise OfdUnreadable(f"a damaged or unsupported zip package ({e})") from None
        infos = self.zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise OfdUnreadable(f"holds {len(infos)} files; Duidu reads packages of at most {MAX_ENTRIES}")
        self.infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if not safe_member(info.filename):
                raise OfdUnreadable(f"refused: the entry {info.filename!r} would be outside the package")
            if info.filename in self.infos:
                raise OfdUnreadable(f"refused: the entry {info.filename!r} appears twice")
            if info.flag_bits & 0x1:
                raise OfdUnreadable(f"{info.filename!r} is encrypted")
            self.infos[info.filename] = info
        self.budget = [MAX_TOTAL]

    def xml(self, name: str) -> ET.Element:
        info = self.infos.get(name)
        if info is None:
            raise OfdUnreadable(f"the package has no {name!r}")
        try:
            data = _read_entry(self.zf, info, self.where, self.budget)
        except (zlib.error, NotImplementedError, EOFError, zipfile.BadZipFile, ValueError, OSError) as e:
            raise OfdUnreadable(f"a damaged zip entry {name!r} ({e})") from None
        try:
            return parse_xml(data, name)
        except InputError as e:
            raise OfdUnreadable(f"{name}: {e.reason}") from None


def _resolve(base_file: str, loc: str) -> str:
    """A location in the package: absolute from the root (``/Doc_0/...``) or relative to the
    file that names it; refused if it leaves the package."""
    loc = (loc or "").strip().replace("\\", "/")
    if not loc:
        raise OfdUnreadable(f"{base_file}: an empty location")
    path = loc.lstrip("/") if loc.startswith("/") else posixpath.join(posixpath.dirname(base_file), loc)
    path = posixpath.normpath(path)
    if not safe_member(path) or path.startswith("../") or path == "..":
        raise OfdUnreadable(f"{base_file}: the location {loc!r} points outside the package")
    return path


def _page_box(el: ET.Element | None) -> tuple[float, float] | None:
    if el is None:
        return None
    box = _find(el, "PhysicalBox")
    nums = _numbers(box.text if box is not None else None)
    return (nums[2], nums[3]) if len(nums) == 4 else None


def _objects(content: ET.Element, glyphs: list[layout.Glyph], rules: list[layout.Rule]) -> None:
    for el in content.iter():
        name = _local(el.tag)
        if name == "TextObject":
            _text_object(el, glyphs)
        elif name == "PathObject":
            box = _numbers(el.get("Boundary"))
            if len(box) == 4 and min(box[2], box[3]) * MM <= 3.0 and max(box[2], box[3]) * MM > 4:
                x, y, w, h = (v * MM for v in box)
                rules.append(layout.Rule(x, y, x + w, y + h))


def _text_object(el: ET.Element, glyphs: list[layout.Glyph]) -> None:
    box = _numbers(el.get("Boundary"))
    if len(box) != 4:
        return
    bx, by = box[0], box[1]
    ctm = _numbers(el.get("CTM"))
    size = (_numbers(el.get("Size")) or [3.5])[0]
    if len(ctm) == 6:  # scaling of the text (translation is already in the boundary)
        size *= abs(ctm[3]) or 1.0
    x = y = 0.0
    for code in _children(el, "TextCode"):
        text = code.text or ""
        if code.get("X") is not None:
            x = (_numbers(code.get("X")) or [x])[0]
        if code.get("Y") is not None:
            y = (_numbers(code.get("Y")) or [y])[0]
        deltas = _deltas(code.get("DeltaX"))
        down = _deltas(code.get("DeltaY"))  # multi-line runs: the next character's line
        scale = abs(ctm[0]) if len(ctm) == 6 and ctm[0] else 1.0
        for i, ch in enumerate(text):
            advance = (deltas[i] if i < len(deltas) else (deltas[-1] if deltas else size)) * scale
            if not ch.isspace():
                x0 = bx + x
                width = min(advance, size) if advance > 0 else size
                glyphs.append(layout.Glyph(ch, x0 * MM, (by + y - 0.88 * size) * MM,
                                           (x0 + width) * MM, (by + y + 0.12 * size) * MM))
            x += advance
            if i < len(down):
                y += down[i]


def read(data: bytes, where: str = "") -> layout.Layout:
    """Paragraphs of the first document in the package; raises OfdUnreadable."""
    pkg = _Package(data, where)
    root = pkg.xml("OFD.xml")
    doc_root = _find(root, "DocBody", "DocRoot")
    if doc_root is None or not (doc_root.text or "").strip():
        raise OfdUnreadable("OFD.xml names no document (DocBody/DocRoot)")
    doc_path = _resolve("OFD.xml", doc_root.text)
    document = pkg.xml(doc_path)
    common = _find(document, "CommonData")
    default_size = _page_box(_find(common, "PageArea") if common is not None else None) or (210.0, 297.0)
    templates = {}
    if common is not None:
        for t in _children(common, "TemplatePage"):
            if t.get("ID") and t.get("BaseLoc"):
                templates[t.get("ID")] = _resolve(doc_path, t.get("BaseLoc"))
    page_list = _find(document, "Pages")
    pages: list[layout.Page] = []
    for n, page_el in enumerate(_children(page_list, "Page") if page_list is not None else []):
        page_path = _resolve(doc_path, page_el.get("BaseLoc") or "")
        content = pkg.xml(page_path)
        width, height = _page_box(_find(content, "Area")) or default_size
        glyphs: list[layout.Glyph] = []
        rules: list[layout.Rule] = []
        for t in _children(content, "Template"):
            if t.get("TemplateID") in templates:
                _objects(pkg.xml(templates[t.get("TemplateID")]), glyphs, rules)
        _objects(content, glyphs, rules)
        pages.append(layout.Page(n + 1, width * MM, height * MM, glyphs, rules))
    if not pages:
        raise OfdUnreadable("the document has no pages")
    if not any(p.glyphs for p in pages):
        raise OfdUnreadable("scanned: no text layer")
    return layout.build(pages)
