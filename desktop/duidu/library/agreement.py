"""How far annotators agree on each tag: gathers their notes and asks the engine.

For each code used by any of the annotators, every character of the compared documents is
a unit, marked or not by each annotator (a passage of theirs tagged with exactly that code
covers it; codes under it do not count for it). The compared documents are those given, or
else those on which every one of the annotators has a note. Orphaned passages (no longer in
the text) are left out. The arithmetic and its definitions are in ``engine.agreement``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from duidu.engine.agreement import agreement
from duidu.library.errors import InputError

if TYPE_CHECKING:
    from duidu.library.store import Library


@dataclass(frozen=True)
class TagAgreement:
    code_id: int
    code_name: str  # its path, "group/name"
    kappa: float | None  # Cohen's kappa, for exactly two annotators
    alpha: float  # Krippendorff's alpha, binary, characters as units
    characters: int  # characters compared (all of the compared documents)
    annotators: tuple[str, ...]
    marked: tuple[int, ...]  # characters each annotator tagged with it, in ``annotators`` order
    alpha_u: float = 1.0  # Krippendorff's unitized alpha (1995, 2004) over the same documents


def tag_agreement(lib: "Library", annotators: list[str], document_ids=None) -> list[TagAgreement]:
    names = tuple(dict.fromkeys(a.strip() for a in annotators if a and a.strip()))
    if len(names) < 2:
        raise InputError("annotators", "agreement needs two or more different annotators")
    known = set(lib.annotators())
    for name in names:
        if name not in known:
            raise InputError(name, "has no notes in the library")
    notes = {name: [a for a in lib.annotations(annotator=name, include_orphans=True)] for name in names}
    if document_ids is not None:
        docs = sorted({lib.document(d).id for d in document_ids})
    else:
        per = [{t.document_id for a in found for t in a.targets if t.status == "anchored"} for found in notes.values()]
        docs = sorted(set.intersection(*per))
        if not docs:
            raise InputError(", ".join(names), "no document carries notes by all of them; name the documents to compare")
    lengths = {d: lib.document(d).length for d in docs}
    marks: dict[int, list[dict[int, list[tuple[int, int]]]]] = {}
    for k, name in enumerate(names):
        for a in notes[name]:
            for t in a.targets:
                if t.status != "anchored" or t.document_id not in lengths:
                    continue
                for c in a.code_ids:
                    per_name = marks.setdefault(c, [{} for _ in names])
                    per_name[k].setdefault(t.document_id, []).append((t.start, t.end))
    paths: dict[int, str] = {}
    out = []
    for code in lib.codes():  # tree order
        paths[code.id] = code.name if code.parent_id is None else f"{paths[code.parent_id]}/{code.name}"
        if code.id in marks:
            result = agreement(marks[code.id], lengths)
            out.append(TagAgreement(code.id, paths[code.id], result.kappa, result.alpha, result.characters, names,
                                    result.marked, result.alpha_u))
    return out
