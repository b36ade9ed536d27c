"""Page furniture on real government pages (tests/data/corpus, provenance in PROVENANCE.tsv).

The excerpts are the head and tail of real scraped pages, as the scraper left them: the
furniture there must be marked, the report's title, dateline, first and last paragraphs not.
Then repetition across a library: a line pair at the edges of three documents becomes
template furniture (kept out of search), a pair in two does not, and a document leaving the
library takes the template back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from duidu.library.readers import read_source
from duidu.library.store import Library
from duidu.text.clean import clean
from duidu.text.furniture import KINDS, classify, edge_keys, furniture_ranges
from duidu.text.templates import MIN_DOCUMENTS

DATA = Path(__file__).parent / "data" / "corpus"


def lines_and_marks(name: str, template=()) -> dict[str, str | None]:
    c = clean(read_source(DATA / name).body)
    lines = [c.text[p.start : p.end] for p in c.paragraphs]
    return lines, classify(lines, template)


def marked(name: str) -> dict[str, str]:
    lines, marks = lines_and_marks(name)
    return {line: m for line, m in zip(lines, marks) if m}


# file -> (furniture lines that must be marked, document lines that must not)
EXPECTED = {
    "2026_上海市_政府工作报告_excerpt.txt": (
        ["下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】", "来源：解放日报", "时间：2026-02-09",
         "相关报道："],
        ["2026年上海市政府工作报告", "——2026年2月3日在上海市第十六届人民代表大会第四次会议上", "上海市市长 龚 正", "各位代表："],
    ),
    "2026_云南省_政府工作报告_excerpt.txt": (
        ["您的位置:", "首页", ">", "来源：云南日报", "2026-02-03 09:02:33", "【字体：", "大", "中", "小", "】",
         "》》点击图片进入专题《《", "收藏", "|", "分享到:", "分享到微信", "×", "相关文档："],
        ["2026年政府工作报告", "——2026年1月28日在云南省第十四届人民代表大会第四次会议上", "省长　王予波", "各位代表："],
    ),
    "2026_宁夏回族自治区_政府工作报告_excerpt.txt": (
        ["当前位置：", "首页", "政务信息", "宁夏要闻", "发表时间：", "2026-02-09 09:45:30", "来源：", "宁夏日报客户端",
         "阅读量：", "【字体：", "扫一扫在手机打开当前页", "打印本页", "关闭窗口"],
        ["2026年宁夏回族自治区政府工作报告", "政府工作报告", "自治区人民政府主席 张雨浦", "各位代表："],
    ),
    "2026_四川省_政府工作报告_excerpt.txt": (
        ["2026年02月10日 07时41分", "来源:", "四川日报", "【字体：", "分享：", "责任编辑：", "李莎莎", "扫一扫在手机打开当前页",
         "相关附件>>", "相关链接>>", "四川干部群众热议政府工作报告 以奋勇争先之姿，乘势而为", "打印本页", "关闭窗口",
         # the page's share text, repeating its beginning after the footer
         "各位代表：现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。"],
        ["2026年四川省人民政府工作报告", "2026年2月3日在四川省第十四届人民代表大会第五次会议上", "四川省人民政府省长 施小琳",
         "各位代表："],
    ),
    "2026_陕西省_政府工作报告_excerpt.txt": (
        ["分享:", "首页", ">", "政府信息公开", "省政府工作报告", "时间：", "2026-02-02 09:20", "来源：", "陕西省人民政府",
         "扫一扫在手机打开当前页",
         "省长赵刚作政府工作报告"],  # a caption naming the speaker, no credit
        ["陕西省2026年政府工作报告", "各位代表："],
    ),
    "2026_青海省_政府工作报告_excerpt.txt": (
        ["2026-01-31 07:00:44", "来源：青海日报", "（来源：青海日报）", "编辑：何继红"],
        ["政府工作报告", "――2026年1月27日在青海省第十四届人民代表大会第四次会议上", "省长 罗东川", "各位代表："],
    ),
    "2026_天津市_政府工作报告_excerpt.txt": (
        ["下载", "【字号：", "】", "来源：天津日报", "时间：2026-02-03",
         "张工作政府工作报告。", "相关报道："],  # the caption: 张工 (named just above) delivering the report
        ["2026年天津市政府工作报告", "——2026年1月26日在天津市第十八届人民代表大会第四次会议上", "天津市市长 张工", "各位代表："],
    ),
    "2026_江苏省_政府工作报告_excerpt.txt": (
        ["下载", "【字号：", "】", "来源：新华日报", "时间：2026-02-09",
         "省长刘小涛代表省人民政府向大会作政府工作报告。本报记者 朱江 摄", "相关报道："],
        ["2026年江苏省政府工作报告", "省长 刘小涛", "各位代表："],
    ),
}


def real_paragraphs(lines: list[str]) -> tuple[str, str]:
    """The report's first real paragraph (after the salutation) and its last (before the
    furniture): found by reading the page, not by asking the code under test."""
    first = next(line for line in lines if line.startswith("现在，我代表"))
    closing = [line for line in lines if line.startswith(("各位代表！", "各位代表，")) and "让我们" in line]
    # 四川's page ends with the report's glossary (名词解释) rather than its closing words.
    last = closing[-1] if closing else [line for line in lines if line.startswith("20.“一件事”")][-1]
    return first, last


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_province_page_furniture_marked_report_kept(name):
    lines, marks = lines_and_marks(name)
    got = {line: m for line, m in zip(lines, marks)}
    furniture, document = EXPECTED[name]
    for line in furniture:
        assert line in got, line  # the expectation quotes the page
        assert got[line] is not None, f"not marked: {line}"
    first, last = real_paragraphs(lines)
    for line in document + [first, last]:  # (四川 repeats its title in the tail: the first one)
        assert marks[lines.index(line)] is None, f"marked {marks[lines.index(line)]}: {line}"
    assert set(m for m in marks if m) <= set(KINDS)
    # No paragraph of the report between its first and last is marked (captions before the
    # first, the share text after the last, are the page's).
    body = lines[lines.index(first) : lines.index(last) + 1]
    assert marks[lines.index(first) : lines.index(last) + 1] == [None] * len(body)


def test_sichuan_share_text_is_a_repeat_not_the_report():
    lines, marks = lines_and_marks("2026_四川省_政府工作报告_excerpt.txt")
    assert marks[-1] == "repeat"
    opening = "现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。"
    assert marks[lines.index(opening)] is None


def test_national_licence_footer_marked_whole_report_end_kept():
    lines, marks = lines_and_marks("2024_国务院_政府工作报告_excerpt.txt")
    start = lines.index("本作品是中华人民共和国的")
    assert all(m == "copyright" or lines[i] == "。" and m for i, m in enumerate(marks[start:], start)), \
        [(lines[i], m) for i, m in enumerate(marks[start:], start) if m is None]
    assert lines[-1] == "false" and marks[-1] is not None
    # The report's closing words, just before the licence, and its head stay.
    assert lines[start - 1].startswith("使命重在担当") and marks[start - 1] is None
    for line in ("政府工作报告", "——2024年3月5日在第十四届全国人民代表大会第二次会议上", "李　强", "各位代表："):
        assert marks[lines.index(line)] is None, line
    assert sum(1 for m in marks if m) == len(lines) - start


def test_govcn_page_info_box_and_footer_marked_official_document_kept():
    c = clean(read_source(DATA / "govcn_01.html").body)
    ranges = furniture_ranges(c.text)
    got = {c.text[s:e]: kind for s, e, kind in ranges}
    assert got["扫一扫在手机打开当前页"] == "navigation"
    box = [line for line in got if line.startswith(("索 引 号", "发文机关", "发文字号", "主 题 词"))]
    assert len(box) == 4
    lines = [c.text[p.start : p.end] for p in c.paragraphs]
    for line in ("国务院关于在海南博鳌乐城国际医疗旅游先行区", "国发〔2018〕43号", "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
                 "国务院", "2018年12月21日", "（此件公开发布）"):
        assert line in lines and line not in got, line
    assert next(line for line in lines if line.startswith("为进一步支持海南省")) not in got


def test_furniture_ranges_are_whole_lines_in_order():
    text = (DATA / "2026_上海市_政府工作报告_excerpt.txt").read_text(encoding="utf-8")
    ranges = furniture_ranges(text)
    assert ranges == sorted(ranges) and len(ranges) == 12
    for s, e, kind in ranges:
        assert text[s:e].strip() == text[s:e] and "\n" not in text[s:e] and kind in KINDS
        assert s == 0 or text[s - 1] == "\n"


# -- repetition across the library ------------------------------------------------------------

SITE_BANNER = ["本网站由本省人民政府办公厅主办", "网站标识码5100000062"]  # no rule knows these lines
TWO_ONLY = ["全文下载专区", "两会特别报道"]  # at the edges of two documents only
SHARED_OPENING = "现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。"  # 云南 and 四川 both say it
PAGES = ["2026_上海市_政府工作报告_excerpt.txt", "2026_江苏省_政府工作报告_excerpt.txt",
         "2026_青海省_政府工作报告_excerpt.txt", "2026_云南省_政府工作报告_excerpt.txt",
         "2026_四川省_政府工作报告_excerpt.txt"]


def with_header(name: str, extra: list[str]) -> str:
    """The page with ``extra`` lines put at its head (as a site's banner would be)."""
    return "\n".join(extra) + "\n" + (DATA / name).read_text(encoding="utf-8")


def page_with(name: str, tmp_path: Path, extra: list[str]) -> Path:
    text = with_header(name, extra)
    out = tmp_path / name
    out.write_text(text, encoding="utf-8")
    return out


def template_lines(lib: Library, doc_id: int) -> list[str]:
    t = lib.text(doc_id)
    return [t.text[e.start : e.end] for e in t.excluded if e.reason == "template"]


def test_page_structure_alone_leaves_the_new_banner():
    c = clean(with_header("2026_上海市_政府工作报告_excerpt.txt", SITE_BANNER))
    assert classify([c.text[p.start : p.end] for p in c.paragraphs])[:2] == [None, None]


def test_pure_decision_needs_min_documents():
    docs = []
    for name, extra in zip(PAGES, [SITE_BANNER] * 3 + [TWO_ONLY] * 2):
        c = clean(with_header(name, extra))
        docs.append([c.text[p.start : p.end] for p in c.paragraphs])
    keys = [edge_keys("\n".join(d), clean("\n".join(d)).paragraphs) for d in docs]
    counts: dict[str, int] = {}
    for ks in keys:
        for k in ks:
            counts[k] = counts.get(k, 0) + 1
    template = {k for k, n in counts.items() if n >= MIN_DOCUMENTS}
    for d in docs[:3]:
        assert classify(d, template)[:2] == ["template", "template"]
    for d in docs[3:]:
        assert classify(d, template)[:2] == [None, None]
        assert classify(d, template)[d.index("各位代表：") + 1] is None


@pytest.fixture
def library(tmp_path):
    with Library.open(tmp_path / "lib.sqlite", seed=False, backup=False) as lib:
        yield lib


def test_library_learns_template_from_three_documents_and_re_decides(library, tmp_path):
    lib = library
    ids = []
    for name in PAGES[:2]:
        ids.append(lib.import_file(page_with(name, tmp_path, SITE_BANNER)).document.id)
    # Two documents: not yet a template; the banner is searchable.
    assert all(template_lines(lib, i) == [] for i in ids)
    assert {h.document_id for h in lib.search("网站标识码")} == set(ids)
    ids.append(lib.import_file(page_with(PAGES[2], tmp_path, SITE_BANNER)).document.id)
    # The third makes it template: in all three, the earlier two re-decided.
    for i in ids:
        assert template_lines(lib, i) == SITE_BANNER
    assert lib.search("网站标识码") == []
    assert lib.search("本网站由本省人民政府办公厅主办") == []
    # Two more share another pair (and a real sentence): neither becomes furniture.
    more = [lib.import_file(page_with(name, tmp_path, TWO_ONLY)).document.id for name in PAGES[3:]]
    for i in more:
        assert template_lines(lib, i) == []
        t = lib.text(i)
        start = t.text.index(SHARED_OPENING)
        assert not any(e.start <= start < e.end for e in t.excluded)
    assert {h.document_id for h in lib.search("两会特别报道")} == set(more)
    # A document revised without the banner takes its vote away: the others lose the template.
    plain = tmp_path / "plain.txt"
    plain.write_text((DATA / PAGES[2]).read_text(encoding="utf-8"), encoding="utf-8")
    lib.revise(ids[2], plain)
    for i in ids:
        assert template_lines(lib, i) == []
    assert {h.document_id for h in lib.search("网站标识码")} == set(ids[:2])
    # Every document's furniture was decided again, its index rows taken out and written anew:
    # the contentless indexes hold exactly the stored documents' tokens, nothing left behind.
    assert_indexes_hold_the_stored_documents(lib)


def assert_indexes_hold_the_stored_documents(lib: Library) -> None:
    """Each index's vocabulary (term, rows, occurrences) equals that of the same index made
    afresh from the stored key forms, paragraphs and packed units: a delete given other tokens
    than its row was written with would leave some behind."""
    from duidu.library import search, similar_index

    db = lib.db
    ids = [d for (d,) in db.execute("SELECT id FROM documents ORDER BY id")]
    for table, vocab in (("search_index", "row"), ("similar_index", "col")):
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()
        db.execute(sql.replace(f"CREATE VIRTUAL TABLE {table}", "CREATE VIRTUAL TABLE temp.fresh", 1))
        try:
            for d in ids:
                if table == "search_index":
                    db.execute("INSERT INTO temp.fresh (rowid, grams) VALUES (?, ?)",
                               [d, search.document_tokens(search.stored_rows(db, d))])
                else:
                    db.conn.executemany("INSERT INTO temp.fresh (rowid, grams, words, measures) VALUES (?, ?, ?, ?)",
                                        [(r, g, w, m) for r, (_, _, g, w, m) in
                                         zip(similar_index.unit_rowids(db, d), similar_index.stored_units(db, d))])
            db.execute(f"CREATE VIRTUAL TABLE temp.v_live USING fts5vocab(main, {table}, {vocab})")
            db.execute(f"CREATE VIRTUAL TABLE temp.v_fresh USING fts5vocab(temp, fresh, {vocab})")
            live = db.execute("SELECT * FROM temp.v_live ORDER BY 1, 2").fetchall()
            assert live and live == db.execute("SELECT * FROM temp.v_fresh ORDER BY 1, 2").fetchall(), table
        finally:
            for t in ("v_live", "v_fresh", "fresh"):
                db.execute(f"DROP TABLE IF EXISTS temp.{t}")


# -- official documents in other formats (tests/data/formats, the readers' test files) ---------

FORMATS = Path(__file__).parent / "data" / "formats"


@pytest.mark.parametrize("name", ["p01_dongguan_gjjwh_2023-02.pdf", "p03_mingxi_xzf_2022-06.pdf",
                                  "o01_luqiao_wsj_pifu_2011-76.ofd", "d01_beijing_zjw_yushou_zijin_banfa_zqyjg.doc",
                                  "w01_hainan_gjj_daikuan_tongzhi_zqyjg.wps", "p07_changle_rencai_goufang_xize.pdf"])
def test_official_documents_keep_every_line_but_printed_page_numbers(name):
    """The same rules on a 公文 (red header, 发文字号, forms, signature, date): nothing is page
    furniture there but the printed page numbers, which the text rules find as the PDF/OFD
    reader does from the layout."""
    source = read_source(FORMATS / name)
    c = clean(source.body)
    lines = [c.text[p.start : p.end] for p in c.paragraphs]
    marks = classify(lines)
    assert {m for m in marks if m} <= {"page-number"}, [(l, m) for l, m in zip(lines, marks) if m]
    by_reader = {i for i, reason in source.furniture if reason == "page-number"}
    numbers = [i for i in by_reader if any(ch in lines[i] for ch in "-—－")]  # "— 3 —", "- 3 -"
    assert all(marks[i] == "page-number" for i in numbers)
    assert {i for i, m in enumerate(marks) if m} <= by_reader


def test_a_library_from_before_the_counts_learns_its_templates(library, tmp_path):
    """A library written before ``edge_pairs`` existed gains it (and the template furniture it
    implies) the first time it is needed."""
    from duidu.library import furniture_stats

    lib = library
    ids = [lib.import_file(page_with(name, tmp_path, SITE_BANNER)).document.id for name in PAGES[:3]]
    with lib.db.atomic():  # as an older Duidu left it: no counts, no template rows
        lib.db.execute("DROP TABLE edge_pairs")
        lib.db.execute("DELETE FROM excluded WHERE reason = 'template'")
    assert all(template_lines(lib, i) == [] for i in ids)
    with lib.db.atomic():
        furniture_stats.ensure(lib.db)
    assert all(template_lines(lib, i) == SITE_BANNER for i in ids)
    assert lib.search("网站标识码") == []
