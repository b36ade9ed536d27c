"""The library: one SQLite file, and the only door to it (the CLI and the UI both use this).

WAL and foreign keys are on; each user action is one transaction; a new library is created
on first use and the seeds (and the default codebook) are imported into it; an existing one is
backed up when opened after a change. Notes and codes are handled in ``annotations`` and
``codebook``, a document's derived rows in ``derived``: the methods here check and delegate.
"""

from __future__ import annotations

import errno
from contextlib import contextmanager
import os
import re
import sqlite3
import threading
from datetime import date as _calendar_date
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from duidu.library import annotations, backups, codebook, derived, faults, metadata, recovery, schema
from duidu.library.anchoring import AnchorReport
from duidu.library.annotations import Annotation, Target
from duidu.library.codebook import Code, CodeRemoval
from duidu.library.documents import Document, DocumentText, ExcludedRange, ImportResult, Range
from duidu.library.engine_cache import CachedMentions, documents_with, engine_document, load_mentions
from duidu.engine.per_document import per_document
from duidu.library.errors import InputError, database_reason
from duidu.library.location import library_path
from duidu.library.search import SearchHit, search
from duidu.library import similar_index
from duidu.library.similar_index import SimilarHit
from duidu.library.transactions import BUSY_WAIT_MS, LibraryDatabase, LibraryUnavailable
from duidu.library.views import ScriptView, script_view

if TYPE_CHECKING:  # the import pipeline and the engine load only when used
    from duidu.engine.boilerplate import Boilerplate
    from duidu.engine.compare import Comparison
    from duidu.engine.document import EngineDocument
    from duidu.engine.measures import MeasureMention, MeasureRow
    from duidu.engine.similarity import Similarity
    from duidu.library.agreement import TagAgreement
    from duidu.library.importer import PreparedDocument
    from duidu.library.notes_export import ExportSummary
    from duidu.library.qdc import CodebookImport
    from duidu.library.qdpx import ImportSummary

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_UNSET = object()
CODEBOOKS = ("default", "empty")  # what a new library's codebook starts as
SETUP_WAIT_MS = 120_000  # another Duidu creating and seeding the same new library: wait for it

_DOC_COLUMNS = (
    "id, title, region, date, source, author, kind, file_name, format, encoding, "
    "script, script_confidence, text_length AS length, seed, "
    "issuing_body, doc_number, addressees, attachments, region_code"
)


def _read_mentions(doc: "EngineDocument", db) -> tuple:
    return tuple(load_mentions(db, doc.id))


_stored_mentions = per_document(_read_mentions)


def _backup_apart(path: Path, before: list[int] | None, interval: float) -> None:
    """``backups.backup_if_changed`` on its own connection (a connection stays on its thread)."""
    conn = sqlite3.connect(path)
    try:
        backups.backup_if_changed(conn, path, before, min_interval=interval)
    finally:
        conn.close()


