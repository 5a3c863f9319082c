"""The per-pair step on Spark: each candidate pair of texts aligned in `mapInPandas` by
`retold.corpus.pairs.align_pair`, its articles paired by `carried_pairs` (or, for a text
several articles carry, `identical_pairs`), and with `check` each pair compared by
`retold.corpus.check.check_pairs`: the local scan's functions, row by row.

A row carries both texts and their carriers (the articles of each, in article order).
A pair of texts whose carriers make more than PAIRS_PER_TASK article pairs (a text
reprinted thousands of times) is split into `parts` rows, each making the pairs of
every `parts`-th first carrier, so that no task writes millions of records alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from retold.corpus.check import Pair, check_pairs
from retold.corpus.pairs import Carrier, Record, Words, align_pair, carried_pairs, identical_pairs
from retold.text.article import Article

ALIGNED = "a_art long, b_art long, share_a double, share_b double, record string"
PAIRS_PER_TASK = 200_000  # article pairs one row may make before it is split
ROWS_PER_TASK = 2_000  # candidate rows a task aligns (a few seconds of work)
WORDS_CACHE = 200  # texts whose words a task keeps (rows come sorted by first text)
CARRIER = (
    "article",
    "id",
    "date",
    "words",
    "publisher",
    "title",
    "url",
    "title_start",
    "title_end",
)


def carrier(data: dict[str, Any], text: int) -> Carrier:
    return Carrier(
        int(data["article"]),
        str(data["id"]),
        text,
        str(data["date"] or ""),
        int(data["words"]),
        str(data["publisher"] or ""),
        str(data["title"] or ""),
    )


def article(data: dict[str, Any], body: str) -> Article:
    """The stored article, as `Store.articles` gives it to `check_pairs`."""
    return Article(
        text=body,
        id=str(data["id"]),
        title=str(data["title"] or ""),
        date=str(data["date"] or ""),
        url=str(data["url"] or ""),
        publisher=str(data["publisher"] or ""),
        title_span=(int(data["title_start"]), int(data["title_end"])),
    )


class Aligner:
    """One task's state: the words of recent texts, the job's settings."""

    def __init__(self, min_share: float, common: frozenset[int], check: bool) -> None:
        self.min_share, self.common, self.check = min_share, common, check
        self.cache: dict[int, Words] = {}

    def words(self, record: Record) -> Words:
        if record.key not in self.cache:
            if len(self.cache) >= WORDS_CACHE:
                self.cache.clear()
            self.cache[record.key] = Words.of(record.text)
        return self.cache[record.key]

    def row(self, row: dict[str, Any]) -> list[Pair]:
        """The article pairs of one candidate row (a, b, part, parts, bodies, carriers)."""
        a, b, part, parts = int(row["a"]), int(row["b"]), int(row["part"]), int(row["parts"])
        left = [carrier(c, a) for c in row["a_carriers"]]
        first = Record(a, str(a), row["a_body"], words=int(row["a_words"]))
        if a == b:
            found = list(identical_pairs(first, left, part=part, parts=parts))
        else:
            second = Record(b, str(b), row["b_body"], words=int(row["b_words"]))
            result = align_pair(first, second, self.common, self.words)
            if max(result.share_a, result.share_b) < self.min_share:
                return []
            right = [carrier(c, b) for c in row["b_carriers"]]
            found = list(carried_pairs(result, left[part::parts], right))
        if self.check:
            stored = {int(c["article"]): article(c, row["a_body"]) for c in row["a_carriers"]}
            stored.update({int(c["article"]): article(c, row["b_body"]) for c in row["b_carriers"]})
            check_pairs(found, lambda numbers: {n: stored[n] for n in numbers})
        return found


def align_rows(batches: Iterator[Any], min_share: float, common: Any, check: bool) -> Iterator[Any]:
    """mapInPandas: candidate rows -> ALIGNED rows (the pair records as JSON)."""
    import pandas as pd

    aligner = Aligner(min_share, common.value if hasattr(common, "value") else common, check)
    for batch in batches:
        out = []
        for row in batch.to_dict("records"):
            for x, y, record in aligner.row(row):
                out.append(
                    (
                        x.article,
                        y.article,
                        float(str(record["share_a"])),
                        float(str(record["share_b"])),
                        json.dumps(record, ensure_ascii=False),
                    )
                )
        yield pd.DataFrame(out, columns=["a_art", "b_art", "share_a", "share_b", "record"])


def align_input(candidates: Any, texts: Any, articles: Any, partitions: int) -> Any:
    """Candidate rows with both texts and their carriers, split where they make too many
    article pairs, in `partitions` partitions by first text, sorted by it (for the words
    cache): the joins alone would leave as few partitions as the texts have files."""
    from pyspark.sql import functions as F

    carriers = (
        articles.join(texts.select("text", "words"), "text")
        .groupBy("text")
        .agg(F.array_sort(F.collect_list(F.struct(*CARRIER))).alias("carriers"))
    )
    side = texts.select("text", "body", "words").join(carriers, "text")

    def named(prefix: str) -> Any:
        return side.select(*[F.col(c).alias(f"{prefix}_{c}") for c in side.columns])

    rows = candidates.join(named("a"), F.col("a") == F.col("a_text")).join(
        named("b"), F.col("b") == F.col("b_text")
    )
    ka, kb = F.size("a_carriers").cast("long"), F.size("b_carriers").cast("long")
    made = F.when(F.col("a") == F.col("b"), ka * (ka - 1) / 2).otherwise(ka * kb)
    parts = F.greatest(F.lit(1), F.least(ka, F.ceil(made / PAIRS_PER_TASK))).cast("int")
    return (
        rows.withColumn("parts", parts)
        .withColumn("part", F.explode(F.sequence(F.lit(0), F.col("parts") - 1)))
        .select(
            "a",
            "b",
            "part",
            "parts",
            "a_body",
            "a_words",
            "a_carriers",
            "b_body",
            "b_words",
            "b_carriers",
        )
        .repartition(partitions, "a")
        .sortWithinPartitions("a", "b", "part")
    )
