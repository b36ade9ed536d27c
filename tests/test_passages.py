"""Shared passages: across scripts, reordered, reworded, with exact stored-text offsets."""

from __future__ import annotations

import pytest

from duidu.engine.document import EngineDocument
from duidu.engine.passages import JOIN_THRESHOLD, NUMBER, find_passages
from duidu.engine.progress import CancelToken, Cancelled
from passage_quality import evaluate, evaluate_corpus


@pytest.fixture(scope="module")
def chongqing_sichuan(module_lib):
    a, b = module_lib.engine_document(1), module_lib.engine_document(2)
    return a, b, find_passages(a, b, is_boilerplate=module_lib.boilerplate())


def find(passages, a_fragment):
    return [p for p in passages if a_fragment in p.a_text]


def test_offsets_index_the_stored_texts(chongqing_sichuan):
    a, b, passages = chongqing_sichuan
    assert len(passages) > 10
    for p in passages:
        assert a.text[p.a_start : p.a_end] == p.a_text
        assert b.text[p.b_start : p.b_end] == p.b_text
        assert JOIN_THRESHOLD <= p.similarity <= 1.0
        assert (p.kind == "verbatim") == (p.similarity == 1.0)
        assert a.keyform.map.to_src_span(*p.a_key) == (p.a_start, p.a_end)


def test_issue_examples_across_scripts(chongqing_sichuan):
    _, _, passages = chongqing_sichuan
    (p,) = find(passages, "学前教育发展共同体")
    assert p.b_text == "成立成渝學前教育發展共同體" and p.kind == "fuzzy"
    (p,) = find(passages, "职教集团")
    assert "6個職教集團、4個職教聯盟,覆蓋兩地662所職業院校" in p.b_text


def test_moved_text_is_found_in_either_order():
    a = EngineDocument.from_text(1, "第一段讲共建名师名校长工作室遴选教师。\n第二段讲联合举办川渝青年教师风采大赛活动。")
    b = EngineDocument.from_text(2, "第二段讲联合舉辦川渝青年教師風采大賽活動。\n第一段講共建名師名校長工作室遴選教師。")
    passages = find_passages(a, b)
    pairs = {(p.a_start < 20, p.b_start < 20) for p in passages}
    assert pairs == {(True, False), (False, True)}  # crossed: a monotonic diff finds only one


def test_boilerplate_is_flagged_not_dropped(lib, chongqing_sichuan):
    a, _, passages = chongqing_sichuan
    is_boilerplate = lib.boilerplate()
    flagged = [p for p in passages if p.boilerplate]
    kept = [p for p in passages if not p.boilerplate]
    assert flagged and kept  # both kinds on this pair, so the checks below are not over nothing
    # The flag is the library's test applied to the passage's key text in A and in B (stock when
    # either wording is, or when what the two wordings share is widely held: which text is A must
    # not decide it), each passage decided on its own as in bulk, no more, no less.
    b = chongqing_sichuan[1]
    keys = lambda p: (a.keyform.text[slice(*p.a_key)], b.keyform.text[slice(*p.b_key)])  # noqa: E731
    stock = lambda p: is_boilerplate.assess_pairs(*zip(keys(p)))[0][0]  # noqa: E731
    assert all(stock(p) for p in flagged)
    assert not any(stock(p) for p in kept)
    assert not any(is_boilerplate(keys(p)[0]) or is_boilerplate(keys(p)[1]) for p in kept)
    assert any("成渝地区双城经济圈" in p.a_text for p in flagged)
    assert not any(p.boilerplate for p in find(passages, "职教集团"))


