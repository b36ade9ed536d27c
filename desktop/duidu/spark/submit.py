"""The job as a spark-submit application: ``spark-submit … duidu/spark/submit.py FOLDER --out DIR``.

The session is spark-submit's (its --master, --conf, executors); FOLDER and DIR may be any
Hadoop file system URI (hdfs://, s3a://, gs://, file://). The same job as
``duidu reuse --engine spark FOLDER --out DIR``, without the library: load the results into one
afterwards with ``duidu reuse import DIR`` (a local copy of DIR).
"""

from __future__ import annotations

import argparse
import json
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="submit.py", description="Duidu text reuse on Spark")
    ap.add_argument("folder", help="the documents (.txt .html .docx .pdf .ofd .doc .wps), searched recursively")
    ap.add_argument("--out", required=True, help="results and stages (resumed when there)")
    ap.add_argument("--pairs-per-chunk", type=int, default=None)
    ap.add_argument("--fresh", action="store_true")
    args = ap.parse_args(argv)
    from pyspark.sql import SparkSession

    from duidu.spark import job

    spark = SparkSession.builder.appName("duidu-reuse").getOrCreate()
    options = {"fresh": args.fresh, "say": lambda s: print(f"duidu: {s}", file=sys.stderr, flush=True)}
    if args.pairs_per_chunk:
        options["pairs_per_chunk"] = args.pairs_per_chunk
    report = job.run(spark, args.out, folder=args.folder, **options)
    print(json.dumps(report.to_json(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
