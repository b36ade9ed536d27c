"""``duidu report``: the comparison report as HTML and as PDF, and its export from the reader.

Everything the page shows is checked against the library and the engine: the similarity
numbers, each shown passage's text as the chosen script's view shows it, a measure, a
differing figure, notes made here. The PDF is checked with poppler's tools: a CJK font is
embedded and the Chinese comes back out as the same characters (not Kangxi radicals).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import unicodedata

import pytest

from duidu import __version__
from duidu.cli.main import main
from duidu.library.pair_report import build_pair_report, pair_report_html
from duidu.library.store import Library

POPPLER = all(shutil.which(t) for t in ("pdffonts", "pdftotext", "pdfinfo"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed (make deps installs it)")
CJK_FONT = re.compile(r"CJK|SourceHan|HeiTi|YaHei|PingFang|WenQuanYi", re.I)


@pytest.fixture
def noted(seeded_default):
    """The seed library (in tmp_path) with a passage note on each of 1 and 2 and a link between them."""
    with Library.open() as lib:
        group = lib.add_code("报告测试")
        tag = lib.add_code("对读标签", parent_id=group.id)
        a, b = lib.text(1).text, lib.text(2).text
        i, j = a.index("职业教育"), b.index("職業教育")
        lib.annotate(1, i, i + 8, code_ids=[tag.id], note="两地职教 <b>合作</b> & 对照", annotator="李老师")
        lib.link(1, i, i + 4, 2, j, j + 4, code_ids=[tag.id], note="同一措施", annotator="王 Wang")
        k = b.index("高校互派訪問學者")
        lib.annotate(2, k, k + 8, note="访问学者", annotator="李老师")
        yield lib


def text_of(page: str) -> str:
    """What a reader sees of the page: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page.split("<body>", 1)[1]))


def test_cli_report_html_has_every_section(noted, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", "1", "2", "--html", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"wrote {out}:")
    page = out.read_text(encoding="utf-8")
    seen = text_of(page)
    a, b = noted.document(1), noted.document(2)
    assert a.title in seen and b.title in seen and "2024-10-30" in seen and "中新網四川" in seen
    c = noted.compare(1, 2)
    s = c.similarity
    for number in (s.score, s.a_in_b, s.b_in_a):
        assert f"{number:.1%}" in seen
    shown = c.shown()
    assert shown and page.count('<section class="passage') == len(shown)
    for p in shown:
        assert p.a_text in seen and p.b_text in seen  # "original": the stored text itself
    assert 'class="d"' in page  # differing characters of fuzzy passages are marked
    assert c.measures[0].name in seen
    assert c.figures and not any(f.differs for f in c.figures)  # the seeds agree on every shared count
    assert all(f.a_text in seen and f.b_text in seen for f in c.figures) and "0 / " in seen and "same" in seen
    assert "报告测试/对读标签" in seen and "同一措施" in seen and "王 Wang" in seen
    assert "职业教育协同发展" in seen and "高校互派訪問學者" in seen  # the two passage notes' quotes
    assert "&lt;b&gt;合作&lt;/b&gt; &amp; 对照" in page  # escaped, never markup
    assert __version__ in seen
    # self-contained: inline style, no scripts, nothing fetched
    assert "<style>" in page and "<script" not in page and "<link" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)


