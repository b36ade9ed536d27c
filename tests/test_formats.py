"""PDF, Word 97 / WPS and OFD files read as a researcher reads them (issue 10, parts 1-3).

Real files from ``../shared/corpus/formats``, copied to ``tests/data/formats`` (see its
PROVENANCE.tsv for each file's manifest line). A few layout rules are also checked on glyphs
placed by hand, where no corpus file shows the case (Latin hyphenation).
"""

from __future__ import annotations

import hashlib
import re
import struct
import zipfile
from pathlib import Path

import pytest

from duidu.library.errors import InputError
from duidu.library.formats import layout, ofd, pdf, word97
from duidu.library.importer import prepare
from duidu.library.readers import read_source

DATA = Path(__file__).parent / "data" / "formats"
P01 = DATA / "p01_dongguan_gjjwh_2023-02.pdf"
P03 = DATA / "p03_mingxi_xzf_2022-06.pdf"
P06 = DATA / "p06_beijing_fgw_caoliang_table.pdf"
P07 = DATA / "p07_changle_rencai_goufang_xize.pdf"
TEXT_PDFS = (P01, P03, P07)


def pdf_layout(path: Path) -> layout.Layout:
    return pdf.read(path.read_bytes())


# --- PDF: paragraphs ---------------------------------------------------------------------------

SENTENCE_END = "。！？!?；;：:…”』」）)"
CLAUSE = re.compile("[，,。；]")


def broken_sentences(paragraphs: list[layout.Paragraph]) -> list[tuple[str, str]]:
    """Pairs of body paragraphs where a sentence runs on from one into the next.

    A paragraph that holds clauses (a comma, a full stop inside) but does not end with
    sentence-final or closing punctuation stops mid-sentence -- unless it is a numbered
    heading (``二、鼓励在县城购房，提供就学、落户保障``) -- and then the next paragraph must
    open a new unit (a list item). Headings, titles, names and dates hold no clause and are
    not judged. Table rows and furniture are not prose."""
    body = [p for p in paragraphs if not p.furniture and not p.row]
    out = []
    for a, b in zip(body, body[1:]):
        if a.text[-1] in SENTENCE_END or not CLAUSE.search(a.text[:-1]):
            continue
        if layout.LIST_ITEM.match(a.text) and len(a.text) <= 40 and "。" not in a.text:
            continue
        if layout.LIST_ITEM.match(b.text):
            continue
        out.append((a.text[-20:], b.text[:20]))
    return out


@pytest.mark.parametrize("path", TEXT_PDFS, ids=lambda p: p.name[:3])
def test_no_sentence_is_broken_across_paragraphs(path):
    found = pdf_layout(path)
    assert broken_sentences(found.paragraphs) == []
    # ... and paragraphs are paragraphs, not printed lines: far fewer of them.
    printed = [line for line in found.lines if line != "\f"]
    body = [p for p in found.paragraphs if not p.furniture and not p.row]
    assert len(body) <= 0.6 * len(printed), (len(body), len(printed))


def test_the_check_finds_a_sentence_broken_at_a_line_end():
    """The check above can fail: one printed line per paragraph (text copied by hand) is caught."""
    found = pdf_layout(P03)
    per_line = [layout.Paragraph(line, 1) for line in found.lines if line != "\f"]
    assert len(broken_sentences(per_line)) >= 10


def test_sentences_spanning_printed_lines_and_pages_are_one_paragraph():
    p01 = [p.text for p in pdf_layout(P01).paragraphs]
    whole = ("本市缴存人及其配偶可一次性申请提取其公积金账户余额，用于支付通过贷款（个人住房商业性贷款或住房公积金"
             "个人住房贷款）方式购买的、已向市住房公积金管理中心报备的预售新建商品住房的首付款")
    assert any(whole in p for p in p01)
    p03 = pdf_layout(P03).paragraphs
    # printed over the break from page 2 to page 3, with "- 2 -" between
    across = "1.凡在我县城市规划区范围内购买新建商品住房的，按所购商品住房面积予以每平方米150元的补贴，每套最高补贴不超过2万元。"
    [para] = [p for p in p03 if across in p.text]
    assert para.page == 2 and not para.furniture


