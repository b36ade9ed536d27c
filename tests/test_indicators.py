"""duidu.engine.indicators: targets and results read whatever the wording, paired target with target.

Unit cases are sentences of the 2026 provincial reports (tests/data/reports, provenance in
PROVENANCE.tsv); the floors are measured on all 31 provinces' excerpts against labels written by
reading them (targets.toml).
"""

from __future__ import annotations

import json

import pytest
from report_quality import DATA, excerpt_values, figure_quality, target_pairing

from duidu.cli.main import main
from duidu.engine.compare import compare
from duidu.engine.document import EngineDocument
from duidu.engine.figures import pair_indicators
from duidu.engine.indicators import (PLAN, RESULT, TARGET, extract_indicators, indicator_named, region_named,
                                     report_year)
from duidu.text.script import convert


def values(text: str, year: int | None = 2026, indicator: str | None = None):
    doc = EngineDocument.from_text(0, text)
    return [(v.indicator, v.value, v.high, v.unit, v.qualifier, v.kind) for v in extract_indicators(doc, year)
            if indicator is None or v.indicator == indicator]


# -- wording, units, qualifiers --------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("今年主要预期目标是：地区生产总值增长5%左右，在实际工作中努力争取更好结果。", (5, None, "左右")),
    ("主要预期目标为：全省生产总值增长5%—5.5%，在实际工作中努力争取更好结果。", (5, 5.5, "区间")),
    ("主要预期目标是：经济增长5.5%左右，在实际工作中努力争取更好结果。", (5.5, None, "左右")),
    ("主要预期目标是：地区生产总值按增长5%安排，在实际工作中努力争取更好结果。", (5, None, "")),
    ("主要预期目标是：地区生产总值增长4.5-5%，在实际工作中争取更好结果。", (4.5, 5, "区间")),
    ("主要预期目标是：地区生产总值增长5%以上。", (5, None, "以上")),
    ("会发展的主要预期目标是：生产总值增长5％左右，固定资产投资增速保持在全国平均水平以上。", (5, None, "左右")),
])
def test_gdp_targets_in_every_wording(text, expected):
    got = values(text, indicator="地区生产总值")
    assert [(v, h, q) for _, v, h, _, q, _ in got] == [expected]
    assert got[0][3] == "%" and got[0][5] == TARGET


def test_other_indicators_units_and_qualifiers():
    text = ("今年经济社会发展主要预期目标是：地区生产总值增长4.5%左右，在实际工作中努力争取更好结果，一般公共预算收入"
            "增长2.5%左右，城镇新增就业45万人以上，城镇调查失业率控制在5.5%以内，居民消费价格涨幅2%左右，"
            "粮食产量1600亿斤以上，CPI涨幅2%左右。")
    got = {(i, u): (v, q) for i, v, _, u, q, _ in values(text)}
    assert got[("城镇新增就业", "万人")] == (45, "以上")
    assert got[("城镇调查失业率", "%")] == (5.5, "以内")
    assert got[("居民消费价格", "%")] == (2, "左右")
    assert got[("粮食产量", "万吨")] == (8000, "以上")  # 1600亿斤: one unit, so 亿斤 and 万吨 pair
    assert got[("一般公共预算收入", "%")] == (2.5, "左右")


def test_a_level_and_its_growth_are_both_read_and_trillions_become_hundred_millions():
    got = values("过去一年，全市生产总值达到5.67万亿元、增长5.4%，地方一般公共预算收入8500亿元。")
    assert ("地区生产总值", 56700, None, "亿元", "", RESULT) in got
    assert ("地区生产总值", 5.4, None, "%", "", RESULT) in got
    assert ("一般公共预算收入", 8500, None, "亿元", "", RESULT) in got


@pytest.mark.parametrize("text", [
    "海洋生产总值增长6%左右",  # a narrower indicator
    "全社会研发经费支出相当于全市生产总值的比例达到4.6%左右",  # a ratio to GDP, not GDP
    "人均地区生产总值达到11万元",
    "单位地区生产总值能耗下降2.5%",  # energy intensity, its own indicator
    "居民收入增长和经济增长同步",  # no value
    # a part of the region (北京市, 新疆 2026 reports)
    "城市副中心和平原新城地区生产总值年均增长5%以上",
    "南疆五地州地区生产总值年均增长6%",
])
def test_other_things_are_not_gdp(text):
    assert values(text, indicator="地区生产总值") == []


def test_energy_intensity_is_its_own_indicator():
    assert values("单位地区生产总值能耗下降2.5%左右。", indicator="单位GDP能耗")[0][1:5] == (2.5, None, "%", "左右")


