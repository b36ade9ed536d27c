"""REFI-QDA codebook exchange (.qdc): the code tree alone, to share a coding scheme.

A .qdc is one XML file, ``<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>…`` with the
codes nested, each with its guid, name, colour and description. Export writes the whole
codebook; import merges: a code is found by guid, else by name under the same parent, else
added (its guid, colour and description kept), all in one transaction.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from duidu import __version__
from duidu.library.errors import InputError
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
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(where, "is a directory, not a file")
        if p.stat().st_size > MAX_BYTES:
            raise InputError(where, f"is larger than {MAX_BYTES:,} bytes: not a codebook")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except OSError as exc:
        raise InputError(where, exc.strerror or str(exc)) from None
    root = parse_xml(data, where)
    if root.tag != f"{{{CODEBOOK_NS}}}CodeBook":
        raise InputError(where, f"the root element is {root.tag!r}, not a REFI-QDA <CodeBook> ({CODEBOOK_NS})")
    specs = read_codes(root.find(f"{{{CODEBOOK_NS}}}Codes"), CODEBOOK_NS, where)
    if not specs:
        raise InputError(where, "holds no codes")
    with lib.db.atomic():
        merged = merge_codes(lib.db, specs)
    return CodebookImport(merged.added, merged.matched)
