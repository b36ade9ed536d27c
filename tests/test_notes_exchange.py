"""Notes out (CSV, Markdown, W3C JSON, REFI-QDA) and in (REFI-QDA projects and codebooks), on the seeds.

The round trip exports annotated seeds as a .qdpx and imports it into a fresh, empty
library; the hostile packages must each be refused in one line with nothing written.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from duidu.cli.main import main
from duidu.library import refi
from duidu.library.errors import InputError
from duidu.library.store import Library
from duidu.text.lineends import normalise_line_ends

CHONGQING = "000_bf6dfff8fbad574e.txt"
SICHUAN = "001_6a591adfc5be8ef4.txt"
TABLES = ("documents", "codes", "annotations", "targets", "annotation_codes", "paragraphs", "search_index")
NS = {"q": refi.PROJECT_NS}
GUID = "0a0b0c0d-0000-4000-8000-{:012d}"


@pytest.fixture
def lib(own_lib):
    return own_lib  # a seeded library of this test's own (conftest)


@pytest.fixture
def fresh(tmp_path):
    with Library.open(tmp_path / "fresh.sqlite", codebook="empty", seed=False, backup=False) as library:
        yield library


def span(lib: Library, doc_id: int, quote: str) -> tuple[int, int]:
    text = lib.text(doc_id).text
    assert text.count(quote) == 1, quote
    return text.index(quote), text.index(quote) + len(quote)


def annotate(lib: Library) -> dict:
    """Seeds 000 and 001 annotated by two people with nested codes and a comparison note."""
    cq, sc = lib.resolve(CHONGQING).id, lib.resolve(SICHUAN).id
    code = lambda path: lib.resolve_code(path).id  # noqa: E731
    org = code("环境型/组织保障与协调机制")
    joint = lib.add_code("联席会议", parent_id=org, color="#123456", description="川渝联席会议 — joint meetings")
    deep = lib.add_code("毗邻地区联席会议", parent_id=joint.id)  # three levels down, inheriting the colour
    ids = {
        "meeting": lib.annotate(cq, *span(lib, cq, "高质量召开7次教育协同发展工作联席会议"), code_ids=[org, joint.id, code("对象/治理")],
                                note="联席会议的次数\n第二行 <&> \"引号\"", annotator="王老师").id,
        "teachers": lib.annotate(cq, *span(lib, cq, "推动川渝两地100名教师互派交流"), code_ids=[code("对象/教师")],
                                 annotator="李研究员").id,
        "deep": lib.annotate(sc, *span(lib, sc, "川渝毗鄰地區將共同推進教育高質量發展"), code_ids=[deep.id],
                             note="=SUM(1)", annotator="李研究员").id,
        "bare": lib.annotate(cq, *span(lib, cq, "加快打造科创中心核心承载区"), annotator="王老师").id,
        "link": lib.link(cq, *span(lib, cq, "成立6个职教集团、4个职教联盟"), sc, *span(lib, sc, "舉辦6個職教集團、4個職教聯盟"),
                         note="两地同一数字", code_ids=[code("需求型/产教融合与校企合作")], annotator="李研究员").id,
    }
    return ids


def counts(lib: Library) -> dict[str, int]:
    return {t: lib.db[t].count for t in TABLES}


def paths(lib: Library) -> dict[int, str]:
    out: dict[int, str] = {}
    for c in lib.codes():
        out[c.id] = c.name if c.parent_id is None else f"{out[c.parent_id]}/{c.name}"
    return out


# -- REFI-QDA round trip -------------------------------------------------------------------
def test_qdpx_round_trip_into_a_fresh_library(lib, fresh, tmp_path):
    ids = annotate(lib)
    out = tmp_path / "notes.qdpx"
    summary = lib.export_notes(out, "qdpx")
    assert (summary.annotations, summary.documents, summary.left_out) == (5, 2, 0)

    result = fresh.import_qdpx(out)

    assert (len(result.documents_added), result.documents_matched) == (2, ())
    assert (result.codes_added, result.codes_matched) == (len(lib.codes()), 0) == (35, 0)
    assert (result.annotations_added, result.annotations_skipped, result.links_ignored) == (5, 0, 0)
    # the same codes: names, hierarchy, colours, descriptions and guids, in the same order
    tree = lambda library: [(paths(library)[c.id], c.color, c.description, c.guid) for c in library.codes()]  # noqa: E731
    assert tree(fresh) == tree(lib)
    assert fresh.resolve_code("环境型/组织保障与协调机制/联席会议/毗邻地区联席会议").color == "#123456"
    # the same documents, text and metadata
    for name in (CHONGQING, SICHUAN):
        old, new = lib.resolve(name), fresh.resolve(name)
        assert fresh.text(new.id).text == lib.text(old.id).text
        assert (new.title, new.region, new.date, new.source) == (old.title, old.region, old.date, old.source)
    # the same notes: quotes at the imported offsets, notes, annotators, codes, times, guids
    old_paths, new_paths = paths(lib), paths(fresh)
    matched = 0
    for key, i in ids.items():
        a = lib.annotation(i)
        (b,) = [x for x in fresh.annotations() if x.guid == a.guid]
        assert (b.kind, b.note, b.annotator, b.created_at, b.updated_at) == (a.kind, a.note, a.annotator, a.created_at, a.updated_at)
        assert sorted(new_paths[c] for c in b.code_ids) == sorted(old_paths[c] for c in a.code_ids)
        for ta, tb in zip(a.targets, b.targets, strict=True):
            assert fresh.text(tb.document_id).text[tb.start : tb.end] == ta.quote == tb.quote
            assert fresh.document(tb.document_id).file_name == lib.document(ta.document_id).file_name
            assert (tb.prefix, tb.suffix) == (ta.prefix, ta.suffix)
            matched += 1
    link = next(x for x in fresh.annotations() if x.kind == "comparison")
    assert [fresh.document(t.document_id).file_name for t in link.targets] == [CHONGQING, SICHUAN]
    assert fresh.annotators() == lib.annotators() == ["李研究员", "王老师"]
    print(f"REFI-QDA round trip: {len(fresh.codes())}/{len(lib.codes())} codes, {matched} quotes "
          f"({len(ids)} notes, 1 comparison link), {len(fresh.annotators())} annotators matched")
    # importing again adds nothing
    again = fresh.import_qdpx(out)
    assert (again.documents_added, len(again.documents_matched), again.codes_added, again.annotations_added,
            again.annotations_skipped) == ((), 2, 0, 0, 5)


def test_qdpx_package_layout_follows_refi_qda(lib, tmp_path):
    annotate(lib)
    out = tmp_path / "notes.qdpx"
    lib.export_notes(out, "qdpx", document_ids=[lib.resolve(SICHUAN).id])  # the link brings 000 along
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        qde = zf.read("project.qde")
        sources = {n: zf.read(n) for n in names if n != "project.qde"}
    assert names[0] == "project.qde" and sources and all(n.startswith("sources/") and n.endswith(".txt") for n in sources)
    assert qde.startswith(b'<?xml version="1.0" encoding="UTF-8"?>') and not qde.startswith(b"\xef\xbb\xbf")
    for data in sources.values():
        assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
    root = ET.fromstring(qde)
    assert root.tag == f"{{{refi.PROJECT_NS}}}Project" and root.get("origin") == "Duidu 0.1.0" and root.get("creationDateTime")
    order = ["Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs", "Description"]
    seen = [child.tag.split("}")[1] for child in root]
    assert seen == sorted(seen, key=order.index) == ["Users", "CodeBook", "Variables", "Sources", "Links"]
    assert [u.get("name") for u in root.iterfind("q:Users/q:User", NS)] == ["李研究员"]  # who wrote the notes on 001
    assert {v.get("name"): v.get("typeOfVariable") for v in root.iterfind("q:Variables/q:Variable", NS)} == \
        {"region": "Text", "date": "Text", "source": "Text", "file": "Text"}
    for code in root.iter(f"{{{refi.PROJECT_NS}}}Code"):
        assert code.get("isCodable") == "true" and len(code.get("color")) == 7
        kids = [k.tag.split("}")[1] for k in code]
        assert kids == sorted(kids, key=["Description", "NoteRef", "Code"].index)
    selections = 0
    for source in root.iterfind("q:Sources/q:TextSource", NS):
        path = source.get("plainTextPath")
        assert path == f"internal://{source.get('guid')}.txt"
        text = sources[f"sources/{source.get('guid')}.txt"].decode("utf-8")
        kids = [k.tag.split("}")[1] for k in source]
        assert kids == sorted(kids, key=["Description", "PlainTextContent", "PlainTextSelection", "Coding", "NoteRef",
                                         "VariableValue"].index)
        for sel in source.iterfind("q:PlainTextSelection", NS):
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            assert " ".join(text[start:end].split()).startswith(sel.get("name").rstrip("…"))
            assert sel.get("creatingUser") in {u.get("guid") for u in root.iterfind("q:Users/q:User", NS)}
            for coding in sel.iterfind("q:Coding", NS):
                assert root.find(f".//q:Code[@guid='{coding.find('q:CodeRef', NS).get('targetGUID')}']", NS) is not None
            selections += 1
    (link,) = root.iterfind("q:Links/q:Link", NS)
    assert (link.get("direction"), link.get("name")) == ("Associative", "两地同一数字")
    guids = {s.get("guid") for s in root.iter(f"{{{refi.PROJECT_NS}}}PlainTextSelection")}
    assert {link.get("originGUID"), link.get("targetGUID")} <= guids
    assert selections == 3  # the two notes on 001 (one of them the link) and the link's side in 000


def test_orphaned_notes_are_left_out_of_qdpx_only(lib, tmp_path):
    ids = annotate(lib)
    lib.db.execute("UPDATE targets SET status = 'orphan' WHERE annotation_id = ?", [ids["bare"]])
    assert lib.export_notes(tmp_path / "n.qdpx", "qdpx").left_out == 1
    assert lib.export_notes(tmp_path / "n.csv", "csv").annotations == 5


# -- line ends and vendor packages ----------------------------------------------------------
def test_line_end_map_counts_crlf_as_two_in_the_source():
    text = "甲乙\r\n丙丁\r戊\n己"
    normal, m = normalise_line_ends(text)
    assert normal == "甲乙\n丙丁\n戊\n己"
    for quote in ("丙丁", "戊", "己", "乙\r\n丙", "甲乙\r\n丙丁\r戊\n己"):
        s = text.index(quote)
        a, b = m.to_dst_span(s, s + len(quote))
        assert normal[a:b] == quote.replace("\r\n", "\n").replace("\r", "\n")
    assert m.to_dst_span(3, 4) == (2, 3)  # the "\n" of a "\r\n" alone widens to the whole line end
    assert m.to_dst_span(2, 3) == (2, 3)
    assert normalise_line_ends("无换行")[1].is_identity


def vendor_text() -> str:
    return "第一行：推进成渝教育协同。\r\n第二行：建设互联網(wǎng)平台和名师工作室。\r\n第三行：川渝两地教师互派交流。"


def make_package(path: Path, qde: str | bytes, sources: dict[str, bytes] | None = None,
                 extra: list[tuple[str, bytes]] = ()) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", qde if isinstance(qde, bytes) else qde.encode("utf-8"))
        for name, data in (sources or {}).items():
            zf.writestr(f"Sources/{name}", data)
        for name, data in extra:
            zf.writestr(zipfile.ZipInfo(name), data)
    return path


def vendor_project(text: str, selections: str = "", codes: str = "", links: str = "") -> str:
    """A project as another program might write it: braces and upper case in guids, a short
    colour, a memo by NoteRef, a picture source, a link from a selection to a code."""
    default_codes = (f'<Code guid="{{{GUID.format(1).upper()}}}" name="协同" isCodable="false" color="#abc">'
                     f'<Description>上位</Description><Code guid="{GUID.format(2)}" name="教师交流" isCodable="true"/></Code>')
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="vendor" origin="Other QDA 24" creatingUserGUID="{GUID.format(90)}">
 <Users><User guid="{GUID.format(90)}" name="Ann"/><User guid="{GUID.format(91)}" name="陈老师"/></Users>
 <CodeBook><Codes>{codes or default_codes}</Codes></CodeBook>
 <Variables><Variable guid="{GUID.format(80)}" name="Region" typeOfVariable="Text"/>
  <Variable guid="{GUID.format(81)}" name="Date" typeOfVariable="Date"/></Variables>
 <Sources>
  <TextSource guid="{GUID.format(10)}" name="川渝协同（厂商）" plainTextPath="internal://vendor%20source.txt" creatingUser="{GUID.format(90)}">
   {selections}
   <VariableValue><VariableRef targetGUID="{GUID.format(80)}"/><TextValue>川渝</TextValue></VariableValue>
   <VariableValue><VariableRef targetGUID="{GUID.format(81)}"/><DateValue>2024-05-06</DateValue></VariableValue>
  </TextSource>
  <PictureSource guid="{GUID.format(11)}" name="photo" path="internal://photo.png"/>
 </Sources>
 <Notes><Note guid="{GUID.format(70)}" name="memo"><PlainTextContent>备忘：两地互派</PlainTextContent></Note></Notes>
 <Links>{links}</Links>
</Project>"""


