"""duidu.engine.numerals and duidu.engine.figures: numbers read in any script, paired across documents."""

from __future__ import annotations

from functools import lru_cache

import pytest

from duidu.engine.document import EngineDocument
from duidu.engine.figures import Figure, FigurePair, extract_figures, pair_figures
from duidu.engine.measures import extract_measures
from duidu.engine.numerals import chinese_number, find_figures, parse_number
from duidu.paths import seed_path
from duidu.text.clean import clean

SEEDS = {
    0: "000_bf6dfff8fbad574e.txt",
    1: "001_6a591adfc5be8ef4.txt",
    2: "002_a26b798a85d25e72.txt",
    3: "003_a7b1866d95dd2697.txt",
    4: "004_bae3a0f70cd3e527.txt",
}


@lru_cache(maxsize=None)
def seed(n: int) -> EngineDocument:
    return EngineDocument.from_text(n, clean(seed_path(SEEDS[n]).read_text(encoding="utf-8")).text)


@lru_cache(maxsize=None)
def figures(n: int) -> tuple[Figure, ...]:
    return tuple(extract_figures(seed(n), extract_measures(seed(n))))


@lru_cache(maxsize=1)
def pairs01() -> tuple[FigurePair, ...]:
    return tuple(pair_figures(figures(0), figures(1)))


def pairs_of(measure: str) -> list[tuple[str, str, float, float, bool]]:
    return [(p.a_text, p.b_text, p.a_value, p.b_value, p.differs) for p in pairs01() if p.measure == measure]


# -- numerals ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("三十六", 36), ("两", 2), ("兩", 2), ("一百零五", 105), ("1.2万", 12000), ("第七", 7), ("十", 10),
    ("十三", 13), ("一千零十", 1010), ("一百五十", 150), ("两万五千", 25000), ("一亿二千万", 120_000_000),
    ("25.8万", 258000), ("３６", 36), ("662", 662), ("二〇二四", 2024), ("首", 1),
])
def test_numbers_normalise(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["十三五", "十四五", "三五", "万", "百", "五十五五", "一百一百", "七十十"])
def test_names_and_malformed_numerals_are_not_numbers(text):
    assert parse_number(text) is None
    assert chinese_number(text) is None


@pytest.mark.parametrize("text, found", [
    ("成立6个职教集团", [("6个", 6, "个", False)]),
    ("舉辦6個職教集團", [("6個", 6, "个", False)]),
    ("聯席會議第七次會議", [("第七次", 7, "次", True)]),
    ("举办首届川渝青年教师风采大赛", [("首届", 1, "届", True)]),
    ("舉辦3屆川渝青年教師風采大賽", [("3屆", 3, "届", False)]),
    ("覆盖两地职业院校662所", [("662所", 662, "所", False)]),
    ("签署协议130余份", [("130余份", 130, "份", False)]),
    ("累计解决随迁子女接受义务教育25.8万人", [("25.8万人", 258000, "人", False)]),
    ("成立６个联盟", [("６个", 6, "个", False)]),
    ("聚焦“两个关键词”", []),  # a count opening a short quoted phrase names a slogan
    ("实施“六个一批”", []),
    ("实施六个一批工程", []),
    ("开展新一轮找矿突破", []),
    ("建设3个一流学科", [("3个", 3, "个", False)]),
    ("“十三五”以来", []),
    ("十三五期间", []),
    ("组建一批行业产教融合共同体", []),
    ("对标《行动方案(2023—2027年)》", []),
    ("“10+20”研训共同体", []),
    # Ordinals say which one, not how many (issue 11 part 4): with 第 or 首, or a term and sitting.
    ("落实市委六届四次全会精神", [("六届", 6, "届", True), ("四次", 4, "次", True)]),
    ("市委六屆四次全會", [("六屆", 6, "届", True), ("四次", 4, "次", True)]),
    ("党的二十届四中全会", [("二十届", 20, "届", True)]),
    ("省委十一届十次、十一次全会", [("十一届", 11, "届", True), ("十次", 10, "次", True), ("十一次", 11, "次", True)]),
    ("市十六届人大三次会议", [("十六届", 16, "届", True), ("三次", 3, "次", True)]),
    ("推动机场三期改扩建", [("三期", 3, "期", True)]),
    ("地铁4号线一期北段建成", [("一期", 1, "期", True)]),
    ("党的二十届二中、三中全会精神", [("二十届", 20, "届", True)]),
    ("推进土地二轮延包试点", [("二轮", 2, "轮", True)]),  # "the second round": two rounds say 两轮
    ("开展两轮巡视", [("两轮", 2, "轮", False)]),
    ("举办三期培训班", [("三期", 3, "期", False)]),
    ("共召开三次会议", [("三次", 3, "次", False)]),
    ("全国首批试点", [("首批", 1, "批", True)]),
    ("推进第二轮土地承包到期后再延长", [("第二轮", 2, "轮", True)]),
    # and names that look like counts are none
    ("每年一届的长三角教育发展会议", []),
    ("本届大会", []),
    ("严格落实中央八项规定精神", []),
    ("统筹两个大局", []),
    ("保持两位数增长", []),
    ("发放一次性补助", []),
    ("一步一个脚印", []),
])
def test_find_figures(text, found):
    got = [(text[n.start:n.end], n.value, n.unit, n.ordinal) for n in find_figures(text)]
    assert got == found


