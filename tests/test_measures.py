"""duidu.engine.measures on the seeds: lexicon, patterns, spans, furniture, scripts, the table."""

from __future__ import annotations

from functools import lru_cache

import pytest

from duidu.engine.document import EngineDocument, Span
from duidu.engine.measures import (CATEGORIES, HEADS, OTHER, MeasureMention, by_region, extract_measures,
                                   lexicon, measure_table)
from duidu.paths import seed_path
from duidu.text.clean import clean
from duidu.text.keyform import query_key
from duidu.text.script import convert

SEEDS = {
    0: ("000_bf6dfff8fbad574e.txt", "重庆"),
    1: ("001_6a591adfc5be8ef4.txt", "四川"),
    2: ("002_a26b798a85d25e72.txt", "重庆"),
    3: ("003_a7b1866d95dd2697.txt", "长三角"),
    4: ("004_bae3a0f70cd3e527.txt", "两江新区—天府新区"),
}


@lru_cache(maxsize=None)
def seed(n: int) -> EngineDocument:
    name, region = SEEDS[n]
    text = clean(seed_path(name).read_text(encoding="utf-8")).text
    return EngineDocument.from_text(n, text, title=name, region=region)


@lru_cache(maxsize=None)
def mentions(n: int) -> tuple[MeasureMention, ...]:
    return tuple(extract_measures(seed(n)))


def names(n: int) -> set[str]:
    return {m.measure for m in mentions(n)}


def evidence(n: int, measure: str) -> list[str]:
    return [m.text for m in mentions(n) if m.measure == measure]


# -- the lexicon -------------------------------------------------------------------------------

def test_lexicon_is_large_well_formed_and_unambiguous():
    entries = lexicon()
    assert len(entries) >= 40
    seen: dict[str, str] = {}
    for e in entries:
        assert e.category in CATEGORIES and e.category != OTHER
        assert e.variants and e.name == query_key(e.name)
        for v in e.variants:
            assert v == query_key(v) and not any(ch.isdigit() for ch in v)
            assert seen.setdefault(v, e.name) == e.name, f"{v} names both {seen[v]} and {e.name}"
    assert len({e.name for e in entries}) == len(entries)


# -- seeds 000 (Chongqing) and 001 (Sichuan, traditional) ---------------------------------------

def test_chongqing_and_sichuan_share_the_core_measures():
    shared = names(0) & names(1)
    assert {"职教集团", "名师名校长工作室", "联席会议", "教师互派交流"} <= shared


def test_each_seed_words_the_shared_measures_its_own_way():
    assert "成立6个职教集团" in seed(0).text and "职教集团" in evidence(0, "职教集团")
    assert "舉辦6個職教集團" in seed(1).text and "職教集團" in evidence(1, "职教集团")
    assert "联席会议制度" in evidence(0, "联席会议") and "联席会议" in evidence(0, "联席会议")
    assert evidence(1, "联席会议") == ["聯席會議", "聯席會議"]
    assert evidence(0, "名师名校长工作室") == ["名师名校长工作室"]
    assert evidence(1, "名师名校长工作室") == ["名師名校長工作室"]
    assert evidence(1, "教师互派交流") == ["教師互派交流"]
    # Seed 003 lists 名师、名校长工作室 with a comma the key form drops; the span keeps it.
    assert "名师、名校长工作室" in evidence(3, "名师名校长工作室")


def test_seed003_finds_the_longer_name_of_vocational_groups():
    assert evidence(3, "职教集团").count("职业教育集团") == 5
    assert "学分银行" in names(3) and "学分银行" in names(2)


@pytest.mark.parametrize("n", sorted(SEEDS))
def test_spans_point_at_the_evidence(n):
    doc, found = seed(n), mentions(n)
    assert found, "every seed states some measure"
    assert [m.start for m in found] == sorted(m.start for m in found)
    variants = {v: e.name for e in lexicon() for v in (*e.variants, e.name)}
    for m in found:
        assert doc.text[m.start:m.end] == m.text
        assert m.source in ("slogan", "defined", "lexicon", "pattern")
        key = query_key(m.text)
        if m.source == "lexicon":
            assert variants[key] == m.measure
        elif m.source == "pattern":
            # The object, its head noun last or followed only by nouns of its compound (高标准农田).
            assert key.endswith(m.measure[-2:]) and any(h in m.measure for h in HEADS)


