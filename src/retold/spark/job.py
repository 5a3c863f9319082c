"""The Spark scan job: stages, each checkpointed to Parquet in the work directory.

    parsed -> refused, articles, texts -> postings, common -> candidates -> pairs
    -> components -> clusters -> output

A stage whose directory holds `_SUCCESS` is read back instead of being run again, so a
failed or interrupted job resumes from the last stage it finished (with `--check`, the
pairs stage is cut into buckets that are checkpointed one by one). `job.json` records
the inputs and settings; a work directory of another job is refused, never mixed in.
"""

from __future__ import annotations

import json
import math
import re
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from retold.corpus.candidates import MIN_SHARED
from retold.corpus.fingerprint import SCHEME
from retold.corpus.index import conflicts_line
from retold.corpus.readers import Skipped, summarize
from retold.corpus.scan import CLUSTER_SHARE, MIN_SHARE
from retold.corpus.trace import DF_CAP
from retold.errors import CorpusError
from retold.spark import align, candidates, components, inputs, texts
from retold.spark.files import Files, is_local, local_path
from retold.spark.session import session

FORMATS = ("jsonl", "jsonl-dir", "parquet")
PAIRS_BUCKET = 2_000_000  # candidate pairs aligned in one checkpointed bucket...
CHECK_BUCKET = 50_000  # ...and with --check (about 10 ms of CPU a pair)
NAMED = 5  # refused records named in the summary
SCHEMAS = {
    "parsed": inputs.PARSED,
    "refused": "order long, kind string, name string, reason string",
    "articles": "article long, id string, text long, title string, date string, url string,"
    " publisher string, title_start int, title_end int",
    "texts": texts.TEXTS,
    "postings": "gram long, text long, df long",
    "common": "gram long",
    "candidates": candidates.CANDIDATES,
    "pairs": align.ALIGNED,
    "components": "member long, component long",
    "clusters": components.CLUSTERS,
}


@dataclass(frozen=True)
class Options:
    """What to scan and how; `work`: the checkpoint directory (default: OUTPUT.work, or
    a temporary one without -o)."""

    inputs: tuple[str, ...]
    min_share: float = MIN_SHARE
    cluster_share: float = CLUSTER_SHARE
    max_df: int = DF_CAP
    min_shared: int = MIN_SHARED
    check: bool = False
    output: str | None = None
    output_format: str = "jsonl"
    work: str | None = None
    master: str | None = None
    conf: Mapping[str, str] = field(default_factory=dict)

    def identity(self) -> dict[str, object]:
        """What makes two runs the same job (so that one may resume the other)."""
        keys = ("inputs", "min_share", "cluster_share", "max_df", "min_shared", "check")
        data = {k: v for k, v in asdict(self).items() if k in keys}
        data["inputs"] = list(self.inputs)
        return {"job": "retold scan --engine spark", "fingerprint": SCHEME, **data}


@dataclass
class Summary:
    """What a run did, for the CLI's closing lines."""

    pairs: int = 0
    clusters: int = 0
    articles: int = 0
    texts: int = 0
    repeats: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)  # stages read back from an earlier run

    def lines(self) -> list[str]:
        read = (
            f"read {self.articles:,} articles ({self.texts:,} distinct texts,"
            f" {self.repeats:,} repeated records)"
        )
        parts = [read, conflicts_line(self.conflicts), summarize(self.skipped)]
        lines = ["; ".join(p for p in parts if p)]
        if self.reused:
            lines.append(f"resumed: {', '.join(self.reused)} read from the work directory")
        return lines


Log = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(options: Options, *, log: Log = _stderr, spark: Any = None) -> Summary:
    """Run the scan job; writes the records to `options.output` (stdout when None)."""
    _validate(options)
    with ExitStack() as stack:
        if spark is None:
            spark = stack.enter_context(session(options.master, options.conf))
        work = options.work or (options.output + ".work" if options.output else None)
        if work is None:
            work = stack.enter_context(tempfile.TemporaryDirectory(prefix="retold-spark-"))
        if not spark.sparkContext.master.startswith("local") and is_local(work):
            raise CorpusError(
                f"the work directory {work} is on this machine, out of the executors' reach",
                hint="give --work on a file system they share (hdfs://..., s3a://...)",
            )
        job = Job(spark, options, work, log)
        job.claim()
        try:
            summary = job.run()
        except Exception as exc:
            failure = _failure(exc, work, kept=options.work is not None or bool(options.output))
            if failure is None:
                raise
            raise failure from exc
        if options.work is None and options.output:
            job.files.delete(work)  # the default work directory goes once the output is whole
        return summary
    raise AssertionError("unreachable")  # pragma: no cover (ExitStack does not swallow)


