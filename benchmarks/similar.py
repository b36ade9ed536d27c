"""Similar-passage search at library scale: index build time and memory, query time.

Builds a synthetic library of 1,000 documents / 10M characters from the seeds' sentences
(drawn at random, edited: substitutions, deletions, insertions; both scripts), stored as an
import leaves it (text, structure, cached key form) at the schema version before the similar
index. Then, each beside a baseline measured in the same run:

* building the index = the migration that backfills it, in a fresh process (time, and peak
  memory of it and its worker processes), against jieba alone on the same units in one process
  (the part no design avoids; timed on a tenth, scaled); ``--sequential`` also times one process;
* a query (warm process: jieba loaded) against a naive linear scan that scores every unit of
  the library with the same score; the scan's top 10 also checks that the index's candidates
  hold the best results.

    .venv/bin/python benchmarks/similar.py [--docs 1000] [--chars 10000] [--sequential] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlite_utils import Database
from synthetic import edited, seed_sentences

from duidu.engine.document import EngineDocument
from duidu.engine.similar import Features, idf, score, units
from duidu.library import schema, similar_index
from duidu.library.engine_cache import engine_document
from duidu.library.similar_index import measure_mentions
from duidu.library.store import Library
from duidu.text.clean import clean
from duidu.text.keyform import key_form
from duidu.text.segment import segment, warm_up

QUERIES = [
    "成立成渝學前教育發展共同體",  # traditional, a clause of a simplified sentence
    "两地教师互相派遣交流",  # reworded
    "共建名师工作室",
    "6个职教集团、4个职教联盟,覆盖两地职业院校662所",
    "建立健全成渝两地教育协同发展联席会议制度，定期会商重大事项",
    "推进城乡义务教育一体化发展",
    "高校毕业生就业",
    "深化產教融合，推動校企合作，共建實訓基地",
    "长三角地区中小学校长高峰论坛已经举办五届",
    "教育",
    "加快建设教育强市，到2027年基础教育更加公平优质，优质教育资源跨区域配置不断优化，基础教育发展共同体覆盖率达到90%",
    "川渝两地共同制定流动人口随迁子女入学政策",
]


def _migration() -> int:
    """The schema version that adds the similar index (the benchmark builds up to just before)."""
    return next(i for i, m in enumerate(schema.MIGRATIONS) if m.__name__.endswith("similar_index"))


def synthetic_texts(n_docs: int, chars: int, seed: int = 7):
    sentences = seed_sentences()
    pool = "".join(sentences)
    rng = random.Random(seed)
    for i in range(n_docs):
        paras, size = [f"合成文档第{i}号"], 0
        while size < chars:
            para = "".join(edited(rng.choice(sentences), rng, pool) for _ in range(rng.randint(2, 8)))
            paras.append(para)
            size += len(para) + 1
        yield "\n".join(paras)


def build_library(path: Path, n_docs: int, chars: int) -> int:
    """A library at the version before the similar index, as imports leave it; returns its size."""
    db = Database(path)
    db.execute("PRAGMA journal_mode = WAL")
    schema.migrate(db, str(path), target=_migration())
    total = 0
    with db.atomic():
        for n, text in enumerate(synthetic_texts(n_docs, chars), 1):
            c = clean(text)
            ex = [(e.start, e.end) for e in c.excluded]
            doc_id = db["documents"].insert({
                "title": text.split("\n", 1)[0], "raw_text": text, "text": c.text, "script": "mixed", "seed": 0,
                "text_hash": hashlib.sha256(c.text.encode()).hexdigest(),
            }).last_pk
            db["paragraphs"].insert_all({"document_id": doc_id, "n": k, "start": p.start, "end": p.end}
                                        for k, p in enumerate(c.paragraphs))
            db["sentences"].insert_all({"document_id": doc_id, "n": k, "start": s.start, "end": s.end,
                                        "paragraph": s.paragraph} for k, s in enumerate(c.sentences))
            db["excluded"].insert_all({"document_id": doc_id, "n": k, "start": e.start, "end": e.end,
                                       "reason": e.reason} for k, e in enumerate(c.excluded))
            key = key_form(c.text, ex)
            db["keyforms"].insert({"document_id": doc_id, "key": key.text, "map": key.map.to_bytes()})
            total += len(c.text)
    db.close()
    return total


def _build_child(path: str, workers: int | None) -> None:
    """In a fresh process: run the migration that builds the index; print seconds and peak RSS."""
    if workers is not None:  # as the library would choose, but with this many processes
        similar_index.MAX_WORKERS = workers
        similar_index.PARALLEL_CHARS = 0 if workers > 1 else float("inf")
    db = Database(path)
    size = db.execute("SELECT sum(length(text)) FROM documents").fetchone()[0]
    used = min(os.cpu_count() or 1, similar_index.MAX_WORKERS) if size >= similar_index.PARALLEL_CHARS else 1
    t = time.perf_counter()
    schema.migrate(db, path, target=_migration() + 1)
    seconds = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss, "workers": used}))


def _tree_rss(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in bytes (shared pages counted twice)."""
    parents, rss = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid], rss[pid] = int(fields[1]), int(fields[21]) * resource.getpagesize()
    total = 0
    for pid in rss:
        p = pid
        while p and p != root:
            p = parents.get(p, 0)
        total += rss[pid] if p == root else 0
    return total


