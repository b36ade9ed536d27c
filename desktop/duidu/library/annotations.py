"""Notes on passages: the records and the SQL behind them.

An annotation is a passage note (one target) or a comparison note linking a passage of one
document with a passage of another (two targets). A target keeps its quote, the 32 characters
either side and the hash of the text it is anchored in, so that when its document is revised
the passage can be found again (``anchoring``). Every function runs inside the caller's
transaction; validation raises ``InputError`` before anything is written.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from sqlite_utils import Database

from duidu.library import codebook
from duidu.library.anchoring import AnchorDetail, AnchorReport, context, reanchor
from duidu.library.errors import InputError, one_line

KINDS = ("passage", "comparison")
STATUSES = ("anchored", "orphan")


@dataclass(frozen=True)
class Target:
    document_id: int
    start: int  # code points of the document's stored text
    end: int
    quote: str  # text[start:end] when anchored
    prefix: str  # up to 32 characters before
    suffix: str  # up to 32 characters after
    doc_hash: str  # the text_hash of the text it was last anchored in
    status: str  # anchored | orphan


@dataclass(frozen=True)
class Annotation:
    id: int
    guid: str
    kind: str  # passage | comparison
    targets: tuple[Target, ...]  # one for a passage; (A, B) for a comparison
    code_ids: tuple[int, ...]  # ascending
    note: str
    annotator: str
    created_at: str  # ISO-8601, UTC
    updated_at: str

    @property
    def orphaned(self) -> bool:
        return any(t.status == "orphan" for t in self.targets)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# -- checks ----------------------------------------------------------------------------
def target(db: Database, document_id: int, start: int, end: int) -> Target:
    """A new target on ``[start, end)`` of a document's stored text, quote and context taken from it."""
    row = db.execute("SELECT text, text_hash FROM documents WHERE id = ?", [document_id]).fetchone()
    if row is None:
        raise InputError(f"document {document_id}", "no such document in the library")
    text, text_hash = row
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        raise InputError("span", f"offsets must be whole numbers, not {start!r}–{end!r}")
    if not 0 <= start < end <= len(text):
        raise InputError("span", f"{start}–{end} is not a passage of document {document_id} ({len(text)} characters)")
    quote, prefix, suffix = context(text, start, end)
    if not quote.strip():
        raise InputError("span", f"{start}–{end} of document {document_id} is only blank space")
    return Target(document_id, start, end, quote, prefix, suffix, text_hash, "anchored")


def check_note(note) -> str:
    if not isinstance(note, str):
        raise InputError("note", "must be text")
    return note


def check_annotator(annotator) -> str:
    return one_line(annotator, "annotator", "a note needs an annotator's name", "must be one line")


# -- writing ---------------------------------------------------------------------------
def insert(db: Database, kind: str, targets: tuple[Target, ...], code_ids: tuple[int, ...], note: str,
           annotator: str, *, id: int | None = None, guid: str | None = None,
           created_at: str | None = None, updated_at: str | None = None) -> int:
    if kind not in KINDS:
        raise InputError("kind", f"{kind!r} is not a kind of note ({', '.join(KINDS)})")
    if len(targets) != (1 if kind == "passage" else 2):
        raise InputError(kind, f"a {kind} note has {1 if kind == 'passage' else 2} target(s), not {len(targets)}")
    stamp = now()
    row = {"guid": guid or str(uuid.uuid4()), "kind": kind, "note": note, "annotator": annotator,
           "created_at": created_at or stamp, "updated_at": updated_at or created_at or stamp}
    if id is not None:
        row["id"] = id
    annotation_id = db["annotations"].insert(row).last_pk
    db["targets"].insert_all(
        {"annotation_id": annotation_id, "n": n, "document_id": t.document_id, "doc_hash": t.doc_hash,
         "start": t.start, "end": t.end, "quote": t.quote, "prefix": t.prefix, "suffix": t.suffix,
         "status": t.status}
        for n, t in enumerate(targets)
    )
    set_codes(db, annotation_id, code_ids)
    return annotation_id


