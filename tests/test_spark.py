"""The Spark engine (``duidu reuse --engine spark``) gives the in-process ``duidu reuse``'s answers.

One local[2] Spark session for the module (offline: 127.0.0.1, no web UI, two shuffle
partitions), and two corpora:

- the 33 full reports (tests/data/reports_full: the 31 provinces' 2026 reports and the State
  Council's of 2024 and 2025, byte for byte, provenance in its PROVENANCE.tsv) — the same
  answers: ONE Spark run against ONE in-process ``duidu reuse``, same candidate pairs, passages
  (same offsets), families and edges;
- 24 excerpts of the provincial reports (tests/data/reports) — enough documents (>= MIN_LIBRARY)
  for the library's own common stretches to count — for what is cheaper shown small: a job
  stopped and resumed (its answers still the in-process ones), the import, the command line.

Skipped only where no Java runtime can be found (pyspark itself is in `make test`'s install).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from duidu.spark.session import java_home

if java_home() is None:
    pytest.skip("no Java runtime found (JAVA_HOME or java on PATH): the Spark engine cannot run here; "
                "`make deps` as root installs openjdk-17-jre-headless", allow_module_level=True)

from duidu.library.reuse import ReuseCache, reuse  # noqa: E402
from duidu.library.store import Library  # noqa: E402
from duidu.spark import job  # noqa: E402
from duidu.spark.results import read_json_lines  # noqa: E402
from duidu.spark.session import session  # noqa: E402

REPORTS = Path(__file__).parent / "data" / "reports"
FULL_REPORTS = Path(__file__).parent / "data" / "reports_full"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Offline as everywhere (conftest's guard), except the loopback the driver talks to its JVM on."""
    import socket

    from conftest import NetworkAttempt

    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def connect(self, address):
        if isinstance(address, tuple) and address[0] in LOOPBACK:
            return real_connect(self, address)
        raise NetworkAttempt(f"network access attempted: {address}")

    def getaddrinfo(host, *args, **kwargs):
        if host in LOOPBACK:
            return real_getaddrinfo(host, *args, **kwargs)
        raise NetworkAttempt(f"network access attempted: {host}")

    def refuse(*args, **kwargs):
        raise NetworkAttempt(f"network access attempted: {args or kwargs}")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield


def _corpus() -> list[Path]:
    files = sorted(REPORTS.glob("*.txt"))
    measures = [f for f in files if f.name.endswith("_measures.txt")][:12]
    targets = [f for f in files if f.name.endswith("_targets.txt")][:12]
    return measures + targets


@pytest.fixture(scope="module")
def spark():
    s = session("local[2]", shuffle_partitions=2)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for f in _corpus():
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture(scope="module")
def interrupted_then_resumed(spark, corpus, tmp_path_factory):
    """The job stopped after its first chunk of pairs (as a failure would), then run again."""
    out = str(tmp_path_factory.mktemp("job") / "out")
    with pytest.raises(job.JobInterrupted):
        job.run(spark, out, folder=str(corpus), pairs_per_chunk=30, stop_after_chunks=1)
    docs_marker = Path(out, "stage", "documents", "_SUCCESS")
    first_chunk = Path(out, "stage", "pairs", "chunk=00000", "_SUCCESS")
    before = (docs_marker.stat().st_mtime_ns, first_chunk.stat().st_mtime_ns) if first_chunk.exists() else None
    report = job.run(spark, out, folder=str(corpus), pairs_per_chunk=30)
    after = (docs_marker.stat().st_mtime_ns, first_chunk.stat().st_mtime_ns)
    return Path(out), report, before, after


def _in_process(folder: Path, where: Path):
    """The documents of ``folder`` in a library, and the in-process reuse over them (pair by pair too)."""
    lib = Library.open(where / "lib.duidu", seed=False, backup=False)
    ids = [lib.import_file(f).document.id for f in sorted(folder.iterdir())]
    cache = ReuseCache()
    result = reuse(lib, ids, cache=cache, workers=1)
    hashes = dict(lib.db.execute("SELECT id, text_hash FROM documents").fetchall())
    yield lib, ids, result, cache, hashes
    lib.close()