def test_report_flags_a_differing_target(seeded_default, tmp_path, capsys):
    """Two provincial reports (tests/data/reports, provenance in PROVENANCE.tsv) set other GDP
    targets — Sichuan 5.5%左右, Chongqing 5%以上 — and the page says they differ."""
    from report_quality import DATA

    paths = [str(DATA / f"2026_{r}_政府工作报告_targets.txt") for r in ("四川省", "重庆市")]
    assert main(["import", *paths]) == 0
    with Library.open() as lib:
        a, b = (d.id for d in lib.documents()[-2:])
        c = lib.compare(a, b)
        r = build_pair_report(lib, a, b, today="2025-01-02")
    gdp = [f for f in c.figures if f.measure == "地区生产总值" and f.period == "2026年目标"]
    assert [(f.a_text, f.b_text, f.differs) for f in gdp] == [("5.5%左右", "5%以上", True)]
    out = tmp_path / "targets.html"
    assert main(["report", str(a), str(b), "--html", str(out)]) == 0
    seen = text_of(out.read_text(encoding="utf-8"))
    assert "5.5%左右" in seen and "5%以上" in seen and "differs" in seen
    assert f"{sum(f.differs for f in c.figures)} / {len(c.figures)}" in seen
    # The summary (issue 14 part 7) names the differing figures first, before the passages.
    seen = text_of(pair_report_html(r))
    differ = [f for f in r.figures if f[3]]
    assert differ and [f[3] for f in r.figures] == sorted((f[3] for f in r.figures), reverse=True)
    first = f"{differ[0][1]} ≠ {differ[0][2]}"
    assert first in seen and seen.index(first) < seen.index("Shared passages")


def test_report_groups_the_notes(noted):
    r = build_pair_report(noted, 1, 2, today="2025-01-02")
    assert [n.note for n in r.links] == ["同一措施"]
    assert [q.where.split()[0] for q in r.links[0].quotes] == ["A", "B"]
    assert [n.note for n in r.notes_a] == ["两地职教 <b>合作</b> & 对照"] and r.notes_a[0].tags == ("报告测试/对读标签",)
    assert [n.note for n in r.notes_b] == ["访问学者"]
    assert "2025-01-02" in pair_report_html(r) and "2025-01-02" in pair_report_html(r, for_print=True)


def test_script_tw_shows_taiwan_text(noted, tmp_path):
    out = tmp_path / "tw.html"
    assert main(["report", "1", "2", "--html", str(out), "--script", "tw"]) == 0
    seen = text_of(out.read_text(encoding="utf-8"))
    va, vb = noted.view(1, "tw"), noted.view(2, "tw")
    changed = 0
    for p in noted.compare(1, 2).shown():
        tw_a = va.text[slice(*va.map.to_dst_span(p.a_start, p.a_end))]
        assert tw_a in seen and vb.text[slice(*vb.map.to_dst_span(p.b_start, p.b_end))] in seen
        if tw_a != p.a_text:
            changed += 1
            assert p.a_text not in seen  # A is simplified: its passages are shown converted
    assert changed
    assert "職業教育協同發展" in seen and "职业教育协同发展" not in seen  # the note's quote too
    assert "字體 臺灣 Taiwan" in seen  # the footer, in Taiwan's words (report_words)


def test_taiwan_report_labels_are_the_glossary_taiwan_terms(noted):
    """Every label pair_report writes has a reviewed Taiwan form; each form carries the Taiwan
    term of each glossary concept its simplified label names and no term the glossary gives
    only to the mainland; the rendered Taiwan report (screen and print) reads so."""
    import ast
    from pathlib import Path

    from duidu.library import pair_report
    from duidu.library.report_words import TAIWAN
    from glossary import mainland_only, terms

    tree = ast.parse(Path(pair_report.__file__).read_text(encoding="utf-8"))
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    labels = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
              and id(n) not in docstrings and re.search(r"[\u4e00-\u9fff]", n.value)}
    assert {"共享段落 Shared passages", "套话", "文字"} <= labels  # the scan sees the labels
    assert not labels - set(TAIWAN), f"labels without a Taiwan form in report_words: {sorted(labels - set(TAIWAN))}"
    mainland = mainland_only()
    assert "共享段落" in mainland and "套話" in mainland  # the glossary was read
    for simplified, taiwan in TAIWAN.items():
        assert not [m for m in mainland if m in taiwan], (simplified, taiwan)
        for cn, tw in terms():
            if cn in simplified:
                assert tw in taiwan, f"{simplified!r} names {cn}: its Taiwan form {taiwan!r} should say {tw}"
    r = build_pair_report(noted, 1, 2, script="tw", today="2025-01-02")
    for page in (pair_report_html(r), pair_report_html(r, for_print=True)):
        seen = text_of(page)
        for word in ("共同段落", "制式用語", "字體 臺灣 Taiwan", "對照筆記", "標註者", "編碼", "數字", "對讀 Duidu"):
            assert word in seen, word
        assert not [m for m in mainland if m in seen]


