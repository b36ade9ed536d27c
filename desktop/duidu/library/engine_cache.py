"""The engine's per-document inputs, kept in the library so each is computed once, at import."""

from __future__ import annotations

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
    db["keyforms"].insert({"document_id": document_id, "key": key.text, "map": pack_map(key.map)}, replace=True)


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
        key = KeyForm(row[0], unpack_map(row[1]))
    else:  # written by an import that predates the cache (never, after migration 3)
        key = key_form(text, [(e.start, e.end) for e in excluded])
    return EngineDocument(document_id, title, region, text, spans("paragraphs"), spans("sentences"), excluded, key)


def documents_with(db: Database, key: str) -> int:
    """How many documents contain ``key`` (a key-form string) outside their furniture."""
    if len(key) < 2:
        sql, param = "SELECT COUNT(DISTINCT document_id) FROM search_index WHERE instr(key, ?) > 0", key
    else:
        sql, param = "SELECT COUNT(DISTINCT document_id) FROM search_index WHERE search_index MATCH ?", f'"{grams(key)}"'
    return db.execute(sql, [param]).fetchone()[0]


def store_mentions(db: Database, document_id: int, mentions: "list[MeasureMention]") -> None:
    db.conn.executemany(  # plain executemany: sqlite-utils' insert_all costs more than the insert
        'INSERT INTO measure_mentions (document_id, n, measure, category, start, "end", text, source) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ((document_id, n, m.measure, m.category, m.start, m.end, m.text, m.source) for n, m in enumerate(mentions)))


def load_mentions(db: Database, document_id: int) -> "list[MeasureMention]":
    from duidu.engine.measures import MeasureMention

    rows = db.execute(
        'SELECT measure, category, start, "end", text, source FROM measure_mentions WHERE document_id = ? ORDER BY n',
        [document_id],
    )
    return [MeasureMention(*r) for r in rows]
