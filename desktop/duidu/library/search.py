"""Script-insensitive full-text search over the library.

Each paragraph is indexed as overlapping bigrams of its key form (simplified, no
punctuation), so 協同 finds 协同, two-character words are found, and a phrase query of
bigrams matches exactly the key-form substring. Hits are mapped back to stored-text spans.

The index is contentless (FTS5 ``content=''``): it keeps the postings, not a copy of the
bigram text (that copy was a quarter of a library's file). It holds one row per document (its
rowid the document's id: postings of neighbouring documents stay close, a third smaller than a
row per paragraph), the paragraphs' bigrams one after another with ``SEPARATOR`` between them,
a token no query can hold, so a phrase never matches across two paragraphs. The paragraphs that
answer are found in the document's stored key form. A document's row is taken out with FTS5's
``delete`` command given the same tokens, made again from the stored key form and paragraphs
(``remove_document``, which runs before either is replaced). A one-character query, which
bigrams cannot answer, looks in the stored key forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from bisect import bisect_right
from typing import Iterable, Iterator, Sequence

from sqlite_utils import Database

from duidu.text.keyform import KeyForm, key_form, query_key

CONTEXT = 24  # characters of stored text shown either side of a hit
TABLE = "search_index"
# Between paragraphs: a private-use character is a token to unicode61 but never in a key form
# (``keyform`` drops every C* character), so no phrase of key bigrams reaches over it.
SEPARATOR = "\ue000"


def create(db: Database) -> None:
    db.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(grams, content='', tokenize='unicode61')")


@dataclass(frozen=True)
class SearchHit:
    document_id: int
    title: str
    paragraph: int
    start: int  # in the document's stored text
    end: int
    before: str
    match: str
    after: str


def grams(key: str) -> str:
    if len(key) < 2:
        return key
    return " ".join(key[i : i + 2] for i in range(len(key) - 1))


def local_ranges(ranges: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The parts of sorted, non-overlapping ``ranges`` inside ``[start, end)``, relative to ``start``."""
    i = bisect_right(ranges, (start, start))
    if i and ranges[i - 1][1] > start:
        i -= 1
    out = []
    while i < len(ranges) and ranges[i][0] < end:
        s, e = ranges[i]
        if e > start:
            out.append((max(s, start) - start, min(e, end) - start))
        i += 1
    return out


def index_rows(
    document_id: int,
    text: str,
    paragraphs: Iterable[tuple[int, int, int]],
    excluded: Iterable[tuple[int, int]],
    whole: KeyForm | None = None,
) -> Iterator[dict]:
    """Index rows for a document's paragraphs ``(n, start, end)``, furniture left out.

    ``whole``: the document's key form (made once at import): each paragraph's key is its
    slice, not a key form made again paragraph by paragraph."""
    if whole is not None:
        keys = _key_slices(whole.text, whole.map, paragraphs)
    else:
        excluded = sorted(excluded)
        keys = ((n, key_form(text[start:end], local_ranges(excluded, start, end)).text) for n, start, end in paragraphs)
    for n, key in keys:
        if key:
            yield {"grams": grams(key), "key": key, "document_id": document_id, "paragraph": n}


def _key_slices(key: str, offsets, paragraphs: Iterable[tuple[int, int, int]]) -> Iterator[tuple[int, str]]:
    """``(n, key)``: each paragraph's slice of the document's whole key form, empty ones left out."""
    for n, start, end in paragraphs:
        a, b = offsets.to_dst_span(start, end)
        if b > a:
            yield n, key[a:b]


def document_tokens(rows: Iterable[dict]) -> str:
    """A document's index text: its paragraphs' bigrams, ``SEPARATOR`` between paragraphs."""
    return f" {SEPARATOR} ".join(r["grams"] for r in rows)


def insert_rows(db: Database, document_id: int, rows: Iterable[dict]) -> None:
    """Index a document's rows made by ``index_rows`` (their own document id is not used)."""
    rows = list(rows)
    if rows:
        db.execute(f"INSERT INTO {TABLE} (rowid, grams) VALUES (?, ?)", [document_id, document_tokens(rows)])