def test_traditional_script_reads_the_same():
    simple = "今年主要預期目標是：地區生產總值增長5%左右，城鎮調查失業率5.5%左右。"
    assert values(simple) == values(convert(simple, "t2s").text)
    assert values(simple)[0][:5] == ("地区生产总值", 5, None, "%", "左右")


# -- periods ---------------------------------------------------------------------------------------

def test_target_result_and_plan_are_told_apart():
    text = ("一、2025年工作回顾\n过去一年，地区生产总值增长5.2%，城镇调查失业率5.1%。\n"
            "“十四五”时期，地区生产总值年均增长5.5%。\n"
            "二、2026年工作安排\n今年主要预期目标是：地区生产总值增长5%左右，城镇调查失业率5.5%左右。")
    doc = EngineDocument.from_text(0, text)
    got = [(v.indicator, v.value, v.kind, v.period) for v in extract_indicators(doc, 2026)]
    assert got == [("地区生产总值", 5.2, RESULT, "2025年"), ("城镇调查失业率", 5.1, RESULT, "2025年"),
                   ("地区生产总值", 5.5, PLAN, "2021—2025年年均"),
                   ("地区生产总值", 5, TARGET, "2026年目标"), ("城镇调查失业率", 5.5, TARGET, "2026年目标")]
    for v in extract_indicators(doc, 2026):
        assert doc.text[v.start:v.end] == v.text and v.text[0].isdigit()


def test_a_plans_averages_look_ahead_or_back():
    text = ("“十四五”时期，地区生产总值年均增长5.9%。\n"
            "“十五五”时期经济社会发展的主要目标是：地区生产总值年均增长5%左右。\n"
            "今年主要预期目标是：地区生产总值增长5%以上。")
    doc = EngineDocument.from_text(0, text)
    assert [(v.value, v.period) for v in extract_indicators(doc, 2026)] == [
        (5.9, "2021—2025年年均"), (5, "2026—2030年年均目标"), (5, "2026年目标")]


def test_national_grain_in_trillions_of_jin_and_a_five_year_programme_is_no_plan_figure():
    # 2024, 2025 national reports: 粮食产量1.3万亿斤以上 (= 65000万吨, so it pairs with 万吨 and 亿斤).
    got = values("今年发展主要预期目标是：国际收支保持基本平衡；粮食产量1.3万亿斤以上；", 2024, "粮食产量")
    assert got == [("粮食产量", 65000, None, "万吨", "以上", TARGET)]
    # 2025 national report: a 五年行动计划 is a programme's name; 67% is the year's level.
    got = values("出台实施新型城镇化战略五年行动计划，扎实推进城市更新，常住人口城镇化率提高到67%。", 2025)
    assert [(v, k) for _, v, _, _, _, k in got] == [(67, RESULT)]


def test_a_value_with_no_cue_is_read_by_the_part_of_the_report_it_stands_in():
    # 宁夏, 广东 2026: the jobs target is stated in the year's tasks, far from "主要预期目标".
    text = ("一、2025年工作总结和“十四五”主要成就\n过去一年，城镇新增就业8.55万人。\n"
            + "各项工作扎实推进。\n" * 200
            + "二、“十五五”时期主要任务\n城镇调查失业率控制在5.5%左右。\n"
            + "三、2026年重点工作\n（六）兜牢民生底线\n加强就业困难人员服务引导。城镇新增就业8.2万人以上，农民工…\n"
            + "一、提高低保、特困人员保障标准\n城镇新增就业8.3万人以上。\n")
    doc = EngineDocument.from_text(0, text)
    got = [(v.indicator, v.value, v.kind, v.period) for v in extract_indicators(doc, 2026)]
    # (a list item headed 一、… starts no part: its value stays this year's target)
    assert got == [("城镇新增就业", 8.55, RESULT, "2025年"), ("城镇调查失业率", 5.5, PLAN, "2026—2030年目标"),
                   ("城镇新增就业", 8.2, TARGET, "2026年目标"), ("城镇新增就业", 8.3, TARGET, "2026年目标")]
    # 甘肃 2026 heads its parts without a number; a title line is no part.
    text = ("2026年甘肃省政府工作报告\n“十四五”时期工作回顾\n民生工作扎实推进。城镇新增就业31.7万人。\n"
            + "各项工作扎实推进。\n" * 200
            + "2026年重点工作\n三是支持1万名未就业普通高校毕业生到基层就业，城镇新增就业30万人。\n")
    doc = EngineDocument.from_text(0, text)
    assert [(v.value, v.kind) for v in extract_indicators(doc, 2026)] == [(31.7, RESULT), (30, TARGET)]