def test_pattern_names_drop_numbers_quantifiers_and_places():
    texts = ["成立6个川渝数字教育联盟。", "组建一批川渝数字教育联盟。", "組建一批川渝數字教育聯盟。"]
    found = [extract_measures(EngineDocument.from_text(k, t)) for k, t in enumerate(texts)]
    assert [[(m.measure, m.category, m.source) for m in f] for f in found] == [
        [("数字教育联盟", "教育", "pattern")]] * 3
    assert [f[0].text for f in found] == ["成立6个川渝数字教育联盟", "组建一批川渝数字教育联盟",
                                          "組建一批川渝數字教育聯盟"]


def test_pattern_skips_bare_heads_and_attributive_verbs():
    doc = EngineDocument.from_text(0, "完善机制,健全制度。督促落实的工作机制运行良好。")
    assert extract_measures(doc) == []


def test_pattern_yields_to_the_lexicon_and_lists_share_a_verb():
    doc = EngineDocument.from_text(0, "共建10个名师名校长工作室、川渝青年教师发展中心和教研联合体。")
    found = [(m.measure, m.source) for m in extract_measures(doc)]
    assert found == [("名师名校长工作室", "lexicon"), ("青年教师发展中心", "pattern"),
                     ("教研联合体", "pattern")]


# -- furniture -----------------------------------------------------------------------------------

def test_seed001_furniture_has_no_measures():
    doc = seed(1)
    assert doc.excluded
    for m in mentions(1):
        assert not any(e.start < m.end and m.start < e.end for e in doc.excluded), m


def test_caption_and_excluded_lines_produce_no_measures():
    caption = "成立6个职教集团签约仪式现场。曾诚 摄"
    body = "两地成立6个职教集团,建立联席会议制度。"
    doc = EngineDocument.from_text(0, f"{caption}\n{body}")
    assert [(e.start, e.end) for e in doc.excluded] == [(0, len(caption))]
    found = extract_measures(doc)
    assert [m.measure for m in found] == ["职教集团", "联席会议"]
    assert all(m.start > len(caption) for m in found)
    # A range the library marks as excluded is ignored the same way, patterns included.
    text = "组建川渝数字教育联盟。\n组建川渝智慧课堂联盟。"
    cut = EngineDocument.from_text(1, text, excluded=(Span(0, 11),))
    assert [m.measure for m in extract_measures(cut)] == ["智慧课堂联盟"]


# -- scripts ---------------------------------------------------------------------------------------

def test_traditional_and_simplified_sentences_give_the_same_measures():
    doc = seed(1)
    start = doc.text.index("同時,川渝兩地")
    trad = doc.text[start:doc.text.index("(完)")]
    simp = convert(trad, "t2s").text
    assert trad != simp
    a = extract_measures(EngineDocument.from_text(0, trad))
    b = extract_measures(EngineDocument.from_text(1, simp))
    assert len(a) >= 15
    assert [(m.measure, m.category, m.source) for m in a] == [(m.measure, m.category, m.source) for m in b]
    assert [query_key(m.text) for m in a] == [query_key(m.text) for m in b]


def test_repeating_a_document_repeats_its_measures():
    doc = seed(3)
    copies = EngineDocument.from_text(9, "\n".join([doc.text] * 4))
    once, four = mentions(3), extract_measures(copies)
    step = len(doc.text) + 1
    whole = 0
    for k in range(4):  # every copy the cleaner leaves whole (no furniture in it) says the same
        lo, hi = k * step, k * step + len(doc.text)
        if any(e.start < hi and lo < e.end for e in copies.excluded):
            continue
        whole += 1
        got = [(m.measure, m.start - lo, m.end - lo) for m in four if lo <= m.start < hi]
        assert got == [(m.measure, m.start, m.end) for m in once]
    assert whole >= 2


# -- the table ---------------------------------------------------------------------------------------

def test_measure_table_groups_across_the_seeds():
    docs = [seed(n) for n in sorted(SEEDS)]
    rows = measure_table(docs, {n: list(mentions(n)) for n in SEEDS})
    by_name = {r.name: r for r in rows}
    assert len(by_name) == len(rows)
    assert set(by_name["名师名校长工作室"].mentions) == {0, 1, 2, 3, 4}
    assert set(by_name["职教集团"].mentions) == {0, 1, 3}
    assert set(by_name["联席会议"].mentions) == {0, 1, 4}
    for row in rows:
        for doc_id, spans in row.mentions.items():
            assert spans == tuple(sorted(spans))
            for s, e in spans:
                assert any(m.start == s and m.end == e and m.measure in row.names for m in mentions(doc_id))
        assert row.name in row.names
    order = [(CATEGORIES.index(r.category), -len(r.mentions)) for r in rows]
    assert order == sorted(order)


def test_measure_table_extracts_what_is_not_given():
    docs = [seed(0), seed(1)]
    assert measure_table(docs) == measure_table(docs, {0: list(mentions(0)), 1: list(mentions(1))})


