"""Notes out of Duidu for people and other tools: CSV for Excel, Markdown to read, W3C JSON.

A researcher hands notes on: to a spreadsheet (CSV, one row per passage), into a report
(Markdown, quotes grouped by tag with their citation), or to annotation software (JSON in the
W3C Web Annotation Data Model, whose selectors are the ones Duidu stores: a position and a
quote with context). REFI-QDA packages for QDA programs are in ``qdpx``. Nothing here writes
to the library; a file is written whole under a temporary name and renamed, or not at all.
"""

from __future__ import annotations

import csv
import io
import json
import os
import uuid
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from duidu import __version__
from duidu.library.annotations import Annotation, Target, now
from duidu.library.errors import InputError
from duidu.library.light_markdown import to_markdown_lines

if TYPE_CHECKING:
    from duidu.library.store import Library

FORMATS = ("csv", "md", "json", "qdpx")
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CSV_FIELDS = ("annotation_id", "guid", "kind", "side", "document_id", "title", "region", "date", "source",
              "paragraph", "start", "end", "quote", "tags", "note", "annotator", "status", "created", "updated")
UNTAGGED = "未分类 (untagged)"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a cell starting so is a formula to Excel


@dataclass(frozen=True)
class ExportSummary:
    path: str
    format: str
    annotations: int  # notes written
    documents: int  # documents they are on
    left_out: int = 0  # orphaned notes a format cannot hold (REFI-QDA: their passage is gone)

    def summary(self) -> str:
        gone = f"; {self.left_out} orphaned notes left out" if self.left_out else ""
        return f"wrote {self.annotations} notes on {self.documents} documents to {self.path} ({self.format}){gone}"


@dataclass(frozen=True)
class Notes:
    """What an export needs, read once: the notes, their documents and every code's path."""

    annotations: list[Annotation]
    documents: dict  # id -> Document
    paragraphs: dict  # id -> paragraph spans
    paths: dict  # code id -> "group/name", in codebook order
    guids: dict  # code id -> guid

    def tags(self, a: Annotation) -> list[int]:
        """A note's codes in codebook order (tree order, as ``paths`` holds them)."""
        order = {c: n for n, c in enumerate(self.paths)}
        return sorted(a.code_ids, key=order.__getitem__)


def gather(lib: "Library", document_ids=None) -> Notes:
    """The notes with a target on any of ``document_ids`` (all notes when None), in document order."""
    found = lib.annotations()
    if document_ids is not None:
        wanted = {lib.document(d).id for d in document_ids}
        found = [a for a in found if any(t.document_id in wanted for t in a.targets)]
    doc_ids = sorted({t.document_id for a in found for t in a.targets})
    paths: dict[int, str] = {}
    guids: dict[int, str] = {}
    for c in lib.codes():  # tree order: a parent's path is known before its children's
        paths[c.id] = c.name if c.parent_id is None else f"{paths[c.parent_id]}/{c.name}"
        guids[c.id] = c.guid
    return Notes(found, {d: lib.document(d) for d in doc_ids},
                 {d: lib.text(d).paragraphs for d in doc_ids}, paths, guids)


def paragraph_of(notes: Notes, t: Target) -> int:
    """The paragraph (from 1) a target starts in; the next one when it starts between two."""
    spans = notes.paragraphs[t.document_id]
    n = bisect_right([p.start for p in spans], t.start)  # paragraphs starting at or before it
    if n and t.start >= spans[n - 1].end and n < len(spans):
        n += 1  # in the blank between paragraph n and the next
    return max(1, n)


