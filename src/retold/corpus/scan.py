"""Scan: every pair of articles with reuse, and the reprint clusters they form.

1. Candidate step (`retold.corpus.candidates`), over distinct texts: a self-join on
   rare shared n-grams, counted one partition of pairs at a time so that memory does
   not grow with the amount of reuse; then probes of the texts made mostly of frequent
   n-grams (per-document rarity, not a global cap: reprints of much-reprinted stories).
2. Per-pair step (`retold.corpus.pairs`): shared passages of two texts, the share of
   each they cover; then the pairs of the articles that carry them, each ordered by
   its own dates. Articles that carry one text are pairs too (share 1.0 both ways,
   `"identical": true`). With `check`, `compare` runs on each reported pair
   (`retold.corpus.check`).
3. Clusters (`clusters`): connected components of the article pairs where one text is
   almost wholly in the other (reprints, abridgements: share >= CLUSTER_SHARE). A lower
   bar chains different stories through live blogs and page furniture shared by one
   site's pages. The earliest member (else the longest) is the likely original.

Steps 1-3 are pure functions over plain values, so a Spark job can call them.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from array import array
from collections import deque
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
    connected,
    needs_probe,
    partitions,
    probe_grams,
    probe_pairs,
    spill,
    split,
    unspill,
)
from retold.corpus.check import Pair, check_pairs
from retold.corpus.pairs import (
    Record,
    Words,
    align_pair,
    carried_pairs,
    identical_pairs,
    parse_date,
)
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


Results = list[tuple[int, int, dict[str, object]]]


def align_candidates(
    store: Store,
    pairs: Sequence[tuple[int, int, int]],
    *,
    min_share: float,
    common: frozenset[int] = frozenset(),
    check: bool = False,
    done: frozenset[tuple[str, str]] = frozenset(),
) -> Results:
    """The per-pair step over a chunk of candidate texts: (a article, b article, record)
    for every pair of articles; a pair (t, t) stands for the articles sharing text t.

    `check`: attach `compare`'s report to each record, except for the (a, b) ids in
    `done` (a resumed run that has them already).
    """
    texts = sorted({d for a, b, _ in pairs for d in (a, b)})
    records, carriers = store.texts(texts), store.carriers(texts)
    cache: dict[int, Words] = {}

    def words(record: Record) -> Words:
        if record.key not in cache:
            if len(cache) >= WORDS_CACHE:  # ~100 kB a text: keep a worker's memory flat
                cache.clear()
            cache[record.key] = Words.of(record.text)
        return cache[record.key]

    found: list[Pair] = []
    for first, second, _ in pairs:
        if first == second:
            found.extend(identical_pairs(records[first], carriers[first]))
            continue
        result = align_pair(records[first], records[second], common, words)
        if max(result.share_a, result.share_b) >= min_share:
            found.extend(carried_pairs(result, carriers[first], carriers[second]))
    if check:
        check_pairs(found, store.articles, lambda r: (str(r["a"]), str(r["b"])) in done)
    return [(x.article, y.article, record) for x, y, record in found]


# A worker process's job settings, set once by `_start_worker` (not shared between processes).
_WORKER: dict[str, object] = {}


def _start_worker(
    path: str,
    min_share: float,
    common: frozenset[int],
    check: bool,
    done: frozenset[tuple[str, str]],
) -> None:
    store = Store(path, create=False, cache_mb=READ_CACHE_MB)
    _WORKER.update(store=store, min_share=min_share, common=common, check=check, done=done)


def _align_chunk(pairs: Sequence[tuple[int, int, int]]) -> Results:
    store = _WORKER["store"]
    assert isinstance(store, Store)
    return align_candidates(
        store,
        pairs,
        min_share=float(str(_WORKER["min_share"])),
        common=_WORKER["common"],  # type: ignore[arg-type]
        check=bool(_WORKER["check"]),
        done=_WORKER["done"],  # type: ignore[arg-type]
    )


def components(edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components of `edges` (union-find over article numbers), members sorted."""
    return connected(edges)


def make_cluster(members: list[int], info: dict[int, tuple[str, str, int]]) -> Cluster:
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
    return sorted((make_cluster(g, info) for g in components(edges)), key=_cluster_order)


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
                        for c in (make_cluster(members, known) for members in batch)
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
    check: bool = False,
    done: frozenset[tuple[str, str]] = frozenset(),
) -> Iterator[dict[str, object]]:
    """Pair records (as they are aligned), then cluster records: the scan JSON Lines.

    `partition_votes` bounds the candidate votes held in memory at once (see
    `retold.corpus.candidates`); the pairs found do not depend on it. `check` runs
    `compare` on each pair (`retold.corpus.check`), except the (a, b) ids in `done`.
    """
    _check(engine, min_share)
    cache = store.set_cache(READ_CACHE_MB)
    try:
        edges_a, edges_b = array("q"), array("q")  # reprint edges, 16 bytes each
        with ExitStack() as files:
            plan = _plan(store, max_df, min_shared, files, progress)
            # workers start before the votes are counted: they do not inherit that memory
            with _aligner(store, min_share, plan.common, workers, check, done) as align:
                total = 0
                for candidates in _candidate_batches(plan, partition_votes, files):
                    for a, b, record in _aligned(candidates, align, progress, total):
                        shares = float(str(record["share_a"])), float(str(record["share_b"]))
                        if max(shares) >= cluster_share:
                            edges_a.append(a)
                            edges_b.append(b)
                        yield record
                    total += len(candidates)
        for cluster in stored_clusters(zip(edges_a, edges_b, strict=True), store.info):
            yield cluster.to_dict()
    finally:
        store.set_cache(cache)


