"""A job's documents: read and cleaned inside Spark tasks by Duidu's own text layer.

Each function here maps one partition's records, so a task does for its documents what an
import does (``library/importer.py``): the reader (``library/readers.read_source``), cleaning
with the reader's furniture marks, the official metadata's date and title, and the key form
(``text/keyform.py``) with its offset map, which the alignment stage needs to send key spans
back to stored-text offsets. Nothing here imports pyspark: these are plain Python functions
over plain records (dicts), which Spark ships to the executors.

A file that cannot be read is a ``refused`` record naming it and the reason (the reader's
InputError message), never a failed task.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import PurePosixPath
from typing import Iterable, Iterator

from duidu.engine.document import EngineDocument, Span
from duidu.library.readers import FORMATS
from duidu.text.keyform import KeyForm, key_form
from duidu.text.offsets import OffsetMap


def is_document_file(name: str) -> bool:
    """A file the readers take (by extension): what a folder's listing keeps."""
    return PurePosixPath(name).suffix.lower() in FORMATS and not PurePosixPath(name).name.startswith(".")


def read_files(records: Iterable[tuple[int, str, str, bytes]]) -> Iterator[dict]:
    """``(doc, uri, name, bytes)`` → a document record, or a refused one (``{"refused": reason}``).

    The bytes come from Spark (``binaryFiles``: local disk, HDFS or object storage alike); the
    reader takes a path, so each file is put in a private temporary file with its own name.
    """
    from duidu.library.errors import InputError
    from duidu.library.readers import read_source

    with tempfile.TemporaryDirectory(prefix="duidu-spark-") as tmp:
        for doc, uri, name, data in records:
            local = os.path.join(tmp, PurePosixPath(name).name)
            with open(local, "wb") as f:
                f.write(data)
            try:
                source = read_source(local)
                yield from_source(doc, name, source)
            except InputError as e:
                yield {"doc": doc, "path": name, "refused": e.reason}
            finally:
                os.unlink(local)


def local_path(uri: str) -> str | None:
    """The file system path of a ``file:`` URI (or a plain path); None for any other scheme."""
    if uri.startswith("file:"):
        path = uri[len("file:"):]
        return path[2:] if path.startswith("//") else path
    return None if "://" in uri else uri


def read_local_files(records: Iterable[tuple[int, str, str]]) -> Iterator[dict]:
    """``(doc, uri, name)`` of files every task can open (a local folder, a shared mount) →
    ``read_files``'s records, the bytes read here rather than shipped from the JVM."""
    def with_bytes():
        for doc, uri, name in records:
            with open(local_path(uri), "rb") as f:
                yield doc, uri, name, f.read()

    return read_files(with_bytes())


def from_source(doc: int, name: str, source) -> dict:
    """A read file → its stored text, structure, date and title (as the importer finds them)."""
    from duidu.library import metadata
    from duidu.library.errors import InputError
    from duidu.library.formats import with_source_furniture
    from duidu.text.clean import clean

    cleaned = with_source_furniture(clean(source.body), source)
    if not cleaned.text.strip():
        raise InputError(name, "no text left after cleaning")
    paragraphs = [(p.start, p.end) for p in cleaned.paragraphs]
    excluded = [(e.start, e.end) for e in cleaned.excluded]
    lines, furniture = metadata.lines_of(cleaned.text, paragraphs, excluded)
    row, _ = metadata.row_fields(lines, furniture, file_title=source.title, file_name=PurePosixPath(name).name,
                                 given={})
    return stored(doc, name, cleaned.text, paragraphs, [(s.start, s.end) for s in cleaned.sentences], excluded,
                  date=row.get("date"), title=row.get("title"), region=row.get("region"))


def stored(doc: int, name: str | None, text: str, paragraphs, sentences, excluded, *, date: str | None,
           title: str | None, region: str | None = None) -> dict:
    """The record every later stage reads (a library's documents start here too). The region goes
    with it: the engine reads a passage around each document's own region as a frame."""
    return {"doc": int(doc), "path": name, "text_hash": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "date": date or None, "title": title or "", "region": region or None, "text": text,
            "paragraphs": [list(p) for p in paragraphs], "sentences": [list(s) for s in sentences],
            "excluded": [list(e) for e in excluded]}


def with_key(records: Iterable[dict]) -> Iterator[dict]:
    """Each document record with its key form (``key``) and the key's offset map (``key_map``)."""
    for r in records:
        if "refused" in r:
            yield r
            continue
        key = key_form(r["text"], [tuple(e) for e in r["excluded"]])
        yield {**r, "key": key.text, "key_map": bytearray(key.map.to_bytes())}


def engine_document(r: dict) -> EngineDocument:
    """The engine's view of a document record, as ``library.engine_cache.engine_document`` builds it."""
    def spans(items) -> tuple[Span, ...]:
        return tuple(Span(int(s), int(e)) for s, e in items)

    key = KeyForm(r["key"], OffsetMap.from_bytes(bytes(r["key_map"])))
    return EngineDocument(int(r["doc"]), r.get("title") or "", r.get("region"), r["text"], spans(r["paragraphs"]),
                          spans(r["sentences"]), spans(r["excluded"]), key)


def library_records(lib) -> Iterator[dict]:
    """Every document of a library as a job's document record (ids kept: results import back as is)."""
    db = lib.db

    def spans(table: str, doc: int) -> list[tuple[int, int]]:
        return [(s, e) for s, e in db.execute(f'SELECT start, "end" FROM {table} WHERE document_id = ? ORDER BY n',
                                              [doc])]

    for doc, name, text, date, title, region in db.execute(
            "SELECT id, file_name, text, date, title, region FROM documents ORDER BY id").fetchall():
        yield stored(doc, name, text, spans("paragraphs", doc), spans("sentences", doc), spans("excluded", doc),
                     date=date, title=title, region=region)