def test_last_years_target_beaten_and_funds_arranged_are_no_target_cues():
    # 广西 2026, its review of 2025: 高于预期目标 measures a result, 每年安排140亿元 is money.
    text = ("——经济增长稳中有进。全区地区生产总值增长5.1%，增速高于预期目标、高于上年同期、高于全国。\n"
            "——质量效益稳步提高。一般公共预算收入增长4.6%，总量首次突破1900亿元。\n"
            "——人民生活持续改善。“暖心民政”三年行动启动实施，每年安排140亿元以上。城镇新增就业42.3万人。\n")
    got = [(i, v, k) for i, v, _, _, _, k in values(text)]
    assert got == [("地区生产总值", 5.1, RESULT), ("一般公共预算收入", 4.6, RESULT), ("城镇新增就业", 42.3, RESULT)]
    # 北京 2026: 城镇新增就业不少于28万人 is a target with its qualifier.
    got = values("三、2026年重点工作\n促进高质量充分就业。实施稳岗扩容提质行动，城镇新增就业不少于28万人。")
    assert got == [("城镇新增就业", 28, None, "万人", "不少于", TARGET)]


def test_a_level_and_its_growth_with_a_clause_between():
    # 湖南 2026: the 2025 growth follows the level after a short clause of its own.
    got = values("过去一年，全省地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%，"
                 "地方一般公共预算收入达到3500亿元、一般公共预算支出增长3%。")
    assert ("地区生产总值", 4.8, None, "%", "", RESULT) in got
    assert ("一般公共预算收入", 3, None, "%", "", RESULT) not in got  # another indicator's growth
    # 云南: a level and its five-year average growth.
    got = values("过去五年，地区生产总值突破3万亿元、年均增长4.7%。", indicator="地区生产总值")
    assert ("地区生产总值", 4.7, None, "%", "", PLAN) in got


def test_a_plans_target_under_a_lead_in_line_and_a_setting():
    # 甘肃 2026: the 十五五 targets are listed under a lead-in line, a paragraph each.
    text = ("“十五五”时期，要努力实现以下目标任务：\n"
            "一是高质量发展水平明显提升。持续盘活存量。全省地区生产总值年均增长5%以上。\n")
    doc = EngineDocument.from_text(0, text)
    assert [(v.value, v.qualifier, v.period) for v in extract_indicators(doc, 2026)] == [
        (5, "以上", "2026—2030年年均目标")]
    # 山西 2026: "主要目标任务基本完成" looks back; the average under it is the 十四五's.
    text = ("一、“十四五”时期工作回顾\n“十四五”规划主要目标任务基本完成，各项事业发展取得新进步新成就！\n"
            "——经济运行稳中有进。地区生产总值超过2.5万亿元、年均增长5%。\n")
    doc = EngineDocument.from_text(0, text)
    assert [(v.value, v.period) for v in extract_indicators(doc, 2026) if v.unit == "%"] == [(5, "2021—2025年年均")]
    # 新疆 2026: 增速目标设定为年均增长5.5%—6%.
    got = values("建议“十五五”时期地区生产总值增速目标设定为年均增长5.5%—6%。", indicator="地区生产总值")
    assert got == [("地区生产总值", 5.5, 6, "%", "区间", PLAN)]


def test_a_heading_on_its_own_line_carries_the_target_to_the_next():
    # 广东 writes "主要预期目标" and "是：…" on two lines.
    text = "今年经济社会发展的主要预期目标\n是：地区生产总值增长4.5%—5%，在实际工作中全力争取更好结果。"
    assert values(text) == [("地区生产总值", 4.5, 5, "%", "区间", TARGET)]


FULL = DATA.parent / "reports_full"  # whole reports, copied byte for byte (PROVENANCE.tsv there)


def whole(region: str) -> EngineDocument:
    from duidu.text.clean import clean

    path = next(FULL.glob(f"2026_{region}_*.txt"))
    return EngineDocument.from_text(0, clean(path.read_text(encoding="utf-8")).text, title=path.name)


