"""Passages: runs of shared word trigrams (seeds) extended along the diagonal and merged
across small gaps, as PAN text-alignment systems do. Order-free: a rewrite may move
paragraphs anywhere. `diagonal_runs` is shared with the corpus scan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress
from operator import itemgetter

from retold.text.document import Document

SEED = 3  # words per seed n-gram (`_runs` zips three lists: keep them in step)
MAX_SEED_HITS = 16  # a trigram found more often in the source says nothing about where
MERGE_GAP = 8  # words two runs may be apart and still form one passage
MIN_PASSAGE = 5  # shortest passage reported, in words


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of the derived text whose words run in parallel with the source."""

    source_start: int
    source_end: int
    derived_start: int
    derived_end: int
    kind: str  # verbatim | paraphrase
    words: int


Flat = tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...], tuple[float, ...]]


@lru_cache(maxsize=256)
def _flat(doc: Document) -> Flat:
    """The body's words as one sequence: norms, starts, ends, weights (tuples, which the
    collector stops tracking, since this is cached)."""
    body = doc.body()
    return (
        tuple(chain.from_iterable(s.norms for s in body)),
        tuple(chain.from_iterable(s.starts for s in body)),
        tuple(chain.from_iterable(s.ends for s in body)),
        tuple(chain.from_iterable(s.weights for s in body)),
    )


def diagonal_runs(
    hits: Iterable[tuple[int, Sequence[int]]], seed: int = SEED
) -> list[tuple[int, int, int]]:
    """Maximal runs (i, j, length in words) from seed hits: for each derived seed position
    i, in ascending order, the source positions j where the same seed starts. Consecutive
    hits on one diagonal (j - i) extend one run. Shared by compare and the corpus scan."""
    first: dict[int, int] = {}  # diagonal -> derived position of its open run's first seed
    last: dict[int, int] = {}  # diagonal -> ... and of its last seed (plain ints: no records)
    runs: list[tuple[int, int, int]] = []
    for i, js in hits:
        for j in js:
            diag = j - i
            end = last.get(diag)
            if end is None:
                first[diag] = last[diag] = i
            elif end == i - 1:
                last[diag] = i
            else:
                start = first[diag]
                runs.append((start, start + diag, end - start + seed))
                first[diag] = last[diag] = i
    runs.extend((first[d], first[d] + d, end - first[d] + seed) for d, end in last.items())
    return runs


def _runs(
    src: Sequence[str], der: Sequence[str], der_weights: Sequence[float]
) -> list[tuple[int, int, int]]:
    """Maximal runs (derived index, source index, length) of shared word trigrams. The
    source's index is built per call: cached, its thousand small records would cost the
    collector more after every compare than building it again does."""
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j, gram in enumerate(zip(src, src[1:], src[2:], strict=False)):
        index[gram].append(j)
    # a trigram of function words only ("of the same") is no evidence
    weighty = list(map(any, zip(der_weights, der_weights[1:], der_weights[2:], strict=False)))
    grams = compress(zip(der, der[1:], der[2:], strict=False), weighty)
    found = zip(compress(range(len(weighty)), weighty), map(index.get, grams), strict=True)
    # a trigram the source has too often is a stock phrase: it says nothing
    return diagonal_runs([(i, js) for i, js in found if js and len(js) <= MAX_SEED_HITS])


def _best_runs(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Longest runs first, each derived word used once (a repeated source phrase)."""
    used = bytearray(max((i + n for i, _, n in runs), default=0))  # derived words taken
    chosen: list[tuple[int, int, int]] = []
    # reverse=True keeps equal lengths in their first order, as a key of -length does
    for i, j, n in sorted(runs, key=itemgetter(2), reverse=True):
        if any(used[i : i + n]):
            continue
        used[i : i + n] = b"\x01" * n
        chosen.append((i, j, n))
    return sorted(chosen)


def find_passages(source: Document, derived: Document) -> tuple[Passage, ...]:
    """Reused passages, in derived-text order, with character offsets in both texts."""
    s_norms, s_starts, s_ends, _ = _flat(source)
    d_norms, d_starts, d_ends, d_weights = _flat(derived)
    groups: list[list[tuple[int, int, int]]] = []
    for run in _best_runs(_runs(s_norms, d_norms, d_weights)):
        if groups:
            i0, j0, n0 = groups[-1][-1]
            d_gap, s_gap = run[0] - (i0 + n0), run[1] - (j0 + n0)
            if 0 <= d_gap <= MERGE_GAP and 0 <= s_gap <= MERGE_GAP:
                groups[-1].append(run)
                continue
        groups.append([run])
    passages = []
    for group in groups:
        d_first, s_first = group[0][0], group[0][1]
        d_last = group[-1][0] + group[-1][2] - 1
        s_last = group[-1][1] + group[-1][2] - 1
        matched = sum(n for _, _, n in group)
        span = max(d_last - d_first, s_last - s_first) + 1
        if matched < MIN_PASSAGE:
            continue
        kind = "verbatim" if matched >= 0.9 * span else "paraphrase"
        passages.append(
            Passage(
                s_starts[s_first], s_ends[s_last], d_starts[d_first], d_ends[d_last], kind, span
            )
        )
    return tuple(passages)
