"""Script views of a document: the stored text shown in another script, with its map.

Which OpenCC configuration serves a request depends on the document's own script (a
traditional document needs no conversion to read as traditional). Views are cached in the
library: converting costs about 0.1 s per 10,000 characters, reading the cache a few ms.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from duidu.library.transactions import LibraryDatabase, LibraryUnavailable
from duidu.text.offsets import OffsetMap, utf16_map
from duidu.text.script import VIEW_SCRIPTS as TARGETS
from duidu.text.script import convert

# (target, the document's script) -> OpenCC configuration; None: shown as stored.
# A mixed document goes through the simplified-source chain for traditional targets (s2t
# leaves traditional characters alone) and through t2s for the simplified view.
_ROUTES: dict[tuple[str, str], str | None] = {
    ("simplified", "simplified"): None,
    ("simplified", "traditional"): "t2s",
    ("simplified", "mixed"): "t2s",
    ("traditional", "simplified"): "s2t",
    ("traditional", "traditional"): None,
    ("traditional", "mixed"): "s2t",
    ("tw", "simplified"): "s2twp",
    ("tw", "traditional"): "t2tw",
    ("tw", "mixed"): "s2twp",
    ("hk", "simplified"): "s2hk",
    ("hk", "traditional"): "t2hk",
    ("hk", "mixed"): "s2hk",
}


@dataclass(frozen=True)
class ScriptView:
    script: str  # one of TARGETS
    config: str | None  # the OpenCC configuration used, None when shown as stored
    text: str
    map: OffsetMap  # stored text -> this view (code points)

    def qt_map(self) -> OffsetMap:
        """Stored-text code points -> this view's UTF-16 units (Qt's text positions)."""
        return self.map.then(utf16_map(self.text))


def route(target: str, document_script: str) -> str | None:
    if target not in TARGETS:
        raise ValueError(f"unknown script {target!r} (choose from {', '.join(TARGETS)})")
    if target == "original":
        return None
    if document_script not in ("traditional", "mixed"):
        document_script = "simplified"  # "unknown": nothing to tell, treat as simplified
    return _ROUTES[(target, document_script)]


def script_view(db: Database, document_id: int, target: str) -> ScriptView:
    doc = db.execute("SELECT text, script FROM documents WHERE id = ?", [document_id]).fetchone()
    if doc is None:
        raise KeyError(document_id)
    text, script = doc
    config = route(target, script)
    if config is None:
        return ScriptView(target, None, text, OffsetMap.identity(len(text)))
    cached = db.execute(
        "SELECT text, map FROM views WHERE document_id = ? AND script = ? AND config = ?",
        [document_id, target, config],
    ).fetchone()
    if cached:
        return ScriptView(target, config, cached[0], OffsetMap.from_bytes(cached[1]))
    converted = convert(text, config)
    try:
        # A cache: taken only when the write lock is free at once (a reader never waits for an import).
        with db.atomic(wait=0) if isinstance(db, LibraryDatabase) else db.atomic():
            db["views"].upsert(
                {"document_id": document_id, "script": target, "config": config, "text": converted.text, "map": converted.map.to_bytes()},
                pk=("document_id", "script"),
            )
    except (sqlite3.OperationalError, LibraryUnavailable):
        pass  # the cache is an optimisation: a busy or read-only library still shows the view
    return ScriptView(target, config, converted.text, converted.map)