def test_tupo_and_chao_are_lower_bounds_like_yishang():
    # 云南 2026 (the five years' review) and 宁夏 2026: 突破 says "more than", as 以上 and 超过 do.
    assert values("地区生产总值突破3万亿元、年均增长4.7%，人均地区生产总值超1万美元。", indicator="地区生产总值")[0][:5] == \
        ("地区生产总值", 30000, None, "亿元", "突破")
    assert values("地方一般公共预算收入突破500亿元，年均增长5.2%。", indicator="一般公共预算收入")[0][4] == "突破"
    # 上海 2026: 外贸进出口总额超4.3万亿元 (the digits after 超, not 超过).
    assert [q for *_, q, _ in values("外贸进出口总额超4.3万亿元。", indicator="进出口总额")] == ["超"]
    # 江苏 2026 (五年来): a cumulative fall over the plan is its whole change, not a yearly average.
    energy = [v for v in extract_indicators(whole("江苏省"), 2026) if v.indicator == "单位GDP能耗"]
    assert [(v.value, v.qualifier, v.period) for v in energy if v.value == 14] == [(14, "超", "2021—2025年")]


def test_a_figure_with_an_exclusion_is_another_scope():
    # 甘肃 2026 (2025 review): investment without real estate is not the province's investment.
    assert values("扣除房地产开发投资后，固定资产投资增长2.7%。", indicator="固定资产投资") == []
    assert values("不含房地产开发的固定资产投资增长5%。", indicator="固定资产投资") == []
    gansu = [v for v in extract_indicators(whole("甘肃省"), 2026) if v.indicator == "固定资产投资"]
    assert 2.7 not in [v.value for v in gansu] and [(v.value, v.qualifier) for v in gansu if v.kind == TARGET] == [
        (4.5, "左右")]
    # Trade with one partner is not the region's trade (上海 2026, its 2025 review).
    assert values("去年贸易多元化成效明显，对东盟、共建“一带一路”国家进出口总额分别增长10.4%、12.1%。",
                  indicator="进出口总额") == []
    shanghai = [v.shown() for v in extract_indicators(whole("上海市"), 2026) if v.indicator == "进出口总额" and v.unit == "%"]
    assert shanghai == ["5.6%"]
    # A price effect taken out is no scope (real growth of the same indicator).
    assert values("去年扣除价格因素后，居民人均可支配收入实际增长5.1%。", indicator="居民人均可支配收入") == [
        ("居民人均可支配收入", 5.1, None, "%", "", RESULT)]
    # Another sentence's exclusion says nothing of this one.
    assert values("扣除房地产后投资回升。去年固定资产投资增长3%。", indicator="固定资产投资") == [
        ("固定资产投资", 3, None, "%", "", RESULT)]


def test_indicators_listed_before_one_value_share_it():
    # 黑龙江 2026 (its tasks): 社会消费品零售总额、固定资产投资增长4%左右 — both targets are 4%左右.
    got = values("今年社会消费品零售总额、固定资产投资增长4%左右。")
    assert sorted(got) == [("固定资产投资", 4, None, "%", "左右", TARGET), ("社会消费品零售总额", 4, None, "%", "左右", TARGET)]
    heilongjiang = [(v.indicator, v.shown()) for v in extract_indicators(whole("黑龙江省"), 2026)
                    if v.kind == TARGET and v.indicator in ("社会消费品零售总额", "固定资产投资")]
    assert sorted(heilongjiang) == [("固定资产投资", "4%左右"), ("社会消费品零售总额", "4%左右")]
    # 分别 gives each its own value, in order (was: 固定资产投资 read as 5%, the first value).
    assert sorted(values("今年社会消费品零售总额、固定资产投资分别增长5%、6%。")) == [
        ("固定资产投资", 6, None, "%", "", TARGET), ("社会消费品零售总额", 5, None, "%", "", TARGET)]
    # Two names and three values: which is whose is not said, so none is read.
    assert values("今年社会消费品零售总额、固定资产投资分别增长5%、6%、7%。") == []
    # A list of what is not an indicator shares nothing.
    assert [v[0] for v in values("今年消费、固定资产投资增长4%左右。")] == ["固定资产投资"]


def test_a_projects_investment_is_not_the_regions():
    # 西藏 2026: 确保招商引资项目完成固定资产投资220亿元 — the investment of the projects brought in.
    assert values("确保招商引资项目完成固定资产投资220亿元。", indicator="固定资产投资") == []
    tibet = [v.shown() for v in extract_indicators(whole("西藏自治区"), 2026)
             if v.indicator == "固定资产投资" and v.kind == TARGET]
    assert tibet == ["15%左右"]


def test_jiangfu_is_a_fall():
    # 国务院 2025 (2024 review): 单位国内生产总值能耗降幅超过3% — a reduction of 3% or more.
    assert values("去年单位国内生产总值能耗降幅超过3%。", 2025, "单位GDP能耗") == [
        ("单位GDP能耗", 3, None, "%", "超过", RESULT)]
    # For an indicator that can grow, a 降幅 is a negative change.
    assert values("去年固定资产投资降幅为2%。", indicator="固定资产投资") == [("固定资产投资", -2, None, "%", "", RESULT)]


