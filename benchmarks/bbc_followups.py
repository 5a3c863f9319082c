"""Build `gold/bbc_followups.tsv`: BBC News pairs that overlap less than the
near-duplicates (the `bbc-followups` slice of `silver_audit.py`): follow-up stories and
updates that reuse one or a few paragraphs of an earlier story.

`near_duplicates.tsv` (`../shared/data/bbc`) lists every pair with word 5-gram
containment at least 0.2, and `bbc_pairs.py` uses all of them. Containment here is
computed as that file does: the text lowercased, words as runs of `\\w`, the set of
5-grams of each file (title included), shared 5-grams over the smaller set. (Those
rules give all 244 listed values to within 0.008, 214 of them exactly.) A pair is taken
when:

- its containment is at least 0.05 and below 0.2, both articles in one category;
- the two share a verbatim run of at least 12 words (so a shared name string or stock
  phrase is not enough);
- neither article exactly duplicates another (`manifest.tsv` column 6: only the first
  of each duplicate group is used), so no pair is counted twice; and the pair is not in
  `near_duplicates.tsv` in either order, with each article read as the file it
  duplicates;
- neither article is already in 3 pairs: taken greedily from the highest containment
  (then by key), the first 150 (151 qualify; the one left out is the lowest).

The direction is a judgment made by reading both texts, as in `bbc_pairs.py`: the
derived article is the one whose extra material reads as a later development; if that
cannot be told, the longer one is the source. The reason is in the `why` column, and
rebuilding keeps the direction and reason of every pair already in the file; a new pair
gets the longer text as source and `why` "undecided". Only ids are stored.

    .venv/bin/python -m benchmarks.bbc_followups    # rewrites gold/bbc_followups.tsv
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

from benchmarks import bbc, bbc_pairs
from benchmarks.bbc_pairs import _kept, _manifest
from benchmarks.common import ROOT, data_root
from benchmarks.fresh2_pairs import _longest_run, shared_grams

PATH = ROOT / "benchmarks" / "gold" / "bbc_followups.tsv"
LOW, HIGH = 0.05, 0.2
MIN_RUN, PER_ARTICLE, PAIRS = 12, 3, 150
HEAD = ["source", "derived", "containment", "shared_run", "why"]
_TOKEN = re.compile(r"\w+")


def _words(key: str) -> list[str]:
    return _TOKEN.findall(bbc.path(key).read_bytes().decode("utf-8", "replace").lower())


def _near_duplicates(canon: dict[str, str]) -> set[frozenset[str]]:
    """The pairs of `near_duplicates.tsv`, each article read as the file it duplicates."""
    out = set()
    with (data_root() / "bbc" / "near_duplicates.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            a, b = bbc.key_of(row["doc_a"]), bbc.key_of(row["doc_b"])
            out.add(frozenset((canon[a], canon[b])))
    return out


def _category(key: str) -> str:
    return key[len(bbc.PREFIX) :].partition("/")[0]


def build(
    path: Path = PATH,
    *,
    low: float = LOW,
    high: float = HIGH,
    min_run: int = MIN_RUN,
    per_article: int = PER_ARTICLE,
    limit: int = PAIRS,
    by_run: bool = False,
    exclude: frozenset[frozenset[str]] = frozenset(),
) -> list[dict[str, str]]:
    """The pairs of one category with containment in [low, high) sharing a verbatim run
    of at least `min_run` words, in no near-duplicate pair nor in `exclude`, taken
    greedily (highest containment first, or with `by_run` longest shared run first) with
    at most `per_article` pairs per article, up to `limit`."""
    canon, _ = _manifest()
    near = _near_duplicates(canon) | exclude
    kept = _kept(path)
    keys = sorted(k for k, c in canon.items() if k == c)
    words = {k: _words(k) for k in keys}
    grams, shared = shared_grams(words)
    candidates = []
    for (a, b), n in shared.items():
        if n < min_run - 4:
            continue  # a run of min_run words is min_run - 4 shared 5-grams
        containment = n / min(len(grams[a]), len(grams[b]))
        if not low <= containment < high or _category(a) != _category(b):
            continue
        if frozenset((a, b)) in near:
            continue
        run = max(_longest_run(words[a], words[b]), _longest_run(words[b], words[a]))
        if run >= min_run:
            candidates.append((containment, run, a, b))
    if by_run:
        candidates.sort(key=lambda c: (-c[1], -c[0], c[2], c[3]))
    else:
        candidates.sort(key=lambda c: (-c[0], c[2], c[3]))
    used: Counter[str] = Counter()
    out: list[dict[str, str]] = []
    for containment, run, a, b in candidates:
        if len(out) == limit:
            break
        if used[a] >= per_article or used[b] >= per_article:
            continue
        used[a] += 1
        used[b] += 1
        source, derived = (a, b) if len(words[a]) >= len(words[b]) else (b, a)
        why = "undecided"
        old = kept.get(frozenset((a, b)))
        if old:
            source, derived, why = old["source"], old["derived"], old["why"]
        out.append(
            {
                "source": source,
                "derived": derived,
                "containment": f"{containment:.3f}",
                "shared_run": str(run),
                "why": why,
            }
        )
    return out


def write(rows: list[dict[str, str]], path: Path = PATH) -> None:
    bbc_pairs.write(rows, path, HEAD)


def main() -> None:
    write(build())


if __name__ == "__main__":
    main()
