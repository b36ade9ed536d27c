"""Frames around different names: the same clause tail said of different things (engine/frames.py).

Sentences of the 2026 provincial government work reports (../shared/corpus/provinces-2026, copied
here as test text: Sichuan, Chongqing, Hubei, Henan, Guizhou, Yunnan, Shanghai, Zhejiang)."""

from __future__ import annotations

from duidu.engine.document import EngineDocument
from duidu.engine.frames import name_frame
from duidu.engine.passages import find_passages


def spans(a: str, b: str, shared: str, b_shared: str | None = None):
    b_shared = b_shared or shared
    return a, (a.index(shared), a.index(shared) + len(shared)), b, (b.index(b_shared), b.index(b_shared) + len(b_shared))


def shown(a: str, b: str) -> list[str]:
    found = find_passages(EngineDocument.from_text(1, a), EngineDocument.from_text(2, b))
    return [p.a_text for p in found if not p.boilerplate]


SICHUAN = "深入推进“1+20”深化县域内城乡融合发展改革试点，成都西部片区国家城乡融合发展试验区经验做法获全国推广。"
CHONGQING = "累计实施城市更新项目223个，6个项目获评全国城市更新典型案例，23项经验做法获全国推广；五年改造城镇老旧小区8074个。"


def test_a_clause_tail_after_different_names_is_a_frame():
    # A named zone / a count before the same tail.
    assert name_frame(*spans(SICHUAN, CHONGQING, "经验做法获全国推广"))
    # Different projects before 特高压交流…工程等项目.
    assert name_frame(*spans("开工建设绵遂资内铁路（遂内段）、南三高速、攀西特高压交流工程等项目，加快实施引大济岷。",
                             "开工黔江至吉首高铁重庆段、福寿岩水库、川渝特高压交流加强工程等项目，建成奉节至建始高速等项目。",
                             "特高压交流工程等项目", "特高压交流加强工程等项目"))
    # Different waters before 水质稳定在Ⅱ类及以上 (Henan, Hubei).
    assert name_frame(*spans("黄河干流水质连续6年达到Ⅱ类，南水北调中线工程水源地及干渠水质稳定在Ⅱ类及以上，幸福河湖总长度超过5000公里。",
                             "长江干流、丹江口水库水质稳定在Ⅱ类及以上。", "水质稳定在Ⅱ类及以上"))
    # Found and flagged in a comparison, not shown.
    assert "经验做法获全国推广" not in shown(SICHUAN, CHONGQING)


def test_what_a_clause_says_after_a_verb_or_an_adverbial_stays_shared():
    # After a verb the passage is the verb's object (Shanghai 推动 / Zhejiang “基层 …”).
    a, b = "推动报表数据“只报一次”，实施居委会能力提升行动。", "迭代建设“基层报表数据只报一次”等35个省级重大应用。"
    assert not name_frame(*spans(a, b, "报表数据“只报一次", "报表数据只报一次"))
    # After an idiom used as an adverbial (Guizhou 坚定不移 / Yunnan 持之以恒).
    a, b = "（三）坚定不移大抓产业主攻工业。", "发展产业才能强省富民，要持之以恒大抓产业、主攻工业，全力打造“三基地一目的地”。"
    assert not name_frame(*spans(a, b, "大抓产业主攻工业", "大抓产业、主攻工业"))
    # The same tail after the same name, or after words naming one thing (首届 / 3届), is no frame.
    assert not name_frame(*spans(SICHUAN, SICHUAN.replace("试点，", "试点，重庆"), "经验做法获全国推广"))
    assert not name_frame(*spans("川渝教师联盟举办首届川渝青年教师风采大赛。", "聯合舉辦3屆川渝青年教師風采大賽。",
                                 "川渝青年教师风采大赛", "川渝青年教師風采大賽"))
    # A passage that does not end its clause on both sides is not the clause's tail.
    a = "省域经济副中心和区域中心城市发展能级持续提升，泸州经济总量突破3000亿元。"
    b = "深入推进新型城镇化，加快建设城市副中心和区域中心城市，持续壮大县域经济。"
    assert not name_frame(*spans(a, b, "副中心和区域中心城市"))
    assert any("风采大赛" in t for t in shown("川渝教师联盟举办首届川渝青年教师风采大赛。", "聯合舉辦3屆川渝青年教師風采大賽。"))


def test_the_same_words_around_each_documents_own_region_are_a_frame():
    """环北部湾广西水资源配置工程 (Guangxi) / 环北部湾广东水资源配置一期 (Guangdong): two provinces' own
    projects. With each report's region known, the passage is found and flagged; where one side
    names another's region (北京（京津冀）国际科技创新中心 in Beijing's and Tianjin's reports) the two
    share it and it stays shown."""
    from duidu.engine.frames import own_name_frame

    gx = "加快建设环北部湾广西水资源配置工程、长塘水库、邕北灌区、黑水河灌区等水利项目。"
    gd = "推进环北部湾广东水资源配置一期、二期和黄茅峡水库、长潭水库扩建等工程建设。"
    a, a_span, b, b_span = spans(gx, gd, "环北部湾广西水资源配置", "环北部湾广东水资源配置")
    assert own_name_frame(a, a_span, "广西壮族自治区", b, b_span, "广东省")
    assert not own_name_frame(a, a_span, None, b, b_span, None)  # regions unknown: nothing to tell
    found = find_passages(EngineDocument.from_text(1, gx, region="广西壮族自治区"),
                          EngineDocument.from_text(2, gd, region="广东省"))
    assert [(p.a_text, p.boilerplate) for p in found] == [("环北部湾广西水资源配置", True)]
    bj = "强化产业圈联动发展，积极推动北京（京津冀）国际科技创新中心建设，持续提升科技成果区域内转化效率和比重。"
    tj = "促进新质生产力加快发展。\n积极共建北京（京津冀）国际科技创新中心。聚焦天津所长、所需、所能。"
    a, a_span, b, b_span = spans(bj, tj, "北京（京津冀）国际科技创新中心")
    assert not own_name_frame(a, a_span, "北京市", b, b_span, "天津市")
