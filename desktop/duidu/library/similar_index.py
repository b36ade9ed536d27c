"""The library's similar-passage index: one FTS5 row per search unit, written at import.

Scoring every unit of a 10M-character library in Python takes seconds, so SQLite's FTS5 picks
the candidates (any shared rare bigram, word or measure, ranked by bm25) and
``duidu.engine.similar.score`` re-ranks only those. Token frequencies come from an fts5vocab
table over the index, so rare tokens weigh more without a table of our own to keep up to date.

The index is contentless (FTS5 ``content=''``): a stored copy of every unit's tokens was a
quarter of a library's file. It keeps no token positions either (``detail=column``): a unit's
tokens are sets, each once in its column, so bm25 counts the same without them. What re-ranking and FTS5's ``delete`` command need comes from
``similar_units`` instead, one zlib-packed row per document: each unit's span, words and
measures, and where its key lies in the document's stored key form (its bigrams are made from
that again, exactly as written). A document's rows are removed (``remove_document``) before
its key form is replaced.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from functools import lru_cache

from sqlite_utils import Database

from duidu.engine.document import EngineDocument, Span
from duidu.engine.similar import KINDS, Features, bigrams, features, idf, measures_in, score, units
from duidu.text.keyform import KeyForm, query_key

TABLE = "similar_index"
UNITS = "similar_units"  # per document: its units' spans, key places, words and measures (packed)
CANDIDATES = 200  # re-ranked per query; the benchmark checks they hold the exact top 10
COMMON = 0.05  # a token in more units than this share only re-ranks, it fetches no candidates
MIN_FETCH = 4  # ... unless the query has fewer rarer tokens than this
BM25_WEIGHTS = (1.0, 2.0, 4.0)  # grams, words, measures: a shared word says more than a bigram

UNIT_BITS = 20  # units a document may have: fewer than 1 << UNIT_BITS
PARALLEL_CHARS = 2_000_000  # a backfill this large is worth starting worker processes for
MAX_WORKERS = 4

_TOKENS = "grams, words, measures"


@dataclass(frozen=True)
class SimilarHit:
    document_id: int
    title: str
    start: int  # in the document's stored text
    end: int
    text: str  # stored[start:end]
    score: float  # 0..1


def create(db: Database) -> None:
    # Letters, digits, marks and symbols are token characters: a bigram such as 0+ stays whole.
    db.execute(
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5({_TOKENS}, content='', detail=column, "
        "tokenize=\"unicode61 categories 'L* N* Co M* S*'\")"
    )
    db.execute(f"CREATE VIRTUAL TABLE {TABLE}_vocab USING fts5vocab({TABLE}, col)")
    # A document's units have the rowids first .. first + count - 1, given in import order: the
    # postings of neighbouring units stay close (a rowid made of document and unit numbers left
    # gaps that took an eighth of the index).
    db.execute(f"CREATE TABLE {UNITS} (document_id INTEGER PRIMARY KEY REFERENCES documents(id), "
               "first INTEGER NOT NULL, count INTEGER NOT NULL, units BLOB NOT NULL)")
    db.execute(f"CREATE UNIQUE INDEX {UNITS}_first ON {UNITS} (first)")


def measure_mentions(doc: EngineDocument) -> list[tuple[int, int, str]]:
    """The measures ``doc`` mentions: ``(start, end, canonical name)`` in its stored text."""
    from duidu.engine.measures import extract_measures  # late: loads the lexicon (and POS tagging)

    return [(m.start, m.end, m.measure) for m in extract_measures(doc)]


def _words(key: str) -> list[str]:
    from duidu.text.segment import segment  # loads jieba on first use, never at start-up

    return [w.text for w in segment(key)]


def require_room(source: str, units_needed: int) -> None:
    """Refuse, before any segmenting, a document with more units than its rowid range holds
    (``units_needed``: ``len(units(doc))``, or a count known to be at most that)."""
    from duidu.library.errors import InputError

    if units_needed >= 1 << UNIT_BITS:
        raise InputError(source, f"too large: {units_needed:,} passages to index; the limit is "
                                 f"{(1 << UNIT_BITS) - 1:,} a document")


def unit_words(units_: list, simplified, words: list) -> list[list[str]]:
    """Each unit's words in key form, from the document's one segmentation (``words`` of
    ``simplified``, its t2s text): the words lying inside the unit's span of the stored text."""
    from bisect import bisect_left

    starts = [w.start for w in words]
    out = []
    for u in units_:  # the unit's span in the simplified text, then the words inside it
        a, b = simplified.map.to_dst_span(u.start, u.end)
        found = []
        for i in range(bisect_left(starts, a), len(words)):  # by index: a slice would copy the rest
            w = words[i]
            if w.end > b:
                break
            if k := _word_key(w.text):
                found.append(k)
        out.append(found)
    return out


