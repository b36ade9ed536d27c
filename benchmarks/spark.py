"""The Spark engine against the in-process reuse, in the same run (issue 13).

    .venv/bin/python benchmarks/spark.py [--sizes 1000,10000] [--chars 1000] [--master local[2]]
    .venv/bin/python benchmarks/spark.py --equivalence      # the 33 reports of ../shared/corpus

Synthetic corpora (``synthetic_corpus``): documents of their own text (random characters of the
seeds' alphabet, so nothing is shared by chance) carrying passages of ``families``, each copied
with small edits into 2–8 documents (about one family per five documents), and one formula
sentence in every document (more than ``max_df`` documents: the document-frequency bound drops
it). So the shared content grows with the corpus, as in a real one, and candidate pairs grow
with it, not with n².

For each size: the Spark job (``duidu.spark.job``, documents read from the folder in tasks) and
the in-process run over the same files (the same reader, cleaning and key form, then
``engine.reuse.candidate_pairs``, ``shared_passages`` for each pair, ``families`` and ``edges``, in
one process), their documents per second, candidate pairs, votes, Spark's shuffle bytes, and
whether both give the same families and edges. The fitted exponent of the Spark time against
corpus size is printed. No target: the figures feed docs/scaling.md.

``--equivalence``: the Spark job and the library's ``duidu reuse`` over the 31 provincial and
the 2024 and 2025 national reports (read from ../shared/corpus, when present; said plainly when
not), the same families and edges asserted.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
CORPUS = ROOT.parent / "shared" / "corpus"

DRIVER = {"spark.driver.memory": "3g"}  # local mode: the one JVM is driver and executor
FORMULA = "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届历次全会精神。"


def synthetic_corpus(folder: Path, n: int, chars: int, seed: int = 13) -> None:
    """``n`` documents of about ``chars`` characters in ``folder`` (see the module's note)."""
    from synthetic import edited, seed_sentences

    rng = random.Random(seed)
    sentences = seed_sentences()
    alphabet = sorted({c for s in sentences for c in s if "\u4e00" <= c <= "\u9fff"})
    families = []
    for _ in range(max(1, n // 5)):
        body = "".join(rng.choice(alphabet) for _ in range(rng.randint(30, 90)))
        families.append(rng.choice(sentences) + body + "。")
    holdings: list[list[str]] = [[] for _ in range(n)]
    for fam in families:
        for d in rng.sample(range(n), rng.randint(2, min(8, n))):
            holdings[d].append(edited(fam, rng, "".join(alphabet[:200]), (0, 0, 1, 2)))
    for d in range(n):
        parts = [FORMULA] + holdings[d]
        own = max(0, chars - sum(len(p) for p in parts))
        while own > 0:
            k = min(own, rng.randint(20, 60))
            parts.append("".join(rng.choice(alphabet) for _ in range(k)) + "。")
            own -= k + 1
        rng.shuffle(parts)
        text = "\n".join(parts) + "\n"
        (folder / f"doc{d:06d}.txt").write_text(text, encoding="utf-8")


def tree_cpu() -> float:
    """CPU seconds of this process and every process under it (Spark's JVM, its Python workers),
    children already reaped included: what a Spark run costs whatever the machine's load."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(pid)] = (int(fields[1]), sum(int(x) for x in fields[11:15]))  # ppid; utime stime cutime cstime
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, [os.getpid()]
    while todo:
        pid = todo.pop()
        total += stats.get(pid, (0, 0))[1]
        todo += children.get(pid, [])
    return total / tick


def load() -> float:
    return round(os.getloadavg()[0], 1)


def in_process(folder: Path) -> dict:
    """The in-process reuse over the files of ``folder``: the same steps as library/reuse.py."""
    from duidu.engine.boilerplate import COMMON_GRAM, MIN_LIBRARY, Boilerplate
    from duidu.engine.reuse import Link, candidate_pairs, edges, families, shared_passages
    from duidu.library.readers import read_source
    from duidu.library.reuse import StretchFrequencies, library_frequencies
    from duidu.spark import documents as D

    t0, c0 = time.perf_counter(), time.process_time()
    files = sorted(p for p in folder.rglob("*") if p.is_file() and D.is_document_file(p.name))
    records = list(D.with_key(D.from_source(n + 1, str(p.relative_to(folder)), read_source(p))
                              for n, p in enumerate(files)))
    seen, docs = set(), []
    for r in records:  # one copy of a text, as the library and the job keep
        if r["text_hash"] not in seen:
            seen.add(r["text_hash"])
            docs.append(r)
    t_docs = time.perf_counter() - t0
    keys = {r["doc"]: r["key"] for r in docs}
    cands = candidate_pairs((d, keys[d]) for d in keys)
    if len(docs) >= MIN_LIBRARY:
        test = Boilerplate(len(docs), StretchFrequencies(library_frequencies(list(keys.values()), COMMON_GRAM), COMMON_GRAM))
    else:
        test = Boilerplate(len(docs), None)
    engine = {r["doc"]: D.engine_document(r) for r in docs}
    links = [Link(a, b, p) for a, b in cands.ranked()
             for p in shared_passages(engine[a], engine[b], is_boilerplate=test)]
    dates = {r["doc"]: r["date"] for r in docs}
    fams, network = families(links, dates, keys), edges(links, dates)
    seconds = time.perf_counter() - t0
    hash_of = {r["doc"]: r["text_hash"] for r in docs}
    return {"seconds": seconds, "cpu_s": time.process_time() - c0, "documents_seconds": t_docs, "documents": len(docs), "candidates": len(cands.pairs),
            "votes": cands.votes, "families": [f.to_json() for f in fams], "edges": [e.to_json() for e in network],
            "hash_of": hash_of}


def comparable(families: list[dict], edges: list[dict], hash_of: dict) -> tuple:
    fams = sorted(json.dumps([f["text"], hash_of.get(f.get("origin")),
                              sorted([hash_of[m["doc"]], m["start"], m["end"], m.get("date"), m["similarity"]]
                                     for m in f["members"])], ensure_ascii=False) for f in families)
    eds = sorted((hash_of[e["from"]], hash_of[e["to"]], e["chars"], e["informative_chars"], e["passages"],
                  e["direction"]) for e in edges)
    return fams, eds


def spark_run(spark, folder: Path, out: Path, **options) -> tuple[object, tuple]:
    from duidu.spark import job
    from duidu.spark.results import read_json_lines

    report = job.run(spark, str(out), folder=str(folder), fresh=True, **options)
    hash_of = {d["doc"]: d["text_hash"] for d in read_json_lines(out / "json" / "documents")}
    return report, comparable(read_json_lines(out / "json" / "families"), read_json_lines(out / "json" / "edges"),
                              hash_of)


def scaling(args) -> int:
    from duidu.spark.session import session

    sizes = [int(s) for s in args.sizes.split(",")]
    spark = session(args.master, shuffle_partitions=args.partitions, conf=DRIVER)
    options = {"pairs_per_chunk": args.pairs_per_chunk} if args.pairs_per_chunk else {}
    rows = []
    try:
        for n in sizes:
            with tempfile.TemporaryDirectory(prefix="duidu-spark-bench-") as tmp:
                folder = Path(tmp, "corpus")
                folder.mkdir()
                synthetic_corpus(folder, n, args.chars)
                chars = sum(p.stat().st_size for p in folder.iterdir()) // 3
                t, cpu, load_before = time.perf_counter(), tree_cpu(), load()
                report, spark_answer = spark_run(spark, folder, Path(tmp, "out"), **options)
                spark_s, spark_cpu, spark_load = time.perf_counter() - t, tree_cpu() - cpu, (load_before, load())
                # Spark's figures first: a run stopped during the in-process one (long at 10,000) keeps them.
                print(json.dumps({"documents": n, "spark_s": round(spark_s, 1), "spark_cpu_s": round(spark_cpu, 1),
                                  "spark_load": spark_load, "candidates": report.candidates,
                                  "shuffle_mb": round(report.shuffle_bytes / 1e6, 1), "stages_s": report.seconds}),
                      flush=True)
                local = in_process(folder) if not args.no_local else None
                local_load = (spark_load[1], load())
                same = None
                if local is not None:
                    same = comparable(local["families"], local["edges"], local["hash_of"]) == spark_answer
                row = {"documents": n, "chars": chars, "spark_s": round(spark_s, 1), "spark_cpu_s": round(spark_cpu, 1),
                       "spark_load": spark_load, "chunks": report.chunks,
                       "spark_docs_per_s": round(n / spark_s, 1), "candidates": report.candidates,
                       "all_pairs": n * (n - 1) // 2, "votes": report.votes, "postings_skipped": report.postings_skipped,
                       "shuffle_mb": round(report.shuffle_bytes / 1e6, 1), "stages_s": report.seconds,
                       "families": report.families, "edges": report.edges}
                if local is not None:
                    row.update({"local_s": round(local["seconds"], 1), "local_cpu_s": round(local["cpu_s"], 1),
                                "local_load": local_load,
                                "local_docs_per_s": round(n / local["seconds"], 1),
                                "local_candidates": local["candidates"], "same_answers": same,
                                "spark_over_local": round(spark_s / local["seconds"], 2),
                                "spark_cpu_over_local_cpu": round(spark_cpu / local["cpu_s"], 2)})
                rows.append(row)
                print(json.dumps(row, ensure_ascii=False), flush=True)
    finally:
        spark.stop()
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        k = math.log(b["spark_s"] / a["spark_s"]) / math.log(b["documents"] / a["documents"])
        kc = math.log(b["candidates"] / a["candidates"]) / math.log(b["documents"] / a["documents"])
        print(f"fitted: Spark time ∝ n^{k:.2f}, candidate pairs ∝ n^{kc:.2f} "
              f"(from {a['documents']:,} to {b['documents']:,} documents, {args.master})")
    return 0 if all(r.get("same_answers", True) for r in rows) else 1


def equivalence(args) -> int:
    if not CORPUS.is_dir():
        print(f"spark --equivalence: {CORPUS} is not here; nothing compared (tests/test_spark.py compares "
              "the copies in tests/data/reports_full)")
        return 0
    from duidu.library.reuse import reuse
    from duidu.library.store import Library
    from duidu.spark.session import session

    files = sorted((CORPUS / "provinces-2026").glob("*.txt")) + [
        CORPUS / "national" / "2024_国务院_政府工作报告.txt", CORPUS / "national" / "2025_国务院_政府工作报告.txt"]
    with tempfile.TemporaryDirectory(prefix="duidu-spark-eq-") as tmp:
        folder = Path(tmp, "reports")
        folder.mkdir()
        for f in files:
            shutil.copy(f, folder / f.name)
        t = time.perf_counter()
        with Library.open(Path(tmp, "lib.duidu"), seed=False, backup=False) as lib:
            ids = [lib.import_file(f).document.id for f in sorted(folder.iterdir())]
            t_import = time.perf_counter() - t
            t = time.perf_counter()
            result = reuse(lib, ids)
            t_local = time.perf_counter() - t
            hash_of = dict(lib.db.execute("SELECT id, text_hash FROM documents").fetchall())
        local = comparable(result.to_json()["families"], result.to_json()["edges"], hash_of)
        spark = session(args.master, shuffle_partitions=args.partitions, conf=DRIVER)
        try:
            t = time.perf_counter()
            report, answer = spark_run(spark, folder, Path(tmp, "out"))
            t_spark = time.perf_counter() - t
        finally:
            spark.stop()
    same = answer == local
    print(json.dumps({"documents": len(files), "candidates": report.candidates, "passages": report.passages,
                      "families": len(local[0]), "edges": len(local[1]), "same_families": answer[0] == local[0],
                      "same_edges": answer[1] == local[1], "library_import_s": round(t_import, 1),
                      "in_process_reuse_s": round(t_local, 1), "spark_s": round(t_spark, 1)}, ensure_ascii=False))
    return 0 if same else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes in documents (comma-separated)")
    ap.add_argument("--chars", type=int, default=1000, help="characters per synthetic document")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=4, help="spark.sql.shuffle.partitions")
    ap.add_argument("--pairs-per-chunk", type=int, default=None, help="the job's chunk of pairs (default: its own)")
    ap.add_argument("--no-local", action="store_true", help="the Spark job only")
    ap.add_argument("--equivalence", action="store_true", help="the 33 reports of ../shared/corpus instead")
    args = ap.parse_args()
    return equivalence(args) if args.equivalence else scaling(args)


if __name__ == "__main__":
    sys.exit(main())