def test_script_converts_metadata_notes_and_tags(noted, tmp_path):
    """Everything in the chosen script: titles (the page's and the PDF's title too), region,
    source, note texts, tags, quotes."""
    out = tmp_path / "s.html"
    assert main(["report", "1", "2", "--html", str(out), "--script", "simplified"]) == 0
    page = out.read_text(encoding="utf-8")
    seen = text_of(page)
    assert "全方位合作 川渝毗邻地区将共同推进教育高质量发展" in seen  # seed 2 is traditional
    assert "毗鄰" not in seen and "中新网四川" in seen and "中新網四川" not in seen
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert "全方位合作 川渝毗邻地区将共同推进教育高质量发展" in html.unescape(title)

    out = tmp_path / "t.html"
    assert main(["report", "1", "2", "--html", str(out), "--script", "traditional"]) == 0
    page = out.read_text(encoding="utf-8")
    seen = text_of(page)
    seed_1 = "加快推動高質量教育協同發展 爲成渝地區雙城經濟圈建設提供有力支撐"
    assert noted.document(1).title not in seen and seed_1 in seen
    assert seed_1 in html.unescape(re.search(r"<title>(.*?)</title>", page).group(1)) and "對讀" in page
    assert "重慶" in seen and "重庆" not in seen  # seed 1's region
    assert "報告測試/對讀標籤" in seen and "报告测试/对读标签" not in seen  # tag paths
    assert "訪問學者" in seen and "访问学者" not in seen  # a simplified note on a traditional document
    assert "兩地職教" in seen and "两地职教" not in seen  # a note on a simplified document
    assert "職業教育協同發展" in seen  # quotes, as before
    r = build_pair_report(noted, 1, 2, script="original")
    assert (r.a.title, r.b.source, r.notes_b[0].note) == (noted.document(1).title, "中新網四川", "访问学者")


def test_only_one_annotators_notes_when_asked(noted):
    """Blind coding: a report for one annotator shows none of another's notes, of either kind."""
    b = noted.text(2).text
    k = b.index("職業教育")
    noted.annotate(2, k, k + 4, note="王的旁注", annotator="王 Wang")
    a = noted.text(1).text
    i, j = a.index("职业教育"), b.index("職業教育")
    noted.link(1, i, i + 2, 2, j, j + 2, note="李的对照", annotator="李老师")
    everyone = build_pair_report(noted, 1, 2)
    assert {n.annotator for n in everyone.links + everyone.notes_a + everyone.notes_b} == {"李老师", "王 Wang"}

    li = build_pair_report(noted, 1, 2, annotator="李老师")
    assert li.annotator == "李老师"
    assert [n.note for n in li.links] == ["李的对照"]
    assert [n.note for n in li.notes_a] == ["两地职教 <b>合作</b> & 对照"] and [n.note for n in li.notes_b] == ["访问学者"]
    page = text_of(pair_report_html(li)) + text_of(pair_report_html(li, for_print=True))
    assert "王 Wang" not in page and "同一措施" not in page and "王的旁注" not in page and "李的对照" in page
    assert "Only the notes of 李老师" in page

    wang = build_pair_report(noted, 1, 2, annotator="王 Wang")
    assert [n.note for n in wang.links] == ["同一措施"] and not wang.notes_a and [n.note for n in wang.notes_b] == ["王的旁注"]
    notes = text_of(pair_report_html(wang)).split("笔记 Notes", 1)[1]  # the passages hold 访问学者 too
    assert "李老师" not in notes and "访问学者" not in notes and "李的对照" not in notes and "王的旁注" in notes
    assert not build_pair_report(noted, 1, 2, annotator="nobody").notes_a


