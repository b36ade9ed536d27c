"""The text of a Word 97-2003 ``.doc`` or Kingsoft WPS ``.wps`` file, read by ourselves.

Both are an OLE compound file (olefile opens the container) holding a ``WordDocument``
stream and a table stream (``0Table``/``1Table``). The text is not stored in order: the
table stream's piece table (FIB -> Clx -> PlcPcd) says which runs of the WordDocument stream
make up the document, each either 8-bit (cp1252, "compressed") or UTF-16. Fast-saved files
are just more pieces. We read the main document only (no headers, footers, footnotes: those
are where the page numbers live).

Special characters: ``\\r`` ends a paragraph; ``\\x07`` ends a table cell -- or, when the
paragraph is a table-row end (its properties carry sprmPFTtp, read from the PAPX FKPs), the
row, so each row comes out as one line with its cells tab-separated; a field
(``\\x13 code \\x14 result \\x15``) keeps only its result, as Word shows it. No external
program (antiword, LibreOffice) is needed.
"""

from __future__ import annotations

import io
import struct
from bisect import bisect_right
from dataclasses import dataclass

import olefile

from .layout import CELL_SEPARATOR, join_lines

MAX_STREAM = 64 * 1024 * 1024  # a .doc this large is not a policy document
SPRM_TTP = (0x2417, 0x244C)  # sprmPFTtp, sprmPFInnerTtp: this paragraph mark ends a table row
SPRM_IN_TABLE = (0x2416, 0x6649)  # sprmPFInTable, sprmPItap (cell paragraphs)
SPRM_HUGE_PAPX = 0x6646  # the paragraph's properties are in the Data stream, at this offset


class WordUnreadable(Exception):
    """A .doc/.wps Duidu cannot read; ``str()`` is the one-line reason."""


@dataclass(frozen=True)
class WordText:
    # Body paragraphs and table rows (cells tab-separated), in order. No title: the
    # SummaryInformation title is often the template's ("地铁应急抢险大队" on a housing rule).
    paragraphs: list[str]


@dataclass(frozen=True)
class _Piece:
    cp: int
    cp_end: int
    offset: int  # byte offset in WordDocument
    compressed: bool


def _u16(b: bytes, at: int) -> int:
    return struct.unpack_from("<H", b, at)[0]


def _u32(b: bytes, at: int) -> int:
    return struct.unpack_from("<I", b, at)[0]


def _stream(ole: olefile.OleFileIO, name: str) -> bytes:
    if not ole.exists(name):
        raise WordUnreadable(f"no {name} stream (not a Word 97-2003 document)")
    if ole.get_size(name) > MAX_STREAM:
        raise WordUnreadable("the document is too large")
    return ole.openstream(name).read()


def _pieces(table: bytes, fc_clx: int, lcb_clx: int) -> list[_Piece]:
    clx = table[fc_clx: fc_clx + lcb_clx]
    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: property modifiers, skipped
        i += 3 + struct.unpack_from("<h", clx, i + 1)[0]
    if i >= len(clx) or clx[i] != 0x02:
        raise WordUnreadable("damaged document (no piece table)")
    lcb = _u32(clx, i + 1)
    plc = clx[i + 5: i + 5 + lcb]
    n = (len(plc) - 4) // 12
    cps = [_u32(plc, 4 * k) for k in range(n + 1)]
    out = []
    for k in range(n):
        fc = _u32(plc, 4 * (n + 1) + 8 * k + 2)
        compressed = bool(fc & 0x40000000)
        offset = (fc & ~0x40000000) // 2 if compressed else fc
        out.append(_Piece(cps[k], cps[k + 1], offset, compressed))
    return out