def selection(n: int, text: str, quote: str, *, codes=(2,), user=91, extra: str = "") -> str:
    start = text.index(quote)
    codings = "".join(f'<Coding guid="{GUID.format(200 + n * 10 + c)}"><CodeRef targetGUID="{GUID.format(c)}"/></Coding>'
                      for c in codes)
    return (f'<PlainTextSelection guid="{GUID.format(100 + n)}" startPosition="{start}" endPosition="{start + len(quote)}" '
            f'creatingUser="{GUID.format(user)}" creationDateTime="2024-05-06T10:20:30.1234567Z">{extra}{codings}</PlainTextSelection>')


def test_a_vendor_package_with_crlf_positions_and_a_reading_imports_onto_the_same_words(fresh, tmp_path):
    text = vendor_text()
    sels = [selection(1, text, "川渝两地教师互派交流", extra=f'<Description>两地互派</Description><NoteRef targetGUID="{GUID.format(70)}"/>'),
            selection(2, text, "成渝教育协同。\r\n第二行", codes=(1, 2)),
            selection(3, text, "平台和名师工作室", codes=()),  # after the removed reading (wǎng)
            selection(4, text, "第一行", codes=(1,), user=90),
            selection(5, text, "第二行：建设", codes=(2,))]
    links = (f'<Link guid="{GUID.format(60)}" name="对照" direction="Associative" originGUID="{GUID.format(104)}" targetGUID="{GUID.format(105)}"/>'
             f'<Link guid="{GUID.format(61)}" originGUID="{GUID.format(101)}" targetGUID="{GUID.format(2)}"/>')
    qde = vendor_project(text, "".join(sels), links=links)
    path = make_package(tmp_path / "vendor.qdpx", qde, {"vendor source.txt": b"\xef\xbb\xbf" + text.encode("utf-8")},
                        extra=[("Sources/photo.png", b"\x89PNG"), ("preview.html", b"<html/>")])

    result = fresh.import_qdpx(path)

    assert (len(result.documents_added), result.codes_added, result.annotations_added) == (1, 2, 4)
    assert (result.links_ignored, result.sources_skipped) == (1, 1)
    (doc,) = fresh.documents()
    assert (doc.title, doc.region, doc.date) == ("川渝协同（厂商）", "川渝", "2024-05-06")
    stored = fresh.text(doc.id).text
    assert stored == "第一行：推进成渝教育协同。\n第二行：建设互联網平台和名师工作室。\n第三行：川渝两地教师互派交流。"
    assert fresh.raw_text(doc.id) == text
    found = {a.guid: a for a in fresh.annotations()}
    first = found[GUID.format(101)]
    assert first.targets[0].quote == "川渝两地教师互派交流" and first.note == "两地互派\n\n备忘：两地互派"
    assert (first.annotator, first.created_at) == ("陈老师", "2024-05-06T10:20:30+00:00")
    assert found[GUID.format(102)].targets[0].quote == "成渝教育协同。\n第二行"
    assert found[GUID.format(103)].targets[0].quote == "平台和名师工作室"
    link = found[GUID.format(60)]
    assert (link.kind, link.note, [t.quote for t in link.targets]) == ("comparison", "对照", ["第一行", "第二行：建设"])
    assert link.annotator == "Ann" and len(link.code_ids) == 2  # the union of both sides' codes
    for a in found.values():
        for t in a.targets:
            assert stored[t.start : t.end] == t.quote
    group = fresh.resolve_code("协同")
    assert (group.guid, group.color, group.description) == (GUID.format(1), "#aabbcc", "上位")
    assert fresh.resolve_code("协同/教师交流").color == "#aabbcc"  # none given: the parent's