def test_no_space_between_chinese_characters_and_spaced_out_lines_put_back():
    text = "\n".join(p.text for p in pdf_layout(P07).paragraphs)
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff]", text)
    # pdftotext -raw gives "公 寓 、  公 共 租 赁 房 、  享 受 人 才 租 房 补 贴" for this justified line
    assert "公寓、公共租赁房、享受人才租房补贴" in text


def test_red_header_document_reads_in_order():
    texts = [p.text for p in pdf_layout(P03).paragraphs if not p.furniture]
    order = ["明溪县人民政府文件", "明政规〔2022〕6号",
             "明溪县人民政府关于印发明溪县促进房地产市场平稳健康发展若干措施(修订)的通知",
             "各乡（镇）人民政府，县各有关单位：", "明溪县人民政府", "2022年11月26日", "（此件主动公开）"]
    positions = [texts.index(t) for t in order]
    assert positions == sorted(positions)


# --- PDF: furniture and pages ------------------------------------------------------------------

def test_page_numbers_are_marked_furniture_not_body_text():
    found = pdf_layout(P03)
    marked = [p for p in found.paragraphs if p.furniture == "page-number"]
    assert [p.text for p in marked] == [f"- {n} -" for n in range(1, 7)]
    assert all(p.page == int(p.text.strip("- ")) for p in marked)
    body = [p.text for p in found.paragraphs if not p.furniture]
    assert not any(layout.PAGE_NUMBER.match(t) for t in body)
    assert not any(re.search(r"-\s*\d\s*-", t) for t in body)
    # "— 2 —" style (em dashes) too
    dashes = [p.text for p in pdf_layout(P01).paragraphs if p.furniture == "page-number"]
    assert len(dashes) >= 5 and all(re.fullmatch(r"—\s*\d+\s*—", t) for t in dashes)


def test_import_keeps_page_numbers_in_the_text_marked_and_pages_per_paragraph():
    prepared = prepare(P03)
    cleaned, source = prepared.cleaned, prepared.source
    marked = [cleaned.text[e.start:e.end] for e in cleaned.excluded if e.reason == "page-number"]
    assert marked == [f"- {n} -" for n in range(1, 7)]  # kept in the stored text, marked
    assert source.pages is not None and len(source.pages) == len(cleaned.paragraphs)
    assert list(source.pages) == sorted(source.pages) and source.pages[0] == 1 and source.pages[-1] == 6
    page_of = {cleaned.text[p.start:p.end]: page for p, page in zip(cleaned.paragraphs, source.pages)}
    assert page_of["二、鼓励在县城购房，提供就学、落户保障"] == 3
    assert page_of["住房消费补贴申请需提供的材料和发放流程"] == 6


def test_the_library_keeps_each_paragraphs_page(tmp_path):
    from duidu.library.store import Library

    with Library.open(tmp_path / "lib.sqlite", seed=False) as lib:
        doc = lib.import_file(P03).document
        text, pages = lib.text(doc.id), lib.pages(doc.id)
        assert len(pages) == len(text.paragraphs) and pages[0] == 1 and pages[-1] == 6
        page_of = {text.text[p.start:p.end]: page for p, page in zip(text.paragraphs, pages)}
        assert page_of["二、鼓励在县城购房，提供就学、落户保障"] == 3  # a citation can say "p. 3"
        word = lib.import_file(DATA / "w01_hainan_gjj_daikuan_tongzhi_zqyjg.wps").document
        assert set(lib.pages(word.id)) == {None}  # no pages in a Word file's text


def test_running_heads_repeated_at_the_page_edge_are_marked():
    # The table PDF prints its page number alone ("3") at the foot of each page.
    marked = [p for p in pdf_layout(P06).paragraphs if p.furniture]
    assert len(marked) == 14 and [p.text for p in marked] == [str(n) for n in range(1, 15)]


