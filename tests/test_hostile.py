"""Hostile input on every command and reader: one line naming the file, never a traceback or a hang,
and work that grows with the input, not faster (issue 16, parts 2 and 3).

No test here times anything (speed is measured by ``benchmarks/hostile.py``): linearity is
asserted through what cannot depend on the machine -- SQLite's instruction counter, the
operations a parser performs, the size of what each jieba call is handed, peak traced memory.
Device nodes are only ever read (/dev/zero, /dev/urandom); FIFOs are made in tmp_path.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from duidu.cli.main import main
from duidu.library import docx_text, html_text, readers, similar_index
from duidu.library.errors import InputError
from duidu.library.store import Library

ESC = "\x1b"


def duidu(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def usage_error(capsys, *args: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err.startswith("usage: duidu") and "Traceback" not in err
    return err


@pytest.fixture
def library(seeded_template, tmp_path, monkeypatch) -> Path:
    """The CLI's library: a copy of the seeded template (no seeding per test)."""
    path = tmp_path / "cli.sqlite"
    shutil.copyfile(seeded_template, path)
    monkeypatch.setenv("DUIDU_LIBRARY", str(path))
    return path


def one_line_error(err: str, source: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"duidu: {source}: ")
    return lines[0]


# -- files that are not files: FIFOs and endless devices ---------------------------------------------

@pytest.fixture
def fifo(tmp_path) -> str:
    path = tmp_path / "pipe.qdpx"
    os.mkfifo(path)  # nothing ever writes to it: a reader that opened it would wait for ever
    return str(path)


@pytest.mark.parametrize("command", [("codebook", "import"), ("notes", "import"), ("convert", "--config", "s2t"),
                                     ("import",)])
@pytest.mark.parametrize("device", ["fifo", "/dev/zero", "/dev/urandom"])
def test_fifos_and_devices_are_refused_in_one_line(capsys, library, fifo, command, device):
    source = fifo if device == "fifo" else device
    before = library.read_bytes()
    code, out, err = duidu(capsys, *command, source)
    assert code == 1 and out == ""
    assert one_line_error(err, source).endswith("is not a regular file")
    assert library.read_bytes() == before


def test_import_of_a_device_named_like_a_document_is_refused(capsys, library, tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")  # the extension is fine; what it points to is not
    code, _, err = duidu(capsys, "import", str(link))
    assert code == 1 and one_line_error(err, str(link)).endswith("is not a regular file")


def test_convert_reads_standard_input_to_a_limit(capsys, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 1_000_000)
    with open("/dev/zero", "rb") as zero:  # reading a device is fine; it never ends
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(zero))
        code, out, err = duidu(capsys, "convert", "--config", "s2t")
    assert code == 1 and out == ""
    assert one_line_error(err, "<stdin>").endswith("too large: limit 1,000,000 bytes")


def test_a_file_past_the_byte_limit_is_refused_naming_the_limit(capsys, library, tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 100_000)
    big = tmp_path / "big.txt"
    big.write_text("教育协同发展。\n" * 10_000, encoding="utf-8")
    for command in (("import",), ("convert", "--config", "s2t")):
        code, _, err = duidu(capsys, *command, str(big))
        assert code == 1 and one_line_error(err, str(big)).endswith("too large: limit 100,000 bytes")


def test_a_codebook_past_its_limit_is_refused(capsys, library, tmp_path, monkeypatch):
    from duidu.library import qdc

    monkeypatch.setattr(qdc, "MAX_BYTES", 1000)
    path = tmp_path / "big.qdc"
    path.write_bytes(b"<CodeBook>" + b" " * 2000 + b"</CodeBook>")
    code, _, err = duidu(capsys, "codebook", "import", str(path))
    assert code == 1 and one_line_error(err, str(path)).endswith("too large: limit 1,000 bytes")


# -- arguments: ids, dates, file names, one-line fields ------------------------------------------------

@pytest.mark.parametrize("ref", ["²", "①", "99999999999999999999"])
def test_ids_that_cannot_be_ids_are_usage_errors(capsys, library, ref):
    err = usage_error(capsys, "show", ref)
    assert f"argument DOC: {ref!r} is not an id" in err
    usage_error(capsys, "search", "教育", "--doc", ref)
    usage_error(capsys, "compare", "1", ref)
    assert "argument --tag" in usage_error(capsys, "notes", "list", "--tag", ref)


