"""Official-document metadata (GB/T 9704) read at import, kept, corrected, and imported by folder.

The files are real: tests/data/metadata (province reports' first lines, government pages; each
with its corpus manifest line in PROVENANCE.tsv) and tests/data/formats (the PDF/OFD/WPS copies,
provenance there). Expected values are the corpus manifests' title/issuing_body/date columns;
for the provinces' reports the date is the one the report states (2026年1月28日在…人民代表大会上),
not the site's re-publish time that the manifest records.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from duidu.cli.main import main
from duidu.engine.divisions import gazetteer, region_of
from duidu.engine.officialdoc import doc_number, extract, parse_date
from duidu.library import batch
from duidu.library.batch import import_paths
from duidu.library.importer import prepare
from duidu.library.store import Library

DATA = Path(__file__).parent / "data"
META = DATA / "metadata"
FORMATS = DATA / "formats"


# -- pure extraction ----------------------------------------------------------------------------
@pytest.mark.parametrize("written", [
    "渝府办发〔2025〕42号", "渝府办发[2025]42号", "渝府办发［2025］42号", "渝府办发（2025）42号", "渝府办发(2025)42号",
    "渝府办发 〔 2025 〕 42 号", "渝府办发【2025】42号",
])
def test_document_numbers_in_any_bracket_come_back_standard(written):
    assert doc_number(written) == "渝府办发〔2025〕42号"
    assert doc_number(f"根据文件要求，文号：{written}") == "渝府办发〔2025〕42号"


@pytest.mark.parametrize("written, iso", [
    ("二〇二五年七月十五日", "2025-07-15"),
    ("二○二二年十一月二十六日", "2022-11-26"),
    ("二〇二六年一月三十一日", "2026-01-31"),
    ("二〇二五年十月十日", "2025-10-10"),
    ("2026年1月28日", "2026-01-28"),
    ("2026 年 2 月 3 日", "2026-02-03"),
])
def test_dates_in_figures_and_chinese_numerals(written, iso):
    assert parse_date(written) == iso


def test_not_a_date():
    assert parse_date("二〇二五年十三月一日") is None and parse_date("年 月 日") is None


@pytest.mark.parametrize("issuer, region, code", [
    ("东莞市住房公积金管理委员会", "广东省东莞市", "441900"),  # a prefecture city without counties
    ("明溪县人民政府", "福建省三明市明溪县", "350421"),
    ("临沧市临翔区自然资源局", "云南省临沧市临翔区", "530902"),
    ("重庆市人民政府办公厅", "重庆市", "500000"),
    ("重庆市渝中区人民政府", "重庆市渝中区", "500103"),  # a municipality's district: no city level
    ("广西壮族自治区人民政府", "广西壮族自治区", "450000"),
    ("北京市朝阳区人民政府", "北京市朝阳区", "110105"),
])
def test_region_from_the_issuing_body(issuer, region, code):
    found = region_of(issuer)
    assert (found.name, found.code) == (region, code)


def test_central_organs_are_national_and_shared_names_need_their_place():
    assert region_of("国务院办公厅").name == "全国" and region_of("财政部").name == "全国"
    assert region_of("朝阳区人民政府") is None  # 北京 or 长春: not guessed
    assert region_of("住房公积金管理中心") is None


def test_the_gazetteer_holds_every_level():
    g = gazetteer()
    levels = [d.level for d in g.by_code.values()]
    assert levels.count("province") == 34 and levels.count("city") >= 330 and levels.count("county") >= 2800
    assert all(d.parent in g.by_code for d in g.by_code.values() if d.parent)


def test_a_red_header_document():
    lines = ["重庆市人民政府办公厅文件", "渝府办发[2025]42号", "重庆市人民政府办公厅", "关于印发某某方案的通知",
             "各区县（自治县）人民政府，市政府各部门：", "现将方案印发给你们，请认真贯彻执行。",
             "附件：1. 某某方案", "2. 某某清单", "重庆市人民政府办公厅", "二〇二五年七月十五日", "（此件公开发布）"]
    m = extract(lines)
    assert m.title == "重庆市人民政府办公厅关于印发某某方案的通知"
    assert (m.issuing_body, m.doc_number, m.date_written) == ("重庆市人民政府办公厅", "渝府办发〔2025〕42号", "2025-07-15")
    assert m.addressees == "各区县（自治县）人民政府，市政府各部门"
    assert m.attachments == ("某某方案", "某某清单")
    assert (m.region, m.region_code) == ("重庆市", "500000")


# -- real files, through the import pipeline --------------------------------------------------
def _row(path: Path) -> dict:
    return prepare(path).row


@pytest.mark.parametrize("name, title, region, date", [
    ("2026_重庆市_政府工作报告_head.txt", "2026年重庆市政府工作报告", "重庆市", "2026-01-28"),
    ("2026_广东省_政府工作报告_head.txt", "2026年广东省政府工作报告", "广东省", "2026-01-26"),  # congress line broken in two
    ("2026_陕西省_政府工作报告_head.txt", "陕西省2026年政府工作报告", "陕西省", "2026-01-27"),
    ("2026_云南省_政府工作报告_head.txt", "2026年云南省政府工作报告", "云南省", "2026-01-28"),  # the page said 2026年政府工作报告
    ("2026_贵州省_政府工作报告_head.txt", "2026年贵州省政府工作报告", "贵州省", "2026-01-27"),
    ("2024_国务院_政府工作报告_head.txt", "2024年国务院政府工作报告", "全国", "2024-03-05"),
    # No heading, no date: who reports (我代表国务院，向大会报告) and the year after 一、2024年工作回顾.
    ("2025_国务院_政府工作报告_head.txt", "2025年国务院政府工作报告", "全国", None),
])
def test_province_reports_get_their_title_region_and_stated_date(name, title, region, date):
    row = _row(META / name)
    assert (row["title"], row["region"], row["date"]) == (title, region, date)
    assert row["title"] != "下载"


def test_the_reports_stated_date_wins_over_the_sites_publish_time():
    text = (META / "2026_重庆市_政府工作报告_head.txt").read_text(encoding="utf-8")
    assert "时间：2026-02-03" in text  # what the site says; the manifest's date
    assert _row(META / "2026_重庆市_政府工作报告_head.txt")["date"] == "2026-01-28"


def _manifest() -> dict[str, list[str]]:
    """File name -> its corpus manifest line's fields (the PROVENANCE.tsv files quote them)."""
    out = {}
    for provenance in (META / "PROVENANCE.tsv", FORMATS / "PROVENANCE.tsv"):
        for line in provenance.read_text(encoding="utf-8").splitlines():
            if "\t" in line and not line.startswith("#"):
                fields = line.split("\t")
                out[Path(fields[0]).name] = fields
    return out


