"""A document's official metadata: what the extractor read, what the user corrected, and what shows.

Three layers, kept apart so a better extractor never undoes a person's work:

* ``documents.extracted`` (JSON): what ``duidu.engine.officialdoc`` read from the text at import;
* ``metadata_corrections``: one row per field the user set (by an edit, or by ``--title`` … at
  import; a NULL value is a field the user cleared);
* the documents columns (title, issuing_body, doc_number, date, addressees, attachments, region,
  region_code): the correction where there is one, else the extracted value. They are what the
  library lists, searches and filters by, and are recomputed whenever either layer changes.

Importing a file already in the library reads its metadata again (a newer Duidu reads better)
and keeps every correction.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from duidu.engine.divisions import region_of
from duidu.engine.officialdoc import OfficialMetadata, extract
from duidu.library.errors import InputError
from duidu.text.chars import has_han

# Stored fields, in the order they are shown. ``date`` is the date written (成文日期).
FIELDS = ("title", "issuing_body", "doc_number", "date", "addressees", "attachments", "region", "region_code")
MAX_TITLE = 60  # a first line longer than this is a paragraph, not a title
MIN_TITLE = 6  # shorter lines with no kind word are page furniture (下载, 打印, 各位代表：)
_JUNK_TITLE = re.compile(r"(?i)microsoft|untitled|^无标题|\.(docx?|wps|pdf|ofd|html?)\b")


def extracted(lines: list[str], furniture: list[bool], *, file_title: str | None, file_name: str) -> dict:
    """The metadata a document states (every field of FIELDS; None where it states nothing)."""
    found: OfficialMetadata = extract(lines, furniture, file_title=file_title)
    title = found.title or _file_title(file_title) or _first_line(lines, furniture) or Path(file_name).stem
    return {
        "title": title[:200],
        "issuing_body": found.issuing_body,
        "doc_number": found.doc_number,
        "date": found.date_written,
        "addressees": found.addressees,
        "attachments": list(found.attachments) or None,
        "region": found.region,
        "region_code": found.region_code,
    }


def _file_title(title: str | None) -> str | None:
    """A title from the file's own metadata, unless it is a program's placeholder."""
    title = (title or "").strip()
    if len(title) >= 2 and has_han(title) and not _JUNK_TITLE.search(title):
        return title
    return None


def _first_line(lines: list[str], furniture: list[bool]) -> str | None:
    """The text's first line as its title, if it reads like one (the old rule, kept for texts
    with no kind word in a title: news items, excerpts). A salutation (各位代表：) is passed over."""
    for line, junk in zip(lines, furniture):
        line = line.strip()
        if junk or not line or (line.endswith(("：", ":")) and len(line) <= 12):
            continue
        if MIN_TITLE <= len(line) <= MAX_TITLE and not line.endswith(("：", ":")) and not re.search(r"[。；！？，]", line):
            return line
        return None  # the text begins with a sentence: no title of its own
    return None


def effective(found: dict, corrections: dict) -> dict:
    """What the library shows: each corrected field as corrected, the others as extracted."""
    out = {f: corrections[f] if f in corrections else found.get(f) for f in FIELDS}
    if "region" in corrections and "region_code" not in corrections:
        place = region_of(corrections["region"]) if corrections["region"] else None
        out["region_code"] = place.code if place else None
    if not out["title"]:
        out["title"] = found.get("title") or "—"
    return out


def to_row(values: dict) -> dict:
    """Values as stored in the documents columns (attachments as a JSON list)."""
    row = dict(values)
    row["attachments"] = json.dumps(values["attachments"], ensure_ascii=False) if values.get("attachments") else None
    return row


def attachments_of(stored: str | None) -> tuple[str, ...]:
    return tuple(json.loads(stored)) if stored else ()


def row_fields(lines: list[str], furniture: list[bool], *, file_title: str | None, file_name: str,
               given: dict) -> tuple[dict, dict]:
    """The documents columns for a new document, and the corrections ``given`` amounts to
    (metadata passed by the caller: --title, a seed's manifest …)."""
    found = extracted(lines, furniture, file_title=file_title, file_name=file_name)
    corrections = {k: v for k, v in given.items() if k in FIELDS and v not in (None, "")}
    return {**to_row(effective(found, corrections)), "extracted": json.dumps(found, ensure_ascii=False)}, corrections


# --- in the library --------------------------------------------------------------------------

def corrections(db: Database, document_id: int) -> dict:
    rows = db.execute("SELECT field, value FROM metadata_corrections WHERE document_id = ?", [document_id]).fetchall()
    return {f: (json.loads(v) if f == "attachments" and v else v) for f, v in rows}


def record(db: Database, document_id: int, changes: dict) -> None:
    """Store user corrections (in the caller's transaction)."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for field, value in changes.items():
        if field not in FIELDS:
            continue
        if field == "attachments" and value is not None:
            value = json.dumps(list(value), ensure_ascii=False)
        db.execute("INSERT OR REPLACE INTO metadata_corrections (document_id, field, value, corrected_at) "
                   "VALUES (?, ?, ?, ?)", [document_id, field, value, now])


def forget(db: Database, document_id: int, fields) -> None:
    """Drop corrections: those fields show the extracted values again."""
    for field in fields:
        db.execute("DELETE FROM metadata_corrections WHERE document_id = ? AND field = ?", [document_id, field])


def recompute(db: Database, document_id: int, found: dict | None = None) -> None:
    """Rewrite the shown columns from the extracted values and the corrections."""
    if found is None:
        (stored,) = db.execute("SELECT extracted FROM documents WHERE id = ?", [document_id]).fetchone()
        found = json.loads(stored) if stored else {}
    values = to_row(effective(found, corrections(db, document_id)))
    db["documents"].update(document_id, {**values, "extracted": json.dumps(found, ensure_ascii=False)})


def refresh(db: Database, document_id: int, row: dict, given: dict) -> None:
    """A re-import of a document already in the library: its extracted metadata replaced by
    ``row``'s (read again now), corrections kept; metadata given with the import is a correction."""
    record(db, document_id, given)
    recompute(db, document_id, json.loads(row["extracted"]))


def correct(db: Database, document_id: int, changes: dict, *, reset=()) -> None:
    """The user's corrections (None clears a field; ``reset`` fields go back to the extracted value)."""
    unknown = [f for f in [*changes, *reset] if f not in FIELDS]
    if unknown:
        raise InputError(unknown[0], f"not a metadata field ({', '.join(FIELDS)})")
    if "title" in changes and not (changes["title"] or "").strip():
        raise InputError("title", "must not be empty")
    forget(db, document_id, reset)
    record(db, document_id, changes)
    recompute(db, document_id)


def lines_of(text: str, paragraphs, excluded) -> tuple[list[str], list[bool]]:
    """A stored document's paragraphs and whether each is furniture (for reading it again)."""
    spans = sorted(excluded)
    lines, furniture = [], []
    for start, end in paragraphs:
        lines.append(text[start:end])
        furniture.append(any(s <= start < e for s, e in spans))
    return lines, furniture


def backfill(db: Database) -> None:
    """Migration: read every document's metadata. Region and date set before (by hand, by a
    flag or a seed's manifest: nothing extracted them then) are kept as corrections, and so is
    a title unless it is what the old rule made (the first short line, the file's name)."""
    docs = db.execute("SELECT id, title, region, date, file_name, text FROM documents").fetchall()
    for doc_id, title, region, date, file_name, text in docs:
        paragraphs = db.execute("SELECT start, end FROM paragraphs WHERE document_id = ? ORDER BY n", [doc_id]).fetchall()
        excluded = db.execute("SELECT start, end FROM excluded WHERE document_id = ?", [doc_id]).fetchall()
        lines, furniture = lines_of(text, paragraphs, excluded)
        found = extracted(lines, furniture, file_title=None, file_name=file_name or "")
        kept = {k: v for k, v in (("region", region), ("date", date)) if v}
        old_default = {Path(file_name or "").stem, next((line for line, f in zip(lines, furniture) if not f), None)}
        if title and title not in old_default and title != found["title"]:
            kept["title"] = title
        record(db, doc_id, kept)
        recompute(db, doc_id, found)