# --- PDF: tables -------------------------------------------------------------------------------

CODE = re.compile(r"C\d{7}[A-C]\d{3}")


def test_table_rows_are_lines_with_cells_never_interleaved():
    found = pdf_layout(P06)
    rows = [p.text for p in found.paragraphs if p.row]
    assert rows[:2] == ["企业投资项目核准和备案领域违法行为裁量",  # a caption row spanning the table
                        "\t".join(["编码", "违法行为", "违法行为依据", "行政处罚依据", "裁量情形", "裁量基准"])]
    first = next(r.split("\t") for r in rows if r.startswith("C0011400A010"))
    # a cell printed over six lines, which pdftotext -layout interleaves with its neighbours
    assert "实行核准管理的项目企业未依法办理核准手续开工建设或者未按照核准的建设地点、建设规模、建设内容等进行建设的行为" in first
    assert len(first) == 6
    # every measure code starts a row of its own, once
    codes_everywhere = CODE.findall("\n".join(p.text for p in found.paragraphs))
    starts = [CODE.match(r).group() for r in rows if CODE.match(r)]
    assert len(starts) >= 60 and sorted(starts) == sorted(codes_everywhere)
    assert all(len(CODE.findall(r)) == 1 for r in rows if CODE.match(r))
    # cells cut by a page break are put back together: no row is left holding only their rest
    assert all(r.startswith("编码") or r.endswith("违法行为裁量") for r in rows if not CODE.match(r))
    assert any("禁止使用国家明令淘汰的用能设备、生产工艺" in cell for r in rows for cell in r.split("\t"))


def test_pdfs_read_on_several_threads_read_as_one_at_a_time():
    """The app imports on worker threads; PDFium is not thread-safe, so reads are serialised."""
    import threading

    files = [P03, P01, P07, P03]
    alone = [[p.text for p in pdf_layout(f).paragraphs] for f in files]
    results: dict[int, list[str]] = {}
    start = threading.Barrier(len(files))

    def work(i: int) -> None:
        start.wait()
        results[i] = [p.text for p in pdf_layout(files[i]).paragraphs]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(files))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [results[i] for i in range(len(files))] == alone


# --- PDF: refused ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, reason", [
    ("p08_beijing_gongbao_brokenfont_page1.pdf", "text layer unreadable"),
    ("p10_baoding_scanned_page3.pdf", "scanned: no text layer"),
])
def test_unreadable_pdfs_are_refused_with_one_line(name, reason):
    with pytest.raises(InputError) as exc:
        read_source(DATA / name)
    assert exc.value.reason.startswith(reason)
    assert "\n" not in str(exc.value)


def test_a_damaged_pdf_is_refused_with_one_line(tmp_path):
    broken = tmp_path / "half.pdf"
    broken.write_bytes(P03.read_bytes()[:2000])
    with pytest.raises(InputError) as exc:
        read_source(broken)
    assert "\n" not in str(exc.value) and str(broken) in str(exc.value)


@pytest.mark.parametrize("name", ["p03_mingxi_xzf_2022-06.pdf", "d01_beijing_zjw_yushou_zijin_banfa_zqyjg.doc",
                                  "w01_hainan_gjj_daikuan_tongzhi_zqyjg.wps", "o01_luqiao_wsj_pifu_2011-76.ofd"])
def test_damaged_files_give_one_line_never_a_traceback(tmp_path, name):
    """Cut short or with bytes overwritten (fixed seeds): read, or refused with an InputError."""
    import random

    original = (DATA / name).read_bytes()
    rng = random.Random(name)
    for k in range(24):
        data = bytearray(original)
        if k % 2:
            del data[rng.randrange(len(data)):]
        else:
            for _ in range(rng.choice((5, 50, 500))):
                data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"{k}{Path(name).suffix}"
        path.write_bytes(bytes(data))
        try:
            read_source(path)
        except InputError as exc:
            assert "\n" not in str(exc) and str(path) in str(exc)


