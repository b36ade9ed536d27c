"""Domain records the library hands out (frozen: callers never write through them)."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    id: int
    title: str
    region: str | None
    date: str | None
    source: str | None
    author: str | None
    kind: str | None
    file_name: str | None
    format: str | None
    encoding: str | None
    script: str  # simplified | traditional | mixed | unknown
    script_confidence: float
    length: int  # characters of stored text
    seed: bool
    # Official metadata (GB/T 9704): read from the text at import, corrected by the user (``date`` is
    # the date written, 成文日期; ``region`` the issuer's division, ``region_code`` its GB/T 2260 code).
    issuing_body: str | None = None
    doc_number: str | None = None
    addressees: str | None = None
    attachments: tuple[str, ...] = ()
    region_code: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> "Document":
        return cls(
            id=row["id"],
            title=row["title"],
            region=row["region"],
            date=row["date"],
            source=row["source"],
            author=row["author"],
            kind=row["kind"],
            file_name=row["file_name"],
            format=row["format"],
            encoding=row["encoding"],
            script=row["script"],
            script_confidence=row["script_confidence"] or 0.0,
            length=row["length"],
            seed=bool(row["seed"]),
            issuing_body=row.get("issuing_body"),
            doc_number=row.get("doc_number"),
            addressees=row.get("addressees"),
            attachments=tuple(json.loads(row["attachments"])) if row.get("attachments") else (),
            region_code=row.get("region_code"),
        )


@dataclass(frozen=True)
class Range:
    start: int
    end: int


@dataclass(frozen=True)
class ExcludedRange:
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class DocumentText:
    """A document's stored text with the structure computed at import."""

    document: Document
    text: str
    paragraphs: tuple[Range, ...]
    sentences: tuple[Range, ...]
    excluded: tuple[ExcludedRange, ...]


@dataclass(frozen=True)
class ImportResult:
    document: Document
    created: bool  # False: the same content was already in the library
    encoding_note: str
    pinyin_removed: int
    excluded: int
