"""Scale benchmark for corpus mode: index, trace and scan at 10k / 100k / 1M articles.

    .venv/bin/python -m benchmarks.scale --n 10000 [--n 100000] [--lsh-limit 100000]
    .venv/bin/python -m benchmarks.scale --wire      # Helsinki reprints + seed trace

Generated corpus: N articles built from BBC sentences (../shared/data/bbc). A base
article is 10-20 random BBC sentences, each with its words shuffled and a fifth of
them replaced by random BBC words, so that two base articles share no passage by
accident although every sentence is drawn from one pool; a third of base articles
end with one or two stock sentences (the same few real BBC sentences, a thousand
times over) to exercise the document-frequency cap. Then 20% of the corpus is planted
reuse of an earlier base article, with its extent recorded:

- near-duplicate: the source with 3% of words changed and one sentence dropped;
- partial copy: a run of 30-60% of the source's sentences inside a new article;
- abridgement: 40-70% of the source's sentences kept, in order.

Derived articles are dated 1-5 days after their source (10% undated). Then duplicates:

- identical reprint: 5% of the records are a word-for-word copy of an earlier record
  (base or derived) under a new id, dated later (outlets running the same copy);
- hot story: one base article in 50,000 records is reprinted by HOT_REPRINTS outlets,
  each adding a byline and a closing line of its own, so that its passages are held
  by more texts than the document-frequency cap (every pair of them is gold).

Gold pairs are (source, derived); a reported pair counts as correct when both texts
belong to one planted family (two reprints of one source share text too).

Measured in one run: index rate (one process = one core), trace p50/p95 latency (full
trace: candidates + compare with the best), trace top-1 accuracy on derived articles,
scan time, recall/precision of planted pairs, peak memory of each phase (VmHWM, each
phase in its own process), DB file size, and the candidate recall of whole-document
MinHash LSH (datasketch, Jaccard threshold 0.5, 128 permutations) on the same corpus.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing as mp
import os
import random
import re
import resource
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import data_root, read_text, table

WORK = Path(os.environ.get("RETOLD_SCALE_DIR", "/tmp/retold-scale"))
DERIVED_SHARE = 0.2
IDENTICAL_SHARE = 0.05
HOT_EVERY = 50_000  # records per hot story
HOT_REPRINTS = 120  # outlets reprinting each hot story (above the cap of 100 texts)
KINDS = ("near-duplicate", "partial", "abridgement")
ALL_KINDS = (*KINDS, "identical", "hot")


# ---------------------------------------------------------------- generator


@dataclass(frozen=True)
class Pool:
    sentences: list[list[str]]
    vocabulary: list[str]
    stock: list[str]


def load_pool() -> Pool:
    """BBC sentences as word lists, the vocabulary, and a few stock sentences."""
    sentences: list[list[str]] = []
    for path in sorted((data_root() / "bbc" / "articles").glob("*/*.txt")):
        body = read_text(path).split("\n", 1)[-1]
        for sentence in re.split(r"(?<=[.!?])\s+", body):
            tokens = sentence.split()
            if 6 <= len(tokens) <= 45:
                sentences.append(tokens)
    vocabulary = sorted({w for s in sentences for w in s})
    rng = random.Random(7)
    stock = [" ".join(s) for s in rng.sample(sentences, 8)]
    return Pool(sentences, vocabulary, stock)


def base_sentences(pool: Pool, rng: random.Random) -> list[str]:
    """10-20 BBC sentences, each shuffled with a fifth of its words replaced."""
    out = []
    for _ in range(rng.randint(10, 20)):
        words = list(rng.choice(pool.sentences))
        rng.shuffle(words)
        for i in range(len(words)):
            if rng.random() < 0.2:
                words[i] = rng.choice(pool.vocabulary)
        out.append(" ".join(words).rstrip(".") + ".")
    return out


def derive(kind: str, source: list[str], pool: Pool, rng: random.Random) -> tuple[list[str], float]:
    """A planted derivative of `source` and the share of it taken from the source."""
    if kind == "near-duplicate":
        kept = [s for i, s in enumerate(source) if i != rng.randrange(len(source))]
        edited = []
        for sentence in kept:
            words = sentence.split()
            for i in range(len(words)):
                if rng.random() < 0.03:
                    words[i] = rng.choice(pool.vocabulary)
            edited.append(" ".join(words))
        return edited, 0.97
    if kind == "partial":
        n = max(2, round(len(source) * rng.uniform(0.3, 0.6)))
        start = rng.randrange(len(source) - n + 1)
        fresh = base_sentences(pool, rng)
        cut = rng.randrange(len(fresh) + 1)
        copied = source[start : start + n]
        text = fresh[:cut] + copied + fresh[cut:]
        return text, sum(len(s.split()) for s in copied) / sum(len(s.split()) for s in text)
    keep = sorted(
        rng.sample(range(len(source)), max(2, round(len(source) * rng.uniform(0.4, 0.7))))
    )
    return [source[i] for i in keep], 1.0


def generate(n: int, path: Path, seed: int = 1) -> list[tuple[int, int, str, float]]:
    """Write N articles as JSON Lines; returns gold (source, derived, kind, extent)."""
    pool = load_pool()
    rng = random.Random(seed)
    gold: list[tuple[int, int, str, float]] = []
    bases: deque[tuple[int, list[str], int]] = deque(maxlen=5000)  # recent base articles
    recent: deque[tuple[int, str, int]] = deque(maxlen=5000)  # recent records: (i, text, day)
    hot = _hot_plan(n, rng)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            day = rng.randrange(0, 360)
            if i in hot:
                story, outlet = hot[i]
                source_index, source, source_day = hot.stories[story]
                text = f"Story {source_index}\n\nBy Outlet {outlet} staff. " + " ".join(source)
                text += f" Outlet {outlet} readers can write to desk {outlet * 7919 % 10007}."
                day = source_day + 1 + outlet % 5
                gold.append((source_index, i, "hot", 1.0))
            elif recent and i not in hot.stories and rng.random() < IDENTICAL_SHARE:
                source_index, text, source_day = rng.choice(recent)
                day = source_day + rng.randint(0, 3) if source_day >= 0 else -1
                gold.append((source_index, i, "identical", 1.0))
            else:
                if bases and i not in hot.stories and rng.random() < DERIVED_SHARE:
                    source_index, source, source_day = rng.choice(bases)
                    kind = KINDS[i % len(KINDS)]
                    sentences, extent = derive(kind, source, pool, rng)
                    gold.append((source_index, i, kind, extent))
                    day = source_day + rng.randint(1, 5) if rng.random() > 0.1 else -1
                else:
                    sentences = base_sentences(pool, rng)
                    if rng.random() < 0.33:
                        sentences += rng.sample(pool.stock, rng.randint(1, 2))
                    bases.append((i, sentences, day))
                    if i in hot.stories:
                        hot.stories[i] = (i, sentences, day)
                text = f"Story {i}\n\n" + " ".join(sentences)
                recent.append((i, text, day))
            record = {"id": f"g{i}", "text": text}
            if day >= 0:
                record["date"] = "2024-01-01T00:00:00+00:00" if day == 0 else _date(day)
            out.write(json.dumps(record) + "\n")
    return gold + _hot_siblings(gold)


class _Hot(dict[int, tuple[int, int]]):
    """Record number -> (its hot story's base record, outlet number); `stories`: base
    record -> (its number, sentences, day), filled when the base is written."""

    stories: dict[int, tuple[int, list[str], int]]


def _hot_plan(n: int, rng: random.Random) -> _Hot:
    """Where the hot stories' reprints go: after their base, spread over the next records."""
    plan = _Hot()
    plan.stories = {}
    for k in range(n // HOT_EVERY):
        base = k * HOT_EVERY + 1000  # a base record: not itself a reprint
        plan.stories[base] = (base, [], 0)
        slots = rng.sample(range(base + 1, min(n, base + HOT_EVERY // 2)), HOT_REPRINTS)
        for outlet, slot in enumerate(sorted(slots)):
            plan[slot] = (base, outlet)
    return plan


def _hot_siblings(gold: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """Every pair of reprints of one hot story is a gold pair too."""
    by_story: dict[int, list[int]] = {}
    for source, derived, kind, _ in gold:
        if kind == "hot":
            by_story.setdefault(source, []).append(derived)
    return [
        (a, b, "hot", 1.0)
        for reprints in by_story.values()
        for i, a in enumerate(reprints)
        for b in reprints[i + 1 :]
    ]


def _generate(n: int, path: Path) -> dict[str, Any]:
    return {"gold": generate(n, path)}


def _date(day: int) -> str:
    from datetime import datetime, timedelta

    return (datetime(2024, 1, 1) + timedelta(days=day, minutes=day % 97)).isoformat()


# ---------------------------------------------------------------- phases (own process)


def vm_hwm() -> int:
    """Peak resident memory of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def in_process(func: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run one phase in a forked process; its result plus its peak memory."""
    ctx = mp.get_context("fork")
    queue: Any = ctx.Queue()

    def run() -> None:
        result = func(*args)
        result["peak_mb"] = vm_hwm()
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
        if children:
            result["peak_worker_mb"] = children
        queue.put(result)

    proc = ctx.Process(target=run)
    proc.start()
    result: dict[str, Any] = queue.get()
    proc.join()
    return result


def phase_index(db: Path, jsonl: Path, workers: int) -> dict[str, Any]:
    """Index the JSON Lines file; the rate per core is articles per CPU-second (all processes)."""
    from retold.corpus.index import index_items
    from retold.corpus.readers import read_jsonl
    from retold.corpus.store import Store

    started, cpu = time.perf_counter(), _cpu()
    with Store(db) as store:
        result = index_items(store, read_jsonl(jsonl, name=jsonl.name), workers=workers)
        count = len(store)
    seconds, cpu_seconds = time.perf_counter() - started, _cpu() - cpu
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    return {
        "articles": count,
        "added": result.added,
        "index_workers": workers,
        "index_s": seconds,
        "index_rate_wall": result.read / seconds,
        "index_rate_per_cpu_s": result.read / cpu_seconds,
        "db_mb": size / 1e6,
    }


def _cpu() -> float:
    """CPU seconds of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def phase_trace(
    db: Path, jsonl: Path, gold: list[tuple[int, int, str, float]], samples: int
) -> dict[str, Any]:
    from retold import Corpus
    from retold.text.load import article_from_record

    rng = random.Random(3)
    planted = [g for g in gold if g[2] in KINDS]  # a rewrite: its source should rank first
    chosen = {d: s for s, d, _, _ in rng.sample(planted, min(samples, len(planted)))}
    root = _roots(gold)
    queries = []
    with jsonl.open(encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if i in chosen:
                queries.append((chosen[i], article_from_record(json.loads(line))))
    times, top1, candidates_only = [], 0, []
    with Corpus(db, create=False) as corpus:
        from retold.corpus.trace import find_candidates

        for source, article in queries:
            t0 = time.perf_counter()
            result = corpus.trace(article, top=5)
            times.append(time.perf_counter() - t0)
            t1 = time.perf_counter()
            find_candidates(corpus.store, article, top=5)
            candidates_only.append(time.perf_counter() - t1)
            # the first candidate with another text (a copy of the article itself is a
            # reprint of it): the source or a word-for-word copy of it counts as found
            other = [c for c in result.candidates if not getattr(c, "identical", False)]
            top1 += bool(other) and root.get(int(other[0].id[1:]), -1) == root.get(source, source)
    return {
        "trace_n": len(times),
        "trace_p50_ms": _pct(times, 50),
        "trace_p95_ms": _pct(times, 95),
        "candidates_p50_ms": _pct(candidates_only, 50),
        "candidates_p95_ms": _pct(candidates_only, 95),
        "trace_top1": top1 / max(1, len(times)),
    }


def _roots(gold: list[tuple[int, int, str, float]]) -> dict[int, int]:
    """Record -> the record it is a word-for-word copy of (itself for the others)."""
    root: dict[int, int] = {}
    for source, derived, kind, _ in gold:
        root.setdefault(source, source)
        if kind == "identical":
            root[derived] = root[source]
    return root


def _families(gold: list[tuple[int, int, str, float]]) -> dict[int, int]:
    """Record -> the base article its planted family grew from."""
    family: dict[int, int] = {}
    for source, derived, _, _ in gold:
        family.setdefault(source, source)
        family.setdefault(derived, family[source])
    return family


def _pct(values: list[float], q: int) -> float:
    ordered = sorted(values)
    return (
        1000 * ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]
        if ordered
        else 0.0
    )


def phase_scan(
    db: Path, gold: list[tuple[int, int, str, float]], pairs_path: Path
) -> dict[str, Any]:
    from retold import Corpus

    family = _families(gold)
    started, cpu = time.perf_counter(), _cpu()
    found: set[tuple[int, int]] = set()
    reported = correct = clusters = 0
    with Corpus(db, create=False) as corpus, pairs_path.open("w") as out:
        for record in corpus.scan():
            out.write(json.dumps(record) + "\n")
            if record["type"] != "pair":
                clusters += 1
                continue
            a, b = int(str(record["a"])[1:]), int(str(record["b"])[1:])
            reported += 1
            correct += a in family and family.get(a) == family.get(b)
            found.add((min(a, b), max(a, b)))
    seconds, cpu_seconds = time.perf_counter() - started, _cpu() - cpu
    recall = {kind: _recall(found, [g for g in gold if g[2] == kind]) for kind in ALL_KINDS}
    return {
        "scan_s": seconds,
        "scan_cpu_s": cpu_seconds,
        "pairs": reported,
        "clusters": clusters,
        "scan_recall": _recall(found, gold),
        "scan_precision": correct / max(1, reported),
        **{f"recall_{k}": v for k, v in recall.items()},
    }


def phase_check(db: Path, pairs_path: Path) -> dict[str, Any]:
    """`scan --check`: the same scan with compare's report in every pair record."""
    from retold import Corpus

    started, cpu = time.perf_counter(), _cpu()
    pairs = 0
    with Corpus(db, create=False) as corpus, pairs_path.open("w") as out:
        for record in corpus.scan(check=True):
            out.write(json.dumps(record) + "\n")
            pairs += record["type"] == "pair"
    return {
        "check_s": time.perf_counter() - started,
        "check_cpu_s": _cpu() - cpu,
        "check_pairs": pairs,
        "check_mb": pairs_path.stat().st_size / 1e6,
    }


def _recall(found: set[tuple[int, int]], gold: list[tuple[int, int, str, float]]) -> float:
    hits = sum((min(s, d), max(s, d)) in found for s, d, _, _ in gold)
    return hits / max(1, len(gold))


def phase_lsh(jsonl: Path, gold: list[tuple[int, int, str, float]], limit: int) -> dict[str, Any]:
    """Whole-document MinHash LSH candidates (datasketch) over word 5-gram shingles."""
    from datasketch import MinHash, MinHashLSH

    from retold.corpus.fingerprint import NGRAM, words

    started = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    signatures = {}
    with jsonl.open(encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if i >= limit:
                break
            tokens = words(json.loads(line)["text"])
            shingles = {
                " ".join(tokens[j : j + NGRAM]).encode() for j in range(len(tokens) - NGRAM + 1)
            }
            mh = MinHash(num_perm=128)
            mh.update_batch(list(shingles))
            lsh.insert(i, mh)
            signatures[i] = mh
    pairs = [g for g in gold if g[1] < limit]
    found = set()
    for source, derived, _, _ in pairs:
        if source in lsh.query(signatures[derived]):
            found.add((source, derived))
    recall = {
        kind: sum((s, d) in found for s, d, k, _ in pairs if k == kind)
        / max(1, sum(k == kind for _, _, k, _ in pairs))
        for kind in KINDS
    }
    return {
        "lsh_n": min(limit, len(signatures)),
        "lsh_s": time.perf_counter() - started,
        "lsh_recall": len(found) / max(1, len(pairs)),
        **{f"lsh_recall_{k}": v for k, v in recall.items()},
    }


# ---------------------------------------------------------------- runs


def run_scale(
    n: int, *, lsh_limit: int, trace_samples: int, workers: int, check: bool = False
) -> dict[str, Any]:
    WORK.mkdir(parents=True, exist_ok=True)
    jsonl, db = WORK / f"gen-{n}.jsonl", WORK / f"gen-{n}.db"
    for stale in WORK.glob(db.name + "*"):
        stale.unlink()
    t0 = time.perf_counter()
    gold = in_process(_generate, n, jsonl)["gold"]  # in a child: the parent stays small
    result: dict[str, Any] = {"n": n, "planted": len(gold), "generate_s": time.perf_counter() - t0}
    print(f"[{n}] generated {n:,} articles, {len(gold):,} planted pairs", file=sys.stderr)
    result.update(in_process(phase_index, db, jsonl, workers))
    result["index_peak_mb"] = result.pop("peak_mb")
    print(f"[{n}] index: {result['index_rate_per_cpu_s']:.0f}/cpu-s", file=sys.stderr)
    result.update(in_process(phase_trace, db, jsonl, gold, trace_samples))
    result["trace_peak_mb"] = result.pop("peak_mb")
    print(f"[{n}] trace p95 {result['trace_p95_ms']:.1f} ms", file=sys.stderr)
    result.update(in_process(phase_scan, db, gold, WORK / f"gen-{n}.pairs.jsonl"))
    result["scan_peak_mb"] = result.pop("peak_mb")
    result["scan_worker_peak_mb"] = result.pop("peak_worker_mb", 0)
    print(
        f"[{n}] scan {result['scan_s']:.0f} s recall {result['scan_recall']:.3f}", file=sys.stderr
    )
    if check:
        result.update(in_process(phase_check, db, WORK / f"gen-{n}.checked.jsonl"))
        result["check_peak_mb"] = result.pop("peak_mb")
        result.pop("peak_worker_mb", None)
        extra = result["check_s"] - result["scan_s"]
        result["check_ms_per_pair"] = 1000 * extra / max(1, result["check_pairs"])
        result["check_cpu_ms_per_pair"] = (
            1000 * (result["check_cpu_s"] - result["scan_cpu_s"]) / max(1, result["check_pairs"])
        )
        print(f"[{n}] check {result['check_s']:.0f} s", file=sys.stderr)
    print(json.dumps(result), file=sys.stderr)  # partial results, in case LSH is cut short
    if lsh_limit:
        result.update(in_process(phase_lsh, jsonl, gold, min(n, lsh_limit)))
        result["lsh_peak_mb"] = result.pop("peak_mb")
    return result


def helsinki_articles() -> Iterator[Any]:
    from retold.text.article import Article

    path = data_root() / "wire-reprints" / "data" / "helsinki_articles.csv"
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = row["text"].replace(" ### ", "\n\n")
            if text.strip():
                yield Article(
                    text, id=row["id"], date=row["scrape_time"], publisher=row["publisher"]
                )


def run_wire(spot: int = 20) -> dict[str, Any]:
    """Scan the Helsinki reprints; print clusters and pairs to spot-check (not saved)."""
    from retold import Corpus

    WORK.mkdir(parents=True, exist_ok=True)
    db = WORK / "helsinki.db"
    for stale in WORK.glob(db.name + "*"):
        stale.unlink()
    with Corpus(db) as corpus:
        corpus.add(helsinki_articles())
        publisher = {a.id: a.publisher for a in helsinki_articles()}
        texts = {a.id: a.text for a in helsinki_articles()}
        t0 = time.perf_counter()
        records = list(corpus.scan())
        seconds = time.perf_counter() - t0
        count = len(corpus)
    pairs = [r for r in records if r["type"] == "pair"]
    clusters = [r for r in records if r["type"] == "cluster"]
    sizes = [len(c["members"]) for c in clusters]
    silver = _silver()
    found = {frozenset((str(p["a"]), str(p["b"]))) for p in pairs}
    strong = [k for k, c in silver.items() if c >= 0.5]
    rng = random.Random(11)
    for p in rng.sample(pairs, min(spot, len(pairs))):
        a, b = str(p["a"]), str(p["b"])
        span = p["passages"][0] if p["passages"] else None
        print(
            f"\n{a} ({publisher[a]}) -> {b} ({publisher[b]}): share_a {p['share_a']}, share_b {p['share_b']}, "
            f"{len(p['passages'])} passages, direction {p['direction']}",
            file=sys.stderr,
        )
        print(f"  a: {texts[a][:160]!r}\n  b: {texts[b][:160]!r}", file=sys.stderr)
        if span:
            print(
                f"  first passage: {texts[a][span['a_start'] : span['a_end']][:200]!r}",
                file=sys.stderr,
            )
    for c in clusters[:12]:
        print(
            f"cluster {len(c['members'])}: original {c['original']} ({publisher[c['original']]}); "
            f"publishers {sorted({publisher[m] for m in c['members']})[:8]}",
            file=sys.stderr,
        )
    return {
        "articles": count,
        "scan_s": seconds,
        "pairs": len(pairs),
        "clusters": len(clusters),
        "cluster_sizes": sorted(sizes, reverse=True),
        "silver_recall_containment_ge_0.5": sum(k in found for k in strong) / max(1, len(strong)),
        "silver_recall_all": sum(k in found for k in silver) / max(1, len(silver)),
    }


def _silver() -> dict[frozenset[str], float]:
    path = data_root() / "wire-reprints" / "silver_pairs.tsv"
    pairs: dict[frozenset[str], float] = {}
    with path.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        for line in handle:
            row = dict(zip(header, line.rstrip("\n").split("\t"), strict=False))
            if row.get("set") == "helsinki":
                ids = [v for k, v in row.items() if k.endswith("id") or k.startswith("id")]
                pairs[frozenset(ids[:2])] = float(row.get("containment_5gram", 0))
    return pairs


def run_seed(rewrites: int = 60) -> dict[str, Any]:
    """Index the BBC corpus plus the seed wire story; trace the seed rewrite and
    hand-made rewrites of BBC articles (abridged, reworded, stitched from two)."""
    from retold import Corpus
    from retold.text.load import load_article

    db = WORK / "bbc-seed.db"
    for stale in WORK.glob(db.name + "*"):
        stale.unlink()
    seeds = data_root() / "seeds"
    with Corpus(db) as corpus:
        corpus.add_files([str(data_root() / "bbc" / "articles")])
        corpus.add(load_article(str(seeds / "000_02691b3fd0faab64.txt")))
        corpus.trace("warm up the compare step once", top=1)
        t0 = time.perf_counter()
        result = corpus.trace(load_article(str(seeds / "002_8e73b33f3fc56d4c.txt")), top=5)
        seconds = time.perf_counter() - t0
        size = len(corpus)
        bbc = _bbc_rewrites(corpus, rewrites)
    best = result.candidates[0] if result.candidates else None
    return {
        "corpus": size,
        "first": best.id if best else None,
        "share_of_article": best.share_of_article if best else 0,
        "share_of_candidate": best.share_of_candidate if best else 0,
        "verdict": result.report.verdict if result.report else None,
        "trace_ms": seconds * 1000,
        "candidates": [(c.id, round(c.share_of_article, 3)) for c in result.candidates],
        "bbc_rewrites": bbc,
    }


def _bbc_rewrites(corpus: Any, count: int) -> dict[str, float]:
    """Top-1 (top-2 for stitched) accuracy of trace on rewrites of BBC articles."""
    root = data_root() / "bbc"
    overlapping = set()
    for line in (root / "near_duplicates.tsv").read_text().splitlines()[1:]:
        a, b = line.split("\t")[:2]
        overlapping.update((a.removeprefix("bbc/"), b.removeprefix("bbc/")))
    paths = sorted(p for p in (root / "articles").glob("*/*.txt"))
    ids = [p.relative_to(root / "articles").as_posix() for p in paths]
    clean = [i for i in ids if i not in overlapping]
    rng = random.Random(5)
    hits: dict[str, int] = {"abridged": 0, "reworded": 0, "stitched": 0}
    vocabulary = ["reportedly", "officials", "new", "major", "local", "recent", "key"]
    for _ in range(count):
        a, b = rng.sample(clean, 2)
        sa = _sentences(root / "articles" / a)
        sb = _sentences(root / "articles" / b)
        abridged = " ".join(sa[::2])
        words = " ".join(sa).split()
        reworded = " ".join(
            rng.choice(vocabulary) if k % 6 == 5 else w for k, w in enumerate(words)
        )
        stitched = " ".join(sa[: len(sa) // 2] + sb[len(sb) // 2 :])
        for kind, text in (("abridged", abridged), ("reworded", reworded)):
            found = corpus.trace(text, top=3).candidates
            hits[kind] += bool(found) and found[0].id == a
        found = corpus.trace(stitched, top=3).candidates
        hits["stitched"] += {a, b} <= {c.id for c in found[:2]}
    return {kind: n / count for kind, n in hits.items()}


def _sentences(path: Path) -> list[str]:
    body = read_text(path).split("\n", 1)[-1]
    return [s for s in re.split(r"(?<=[.!?])\s+", body.strip()) if s]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument(
        "--lsh-limit",
        type=int,
        default=100_000,
        help="MinHash LSH on at most this many articles (0: skip)",
    )
    parser.add_argument("--trace-samples", type=int, default=300)
    parser.add_argument("--workers", type=int, default=1, help="fingerprinting processes for index")
    parser.add_argument("--wire", action="store_true", help="Helsinki reprints scan and seed trace")
    parser.add_argument("--check", action="store_true", help="also time scan --check")
    args = parser.parse_args()
    results = []
    for n in args.n or []:
        results.append(
            run_scale(
                n,
                lsh_limit=args.lsh_limit,
                trace_samples=args.trace_samples,
                workers=args.workers,
                check=args.check,
            )
        )
        print(json.dumps(results[-1], indent=1))
    if results:
        keys = [k for k in results[0] if k != "n"]
        print(
            table(
                ["measure", *[f"{r['n']:,}" for r in results]],
                [[k, *[_fmt(r.get(k)) for r in results]] for k in keys],
            )
        )
    if args.wire:
        print(json.dumps({"helsinki": run_wire(), "seed": run_seed()}, indent=1))


def _fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


if __name__ == "__main__":
    main()
