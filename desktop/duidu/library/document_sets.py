"""Named sets of documents ("provinces 2026"): what the region view is shown over, kept in the
library so a set chosen once is there next time (and for another window on the same library).

``document_sets`` holds one row per (set, document); a document leaving the library leaves its
sets. The table is created the first time a set is saved, like ``edge_pairs``
(``furniture_stats``), so a library written before it existed needs no migration step.
"""

from __future__ import annotations

from typing import Sequence

from duidu.library.errors import InputError

TABLE = "document_sets"


def _exists(db) -> bool:
    return db[TABLE].exists()


def _ensure(db) -> None:
    if not _exists(db):
        db.execute(f"CREATE TABLE {TABLE} (name TEXT NOT NULL, document_id INTEGER NOT NULL "
                   "REFERENCES documents(id) ON DELETE CASCADE, PRIMARY KEY (name, document_id)) WITHOUT ROWID")


def save(db, name: str, ids: Sequence[int]) -> int:
    """Keep ``ids`` as the set ``name`` (replacing a set of that name), in one transaction."""
    name = name.strip()
    if not name:
        raise InputError(TABLE, "a set needs a name")
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise InputError(name, "a set needs at least one document")
    known = {i for (i,) in db.execute(f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(ids))})", ids)}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise InputError(name, f"no document {unknown[0]} in the library")
    with db.atomic():
        _ensure(db)
        db.execute(f"DELETE FROM {TABLE} WHERE name = ?", [name])
        db.conn.executemany(f"INSERT INTO {TABLE} (name, document_id) VALUES (?, ?)", [(name, i) for i in ids])
    return len(ids)


def names(db) -> list[tuple[str, int]]:
    """Every set's name and size, by name."""
    if not _exists(db):
        return []
    return [tuple(r) for r in db.execute(f"SELECT name, COUNT(*) FROM {TABLE} GROUP BY name ORDER BY name")]


def members(db, name: str) -> list[int]:
    """The set's documents in the order of the library (by id); [] for an unknown name."""
    if not _exists(db):
        return []
    return [i for (i,) in db.execute(f"SELECT document_id FROM {TABLE} WHERE name = ? ORDER BY document_id", [name])]


def delete(db, name: str) -> None:
    if _exists(db):
        with db.atomic():
            db.execute(f"DELETE FROM {TABLE} WHERE name = ?", [name])