def test_codes_are_merged_by_guid_else_by_name_under_the_same_parent(lib, tmp_path):
    text = vendor_text()
    supply = lib.resolve_code("供给型")
    codes = (f'<Code guid="{supply.guid}" name="改了名的供给型" isCodable="true" color="#000000">'
             f'<Code guid="{GUID.format(3)}" name="经费投入" isCodable="true"/>'
             f'<Code guid="{GUID.format(4)}" name="新的子代码" isCodable="true" color="#102030"/></Code>')
    qde = vendor_project(text, selection(1, text, "川渝两地教师互派交流", codes=(3, 4)), codes=codes)
    before = len(lib.codes())
    result = lib.import_qdpx(make_package(tmp_path / "merge.qdpx", qde, {"vendor source.txt": text.encode()}))
    assert (result.codes_added, result.codes_matched) == (1, 2)
    assert len(lib.codes()) == before + 1
    assert lib.code(supply.id) == supply  # found by guid: left as the library has it
    (note,) = [a for a in lib.annotations() if a.guid == GUID.format(101)]
    assert [paths(lib)[c] for c in note.code_ids] == ["供给型/经费投入", "供给型/新的子代码"]


# -- hostile and broken input ------------------------------------------------------------------
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol3;"/>"""


def hostile_cases(tmp_path: Path) -> list[tuple[Path, str]]:
    text = vendor_text()
    good = {"vendor source.txt": text.encode()}
    sel = selection(1, text, "川渝两地教师互派交流")

    def pkg(name, qde, sources=good, extra=()):
        return make_package(tmp_path / name, qde, sources, extra)

    junk = tmp_path / "junk.qdpx"
    junk.write_bytes(b"PK\x03\x04 but not really a zip" * 10)
    empty = tmp_path / "empty.qdpx"
    empty.write_bytes(b"")
    return [
        (pkg("climb.qdpx", vendor_project(text, sel), extra=[("../evil.txt", b"x")]), "'../evil.txt' would be written outside"),
        (pkg("deep.qdpx", vendor_project(text, sel), extra=[("sources/../../evil.txt", b"x")]), "outside the package"),
        (pkg("absolute.qdpx", vendor_project(text, sel), extra=[("/tmp/evil.txt", b"x")]), "'/tmp/evil.txt' would be written outside"),
        (pkg("backslash.qdpx", vendor_project(text, sel), extra=[("..\\evil.txt", b"x")]), "outside the package"),
        (pkg("drive.qdpx", vendor_project(text, sel), extra=[("C:/evil.txt", b"x")]), "outside the package"),
        (pkg("laughs.qdpx", BILLION_LAUGHS), "declares a DTD or entities"),
        (pkg("entity.qdpx", '<?xml version="1.0"?><!ENTITY x SYSTEM "file:///etc/passwd"><Project/>'), "declares a DTD"),
        (pkg("utf16.qdpx", BILLION_LAUGHS.encode("utf-16")), "not UTF-8"),
        (pkg("unknown-code.qdpx", vendor_project(text, selection(1, text, "川渝两地教师互派交流", codes=(2, 99)))),
         f"coded with code {GUID.format(99)}, which is neither in the package's codebook nor in the library"),
        (pkg("past-end.qdpx", vendor_project(text, sel.replace(f'endPosition="{text.index("川渝两地") + 10}"',
                                                                f'endPosition="{len(text) + 1}"'))),
         f"selection {GUID.format(101)} ({text.index('川渝两地')}–{len(text) + 1}) is not inside its source"),
        (pkg("blank.qdpx", vendor_project(text, sel + selection(2, text, "\r\n"))), f"selection {GUID.format(102)}"),
        (pkg("no-user.qdpx", vendor_project(text, selection(1, text, "第一行", user=55))), "who is not in <Users>"),
        (pkg("outside.qdpx", vendor_project(text, sel).replace("internal://vendor%20source.txt", "file:///etc/passwd")),
         "points outside the package"),
        (pkg("missing.qdpx", vendor_project(text, sel), sources={}), "is not in the package's sources/ folder"),
        (pkg("bad-xml.qdpx", "<Project xmlns='urn:QDA-XML:project:1.0'><Users>"), "not well-formed XML"),
        (pkg("codebook.qdpx", '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>'), "not a REFI-QDA <Project>"),
        (pkg("bad-guid.qdpx", vendor_project(text, sel).replace(GUID.format(10), "not-a-guid")), "'not-a-guid' is not a GUID"),
        (pkg("twice.qdpx", vendor_project(text, sel + sel)), f"selection guid {GUID.format(101)} appears twice"),
        (pkg("same-guid.qdpx", vendor_project(text, sel, links=f'<Link guid="{GUID.format(101)}" originGUID="{GUID.format(101)}" '
                                                               f'targetGUID="{GUID.format(101)}"/>')),
         f"link guid {GUID.format(101)} appears twice"),
        (junk, "not a REFI-QDA package (a .qdpx is a zip file)"),
        (empty, "not a REFI-QDA package"),
        (tmp_path / "absent.qdpx", "no such file"),
    ]


