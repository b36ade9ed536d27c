"""What a job writes: one table per kind, as Parquet (``OUT/NAME``) and JSON lines (``OUT/json/NAME``).

* ``documents``: doc, path, text_hash (sha256 of the stored text), date, title, chars, text
  (the stored text every offset below indexes).
* ``pairs``: every candidate pair aligned: a, b, their text hashes, shared grams, passages found.
* ``passages``: one row per shared passage of a pair: stored-text offsets in each document,
  key-form offsets, similarity, kind, informativeness, boilerplate, further places (partners).
* ``families``: id, text, origin, documents, members (doc, start, end, date, similarity).
* ``edges``: from, to, chars, informative_chars, passages, direction.
* ``refused``: files that could not be read, with the reason.

JSON lines are what ``duidu reuse import`` reads (no Spark needed on the desktop).
"""

from __future__ import annotations

import json

from duidu.engine.passages import Partner, Passage

TABLES = ("documents", "pairs", "passages", "families", "edges", "refused")


def passage_json(p: Passage) -> dict:
    return {"a_start": p.a_start, "a_end": p.a_end, "b_start": p.b_start, "b_end": p.b_end,
            "a_text": p.a_text, "b_text": p.b_text, "similarity": p.similarity, "kind": p.kind,
            "a_key": list(p.a_key), "b_key": list(p.b_key), "boilerplate": p.boilerplate,
            "informativeness": p.informativeness,
            "partners": [{"side": q.side, "start": q.start, "end": q.end, "text": q.text, "key": list(q.key)}
                         for q in p.partners]}


def passage_from_json(d: dict) -> Passage:
    return Passage(d["a_start"], d["a_end"], d["b_start"], d["b_end"], d["a_text"], d["b_text"],
                   d["similarity"], d["kind"], tuple(d["a_key"]), tuple(d["b_key"]), d["boilerplate"],
                   d["informativeness"],
                   tuple(Partner(q["side"], q["start"], q["end"], q["text"], tuple(q["key"])) for q in d["partners"]))


def write_both(spark, store, name: str, df) -> int:
    """``df`` as OUT/name (Parquet) and OUT/json/name (JSON lines); its row count."""
    df = df.persist()
    df.write.mode("overwrite").parquet(store.path(name))
    df.write.mode("overwrite").json(store.path("json", name))
    n = df.count()
    df.unpersist()
    return n


def passage_rows(spark, pairs):
    """Each pair row's passages, one row each (the JSON kept whole in ``partners``)."""
    from pyspark.sql.types import (BooleanType, DoubleType, IntegerType, LongType, StringType, StructField,
                                   StructType)

    def rows(r):
        for n, p in enumerate(json.loads(r["passages"])):
            yield (r["a"], r["b"], n, r["a_hash"], r["b_hash"], p["a_start"], p["a_end"], p["b_start"], p["b_end"],
                   p["a_key"][0], p["a_key"][1], p["b_key"][0], p["b_key"][1], float(p["similarity"]), p["kind"],
                   float(p["informativeness"]), bool(p["boilerplate"]), p["a_text"], p["b_text"],
                   json.dumps(p["partners"], ensure_ascii=False))

    ints = ["a_start", "a_end", "b_start", "b_end", "a_key_start", "a_key_end", "b_key_start", "b_key_end"]
    schema = StructType([StructField("a", LongType()), StructField("b", LongType()), StructField("n", IntegerType()),
                         StructField("a_hash", StringType()), StructField("b_hash", StringType()),
                         *[StructField(c, IntegerType()) for c in ints],
                         StructField("similarity", DoubleType()), StructField("kind", StringType()),
                         StructField("informativeness", DoubleType()), StructField("boilerplate", BooleanType()),
                         StructField("a_text", StringType()), StructField("b_text", StringType()),
                         StructField("partners", StringType())])
    return spark.createDataFrame(pairs.flatMap(rows), schema)


def family_rows(spark, fams):
    """``(component, n, family json)`` → the families table, largest first (the in-process order)."""
    from pyspark.sql.types import (ArrayType, DoubleType, IntegerType, LongType, StringType, StructField,
                                   StructType)

    member = StructType([StructField("doc", LongType()), StructField("start", IntegerType()),
                         StructField("end", IntegerType()), StructField("date", StringType()),
                         StructField("similarity", DoubleType())])
    schema = StructType([StructField("id", StringType()), StructField("text", StringType()),
                         StructField("origin", LongType()), StructField("documents", IntegerType()),
                         StructField("first_doc", LongType()), StructField("first_start", IntegerType()),
                         StructField("members", ArrayType(member))])

    def row(t):
        comp, n, f = t
        ms = [(m["doc"], m["start"], m["end"], m["date"], float(m["similarity"])) for m in f["members"]]
        return (f"{comp}.{n}", f["text"], f["origin"], len({m[0] for m in ms}), ms[0][0], ms[0][1], ms)

    df = spark.createDataFrame(fams.map(row), schema)
    from pyspark.sql import functions as F

    return df.orderBy(F.desc("documents"), F.desc(F.length("text")), "first_doc", "first_start").drop(
        "first_doc", "first_start")


def edge_rows(spark, edges):
    from pyspark.sql.types import DoubleType, IntegerType, LongType, StringType, StructField, StructType

    schema = StructType([StructField("from", LongType()), StructField("to", LongType()),
                         StructField("chars", IntegerType()), StructField("informative_chars", DoubleType()),
                         StructField("passages", IntegerType()), StructField("direction", StringType())])
    df = spark.createDataFrame(edges.map(lambda e: (e["from"], e["to"], e["chars"], float(e["informative_chars"]),
                                                    e["passages"], e["direction"])), schema)
    from pyspark.sql import functions as F

    return df.orderBy(F.desc("informative_chars"), F.desc("chars"), "from", "to")


def document_json(spark, docs):
    from pyspark.sql.types import IntegerType, LongType, StringType, StructField, StructType

    schema = StructType([StructField("doc", LongType()), StructField("path", StringType()),
                         StructField("text_hash", StringType()), StructField("date", StringType()),
                         StructField("title", StringType()), StructField("chars", IntegerType()),
                         StructField("text", StringType())])
    return spark.createDataFrame(docs.map(lambda r: (r["doc"], r["path"], r["text_hash"], r["date"], r["title"],
                                                     len(r["text"]), r["text"])), schema).orderBy("doc")


def read_json_lines(folder) -> list[dict]:
    """Every row of a table written by Spark's JSON writer (part files), without Spark."""
    from pathlib import Path

    rows = []
    for part in sorted(Path(folder).glob("part-*")):
        with open(part, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip()]
    return rows
