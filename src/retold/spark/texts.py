"""Parsed records -> articles and distinct texts, by the local store's rules, fingerprinted.

- An id is kept once: its first record (in `order`) is the article; a later record with
  the same id and the same text changes nothing (counted as already stored), one with
  another text is refused and named (`conflicts`), as `Store.write` does.
- Articles with the same content hash share one text, numbered by its first article
  (`text` = that article's `order`), whose text is the one kept: the local store keeps
  the first record's text too, so passage offsets agree.
- Fingerprints in `mapInPandas` with `retold.corpus.fingerprint` (the same hasher);
  each task checks that its Python hashes n-grams as the driver's does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from retold.corpus.fingerprint import SCHEME, WordHasher, fingerprint
from retold.errors import CorpusError

TEXTS = "text long, hash string, body string, words long, grams array<long>"


def fingerprint_rows(batches: Iterator[Any], scheme: str) -> Iterator[Any]:
    """mapInPandas: (text, hash, body) -> TEXTS rows, with the local store's fingerprint."""
    import pandas as pd

    if scheme != SCHEME:
        raise CorpusError(
            f"the Spark workers hash n-grams as {SCHEME}, the driver as {scheme}",
            hint="run the workers on the driver's Python version (PYSPARK_PYTHON)",
        )
    hasher = WordHasher()
    for batch in batches:
        rows = []
        for text, digest, body in batch.itertuples(index=False):
            found = fingerprint(body, hasher)
            rows.append((int(text), digest, body, found.words, sorted(found.grams)))
        yield pd.DataFrame(rows, columns=["text", "hash", "body", "words", "grams"])


@dataclass(frozen=True)
class Stored:
    """The store step's DataFrames (lazy)."""

    articles: Any  # article, id, text, title, date, url, publisher, title_start, title_end
    texts: Any  # TEXTS
    conflicts: Any  # id, order: records refused (their id is stored with another text)
    repeats: Any  # id, order: records already stored (same id, same text)
    skipped: Any  # location, reason


def store(parsed: Any) -> Stored:
    """Apply the store's rules to PARSED rows (see the module docstring)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    ok = parsed.where(F.col("reason").isNull())
    by_id = Window.partitionBy("id").orderBy("order")
    ranked = ok.withColumn("rank", F.row_number().over(by_id)).withColumn(
        "first_hash", F.first("hash").over(by_id)
    )
    accepted = ranked.where(F.col("rank") == 1)
    later = ranked.where(F.col("rank") > 1)
    texts = (
        accepted.groupBy("hash")
        .agg(F.min("order").alias("text"), F.min_by("text", "order").alias("body"))
        .select("text", "hash", "body")
        .mapInPandas(lambda b: fingerprint_rows(b, SCHEME), TEXTS)
    )
    # a text is numbered by its first article, as the local store numbers texts
    by_hash = Window.partitionBy("hash")
    articles = accepted.select(
        F.col("order").alias("article"),
        "id",
        F.min("order").over(by_hash).alias("text"),
        "title",
        "date",
        "url",
        "publisher",
        "title_start",
        "title_end",
    )
    return Stored(
        articles=articles,
        texts=texts,
        conflicts=later.where(F.col("hash") != F.col("first_hash")).select("id", "order"),
        repeats=later.where(F.col("hash") == F.col("first_hash")).select("id", "order"),
        skipped=parsed.where(F.col("reason").isNotNull()).select("order", "location", "reason"),
    )
