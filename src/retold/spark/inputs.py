"""Inputs of the Spark engine -> one DataFrame of parsed records (`PARSED`).

JSON Lines, Parquet, WARC(.gz) and retold SQLite corpora, each record read by the same
function the local `index` calls (`retold.corpus.readers`), so an article's id, title,
date and text are the same on both engines, and a bad record is skipped and named the
same way. Every record gets an `order`: its place in the inputs as `index` would read
them (input by input, a directory's files sorted, records in file order), which is how
the local store numbers its articles and texts; `retold.spark.store` keeps the first
record of an id and the first text of a content hash by it.

- JSON Lines: Spark splits the files into lines (only at "\\n", as Python's readline
  does); each line's number is found from its file block and its place in the block.
- Parquet: columns `id`, `text`, optional `title`, `date`, `url`, `publisher` (other
  types are read as text); a row without an id is named `FILE:ROW`, like a JSON line.
- WARC: one task per file (gzip is not splittable), read by `readers.warc_items`.
- A retold corpus (SQLite, a local file): its articles as stored, read by the driver.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from retold.corpus.fingerprint import content_hash
from retold.corpus.readers import Item, jsonl_line, read_record, warc_items
from retold.errors import CorpusError
from retold.spark.files import FileEntry, Files, file_key, is_local, local_path
from retold.text.load import MAX_BYTES

PARSED = (
    "order long, location string, id string, hash string, text string, title string,"
    " date string, url string, publisher string, title_start int, title_end int,"
    " reason string"
)
FIELDS = ("id", "title", "date", "url", "publisher")
ORDER_BITS = 40  # order = input file number << 40 | record number within the file
SQLITE_HEADER = b"SQLite format 3\x00"
SQLITE_BATCH = 20_000
KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".warc": "warc"}
ARTICLE_FILES = (".txt", ".html", ".htm", ".json")


@dataclass(frozen=True, slots=True)
class Source:
    """One input file, its kind and its number in reading order."""

    number: int
    kind: str  # jsonl | parquet | warc | sqlite
    uri: str
    name: str


def kind_of(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return "warc"
    if lower.endswith(".gz") and lower[:-3].endswith((".jsonl", ".ndjson")):
        return None  # a gzipped JSON Lines file is read whole by one task: refused
    return next((k for suffix, k in KINDS.items() if lower.endswith(suffix)), None)


def find_sources(files: Files, inputs: Iterable[str]) -> list[Source]:
    """Every input file, checked up front, numbered in reading order."""
    sources: list[Source] = []
    for given in inputs:
        if is_local(given) and _is_sqlite(local_path(given)):
            sources.append(Source(len(sources), "sqlite", given, Path(given).name))
            continue
        entries = files.files(given)
        if not entries:
            raise CorpusError(f"{given} does not exist or holds no files", hint="check the path")
        for entry in entries:
            kind = kind_of(entry.name)
            if kind is None:
                _refuse(given, entry, single=len(entries) == 1)
                continue
            sources.append(Source(len(sources), kind, entry.uri, entry.name))
    if not sources:
        raise CorpusError("no inputs", hint="pass JSON Lines, Parquet, WARC files or a retold DB")
    return sources


def _refuse(given: str, entry: FileEntry, *, single: bool) -> None:
    lower = entry.name.lower()
    if lower.endswith(ARTICLE_FILES):
        raise CorpusError(
            f"{given} holds single-article files ({entry.name}); the spark engine reads"
            " JSON Lines, Parquet, WARC or a retold corpus",
            hint=f"index them first (`retold index news.db {given}`) and pass news.db",
        )
    if single:
        raise CorpusError(
            f"{given}: not a JSON Lines (.jsonl), Parquet, WARC(.gz) file or retold corpus",
            hint="name the file by its kind (gzipped JSON Lines: decompress it first)",
        )


def _is_sqlite(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


# ---------------------------------------------------------------- one record -> one row


def parsed_row(item: Item, order: int) -> dict[str, Any] | None:
    """A PARSED row for a reader's Item: an article, or a skip with its reason; None
    for what the reader passes over (a blank line, a WARC request record)."""
    if item.skipped is not None:
        return _row(order, location=item.skipped.location, reason=item.skipped.reason)
    if item.article is None:
        return None
    article = item.article
    digest = content_hash(article.text)
    return _row(
        order,
        location="",
        id=article.id or digest[:12],  # as `store.prepare` names an article without id
        hash=digest,
        text=article.text,
        title=article.title,
        date=article.date,
        url=article.url,
        publisher=article.publisher,
        title_start=article.title_span[0],
        title_end=article.title_span[1],
    )


def _row(order: int, **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(
        ("id", "hash", "text", "title", "date", "url", "publisher", "reason")
    )
    row.update(order=order, title_start=0, title_end=0)
    row.update(values)
    return row


def jsonl_rows(
    batches: Iterator[Any], names: dict[str, tuple[int, str]], bases: dict[tuple[str, int], int]
) -> Iterator[Any]:
    """mapInPandas: lines (raw, file, block, mono) -> PARSED rows. `names`: file key ->
    (number, name); `bases`: (file key, block) -> line number of the block's first row
    minus its first monotonic id."""
    import pandas as pd

    for batch in batches:
        rows = []
        for raw, path, block, mono in batch.itertuples(index=False):
            key = file_key(path)
            number, name = names[key]
            line = bases[(key, int(block))] + int(mono)
            item = _line_item(bytes(raw), f"{name}:{line}")
            row = parsed_row(item, number << ORDER_BITS | line)
            if row is not None:
                rows.append(row)
        yield pd.DataFrame(rows, columns=_COLUMNS)


def _line_item(raw: bytes, location: str) -> Item:
    if len(raw) > MAX_BYTES:  # `read_jsonl` reads a line to this size, then skips it
        from retold.corpus.readers import _skip
        from retold.text.load import too_big

        return _skip(location, too_big(location, len(raw)).message, len(raw))
    return jsonl_line(raw, location)


def parquet_rows(batches: Iterator[Any], names: dict[str, tuple[int, str]]) -> Iterator[Any]:
    """mapInPandas: Parquet rows (text, FIELDS..., file, row) -> PARSED rows."""
    import pandas as pd

    for batch in batches:
        rows = []
        for values in batch.to_dict("records"):
            number, name = names[file_key(values.pop("_file"))]
            index = int(values.pop("_row")) + 1
            record = {k: v for k, v in values.items() if v is not None and not _is_nan(v)}
            item = read_record(record, f"{name}:{index}", len(str(record.get("text", ""))))
            row = parsed_row(item, number << ORDER_BITS | index)
            if row is not None:
                rows.append(row)
        yield pd.DataFrame(rows, columns=_COLUMNS)


def _is_nan(value: object) -> bool:
    return isinstance(value, float) and value != value


def warc_rows(source: tuple[int, str, str]) -> Iterator[dict[str, Any]]:
    """The PARSED rows of one WARC file (one task), read where the task runs."""
    number, uri, name = source
    with _Opened(uri) as (handle, size):
        for index, item in enumerate(warc_items(handle, size, name=name)):
            row = parsed_row(item, number << ORDER_BITS | index)
            if row is not None:
                yield row


class _Opened:
    """A file on this machine, or on HDFS/S3 through pyarrow's file systems."""

    def __init__(self, uri: str) -> None:
        self.uri = uri
        self.handle: Any = None

    def __enter__(self) -> tuple[Any, int]:
        if is_local(self.uri):
            path = local_path(self.uri)
            self.handle = open(path, "rb")  # closed in __exit__
            return self.handle, Path(path).stat().st_size
        from pyarrow import fs

        system, path = fs.FileSystem.from_uri(self.uri)
        self.handle = system.open_input_file(path)
        return self.handle, int(self.handle.size())

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()


