"""Text reuse on Apache Spark: ``duidu reuse --engine spark``, for corpora past one machine.

The only package that imports ``pyspark`` (an optional extra: ``pip install 'duidu[spark]'``).
It adds no method of its own: Spark tasks call Duidu's text layer (cleaning, key form), the
engine's candidate rule and passage finder (``engine/reuse.py``, ``engine/passages.py``) and its
families and edges, so a job's answers are the in-process ``duidu reuse``'s. What Spark adds is
distribution (documents, postings and pairs partitioned across executors), resumability (each
stage's output kept with a ``_SUCCESS`` marker, alignment in chunks with a done list) and the
output as Parquet and JSON lines (``results``), which ``duidu reuse import`` reads back without
Spark (``library/reuse_import.py``).
"""