@pytest.mark.parametrize("name, number, region, addressees", [
    ("p01_dongguan_gjjwh_2023-02.pdf", "东公积金委〔2023〕2号", "广东省东莞市", "各住房公积金缴存人"),
    ("p03_mingxi_xzf_2022-06.pdf", "明政规〔2022〕6号", "福建省三明市明溪县", "各乡（镇）人民政府，县各有关单位"),
    ("h01_hainan_gjj_daikuan_tongzhi_2026.shtml", "琼公积金贷〔2026〕10号", "海南省", "各住房公积金缴存人，各市县管理中心、受委托银行"),
    ("h03_anhua_xzfb_2022-20_gb2312.html", "安政办发〔2022〕20号", "湖南省益阳市安化县", "各乡镇人民政府，县人民政府有关局办、直属机构，有关垂直管理单位"),
])
def test_official_documents_against_the_manifest(name, number, region, addressees):
    fields = _manifest()[name]
    title, issuer, date = fields[2], fields[3], fields[4]
    folder = FORMATS if (FORMATS / name).exists() else META
    row = _row(folder / name)
    # The manifest adds the number (and notes) in brackets after the title: the title is what precedes.
    assert title.startswith(row["title"]) and len(row["title"]) >= 12
    assert issuer.startswith(row["issuing_body"])
    assert date[:10] == row["date"]
    assert (row["doc_number"], row["region"], row["addressees"]) == (number, region, addressees)