_COLUMNS = [field.split()[0] for field in PARSED.split(", ")]


def _arrow_types() -> dict[str, Any]:
    import pyarrow as pa

    return {"order": pa.int64(), "title_start": pa.int32(), "title_end": pa.int32()}


# ---------------------------------------------------------------- sources -> DataFrame


def read_sources(spark: Any, sources: list[Source], scratch: str) -> Any:
    """One DataFrame of PARSED rows for every source. `scratch`: a directory for the
    rows of SQLite corpora (read by the driver)."""
    frames = []
    by_kind: dict[str, list[Source]] = {}
    for source in sources:
        by_kind.setdefault(source.kind, []).append(source)
    if "jsonl" in by_kind:
        frames.append(_read_jsonl(spark, by_kind["jsonl"]))
    if "parquet" in by_kind:
        frames.append(_read_parquet(spark, by_kind["parquet"]))
    if "warc" in by_kind:
        frames.append(_read_warc(spark, by_kind["warc"]))
    if "sqlite" in by_kind:
        frames.append(_read_sqlite(spark, by_kind["sqlite"], scratch))
    result = frames[0]
    for frame in frames[1:]:
        result = result.unionByName(frame)
    return result


def _names(sources: list[Source]) -> dict[str, tuple[int, str]]:
    return {file_key(s.uri): (s.number, s.name) for s in sources}


