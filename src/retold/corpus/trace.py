"""Trace: which stored articles is this article built on?

1. Candidates: the article's rare n-grams (document frequency at most `max_df` texts)
   are looked up in the inverted index; each stored text scores the *containment* of
   the article in it (shared n-grams / the article's n-grams). Containment, not
   Jaccard: a short rewrite is a small part of a long source. When most of the
   article's n-grams are frequent (a reprint of a story hundreds of outlets ran), its
   rarest frequent n-grams are looked up too, within a budget of postings.
2. The shortlist is re-scored with shared passages (the per-pair step of `scan`),
   giving the share of each text the reuse covers, in both directions; each text's
   articles are candidates (outlets that printed the same text are listed one by one,
   `identical` when the text is the article's own).
3. Direction from dates when both are known: the earlier text is the source.
4. `compare` runs against the best candidate (or each of the top N).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from retold.compare import compare
from retold.corpus.fingerprint import content_hash, fingerprint
from retold.corpus.pairs import Words, earlier, passages_of
from retold.corpus.store import Store
from retold.report import Report
from retold.text.article import Article

DF_CAP = 100  # n-grams in more texts than this are stock phrases: ignored...
FREQUENT_BUDGET = 20_000  # ...unless most of the article is made of them: postings read then
SHORTLIST = 20  # candidate texts re-scored with passages


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored article the traced article may come from."""

    doc: int
    id: str
    title: str
    date: str
    publisher: str
    share_of_article: float
    share_of_candidate: float
    direction: str | None  # candidate->article | article->candidate | None
    shared_ngrams: int
    identical: bool = False  # the same text as the article

    def to_dict(self) -> dict[str, object]:
        return {
            "identical": self.identical,
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "publisher": self.publisher,
            "share_of_article": round(self.share_of_article, 4),
            "share_of_candidate": round(self.share_of_candidate, 4),
            "direction": self.direction,
            "shared_ngrams": self.shared_ngrams,
        }


@dataclass(frozen=True)
class Trace:
    """The traced article, its ranked candidates and the compare report(s)."""

    article: Article
    words: int
    candidates: tuple[Candidate, ...]
    reports: tuple[Report, ...]

    @property
    def report(self) -> Report | None:
        return self.reports[0] if self.reports else None

    def to_dict(self) -> dict[str, object]:
        """The `retold.trace/1` JSON contract."""
        data: dict[str, object] = {
            "schema": "retold.trace/1",
            "article": {"id": self.article.id, "title": self.article.title, "words": self.words},
            "candidates": [c.to_dict() for c in self.candidates],
            "report": self.reports[0].to_dict() if self.reports else None,
        }
        if len(self.reports) > 1:
            data["reports"] = [r.to_dict() for r in self.reports]
        return data


def containment_ranking(
    grams: frozenset[int], postings: Iterable[tuple[int, int]], *, exclude: int | None = None
) -> list[tuple[int, int]]:
    """(text, shared n-grams) best first: the candidate step, pure over plain values."""
    shared = Counter(doc for _, doc in postings if doc != exclude)
    return sorted(shared.items(), key=lambda item: (-item[1], item[0]))


def direction(candidate_date: str, article_date: str) -> str | None:
    order = earlier(candidate_date, article_date)
    return None if order == 0 else "candidate->article" if order < 0 else "article->candidate"


def lookup_grams(counts: dict[int, int], max_df: int) -> list[int]:
    """The article's n-grams to look up: the rare ones, and when most of those present in
    the corpus are frequent, the rarest frequent ones within FREQUENT_BUDGET postings."""
    rare = [g for g, n in counts.items() if n <= max_df]
    frequent = sorted((n, g) for g, n in counts.items() if n > max_df)
    if len(frequent) <= len(rare):
        return rare
    budget = FREQUENT_BUDGET
    for n, gram in frequent:
        if n > budget:
            break
        rare.append(gram)
        budget -= n
    return rare


def find_candidates(
    store: Store, article: Article, *, top: int = 5, max_df: int = DF_CAP
) -> tuple[Candidate, ...]:
    """The top candidate sources of `article`, best first, with shares both ways."""
    fp = fingerprint(article.text)
    counts = store.gram_counts(fp.grams)
    common = frozenset(g for g, n in counts.items() if n > max_df)
    ranked = containment_ranking(fp.grams, store.postings(lookup_grams(counts, max_df)))
    own = store.text_of_hash(content_hash(article.text))
    if own is not None and all(doc != own for doc, _ in ranked):
        ranked.insert(0, (own, len(fp.grams)))
    shortlist = ranked[: max(SHORTLIST, top)]
    texts = [doc for doc, _ in shortlist]
    records, carriers = store.texts(texts), store.carriers(texts)
    scored = []
    article_words = Words.of(article.text)
    for doc, shared in shortlist:
        record = records[doc]
        if doc == own:
            covered_article, covered_candidate = len(article_words.tokens), record.words
        else:
            _, covered_article, covered_candidate = passages_of(
                article_words, Words.of(record.text), common
            )
        for carrier in carriers.get(doc, []):
            if doc == own and carrier.id == article.id:
                continue  # the article itself
            scored.append(
                Candidate(
                    carrier.article,
                    carrier.id,
                    carrier.title,
                    carrier.date,
                    carrier.publisher,
                    covered_article / max(1, len(article_words.tokens)),
                    covered_candidate / max(1, record.words),
                    direction(carrier.date, article.date),
                    shared,
                    doc == own,
                )
            )
    scored.sort(key=lambda c: (-c.share_of_article, -c.shared_ngrams, -c.share_of_candidate))
    return tuple(scored[:top])


def trace(
    store: Store,
    article: Article,
    *,
    top: int = 5,
    compare_all: bool = False,
    max_df: int = DF_CAP,
) -> Trace:
    """Rank the sources of `article` in the corpus and compare it with the best (or all)."""
    candidates = find_candidates(store, article, top=top, max_df=max_df)
    chosen = candidates if compare_all else candidates[:1]  # doc: the article number
    sources = store.articles([c.doc for c in chosen])
    reports: tuple[Report, ...]
    if compare_all:
        # one report against every candidate that shares text with the article: a
        # rewrite stitched from two wire stories is checked sentence by sentence
        # against the story each sentence comes from
        used = [c for c in chosen if c.share_of_article > 0] or chosen[:1]
        texts = [sources[c.doc] for c in used]
        reports = (compare(texts if len(texts) > 1 else texts[0], article),) if texts else ()
    else:
        reports = tuple(compare(sources[c.doc], article) for c in chosen)
    return Trace(article, fingerprint(article.text).words, candidates, reports)