def test_hostile_and_broken_packages_are_refused_with_nothing_written(lib, tmp_path):
    before = counts(lib)
    cases = hostile_cases(tmp_path)
    for path, message in cases:
        with pytest.raises(InputError) as caught:
            lib.import_qdpx(path)
        line = str(caught.value)
        assert message in line and "\n" not in line and line.startswith(str(path)), (path.name, line)
        assert counts(lib) == before, path.name
    assert not (tmp_path.parent / "evil.txt").exists() and not Path("/tmp/evil.txt").exists()


def test_size_and_entry_caps(lib, tmp_path, monkeypatch):
    text = vendor_text()
    path = make_package(tmp_path / "big.qdpx", vendor_project(text, selection(1, text, "第一行")), {"vendor source.txt": text.encode()})
    monkeypatch.setattr(refi, "MAX_TOTAL", 1000)
    with pytest.raises(InputError, match="unpacks to .* bytes; Duidu reads packages of at most 1,000"):
        lib.import_qdpx(path)
    monkeypatch.setattr(refi, "MAX_TOTAL", 10**9)
    monkeypatch.setattr(refi, "MAX_ENTRIES", 1)
    with pytest.raises(InputError, match="holds 2 files"):
        lib.import_qdpx(path)


def forge_sizes(path: Path, entry: str, claimed: int) -> None:
    """Rewrite ``entry``'s uncompressed size in its local and central headers to ``claimed``."""
    import struct

    data = bytearray(path.read_bytes())
    name = entry.encode()
    local = data.index(b"PK\x03\x04" + b"")
    while data[local + 30:local + 30 + len(name)] != name:
        local = data.index(b"PK\x03\x04", local + 4)
    struct.pack_into("<I", data, local + 22, claimed)
    central = data.index(b"PK\x01\x02")
    while data[central + 46:central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, claimed)
    path.write_bytes(bytes(data))


