"""What REFI-QDA project (.qdpx) and codebook (.qdc) exchange share: guids, the codebook
tree in XML both ways, merging codes into the library, and reading untrusted packages safely.

Packages come from other people and other programs, so reading trusts nothing: XML with a
DTD or an entity declaration is refused before it reaches the parser (no entity expansion,
no billion laughs, nothing external), zip entries are checked for paths that would climb out
("..", absolute, drive letters, backslashes) and sizes are capped, and every failure is one
``InputError`` line. Writing uses ElementTree with the REFI namespace as the default one.
"""

from __future__ import annotations

import re
import uuid
import zlib
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass

from sqlite_utils import Database

from duidu.library import codebook
from duidu.library.codebook import Code
from duidu.library.errors import InputError
from duidu.library.input_files import require_regular_file

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
MAX_TOTAL = 200 * 1024 * 1024  # bytes a package may hold uncompressed
MAX_ENTRY = 100 * 1024 * 1024  # bytes one file in a package may hold uncompressed
CHUNK = 64 * 1024  # entries are read this much at a time, the bytes produced counted as they come
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}  # bzip2 and LZMA inflate a whole read at once
MAX_ENTRIES = 10_000
MAX_DEPTH = 64  # code tree levels
_NAMES = uuid.UUID("2f0e6f1c-5a4b-4f7e-9d3c-d0d0ed1a0001")  # namespace of the guids Duidu derives
_GUID = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$")
_COLOR = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
_FORBIDDEN = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_FORBIDDEN_TEXT = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DTD = "refused: it declares a DTD or entities (<!DOCTYPE or <!ENTITY), which Duidu never reads"


def derived_guid(kind: str, key: str) -> str:
    """The same guid for the same thing in every export (a document's text, a user's name)."""
    return str(uuid.uuid5(_NAMES, f"{kind}:{key}"))


def sub_guid(guid: str, part: str) -> str:
    """A guid for a part of something that has one (side A of a comparison note)."""
    return str(uuid.uuid5(uuid.UUID(guid), part))


def guid_of(value: str | None, where: str) -> str:
    """A REFI GUID attribute, lower case without braces; InputError if missing or malformed."""
    m = _GUID.match((value or "").strip())
    if not m:
        raise InputError(where, f"{value!r} is not a GUID" if value else "has no guid")
    return m.group(1).lower()


# -- reading untrusted input ---------------------------------------------------------------
def parse_xml(data: bytes, source: str) -> ET.Element:
    """XML from outside, with DTDs and entity declarations refused outright (UTF-8 only)."""
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        if _FORBIDDEN.search(data):
            raise InputError(source, _DTD) from None
        raise InputError(source, f"is not UTF-8 (byte {exc.start})") from None
    if _FORBIDDEN.search(data) or _FORBIDDEN_TEXT.search(text) or "\x00" in text:
        raise InputError(source, _DTD if "\x00" not in text else "holds NUL characters: not UTF-8 XML")
    parser = ET.XMLParser()
    try:
        parser.feed(text)
        return parser.close()
    except ET.ParseError as exc:
        raise InputError(source, f"is not well-formed XML ({exc})") from None


def safe_member(name: str) -> bool:
    """A zip entry name that stays inside the package wherever it is unpacked."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return False
    return ".." not in name.split("/")


@dataclass(frozen=True)
class Package:
    project: bytes  # project.qde
    sources: dict[str, bytes]  # file name inside sources/ -> bytes


def read_package(path) -> Package:
    """``project.qde`` and the files of ``sources/`` from a .qdpx, every entry checked first."""
    where = str(path)
    require_regular_file(where)  # zipfile would wait on a FIFO for ever
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise InputError(where, f"holds {len(infos)} files; Duidu reads packages of at most {MAX_ENTRIES}")
            names = set()
            for info in infos:
                if not safe_member(info.filename):
                    raise InputError(where, f"refused: the entry {info.filename!r} would be written outside the package")
                if info.filename in names:
                    raise InputError(where, f"refused: the entry {info.filename!r} appears twice")
                if info.flag_bits & 0x1:
                    raise InputError(where, f"{info.filename!r} is encrypted")
                names.add(info.filename)
            declared = sum(i.file_size for i in infos)  # a cheap early refusal; never trusted to allow
            if declared > MAX_TOTAL:
                raise InputError(where, f"unpacks to {declared:,} bytes; Duidu reads packages of at most {MAX_TOTAL:,}")
            if "project.qde" not in names:
                raise InputError(where, "has no project.qde at its root: not a REFI-QDA project package")
            wanted = [i for i in infos if i.filename == "project.qde"
                      or (i.filename.lower().startswith("sources/") and not i.is_dir() and i.filename.count("/") == 1)]
            budget = [MAX_TOTAL]  # what the package may still unpack to, counted from the bytes really produced
            read = {i.filename: _read_entry(zf, i, where, budget) for i in wanted}
            project = read.pop("project.qde")
            sources = {name.split("/", 1)[1]: data for name, data in read.items()}
    except zipfile.BadZipFile as exc:
        what = "not a REFI-QDA package (a .qdpx is a zip file)" if "not a zip" in str(exc).lower() else f"a damaged zip file ({exc})"
        raise InputError(where, what) from None
    except (zlib.error, NotImplementedError, EOFError) as exc:
        raise InputError(where, f"a damaged or unsupported zip file ({exc})") from None
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except IsADirectoryError:
        raise InputError(where, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(where, exc.strerror or str(exc)) from None
    return Package(project, sources)


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, budget: list[int]) -> bytes:
    """One entry, read in chunks and refused as soon as the bytes it actually produces pass the
    per-entry cap or what is left of the package's (``budget[0]``, lowered as bytes come):
    the sizes in the zip headers are the sender's claim, not a limit."""
    if info.compress_type not in _METHODS:
        method = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA"}.get(info.compress_type, f"method {info.compress_type}")
        raise InputError(where, f"{info.filename!r} is compressed with {method}; "
                                "Duidu reads stored or deflated entries only")
    parts: list[bytes] = []
    size = 0
    with zf.open(info) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            budget[0] -= len(chunk)
            if size > MAX_ENTRY:
                raise InputError(where, f"{info.filename!r} unpacks to more than {MAX_ENTRY:,} bytes; "
                                        f"Duidu reads files of at most {MAX_ENTRY:,} in a package")
            if budget[0] < 0:
                raise InputError(where, f"unpacks to more than {MAX_TOTAL:,} bytes; Duidu reads packages of at most {MAX_TOTAL:,}")
            parts.append(chunk)
    return b"".join(parts)


