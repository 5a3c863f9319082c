"""Clause pairs: each derived clause with the source clause it comes from.

A sentence match says which source sentences a derived sentence reuses; facts are then
compared clause by clause (issue: a fact the source states in the other half of a merged
pair is no change). Every derived clause is paired with the clause of the aligned source
sentences that supports most of its content weight; the *context* is the aligned source
sentences and their neighbours: a value stated there, in the same role, is never a change.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache

from retold.align.sentences import SentenceMatch
from retold.checks.records import ChangeReport
from retold.text.atoms import Atom, sentence_atoms
from retold.text.clauses import Marker, Reading, reading
from retold.text.document import Document, Sentence
from retold.text.lemmas import verb_lemma

MIN_CLAUSE_RECALL = 0.4  # share of a derived clause's content weight its source clause has
PARALLEL_SHARE = 0.6  # verbatim share of a sentence whose clauses pair by position
SAME_PROPOSITION = 0.5  # shared content weight, of the smaller clause...
SAME_PROPOSITION_LARGER = 0.35  # ...and of the larger one
CONTEXT = 1  # source sentences either side of the aligned ones that count as context
# a word in this many of the source's sentences (or this share of them, if more) is the
# story's own (its cast and subject: "Trump", "Putin", "summit"): it says nothing of
# which sentence a clause comes from
TOPIC_SENTENCES = 3
TOPIC_SHARE = 0.1
_MARK = re.compile('["\u201c\u201d]')  # the double quotation marks `quoted` counts
MIN_OWN_SUPPORT = 0.3  # share of a clause's other content weight its source clause must have


@dataclass(frozen=True)
class Part:
    """A clause of a sentence: words [first, last) of `sentence`, as the checks read it."""

    doc: Document
    sentence: Sentence
    first: int
    last: int

    @property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def reading(self) -> Reading:
        return reading(self.doc, self.sentence.index)

    @property
    def words(self) -> range:
        return range(self.first, self.last)

    def norm(self, i: int) -> str:
        return self.sentence.norms[i]

    def key(self, i: int) -> str:
        return self.sentence.keys[i]

    def weight(self, i: int) -> float:
        return self.sentence.weights[i]

    @cached_property
    def bag(self) -> dict[str, float]:
        """Content keys of the clause with their weights."""
        s = self.sentence
        return {s.keys[i]: s.weights[i] for i in self.words if s.weights[i] > 0}

    @cached_property
    def atoms(self) -> tuple[Atom, ...]:
        start = max(self.first, self.reading.dateline)  # the dateline states no fact
        return tuple(
            a
            for a in sentence_atoms(self.doc, self.sentence.index)
            if start <= a.first_token < self.last
        )

    def sentence_values(self) -> list[Atom]:
        """The atoms of the whole sentence (not only this clause)."""
        return list(sentence_atoms(self.doc, self.sentence.index))

    def markers(self, *classes: str) -> list[Marker]:
        return self.reading.markers_in(self.first, self.last, *classes)

    def verb_positions(self, norm: str) -> list[int]:
        """Where a form of the same verb stands ("paid" for "will pay")."""
        lemma = verb_lemma(norm)
        if lemma is None:
            return []
        return [i for i in self.words if verb_lemma(self.norm(i)) == lemma]

    def markers_between(self, after: int, before: int, *classes: str) -> list[Marker]:
        return [m for m in self.markers(*classes) if after < m.first < before]

    def positions(self, key: str) -> list[int]:
        keys = self.sentence.keys
        return [i for i in self.words if keys[i] == key]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets of words first..last (inclusive)."""
        return self.sentence.starts[first], self.sentence.ends[last]

    def counted_noun(self, after: int) -> str | None:
        """The first content word within three words after word `after`, in the clause:
        what a number counts ("two hours")."""
        for i in range(after + 1, min(self.last, after + 4)):
            if self.weight(i) > 0 and not self.norm(i).isdigit():
                return self.key(i)
        return None

    def neighbours(self, first: int, last: int, reach: int = 3) -> set[str]:
        """Content keys within `reach` words of words first..last, inside the clause."""
        lo, hi = max(self.first, first - reach), min(self.last, last + 1 + reach)
        s = self.sentence
        return {s.keys[i] for i in range(lo, hi) if not first <= i <= last and s.weights[i] > 0}

    @cached_property
    def _marks(self) -> tuple[list[int], str]:
        """Where the sentence's double quotation marks stand, and which mark each is:
        found once, read by every `quoted` question (the checks ask it many times)."""
        found = list(_MARK.finditer(self.text, self.sentence.start, self.sentence.end))
        return [m.start() for m in found], "".join(m.group() for m in found)

    def quoted(self, i: int) -> bool:
        """Is word i inside quotation marks (counted from the sentence start)? With no
        mark before it, it is when the next mark closes a quotation opened in an earlier
        sentence ("But I will ask the question, and we'll see.”")."""
        at, marks = self._marks
        word = self.sentence.starts[i]
        before = bisect_left(at, word)  # marks before the word
        if before:
            return before % 2 == 1
        if not at:
            return False
        mark, k = marks[0], at[0]  # the first mark after the word
        return mark == "\u201d" or (mark == '"' and k > word and not self.text[k - 1].isspace())


@dataclass(frozen=True)
class ClausePair:
    derived: Part
    source: Part | None  # None: no clause of the aligned source sentences supports it
    match: SentenceMatch
    context: tuple[Sentence, ...]  # source sentences whose values count as stated

    @property
    def copied(self) -> bool:
        """The derived clause has exactly its source clause's words."""
        d, s = self.derived, self.source
        return (
            s is not None
            and d.last - d.first == s.last - s.first
            and d.sentence.norms[d.first : d.last] == s.sentence.norms[s.first : s.last]
        )


