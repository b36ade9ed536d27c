"""The reuse network of a set of documents, kept in the library once computed, so the region view
shows it again without reading every aligned pair back (58,000 passages for the 33 corpus reports:
seconds) or aligning anything.

``reuse_networks`` holds one row per set: the key is the set's stored texts and dates (an edited
text or date is another set), and the library's key is every document's stored text, because
what counts as boilerplate is judged against the whole library (``library/reuse.py``): a document
added or removed anywhere and the network is computed again. Edges are kept by text hash, not id.
The table is created on the first write, like ``document_sets``, so no migration step is needed;
writes are a cache's (skipped when another writer holds the library).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import TYPE_CHECKING, Sequence

from duidu.engine import REVISION
from duidu.engine.reuse import Edge

if TYPE_CHECKING:
    from duidu.library.store import Library

TABLE = "reuse_networks"
KEPT_SETS = 20  # the sets last computed (a replaced row is the newest): a library never fills with old ones


def _digest(rows) -> str:
    h = hashlib.sha1()
    for row in rows:
        h.update("\x1f".join(str(x) for x in row).encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()


def keys(lib: "Library", ids: Sequence[int]) -> tuple[str, str, dict[int, str]]:
    """(the set's key, the library's key, id → text hash) for documents ``ids``."""
    every = lib.db.execute("SELECT id, text_hash, date FROM documents").fetchall()
    wanted = set(ids)
    hashes = {i: h for i, h, _ in every if i in wanted}
    set_key = _digest(sorted((h, d or "") for i, h, d in every if i in wanted))
    return set_key, _digest([(REVISION,), *sorted((h,) for _, h, _ in every)]), hashes


def read(lib: "Library", ids: Sequence[int]) -> tuple[tuple[Edge, ...], int] | None:
    """The kept edges of ``ids`` and the candidate pairs they came from, or None."""
    if not lib.db[TABLE].exists():
        return None
    set_key, library_key, hashes = keys(lib, ids)
    row = lib.db.execute(f"SELECT library_key, edges, pairs FROM {TABLE} WHERE set_key = ?", [set_key]).fetchone()
    if row is None or row[0] != library_key:
        return None
    by_hash = {h: i for i, h in hashes.items()}
    edges = []
    for e in json.loads(row[1]):
        if e["from"] not in by_hash or e["to"] not in by_hash:
            return None
        edges.append(Edge(by_hash[e["from"]], by_hash[e["to"]], e["chars"], e["informative_chars"], e["passages"],
                          e["direction"]))
    return tuple(edges), row[2]


def keep(lib: "Library", ids: Sequence[int], edges: Sequence[Edge], pairs: int) -> bool:
    """Keep the network of ``ids``; False when the library was busy or read-only (nothing lost)."""
    from duidu.library.transactions import LibraryUnavailable

    set_key, library_key, hashes = keys(lib, ids)
    rows = [{**e.to_json(), "from": hashes[e.source], "to": hashes[e.target]} for e in edges]
    try:
        with lib.db.atomic(wait=0):
            if not lib.db[TABLE].exists():
                lib.db.execute(f"CREATE TABLE {TABLE} (set_key TEXT PRIMARY KEY, library_key TEXT NOT NULL, "
                               "edges TEXT NOT NULL, pairs INTEGER NOT NULL)")
            lib.db.execute(f"INSERT OR REPLACE INTO {TABLE} (set_key, library_key, edges, pairs) VALUES (?, ?, ?, ?)",
                           [set_key, library_key, json.dumps(rows, ensure_ascii=False), pairs])
            lib.db.execute(f"DELETE FROM {TABLE} WHERE rowid NOT IN (SELECT rowid FROM {TABLE} ORDER BY rowid DESC "
                           f"LIMIT {KEPT_SETS})")
    except (sqlite3.OperationalError, LibraryUnavailable):
        return False
    return True
