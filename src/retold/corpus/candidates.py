"""The candidate step of `scan`: a self-join on rare shared n-grams, in bounded memory.

Each inverted list (the articles sharing one rare n-gram) gives every pair of its
articles a vote; pairs with at least `min_shared` votes are candidates. The votes are
what grows with the amount of reuse in a corpus, so they are counted one partition at
a time: partition `part` of `parts` holds the pairs whose first (smaller) article key
is `part` modulo `parts`. The number of partitions comes from the total number of
votes, counted while the inverted lists are streamed once from the store into a
temporary file (`spill`); `split` then copies each list into the file of every
partition it votes in, and each partition reads its own file (`unspill`).

`candidate_pairs` and `partitions` are pure functions over plain values: a Spark job
can shuffle the votes by the same key and call them unchanged.
"""

from __future__ import annotations

import marshal
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO

MIN_SHARED = 2  # sampled n-grams two articles must share to be aligned
PARTITION_VOTES = 100_000  # votes counted at once (~200 bytes each with the candidates)
MAX_PARTITIONS = 256  # files open at once; past 25M votes partitions grow instead
_BLOCK = 10_000  # inverted lists per block of the spill file
_PART_BLOCK = 1_000  # ...and per block of a partition's file (one buffer a partition)
_SHIFT = 32  # a pair (a, b) is counted under the one int a << 32 | b (no tuple per pair)


def votes(docs: Sequence[int]) -> int:
    """Pairs one inverted list votes for."""
    return len(docs) * (len(docs) - 1) // 2


def partitions(total_votes: int, *, per_partition: int = PARTITION_VOTES) -> int:
    """How many partitions keep each one's votes under `per_partition` (at most 256)."""
    return min(MAX_PARTITIONS, max(1, -(-total_votes // per_partition)))


def candidate_pairs(
    groups: Iterable[Sequence[int]],
    *,
    min_shared: int = MIN_SHARED,
    part: int = 0,
    parts: int = 1,
) -> list[tuple[int, int, int]]:
    """(a, b, shared n-grams) for pairs sharing at least `min_shared` rare n-grams, a < b.

    Only the pairs of partition `part` (a % parts == part); the partitions of one
    `parts` together give every pair once.
    """
    if not 0 <= part < parts:
        raise ValueError(f"part must be in 0..{parts - 1}, not {part}")
    counts: defaultdict[int, int] = defaultdict(int)
    for group in groups:
        docs = sorted(group)
        for i, a in enumerate(docs):
            if a % parts == part:
                high = a << _SHIFT
                for b in docs[i + 1 :]:
                    counts[high | b] += 1
    mask = (1 << _SHIFT) - 1
    return sorted((key >> _SHIFT, key & mask, n) for key, n in counts.items() if n >= min_shared)


def spill(groups: Iterable[list[int]], handle: BinaryIO) -> int:
    """Write the inverted lists to `handle` in blocks; returns their total votes."""
    total = 0
    block: list[list[int]] = []
    for docs in groups:
        block.append(docs)
        total += votes(docs)
        if len(block) >= _BLOCK:
            marshal.dump(block, handle)
            block = []
    if block:
        marshal.dump(block, handle)
    return total


def split(groups: Iterable[list[int]], handles: Sequence[BinaryIO]) -> None:
    """Write each inverted list to the file of every partition it votes in.

    Partition p of len(handles) gets the lists with a member other than the largest
    that is p modulo len(handles), so a partition reads only its own lists.
    """
    parts = len(handles)
    blocks: list[list[list[int]]] = [[] for _ in handles]
    for docs in groups:
        for part in {d % parts for d in sorted(docs)[:-1]}:
            blocks[part].append(docs)
            if len(blocks[part]) >= _PART_BLOCK:
                marshal.dump(blocks[part], handles[part])
                blocks[part] = []
    for block, handle in zip(blocks, handles, strict=True):
        if block:
            marshal.dump(block, handle)


def unspill(handle: BinaryIO) -> Iterator[list[int]]:
    """The inverted lists written by `spill` or `split`, one block in memory at a time."""
    handle.seek(0)
    while True:
        try:
            block = marshal.load(handle)
        except EOFError:
            return
        yield from block
