"""The library's similar-passage index: one FTS5 row per search unit, written at import.

Scoring every unit of a 10M-character library in Python takes seconds, so SQLite's FTS5 picks
the candidates (any shared rare bigram, word or measure, ranked by bm25) and
``duidu.engine.similar.score`` re-ranks only those. Token frequencies come from an fts5vocab
table over the index, so rare tokens weigh more without a table of our own to keep up to date.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from sqlite_utils import Database

from duidu.engine.document import EngineDocument, Span
from duidu.engine.similar import KINDS, Features, features, idf, measures_in, score, units
from duidu.text.keyform import KeyForm, query_key

TABLE = "similar_index"
CANDIDATES = 200  # re-ranked per query; the benchmark checks they hold the exact top 10
COMMON = 0.05  # a token in more units than this share only re-ranks, it fetches no candidates
MIN_FETCH = 4  # ... unless the query has fewer rarer tokens than this
BM25_WEIGHTS = (1.0, 2.0, 4.0)  # grams, words, measures: a shared word says more than a bigram

UNIT_BITS = 20  # rowid = document id << UNIT_BITS | unit number: one document is one rowid range
PARALLEL_CHARS = 2_000_000  # a backfill this large is worth starting worker processes for
MAX_WORKERS = 4

_COLUMNS = "grams, words, measures, document_id, start, \"end\""


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
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5(grams, words, measures, document_id UNINDEXED, "
        "start UNINDEXED, \"end\" UNINDEXED, tokenize=\"unicode61 categories 'L* N* Co M* S*'\")"
    )
    db.execute(f"CREATE VIRTUAL TABLE {TABLE}_vocab USING fts5vocab({TABLE}, col)")


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
        for w in words[bisect_left(starts, a):]:
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
         simplified=None, words: list | None = None) -> list[tuple]:
    """Index rows of ``doc``; ``mentions`` are its measures when already known (cached at import);
    ``simplified`` and ``words`` its t2s text and that text's words (``segment_tagged``), when
    already made: the import segments a document once for its measures and this index."""
    us = units(doc)
    if len(us) >= 1 << UNIT_BITS:
        raise ValueError(f"document {doc.id} has {len(us)} sentences; the index holds {1 << UNIT_BITS} per document")
    out = []
    found = measure_mentions(doc) if mentions is None else mentions
    per_unit = unit_words(us, simplified, words) if words is not None else [_words(u.key) for u in us]
    for n, (u, names, unit_words_) in enumerate(zip(us, measures_in(us, found), per_unit)):
        f = features(u.key, unit_words_, names)
        tokens = (" ".join(sorted(f.of(kind))) for kind in KINDS)  # sorted: the same rows from any process
        out.append((doc.id << UNIT_BITS | n, *tokens, doc.id, u.start, u.end))
    return out


def insert_rows(db: Database, rows: list[tuple]) -> None:
    db.conn.executemany(f"INSERT INTO {TABLE} (rowid, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def index_document(db: Database, doc: EngineDocument, mentions: list[tuple[int, int, str]] | None = None) -> None:
    insert_rows(db, rows(doc, mentions))


def store_rows(db: Database, doc_id: int, prepared: list[tuple]) -> None:
    """Insert rows made by ``rows`` for document 0 (before the document had an id) as ``doc_id``'s."""
    insert_rows(db, [(doc_id << UNIT_BITS | r[0], r[1], r[2], r[3], doc_id, r[5], r[6]) for r in prepared])


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
    sql = f"SELECT {_COLUMNS} FROM {TABLE} WHERE {TABLE} MATCH ?"
    if document_id is not None:  # a rowid range: FTS5 skips the other documents' rows unread
        sql += " AND rowid BETWEEN ? AND ?"
        params += [document_id << UNIT_BITS, (document_id + 1 << UNIT_BITS) - 1]
    sql += f" ORDER BY bm25({TABLE}, {', '.join(map(str, BM25_WEIGHTS))}) LIMIT {max(CANDIDATES, top)}"
    weights = {tok: idf(counts.get(tok, 0), total) for tok in tokens}

    def weight(kind: str, token: str) -> float:
        return weights[(kind, token)]

    ranked = []
    for grams, words, measures, doc_id, start, end in db.execute(sql, params):
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
    """Drop a document's rows (before its revised text is indexed): one rowid range."""
    db.execute(f"DELETE FROM {TABLE} WHERE rowid BETWEEN ? AND ?",
               [document_id << UNIT_BITS, (document_id + 1 << UNIT_BITS) - 1])