# -- figures of the seeds ---------------------------------------------------------------------------

@pytest.mark.parametrize("n", sorted(SEEDS))
def test_figure_spans_point_at_the_text(n):
    doc = seed(n)
    for f in figures(n):
        assert doc.text[f.start:f.end] == f.text
        assert not any(e.start < f.end and f.start < e.end for e in doc.excluded)


def test_vocational_groups_agree_six_and_six():
    assert pairs_of("职教集团") == [("6个", "6個", 6, 6, False)]
    assert ("662所", "662所", 662, 662, False) in pairs_of("职教联盟")
    assert ("4个", "4個", 4, 4, False) in pairs_of("职教联盟")


def test_an_ordinal_is_not_paired_with_a_count():
    """联席会议第七次会议 names the seventh meeting; 召开7次 counts meetings: not "7 = 7" (issue 11 part 4)."""
    assert "第七次" in [f.text for f in figures(1) if f.measure == "联席会议"]
    meetings = pairs_of("联席会议")
    assert meetings == [("7次", "7次", 7, 7, False)]
    a = EngineDocument.from_text(0, "高质量召开7次教育协同发展工作联席会议。")
    b = EngineDocument.from_text(1, "教育协同发展工作联席会议第七次会议在广安召开。")
    assert pair_figures(extract_figures(a, extract_measures(a)), extract_figures(b, extract_measures(b))) == []
    c = EngineDocument.from_text(2, "教育协同发展工作联席会议第六次会议在重庆召开。")
    got = pair_figures(extract_figures(b, extract_measures(b)), extract_figures(c, extract_measures(c)))
    assert [(p.a_text, p.b_text, p.differs) for p in got] == [("第七次", "第六次", True)]


def test_the_first_contest_is_not_three_contests():
    """首届 names the first contest, 3屆 counts three: both true, neither "1 = 3" nor "1 ≠ 3"."""
    assert "举办首届川渝青年教师风采大赛" in seed(0).text
    assert "舉辦3屆川渝青年教師風采大賽" in seed(1).text
    assert [f.text for f in figures(0) if f.measure == "青年教师风采大赛"] == ["首届"]
    assert [f.text for f in figures(1) if f.measure == "青年教师风采大赛"] == ["3屆"]
    assert pairs_of("青年教师风采大赛") == []
    # Ordinals meet ordinals: the first contest against the second is a difference.
    a = EngineDocument.from_text(0, "各类教师联盟举办首届川渝青年教师风采大赛。")
    b = EngineDocument.from_text(1, "两地联合举办第二届川渝青年教师风采大赛。")
    got = pair_figures(extract_figures(a, extract_measures(a)), extract_figures(b, extract_measures(b)))
    assert [(p.a_text, p.b_text, p.differs) for p in got] == [("首届", "第二届", True)]


