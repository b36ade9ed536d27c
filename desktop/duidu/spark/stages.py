"""Where a job keeps its stages, and which of them are done: what makes it resumable.

Every stage writes under ``OUT/stage/NAME`` and is done when Spark's writer has left its
``_SUCCESS`` marker there; alignment, the long stage, is split into chunks of candidate pairs
(``OUT/stage/pairs/chunk=NNNNN``), each done on its own, so a job restarted after a failure
skips what finished and aligns only the rest. The files are reached through Hadoop's
FileSystem (the JVM's), so the same code serves a local folder, HDFS or object storage.
``OUT/stage/job.json`` holds the inputs' fingerprint: a different corpus never reuses
another's stages.
"""

from __future__ import annotations

import json


class StageStore:
    def __init__(self, spark, out: str) -> None:
        self.spark = spark
        self.out = out.rstrip("/")
        jvm = spark.sparkContext._jvm
        self._Path = jvm.org.apache.hadoop.fs.Path
        self._fs = self._Path(self.out).getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())

    def path(self, *parts: str) -> str:
        return "/".join([self.out, *parts])

    def exists(self, path: str) -> bool:
        return bool(self._fs.exists(self._Path(path)))

    def done(self, path: str) -> bool:
        return self.exists(path + "/_SUCCESS")

    def remove(self, path: str) -> None:
        if self.exists(path):
            self._fs.delete(self._Path(path), True)

    def read_text(self, path: str) -> str | None:
        if not self.exists(path):
            return None
        stream = self._fs.open(self._Path(path))
        try:
            reader = self.spark.sparkContext._jvm.java.io.BufferedReader(
                self.spark.sparkContext._jvm.java.io.InputStreamReader(stream, "UTF-8"))
            lines = []
            while (line := reader.readLine()) is not None:
                lines.append(line)
            return "\n".join(lines)
        finally:
            stream.close()

    def write_text(self, path: str, text: str) -> None:
        stream = self._fs.create(self._Path(path), True)
        try:
            stream.write(bytearray(text.encode("utf-8")))
        finally:
            stream.close()

    def begin(self, fingerprint: dict, *, fresh: bool = False) -> bool:
        """Start or resume the job in ``out``; True when earlier stages may be reused."""
        path = self.path("stage", "job.json")
        before = self.read_text(path)
        if before is not None and not fresh and json.loads(before) == fingerprint:
            return True
        self.remove(self.path("stage"))
        self.write_text(path, json.dumps(fingerprint, ensure_ascii=False, sort_keys=True))
        return False