def counting_reads(monkeypatch) -> list[int]:
    """The bytes each read of a zip entry produced, as the importer reads them."""
    produced: list[int] = []
    real = zipfile.ZipExtFile.read

    def read(self, n=-1):
        chunk = real(self, n)
        produced.append(len(chunk))
        return chunk

    monkeypatch.setattr(zipfile.ZipExtFile, "read", read)
    return produced


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_an_entry_that_lies_about_its_size_is_refused_before_it_is_unpacked(lib, tmp_path, monkeypatch, method):
    """Headers claim 1,000 bytes; the data inflates to 4 MB, far past the (lowered) caps."""
    monkeypatch.setattr(refi, "MAX_TOTAL", 64 * 1024)
    monkeypatch.setattr(refi, "MAX_ENTRY", 64 * 1024)
    text = vendor_text()
    qde = vendor_project(text, selection(1, text, "第一行")).encode()
    path = tmp_path / "liar.qdpx"
    with zipfile.ZipFile(path, "w", method) as zf:
        zf.writestr("project.qde", qde + b" " * (4 * 1024 * 1024))  # trailing blanks: still well-formed XML
        zf.writestr("sources/vendor source.txt", text.encode())
    assert path.stat().st_size < 200 * 1024
    forge_sizes(path, "project.qde", 1000)
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("project.qde").file_size == 1000  # the lie is what a reader is told
    produced = counting_reads(monkeypatch)
    before = counts(lib)
    with pytest.raises(InputError) as caught:
        lib.import_qdpx(path)
    line = str(caught.value)
    assert line.startswith(str(path)) and "\n" not in line
    if method == zipfile.ZIP_DEFLATED:
        assert "damaged zip file" in line or "more than 65,536 bytes" in line, line
    else:  # bzip2 and LZMA inflate all they are given at once: never opened at all
        assert "Duidu reads stored or deflated entries only" in line and not produced, line
    assert sum(produced) <= 64 * 1024 + refi.CHUNK, sum(produced)
    assert counts(lib) == before


