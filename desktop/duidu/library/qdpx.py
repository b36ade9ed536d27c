"""REFI-QDA project exchange (.qdpx): Duidu's notes to and from QDA programs.

The REFI-QDA standard (qdasoftware.org, Project schema 1.0, ``urn:QDA-XML:project:1.0``) is
what ATLAS.ti, MAXQDA, NVivo, QualCoder and others read and write. A package is a zip with
``project.qde`` (the XML, UTF-8 without a BOM) at its root and the documents' plain text in a
lower-case ``sources/`` folder. Duidu writes each annotated document's stored text ("\\n" line
ends, as stored) and counts selections in its code points, so the positions are Duidu's own
offsets. A comparison note becomes two selections joined by an associative ``<Link>``.

Importing reads a package through ``qdpx_read`` (every entry, reference and position checked
first) and writes it in one transaction: documents (or the library's own copy of the same
text), codes (by guid, else by name under the same parent), notes, comparison links.
"""

from __future__ import annotations

import hashlib
import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

from duidu import __version__
from duidu.library import annotations
from duidu.library.annotations import now
from duidu.library.errors import InputError
from duidu.library.notes_export import ExportSummary, gather, save
from duidu.library.qdpx_read import Project, Selection, read_project
from duidu.library.refi import (PROJECT_NS, all_specs, codes_element, derived_guid, merge_codes, parse_xml,
                                read_package, sub_guid, xml_bytes)

if TYPE_CHECKING:
    from duidu.library.store import Library

ORIGIN = f"Duidu {__version__}"
VARIABLES = ("region", "date", "source", "file")  # Text variables each source carries
SCHEMA = "urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"


