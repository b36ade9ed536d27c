"""The engine's per-document inputs, kept in the library so each is computed once, at import."""

from __future__ import annotations

import json
import zlib
from typing import TYPE_CHECKING

from sqlite_utils import Database

from duidu.engine.document import EngineDocument, Span
from duidu.library.search import grams
from duidu.text.keyform import KeyForm, key_form
from duidu.text.offsets import OffsetMap

if TYPE_CHECKING:
    from duidu.engine.measures import MeasureMention


def store_keyform(db: Database, document_id: int, text: str, excluded: list[tuple[int, int]],
                  key: KeyForm | None = None) -> None:
    key = key or key_form(text, excluded)
    db.execute("INSERT OR REPLACE INTO keyforms (document_id, key, map) VALUES (?, ?, ?)",
               [document_id, pack_key(key.text), pack_map(key.map)])


# The key text is read whole (by the engine, a search, reuse), never searched in SQL: zlib keeps
# it in under half the room. A packed key is bytes; one written before is text.
def pack_key(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 6)


def unpack_key(stored: str | bytes) -> str:
    return zlib.decompress(stored).decode("utf-8") if isinstance(stored, bytes) else stored


# An offset map is runs of integers: zlib stores it in a sixth of the room (3.5 bytes a stored
# character -> 0.6 on the provincial reports) and unpacks it in well under a millisecond.
# A packed map starts with b"Z"; an unpacked one (written before) with its layer count, never 90.
_PACKED = b"Z"


def pack_map(offsets: OffsetMap) -> bytes:
    return _PACKED + zlib.compress(offsets.to_bytes(), 1)


def unpack_map(blob: bytes) -> OffsetMap:
    blob = bytes(blob)
    return OffsetMap.from_bytes(zlib.decompress(blob[1:]) if blob[:1] == _PACKED else blob)


def engine_document(db: Database, document_id: int) -> EngineDocument:
    title, region, text = db.execute("SELECT title, region, text FROM documents WHERE id = ?", [document_id]).fetchone()

    def spans(table: str) -> tuple[Span, ...]:
        rows = db.execute(f"SELECT start, end FROM {table} WHERE document_id = ? ORDER BY n", [document_id])
        return tuple(Span(s, e) for s, e in rows)

    excluded = spans("excluded")
    row = db.execute("SELECT key, map FROM keyforms WHERE document_id = ?", [document_id]).fetchone()
    if row:
        key = KeyForm(unpack_key(row[0]), unpack_map(row[1]))
    else:  # written by an import that predates the cache (never, after migration 3)
        key = key_form(text, [(e.start, e.end) for e in excluded])
    return EngineDocument(document_id, title, region, text, spans("paragraphs"), spans("sentences"), excluded, key)


def documents_with(db: Database, key: str) -> int:
    """How many documents contain ``key`` (a key-form string) outside their furniture."""
    if len(key) < 2:  # bigrams cannot answer: the stored key forms, each read (the engine asks for 7 characters)
        return sum(1 for (k,) in db.execute("SELECT key FROM keyforms") if key in unpack_key(k))
    # One index row per document; its paragraphs are apart (search.SEPARATOR).
    return db.execute("SELECT COUNT(*) FROM search_index WHERE search_index MATCH ?", [f'"{grams(key)}"']).fetchone()[0]


# A document's mentions are read all together (a comparison, the measure table), never queried
# one by one: one zlib-packed JSON row a document (a row per mention took 1.8 bytes a character).
def store_mentions(db: Database, document_id: int, mentions: "list[MeasureMention]") -> None:
    packed = json.dumps([[m.measure, m.category, m.start, m.end, m.text, m.source] for m in mentions],
                        ensure_ascii=False, separators=(",", ":"))
    db.execute("INSERT OR REPLACE INTO measure_mentions (document_id, mentions) VALUES (?, ?)",
               [document_id, zlib.compress(packed.encode("utf-8"), 6)])


def load_mentions(db: Database, document_id: int) -> "list[MeasureMention]":
    from duidu.engine.measures import MeasureMention

    row = db.execute("SELECT mentions FROM measure_mentions WHERE document_id = ?", [document_id]).fetchone()
    return [MeasureMention(*m) for m in json.loads(zlib.decompress(row[0]))] if row else []


class CachedMentions:
    """Each document's cached measure mentions, read when asked for and not kept: the
    ``mentions`` mapping the engine's ``measure_table`` and ``measure_counts`` take."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def __contains__(self, document_id) -> bool:
        return True

    def __getitem__(self, document_id: int) -> "list[MeasureMention]":
        return load_mentions(self._db, document_id)
