"""The measure layer on real documents it was not built from: defects found reading a random sample of
the measure groups over the 33 government work reports and the official documents of other domains
(benchmarks/measure_sample.py, tests/measure_sample_labels.toml), each checked on the report's own
paragraph (tests/data/reports_full: whole copies of ../shared/corpus, provenance in its PROVENANCE.tsv).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import pytest

from duidu.engine.document import EngineDocument
from duidu.engine.measures import extract_measures

FULL = Path(__file__).parent / "data" / "reports_full"
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@lru_cache(maxsize=None)
def report(region: str) -> str:
    name = f"{region}_国务院_政府工作报告.txt" if region.isdigit() else f"2026_{region}_政府工作报告.txt"
    return (FULL / name).read_text(encoding="utf-8")


def paragraph(region: str, phrase: str) -> EngineDocument:
    """The report's paragraph (line) that holds ``phrase``, as a document of its own."""
    line = next(line for line in report(region).splitlines() if phrase in line)
    return EngineDocument.from_text(1, line + "\n", title=region, region=region)


def measures_at(region: str, phrase: str) -> dict[str, str]:
    """Measure name -> area, for the mentions that overlap ``phrase`` in its paragraph."""
    doc = paragraph(region, phrase)
    at = doc.text.index(phrase)
    return {m.measure: m.category for m in extract_measures(doc) if m.start < at + len(phrase) and m.end > at}


@pytest.mark.parametrize("region, phrase", [
    ("云南省", "以县城为重要载体的城镇化建设"),  # 推进以县城为…: the object of 以, not of 推进
    ("陕西省", "以县城为枢纽"),
])
def test_a_preposition_phrase_is_no_object(region, phrase):
    found = measures_at(region, phrase)
    assert not any("县城" in name for name in found), found


def test_a_figures_qualifier_goes_with_the_figure():
    """实施亿元以上项目: 以上 qualified 亿元, it names no measure (was 以上项目)."""
    for region in ("云南省", "吉林省", "江西省"):
        found = measures_at(region, "亿元以上项目")
        assert not any(name.startswith("以上") for name in found), (region, found)


@pytest.mark.parametrize("region, phrase, name", [
    ("上海市", "新时代立德树人工程", "新时代立德树人工程"),  # was 时代立德树人工程
    ("江苏省", "省以下财政体制改革", "省以下财政体制改革"),  # was 以下财政体制改革
])
def test_a_first_character_is_the_names_own(region, phrase, name):
    assert name in measures_at(region, phrase)


def test_a_counted_set_is_the_measure_it_counts():
    """上海 布局培育六大未来产业: the measure 22 reports name 未来产业, not 六大未来产业."""
    assert "未来产业" in measures_at("上海市", "六大未来产业")


def test_a_place_stays_when_without_it_the_name_says_nothing():
    """安徽 出台…支持皖北发展政策: 发展政策 alone names nothing (was its own row)."""
    assert "皖北发展政策" in measures_at("安徽省", "皖北发展政策")


@pytest.mark.parametrize("region, phrase, name", [
    ("河南省", "新建改造高标准农田", "改造高标准农田"),  # was 改造高标准: the head 标准 inside 高标准|农田
    ("2025", "现代设施农业", "现代设施农业"),  # was 现代设施
])
def test_nouns_after_the_head_that_end_the_clause_belong_to_the_name(region, phrase, name):
    found = measures_at(region, phrase)
    assert name in found and found[name] == "农业农村", found


@pytest.mark.parametrize("region, phrase, names", [
    ("新疆维吾尔自治区", "重大产业、基础设施项目", {"重大产业项目", "基础设施项目"}),  # was 重大产业
    ("湖北省", "招商引资体制、园区运营模式改革", {"招商引资体制改革", "园区运营模式改革"}),  # was 招商引资体制
])
def test_a_list_that_shares_its_last_head_names_that_kind(region, phrase, names):
    assert names <= set(measures_at(region, phrase)), measures_at(region, phrase)


def test_a_list_of_things_of_their_own_shares_nothing():
    """培育壮大新兴产业、未来产业 (the 2025 national report): two measures, no 新兴产业项目 …"""
    assert {"新兴产业", "未来产业"} <= set(measures_at("2025", "培育壮大新兴产业、未来产业"))
    assert "大抓产业项目" not in measures_at("贵州省", "大抓产业、大抓项目")  # parallel items (贵州)


