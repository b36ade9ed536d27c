"""``duidu reuse --engine spark``: the in-process reuse, stage by stage on Spark.

1. documents: files read, cleaned and put into key form in tasks (``spark/documents.py``);
   texts met twice are one document (the library keeps one copy of a text too).
2. common stretches: the library's own boilerplate — ``COMMON_GRAM``-character stretches in
   at least ``LIBRARY_SHARE`` of the documents (counted only from ``MIN_LIBRARY`` documents),
   as ``library/reuse.py`` counts them; broadcast to the aligning tasks.
3. candidates: each document's distinctive grams (``engine.reuse.document_grams``), a task's as
   numpy arrays by bucket of gram (``spark/postings.py``); each bucket's postings vote in bulk,
   a posting past ``max_df_for(N)`` documents casting none (passim's document-frequency bound),
   as ``engine.reuse.candidate_pairs`` does in one process; pairs with at least ``MIN_SHARED``
   votes are candidates. Never all pairs.
4. pairs: each candidate pair aligned by ``engine.reuse.shared_passages`` (as ``library/reuse.py``
   aligns) in a task, in chunks of ``pairs_per_chunk``, each written and marked done on its own;
   a chunk's pairs meet their two documents in a Spark SQL join (in the JVM).
5. families and edges: pairs joined into connected components on the driver (document ids
   only); each component's families (``engine.reuse.families``) and edges (``edges``) in a task.

Output under ``OUT`` (``results.py`` names it): documents, pairs, passages, families and edges
as Parquet and as JSON lines (``OUT/json/NAME``), refused files, and ``OUT/job.json``.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from typing import Callable

from duidu.spark import documents as D
from duidu.spark.results import (document_json, edge_rows, family_rows, passage_from_json, passage_json,
                                 passage_rows, write_both)
from duidu.spark.stages import StageStore

PAIRS_PER_CHUNK = 20000  # candidate pairs aligned and marked done together (~100 core-s of alignment)
DOCUMENTS_PER_TASK = 200  # documents read, cleaned and keyed by one task (at scale)


class JobInterrupted(RuntimeError):
    """Raised by ``stop_after_chunks`` (tests of resuming): the job stops as a failure would."""


@dataclass
class JobReport:
    out: str
    documents: int = 0
    refused: list = field(default_factory=list)  # (path, reason)
    duplicates: int = 0
    grams: int = 0
    postings_skipped: int = 0
    votes: int = 0
    max_df: int = 0
    candidates: int = 0
    chunks: int = 0
    chunks_reused: int = 0
    pairs_aligned: int = 0
    passages: int = 0
    families: int = 0
    edges: int = 0
    shuffle_bytes: int = 0
    seconds: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return asdict(self)


def common_stretches(hashes, library_size: int, gram: int):
    """``documents_with(stretch)`` for the boilerplate test from the broadcast common stretches:
    the library's size for a common one, else 0 (the test only asks whether it is common)."""
    import numpy as np

    from duidu.library.reuse import StretchFrequencies

    table = np.asarray(sorted(hashes), dtype=np.uint64)
    return StretchFrequencies((table, np.full(len(table), library_size, dtype=np.int64)), gram)


def boilerplate_for(library_size: int, common: list[int]):
    """The boilerplate test the in-process run binds to its library (``library/reuse.py``)."""
    from duidu.engine.boilerplate import COMMON_GRAM, MIN_LIBRARY, Boilerplate

    if library_size < MIN_LIBRARY:
        return Boilerplate(library_size, None)
    return Boilerplate(library_size, common_stretches(common, library_size, COMMON_GRAM))


def chunk_of(a: int, b: int, chunks: int) -> int:
    return (a * 1_000_003 + b) % chunks


# -- the job -----------------------------------------------------------------------------------