def test_full_width_digits_are_still_an_id(capsys, library):
    code, out, _ = duidu(capsys, "show", "１", "--json")
    assert code == 0 and json.loads(out)["id"] == 1


@pytest.mark.parametrize("date", ["2024-13-45", "2024-02-30", "2023-02-29", "２０２４", "2024-00"])
def test_dates_that_do_not_exist_are_usage_errors(capsys, library, tmp_path, date):
    doc = tmp_path / "a.txt"
    doc.write_text("四川省推进教育协同发展。", encoding="utf-8")
    assert "is not a date" in usage_error(capsys, "import", str(doc), "--date", date)


def test_a_leap_day_is_a_date(capsys, library, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("四川省推进教育协同发展的意见。", encoding="utf-8")
    code, out, _ = duidu(capsys, "import", str(doc), "--date", "2024-02-29", "--json")
    assert code == 0 and json.loads(out)[0]["document"]["date"] == "2024-02-29"


@pytest.mark.parametrize("count", ["0", "²", "99999999999999999999"])
def test_counts_out_of_range_are_usage_errors(capsys, library, count):
    usage_error(capsys, "search", "教育", "--limit", count)


def test_export_to_a_name_too_long_says_so(capsys, library, tmp_path):
    target = tmp_path / ("长" * 250 + ".csv")  # 750 bytes: past any file system's 255
    code, out, err = duidu(capsys, "notes", "export", str(target))
    assert code == 1 and out == ""
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert err.startswith("duidu: ") and "file name too long" in err.lower()
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".csv", ".tmp")] == []


