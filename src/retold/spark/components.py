"""Reprint clusters on Spark: connected components by large-star / small-star, in DataFrames.

Kiveris et al., "Connected components in MapReduce and beyond" (SoCC 2014): alternate

- large-star: each node links its larger neighbours to the smallest of its
  neighbourhood (itself included);
- small-star: each node links itself and its smaller neighbours to the smallest of them;

until the edges form stars around each component's smallest node (no edge leads to a
node that has edges of its own to smaller nodes). O(log^2 n) rounds; each round's edges
are checkpointed so that the plan does not grow. No GraphFrames (a JVM package).

The cluster of each component is made by `retold.corpus.scan.make_cluster`, the local
scan's function (the earliest member, else the longest, is the original).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from retold.corpus.scan import make_cluster

CLUSTERS = "size long, original string, record string"
MAX_ROUNDS = 200


def large_star(edges: Any) -> Any:
    """(src, dst) -> edges (v, m(u)) for every neighbour v > u, m(u) = min of N(u) + u."""
    from pyspark.sql import functions as F

    both = edges.select(F.col("src").alias("u"), F.col("dst").alias("v")).unionByName(
        edges.select(F.col("dst").alias("u"), F.col("src").alias("v"))
    )
    smallest = both.groupBy("u").agg(F.least(F.min("v"), F.col("u")).alias("m"))
    return (
        both.join(smallest, "u")
        .where(F.col("v") > F.col("u"))
        .select(F.col("v").alias("src"), F.col("m").alias("dst"))
        .distinct()
    )


def small_star(edges: Any) -> Any:
    """(src, dst) -> for each u, edges (v, m) for v in its smaller neighbours and u
    itself, m the smallest of them (self-loops dropped)."""
    from pyspark.sql import functions as F

    down = edges.select(
        F.greatest("src", "dst").alias("u"), F.least("src", "dst").alias("v")
    ).where(F.col("u") != F.col("v"))
    smallest = down.groupBy("u").agg(F.min("v").alias("m"))
    linked = down.join(smallest, "u")
    return (
        linked.select(F.col("v").alias("src"), F.col("m").alias("dst"))
        .unionByName(smallest.select(F.col("u").alias("src"), F.col("m").alias("dst")))
        .where(F.col("src") != F.col("dst"))
        .distinct()
    )


def is_stars(edges: Any) -> bool:
    """Does every edge lead from a node to its component's root (a node with no smaller
    neighbour), each node to one root only?"""
    from pyspark.sql import functions as F

    oriented = edges.select(
        F.greatest("src", "dst").alias("leaf"), F.least("src", "dst").alias("root")
    )
    leaves = oriented.groupBy("leaf").agg(F.countDistinct("root").alias("roots"))
    roots = oriented.select(F.col("root").alias("leaf"), F.lit(True).alias("is_root")).distinct()
    bad = leaves.join(roots, "leaf", "left").where(
        (F.col("roots") > 1) | F.col("is_root").isNotNull()
    )
    return not bad.limit(1).count()


def components(edges: Any, checkpoint: Callable[[Any, int], Any]) -> Any:
    """(member, component) for every node of (src, dst) edges; component = smallest node.

    `checkpoint(frame, round)` stores a round's edges and returns them read back."""
    from pyspark.sql import functions as F

    current = checkpoint(edges.select("src", "dst").where(F.col("src") != F.col("dst")), 0)
    for round_ in range(1, MAX_ROUNDS + 1):
        current = checkpoint(small_star(large_star(current)), round_)
        if is_stars(current):
            break
    else:
        raise RuntimeError("connected components did not converge")
    oriented = current.select(
        F.greatest("src", "dst").alias("member"), F.least("src", "dst").alias("component")
    )
    roots = oriented.select(F.col("component").alias("member"), "component").distinct()
    return oriented.unionByName(roots).distinct()


def cluster_group(group: Any) -> Any:
    """applyInPandas, one component: (component, member, id, date, words) -> CLUSTERS."""
    import pandas as pd

    members = sorted(int(m) for m in group["member"])
    info = {
        int(m): (str(i), str(d or ""), int(w))
        for m, i, d, w in zip(
            group["member"], group["id"], group["date"], group["words"], strict=True
        )
    }
    cluster = make_cluster(members, info)
    record = json.dumps(cluster.to_dict(), ensure_ascii=False)
    return pd.DataFrame([(len(members), cluster.original, record)], columns=list(_columns()))


def _columns() -> tuple[str, ...]:
    return tuple(field.split()[0] for field in CLUSTERS.split(", "))


def clusters(labels: Any, articles: Any, texts: Any) -> Any:
    """CLUSTERS rows for the components of `labels` (member, component)."""
    info = articles.join(texts.select("text", "words"), "text").select(
        "article", "id", "date", "words"
    )
    return (
        labels.join(info.withColumnRenamed("article", "member"), "member")
        .select("component", "member", "id", "date", "words")
        .groupBy("component")
        .applyInPandas(cluster_group, CLUSTERS)
    )