def set_codes(db: Database, annotation_id: int, code_ids: tuple[int, ...]) -> None:
    db.execute("DELETE FROM annotation_codes WHERE annotation_id = ?", [annotation_id])
    db.conn.executemany("INSERT INTO annotation_codes (annotation_id, code_id) VALUES (?, ?)",
                        [(annotation_id, c) for c in code_ids])


def update(db: Database, annotation_id: int, *, note: str | None = None, code_ids: tuple[int, ...] | None = None) -> None:
    old = get(db, annotation_id)
    changes = {}
    if note is not None and note != old.note:
        changes["note"] = note
    if changes or (code_ids is not None and code_ids != old.code_ids):
        db["annotations"].update(annotation_id, {**changes, "updated_at": now()})
        if code_ids is not None:
            set_codes(db, annotation_id, code_ids)


def set_target(db: Database, annotation_id: int, n: int, t: Target) -> None:
    """Put target ``n`` of a note on another passage (re-placing an orphan by hand, or undoing that)."""
    old = get(db, annotation_id)
    if not 0 <= n < len(old.targets):
        raise InputError(f"note {annotation_id}", f"has no passage {n + 1}")
    db.execute(
        'UPDATE targets SET document_id = ?, start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?, doc_hash = ?, '
        "status = ? WHERE annotation_id = ? AND n = ?",
        [t.document_id, t.start, t.end, t.quote, t.prefix, t.suffix, t.doc_hash, t.status, annotation_id, n],
    )
    db["annotations"].update(annotation_id, {"updated_at": now()})


def restore(db: Database, annotation: Annotation) -> None:
    """Put a deleted annotation back with its id and guid; a target whose document has been
    revised since is found again in the new text first."""
    if db.execute("SELECT 1 FROM annotations WHERE id = ? OR guid = ?", [annotation.id, annotation.guid]).fetchone():
        raise InputError(f"annotation {annotation.id}", "is already in the library")
    targets = []
    for t in annotation.targets:
        row = db.execute("SELECT text, text_hash FROM documents WHERE id = ?", [t.document_id]).fetchone()
        if row is None:
            raise InputError(f"document {t.document_id}", "no such document in the library")
        targets.append(t if row[1] == t.doc_hash else _moved(t, row[0], row[1])[0])
    insert(db, annotation.kind, tuple(targets), codebook.require(db, annotation.code_ids),
           check_note(annotation.note), check_annotator(annotation.annotator), id=annotation.id,
           guid=annotation.guid, created_at=annotation.created_at, updated_at=annotation.updated_at)


def delete(db: Database, annotation_id: int) -> None:
    db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])  # targets and tags cascade


def _moved(t: Target, text: str, text_hash: str):
    """``t`` placed in ``text`` (a new version of its document), and how it was found."""
    anchor = reanchor(text, t.quote, t.prefix, t.suffix, t.start, t.end)
    if anchor.outcome == "orphaned":
        return replace(t, status="orphan"), anchor
    quote, prefix, suffix = context(text, anchor.start, anchor.end)
    return Target(t.document_id, anchor.start, anchor.end, quote, prefix, suffix, text_hash, "anchored"), anchor


def reanchor_document(db: Database, document_id: int, text: str, text_hash: str, *, write: bool = True) -> AnchorReport:
    """Find every target on ``document_id`` again in its new ``text``; orphans keep their old place."""
    rows = db.execute(
        f'SELECT annotation_id, n, {_TARGET_COLUMNS} FROM targets WHERE document_id = ? ORDER BY annotation_id, n',
        [document_id],
    ).fetchall()
    details = []
    for annotation_id, n, *fields in rows:
        old = Target(*fields)
        new, anchor = _moved(old, text, text_hash)
        details.append(AnchorDetail(annotation_id, n, anchor.outcome, old.start, old.end, new.start, new.end,
                                    new.quote, anchor.similarity))
        if write and new != old:
            db.execute(
                'UPDATE targets SET start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?, doc_hash = ?, status = ? '
                "WHERE annotation_id = ? AND n = ?",
                [new.start, new.end, new.quote, new.prefix, new.suffix, new.doc_hash, new.status, annotation_id, n],
            )
    return AnchorReport.of(details)