def _sprms(grpprl: bytes):
    """(opcode, operand) of each sprm in a property list."""
    i = 0
    while i + 2 <= len(grpprl):
        op = _u16(grpprl, i)
        i += 2
        spra = op >> 13
        if spra in (0, 1):
            size = 1
        elif spra in (2, 4, 5):
            size = 2
        elif spra == 3:
            size = 4
        elif spra == 7:
            size = 3
        else:  # variable: a length byte (sprmTDefTable: a 2-byte length)
            if i >= len(grpprl):
                return
            if op in (0xD608, 0xD606):
                size = _u16(grpprl, i) - 1 + 2
            else:
                size = grpprl[i] + 1
        yield op, grpprl[i: i + size]
        i += size


def _table_marks(doc: bytes, table: bytes, data: bytes, fc_bte: int, lcb_bte: int) -> list[tuple[int, int, bool]]:
    """FC ranges (in WordDocument) of paragraphs inside a table, each with whether its mark
    ends a table row, read from the paragraph-property pages (PlcBtePapx -> PAPX FKPs; a
    large property list stands in the Data stream, pointed at by sprmPHugePapx)."""
    if lcb_bte < 8:
        return []
    plc = table[fc_bte: fc_bte + lcb_bte]
    n = (len(plc) - 4) // 8
    out = []
    for k in range(n):
        pn = _u32(plc, 4 * (n + 1) + 4 * k) & 0x3FFFFF
        page = doc[pn * 512: pn * 512 + 512]
        if len(page) < 512:
            continue
        crun = page[511]
        for r in range(crun):
            start, end = _u32(page, 4 * r), _u32(page, 4 * (r + 1))
            b_off = page[4 * (crun + 1) + 13 * r]
            if b_off == 0:
                continue
            at = b_off * 2
            cb = page[at]
            if cb == 0:
                size = 2 * page[at + 1]
                at += 2
            else:
                size = 2 * cb - 1
                at += 1
            grpprl = page[at + 2: at + size]  # after the 2-byte style index
            sprms = {op: operand for op, operand in _sprms(grpprl)}
            if SPRM_HUGE_PAPX in sprms and len(sprms[SPRM_HUGE_PAPX]) == 4:
                where = _u32(sprms[SPRM_HUGE_PAPX], 0)
                if where + 2 <= len(data):
                    huge = data[where + 2: where + 2 + _u16(data, where)]
                    sprms.update({op: operand for op, operand in _sprms(huge)})
            row_end = any(sprms.get(op, b"")[:1] == b"\x01" for op in SPRM_TTP)
            in_table = row_end or any(sprms.get(op, b"\x00")[:1] != b"\x00" for op in SPRM_IN_TABLE)
            if in_table:
                out.append((start, end, row_end))
    out.sort()
    return out