class Library:
    def __init__(self, db: LibraryDatabase, path: Path) -> None:
        self.db = db
        self.path = path
        self._boilerplate: tuple[tuple, "Boilerplate"] | None = None  # (library state, test with its cache)
        # Engine documents handed out again while unchanged: what is read from one once (indicators,
        # figures, quoted names) is kept with it for every comparison (engine/per_document.py).
        self._engine_docs: dict[int, tuple[tuple, "EngineDocument"]] = {}
        self.backup_thread: threading.Thread | None = None  # a backup being taken apart (``background_backup``)

    # -- opening ------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike | None = None, *, seed: bool = True, codebook: str = "default",
             backup: bool = True, backup_interval: float = 0, background_backup: bool = False) -> "Library":
        """Open (creating and seeding on first use) the library at ``path`` or the default.

        ``codebook``: "default" gives a new library (or one migrated from before notes) the
        default codebook, "empty" none. ``backup``: copy the library first if it has changed
        since the last backup (and passes ``PRAGMA quick_check``); ``backup_interval``: not
        while the newest backup is younger than that many seconds (the command line's 600).
        """
        if codebook not in CODEBOOKS:
            raise InputError("codebook", f"{codebook!r} is not a codebook to start from ({', '.join(CODEBOOKS)})")
        p = library_path(path)
        if p.is_dir():
            raise InputError(str(p), "is a directory, not a library file")
        db = None
        try:
            _check_place(p)
            before = backups.fingerprint(p) if backup else None  # before opening touches the log
            db = LibraryDatabase(p)
            db.execute("PRAGMA foreign_keys = ON")
            current = schema.version(db)  # read before anything writes: a newer library stays byte for byte
            if current > schema.LATEST:
                raise InputError(str(p), f"library schema version {current} is newer than this Duidu understands "
                                         f"({schema.LATEST}); upgrade Duidu")
            if backup and 0 < current and before is not None and backups.changed_since_backup(p, before):
                problem = backups.check(db.conn)  # a damaged library stops here, before anything writes to it
                if problem != "ok":
                    raise backups.damaged(p, problem)
                backups.found_good(p, before)
            db.enable_wal()
            db.remember_identity()
            lib = cls(db, p)
            if 0 < current <= schema.LATEST:  # a library this Duidu can read: keep a copy first
                if background_backup:  # the window: copying a large library must not hold up its start
                    lib.backup_thread = threading.Thread(target=_backup_apart, args=(p, before, backup_interval),
                                                         name="duidu-backup", daemon=True)
                    lib.backup_thread.start()
                else:
                    backups.backup_if_changed(db.conn, p, before, min_interval=backup_interval)
            if current == schema.LATEST:
                if derived.missing(db):  # restored from a backup, which leaves derived rows out
                    with db.atomic():
                        derived.rebuild(db, derived.missing(db))
                return lib  # set up already: reading needs no write lock
            # Creating, migrating and seeding are one write transaction: two processes
            # opening a new library wait for each other, and an interrupted first run
            # leaves an empty file that the next run sets up again.
            # Seeding takes seconds on a slow machine, longer than a write normally waits.
            db.execute(f"PRAGMA busy_timeout = {SETUP_WAIT_MS}")
            db.execute("BEGIN IMMEDIATE")
            try:
                started = schema.migrate(db, str(p))
                if started == 0 and seed:
                    from duidu.library.seeds import import_seeds

                    import_seeds(lib)
                if codebook == "default" and started < schema.NOTES and lib.codebook_is_empty():
                    lib.load_default_codebook()
                db.execute("COMMIT")
            except BaseException:
                db.rollback()
                raise
            finally:
                db.execute(f"PRAGMA busy_timeout = {BUSY_WAIT_MS}")
        except BaseException as exc:
            if db is not None:
                db.close()
            if isinstance(exc, InputError):
                raise
            if isinstance(exc, sqlite3.OperationalError):
                raise InputError(str(p), database_reason(exc)) from None
            if isinstance(exc, sqlite3.DatabaseError):
                raise backups.damaged(p, str(exc)) from None
            if isinstance(exc, OSError):
                raise InputError(str(p), _os_reason(exc)) from None
            raise
        return lib

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading ------------------------------------------------------------------
    def documents(self) -> list[Document]:
        rows = self.db.query(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY id")
        return [Document.from_row(r) for r in rows]

    def document(self, document_id: int) -> Document:
        rows = list(self.db.query(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", [document_id]))
        if not rows:
            raise InputError(str(document_id), "no such document in the library")
        return Document.from_row(rows[0])

    def resolve(self, ref: str) -> Document:
        """A document by id, file name, or unique title prefix."""
        ref = ref.strip()
        if ref.isdigit():
            rows = list(self.db.query(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", [int(ref)]))
            if rows:
                return Document.from_row(rows[0])
        for where in ("file_name = ?", "title = ?", "substr(title, 1, length(?)) = ?"):
            params = [ref] if where.count("?") == 1 else [ref, ref]
            rows = list(self.db.query(f"SELECT {_DOC_COLUMNS} FROM documents WHERE {where} ORDER BY id", params))
            if len(rows) == 1:
                return Document.from_row(rows[0])
            if len(rows) > 1:
                ids = ", ".join(f"{r['id']} ({r['title']})" for r in rows[:5])
                raise InputError(ref, f"matches {len(rows)} documents: {ids}; use an id")
        raise InputError(ref, "no document with that id, file name or title")

    def text(self, document_id: int) -> DocumentText:
        doc = self.document(document_id)
        (text,) = self.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()

        def spans(table: str, extra: str = "") -> list[tuple]:
            sql = f"SELECT start, end{extra} FROM {table} WHERE document_id = ? ORDER BY n"
            return self.db.execute(sql, [document_id]).fetchall()

        return DocumentText(
            document=doc,
            text=text,
            paragraphs=tuple(Range(*r) for r in spans("paragraphs")),
            sentences=tuple(Range(*r) for r in spans("sentences")),
            excluded=tuple(ExcludedRange(*r) for r in spans("excluded", ", reason")),
        )

    def pages(self, document_id: int) -> tuple[int | None, ...]:
        """The page each paragraph (in order) starts on, for a citation ("p. 3"); None where the
        document came from a format without pages."""
        self.document(document_id)
        return tuple(r[0] for r in self.db.execute(
            "SELECT page FROM paragraphs WHERE document_id = ? ORDER BY n", [document_id]))

    def raw_text(self, document_id: int) -> str:
        """The file's text exactly as decoded (provenance; offsets never refer to it)."""
        from duidu.library.importer import unpack_text

        self.document(document_id)
        raw, text = self.db.execute("SELECT raw_text, text FROM documents WHERE id = ?", [document_id]).fetchone()
        return unpack_text(raw, against=text)

    def view(self, document_id: int, script: str) -> ScriptView:
        self.document(document_id)  # a clear error for an unknown id
        return script_view(self.db, document_id, script)

    def search(self, query: str, *, document_id: int | None = None, limit: int = 100) -> list[SearchHit]:
        return search(self.db, query, document_id=document_id, limit=limit)

    def similar(self, text: str, *, document_id: int | None = None, top: int = 10) -> list[SimilarHit]:
        """Passages most like ``text`` (any script, reworded too), best first; [] for an empty query."""
        return similar_index.similar(self.db, text, document_id=document_id, top=top)

    # -- comparing ----------------------------------------------------------------
    def engine_document(self, document_id: int) -> "EngineDocument":
        """The engine's view of a document; the same object while its text, furniture and names stay."""
        self.document(document_id)
        state = self.db.execute(
            "SELECT d.text_hash, d.title, d.region, COUNT(e.n), SUM(e.start), SUM(e.\"end\") FROM documents d "
            "LEFT JOIN excluded e ON e.document_id = d.id WHERE d.id = ?", [document_id]).fetchone()
        kept = self._engine_docs.get(document_id)
        if kept is None or kept[0] != tuple(state):
            if len(self._engine_docs) >= 64:  # a library's worth of comparisons, not all of it
                self._engine_docs.pop(next(iter(self._engine_docs)))
            kept = self._engine_docs[document_id] = (tuple(state), engine_document(self.db, document_id))
        return kept[1]

    def boilerplate(self) -> "Boilerplate":
        """The boilerplate test bound to this library's document frequencies.

        Kept while the library's documents stay the same (another connection's commit moves
        ``data_version``; this one's imports and revisions drop it), so its per-stretch
        frequency cache serves every comparison instead of being rebuilt for each."""
        from duidu.engine.boilerplate import Boilerplate

        (version,) = self.db.execute("PRAGMA data_version").fetchone()
        count, last = self.db.execute("SELECT COUNT(*), MAX(id) FROM documents").fetchone()
        state = (version, count, last)
        if self._boilerplate is None or self._boilerplate[0] != state:
            self._boilerplate = (state, Boilerplate(count, lambda key: documents_with(self.db, key)))
        return self._boilerplate[1]

    def compare(self, a_id: int, b_id: int, **options) -> "Comparison":
        """The engine's full analysis of a pair (options as ``engine.compare.compare``)."""
        from duidu.engine.compare import compare

        a, b = self.engine_document(a_id), self.engine_document(b_id)
        mentions = {d.id: _stored_mentions(d, self.db) for d in (a, b)}  # read once per document
        return compare(a, b, is_boilerplate=self.boilerplate(), mentions=mentions, **options)

    def mentions(self, document_id: int) -> "list[MeasureMention]":
        """The measures a document states, as extracted at import."""
        self.document(document_id)
        return load_mentions(self.db, document_id)

    def measure_table(self, ids: list[int]) -> "list[MeasureRow]":
        """Measure × document for ``ids``, grouped by category (cached mentions)."""
        from types import SimpleNamespace

        from duidu.engine.measures import measure_table

        for i in ids:
            self.document(i)  # a clear error for an unknown id
        # Only ids and the cached mentions, read one document at a time: the table over a whole
        # library holds its spans, never every document's text (memory that grew with the library).
        return measure_table([SimpleNamespace(id=i) for i in ids], CachedMentions(self.db))

    def similarity_matrix(self, ids: list[int], *, progress=None, cancel=None) -> dict[tuple[int, int], "Similarity"]:
        """Similarity and containment for every pair of ``ids`` (shared passages only)."""
        from duidu.engine.passages import find_passages
        from duidu.engine.progress import checkpoint
        from duidu.engine.similarity import similarity

        docs = {i: self.engine_document(i) for i in ids}
        boilerplate = self.boilerplate()
        pairs = [(a, b) for n, a in enumerate(ids) for b in ids[n + 1 :]]
        out = {}
        for k, (a, b) in enumerate(pairs):
            checkpoint(k / max(1, len(pairs)), progress, cancel)
            found = find_passages(docs[a], docs[b], is_boilerplate=boilerplate, cancel=cancel)
            out[(a, b)] = similarity(found, len(docs[a].keyform.text), len(docs[b].keyform.text))
        return out

    # -- writing ------------------------------------------------------------------
    def import_file(
        self,
        path: str | os.PathLike,
        *,
        encoding: str | None = None,
        metadata: dict | None = None,
        seed: bool = False,
    ) -> ImportResult:
        """Import one file; the same content already present is recognised, not duplicated."""
        from duidu.library.importer import prepare

        prepared = prepare(path, encoding=encoding, metadata=metadata, seed=seed)
        return self.add(prepared)

    def add(self, prepared: "PreparedDocument") -> ImportResult:
        self._boilerplate = None  # the library's frequencies change
        existing = self.db.execute("SELECT id FROM documents WHERE text_hash = ?", [prepared.text_hash]).fetchone()
        if existing:  # read its metadata again (corrections kept)
            with self.db.atomic():
                metadata.refresh(self.db, existing[0], prepared.row, prepared.corrections)
            return self._result(self.document(existing[0]), False, prepared)
        with self.db.atomic():
            again = self.db.execute("SELECT id FROM documents WHERE text_hash = ?", [prepared.text_hash]).fetchone()
            if again:  # another Duidu stored the same text while this one prepared it (it waited for the lock)
                return self._result(self.document(again[0]), False, prepared)
            doc_id = self.db["documents"].insert(prepared.row).last_pk
            metadata.record(self.db, doc_id, prepared.corrections)
            derived.write(self.db, doc_id, prepared)
        return self._result(self.document(doc_id), True, prepared)

    def revise(self, document_id: int, path: str | os.PathLike, *, encoding: str | None = None) -> AnchorReport:
        """Replace a document's text with a revised version of it (same id, metadata kept),
        rebuild everything derived from the text and find its notes again, in one transaction."""
        self._boilerplate = None  # the library's frequencies change
        from duidu.library.importer import prepare

        self.document(document_id)
        return derived.revise(self.db, document_id, prepare(path, encoding=encoding))

    def update_metadata(self, document_id: int, *, title=_UNSET, region=_UNSET, date=_UNSET, source=_UNSET,
                        issuing_body=_UNSET, doc_number=_UNSET, addressees=_UNSET, attachments=_UNSET,
                        reset=()) -> Document:
        """Change only the given fields in one transaction; "" clears a field (not the title).
        Official metadata changes are kept as corrections (a re-import keeps them); ``reset``
        names fields that go back to what was extracted from the text."""
        self.document(document_id)
        changes = {}
        if title is not _UNSET:
            if not (title or "").strip():
                raise InputError("title", "must not be empty")
            changes["title"] = title.strip()
        for name, value in (("region", region), ("date", date), ("source", source), ("issuing_body", issuing_body),
                            ("doc_number", doc_number), ("addressees", addressees)):
            if value is not _UNSET:
                changes[name] = (value or "").strip() or None
        if attachments is not _UNSET:
            changes["attachments"] = [a.strip() for a in attachments or () if a.strip()] or None
        if changes.get("date") is not None and not _valid_date(changes["date"]):
            raise InputError("date", f"{changes['date']!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if changes or reset:
            with self.db.atomic():
                if "source" in changes:
                    self.db["documents"].update(document_id, {"source": changes.pop("source")})
                metadata.correct(self.db, document_id, changes, reset=reset)
        return self.document(document_id)

    # -- notes ----------------------------------------------------------------------
    def annotate(self, document_id: int, start: int, end: int, *, code_ids=(), note: str = "",
                 annotator: str) -> Annotation:
        """A note on ``[start, end)`` of a document's stored text; quote and context come from it."""
        with self._keeping("passage", [(document_id, start, end)], note, code_ids, annotator), self.db.atomic():
            target = annotations.target(self.db, document_id, start, end)
            new = annotations.insert(self.db, "passage", (target,), codebook.require(self.db, code_ids),
                                     annotations.check_note(note), annotations.check_annotator(annotator))
        return self.annotation(new)

    def link(self, a_doc: int, a_start: int, a_end: int, b_doc: int, b_start: int, b_end: int, *,
             note: str = "", code_ids=(), annotator: str) -> Annotation:
        """A comparison note joining a passage of one document with a passage of another."""
        with self._keeping("comparison", [(a_doc, a_start, a_end), (b_doc, b_start, b_end)], note, code_ids,
                           annotator), self.db.atomic():
            targets = (annotations.target(self.db, a_doc, a_start, a_end), annotations.target(self.db, b_doc, b_start, b_end))
            new = annotations.insert(self.db, "comparison", targets, codebook.require(self.db, code_ids),
                                     annotations.check_note(note), annotations.check_annotator(annotator))
        return self.annotation(new)

    def update_annotation(self, annotation_id: int, *, code_ids=None, note: str | None = None) -> Annotation:
        """Replace a note's text and/or its codes (None: unchanged)."""
        with self._keeping("update", [], note, code_ids, "", annotation_id), self.db.atomic():
            annotations.get(self.db, annotation_id)
            annotations.update(self.db, annotation_id, note=None if note is None else annotations.check_note(note),
                               code_ids=None if code_ids is None else codebook.require(self.db, code_ids))
        return self.annotation(annotation_id)

    def delete_annotation(self, annotation_id: int) -> Annotation:
        """Delete a note; returns it as it was (``restore_annotation`` puts it back)."""
        with self.db.atomic():
            gone = annotations.get(self.db, annotation_id)
            annotations.delete(self.db, annotation_id)
        return gone

    def place_target(self, annotation_id: int, n: int, document_id: int, start: int, end: int) -> Annotation:
        """Anchor passage ``n`` (0, or 1 for a comparison note's second side) of a note at a new span:
        how an orphan is placed again by hand. ``restore_target`` with the old target undoes it."""
        with self.db.atomic():
            annotations.set_target(self.db, annotation_id, n, annotations.target(self.db, document_id, start, end))
        return self.annotation(annotation_id)

    def restore_target(self, annotation_id: int, n: int, target: Target) -> Annotation:
        """Put back a target exactly as it was (its status and offsets too)."""
        with self.db.atomic():
            annotations.set_target(self.db, annotation_id, n, target)
        return self.annotation(annotation_id)

    def restore_annotation(self, annotation: Annotation) -> Annotation:
        """Undo ``delete_annotation``: the same id, guid, targets, codes and times."""
        with self.db.atomic():
            annotations.restore(self.db, annotation)
        return self.annotation(annotation.id)

    def annotation(self, annotation_id: int) -> Annotation:
        return annotations.get(self.db, annotation_id)

    @contextmanager
    def _keeping(self, kind: str, spans: list[tuple[int, int, int]], note, code_ids, annotator,
                 annotation_id: int | None = None) -> Iterator[None]:
        """A note that cannot reach the library goes to a recovery file, and the error says where."""
        try:
            yield
        except (LibraryUnavailable, sqlite3.OperationalError, sqlite3.DatabaseError) as exc:
            reason = exc.reason if isinstance(exc, InputError) else database_reason(exc)
            targets = []
            for doc, start, end in spans:
                t = {"document_id": doc, "start": start, "end": end}
                try:  # the old file may still be readable through this connection: enough to name the passage
                    t["title"], t["quote"], t["text_hash"] = self.db.execute(
                        "SELECT title, substr(text, ? + 1, ? - ?), text_hash FROM documents WHERE id = ?",
                        [start, end, start, doc]).fetchone()
                except (sqlite3.Error, TypeError):
                    pass
                targets.append(t)
            record = {"kind": kind, "targets": targets, "note": note, "code_ids": None if code_ids is None else list(code_ids),
                      "annotator": annotator, "annotation_id": annotation_id}
            kept = recovery.keep(self.path, record, reason)
            raise LibraryUnavailable(str(self.path), f"{reason}. The note was not saved: it is kept in {kept} "
                                                     "and offered back on the next start") from None

    def annotations(self, *, document_id: int | None = None, code_id: int | None = None, annotator: str | None = None,
                    region: str | None = None, text: str | None = None, include_orphans: bool = True) -> list[Annotation]:
        """Notes matching every filter given, in document order. ``code_id`` counts the codes under
        it too; ``text`` is looked for in quotes and notes, in any script."""
        if document_id is not None:
            self.document(document_id)
        codes = None if code_id is None else codebook.subtree(self.db, codebook.get(self.db, code_id).id)
        found = annotations.find(self.db, document_id=document_id, code_ids=codes, annotator=annotator, region=region,
                                 orphans=None if include_orphans else False)
        if text and text.strip():
            found = [a for a in found if annotations.matches_text(a, text.strip())]
        return found

    def orphans(self) -> list[Annotation]:
        """Notes with a passage that could not be found again after a revision."""
        return annotations.find(self.db, orphans=True)

    def annotators(self) -> list[str]:
        return annotations.annotators(self.db)

    # -- the codebook -----------------------------------------------------------------
    def codes(self) -> list[Code]:
        """Every code in tree order (depth first, siblings by position)."""
        return codebook.codes(self.db)

    def code(self, code_id: int) -> Code:
        return codebook.get(self.db, code_id)

    def resolve_code(self, ref: str) -> Code:
        """A code by id, ``group/name`` path, or unique name."""
        return codebook.resolve(self.db, ref)

    def add_code(self, name: str, *, parent_id: int | None = None, color: str | None = None, description: str = "") -> Code:
        with self.db.atomic():
            new = codebook.add(self.db, name, parent_id=parent_id, color=color, description=description)
        return self.code(new)

    def update_code(self, code_id: int, *, name: str | None = None, color: str | None = None,
                    description: str | None = None) -> Code:
        with self.db.atomic():
            codebook.update(self.db, code_id, name=name, color=color, description=description)
        return self.code(code_id)

    def move_code(self, code_id: int, parent_id: int | None) -> Code:
        """Put a code under another (None: at the top), last among its new siblings; refuses cycles."""
        with self.db.atomic():
            codebook.move(self.db, code_id, parent_id)
        return self.code(code_id)

    def merge_codes(self, source_id: int, target_id: int) -> CodeRemoval:
        """The source and the codes under it are deleted; their notes are tagged ``target`` instead."""
        with self.db.atomic():
            return codebook.merge(self.db, source_id, target_id)

    def delete_code(self, code_id: int, *, reassign_to: int | None = None) -> CodeRemoval:
        """Delete a code: its notes are tagged ``reassign_to`` (or untagged), its children move up."""
        with self.db.atomic():
            return codebook.delete(self.db, code_id, reassign_to=reassign_to)

    def restore_code(self, removal: CodeRemoval) -> tuple[Code, ...]:
        """Undo ``delete_code`` or ``merge_codes``; returns the codes put back."""
        with self.db.atomic():
            codebook.restore(self.db, removal)
        return tuple(self.code(c.id) for c in removal.removed)

    def codebook_is_empty(self) -> bool:
        return codebook.is_empty(self.db)

    def load_default_codebook(self) -> int:
        """Add the default codebook's codes that are missing; how many were added."""
        with self.db.atomic():
            return codebook.load_default(self.db)

    # -- exchange and agreement ---------------------------------------------------------
    def export_notes(self, path: str | os.PathLike, format: str, *, document_ids=None) -> "ExportSummary":
        """Notes (those on ``document_ids``, or all) to CSV, Markdown, W3C JSON or REFI-QDA (.qdpx)."""
        from duidu.library.notes_export import export

        return export(self, path, format, document_ids)

    def import_qdpx(self, path: str | os.PathLike) -> "ImportSummary":
        """A REFI-QDA project's documents, codes and notes, in one transaction (or nothing)."""
        from duidu.library.qdpx import import_project

        return import_project(self, path)

    def export_codebook(self, path: str | os.PathLike) -> int:
        """The codebook as a REFI-QDA .qdc; how many codes."""
        from duidu.library.qdc import export_codebook

        return export_codebook(self, path)

    def import_codebook(self, path: str | os.PathLike) -> "CodebookImport":
        """Merge a .qdc into the codebook (by guid, else by name under the same parent)."""
        from duidu.library.qdc import import_codebook

        return import_codebook(self, path)

    def agreement(self, annotators: list[str], *, document_ids=None) -> "list[TagAgreement]":
        """Cohen's kappa (two annotators) and Krippendorff's alpha per tag, character by character."""
        from duidu.library.agreement import tag_agreement

        return tag_agreement(self, annotators, document_ids)

    @staticmethod
    def _result(doc: Document, created: bool, prepared: "PreparedDocument") -> ImportResult:
        return ImportResult(
            document=doc,
            created=created,
            encoding_note=prepared.source.encoding_note,
            pinyin_removed=prepared.cleaned.pinyin_removed,
            excluded=len(prepared.cleaned.excluded),
        )


_READ_ONLY = ("the library is read-only here (the file or its folder cannot be written, and Duidu keeps "
              "its log and backups beside it): copy it to a folder you can write, or pass --library")


def _check_place(p: Path) -> None:
    """One clear line for a library Duidu cannot use: a folder it may not create, a file or folder it may not write."""
    faults.point("open", p)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(str(p), f"cannot create the library's folder {p.parent}: {exc.strerror or exc}") from None
    if p.exists() and not os.access(p, os.R_OK):
        raise InputError(str(p), "the library cannot be read here (permission denied)")
    if (p.exists() and not os.access(p, os.W_OK)) or not os.access(p.parent, os.W_OK | os.X_OK):
        raise InputError(str(p), _READ_ONLY)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return f"{_READ_ONLY} ({exc.strerror or exc})"
    return exc.strerror or str(exc)


def _valid_date(value: str) -> bool:
    m = _DATE.match(value)
    if not m:
        return False
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        _calendar_date(year, month, day)
    except ValueError:
        return False
    return True
