"""The library schema and its migrations, one numbered step each (PRAGMA user_version).

Each step runs in one transaction with the version bump, so a library is never left
half-migrated. A library written by a newer Duidu is refused rather than damaged.
"""

from __future__ import annotations

from typing import Callable

from sqlite_utils import Database

from duidu.library.errors import InputError


def _v1_documents(db: Database) -> None:
    db["documents"].create(
        {
            "id": int,
            "title": str,
            "region": str,
            "date": str,
            "source": str,
            "author": str,
            "kind": str,
            "notes": str,
            "file_name": str,
            "format": str,
            "encoding": str,
            "encoding_note": str,
            "raw_text": str,  # exactly as decoded, for provenance
            "text": str,  # the stored (reading) text: every offset refers to it
            "text_hash": str,
            "script": str,
            "script_confidence": float,
            "pinyin_removed": int,
            "seed": int,
            "imported_at": str,
        },
        pk="id",
        not_null={"title", "raw_text", "text", "text_hash", "script"},
    )
    db["documents"].create_index(["text_hash"], unique=True)
    for name, extra in (
        ("paragraphs", {}),
        ("sentences", {"paragraph": int}),
        ("excluded", {"reason": str}),
    ):
        db[name].create(
            {"document_id": int, "n": int, "start": int, "end": int, **extra},
            pk=("document_id", "n"),
            foreign_keys=[("document_id", "documents", "id")],
        )
    # Script views are derived data, cached because converting costs ~0.1 s per 10k chars.
    db["views"].create(
        {"document_id": int, "script": str, "config": str, "text": str, "map": bytes},
        pk=("document_id", "script"),
        foreign_keys=[("document_id", "documents", "id")],
    )


# The two indexes as versions 2 to 8 made them, each keeping a copy of its rows' text (FTS5's
# content table). Version 9 replaces both (``_v9_contentless_indexes``) and fills them then, so
# the steps before it make them empty.
V2_SEARCH_INDEX = ("CREATE VIRTUAL TABLE search_index USING fts5("
                   "grams, key UNINDEXED, document_id UNINDEXED, paragraph UNINDEXED, tokenize='unicode61')")
V4_SIMILAR_INDEX = ("CREATE VIRTUAL TABLE similar_index USING fts5(grams, words, measures, document_id UNINDEXED, "
                    "start UNINDEXED, \"end\" UNINDEXED, tokenize=\"unicode61 categories 'L* N* Co M* S*'\")",
                    "CREATE VIRTUAL TABLE similar_index_vocab USING fts5vocab(similar_index, col)")


def _v2_search_index(db: Database) -> None:
    # Bigrams of the key form: finds 2-character words (双减, 职教) that SQLite's trigram
    # tokenizer cannot, and never misses a query that straddles a word-segmentation boundary.
    db.execute(V2_SEARCH_INDEX)


