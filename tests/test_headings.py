"""Issue 14 part 1, headings shown as headings: a web page's furniture (友情链接, 四川日报,
打印本页, 相关链接>>) is short and unpunctuated like a heading, but it is not the document's:
drawn dimmed, never bold and larger, never taken for the body's structure."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QTextCharFormat

from duidu.library.store import Library
from duidu.text.structure import Span, body_paragraphs, headings, paragraphs

FULL = Path(__file__).parent / "data" / "reports_full"


def test_a_furniture_line_is_never_a_heading():
    text = "友情链接\n一、总体要求\n近年来，两地教育合作不断深化。\n打印本页"
    paras = paragraphs(text)
    furniture = [Span(0, 4), Span(text.index("打印本页"), len(text))]
    assert headings(text, paras) == [0, 1, 3]  # alone, the lines all read as headings
    assert headings(text, paras, furniture) == [1]
    assert body_paragraphs(paras, furniture) == [1, 2]
    # A span covering only part of a paragraph leaves it the document's.
    assert headings(text, paras, [Span(text.index("总体"), text.index("总体") + 2)]) == [0, 1, 3]


def test_a_line_the_source_broke_inside_a_quote_is_not_a_heading():
    """The Sichuan report's glossary has an entry the web page cut into lines inside its quotes."""
    text = "名词解释\n7.“双向揭榜挂帅”：企业找技术、成果找市场“双向\n揭榜\n挂帅”的简称。\n（二）主要任务"
    paras = paragraphs(text)
    found = [text[paras[i].start:paras[i].end] for i in headings(text, paras)]
    assert found == ["名词解释", "（二）主要任务"]


def test_the_sichuan_reports_headings_are_its_own(tmp_path):
    """The 2026 Sichuan report as published on the web (tests/data/reports_full): its three
    part headings stay headings; the page's dateline, paper name and links do not."""
    with Library.open(tmp_path / "lib.sqlite", seed=False) as lib:
        doc = lib.import_file(FULL / "2026_四川省_政府工作报告.txt").document.id
        t = lib.text(doc)
    found = [t.text[t.paragraphs[i].start:t.paragraphs[i].end] for i in headings(t.text, t.paragraphs, t.excluded)]
    assert {"一、2025年工作回顾和“十四五”发展主要成绩", "二、“十五五”发展的主要考虑", "三、2026年工作安排"} <= set(found)
    assert not {"四川日报", "扫一扫在手机打开当前页", "相关附件>>", "打印本页", "关闭窗口"} & set(found)
    assert not any(f.startswith("7.“双向揭榜挂帅”") for f in found)  # a fragment (the line above)
    for i in headings(t.text, t.paragraphs, t.excluded):
        p = t.paragraphs[i]
        assert not any(e.start <= p.start and p.end <= e.end for e in t.excluded)


def test_the_pane_draws_furniture_dimmed_not_as_a_heading(annotator_window):
    """Seed 1's page has 友情链接 and 杂志订阅 lines: the pane set them bold and larger."""
    window = annotator_window
    pane = next(p for p in window.reader.panes.values() if "友情链接" in p.doc_text.text)
    pane.highlighter.finish()
    text = pane.doc_text.text
    at = text.index("友情链接")
    assert any(e.start <= at < e.end for e in pane.doc_text.excluded)  # the library's furniture
    qt = pane.qt_span(at, at + 4)[0]
    assert not any(m.start <= qt < m.end for m in pane.marks("headings"))
    block = pane.edit.document().findBlock(qt)
    offset = qt - block.position()
    weights = [QTextCharFormat(r.format).fontWeight() for r in block.layout().formats()
               if r.start <= offset < r.start + r.length]
    assert QFont.Weight.Bold not in weights
    assert pane.marks("headings")  # the document's own headings are still drawn as such