@lru_cache(maxsize=1 << 16)
def _word_key(word: str) -> str:
    from duidu.text.keyform import fold

    return fold(word)


def rows(doc: EngineDocument, mentions: list[tuple[int, int, str]] | None = None, *,
         simplified=None, words: list | None = None, units_: list | None = None) -> list[tuple]:
    """Index rows of ``doc``; ``mentions`` are its measures when already known (cached at import);
    ``simplified`` and ``words`` its t2s text and that text's words (``segment_tagged``), when
    already made: the import segments a document once for its measures and this index
    (``units_``: its ``units``, when made too)."""
    us = units(doc) if units_ is None else units_
    if len(us) >= 1 << UNIT_BITS:
        raise ValueError(f"document {doc.id} has {len(us)} sentences; the index holds {1 << UNIT_BITS} per document")
    out = []
    found = measure_mentions(doc) if mentions is None else mentions
    per_unit = unit_words(us, simplified, words) if words is not None else [_words(u.key) for u in us]
    key = doc.keyform
    for n, (u, names, unit_words_) in enumerate(zip(us, measures_in(us, found), per_unit)):
        f = features(u.key, unit_words_, names)
        tokens = (" ".join(sorted(f.of(kind))) for kind in KINDS)  # sorted: the same rows from any process
        a, b = key.map.to_dst_span(u.start, u.end)
        place = f"{a}:{b}" if key.text[a:b] == u.key else "=" + u.key  # where its bigrams come from
        out.append((doc.id << UNIT_BITS | n, *tokens, doc.id, u.start, u.end, place, _pack_words(f.words, u.key)))
    return out


def _pack_words(words, key: str) -> str:
    """A unit's words as places in its key, in key order: "gap" (two characters) or "gap.length"
    from the last word's start, "=word" for one not found there (a third of the room of the words)."""
    placed = sorted((key.find(w), w) for w in words)
    out, last = [], 0
    for at, w in placed:
        if at < 0:
            out.append("=" + w)
        else:
            out.append(f"{at - last}" if len(w) == 2 else f"{at - last}.{len(w)}")
            last = at
    return " ".join(out)


def _unpack_words(packed: str, key: str) -> str:
    """The words token string ``_pack_words`` was made from (sorted, as given to the index)."""
    words, last = [], 0
    for item in packed.split():
        if item.startswith("="):
            words.append(item[1:])
            continue
        gap, _, length = item.partition(".")
        last += int(gap)
        words.append(key[last : last + (int(length) if length else 2)])
    return " ".join(sorted(words))


def insert_rows(db: Database, rows: list[tuple]) -> None:
    """Index one document's rows (made by ``rows``, in unit order) after every unit indexed so
    far, and keep what re-ranking needs of them."""
    if not rows:
        return
    last = db.execute(f"SELECT first + count FROM {UNITS} ORDER BY first DESC LIMIT 1").fetchone()
    first = last[0] if last else 1
    db.conn.executemany(f"INSERT INTO {TABLE} (rowid, {_TOKENS}) VALUES (?, ?, ?, ?)",
                        ((first + n, *r[1:4]) for n, r in enumerate(rows)))
    packed = "\n".join(f"{r[5]}\t{r[6]}\t{r[7]}\t{r[8]}\t{r[3]}" for r in rows)
    db.execute(f"INSERT INTO {UNITS} (document_id, first, count, units) VALUES (?, ?, ?, ?)",
               [rows[0][4], first, len(rows), zlib.compress(packed.encode(), 6)])


def unit_rowids(db: Database, document_id: int) -> range:
    """The rowids of a document's units in the index (empty when it has none)."""
    row = db.execute(f"SELECT first, count FROM {UNITS} WHERE document_id = ?", [document_id]).fetchone()
    return range(row[0], row[0] + row[1]) if row else range(0)