def test_the_bytes_an_entry_really_produces_are_counted(lib, tmp_path, monkeypatch):
    text = vendor_text()
    qde = vendor_project(text, selection(1, text, "第一行")).encode() + b" " * (300 * 1024)
    path = make_package(tmp_path / "big-entry.qdpx", qde, {"vendor source.txt": text.encode()})
    produced = counting_reads(monkeypatch)
    monkeypatch.setattr(refi, "MAX_ENTRY", 64 * 1024)  # headers are honest: only the count can refuse it
    before = counts(lib)
    with pytest.raises(InputError) as caught:
        lib.import_qdpx(path)
    line = str(caught.value)
    assert "'project.qde' unpacks to more than 65,536 bytes" in line and "\n" not in line, line
    assert sum(produced) <= 64 * 1024 + refi.CHUNK and max(produced) <= refi.CHUNK
    assert counts(lib) == before
    monkeypatch.setattr(refi, "MAX_ENTRY", 10**9)  # the same package under the real caps imports
    assert lib.import_qdpx(path)


def test_parse_xml_refuses_doctypes_however_spelled():
    for data in (b"<!doctype x><x/>", b"<?xml version='1.0'?>\n<! DOCTYPE x []><x/>", b"\xef\xbb\xbf<!ENTITY a 'b'><x/>"):
        with pytest.raises(InputError, match="DTD"):
            refi.parse_xml(data, "t.xml")
    assert refi.parse_xml("<x a='中'/>".encode(), "t.xml").get("a") == "中"


def test_a_failure_after_documents_and_codes_were_written_rolls_everything_back(lib, tmp_path):
    text = vendor_text()  # a new document and new codes come first; the blank selection fails last
    qde = vendor_project(text, selection(1, text, "川渝两地教师互派交流") + selection(2, text, "\r\n"))
    before = counts(lib)
    with pytest.raises(InputError, match="blank space"):
        lib.import_qdpx(make_package(tmp_path / "late.qdpx", qde, {"vendor source.txt": text.encode()}))
    assert counts(lib) == before


# -- CSV, Markdown, JSON ---------------------------------------------------------------------
def test_csv_is_excel_friendly_with_one_row_per_target(lib, tmp_path):
    ids = annotate(lib)
    out = tmp_path / "notes.csv"
    assert lib.export_notes(out, "csv").annotations == 5
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == 6  # four passage notes and the two sides of the comparison
    meeting = next(r for r in rows if r["annotation_id"] == str(ids["meeting"]))
    cq = lib.resolve(CHONGQING)
    start, end = span(lib, cq.id, "高质量召开7次教育协同发展工作联席会议")
    assert (meeting["document_id"], meeting["title"], meeting["region"], meeting["kind"]) == (str(cq.id), cq.title, "重庆", "passage")
    assert (meeting["start"], meeting["end"], meeting["status"]) == (str(start), str(end), "anchored")
    assert meeting["quote"] == "高质量召开7次教育协同发展工作联席会议"
    assert meeting["tags"] == "环境型/组织保障与协调机制; 环境型/组织保障与协调机制/联席会议; 对象/治理"
    assert meeting["note"] == "联席会议的次数\n第二行 <&> \"引号\"" and meeting["annotator"] == "王老师"
    assert meeting["created"] == lib.annotation(ids["meeting"]).created_at
    paragraph = next(n for n, p in enumerate(lib.text(cq.id).paragraphs, 1) if p.start <= start < p.end)
    assert meeting["paragraph"] == str(paragraph)
    sides = [r for r in rows if r["annotation_id"] == str(ids["link"])]
    assert [(r["side"], r["region"], r["date"]) for r in sides] == [("A", "重庆", ""), ("B", "四川", "2024-10-30")]
    assert next(r for r in rows if r["annotation_id"] == str(ids["deep"]))["note"] == "'=SUM(1)"  # not a formula
    only = tmp_path / "sichuan.csv"
    lib.export_notes(only, "csv", document_ids=[lib.resolve(SICHUAN).id])
    assert {r["annotation_id"] for r in csv.DictReader(io.StringIO(only.read_text("utf-8-sig")))} == {str(ids["deep"]), str(ids["link"])}


def test_markdown_groups_quotes_by_tag_with_citations(lib, tmp_path):
    ids = annotate(lib)
    out = tmp_path / "notes.md"
    lib.export_notes(out, "md")
    md = out.read_text("utf-8")
    headings = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    assert headings == ["环境型/组织保障与协调机制", "环境型/组织保障与协调机制/联席会议",
                        "环境型/组织保障与协调机制/联席会议/毗邻地区联席会议", "需求型/产教融合与校企合作", "对象/教师", "对象/治理",
                        "未分类 (untagged)"]
    cq = lib.resolve(CHONGQING)
    start, _ = span(lib, cq.id, "高质量召开7次教育协同发展工作联席会议")
    n = next(n for n, p in enumerate(lib.text(cq.id).paragraphs, 1) if p.start <= start < p.end)
    block = f"> 高质量召开7次教育协同发展工作联席会议\n>\n> —— 《{cq.title}》，重庆，第{n}段"
    assert md.count(block) == 3  # under each of its three tags
    assert "- 联席会议的次数  \n  第二行 \\<&\\> \"引号\"" in md  # one list item, a hard break; no raw HTML
    section = md.split("## 需求型/产教融合与校企合作")[1].split("\n## ")[0]
    assert "**对照 Comparison**" in section and "> 成立6个职教集团、4个职教联盟" in section
    assert "> 舉辦6個職教集團、4個職教聯盟" in section and "，四川，2024-10-30，第" in section and "两地同一数字" in section
    assert md.split("## 未分类 (untagged)")[1].count("> 加快打造科创中心核心承载区") == 1


