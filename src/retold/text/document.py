"""An analysed article: sentences with tokens, comparison keys, weights, boilerplate flags.

`analyze` is the one place an article is turned into the text model the aligner and
the checks read; it is cached per article so a corpus scan analyses each text once.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, islice, repeat

from retold.text.article import Article
from retold.text.boilerplate import furniture_reason
from retold.text.lexicon import add_lexemes, guess_language, lexemes
from retold.text.page import furniture_paragraphs
from retold.text.sentences import SentenceSpan, paragraphs, split_sentences
from retold.text.tokens import Token, word_pattern

SHORT_SENTENCE_WORDS = 8  # a lone sentence is checked for boilerplate only when this short


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its span in the article text and its words, as parallel arrays
    (word i is text[starts[i]:ends[i]], normalised norms[i], keyed keys[i], weighing
    weights[i]): one tuple per field, not one object per word, keeps analysis cheap."""

    index: int
    start: int
    end: int
    paragraph: int
    text: str
    norms: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    keys: tuple[str, ...]
    weights: tuple[float, ...]
    boilerplate: bool

    @property
    def words(self) -> int:
        return len(self.norms)

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The words as Token records (built on each call: read once, keep the result)."""
        columns = zip(self.starts, self.ends, self.norms, strict=True)
        return tuple(map(tuple.__new__, repeat(Token), columns))  # records built in C

    def content(self) -> dict[str, float]:
        """Weighted bag of content keys (function words, of weight 0, dropped)."""
        kept = list(compress(zip(self.keys, self.weights, strict=True), self.weights))
        bag = dict(kept)  # keys in first-seen order, each with its last weight...
        if len(bag) < len(kept):  # ...so a key seen twice takes its largest
            for key, weight in kept:
                if weight > bag[key]:
                    bag[key] = weight
        return bag


@dataclass(frozen=True, eq=False)
class Document:
    """An article with its sentences analysed (compared and hashed by identity: caches
    keyed on a Document stay cheap)."""

    article: Article
    language: str
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return self.article.text

    def body(self) -> tuple[Sentence, ...]:
        """Sentences that are story text (boilerplate dropped)."""
        return tuple(s for s in self.sentences if not s.boilerplate)

    def body_words(self) -> int:
        return sum(s.words for s in self.sentences if not s.boilerplate)


def _boilerplate_paragraphs(text: str) -> dict[int, str]:
    """Paragraph number -> the furniture rule it matched (its shape, its neighbours)."""
    return furniture_paragraphs([span.of(text) for span in paragraphs(text)])


Words = tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...], tuple[str, ...], tuple[float, ...]]


def words_of(
    text: str, start: int, end: int, language: str, pattern: re.Pattern[str] | None = None
) -> Words:
    """Norms, starts, ends, keys and weights of the words of text[start:end] (the hot
    loop of analysis: one regex pass, one dict lookup per word, columns built in C).
    `pattern`: `word_pattern(text)`, when the caller reads many stretches of one text."""
    found = list((pattern or word_pattern(text)).finditer(text, start, end))
    if not found:
        return (), (), (), (), ()
    match = type(found[0])  # re's or regex's: their methods, mapped in C over the matches
    words = list(map(match.group, found))
    table = lexemes(language)
    entries = list(map(table.get, words))
    if None in entries:  # words not seen before in this process
        add_lexemes(list({w for w, e in zip(words, entries, strict=True) if e is None}), language)
        # the entries read before stay valid even if the table was emptied to stay bounded
        entries = [e or table[w] for e, w in zip(entries, words, strict=True)]
    norms, keys, weights = zip(*entries, strict=True)
    return norms, tuple(map(match.start, found)), tuple(map(match.end, found)), keys, weights


def _cut(words: Words, i: int, j: int) -> Words:
    norms, starts, ends, keys, weights = words
    return norms[i:j], starts[i:j], ends[i:j], keys[i:j], weights[i:j]


def _shifted(words: Words, by: int) -> Words:
    """The same words `by` characters further on (a remembered sentence placed anew)."""
    if not by:
        return words
    norms, starts, ends, keys, weights = words
    return norms, tuple(map(by.__add__, starts)), tuple(map(by.__add__, ends)), keys, weights


# language -> sentence text -> (its words, the offset their starts and ends count from):
# a rewrite copies most of its source's sentences word for word, and a copied sentence
# is then analysed once per comparison, not twice (no word crosses a sentence edge)
_SENTENCES: dict[str, dict[str, tuple[Words, int]]] = {}
_MAX_SENTENCES = 4096


def _words_by_sentence(
    text: str, spans: list[SentenceSpan], chunks: list[str], language: str
) -> list[Words]:
    """The words of each sentence (chunks[k] is text[spans[k]]), offsets into `text`:
    remembered ones shifted to where the sentence now is, the others found by one pass
    over each stretch of them."""
    table = _SENTENCES.setdefault(language, {})
    pattern = word_pattern(text)  # once: choosing it reads the whole text
    known = list(map(table.get, chunks))
    result: list[Words] = []
    k = 0
    while k < len(spans):
        entry = known[k]
        if entry is not None:
            result.append(_shifted(entry[0], spans[k].start - entry[1]))
            k += 1
            continue
        last = k
        while last + 1 < len(spans) and known[last + 1] is None:
            last += 1
        words = words_of(text, spans[k].start, spans[last].end, language, pattern)
        for n in range(k, last + 1):
            start = spans[n].start
            cut = _cut(words, bisect_left(words[1], start), bisect_left(words[1], spans[n].end))
            result.append(cut)
            table[chunks[n]] = (cut, start)
        k = last + 1
    if len(table) > _MAX_SENTENCES:  # the oldest go, down to half: bounded in a long scan
        for key in list(islice(table, len(table) - _MAX_SENTENCES // 2)):
            del table[key]
    return result


@lru_cache(maxsize=256)  # as many as the per-document caches of align and quotes keep
def analyze(article: Article) -> Document:
    """Split, tokenise and key an article (cached: articles are immutable)."""
    text = article.text
    language = guess_language(text)
    flagged = _boilerplate_paragraphs(text)
    title_start, title_end = article.title_span
    spans = split_sentences(text)
    if not spans:
        return Document(article, language, ())
    body = [s for s in spans if not title_start <= s.start < title_end]
    chunks = [text[s.start : s.end] for s in body]
    sentences: list[Sentence] = []
    for span, chunk, words in zip(
        body, chunks, _words_by_sentence(text, body, chunks, language), strict=True
    ):
        norms, starts, ends, keys, weights = words
        if not norms:
            continue
        boiler = span.paragraph in flagged or (  # a credit or stamp glued into a paragraph
            len(norms) <= SHORT_SENTENCE_WORDS and furniture_reason(chunk, inside=True) is not None
        )
        sentences.append(
            Sentence(
                len(sentences),
                span.start,
                span.end,
                span.paragraph,
                chunk,
                norms,
                starts,
                ends,
                keys,
                weights,
                boiler,
            )
        )
    return Document(article, language, tuple(sentences))