def _failure(exc: Exception, work: str, *, kept: bool) -> CorpusError | None:
    """A failed Spark job as one line (the cause a worker raised, when it is ours)."""
    if isinstance(exc, CorpusError) or not type(exc).__module__.startswith(("pyspark", "py4j")):
        return None
    text = str(exc)
    ours = re.search(r"retold\.errors\.\w+: (.+)", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    message = ours.group(1) if ours else (lines[0][:300] if lines else type(exc).__name__)
    hint = (
        f"the finished stages are kept in {work}: the same command resumes from them"
        if kept
        else "rerun with RETOLD_DEBUG=1 for the trace"
    )
    return CorpusError(f"the Spark job failed: {message}", hint=hint)


def _validate(options: Options) -> None:
    if not options.inputs:
        raise CorpusError("no inputs", hint="pass JSON Lines, Parquet, WARC files or a retold DB")
    if options.output_format not in FORMATS:
        raise CorpusError(
            f"unknown output format {options.output_format!r}",
            hint=f"use one of {', '.join(FORMATS)}",
        )
    if options.output_format != "jsonl" and not options.output:
        raise CorpusError(
            f"--output-format {options.output_format} writes a directory",
            hint="give it with -o DIR",
        )
    if options.output_format == "jsonl" and options.output and not is_local(options.output):
        raise CorpusError(
            "a single JSON Lines file is written by the driver, on this machine",
            hint="for HDFS or S3 use --output-format jsonl-dir or parquet",
        )
    if not 0 <= options.min_share <= 1:
        raise CorpusError(f"--min-share must be between 0 and 1, not {options.min_share}")


class Job:
    """One scan job over its work directory."""

    def __init__(self, spark: Any, options: Options, work: str, log: Log) -> None:
        self.spark, self.options, self.work, self.log = spark, options, work.rstrip("/"), log
        self.files = Files(spark)
        self.summary = Summary()
        self.sources: list[inputs.Source] = []

    def claim(self) -> None:
        """Check the inputs, then write job.json, or check that the work directory holds
        this job's stages."""
        self.sources = inputs.find_sources(self.files, self.options.inputs)
        marker = f"{self.work}/job.json"
        mine = json.dumps(self.options.identity(), sort_keys=True)
        found = self.files.read_text(marker)
        if found is not None and found != mine:
            raise CorpusError(
                f"{self.work} holds the stages of another scan (other inputs or settings)",
                hint="remove it, or give this job its own --work directory",
            )
        if found is None:
            self.files.write_text(marker, mine)

    def stage(self, name: str, make: Callable[[], Any]) -> Any:
        """The stage's DataFrame, read back from its checkpoint (made first if needed)."""
        path = f"{self.work}/{name}"
        if self.files.exists(f"{path}/_SUCCESS"):
            if name not in self.summary.reused:
                self.summary.reused.append(name)
        else:
            self.log(f"spark: {name}")
            make().write.mode("overwrite").parquet(path)
        return self.spark.read.schema(SCHEMAS[name.split("/")[0]]).parquet(path)

    def run(self) -> Summary:
        o = self.options
        parsed = self.stage("parsed", self._parse)
        stored = texts.store(parsed)
        self.stage("refused", lambda: _refused(stored))
        text_rows = self.stage("texts", lambda: stored.texts)
        articles = self.stage("articles", lambda: stored.articles)
        posting = self.stage("postings", lambda: candidates.postings(text_rows))
        common = self.stage("common", lambda: candidates.common_grams(posting, o.max_df))
        pairs_in = self.stage(
            "candidates",
            lambda: candidates.candidates(text_rows, articles, posting, o.max_df, o.min_shared),
        )
        pairs = self._pairs(pairs_in, text_rows, articles, common)
        labels = self.stage("components", lambda: self._components(pairs))
        clusters = self.stage("clusters", lambda: components.clusters(labels, articles, text_rows))
        self._summarise(articles, text_rows)
        self.summary.pairs = pairs.count()
        self.summary.clusters = clusters.count()
        self._write(pairs, clusters)
        return self.summary

    def _parse(self) -> Any:
        return inputs.read_sources(self.spark, self.sources, f"{self.work}/sqlite")

    def _pairs(self, pairs_in: Any, text_rows: Any, articles: Any, common: Any) -> Any:
        """Aligned pairs, in buckets of candidates checkpointed one by one."""
        from pyspark.sql import functions as F

        o = self.options
        grams = frozenset(int(r[0]) for r in common.collect())
        shared = self.spark.sparkContext.broadcast(grams)
        size = CHECK_BUCKET if o.check else PAIRS_BUCKET
        total = pairs_in.count()
        buckets = max(1, math.ceil(total / size))
        slots = self.spark.sparkContext.defaultParallelism
        tasks = max(2 * slots, math.ceil(total / buckets / align.ROWS_PER_TASK))

        def bucket(k: int) -> Any:
            chosen = pairs_in.where(F.pmod(F.hash("a", "b"), F.lit(buckets)) == k)
            rows = align.align_input(chosen, text_rows, articles, tasks)
            return rows.mapInPandas(
                lambda b: align.align_rows(b, o.min_share, shared, o.check), align.ALIGNED
            )

        for k in range(buckets):
            self.stage(f"pairs/bucket={k}", partial(bucket, k))
        paths = [f"{self.work}/pairs/bucket={k}" for k in range(buckets)]
        return self.spark.read.schema(align.ALIGNED).parquet(*paths)

    def _components(self, pairs: Any) -> Any:
        from pyspark.sql import functions as F

        edges = pairs.where(F.greatest("share_a", "share_b") >= self.options.cluster_share).select(
            F.col("a_art").alias("src"), F.col("b_art").alias("dst")
        )

        def checkpoint(frame: Any, round_: int) -> Any:
            path = f"{self.work}/rounds/{round_}"
            frame.write.mode("overwrite").parquet(path)
            return self.spark.read.schema("src long, dst long").parquet(path)

        return components.components(edges, checkpoint)

    def _summarise(self, articles: Any, text_rows: Any) -> None:
        refused = self.spark.read.schema(SCHEMAS["refused"]).parquet(f"{self.work}/refused")
        counts = {r["kind"]: r["count"] for r in refused.groupBy("kind").count().collect()}
        self.summary.repeats = int(counts.get("repeat", 0))
        named = refused.where("kind != 'repeat'").orderBy("order")
        for row in named.toLocalIterator():
            if row["kind"] == "skipped":
                self.summary.skipped.append(Skipped(row["name"], row["reason"]))
            else:
                self.summary.conflicts.append(row["name"])
        self.summary.articles = articles.count()
        self.summary.texts = text_rows.count()

    def _write(self, pairs: Any, clusters: Any) -> None:
        from pyspark.sql import functions as F

        o = self.options
        ordered = clusters.orderBy(F.desc("size"), "original")
        if o.output_format == "jsonl":
            lines = _chain(pairs.select("record"), ordered.select("record"))
            _write_lines(lines, o.output)
            return
        self.files.delete(o.output or "")
        if o.output_format == "jsonl-dir":
            pairs.select("record").unionByName(ordered.select("record")).write.text(o.output)
            return
        pair_rows = pairs.select(
            F.lit("pair").alias("type"),
            F.get_json_object("record", "$.a").alias("a"),
            F.get_json_object("record", "$.b").alias("b"),
            "share_a",
            "share_b",
            (F.get_json_object("record", "$.identical") == "true").alias("identical"),
            "record",
        )
        cluster_rows = ordered.select(
            F.lit("cluster").alias("type"),
            F.col("original").alias("a"),
            F.lit(None).cast("string").alias("b"),
            F.lit(None).cast("double").alias("share_a"),
            F.lit(None).cast("double").alias("share_b"),
            F.lit(None).cast("boolean").alias("identical"),
            "record",
        )
        pair_rows.unionByName(cluster_rows).write.parquet(o.output)


def _refused(stored: texts.Stored) -> Any:
    from pyspark.sql import functions as F

    return (
        stored.skipped.select(
            "order", F.lit("skipped").alias("kind"), F.col("location").alias("name"), "reason"
        )
        .unionByName(
            stored.conflicts.select(
                "order",
                F.lit("conflict").alias("kind"),
                F.col("id").alias("name"),
                F.lit("").alias("reason"),
            )
        )
        .unionByName(
            stored.repeats.select(
                "order",
                F.lit("repeat").alias("kind"),
                F.col("id").alias("name"),
                F.lit("").alias("reason"),
            )
        )
    )


def _chain(*frames: Any) -> Iterator[str]:
    for frame in frames:
        for row in frame.toLocalIterator():
            yield row[0]


def _write_lines(lines: Iterator[str], output: str | None) -> None:
    """JSON Lines to stdout, or to OUTPUT through OUTPUT.part (renamed when complete)."""
    if not output:
        for line in lines:
            sys.stdout.write(line + "\n")
        sys.stdout.flush()
        return
    target = Path(local_path(output))
    part = target.with_name(target.name + ".part")
    try:
        with part.open("w", encoding="utf-8") as handle:
            for line in lines:
                handle.write(line + "\n")
    except OSError as exc:
        raise CorpusError(f"cannot write {output}: {exc.strerror}", hint="check the path") from exc
    part.replace(target)
