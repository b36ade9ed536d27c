"""``duidu reuse import DIR``: a Spark job's results (``duidu reuse --engine spark``) into a library.

Reads the job's JSON lines (``OUT/json/…``, see ``duidu.spark.results``; no Spark needed here).
Each job document is matched to a library document by the hash of its stored text, or imported
(its file when the job's folder is still there, else the stored text the job wrote, which cleans
to itself) and matched again; what still does not match is reported, never guessed.

The aligned pairs are stored by both texts' hashes in ``reuse_pairs``, which the in-process
reuse (``library/reuse.py``) serves before aligning anything, so the region view, the reader
and ``duidu reuse`` show the job's passages, families and edges as if computed here. A pair is
served only in the orientation it was aligned in (the document with the lower id as A); where the
library orders two documents the other way it is aligned again here, and the summary says how
many. The window keeps the pairs it aligns in the same table (``keep_pairs``, job ``KEPT_JOB``), so
the region view's network is read, not recomputed, the next time.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from duidu.engine import REVISION
from duidu.library.errors import InputError

if TYPE_CHECKING:
    from duidu.engine.passages import Passage
    from duidu.library.store import Library

TABLE = "reuse_pairs"


@dataclass
class ReuseImport:
    documents: int = 0  # job documents
    matched: int = 0  # already in the library (same stored text)
    imported: int = 0  # added to the library
    unmatched: list = field(default_factory=list)  # (job path, reason)
    pairs: int = 0  # aligned pairs stored
    pairs_unmatched: int = 0  # pairs with a document not in the library
    reversed: int = 0  # pairs the library orders the other way (aligned again when asked)
    passages: int = 0
    documents_by_job_id: dict = field(default_factory=dict)  # job doc → library id

    def to_json(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "documents_by_job_id"}


# The job of the pairs the window aligned; a Spark job's is its folder. Pairs the window kept under
# another engine revision are stale: found again, then replaced.
_KEPT = "window, engine "
KEPT_JOB = _KEPT + REVISION


def _current(job: str | None) -> bool:
    job = job or ""
    return job != "duidu" and (not job.startswith(_KEPT) or job == KEPT_JOB)  # "duidu": kept before revisions


def _ensure_table(db) -> None:
    db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (a_hash TEXT NOT NULL, b_hash TEXT NOT NULL, "
               "passages TEXT NOT NULL, job TEXT, PRIMARY KEY (a_hash, b_hash))")


def _rows(folder: Path) -> list[dict]:
    rows = []
    for part in sorted(folder.glob("part-*")):
        with open(part, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip()]
    return rows


def _job_folder(out: Path) -> str | None:
    """The folder the job read (kept in its stage fingerprint), when it was a folder."""
    try:
        return json.loads((out / "stage" / "job.json").read_text(encoding="utf-8")).get("folder")
    except (OSError, ValueError):
        return None


def import_results(lib: "Library", out: str | os.PathLike) -> ReuseImport:
    """Load the job in ``out`` into ``lib``; what could not be matched is in the summary."""
    from duidu.library.importer import prepare_text

    out = Path(out)
    if not (out / "job.json").is_file() or not (out / "json" / "documents").is_dir():
        raise InputError(str(out), "not the output of a finished Spark job (no job.json and json/documents)")
    folder = _job_folder(out)
    if folder and folder.startswith("file:"):
        folder = folder[len("file:"):]
    summary = ReuseImport()
    docs = sorted(_rows(out / "json" / "documents"), key=lambda d: d["doc"])  # job order: pairs keep their sides
    summary.documents = len(docs)
    by_hash = dict(lib.db.execute("SELECT text_hash, id FROM documents").fetchall())
    for d in docs:
        if d["text_hash"] in by_hash:
            summary.matched += 1
            summary.documents_by_job_id[d["doc"]] = by_hash[d["text_hash"]]
            continue
        source = Path(folder, d["path"]) if folder and d.get("path") else None
        try:
            if source is not None and source.is_file():
                result = lib.import_file(source)
            else:
                name = d.get("path") or f"job document {d['doc']}"
                result = lib.add(prepare_text(d["text"], raw=d["text"], name=name, note="stored text of a Spark job"))
        except InputError as e:
            summary.unmatched.append((d.get("path") or str(d["doc"]), e.reason))
            continue
        h = lib.db.execute("SELECT text_hash FROM documents WHERE id = ?", [result.document.id]).fetchone()[0]
        if h != d["text_hash"]:
            summary.unmatched.append((d.get("path") or str(d["doc"]),
                                      "imported, but its stored text differs from the job's (the file changed?)"))
            continue
        by_hash[h] = result.document.id
        summary.documents_by_job_id[d["doc"]] = result.document.id
        summary.imported += 1 if result.created else 0
        summary.matched += 0 if result.created else 1

    passages: dict[tuple[str, str], list] = {}
    for p in _rows(out / "json" / "passages"):
        passages.setdefault((p["a_hash"], p["b_hash"]), []).append(p)
    job = out.name
    with lib.db.atomic():
        _ensure_table(lib.db)
        for pair in _rows(out / "json" / "pairs"):
            a, b = by_hash.get(pair["a_hash"]), by_hash.get(pair["b_hash"])
            if a is None or b is None:
                summary.pairs_unmatched += 1
                continue
            if a > b:
                summary.reversed += 1
            found = sorted(passages.get((pair["a_hash"], pair["b_hash"]), ()), key=lambda r: r["n"])
            stored = [_passage_dict(r) for r in found]
            lib.db.execute(f"INSERT OR REPLACE INTO {TABLE} (a_hash, b_hash, passages, job) VALUES (?, ?, ?, ?)",
                           [pair["a_hash"], pair["b_hash"], json.dumps(stored, ensure_ascii=False), job])
            summary.pairs += 1
            summary.passages += len(stored)
    return summary


def _passage_dict(r: dict) -> dict:
    """A passages row as written by the job → the fields of ``engine.passages.Passage``."""
    return {"a_start": r["a_start"], "a_end": r["a_end"], "b_start": r["b_start"], "b_end": r["b_end"],
            "a_text": r["a_text"], "b_text": r["b_text"], "similarity": r["similarity"], "kind": r["kind"],
            "a_key": [r["a_key_start"], r["a_key_end"]], "b_key": [r["b_key_start"], r["b_key_end"]],
            "boilerplate": r["boilerplate"], "informativeness": r["informativeness"],
            "partners": json.loads(r.get("partners") or "[]")}


def passage_dict(p: "Passage") -> dict:
    """A passage as stored in ``reuse_pairs`` (what ``passage`` reads back)."""
    return {"a_start": p.a_start, "a_end": p.a_end, "b_start": p.b_start, "b_end": p.b_end, "a_text": p.a_text,
            "b_text": p.b_text, "similarity": p.similarity, "kind": p.kind, "a_key": list(p.a_key),
            "b_key": list(p.b_key), "boilerplate": p.boilerplate, "informativeness": p.informativeness,
            "partners": [{"side": q.side, "start": q.start, "end": q.end, "text": q.text, "key": list(q.key)}
                         for q in p.partners]}


def keep_pairs(lib: "Library", pairs: dict, job: str, *, wait: float | None = 0) -> int:
    """Store aligned pairs (``(a_hash, b_hash)`` → passages) not yet stored, as from ``job``
    (the window keeps the pairs it aligned, so the next reuse serves them); returns how many.
    A cache write: by default taken only when the write lock is free at once (raises
    ``LibraryUnavailable`` otherwise, for the caller to skip)."""
    if not pairs:
        return 0
    with lib.db.atomic(wait=wait):
        _ensure_table(lib.db)
        held = {(a, b) for a, b, j in lib.db.execute(f"SELECT a_hash, b_hash, job FROM {TABLE}") if _current(j)}
        new = [(a, b, json.dumps([passage_dict(p) for p in found], ensure_ascii=False), job)
               for (a, b), found in pairs.items() if (a, b) not in held]
        lib.db.conn.executemany(f"INSERT OR REPLACE INTO {TABLE} (a_hash, b_hash, passages, job) VALUES (?, ?, ?, ?)",
                                new)
    return len(new)


def passage(d: dict) -> "Passage":
    from duidu.engine.passages import Partner, Passage

    return Passage(d["a_start"], d["a_end"], d["b_start"], d["b_end"], d["a_text"], d["b_text"], d["similarity"],
                   d["kind"], tuple(d["a_key"]), tuple(d["b_key"]), d["boilerplate"], d["informativeness"],
                   tuple(Partner(q["side"], q["start"], q["end"], q["text"], tuple(q["key"])) for q in d["partners"]))


def imported_pairs(lib: "Library", hashes) -> dict[tuple[str, str], tuple["Passage", ...]]:
    """Pairs a Spark job aligned among documents with these text hashes: ``(a_hash, b_hash)`` → passages."""
    if not lib.db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [TABLE]).fetchone():
        return {}
    wanted = set(hashes)
    out = {}
    for a, b, stored, job in lib.db.execute(f"SELECT a_hash, b_hash, passages, job FROM {TABLE}"):
        if a in wanted and b in wanted and _current(job):
            out[(a, b)] = tuple(passage(d) for d in json.loads(stored))
    return out