def test_a_threshold_crossed_is_a_lower_bound():
    # 国务院 2025 (2024 review): 粮食产量首次跃上1.4万亿斤新台阶; 湖北 2026: 迈上6万亿元台阶，达到62661亿元.
    assert values("去年粮食产量首次跃上1.4万亿斤新台阶、亩产提升10.1斤。", 2025, "粮食产量") == [
        ("粮食产量", 70000, None, "万吨", "突破", RESULT)]
    assert values("去年地区生产总值迈上6万亿元台阶，达到62661亿元。", indicator="地区生产总值") == [
        ("地区生产总值", 62661, None, "亿元", "", RESULT)]  # the bound restates the exact level: one value


def test_a_list_carries_its_lead_ins_period_however_long():
    # 山东 2026: "2025年是“十四五”收官之年。五年来，…" then eight "——" items of the five years; the
    # 34.3% of the last item (past the reach of a cue) is the five years' growth, not 2025's.
    income = [v for v in extract_indicators(whole("山东省"), 2026) if v.indicator == "居民人均可支配收入"]
    assert [(v.value, v.period) for v in income] == [(34.3, "2021—2025年")]
    filler = "。".join(["推进各项工作取得新进展"] * 20)
    text = ("2025年是收官之年。五年来，我们砥砺奋进。\n" + "".join(f"——第{k}方面{filler}。\n" for k in range(8))
            + "——人民生活水平实现新跃升。居民人均可支配收入增长34.3%。\n")
    assert values(text, indicator="居民人均可支配收入")[0][5] == PLAN
    # Not a list: the same paragraphs without —— are past the cue's reach.
    assert values(text.replace("——", ""), indicator="居民人均可支配收入")[0][5] != PLAN


def test_one_fact_stated_twice_is_one_value():
    # 云南 2026: 地区生产总值突破3万亿元 (the five years' review) and 完成地区生产总值32765亿元 (2025):
    # both the 2025 level; the bound says less than the exact figure and agrees with it.
    levels = [v for v in extract_indicators(whole("云南省"), 2026) if v.indicator == "地区生产总值" and v.unit == "亿元"]
    assert [(v.value, v.qualifier, v.period) for v in levels] == [(32765, "", "2025年")]
    # A bound that disagrees with the exact figure stays (the reader must see it), and a target
    # keeps its qualifier even beside an exact value of the same period.
    got = values("过去一年，地区生产总值突破4万亿元。过去一年，地区生产总值32765亿元。", indicator="地区生产总值")
    assert sorted(v for _, v, *_ in got) == [32765, 40000]
    got = values("今年主要预期目标：地区生产总值增长5%左右。今年地区生产总值按增长5%安排。", indicator="地区生产总值")
    assert sorted(q for *_, q, _ in got) == ["", "左右"]


def test_a_paragraph_opening_with_last_year_reads_as_its_result_after_a_five_year_review():
    # 江苏 2026: "过去五年，…" then "各位代表，刚刚过去的2025年，…" and, two paragraphs on, "——“向优”的
    # 质效稳步提升。…一般公共预算收入增长2.1%": the 2025 result, not a five-year average.
    income = [v for v in extract_indicators(whole("江苏省"), 2026) if v.indicator == "一般公共预算收入"]
    assert [(v.value, v.kind, v.period) for v in income] == [(2.1, RESULT, "2025年"), (2, TARGET, "2026年目标")]


def test_a_change_of_a_level_is_no_level_and_an_exact_level_after_a_bound_is_read():
    # 内蒙古 2026 (这五年): 一般公共预算收入增加近1000亿元 is the increase, not the income.
    assert values("一般公共预算收入增加近1000亿元，稳步达到3000亿元。", indicator="一般公共预算收入") == []
    # 湖北 2026: 突破4000亿元、达到4211亿元 — the exact 2025 figure, the bound folded into it.
    income = [v for v in extract_indicators(whole("湖北省"), 2026) if v.indicator == "一般公共预算收入" and v.unit == "亿元"]
    assert [(v.value, v.qualifier, v.period) for v in income] == [(4211, "", "2025年")]