def run_build(path: Path, workers: int | None = None) -> dict:
    """The index build in a fresh process, its (and its workers') memory sampled as it runs."""
    cmd = [sys.executable, __file__, "--_build", str(path)] + ([f"--workers={workers}"] if workers else [])
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.2)
    out = proc.stdout.read()
    if proc.returncode:
        raise SystemExit(f"index build failed ({proc.returncode})")
    return {**json.loads(out.strip().splitlines()[-1]), "tree_mb": peak / 2**20}


def jieba_baseline(db: Database, doc_ids: list[int]) -> tuple[float, float]:
    """jieba alone, and measure extraction alone, on the units of ``doc_ids``."""
    docs = [engine_document(db, i) for i in doc_ids]
    keys = [u.key for d in docs for u in units(d)]
    t = time.perf_counter()
    for k in keys:
        segment(k)
    seg = time.perf_counter() - t
    t = time.perf_counter()
    for d in docs:
        measure_mentions(d)
    return seg, time.perf_counter() - t


def naive_scan(db: Database, text: str, max_doc: int | None) -> list[tuple[float, int, int]]:
    """Every unit scored with the same score, no index: read all rows, score, sort."""
    query = similar_index.query_features(text)
    tokens = [(k, t) for k in ("grams", "words", "measures") for t in query.of(k)]
    counts, total = similar_index.token_counts(db, tokens)
    weights = {tok: idf(counts.get(tok, 0), total) for tok in tokens}
    sql = "SELECT id FROM documents"
    if max_doc is not None:
        sql += f" WHERE id <= {max_doc}"
    ranked = []
    for (d,) in db.execute(sql).fetchall():  # the index is contentless: each document's units as stored
        for s, _, g, w, m in similar_index.stored_units(db, d):
            u = Features(frozenset(g.split()), frozenset(w.split()), frozenset(m.split()))
            ranked.append((score(query, u, lambda k, t: weights[(k, t)]), d, s))
    ranked.sort(key=lambda r: (-r[0], r[1], r[2]))
    return ranked[:10]


