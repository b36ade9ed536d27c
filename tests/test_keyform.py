"""The comparison key form: one script, no punctuation, numerals kept, mapped back exactly."""

from __future__ import annotations

from duidu.paths import seed_path
from duidu.text.keyform import key_form, query_key


def test_traditional_and_simplified_share_a_key():
    simp = "成立成渝地区学前教育发展共同体，组建小学教育联盟。"
    trad = "成立成渝地區學前教育發展共同體,組建小學教育聯盟。"
    assert key_form(simp).text == key_form(trad).text == "成立成渝地区学前教育发展共同体组建小学教育联盟"


def test_fullwidth_folded_numerals_kept_punctuation_and_space_dropped():
    text = "舉辦６個職教集團、4個職教聯盟　覆蓋662所ＡＢＣ；第七次"
    assert key_form(text).text == "举办6个职教集团4个职教联盟覆盖662所abc第七次"


def test_key_spans_map_back_to_stored_text():
    stored = next(seed_path().glob("000_*.txt")).read_text(encoding="utf-8")
    kf = key_form(stored)
    i = kf.text.index("教育科技人才是")
    a, b = kf.map.to_src_span(i, i + len("教育科技人才"))
    assert stored[a:b] == "教育、科技、人才"  # punctuation inside the span stays inside
    # And the other way: a stored span lands on its key characters, edges tight.
    j = stored.index("“推动成渝地区双城经济圈走深走实”")
    ka, kb = kf.map.to_dst_span(j, j + len("“推动成渝地区双城经济圈走深走实”"))
    assert kf.text[ka:kb] == "推动成渝地区双城经济圈走深走实"


def test_traditional_key_maps_back_through_the_conversion():
    stored = "川渝兩地以重大項目為載體，以專項行動為抓手"
    kf = key_form(stored)
    i = kf.text.index("重大项目为载体以专项")
    assert stored[slice(*kf.map.to_src_span(i, i + 10))] == "重大項目為載體，以專項"


def test_excluded_ranges_are_left_out():
    text = "正文一段。责任编辑：某人\n正文二段。"
    cut = text.index("责任编辑")
    kf = key_form(text, [(cut, text.index("\n"))])
    assert kf.text == "正文一段正文二段"
    k = kf.text.index("二段")
    assert text[slice(*kf.map.to_src_span(k, k + 2))] == "二段"


def test_query_key_matches_document_key():
    assert query_key("協同 發展") == "协同发展"
    assert query_key("，。") == ""


def test_compatibility_ideographs_fold_to_unified_forms():
    # U+F9B1 and U+FA0E are compatibility code points some sources use
    assert key_form("\uf9b1\u9234").text == key_form("\u9234\u9234").text
    assert len(key_form("\uf9b1").text) == 1


def test_a_key_form_cut_from_the_whole_texts_conversion_is_the_one_made_afresh():
    """An import converts a document to simplified once; its key form is cut from that
    conversion (furniture left out) wherever that gives the same text and map, else made afresh:
    on the seeds, simplified and traditional, with their own furniture and with ranges cut
    anywhere (inside clauses, through a converted phrase, at line ends)."""
    import random

    from duidu.text import keyform
    from duidu.text.clean import clean
    from duidu.text.script import convert

    cut = fresh = 0
    real = keyform.restricted

    def counting(*args):
        nonlocal cut, fresh
        part = real(*args)
        cut, fresh = cut + (part is not None), fresh + (part is None)
        return part

    keyform.restricted = counting
    try:
        rng = random.Random(15)
        for path in sorted(seed_path().glob("00*.txt")):
            c = clean(path.read_text(encoding="utf-8"))
            n, simplified = len(c.text), convert(c.text, "t2s")
            lines = [i for i, ch in enumerate(c.text) if ch == "\n"]
            a, b = sorted(rng.sample(lines, 2))
            cases = [[(e.start, e.end) for e in c.excluded], [(a + 1, b)], [(a, b + 1)], [(a + 1, b + 1)]]
            cases += [[(s, min(n, s + rng.randint(1, 30))) for s in rng.sample(range(n), 4)] for _ in range(8)]
            for excluded in cases:
                made, shared = key_form(c.text, excluded), key_form(c.text, excluded, simplified)
                assert shared.text == made.text and shared.map.to_bytes() == made.map.to_bytes(), excluded
    finally:
        keyform.restricted = real
    assert cut >= 10 and fresh >= 10  # both ways were taken