def test_a_reviews_bare_change_over_five_years_is_the_whole_change():
    # 安徽 2026 (十四五 review): 单位地区生产总值能耗下降17%, 城镇化率提升5.27个百分点 — five years' change;
    # 新疆 2026: 一般公共预算收入年均增长12.5% — a yearly average.
    anhui = {v.indicator: v.period for v in extract_indicators(whole("安徽省"), 2026) if v.value in (17, 5.27)}
    assert anhui == {"单位GDP能耗": "2021—2025年", "常住人口城镇化率": "2021—2025年"}
    xinjiang = [v.period for v in extract_indicators(whole("新疆维吾尔自治区"), 2026)
                if v.indicator == "一般公共预算收入" and v.value == 12.5]
    assert xinjiang == ["2021—2025年年均"]
    # 江西 2026: 单位GDP能耗累计下降16%左右 in the review — an estimate of the past, not a target ahead.
    jiangxi = [v.period for v in extract_indicators(whole("江西省"), 2026) if v.indicator == "单位GDP能耗"]
    assert jiangxi == ["2021—2025年"]


def test_a_five_year_review_keeps_its_period_and_yearly_counts_say_so():
    # 河南 2026: "过去的五年极不寻常…城镇新增就业603.7万人" — the five years' jobs, not 2025's (121.7万人).
    henan = [(v.value, v.period) for v in extract_indicators(whole("河南省"), 2026) if v.indicator == "城镇新增就业"]
    assert (603.7, "2021—2025年") in henan and (121.7, "2025年") in henan
    # 海南 2026, under "五年来，…": 城镇调查失业率控制在5.5%以内 was kept, not a target for 2026—2030
    # (a level the review reached: the last year's, folded into its exact 2025 rate).
    hainan = [(v.value, v.qualifier, v.period) for v in extract_indicators(whole("海南省"), 2026)
              if v.indicator == "城镇调查失业率"]
    assert not [v for v in hainan if v[2].startswith("2026—2030")]
    assert [v for v in hainan if v[2] == "2026年目标"] == [(5.5, "左右", "2026年目标")]
    # 江西 2026 (十四五 review): 地区生产总值突破3万亿元、达3.6万亿元 — the 2025 level.
    assert [(v.value, v.period) for v in extract_indicators(whole("江西省"), 2026)
            if v.indicator == "地区生产总值" and v.unit == "亿元"] == [(36000, "2025年")]
    # 陕西 2026: 每年城镇新增就业40万人以上; 甘肃 2026: 年均新增城镇就业30万人 — yearly figures.
    for region, value in (("陕西省", 40), ("甘肃省", 30)):
        jobs = [v.period for v in extract_indicators(whole(region), 2026) if v.indicator == "城镇新增就业" and v.value == value]
        assert jobs and set(jobs) <= {"2021—2025年年均", "2026年目标"}, (region, jobs)


def test_from_one_value_to_another_the_value_is_the_level_reached():
    # 广西 2026: 年末城镇调查失业率从上半年5.5%降到5.3%; 甘肃 2026 (五年): 一般公共预算收入从874.6亿元增加到1112.4亿元.
    assert [(v, k) for _, v, *_, k in values("年末城镇调查失业率从上半年5.5%降到5.3%。", 2026, "城镇调查失业率")] == \
        [(5.3, RESULT)]
    assert [v for _, v, *_ in values("一般公共预算收入从874.6亿元增加到1112.4亿元。", 2026, "一般公共预算收入")] == [1112.4]


def test_urban_or_rural_income_is_not_every_residents():
    # 江西 2026, 新疆 2026, 安徽 2026: incomes of a part of the residents; 青海 2026: of all.
    for text in ("城镇、农村居民人均可支配收入分别增长4.3%、5.7%。", "城镇居民人均可支配收入增长7%左右、农村居民人均可支配收入增长8%左右",
                 "城镇、农村常住居民人均可支配收入分别增长4.4%、6.2%", "脱贫县农村居民人均可支配收入年均增长8.2%"):
        assert values(text, indicator="居民人均可支配收入") == [], text
    assert [v for _, v, *_ in values("全体居民人均可支配收入增长5.1%。", indicator="居民人均可支配收入")] == [5.1]
    # 湖北, 宁夏 2026 grain targets: 继续保持 / 稳定保持在; 江苏 2026: 粮食年产量超760亿斤.
    assert values("今年主要预期目标：粮食产量继续保持500亿斤以上。", indicator="粮食产量")[0][1:5] == (2500, None, "万吨", "以上")
    assert values("今年主要预期目标：确保粮食总产量稳定保持在76亿斤以上。", indicator="粮食产量")[0][1] == 380
    assert [q for *_, q, _ in values("粮食年产量超760亿斤。", indicator="粮食产量")] == ["超"]
    assert values("主要预期目标是：一般公共预算收入同口径增长5.5%左右；", indicator="一般公共预算收入")[0][1:5] == \
        (5.5, None, "%", "左右")
    # 福建 2026: 固定资产投资下降3.3% is a fall (never 3.3% against another's growth of 3.3%); 海南: CPI微降0.1%;
    # an energy-intensity reduction stays a reduction.
    assert values("过去一年，固定资产投资下降3.3%。", indicator="固定资产投资")[0][1] == -3.3
    assert values("过去一年，CPI微降0.1%，", indicator="居民消费价格")[0][1] == -0.1
    assert values("单位国内生产总值能耗降低2.5%左右。", indicator="单位GDP能耗")[0][1] == 2.5
    # 海南 2026: 服务进出口总额增长22.1% is trade in services, not the region's trade.
    assert values("社会消费品零售总额增长5%，服务进出口总额增长22.1%，", indicator="进出口总额") == []


