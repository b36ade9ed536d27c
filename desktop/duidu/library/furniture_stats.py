"""The library's memory of page templates: which line pairs stand at the edges of which documents.

One row per (pair key, document) in ``edge_pairs`` (see ``text.templates``): the number of
documents holding a key is its count, and a key in ``MIN_DOCUMENTS`` documents is template.
When a document arrives (or its text is revised) its keys are recorded and every document
sharing a key that is template now -- the new one included -- is re-decided: its "template"
furniture rows are replaced and, if they changed, the rows derived from its furniture (search
index, key form, measures, similar-passage index) are rewritten. Furniture from anywhere else
(the line rules, a reader's page numbers) is left as it is. A document whose text is cleared
takes its keys away, and the documents that shared a key falling below the threshold are
re-decided too. The table is created (and filled from the documents already stored) the
first time it is needed, so a library written before it existed gains it without a step of
its own.
"""

from __future__ import annotations

from sqlite_utils import Database

from duidu.engine.document import EngineDocument, Span
from duidu.engine.measures import extract_measures
from duidu.library import search, similar_index
from duidu.library.engine_cache import store_keyform, store_mentions
from duidu.library.search import index_rows
from duidu.text.furniture import classify, structure
from duidu.text.keyform import key_form
from duidu.text.templates import MIN_DOCUMENTS, edge_keys

TABLE = "edge_pairs"
TEMPLATE = "template"


def ensure(db: Database) -> None:
    """Create the table on first use and count the documents already in the library."""
    if db[TABLE].exists():
        return
    db.execute(f"CREATE TABLE {TABLE} (key TEXT NOT NULL, document_id INTEGER NOT NULL, "
               "PRIMARY KEY (key, document_id)) WITHOUT ROWID")
    db.execute(f"CREATE INDEX {TABLE}_document ON {TABLE} (document_id)")
    for (doc_id,) in db.execute("SELECT id FROM documents").fetchall():
        _insert(db, doc_id, _keys(_lines(db, doc_id)[1]))
    template = [k for (k,) in db.execute(f"SELECT key FROM {TABLE} GROUP BY key HAVING COUNT(*) >= ?",
                                         [MIN_DOCUMENTS])]
    _redecide(db, _sharing(db, set(template)))


def counts(db: Database, keys: set[str] | list[str]) -> dict[str, int]:
    """How many documents hold each of ``keys`` at an edge."""
    keys = list(keys)
    out: dict[str, int] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        marks = ",".join("?" * len(chunk))
        out.update(db.execute(f"SELECT key, COUNT(*) FROM {TABLE} WHERE key IN ({marks}) GROUP BY key", chunk).fetchall())
    return out


def template_keys(db: Database, keys: set[str] | list[str]) -> set[str]:
    return {k for k, n in counts(db, keys).items() if n >= MIN_DOCUMENTS}


def document_added(db: Database, doc_id: int) -> None:
    """Record ``doc_id``'s edge pairs and re-decide it and every document sharing a pair that
    this one has just made template."""
    ensure(db)
    _, lines, _ = _lines(db, doc_id)
    keys = _keys(lines)
    _insert(db, doc_id, keys)
    # Only a pair that has just reached the threshold changes other documents' furniture; this
    # one's changes only if it holds a template pair (or came with template furniture).
    found = counts(db, keys)
    crossed = {k for k, n in found.items() if n == MIN_DOCUMENTS}
    itself = any(n >= MIN_DOCUMENTS for n in found.values()) or db.execute(
        "SELECT 1 FROM excluded WHERE document_id = ? AND reason = ? LIMIT 1", [doc_id, TEMPLATE]).fetchone()
    _redecide(db, _sharing(db, crossed) | ({doc_id} if itself else set()))


def document_cleared(db: Database, doc_id: int) -> None:
    """Forget ``doc_id``'s edge pairs (its text is being replaced) and re-decide the documents
    that shared a pair which is no longer template."""
    if not db[TABLE].exists():
        return
    keys = [k for (k,) in db.execute(f"SELECT key FROM {TABLE} WHERE document_id = ?", [doc_id])]
    was = template_keys(db, keys)
    db.execute(f"DELETE FROM {TABLE} WHERE document_id = ?", [doc_id])
    fallen = was - template_keys(db, was)
    _redecide(db, _sharing(db, fallen) - {doc_id})