@pytest.fixture(scope="module")
def local(corpus, tmp_path_factory):
    """The excerpts in a library, and the in-process reuse over them."""
    yield from _in_process(corpus, tmp_path_factory.mktemp("lib"))


@pytest.fixture(scope="module")
def full_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("full")
    for f in sorted(FULL_REPORTS.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture(scope="module")
def full_job(spark, full_corpus, tmp_path_factory):
    """One uninterrupted Spark run over the 33 reports."""
    out = tmp_path_factory.mktemp("full_job") / "out"
    report = job.run(spark, str(out), folder=str(full_corpus), fresh=True)
    return out, report


@pytest.fixture(scope="module")
def full_local(full_corpus, tmp_path_factory):
    """The 33 reports in a library, and the in-process reuse over them."""
    yield from _in_process(full_corpus, tmp_path_factory.mktemp("full_lib"))


def _families(families: list[dict], hash_of: dict) -> list[str]:
    """Families as comparable text: members by content hash (ids differ between runs), offsets kept."""
    return sorted(json.dumps([f["text"], hash_of.get(f.get("origin")),
                              sorted([hash_of[m["doc"]], m["start"], m["end"], m.get("date"), m["similarity"]]
                                     for m in f["members"])], ensure_ascii=False) for f in families)


def _edges(edges: list[dict], hash_of: dict) -> list[tuple]:
    return sorted((hash_of[e["from"]], hash_of[e["to"]], e["chars"], e["informative_chars"], e["passages"],
                   e["direction"]) for e in edges)


def _passages(out: Path) -> dict:
    """The job's passages pair by pair (pairs by content hash), as the in-process cache keeps them."""
    mine: dict = {}
    for p in read_json_lines(out / "json" / "passages"):
        mine.setdefault((p["a_hash"], p["b_hash"]), []).append(
            (p["a_start"], p["a_end"], p["b_start"], p["b_end"], p["similarity"], p["informativeness"],
             p["boilerplate"]))
    return {k: sorted(v) for k, v in mine.items()}


def _cached_passages(cache: ReuseCache) -> dict:
    return {k: sorted((q.a_start, q.a_end, q.b_start, q.b_end, q.similarity, q.informativeness, q.boilerplate)
                      for q in v) for k, v in cache.pairs.items() if v}


def test_an_output_of_older_document_records_starts_afresh(spark, corpus, tmp_path):
    """Stages written before the document record carried the region (job.RECORD) are not reused: they
    would align without it and disagree with a fresh run."""
    out = tmp_path / "out"
    with pytest.raises(job.JobInterrupted):
        job.run(spark, str(out), folder=str(corpus), pairs_per_chunk=30, stop_after_chunks=1)
    stage = out / "stage" / "job.json"
    older = json.loads(stage.read_text(encoding="utf-8"))
    older.pop("record", None)  # as a version before it wrote it
    stage.write_text(json.dumps(older, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    (stage.parent / ".job.json.crc").unlink(missing_ok=True)  # Hadoop's checksum of the file it wrote
    report = job.run(spark, str(out), folder=str(corpus), pairs_per_chunk=30)
    assert report.chunks_reused == 0 and report.chunks >= 2 and not report.refused


def test_resumed_job_keeps_finished_stages_and_chunks(interrupted_then_resumed):
    out, report, before, after = interrupted_then_resumed
    assert report.chunks >= 2, "the corpus should need several chunks of 30 pairs"
    assert before is not None, "the first chunk was finished before the stop"
    assert after == before  # neither the documents nor the first chunk were written again
    assert report.chunks_reused == 1
    assert report.documents == len(_corpus()) and not report.refused
    assert (out / "families" / "_SUCCESS").exists() and (out / "json" / "families" / "_SUCCESS").exists()
    assert json.loads((out / "job.json").read_text(encoding="utf-8"))["candidates"] == report.candidates


def test_candidates_are_the_in_process_rule_not_all_pairs(interrupted_then_resumed, local):
    out, report, _, _ = interrupted_then_resumed
    lib, ids, result, cache, hashes = local
    job_hash = {d["doc"]: d["text_hash"] for d in read_json_lines(out / "json" / "documents")}
    pairs = {(job_hash[p["a"]], job_hash[p["b"]]): p["shared"] for p in read_json_lines(out / "json" / "pairs")}
    assert pairs == {(hashes[a], hashes[b]): n for (a, b), n in result.candidates.pairs.items()}
    n = len(ids)
    assert 0 < report.candidates < n * (n - 1) // 2
    assert report.votes == result.candidates.votes and report.postings_skipped == result.candidates.postings_skipped


def test_resumed_job_gives_the_in_process_passages_families_and_edges(interrupted_then_resumed, local):
    out, report, _, _ = interrupted_then_resumed
    lib, ids, result, cache, hashes = local
    job_hash = {d["doc"]: d["text_hash"] for d in read_json_lines(out / "json" / "documents")}
    # every aligned pair's passages: same stored-text offsets, similarity, informativeness, boilerplate
    theirs = _cached_passages(cache)
    assert _passages(out) == theirs
    assert sum(len(v) for v in theirs.values()) == report.passages > 0
    # families and the network
    local_json = result.to_json()
    assert len(result.families) >= 5 and any(len({m.doc for m in f.members}) >= 3 for f in result.families)
    assert _families(read_json_lines(out / "json" / "families"), job_hash) == _families(local_json["families"], hashes)
    assert _edges(read_json_lines(out / "json" / "edges"), job_hash) == _edges(local_json["edges"], hashes)


def test_full_reports_same_candidates_passages_families_and_edges(full_job, full_local):
    """Issue 13 part 4: the 33 reports, the Spark job against the in-process ``duidu reuse``."""
    out, report = full_job
    lib, ids, result, cache, hashes = full_local
    assert report.documents == len(ids) == 33 and not report.refused and not report.duplicates
    job_docs = read_json_lines(out / "json" / "documents")
    job_hash = {d["doc"]: d["text_hash"] for d in job_docs}
    assert sorted(job_hash.values()) == sorted(hashes.values())  # the same stored texts
    # the same dates as the library's importer finds them (they order families and edges)
    local_dates = dict(lib.db.execute("SELECT text_hash, date FROM documents").fetchall())
    job_dates = {d["text_hash"]: d.get("date") for d in job_docs}  # Spark's JSON leaves out a null
    assert job_dates == {h: d or None for h, d in local_dates.items()}
    assert sum(d is not None for d in job_dates.values()) >= 30
    # candidate pairs: the in-process rule (reports of one year share enough for every pair to be one)
    pairs = {(job_hash[p["a"]], job_hash[p["b"]]): p["shared"] for p in read_json_lines(out / "json" / "pairs")}
    assert pairs == {(hashes[a], hashes[b]): n for (a, b), n in result.candidates.pairs.items()}
    assert 0 < report.candidates == len(pairs) <= 33 * 32 // 2
    assert report.votes == result.candidates.votes and report.postings_skipped == result.candidates.postings_skipped
    # every aligned pair's passages: same stored-text offsets, similarity, informativeness, boilerplate
    theirs = _cached_passages(cache)
    assert _passages(out) == theirs
    assert sum(len(v) for v in theirs.values()) == report.passages >= 1000
    # families and the network
    local_json = result.to_json()
    assert len(result.families) >= 1000 and any(len({m.doc for m in f.members}) >= 3 for f in result.families)
    assert len(local_json["edges"]) >= 100
    assert _families(read_json_lines(out / "json" / "families"), job_hash) == _families(local_json["families"], hashes)
    assert _edges(read_json_lines(out / "json" / "edges"), job_hash) == _edges(local_json["edges"], hashes)


def test_full_reports_offsets_index_the_stored_text(full_job, full_local):
    out, _ = full_job
    lib = full_local[0]
    stored = dict(lib.db.execute("SELECT text_hash, text FROM documents").fetchall())
    text = {d["doc"]: d["text"] for d in read_json_lines(out / "json" / "documents")}
    assert {d["text_hash"]: d["text"] for d in read_json_lines(out / "json" / "documents")} == stored
    for p in read_json_lines(out / "json" / "passages"):
        assert text[p["a"]][p["a_start"]:p["a_end"]] == p["a_text"]
        assert text[p["b"]][p["b_start"]:p["b_end"]] == p["b_text"]


def test_offsets_index_the_stored_text(interrupted_then_resumed):
    out, _, _, _ = interrupted_then_resumed
    text = {d["doc"]: d["text"] for d in read_json_lines(out / "json" / "documents")}
    rows = read_json_lines(out / "json" / "passages")
    assert rows
    for p in rows:
        assert text[p["a"]][p["a_start"]:p["a_end"]] == p["a_text"]
        assert text[p["b"]][p["b_start"]:p["b_end"]] == p["b_text"]
    for f in read_json_lines(out / "json" / "families"):
        for m in f["members"]:
            assert 0 <= m["start"] < m["end"] <= len(text[m["doc"]])


def test_import_serves_the_job_in_a_library(interrupted_then_resumed, local, corpus, tmp_path):
    from duidu.library.reuse_import import import_results

    out, _, _, _ = interrupted_then_resumed
    _, _, result, _, _ = local
    with Library.open(tmp_path / "desk.duidu", seed=False, backup=False) as lib:
        first = sorted(corpus.iterdir())[0]
        lib.import_file(first)  # one already there: matched by content, not imported twice
        summary = import_results(lib, out)
        assert summary.documents == len(_corpus())
        assert summary.matched == 1 and summary.imported == len(_corpus()) - 1 and not summary.unmatched
        assert summary.pairs == len(read_json_lines(out / "json" / "pairs")) and summary.pairs_unmatched == 0
        ids = [d.id for d in lib.documents()]
        served = reuse(lib, ids, workers=1)
        assert served.aligned == summary.reversed  # nothing aligned again except pairs the library orders otherwise
        hashes = dict(lib.db.execute("SELECT id, text_hash FROM documents").fetchall())
    local_hashes = dict(local[0].db.execute("SELECT id, text_hash FROM documents").fetchall())
    assert _families(served.to_json()["families"], hashes) == _families(result.to_json()["families"], local_hashes)


def test_import_says_what_it_could_not_match(interrupted_then_resumed, tmp_path):
    from duidu.library.reuse_import import import_results

    out, _, _, _ = interrupted_then_resumed
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    (copy / "stage" / "job.json").unlink()  # the job's folder is unknown: documents come from the stored text
    part = next((copy / "json" / "documents").glob("part-*"))
    rows = [json.loads(line) for line in part.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows[0]["text"] = "（改过的文本）" + rows[0]["text"]  # no longer the text its hash and offsets are for
    part.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    with Library.open(tmp_path / "lib.duidu", seed=False, backup=False) as lib:
        summary = import_results(lib, copy)
    assert [p for p, _ in summary.unmatched] == [rows[0]["path"]]
    assert "differs" in summary.unmatched[0][1]
    assert summary.pairs_unmatched > 0 and summary.imported == len(_corpus()) - 1


def test_command_line_runs_the_job_and_imports_it(spark, corpus, tmp_path, capsys):
    from duidu.cli.main import main

    small = tmp_path / "three"
    small.mkdir()
    for f in sorted(corpus.iterdir())[:3]:
        shutil.copy(f, small / f.name)
    (small / "notes.xlsx").write_bytes(b"not a document")  # not a document file: left out by extension
    (small / "empty.txt").write_bytes(b"")  # a document file that cannot be read: refused with the reason
    out = tmp_path / "out"
    lib_path = tmp_path / "lib.duidu"
    assert main(["--library", str(lib_path), "reuse", "--engine", "spark", "--master", "local[2]", str(small),
                 "--out", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 3 and [p for p, _ in report["refused"]] == ["empty.txt"]
    assert spark.sparkContext._jsc is not None  # the module's session was not stopped by the command
    assert main(["--library", str(lib_path), "reuse", "import", str(out)]) == 0
    said = capsys.readouterr().out
    assert "3 job documents: 0 already in the library, 3 imported, 0 not matched" in said
    with pytest.raises(SystemExit):  # no --out: one clear message (argparse's), no job started
        main(["--library", str(lib_path), "reuse", "--engine", "spark", str(small)])
    assert "--engine spark needs --out DIR" in capsys.readouterr().err