def test_report_year_from_date_title_file_name_or_text():
    assert report_year(date="2026-02-09") == 2026
    assert report_year(title="2026年北京市政府工作报告") == 2026
    assert report_year(title="现在，我代表国务院", file_name="2025_国务院_政府工作报告.txt") == 2025
    assert report_year(text="各位代表：\n一、2024年工作回顾\n") == 2025
    assert report_year(title="一、2025年工作回顾和“十四五”发展主要成绩") == 2026
    assert report_year() is None


def test_regions_and_indicator_names():
    assert region_named("2026_四川省_政府工作报告.txt") == "四川省"
    assert region_named("2026年广西壮族自治区政府工作报告") == "广西壮族自治区"
    assert region_named(None, "2025_国务院_政府工作报告.txt") == "全国"
    assert region_named("工作报告") is None
    assert indicator_named("GDP") == indicator_named("gdp") == indicator_named("经济增长") == "地区生产总值"
    assert indicator_named("CPI") == "居民消费价格"
    assert indicator_named("幸福指数") is None
    assert indicator_named("粮食") == "粮食产量" and indicator_named("失业率") is None  # 调查 or 登记: ambiguous


# -- pairing ---------------------------------------------------------------------------------------

def test_targets_pair_with_targets_never_with_last_years_result():
    a = EngineDocument.from_text(0, "过去一年，地区生产总值增长5.5%。\n今年主要预期目标是：地区生产总值增长5%左右。")
    b = EngineDocument.from_text(1, "过去一年，全省生产总值增长5.3%。\n主要预期目标为：经济增长5.5%左右。")
    pairs = pair_indicators(extract_indicators(a, 2026), extract_indicators(b, 2026))
    got = [(p.period, p.a_text, p.b_text, p.differs, p.a_qualifier, p.b_qualifier) for p in pairs]
    assert got == [("2025年", "5.5%", "5.3%", True, "", ""), ("2026年目标", "5%左右", "5.5%左右", True, "左右", "左右")]


def test_a_yearly_average_count_is_never_paired_with_a_five_year_total():
    # The 2026 reports of 四川 (五年 城镇新增就业522万人) and 重庆 (城镇新增就业年均超过70万人) in their words.
    a = EngineDocument.from_text(0, "一、“十四五”时期工作回顾\n五年来，城乡就业增收更加提质，城镇新增就业522万人。")
    b = EngineDocument.from_text(1, "一、“十四五”时期工作回顾\n五年来，就业增收更加扎实有力，城镇新增就业年均超过70万人。")
    (total,), (yearly,) = extract_indicators(a, 2026), extract_indicators(b, 2026)
    assert (yearly.value, yearly.qualifier, yearly.period) == (70, "超过", "2021—2025年年均")
    assert "年均" not in total.period
    assert not pair_indicators([total], [yearly])


def test_same_value_other_qualifier_differs():
    a = EngineDocument.from_text(0, "今年主要预期目标是：地区生产总值增长5%左右。")
    b = EngineDocument.from_text(1, "今年主要预期目标是：地区生产总值增长5%以上。")
    (p,) = pair_indicators(extract_indicators(a, 2026), extract_indicators(b, 2026))
    assert (p.a_value, p.b_value, p.differs) == (5, 5, True)


