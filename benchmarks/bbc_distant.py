"""Build `gold/bbc_distant.tsv`: BBC News pairs that overlap less than any earlier BBC
slice (the `bbc-distant` slice of `silver_audit.py`): stories that reuse one background
paragraph or one quotation of an earlier story.

The rules are those of `bbc_followups.py` (its `build`, with its containment, its
near-duplicate exclusion and its direction rule) with other bounds. A pair is taken when:

- its 5-gram containment is below 0.05, both articles in one category;
- the two share a verbatim run of at least 15 words;
- neither article exactly duplicates another (only the first of each duplicate group is
  used), and the pair is in none of `near_duplicates.tsv`, `gold/bbc_pairs.tsv` and
  `gold/bbc_followups.tsv`, in either order, each article read as the file it duplicates;
- neither article is already in 2 pairs: taken greedily from the longest shared run
  (then the highest containment, then by key), the first 150.

The direction is a judgment made by reading both texts: the derived article is the one
reporting a later stage of the story; if that cannot be told, the longer one is the
source. The reason is in the `why` column; rebuilding keeps it. Only ids are stored.

    .venv/bin/python -m benchmarks.bbc_distant    # rewrites gold/bbc_distant.tsv
"""

from __future__ import annotations

import csv
from pathlib import Path

from benchmarks import bbc_followups
from benchmarks.bbc_pairs import PATH as BBC_PAIRS
from benchmarks.bbc_pairs import _manifest
from benchmarks.common import ROOT

PATH = ROOT / "benchmarks" / "gold" / "bbc_distant.tsv"
HIGH, MIN_RUN, PER_ARTICLE, PAIRS = 0.05, 15, 2, 150


def _earlier_pairs() -> frozenset[frozenset[str]]:
    """The pairs of the earlier BBC slices, each article read as the file it duplicates."""
    canon, _ = _manifest()
    out = set()
    for path in (BBC_PAIRS, bbc_followups.PATH):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                out.add(frozenset((canon[row["source"]], canon[row["derived"]])))
    return frozenset(out)


def build(path: Path = PATH) -> list[dict[str, str]]:
    return bbc_followups.build(
        path,
        low=0.0,
        high=HIGH,
        min_run=MIN_RUN,
        per_article=PER_ARTICLE,
        limit=PAIRS,
        by_run=True,
        exclude=_earlier_pairs(),
    )


def main() -> None:
    bbc_followups.write(build(), PATH)


if __name__ == "__main__":
    main()