# --- layout rules on placed glyphs ----------------------------------------------------------------

def _line(text: str, y: float, x: float = 72.0, advance: float = 12.0, size: float = 12.0) -> list[layout.Glyph]:
    out = []
    for ch in text:
        if ch != " ":
            out.append(layout.Glyph(ch, x, y, x + min(advance, size * 0.6 if ch.isascii() else size), y + size))
        x += advance if not ch.isascii() else size * 0.6
    return out


def test_spaced_out_chinese_comes_back_together_and_latin_words_keep_spaces():
    glyphs = _line("行政長官2024年施政報告", 100, advance=30)  # a title set with letter spacing
    glyphs += _line("Policy Address", 130)
    page = layout.Page(1, 600, 800, glyphs)
    texts = [p.text for p in layout.build([page]).paragraphs]
    assert texts[0].replace(" ", "") == "行政長官2024年施政報告" and "行 政" not in texts[0]
    assert "Policy Address" in texts


def test_running_heads_and_page_numbers_marked_on_placed_pages():
    pages = []
    for n in range(1, 5):
        glyphs = _line("北京市人民政府公报", 30, x=200)  # the gazette's running head, in the top margin
        glyphs += _line(f"附件{n}", 100)  # repeated at a page's top too, but a heading: document
        glyphs += _line("各区人民政府，市政府各委、办、局，各市属机构：现将有关事项通知如下。", 130)
        glyphs += _line(f"第 {n} 页", 800, x=280)
        pages.append(layout.Page(n, 595, 842, glyphs))
    paragraphs = layout.build(pages).paragraphs
    marks = {(p.text, p.furniture) for p in paragraphs if p.furniture}
    assert marks == {("北京市人民政府公报", "running-head")} | {(f"第{n}页", "page-number") for n in range(1, 5)}
    assert all(p.furniture is None for p in paragraphs if p.text.startswith(("附件", "各区")))


def test_two_columns_are_read_one_after_the_other():
    """A gazette page: a title across the page, then two columns; a paragraph runs from the foot
    of the left column to the top of the right one. Lines at the same height in the two columns
    must never be joined."""
    size, pitch, per_line = 12.0, 18.0, 18  # 18 characters of 12 pt fill a 216 pt column
    glyphs = _line("北京市人民政府关于印发工作措施的通知", 60, x=190, size=16, advance=16)
    lefts = [f"左{n:02d}" + "甲" * (per_line - 3) for n in range(20)]
    rights = [f"右{n:02d}" + "乙" * (per_line - 3) for n in range(20)]
    rights[3] = "右03乙乙乙。"  # the running paragraph ends here, short
    for n in range(20):
        indent = 2 * size if n == 0 else 0.0
        glyphs += _line(lefts[n][: per_line - (2 if n == 0 else 0)], 100 + n * pitch, x=60 + indent, advance=size)
        r_indent = 2 * size if n == 4 else 0.0
        glyphs += _line(rights[n], 100 + n * pitch, x=320 + r_indent, advance=size)
    paragraphs = [p.text for p in layout.build([layout.Page(1, 595, 842, glyphs)]).paragraphs]
    assert paragraphs[0] == "北京市人民政府关于印发工作措施的通知"
    body = paragraphs[1]
    assert body.startswith("左00") and "左19" in body and body.endswith("右03乙乙乙。")
    assert body.index("左19") < body.index("右00")  # the whole left column first
    assert paragraphs[2].startswith("右04") and "左" not in "".join(paragraphs[2:])


