"""The words of a masked text, as the speaker reader walks them: tokens and reporting verbs.

A *masked* text is an article's normalised text with every quoted stretch replaced by
`MASK` characters of the same length, so that offsets stay the article's and words
inside quotation marks are never taken for an attribution. Its tokens (names with
their titles and initials, words, punctuation) and its reporting verbs ("said",
"according to", "issued a statement") are found once per text and indexed by offset;
the lexicon of titles, role nouns, bodies and speech verbs comes from the package data
files (`data/speaker_roles.txt`, `data/speech_verbs.txt`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import compress, repeat
from typing import NamedTuple

import regex

from retold.text.tokens import non_ascii_chars

MASK = "\x01"  # stands for a character inside quotation marks

_WORD = regex.compile(
    r"\x01+"
    r"|(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Prof|Rev|Jr|Sr|Mt)\.(?=[ ]\p{Lu})"
    r"|(?:\p{L}\.){2,}|\p{Lu}\.(?=[ ]\p{Lu})"
    r"|[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'\-&]*|[,;:.!?()\-]"
)
# The same tokens with the standard library's engine (faster for this simple pattern);
# [^\W\d_] is a letter, [^\W_] a letter or digit. The first branch only makes the
# commonest words (lower case, not an initial) cheap to find: same tokens. No token
# starts with a space: the lookahead says so, and spaces fail at once (1.7 times faster).
_WORD_FAST = re.compile(
    r"(?=\S)(?:"
    r"(?:[a-z](?!\.)|[0-9])[\w'\-&]*"
    r"|\x01+"
    r"|(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Prof|Rev|Jr|Sr|Mt)\.(?= [A-Z])"
    r"|(?:[^\W\d_]\.){2,}|[A-Z]\.(?= [A-Z])"
    r"|[^\W_][\w'\-&]*|[,;:.!?()\-])"
)
# `_WORD_FAST` again for a text whose letters and digits are all ASCII (most news text
# once its quotation marks are plain): explicit ASCII classes, where `\w` asks Unicode
# of every character: the same tokens, found in 0.8 of the time.
_W = r"[A-Za-z0-9_'\-&]"
_WORD_ASCII = re.compile(
    r"(?=\S)(?:"
    rf"(?:[a-z](?!\.)|[0-9]){_W}*"
    r"|\x01+"
    r"|(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Prof|Rev|Jr|Sr|Mt)\.(?= [A-Z])"
    r"|(?:[A-Za-z]\.){2,}|[A-Z]\.(?= [A-Z])"
    rf"|[A-Za-z0-9]{_W}*|[,;:.!?()\-])"
)


def _word_pattern(text: str) -> re.Pattern[str]:
    """`_WORD_ASCII` when no letter or digit of `text` lies outside ASCII (what a word
    character class adds beyond ASCII), else `_WORD_FAST`."""
    if not any(c.isalnum() for c in non_ascii_chars(text)):
        return _WORD_ASCII
    return _WORD_FAST


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[str]  # lower-cased, multi-word titles joined by spaces
    title_words: int  # longest title, in words
    title_starts: frozenset[str]  # first words of the titles
    roles: frozenset[str]  # person nouns: office holders and others
    carried: frozenset[str]  # office holders: "the mayor" may stand for the last speaker
    bodies: frozenset[str]
    verb_words: frozenset[str]
    missing_close: regex.Pattern[str]  # ", the organisation said" inside an unclosed quotation


@cache
def lexicon() -> Lexicon:
    """Titles, role nouns, bodies and reporting verbs from the package data files."""
    titles: set[str] = set()
    roles: set[str] = set()
    carried: set[str] = set()
    bodies: set[str] = set()
    data = resources.files("retold") / "data"
    for line in (data / "speaker_roles.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, value = line.partition(" ")
        value = value.strip().casefold()
        {"title": titles, "role": roles, "party": roles, "body": bodies}[kind].add(value)
        if kind == "role":
            carried.add(value)
    verbs = sorted(
        (
            line.strip()
            for line in (data / "speech_verbs.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ),
        key=len,
        reverse=True,
    )
    said = "|".join(v for v in verbs if " " not in v)
    # "I explained" inside a quotation is the speaker talking, not an attribution
    missing_close = regex.compile(
        r"(?<=,)[ ]+(?:he|she|they|it|(?:the|a|an|his|her|its|their)[ ]+[\p{L}\- ]{1,40}?"
        r"|(?!I[ ])\p{Lu}[\p{L}'\-]*(?:[ ]+\p{Lu}[\p{L}'\-]*){0,3})[ ]+(?:" + said + r")\b"
    )
    return Lexicon(
        frozenset(titles),
        max(len(t.split()) for t in titles),
        frozenset(t.split()[0] for t in titles),
        frozenset(roles),
        frozenset(carried),
        frozenset(bodies),
        frozenset(v for v in verbs if " " not in v),
        missing_close,
    )


class Tok(NamedTuple):
    start: int
    end: int
    text: str


class Verb(NamedTuple):
    """A reporting verb (or "according to") found in the text."""

    begin: int
    finish: int
    word: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.word


_SENTENCE_VERBS = frozenset({"Said", "Says", "Added", "Adds", "Wrote", "Writes", "Told"})
_PHRASES = {("according", "to"): "according to", ("issued", "a", "statement"): "issued a statement"}
_PHRASE_FIRST = frozenset(p[0] for p in _PHRASES)


class _Words(NamedTuple):
    """The tokens of a (masked) text, also as an array of starts, and its reporting verbs."""

    starts: list[int]
    toks: list[Tok]
    verb_starts: list[int]
    verbs: list[Verb]


@lru_cache(maxsize=1)
def _verb_words() -> frozenset[str]:
    return frozenset(lexicon().verb_words | _SENTENCE_VERBS | _PHRASE_FIRST)


@lru_cache(maxsize=2)
def analysed(text: str) -> _Words:
    """Words and reporting verbs of a (masked) text, computed once per text (kept
    while its quotations are read: see `forget_words`)."""
    found = list(_word_pattern(text).finditer(text))
    starts = list(map(re.Match.start, found))
    texts = list(map(re.Match.group, found))
    ends = map(re.Match.end, found)
    # records built by tuple.__new__ in C: a NamedTuple's own __new__ is Python code
    toks = list(map(tuple.__new__, repeat(Tok), zip(starts, ends, texts, strict=True)))
    verbs: list[Verb] = []
    for k in compress(range(len(texts)), map(_verb_words().__contains__, texts)):
        word = texts[k]
        if word not in _PHRASE_FIRST:
            verbs.append(Verb(starts[k], toks[k].end, word))
            continue
        for phrase, name in _PHRASES.items():
            if word == phrase[0] and tuple(texts[k : k + len(phrase)]) == phrase:
                verbs.append(Verb(starts[k], toks[k + len(phrase) - 1].end, name))
    return _Words(starts, toks, [v.begin for v in verbs], verbs)


def forget_words() -> None:
    """Drop the tokens of the articles read so far: once an article's quotations are
    found, nothing reads them again, and left in memory they would cost the collector
    a walk over a few thousand records after every compare."""
    analysed.cache_clear()


def tokens_among(text: str, wanted: set[str] | frozenset[str]) -> list[Tok]:
    """The tokens of a (masked) text that are one of the `wanted` words, in order."""
    return [t for t in analysed(text).toks if t.text in wanted]


def tokens_between(text: str, lo: int, hi: int) -> list[Tok]:
    words = analysed(text)
    i, j = bisect_left(words.starts, lo), bisect_left(words.starts, hi)
    toks = words.toks
    while j > i and toks[j - 1].end > hi:
        j -= 1
    return toks[i:j]


def verbs_between(text: str, lo: int = 0, hi: int | None = None) -> list[Verb]:
    words = analysed(text)
    starts, verbs = words.verb_starts, words.verbs
    return verbs[bisect_left(starts, lo) : bisect_left(starts, len(text) if hi is None else hi)]


def is_cap(word: str) -> bool:
    return word[:1].isupper()  # the mask character is not upper case
