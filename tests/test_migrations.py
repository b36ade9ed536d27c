"""Opening a library written at every earlier schema version, holding the five seeds.

A library at version v is made from a fully migrated seeded one by undoing what the later
migrations added (their tables: see ``duidu.library.schema``) and setting ``user_version``;
the result is checked against a fresh database migrated to v, so the downgrade is exact.
Opening it must bring it to LATEST with everything the later steps build filled in.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from duidu.library import schema
from duidu.library.store import Library

# What each migration (the version it brings a library to) adds, dropped in reverse to undo it.
ADDED = {
    2: ["search_index"],  # FTS5: its shadow tables go with it
    3: ["keyforms"],
    4: ["similar_index_vocab", "similar_index", "measure_mentions"],
    5: ["annotation_codes", "targets", "annotations", "codes"],
    6: ["metadata_corrections"],
    7: [],  # paragraphs.page: a column (ADDED_COLUMNS)
    8: [],  # measures extracted again (rows, no table)
    9: ["similar_units"],  # and both indexes made again contentless (REPLACED)
}
# Columns a migration adds to an existing table, dropped to undo it.
ADDED_COLUMNS = {
    6: ("documents", ["issuing_body", "doc_number", "addressees", "attachments", "region_code", "extracted"]),
    7: ("paragraphs", ["page"]),
    9: ("documents", ["text_length"]),
}
# Indexes a migration adds to an existing table, dropped (before its columns) to undo it.
ADDED_INDEXES = {9: ["documents_listing"]}
# Tables a migration replaces: undoing it drops them and makes them again as the step before
# had them (empty: the step that replaces them fills them from the documents); undoing earlier
# steps then drops them as ADDED says.
REPLACED = {
    9: ["search_index", "similar_index_vocab", "similar_index", "measure_mentions"],
}


def made_by(version: int, tables: list[str], folder) -> list[str]:
    """The SQL that made ``tables`` in a new library brought to ``version``, in creation order."""
    path = folder / f"layout-v{version}.sqlite"
    db = Database(path)
    schema.migrate(db, str(path), target=version)
    db.close()
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").fetchall()
    finally:
        con.close()
    return [sql for name, sql in rows if name in tables]

# Tables a library creates the first time it needs them (and fills from its documents).
FIRST_USE = ["edge_pairs", "document_sets"]  # library/furniture_stats.py, library/document_sets.py


def layout(db_path) -> dict[tuple[str, str], str | None]:
    """Every table and index with its SQL (sqlite_sequence, SQLite's own, left out)."""
    con = sqlite3.connect(db_path)
    try:
        rows = con.execute("SELECT type, name, sql FROM sqlite_master WHERE name <> 'sqlite_sequence'").fetchall()
    finally:
        con.close()
    return {(t, n): sql for t, n, sql in rows}


def downgrade(path, version: int) -> None:
    con = sqlite3.connect(path)
    try:
        for table in FIRST_USE:  # no migration made them: a library of any version may lack them
            con.execute(f"DROP TABLE IF EXISTS {table}")
        for v in sorted(ADDED, reverse=True):
            if v > version:
                for table in ADDED[v]:
                    con.execute(f"DROP TABLE {table}")
                for index in ADDED_INDEXES.get(v, []):
                    con.execute(f"DROP INDEX {index}")
                table, columns = ADDED_COLUMNS.get(v, ("", []))
                for column in columns:
                    con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
                if v in REPLACED:
                    for table in REPLACED[v]:
                        con.execute(f"DROP TABLE {table}")
                    for sql in made_by(v - 1, REPLACED[v], Path(path).parent):
                        con.execute(sql)
        con.execute(f"PRAGMA user_version = {version}")
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()


@pytest.fixture(scope="module")
def expected(seeded_template):
    """What the freshly seeded LATEST library answers, for the migrated ones to match."""
    with Library.open(seeded_template, backup=False) as lib:
        ids = [d.id for d in lib.documents()]
        return {
            "documents": [(d.file_name, d.length) for d in lib.documents()],
            "search": [(h.document_id, h.start) for h in lib.search("职教")],
            "passages": len(lib.compare(ids[0], ids[1]).passages),
            "similar": lib.similar("职业教育产教融合", top=5),
            "codes": [(c.guid, c.name) for c in lib.codes()],
            "mentions": {i: lib.mentions(i) for i in ids},
            "metadata": [(d.title, d.region, d.date, d.issuing_body, d.region_code) for d in lib.documents()],
        }


def test_every_migration_is_covered():
    assert sorted(ADDED) == list(range(2, schema.LATEST + 1))


@pytest.mark.parametrize("version", range(1, schema.LATEST))
def test_a_seeded_library_at_every_earlier_version_opens_whole(version, seeded_template, expected, tmp_path):
    path = tmp_path / f"v{version}.sqlite"
    shutil.copyfile(seeded_template, path)
    downgrade(path, version)
    fresh = tmp_path / "fresh.sqlite"
    db = Database(fresh)
    schema.migrate(db, str(fresh), target=version)
    db.close()
    assert layout(path) == layout(fresh)  # exactly the library a Duidu of that version wrote
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    con.close()

    with Library.open(path, backup=False) as lib:
        assert schema.version(lib.db) == schema.LATEST
        docs = lib.documents()
        assert len(docs) == 5 and [(d.file_name, d.length) for d in docs] == expected["documents"]
        hits = [(h.document_id, h.start) for h in lib.search("职教")]
        assert hits and hits == expected["search"]
        ids = [d.id for d in docs]
        comparison = lib.compare(ids[0], ids[1])
        assert comparison.passages and len(comparison.passages) == expected["passages"]
        similar = lib.similar("职业教育产教融合", top=5)
        assert similar and similar == expected["similar"]
        assert {i: lib.mentions(i) for i in ids} == expected["mentions"]
        # Read again by the metadata step; the seeds' titles, regions and dates stay as given.
        assert [(d.title, d.region, d.date, d.issuing_body, d.region_code) for d in docs] == expected["metadata"]
        codes = [(c.guid, c.name) for c in lib.codes()]
        assert len(codes) == 33 and codes == expected["codes"]  # the default codebook, same guids
        text = lib.text(ids[0]).text
        at = text.index("职教")
        a = lib.annotate(ids[0], at, at + 2, code_ids=[lib.resolve_code("对象/职业").id], annotator="王老师")
        assert lib.annotations(document_id=ids[0]) == [a] and a.targets[0].quote == "职教"
        assert lib.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_measures_cached_by_an_earlier_extractor_are_made_again(seeded_template, tmp_path):
    path = tmp_path / "v7.sqlite"
    shutil.copyfile(seeded_template, path)
    downgrade(path, 7)
    con = sqlite3.connect(path)
    (doc,) = con.execute("SELECT min(id) FROM documents").fetchone()
    con.execute("INSERT INTO measure_mentions (document_id, n, measure, category, start, \"end\", text, source) "
                "VALUES (?, 0, '建立联席会议', '机制建设', 0, 2, 'xx', 'lexicon')", [doc])  # the old naming
    con.commit()
    con.close()
    with Library.open(path, backup=False) as lib:
        names = {m.measure for d in lib.documents() for m in lib.mentions(d.id)}
        categories = {m.category for d in lib.documents() for m in lib.mentions(d.id)}
    assert "机制建设" not in categories and not any(n.startswith("建立") for n in names)
    assert {"名师名校长工作室", "职教集团", "联席会议"} <= names