def test_numbered_paragraphs_past_one_hundred_start_paragraphs():
    """A policy address numbers its paragraphs (…, 99., 100., 101.) with no indent: each number
    opens a paragraph even when the line before fills the measure."""
    def line(text: str, y: float) -> list[layout.Glyph]:  # every character on a 12 pt grid
        return [layout.Glyph(ch, 72 + 12 * i, y, 72 + 12 * i + 11, y + 12) for i, ch in enumerate(text)]

    full = "甲" * 30
    glyphs = []
    for n, text in enumerate(["99." + full[3:], full, "100." + full[4:], full[:10] + "。", "101." + full[4:], full]):
        glyphs += line(text, 100 + 18 * n)
    texts = [p.text for p in layout.build([layout.Page(1, 595, 842, glyphs)]).paragraphs]
    assert [t.split(".")[0] for t in texts] == ["99", "100", "101"]


def test_latin_hyphenation_is_undone_when_lines_join():
    assert layout.join_lines(["the adminis-", "tration of"]) == "the administration of"
    assert layout.join_lines(["施政", "报告"]) == "施政报告"
    assert layout.join_lines(["Policy", "Address"]) == "Policy Address"
    assert layout.join_lines(["COVID-", "19"]) == "COVID-19"


# --- Word 97 / WPS -----------------------------------------------------------------------------

def test_doc_text_through_the_piece_table():
    source = read_source(DATA / "d01_beijing_zjw_yushou_zijin_banfa_zqyjg.doc")
    paragraphs = source.body.split("\n")
    assert paragraphs[0] == "北京市商品房预售资金监督管理办法"
    assert "第一章 总则" in paragraphs
    assert any(p.endswith("本市商品房预售资金监督管理遵循政府监管、社会监督、专户收存、专款专用、核定支出、违规追责的原则。")
               for p in paragraphs)
    assert "－ 2 －" not in source.body  # the footer's page number is not main text
    assert source.format == "word97" and source.pages is None


def test_wps_text_keeps_field_results_not_field_codes():
    body = read_source(DATA / "w01_hainan_gjj_daikuan_tongzhi_zqyjg.wps").body
    assert "将二套房“存贷挂钩”贷款额度计算公式中缴存余额倍数由10倍提高至12倍。" in body
    assert "各住房公积金缴存人，各市县中心、受委托银行：" in body.split("\n")
    assert "MERGEFORMAT" not in body and "PAGE" not in body


def test_doc_table_rows_one_per_line_cells_separated():
    rows = [p for p in read_source(DATA / "d03_beijing_swj_buxingjie_pingjia_table.doc").body.split("\n") if "\t" in p]
    assert rows[0] == "一级指标\t二级指标\t评分标准\t评分说明"
    first = rows[1].split("\t")
    assert first[:2] == ["一、规划布局（12分）", "规划科学（5分）"]
    assert first[2] == "编制商业步行街品质提升工作方案，深入研究街区景观提升、业态优化、交通组织等专项内容。（3分）"
    assert len(rows) >= 40 and all(len(r.split("\t")) >= 3 for r in rows)  # merged cells stay, empty


def test_a_doc_that_is_really_a_web_page_or_docx_is_read_as_what_it_is(tmp_path):
    page = tmp_path / "notice.doc"  # "save as web page" in Word, published as .doc
    page.write_bytes("<html><head><meta charset='utf-8'></head><body><p>关于进一步优化调整住房公积金贷款政策的通知"
                     "</p></body></html>".encode("utf-8"))
    assert read_source(page).format == "html" and "住房公积金贷款政策" in read_source(page).body
    rtf = tmp_path / "notice.wps"
    rtf.write_bytes(b"{\\rtf1\\ansi \\'b9\\'d8\\'d3\\'da}")
    with pytest.raises(InputError, match="RTF"):
        read_source(rtf)


def test_word_reader_refuses_what_is_not_a_word_document():
    with pytest.raises(word97.WordUnreadable):
        word97.extract(b"\xd0\xcf\x11\xe0 not really an OLE file" * 40)


@pytest.mark.parametrize("name", ["budget.xls", "budget.et"])
def test_spreadsheets_are_refused_with_a_reason(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600))
    with pytest.raises(InputError) as exc:
        read_source(path)
    assert "spreadsheet" in exc.value.reason and "not read" in exc.value.reason


# --- OFD ---------------------------------------------------------------------------------------