def save(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to the file ``path`` names, whole and checked (``output_file``)."""
    from duidu.library.output_file import write_whole

    write_whole(path, data)


def export(lib: "Library", path, fmt: str, document_ids=None) -> ExportSummary:
    if fmt not in FORMATS:
        raise InputError(str(fmt), f"not an export format ({', '.join(FORMATS)})")
    if fmt == "qdpx":
        from duidu.library.qdpx import export_project

        return export_project(lib, path, document_ids=document_ids)
    notes = gather(lib, document_ids)
    data = {"csv": to_csv, "md": to_markdown, "json": to_json}[fmt](notes)
    save(path, data)
    return ExportSummary(str(path), fmt, len(notes.annotations), len(notes.documents))


# -- CSV -------------------------------------------------------------------------------------
def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def to_csv(notes: Notes) -> bytes:
    """One row per target (a comparison note: two rows, sides A and B); UTF-8 with a BOM so
    Excel reads the Chinese as Chinese; CRLF rows; cells that Excel would run as a formula
    (starting = + - @) get a leading apostrophe."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(CSV_FIELDS)
    for a in notes.annotations:
        tags = "; ".join(notes.paths[c] for c in notes.tags(a))
        for n, t in enumerate(a.targets):
            d = notes.documents[t.document_id]
            side = "" if a.kind == "passage" else "AB"[n]
            w.writerow([_cell(v) for v in (a.id, a.guid, a.kind, side, d.id, d.title, d.region, d.date, d.source,
                                           paragraph_of(notes, t), t.start, t.end, t.quote, tags, a.note,
                                           a.annotator, t.status, a.created_at, a.updated_at)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# -- Markdown --------------------------------------------------------------------------------
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def _md(text: str) -> str:
    return text.translate(_MD_SPECIAL)


def citation(notes: Notes, t: Target) -> str:
    """《title》，region，date，第N段 (what is known of it)."""
    d = notes.documents[t.document_id]
    parts = [f"《{d.title}》", d.region, d.date, f"第{paragraph_of(notes, t)}段"]
    orphan = "（原文已修订，段落未能重新定位）" if t.status == "orphan" else ""
    return "，".join(p for p in parts if p) + orphan


def _quote_block(notes: Notes, t: Target) -> list[str]:
    lines = [f"> {_md(line)}".rstrip() for line in t.quote.split("\n")]
    return lines + [">", f"> —— {_md(citation(notes, t))}", ""]


def to_markdown(notes: Notes) -> bytes:
    """Notes grouped by tag (codebook order; a note with two tags under both, untagged last),
    each quote a blockquote with its citation, then the note (its light Markdown kept, as one
    list item it cannot break out of) and who wrote it."""
    groups: dict[str, list[Annotation]] = {p: [] for p in notes.paths.values()}
    groups[UNTAGGED] = []
    for a in notes.annotations:
        for key in [notes.paths[c] for c in notes.tags(a)] or [UNTAGGED]:
            groups[key].append(a)
    lines = ["# 对读 Duidu — 笔记 Notes", "",
             f"{len(notes.annotations)} notes on {len(notes.documents)} documents, exported {now()}.", ""]
    for tag, found in groups.items():
        if not found:
            continue
        lines += [f"## {_md(tag)}", ""]
        for a in found:
            if a.kind == "comparison":
                lines += ["**对照 Comparison**", ""]
            for n, t in enumerate(a.targets):
                if a.kind == "comparison":
                    lines += [f"*{'AB'[n]}*", ""]
                lines += _quote_block(notes, t)
            if a.note:  # the note's own light Markdown, kept inside one list item
                lines += [(("- " if n == 0 else "  ") + line) if line else ""
                          for n, line in enumerate(to_markdown_lines(a.note))] + [""]
            others = [notes.paths[c] for c in notes.tags(a) if notes.paths[c] != tag]
            also = f" · 另见 {'、'.join(_md(o) for o in others)}" if others else ""
            lines += [f"*{_md(a.annotator)} · {a.created_at[:10]}{also}*", "", "---", ""]
    return "\n".join(lines).encode("utf-8")


# -- W3C Web Annotation JSON -----------------------------------------------------------------
def document_iri(document_id: int, text_hash: str) -> str:
    """The text a target's offsets refer to: the document and the hash of that version of it."""
    return f"urn:duidu:document:{document_id}#{text_hash}"


def _target(t: Target) -> dict:
    return {"type": "SpecificResource", "source": document_iri(t.document_id, t.doc_hash),
            "selector": [{"type": "TextPositionSelector", "start": t.start, "end": t.end},
                         {"type": "TextQuoteSelector", "exact": t.quote, "prefix": t.prefix, "suffix": t.suffix}]}


def web_annotation(notes: Notes, a: Annotation) -> dict:
    """One note as a W3C ``Annotation``: the note a TextualBody (commenting, ``text/markdown``:
    notes are plain text with light Markdown), each code a
    SpecificResource body (tagging) naming the code by its guid, one target per passage."""
    body = []
    if a.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": a.note, "format": "text/markdown"})
    for c in notes.tags(a):
        body.append({"type": "SpecificResource", "purpose": "tagging",
                     "source": {"id": f"urn:uuid:{notes.guids[c]}", "label": notes.paths[c]}})
    motivation = [m for m, on in (("commenting", a.note), ("tagging", a.code_ids)) if on] or ["highlighting"]
    out = {"id": f"urn:uuid:{a.guid}", "type": "Annotation",
           "motivation": motivation[0] if len(motivation) == 1 else motivation,
           "creator": {"type": "Person", "name": a.annotator}, "created": a.created_at, "modified": a.updated_at}
    if body:
        out["body"] = body
    targets = [_target(t) for t in a.targets]
    out["target"] = targets[0] if a.kind == "passage" else targets
    return out


def to_json(notes: Notes) -> bytes:
    """An ``AnnotationCollection`` whose one page holds every note."""
    collection = uuid.uuid4()
    items = [web_annotation(notes, a) for a in notes.annotations]
    doc = {"@context": ANNO_CONTEXT, "id": f"urn:uuid:{collection}", "type": "AnnotationCollection", "label": "对读 Duidu notes",
           "generator": {"type": "Software", "name": f"Duidu {__version__}"}, "generated": now(),
           "total": len(items),
           "first": {"id": f"urn:uuid:{uuid.uuid5(collection, 'page 1')}", "type": "AnnotationPage",
                     "partOf": f"urn:uuid:{collection}", "startIndex": 0,
                     "items": items}}
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