def test_markdown_keeps_a_notes_markup_inside_the_note(lib, tmp_path):
    """A note's light Markdown is passed through as Markdown, but a line of it that would be a
    heading, a rule or a quote cannot change the file's outline or leave the note's list item."""
    cq = lib.resolve(CHONGQING).id
    note = "**职教集团** 与 *合作*\n# 不是标题\n---\n> 不是引文\n- 甲\n<script>x</script>"
    lib.annotate(cq, *span(lib, cq, "加快打造科创中心核心承载区"), note=note, annotator="王老师")
    out = tmp_path / "notes.md"
    lib.export_notes(out, "md")
    md = out.read_text("utf-8")
    assert "\\*\\*" not in md and "- **职教集团** 与 *合作*  \n" in md  # the markup as typed, not escaped
    lines = md.splitlines()
    start = lines.index("- **职教集团** 与 *合作*  ")
    item = lines[start + 1:start + 6]
    assert item == ["  \\# 不是标题  ", "  \\---  ", "  \\> 不是引文  ", "  - 甲  ", "  \\<script\\>x\\</script\\>"]
    assert [line for line in lines if line.startswith("#")] == [lines[0], "## 未分类 (untagged)"]
    assert lines.count("---") == 1  # the separator after the one note; the note's own rule is escaped


def test_json_is_a_w3c_annotation_collection(lib, tmp_path):
    ids = annotate(lib)
    out = tmp_path / "notes.json"
    lib.export_notes(out, "json")
    doc = json.loads(out.read_text("utf-8"))
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld" and doc["type"] == "AnnotationCollection"
    items = doc["first"]["items"]
    assert doc["total"] == len(items) == 5 and doc["first"]["type"] == "AnnotationPage"
    by_id = {item["id"]: item for item in items}
    meeting = lib.annotation(ids["meeting"])
    item = by_id[f"urn:uuid:{meeting.guid}"]
    assert item["type"] == "Annotation" and item["motivation"] == ["commenting", "tagging"]
    assert item["creator"] == {"type": "Person", "name": "王老师"}
    assert (item["created"], item["modified"]) == (meeting.created_at, meeting.updated_at)
    assert item["body"][0] == {"type": "TextualBody", "purpose": "commenting", "value": meeting.note, "format": "text/markdown"}
    tags = [b for b in item["body"][1:]]
    assert [b["type"] for b in tags] == ["SpecificResource"] * 3 and {b["purpose"] for b in tags} == {"tagging"}
    in_tree_order = [c.guid for c in lib.codes() if c.id in meeting.code_ids]
    assert [b["source"]["id"] for b in tags] == [f"urn:uuid:{g}" for g in in_tree_order]
    assert [b["source"]["label"] for b in tags] == ["环境型/组织保障与协调机制", "环境型/组织保障与协调机制/联席会议", "对象/治理"]
    t = meeting.targets[0]
    text_hash = lib.db.execute("SELECT text_hash FROM documents WHERE id = ?", [t.document_id]).fetchone()[0]
    assert item["target"]["source"] == f"urn:duidu:document:{t.document_id}#{text_hash}"
    position, quote = item["target"]["selector"]
    assert position == {"type": "TextPositionSelector", "start": t.start, "end": t.end}
    assert quote == {"type": "TextQuoteSelector", "exact": t.quote, "prefix": t.prefix, "suffix": t.suffix}
    assert lib.text(t.document_id).text[position["start"] : position["end"]] == quote["exact"]
    link = by_id[f"urn:uuid:{lib.annotation(ids['link']).guid}"]
    assert len(link["target"]) == 2 and [x["selector"][1]["exact"] for x in link["target"]] == \
        ["成立6个职教集团、4个职教联盟", "舉辦6個職教集團、4個職教聯盟"]
    assert by_id[f"urn:uuid:{lib.annotation(ids['bare']).guid}"]["motivation"] == "highlighting"
    assert by_id[f"urn:uuid:{lib.annotation(ids['teachers']).guid}"]["motivation"] == "tagging"


def test_export_errors(lib, tmp_path):
    with pytest.raises(InputError, match="not an export format"):
        lib.export_notes(tmp_path / "x.pdf", "pdf")
    with pytest.raises(InputError, match="is a directory"):
        lib.export_notes(tmp_path, "csv")
    with pytest.raises(InputError, match="No such file or directory"):
        lib.export_notes(tmp_path / "no" / "such" / "x.csv", "csv")
    with pytest.raises(InputError, match="no such document"):
        lib.export_notes(tmp_path / "x.csv", "csv", document_ids=[999])
    assert not list(tmp_path.glob(".*.tmp"))