def test_a_page_states_its_written_date_and_the_release_date_apart():
    row = _row(META / "govcn_02.html")  # 成文日期 2018-12-07, 发布日期 2018-12-27
    assert (row["title"], row["issuing_body"], row["doc_number"], row["date"], row["region"]) == (
        "国务院办公厅关于推进政务新媒体健康有序发展的意见", "国务院办公厅", "国办发〔2018〕123号", "2018-12-07", "全国")
    anhua = _row(META / "h03_anhua_xzfb_2022-20_gb2312.html")  # 成文 2022-09-27, 发布 2022-10-12
    assert anhua["date"] == "2022-09-27"


def test_an_ofd_and_a_draft():
    ofd = _row(FORMATS / "o01_luqiao_wsj_pifu_2011-76.ofd")
    assert (ofd["doc_number"], ofd["date"], ofd["region"], ofd["addressees"]) == (
        "路卫发〔2011〕76号", "2011-03-10", "浙江省台州市路桥区", "区中医院")
    assert ofd["title"] == "关于同意张阿三同志辞职的批复"
    draft = _row(FORMATS / "w01_hainan_gjj_daikuan_tongzhi_zqyjg.wps")  # dated "年 月 日": left blank
    assert draft["title"] == "海南省住房公积金管理局关于进一步优化调整住房公积金贷款政策的通知（征求意见稿）"
    assert (draft["issuing_body"], draft["date"], draft["region"]) == ("海南省住房公积金管理局", None, "海南省")


# -- stored, shown, corrected -----------------------------------------------------------------
@pytest.fixture
def library(tmp_path):
    with Library.open(tmp_path / "lib.sqlite", seed=False) as lib:
        yield lib


def test_corrections_win_and_survive_a_reimport(library):
    path = FORMATS / "p01_dongguan_gjjwh_2023-02.pdf"
    doc = library.import_file(path).document
    assert (doc.issuing_body, doc.doc_number, doc.region, doc.region_code) == (
        "东莞市住房公积金管理委员会", "东公积金委〔2023〕2号", "广东省东莞市", "441900")
    library.update_metadata(doc.id, title="提取政策通知", date="2023-09-08", region="广东省东莞市南城街道")
    again = library.import_file(path)
    assert not again.created
    kept = library.document(doc.id)
    assert (kept.title, kept.date, kept.region) == ("提取政策通知", "2023-09-08", "广东省东莞市南城街道")
    assert kept.region_code == "441900"  # the corrected region's division, found in the gazetteer
    assert kept.doc_number == "东公积金委〔2023〕2号"  # not corrected: still as read
    back = library.update_metadata(doc.id, reset=["title", "date"])
    assert (back.title, back.date) == (doc.title, "2023-09-11")