def extract(data: bytes) -> WordText:
    """Paragraphs of the main document; raises WordUnreadable."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as e:  # olefile raises many kinds on a damaged container; all mean the same
        raise WordUnreadable(f"not an OLE compound document ({e})") from None
    try:
        doc = _stream(ole, "WordDocument")
        if len(doc) < 0x01AA or _u16(doc, 0) != 0xA5EC:
            raise WordUnreadable("not a Word 97-2003 document (bad header)")
        if _u16(doc, 2) < 101:
            raise WordUnreadable("a Word 6/95 document; save it as .docx or Word 97-2003")
        flags = _u16(doc, 0x0A)
        if flags & 0x0100:
            raise WordUnreadable("encrypted: a password is needed to open it")
        table = _stream(ole, "1Table" if flags & 0x0200 else "0Table")
        data_stream = _stream(ole, "Data") if ole.exists("Data") else b""
    except WordUnreadable:
        raise
    except Exception as e:  # a stream the directory names but the container cannot give
        raise WordUnreadable(f"damaged document ({e})") from None
    finally:
        ole.close()
    ccp_text = _u32(doc, 0x4C)
    fc_clx, lcb_clx = _u32(doc, 0x01A2), _u32(doc, 0x01A6)
    fc_bte, lcb_bte = _u32(doc, 0x0102), _u32(doc, 0x0106)
    if fc_clx + lcb_clx > len(table) or fc_bte + lcb_bte > len(table):
        raise WordUnreadable("damaged document (tables out of range)")
    try:
        pieces = _pieces(table, fc_clx, lcb_clx)
        marks = _table_marks(doc, table, data_stream, fc_bte, lcb_bte)
    except (struct.error, IndexError):
        raise WordUnreadable("damaged document (piece table)") from None
    return WordText(_paragraphs(doc, pieces, ccp_text, marks))


def _text_of(doc: bytes, pieces: list[_Piece], ccp: int):
    """(character, fc) of the main document, in CP order."""
    for p in pieces:
        end = min(p.cp_end, ccp)
        if p.cp >= end:
            continue
        count = end - p.cp
        if p.compressed:
            chunk = doc[p.offset: p.offset + count].decode("cp1252", errors="replace")
            for k, ch in enumerate(chunk):
                yield ch, p.offset + k
        else:
            fc = p.offset
            for ch in doc[p.offset: p.offset + 2 * count].decode("utf-16-le", errors="replace"):
                yield ch, fc
                fc += 2 if ord(ch) < 0x10000 else 4  # an astral character (Extension B Han) is two units


def _paragraphs(doc: bytes, pieces: list[_Piece], ccp: int, marks: list[tuple[int, int, bool]]) -> list[str]:
    starts = [m[0] for m in marks]

    def table_mark(fc: int) -> tuple[bool, bool]:
        """(in a table, ends a row) for the paragraph mark at ``fc``."""
        k = bisect_right(starts, fc) - 1
        if k >= 0 and marks[k][0] <= fc < marks[k][1]:
            return True, marks[k][2]
        return False, False

    out: list[str] = []
    para: list[str] = []
    lines: list[str] = []  # the current paragraph's lines (soft breaks, \x0b)
    cell: list[str] = []  # paragraphs of the current cell
    cells: list[str] = []  # cells of the current row
    fields: list[bool] = []  # per open field: showing its result yet?

    def paragraph_text() -> str:
        lines.append("".join(para).strip())
        para.clear()
        text = join_lines([t for t in lines if t])
        lines.clear()
        return text

    def end_row() -> None:
        if any(cells):
            out.append(CELL_SEPARATOR.join(c.replace(CELL_SEPARATOR, " ") for c in cells))
        cells.clear()

    for ch, fc in _text_of(doc, pieces, ccp):
        if ch == "\x13":
            fields.append(False)
            continue
        if ch == "\x14":
            if fields:
                fields[-1] = True
            continue
        if ch == "\x15":
            if fields:
                fields.pop()
            continue
        if fields and not all(fields):
            continue  # inside a field's code
        if ch == "\x07":
            in_table, row_end = table_mark(fc)
            text = paragraph_text()
            if row_end:
                end_row()
            else:  # a cell ends (also when the table marks could not be read)
                cell.append(text)
                cells.append(join_lines([c for c in cell if c]))
                cell.clear()
            continue
        if ch in "\r\x0c":
            text = paragraph_text()
            in_table, _ = table_mark(fc)
            if in_table or cell:
                cell.append(text)
                continue
            if cells:  # a row whose end mark was not recognised
                end_row()
            if text:
                out.append(text)
            continue
        if ch == "\x0b":
            lines.append("".join(para).strip())
            para.clear()
            continue
        if ch in "\x01\x02\x03\x04\x05\x08\x1f" or ch == "\ufffd":
            continue
        if ch == "\x1e":
            ch = "-"
        elif ch == "\t":
            ch = " "
        elif ch < " ":
            continue
        para.append(ch)
    tail = paragraph_text()
    if cell or tail and cells:
        cells.append(join_lines([c for c in (*cell, tail) if c]))
    elif tail:
        out.append(tail)
    end_row()
    return [p for p in out if p.strip()]