def test_an_attribute_after_the_name_is_not_part_of_it():
    """提升国家创新体系整体效能: the measure is the innovation system, not its 整体."""
    found = measures_at("2025", "创新体系整体效能")
    assert any(name.endswith("创新体系") for name in found) and not any("整体" in n for n in found), found


@pytest.mark.parametrize("region, phrase, name", [
    ("山西省", "康复护理扩容提升工程", "康复护理扩容提升工程"),  # a verb before the head is the name's
    ("吉林省", "优质商品和服务供给", "优质商品和服务"),  # 和 before the head joins; 供给 is the attribute
])
def test_verbs_and_joiners_inside_a_name_stay(region, phrase, name):
    assert name in measures_at(region, phrase)


def test_an_action_verb_is_not_part_of_its_object():
    """安徽 优化升级工业互联网平台体系: 升级 is the action (was 升级工业互联网平台体系)."""
    assert "工业互联网平台体系" in measures_at("安徽省", "优化升级工业互联网平台体系")


@pytest.mark.parametrize("region, phrase, area", [
    ("海南省", "算力基础设施", "科技"),  # 基础设施 any area builds: its own words decide (was 区域)
    ("山西省", "县域普通高中发展振兴", "教育"),  # 高中 (was 区域)
    ("四川省", "基层智能化康复中心", "民生"),  # 康复 (was 治理, by 基层)
    ("吉林省", "健全人口服务体系", "民生"),  # 人口 (was the catch-all)
    ("黑龙江省", "水旱灾害防御工程体系", "安全"),  # 灾害 (was 治理)
])
def test_areas_of_measures_outside_education(region, phrase, area):
    found = measures_at(region, phrase)
    assert found and set(found.values()) == {area}, found


def test_a_level_in_front_still_groups_with_the_bare_name():
    """江西 培育认定省级工业设计中心 (the verb 认定 no longer in the name) is the 工业设计中心 of 安徽, 河南, 湖南."""
    from duidu.engine.measures import measure_table

    docs = [paragraph(r, "工业设计中心") for r in ("江西省", "安徽省", "河南省", "湖南省")]
    docs = [EngineDocument.from_text(k, d.text, title=d.title, region=d.region) for k, d in enumerate(docs)]
    rows = [r for r in measure_table(docs) if "工业设计中心" in r.name]
    assert len(rows) == 1 and set(rows[0].documents) == {0, 1, 2, 3}, [(r.name, r.names) for r in rows]
    assert "认定省级工业设计中心" not in rows[0].names


def _grouped(*cases: tuple[str, str]) -> dict[str, set[int]]:
    """Measure table rows (name -> documents) over the paragraphs of ``cases`` (region, phrase)
    that hold ``phrase``, one document each."""
    from duidu.engine.measures import measure_table

    docs = [EngineDocument.from_text(k, paragraph(r, p).text, title=r, region=r) for k, (r, p) in enumerate(cases)]
    out: dict[str, set[int]] = {}
    for row in measure_table(docs):
        for name in row.names:
            out[name] = set(row.documents)
    return out


def test_words_of_another_area_in_front_make_another_measure():
    """公共服务体系 gathered 一体化算力公共服务体系 (福建, computing) and 全民健身公共服务体系 (陕西, sport)
    with 基本公共服务体系 (山西); 风险防控长效机制 (national report, finance) gathered 上海's
    廉政风险防控长效机制 (integrity). A scope in front (城乡, 县乡村) still groups."""
    rows = _grouped(("山西省", "基本公共服务体系"), ("福建省", "一体化算力公共服务体系"), ("陕西省", "全民健身公共服务体系"))
    sport = [docs for name, docs in rows.items() if name.endswith("全民健身公共服务体系")]
    assert rows["一体化算力公共服务体系"] == {1} and sport and all(d == {2} for d in sport), rows
    rows = _grouped(("2024", "风险防控长效机制"), ("上海市", "廉政风险防控长效机制"))
    assert rows["廉政风险防控长效机制"] == {1}, rows
    from duidu.engine.measures import _same_measure

    # Names of the 33 reports: a scope in front is the same measure.
    assert _same_measure("基本公共服务", "城乡基本公共服务") and _same_measure("养老服务网络", "县乡村养老服务网络")


def test_a_name_with_another_areas_word_replaced_is_another_measure():
    """The issue's finding: 教育协同发展试验区 (Chongqing's account, seed 000) took in 四川's
    體育協同發展試驗區 (seed 001): one word replaced, 教育 by 体育 — another area, another zone."""
    from duidu.engine.measures import _same_measure

    assert not _same_measure("教育协同发展试验区", "体育协同发展试验区")
    assert _same_measure("大气污染治理提质增效行动", "大气污染防治提质增效行动")  # a rewording still groups