def test_cancel_and_progress(chongqing_sichuan):
    a, b, _ = chongqing_sichuan
    seen = []
    find_passages(a, b, progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        find_passages(a, b, cancel=token)


def test_recall_and_precision_on_the_labelled_seed_pairs(lib):
    """The figures the README states (python benchmarks/quality.py prints them)."""
    q = evaluate(lib)
    assert (q.links, q.nolinks) == (22, 16)
    assert q.recall >= 0.95, q.missed  # floors, so an engine that improves passes
    assert q.precision >= 0.90, q.false


def test_recall_and_precision_on_the_labelled_corpus_pairs():
    """Excerpts of the 2026 provincial reports and the national report (tests/data/corpus_passages)."""
    q = evaluate_corpus()
    assert q.links >= 20 and q.nolinks >= 20
    assert q.recall >= 0.95, q.missed
    assert q.precision >= 0.90, q.false


def pair(a: str, b: str):
    a, b = EngineDocument.from_text(1, a), EngineDocument.from_text(2, b)
    return a, b, find_passages(a, b)


def test_ends_never_cut_a_number_with_its_unit_or_qualifier():
    a, b, passages = pair("今年主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业60万人以上，粮食产量稳定。",
                          "今年主要预期目标是：地区生产总值增长5%以上，城镇新增就业50万人左右，粮食产量稳定。")
    assert passages
    for doc, spans in ((a, [(p.a_start, p.a_end) for p in passages]), (b, [(p.b_start, p.b_end) for p in passages])):
        for m in NUMBER.finditer(doc.text):
            for start, end in spans:
                assert not (m.start() < start < m.end() or m.start() < end < m.end()), (doc.text[start:end], m.group())


def test_ends_never_fall_inside_a_word():
    """教育 in one, 體育 in the other: the passage takes the whole word or leaves it (issue 11)."""
    _, _, passages = pair("大力发展教育协同发展试验区的建设工作。", "积极推动體育協同發展試驗區的建設工作。")
    (p,) = passages
    assert not p.a_text.startswith("育") and not p.b_text.startswith("育")
    assert "协同发展试验区的建设工作" in p.a_text


def test_a_paragraph_quoted_several_times_is_one_passage_with_partners():
    para = "深化成渝地区双城经济圈职业教育合作，共建川渝职业教育产教融合示范区，联合培养高技能人才。"
    a, b, passages = pair("第一部分。" + para + "第二部分讲别的事情，完全不同。",
                          "开头。" + para + "中间一段。" + para + "又一段。" + para + "结尾。")
    (p,) = passages
    assert [x.side for x in p.partners] == ["b", "b"]
    spans = sorted([(p.b_start, p.b_end)] + [(x.start, x.end) for x in p.partners])
    assert [b.text[s:e] for s, e in spans] == [para.rstrip("。")] * 3
    assert len({s for s, _ in spans}) == 3  # each stretch of B links once


def test_a_short_insertion_does_not_split_a_list(lib):
    """现代产业学院、未来技术学院、[特色化示范性软件学院、]卓越工程师学院: one passage (issue 11)."""
    passages = find_passages(lib.engine_document(1), lib.engine_document(3), is_boilerplate=lib.boilerplate())
    (p,) = [p for p in passages if "现代产业学院" in p.a_text]
    assert "卓越工程师学院" in p.a_text and "卓越工程师学院" in p.b_text


def test_similarity_is_measured_on_characters():
    """跨区域协同 / 多跨协同的市域: the characters still shared inside the reworded stretch count."""
    _, _, passages = pair("建立健全跨区域协同治理机制，推动政务数据共享和业务协同办理。",
                          "建立健全多跨协同的市域治理机制，推动政务数据共享和业务协同办理。")
    (p,) = passages
    assert "跨区域协同治理" in p.a_text and "多跨协同的市域治理" in p.b_text


def test_short_quoted_names_link():
    _, _, passages = pair("实施“渝英荟萃”工程，启动新计划。", "开展“渝英荟萃”行动，另有安排。")
    assert [(p.a_text, p.b_text) for p in passages] == [("渝英荟萃", "渝英荟萃")]


def test_stock_formulas_are_boilerplate_without_any_library():
    _, _, passages = pair(
        "在以习近平同志为核心的党中央坚强领导下，我们坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，推动高质量发展。",
        "在以习近平同志为核心的党中央坚强领导下，全省坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，着力推动高质量发展。")
    assert passages and all(p.boilerplate for p in passages)


def test_informative_passages_score_higher(chongqing_sichuan):
    _, _, passages = chongqing_sichuan
    (agreement,) = find(passages, "教育协同发展框架协议")
    stock = [p for p in passages if p.boilerplate]
    assert stock and agreement.informativeness > max(p.informativeness for p in stock)


def test_partners_follow_a_swap_and_count_as_shared():
    from duidu.engine.compare import compare

    para = "深化成渝地区双城经济圈职业教育合作，共建川渝职业教育产教融合示范区，联合培养高技能人才。"
    a = EngineDocument.from_text(1, "第一部分。" + para + "第二部分讲别的事情，完全不同。")
    b = EngineDocument.from_text(2, "开头。" + para + "中间一段。" + para + "又一段。" + para + "结尾。")
    c = compare(a, b)
    assert c.similarity.b_in_a > 0.9  # all three copies in B are shared, not one
    (p,) = c.mirrored().passages
    assert [x.side for x in p.partners] == ["a", "a"]
    assert all(b.text[x.start : x.end] == x.text for x in p.partners)  # B is the mirrored A


def test_runs_are_maximal_exact_matches_covering_every_seed():
    """The bulk matcher (seeds by sorting, runs grown along diagonals) against the definition."""
    import random

    import numpy as np

    from conftest import repetitive_keys
    from duidu.engine import passages as engine

    rng = random.Random(3)
    checked = 0
    for _ in range(200):
        ka, kb = repetitive_keys(rng, 2, 300)
        ca, cb = engine._codes(ka, kb)
        ida, idb = engine._grams(ca), engine._grams(cb)
        if not len(ida) or not len(idb):
            continue
        ii, jj, _ = engine._seed_pairs(ida, idb, np.arange(len(ida)), np.arange(len(idb)))
        runs = engine._grown(ca, cb, ii, jj).tolist()
        assert len({(a, b) for a, b, _ in runs}) == len(runs)
        for a, b, n in runs:
            assert n >= engine.SEED and ka[a : a + n] == kb[b : b + n]
            assert a == 0 or b == 0 or ka[a - 1] != kb[b - 1]
            assert a + n == len(ka) or b + n == len(kb) or ka[a + n] != kb[b + n]
        for i, j in zip(ii.tolist(), jj.tolist()):
            assert any(b - a == j - i and a <= i and i + engine.SEED <= a + n for a, b, n in runs)
        checked += len(runs)
    assert checked > 1000


def test_comparing_b_with_a_mirrors_comparing_a_with_b(module_lib):
    """Which document is A decides nothing: every pair of the seeds, either way round, links the
    same stretches to the same partners, with the same flags and scores (a swap of the reader's
    panes mirrors the analysis instead of computing it again: tests/test_reader.py)."""
    from itertools import combinations

    ids = sorted(d.id for d in module_lib.documents())
    assert len(ids) == 5
    by_place = lambda p: (p.a_start, p.b_start)  # noqa: E731
    linked = 0
    for x, y in combinations(ids, 2):
        forward, backward = module_lib.compare(x, y), module_lib.compare(y, x)
        mirrored = sorted(forward.mirrored().passages, key=by_place)
        assert mirrored == sorted(backward.passages, key=by_place), (x, y)
        assert forward.mirrored().similarity == backward.similarity
        linked += len(mirrored)
    assert linked > 50  # the pairs share passages, so the check is not over nothing


def test_a_frame_around_different_figures_is_not_shared_content():
    """外国获批在川设立领事机构增至24家 / 在渝…增至15个 (tests/data/corpus_passages): the words match,
    the counts do not; the passage is found and flagged, not shown (engine/frames.py)."""
    from passage_quality import corpus_documents

    docs = corpus_documents()
    passages = find_passages(docs["sichuan"], docs["chongqing"])
    (p,) = [p for p in passages if "设立领事机构增至" in p.a_text]
    assert p.boilerplate
    # The rest of what the two share there stays shown: the conference both hosted.
    assert any("科技交流大会" in p.a_text and not p.boilerplate for p in passages)


def test_the_same_words_around_the_same_figure_stay_shared():
    """The frame rule needs the figures to differ (sentences of the Guangdong and Fujian reports)."""
    from duidu.engine.frames import figure_frame

    a = "技术企业达7.4万家。新增境内外上市公司45家、总量达1224家。"
    b = "兴银投资获批开业。新增境内外上市公司16家，年度A股、港股最大IPO项目双双落地。"
    span = lambda text: (text.index("新增"), text.index("公司") + 2)  # noqa: E731
    assert figure_frame(a, span(a), b, span(b))
    same = b.replace("16家", "45家")
    assert not figure_frame(a, span(a), same, span(same))
    # A figure before the passage counts too (建设10个 / 40个 国家临床重点专科).
    a = "建设10个国家临床重点专科，建成2个中心。"
    b = "建成40个国家临床重点专科，建成25个中心。"
    span = lambda text: (text.index("国家"), text.index("专科") + 2)  # noqa: E731
    assert figure_frame(a, span(a), b, span(b))
    # A passage with figures of its own says them: not a frame (100名教师互派交流 …).
    a, b = "推动100名教师互派交流3次。", "推动100名教师互派交流5次。"
    assert not figure_frame(a, (2, 13), b, (2, 13))
    # A clause break between the passage and a figure: the figure belongs to the next clause.
    a, b = "建成成渝世界级机场群，新增航线12条。", "共建成渝世界级机场群，开通航线30条。"
    assert not figure_frame(a, (2, 10), b, (2, 10))


def test_a_numbered_slogan_counting_other_things_is_not_shared():
    """“三位一体” after 中医药事业产业文化 (Sichuan) and after 数量、质量、生态 (Chongqing): the same
    number of different things; “五统一、一开放” quoted bare in both (Guangdong, Fujian) stays linked."""
    _, _, passages = pair("推进中医药事业产业文化“三位一体”高质量发展。",
                          "完善数量、质量、生态“三位一体”耕地保护体系。")
    assert [p.a_text for p in passages] == ["三位一体"] and passages[0].boilerplate
    _, _, passages = pair("建设好服务好运用好全国统一大市场。落实“五统一、一开放”基本要求，完善产权保护。",
                          "融入统一大市场。坚持“五统一、一开放”，着力打通制约经济循环的堵点。")
    assert [(p.a_text, p.boilerplate) for p in passages] == [("五统一、一开放", False)]


def test_a_passage_ends_at_the_sentence_its_shared_content_is_in():
    """Two reports end one sentence and start the next alike, then go on differently (sentences
    of the 2026 Liaoning / Jilin, Jiangsu / Anhui and Tianjin / Beijing reports, the 2025 national
    and the 2026 Sichuan report): a passage keeps the pieces between sentence ends that are passages
    themselves, and no word dangling past a clause break (issue 11)."""
    _, _, passages = pair("“十四五”时期是开启全面建设社会主义现代化国家新征程的第一个五年。全省上下深入落实省第十三次党代会部署要求。",
                          "“十四五”时期是吉林高质量发展攻坚克难、砥砺奋进、蓄势聚能的五年。全省上下深入贯彻习近平总书记重要指示精神。")
    assert not [p.a_text for p in passages if "五年" in p.a_text]  # 五年。全省上下深入: two fragments
    _, _, passages = pair("不断健全社会保障体系。加快发展多层次、多支柱养老保险体系，扩大失业、工伤保险覆盖面。",
                          "加大社会保障力度。加快发展多层次、多支柱养老保险体系，扩大企业年金和个人养老金覆盖范围。")
    assert [(p.a_text, p.b_text) for p in passages] == [("加快发展多层次、多支柱养老保险体系",) * 2]
    _, _, passages = pair("加快建立国有企业履行战略使命评价制度。扎扎实实落实促进民营经济发展的法律法规。",
                          "强化国有企业履行战略使命评价，制定实施进一步深化国资国企改革方案。")
    assert [(p.a_text, p.b_text) for p in passages] == [("国有企业履行战略使命评价",) * 2]
    _, _, passages = pair("促进新质生产力加快发展。\n积极共建北京（京津冀）国际科技创新中心。聚焦天津所长、所需、所能。",
                          "强化产业圈联动发展，积极推动北京（京津冀）国际科技创新中心建设，持续提升科技成果区域内转化效率和比重。")
    (p,) = passages
    assert (p.a_text, p.b_text) == ("积极共建北京（京津冀）国际科技创新中心", "积极推动北京（京津冀）国际科技创新中心")


def test_a_clause_the_two_go_on_with_differently_is_cut_from_a_passage():
    """…现代化综合立体交通网，开工建设 [广州新机场… / 潮南高速三明段…] (Guangdong, Fujian) and
    …等特色优势产业，立足实际 [加快发展林下经济 / 发展生物医药] (Guizhou, Yunnan): the start of a clause
    each goes on with differently is not shared content; a whole short clause both end alike is
    (落实离境退税政策，扩大入境消费: Qinghai, Tibet)."""
    _, _, passages = pair("积极推动传统基础设施新建、更新和数智化改造。构建现代化综合立体交通网，开工建设广州新机场、广清永高铁等项目。",
                          "加强现代化基础设施建设。打造现代化综合立体交通网，开工建设潮南高速三明段、上浦高速浦城段等出入省通道。")
    assert [p.a_text for p in passages] == ["现代化综合立体交通网"]
    _, _, passages = pair("积极发展茶叶、辣椒、肉牛、中药材、食用菌等特色优势产业，立足实际加快发展林下经济、壮大林业产业。",
                          "巩固提升高原特色农业、文旅、绿色能源、烟草、现代物流等特色优势产业，立足实际发展生物医药、新材料。")
    assert not [p.a_text for p in passages if "立足实际" in p.a_text]
    _, _, passages = pair("支持西宁建设青藏高原区域性消费中心城市。落实离境退税政策，扩大入境消费。加快布局建设充电基础设施。",
                          "推动电商平台下沉赋能，支持建设更多本地仓。落实离境退税政策，扩大入境消费。加强消费者权益保护。")
    assert [p.a_text for p in passages] == ["落实离境退税政策，扩大入境消费"]


def test_sentences_shared_whole_stay_one_passage():
    """Consecutive sentences both texts share are one passage across the sentence end, and a list
    item after 、 is no dangling word (sentences of the 2026 Liaoning / Jilin and Jiangsu / Anhui
    reports)."""
    _, _, passages = pair("着力稳定房地产市场。因城施策控增量、去库存、优供给，加快构建房地产发展新模式。",
                          "着力稳定房地产市场。因城施策控增量、去库存、优供给。强化商品房预售资金监管。")
    (p,) = passages
    assert p.a_text == p.b_text == "着力稳定房地产市场。因城施策控增量、去库存、优供给"
    _, _, passages = pair("培育发展量子科技、生物制造、氢能、脑机接口、具身智能、第六代移动通信等前沿性未来产业。",
                          "加速布局量子科技、生物制造、氢能和核聚变能、脑机接口、具身智能、第六代移动通信、前沿材料等十大未来产业。")
    (p,) = passages
    assert p.a_text == "量子科技、生物制造、氢能、脑机接口、具身智能、第六代移动通信"


def test_no_passage_ends_inside_an_approximate_number():
    """750余万人次 / 750多万人次 (the 2026 Jiangxi and Fujian reports): 惠及消费者750 shares no figure."""
    _, _, passages = pair("带动相关商品销售超800亿元、惠及消费者750余万人次；旅游总花费增长。",
                          "实施以旧换新，带动消费791亿元，惠及消费者750多万人次。即时零售规模扩大。")
    assert not [p.a_text for p in passages if "750" in p.a_text]
    assert [m.group() for m in NUMBER.finditer("750余万人次、800多亿元、30万")] == ["750余万人次", "800多亿元", "30万"]


def test_a_passage_neither_starts_nor_ends_on_a_particle_that_joins_what_is_outside():
    """群众得实惠最多的 [历史时期 / 五年] (Qinghai, Tibet): a modifier's 的 without its head is no
    shared content; 卓越工程师学院和 (the seeds) ends on the list's name, not its conjunction. A
    word that only ends in such a character stays whole (惠及: Guangdong, Fujian)."""
    _, _, passages = pair("青海步入发展最好、变化最大、群众得实惠最多的历史时期。",
                          "这五年是各族群众得实惠最多的五年。我们把改善民生作为出发点。")
    assert not [p.a_text for p in passages if p.a_text.endswith("的")]
    _, _, passages = pair("推进现代产业学院、未来技术学院、特色化示范性软件学院、卓越工程师学院和卓越医师学院等特色学院建设。",
                          "建强一批现代产业学院、未来技术学院、卓越工程师学院和专业特色学院。")
    (p,) = passages
    assert p.a_text.endswith("卓越工程师学院") and p.b_text.endswith("卓越工程师学院")
    _, _, passages = pair("实施学前一年免费教育政策、惠及168万名儿童，全面落实育儿补贴政策。",
                          "学前一年免费教育政策惠及幼儿41万人，普通高中录取率提升至72%。")
    assert [p.b_text for p in passages] == ["学前一年免费教育政策惠及"]


FULL = __import__("pathlib").Path(__file__).parent / "data" / "reports_full"  # whole reports (PROVENANCE.tsv)


def report(name: str, n: int) -> EngineDocument:
    from duidu.text.clean import clean

    text = clean((FULL / f"{name}_政府工作报告.txt").read_text(encoding="utf-8")).text
    return EngineDocument.from_text(n, text, title=name, region=name[5:])


@pytest.fixture(scope="module")
def sichuan_chongqing():
    return report("2026_四川省", 1), report("2026_重庆市", 2)


def test_a_phrase_both_texts_repeat_is_shown_once_with_partners(sichuan_chongqing):
    """提升成渝地区双城经济圈发展能级 stands twice in each report: one passage, the other two places its
    partners (issue 11 part 2: each stretch links once), whichever report is A."""
    phrase = "提升成渝地区双城经济圈发展能级"
    for a, b in (sichuan_chongqing, sichuan_chongqing[::-1]):
        shown = [p for p in find_passages(a, b) if not p.boilerplate]
        (p,) = [p for p in shown if p.a_text == phrase]
        assert p.b_text == phrase and sorted(x.side for x in p.partners) == ["a", "b"]
        for x in p.partners:
            assert (a if x.side == "a" else b).text[x.start : x.end] == x.text == phrase
        starts_a = {p.a_start} | {x.start for x in p.partners if x.side == "a"}
        assert starts_a == {m.start() for m in __import__("re").finditer(phrase, a.text)}
        # And no other text is shown twice on this pair.
        assert len({q.a_text for q in shown}) == len(shown) and len({q.b_text for q in shown}) == len(shown)


def test_a_distinctive_short_item_links_where_the_other_text_names_it(sichuan_chongqing):
    """打造西部金融中心 (Sichuan, a measure) / 西部金融中心建设提速 (Chongqing, no measure there): the name
    links though shorter than a passage; short common-word names the two share (现代水网体系,
    枢纽经济) are found and flagged, not shown; 川渝通办, linked inside 355项“川渝通办”事项, is not
    linked again. Either way round (engine/compare.py passes the measure layer's names)."""
    from duidu.engine.compare import compare

    for a, b in (sichuan_chongqing, sichuan_chongqing[::-1]):
        passages = compare(a, b).passages
        shown = {p.a_text for p in passages if not p.boilerplate}
        assert "西部金融中心" in shown
        assert not {"现代水网体系", "枢纽经济"} & shown
        assert {"现代水网体系", "枢纽经济"} <= {p.a_text for p in passages if p.boilerplate}
        assert [t for t in shown if "川渝通办" in t] == ["355项“川渝通办”事项"]


def test_a_place_is_not_read_inside_a_compass_compound():
    """西部 names a shared place in 西部金融中心 (Sichuan × Chongqing, above), not in 东西部协作和支援合作
    (Beijing × Tianjin: a nationwide measure, not shown first) nor 中西部地区; a compass point that ends
    a name does not hide the next (陕西西安, 江西南昌)."""
    from duidu.engine.compare import compare
    from duidu.engine.places import names_in

    assert names_in("打造西部金融中心") == ["西部"]
    assert names_in("东西部协作和支援合作") == names_in("中西部地区") == names_in("东中西部") == []
    assert names_in("陕西西安") == ["陕西", "西安"] and names_in("江西南昌") == ["江西", "南昌"]
    beijing, tianjin = report("2026_北京市", 1), report("2026_天津市", 2)
    shown = [p for p in compare(beijing, tianjin).passages if "东西部协作和支援合作" in p.a_text]
    assert shown and not any(p.places for p in shown)


def test_a_short_item_is_unbroken_where_the_other_text_states_it():
    """帮扶产业 (a measure's name, 2025 national report) is not 帮扶、产业 (Zhejiang: two list items)."""
    from duidu.engine.compare import compare

    a, b = report("2025_国务院", 1), report("2026_浙江省", 2)
    assert "帮扶、产业" in b.text
    assert not [p for p in compare(a, b).passages if "帮扶" in p.a_text and "帮扶、产业" in p.b_text]


def test_a_passage_gives_up_a_character_both_sides_hold_in_different_words():
    """聚力打造生态文明高地 (Qinghai; jieba lacks 聚力) / 奋力打造生态文明高地 (Tibet): not 力打造…,
    which starts inside 奋力 and inside 聚力; either way round."""
    qinghai, tibet = report("2026_青海省", 1), report("2026_西藏自治区", 2)
    for a, b in ((qinghai, tibet), (tibet, qinghai)):
        passages = find_passages(a, b)
        assert not [p for p in passages if p.a_text.startswith("力") or p.b_text.startswith("力")]
        assert ("打造生态文明高地",) * 2 in [(p.a_text, p.b_text) for p in passages]


def test_no_passage_joins_list_items_across_a_figure_one_side_counts():
    """美丽河湖7个、美丽海湾16个 (Shandong's results) / 打造美丽河湖、美丽海湾 (Hebei): the figure ends an
    item on one side only; the two items link where Shandong names them bare (美丽河湖、美丽海湾建成率)."""
    shandong, hebei = report("2026_山东省", 1), report("2026_河北省", 2)
    for a, b, side in ((shandong, hebei, "a_text"), (hebei, shandong, "b_text")):
        passages = [p for p in find_passages(a, b) if "美丽河湖" in p.a_text]
        assert [(p.a_text, p.b_text) for p in passages] == [("美丽河湖、美丽海湾",) * 2]
        assert not any("7个" in getattr(p, side) for p in passages)


def test_boundary_rules_keep_what_they_should():
    """The two rules above, where they must not fire: 亚太经合组织（APEC）第三十三次领导人非正式会议 (Guangdong)
    keeps linking the national report's 亚太经合组织领导人非正式会议 (a figure in brackets ends no list
    item); 国家技术创新中心、产业技术工程化中心 (Hunan) / 国家制造业创新中心、国家产业技术工程化中心 (Jiangxi)
    does not start at 中心、 (制造业|创新 is a word the dictionary knows: nothing is cut)."""
    a, b = report("2025_国务院", 1), report("2026_广东省", 2)
    assert any("亚太经合组织领导人非正式会议" in p.a_text and "APEC" in p.b_text for p in find_passages(a, b))
    a, b = report("2026_湖南省", 1), report("2026_江西省", 2)
    assert not [p for p in find_passages(a, b) if p.a_text.startswith("中心") or p.b_text.startswith("中心")]