def test_titles_with_newlines_and_escapes_are_stored_as_one_line(capsys, library, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("重庆市深化产教融合的实施意见。", encoding="utf-8")
    code, out, _ = duidu(capsys, "import", str(doc), "--title", f"第一行\n{ESC}[31m红色{ESC}[0m\u202e反向",
                         "--region", "重\r庆", "--json")
    stored = json.loads(out)[0]["document"]
    assert code == 0
    assert stored["title"] == "第一行 [31m红色 [0m 反向" and stored["region"] == "重 庆"
    code, out, _ = duidu(capsys, "list")
    assert code == 0 and ESC not in out and "\u202e" not in out and "第一行 [31m" in out


def test_page_titles_with_control_characters_are_one_line(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(f"<title>通知{ESC}[2J&#10;第二行&#x202E;</title><p>四川省推进教育协同发展。</p>", encoding="utf-8")
    assert readers.read_source(page).title == "通知 [2J 第二行"


def test_import_a_and_b_keeps_a_and_names_b(capsys, library, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("成都市推进义务教育优质均衡发展的通知。", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    code, out, err = duidu(capsys, "import", str(good), str(bad))
    assert code == 1  # as the README says: each file its own transaction, a refused one named
    assert "imported" in out and one_line_error(err, str(bad)).endswith("the file is empty (0 bytes)")
    code, out, _ = duidu(capsys, "list", "--json")
    assert any(d["file_name"] == "good.txt" for d in json.loads(out))


# -- REFI-QDA packages ---------------------------------------------------------------------------------

def _package_with_a_note(template: Path, tmp_path: Path) -> Path:
    """A package from another library holding one note (so importing it adds the note)."""
    source = tmp_path / "source.sqlite"
    shutil.copyfile(template, source)
    with Library.open(source, backup=False) as lib:
        lib.annotate(1, 0, 6, note="标题", annotator="甲")
        path = tmp_path / "notes.qdpx"
        lib.export_notes(path, "qdpx")
    return path


def _rewrite_project(package: Path, change) -> Path:
    with zipfile.ZipFile(package) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    members["project.qde"] = change(members["project.qde"].decode("utf-8")).encode("utf-8")
    out = package.with_name("changed.qdpx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out


def test_a_selection_at_a_superscript_position_is_refused(capsys, library, tmp_path, seeded_template):
    package = _rewrite_project(_package_with_a_note(seeded_template, tmp_path),
                               lambda xml: re.sub(r'startPosition="\d+"', 'startPosition="²"', xml, count=1))
    code, _, err = duidu(capsys, "notes", "import", str(package))
    assert code == 1
    assert "startPosition '²' is not a whole number" in one_line_error(err, f"{package}: project.qde")


def test_an_annotator_error_names_the_package_and_the_selection(capsys, library, tmp_path, seeded_template):
    package = _rewrite_project(_package_with_a_note(seeded_template, tmp_path),
                               lambda xml: re.sub(r'(<User [^>]*name=")[^"]*"', r'\1甲&#10;乙"', xml, count=1))
    code, _, err = duidu(capsys, "notes", "import", str(package))
    line = one_line_error(err, f"{package}: project.qde")
    assert code == 1 and "selection " in line and "annotator: must be one line" in line
    with Library.open(library, backup=False) as lib:
        assert lib.annotations() == []  # the whole package refused: nothing of it written


def test_an_encrypted_entry_is_refused(capsys, library, tmp_path, seeded_template):
    package = _package_with_a_note(seeded_template, tmp_path)
    data = bytearray(package.read_bytes())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local and central headers
        at = data.find(signature)
        while at >= 0:
            data[at + flag_at] |= 0x1
            at = data.find(signature, at + 4)
    package.write_bytes(bytes(data))
    code, _, err = duidu(capsys, "notes", "import", str(package))
    assert code == 1 and "is encrypted" in one_line_error(err, str(package))


def test_a_codebook_with_a_multiline_name_names_its_file(capsys, library, tmp_path):
    path = tmp_path / "c.qdc"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                    '<Code guid="0d3b3c5e-2a55-4c1e-9a4c-000000000001" name="甲&#10;乙" isCodable="true"/>'
                    "</Codes></CodeBook>", encoding="utf-8")
    code, _, err = duidu(capsys, "codebook", "import", str(path))
    assert code == 1 and "needs a one-line name" in one_line_error(err, str(path))


# -- HTML: linear in unclosed elements, tables as rows ---------------------------------------------------

class _CountingList(list):
    """A list that counts the operations that scan it (``in``, ``index``, slices, iteration)."""

    scans = 0

    def __contains__(self, item):
        _CountingList.scans += 1
        return super().__contains__(item)

    def index(self, *args):
        _CountingList.scans += 1
        return super().index(*args)

    def __getitem__(self, key):
        if isinstance(key, slice):
            _CountingList.scans += 1
        return super().__getitem__(key)

    def __iter__(self):
        _CountingList.scans += 1
        return super().__iter__()


@pytest.mark.parametrize("closing", ["</p>", "</a>", "</nav>"])
def test_unclosed_skipped_elements_cost_no_scan_per_end_tag(closing):
    n = 2000
    page = "<html><body><p>四川省推进教育协同发展。</p>" + f"<nav><p>导航{closing}" * n + "</body><p>附件</p></html>"
    parser = html_text._TextParser()
    parser._skipping = _CountingList()
    _CountingList.scans = 0
    parser.feed(page)
    parser.close()
    assert _CountingList.scans == 0  # every end tag found by count, never by looking through the open ones
    assert parser.result().text == "四川省推进教育协同发展。\n附件"  # the nav text dropped, the page after kept


def test_nested_navs_close_back_to_the_matching_one():
    page = "<p>甲</p><nav>一<aside>二<nav>三</nav>四</aside>五</nav><p>乙</p><nav>六</aside>七</nav><p>丙</p>"
    assert html_text.extract(page).text == "甲\n乙\n丙"


def test_table_rows_are_lines_with_tab_separated_cells():
    page = ("<table><tr><th>地区</th><th>学校数</th></tr><tr><td>成都</td><td> 120 </td></tr>"
            "<tr><td>重庆</td><td></td><td>3000</td></tr></table>")
    assert html_text.extract(page).text == "地区\t学校数\n成都\t120\n重庆\t3000"


def test_shtml_is_read_as_html(tmp_path):
    page = tmp_path / "index.shtml"
    page.write_text("<html><title>通知</title><body><nav>首页</nav><p>四川省推进教育协同发展。</p></body></html>",
                    encoding="utf-8")
    source = readers.read_source(page)
    assert source.format == "html" and source.body == "四川省推进教育协同发展。" and source.title == "通知"


# -- .docx: counted inflation, streamed parsing -----------------------------------------------------------

_DOC_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')


def _docx(document_xml: bytes, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", document_xml)
    return out.getvalue()


def _paragraphs_xml(n: int) -> bytes:
    run = '<w:r><w:rPr><w:rFonts w:ascii="SimSun" w:eastAsia="SimSun"/><w:sz w:val="32"/></w:rPr><w:t>{}</w:t></w:r>'
    body = "".join(f"<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>{run.format(f'第{i}段教育')}</w:p>" for i in range(n))
    return (_DOC_HEAD + body + "</w:body></w:document>").encode("utf-8")


def test_docx_paragraphs_in_tables_and_text_boxes_keep_their_order():
    xml = (_DOC_HEAD + "<w:p><w:r><w:t>甲</w:t></w:r><w:r><w:pict><w:p><w:r><w:t>框</w:t></w:r></w:p></w:pict></w:r></w:p>"
           "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
           "<w:p><w:del><w:r><w:t>删</w:t></w:r></w:del><w:r><w:t>丙</w:t></w:r></w:p></w:body></w:document>")
    assert docx_text.extract(_docx(xml.encode("utf-8"))).paragraphs == ["甲", "框", "乙", "丙"]


def test_docx_streaming_keeps_memory_to_the_text_not_the_xml(tmp_path):
    # Word wraps every run in formatting: here ~400 bytes of markup around each 8-character paragraph.
    props = "".join(f'<w:{p} w:val="1"/>' for p in ("b", "i", "kern", "spacing", "w", "position", "szCs", "lang", "eastAsianLayout"))
    xml = _paragraphs_xml(10_000).replace(b"<w:rPr>", f"<w:rPr>{props}".encode())
    data = _docx(xml)
    tracemalloc.start()
    try:
        doc = docx_text.extract(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(doc.paragraphs) == 10_000 and doc.paragraphs[-1] == "第9999段教育"
    kept = sum(sys.getsizeof(line) for line in doc.paragraphs) + sys.getsizeof(doc.paragraphs)
    # A parsed tree of this XML (150,000 elements) would take some 40 MB; read as a stream,
    # paragraph by paragraph, the peak is the text kept plus a bounded working set (the inflated
    # chunk, one feed's elements).
    assert len(xml) > 3_000_000
    assert peak < kept + 4 * docx_text._CHUNK, (peak, kept, len(xml))


def test_docx_part_past_the_limit_is_refused_by_the_bytes_it_produces(monkeypatch):
    monkeypatch.setattr(docx_text, "MAX_PART", 100_000)
    xml = _paragraphs_xml(2000)  # ~400 KB
    with pytest.raises(docx_text.TooLarge, match="the limit is 100,000"):
        docx_text.extract(_docx(xml))  # the header says so: refused before inflating
    # The header lies (claims 50,000 bytes): what is inflated is counted, and stops there.
    data = bytearray(_docx(xml))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    for at in _all(data, b"PK\x01\x02"):  # the central directory's entry: size at 24, name at 46
        if data[at + 46: at + 46 + len(b"word/document.xml")] == b"word/document.xml":
            data[at + 24: at + 28] = (50_000).to_bytes(4, "little")
    data[info.header_offset + 22: info.header_offset + 26] = (50_000).to_bytes(4, "little")  # the local header's
    with pytest.raises(docx_text.NotDocx, match="cannot unpack word/document.xml|broken XML"):
        docx_text.extract(bytes(data))


def _all(data: bytes, needle: bytes):
    at = data.find(needle)
    while at >= 0:
        yield at
        at = data.find(needle, at + 1)


def test_docx_text_past_the_character_limit_is_refused_while_reading(tmp_path, monkeypatch):
    path = tmp_path / "long.docx"
    path.write_bytes(_docx(_paragraphs_xml(5000)))
    monkeypatch.setattr(readers, "MAX_CHARS", 10_000)
    with pytest.raises(InputError, match=r"too large: the text passes 10,000 characters"):
        readers.read_source(path)


@pytest.mark.parametrize("member, flag, method, reason", [
    ("word/document.xml", 0x1, zipfile.ZIP_DEFLATED, "encrypted"),
    ("word/document.xml", 0, zipfile.ZIP_BZIP2, "compressed with method 12"),
])
def test_docx_members_word_never_writes_are_refused(member, flag, method, reason):
    data = bytearray(_docx(_paragraphs_xml(3), compression=method))
    if flag:
        for at in _all(data, b"PK\x03\x04"):
            data[at + 6] |= flag
        for at in _all(data, b"PK\x01\x02"):
            data[at + 8] |= flag
    with pytest.raises(docx_text.NotDocx, match=reason):
        docx_text.extract(bytes(data))


def test_docx_with_a_dtd_is_refused():
    xml = b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaa">]>' + _paragraphs_xml(1)[len(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'):]
    with pytest.raises(docx_text.NotDocx, match="declares a DTD"):
        docx_text.extract(_docx(xml))


# -- long runs without punctuation: bounded pieces for jieba ------------------------------------------------

def test_segmentation_hands_jieba_bounded_pieces_and_keeps_every_character(monkeypatch):
    from duidu.text import segment as seg

    sizes: list[int] = []
    real = seg._segment

    def recording(text, pos):
        sizes.append(len(text))
        return real(text, pos)

    monkeypatch.setattr(seg, "_segment", recording)
    text = "建立健全教育协同发展工作机制推进成渝地区双城经济圈建设" * 400  # 10,800 characters, no punctuation
    for pos in (False, True):
        sizes.clear()
        words = seg.segment(text, pos=pos)
        assert "".join(w.text for w in words) == text
        assert all(text[w.start:w.end] == w.text for w in words)
        assert sizes and max(sizes) <= seg.MAX_RUN and sum(sizes) == len(text)


def test_pieces_end_where_jieba_would_cut_anyway():
    from duidu.text import segment as seg

    text = ("四川省推进教育协同发展，" * 30 + "\n") * 10
    pieces = seg.pieces(text, limit=100)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a < b <= a + 100 for a, b in pieces) and all(p[1] == q[0] for p, q in zip(pieces, pieces[1:]))
    assert all(text[b - 1] in "，\n" for _, b in pieces[:-1])  # after punctuation: the same words as whole
    assert seg.segment(text) == seg._segment(text, False)


def test_measures_tag_a_long_clause_piece_by_piece(monkeypatch):
    from duidu.engine.document import EngineDocument
    from duidu.engine.measures import extract_measures
    from duidu.text import segment as seg

    sizes: list[int] = []
    real = seg._segment

    def recording(text, pos):  # what jieba itself is handed, whichever way measures segment
        sizes.append(len(text))
        return real(text, pos)

    real_pieces = seg.pieces

    def recording_pieces(text, *args, **kwargs):  # the tagged segmentation's own cut into pieces
        out = real_pieces(text, *args, **kwargs)
        sizes.extend(b - a for a, b in out)
        return out

    monkeypatch.setattr(seg, "_segment", recording)
    monkeypatch.setattr(seg, "pieces", recording_pieces)
    text = "各地要建立健全教育协同发展工作机制推进成渝地区双城经济圈建设深化产教融合共建职教集团" * 200
    mentions = extract_measures(EngineDocument.from_text(1, text))
    assert sizes and max(sizes) <= seg.MAX_RUN
    assert mentions  # the measures are still found in a text without punctuation


# -- limits that refuse before the work -----------------------------------------------------------------

def test_too_many_index_units_are_refused_before_the_analysis(tmp_path, monkeypatch):
    from duidu.library import importer

    def never(*args, **kwargs):
        raise AssertionError("measure extraction ran before the refusal")

    monkeypatch.setattr(similar_index, "UNIT_BITS", 4)  # room for 15 units a document
    monkeypatch.setattr(importer, "extract_measures", never)
    path = tmp_path / "many.txt"
    path.write_text("".join(f"第{i}条加强教育协同发展。\n" for i in range(20)), encoding="utf-8")
    with pytest.raises(InputError) as refused:
        importer.prepare(path)
    assert str(refused.value) == f"{path}: too large: 20 passages to index; the limit is 15 a document"


def test_a_text_past_the_character_limit_is_refused_before_cleaning(tmp_path, monkeypatch):
    from duidu.library import importer

    monkeypatch.setattr(readers, "MAX_CHARS", 1000)
    monkeypatch.setattr(importer, "clean", lambda *a: pytest.fail("cleaned before the refusal"))
    path = tmp_path / "long.txt"
    path.write_text("教育" * 600, encoding="utf-8")
    with pytest.raises(InputError, match=r"too large: limit 1,000 characters of text \(this one has 1,200\)"):
        importer.prepare(path)


# -- the codebook: work linear in the codes (SQLite's own instruction count) ----------------------------

def _codebook_xml(n: int) -> str:
    codes = "".join(f'<Code guid="00000000-0000-4000-8000-{i:012d}" name="代码{i}" isCodable="true"/>' for i in range(n))
    return ('<?xml version="1.0" encoding="UTF-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
            f'<Code guid="00000000-0000-4000-9000-000000000000" name="组" isCodable="true">{codes}</Code></Codes></CodeBook>')


def _vm_steps(tmp_path: Path, n: int) -> tuple[int, int]:
    """SQLite virtual-machine steps (in thousands) to import a codebook of ``n`` codes, then to
    merge them all into another code."""
    with Library.open(tmp_path / f"c{n}.sqlite", seed=False, codebook="empty", backup=False) as lib:
        path = tmp_path / f"c{n}.qdc"
        path.write_text(_codebook_xml(n), encoding="utf-8")
        steps = [0]

        def count() -> int:
            steps[0] += 1
            return 0

        lib.db.conn.set_progress_handler(count, 1000)
        lib.import_codebook(path)
        imported, steps[0] = steps[0], 0
        group = next(c for c in lib.codes() if c.name == "组")
        other = lib.add_code("别处")
        steps[0] = 0
        lib.merge_codes(group.id, other.id)
        assert [c.name for c in lib.codes()] == ["别处"]
        return imported, steps[0]


def test_codebook_import_and_merge_grow_linearly(tmp_path):
    small, large = _vm_steps(tmp_path, 300), _vm_steps(tmp_path, 3000)
    # Ten times the codes: about ten times the work (quadratic would be a hundred).
    assert large[0] <= 15 * max(small[0], 1), (small, large)
    assert large[1] <= 15 * max(small[1], 1), (small, large)


# -- jieba's cache: this user's, never the shared /tmp one -----------------------------------------------

def test_another_users_jieba_cache_in_tmp_is_never_touched(tmp_path):
    shared = tmp_path / "shared-tmp"
    (shared / "jieba.cache").mkdir(parents=True)  # what jieba can neither load nor replace
    cache = tmp_path / "cache"
    env = {**os.environ, "TMPDIR": str(shared), "XDG_CACHE_HOME": str(cache)}
    code = "from duidu.text.segment import segment; print(len(segment('成渝地区双城经济圈')))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0 and r.stdout.strip() == "1"
    assert "Traceback" not in r.stderr and "failed" not in r.stderr.lower()
    assert any((cache / "duidu" / "jieba").iterdir())  # the cache went to this user's folder


def test_a_title_from_the_first_line_is_one_printable_line(capsys, library, tmp_path):
    doc = tmp_path / "escape.txt"
    doc.write_text(f"{ESC}[2J{ESC}[31m关于推进教育协同发展的通知\u202e\n四川省推进教育协同发展。", encoding="utf-8")
    code, out, _ = duidu(capsys, "import", str(doc), "--json")
    title = json.loads(out)[0]["document"]["title"]
    assert code == 0 and ESC not in title and "\u202e" not in title and "关于推进教育协同发展的通知" in title
    code, out, _ = duidu(capsys, "list")
    assert ESC not in out


@pytest.mark.parametrize("unclosed", ["<!--", "<a ", "</", "<?", "<![CDATA[", "</a", "<!"])
def test_an_unterminated_construct_at_the_end_is_dropped_in_one_pass(unclosed, monkeypatch):
    # html.parser's close() would parse what follows the first unfinished construct again from
    # each "<" in it (quadratic); extract() drops it as a browser does, with one parse of the rest.
    from html.parser import HTMLParser

    starts = []
    real = HTMLParser.parse_starttag

    def counting(self, i):
        starts.append(i)
        return real(self, i)

    monkeypatch.setattr(HTMLParser, "parse_starttag", counting)
    page = "<p>四川省推进教育协同发展。</p>" + unclosed * 5000
    assert html_text.extract(page).text == "四川省推进教育协同发展。"
    assert len(starts) <= 2  # <p>, and at most one attempt at the unfinished tag


def test_a_trailing_character_reference_is_still_text():
    assert html_text.extract("<p>教育合作 AT&T</p>尾部 AT&amp").text == "教育合作 AT&T\n尾部 AT&"


def test_list_shows_a_stored_escape_as_a_space(capsys, library):
    import sqlite3

    with sqlite3.connect(library) as con:  # as a library written before titles were made one line
        con.execute("UPDATE documents SET title = ? WHERE id = 1", [f"旧标题\n{ESC}[2J清屏"])
    code, out, _ = duidu(capsys, "list")
    assert code == 0 and ESC not in out and "旧标题 [2J清屏" in out