O01 = DATA / "o01_luqiao_wsj_pifu_2011-76.ofd"


def test_ofd_text_in_reading_order_with_page_numbers_marked():
    paragraphs = ofd.read(O01.read_bytes()).paragraphs
    body = [p.text for p in paragraphs if not p.furniture]
    order = ["路卫发〔2011〕76号", "关于同意张阿三同志辞职的批复", "区中医院：",
             "你院《关于给张阿三同志辞职的请示》（路中医发〔2011〕10号）收悉。", "2011年3月10日"]
    positions = [body.index(t) for t in order]
    assert positions == sorted(positions)
    # a paragraph printed over several lines, one paragraph
    assert any(t.startswith("该同志由于家庭、籍贯等原因") and t.endswith("同意张阿三同志辞职。") for t in body)
    assert [(p.text, p.page) for p in paragraphs if p.furniture] == [("—1—", 1), ("—2—", 2)]


def test_ofd_runs_over_several_lines_are_read_line_by_line():
    """A certificate's fields are text objects whose characters step down a line (DeltaY) and
    back to the left (a negative DeltaX): read per line, never one line's characters
    interleaved with the next's."""
    text = "\n".join(p.text for p in ofd.read((DATA / "o03_linxiang_zrzyj_xuanzhi_yijianshu_2022.ofd").read_bytes()).paragraphs)
    assert "临沧市临翔区发展和改革局关于同意临翔区棚户区改造安置房建设项目的可行性研究报告的" in text
    assert "批复（临翔发改复[2018]172号）" in text
    assert "总规模0.7871公顷，其中农用地0公顷（耕地0公顷，基本农田0公顷），建设用地0.7871公顷" in text


def _ofd(tmp_path: Path, files: dict[str, str]) -> bytes:
    path = tmp_path / "x.ofd"
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path.read_bytes()


def test_ofd_package_safety(tmp_path):
    ofd_xml = ('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody>'
               "<ofd:DocRoot>{}</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
    with pytest.raises(ofd.OfdUnreadable, match="outside the package"):
        ofd.read(_ofd(tmp_path, {"OFD.xml": ofd_xml.format("../../etc/passwd")}))
    with pytest.raises(ofd.OfdUnreadable, match="outside the package"):
        ofd.read(_ofd(tmp_path, {"OFD.xml": ofd_xml.format("Doc_0/Document.xml"), "../evil.xml": "<a/>"}))
    entity = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "boom">]><ofd:OFD>&x;</ofd:OFD>'
    with pytest.raises(ofd.OfdUnreadable, match="DTD"):
        ofd.read(_ofd(tmp_path, {"OFD.xml": entity}))
    with pytest.raises(ofd.OfdUnreadable, match="zip"):
        ofd.read(b"not a zip at all")


def test_ofd_imports_through_the_reader():
    source = read_source(O01)
    assert source.format == "ofd" and source.pages is not None
    assert dict(source.furniture) and set(dict(source.furniture).values()) == {"page-number"}


# --- PDFs made here: encrypted, watermarked (no corpus file to test these on) ----------------------------------------

PDF_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256)); j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256; s[i], s[j] = s[j], s[i]
    out = bytearray(); i = j = 0
    for b in data:
        i = (i + 1) % 256; j = (j + s[i]) % 256; s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def text_op(text: str, x: float, y: float, size: float = 14, angle: float = 0.0) -> bytes:
    """Content-stream operators drawing ``text`` at (x, y), turned by ``angle`` degrees."""
    import math

    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return (b"BT /F1 %g Tf %.4f %.4f %.4f %.4f %g %g Tm <%s> Tj ET\n"
            % (size, c, s, -s, c, x, y, text.encode("utf-16-be").hex().encode()))