@dataclass
class Plan:
    """What the candidate step knows before counting votes."""

    store: Store
    cap: int
    min_shared: int
    sizes: array[int]  # sampled n-grams of each text
    probed: bytearray  # 1 for the texts to probe
    rare: BinaryIO  # the rare lists, spilled
    votes: int  # votes of all rare lists
    common: frozenset[int]  # the frequent n-grams


def _plan(
    store: Store, cap: int, min_shared: int, files: ExitStack, progress: ScanProgress | None
) -> Plan:
    """Spill the rare lists; count each text's frequent n-grams; choose the probes."""
    rare = files.enter_context(tempfile.TemporaryFile())  # noqa: SIM115 (closed by `files`)
    sizes = store.gram_sizes()
    held = array("i", bytes(4 * len(sizes)))
    common: set[int] = set()

    def rare_lists() -> Iterator[list[int]]:
        lists = store.gram_lists()
        for gram, docs in _counting(lists, progress) if progress else lists:
            if len(docs) <= cap:
                yield docs
                continue
            common.add(gram)
            for doc in docs:
                held[doc] += 1

    votes = spill(rare_lists(), rare)
    probed = bytearray(len(sizes))
    for text, frequent in enumerate(held):
        probed[text] = needs_probe(sizes[text], frequent, min_shared=min_shared)
    return Plan(store, cap, min_shared, sizes, probed, rare, votes, frozenset(common))


PROBES = 50  # texts probed in one batch of candidates


def _candidate_batches(
    plan: Plan, partition_votes: int, files: ExitStack
) -> Iterator[list[tuple[int, int, int]]]:
    """The candidate text pairs: the self-join one partition at a time, then the probes,
    then the texts that several articles carry (t, t)."""
    parts = partitions(plan.votes, per_partition=partition_votes)
    sources: list[Iterable[list[int]]]
    if parts == 1:
        sources = [unspill(plan.rare)]
    else:
        handles: list[BinaryIO] = [
            files.enter_context(tempfile.TemporaryFile())  # noqa: SIM115
            for _ in range(parts)
        ]
        split(unspill(plan.rare), handles)
        sources = [unspill(h) for h in handles]
    for part, lists in enumerate(sources):
        yield candidate_pairs(lists, min_shared=plan.min_shared, part=part, parts=parts)
    probes = [text for text, flag in enumerate(plan.probed) if flag]
    for start in range(0, len(probes), PROBES):
        yield sorted(pair for text in probes[start : start + PROBES] for pair in _probe(plan, text))
    yield [(t, t, 0) for t in plan.store.shared_texts()]


def _probe(plan: Plan, text: int) -> list[tuple[int, int, int]]:
    """The candidates of one probed text, read from the store."""
    counts = plan.store.gram_counts(plan.store.fingerprint(text))
    postings = plan.store.postings(probe_grams(counts))
    return probe_pairs(
        text, counts, postings, plan.sizes, plan.probed, cap=plan.cap, min_shared=plan.min_shared
    )


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
            "the spark engine reads its inputs itself, not an open corpus",
            hint="run `retold scan --engine spark DB` or call retold.spark.scan",
        )
    if engine != "local":
        raise CorpusError(f"unknown engine {engine!r}", hint="use --engine local")
    if not 0 <= min_share <= 1:
        raise CorpusError(f"--min-share must be between 0 and 1, not {min_share}")


def _counting(
    lists: Iterator[tuple[int, list[int]]], progress: ScanProgress
) -> Iterator[tuple[int, list[int]]]:
    for n, entry in enumerate(lists, 1):
        if n % 10_000 == 0:
            progress("candidates", 10_000, None)
        yield entry


Aligner = Callable[[list[list[tuple[int, int, int]]]], Iterator[Results]]


@contextmanager
def _aligner(
    store: Store,
    min_share: float,
    common: frozenset[int],
    workers: int | None,
    check: bool = False,
    done: frozenset[tuple[str, str]] = frozenset(),
) -> Iterator[Aligner]:
    """A function aligning chunks of candidates, in order: here or in `workers` processes."""
    workers = workers if workers is not None else (os.cpu_count() or 1)

    def here(chunks: list[list[tuple[int, int, int]]]) -> Iterator[Results]:
        for chunk in chunks:
            yield align_candidates(
                store, chunk, min_share=min_share, common=common, check=check, done=done
            )

    if workers <= 1:
        yield here
        return
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("fork"),
        initializer=_start_worker,
        initargs=(store.path, min_share, common, check, done),
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