def test_the_1954_report_in_traditional_script():
    """The 1954 report (tests/data/measures, traditional script): an alliance the text calls 所謂
    (so-called) is another party's, not a measure; 製訂第一個五年計劃 is economic planning."""
    from duidu.text.clean import clean

    text = clean((Path(__file__).parent / "data" / "measures" / "1954_国务院_政府工作报告.txt").read_text(encoding="utf-8")).text
    found = {m.measure: m.category for m in extract_measures(EngineDocument.from_text(1, text))}
    assert not any("防务" in name for name in found), found
    assert found.get("五年计划") == "经济", found


def test_rules_and_notices_outside_the_reports():
    """Official documents of other kinds (tests/data/formats, provenance in its PROVENANCE.tsv): the
    Beijing table of penalty standards and the 明溪 housing measures. A modal or 进行 opens another
    predicate (行业组织进行政策和业务指导 named 进行政策), 实施期内 is a time (named 期内购房消费补贴);
    the measures they do state are still found."""
    from duidu.library.importer import prepare

    def found(name: str) -> set[str]:
        text = prepare(Path(__file__).parent / "data" / "formats" / name).cleaned.text
        return {m.measure for m in extract_measures(EngineDocument.from_text(1, text))}

    table = found("p06_beijing_fgw_caoliang_table.pdf")
    assert not any(name.startswith(("进行", "必须")) or "进行政策" in name for name in table), table
    assert "从业档案制度" in table
    housing = found("p03_mingxi_xzf_2022-06.pdf")
    assert not any(name.startswith("期内") for name in housing), housing
    assert "房地产市场" in housing


def test_the_sample_of_measure_groups_read_by_hand():
    """The seeded sample of 60 measure groups over the 33 reports and the documents of other domains
    (benchmarks/measure_sample.py) against the verdicts read in tests/measure_sample_labels.toml.
    Floors, not today's figures (before the fixes of the first audit 46/60 right, area 40/51; after them
    51/60 and 49/55; after the third 59/60 and 54/59): most of the sample must still be rows that were
    read, and most of those right."""
    sys.path.insert(0, str(BENCHMARKS))
    import measure_sample

    rows, labels = measure_sample.table(), measure_sample.labels()
    score = measure_sample.score(measure_sample.draw(rows), labels)
    assert score.labelled >= 50, "the sample drifted from the rows read by hand: read the new ones"
    assert score.precision >= 0.8, score
    assert score.area_accuracy >= 0.85, score
    # The two independent draws of 40 (seeds 0311 and 2026; after the third audit 33/40 and 33/40 right,
    # area 30/33 and 33/34): drawn after fixes, so they check the fixes did not fit the first sample.
    for seed in ("0311", "2026"):
        score = measure_sample.score(measure_sample.draw(rows, 40, seed), labels)
        assert score.labelled >= 34 and score.precision >= 0.75 and score.area_accuracy >= 0.85, (seed, score)


# -- The third audit (slice MEAS-2): wrong merges, splits and losses left by the second --------------

def test_a_different_object_between_the_same_words_is_another_measure():
    """湖北 国家科技创新中心 (a city's designation) took in 国家技术创新中心 (an institution, 广东): the
    words apart, 科技创新中心 and 技术创新中心, each stand as an object of their own in the table
    (山东 区域科技创新中心, 山西 省技术创新中心)."""
    from duidu.engine.measures import measure_table

    cases = (("湖北省", "国家科技创新中心"), ("广东省", "国家技术创新中心"), ("山东省", "区域科技创新中心"),
             ("山西省", "省技术创新中心"))
    docs = [EngineDocument.from_text(k, paragraph(r, p).text, title=r, region=r) for k, (r, p) in enumerate(cases)]
    rows = [row.names for row in measure_table(docs) if "国家科技创新中心" in row.names or "国家技术创新中心" in row.names]
    assert len(rows) == 2, rows


def test_a_coordinated_modifier_is_a_second_measure():
    """深化财税金融体制改革 (2025) is two reforms: it gathered 财税体制改革 (2024) and 金融体制改革 (上海)."""
    rows = _grouped(("2025", "财税金融体制改革"), ("上海市", "金融体制改革"), ("2024", "财税体制改革"))
    assert rows["财税金融体制改革"] == {0}, rows
    assert 0 not in rows["金融体制改革"] and 0 not in rows["财税体制改革"], rows


