"""From a file (or a seed) to the rows of one document: everything computed before writing.

Preparing is pure (nothing touches the database), so the write that follows is one short
transaction and a failure anywhere leaves the library as it was.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from duidu.engine.document import EngineDocument, Span
from duidu.engine.measures import extract_measures
from duidu.engine.similar import units
from duidu.library.errors import InputError
from duidu.library.formats import with_source_furniture
from duidu.library.readers import SourceFile, read_source
from duidu.library.search import index_rows
from duidu.library.similar_index import require_room
from duidu.text.chars import HAN, one_line_text
from duidu.text.clean import CleanText, clean
from duidu.text.keyform import KeyForm, key_form
from duidu.text.script import convert, detect_script
from duidu.text.segment import segment_tagged

METADATA = ("title", "region", "date", "source", "author", "kind", "notes", "issuing_body", "doc_number",
            "addressees", "attachments")


@dataclass(frozen=True)
class PreparedDocument:
    source: SourceFile
    cleaned: CleanText
    row: dict
    index: list[dict] = field(default_factory=list)
    key: KeyForm | None = None  # the comparison key form, cached for the engine
    mentions: list = field(default_factory=list)  # MeasureMention: measures, cached too
    similar: list | None = None  # similar-passage index rows for document 0 (rebased when written)
    corrections: dict = field(default_factory=dict)  # metadata the caller gave: kept as the user's corrections

    @property
    def text_hash(self) -> str:
        return self.row["text_hash"]


def prepare(
    path: str | os.PathLike,
    *,
    encoding: str | None = None,
    metadata: dict | None = None,
    seed: bool = False,
) -> PreparedDocument:
    """Read, decode, clean and analyse ``path``; raises InputError for bad input."""
    return analyse(read_source(path, encoding=encoding), metadata=metadata, seed=seed)


def prepare_text(body: str, *, raw: str, name: str, note: str, metadata: dict | None = None) -> PreparedDocument:
    """A document from text that did not come from a file of its own (a source inside an
    exchange package): ``raw`` as decoded, ``body`` it with "\n" line ends; ``name`` stands
    for the file name."""
    source = SourceFile(path=name, format="text", raw=raw, body=body, encoding="utf-8", encoding_confidence=1.0,
                        encoding_note=note, title=None)
    return analyse(source, metadata=metadata)


def analyse(source: SourceFile, *, metadata: dict | None = None, seed: bool = False) -> PreparedDocument:
    """Clean and analyse decoded text: every row of the document, nothing written yet."""
    path = source.path
    cleaned = with_source_furniture(clean(source.body), source)  # + a PDF's page numbers, running heads
    if not cleaned.text.strip():
        raise InputError(str(path), "no text left after cleaning")
    require_room(str(path), _units_at_least(cleaned))  # refused in seconds, before the analysis
    meta = {k: v for k, v in (metadata or {}).items() if k in METADATA and v not in (None, "")}
    guess = detect_script(cleaned.text)
    official, corrections = _official(source, cleaned, meta)
    row = {
        **official,  # title, issuing body, number, date, region …: as extracted, unless given
        "source": meta.get("source"),
        "author": meta.get("author"),
        "kind": meta.get("kind"),
        "notes": meta.get("notes"),
        "file_name": Path(path).name,
        "format": source.format,
        "encoding": source.encoding,
        "encoding_note": source.encoding_note,
        "raw_text": pack_text(source.raw, against=cleaned.text),  # provenance, read rarely: packed
        "text": cleaned.text,
        "text_length": len(cleaned.text),  # listing a library reads this, not every text
        "text_hash": hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),
        "script": guess.script,
        "script_confidence": guess.confidence,
        "pinyin_removed": cleaned.pinyin_removed,
        "seed": int(seed),
        "imported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    for name in ("title", "region", "source", "issuing_body"):  # one printable line: a title from a
        if isinstance(row.get(name), str):  # file's first line may hold an escape or a bidi override
            row[name] = one_line_text(row[name])
    paragraphs = [(n, p.start, p.end) for n, p in enumerate(cleaned.paragraphs)]
    excluded = [(e.start, e.end) for e in cleaned.excluded]
    # One t2s conversion of the text: the key form cuts its own from it (furniture left out),
    # the segmentation below reads it whole.
    simplified = convert(cleaned.text, "t2s")
    key = key_form(cleaned.text, excluded, simplified)
    doc = engine_document(cleaned, key)
    search_units = units(doc)  # the similar-passage index's, made once
    require_room(str(path), len(search_units))  # not a traceback at write time
    index = list(index_rows(0, cleaned.text, paragraphs, excluded, key))  # slices of the one key form
    # One segmentation of the simplified text (jieba, the slow part of an import) serves the
    # measures and the similar-passage index; both are made here, before the write transaction,
    # which then only stores rows (another writer waits seconds, not minutes).
    from duidu.library.similar_index import rows as similar_rows

    words = segment_tagged(simplified.text)
    mentions = extract_measures(doc, simplified=simplified, words=words)
    similar = similar_rows(doc, [(m.start, m.end, m.measure) for m in mentions], simplified=simplified, words=words,
                           units_=search_units)
    return PreparedDocument(source, cleaned, row, index, key, mentions, similar, corrections)


# The decoded file mostly repeats the stored text (cleaning changes little), so it is packed
# against it: each piece of the file is deflated with the stretch of stored text around the same
# place as zlib's preset dictionary (its window is 32 KiB), and costs only what differs.
_AGAINST = b"D"  # a plain zlib stream starts with 0x78 ("x")
_PIECE = 16384  # bytes of the file a piece
_WINDOW = 32768  # bytes of stored text a piece may refer to


def pack_text(text: str, against: str | None = None) -> bytes:
    """Text kept for provenance only (the decoded file), compressed (``against``: the stored text
    it was cleaned into, needed again to unpack it); ``unpack_text`` reads it."""
    data = text.encode("utf-8")
    if against is None:
        return zlib.compress(data, 6)
    ref = against.encode("utf-8")
    out = [_AGAINST, len(data).to_bytes(8, "big")]  # the length places each piece's window
    for at in range(0, len(data), _PIECE):
        packer = zlib.compressobj(6, zdict=_window(ref, at, len(data)))
        piece = packer.compress(data[at : at + _PIECE]) + packer.flush()
        out.append(len(piece).to_bytes(4, "big") + piece)
    return b"".join(out)


def unpack_text(stored: str | bytes, against: str | None = None) -> str:
    """A stored raw text: packed against the stored text ``against``, packed alone (bytes), or
    plain text (written before packing)."""
    if isinstance(stored, str):
        return stored
    stored = bytes(stored)
    if stored[:1] != _AGAINST:
        return zlib.decompress(stored).decode("utf-8")
    if against is None:
        raise ValueError("this raw text is packed against the stored text: pass it")
    ref = against.encode("utf-8")
    length = int.from_bytes(stored[1:9], "big")
    out: list[bytes] = []
    at = 9
    for start in range(0, length, _PIECE):
        size = int.from_bytes(stored[at : at + 4], "big")
        unpacker = zlib.decompressobj(zdict=_window(ref, start, length))
        out.append(unpacker.decompress(stored[at + 4 : at + 4 + size]) + unpacker.flush())
        at += 4 + size
    return b"".join(out).decode("utf-8")


def _window(ref: bytes, at: int, length: int) -> bytes:
    """The stored text around where byte ``at`` of a ``length``-byte file would be."""
    centre = at * len(ref) // max(1, length)
    start = max(0, min(centre - _WINDOW // 4, len(ref) - _WINDOW))
    return ref[start : start + _WINDOW]


def _official(source: SourceFile, cleaned: CleanText, given: dict) -> tuple[dict, dict]:
    """The document's official metadata (see ``metadata``), read from its paragraphs."""
    from duidu.library import metadata

    excluded = [(e.start, e.end) for e in cleaned.excluded]
    lines, furniture = metadata.lines_of(cleaned.text, [(p.start, p.end) for p in cleaned.paragraphs], excluded)
    return metadata.row_fields(lines, furniture, file_title=source.title, file_name=Path(source.path).name, given=given)


def _units_at_least(cleaned: CleanText) -> int:
    """Paragraphs with Chinese text outside furniture: each gives the similar index a unit or more."""
    starts = sorted((e.start, e.end) for e in cleaned.excluded)
    count, k = 0, 0
    for p in cleaned.paragraphs:
        while k < len(starts) and starts[k][1] <= p.start:
            k += 1
        covered = k < len(starts) and starts[k][0] <= p.start and starts[k][1] >= p.end
        if not covered and HAN.search(cleaned.text, p.start, p.end):
            count += 1
    return count


def engine_document(cleaned: CleanText, key: KeyForm, document_id: int = 0) -> EngineDocument:
    """The engine's view of a document being imported."""
    def spans(items) -> tuple[Span, ...]:
        return tuple(Span(i.start, i.end) for i in items)

    return EngineDocument(document_id, "", None, cleaned.text, spans(cleaned.paragraphs),
                          spans(cleaned.sentences), spans(cleaned.excluded), key)
