"""Script-insensitive full-text search over the library.

Each paragraph is indexed as overlapping bigrams of its key form (simplified, no
punctuation), so 協同 finds 协同, two-character words are found, and a phrase query of
bigrams matches exactly the key-form substring. Hits are mapped back to stored-text spans.
"""

from __future__ import annotations

from dataclasses import dataclass
from bisect import bisect_right
from typing import Iterable, Iterator, Sequence

from sqlite_utils import Database

from duidu.text.keyform import KeyForm, key_form, query_key

CONTEXT = 24  # characters of stored text shown either side of a hit


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
    excluded = sorted(excluded)
    for n, start, end in paragraphs:
        if whole is not None:
            a, b = whole.map.to_dst_span(start, end)
            key = whole.text[a:b]
        else:
            key = key_form(text[start:end], local_ranges(excluded, start, end)).text
        if key:
            yield {"grams": grams(key), "key": key, "document_id": document_id, "paragraph": n}


def search(db: Database, query: str, *, document_id: int | None = None, limit: int = 100) -> list[SearchHit]:
    """Every occurrence of ``query`` (any script), in document and text order."""
    q = query_key(query)
    if not q:
        return []
    if len(q) >= 2:
        sql = "SELECT document_id, paragraph FROM search_index WHERE search_index MATCH ?"
        params: list = ['"' + grams(q).replace('"', '""') + '"']
    else:  # one character: bigrams cannot answer; scan the stored key forms
        sql = "SELECT document_id, paragraph FROM search_index WHERE instr(key, ?) > 0"
        params = [q]
    if document_id is not None:
        sql += " AND document_id = ?"
        params.append(document_id)
    sql += " ORDER BY document_id, paragraph"
    hits: list[SearchHit] = []
    docs: dict[int, tuple[str, str, list]] = {}
    for row in db.execute(sql, params).fetchall():
        doc_id, n = row
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
