"""Recall on the BBC revisions: the real changes recorded by hand on 20 `bbc-revisions`
pairs (`gold/bbc_changes.jsonl`: ids, offsets, short reasons) against the flags of the
current code, scored as `fresh3_recall.py` scores its gold (a change counts as found
when a flag's derived span overlaps it).

The 20 pairs are every third revision pair (Jaccard 0.5 to 0.99) of `gold/bbc_pairs.tsv`
in file order, starting with the first, and their gold was written and committed before
retold was run on any BBC pair (c6a53bc). Changes marked `minor` (quote wording changed,
meaning kept; a borderline overstatement) and `update` (a later version reporting a
later figure or a development: a real difference from the source text, but no
distortion) are counted apart.

    .venv/bin/python -m benchmarks.bbc_recall [--show]
"""

from __future__ import annotations

from benchmarks import fresh3_recall
from benchmarks.common import ROOT

GOLD = ROOT / "benchmarks" / "gold" / "bbc_changes.jsonl"


if __name__ == "__main__":
    fresh3_recall.main(GOLD)
