"""Alignment: reused passages, then sentence alignment, then a label for every sentence.

1. *Passages*: runs of shared word trigrams (seeds) extended along the diagonal and
   merged across small gaps, as PAN text-alignment systems do. Order-free: a rewrite
   may move paragraphs anywhere.
2. *Sentences*: each derived sentence is matched to the source sentence(s) that best
   support its content words (weighted by rarity, stems and synonym groups, numbers by
   value); a second or third source sentence joins when it adds support (merged
   sentences), and any number of derived sentences may share one source sentence
   (split sentences).
3. *Labels*: verbatim (its words appear in the source in order), paraphrase (same
   content, reworded), new, boilerplate.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from retold.align.passages import Passage, find_passages
from retold.text.document import Document, Sentence

VERBATIM_SHARE = 0.85  # share of a sentence's words found in order in the source
PARAPHRASE_RECALL = 0.5  # share of a sentence's content weight the source supports
MIN_SUPPORT = 3.0  # absolute supported content weight, so "Trump said." is not reuse
SHARED_RUN = 6  # a run of this many words copied in order makes a sentence reused...
SHARED_RUN_SHARE = 0.25  # ...when it is at least this share of the sentence
MIN_SHARED_KEYS = 2  # one shared name ("Porthaven has finally acted") is not reuse
MAX_POSTINGS = 200  # source sentences a key may be in and still rank candidates
CANDIDATES = 5  # source sentences scored in full for each derived sentence
MERGE_GAIN = 0.15  # recall a further source sentence must add to be merged in
MAX_MERGED = 3
PREFIX = 5  # words sharing this many first letters (both longer) count as related
PREFIX_CREDIT = 0.7


@dataclass(frozen=True, slots=True)
class SentenceMatch:
    """How one derived sentence relates to the source."""

    sentence: int
    label: str  # verbatim | paraphrase | new | boilerplate
    source_sentences: tuple[int, ...]
    similarity: float
    recall: float
    precision: float
    verbatim_share: float


@dataclass(frozen=True)
class Alignment:
    source: Document
    derived: Document
    matches: tuple[SentenceMatch, ...]
    passages: tuple[Passage, ...]


# ---------------------------------------------------------------- sentences


def _prefixes(bag: dict[str, float]) -> dict[str, None]:
    # a dict of strings, not a frozenset: the collector never tracks it, and a set it
    # walks at every collection, for as long as the source stays cached
    return dict.fromkeys([k[:PREFIX] for k in bag if len(k) > PREFIX])


def _support_sets(
    bag: dict[str, float], pool: dict[str, float], prefixes: dict[str, None]
) -> tuple[set[str], set[str]]:
    """Keys of `bag` that `pool` has, and keys it only shares a prefix with."""
    exact = {k for k in bag if k in pool}
    if not prefixes:
        return exact, set()
    near = {k for k in bag if len(k) > PREFIX and k not in exact and k[:PREFIX] in prefixes}
    return exact, near


def _support(bag: dict[str, float], exact: set[str], near: set[str]) -> float:
    """Content weight of `bag` supported: exact keys in full, shared prefixes in part."""
    total = sum([w for k, w in bag.items() if k in exact])
    if near:
        total += PREFIX_CREDIT * sum([w for k, w in bag.items() if k in near and k not in exact])
    return total


def _f_score(recall: float, precision: float, beta: float = 2.0) -> float:
    """Recall-weighted F: a rewrite keeps part of a source sentence more often than all."""
    if recall <= 0 or precision <= 0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall)


def verbatim_share(derived: Sentence, sources: list[Sentence]) -> tuple[float, int]:
    """Share of the derived sentence's words found in order in the source sentence(s),
    and the longest unbroken run of them."""
    d = derived.norms
    s = sources[0].norms if len(sources) == 1 else [n for src in sources for n in src.norms]
    matched = longest = 0
    for op in Indel.opcodes(d, s):
        size = op.src_end - op.src_start
        if op.tag == "equal" and (size >= 2 or len(d) <= 2):
            matched += size
            longest = max(longest, size)
    return (matched / len(d) if d else 0.0), longest


@dataclass(frozen=True, slots=True)
class _Bags:
    bags: tuple[dict[str, float], ...]
    totals: tuple[float, ...]
    prefixes: tuple[dict[str, None], ...]  # of the keys: see `_prefixes`
    postings: dict[str, tuple[int, ...]]  # tuples: the collector stops tracking them
    exact: dict[tuple[str, ...], int]  # a sentence's words -> its index (first one)


@lru_cache(maxsize=256)
def _bags(doc: Document) -> _Bags:
    """What the aligner looks up in a document when it is the source."""
    # each sentence's weighted content keys (none for boilerplate)
    bags = tuple(s.content() if not s.boilerplate else {} for s in doc.sentences)
    postings: dict[str, list[int]] = defaultdict(list)
    for index, bag in enumerate(bags):
        for key in bag:
            postings[key].append(index)
    return _Bags(
        bags,
        tuple(sum(b.values()) for b in bags),
        tuple(_prefixes(b) for b in bags),
        {key: tuple(indexes) for key, indexes in postings.items()},
        _exact_index(doc),
    )


def _exact_index(doc: Document) -> dict[tuple[str, ...], int]:
    exact: dict[tuple[str, ...], int] = {}
    for s in doc.sentences:
        if not s.boilerplate:
            exact.setdefault(s.norms, s.index)
    return exact


def _candidates(bag: dict[str, float], source: _Bags) -> dict[int, float]:
    """Source sentences sharing content keys with `bag`, with the weight they share."""
    shared: dict[int, float] = defaultdict(float)
    for key, weight in bag.items():
        found = source.postings.get(key, ())
        if len(found) > MAX_POSTINGS:
            continue  # a word in hundreds of sentences of a long text says nothing of where
        for index in found:
            shared[index] += weight
    return shared


def _match_sentence(sentence: Sentence, source: Document, bags: _Bags) -> SentenceMatch:
    copy = bags.exact.get(sentence.norms)
    if copy is not None:
        # copied word for word: nothing to score ("Good on her." has too few content
        # words to score at all)
        return SentenceMatch(sentence.index, "verbatim", (copy,), 1.0, 1.0, 1.0, 1.0)
    bag = sentence.content()  # only a sentence that is no copy is scored
    total = sum(bag.values())
    shared = _candidates(bag, bags)
    if total <= 0 or not shared:
        return SentenceMatch(sentence.index, "new", (), 0.0, 0.0, 0.0, 0.0)
    ranked = sorted(shared, key=lambda j: -shared[j])[:CANDIDATES]
    scored = []
    sets: dict[int, tuple[set[str], set[str]]] = {}
    for j in ranked:
        sets[j] = exact, near = _support_sets(bag, bags.bags[j], bags.prefixes[j])
        support = _support(bag, exact, near)
        recall, precision = (
            support / total,
            min(1.0, support / bags.totals[j]) if bags.totals[j] else 0.0,
        )
        scored.append((_f_score(recall, precision), recall, precision, j))
    scored.sort(reverse=True)
    best, best_shares = _most_verbatim(sentence, source, scored[:3])
    _, recall, precision, _ = next(row for row in scored if row[3] == best)
    group = [best]
    pool = dict(bags.bags[best])
    exact, near = sets[best]
    for _, _, _, j in scored:
        if len(group) >= MAX_MERGED:
            break
        if j in group:
            continue
        j_exact, j_near = sets[j]
        merged_exact, merged_near = exact | j_exact, near | j_near
        gain = _support(bag, merged_exact, merged_near) / total - recall
        new_keys = len(j_exact - exact)
        if gain >= MERGE_GAIN and new_keys >= 2:
            group.append(j)
            pool.update(bags.bags[j])
            exact, near = merged_exact, merged_near
            recall += gain
    support = recall * total
    precision = min(1.0, support / sum(pool.values()))
    group.sort()
    sources = [source.sentences[j] for j in group]
    # one source sentence (no merge): its share was read when choosing it
    share, run = best_shares if len(group) == 1 else verbatim_share(sentence, sources)
    similarity = max(_f_score(recall, precision), share)
    if share >= VERBATIM_SHARE and (sentence.words >= 3 or share == 1.0):
        label = "verbatim"
    elif (
        recall >= PARAPHRASE_RECALL and support >= MIN_SUPPORT and len(exact) >= MIN_SHARED_KEYS
    ) or (share >= SHARED_RUN_SHARE and run >= SHARED_RUN):
        label = "paraphrase"
    else:
        label = "new"
    kept = tuple(group) if label != "new" else ()
    return SentenceMatch(
        sentence.index, label, kept, round(similarity, 3), recall, precision, share
    )


def _most_verbatim(
    sentence: Sentence, source: Document, top: list[tuple[float, float, float, int]]
) -> tuple[int, tuple[float, int]]:
    """Among the best-scored candidates, prefer one the sentence copies word for word;
    the chosen one with its `verbatim_share`."""
    best = top[0][3]
    best_shares = verbatim_share(sentence, [source.sentences[best]])
    for _, _, _, j in top[1:]:
        shares = verbatim_share(sentence, [source.sentences[j]])
        if shares[0] >= 0.5 and shares[0] > best_shares[0] + 0.15:
            best, best_shares = j, shares
    return best, best_shares


def align(source: Document, derived: Document) -> Alignment:
    """Align every derived sentence with the source; find the reused passages."""
    source_bags = _bags(source)
    matches = []
    for sentence in derived.sentences:
        if sentence.boilerplate:
            matches.append(SentenceMatch(sentence.index, "boilerplate", (), 0.0, 0.0, 0.0, 0.0))
        else:
            matches.append(_match_sentence(sentence, source, source_bags))
    return Alignment(source, derived, tuple(matches), find_passages(source, derived))
