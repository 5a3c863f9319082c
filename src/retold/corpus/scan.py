"""Scan: every pair of articles with reuse, and the reprint clusters they form.

1. Candidate step (`retold.corpus.candidates`): a self-join on rare shared n-grams.
   For each n-gram held by 2..max_df articles (the inverted list, streamed from the
   store in gram order), every pair of its articles gets a vote; pairs with at least
   `min_shared` votes are candidates. N-grams above the cap (boilerplate, stock
   phrases) are skipped, as passim does. The votes are counted one partition of pairs
   at a time, so memory does not grow with the amount of reuse.
2. Per-pair step (`retold.corpus.pairs.align_pair`): shared passages, the share of each
   text they cover, direction from dates. Only candidates are aligned.
3. Clusters (`clusters`): connected components of the pairs where one text is almost
   wholly in the other (reprints, abridgements: share >= CLUSTER_SHARE). A lower bar
   chains different stories through live blogs and page furniture shared by one
   site's pages. The earliest member (else the longest) is the likely original.

Steps 1-3 are pure functions over plain values, so a Spark job can call them.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from array import array
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from typing import BinaryIO

from retold.corpus.candidates import (
    MIN_SHARED,
    PARTITION_VOTES,
    candidate_pairs,
    partitions,
    spill,
    split,
    unspill,
)
from retold.corpus.pairs import Record, Words, align_pair, parse_date
from retold.corpus.store import Store
from retold.corpus.trace import DF_CAP
from retold.errors import CorpusError

MIN_SHARE = 0.2  # a pair is reported when reuse covers this share of either text
CLUSTER_SHARE = 0.8  # ...and joins a reprint cluster when it covers this share of one
CHUNK = 400  # pairs per unit of work
WORDS_CACHE = 200  # articles whose words an aligner keeps (pairs come sorted by first article)
ENGINES = ("local", "spark")
READ_CACHE_MB = 16  # SQLite page cache of the scan's readers: one pass, mostly in order

ScanProgress = Callable[[str, int, int | None], None]  # (phase, advance, total)


@dataclass(frozen=True, slots=True)
class Cluster:
    """Articles that reprint one another; `original` is the likely first."""

    members: tuple[str, ...]
    original: str

    def to_dict(self) -> dict[str, object]:
        return {
            "type": "cluster",
            "members": list(self.members),
            "original": self.original,
            "size": len(self.members),
        }


def align_candidates(
    store: Store,
    pairs: Sequence[tuple[int, int, int]],
    *,
    min_share: float,
    common: frozenset[int] = frozenset(),
) -> list[tuple[int, int, dict[str, object]]]:
    """The per-pair step over a chunk of candidates: (a doc, b doc, pair record)."""
    docs = sorted({d for a, b, _ in pairs for d in (a, b)})
    records = store.records(docs)
    cache: dict[int, Words] = {}

    def words(record: Record) -> Words:
        if record.key not in cache:
            if len(cache) >= WORDS_CACHE:  # ~100 kB an article: keep a worker's memory flat
                cache.clear()
            cache[record.key] = Words.of(record.text)
        return cache[record.key]

    results = []
    for first, second, _ in pairs:
        result = align_pair(records[first], records[second], common, words)
        if max(result.share_a, result.share_b) >= min_share:
            results.append((result.a.key, result.b.key, result.to_dict()))
    return results


# A worker process's job settings, set once by `_start_worker` (not shared between processes).
_WORKER: dict[str, object] = {}


def _start_worker(path: str, min_share: float, common: frozenset[int]) -> None:
    store = Store(path, create=False, cache_mb=READ_CACHE_MB)
    _WORKER.update(store=store, min_share=min_share, common=common)


def _align_chunk(pairs: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, dict[str, object]]]:
    store = _WORKER["store"]
    assert isinstance(store, Store)
    return align_candidates(
        store,
        pairs,
        min_share=float(str(_WORKER["min_share"])),
        common=_WORKER["common"],  # type: ignore[arg-type]
    )


def components(edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components of `edges` (union-find over doc numbers), members sorted."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for doc in sorted(parent):
        groups[find(doc)].append(doc)
    return list(groups.values())


def _cluster(members: list[int], info: dict[int, tuple[str, str, int]]) -> Cluster:
    original = min(members, key=lambda d: _original_key(d, info[d]))
    ordered = [original, *(d for d in members if d != original)]
    return Cluster(tuple(info[d][0] for d in ordered), info[original][0])


def _cluster_order(cluster: Cluster) -> tuple[int, str]:
    return -len(cluster.members), cluster.original


def clusters(
    edges: Iterable[tuple[int, int]], info: dict[int, tuple[str, str, int]]
) -> list[Cluster]:
    """Connected components of `edges`; info maps doc -> (id, date, words). Largest
    first, then by the original's id."""
    return sorted((_cluster(g, info) for g in components(edges)), key=_cluster_order)