def run(spark, out: str, *, folder: str | None = None, library=None, pairs_per_chunk: int = PAIRS_PER_CHUNK,
        fresh: bool = False, stop_after_chunks: int | None = None,
        say: Callable[[str], None] = lambda s: None) -> JobReport:
    """Run (or resume) the job over a ``folder`` of documents or a ``library``; results in ``out``."""
    store = StageStore(spark, out)
    sc = spark.sparkContext
    shuffle_before = shuffle_bytes(spark)
    report = JobReport(out=out)
    t0 = time.perf_counter()

    listing = _listing(spark, folder) if folder is not None else None
    fingerprint = ({"folder": folder, "files": listing} if folder is not None
                   else {"library": str(library.path), "documents": _library_fingerprint(library)})
    fingerprint["pairs_per_chunk"] = pairs_per_chunk
    fingerprint["record"] = RECORD  # stages written with other document records are not reused
    if store.begin(fingerprint, fresh=fresh):
        say("resuming: stages already done are kept")

    # 1. documents
    docs_path = store.path("stage", "documents")
    if not store.done(docs_path):
        say("documents: reading and cleaning")
        _documents_stage(spark, store, docs_path, folder, listing, library)
    doc_info = json.loads(store.read_text(store.path("stage", "documents.json")))
    report.refused, report.duplicates = doc_info["refused"], doc_info["duplicates"]
    n_docs = doc_info["documents"]
    # Spread over the cores (Parquet's reader packs small files into one split), kept in memory.
    docs = spark.read.parquet(docs_path).repartition(_parts(sc, n_docs)).rdd.map(lambda r: r.asDict()).persist()
    report.documents = n_docs
    report.seconds["documents"] = round(time.perf_counter() - t0, 2)

    # 2. the library's own common stretches
    t = time.perf_counter()
    common_path = store.path("stage", "common")
    if not store.done(common_path):
        say("common stretches")
        _common_stage(spark, docs, n_docs, common_path)
    common = [int(r.hash) & 0xFFFFFFFFFFFFFFFF for r in spark.read.parquet(common_path).collect()]
    boiler = sc.broadcast((n_docs, common))
    report.seconds["common"] = round(time.perf_counter() - t, 2)

    # 3. candidate pairs
    t = time.perf_counter()
    cand_path = store.path("stage", "candidates")
    if not store.done(cand_path):
        say("candidate pairs")
        _candidates_stage(spark, store, docs, n_docs, cand_path)
    stats = json.loads(store.read_text(store.path("stage", "candidates.json")))
    for k in ("grams", "postings_skipped", "votes", "max_df", "candidates"):
        setattr(report, k, stats[k])
    report.seconds["candidates"] = round(time.perf_counter() - t, 2)

    # 4. alignment, chunk by chunk
    t = time.perf_counter()
    chunks = max(1, -(-report.candidates // pairs_per_chunk))
    report.chunks = chunks
    # Candidates and documents are joined in the JVM (Spark SQL, from their Parquet): Python sees
    # only a chunk's pairs with their two documents, never the whole corpus once per chunk.
    cands = spark.read.parquet(cand_path)
    doc_table = spark.read.parquet(docs_path).select(*ALIGN_COLUMNS)
    done_now = 0
    for k in range(chunks):
        path = store.path("stage", "pairs", f"chunk={k:05d}")
        if store.done(path):
            report.chunks_reused += 1
            continue
        if stop_after_chunks is not None and done_now >= stop_after_chunks:
            raise JobInterrupted(f"stopped after {done_now} chunk(s) as asked")
        say(f"aligning chunk {k + 1} of {chunks}")
        _align_chunk(spark, cands, doc_table, boiler, k, chunks, path)
        done_now += 1
    report.pairs_aligned = report.candidates
    report.seconds["pairs"] = round(time.perf_counter() - t, 2)

    # 5. families, edges and the outputs
    t = time.perf_counter()
    say("families and edges")
    _outputs(spark, store, docs, report)
    report.seconds["families"] = round(time.perf_counter() - t, 2)
    report.seconds["total"] = round(time.perf_counter() - t0, 2)
    report.shuffle_bytes = shuffle_bytes(spark) - shuffle_before
    store.write_text(store.path("job.json"), json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    docs.unpersist()
    return report


def shuffle_bytes(spark) -> int:
    """Bytes written to shuffle by every stage of this session so far (Spark's status store)."""
    sc = spark.sparkContext
    jvm = sc._jvm
    stages = sc._jsc.sc().statusStore().stageList(None, False, False, sc._gateway.new_array(jvm.double, 0),
                                                  jvm.java.util.ArrayList())
    return int(sum(stages.apply(i).shuffleWriteBytes() for i in range(stages.size())))


# -- stages ------------------------------------------------------------------------------------


def _listing(spark, folder: str) -> list[list]:
    """Every document file under ``folder`` (any Hadoop file system): [uri, name, size, mtime], sorted."""
    local = D.local_path(folder)
    if local is not None:
        return _local_listing(local)
    jvm = spark.sparkContext._jvm
    root = jvm.org.apache.hadoop.fs.Path(folder)
    fs = root.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if not fs.exists(root):
        raise FileNotFoundError(f"{folder}: no such folder")
    base = fs.makeQualified(root).toString().rstrip("/") + "/"
    found = []
    files = fs.listFiles(root, True)
    while files.hasNext():
        st = files.next()
        uri = st.getPath().toString()
        name = uri[len(base):] if uri.startswith(base) else st.getPath().getName()
        if D.is_document_file(name):
            found.append([uri, name, int(st.getLen()), int(st.getModificationTime())])
    return sorted(found, key=lambda f: f[1])


def _local_listing(folder: str) -> list[list]:
    """``_listing`` of a folder on this machine's file system, walked here: the JVM's listing
    costs a Py4J round trip per file (86 s for 10,000 files on a loaded machine)."""
    import os

    root = os.path.abspath(folder)
    if not os.path.isdir(root):
        raise FileNotFoundError(f"{folder}: no such folder")
    found = []
    for top, _, names in os.walk(root):
        for n in names:
            path = os.path.join(top, n)
            name = os.path.relpath(path, root).replace(os.sep, "/")
            if D.is_document_file(name) and os.path.isfile(path):
                st = os.stat(path)
                found.append(["file:" + path, name, int(st.st_size), int(st.st_mtime_ns // 1_000_000)])
    return sorted(found, key=lambda f: f[1])


def _parts(sc, n_docs: int) -> int:
    """Partitions for ``n_docs`` documents: every core busy, about 200 documents a task at scale."""
    return max(sc.defaultParallelism, n_docs // DOCUMENTS_PER_TASK)


def _library_fingerprint(library) -> list:
    return [list(r) for r in library.db.execute("SELECT id, text_hash FROM documents ORDER BY id")]


def _doc_schema():
    from pyspark.sql.types import (ArrayType, BinaryType, IntegerType, LongType, StringType, StructField,
                                   StructType)

    spans = ArrayType(ArrayType(IntegerType()))
    return StructType([StructField("doc", LongType()), StructField("path", StringType()),
                       StructField("text_hash", StringType()), StructField("date", StringType()),
                       StructField("title", StringType()), StructField("region", StringType()),
                       StructField("text", StringType()),
                       StructField("paragraphs", spans), StructField("sentences", spans),
                       StructField("excluded", spans), StructField("key", StringType()),
                       StructField("key_map", BinaryType())])


def _documents_stage(spark, store: StageStore, path: str, folder, listing, library) -> None:
    sc = spark.sparkContext
    if folder is not None and D.local_path(folder) is not None:
        # A folder every task can open: each task reads its own files (Spark's binaryFiles took
        # ~40 ms a file on a loaded machine, then shipped the bytes from the JVM).
        named = [(n + 1, uri, name) for n, (uri, name, _, _) in enumerate(listing)]
        records = sc.parallelize(named, _parts(sc, len(named))).mapPartitions(D.read_local_files)
    elif folder is not None:
        ids = {uri: (n + 1, name) for n, (uri, name, _, _) in enumerate(listing)}
        by_uri = sc.broadcast(ids)
        sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
        parts = _parts(sc, len(listing))
        files = sc.binaryFiles(folder, minPartitions=parts).filter(lambda kv: kv[0] in by_uri.value)
        # binaryFiles packs small files into splits of up to 128 MB: a corpus of short documents
        # would be one task, read and keyed on one core. Spread over ``parts`` tasks first.
        raw = files.map(lambda kv: (*by_uri.value[kv[0]], kv[0], kv[1])).map(
            lambda t: (t[0], t[2], t[1], t[3])).repartition(parts)
        records = raw.mapPartitions(D.read_files)
    else:
        rows = list(D.library_records(library))
        records = sc.parallelize(rows, _parts(sc, len(rows)))
    keyed = records.mapPartitions(D.with_key).persist()
    refused = [[r["path"], r["refused"]] for r in keyed.filter(lambda r: "refused" in r).collect()]
    kept = keyed.filter(lambda r: "refused" not in r)
    first: dict[str, int] = {}
    for doc, h in sorted(kept.map(lambda r: (r["doc"], r["text_hash"])).collect()):
        first.setdefault(h, doc)
    keep = sc.broadcast(set(first.values()))
    unique = kept.filter(lambda r: r["doc"] in keep.value)
    names = [f.name for f in _doc_schema().fields]
    spark.createDataFrame(unique.map(lambda r: tuple(r[n] for n in names)), _doc_schema()).write.mode(
        "overwrite").parquet(path)
    n_kept = kept.count()
    store.write_text(store.path("stage", "documents.json"), json.dumps(
        {"documents": len(first), "refused": refused, "duplicates": n_kept - len(first)}, ensure_ascii=False))
    keyed.unpersist()


def _common_stage(spark, docs, n_docs: int, path: str) -> None:
    from pyspark.sql.types import LongType, StructField, StructType

    from duidu.engine.boilerplate import COMMON_GRAM, LIBRARY_SHARE, MIN_LIBRARY
    from duidu.spark import postings as P

    if n_docs >= MIN_LIBRARY:
        least = LIBRARY_SHARE * n_docs
        buckets = _buckets(spark, docs)
        common = (docs.mapPartitions(lambda rs: P.stretch_counts(rs, COMMON_GRAM, buckets))
                  .partitionBy(buckets, _identity).mapPartitions(lambda bs: P.common_in_bucket(bs, least))
                  .map(lambda h: (h,)))
    else:  # too few documents to say what is common (the background speaks)
        common = spark.sparkContext.parallelize([], 1)
    spark.createDataFrame(common, StructType([StructField("hash", LongType())])).write.mode("overwrite").parquet(path)


def _buckets(spark, docs) -> int:
    return max(spark.sparkContext.defaultParallelism, docs.getNumPartitions())


def _identity(bucket: int) -> int:
    return bucket


def _candidates_stage(spark, store: StageStore, docs, n_docs: int, path: str) -> None:
    from pyspark.sql.types import IntegerType, LongType, StructField, StructType

    from duidu.engine.reuse import MIN_SHARED, max_df_for
    from duidu.spark import postings as P

    max_df = max_df_for(n_docs)
    buckets = _buckets(spark, docs)
    # Each task's grams as arrays by bucket; each bucket's postings vote in bulk (a posting past
    # max_df documents casts none); the votes, as arrays by bucket of pair, are summed.
    votes = (docs.mapPartitions(lambda rs: P.gram_postings(rs, buckets)).partitionBy(buckets, _identity)
             .mapPartitions(lambda bs: P.bucket_votes(bs, max_df, buckets)).persist())
    stats = votes.filter(lambda kv: kv[0] == P.STATS).values().collect()
    pairs = (votes.filter(lambda kv: kv[0] != P.STATS).partitionBy(buckets, _identity)
             .mapPartitions(lambda bs: P.pairs_in_bucket(bs, MIN_SHARED)))
    schema = StructType([StructField("a", LongType()), StructField("b", LongType()),
                         StructField("shared", IntegerType())])
    spark.createDataFrame(pairs, schema).write.mode("overwrite").parquet(path)
    n_pairs = spark.read.parquet(path).count()
    store.write_text(store.path("stage", "candidates.json"), json.dumps(
        {"grams": int(sum(s[0] for s in stats)), "postings_skipped": int(sum(s[1] for s in stats)),
         "votes": int(sum(s[2] for s in stats)), "max_df": max_df, "candidates": int(n_pairs)}))
    votes.unpersist()


def _pair_schema():
    from pyspark.sql.types import IntegerType, LongType, StringType, StructField, StructType

    return StructType([StructField("a", LongType()), StructField("b", LongType()),
                       StructField("a_hash", StringType()), StructField("b_hash", StringType()),
                       StructField("shared", IntegerType()), StructField("passages", StringType())])


# The document record's version: 2 carries the region (the engine reads a passage around each
# document's own region as a frame); an output folder of version 1 starts afresh, never half-reused.
RECORD = 2
ALIGN_COLUMNS = ("doc", "title", "region", "text", "paragraphs", "sentences", "excluded", "key", "key_map", "text_hash")
DOCUMENTS_KEPT = 256  # engine documents a task keeps for its next pairs (rows come sorted by b)


def _align_chunk(spark, cands, doc_table, boiler, k: int, chunks: int, path: str) -> None:
    from pyspark.sql import functions as F

    def align(rows):
        from duidu.engine.reuse import shared_passages  # as library/reuse.py aligns a pair

        size, common = boiler.value
        test = boilerplate_for(size, common)
        seen: dict = {}

        def doc(r, side: str):
            d = r[side + "doc"]
            if d not in seen:
                if len(seen) >= DOCUMENTS_KEPT:
                    seen.clear()
                seen[d] = D.engine_document({c: r[side + c] for c in ALIGN_COLUMNS})
            return seen[d]

        for r in rows:
            found = shared_passages(doc(r, "a_"), doc(r, "b_"), is_boilerplate=test)
            yield (r["a"], r["b"], r["a_text_hash"], r["b_text_hash"], r["shared"],
                   json.dumps([passage_json(p) for p in found], ensure_ascii=False))

    def side(s: str):
        return doc_table.select(*[F.col(c).alias(f"{s}_{c}") for c in ALIGN_COLUMNS])

    # chunk_of, in the JVM; spread over the cores (the join keeps this side's partitions when it
    # broadcasts the documents, and the candidates' Parquet is one split)
    todo = cands.filter(F.expr(f"pmod(a * 1000003 + b, {chunks}) = {k}")).repartition(
        spark.sparkContext.defaultParallelism * 2)
    joined = todo.join(side("a"), F.col("a") == F.col("a_doc")).join(side("b"), F.col("b") == F.col("b_doc"))
    spark.createDataFrame(joined.rdd.mapPartitions(align), _pair_schema()).write.mode("overwrite").parquet(path)


def _outputs(spark, store: StageStore, docs, report: JobReport) -> None:
    from duidu.engine.reuse import Link, edges, families

    sc = spark.sparkContext
    pairs = spark.read.parquet(store.path("stage", "pairs")).drop("chunk").rdd.map(lambda r: r.asDict()).persist()
    # Components of the documents linked by shared informative text: families never cross them.
    linked = pairs.filter(lambda r: any(not p["boilerplate"] for p in json.loads(r["passages"]))) \
        .map(lambda r: (r["a"], r["b"])).collect()
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in linked:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    component = sc.broadcast({d: find(d) for d in list(parent)})

    links = pairs.filter(lambda r: r["a"] in component.value).map(
        lambda r: (component.value[r["a"]], (r["shared"], r["a"], r["b"], r["passages"])))
    members = docs.filter(lambda r: r["doc"] in component.value).map(
        lambda r: (component.value[r["doc"]], (r["doc"], r["key"], r["date"])))

    def per_component(groups):
        for comp, (pair_rows, doc_rows) in groups:
            keys = {d: key for d, key, _ in doc_rows}
            dates = {d: date for d, _, date in doc_rows}
            ranked = sorted(pair_rows, key=lambda t: (-t[0], t[1], t[2]))  # the in-process order
            found = [Link(a, b, passage_from_json(p)) for _, a, b, ps in ranked for p in json.loads(ps)]
            for n, fam in enumerate(families(found, dates, keys)):
                yield ("family", comp, n, json.dumps(fam.to_json(), ensure_ascii=False))
            for e in edges(found, dates):
                yield ("edge", comp, 0, json.dumps(e.to_json(), ensure_ascii=False))

    built = links.cogroup(members).mapPartitions(per_component).persist()
    fams = built.filter(lambda t: t[0] == "family").map(lambda t: (t[1], t[2], json.loads(t[3])))
    edge_list = built.filter(lambda t: t[0] == "edge").map(lambda t: json.loads(t[3]))
    report.families = write_both(spark, store, "families", family_rows(spark, fams))
    report.edges = write_both(spark, store, "edges", edge_rows(spark, edge_list))
    report.passages = write_both(spark, store, "passages", passage_rows(spark, pairs))
    pair_df = spark.read.parquet(store.path("stage", "pairs")).drop("chunk")
    from pyspark.sql import functions as F

    write_both(spark, store, "pairs", pair_df.select("a", "b", "a_hash", "b_hash", "shared",
                                                     F.size(F.from_json("passages", "array<string>")).alias("passages")))
    write_both(spark, store, "documents", document_json(spark, docs))
    refused = spark.createDataFrame([(p, r) for p, r in report.refused] or [("", "")], "path string, reason string")
    write_both(spark, store, "refused", refused if report.refused else refused.limit(0))
    built.unpersist()
    pairs.unpersist()