# -- the codebook in XML -------------------------------------------------------------------
@dataclass(frozen=True)
class CodeSpec:
    """A code read from a package: its guid, name, colour, description and the codes under it."""

    guid: str
    name: str
    color: str | None  # '#rrggbb', or None for none given
    description: str
    children: tuple["CodeSpec", ...]


def codes_element(parent: ET.Element, codes: list[Code]) -> ET.Element:
    """``<Codes>`` under ``parent``: every code nested under its parent, with colour and description."""
    holder = ET.SubElement(parent, "Codes")
    elements: dict[int | None, ET.Element] = {None: holder}
    for c in codes:  # tree order: a parent's element exists before its children's
        el = ET.SubElement(elements[c.parent_id], "Code", guid=c.guid, name=c.name, isCodable="true", color=c.color)
        if c.description:
            ET.SubElement(el, "Description").text = c.description
        elements[c.id] = el
    return holder


def read_codes(codes: ET.Element | None, ns: str, source: str) -> list[CodeSpec]:
    """The ``<Code>`` tree under ``<Codes>``, checked (guids, names, colours, unique guids)."""
    seen: set[str] = set()

    def read(el: ET.Element, depth: int) -> CodeSpec:
        if depth > MAX_DEPTH:
            raise InputError(source, f"codes nested more than {MAX_DEPTH} deep")
        guid = guid_of(el.get("guid"), f"{source}: a code")
        if guid in seen:
            raise InputError(source, f"the code guid {guid} appears twice")
        seen.add(guid)
        name = (el.get("name") or "").strip()
        if not name or "\n" in name or "\r" in name:
            raise InputError(source, f"code {guid} needs a one-line name")
        color = el.get("color")
        if color is not None:
            m = _COLOR.match(color.strip())
            if not m:
                raise InputError(source, f"code {guid} ({name}): {color!r} is not a colour (#rrggbb)")
            hexes = m.group(1)
            color = "#" + (hexes if len(hexes) == 6 else "".join(h * 2 for h in hexes)).lower()
        description = el.findtext(f"{{{ns}}}Description") or ""
        kids = tuple(read(k, depth + 1) for k in el.findall(f"{{{ns}}}Code"))
        return CodeSpec(guid, name, color, description.strip(), kids)

    return [] if codes is None else [read(el, 1) for el in codes.findall(f"{{{ns}}}Code")]


def all_specs(specs) -> list[CodeSpec]:
    out = []
    for s in specs:
        out.append(s)
        out.extend(all_specs(s.children))
    return out


@dataclass(frozen=True)
class CodeMerge:
    ids: dict[str, int]  # package guid -> library code id
    added: int
    matched: int


def merge_codes(db: Database, specs: list[CodeSpec]) -> CodeMerge:
    """Each code found in the library by guid, else by name under the same parent, else added
    with its guid, colour and description; codes found are left as the library has them.
    Runs in the caller's transaction."""
    ids: dict[str, int] = {}
    added = matched = 0
    positions: dict[int | None, int] = {}  # the next position under each parent, counted here (not per code)

    def place(spec: CodeSpec, parent_id: int | None) -> None:
        nonlocal added, matched
        row = db.execute("SELECT id FROM codes WHERE guid = ?", [spec.guid]).fetchone()
        found = row[0] if row else codebook.sibling_named(db, spec.name, parent_id)
        if found is not None:
            ids[spec.guid] = found
            matched += 1
        else:
            if parent_id not in positions:
                positions[parent_id] = codebook.next_position(db, parent_id)
            ids[spec.guid] = codebook.add(db, spec.name, parent_id=parent_id, color=spec.color,
                                          description=spec.description, guid=spec.guid, position=positions[parent_id])
            positions[parent_id] += 1
            added += 1
        for child in spec.children:
            place(child, ids[spec.guid])

    for spec in specs:
        place(spec, None)
    return CodeMerge(ids, added, matched)


def xml_bytes(root: ET.Element, ns: str) -> bytes:
    """UTF-8 without a BOM, declaration first, ``ns`` the default namespace, indented."""
    root.set("xmlns", ns)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"
