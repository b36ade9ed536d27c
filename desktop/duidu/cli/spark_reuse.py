"""``duidu reuse --engine spark`` and ``duidu reuse import DIR``: reuse past one machine.

The Spark job (``duidu.spark``, an optional extra) is imported only here and only when asked
for, so the command line and the window never need pyspark. ``reuse import`` reads a job's
JSON lines into the library (``library/reuse_import.py``) and needs no Spark at all.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from duidu.cli.output import dump_json, open_library


def add_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("on Apache Spark (pip install 'duidu[spark]'; a Java runtime)")
    g.add_argument("--engine", choices=("local", "spark"), default="local",
                   help="spark: run the job on Spark over a FOLDER given as the only DOC, or over the library")
    g.add_argument("--master", default="local[*]",
                   help="Spark master: local[*] (default), spark://HOST:7077, yarn, k8s://https://HOST")
    g.add_argument("--out", metavar="DIR", help="where the job writes Parquet and JSON lines (resumed when it is there)")
    g.add_argument("--pairs-per-chunk", type=int, default=None, metavar="N",
                   help="candidate pairs aligned and marked done together (default 20000)")
    g.add_argument("--fresh", action="store_true", help="start the job again, dropping stages already done in --out")


def wanted(args) -> bool:
    """Whether this ``duidu reuse`` is one of the commands here (spark, or ``import DIR``)."""
    return getattr(args, "engine", "local") == "spark" or (bool(args.docs) and args.docs[0] == "import")


def cmd(args, parser) -> int:
    if args.docs and args.docs[0] == "import":
        if len(args.docs) != 2:
            parser.error("reuse import takes one DIR: the --out of a Spark job")
        return _import(args, args.docs[1])
    return _spark(args, parser)


def _import(args, out: str) -> int:
    from duidu.library.reuse_import import import_results

    with open_library(args) as lib:
        summary = import_results(lib, out)
    if args.json:
        dump_json(summary.to_json())
        return 0
    print(f"{summary.documents} job documents: {summary.matched} already in the library, {summary.imported} imported, "
          f"{len(summary.unmatched)} not matched")
    print(f"{summary.pairs} aligned pairs ({summary.passages} passages) stored; the region view and duidu reuse "
          "now show them")
    for path, reason in summary.unmatched:
        print(f"  not matched: {path}: {reason}")
    if summary.pairs_unmatched:
        print(f"  {summary.pairs_unmatched} pairs left out: a document of theirs is not in the library")
    if summary.reversed:
        print(f"  {summary.reversed} pairs the library orders the other way: aligned here again when asked for")
    return 0 if not summary.unmatched else 1


def _spark(args, parser) -> int:
    try:
        from duidu.spark import job
        from duidu.spark.session import SparkUnavailable, has_session, require_spark, session
    except ImportError:  # the desktop bundle leaves the Spark engine out
        print("duidu: this build has no Spark engine; install duidu with pip install 'duidu[spark]'", file=sys.stderr)
        return 1

    if not args.out:
        parser.error("--engine spark needs --out DIR (where the job writes, and resumes from)")
    folder = None
    if args.docs:
        if len(args.docs) != 1 or not (Path(args.docs[0]).is_dir() or "://" in args.docs[0]):
            parser.error("--engine spark reads a FOLDER of documents (one DOC that is a folder) or, with no DOC, "
                         "the whole library")
        folder = str(Path(args.docs[0]).resolve()) if "://" not in args.docs[0] else args.docs[0]
    out = args.out if "://" in args.out else str(Path(args.out).resolve())

    def say(line: str) -> None:
        print(f"reuse (spark): {line}", file=sys.stderr, flush=True)

    try:
        require_spark()
        ours = not has_session()  # under spark-submit (or a test) the session is theirs: not stopped here
        spark = session(args.master)
    except SparkUnavailable as e:
        print(f"duidu: {e}", file=sys.stderr)
        return 1
    options = {"say": say, "fresh": args.fresh}
    if args.pairs_per_chunk:
        options["pairs_per_chunk"] = args.pairs_per_chunk
    try:
        if folder is not None:
            report = job.run(spark, out, folder=folder, **options)
        else:
            with open_library(args) as lib:
                report = job.run(spark, out, library=lib, **options)
    finally:
        if ours:
            spark.stop()
    if args.json:
        dump_json(report.to_json())
        return 0
    print(f"{report.documents} documents ({len(report.refused)} refused, {report.duplicates} duplicates): "
          f"{report.candidates} candidate pairs aligned ({report.chunks_reused} of {report.chunks} chunks reused), "
          f"{report.passages} passages, {report.families} families, {report.edges} edges")
    print(f"results: {out} (Parquet) and {out}/json (JSON lines); load them with: duidu reuse import {out}")
    for path, reason in report.refused:
        print(f"  refused: {path}: {reason}")
    return 0