def report_build(label: str, build: dict, n_units: int, baseline: float) -> None:
    ok = build["seconds"] <= 120 and build["tree_mb"] <= 2048
    print(f"{label} ({build['workers']} process{'es' if build['workers'] > 1 else ''}): {build['seconds']:.1f} s, "
          f"peak RSS {build['tree_mb']:.0f} MB in all ({build['rss_mb']:.0f} MB main), {n_units:,} units"
          f"   target ≤ 120 s within 2048 MB  {'ok' if ok else 'OVER'}   ratio to jieba alone {build['seconds'] / baseline:.2f}×")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--chars", type=int, default=10_000)
    ap.add_argument("--keep", help="build the library in this directory and keep it")
    ap.add_argument("--sequential", action="store_true", help="also time the build in one process")
    ap.add_argument("--_build", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._build:
        _build_child(args._build, args.workers)
        return 0
    tmp = tempfile.TemporaryDirectory()
    where = Path(args.keep or tmp.name)
    where.mkdir(parents=True, exist_ok=True)
    path = where / "similar-bench.sqlite"
    for p in where.glob("similar-bench.sqlite*"):
        p.unlink()

    t = time.perf_counter()
    total = build_library(path, args.docs, args.chars)
    print(f"synthetic library: {args.docs} documents, {total:,} characters (set-up {time.perf_counter() - t:.0f} s, not timed below)")
    sequential = None
    if args.sequential:
        copy = where / "similar-bench-seq.sqlite"
        copy.write_bytes(path.read_bytes())
        sequential = run_build(copy, 1)
        copy.unlink()
    build = run_build(path)

    lib = Library.open(path, seed=False)
    db = lib.db
    n_units = db.execute("SELECT count(*) FROM similar_index").fetchone()[0]
    tenth = [r[0] for r in db.execute("SELECT id FROM documents WHERE id % 10 = 0")]
    warm_up()
    measure_mentions(EngineDocument.from_text(0, "建立联席会议制度。"))  # load the measure layer (POS) too
    seg, meas = jieba_baseline(db, tenth)
    scale = total / sum(db.execute("SELECT length(text) FROM documents WHERE id = ?", [i]).fetchone()[0] for i in tenth)
    print(f"baseline, one process: jieba alone on the same units {seg * scale:.1f} s; the measure layer alone "
          f"{meas * scale:.1f} s (each on a tenth of the documents, scaled)")
    report_build("index build = the migration, fresh process", build, n_units, seg * scale)
    if sequential:
        report_build("  same, one process", sequential, n_units, seg * scale)
    print(f"  database size: {path.stat().st_size / 2**20:.0f} MB")

    lib.similar(QUERIES[0])  # first query pays for loading the measure lexicon
    times, naive, agree, quality = [], [], [], []
    for q in QUERIES:
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            got = lib.similar(q)
            runs.append(time.perf_counter() - t)
        times.append(statistics.median(runs))
        t = time.perf_counter()
        exact = naive_scan(db, q, None)
        naive.append(time.perf_counter() - t)
        # ties are common (edited copies of one sentence): a result counts if it scores as high
        # as the exhaustive 10th
        agree.append(sum(h.score >= exact[-1][0] - 1e-9 for h in got))
        quality.append(sum(h.score for h in got) / sum(e[0] for e in exact))
    worst, med, naive_med = max(times), statistics.median(times), statistics.median(naive)
    print(f"query, warm process, {len(QUERIES)} queries: median {med * 1000:.0f} ms, slowest {worst * 1000:.0f} ms"
          f"   target ≤ 300 ms  {'ok' if worst <= 0.3 else 'OVER'}")
    print(f"  baseline naive scan (the same score on every unit): median {naive_med:.1f} s; "
          f"ratio indexed/naive {med / naive_med:.3f}× ({naive_med / med:.0f}× faster)")
    print(f"  results as good as the exhaustive top 10: {sum(agree)} of {10 * len(QUERIES)} {agree}; "
          f"their summed scores {statistics.mean(quality):.3f} of the exhaustive (mean), worst {min(quality):.3f}")
    one = db.execute("SELECT id FROM documents ORDER BY id LIMIT 1 OFFSET ?", [args.docs // 2]).fetchone()[0]
    runs = []
    for q in QUERIES:
        t = time.perf_counter()
        lib.similar(q, document_id=one)
        runs.append(time.perf_counter() - t)
    print(f"  restricted to one document (--doc): median {statistics.median(runs) * 1000:.0f} ms, slowest {max(runs) * 1000:.0f} ms")
    slow = max(range(len(QUERIES)), key=times.__getitem__)
    print(f"  slowest query: {QUERIES[slow]!r}")
    lib.close()
    cold = subprocess.run([sys.executable, "-c", "import sys, time; t = time.perf_counter(); "
                           "from duidu.library.store import Library; Library.open(sys.argv[1]).similar(sys.argv[2]); "
                           "print(time.perf_counter() - t)", str(path), QUERIES[1]], check=True, capture_output=True, text=True)
    print(f"  one query in a cold process (jieba and the measure layer load first): {float(cold.stdout) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
