"""Reprints benchmark: does `index` + `scan` keep every record and find every strong pair?

    .venv/bin/python -m benchmarks.reprints              # Helsinki set, default settings
    .venv/bin/python -m benchmarks.reprints --stress     # also with low document-frequency caps
    .venv/bin/python -m benchmarks.reprints --check      # also scan --check and its cost

Data: `../shared/data/wire-reprints/data/helsinki_articles.csv` (612 articles from 75
outlets about one event; third-party text, written only to a temporary directory).

The truth is computed here, independently of retold: a plain regex tokenizer (runs of
letters and digits, inner apostrophes kept, lower-cased), every word 5-gram (no
sampling), and for each pair of articles the containment of the smaller's 5-gram set
in the other's. A *strong pair* holds at least 60% of the smaller's 5-grams; identical
pairs (same text, spaces aside) are strong pairs too. Then the articles are written as
JSON Lines, indexed and scanned with retold's library at default settings; a strong
pair is found when the scan reports it (either order). Reported: records in and
articles out, recall of strong pairs (all, identical, other), the clusters with their
likely original and the outlets in them, and timings.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from benchmarks.common import data_root

STRONG = 0.6
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
WIRES = (("AP", re.compile(r"\(AP\)|Associated Press")), ("Reuters", re.compile(r"Reuters")))


def load() -> list[dict[str, str]]:
    """The Helsinki articles as records: id, text (paragraphs split), date, publisher."""
    csv.field_size_limit(10**9)
    path = data_root() / "wire-reprints" / "data" / "helsinki_articles.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {
                "id": row["id"],
                "text": row["text"].replace(" ### ", "\n\n"),
                "date": row["scrape_time"],
                "publisher": row["publisher"],
            }
            for row in csv.DictReader(handle)
        ]


def five_grams(text: str) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {" ".join(words[i : i + 5]) for i in range(len(words) - 4)}


def strong_pairs(records: list[dict[str, str]]) -> dict[frozenset[str], bool]:
    """Strong pairs (ids) -> identical?, by 5-gram containment of the smaller text."""
    grams = {r["id"]: five_grams(r["text"]) for r in records}
    same = {r["id"]: " ".join(r["text"].split()) for r in records}
    index: defaultdict[str, list[str]] = defaultdict(list)
    for ident, found in grams.items():
        for gram in found:
            index[gram].append(ident)
    shared: Counter[tuple[str, str]] = Counter()
    for ids in index.values():
        shared.update(itertools.combinations(sorted(ids), 2))
    strong = {
        frozenset(pair): same[pair[0]] == same[pair[1]]
        for pair, n in shared.items()
        if n >= STRONG * max(1, min(len(grams[pair[0]]), len(grams[pair[1]])))
    }
    # identical texts too short for a 5-gram are still identical reprints
    by_text: defaultdict[str, list[str]] = defaultdict(list)
    for ident, text in same.items():
        by_text[text].append(ident)
    for ids in by_text.values():
        for a, b in itertools.combinations(ids, 2):
            strong[frozenset((a, b))] = True
    return strong


def run(
    records: list[dict[str, str]],
    *,
    max_df: int | None = None,
    check: bool = False,
    workers: int = 2,
) -> dict[str, Any]:
    """Index and scan the records in a temporary directory; the figures."""
    from retold import Corpus
    from retold.corpus.index import index_items
    from retold.corpus.readers import read_jsonl

    with tempfile.TemporaryDirectory(prefix="retold-reprints-") as tmp:
        jsonl, db = Path(tmp) / "helsinki.jsonl", Path(tmp) / "helsinki.db"
        jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        with Corpus(db) as corpus:
            t0 = time.perf_counter()
            indexed = index_items(corpus.store, read_jsonl(jsonl, name=jsonl.name))
            index_s = time.perf_counter() - t0
            stats = corpus.stats()
            options: dict[str, Any] = {"workers": workers, "check": check}
            if max_df is not None:
                options["max_df"] = max_df
            t1 = time.perf_counter()
            found = list(corpus.scan(**options))
            scan_s = time.perf_counter() - t1
    pairs = [r for r in found if r["type"] == "pair"]
    return {
        "records_in": len(records),
        "articles_out": stats["articles"],
        "distinct_texts": stats["distinct_texts"],
        "already_stored": indexed.duplicates,
        "index_s": index_s,
        "scan_s": scan_s,
        "pairs": pairs,
        "clusters": [r for r in found if r["type"] == "cluster"],
    }


def recall(strong: dict[frozenset[str], bool], pairs: list[dict[str, Any]]) -> dict[str, Any]:
    reported = {frozenset((str(p["a"]), str(p["b"]))) for p in pairs}
    identical = [k for k, same in strong.items() if same]
    other = [k for k, same in strong.items() if not same]
    missed = [sorted(k) for k in strong if k not in reported]
    return {
        "strong_pairs": len(strong),
        "recall": sum(k in reported for k in strong) / max(1, len(strong)),
        "identical_pairs": len(identical),
        "recall_identical": sum(k in reported for k in identical) / max(1, len(identical)),
        "other_pairs": len(other),
        "recall_other": sum(k in reported for k in other) / max(1, len(other)),
        "missed": missed[:20],
    }


def describe(clusters: list[dict[str, Any]], records: list[dict[str, str]]) -> list[str]:
    """One line a cluster: size, the original (id, outlet, wire marker), its outlets."""
    by_id = {r["id"]: r for r in records}
    lines = []
    for c in clusters:
        original = by_id[str(c["original"])]
        wire = next((name for name, mark in WIRES if mark.search(original["text"])), "-")
        outlets = Counter(by_id[str(m)]["publisher"] for m in c["members"])
        top = ", ".join(f"{p} {n}" if n > 1 else p for p, n in outlets.most_common(6))
        more = f" and {len(outlets) - 6} more" if len(outlets) > 6 else ""
        lines.append(
            f"| {c['size']} | {original['id']} | {original['publisher']} | {original['date'][:16]}"
            f" | {wire} | {len(outlets)}: {top}{more} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stress", action="store_true", help="also at caps of 10 and 5 texts")
    parser.add_argument("--check", action="store_true", help="also scan --check, timed")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    records = load()
    t0 = time.perf_counter()
    strong = strong_pairs(records)
    truth_s = time.perf_counter() - t0
    result = run(records, workers=args.workers)
    figures = recall(strong, result["pairs"])
    print(f"independent 5-gram count: {truth_s:.1f} s")
    print(
        f"records in {result['records_in']}, articles out {result['articles_out']}"
        f" ({result['distinct_texts']} distinct texts, {result['already_stored']} dropped)"
    )
    print(
        f"index {result['index_s']:.1f} s, scan {result['scan_s']:.1f} s (workers {args.workers})"
    )
    print(f"pairs reported {len(result['pairs'])}, clusters {len(result['clusters'])}")
    print(json.dumps(figures, indent=1))
    print("\n| size | original | outlet | date | wire | outlets in the cluster |")
    print("|---:|---|---|---|---|---|")
    print("\n".join(describe(result["clusters"][:12], records)))
    if args.stress:
        for cap in (10, 5):
            stressed = run(records, max_df=cap, workers=args.workers)
            r = recall(strong, stressed["pairs"])
            print(
                f"cap {cap}: recall {r['recall']:.4f} (other {r['recall_other']:.4f}),"
                f" scan {stressed['scan_s']:.1f} s, pairs {len(stressed['pairs'])}"
            )
    if args.check:
        checked = run(records, check=True, workers=args.workers)
        n = len(checked["pairs"])
        print(
            f"scan --check: {checked['scan_s']:.1f} s for {n} pairs"
            f" ({(checked['scan_s'] - result['scan_s']) / max(1, n) * 1000:.1f} ms a pair"
            f" over the plain scan, {args.workers} workers)"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