def stored_units(db: Database, document_id: int) -> list[tuple[int, int, str, str, str]]:
    """A document's indexed units as written: ``(start, end, grams, words, measures)``, the
    last three the token strings given to the index, in unit order."""
    units = _PackedUnits(db, document_id)
    return [units.unit(n) for n in range(len(units))]


class _PackedUnits:
    """A document's packed units, each made into its index tokens only when asked for."""

    def __init__(self, db: Database, document_id: int) -> None:
        row = db.execute(f"SELECT units FROM {UNITS} WHERE document_id = ?", [document_id]).fetchone()
        self._lines = zlib.decompress(row[0]).decode().split("\n") if row else []
        self._db, self._id, self._key = db, document_id, None

    def __len__(self) -> int:
        return len(self._lines)

    def unit(self, n: int) -> tuple[int, int, str, str, str]:
        start, end, place, words, measures = self._lines[n].split("\t")
        if place.startswith("="):
            unit_key = place[1:]
        else:
            if self._key is None:
                from duidu.library.engine_cache import unpack_key

                (stored,) = self._db.execute("SELECT key FROM keyforms WHERE document_id = ?", [self._id]).fetchone()
                self._key = unpack_key(stored)
            a, b = place.split(":")
            unit_key = self._key[int(a) : int(b)]
        return int(start), int(end), " ".join(sorted(set(bigrams(unit_key)))), _unpack_words(words, unit_key), measures


def index_document(db: Database, doc: EngineDocument, mentions: list[tuple[int, int, str]] | None = None) -> None:
    insert_rows(db, rows(doc, mentions))


def store_rows(db: Database, doc_id: int, prepared: list[tuple]) -> None:
    """Insert rows made by ``rows`` for document 0 (before the document had an id) as ``doc_id``'s."""
    insert_rows(db, [(r[0], r[1], r[2], r[3], doc_id, *r[5:]) for r in prepared])


def analyse(doc: EngineDocument) -> tuple[list, list[tuple]]:
    """A document's measures and index rows (run in a worker process for large libraries)."""
    from duidu.engine.measures import extract_measures
    from duidu.text.script import convert
    from duidu.text.segment import segment_tagged

    simplified = convert(doc.text, "t2s")
    words = segment_tagged(simplified.text)  # one segmentation for both
    mentions = extract_measures(doc, simplified=simplified, words=words)
    return mentions, rows(doc, [(m.start, m.end, m.measure) for m in mentions], simplified=simplified, words=words)


def backfill(db: Database, *, workers: int | None = None) -> None:
    """Extract measures and index every document already in the library (the migration).

    Segmentation and measure extraction cost ~10 s per million characters, so a large library
    is shared out to worker processes (spawned: forking a process that may hold jieba's or Qt's
    locks is unsafe); documents are read and rows written here, in the caller's transaction.
    """
    from duidu.library.engine_cache import engine_document, store_mentions

    def write(doc_id: int, result: tuple[list, list[tuple]]) -> None:
        store_mentions(db, doc_id, result[0])
        insert_rows(db, result[1])

    ids = [r[0] for r in db.execute("SELECT id FROM documents ORDER BY id").fetchall()]
    size = db.execute("SELECT coalesce(sum(length(text)), 0) FROM documents").fetchone()[0]
    if workers is None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS) if size >= PARALLEL_CHARS else 1
    if workers <= 1:
        for doc_id in ids:
            write(doc_id, analyse(engine_document(db, doc_id)))
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending: deque = deque()
        for doc_id in ids:
            pending.append((doc_id, pool.submit(analyse, engine_document(db, doc_id))))
            if len(pending) >= 4 * workers:  # bounded: a few documents in flight, not the library
                doc, future = pending.popleft()
                write(doc, future.result())
        while pending:
            doc, future = pending.popleft()
            write(doc, future.result())


def query_features(text: str) -> Features:
    key = query_key(text)
    return features(key, _words(key) if key else [], _query_measures(text) if key else [])