def redecide(db: Database, doc_id: int) -> bool:
    """Decide ``doc_id``'s template furniture from the current counts; True if it changed."""
    ensure(db)
    text, lines, paragraphs = _lines(db, doc_id)
    keys = _keys(lines)
    marks = classify(lines, template_keys(db, keys))
    rows = db.execute("SELECT start, end, reason FROM excluded WHERE document_id = ? ORDER BY n", [doc_id]).fetchall()
    kept = [(s, e, r) for s, e, r in rows if r != TEMPLATE]
    new = kept + [(s, e, TEMPLATE) for (s, e), m in zip(paragraphs, marks)
                  if m == TEMPLATE and not any(ks < e and s < ke for ks, ke, _ in kept)]
    new.sort()
    if new == sorted(rows):
        return False
    _rewrite(db, doc_id, text, paragraphs, new)
    return True


# -- internals -----------------------------------------------------------------------------


def _lines(db: Database, doc_id: int) -> tuple[str, list[str], list[tuple[int, int]]]:
    (text,) = db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
    paragraphs = db.execute("SELECT start, end FROM paragraphs WHERE document_id = ? ORDER BY n", [doc_id]).fetchall()
    return text, [text[s:e] for s, e in paragraphs], paragraphs


def _keys(lines: list[str]) -> set[str]:
    _, head_end, tail_start = structure(lines)
    return edge_keys(lines, head_end, tail_start)


def _insert(db: Database, doc_id: int, keys: set[str]) -> None:
    db.conn.executemany(f"INSERT OR IGNORE INTO {TABLE} (key, document_id) VALUES (?, ?)", [(k, doc_id) for k in keys])


def _sharing(db: Database, keys: set[str]) -> set[int]:
    out: set[int] = set()
    keys = list(keys)
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        marks = ",".join("?" * len(chunk))
        out.update(d for (d,) in db.execute(f"SELECT DISTINCT document_id FROM {TABLE} WHERE key IN ({marks})", chunk))
    return out


def _redecide(db: Database, doc_ids: set[int]) -> None:
    for doc_id in sorted(doc_ids):
        redecide(db, doc_id)


def _rewrite(db: Database, doc_id: int, text: str, paragraphs: list[tuple[int, int]],
             excluded: list[tuple[int, int, str]]) -> None:
    """Replace the document's furniture and every row computed from it (not its notes: their
    offsets are into the text, which has not changed)."""
    search.remove_document(db, doc_id)  # first: its rows are found from the key form being replaced
    similar_index.remove_document(db, doc_id)
    db.execute("DELETE FROM excluded WHERE document_id = ?", [doc_id])
    db["excluded"].insert_all({"document_id": doc_id, "n": n, "start": s, "end": e, "reason": r}
                              for n, (s, e, r) in enumerate(excluded))
    ranges = [(s, e) for s, e, _ in excluded]
    key = key_form(text, ranges)
    search.insert_rows(db, doc_id, index_rows(doc_id, text, [(n, s, e) for n, (s, e) in enumerate(paragraphs)], ranges, key))
    store_keyform(db, doc_id, text, ranges, key)
    title, region = db.execute("SELECT title, region FROM documents WHERE id = ?", [doc_id]).fetchone()
    sentences = db.execute("SELECT start, end FROM sentences WHERE document_id = ? ORDER BY n", [doc_id]).fetchall()
    doc = EngineDocument(doc_id, title, region, text, tuple(Span(s, e) for s, e in paragraphs),
                         tuple(Span(s, e) for s, e in sentences), tuple(Span(s, e) for s, e in ranges), key)
    mentions = extract_measures(doc)
    db.execute("DELETE FROM measure_mentions WHERE document_id = ?", [doc_id])
    store_mentions(db, doc_id, mentions)
    similar_index.index_document(db, doc, [(m.start, m.end, m.measure) for m in mentions])
