"""A Spark session for the job: found Java, offline and quiet by default.

Local runs (``local[*]``, the tests' ``local[2]``) bind to 127.0.0.1 and start no web UI;
a cluster master (``spark://``, ``yarn``, ``k8s://``) gets the same settings it does not
override (``spark-submit --conf`` wins).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SHUFFLE_PARTITIONS = 8  # small corpora: a few shuffle partitions, not Spark's 200
# A local run's one JVM only moves bytes between Python tasks: the quick JIT alone and one GC
# thread, and no generated code per query, halve its CPU time (measured at 300 documents:
# 65 -> 35 CPU s) on a machine with few cores. A cluster keeps Spark's own defaults.
LOCAL_CONF = {"spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1",
              "spark.sql.codegen.wholeStage": "false"}


class SparkUnavailable(RuntimeError):
    """pyspark or a Java runtime is missing: the message says which, and how to get it."""


def java_home() -> str | None:
    """A Java runtime's home: JAVA_HOME, else the ``java`` on PATH (through its symlinks)."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return home
    java = shutil.which("java")
    if java:
        return str(Path(java).resolve().parent.parent)
    return None


def require_spark() -> None:
    """Raise SparkUnavailable (one sentence) when the job cannot start here."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkUnavailable("the Spark engine needs pyspark: pip install 'duidu[spark]'") from None
    if java_home() is None:
        raise SparkUnavailable("the Spark engine needs a Java runtime (17 or 21), e.g. "
                               "apt-get install openjdk-17-jre-headless, or JAVA_HOME set")


def has_session() -> bool:
    """Whether this process already runs a Spark session (spark-submit's, a test's)."""
    from pyspark.sql import SparkSession

    return SparkSession.getActiveSession() is not None


def session(master: str = "local[*]", *, app: str = "duidu-reuse", shuffle_partitions: int = SHUFFLE_PARTITIONS,
            conf: dict[str, str] | None = None):
    """The active SparkSession, made when there is none (spark-submit made one already)."""
    require_spark()
    from pyspark.sql import SparkSession

    local = master.startswith("local")
    if local:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # executors run this Python (and its duidu)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    if not os.environ.get("JAVA_HOME"):
        os.environ["JAVA_HOME"] = java_home() or ""
    builder = (SparkSession.builder.master(master).appName(app)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
               .config("spark.default.parallelism", str(shuffle_partitions))
               .config("spark.python.worker.reuse", "true"))
    if local:
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        for k, v in LOCAL_CONF.items():
            builder = builder.config(k, v)
    for k, v in (conf or {}).items():
        builder = builder.config(k, v)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