def _query_measures(text: str) -> list[str]:
    """The measures the query mentions, through the same hook as the documents."""
    from duidu.text.clean import clean

    return [name for _, _, name in measure_mentions(EngineDocument.from_text(0, clean(text).text))]


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _any(tokens: list[tuple[str, str]]) -> str:
    """An FTS5 expression matching any of ``(kind, token)``, each in its own column, all quoted."""
    return " OR ".join(f"{kind} : ({' OR '.join(_quote(t) for k, t in tokens if k == kind)})"
                       for kind in KINDS if any(k == kind for k, _ in tokens))


def similar(db: Database, text: str, *, document_id: int | None = None, top: int = 10) -> list[SimilarHit]:
    """The ``top`` units most like ``text`` (any script), best first; [] when it has nothing to
    compare (empty, punctuation only, or a single character)."""
    query = query_features(text)
    tokens = [(kind, t) for kind in KINDS for t in query.of(kind)]
    if not tokens or top <= 0:
        return []
    counts, total = token_counts(db, tokens)
    known = sorted((counts[tok], tok) for tok in tokens if counts.get(tok))
    fetch = [tok for n, tok in known if n <= COMMON * total]
    if len(fetch) < MIN_FETCH:
        fetch = [tok for _, tok in known[:MIN_FETCH]]
    if not fetch:
        return []
    # Only rows holding a rarer token are candidates: a common token (教育, 发展) would make
    # bm25 rank a large share of the library. (Ranking them on all tokens too was slower and no better.)
    match = _any(fetch)
    params: list = [match]
    sql = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?"
    if document_id is not None:  # a rowid range: FTS5 skips the other documents' rows unread
        ids = unit_rowids(db, document_id)
        if not ids:
            return []
        sql += " AND rowid BETWEEN ? AND ?"
        params += [ids.start, ids.stop - 1]
    sql += f" ORDER BY bm25({TABLE}, {', '.join(map(str, BM25_WEIGHTS))}) LIMIT {max(CANDIDATES, top)}"
    weights = {tok: idf(counts.get(tok, 0), total) for tok in tokens}

    def weight(kind: str, token: str) -> float:
        return weights[(kind, token)]

    ranked = []
    kept: dict[int, _PackedUnits] = {}  # each candidate document's units, unpacked once
    for (rowid,) in db.execute(sql, params).fetchall():
        doc_id, first = db.execute(f"SELECT document_id, first FROM {UNITS} WHERE first <= ? ORDER BY first DESC LIMIT 1",
                                   [rowid]).fetchone()
        if doc_id not in kept:
            kept[doc_id] = _PackedUnits(db, doc_id)
        start, end, grams, words, measures = kept[doc_id].unit(rowid - first)
        unit = Features(frozenset(grams.split()), frozenset(words.split()), frozenset(measures.split()))
        ranked.append((score(query, unit, weight), doc_id, start, end))
    ranked.sort(key=lambda r: (-r[0], r[1], r[2]))
    return [_hit(db, *r) for r in ranked[:top]]


def token_counts(db: Database, tokens: list[tuple[str, str]]) -> tuple[dict[tuple[str, str], int], int]:
    """How many units hold each ``(kind, token)``, and how many units there are."""
    terms = sorted({t for _, t in tokens})
    sql = f"SELECT term, col, doc FROM {TABLE}_vocab WHERE term IN ({', '.join('?' * len(terms))})"
    counts = {(col, term): n for term, col, n in db.execute(sql, terms)}
    total = db.execute(f"SELECT count(*) FROM {TABLE}_docsize").fetchone()[0]  # FTS5's row per unit: a quick count
    return counts, total


def _hit(db: Database, value: float, doc_id: int, start: int, end: int) -> SimilarHit:
    title, text = db.execute(
        "SELECT title, substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?", [start, end, start, doc_id]
    ).fetchone()
    return SimilarHit(doc_id, title, start, end, text, value)


def remove_document(db: Database, document_id: int) -> None:
    """Drop a document's rows (before its key form is replaced): FTS5's ``delete`` with the
    tokens each row was given, made again from ``similar_units``."""
    db.conn.executemany(f"INSERT INTO {TABLE} ({TABLE}, rowid, {_TOKENS}) VALUES ('delete', ?, ?, ?, ?)",
                        ((rowid, g, w, m) for rowid, (_, _, g, w, m) in
                         zip(unit_rowids(db, document_id), stored_units(db, document_id))))
    db.execute(f"DELETE FROM {UNITS} WHERE document_id = ?", [document_id])
