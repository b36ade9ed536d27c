"""Notes, the codebook, revisions and backups through the Library API, on the real seeds."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from duidu.cli.main import main
from duidu.library import annotations as annotations_mod
from duidu.library import backups, schema
from duidu.library.anchoring import context
from duidu.library.codebook import PALETTE
from duidu.library.errors import InputError
from duidu.library.store import Library
from duidu.paths import seed_path
from test_migrations import downgrade

CHONGQING = "000_bf6dfff8fbad574e.txt"
SICHUAN = "001_6a591adfc5be8ef4.txt"
NOTE_TABLES = ("annotations", "targets", "annotation_codes", "codes")


@pytest.fixture
def lib(own_lib):
    return own_lib  # a seeded library of this test's own (conftest)


def doc(lib: Library, name: str = CHONGQING) -> int:
    return lib.resolve(name).id


def span(lib: Library, doc_id: int, quote: str) -> tuple[int, int]:
    text = lib.text(doc_id).text
    assert text.count(quote) == 1, quote
    start = text.index(quote)
    return start, start + len(quote)


def code(lib: Library, path: str) -> int:
    return lib.resolve_code(path).id


def counts(lib: Library) -> dict[str, int]:
    return {t: lib.db[t].count for t in NOTE_TABLES}


def note(lib: Library, quote: str, name: str = CHONGQING, **kw):
    d = doc(lib, name)
    return lib.annotate(d, *span(lib, d, quote), annotator=kw.pop("annotator", "王老师"), **kw)


# -- the codebook ------------------------------------------------------------------------
GROUPS = {
    "供给型": ["师资队伍建设", "经费投入", "基础设施", "信息化支持", "资源共建共享", "人才培养", "公共服务"],
    "环境型": ["目标规划", "法规制度", "策略性措施", "财税金融", "组织保障与协调机制", "考核评价督导", "宣传引导"],
    "需求型": ["政府购买服务", "社会参与", "试点示范", "交流合作", "产教融合与校企合作", "互认互通"],
    "对象": ["学前", "基础", "职业", "高等", "继续教育", "教师", "教育信息化", "治理", "开放"],
}


def cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def lab_hue(color: str) -> float:
    import math

    from duidu.ui.colours import seen_as

    _, a, b = seen_as(color)
    return math.degrees(math.atan2(b, a)) % 360


def test_a_new_library_starts_from_the_default_codebook(lib):
    codes = lib.codes()
    tree = {c.name: [k.name for k in codes if k.parent_id == c.id] for c in codes if c.parent_id is None}
    assert tree == GROUPS
    assert [c.name for c in codes][:3] == ["供给型", "师资队伍建设", "经费投入"]  # tree order
    groups = {c.id: c for c in codes if c.parent_id is None}
    assert [g.color for g in groups.values()] == list(PALETTE[:4])  # the palette's first colours (test_colours)
    for c in codes:
        assert len(c.color) == 7 and c.color == c.color.lower()
        zh, en = c.description.split(" — ")
        assert any(cjk(ch) for ch in zh) and not any(cjk(ch) for ch in en) and "\n" not in c.description
        if c.parent_id is not None:  # a colour of its group's family (CIELAB hue; ΔE apart: test_colours)
            assert abs((lab_hue(c.color) - lab_hue(groups[c.parent_id].color) + 180) % 360 - 180) < 70, c.name
    assert len({c.color for c in codes}) == len(codes)
    assert len({c.guid for c in codes}) == len(codes)
    assert not lib.codebook_is_empty()
    assert lib.load_default_codebook() == 0  # nothing missing


def test_empty_codebook_and_loading_the_default_later(tmp_path):
    with Library.open(tmp_path / "empty.sqlite", seed=False, codebook="empty") as lib:
        assert lib.codes() == [] and lib.codebook_is_empty()
        assert lib.load_default_codebook() == 33
        assert lib.load_default_codebook() == 0
    with Library.open(tmp_path / "other.sqlite", seed=False) as other:  # the same guids everywhere
        assert [c.guid for c in other.codes()] == [c.guid for c in Library.open(tmp_path / "empty.sqlite").codes()]
    with pytest.raises(InputError, match="not a codebook"):
        Library.open(tmp_path / "x.sqlite", codebook="mine")


def test_add_and_update_codes(lib):
    group = lib.add_code("川渝协同", description="川渝两地协同")
    assert group.parent_id is None and group.color == PALETTE[4]  # the next unused colour of the palette
    child = lib.add_code("毗邻地区", parent_id=group.id)
    assert child.color == group.color and child.position == 0
    second = lib.add_code("  联席会议  ", parent_id=group.id, color="#ABCDEF")
    assert (second.name, second.color, second.position) == ("联席会议", "#abcdef", 1)
    assert lib.add_code("毗邻地区").parent_id is None  # the same name elsewhere is fine
    before = lib.codes()
    for bad, match in ((lambda: lib.add_code("毗邻地区", parent_id=group.id), "already exists under 川渝协同"),
                       (lambda: lib.add_code("  "), "needs a name"),
                       (lambda: lib.add_code("a\nb"), "one line"),
                       (lambda: lib.add_code("x", color="red"), "not a colour"),
                       (lambda: lib.add_code("x", parent_id=9999), "no such code"),
                       (lambda: lib.update_code(second.id, name="毗邻地区"), "already exists"),
                       (lambda: lib.update_code(second.id, color="#12345"), "not a colour"),
                       (lambda: lib.update_code(9999, name="y"), "no such code")):
        with pytest.raises(InputError, match=match):
            bad()
    assert lib.codes() == before
    renamed = lib.update_code(second.id, name="联席会议制度", description="新说明", color="#000000")
    assert (renamed.name, renamed.description, renamed.color) == ("联席会议制度", "新说明", "#000000")
    assert lib.resolve_code("川渝协同/毗邻地区") == child
    with pytest.raises(InputError, match="matches 2 codes"):
        lib.resolve_code("毗邻地区")


def test_move_refuses_cycles(lib):
    supply, funds = code(lib, "供给型"), code(lib, "供给型/经费投入")
    grandchild = lib.add_code("专项资金", parent_id=funds)
    for target in (supply, funds, grandchild.id):
        with pytest.raises(InputError, match="under itself"):
            lib.move_code(supply, target)
    moved = lib.move_code(funds, code(lib, "环境型"))
    assert moved.parent_id == code(lib, "环境型") and moved.position == 7  # last of its new siblings
    assert lib.resolve_code("环境型/经费投入/专项资金").id == grandchild.id
    top = lib.move_code(funds, None)
    assert top.parent_id is None
    lib.add_code("目标规划", parent_id=supply)
    with pytest.raises(InputError, match="already exists"):
        lib.move_code(code(lib, "供给型/目标规划"), code(lib, "环境型"))


def test_merge_moves_the_notes_of_the_source_and_its_children(lib):
    funds, finance = code(lib, "供给型/经费投入"), code(lib, "环境型/财税金融")
    special = lib.add_code("专项资金", parent_id=funds).id
    a = note(lib, "累计解决随迁子女接受义务教育25.8万人", code_ids=[funds])
    b = note(lib, "成立6个职教集团、4个职教联盟", code_ids=[special, finance])
    c = note(lib, "推动川渝两地100名教师互派交流", code_ids=[code(lib, "对象/教师")])
    before, tags_before = lib.codes(), {x.id: lib.annotation(x.id).code_ids for x in (a, b, c)}
    with pytest.raises(InputError, match="into itself"):
        lib.merge_codes(funds, special)
    removal = lib.merge_codes(funds, finance)
    assert [r.id for r in removal.removed] == [funds, special] and removal.into == finance
    assert lib.annotation(a.id).code_ids == (finance,)
    assert lib.annotation(b.id).code_ids == (finance,)
    assert lib.annotation(c.id).code_ids == tags_before[c.id]
    assert removal.annotation_ids == (a.id, b.id)
    assert {funds, special}.isdisjoint(x.id for x in lib.codes())
    assert lib.annotations(code_id=finance) == [lib.annotation(a.id), lib.annotation(b.id)]
    restored = lib.restore_code(removal)  # undo
    assert [r.id for r in restored] == [funds, special]
    assert lib.codes() == before
    assert {x.id: lib.annotation(x.id).code_ids for x in (a, b, c)} == tags_before
    with pytest.raises(InputError, match="already in the codebook"):
        lib.restore_code(removal)


def test_a_failed_merge_changes_nothing(lib, monkeypatch):
    from duidu.library import codebook

    funds, finance = code(lib, "供给型/经费投入"), code(lib, "环境型/财税金融")
    a = note(lib, "累计解决随迁子女接受义务教育25.8万人", code_ids=[funds])
    before = (lib.codes(), lib.annotation(a.id))

    def broken(*args):  # called once every row has been written
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(codebook, "CodeRemoval", broken)
    from duidu.library.transactions import LibraryUnavailable

    with pytest.raises(LibraryUnavailable, match="disk I/O error"):  # one line for the user, nothing written
        lib.merge_codes(funds, finance)
    with pytest.raises(LibraryUnavailable, match="disk I/O error"):
        lib.delete_code(funds, reassign_to=finance)
    assert (lib.codes(), lib.annotation(a.id)) == before


def test_delete_reassigns_or_untags_and_children_take_its_place(lib):
    supply = code(lib, "供给型")
    infra, funds, info = (code(lib, f"供给型/{n}") for n in ("基础设施", "经费投入", "信息化支持"))
    kids = [lib.add_code(n, parent_id=funds).id for n in ("专项资金", "生均经费")]
    a = note(lib, "累计解决随迁子女接受义务教育25.8万人", code_ids=[funds, info])
    b = note(lib, "成立6个职教集团、4个职教联盟", code_ids=[funds])
    before = lib.codes()
    with pytest.raises(InputError, match="being deleted"):
        lib.delete_code(funds, reassign_to=funds)
    removal = lib.delete_code(funds, reassign_to=info)
    assert lib.annotation(a.id).code_ids == (info,) and lib.annotation(b.id).code_ids == (info,)
    siblings = [c.id for c in lib.codes() if c.parent_id == supply]
    assert siblings[:4] == [code(lib, "供给型/师资队伍建设"), *kids, infra]  # in the deleted code's slot
    assert lib.restore_code(removal)[0].id == funds
    assert lib.codes() == before
    assert lib.annotation(a.id).code_ids == (funds, info) and lib.annotation(b.id).code_ids == (funds,)
    removal = lib.delete_code(funds)  # no reassignment: just untagged
    assert lib.annotation(a.id).code_ids == (info,) and lib.annotation(b.id).code_ids == ()
    lib.delete_annotation(b.id)  # a note deleted since is not brought back by undoing the code
    lib.restore_code(removal)
    assert lib.annotation(a.id).code_ids == (funds, info)
    lib.add_code("专项资金", parent_id=supply)
    with pytest.raises(InputError, match="already exists under 供给型"):
        lib.delete_code(funds)  # its child 专项资金 would clash
    assert lib.code(funds).name == "经费投入"


# -- notes -------------------------------------------------------------------------------
def test_annotate_takes_quote_and_context_from_the_stored_text(lib, monkeypatch):
    monkeypatch.setattr(annotations_mod, "now", lambda: "2025-03-01T08:00:00+00:00")
    d = doc(lib)
    text = lib.text(d).text
    start, end = span(lib, d, "高质量召开7次教育协同发展工作联席会议")
    tags = [code(lib, "环境型/组织保障与协调机制"), code(lib, "对象/治理")]
    a = lib.annotate(d, start, end, code_ids=list(reversed(tags)) + tags[:1], note="联席会议的次数", annotator=" 王老师 ")
    (t,) = a.targets
    assert (t.document_id, t.start, t.end, t.status) == (d, start, end, "anchored")
    assert (t.quote, t.prefix, t.suffix) == (text[start:end], text[start - 32 : start], text[end : end + 32])
    assert t.doc_hash == lib.db.execute("SELECT text_hash FROM documents WHERE id = ?", [d]).fetchone()[0]
    assert a.kind == "passage" and a.code_ids == tuple(sorted(tags)) and a.annotator == "王老师"
    assert a.created_at == a.updated_at == "2025-03-01T08:00:00+00:00"
    assert lib.annotation(a.id) == a and len(a.guid) == 36
    edge = lib.annotate(d, 0, 4, annotator="王老师")
    assert edge.targets[0].prefix == "" and edge.targets[0].quote == text[:4]
    last = lib.annotate(d, len(text) - 4, len(text), annotator="王老师")
    assert last.targets[0].suffix == ""


def test_the_current_time_is_iso_utc():
    stamp = datetime.fromisoformat(annotations_mod.now())
    assert stamp.utcoffset() == timedelta(0)


def test_bad_notes_are_refused_and_nothing_is_written(lib):
    d, before = doc(lib), counts(lib)
    size = lib.document(d).length
    blank = lib.text(d).text.index("\n\n")
    cases = [
        (dict(document_id=d, start=10, end=10), "not a passage"),
        (dict(document_id=d, start=20, end=10), "not a passage"),
        (dict(document_id=d, start=-1, end=10), "not a passage"),
        (dict(document_id=d, start=size - 5, end=size + 1), f"{size} characters"),
        (dict(document_id=d, start=1.5, end=10), "whole numbers"),
        (dict(document_id=d, start=blank, end=blank + 2), "blank space"),
        (dict(document_id=999, start=0, end=5), "no such document"),
        (dict(document_id=d, start=0, end=5, code_ids=[9999]), "no such code"),
        (dict(document_id=d, start=0, end=5, code_ids=["经费投入"]), "not a code id"),
        (dict(document_id=d, start=0, end=5, code_ids=3), "not a list of code ids"),
        (dict(document_id=d, start=0, end=5, annotator="  "), "annotator"),
        (dict(document_id=d, start=0, end=5, note=None), "note"),
    ]
    for kw, match in cases:
        kw.setdefault("annotator", "王老师")
        args = (kw.pop("document_id"), kw.pop("start"), kw.pop("end"))
        with pytest.raises(InputError, match=match):
            lib.annotate(*args, **kw)
    with pytest.raises(InputError, match="no such document"):
        lib.link(d, 0, 5, 999, 0, 5, annotator="王老师")
    with pytest.raises(InputError, match="no such annotation"):
        lib.update_annotation(9999, note="x")
    with pytest.raises(InputError, match="no such annotation"):
        lib.delete_annotation(9999)
    assert counts(lib) == before


def test_a_failure_inside_the_transaction_leaves_nothing_behind(lib, monkeypatch):
    before = counts(lib)

    def broken(*args):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(annotations_mod, "set_codes", broken)  # after the annotation and its targets
    d, s = doc(lib), doc(lib, SICHUAN)
    from duidu.library import recovery
    from duidu.library.transactions import LibraryUnavailable

    with pytest.raises(LibraryUnavailable, match="disk I/O error.*not saved: it is kept in"):
        lib.annotate(d, 0, 10, code_ids=[code(lib, "对象/高等")], annotator="王老师")
    with pytest.raises(LibraryUnavailable, match="disk I/O error"):
        lib.link(d, 0, 10, s, 0, 10, annotator="王老师")
    assert counts(lib) == before
    assert [k.record["kind"] for k in recovery.pending(lib.path)] == ["passage", "comparison"]  # kept, not lost
    monkeypatch.undo()
    a = lib.annotate(d, 0, 10, annotator="王老师")
    monkeypatch.setattr(annotations_mod, "set_codes", broken)
    with pytest.raises(LibraryUnavailable):
        lib.update_annotation(a.id, note="changed", code_ids=[code(lib, "对象/高等")])
    assert lib.annotation(a.id) == a  # the note did not change without its codes


def test_link_joins_passages_of_two_documents(lib):
    cq, sc = doc(lib), doc(lib, SICHUAN)
    a = span(lib, cq, "成立6个职教集团、4个职教联盟")
    b = span(lib, sc, "舉辦6個職教集團、4個職教聯盟")
    link = lib.link(cq, *a, sc, *b, note="两地同一数字", code_ids=[code(lib, "需求型/产教融合与校企合作")], annotator="李研究员")
    assert link.kind == "comparison" and [t.document_id for t in link.targets] == [cq, sc]
    assert [t.quote for t in link.targets] == ["成立6个职教集团、4个职教联盟", "舉辦6個職教集團、4個職教聯盟"]
    assert lib.annotations(document_id=sc) == [link] == lib.annotations(document_id=cq)
    assert lib.annotations(region="四川") == [link]


def test_update_changes_only_what_is_given(lib, monkeypatch):
    monkeypatch.setattr(annotations_mod, "now", lambda: "2025-03-01T08:00:00+00:00")
    a = note(lib, "成立6个职教集团、4个职教联盟", code_ids=[code(lib, "对象/职业")], note="旧")
    monkeypatch.setattr(annotations_mod, "now", lambda: "2025-03-02T09:30:00+00:00")
    assert lib.update_annotation(a.id) == a  # nothing asked, nothing changed
    b = lib.update_annotation(a.id, note="新的说明")
    assert (b.note, b.code_ids, b.created_at, b.updated_at) == ("新的说明", a.code_ids, a.created_at, "2025-03-02T09:30:00+00:00")
    tags = (code(lib, "需求型/产教融合与校企合作"), code(lib, "对象/职业"))
    c = lib.update_annotation(a.id, code_ids=tags)
    assert c.code_ids == tuple(sorted(tags)) and c.note == "新的说明"
    assert lib.update_annotation(a.id, code_ids=[]).code_ids == ()
    with pytest.raises(InputError, match="no such code"):
        lib.update_annotation(a.id, code_ids=[9999], note="不应保存")
    assert lib.annotation(a.id).note == "新的说明"


def test_delete_returns_the_note_and_restore_puts_it_back(lib):
    cq, sc = doc(lib), doc(lib, SICHUAN)
    link = lib.link(cq, 0, 10, sc, 50, 60, code_ids=[code(lib, "对象/基础")], note="撤销测试", annotator="王老师")
    before = counts(lib)
    gone = lib.delete_annotation(link.id)
    assert gone == link
    assert counts(lib) == {**before, "annotations": before["annotations"] - 1, "targets": before["targets"] - 2,
                           "annotation_codes": before["annotation_codes"] - 1}
    with pytest.raises(InputError, match="no such annotation"):
        lib.annotation(link.id)
    later = note(lib, "成立6个职教集团、4个职教联盟")
    assert later.id > link.id  # ids are never reused (AUTOINCREMENT), so undo finds its id free
    assert lib.restore_annotation(gone) == link  # same id, guid, targets, codes and times
    assert counts(lib)["targets"] == before["targets"] + 1
    with pytest.raises(InputError, match="already in the library"):
        lib.restore_annotation(gone)
    with pytest.raises(InputError, match="no such code"):
        lib.restore_annotation(replace(gone, id=99999, guid="x", code_ids=(9999,)))


def test_filters(lib):
    cq, sc = doc(lib), doc(lib, SICHUAN)
    teachers, vocational = code(lib, "对象/教师"), code(lib, "对象/职业")
    a = note(lib, "推动川渝两地100名教师互派交流", code_ids=[teachers])
    b = note(lib, "舉辦6個職教集團、4個職教聯盟", name=SICHUAN, code_ids=[vocational], annotator="李研究员", note="职教集团数")
    c = note(lib, "深化推进成渝教育容纳力", note="協同開放")
    assert lib.annotations() == [a, c, b]  # document order
    assert lib.annotations(document_id=cq) == [a, c] and lib.annotations(document_id=sc) == [b]
    assert lib.annotations(code_id=teachers) == [a]
    assert lib.annotations(code_id=code(lib, "对象")) == [a, b]  # a group counts the codes under it
    assert lib.annotations(annotator="李研究员") == [b]
    assert lib.annotations(region="重庆") == [a, c]
    assert lib.annotations(text="职教集团") == [b]  # the traditional quote, found in simplified
    assert lib.annotations(text="协同开放") == [c]  # the note, in the other script
    assert lib.annotations(text="教师互派") == [a]
    assert lib.annotations(text="  ") == [a, c, b]
    assert lib.annotations(document_id=cq, code_id=teachers, annotator="王老师") == [a]
    assert lib.annotations(document_id=sc, annotator="王老师") == []
    assert lib.annotators() == ["李研究员", "王老师"]
    assert lib.orphans() == [] and lib.annotations(include_orphans=False) == [a, c, b]
    with pytest.raises(InputError, match="no such code"):
        lib.annotations(code_id=9999)
    with pytest.raises(InputError, match="no such document"):
        lib.annotations(document_id=9999)


# -- revising a document -----------------------------------------------------------------
PAD = "\n\n".join(f"附：第{n}项重点任务分解表从略。" for n in range(1, 901))
INSERTED = "新增段落：两地将共同完善区域教育督导评估的互认机制。"

QUOTES = {  # quote in seed 000 -> what the revision does to it
    "exact": "教育、科技、人才是全面建设社会主义现代化国家的基础性、战略性支撑",
    "moved": "推进城乡义务教育一体化发展试验区建设",  # a paragraph is inserted before its own
    "fuzzy": "推动川渝两地100名教师互派交流",  # one character edited inside
    "orphan": "教育、科技、人才是驱动知识和创新的“三驾马车”,教育是基础。",  # the whole sentence deleted
    "far": "加快打造科创中心核心承载区",  # its paragraph moved 15,000+ characters on
    "far fuzzy": "加快建设一批科技企业孵化器和创新载体平台",  # the same paragraph, and edited
    "long": "主动适应成渝区域人口变化及城镇化进程,合理预测人口流动趋势,健全学位供给动态调整机制,切实解决人口集中流入地区的教育资源供需矛盾。支持学校加强结对共建",
    "link": "推进现代产业学院、未来技术学院",  # the Chongqing side of a comparison note
}
EDITS = {"fuzzy": ("100名", "200名"), "far fuzzy": ("一批", "一系列"), "long": ("合理预测", "科学预测")}


def revision(text: str) -> str:
    """Seed 000 revised: a paragraph inserted, characters edited, a sentence deleted, a paragraph moved far."""
    for kind, (old, new) in EDITS.items():
        assert text.count(QUOTES[kind]) == 1
        text = text.replace(QUOTES[kind], QUOTES[kind].replace(old, new))
    text = text.replace(QUOTES["orphan"], "")
    paras = text.split("\n\n")
    moving = next(p for p in paras if QUOTES["far"] in p)
    paras.remove(moving)
    at = next(i for i, p in enumerate(paras) if p.startswith("坚持开放共享理念"))
    paras[at + 1 : at + 1] = [PAD, moving]
    at = next(i for i, p in enumerate(paras) if QUOTES["moved"] in p)
    paras.insert(at, INSERTED)
    return "\n\n".join(paras)


def annotate_all(lib: Library) -> dict[str, int]:
    cq, sc = doc(lib), doc(lib, SICHUAN)
    ids = {kind: note(lib, quote, code_ids=[code(lib, "环境型/策略性措施")]).id for kind, quote in QUOTES.items() if kind != "link"}
    ids["link"] = lib.link(cq, *span(lib, cq, QUOTES["link"]), sc, *span(lib, sc, "唱好職業教育協同發展“雙城記”"),
                           note="对照", annotator="王老师").id
    return ids


def test_revise_re_anchors_a_realistic_revision(lib, tmp_path):
    cq, sc = doc(lib), doc(lib, SICHUAN)
    old_doc, old_text = lib.document(cq), lib.text(cq).text
    ids = annotate_all(lib)
    sichuan_side = lib.annotation(ids["link"]).targets[1]
    old = {kind: lib.annotation(i).targets[0] for kind, i in ids.items()}
    lib.view(cq, "tw")  # a cached script view, to be dropped with the old text
    revised = revision(old_text)
    path = tmp_path / "000-revised.txt"
    path.write_text(revised, encoding="utf-8")

    report = lib.revise(cq, path)

    text = lib.text(cq).text
    assert text == revised
    assert (report.exact, report.moved, report.fuzzy, report.orphaned) == (1, 3, 3, 1), report.summary()
    print(f"re-anchoring the revision of seed 000: {report.summary()}")
    outcome = {kind: next(d.outcome for d in report.details if d.annotation_id == i and d.n == 0) for kind, i in ids.items()}
    assert outcome == {"exact": "exact", "moved": "moved", "fuzzy": "fuzzy", "orphan": "orphaned", "far": "moved",
                       "far fuzzy": "fuzzy", "long": "fuzzy", "link": "moved"}
    new_hash = lib.db.execute("SELECT text_hash FROM documents WHERE id = ?", [cq]).fetchone()[0]
    for kind, i in ids.items():
        t = lib.annotation(i).targets[0]
        if kind == "orphan":
            assert t == replace(old[kind], status="orphan")  # old offsets, quote and hash kept
            continue
        assert text[t.start : t.end] == t.quote and t.status == "anchored" and t.doc_hash == new_hash
        assert (t.quote, t.prefix, t.suffix) == context(text, t.start, t.end)
        old_quote = QUOTES[kind]
        assert t.quote == (old_quote.replace(*EDITS[kind]) if kind in EDITS else old_quote)
    far = lib.annotation(ids["far"]).targets[0]
    assert far.start - old["far"].start > 15_000
    assert lib.annotation(ids["far fuzzy"]).targets[0].start - old["far fuzzy"].start > 15_000
    assert lib.annotation(ids["link"]).targets[1] == sichuan_side  # the other document is untouched
    assert [a.id for a in lib.orphans()] == [ids["orphan"]]
    assert ids["orphan"] not in [a.id for a in lib.annotations(include_orphans=False)]
    # the same document, its metadata kept, its derived rows all from the new text
    d = lib.document(cq)
    assert replace(d, length=old_doc.length) == old_doc and d.length == len(revised)
    assert len(lib.text(cq).paragraphs) == revised.count("\n\n") + 1
    hits = lib.search("督导评估的互认", document_id=cq)
    assert [text[h.start : h.end] for h in hits] == ["督导评估的互认"]
    assert lib.search("三驾马车", document_id=cq) == []
    assert lib.db.execute("SELECT count(*) FROM views WHERE document_id = ?", [cq]).fetchone()[0] == 0
    assert lib.view(cq, "simplified").text == revised
    mentions = lib.mentions(cq)
    assert mentions and all(text[m.start : m.end] == m.text for m in mentions)
    from duidu.library.similar_index import stored_units

    units = stored_units(lib.db, cq)
    assert units and max(u[1] for u in units) > len(old_text)
    top = lib.similar("加快建设一系列科技企业孵化器和创新载体平台", top=1)[0]
    assert top.document_id == cq and "一系列科技企业孵化器" in top.text
    from duidu.library.engine_cache import unpack_key

    assert lib.engine_document(cq).keyform.text == unpack_key(
        lib.db.execute("SELECT key FROM keyforms WHERE document_id = ?", [cq]).fetchone()[0])
    assert lib.engine_document(cq).text == revised
    assert lib.db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_note_deleted_before_a_revision_is_restored_into_the_new_text(lib, tmp_path):
    cq = doc(lib)
    moved = lib.delete_annotation(note(lib, QUOTES["moved"]).id)
    orphan = lib.delete_annotation(note(lib, QUOTES["orphan"]).id)
    path = tmp_path / "revised.txt"
    path.write_text(revision(lib.text(cq).text), encoding="utf-8")
    assert lib.revise(cq, path).details == ()  # no notes left on it
    text = lib.text(cq).text
    back = lib.restore_annotation(moved).targets[0]
    assert back.start == moved.targets[0].start + len(INSERTED) + 2 and text[back.start : back.end] == back.quote
    assert back.doc_hash != moved.targets[0].doc_hash and back.status == "anchored"
    assert lib.restore_annotation(orphan).targets[0] == replace(orphan.targets[0], status="orphan")


def test_revising_with_the_same_text_changes_nothing(lib, tmp_path):
    cq = doc(lib)
    ids = annotate_all(lib)
    snapshot = (lib.db.execute("SELECT * FROM documents").fetchall(), lib.db.execute("SELECT * FROM targets").fetchall(),
                lib.db["search_index"].count, lib.db["paragraphs"].count)
    same = tmp_path / "same.txt"
    same.write_text(lib.text(cq).text, encoding="utf-8")
    report = lib.revise(cq, same)
    assert (report.exact, report.moved, report.fuzzy, report.orphaned) == (len(ids), 0, 0, 0)
    assert (lib.db.execute("SELECT * FROM documents").fetchall(), lib.db.execute("SELECT * FROM targets").fetchall(),
            lib.db["search_index"].count, lib.db["paragraphs"].count) == snapshot
    other = tmp_path / "sichuan.txt"
    other.write_text(lib.text(doc(lib, SICHUAN)).text, encoding="utf-8")
    with pytest.raises(InputError, match="already in the library as document 2"):
        lib.revise(cq, other)
    with pytest.raises(InputError, match="no such document"):
        lib.revise(999, same)


def test_a_failed_revision_leaves_the_document_and_its_notes_as_they_were(lib, tmp_path, monkeypatch):
    cq = doc(lib)
    annotate_all(lib)

    def snapshot():
        return [lib.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in
                ("documents", "targets", "paragraphs", "sentences", "excluded", "keyforms", "measure_mentions")] + \
               [lib.db["search_index"].count, lib.db["similar_index"].count]

    before = snapshot()
    path = tmp_path / "revised.txt"
    path.write_text(revision(lib.text(cq).text), encoding="utf-8")
    from duidu.library import similar_index

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(similar_index, "store_rows", broken)  # the last rows the transaction writes
    from duidu.library.transactions import LibraryUnavailable

    with pytest.raises(LibraryUnavailable, match="disk is full"):
        lib.revise(cq, path)
    assert snapshot() == before


def test_cli_import_revises_and_notes_and_codebook_list(lib, tmp_path, capsys):
    ids = annotate_all(lib)
    path = tmp_path / "revised.txt"
    path.write_text(revision(lib.text(doc(lib)).text), encoding="utf-8")
    library = str(lib.path)
    assert main(["--library", library, "import", str(path), "--revises", CHONGQING]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("revised 1: 加快推动高质量教育协同发展")
    assert out[1] == "1 unchanged, 3 moved, 3 fuzzy, 1 orphaned"
    assert out[2].startswith(f"  orphaned: note {ids['orphan']} 「教育、科技、人才是驱动")
    assert main(["--library", library, "import", str(path), "--revises", CHONGQING, "--json"]) == 0  # again: the same text
    again = json.loads(capsys.readouterr().out)
    assert (again["exact"], again["moved"], again["fuzzy"], again["orphaned"]) == (len(ids) - 1, 0, 0, 1)
    assert again["document"]["id"] == 1 and len(again["details"]) == len(ids)
    assert set(again["details"][0]) == {"annotation_id", "n", "outcome", "old_start", "old_end", "start", "end", "quote", "similarity"}
    with pytest.raises(SystemExit):  # one PATH only
        main(["--library", library, "import", str(path), str(path), "--revises", "1"])
    capsys.readouterr()

    assert main(["--library", library, "notes", "list", "--json"]) == 0
    notes = json.loads(capsys.readouterr().out)
    assert len(notes) == len(ids)
    first = notes[0]
    assert set(first) == {"id", "guid", "kind", "targets", "code_ids", "codes", "note", "annotator", "created_at", "updated_at"}
    assert set(first["targets"][0]) == {"document_id", "start", "end", "quote", "prefix", "suffix", "doc_hash", "status"}
    assert first["codes"] == ["环境型/策略性措施"]
    assert main(["--library", library, "notes", "list", "--tag", "环境型", "--doc", CHONGQING, "--annotator", "王老师"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(ids) - 1  # the comparison note has no codes
    assert any("(orphaned)" in line for line in lines) and all("[环境型/策略性措施]" in line for line in lines)
    assert main(["--library", library, "notes", "list", "--tag", "没有这个"]) == 1
    assert "no code with that name" in capsys.readouterr().err

    assert main(["--library", library, "codebook", "list", "--json"]) == 0
    codes = json.loads(capsys.readouterr().out)
    assert len(codes) == 33 and codes[1]["path"] == "供给型/师资队伍建设"
    assert set(codes[0]) == {"id", "guid", "name", "parent_id", "color", "description", "position", "path"}
    assert main(["--library", library, "codebook", "list"]) == 0
    assert "    师资队伍建设" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--library", library, "notes"])


# -- migration ---------------------------------------------------------------------------
def v4_library_with_seeds(path, seeded_template) -> None:
    """The seeds as a Duidu before notes wrote them: today's seeded library with what the
    later steps added undone (test_migrations checks that this is exactly the old layout)."""
    shutil.copyfile(seeded_template, path)
    downgrade(path, schema.NOTES - 1)


def test_migration_from_the_previous_version_with_the_seeds(tmp_path, seeded_template):
    path = tmp_path / "v4.sqlite"
    v4_library_with_seeds(path, seeded_template)
    with Library.open(path) as lib:
        assert schema.version(lib.db) == schema.LATEST >= schema.NOTES
        assert [d.file_name for d in lib.documents()][:2] == [CHONGQING, SICHUAN]
        assert len(lib.codes()) == 33  # no codes before: the default codebook
        a = note(lib, "推动川渝两地100名教师互派交流", code_ids=[code(lib, "对象/教师")])
        assert lib.annotations(code_id=code(lib, "对象")) == [a]
        assert lib.search("协同") and lib.db.execute("PRAGMA foreign_key_check").fetchall() == []
    (backup,) = backups.backups(path)  # taken before migrating
    con = sqlite3.connect(backup)
    assert con.execute("PRAGMA user_version").fetchone()[0] == schema.NOTES - 1
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    con.close()
    empty = tmp_path / "v4-empty.sqlite"
    v4_library_with_seeds(empty, seeded_template)
    with Library.open(empty, codebook="empty") as lib:
        assert lib.codebook_is_empty() and len(lib.documents()) == 5


# -- backups -----------------------------------------------------------------------------
def test_backups_on_open_when_changed_keeping_five(tmp_path, monkeypatch):
    clock = [datetime(2025, 3, 1, 8, 0, 0, tzinfo=timezone.utc)]
    monkeypatch.setattr(backups, "_now", lambda: clock[0])
    path = tmp_path / "data" / "notes.sqlite"
    with Library.open(path, seed=False) as lib:
        d = lib.import_file(seed_path("004_bae3a0f70cd3e527.txt")).document.id
    assert backups.backups(path) == []  # nothing existed before
    with Library.open(path) as lib:
        lib.annotate(d, 0, 10, annotator="王老师")
    (first,) = backups.backups(path)
    assert first.name == "notes-20250301-080000.sqlite"
    con = sqlite3.connect(first)  # a whole library as it was before that session
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM annotations").fetchone()[0] == 0
    con.close()
    clock[0] += timedelta(minutes=1)
    Library.open(path).close()  # changed since (the note): a second backup
    clock[0] += timedelta(minutes=1)
    record = path.parent / "backups" / ".notes.sqlite.last-backup"
    stamp = record.stat().st_mtime_ns
    for _ in range(3):
        Library.open(path).close()  # unchanged: no copy, the record untouched
    assert len(backups.backups(path)) == 2 and record.stat().st_mtime_ns == stamp
    for n in range(6):
        clock[0] += timedelta(minutes=1)
        with Library.open(path) as lib:
            lib.annotate(d, 10 + n, 20 + n, annotator="王老师")
    names = [p.name for p in backups.backups(path)]
    # minute 3 found the library as minute 1's backup left it; minutes 4–8 each found a new note
    assert names == [f"notes-20250301-08{m:02d}00.sqlite" for m in range(4, 9)]  # the last five
    assert not list((path.parent / "backups").glob("*.tmp"))
    with Library.open(path, backup=False) as lib:
        lib.annotate(d, 30, 40, annotator="王老师")
    Library.open(path, backup=False).close()
    assert len(backups.backups(path)) == 5


def test_no_backup_when_opening_fails_and_a_failed_backup_never_stops_opening(tmp_path, monkeypatch):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(InputError, match="not a Duidu library"):
        Library.open(junk)
    newer = tmp_path / "newer.sqlite"
    con = sqlite3.connect(newer)
    con.execute("CREATE TABLE t (x)")
    con.execute("PRAGMA user_version = 99")
    con.close()
    with pytest.raises(InputError, match="newer than this Duidu"):
        Library.open(newer)
    assert not (tmp_path / "backups").exists()
    path = tmp_path / "lib.sqlite"
    Library.open(path, seed=False).close()
    (tmp_path / "backups").write_text("a file where the folder would go")
    with Library.open(path) as lib:  # the backup cannot be made: opening goes on
        assert lib.codes()


def test_threads_opening_at_once_each_back_up_safely(tmp_path, caplog):
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "shared.sqlite"
    Library.open(path, seed=False).close()

    def work(_):
        with Library.open(path) as lib:  # the first opens of a changed library all copy it
            return len(lib.codes())

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(work, range(4))) == [33] * 4
    assert not [r for r in caplog.records if r.name == backups.__name__]
    assert backups.backups(path) and not list((tmp_path / "backups").glob("*.tmp"))


# -- SIGKILL -------------------------------------------------------------------------------
def test_sigkill_never_loses_a_confirmed_note(tmp_path, record_property):
    from sigkill_loop import check, make_library, run

    path = tmp_path / "kill.sqlite"
    result = run(path, make_library(path), kills=60, startup=10)  # checks after every kill: nothing confirmed lost
    print(result.summary())
    record_property("sigkill", result.summary())
    assert (result.kills, result.startup) == (60, 10)  # every one of the 60 after "ready": while saving
    assert result.confirmed > 0 and result.stored >= result.confirmed
    for b in backups.backups(path)[-5:]:
        check(b, set())
    assert len(backups.backups(path)) <= 5
    with Library.open(path) as lib:
        assert len(lib.annotations()) == result.stored


def test_sigkill_during_a_save_from_the_windows_writer_lane_loses_nothing(tmp_path, record_property):
    from sigkill_loop import make_library, run

    path = tmp_path / "kill.sqlite"
    result = run(path, make_library(path), kind="window", kills=15, startup=5, max_delay=0.5)
    record_property("sigkill_window", result.summary())
    assert (result.kills, result.startup) == (15, 5) and result.stored >= result.confirmed > 0


def test_sigkill_during_imports_leaves_each_document_whole_or_absent(tmp_path, record_property):
    from sigkill_loop import make_import_library, run

    path = tmp_path / "kill.sqlite"
    result = run(path, make_import_library(path), kind="imports", kills=6, startup=3, max_delay=3.0)
    record_property("sigkill_imports", result.summary())  # run() checked every document after every kill
    assert (result.kills, result.startup) == (6, 3) and result.stored >= result.confirmed + 1


def test_sigkill_during_a_batched_import_leaves_each_document_whole_or_absent_and_no_worker(tmp_path, record_property):
    """The batch path (import_paths: workers prepare, several documents in one transaction);
    run() checked every document and waited for every worker to leave after every kill."""
    from sigkill_loop import make_import_library, run

    path = tmp_path / "kill.sqlite"
    result = run(path, make_import_library(path), kind="batch", kills=6, startup=2, max_delay=6.0, inside=3)
    record_property("sigkill_batch", result.summary())
    assert (result.kills, result.startup) == (6, 2) and result.stored >= result.confirmed + 1
    assert result.confirmed > 0  # the first file of each call is committed alone, before the workers catch up
    assert result.in_batch >= 1  # a kill with >= 2 documents written and uncommitted: rolled back whole
    assert result.left > 0  # workers were running at the kills, and every one left by itself


def test_an_orphan_is_placed_again_by_hand_and_that_can_be_undone(tmp_path):
    from duidu.library.store import Library

    with Library.open(tmp_path / "place.sqlite") as lib:
        text = lib.text(1).text
        a = lib.annotate(1, 10, 20, annotator="张三")
        old = a.targets[0]
        at = text.index("职教")
        placed = lib.place_target(a.id, 0, 1, at, at + 2)
        t = placed.targets[0]
        assert (t.start, t.end, t.quote, t.status) == (at, at + 2, "职教", "anchored")
        assert t.prefix == text[max(0, at - 32) : at]
        back = lib.restore_target(a.id, 0, old)
        assert back.targets[0] == old
        import pytest as _pytest
        from duidu.library.errors import InputError

        with _pytest.raises(InputError):
            lib.place_target(a.id, 1, 1, at, at + 2)  # a passage note has one passage
        with _pytest.raises(InputError):
            lib.place_target(a.id, 0, 1, at, at)  # empty span
        assert lib.annotation(a.id).targets[0] == old  # nothing half-written