def clauses_of(doc: Document, sentence: Sentence) -> list[Part]:
    return [Part(doc, sentence, a, b) for a, b in reading(doc, sentence.index).clauses]


def _support(derived: Part, source: Part) -> tuple[float, int]:
    """Share of the derived clause's content weight the source clause has, and how many
    content keys they share."""
    bag = derived.bag
    total = sum(bag.values())
    shared = [k for k in bag if k in source.bag]
    return (sum(bag[k] for k in shared) / total if total else 0.0), len(shared)


def same_proposition(d: Part, s: Part) -> bool:
    """Most of the smaller clause's content, and a fair part of the larger one's, shared:
    a short clause set against a long sentence it only touches is another statement."""
    shared = sum(min(w, s.bag[k]) for k, w in d.bag.items() if k in s.bag)
    sizes = sum(d.bag.values()), sum(s.bag.values())
    return (
        min(sizes) > 0
        and shared / min(sizes) >= SAME_PROPOSITION
        and (shared / max(sizes) >= SAME_PROPOSITION_LARGER)
    )


def best_source(derived: Part, candidates: list[Part]) -> Part | None:
    best, best_score = None, 0.0
    for part in candidates:
        recall, shared = _support(derived, part)
        precision = _support(part, derived)[0]
        score = recall + 0.25 * precision
        if (
            recall >= MIN_CLAUSE_RECALL
            and shared >= min(2, len(derived.bag))
            and score > best_score
        ):
            best, best_score = part, score
    return best


def context_sentences(source: Document, match: SentenceMatch) -> tuple[Sentence, ...]:
    wanted = {
        j + k
        for j in match.source_sentences
        for k in range(-CONTEXT, CONTEXT + 1)
        if 0 <= j + k < len(source.sentences)
    }
    return tuple(source.sentences[j] for j in sorted(wanted))


@lru_cache(maxsize=16)
def topic_keys(doc: Document) -> frozenset[str]:
    """The content keys the story repeats in sentence after sentence."""
    counts: Counter[str] = Counter()
    for sentence in doc.sentences:
        counts.update({k for k, w in zip(sentence.keys, sentence.weights, strict=True) if w > 0})
    least = max(TOPIC_SENTENCES, TOPIC_SHARE * len(doc.sentences))
    return frozenset(k for k, n in counts.items() if n >= least)


def own_support(pair: ClausePair) -> float:
    """Share of the derived clause's content weight, the story's own words left out,
    that its source clause has: two sentences that share only the cast ("Sasse responded
    to Trump" / "Trump did not respond") are not one statement told two ways."""
    if pair.source is None:
        return 0.0
    topic = topic_keys(pair.source.doc)
    other = pair.source.bag
    own = {k: w for k, w in pair.derived.bag.items() if k not in topic}
    total = sum(own.values())
    if not total:
        return 1.0  # nothing but the story's words: no evidence either way
    return sum(min(w, other.get(k, 0.0)) for k, w in own.items()) / total


def topic_only(pair: ClausePair) -> bool:
    """Is the derived clause made of the story's own words alone?"""
    if pair.source is None:
        return False
    topic = topic_keys(pair.source.doc)
    return all(k in topic for k in pair.derived.bag)


def clause_pairs(source: Document, derived: Document, match: SentenceMatch) -> list[ClausePair]:
    """Every clause of the derived sentence with its source clause (or None)."""
    candidates = [
        part for j in match.source_sentences for part in clauses_of(source, source.sentences[j])
    ]
    context = context_sentences(source, match)
    parts = clauses_of(derived, derived.sentences[match.sentence])
    parallel = _parallel(parts, candidates, match)
    wholes = [
        Part(source, source.sentences[j], 0, source.sentences[j].words)
        for j in match.source_sentences
    ]
    return [
        ClausePair(
            part,
            best_source(part, candidates) or parallel.get(n) or _whole(part, wholes),
            match,
            context,
        )
        for n, part in enumerate(parts)
        if part.bag
    ]


def _whole(part: Part, wholes: list[Part]) -> Part | None:
    """No one clause supports the derived clause (the source says it across clauses, or
    the changed value itself is most of it): the aligned source sentence that shares the
    most content words with it, whole, if it shares two or more."""
    best, best_shared = None, 1
    for whole in wholes:
        shared = _support(part, whole)[1]
        if shared > best_shared:
            best, best_shared = whole, shared
    return best


def _parallel(parts: list[Part], candidates: list[Part], match: SentenceMatch) -> dict[int, Part]:
    """Clauses paired by position, when a copied sentence has as many clauses as its
    source: an edited name or number leaves too little shared for content to decide."""
    if len(parts) != len(candidates) or len(match.source_sentences) != 1:
        return {}
    if match.verbatim_share < PARALLEL_SHARE:
        return {}
    return dict(enumerate(candidates))


def change(
    kind: str,
    severity: str,
    rule: str,
    explanation: str,
    derived: Part,
    d: tuple[int, int],
    source: Part | None = None,
    s: tuple[int, int] | None = None,
) -> ChangeReport:
    """A change record: spans are character offsets (d into the rewrite, s into the source)."""
    s_start, s_end = s if s and source else (-1, -1)
    return ChangeReport(
        kind=kind,
        sentence=derived.sentence.index,
        source_sentence=source.sentence.index if source else -1,
        derived_text=derived.text[d[0] : d[1]],
        source_text=source.text[s_start:s_end] if source else "",
        severity=severity,
        explanation=explanation,
        derived_start=d[0],
        derived_end=d[1],
        source_start=s_start,
        source_end=s_end,
        rule=rule,
    )