def test_note_light_markdown_is_rendered_and_safe(noted):
    from duidu.library.light_markdown import to_html

    assert to_html("**职教集团**") == "<strong>职教集团</strong>"
    assert to_html("*合作* 与 _协同_ 与 `代码<b>`") == "<em>合作</em> 与 <em>协同</em> 与 <code>代码&lt;b&gt;</code>"
    assert to_html("第一行\n第二行") == "第一行<br>第二行"
    assert to_html("要点：\n- 甲\n* 乙\n\n\n1. 丙") == "要点：<br>• 甲<br>• 乙<br><br>1. 丙"
    assert to_html("[官网](https://example.cn/a_b)") == "官网 (https://example.cn/a_b)"  # a link as text
    assert to_html("<script>alert(1)</script> & <a href='x'>") == \
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;a href=&#x27;x&#x27;&gt;"
    assert to_html("**<img src=x onerror=alert(1)>**") == "<strong>&lt;img src=x onerror=alert(1)&gt;</strong>"
    assert to_html(r"\*不是斜体\* snake_case_name") == "*不是斜体* snake_case_name"
    assert to_html("**a *b** c*").count("<em>") == 0  # never tags that cross
    a = noted.text(1).text
    i = a.index("职业教育")
    noted.annotate(1, i, i + 2, note="**职教集团** 合作\n- 一\n<script>alert(1)</script>", annotator="张")
    for for_print in (False, True):
        page = pair_report_html(build_pair_report(noted, 1, 2), for_print=for_print)
        assert "<strong>职教集团</strong> 合作<br>• 一<br>&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<script" not in page and "**" not in page


