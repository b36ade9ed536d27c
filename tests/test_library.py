"""The library store: seeds on first use, one transaction per import, migrations, views, search."""

from __future__ import annotations

import sqlite3
import tomllib

import pytest
from sqlite_utils import Database

from duidu.library import schema
from duidu.library.errors import InputError
from duidu.library.importer import prepare
from duidu.library.location import library_path
from duidu.library.store import Library
from duidu.paths import seed_path
from duidu.text.keyform import query_key


@pytest.fixture
def fresh(tmp_path):
    """A new library, seeded by its first open as a user's is."""
    with Library.open(tmp_path / "lib.sqlite") as library:
        yield library


@pytest.fixture
def lib(own_lib):
    """This test's own seeded library: a copy of the session's first-run library (conftest), the
    first run itself being test_new_library_holds_the_seeds_with_their_metadata's."""
    return own_lib


def counts(library: Library) -> dict[str, int]:
    return {t: library.db[t].count for t in ("documents", "paragraphs", "sentences", "excluded", "search_index")}


def test_new_library_holds_the_seeds_with_their_metadata(fresh):
    lib = fresh
    manifest = tomllib.loads(seed_path("manifest.toml").read_text(encoding="utf-8"))["document"]
    docs = lib.documents()
    assert [d.file_name for d in docs] == [m["file"] for m in manifest]
    for doc, meta in zip(docs, manifest):
        assert doc.title == meta["title"]
        assert doc.region == meta["region"]
        assert doc.date == meta.get("date")
        assert doc.script == meta["script"]
        assert doc.seed


def test_sqlite_settings(lib):
    assert lib.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert lib.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema.version(lib.db) == schema.LATEST


def test_stored_text_is_cleaned_and_raw_text_is_kept(lib):
    doc_id = lib.resolve("001_6a591adfc5be8ef4.txt").id
    sichuan = lib.text(doc_id)
    assert "(wǎng)" not in sichuan.text and "(wǎng)" in lib.raw_text(doc_id)
    assert lib.raw_text(doc_id) == seed_path("001_6a591adfc5be8ef4.txt").read_text(encoding="utf-8")
    assert "聯席會議第七次會議" in sichuan.text
    assert sichuan.paragraphs and sichuan.sentences and sichuan.excluded
    for p in sichuan.paragraphs:
        assert sichuan.text[p.start : p.end].strip() == sichuan.text[p.start : p.end]


def test_listing_the_library_reads_no_document_text(lib):
    """The list (the window's library panel, ``duidu list``) is answered from the listing index:
    a document row's later columns lie past its texts' overflow pages (reader start grew with
    the library). A column added to the list but not to the index would read every text again."""
    from duidu.library.store import _DOC_COLUMNS

    plan = " ".join(r[-1] for r in lib.db.execute(f"EXPLAIN QUERY PLAN SELECT {_DOC_COLUMNS} FROM documents ORDER BY id"))
    assert "COVERING INDEX documents_listing" in plan, plan
    assert [d.length for d in lib.documents()] == [len(lib.text(d.id).text) for d in lib.documents()]


def test_same_content_is_recognised_by_hash(lib, tmp_path):
    copy = tmp_path / "again.txt"
    copy.write_bytes(seed_path("003_a7b1866d95dd2697.txt").read_bytes())
    before = counts(lib)
    result = lib.import_file(copy)
    assert not result.created
    assert result.document.file_name == "003_a7b1866d95dd2697.txt"
    assert counts(lib) == before
    # The same text in another encoding is the same content.
    gbk = tmp_path / "again-gbk.txt"
    gbk.write_bytes(seed_path("003_a7b1866d95dd2697.txt").read_text(encoding="utf-8").encode("gb18030"))
    assert not lib.import_file(gbk).created


def test_import_is_one_transaction(lib, tmp_path):
    doc = tmp_path / "new.txt"
    doc.write_text("川渝两地共建职业教育联盟。\n第二段落，推进产教融合。", encoding="utf-8")
    prepared = prepare(doc)
    # An index row that cannot be written (its bigrams are not text), after the document's row.
    broken = type(prepared)(prepared.source, prepared.cleaned, prepared.row, [{"paragraph": 0, "grams": object()}])
    before = counts(lib)
    with pytest.raises(TypeError):
        lib.add(broken)
    assert counts(lib) == before  # no half-written document
    result = lib.add(prepared)
    assert result.created
    assert counts(lib)["documents"] == before["documents"] + 1
    assert counts(lib)["paragraphs"] == before["paragraphs"] + 2


