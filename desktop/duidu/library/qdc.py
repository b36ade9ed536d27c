"""REFI-QDA codebook exchange (.qdc): the code tree alone, to share a coding scheme.

A .qdc is one XML file, ``<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>…`` with the
codes nested, each with its guid, name, colour and description. Export writes the whole
codebook; import merges: a code is found by guid, else by name under the same parent, else
added (its guid, colour and description kept), all in one transaction.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import TYPE_CHECKING

from duidu import __version__
from duidu.library.errors import InputError
from duidu.library.input_files import read_bounded, require_regular_file
from duidu.library.notes_export import save
from duidu.library.refi import CODEBOOK_NS, codes_element, merge_codes, parse_xml, read_codes, xml_bytes

if TYPE_CHECKING:
    from duidu.library.store import Library

MAX_BYTES = 20 * 1024 * 1024  # a codebook, not a corpus


@dataclass(frozen=True)
class CodebookImport:
    added: int
    matched: int

    def summary(self) -> str:
        return f"{self.added} codes added, {self.matched} already in the codebook"


def export_codebook(lib: "Library", path) -> int:
    """Write the codebook as a .qdc; how many codes."""
    codes = lib.codes()
    if not codes:
        raise InputError("codebook", "is empty: nothing to export")
    root = ET.Element("CodeBook", origin=f"Duidu {__version__}")
    codes_element(root, codes)
    save(path, xml_bytes(root, CODEBOOK_NS))
    return len(codes)


def import_codebook(lib: "Library", path) -> CodebookImport:
    where = str(path)
    require_regular_file(where)  # a FIFO would block, /dev/zero never end
    root = parse_xml(read_bounded(where, MAX_BYTES), where)
    if root.tag != f"{{{CODEBOOK_NS}}}CodeBook":
        raise InputError(where, f"the root element is {root.tag!r}, not a REFI-QDA <CodeBook> ({CODEBOOK_NS})")
    specs = read_codes(root.find(f"{{{CODEBOOK_NS}}}Codes"), CODEBOOK_NS, where)
    if not specs:
        raise InputError(where, "holds no codes")
    with lib.db.atomic():
        try:
            merged = merge_codes(lib.db, specs)
        except InputError as exc:  # a code's name or colour: say which file it came from
            raise InputError(where, str(exc)) from None
    return CodebookImport(merged.added, merged.matched)