def test_bad_input_one_line_exit_1_nothing_written(tmp_path, capsys, seeded_default):
    out = tmp_path / "report.html"
    assert main(["report", "1", "nothing-like-this", "--html", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("duidu: ") and len(err.strip().splitlines()) == 1
    assert not out.exists()
    assert main(["report", "1", "2", "--html", str(tmp_path / "no" / "such" / "dir.html")]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    with pytest.raises(SystemExit) as usage:
        main(["report", "1", "2"])  # neither --html nor --pdf
    assert usage.value.code == 2
    with pytest.raises(SystemExit) as usage:
        main(["report", "1", "2", "--html", "a.html", "--pdf", "a.pdf"])
    assert usage.value.code == 2


def _pdf_facts(path) -> tuple[int, list[list[str]], str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return pages, rows, text


@needs_poppler
def test_cli_pdf_embeds_chinese(noted, tmp_path):
    """In a fresh process with no display and no QT_QPA_PLATFORM: the command makes its own offscreen app."""
    out = tmp_path / "report.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    r = subprocess.run([sys.executable, "-m", "duidu", "report", "1", "2", "--pdf", str(out)], env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    pages, fonts, text = _pdf_facts(out)
    assert pages >= 2 and f"{pages} pages" in r.stdout
    embedded = [row[0] for row in fonts if CJK_FONT.search(row[0]) and "yes" in row[-5:-2]]
    assert embedded, fonts
    flat = re.sub(r"\s+", "", text)
    # exactly these characters: Qt would map 高 力 支 方 to Kangxi radicals (⾼ ⼒ ⽀ ⽅) and
    # Latin-run digits to nothing; the writer fixes both
    for title in (noted.document(1).title, noted.document(2).title):
        assert re.sub(r"\s+", "", title) in flat
    assert not any(0x2E80 <= ord(ch) < 0x2FE0 for ch in text)
    assert f"Duidu{__version__}" in flat and f"1/{pages}" in flat  # footer and page numbers
    assert "報告測試/對讀標籤" not in flat and "报告测试/对读标签" in flat  # "original": tags as typed


@needs_poppler
def test_pdf_text_comes_back_whole(qapp, noted, tmp_path):
    """Every character the report shows is in the PDF's text, none twice at a page break."""
    from duidu.ui.pdf import write_pdf

    page = pair_report_html(build_pair_report(noted, 1, 2, script="hk"), for_print=True)
    out = tmp_path / "hk.pdf"
    pages = write_pdf(page, out, script="hk")
    count, fonts, text = _pdf_facts(out)
    assert count == pages and any(re.search(r"CJK(hk|tc)", row[0], re.I) for row in fonts)
    laid, repeated = _as_printed(page, tmp_path)
    shown = (re.sub(r"\s+", "", text_of(laid)) + "".join(f"{n}/{pages}" for n in range(1, pages + 1))
             + re.sub(r"\s+", "", repeated))
    assert sorted(re.sub(r"\s+", "", unicodedata.normalize("NFC", text))) == sorted(shown)


def _as_printed(page: str, tmp_path) -> tuple[str, str]:
    """The HTML as laid out for print, and the text of table headings Qt repeats on later pages."""
    from duidu.ui import pdf

    writer, size, _ = pdf._writer(str(tmp_path / "probe.pdf"))
    doc, laid = pdf._paginated(page, pdf.print_font("hk"), writer, size)
    layout, repeated = doc.documentLayout(), []
    for table, (*_, heading) in zip(pdf._qt_tables(doc), pdf._tables(laid)):
        if table.format().headerRowCount():
            first = pdf._row_extent(doc, table, 1)[0]
            last = pdf._row_extent(doc, table, table.rows() - 1)[1]
            repeated += [html.unescape(re.sub(r"<[^>]+>", "", heading))] * (int((last - 1) // size.height()) - int(first // size.height()))
    return laid, "".join(repeated)


@needs_poppler
def test_pdf_keeps_table_rows_whole_with_their_heading_on_each_page(qapp, tmp_path):
    """Rows of 1-7 lines: none is cut at a page's foot, and each page of the table starts with its heading."""
    from duidu.ui.pdf import write_pdf

    rows = "".join(f'<tr><td width="12%">R{n:03}' + "<br>·" * (n % 7) + f"<br>E{n:03}</td>"
                   f'<td>{"共建共享" * (5 + n % 11)}</td></tr>' for n in range(160))
    out = tmp_path / "rows.pdf"
    pages = write_pdf(f'<h1>表</h1><table border="1" cellpadding="4"><tr><th>编号 NUMBER</th><th>内容</th></tr>'
                      f"{rows}</table>", out)
    assert pages > 4
    texts = [subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(out), "-"],
                            capture_output=True, text=True, check=True).stdout for n in range(1, pages + 1)]
    for n in range(160):  # a row's first and last lines lie on the same page
        assert [f"R{n:03}" in t for t in texts] == [f"E{n:03}" in t for t in texts], n
    assert sum(f"R{n:03}" in t for t in texts for n in range(160)) == 160  # each row printed once
    assert all("NUMBER" in t for t in texts)  # the heading heads every page of the table


@needs_poppler
def test_pdf_rows_after_a_row_too_tall_to_keep_whole_are_still_kept_whole(qapp, tmp_path):
    from duidu.library.pair_report import _TABLE
    from duidu.ui.pdf import write_pdf

    def row(n, chars):
        return f"<tr><td>R{n:03}</td><td>{'文字' * chars}E{n:03}</td></tr>"

    rows = "".join(row(n, 1500 if n == 8 else 60) for n in range(120))  # row 8 runs over more than a page
    out = tmp_path / "tall.pdf"
    pages = write_pdf(f"<html><body>{_TABLE}<tr><th>#</th><th>text</th></tr>{rows}</table></body></html>", out)
    texts = [subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(out), "-"],
                            capture_output=True, text=True, check=True).stdout for n in range(1, pages + 1)]
    assert [f"R008" in t for t in texts] != [f"E008" in t for t in texts]  # the tall one is cut, as it must be
    for n in (m for m in range(120) if m != 8):
        assert [f"R{n:03}" in t for t in texts] == [f"E{n:03}" in t for t in texts], n


@needs_poppler
def test_pdf_keeps_a_category_row_with_its_first_measure(qapp, tmp_path):
    from duidu.ui.pdf import write_pdf

    rows = "".join(f'<tr class="category"><th colspan="2">CAT{c:02}</th></tr>'
                   + "".join(f"<tr><td>M{c:02}x{m}</td><td>{'产教融合' * (1 + (c + m) % 9)}</td></tr>"
                             for m in range(3 + c % 6)) for c in range(60))
    out = tmp_path / "measures.pdf"
    pages = write_pdf(f'<table width="80%" border="1" cellpadding="2"><tr><th>措施 Measure</th><th>A</th></tr>{rows}</table>', out)
    texts = [subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(out), "-"],
                            capture_output=True, text=True, check=True).stdout for n in range(1, pages + 1)]
    assert pages >= 3
    for c in range(60):
        assert [f"CAT{c:02}" in t for t in texts] == [f"M{c:02}x0" in t for t in texts], c