def test_resolve_by_id_file_name_and_title_prefix(lib, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("重庆另一份文件的正文。", encoding="utf-8")
    lib.import_file(other, metadata={"title": "重庆另一份文件"})
    first = lib.documents()[0]
    assert lib.resolve(str(first.id)) == first
    assert lib.resolve(first.file_name) == first
    assert lib.resolve("长三角").title == "长三角教育协同发展综述"
    with pytest.raises(InputError, match="matches 2 documents"):
        lib.resolve("重庆")
    with pytest.raises(InputError, match="no document"):
        lib.resolve("不存在的标题")


def test_migration_from_v1_backfills_the_search_index(tmp_path):
    path = tmp_path / "old.sqlite"
    from sqlite_utils import Database

    db = Database(path)
    schema.migrate(db, str(path), target=1)
    text = "成立成渝地區學前教育發展共同體。"
    db["documents"].insert({"id": 1, "title": "旧库文档", "raw_text": text, "text": text, "text_hash": "h", "script": "traditional", "seed": 0})
    db["paragraphs"].insert({"document_id": 1, "n": 0, "start": 0, "end": len(text)})
    db.close()
    with Library.open(path) as library:
        assert schema.version(library.db) == schema.LATEST
        assert [d.title for d in library.documents()] == ["旧库文档"]  # not re-seeded
        hits = library.search("学前教育")
        assert [(h.document_id, h.match) for h in hits] == [(1, "學前教育")]


def test_newer_or_foreign_files_are_refused(tmp_path):
    newer = tmp_path / "newer.sqlite"
    con = sqlite3.connect(newer)
    con.execute("PRAGMA user_version = 99")
    con.close()
    with pytest.raises(InputError, match="newer than this Duidu"):
        Library.open(newer)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(InputError, match="not a Duidu library"):
        Library.open(junk)
    with pytest.raises(InputError, match="is a directory"):
        Library.open(tmp_path)


def test_library_location(tmp_path, monkeypatch):
    assert library_path(tmp_path / "x.sqlite") == tmp_path / "x.sqlite"
    monkeypatch.setenv("DUIDU_LIBRARY", str(tmp_path / "env.sqlite"))
    assert library_path() == tmp_path / "env.sqlite"
    monkeypatch.delenv("DUIDU_LIBRARY")
    assert str(library_path()).startswith(str(tmp_path / "home"))


def test_script_views_map_to_stored_text_and_are_cached(lib):
    doc = lib.resolve("000_bf6dfff8fbad574e.txt")
    stored = lib.text(doc.id)
    view = lib.view(doc.id, "tw")
    assert view.config == "s2twp"
    assert lib.db["views"].count == 1
    for p in stored.paragraphs[:20]:
        a, b = view.map.to_dst_span(p.start, p.end)
        assert view.map.to_src_span(a, b) == (p.start, p.end)
    again = lib.view(doc.id, "tw")
    assert again.text == view.text and again.map == view.map
    assert lib.view(doc.id, "simplified").text == stored.text  # already simplified: as stored
    sichuan = lib.resolve("001_6a591adfc5be8ef4.txt")
    simp = lib.view(sichuan.id, "simplified")
    assert simp.config == "t2s" and "联席会议第七次会议" in simp.text


@pytest.mark.parametrize("query", ["協同", "协同", "双减", "职教", "县管校聘", "學前教育", "产教融合"])
def test_search_is_script_insensitive_and_finds_two_character_words(lib, query):
    hits = lib.search(query)
    assert hits, query
    for h in hits:
        stored = lib.text(h.document_id).text
        assert stored[h.start : h.end] == h.match
        assert query_key(h.match) == query_key(query)


def test_search_counts_every_occurrence_and_skips_furniture(lib):
    # 7 in the simplified seeds, 2 more (職教集團, 職教聯盟) in the traditional one
    total = sum(p.read_text(encoding="utf-8").count(w) for p in seed_path().glob("*.txt") for w in ("职教", "職教"))
    assert total == 9
    assert len(lib.search("职教")) == total
    assert lib.search("协同") and len(lib.search("协同")) == len(lib.search("協同"))
    assert lib.search("责任编辑") == []  # page furniture is not indexed
    assert lib.search("，") == []
    one = lib.search("渝", limit=500)
    assert all(h.match in ("渝",) for h in one) and len(one) > 20


def test_mixed_documents_convert_both_ways(lib, tmp_path):
    mixed = tmp_path / "mixed.txt"
    simp = seed_path("000_bf6dfff8fbad574e.txt").read_text(encoding="utf-8").splitlines()[4]
    trad = "成立成渝學前教育發展共同體，組建小學教育聯盟。舉辦6個職教集團、4個職教聯盟，覆蓋兩地662所職業院校。" * 3
    mixed.write_text(simp + "\n" + trad, encoding="utf-8")
    doc = lib.import_file(mixed).document
    assert doc.script == "mixed"
    simplified = lib.view(doc.id, "simplified")
    assert simplified.config == "t2s" and "成立成渝学前教育发展共同体" in simplified.text
    traditional = lib.view(doc.id, "traditional")
    assert traditional.config == "s2t" and "成立成渝學前教育發展共同體" in traditional.text
    assert "協同發展" in traditional.text


def test_interrupted_first_run_is_set_up_again(tmp_path, monkeypatch):
    from duidu.library import seeds

    real_add = Library.add
    calls = {"n": 0}

    def add_then_interrupt(self, prepared):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real_add(self, prepared)

    monkeypatch.setattr(Library, "add", add_then_interrupt)
    path = tmp_path / "first.sqlite"
    with pytest.raises(KeyboardInterrupt):
        Library.open(path)
    monkeypatch.setattr(Library, "add", real_add)
    with Library.open(path) as library:
        assert len(library.documents()) == len(seeds.manifest()) == 5


def test_concurrent_first_opens_share_one_library(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "race.sqlite"
    code = "import sys; from duidu.library.store import Library; print(len(Library.open(sys.argv[1]).documents()))"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [p.communicate() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err for _, err in results]
    assert [out.strip() for out, _ in results] == ["5"] * 4


def test_an_open_waits_for_a_slow_first_run_longer_than_a_write_waits(tmp_path, monkeypatch):
    """A second opener of a new library waits for the seeding, however slow, instead of failing busy."""
    import threading

    from duidu.library import seeds, store

    real_seed, real_execute = seeds.import_seeds, Database.execute
    monkeypatch.setattr(store, "BUSY_WAIT_MS", 100)
    at_lock = threading.Condition()
    waiting = []  # openers that reached the set-up transaction while the seeding holds it

    def execute(self, sql, *args, **kwargs):
        if sql == "BEGIN IMMEDIATE":
            with at_lock:
                waiting.append(threading.current_thread().name)
                at_lock.notify_all()
        return real_execute(self, sql, *args, **kwargs)

    def slow(lib):
        # Hold the set-up lock until both other openers are queued behind it, then for ten
        # times a write's wait: had they waited only as long as a write, they would fail busy.
        with at_lock:
            arrived = at_lock.wait_for(lambda: len(waiting) == 3, timeout=120)
            at_lock.wait(timeout=10 * store.BUSY_WAIT_MS / 1000)  # nothing notifies: a held lock, not a race
        assert arrived, waiting
        return real_seed(lib)

    monkeypatch.setattr(Database, "execute", execute)
    monkeypatch.setattr(seeds, "import_seeds", slow)
    path = tmp_path / "slow.sqlite"
    counts, errors = [], []

    def open_one():
        try:
            with Library.open(path, backup=False) as library:
                counts.append(len(library.documents()))
        except BaseException as exc:  # noqa: BLE001 - the assertion reports it
            errors.append(exc)

    threads = [threading.Thread(target=open_one, name=f"opener-{n}") for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and counts == [5, 5, 5]


def test_measures_are_extracted_once_at_import_and_cached(lib):
    from duidu.engine.measures import extract_measures

    cached = lib.mentions(2)
    assert cached == extract_measures(lib.engine_document(2))
    assert {"职教集团", "名师名校长工作室", "联席会议"} <= {m.measure for m in cached}
    stored = lib.text(2).text
    assert all(stored[m.start : m.end] == m.text for m in cached)
