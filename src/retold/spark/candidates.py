"""The candidate step on Spark: the rules of `retold.corpus.candidates`, over DataFrames.

1. Postings: each text's n-grams exploded, with each n-gram's document frequency in
   distinct texts (`df`), as the local store's `grams` table gives it.
2. Self-join: n-grams held by 2 to `cap` texts join their postings with themselves;
   votes per pair of texts are counted by Spark; pairs with `min_shared` votes are
   candidates (`candidate_pairs`' rule: the unit test holds the two equal).
3. Probes: texts made mostly of n-grams above the cap (`needs_probe`), each with its
   rarest n-grams (`probe_grams`) joined to their postings and handed whole to
   `probe_pairs`: the same functions the local scan calls, one probed text a group.
   A posting list of thousands of texts that many probes read (a story reprinted
   thousands of times) is salted: it is copied to `ceil(df / SALT_DF)` join keys and
   the probes spread over them, so no single task makes the whole product.
4. Texts that several articles carry become (t, t) candidates (identical pairs).

Adaptive query execution (on in `retold.spark.session`) coalesces small shuffles and
splits a skewed join partition; the self-join itself cannot skew past `cap` texts a key.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from retold.corpus.candidates import needs_probe, probe_grams, probe_pairs

CANDIDATES = "a long, b long, n long"
SALT_DF = 2_000  # postings per join key of a salted n-gram
MAX_SALTS = 64


def postings(texts: Any) -> Any:
    """(gram, text, df) for every sampled n-gram of every text."""
    from pyspark.sql import functions as F

    exploded = texts.select("text", F.explode("grams").alias("gram"))
    counts = exploded.groupBy("gram").agg(F.count("*").alias("df"))
    return exploded.join(counts, "gram")


def common_grams(posting: Any, cap: int) -> Any:
    """The n-grams held by more than `cap` texts (stock phrases, much-reprinted passages)."""
    from pyspark.sql import functions as F

    return posting.where(F.col("df") > cap).select("gram").distinct()


def self_join(posting: Any, cap: int, min_shared: int) -> Any:
    """(a, b, n): pairs of texts, a < b, sharing at least `min_shared` rare n-grams."""
    from pyspark.sql import functions as F

    rare = posting.where(F.col("df").between(2, cap)).select("gram", "text")
    left, right = rare.alias("l"), rare.alias("r")
    return (
        left.join(right, "gram")
        .where(F.col("l.text") < F.col("r.text"))
        .groupBy(F.col("l.text").alias("a"), F.col("r.text").alias("b"))
        .agg(F.count("*").alias("n"))
        .where(F.col("n") >= min_shared)
    )


def probe_flags(batches: Iterator[Any], min_shared: int) -> Iterator[Any]:
    """mapInPandas: (text, size, frequent) -> (text, size, probed) by `needs_probe`."""
    import pandas as pd

    for batch in batches:
        flags = [
            int(needs_probe(int(size), int(frequent), min_shared=min_shared))
            for size, frequent in zip(batch["size"], batch["frequent"], strict=True)
        ]
        yield pd.DataFrame({"text": batch["text"], "size": batch["size"], "probed": flags})


def chosen_grams(batches: Iterator[Any]) -> Iterator[Any]:
    """mapInPandas: (text, grams [(gram, df)]) -> (text, gram, df) by `probe_grams`."""
    import pandas as pd

    for batch in batches:
        rows: list[tuple[int, int, int]] = []
        for text, grams in zip(batch["text"], batch["grams"], strict=True):
            counts = {int(g["gram"]): int(g["df"]) for g in grams}
            rows.extend((int(text), gram, counts[gram]) for gram in probe_grams(counts))
        yield pd.DataFrame(rows, columns=["text", "gram", "df"])


def probe_group(group: Any, cap: int, min_shared: int) -> Any:
    """applyInPandas, one probed text: its chosen postings -> (a, b, n) by `probe_pairs`."""
    import pandas as pd

    text = int(group["text"].iloc[0])
    counts = dict(zip(group["gram"].astype("int64"), group["df"].astype("int64"), strict=True))
    docs = group["doc"].astype("int64")
    sizes = dict(zip(docs, group["doc_size"].astype("int64"), strict=True))
    probed = dict(zip(docs, group["doc_probed"].astype("int64"), strict=True))
    found = probe_pairs(
        text,
        {int(g): int(n) for g, n in counts.items()},
        zip(map(int, group["gram"]), map(int, docs), strict=True),
        {int(d): int(n) for d, n in sizes.items()},
        {int(d): int(p) for d, p in probed.items()},
        cap=cap,
        min_shared=min_shared,
    )
    return pd.DataFrame(found, columns=["a", "b", "n"])


def probes(texts: Any, posting: Any, cap: int, min_shared: int) -> Any:
    """(a, b, n): the candidates the probes of the texts made mostly of frequent n-grams add."""
    from pyspark.sql import functions as F

    frequent = posting.where(F.col("df") > cap).groupBy("text").agg(F.count("*").alias("frequent"))
    flags = (
        texts.select("text", F.size("grams").cast("long").alias("size"))
        .join(frequent, "text", "left")
        .fillna(0, ["frequent"])
        .mapInPandas(lambda b: probe_flags(b, min_shared), "text long, size long, probed long")
    )
    probed = flags.where(F.col("probed") == 1).select("text")
    grams = (
        posting.join(probed, "text")
        .groupBy("text")
        .agg(F.collect_list(F.struct("gram", "df")).alias("grams"))
        .mapInPandas(chosen_grams, "text long, gram long, df long")
    )
    salts = F.least(F.lit(MAX_SALTS), F.ceil(F.col("df") / SALT_DF)).cast("int")
    asking = grams.withColumn("salt", F.pmod(F.hash("text"), salts))
    held = posting.select(
        "gram", F.col("text").alias("doc"), F.explode(F.sequence(F.lit(0), salts - 1)).alias("salt")
    )
    sides = flags.select(
        F.col("text").alias("doc"),
        F.col("size").alias("doc_size"),
        F.col("probed").alias("doc_probed"),
    )
    return (
        asking.join(held, ["gram", "salt"])
        .join(sides, "doc")
        .select("text", "gram", "df", "doc", "doc_size", "doc_probed")
        .groupBy("text")
        .applyInPandas(lambda g: probe_group(g, cap, min_shared), CANDIDATES)
    )


def shared_texts(articles: Any) -> Any:
    """(t, t, 0) for each text carried by more than one article."""
    from pyspark.sql import functions as F

    return (
        articles.groupBy("text")
        .agg(F.count("*").alias("k"))
        .where(F.col("k") > 1)
        .select(
            F.col("text").alias("a"), F.col("text").alias("b"), F.lit(0).cast("long").alias("n")
        )
    )


def candidates(texts: Any, articles: Any, posting: Any, cap: int, min_shared: int) -> Any:
    """Every candidate pair of texts: self-join, probes, then shared texts (as the local
    scan yields them; a pair both steps find is aligned twice there too)."""
    return (
        self_join(posting, cap, min_shared)
        .unionByName(probes(texts, posting, cap, min_shared))
        .unionByName(shared_texts(articles))
    )