def _read_jsonl(spark: Any, sources: list[Source]) -> Any:
    from pyspark.sql import functions as F

    lines = (
        spark.read.option("lineSep", "\n")
        .text([s.uri for s in sources])
        .select(
            F.col("value").cast("binary").alias("raw"),
            F.col("_metadata.file_path").alias("file"),
            F.col("_metadata.file_block_start").alias("block"),
            F.monotonically_increasing_id().alias("mono"),
        )
    )
    blocks = lines.groupBy("file", "block").agg(
        F.min("mono").alias("first"), F.count("*").alias("lines")
    )
    bases: dict[tuple[str, int], int] = {}
    seen: dict[str, int] = {}
    for row in sorted(blocks.collect(), key=lambda r: (file_key(r["file"]), r["block"])):
        key = file_key(row["file"])
        before = seen.get(key, 0)
        bases[(key, int(row["block"]))] = before + 1 - int(row["first"])
        seen[key] = before + int(row["lines"])
    names = _names(sources)
    return lines.mapInPandas(lambda b: jsonl_rows(b, names, bases), PARSED)


def _read_parquet(spark: Any, sources: list[Source]) -> Any:
    from pyspark.sql import functions as F

    table = spark.read.option("mergeSchema", "true").parquet(*[s.uri for s in sources])
    types = dict(table.dtypes)
    if types.get("text") != "string":
        found = f"of type {types['text']}" if "text" in types else "missing"
        raise CorpusError(
            f"the Parquet column 'text' is {found}", hint="give each article's text as a string"
        )
    columns = [F.col("text")]
    for field in FIELDS:
        if field not in types:
            columns.append(F.lit(None).cast("string").alias(field))
        else:
            columns.append(F.col(field).cast("string").alias(field))
    columns += [
        F.col("_metadata.file_path").alias("_file"),
        F.col("_metadata.row_index").alias("_row"),
    ]
    names = _names(sources)
    return table.select(*columns).mapInPandas(lambda b: parquet_rows(b, names), PARSED)


def _read_warc(spark: Any, sources: list[Source]) -> Any:
    from pyspark.sql.types import _parse_datatype_string

    files = [(s.number, s.uri, s.name) for s in sources]
    rdd = spark.sparkContext.parallelize(files, len(files)).flatMap(warc_rows)
    schema = _parse_datatype_string(PARSED)
    return spark.createDataFrame(rdd.map(lambda r: tuple(r[c] for c in _COLUMNS)), schema)


def _read_sqlite(spark: Any, sources: list[Source], scratch: str) -> Any:
    """The stored articles (their text, metadata and title span as stored), written to
    Parquet under `scratch` by the driver, then read by Spark."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from pyarrow import fs

    from retold.spark.files import local_path as to_local

    system, root = fs.FileSystem.from_uri(scratch if "://" in scratch else f"file://{scratch}")
    system.create_dir(root, recursive=True)
    arrow = pa.schema([(name, _arrow_types().get(name, pa.string())) for name in _COLUMNS])
    for source in sources:
        path = f"{root}/sqlite-{source.number}.parquet"
        with system.open_output_stream(path) as out, pq.ParquetWriter(out, arrow) as writer:
            for rows in _sqlite_rows(to_local(source.uri), source.number):
                writer.write_table(pa.Table.from_pylist(rows, schema=arrow))
    return spark.read.schema(PARSED).parquet(
        *[f"{scratch}/sqlite-{s.number}.parquet" for s in sources]
    )


def _sqlite_rows(path: str, number: int) -> Iterator[list[dict[str, Any]]]:
    """The articles of a retold corpus as PARSED rows, in article order, in batches."""
    from retold.corpus.store import Store

    with Store(path, create=False) as store:  # checks the file and its version
        rows = store.conn.execute(
            "SELECT a.article, a.id, t.hash, t.body, a.title, a.date, a.url, a.publisher,"
            " a.title_start, a.title_end FROM articles a JOIN texts t ON t.text = a.text"
            " ORDER BY a.article"
        )
        batch: list[dict[str, Any]] = []
        try:
            for article, id, digest, body, title, date, url, publisher, t0, t1 in rows:
                batch.append(
                    _row(
                        number << ORDER_BITS | int(article),
                        location="",
                        id=id,
                        hash=digest,
                        text=zlib.decompress(body).decode("utf-8"),
                        title=title,
                        date=date,
                        url=url,
                        publisher=publisher,
                        title_start=t0,
                        title_end=t1,
                    )
                )
                if len(batch) >= SQLITE_BATCH:
                    yield batch
                    batch = []
        except sqlite3.Error as exc:
            raise CorpusError(f"cannot read {path}: {exc}", hint="check the file") from exc
        if batch:
            yield batch