def cjk_pdf(content: bytes, user: bytes | None = None, owner: bytes = b"", permissions: int = -4) -> bytes:
    """A one-page PDF drawing ``content`` with a predefined CJK font (STSong-Light, UCS-2
    codes); with ``user``, encrypted the PDF 1.4 way (the standard security handler, RC4-40,
    revision 2), ``permissions`` being the /P flags word."""
    pad = lambda p: (p + PDF_PAD)[:32]
    doc_id = hashlib.md5(b"duidu test").digest()
    encrypt = user is not None
    if encrypt:
        o = rc4(hashlib.md5(pad(owner)).digest()[:5], pad(user))
        key = hashlib.md5(pad(user) + o + struct.pack("<i", permissions) + doc_id).digest()[:5]
        u = rc4(key, PDF_PAD)

    def enc(num: int, data: bytes) -> bytes:
        if not encrypt:
            return data
        return rc4(hashlib.md5(key + struct.pack("<i", num)[:3] + b"\0\0").digest()[:10], data)

    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        4: b"<< /Length %d >>\nstream\n" % len(content) + enc(4, content) + b"\nendstream",
        5: b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        6: b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry <"
           + enc(6, b"Adobe").hex().encode() + b"> /Ordering <" + enc(6, b"GB1").hex().encode()
           + b"> /Supplement 2 >> /FontDescriptor 7 0 R >>",
        7: b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
    }
    if encrypt:
        objects[8] = (b"<< /Filter /Standard /V 1 /R 2 /O <" + o.hex().encode() + b"> /U <" + u.hex().encode()
                      + b"> /P " + str(permissions).encode() + b" >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for num, body in objects.items():
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for num in sorted(objects):
        out += b"%010d 00000 n \n" % offsets[num]
    out += (b"trailer\n<< /Size %d /Root 1 0 R %s/ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, b"/Encrypt 8 0 R " if encrypt else b"", doc_id.hex().encode(),
               doc_id.hex().encode(), xref))
    return bytes(out)


def test_pdf_encrypted_against_copying_opens_without_password_and_imports(tmp_path):
    path = tmp_path / "restricted.pdf"
    no_print_no_copy = -4 - 4 - 16  # /P with the print and copy bits cleared
    path.write_bytes(cjk_pdf(text_op("本通知自印发之日起实施。", 72, 700), b"", b"owner secret", no_print_no_copy))
    assert read_source(path).body == "本通知自印发之日起实施。"


def test_pdf_needing_a_password_is_refused_with_one_line(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(cjk_pdf(text_op("本通知自印发之日起实施。", 72, 700), b"user secret", b"owner secret"))
    with pytest.raises(InputError) as exc:
        read_source(path)
    assert exc.value.reason == "encrypted: a password is needed to open it"


def test_a_diagonal_watermark_is_not_read_into_the_text(tmp_path):
    path = tmp_path / "watermarked.pdf"
    body = [text_op("各区人民政府，市政府各委、办、局：", 72, 720), text_op("现将有关事项通知如下，请认真贯彻执行。", 72, 700)]
    watermark = text_op("内部资料注意保密", 150, 500, size=40, angle=30)  # across the page, over the text
    path.write_bytes(cjk_pdf(b"".join(body) + watermark))
    text = read_source(path).body
    assert "各区人民政府，市政府各委、办、局：" in text and "现将有关事项通知如下，请认真贯彻执行。" in text
    assert not any(ch in text for ch in "内资料注意保密")


def test_a_table_of_figures_is_not_taken_for_an_unreadable_text_layer(tmp_path):
    """Mostly digits and few Chinese characters is a statistical table, not junk from a font
    without a Unicode map (which is mostly ASCII punctuation)."""
    rows = [text_op("主要指标", 72, 760)] + [text_op(f"{2000 + n} {n * 1.5:.1f} {n * 2.25:.2f} {n * 3.75:.2f} {n * 10}", 72, 740 - 16 * n)
                                         for n in range(1, 30)]
    path = tmp_path / "figures.pdf"
    path.write_bytes(cjk_pdf(b"".join(rows)))
    body = read_source(path).body
    assert body.startswith("主要指标") and "2029 43.5 65.25 108.75 290" in body
