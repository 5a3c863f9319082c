"""The per-pair step: shared passages between two articles and the share of each they make.

Pure functions over plain records (`Record`), so the local engine and a Spark job run
the same code. Cheaper than `compare`: no sentences, no quotes, no facts, just
runs of shared word trigrams along diagonals (as `retold.align.find_passages` seeds
them), merged across small gaps, over the same normalised words as `compare`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from retold.align.passages import diagonal_runs
from retold.corpus.fingerprint import sampled_grams, word_hash
from retold.text.tokens import Token, tokenize

SEED = 3  # words per seed n-gram
MERGE_GAP = 8  # words two runs may be apart in both texts and still form one passage
MIN_PASSAGE = 8  # shortest passage that counts, in matched words
WHOLE = 0.5  # a passage of common n-grams still counts when it is this share of a text...
STOCK_WORDS = 100  # ...or when it is this long: stock phrases and page furniture are short


@dataclass(frozen=True, slots=True)
class Record:
    """What the per-pair step needs to know of an article."""

    key: int
    id: str
    text: str
    date: str = ""
    words: int = 0
    title: str = ""
    publisher: str = ""


@dataclass(frozen=True, slots=True)
class Carrier:
    """An article that carries a stored text: its metadata, without the text."""

    article: int  # article number (order of indexing)
    id: str
    text: int  # number of its text
    date: str
    words: int
    publisher: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class SharedPassage:
    """A stretch of `a` that runs in parallel with a stretch of `b` (character offsets)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int
    common: bool = False  # mostly stock phrases: listed, not counted in the shares

    def swapped(self) -> SharedPassage:
        return SharedPassage(
            self.b_start, self.b_end, self.a_start, self.a_end, self.words, self.common
        )

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "a_start": self.a_start,
            "a_end": self.a_end,
            "b_start": self.b_start,
            "b_end": self.b_end,
            "words": self.words,
        }
        if self.common:
            data["common"] = True
        return data


@dataclass(frozen=True, slots=True)
class PairResult:
    """Reuse between two articles: share of each covered by shared passages; `a` earlier."""

    a: Record
    b: Record
    share_a: float
    share_b: float
    direction: str | None  # "a->b" when dates say a came first, else None
    passages: tuple[SharedPassage, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "type": "pair",
            "a": self.a.id,
            "b": self.b.id,
            "share_a": round(self.share_a, 4),
            "share_b": round(self.share_b, 4),
            "direction": self.direction,
            "passages": [p.to_dict() for p in self.passages],
        }


def parse_date(value: str) -> datetime | None:
    """An ISO-like date or timestamp as naive UTC, or None when it cannot be read."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    return parsed.replace(tzinfo=None) - (parsed.utcoffset() or timedelta(0))


def earlier(a: str, b: str) -> int:
    """-1 if date a is before b, 1 if after, 0 when equal or either is unknown."""
    da, db = parse_date(a), parse_date(b)
    if da is None or db is None or da == db:
        return 0
    return -1 if da < db else 1


def _runs(a: Words, b: Words) -> list[tuple[int, int, int]]:
    """Maximal runs (a index, b index, length) of shared word trigrams along diagonals."""
    index = b.seed_index
    shared = index.keys() & set(a.seeds)
    if not shared:
        return []
    # a phrase repeated more often than 20 times carries no position
    hits = ((i, index[seed][:20]) for i, seed in enumerate(a.seeds) if seed in shared)
    return diagonal_runs(hits, SEED)


def _chosen(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Longest runs first; each word of either text used at most once."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    for i, j, n in sorted(runs, key=lambda r: -r[2]):
        if any(k in used_a for k in range(i, i + n)) or any(k in used_b for k in range(j, j + n)):
            continue
        used_a.update(range(i, i + n))
        used_b.update(range(j, j + n))
        chosen.append((i, j, n))
    return sorted(chosen)


def shared_passages(
    a_text: str, b_text: str, common: frozenset[int] = frozenset()
) -> tuple[tuple[SharedPassage, ...], int, int]:
    """Shared passages of two texts, and the number of words of a and b they cover.

    A passage made mostly of `common` n-grams (stock phrases, boilerplate: the store's
    n-grams above the document-frequency cap) is listed with `common=True` and does
    not count towards the covered words, unless it is at least half of either text: a
    stock sentence is a small part of an article, a heavily reprinted story is most of
    a reprint.
    """
    return passages_of(Words.of(a_text), Words.of(b_text), common)


@dataclass(frozen=True, slots=True)
class Words:
    """A text's word tokens, their normalised forms and their hashes (computed once)."""

    tokens: tuple[Token, ...]
    norms: tuple[str, ...]
    hashes: tuple[int, ...]
    seeds: tuple[int, ...]  # hash of the word trigram starting at each position
    seed_index: dict[int, list[int]]  # trigram hash -> positions

    @classmethod
    def of(cls, text: str) -> Words:
        tokens = tuple(tokenize(text))
        norms = tuple(t.norm for t in tokens)
        seeds = tuple(hash(g) for g in zip(norms, norms[1:], norms[2:], strict=False))
        index: dict[int, list[int]] = defaultdict(list)
        for position, seed in enumerate(seeds):
            index[seed].append(position)
        return cls(tokens, norms, tuple(word_hash(w) for w in norms), seeds, dict(index))