@needs_poppler
def test_pdf_is_ink_on_paper_under_a_dark_theme(qapp, tmp_path):
    from PySide6.QtGui import QColor, QImage, QPalette

    from duidu.ui.pdf import write_pdf

    before = qapp.palette()
    dark = QPalette(before)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        dark.setColor(role, QColor("#f0f0f0"))
    qapp.setPalette(dark)
    try:
        write_pdf('<p style="font-size:60pt">对读 高一长</p><table border="1"><tr><td>'
                  + "<br>".join("表格" * 20 for _ in range(120)) + "</td></tr></table>", tmp_path / "d.pdf")
    finally:
        qapp.setPalette(before)
    text = subprocess.run(["pdftotext", str(tmp_path / "d.pdf"), "-"], capture_output=True, text=True).stdout
    assert text.count("表格") == 20 * 120  # the cell runs over pages: each line written once
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(tmp_path / "d.pdf"), str(tmp_path / "d")],
                   check=True)
    for png in sorted(tmp_path.glob("d-*.png")):  # page 2 starts inside a block drawn line by line
        image = QImage(str(png))
        darkest = min(QColor(image.pixel(x, y)).lightness() for y in range(image.height())
                      for x in range(image.width()))
        assert darkest < 80, png.name


def test_pdf_refuses_an_unwritable_place(qapp, tmp_path):
    from duidu.library.errors import InputError
    from duidu.ui.pdf import write_pdf

    place = tmp_path / "out"
    place.mkdir()
    with pytest.raises(InputError, match="is a directory"):
        write_pdf("<p>对读</p>", place)
    with pytest.raises(InputError, match="No such file"):
        write_pdf("<p>对读</p>", place / "missing" / "x.pdf")
    assert list(place.iterdir()) == []  # nothing half-written left behind
    assert write_pdf("<p>对读</p>", place / "x.pdf") == 1 and [p.name for p in place.iterdir()] == ["x.pdf"]


# -- from the reader --------------------------------------------------------------------
@pytest.fixture
def window(qtbot, tmp_path, seeded_default):
    from duidu.ui.main_window import MainWindow
    from duidu.ui.settings import Settings

    with Library.open() as lib:
        path, docs = lib.path, lib.documents()
    win = MainWindow(path, docs, settings=Settings(tmp_path / "settings.ini"), chinese_font=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_initial()
    qtbot.waitUntil(lambda: win.reader.comparison is not None and not win.tasks.busy(), timeout=30000)
    yield win
    win.close()


def test_report_kind_by_extension_or_filter():
    from duidu.ui.report_action import report_kind

    assert report_kind("/x/r.PDF") == ("/x/r.PDF", "pdf")
    assert report_kind("/x/r.htm", "PDF (*.pdf)") == ("/x/r.htm", "html")
    assert report_kind("/x/r", "HTML (*.html *.htm)") == ("/x/r.html", "html")
    assert report_kind("/x/r") == ("/x/r.pdf", "pdf")


@needs_poppler
def test_export_from_the_reader_writes_pdf_and_html(qtbot, window, tmp_path, monkeypatch):
    from duidu.ui import report_action

    window.reader.set_global_script("traditional")
    qtbot.waitUntil(lambda: not window.tasks.busy(), timeout=30000)
    pdf = tmp_path / "pair.pdf"
    monkeypatch.setattr(report_action.QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), "PDF (*.pdf)"))
    report_action.export_report(window)
    qtbot.waitUntil(lambda: pdf.exists() and not window.tasks.busy(), timeout=30000)
    assert "pages" in window.statusBar().currentMessage()
    pages, fonts, text = _pdf_facts(pdf)
    a, b = (window.reader.ids[s] for s in "ab")
    with Library.open() as lib:
        title_b = lib.document(b).title
        va = lib.view(a, "traditional")
        first = lib.compare(a, b).shown()[0]
    assert pages >= 1 and re.sub(r"\s+", "", title_b) in re.sub(r"\s+", "", text)
    assert va.text[slice(*va.map.to_dst_span(first.a_start, first.a_end))] in re.sub(r"\s+", "", text)

    page = tmp_path / "pair"  # no extension: the filter chosen decides, and is added
    monkeypatch.setattr(report_action.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(page), "HTML (*.html *.htm)"))
    report_action.export_report(window)
    written = tmp_path / "pair.html"
    qtbot.waitUntil(lambda: written.exists() and not window.tasks.busy(), timeout=30000)
    assert "<section class=\"passage" in written.read_text(encoding="utf-8")
    assert str(written) in window.statusBar().currentMessage()