def test_compare_json_carries_indicator_pairs():
    a = EngineDocument.from_text(0, "2026年工作安排\n今年主要预期目标是：地区生产总值增长5%左右，居民消费价格涨幅2%左右。")
    b = EngineDocument.from_text(1, "2026年工作安排\n今年主要预期目标是：地区生产总值增长5.5%左右，居民消费价格涨幅2%左右。")
    figures = compare(a, b).to_json()["figures"]
    gdp = [f for f in figures if f["measure"] == "地区生产总值"]
    cpi = [f for f in figures if f["measure"] == "居民消费价格"]
    assert [(f["a_text"], f["b_text"], f["differs"], f["unit"], f["period"]) for f in gdp] == [
        ("5%左右", "5.5%左右", True, "%", "2026年目标")]
    assert [f["differs"] for f in cpi] == [False]
    mirrored = compare(a, b).mirrored()
    assert [(f.a_text, f.b_text) for f in mirrored.figures if f.measure == "地区生产总值"] == [("5.5%左右", "5%左右")]


# -- floors on the 31 provincial reports ------------------------------------------------------------

@pytest.fixture(scope="module")
def excerpts():
    return excerpt_values()


def test_gdp_targets_of_every_province_are_read_right(excerpts):
    scores = figure_quality(*excerpts)
    assert scores["gdp_target"].labelled >= 32
    assert scores["gdp_target"].precision >= 0.95 and scores["gdp_target"].recall >= 0.95, scores["gdp_target"].wrong
    for key in ("cpi_target", "unemployment_target", "jobs_target"):
        assert scores[key].precision >= 0.9 and scores[key].recall >= 0.9, scores[key].wrong
    assert scores["jobs_target"].labelled >= 20
    assert scores["gdp_result"].precision >= 0.9 and scores["gdp_result"].recall >= 0.85, scores["gdp_result"].wrong


def test_more_indicators_read_right_in_the_whole_reports():
    """粮食产量, 一般公共预算收入, 居民人均可支配收入, 固定资产投资, 社会消费品零售总额, 单位GDP能耗, 赤字率 and 进出口总额 against
    targets_whole.toml (read in the whole reports; a report stating none is labelled so). When
    labelled: every score 100 % but grain results (13/14: the State Council's 跃上1.4万亿斤 missed),
    income results (precision 12/13: 山东's five-year 34.3% read as 2025's) and retail targets (18/19:
    黑龙江's 社会消费品零售总额、固定资产投资增长4%左右) and the State Council's 2024 energy result
    (能耗降幅超过3% missed); now all 100 %. Floors below."""
    from report_quality import whole_figure_quality, whole_values

    scores = whole_figure_quality(*whole_values())
    for key, least in (("grain_target", 15), ("grain_result", 14), ("revenue_target", 20), ("revenue_result", 20),
                       ("income_target", 2), ("income_result", 12), ("fai_target", 14), ("retail_target", 19),
                       ("energy_target", 1), ("energy_result", 1), ("deficit_target", 1), ("trade_target", 7)):
        score = scores[key]
        assert score.labelled >= least
        assert score.precision >= 0.95 and score.recall >= 0.9, (key, score.wrong)


def test_gdp_targets_pair_across_the_provinces(excerpts):
    right, provinces, wrong = target_pairing(*excerpts)
    assert provinces == 31
    assert right >= 0.9 * provinces, wrong


# -- the command -----------------------------------------------------------------------------------

def test_duidu_figures_lists_each_documents_values(capsys, tmp_path, seeded_default):
    paths = [str(DATA / f"2026_{r}_政府工作报告_targets.txt") for r in ("四川省", "江苏省", "广东省")]
    assert main(["import", *paths]) == 0
    capsys.readouterr()
    assert main(["figures", "--indicator", "GDP", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (growth,) = [i for i in data["indicators"] if i["unit"] == "%"]
    assert growth["name"] == "地区生产总值"
    targets = {v["region"]: (v["value"], v["qualifier"]) for v in growth["values"] if v["period"] == "2026年目标"}
    assert targets == {"四川省": (5.5, "左右"), "江苏省": (5, ""), "广东省": (4.5, "区间")}
    from duidu.library.store import Library

    with Library.open() as lib:
        for v in growth["values"]:
            assert {"doc", "region", "value", "qualifier", "period", "text", "start", "end"} <= set(v)
            assert lib.text(v["doc"]).text[v["start"]:v["end"]] == v["text"]  # spans index the stored text
    assert main(["figures", "--indicator", "地区生产总值"]) == 0
    out = capsys.readouterr().out
    assert "地区生产总值 (%)" in out and "2026年目标 5.5%左右" in out and "2026年目标 4.5%—5%" in out
    with pytest.raises(SystemExit) as exit_:
        main(["figures", "--indicator", "幸福指数"])
    assert exit_.value.code == 2