def test_list_and_show_json_carry_the_metadata(tmp_path, capsys):
    lib = str(tmp_path / "lib.sqlite")
    with Library.open(lib, seed=False) as library:
        doc = library.import_file(META / "govcn_02.html").document
    assert main(["--library", lib, "list", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert (listed["issuing_body"], listed["doc_number"], listed["date"], listed["region"]) == (
        "国务院办公厅", "国办发〔2018〕123号", "2018-12-07", "全国")
    assert main(["--library", lib, "show", str(doc.id), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["addressees"].startswith("各省、自治区") and shown["doc_number"] == "国办发〔2018〕123号"
    assert main(["--library", lib, "edit", str(doc.id), "--number", "国办发[2018]123号", "--issuer", "国务院"]) == 0
    capsys.readouterr()
    assert main(["--library", lib, "list"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:6] == ["id", "title", "issuer", "number", "date", "region"]
    assert "国办发[2018]123号" in table[1] and "国务院" in table[1] and "2018-12-07" in table[1]


# -- folder import ----------------------------------------------------------------------------
@pytest.mark.parametrize("workers", [1, 2])  # in this process; read ahead in two worker processes
def test_a_folder_imports_its_documents_and_names_what_it_refused(tmp_path, library, workers, monkeypatch):
    monkeypatch.setattr(batch, "WORKERS", workers)
    folder = tmp_path / "收到的文件"
    (folder / "子目录").mkdir(parents=True)
    shutil.copy(META / "2026_重庆市_政府工作报告_head.txt", folder / "重庆.txt")
    shutil.copy(META / "2026_重庆市_政府工作报告_head.txt", folder / "重庆（副本）.txt")  # the same text again
    shutil.copy(META / "govcn_02.html", folder / "子目录" / "govcn_02.html")
    shutil.copy(FORMATS / "p10_baoding_scanned_page3.pdf", folder / "扫描件.pdf")
    (folder / "空白.txt").write_bytes(b"")
    (folder / "清单.tsv").write_text("file\ttitle\n", encoding="utf-8")
    (folder / "README.md").write_text("# 这个文件夹的说明\n", encoding="utf-8")

    flat = import_paths(library, [folder])  # not recursive: the sub-folder waits
    assert (flat.imported, flat.duplicates) == (1, 1)
    assert sorted((Path(o.path).name, o.reason) for o in flat.refused) == [
        ("扫描件.pdf", "scanned: no text layer"), ("空白.txt", "the file is empty (0 bytes)")]
    assert sorted(Path(o.path).name for o in flat.skipped) == ["README.md", "清单.tsv"]
    assert [d.title for d in library.documents()] == ["2026年重庆市政府工作报告"]

    progress: list[float] = []
    deep = import_paths(library, [folder], recursive=True, progress=progress.append)
    assert (deep.imported, deep.duplicates, len(deep.refused)) == (1, 2, 2)
    assert progress[0] == 0.0 and progress[-1] == 1.0 and progress == sorted(progress)
    assert sorted(d.title for d in library.documents()) == ["2026年重庆市政府工作报告", "国务院办公厅关于推进政务新媒体健康有序发展的意见"]
    assert "1 imported, 2 already in the library, 2 refused" in deep.line()


def test_a_failure_in_one_file_loses_nothing_else(tmp_path, library):
    good = [tmp_path / "a.txt", tmp_path / "b.txt"]
    shutil.copy(META / "2026_重庆市_政府工作报告_head.txt", good[0])
    shutil.copy(META / "2026_陕西省_政府工作报告_head.txt", good[1])

    class Breaks:  # the second file hits a bug: it is refused, the first and third stay imported
        calls = 0

        def import_file(self, path, **kwargs):
            Breaks.calls += 1
            if Breaks.calls == 2:
                raise RuntimeError("boom\nsecond line")
            return library.import_file(path, **kwargs)

    summary = import_paths(Breaks(), [good[0], tmp_path / "x.txt", good[1]])
    assert summary.imported == 2 and [o.reason for o in summary.refused] == ["could not be read (boom)"]
    assert len(library.documents()) == 2


def test_duidu_import_of_a_folder_prints_a_summary(tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(META / "2026_广东省_政府工作报告_head.txt", folder / "gd.txt")
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00")
    lib = str(tmp_path / "lib.sqlite")
    assert main(["--library", lib, "import", str(folder)]) == 1  # one refused
    captured = capsys.readouterr()
    assert "1 imported, 0 already in the library, 1 refused" in captured.out
    assert "bad.txt" in captured.err
    assert main(["--library", lib, "import", str(folder), "--json"]) == 1
    statuses = sorted(o["status"] for o in json.loads(capsys.readouterr().out))
    assert statuses == ["duplicate", "refused"]


def test_a_report_without_heading_in_traditional_script():
    """The 1954 report as the corpus has it: no heading, no date; who reports is all there is."""
    lines = ["各位代表：", "我們第一届全國人民代表大會第一次會議，在聽了劉少奇同志", "關於憲法草案的報告",
             "，接着，又通過了幾個重要的法律。現在，我代表中央人民政府作工作報告。"]
    m = extract(lines)
    assert (m.title, m.issuing_body, m.region, m.date_written) == ("中央人民政府工作报告", "中央人民政府", "全国", None)