def test_report_summary_first_regions_named_passages_whole_and_once(noted):
    """Issue 14 part 7."""
    from duidu.library.pair_report import _CLAUSE_END

    r = build_pair_report(noted, 1, 2, today="2025-01-02")
    page = pair_report_html(r)
    seen = text_of(page)
    a, b = noted.document(1), noted.document(2)
    assert a.region and f"A {a.region}" in seen and f"B {b.region}" in seen
    # The summary comes first and names what is shared and what only one side has.
    assert seen.index("Summary") < seen.index("Documents") < seen.index("Shared passages")
    assert f"only in A {a.region}" in seen and f"only in B {b.region}" in seen
    assert r.figures and not any(f[3] for f in r.figures)  # the seeds agree on every shared count
    # Whole: context reaches back to a clause edge and never over one.
    sides = [s for p in r.passages for s in (p.a, p.b)]
    assert any(s.before for s in sides) and any(s.after for s in sides)
    for s in sides:
        assert not any(ch in _CLAUSE_END for ch in s.before)
        assert not any(ch in _CLAUSE_END for ch in s.after[:-1])
    # Once: a side whose clause was already shown points back to it.
    shown = {}
    for p in r.passages:
        for name, s in (("a", p.a), ("b", p.b)):
            whole = s.before + s.text + s.after
            if s.same_as:
                assert (name, s.same_as) in shown and whole in shown[(name, s.same_as)]  # listed above
            else:
                shown[(name, p.number)] = whole


def test_the_summary_of_two_full_reports_stays_a_summary(tmp_path):
    """Two provinces' 2026 reports (tests/data/reports_full) share some 45 measures and each has
    about 260 of its own: the summary names the most mentioned of each group and points to the
    table for the rest, which still lists every measure."""
    from pathlib import Path

    from duidu.library.pair_report import SUMMARY_NAMES

    full = Path(__file__).parent / "data" / "reports_full"
    with Library.open(tmp_path / "reports.sqlite", seed=False) as lib:
        a = lib.import_file(full / "2026_四川省_政府工作报告.txt").document.id
        b = lib.import_file(full / "2026_重庆市_政府工作报告.txt").document.id
        r = build_pair_report(lib, a, b, today="2026-03-01")
    page = text_of(pair_report_html(r))
    summary = page[page.index("Summary"):page.index("Documents")]
    table = page[page.index("Measures\n") if "Measures\n" in page else page.rindex("Measures"):]
    only_a = sorted((m for m in r.measures if m[2] and not m[3]), key=lambda m: -m[2])
    assert len(only_a) > 3 * SUMMARY_NAMES  # the case the cap is for
    line = summary[summary.index("only in A"):].split("\n")[0]
    named = line.split(": ", 1)[1].split(" … ")[0].split("、")
    assert len(named) == SUMMARY_NAMES
    assert named[0] == only_a[0][1]  # the most mentioned first
    assert min(m[2] for m in only_a if m[1] in named) >= max(m[2] for m in only_a if m[1] not in named)
    assert f"+{len(only_a) - SUMMARY_NAMES}" in line
    assert len(summary) < 2500  # was over 10,000 characters: every name of 570 measures
    assert all(m[1] in table for m in only_a)  # the table below still lists them all
    # The figures that differ (GDP, growth, jobs) come first, in the summary and in their table.
    differ = [f for f in r.figures if f[3]]
    assert len(differ) >= 3 and [f[3] for f in r.figures] == sorted((f[3] for f in r.figures), reverse=True)
    assert f"{differ[0][1]} ≠ {differ[0][2]}" in summary