def test_the_seeds_agree_on_every_count_they_share():
    """Chongqing's article and Sichuan's report (000, 001) state the same counts where they count the
    same thing: 7 meetings, 6 groups, 4 alliances, 662 colleges, 65 subjects, 100 teachers, 10 studios
    (read in the texts). No seed pair states a differing count; differing targets are tested on the
    provincial reports (test_indicators.py)."""
    assert pairs01() and not any(p.differs for p in pairs01())
    for i in SEEDS:
        for j in SEEDS:
            if i < j:
                assert not any(p.differs for p in pair_figures(figures(i), figures(j))), (i, j)


def test_teachers_studios_and_subjects_agree():
    assert pairs_of("教师互派交流") == [("100名", "100名", 100, 100, False)]
    assert pairs_of("名师名校长工作室") == [("10个", "10個", 10, 10, False)]
    assert pairs_of("学科共建共享") == [("65个", "65個", 65, 65, False)]


def test_pairs_carry_spans_in_both_documents():
    a, b = seed(0), seed(1)
    for p in pairs01():
        assert a.text[p.a_start:p.a_end] == p.a_text
        assert b.text[p.b_start:p.b_end] == p.b_text
        assert p.differs == (p.a_value != p.b_value)


def test_figures_attach_after_the_measure_and_to_coverage():
    doc = EngineDocument.from_text(0, "成渝高校互派访问学者139人,组建23个学校发展共同体,参与学校达到46所。")
    got = [(f.measure, f.text) for f in extract_figures(doc, extract_measures(doc))]
    assert got == [("互派访问学者", "139人"), ("基础教育发展共同体", "23个"), ("基础教育发展共同体", "46所")]


def test_a_number_before_a_verb_counts_another_noun():
    # 江苏 2026: sixteen cases were selected as models of the programme, not sixteen 一件事.
    doc = EngineDocument.from_text(0, "积极服务建设全国统一大市场，16个案例入选全国“高效办成一件事”典型。")
    assert [f.text for f in extract_figures(doc, extract_measures(doc)) if f.measure == "高效办成一件事"] == []
    doc = EngineDocument.from_text(0, "新增25个“高效办成一件事”重点事项。")
    assert [f.text for f in extract_figures(doc, extract_measures(doc)) if f.measure == "高效办成一件事"] == ["25个"]


def test_a_number_far_from_the_measure_or_across_a_list_is_not_its_figure():
    doc = EngineDocument.from_text(0, "评选出的22所高校在过去一年里持续开展学分银行建设,并举办3届论坛、作业设计大赛。")
    got = [(f.measure, f.text) for f in extract_figures(doc, extract_measures(doc))]
    assert got == []


# -- pairing rules ------------------------------------------------------------------------------------

def fig(measure: str, text: str, value: float, unit: str, at: int = 0) -> Figure:
    return Figure(measure, at, at + len(text), text, value, unit)


def test_pairs_need_the_same_measure_and_a_compatible_unit():
    a = [fig("职教联盟", "4个", 4, "个"), fig("教师互派交流", "100名", 100, "名", 10)]
    b = [fig("职教联盟", "662所", 662, "所"), fig("教师互派交流", "100人", 100, "人", 10),
         fig("职教集团", "4个", 4, "个", 20)]
    assert [(p.measure, p.a_text, p.b_text, p.differs) for p in pair_figures(a, b)] == [
        ("教师互派交流", "100名", "100人", False)]


def test_equal_values_pair_first_and_leftovers_meet_the_closest():
    a = [fig("m", "3个", 3, "个", 0), fig("m", "5个", 5, "个", 10)]
    b = [fig("m", "5個", 5, "个", 0), fig("m", "4個", 4, "个", 10), fig("m", "9個", 9, "个", 20)]
    got = sorted((p.a_text, p.b_text, p.differs) for p in pair_figures(a, b))
    assert got == [("3个", "4個", True), ("5个", "5個", False), ("5个", "9個", True)]
