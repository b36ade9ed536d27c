"""Notes that could not be saved, kept in files until they are put back.

When a note cannot reach the library (the file vanished or was replaced, the disk is full or
read-only, another writer held it too long) the note is written here, one JSON file each, in
the user-data folder's ``recovery/`` (not beside the library: that folder may be what is gone).
The next start offers them back (the window asks; ``duidu notes recover`` on the command line);
a record is deleted only once its note is in a library.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from duidu.library.annotations import Annotation
    from duidu.library.store import Library

FOLDER = "recovery"


def folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path("duidu", appauthor=False) / FOLDER


@dataclass(frozen=True)
class Recovered:
    path: Path  # the record's file
    record: dict

    @property
    def summary(self) -> str:
        r = self.record
        quotes = " / ".join(t.get("quote") or f"{t['start']}–{t['end']}" for t in r["targets"])
        note = r.get("note") or ""
        return f"{quotes[:60]}{': ' + note[:60] if note else ''}"


def _write(where: Path, name: str, data: bytes) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    final = where / name
    tmp = where / f".{name}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, final)
    return final


def keep(library: Path, record: dict, reason: str) -> Path:
    """Write ``record`` (a note's kind, targets, text, codes, annotator) to a recovery file; its path.

    Falls back to the temporary folder when the user-data folder cannot be written either."""
    stamp = datetime.now(timezone.utc)
    record = {**record, "library": str(Path(library).absolute()), "reason": reason,
              "failed_at": stamp.isoformat(timespec="seconds")}
    data = json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8")
    name = f"note-{stamp:%Y%m%d-%H%M%S}-{time.time_ns() % 10**9:09d}-{secrets.token_hex(3)}.json"  # sorts oldest first
    try:
        return _write(folder(), name, data)
    except OSError:
        return _write(Path(tempfile.gettempdir()) / "duidu-recovery", name, data)


def pending(library: Path | None = None) -> list[Recovered]:
    """Kept notes, oldest first (only those meant for ``library`` when given)."""
    found = []
    try:
        files = sorted(folder().glob("note-*.json"))
    except OSError:
        return []
    wanted = None if library is None else str(Path(library).absolute())
    for path in files:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict) and (wanted is None or record.get("library") == wanted):
            found.append(Recovered(path, record))
    return found


def restore(lib: "Library", kept: Recovered) -> "Annotation":
    """Put a kept note into ``lib`` (codes that no longer exist are left off) and delete its file."""
    r = kept.record
    known = {c.id for c in lib.codes()}
    codes = [c for c in r.get("code_ids") or () if c in known]
    t = [{**x, "document_id": _document(lib, x)} for x in r["targets"]]
    if r["kind"] == "update":
        note = lib.update_annotation(r["annotation_id"], note=r.get("note"),
                                     code_ids=None if r.get("code_ids") is None else codes)
    elif r["kind"] == "comparison":
        note = lib.link(t[0]["document_id"], t[0]["start"], t[0]["end"], t[1]["document_id"], t[1]["start"],
                        t[1]["end"], note=r.get("note", ""), code_ids=codes, annotator=r["annotator"])
    else:
        note = lib.annotate(t[0]["document_id"], t[0]["start"], t[0]["end"], code_ids=codes,
                            note=r.get("note", ""), annotator=r["annotator"])
    kept.path.unlink(missing_ok=True)
    return note


def discard(kept: Recovered) -> None:
    kept.path.unlink(missing_ok=True)


def _document(lib: "Library", target: dict) -> int:
    """The document the note was on: by its text when the library numbers it differently now."""
    if target.get("text_hash"):
        row = lib.db.execute("SELECT id FROM documents WHERE text_hash = ?", [target["text_hash"]]).fetchone()
        if row:
            return row[0]
    return target["document_id"]