# -- the codebook (.qdc) ----------------------------------------------------------------------
def test_qdc_round_trip_and_merge(lib, fresh, tmp_path):
    annotate(lib)
    out = tmp_path / "codes.qdc"
    assert lib.export_codebook(out) == 35
    data = out.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>') and b'xmlns="urn:QDA-XML:codebook:1.0"' in data
    result = fresh.import_codebook(out)
    assert (result.added, result.matched) == (35, 0)
    tree = lambda library: [(paths(library)[c.id], c.color, c.description, c.guid) for c in library.codes()]  # noqa: E731
    assert tree(fresh) == tree(lib)
    assert (fresh.import_codebook(out).added, fresh.import_codebook(out).matched) == (0, 35)
    with pytest.raises(InputError, match="is empty"):
        Library.open(tmp_path / "none.sqlite", codebook="empty", seed=False).export_codebook(tmp_path / "none.qdc")
    bad = tmp_path / "bad.qdc"
    bad.write_text(BILLION_LAUGHS.replace("Project", "CodeBook"), encoding="utf-8")
    before = len(fresh.codes())
    with pytest.raises(InputError, match="DTD"):
        fresh.import_codebook(bad)
    bad.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="x" name="a" isCodable="true"/></Codes></CodeBook>')
    with pytest.raises(InputError, match="'x' is not a GUID"):
        fresh.import_codebook(bad)
    bad.write_text(f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="{GUID.format(1)}" name="新" isCodable="true">'
                   f'<Code guid="{GUID.format(2)}" name="坏颜色" isCodable="true" color="red"/></Code></Codes></CodeBook>')
    with pytest.raises(InputError, match="'red' is not a colour"):
        fresh.import_codebook(bad)
    assert len(fresh.codes()) == before


# -- the command line ------------------------------------------------------------------------
def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "duidu", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def in_process(capsys, *args: str) -> subprocess.CompletedProcess:
    """``duidu ARGS`` run by ``main`` in this process, answered as ``run`` answers (usage errors exit 2)."""
    from duidu.cli.main import main

    try:
        code = main(list(args))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out, err)


def test_cli_export_and_import_through_python_m_duidu(lib, tmp_path, capsys, seeded_template):
    """Through ``python -m duidu`` (a real process: exit status, stdout, stderr) where that is the
    point, the other steps by ``main`` in this process (the same code without the start-up)."""
    annotate(lib)
    library = str(lib.path)
    lib.close()
    out = tmp_path / "notes.qdpx"
    r = run("--library", library, "notes", "export", str(out), "--doc", CHONGQING, cwd=tmp_path)
    assert (r.returncode, r.stderr) == (0, "") and r.stdout.strip() == f"wrote 4 notes on 2 documents to {out} (qdpx)"
    r = in_process(capsys, "--library", library, "notes", "export", str(tmp_path / "n.txt"))
    assert r.returncode == 2 and "add --format csv|md|json|qdpx" in r.stderr
    r = in_process(capsys, "--library", library, "notes", "export", str(tmp_path / "n.txt"), "--format", "md")
    assert r.returncode == 0 and (tmp_path / "n.txt").read_text("utf-8").startswith("# 对读 Duidu")

    other = str(tmp_path / "other.sqlite")  # a new library: the seeds and the default codebook
    shutil.copyfile(seeded_template, other)  # (made once per session, not seeded again here)
    r = in_process(capsys, "--library", other, "notes", "import", str(out), "--json")
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert (summary["documents_added"], len(summary["documents_matched"]), summary["codes_added"],
            summary["codes_matched"], summary["annotations_added"]) == ([], 2, 2, 33, 4)
    r = in_process(capsys, "--library", other, "notes", "import", str(out))
    assert r.stdout.strip() == "0 documents added, 2 matched; 0 codes added, 35 matched; 0 notes added; 4 notes already in the library"
    r = in_process(capsys, "--library", other, "notes", "list", "--annotator", "李研究员")
    assert len(r.stdout.splitlines()) == 2  # the teachers note and the comparison (the note on 001 was not exported)

    evil = hostile_cases(tmp_path)[0][0]
    r = run("--library", other, "notes", "import", str(evil), cwd=tmp_path)
    assert r.returncode == 1 and r.stdout == "" and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == [f"duidu: {evil}: refused: the entry '../evil.txt' would be written outside the package"]
    for args in (("notes", "import", str(tmp_path / "n.txt")), ("notes", "import", str(tmp_path / "x.json")),
                 ("codebook", "import", str(out))):
        r = in_process(capsys, "--library", other, *args)
        assert r.returncode == 1 and len(r.stderr.splitlines()) == 1 and r.stdout == "", args


def test_cli_codebook_export_and_import(lib, tmp_path, capsys):
    annotate(lib)
    out = tmp_path / "codes.qdc"
    assert main(["--library", str(lib.path), "codebook", "export", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote 35 codes to {out}"
    empty = tmp_path / "empty.sqlite"
    Library.open(empty, codebook="empty", seed=False).close()
    assert main(["--library", str(empty), "codebook", "import", str(out)]) == 0
    assert capsys.readouterr().out.strip() == "35 codes added, 0 already in the codebook"
    assert main(["--library", str(empty), "codebook", "import", str(tmp_path / "absent.qdc")]) == 1
    assert capsys.readouterr().err.strip() == f"duidu: {tmp_path / 'absent.qdc'}: no such file"