def test_a_platform_of_another_object_or_named_by_its_examples_is_its_own():
    """公共服务平台 (陕西) took in 公共就业服务平台 (四川: 就业服务 stands alone, 北京), 公共技术服务平台 (浙江:
    a word of another area put in) and 市民热线等公共服务平台 (河南: the hotline named is the measure)."""
    rows = _grouped(("陕西省", "公共服务平台"), ("四川省", "公共就业服务平台"), ("浙江省", "公共技术服务平台"),
                    ("河南省", "市民热线等公共服务平台"), ("北京市", "就业服务"))
    assert rows["公共服务平台"] == {0}, rows
    assert all(0 not in rows[n] for n in ("公共就业服务平台", "公共技术服务平台", "市民热线等公共服务平台")), rows


@pytest.mark.parametrize("cases, a, b", [
    ((("宁夏回族自治区", "创新驱动战略"), ("河北省", "创新驱动发展战略")), "创新驱动战略", "创新驱动发展战略"),  # a verb put in
    ((("江西省", "剩余地方政府融资平台"), ("2025", "地方融资平台")), "地方政府融资平台", "地方融资平台"),  # 剩余: how many
    ((("广东省", "工业企业节能降碳改造"), ("2025", "重点行业节能降碳改造"), ("山东省", "节能降碳改造")),
     "工业企业节能降碳改造", "重点行业节能降碳改造"),  # who carries it out, in front
    ((("黑龙江省", "数字智能产业集群"), ("2024", "数字产业集群")), "数字智能产业集群", "数字产业集群"),  # a weak word
    # of the area of the word before it extends that word (数字智能), it makes no other object
])
def test_one_measure_worded_apart_is_one_row(cases, a, b):
    rows = _grouped(*cases)
    assert rows[a] == rows[b] == set(range(len(cases))), rows


@pytest.mark.parametrize("region, phrase, name", [
    ("2024", "组织打好“三北”工程", "三北工程"),  # 打|好: a verb jieba cut in two is no part of the name (area: test below)
    ("安徽省", "与西部陆海新通道对接合作", "西部陆海新通道"),  # the partner worked with
    ("广东省", "管行业必须管招商", "管行业必须管招商机制"),  # a modal inside a quoted name
    ("内蒙古自治区", "金融支持重大项目、重点企业清单", "金融支持重大项目清单"),  # a 清单 lists things of any kind
    ("广西壮族自治区", "“1+N”重点产业人才集聚区", "1+n重点产业人才集聚区"),  # 集聚|区: a head cut in two
    ("江西省", "完善收入分配制度、健全社会保障体系", "社会保障体系"),  # a verb after 、 opens its own predicate
    ("山东省", "举办“齐鲁服务消费季”活动", "齐鲁服务消费季"),  # a quoted name runs to its closing quote
    ("上海市", "支持企业积极开拓多元化国际市场", "多元化国际市场"),  # 开拓 acts: the subject is no part of the name
])
def test_names_found_whole(region, phrase, name):
    assert name in measures_at(region, phrase)


def test_no_measure_in_a_noun_a_title_or_an_action_on_a_name():
    """贯彻新发展理念示范区: 新 makes 发展 a noun (was 理念示范区); 深化公共政策兑现: the measure is the
    honouring, 公共政策 alone names nothing; 金融支持重大项目 was a name cut inside its list; a title
    cited (根据《中共上海市委关于制定上海市国民经济…》, 印发《明溪县春节期间招工用工激励政策》) is a document."""
    assert not any(n.endswith("理念示范区") for n in measures_at("贵州省", "新发展理念示范区"))
    assert "公共政策" not in measures_at("安徽省", "公共政策兑现")
    assert "金融支持重大项目" not in measures_at("内蒙古自治区", "金融支持重大项目、重点企业清单")
    assert "国民经济" not in measures_at("上海市", "关于制定上海市国民经济")
    from duidu.library.importer import prepare

    text = prepare(Path(__file__).parent / "data" / "formats" / "p03_mingxi_xzf_2022-06.pdf").cleaned.text
    found = {m.measure for m in extract_measures(EngineDocument.from_text(1, text))}
    assert not any("招工用工" in n for n in found), found
    assert "房地产市场" in found


def test_the_three_norths_programme_is_ecology():
    """三北工程 (the shelterbelt and desert-control programme) was filed under 安全 or 治理 by the clause
    around it (2024: 组织打好“三北”工程三大标志性战役); 三北, 防沙, 治沙 and 荒漠化 are ecology cues."""
    assert measures_at("2024", "组织打好“三北”工程") == {"三北工程": "生态"}