CLUSTER_BATCH = 2_000  # clusters whose members' metadata is read at once


def stored_clusters(
    edges: Iterable[tuple[int, int]],
    info: Callable[[list[int]], dict[int, tuple[str, str, int]]],
    batch_size: int = CLUSTER_BATCH,
) -> Iterator[Cluster]:
    """`clusters`, in the same order, with the metadata read a batch of clusters at a
    time and the ordering done by SQLite in a scratch file: the memory held is the
    doc numbers of the clustered articles, not their ids, dates and member lists."""
    groups = components(edges)
    with tempfile.TemporaryDirectory(prefix="retold-clusters-") as tmp:
        db = sqlite3.connect(os.path.join(tmp, "clusters.db"))
        try:
            db.execute("CREATE TABLE cluster (size INTEGER, original TEXT, members TEXT)")
            for start in range(0, len(groups), batch_size):
                batch = groups[start : start + batch_size]
                known = info(sorted(d for members in batch for d in members))
                db.executemany(
                    "INSERT INTO cluster VALUES (?, ?, ?)",
                    (
                        (len(c.members), c.original, json.dumps(c.members))
                        for c in (_cluster(members, known) for members in batch)
                    ),
                )
            del groups
            rows = db.execute(
                "SELECT original, members FROM cluster ORDER BY size DESC, original, rowid"
            )
            for original, members in rows:
                yield Cluster(tuple(json.loads(members)), original)
        finally:
            db.close()


def _original_key(doc: int, info: tuple[str, str, int]) -> tuple[int, float, int, int]:
    """Earliest first (undated last), then most complete (most words), then first indexed."""
    _, date, words = info
    parsed = parse_date(date)
    return (parsed is None, parsed.timestamp() if parsed else 0.0, -words, doc)


def scan(
    store: Store,
    *,
    min_share: float = MIN_SHARE,
    cluster_share: float = CLUSTER_SHARE,
    max_df: int = DF_CAP,
    min_shared: int = MIN_SHARED,
    engine: str = "local",
    workers: int | None = None,
    progress: ScanProgress | None = None,
    partition_votes: int = PARTITION_VOTES,
) -> Iterator[dict[str, object]]:
    """Pair records (as they are aligned), then cluster records: the scan JSON Lines.

    `partition_votes` bounds the candidate votes held in memory at once (see
    `retold.corpus.candidates`); the pairs found do not depend on it.
    """
    _check(engine, min_share)
    cache = store.set_cache(READ_CACHE_MB)
    try:
        common = store.common_grams(max_df)
        edges_a, edges_b = array("q"), array("q")  # reprint edges, 16 bytes each
        total = 0
        # the workers start first, so they do not inherit the candidate step's memory
        with _aligner(store, min_share, common, workers) as align, ExitStack() as files:
            handles = _partition_files(store, max_df, partition_votes, files, progress)
            for part, handle in enumerate(handles):
                candidates = candidate_pairs(
                    unspill(handle), min_shared=min_shared, part=part, parts=len(handles)
                )
                for a, b, record in _aligned(candidates, align, progress, total):
                    if max(float(str(record["share_a"])), float(str(record["share_b"]))) >= (
                        cluster_share
                    ):
                        edges_a.append(a)
                        edges_b.append(b)
                    yield record
                total += len(candidates)
        for cluster in stored_clusters(zip(edges_a, edges_b, strict=True), store.info):
            yield cluster.to_dict()
    finally:
        store.set_cache(cache)


