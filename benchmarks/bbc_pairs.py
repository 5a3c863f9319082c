"""Build `gold/bbc_pairs.tsv`: the near-duplicate pairs inside the BBC News corpus
(`../shared/data/bbc/near_duplicates.tsv`, 244 pairs with 5-gram containment at least
0.2) as source -> derived pairs for the `bbc-revisions` and `bbc-copies` slices of
`silver_audit.py`.

- kind `copy`: Jaccard at least 0.99 (108 pairs: 100 exact duplicates after whitespace
  normalisation, 8 near-exact). The file `manifest.tsv` calls the original is the
  source; for the near-exact ones the longer text (in words), then the first listed.
- kind `revision` (Jaccard 0.5 to 0.99: revised versions of one story) and `overlap`
  (below 0.5: different stories sharing passages, updates and follow-ups). A pair is
  dropped when, with each article replaced by the earlier file it exactly duplicates
  (`manifest.tsv` column 6), it is a pair already listed: the same two texts again,
  so a copy of a pair, not a new one (8 pairs: 1 revision, 7 overlap).

The direction of a revision or overlap pair is a judgment made by reading both texts
(BBC files carry no dates): the derived article is the one whose extra material reads
as a later update (a later stage of the story, a reaction added, a result reported);
if that cannot be told, the longer one is the source. The reason is in the `why`
column. Rebuilding keeps the direction and reason of every pair already in the file;
a new pair gets the longer text as source and `why` "undecided". Only ids are stored.

    .venv/bin/python -m benchmarks.bbc_pairs    # rewrites gold/bbc_pairs.tsv
"""

from __future__ import annotations

import csv
from pathlib import Path

from benchmarks import bbc
from benchmarks.common import ROOT, data_root

PATH = ROOT / "benchmarks" / "gold" / "bbc_pairs.tsv"
COPY, REVISION = 0.99, 0.5
HEAD = ["source", "derived", "jaccard", "containment", "kind", "why"]


def _manifest() -> tuple[dict[str, str], dict[str, int]]:
    """key -> the key it exactly duplicates (itself when none), key -> words."""
    canon, words = {}, {}
    with (data_root() / "bbc" / "manifest.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            key = bbc.key_of(row["path"])
            dup = row["exact_duplicate_of(whitespace-normalised)"]
            canon[key] = bbc.key_of(dup) if dup else key
            words[key] = int(row["words"])
    return canon, words


def _kept(path: Path) -> dict[frozenset[str], dict[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {frozenset((r["source"], r["derived"])): r for r in rows}


def build(path: Path = PATH) -> list[dict[str, str]]:
    canon, words = _manifest()
    kept = _kept(path)
    seen: set[frozenset[str]] = set()
    out = []
    with (data_root() / "bbc" / "near_duplicates.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            a, b = bbc.key_of(row["doc_a"]), bbc.key_of(row["doc_b"])
            jaccard = float(row["jaccard_5gram"])
            kind = "copy" if jaccard >= COPY else "revision" if jaccard >= REVISION else "overlap"
            if kind == "copy":
                if canon[a] == b or (canon[b] != a and words[b] > words[a]):
                    a, b = b, a
                why = "exact duplicate" if canon[a] == canon[b] else "near-exact copy"
            else:
                texts = frozenset((canon[a], canon[b]))
                if texts in seen:
                    continue  # the same two texts as a pair already listed
                seen.add(texts)
                if words[b] > words[a]:
                    a, b = b, a
                why = "undecided"
                old = kept.get(frozenset((a, b)))
                if old:
                    a, b, why = old["source"], old["derived"], old["why"]
            out.append(
                {
                    "source": a,
                    "derived": b,
                    "jaccard": row["jaccard_5gram"],
                    "containment": row["containment_5gram"],
                    "kind": kind,
                    "why": why,
                }
            )
    return out


def write(rows: list[dict[str, str]], path: Path = PATH, head: list[str] | None = None) -> None:
    """Write a BBC pair file (ids only), the columns `head` (by default this file's)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, head or HEAD, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} pairs -> {path.relative_to(ROOT)}")


def main() -> None:
    write(build())


if __name__ == "__main__":
    main()