# -- reading ---------------------------------------------------------------------------
_TARGET_COLUMNS = 'document_id, start, "end", quote, prefix, suffix, doc_hash, status'


def get(db: Database, annotation_id: int) -> Annotation:
    found = _load(db, "a.id = ?", [annotation_id])
    if not found:
        raise InputError(f"annotation {annotation_id}", "no such annotation")
    return found[0]


def find(db: Database, *, document_id: int | None = None, code_ids: list[int] | None = None,
         annotator: str | None = None, region: str | None = None, orphans: bool | None = None) -> list[Annotation]:
    """Annotations matching every filter given; ``orphans`` True: only those with an orphaned
    target, False: only those without."""
    where, params = [], []
    if document_id is not None:
        where.append("EXISTS (SELECT 1 FROM targets t WHERE t.annotation_id = a.id AND t.document_id = ?)")
        params.append(document_id)
    if code_ids is not None:
        marks = ",".join("?" * len(code_ids)) or "NULL"
        where.append(f"EXISTS (SELECT 1 FROM annotation_codes c WHERE c.annotation_id = a.id AND c.code_id IN ({marks}))")
        params.extend(code_ids)
    if annotator is not None:
        where.append("a.annotator = ?")
        params.append(annotator)
    if region is not None:
        where.append("EXISTS (SELECT 1 FROM targets t JOIN documents d ON d.id = t.document_id "
                     "WHERE t.annotation_id = a.id AND d.region = ?)")
        params.append(region)
    if orphans is not None:
        where.append(("" if orphans else "NOT ") +
                     "EXISTS (SELECT 1 FROM targets t WHERE t.annotation_id = a.id AND t.status = 'orphan')")
    found = _load(db, " AND ".join(where) or "1", params)

    def order(a: Annotation):  # by place in the document asked for, else in the first target's
        t = next((t for t in a.targets if t.document_id == document_id), a.targets[0])
        return (t.document_id, t.start, a.id)

    return sorted(found, key=order)


def matches_text(annotation: Annotation, text: str) -> bool:
    """``text`` occurs in a quote or the note: as typed (ignoring case), or in any script."""
    from duidu.text.keyform import query_key  # late: loads the script tables

    needle, key = text.casefold(), query_key(text)
    for hay in (annotation.note, *(t.quote for t in annotation.targets)):
        if needle in hay.casefold() or (key and key in query_key(hay)):
            return True
    return False


def annotators(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT annotator FROM annotations ORDER BY annotator")]


def _load(db: Database, where: str, params: list) -> list[Annotation]:
    sub = f"SELECT a.id FROM annotations a WHERE {where}"
    targets: dict[int, list[Target]] = {}
    for annotation_id, *fields in db.execute(
        f"SELECT annotation_id, {_TARGET_COLUMNS} FROM targets WHERE annotation_id IN ({sub}) ORDER BY annotation_id, n",
        params,
    ):
        targets.setdefault(annotation_id, []).append(Target(*fields))
    tags: dict[int, list[int]] = {}
    for annotation_id, code_id in db.execute(
        f"SELECT annotation_id, code_id FROM annotation_codes WHERE annotation_id IN ({sub}) ORDER BY code_id", params
    ):
        tags.setdefault(annotation_id, []).append(code_id)
    rows = db.execute(
        f"SELECT a.id, a.guid, a.kind, a.note, a.annotator, a.created_at, a.updated_at FROM annotations a "
        f"WHERE {where} ORDER BY a.id",
        params,
    )
    return [Annotation(i, guid, kind, tuple(targets.get(i, ())), tuple(tags.get(i, ())), note, who, created, updated)
            for i, guid, kind, note, who, created, updated in rows]