def _partition_files(
    store: Store,
    max_df: int,
    partition_votes: int,
    files: ExitStack,
    progress: ScanProgress | None,
) -> list[BinaryIO]:
    """The rare n-grams' inverted lists in temporary files, one a partition of pairs."""
    groups = store.gram_groups(max_df)
    spilled = files.enter_context(tempfile.TemporaryFile())  # noqa: SIM115 (closed by `files`)
    total = spill(_counting(groups, progress) if progress else groups, spilled)
    parts = partitions(total, per_partition=partition_votes)
    if parts == 1:
        return [spilled]
    handles: list[BinaryIO] = [
        files.enter_context(tempfile.TemporaryFile())  # noqa: SIM115
        for _ in range(parts)
    ]
    split(unspill(spilled), handles)
    spilled.close()
    return handles


def _aligned(
    candidates: list[tuple[int, int, int]],
    align: Aligner,
    progress: ScanProgress | None,
    done: int,
) -> Iterator[tuple[int, int, dict[str, object]]]:
    """One partition's candidates aligned, in chunks; `done`: candidates of earlier ones."""
    total = done + len(candidates)
    if progress:
        progress("align", 0, total)
    chunks = [candidates[i : i + CHUNK] for i in range(0, len(candidates), CHUNK)]
    for chunk, results in zip(chunks, align(chunks), strict=True):
        yield from results
        if progress:
            progress("align", len(chunk), total)


def _check(engine: str, min_share: float) -> None:
    if engine == "spark":
        raise CorpusError(
            "the spark engine is not available yet", hint="use --engine local (the default)"
        )
    if engine != "local":
        raise CorpusError(f"unknown engine {engine!r}", hint="use --engine local")
    if not 0 <= min_share <= 1:
        raise CorpusError(f"--min-share must be between 0 and 1, not {min_share}")


def _counting(groups: Iterator[list[int]], progress: ScanProgress) -> Iterator[list[int]]:
    for n, docs in enumerate(groups, 1):
        if n % 10_000 == 0:
            progress("candidates", 10_000, None)
        yield docs


Results = list[tuple[int, int, dict[str, object]]]
Aligner = Callable[[list[list[tuple[int, int, int]]]], Iterator[Results]]


@contextmanager
def _aligner(
    store: Store, min_share: float, common: frozenset[int], workers: int | None
) -> Iterator[Aligner]:
    """A function aligning chunks of candidates, in order: here or in `workers` processes."""
    workers = workers if workers is not None else (os.cpu_count() or 1)

    def here(chunks: list[list[tuple[int, int, int]]]) -> Iterator[Results]:
        for chunk in chunks:
            yield align_candidates(store, chunk, min_share=min_share, common=common)

    if workers <= 1:
        yield here
        return
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("fork"),
        initializer=_start_worker,
        initargs=(store.path, min_share, common),
    ) as pool:
        # start every worker now, while this process is small (they are forked from it)
        for started in [pool.submit(int) for _ in range(workers)]:
            started.result()

        def pooled(chunks: list[list[tuple[int, int, int]]]) -> Iterator[Results]:
            if len(chunks) <= 1:
                yield from here(chunks)
                return
            pending: deque[Future[Results]] = deque()
            for chunk in chunks:
                pending.append(pool.submit(_align_chunk, chunk))
                if len(pending) >= 3 * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()

        yield pooled