def passages_of(
    a: Words, b: Words, common: frozenset[int] = frozenset()
) -> tuple[tuple[SharedPassage, ...], int, int]:
    """`shared_passages` over texts already split into words."""
    a_tokens, b_tokens = a.tokens, b.tokens
    a_hashes = list(a.hashes)
    passages: list[SharedPassage] = []
    covered_a = covered_b = 0
    for group in _groups(_chosen(_runs(a, b))):
        matched = sum(n for _, _, n in group)
        if matched < MIN_PASSAGE:
            continue
        a_first, b_first = group[0][0], group[0][1]
        a_last = group[-1][0] + group[-1][2] - 1
        b_last = group[-1][1] + group[-1][2] - 1
        stock = (
            bool(common)
            and matched < STOCK_WORDS
            and a_last - a_first + 1 < WHOLE * len(a_tokens)
            and b_last - b_first + 1 < WHOLE * len(b_tokens)
            and _mostly_common(a_hashes[a_first : a_last + 1], common)
        )
        if not stock:
            covered_a += a_last - a_first + 1
            covered_b += b_last - b_first + 1
        passages.append(
            SharedPassage(
                a_tokens[a_first].start,
                a_tokens[a_last].end,
                b_tokens[b_first].start,
                b_tokens[b_last].end,
                matched,
                stock,
            )
        )
    return tuple(passages), min(covered_a, len(a_tokens)), min(covered_b, len(b_tokens))


def _groups(runs: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """Runs merged into passages across gaps of at most MERGE_GAP words in both texts."""
    groups: list[list[tuple[int, int, int]]] = []
    for run in runs:
        if groups:
            i0, j0, n0 = groups[-1][-1]
            a_gap, b_gap = run[0] - (i0 + n0), run[1] - (j0 + n0)
            if 0 <= a_gap <= MERGE_GAP and 0 <= b_gap <= MERGE_GAP:
                groups[-1].append(run)
                continue
        groups.append([run])
    return groups


def _mostly_common(hashes: list[int], common: frozenset[int]) -> bool:
    """Are at least half of the sampled n-grams of this stretch common ones?"""
    grams = sampled_grams(hashes)
    return bool(grams) and 2 * len(grams & common) >= len(grams)


def align_pair(
    first: Record,
    second: Record,
    common: frozenset[int] = frozenset(),
    words: Callable[[Record], Words] | None = None,
) -> PairResult:
    """Reuse between two records; the earlier one (by date) becomes `a`.

    `common`: n-gram hashes of stock phrases (see `shared_passages`); `words`: where to
    get a record's words (a cache, when one record is in many pairs).
    """
    order = earlier(first.date, second.date)
    a, b = (second, first) if order > 0 else (first, second)
    get = words or (lambda record: Words.of(record.text))
    wa, wb = get(a), get(b)
    passages, covered_a, covered_b = passages_of(wa, wb, common)
    return PairResult(
        a,
        b,
        min(1.0, covered_a / max(1, len(wa.tokens))),
        min(1.0, covered_b / max(1, len(wb.tokens))),
        "a->b" if order != 0 else None,
        passages,
    )


def pair_record(
    a: Carrier,
    b: Carrier,
    share_a: float,
    share_b: float,
    passages: Iterable[SharedPassage],
    *,
    identical: bool = False,
) -> dict[str, object]:
    """The scan's JSON record of one pair of articles; `a` becomes the earlier by date."""
    order = earlier(a.date, b.date)
    if order > 0:
        a, b, share_a, share_b = b, a, share_b, share_a
        passages = [p.swapped() for p in passages]
    return {
        "type": "pair",
        "a": a.id,
        "b": b.id,
        "share_a": round(share_a, 4),
        "share_b": round(share_b, 4),
        "direction": "a->b" if order != 0 else None,
        "identical": identical,
        "passages": [p.to_dict() for p in passages],
    }


def carried_pairs(
    result: PairResult, left: Sequence[Carrier], right: Sequence[Carrier]
) -> Iterator[tuple[Carrier, Carrier, dict[str, object]]]:
    """One aligned pair of texts as the pairs of the articles that carry them."""
    for x in left:
        for y in right:
            record = pair_record(x, y, result.share_a, result.share_b, result.passages)
            first, second = (x, y) if record["a"] == x.id else (y, x)
            yield first, second, record


def identical_pairs(
    text: Record, carriers: Sequence[Carrier], *, part: int = 0, parts: int = 1
) -> Iterator[tuple[Carrier, Carrier, dict[str, object]]]:
    """Every pair of articles carrying one text: share 1.0 both ways, one whole passage.

    Only the pairs whose first carrier is `part` modulo `parts`: a text reprinted
    thousands of times is split over `parts` tasks (the Spark engine)."""
    tokens = tokenize(text.text)
    whole = (
        SharedPassage(tokens[0].start, tokens[-1].end, tokens[0].start, tokens[-1].end, len(tokens))
        if tokens
        else None
    )
    for i, x in enumerate(carriers):
        if i % parts != part:
            continue
        for y in carriers[i + 1 :]:
            record = pair_record(x, y, 1.0, 1.0, [whole] if whole else [], identical=True)
            first, second = (x, y) if record["a"] == x.id else (y, x)
            yield first, second, record