def stored_rows(db: Database, document_id: int) -> list[dict]:
    """The index rows of a stored document, as they were written: from its stored key form and
    paragraphs (none when it has no key form: nothing was indexed)."""
    return [{"grams": grams(key), "key": key, "document_id": document_id, "paragraph": n}
            for n, key in paragraph_keys(db, document_id)]


def paragraph_keys(db: Database, document_id: int) -> list[tuple[int, str]]:
    """``(paragraph number, key)`` of a stored document's indexed paragraphs, in order."""
    from duidu.library.engine_cache import unpack_key, unpack_map

    row = db.execute("SELECT key, map FROM keyforms WHERE document_id = ?", [document_id]).fetchone()
    if row is None:
        return []
    paragraphs = db.execute('SELECT n, start, "end" FROM paragraphs WHERE document_id = ? ORDER BY n', [document_id])
    # Slices of the whole key form (as ``index_rows`` takes them): neither the text nor the
    # furniture is read (a revision has already replaced the text when the old rows are taken out).
    return list(_key_slices(unpack_key(row[0]), unpack_map(row[1]), paragraphs.fetchall()))


def remove_document(db: Database, document_id: int) -> None:
    """Take a document's row out of the index (before its key form or paragraphs change)."""
    rows = stored_rows(db, document_id)
    if rows:
        db.execute(f"INSERT INTO {TABLE} ({TABLE}, rowid, grams) VALUES ('delete', ?, ?)",
                   [document_id, document_tokens(rows)])


def search(db: Database, query: str, *, document_id: int | None = None, limit: int = 100) -> list[SearchHit]:
    """Every occurrence of ``query`` (any script), in document and text order."""
    q = query_key(query)
    if not q:
        return []
    if len(q) >= 2:  # the documents whose bigrams hold the phrase, then their paragraphs that hold it
        sql = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?"
        params: list = ['"' + grams(q).replace('"', '""') + '"']
        if document_id is not None:
            sql += " AND rowid = ?"
            params.append(document_id)
        documents = [d for (d,) in db.execute(sql + " ORDER BY rowid", params).fetchall()]
    else:  # one character: bigrams cannot answer; every document (or the one asked about)
        sql = "SELECT document_id FROM keyforms" + (" WHERE document_id = ?" if document_id is not None else "")
        documents = [d for (d,) in db.execute(sql + " ORDER BY document_id", [] if document_id is None else [document_id])]
    found = _paragraphs_holding(db, q, documents)
    hits: list[SearchHit] = []
    docs: dict[int, tuple[str, str, list]] = {}
    for doc_id, n in found:
        if doc_id not in docs:
            d = db.execute("SELECT title, text FROM documents WHERE id = ?", [doc_id]).fetchone()
            ex = db.execute("SELECT start, end FROM excluded WHERE document_id = ? ORDER BY start", [doc_id]).fetchall()
            docs[doc_id] = (d[0], d[1], ex)
        title, text, ex = docs[doc_id]
        p_start, p_end = db.execute(
            "SELECT start, end FROM paragraphs WHERE document_id = ? AND n = ?", [doc_id, n]
        ).fetchone()
        kf = key_form(text[p_start:p_end], local_ranges(ex, p_start, p_end))
        i = kf.text.find(q)
        while i >= 0:
            a, b = kf.map.to_src_span(i, i + len(q))
            a, b = a + p_start, b + p_start
            hits.append(
                SearchHit(doc_id, title, n, a, b, text[max(p_start, a - CONTEXT) : a], text[a:b], text[b : min(p_end, b + CONTEXT)])
            )
            if len(hits) >= limit:
                return hits
            i = kf.text.find(q, i + len(q))
    return hits


def _paragraphs_holding(db: Database, q: str, documents: Iterable[int]) -> Iterator[tuple[int, int]]:
    """``(document, paragraph)`` whose key holds ``q``, in order, read a document at a time
    (the caller stops reading when it has enough hits)."""
    for doc_id in documents:
        for n, key in paragraph_keys(db, doc_id):
            if q in key:
                yield doc_id, n