# -- export ------------------------------------------------------------------------------
def export_project(lib: "Library", path, *, document_ids=None) -> ExportSummary:
    """The notes (on ``document_ids``, or all), their documents, annotators and the whole
    codebook as a .qdpx. Orphaned notes are left out: their passage is no longer in the text."""
    notes = gather(lib, document_ids)
    kept = [a for a in notes.annotations if not a.orphaned]
    doc_ids = sorted({t.document_id for a in kept for t in a.targets})
    rows = {r[0]: r[1:] for r in lib.db.execute(
        f"SELECT id, text, text_hash, imported_at FROM documents WHERE id IN ({','.join('?' * len(doc_ids))})", doc_ids)}
    users = {name: derived_guid("user", name) for name in sorted({a.annotator for a in kept})}
    doc_guid = {d: derived_guid("text", rows[d][1]) for d in doc_ids}
    variables = {v: derived_guid("variable", v) for v in VARIABLES}

    root = ET.Element("Project", {"xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance", "xsi:schemaLocation": SCHEMA,
                                  "name": f"对读 Duidu — {lib.path.stem}", "origin": ORIGIN, "creationDateTime": now()})
    if users:
        holder = ET.SubElement(root, "Users")
        for name, guid in users.items():
            ET.SubElement(holder, "User", guid=guid, name=name)
    codes = lib.codes()
    if codes:
        codes_element(ET.SubElement(root, "CodeBook"), codes)
    holder = ET.SubElement(root, "Variables")
    for name, guid in variables.items():
        ET.SubElement(holder, "Variable", guid=guid, name=name, typeOfVariable="Text")

    selections: dict[int, list] = {d: [] for d in doc_ids}  # document -> (start, guid, annotation, target)
    for a in kept:
        for n, t in enumerate(a.targets):
            guid = a.guid if a.kind == "passage" else sub_guid(a.guid, "AB"[n])
            selections[t.document_id].append((t.start, guid, a, t))
    sources = ET.SubElement(root, "Sources") if doc_ids else None  # the schema wants one source or none at all
    package = {}
    for d in doc_ids:
        doc, (text, _, imported) = lib.document(d), rows[d]
        entries = sorted(selections[d], key=lambda s: (s[0], s[1]))
        first = min(entries, key=lambda s: s[2].created_at)[2]
        el = ET.SubElement(sources, "TextSource", guid=doc_guid[d], name=doc.title, plainTextPath=f"internal://{doc_guid[d]}.txt",
                           creatingUser=users[first.annotator], creationDateTime=imported or first.created_at)
        for _, guid, a, t in entries:
            _selection(el, guid, a, t, users[a.annotator], notes.guids)
        for name, value in (("region", doc.region), ("date", doc.date), ("source", doc.source), ("file", doc.file_name)):
            if value:
                vv = ET.SubElement(el, "VariableValue")
                ET.SubElement(vv, "VariableRef", targetGUID=variables[name])
                ET.SubElement(vv, "TextValue").text = value
        package[f"sources/{doc_guid[d]}.txt"] = text.encode("utf-8")
    comparisons = [a for a in kept if a.kind == "comparison"]
    if comparisons:
        holder = ET.SubElement(root, "Links")
        for a in comparisons:
            attrs = {"guid": a.guid, "name": a.note} if a.note else {"guid": a.guid}
            ET.SubElement(holder, "Link", attrs, direction="Associative", originGUID=sub_guid(a.guid, "A"),
                          targetGUID=sub_guid(a.guid, "B"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", xml_bytes(root, PROJECT_NS))
        for name, data in package.items():
            zf.writestr(name, data)
    save(path, out.getvalue())
    return ExportSummary(str(path), "qdpx", len(kept), len(doc_ids), len(notes.annotations) - len(kept))


def _selection(parent: ET.Element, guid: str, a, t, user: str, code_guids: dict[int, str]) -> None:
    name = " ".join(t.quote.split())
    el = ET.SubElement(parent, "PlainTextSelection", guid=guid, name=name if len(name) <= 40 else name[:39] + "…",
                       startPosition=str(t.start), endPosition=str(t.end), creatingUser=user,
                       creationDateTime=a.created_at, modifyingUser=user, modifiedDateTime=a.updated_at)
    if a.note:
        ET.SubElement(el, "Description").text = a.note
    for c in a.code_ids:
        coding = ET.SubElement(el, "Coding", guid=sub_guid(guid, code_guids[c]), creatingUser=user,
                               creationDateTime=a.created_at)
        ET.SubElement(coding, "CodeRef", targetGUID=code_guids[c])


# -- import ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportSummary:
    documents_added: tuple[int, ...]  # ids of new documents
    documents_matched: tuple[int, ...]  # ids of documents already in the library (same text)
    codes_added: int
    codes_matched: int
    annotations_added: int
    annotations_skipped: int  # already in the library (same guid): importing twice adds nothing
    links_ignored: int  # links that do not join two text selections
    sources_skipped: int  # sources that are not text (pictures, PDFs, audio, video)

    def summary(self) -> str:
        extra = [f"{n} {what}" for n, what in ((self.annotations_skipped, "notes already in the library"),
                                                 (self.links_ignored, "links ignored"),
                                                 (self.sources_skipped, "sources that are not text skipped")) if n]
        return (f"{len(self.documents_added)} documents added, {len(self.documents_matched)} matched; "
                f"{self.codes_added} codes added, {self.codes_matched} matched; {self.annotations_added} notes added"
                + "".join(f"; {e}" for e in extra))


def import_project(lib: "Library", path) -> ImportSummary:
    """A .qdpx into the library, all in one transaction or nothing."""
    where = f"{path}: project.qde"
    package = read_package(path)
    project = read_project(parse_xml(package.project, where), package, where)
    db = lib.db
    known = {c.guid for c in all_specs(project.codes)}
    for s in project.selections.values():  # every code a selection names must exist somewhere
        for g in s.codes:
            if g not in known and not db.execute("SELECT 1 FROM codes WHERE guid = ?", [g]).fetchone():
                raise InputError(where, f"selection {s.guid} is coded with code {g}, which is neither in the "
                                        "package's codebook nor in the library")
    prepared = _prepare(db, project)
    links = [k for k in project.links if k.origin in project.selections and k.target in project.selections]
    linked = {g for k in links for g in (k.origin, k.target)}
    added = skipped = 0
    with db.atomic():
        try:
            merge = merge_codes(db, project.codes)
        except InputError as exc:  # a code's name or colour: say which file it came from
            raise InputError(where, str(exc)) from None
        doc_ids, new_docs, matched_docs = {}, [], []
        for source in project.sources:
            found = prepared[source.guid]
            if isinstance(found, int):
                doc_ids[source.guid] = found
                matched_docs.append(found)
            else:
                result = lib.add(found)
                doc_ids[source.guid] = result.document.id
                (new_docs if result.created else matched_docs).append(result.document.id)

        def code_ids(guids) -> tuple[int, ...]:
            return tuple(sorted({merge.ids.get(g) or db.execute("SELECT id FROM codes WHERE guid = ?", [g]).fetchone()[0]
                                 for g in guids}))

        def target(s: Selection):
            source = next(x for x in project.sources if x.guid == s.source)
            start, end = source.map.to_dst_span(s.start, s.end)
            try:
                return annotations.target(db, doc_ids[s.source], start, end)
            except InputError as exc:
                raise InputError(where, f"selection {s.guid} in {source.name or source.guid!r}: {exc.reason}") from None

        def insert(guid, kind, sels, note, codes, first: Selection, modified: str) -> None:
            nonlocal added, skipped
            if db.execute("SELECT 1 FROM annotations WHERE guid = ?", [guid]).fetchone():
                skipped += 1
                return
            try:
                note, user = annotations.check_note(note), annotations.check_annotator(first.user)
            except InputError as exc:  # name the package and the selection, not just the field
                raise InputError(where, f"selection {first.guid}: {exc}") from None
            annotations.insert(db, kind, tuple(target(s) for s in sels), code_ids(codes), note, user, guid=guid,
                               created_at=first.created, updated_at=modified)
            added += 1

        for s in project.selections.values():
            if s.guid not in linked:
                insert(s.guid, "passage", (s,), s.note, s.codes, s, s.modified)
        for k in links:
            a, b = project.selections[k.origin], project.selections[k.target]
            note = k.name or a.note or b.note
            insert(k.guid, "comparison", (a, b), note, a.codes + b.codes, a, max(a.modified, b.modified))
    return ImportSummary(tuple(new_docs), tuple(matched_docs), merge.added, merge.matched, added, skipped,
                         len(project.links) - len(links), project.skipped_sources)


def _prepare(db, project: Project) -> dict:
    """Each source: the id of the library's document with the same text, or the rows of a new one
    (prepared before the transaction: analysing a text is the slow part)."""
    from duidu.library.importer import prepare_text

    out = {}
    for s in project.sources:
        text_hash = hashlib.sha256(s.cleaned.text.encode("utf-8")).hexdigest()
        row = db.execute("SELECT id FROM documents WHERE text_hash = ?", [text_hash]).fetchone()
        if row:
            out[s.guid] = row[0]
            continue
        meta = {k: v for k, v in s.metadata.items() if k != "file"}
        name = s.metadata.get("file") or f"{s.name or s.guid}.txt"
        out[s.guid] = prepare_text(s.body, raw=s.raw, name=name,
                                   note="UTF-8 (from a REFI-QDA package)", metadata={"title": s.name, **meta})
    return out
