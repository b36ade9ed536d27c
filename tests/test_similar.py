"""Similar-passage search on the seeds: across scripts, reworded, per document, after import and migration."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from duidu.engine.document import EngineDocument
from duidu.engine.similar import MAX_UNIT_KEY, MIN_UNIT_KEY, features, measures_in, score, units
from duidu.library import schema, similar_index
from duidu.library.store import Library
from duidu.text.keyform import query_key

CHONGQING = "000_bf6dfff8fbad574e.txt"  # simplified
SICHUAN = "001_6a591adfc5be8ef4.txt"  # traditional


def doc_id(library: Library, file_name: str) -> int:
    return library.resolve(file_name).id


def assert_well_formed(library: Library, hits) -> None:
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for h in hits:
        assert h.text == library.text(h.document_id).text[h.start : h.end]
        assert h.title == library.document(h.document_id).title
        assert 0 < h.score <= 1


def test_traditional_query_finds_the_simplified_sentence(lib):
    hits = lib.similar("成立成渝學前教育發展共同體", top=50)
    assert_well_formed(lib, hits)
    chongqing = [h for h in hits if h.document_id == doc_id(lib, CHONGQING)]
    assert "成立成渝地区学前教育发展共同体" in chongqing[0].text
    # the Sichuan report says it in those words: first overall
    assert "成立成渝學前教育發展共同體" in hits[0].text and hits[0].document_id == doc_id(lib, SICHUAN)


def test_simplified_query_finds_the_traditional_sentence(lib):
    hits = lib.similar("成立成渝地区学前教育发展共同体，组建小学教育联盟", top=5)
    assert_well_formed(lib, hits)
    assert hits[0].document_id == doc_id(lib, SICHUAN)
    assert hits[0].text == "成立成渝學前教育發展共同體,組建小學教育聯盟。"
    assert hits[0].score > 0.85


def test_identical_passage_scores_one(lib):
    sentence = "組建成渝地區雙城經濟圈職業教育協同發展大聯盟,成立6個職教集團、4個職教聯盟,覆蓋兩地職業院校662所。"
    (top,) = lib.similar(sentence, top=1)
    assert top.document_id == doc_id(lib, CHONGQING)
    assert query_key(top.text) == query_key(sentence)
    assert top.score == pytest.approx(1.0)


@pytest.mark.parametrize("query, chongqing, sichuan", [
    ("两地教师互相派遣交流", "100名教师互派交流", "100名教師互派交流"),
    ("两地共同建设名师名校长工作室", "共建10个名师名校长工作室", "共建10個國家級名師名校長工作室"),
    ("成渝两地互派访问学者", "成渝高校互派访问学者", "兩地高校互派訪問學者"),
])
def test_reworded_query_ranks_both_reports_first(lib, query, chongqing, sichuan):
    hits = lib.similar(query, top=3)
    assert_well_formed(lib, hits)
    found = {(h.document_id, phrase) for h in hits for phrase in (chongqing, sichuan) if phrase in h.text}
    assert found == {(doc_id(lib, CHONGQING), chongqing), (doc_id(lib, SICHUAN), sichuan)}


def test_document_restriction(lib):
    sichuan = doc_id(lib, SICHUAN)
    hits = lib.similar("职业院校662所", document_id=sichuan, top=5)
    assert hits and {h.document_id for h in hits} == {sichuan}
    assert "662所職業院校" in hits[0].text
    assert_well_formed(lib, hits)
    # the Yangtze River Delta review never mentions it, but still answers with its own passages
    delta = doc_id(lib, "003_a7b1866d95dd2697.txt")
    assert {h.document_id for h in lib.similar("覆盖两地职业院校", document_id=delta)} <= {delta}


def test_top_limits_the_results(lib):
    assert len(lib.similar("教育协同发展", top=7)) == 7
    assert lib.similar("教育协同发展", top=0) == []


@pytest.mark.parametrize("query", ["", "   ", "，。！？", "“”（）——", "\n\t"])
def test_empty_or_punctuation_only_query_finds_nothing(lib, query):
    assert lib.similar(query) == []


@pytest.mark.parametrize("query", ['教育 AND OR NOT "发展" *', "NEAR(职教 集团)", "{grams}: 职教", "职教^集团", "'\"\""])
def test_fts_syntax_in_the_query_is_only_text(lib, query):
    hits = lib.similar(query)
    assert_well_formed(lib, hits)


def test_furniture_is_not_indexed(lib):
    chongqing = doc_id(lib, CHONGQING)
    stored = lib.text(chongqing)
    rows = [(u[0], u[1]) for u in similar_index.stored_units(lib.db, chongqing)]
    assert stored.excluded and rows  # furniture to leave out, sentences indexed: the checks below check something
    for e in stored.excluded:
        assert not any(s <= e.start and e.end <= t for s, t in rows)
    hits = [h for h in lib.similar("责任编辑", top=20) if h.document_id == chongqing]
    assert hits and all("责任编辑" not in h.text for h in hits)  # its body answers; its 责任编辑 line does not


def test_importing_a_document_makes_its_sentences_searchable(tmp_path):
    with Library.open(tmp_path / "lib.sqlite") as library:
        assert not any("黔渝" in h.text for h in library.similar("黔渝两地联合开办山地农业职业教育示范学院"))
        new = tmp_path / "new.txt"
        new.write_text("黔渝協作簡報\n黔渝兩地聯合開辦山地農業職業教育示範學院，首批招生三百人。另有一句無關的話。", encoding="utf-8")
        doc = library.import_file(new).document
        (top,) = library.similar("黔渝两地联合开办山地农业职业教育示范学院", top=1)
        assert top.document_id == doc.id and top.score > 0.7
        assert top.text.startswith("黔渝兩地聯合開辦山地農業職業教育示範學院")
        assert top.text == library.text(doc.id).text[top.start : top.end]


def test_migration_backfills_an_older_library(tmp_path):
    path = tmp_path / "old.sqlite"
    db = Database(path)
    schema.migrate(db, str(path), target=schema.MIGRATIONS.index(schema._v4_measures_and_similar_index))
    text = "川渝合作\n推動川渝兩地100名教師互派交流。共建10個名師名校長工作室。"
    db["documents"].insert({"id": 1, "title": "旧库文档", "raw_text": text, "text": text, "text_hash": "h", "script": "traditional", "seed": 0})
    db["paragraphs"].insert_all([{"document_id": 1, "n": 0, "start": 0, "end": 4}, {"document_id": 1, "n": 1, "start": 5, "end": len(text)}])
    second = text.index("共建")
    db["sentences"].insert_all([
        {"document_id": 1, "n": 0, "start": 0, "end": 4, "paragraph": 0},
        {"document_id": 1, "n": 1, "start": 5, "end": second, "paragraph": 1},
        {"document_id": 1, "n": 2, "start": second, "end": len(text), "paragraph": 1},
    ])
    from duidu.library.engine_cache import store_keyform
    store_keyform(db, 1, text, [])
    db.close()
    with Library.open(path) as library:
        assert schema.version(library.db) == schema.LATEST
        assert [d.title for d in library.documents()] == ["旧库文档"]  # not re-seeded
        hits = library.similar("两地教师互相派遣交流")
        assert (hits[0].document_id, hits[0].text) == (1, "推動川渝兩地100名教師互派交流。")


def test_backfill_in_worker_processes_writes_the_same_rows(lib, tmp_path):
    path = tmp_path / "copy.sqlite"
    copy = Database(path)
    lib.db.conn.backup(copy.conn)
    copy.execute(f"INSERT INTO {similar_index.TABLE} ({similar_index.TABLE}) VALUES ('delete-all')")  # contentless
    copy.execute(f"DELETE FROM {similar_index.UNITS}")
    copy.execute("DELETE FROM measure_mentions")
    similar_index.backfill(copy, workers=2)
    ids = [d for (d,) in lib.db.execute("SELECT id FROM documents ORDER BY id")]
    assert [similar_index.stored_units(copy, d) for d in ids] == [similar_index.stored_units(lib.db, d) for d in ids]
    vocab = f"SELECT term, col, doc, cnt FROM {similar_index.TABLE}_vocab ORDER BY term, col"
    assert copy.execute(vocab).fetchall() == lib.db.execute(vocab).fetchall()  # the index holds the same tokens
    measures = "SELECT * FROM measure_mentions ORDER BY document_id"
    assert copy.execute(measures).fetchall() == lib.db.execute(measures).fetchall()


# -- the pure part ----------------------------------------------------------------------------


def test_units_cover_sentences_merge_short_ones_and_cut_long_ones():
    long_clauses = "，".join(f"第{i}项措施推进两地教育协同发展取得明显成效" for i in range(20))
    text = "一是健全合作交流机制。两地签署框架协议，制定行动计划。\n" + long_clauses + "。\n短句。"
    doc = EngineDocument.from_text(1, text)
    us = units(doc)
    assert text[us[0].start : us[0].end] == "一是健全合作交流机制。两地签署框架协议，制定行动计划。"
    long = [u for u in us if "第0项" in text[u.start : u.end] or "第19项" in text[u.start : u.end]]
    assert len(long) == 2 and all(len(u.key) <= MAX_UNIT_KEY for u in us if u.start >= text.index("第0项"))
    assert "".join(text[u.start : u.end] for u in us if u.start >= text.index("第0项") and u.end <= text.index("\n短句")) == long_clauses + "。"
    assert text[us[-1].start : us[-1].end] == "短句。" and len(us[-1].key) < MIN_UNIT_KEY  # alone in its paragraph
    for u in us:
        assert query_key(text[u.start : u.end]) == u.key


def test_score_is_one_for_the_same_passage_and_zero_for_nothing_shared():
    same = features("成立学前教育发展共同体", ["成立", "学前教育", "发展", "共同体"], ["学前教育发展共同体"])
    other = features("推进产教融合", ["推进", "产教融合"])
    assert score(same, same, lambda kind, token: 1.0) == pytest.approx(1.0)
    assert score(same, other, lambda kind, token: 1.0) == 0.0
    # a unit that holds the query and more scores below the query itself, above a partial one
    longer = features("成立学前教育发展共同体组建小学教育联盟", ["成立", "学前教育", "发展", "共同体", "组建", "小学", "教育", "联盟"],
                      ["学前教育发展共同体"])
    partial = features("学前教育发展", ["学前教育", "发展"])
    w = lambda kind, token: 1.0  # noqa: E731
    assert score(same, same, w) > score(same, longer, w) > score(same, partial, w) > 0


def test_measure_names_count_even_when_the_words_differ(monkeypatch):
    query = features("两地互相派遣教师", ["两地", "互相", "派遣", "教师"], ["教师互派交流"])
    with_measure = features("推动川渝100名教师互派交流", ["推动", "川渝", "100", "名", "教师", "互派", "交流"], ["教师互派交流"])
    without = features("推动川渝100名教师培训提升", ["推动", "川渝", "100", "名", "教师", "培训", "提升"])
    w = lambda kind, token: 1.0  # noqa: E731
    assert score(query, with_measure, w) > score(query, without, w)


def test_measure_mentions_are_given_to_the_units_they_overlap():
    doc = EngineDocument.from_text(1, "一是建立联席会议制度，定期会商。二是与四川共建十个名师名校长工作室。")
    us = units(doc)
    assert len(us) == 2
    at = doc.text.index("联席会议制度")
    assert measures_in(us, [(at, at + 6, "联席会议"), (us[1].start + 2, us[1].end, "名师名校长工作室")]) == [
        ["联席会议"], ["名师名校长工作室"]]
    # a mention straddling two units belongs to both
    assert measures_in(us, [(us[0].end - 2, us[1].start + 2, "x")]) == [["x"], ["x"]]


def test_seed_units_carry_the_measures_they_mention(lib):
    chongqing = doc_id(lib, CHONGQING)
    at = lib.text(chongqing).text.index("100名教师互派交流")
    (measures,) = [u[4] for u in similar_index.stored_units(lib.db, chongqing) if u[0] <= at < u[1]]
    assert {"教师互派交流", "名师名校长工作室"} <= set(measures.split())
    assert "教师互派交流" in similar_index.query_features("兩地教師互派交流").measures


def test_the_measure_hook_feeds_the_index_and_the_query(tmp_path, monkeypatch):
    import re

    from duidu.engine.measures import MeasureMention
    from duidu.library import importer

    def found(doc, **shared):  # shared: the import's one segmentation, unused by this hook
        return [MeasureMention("教师互派交流", "人才与师资", m.start(), m.end(), m.group(), "lexicon") for m in re.finditer("互派|派遣", doc.text)]

    # Documents: the measures extracted once at import (and cached); queries: the hook.
    monkeypatch.setattr(importer, "extract_measures", found)
    monkeypatch.setattr(similar_index, "measure_mentions", lambda doc: [(m.start, m.end, m.measure) for m in found(doc)])
    with Library.open(tmp_path / "lib.sqlite", seed=False) as library:
        a = tmp_path / "a.txt"
        a.write_text("川渝动态\n两地高校互派教师，开展联合教研。\n两地高校联合开展教研活动，组织教师培训。", encoding="utf-8")
        doc = library.import_file(a).document
        measures = [u[4] for u in similar_index.stored_units(library.db, doc.id)]
        assert measures == ["", "教师互派交流", ""]
        assert similar_index.query_features("派遣教师").measures == {"教师互派交流"}
        top = library.similar("两地高校派遣教师联合教研", top=1)[0]
        assert top.text == "两地高校互派教师，开展联合教研。"
