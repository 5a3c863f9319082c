"""Lay the rewrite and its source(s) side by side, each text whole and in its own order.

Like a side-by-side diff: every sentence of every text appears exactly once, in order, and a
derived sentence shares a row with the source sentences it comes from whenever the order
allows. The longest run of derived sentences whose sources go forward in step (a longest
non-decreasing subsequence) anchors the rows; source sentences skipped on the way (dropped
ones, or ones the rewrite moves) get a row of their own at their place in the source, and a
derived sentence taken from out of order sits in a row of its own and links to its source.
Each source is a column with its own anchors, so a second source is one more column.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass
class Row:
    derived: list[int] = field(default_factory=list)
    sources: list[list[int]] = field(default_factory=list)  # one list per source column
    anchored: bool = False  # the derived sentences here sit beside their source


def _longest_in_step(anchors: Sequence[tuple[int, int]]) -> set[int]:
    """Derived indices of the longest subsequence whose anchors never go back."""
    tails: list[int] = []  # smallest anchor ending a run of each length
    ends: list[int] = []  # position in `anchors` of that run's end
    back: list[int] = []
    for pos, (_, anchor) in enumerate(anchors):
        at = bisect_right(tails, anchor)
        back.append(ends[at - 1] if at else -1)
        if at == len(tails):
            tails.append(anchor)
            ends.append(pos)
        else:
            tails[at], ends[at] = anchor, pos
    kept: set[int] = set()
    pos = ends[-1] if ends else -1
    while pos >= 0:
        kept.add(anchors[pos][0])
        pos = back[pos]
    return kept


def _runs(links: Mapping[int, Sequence[int]], size: int) -> dict[int, range]:
    """Derived index -> the contiguous run of source sentences it sits beside."""
    anchors: list[tuple[int, int]] = []
    firsts: dict[int, set[int]] = {}
    for d in sorted(links):
        used = {j for j in links[d] if 0 <= j < size}
        if used:
            anchors.append((d, min(used)))
            firsts[d] = used
    runs: dict[int, range] = {}
    for d in _longest_in_step(anchors):
        first = last = min(firsts[d])
        while last + 1 in firsts[d]:
            last += 1
        runs[d] = range(first, last + 1)
    return runs


def align_rows(
    derived_count: int, links: Sequence[Mapping[int, Sequence[int]]], source_sizes: Sequence[int]
) -> list[Row]:
    """Rows for `derived_count` derived sentences beside len(source_sizes) sources.

    `links[k][d]` lists the sentences of source k that derived sentence d comes from.
    """
    columns = len(source_sizes)
    runs = [_runs(links[k], source_sizes[k]) for k in range(columns)]
    placed = [0] * columns  # next source sentence not yet shown, per column
    rows: list[Row] = []

    def new_row(anchored: bool) -> Row:
        rows.append(Row(sources=[[] for _ in range(columns)], anchored=anchored))
        return rows[-1]

    for d in range(derived_count):
        here = {k: runs[k][d] for k in range(columns) if d in runs[k]}
        if not here:
            row = rows[-1] if rows and not rows[-1].anchored and rows[-1].derived else None
            (row or new_row(False)).derived.append(d)
            continue
        skipped = {k: range(placed[k], run.start) for k, run in here.items()}
        if any(skipped.values()):
            gap = new_row(False)
            for k, gone in skipped.items():
                gap.sources[k].extend(gone)
        beside = {k: range(max(placed[k], run.start), run.stop) for k, run in here.items()}
        # A sentence split in two: both halves sit beside the one source sentence.
        split = not any(beside.values()) and rows and rows[-1].anchored
        row = rows[-1] if split else new_row(True)
        row.derived.append(d)
        for k, run in beside.items():
            row.sources[k].extend(run)
            placed[k] = max(placed[k], run.stop)
    rest = [list(range(placed[k], source_sizes[k])) for k in range(columns)]
    if any(rest):
        new_row(False).sources[:] = rest
    return rows
