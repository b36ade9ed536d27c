"""A document's stored text and the rows derived from it, written in one place.

Importing (``Library.add``) writes the derived rows of a new document; revising
(``Library.revise``) replaces an old document's text, clears its derived rows, writes them
again through the same code and finds its notes in the new text. Both run in the caller's
transaction, so a failure anywhere leaves the document as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlite_utils import Database

from duidu.library import annotations, furniture_stats, search, similar_index
from duidu.library.anchoring import AnchorReport
from duidu.library.engine_cache import store_keyform, store_mentions
from duidu.library.errors import InputError

if TYPE_CHECKING:
    from duidu.library.importer import PreparedDocument

# What a revision replaces. The file name stays with the title and the rest of the metadata:
# it names the document (``duidu show 000_….txt``), not the file the new text came from.
REVISED = ("format", "encoding", "encoding_note", "raw_text", "text", "text_length", "text_hash",
           "script", "script_confidence", "pinyin_removed", "imported_at")
# The two indexes are taken out first (``remove_indexes``): their rows are found again from
# the key form and paragraphs these tables still hold.
_PER_DOCUMENT = ("paragraphs", "sentences", "excluded", "keyforms", "measure_mentions", "views")


def paragraph_pages(prepared: "PreparedDocument") -> list[int | None]:
    """The page each stored paragraph starts on: the reader's per-line pages (PDF, OFD), which
    are the paragraphs one for one; None throughout for other formats or if they are not."""
    pages = getattr(prepared.source, "pages", None)
    count = len(prepared.cleaned.paragraphs)
    return list(pages) if pages is not None and len(pages) == count else [None] * count


def write(db: Database, doc_id: int, prepared: "PreparedDocument") -> None:
    """Paragraphs, sentences, furniture, search index, key form, measures and similar-passage index."""
    from duidu.library.importer import engine_document

    cleaned = prepared.cleaned
    pages = paragraph_pages(prepared)
    # Plain executemany: sqlite-utils' insert_all checks and converts every value in Python,
    # which cost more than SQLite's work for these many small rows.
    insert = db.conn.executemany
    insert('INSERT INTO paragraphs (document_id, n, start, "end", page) VALUES (?, ?, ?, ?, ?)',
           ((doc_id, n, p.start, p.end, pages[n]) for n, p in enumerate(cleaned.paragraphs)))
    insert('INSERT INTO sentences (document_id, n, start, "end", paragraph) VALUES (?, ?, ?, ?, ?)',
           ((doc_id, n, s.start, s.end, s.paragraph) for n, s in enumerate(cleaned.sentences)))
    insert('INSERT INTO excluded (document_id, n, start, "end", reason) VALUES (?, ?, ?, ?, ?)',
           ((doc_id, n, e.start, e.end, e.reason) for n, e in enumerate(cleaned.excluded)))
    search.insert_rows(db, doc_id, prepared.index)
    store_keyform(db, doc_id, cleaned.text, [(e.start, e.end) for e in cleaned.excluded], prepared.key)
    store_mentions(db, doc_id, prepared.mentions)
    if prepared.similar is not None:  # computed before the transaction
        similar_index.store_rows(db, doc_id, prepared.similar)
    else:
        similar_index.index_document(
            db, engine_document(cleaned, prepared.key, doc_id), [(m.start, m.end, m.measure) for m in prepared.mentions]
        )
    # Page templates learnt across the library: may add furniture here and in documents
    # sharing this one's edge lines (library/furniture_stats.py).
    furniture_stats.document_added(db, doc_id)


def clear(db: Database, doc_id: int) -> None:
    """Every row derived from a document's text (script views included: they are caches of it)."""
    furniture_stats.document_cleared(db, doc_id)
    remove_indexes(db, doc_id)
    for table in _PER_DOCUMENT:
        db.execute(f"DELETE FROM {table} WHERE document_id = ?", [doc_id])


def remove_indexes(db: Database, doc_id: int) -> None:
    """A document's rows in the search and similar-passage indexes (contentless: each is told
    the tokens it was given, made again from the key form and paragraphs still stored)."""
    search.remove_document(db, doc_id)
    similar_index.remove_document(db, doc_id)


def revise(db: Database, doc_id: int, prepared: "PreparedDocument") -> AnchorReport:
    """Replace document ``doc_id``'s text with ``prepared``'s and re-anchor its notes (one transaction)."""
    (old_hash,) = db.execute("SELECT text_hash FROM documents WHERE id = ?", [doc_id]).fetchone()
    text = prepared.cleaned.text
    if prepared.text_hash == old_hash:  # the same text: nothing to change
        return annotations.reanchor_document(db, doc_id, text, old_hash, write=False)
    other = db.execute("SELECT id, title FROM documents WHERE text_hash = ? AND id != ?",
                       [prepared.text_hash, doc_id]).fetchone()
    if other:
        raise InputError(str(prepared.source.path), f"the same text is already in the library as document {other[0]} ({other[1]})")
    with db.atomic():
        db["documents"].update(doc_id, {k: prepared.row[k] for k in REVISED})
        clear(db, doc_id)
        write(db, doc_id, prepared)
        return annotations.reanchor_document(db, doc_id, text, prepared.text_hash)


def missing(db: Database) -> list[int]:
    """Documents without their derived rows: a library restored from a backup (which leaves
    them out, see ``backups.DERIVED``). One indexed lookup when there are none."""
    return [r[0] for r in db.execute(
        "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM keyforms) ORDER BY id")]


def rebuild(db: Database, ids: list[int]) -> None:
    """Make again the derived rows of documents ``ids`` from their stored text, paragraphs and
    furniture (which backups keep), in the caller's transaction."""
    from duidu.library.engine_cache import engine_document, store_keyform, store_mentions
    from duidu.library.search import index_rows

    for doc_id in ids:
        remove_indexes(db, doc_id)
        for table in ("keyforms", "measure_mentions", "views"):
            db.execute(f"DELETE FROM {table} WHERE document_id = ?", [doc_id])
        (text,) = db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
        excluded = [tuple(r) for r in db.execute('SELECT start, "end" FROM excluded WHERE document_id = ? ORDER BY n', [doc_id])]
        store_keyform(db, doc_id, text, excluded)
        doc = engine_document(db, doc_id)
        paragraphs = [(n, p.start, p.end) for n, p in enumerate(doc.paragraphs)]
        search.insert_rows(db, doc_id, index_rows(doc_id, text, paragraphs, excluded, doc.keyform))
        mentions, rows = similar_index.analyse(doc)
        store_mentions(db, doc_id, mentions)
        similar_index.insert_rows(db, rows)