def test_measure_table_reads_a_document_once_and_never_stale():
    # A tuple of mentions (the library's, one object for a document's life) is read by name once and
    # kept with the document: tables over other sets, a document twice, or another tuple for the same
    # document (fewer mentions) give what a fresh reading of a list (never kept) gives.
    docs = [seed(n) for n in sorted(SEEDS)]
    kept, fresh = {n: mentions(n) for n in SEEDS}, {n: list(mentions(n)) for n in SEEDS}
    for ids in ([0, 1], [1, 3], [0, 1, 2, 3, 4], [2, 2], [1, 0]):
        first = measure_table([docs[n] for n in ids], kept)
        assert first and first == measure_table([docs[n] for n in ids], kept)
        assert first == measure_table([docs[n] for n in ids], fresh)
    fewer = mentions(0)[: len(mentions(0)) // 2]
    assert measure_table([docs[0]], {0: fewer}) == measure_table([docs[0]], {0: list(fewer)}) != \
        measure_table([docs[0]], kept)


def test_by_region_counts_documents_per_region():
    docs = [seed(n) for n in sorted(SEEDS)]
    regions = by_region(measure_table(docs, {n: list(mentions(n)) for n in SEEDS}), docs)
    assert regions["名师名校长工作室"] == {"重庆": 2, "四川": 1, "长三角": 1, "两江新区—天府新区": 1}
    assert regions["职教集团"] == {"重庆": 1, "四川": 1, "长三角": 1}


# -- any policy domain ---------------------------------------------------------------------------------

def measures_of(text: str, doc_id: int = 0) -> list[tuple[str, str, str]]:
    return [(m.measure, m.category, m.source) for m in extract_measures(EngineDocument.from_text(doc_id, text))]


def test_a_measure_is_named_by_its_object_whatever_the_verb():
    found = measures_of("推进京津冀国际科技创新中心建设。共建京津冀国际科技创新中心。加快建设未来技术学院，"
                        "推进未来技术学院建设。")
    assert [n for n, *_ in found] == ["京津冀国际科技创新中心"] * 2 + ["未来技术学院"] * 2


def test_a_negated_scope_stays_in_the_name():
    (neg,) = measures_of("健全非义务教育阶段学费标准动态调整机制。")
    (pos,) = measures_of("完善义务教育阶段学费标准动态调整机制。")
    assert neg[0].startswith("非义务教育") and not pos[0].startswith("非")
    assert neg[0] != pos[0]
    docs = [EngineDocument.from_text(0, "健全非义务教育阶段学费标准动态调整机制。"),
            EngineDocument.from_text(1, "完善义务教育阶段学费标准动态调整机制。")]
    assert len(measure_table(docs)) == 2  # never grouped across a negation


def test_slogans_group_with_their_long_forms_and_keep_other_terms_apart():
    a = EngineDocument.from_text(0, "加力扩围实施“两新”政策，扎实推进“两重”建设，深入实施“人工智能+”行动。")
    b = EngineDocument.from_text(1, "推动大规模设备更新和消费品以旧换新，加快国家重大战略实施和重点领域安全能力建设，"
                                    "实施人工智能＋行动。")
    c = EngineDocument.from_text(2, "加强“两新”组织党建工作，加快“三首两新”推广应用。")
    rows = {r.name: set(r.mentions) for r in measure_table([a, b, c])}
    assert rows["两新（大规模设备更新和消费品以旧换新）"] == {0, 1}
    assert rows["两重（国家重大战略实施和重点领域安全能力建设）"] == {0, 1}
    assert rows["人工智能+行动"] == {0, 1}
    assert all(2 not in docs for docs in rows.values() if docs & {0, 1})


def test_a_documents_own_short_form_names_one_measure_with_its_long_form():
    found = measures_of("持续推进“三个一批”（谋划一批、储备一批、实施一批）项目建设，“三个一批”项目完成投资。")
    assert [(n, s) for n, _, s in found] == [("三个一批", "defined")] * 3
    assert found[0][1] == "经济"  # 项目建设: the clause names the area


def test_names_of_one_meaning_group_across_documents_other_zones_do_not():
    docs = [EngineDocument.from_text(0, "推进京津冀国际科技创新中心建设。建设教育协同发展试验区。"),
            EngineDocument.from_text(1, "加快建设国际科技创新中心。建设教育改革发展试验区。")]
    rows = {r.name: (set(r.mentions), r.names) for r in measure_table(docs)}
    (centre,) = [v for n, v in rows.items() if n.endswith("国际科技创新中心")]
    assert centre[0] == {0, 1} and set(centre[1]) == {"京津冀国际科技创新中心", "国际科技创新中心"}
    assert rows["教育协同发展试验区"][0] == {0}
    assert rows["教育改革发展试验区"][0] == {1}


def test_a_bare_name_two_places_qualify_joins_neither():
    """The 2026 reports: 上海 and 安徽 共建上海（长三角）国际科技创新中心, 天津 and 河北 北京（京津冀）的, 北京
    and 广东 speak of their own as 国际科技创新中心 — which is neither the 长三角 nor the 京津冀 one."""
    docs = [EngineDocument.from_text(0, "共建上海（长三角）国际科技创新中心。"),
            EngineDocument.from_text(1, "积极共建北京（京津冀）国际科技创新中心。"),
            EngineDocument.from_text(2, "持续提升国际科技创新中心能级。")]
    rows = {r.name: set(r.mentions) for r in measure_table(docs)}
    assert rows == {"长三角国际科技创新中心": {0}, "京津冀国际科技创新中心": {1}, "国际科技创新中心": {2}}
    # With one place's centre only, the bare name is that one (test above): 京津冀 / 国际科技创新中心.
    rows = {r.name: set(r.mentions) for r in measure_table(docs[1:])}
    assert list(rows.values()) == [{1, 2}]


def test_words_of_another_area_put_in_make_another_measure_a_rewording_does_not():
    """Wordings of the 2026 provincial reports: 公共文化服务体系 is not 公共服务体系 nor 现代文化产业体系
    现代化产业体系, though one character apart; 整体 or an abbreviation spelt out changes nothing."""
    def rows(*texts):
        docs = [EngineDocument.from_text(k, t) for k, t in enumerate(texts)]
        return {r.name: set(r.mentions) for r in measure_table(docs)}

    assert len(rows("健全公共服务体系。", "健全公共文化服务体系。")) == 2
    assert len(rows("建设现代化产业体系。", "构建现代文化产业体系。")) == 2
    assert len(rows("布局重大基础设施。", "布局重大科技基础设施。")) == 2
    assert list(rows("健全社会治安防控体系。", "健全社会治安整体防控体系。").values()) == [{0, 1}]
    assert list(rows("健全民营企业参与重大项目建设长效机制。", "健全民企参与重大项目建设长效机制。").values()) == [{0, 1}]
    assert list(rows("开展规范涉企行政执法专项行动。", "开展规范涉企执法专项行动。").values()) == [{0, 1}]


def test_the_free_trade_zones_abbreviation_groups_with_its_long_form():
    docs = [EngineDocument.from_text(0, "高标准建设新疆自贸试验区，实施自贸试验区提升战略。"),
            EngineDocument.from_text(1, "推进内蒙古自由贸易试验区建设，深入实施自由贸易试验区提升战略。")]
    rows = {r.name: set(r.mentions) for r in measure_table(docs)}
    assert rows["自由贸易试验区"] == {0, 1} and rows["自由贸易试验区提升战略"] == {0, 1}


@pytest.mark.parametrize("text, area", [
    ("深入实施提振消费专项行动。", "经济"),
    ("大力发展低空经济。", "产业"),
    ("建设概念验证中心。", "科技"),
    ("组建川渝数字教育联盟。", "教育"),
    ("完善长期护理保险制度。", "民生"),
    ("开展重点行业节能降碳改造行动。", "生态"),
    ("实施高标准农田建设工程。", "农业农村"),
    ("实施城市更新行动。", "区域"),
    ("建设自贸试验区。", "开放"),
    ("实施文化遗产保护传承工程。", "文化"),
    ("推进“高效办成一件事”。", "治理"),
    ("健全社会治安整体防控体系。", "安全"),
])
def test_every_policy_area_has_its_measures(text, area):
    found = measures_of(text)
    assert found and found[0][1] == area, found


def test_rows_carry_an_instrument_type():
    docs = [EngineDocument.from_text(0, "深入实施提振消费专项行动。建设概念验证中心。完善长期护理保险制度。")]
    rows = {r.name: r.instrument for r in measure_table(docs)}
    assert rows == {"提振消费专项行动": "需求型", "概念验证中心": "供给型", "长期护理保险制度": "环境型"}


def test_the_shared_measures_of_the_provinces_are_found_in_each_and_little_is_left_uncategorised():
    from report_quality import catch_all, excerpt_measures, measure_quality

    docs, found, excerpts = excerpt_measures()
    score = measure_quality(found, excerpts)
    assert score.labelled >= 130
    assert score.recall >= 0.95 and score.precision >= 0.95, score.wrong
    share_mentions, share_rows, rows = catch_all(docs, {d.id: found[d.region] for d in docs})
    assert rows >= 300
    assert share_mentions <= 0.2 and share_rows <= 0.2
