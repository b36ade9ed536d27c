"""Reading a REFI-QDA project (project.qde and its sources) into plain records, checked.

Nothing here touches the library: ``read_project`` turns an untrusted package into records
whose every reference has been followed (users, codes, variables, notes, sources) and whose
every position lies inside its source's text, or raises one ``InputError`` saying what is
wrong where. Positions are code points of the source as stored in the package; ``Source.map``
carries them to the text Duidu stores (line ends made "\\n", pinyin readings removed).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import unquote

from duidu.library.errors import InputError
from duidu.library.refi import PROJECT_NS, CodeSpec, Package, all_specs, guid_of, read_codes, safe_member
from duidu.text.clean import CleanText, clean
from duidu.text.lineends import normalise_line_ends
from duidu.text.offsets import OffsetMap

FALLBACK_USER = "REFI-QDA"  # the annotator of a selection that names no user at all
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
# Variables Duidu knows, by name (either language): what they fill in a new document.
METADATA = {"region": "region", "地区": "region", "date": "date", "日期": "date", "source": "source",
            "来源": "source", "file": "file", "文件": "file"}


def q(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


@dataclass(frozen=True)
class Selection:
    guid: str
    source: str  # the TextSource's guid
    start: int  # code points of the source's text as in the package
    end: int
    note: str
    codes: tuple[str, ...]  # code guids
    user: str  # annotator name
    created: str  # ISO-8601, UTC
    modified: str


@dataclass(frozen=True)
class Source:
    guid: str
    name: str
    raw: str  # the text as in the package
    body: str  # it with "\n" line ends
    cleaned: CleanText  # the text Duidu would store, with its structure
    map: OffsetMap  # raw -> cleaned.text
    metadata: dict


@dataclass(frozen=True)
class Link:
    guid: str
    name: str
    origin: str
    target: str


@dataclass(frozen=True)
class Project:
    codes: list[CodeSpec]
    sources: list[Source]
    selections: dict[str, Selection]
    links: list[Link]
    skipped_sources: int  # pictures, PDFs, audio, video: not text


def stamp(value: str | None, fallback: str) -> str:
    """An xsd:dateTime as Duidu writes times (UTC, to the second); ``fallback`` when absent."""
    if not value:
        return fallback
    m = _STAMP.match(value.strip())
    if not m:
        raise InputError("date", f"{value!r} is not a date and time (xsd:dateTime)")
    zone = m.group(2) or "+00:00"
    moment = datetime.fromisoformat(m.group(1) + ("+00:00" if zone == "Z" else zone))
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _position(value: str | None, what: str, where: str) -> int:
    if value is None or not (value.strip().isascii() and value.strip().isdigit()):  # "²" is a digit, not a number
        raise InputError(where, f"{what} {value!r} is not a whole number")
    return int(value)


def _users(root: ET.Element, where: str) -> dict[str, str]:
    users = {}
    for el in root.findall(f"{q('Users')}/{q('User')}"):
        guid = guid_of(el.get("guid"), f"{where}: a user")
        users[guid] = (el.get("name") or el.get("id") or guid).strip() or guid
    return users


def _source_text(el: ET.Element, package: Package, where: str) -> str:
    path = el.get("plainTextPath")
    name = el.get("name") or el.get("guid")
    if path:
        if not path.startswith("internal://"):
            raise InputError(where, f"source {name!r} points outside the package ({path}); Duidu reads internal:// sources only")
        member = path.removeprefix("internal://")
        found = next((package.sources[m] for m in (member, unquote(member)) if safe_member(m) and m in package.sources), None)
        if found is None:
            raise InputError(where, f"source {name!r}: {path} is not in the package's sources/ folder")
        try:
            return found.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise InputError(where, f"source {name!r} ({path}) is not UTF-8 text (byte {exc.start})") from None
    content = el.find(q("PlainTextContent"))
    if content is None or content.text is None:
        raise InputError(where, f"source {name!r} has no plain text (plainTextPath or PlainTextContent)")
    return content.text


def _metadata(el: ET.Element, variables: dict[str, str]) -> dict:
    meta = {}
    for value in el.findall(q("VariableValue")):
        ref = value.find(q("VariableRef"))
        key = METADATA.get(variables.get((ref.get("targetGUID") or "").strip("{}").lower(), "")) if ref is not None else None
        text = next((v.text for v in value if v.tag != q("VariableRef") and v.text), None)
        if key and text and text.strip():
            meta[key] = text.strip()
    if "date" in meta:  # YYYY, YYYY-MM or YYYY-MM-DD (of a date-time, the date); anything else left out
        m = _DATE.match(meta["date"])
        meta["date"] = m.group(0) if m else None
    return meta


def read_project(root: ET.Element, package: Package, where: str) -> Project:
    """Every user, code, source, selection and link of ``root``, each reference checked."""
    if root.tag != q("Project"):
        raise InputError(where, f"the root element is {root.tag!r}, not a REFI-QDA <Project> ({PROJECT_NS})")
    users = _users(root, where)
    owner = users.get((root.get("creatingUserGUID") or "").strip("{}").lower(), FALLBACK_USER)
    codes = read_codes(root.find(f"{q('CodeBook')}/{q('Codes')}"), PROJECT_NS, where)
    variables = {guid_of(v.get("guid"), f"{where}: a variable"): (v.get("name") or "").strip().lower()
                 for v in root.findall(f"{q('Variables')}/{q('Variable')}")}
    notes = {guid_of(n.get("guid"), f"{where}: a note"): (n.findtext(q("PlainTextContent")) or "").strip()
             for n in root.findall(f"{q('Notes')}/{q('Note')}")}
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    seen = {c.guid for c in all_specs(codes)}  # guids name one thing each across the project

    def unique(guid: str, what: str) -> str:
        if guid in seen:
            raise InputError(where, f"the {what} guid {guid} appears twice in the project")
        seen.add(guid)
        return guid

    sources, selections, skipped = [], {}, 0
    for el in root.findall(f"{q('Sources')}/*"):
        if el.tag != q("TextSource"):
            skipped += 1
            continue
        guid = unique(guid_of(el.get("guid"), f"{where}: a source"), "source")
        raw = _source_text(el, package, where)
        body, line_map = normalise_line_ends(raw)
        cleaned = clean(body)
        name = (el.get("name") or "").strip()
        if not cleaned.text.strip():
            raise InputError(where, f"source {name or guid!r} has no text")
        sources.append(Source(guid, name, raw, body, cleaned, line_map.then(cleaned.map), _metadata(el, variables)))
        for sel in el.findall(q("PlainTextSelection")):
            s = _selection(sel, guid, name or guid, len(raw), users, owner, notes, now, where)
            selections[unique(s.guid, "selection")] = s
    links = []
    for el in root.findall(f"{q('Links')}/{q('Link')}"):
        origin, target = (el.get(k) for k in ("originGUID", "targetGUID"))
        links.append(Link(unique(guid_of(el.get("guid"), f"{where}: a link"), "link"), (el.get("name") or "").strip(),
                          (origin or "").strip("{}").lower(), (target or "").strip("{}").lower()))
    return Project(codes, sources, selections, links, skipped)


def _selection(sel: ET.Element, source: str, source_name: str, length: int, users: dict[str, str], owner: str,
               notes: dict[str, str], now: str, where: str) -> Selection:
    guid = guid_of(sel.get("guid"), f"{where}: a selection in {source_name!r}")
    start = _position(sel.get("startPosition"), f"selection {guid}: startPosition", where)
    end = _position(sel.get("endPosition"), f"selection {guid}: endPosition", where)
    if not start < end <= length:
        raise InputError(where, f"selection {guid} ({start}–{end}) is not inside its source {source_name!r} "
                                f"({length} characters)")
    user_ref = sel.get("creatingUser")
    if user_ref:
        user_guid = guid_of(user_ref, f"{where}: selection {guid}: creatingUser")
        if user_guid not in users:
            raise InputError(where, f"selection {guid} names user {user_guid}, who is not in <Users>")
        user = users[user_guid]
    else:
        user = owner
    codes = [guid_of(ref.get("targetGUID") if ref is not None else None, f"{where}: selection {guid}: a CodeRef")
             for ref in (coding.find(q("CodeRef")) for coding in sel.findall(q("Coding")))]
    parts = [(sel.findtext(q("Description")) or "").strip()]
    for ref in sel.findall(q("NoteRef")):
        parts.append(notes.get((ref.get("targetGUID") or "").strip("{}").lower(), ""))
    created = _stamp(sel.get("creationDateTime"), now, where, guid)
    return Selection(guid, source, start, end, "\n\n".join(p for p in parts if p), tuple(codes), user, created,
                     _stamp(sel.get("modifiedDateTime"), created, where, guid))


def _stamp(value: str | None, fallback: str, where: str, guid: str) -> str:
    try:
        return stamp(value, fallback)
    except InputError:
        raise InputError(where, f"selection {guid}: {value!r} is not a date and time (xsd:dateTime)") from None