def test_notes_name_the_sides_by_region(noted):
    """The notes section says "A 重庆 ¶3", as the passages and measures do, not a bare "A"."""
    r = build_pair_report(noted, 1, 2, today="2025-01-02")
    a, b = noted.document(1).region, noted.document(2).region
    link = r.links[0]
    assert [q.where.rsplit(" ¶", 1)[0] for q in link.quotes] == [f"A {a}", f"B {b}"]
    assert r.notes_a[0].quotes[0].where.startswith(f"A {a} ¶")
    seen = text_of(pair_report_html(r))
    notes = seen[seen.index("Comparison notes"):]
    assert notes.startswith(f"Comparison notes A {a} ↔ B {b}")
    assert f"A {a} · {r.a.title}" in notes and f"B {b} · {r.b.title}" in notes
    tw = build_pair_report(noted, 1, 2, script="tw", today="2025-01-02")  # the region in the report's script
    assert tw.links[0].quotes[0].where.startswith(f"A {tw.a.region} ¶")


def test_a_passage_is_shown_to_its_clause_when_the_page_writes_ascii_commas():
    """Seed 1 writes 联席会,成立…: the ASCII comma ends a clause as ， does (the context ran
    back 40 characters, found no ， and showed the passage cut mid-clause); a figure's 5,000 does not."""
    from duidu.library.pair_report import _side

    text = "两地教育部门召开联席会,成立成渝地区学前教育联盟,共有5,000名教师参加。"
    start = text.index("成渝地区")
    s = _side(text, start, start + 4, (), 1, [], 1)
    assert (s.before, s.text, s.after) == ("成立", "成渝地区", "学前教育联盟,")
    start = text.index("名教师")
    s = _side(text, start, start + 3, (), 1, [], 2)
    assert (s.before, s.after) == ("共有5,000", "参加。")


def test_a_passages_number_is_the_readers(tmp_path):
    """The report lists passages most informative first but numbers them as the reader does (the
    Passages list's #k, the status bar's "Passage k / N": A's order), so "#3" in a report is the
    passage a reviewer finds at 3 in the app. It numbered them by rank: #1 was the reader's #12."""
    from pathlib import Path

    full = Path(__file__).parent / "data" / "reports_full"
    with Library.open(tmp_path / "reports.sqlite", seed=False) as lib:
        a = lib.import_file(full / "2026_四川省_政府工作报告.txt").document.id
        b = lib.import_file(full / "2026_重庆市_政府工作报告.txt").document.id
        c = lib.compare(a, b)
        r = build_pair_report(lib, a, b, comparison=c, today="2026-03-01")
    shown = c.shown(False)
    assert sorted(p.number for p in r.passages) == list(range(1, len(shown) + 1))
    for p in r.passages:
        q = shown[p.number - 1]
        assert (p.a.text, p.b.text) == (c.a.text[q.a_start:q.a_end], c.b.text[q.b_start:q.b_end])
    assert [p.number for p in r.passages] != sorted(p.number for p in r.passages)  # still listed by rank
    page = text_of(pair_report_html(r))
    first = r.passages[0]
    assert f"{first.number} · " in page[page.index("Shared passages"):]


def test_the_report_speaks_the_glossarys_terms(noted):
    """One term per concept (README, Glossary): 共享段落, 逐字相同, 编码, 笔记 / 对照笔记, 标注者 — the
    report said 共有段落, 标签, 批注 and 批注人 for the same things."""
    seen = text_of(pair_report_html(build_pair_report(noted, 1, 2, today="2025-01-02")))
    for term in ("共享段落 Shared passages", "逐字相同 verbatim", "编码 Codes", "笔记 Notes", "对照笔记 Comparison notes",
                 "标注者 Annotator"):
        assert term in seen
    for old in ("共有段落", "标签 Tags", "批注"):
        assert old not in seen
