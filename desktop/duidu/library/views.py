"""Script views of a document: the stored text shown in another script, with its map.

Which OpenCC configuration serves a request depends on the document's own script (a
traditional document needs no conversion to read as traditional). Views are cached in the
library: converting costs about 0.1 s per 10,000 characters, reading the cache a few ms.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from duidu.text.offsets import OffsetMap, utf16_map
from duidu.text.script import convert

TARGETS = ("original", "simplified", "traditional", "tw", "hk")

# (target, the document's script family) -> OpenCC configuration; None: shown as stored.
_ROUTES: dict[tuple[str, str], str | None] = {
    ("simplified", "simp"): None,
    ("simplified", "trad"): "t2s",
    ("traditional", "simp"): "s2t",
    ("traditional", "trad"): None,
    ("tw", "simp"): "s2twp",
    ("tw", "trad"): "t2tw",
    ("hk", "simp"): "s2hk",
    ("hk", "trad"): "t2hk",
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
    # A mixed document is converted like a simplified one: simplified characters are the
    # ones s2t changes, and traditional ones pass through it unchanged.
    family = "trad" if document_script == "traditional" else "simp"
    return _ROUTES[(target, family)]


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
    with db.atomic():
        db["views"].upsert(
            {"document_id": document_id, "script": target, "config": config, "text": converted.text, "map": converted.map.to_bytes()},
            pk=("document_id", "script"),
        )
    return ScriptView(target, config, converted.text, converted.map)
