"""The candidate step of `scan`: a self-join on shared n-grams, in bounded memory.

The units are distinct texts (identical reprints share one), so an n-gram's document
frequency counts texts.

1. Rare n-grams (held by at most `cap` texts): each inverted list gives every pair of
   its texts a vote; pairs with at least `min_shared` votes are candidates.
2. Frequent n-grams (more than `cap` texts) vote for nobody: a list of 10,000 texts
   would be 50 million votes, and most such lists are stock phrases. But a passage
   that hundreds of outlets reprinted is frequent too, and a pair that shares only such
   passages must still be found. Per-document rarity decides who needs more: a text
   with at least (1 - PROBE_SHARE) of its sampled n-grams rare, plus `min_shared`,
   shares `min_shared` rare n-grams with any text that holds PROBE_SHARE of it (the
   rest cannot hide them), so step 1 finds its pairs. Only the other texts, mostly
   made of frequent n-grams (reprints of much-reprinted stories, stubs of wire
   copy), are *probed* (`needs_probe`, `probe_pairs`): all their n-grams' postings
   are read, rarest first within a budget, and every text holding PROBE_SHARE of the
   smaller of the two is a candidate. A stock sentence in an ordinary article never
   makes the article a probe.

The votes are what grows with the amount of reuse in a corpus, so they are counted one
partition at a time: partition `part` of `parts` holds the pairs whose first (smaller)
text is `part` modulo `parts`. The number of partitions comes from the total number of
votes, counted while the inverted lists are streamed once from the store into a
temporary file (`spill`); `split` then copies each list into the file of every
partition it votes in, and each partition reads its own file (`unspill`).

`candidate_pairs`, `partitions`, `needs_probe` and `probe_pairs` are pure functions
over plain values: a Spark job can shuffle the votes by the same key and call them.
"""

from __future__ import annotations

import marshal
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import BinaryIO

MIN_SHARED = 2  # sampled n-grams two texts must share to be aligned
PROBE_SHARE = 0.4  # a text's pairs are found for sure when the other holds this share of it
PROBE_POSTINGS = 100_000  # postings one probe reads at most (rarest n-grams first)
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


def needs_probe(
    size: int, frequent: int, *, share: float = PROBE_SHARE, min_shared: int = MIN_SHARED
) -> bool:
    """Could a text of `size` sampled n-grams, `frequent` of them above the cap, share
    `share` of itself with another text and fewer than `min_shared` rare n-grams?"""
    return frequent > 0 and size - frequent < (1 - share) * size + min_shared


def probe_grams(counts: Mapping[int, int], budget: int = PROBE_POSTINGS) -> list[int]:
    """A probe's n-grams (gram -> document frequency): rarest first, within `budget`
    postings (the rarest one always)."""
    chosen: list[int] = []
    for n, gram in sorted((n, g) for g, n in counts.items()):
        if chosen and n > budget:
            break
        chosen.append(gram)
        budget -= n
    return chosen


def probe_pairs(
    text: int,
    counts: Mapping[int, int],
    postings: Iterable[tuple[int, int]],
    sizes: Sequence[int] | Mapping[int, int],
    probed: Sequence[int] | Mapping[int, int],
    *,
    cap: int,
    share: float = PROBE_SHARE,
    min_shared: int = MIN_SHARED,
) -> list[tuple[int, int, int]]:
    """(a, b, shared n-grams), a < b: the candidates a probe of `text` adds.

    `counts`: document frequency of the probed n-grams; `postings`: (gram, text) of
    them; `probed[t]`: is text t probed too (sequences, or mappings holding the texts
    of `postings`). A pair with `min_shared` rare n-grams is
    left to the self-join; a pair of two probed texts is reported by the smaller one.
    """
    total: Counter[int] = Counter()
    rare: Counter[int] = Counter()
    for gram, doc in postings:
        if doc != text:
            total[doc] += 1
            rare[doc] += counts.get(gram, 0) <= cap
    found = []
    for doc, n in total.items():
        if rare[doc] >= min_shared or (probed[doc] and doc < text):
            continue
        if n >= max(min_shared, share * min(sizes[text], sizes[doc])):
            found.append((min(text, doc), max(text, doc), n))
    return sorted(found)


def connected(edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components of `edges` (union-find over ints), members sorted."""
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
