"""The scan on Apache Spark: the same records as `retold scan`, from inputs too big for
one machine (JSON Lines, Parquet, WARC on local, HDFS or S3 paths, or a retold corpus).

A thin engine over the local scan's pure functions: fingerprints
(`retold.corpus.fingerprint`), the candidate rules (`retold.corpus.candidates`), the
per-pair step (`retold.corpus.pairs`), `compare` for `check`, the cluster rule
(`retold.corpus.scan`). Spark does the joins, counts and connected components.

Modules, in the order data flows: session (pyspark, Java, settings) -> files (paths on
any file system) -> inputs (records) -> texts (the store's rules, fingerprints) ->
candidates -> align -> components (clusters) -> job (stages, checkpoints, output).
pyspark is imported only when a job runs.

    >>> from retold.spark import Options, run
    >>> run(Options(("crawl/*.warc.gz",), output="pairs.jsonl", master="local[4]"))
"""

from __future__ import annotations

from retold.spark.job import FORMATS, Options, Summary, run

__all__ = ["FORMATS", "Options", "Summary", "run"]