def _v3_engine_cache(db: Database) -> None:
    # Per-document work the comparison engine needs, done once at import.
    db["keyforms"].create(
        {"document_id": int, "key": str, "map": bytes},
        pk="document_id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    from duidu.library.engine_cache import store_keyform  # late: it imports the text layer

    for doc in db.query("SELECT id, text FROM documents"):
        excluded = [(r["start"], r["end"]) for r in db["excluded"].rows_where("document_id = ?", [doc["id"]], order_by="n")]
        store_keyform(db, doc["id"], doc["text"], excluded)


def _v4_measures_and_similar_index(db: Database) -> None:
    # Measures found in each document, extracted once (jieba with parts of speech is slow),
    # and the similar-passage index built on them: one row per sentence unit (filled by step 9).
    db["measure_mentions"].create(
        {"document_id": int, "n": int, "measure": str, "category": str, "start": int, "end": int, "text": str, "source": str},
        pk=("document_id", "n"),
        foreign_keys=[("document_id", "documents", "id")],
    )
    for sql in V4_SIMILAR_INDEX:
        db.execute(sql)


def _v5_notes(db: Database) -> None:
    # Notes and tagging. Codes form a tree (sibling names unique); an annotation is a passage
    # note (one target) or a comparison note linking a passage of A with one of B (two). A
    # target keeps its quote and context, so it can be found again when the text is revised.
    db.executescript(
        """
        CREATE TABLE codes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: undo puts a deleted row back by id
            guid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL CHECK (trim(name) <> ''),
            parent_id INTEGER REFERENCES codes(id),
            color TEXT NOT NULL CHECK (length(color) = 7 AND color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
            description TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX codes_sibling_names ON codes (coalesce(parent_id, 0), name);
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: undo puts a deleted row back by id
            guid TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('passage', 'comparison')),
            note TEXT NOT NULL DEFAULT '',
            annotator TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE targets (
            annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            n INTEGER NOT NULL CHECK (n IN (0, 1)),
            document_id INTEGER NOT NULL REFERENCES documents(id),
            doc_hash TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'anchored' CHECK (status IN ('anchored', 'orphan')),
            PRIMARY KEY (annotation_id, n),
            CHECK (0 <= start AND start < "end")
        );
        CREATE INDEX targets_document ON targets (document_id);
        CREATE TABLE annotation_codes (
            annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            code_id INTEGER NOT NULL REFERENCES codes(id),
            PRIMARY KEY (annotation_id, code_id)
        );
        CREATE INDEX annotation_codes_code ON annotation_codes (code_id);
        """
    )


def _v6_official_metadata(db: Database) -> None:
    # What an official document states about itself (duidu.engine.officialdoc), extracted at
    # import; ``extracted`` keeps the extractor's values (JSON) and ``metadata_corrections`` the
    # user's, which win and survive a re-import. Existing documents are read again here.
    for column in ("issuing_body", "doc_number", "addressees", "attachments", "region_code", "extracted"):
        db.execute(f"ALTER TABLE documents ADD COLUMN {column} TEXT")
    db.executescript(
        """
        CREATE TABLE metadata_corrections (
            document_id INTEGER NOT NULL REFERENCES documents(id),
            field TEXT NOT NULL,
            value TEXT,  -- NULL: the user cleared the field
            corrected_at TEXT NOT NULL,
            PRIMARY KEY (document_id, field)
        );
        """
    )
    from duidu.library.metadata import backfill  # late: it imports the engine

    backfill(db)


def _v7_paragraph_pages(db: Database) -> None:
    # The page each paragraph starts on, for documents read from paged formats (PDF, OFD), so a
    # citation can say "p. 3"; NULL for the rest and for documents imported before.
    db.execute("ALTER TABLE paragraphs ADD COLUMN page INTEGER")


def _v8_measures_for_any_domain(db: Database) -> None:
    # Measures are named by their object and filed under a policy area (engine/measures.py): the
    # mentions cached by an earlier extractor (verb-named, education categories) go, and step 9
    # extracts them again with the similar-passage index built on their names.
    db.execute("DELETE FROM measure_mentions")
    db.execute("DELETE FROM similar_index")


LISTING = ("id, title, region, date, source, author, kind, file_name, format, encoding, script, script_confidence, "
           "text_length, seed, issuing_body, doc_number, addressees, attachments, region_code")


def _v9_contentless_indexes(db: Database) -> None:
    # Both indexes without a stored copy of their rows' text (half a library's file): the search
    # index one row per document (rowid: its id), the similar-passage index's units kept packed
    # in similar_units; key forms' text packed (zlib). Every document's rows are written again, from its stored text:
    # search from the stored key form, measures and the similar-passage index by a new analysis.
    # The text's length is kept beside it, so listing the library reads no text.
    from duidu.library import search, similar_index  # late: they import the text layer and the engine
    from duidu.library.engine_cache import pack_key, unpack_key, unpack_map
    from duidu.text.keyform import KeyForm

    db.execute("DROP TABLE search_index")
    db.execute("DROP TABLE similar_index_vocab")
    db.execute("DROP TABLE similar_index")
    search.create(db)
    similar_index.create(db)
    db.execute("ALTER TABLE documents ADD COLUMN text_length INTEGER")
    db.execute("UPDATE documents SET text_length = length(text)")
    # What the library list shows, in an index of its own: a row of documents holds its texts in
    # overflow pages, and the columns added after them (step 6) are read only past those pages, so
    # a listing from the table read every text of the library (reader start grew with it).
    db.execute(f"CREATE INDEX documents_listing ON documents ({LISTING})")
    for (doc_id,) in db.execute("SELECT document_id FROM keyforms").fetchall():  # the key text packed too
        key, packed = db.execute("SELECT key, map FROM keyforms WHERE document_id = ?", [doc_id]).fetchone()
        key = unpack_key(key)
        db.execute("UPDATE keyforms SET key = ? WHERE document_id = ?", [pack_key(key), doc_id])
        paragraphs = db.execute('SELECT n, start, "end" FROM paragraphs WHERE document_id = ? ORDER BY n', [doc_id])
        search.insert_rows(db, doc_id, search.index_rows(doc_id, "", paragraphs.fetchall(), (),
                                                         KeyForm(key, unpack_map(packed))))
    db.execute("DROP TABLE measure_mentions")  # one packed row a document (engine_cache.store_mentions)
    db.execute("CREATE TABLE measure_mentions (document_id INTEGER PRIMARY KEY REFERENCES documents(id), "
               "mentions BLOB NOT NULL)")
    similar_index.backfill(db)


MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_documents, _v2_search_index, _v3_engine_cache, _v4_measures_and_similar_index, _v5_notes,
    _v6_official_metadata, _v7_paragraph_pages, _v8_measures_for_any_domain, _v9_contentless_indexes,
]
NOTES = MIGRATIONS.index(_v5_notes) + 1  # the version that added notes and the codebook
LATEST = len(MIGRATIONS)


def version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: Database, path: str, target: int = LATEST) -> int:
    """Bring ``db`` up to ``target``; returns the version it started at."""
    start = version(db)
    if start > LATEST:
        raise InputError(path, f"library schema version {start} is newer than this Duidu understands ({LATEST}); upgrade Duidu")
    for v in range(start, target):
        with db.atomic():
            MIGRATIONS[v](db)
            db.execute(f"PRAGMA user_version = {v + 1}")
    return start
