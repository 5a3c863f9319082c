"""Word-level knowledge: language guess, stems, synonym keys, number words, weights.

A word's *key* is what alignment compares (stem, then synonym group); its *weight*
says how much a shared key counts (rare words count more; function words not at all).
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources

import regex
import Stemmer
import wordfreq

from retold.text.tokens import norm_word

_ARABIC_SCRIPT = regex.compile(r"\p{Arabic}")
_LATIN = regex.compile(r"\p{Latin}")

NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Words of this frequency (Zipf scale) or above are function words: weight 0.
FUNCTION_ZIPF = 6.0
NUMBER_WEIGHT = 3.0
# Reporting verbs carry attribution, not content: "X said" must not make reuse.
REPORTING_KEY = "say"
REPORTING_WEIGHT = 0.5


def guess_language(text: str) -> str:
    """ISO code for wordfreq and the stemmer: 'ur' for Arabic script, else 'en'."""
    sample = text[:4000]
    if sample.isascii() or not _ARABIC_SCRIPT.search(sample):
        return "en"  # no Arabic script at all: the counts below would say so too
    arabic = len(_ARABIC_SCRIPT.findall(sample))
    latin = len(_LATIN.findall(sample))
    return "ur" if arabic > latin else "en"


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Stemmer.Stemmer | None:
    # no cache inside the stemmer (maxCacheSize 0): ours (`add_lexemes`, `word_key`) is in
    # front of it, and its own purges made a new word cost 5 times the stemming
    return Stemmer.Stemmer("english", 0) if language == "en" else None


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    stem = Stemmer.Stemmer("english", 0).stemWord
    table: dict[str, str] = {}
    raw = resources.files("retold").joinpath("data/synonyms.txt").read_text("utf-8")
    for line in raw.splitlines():
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        head = stem(words[0])
        for word in words:
            for form in inflections(word):
                table.setdefault(form, head)
    return table


def inflections(word: str) -> set[str]:
    """A listed word and its regular inflections. Synonyms are looked up by word form,
    not by stem, so "states" (the noun) does not join "stated", nor "aide" "aid"."""
    forms = {word, word + "s", word + "es", word + "ed", word + "ing"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 3:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return forms


def is_number(norm: str) -> bool:
    """A numeral (decimal digits: "¹" and "①" are not numbers to int()) or number word."""
    return norm[:1].isdecimal() or norm in NUMBER_WORDS


def _key(norm: str, stem: str | None) -> str:
    """The key of a normalised word given its stem (None: the language has no stemmer)."""
    if norm[:1].isdecimal():
        return norm
    if norm in NUMBER_WORDS:
        return str(NUMBER_WORDS[norm])
    if stem is None:
        return norm
    return _synonyms().get(norm, stem)


@lru_cache(maxsize=200_000)
def word_key(norm: str, language: str = "en") -> str:
    """The comparison key of a normalised word: number value, or synonym group of its stem."""
    stemmer = _stemmer(language)
    return _key(norm, None if stemmer is None else stemmer.stemWord(norm))


@lru_cache(maxsize=4)
def _frequencies(language: str) -> dict[str, float]:
    return wordfreq.get_frequency_dict(language)


def zipf_of(norm: str, language: str) -> float:
    """wordfreq's Zipf frequency. A plain English word is read straight from its table
    (the same figure, 50 times faster: wordfreq re-tokenises every word it is asked)."""
    if language == "en" and norm.isalpha() and norm.isascii():
        frequency = _frequencies(language).get(norm, 0.0)
        return round(math.log10(frequency) + 9, 2) if frequency > 0 else 0.0
    return float(wordfreq.zipf_frequency(norm, language))


def _weight(norm: str, key: str, language: str) -> float:
    if is_number(norm):
        return NUMBER_WEIGHT
    zipf = zipf_of(norm, language)
    if zipf >= FUNCTION_ZIPF:
        return 0.0
    if key == REPORTING_KEY:
        return REPORTING_WEIGHT
    return min(6.0, max(0.5, 7.0 - zipf))


@lru_cache(maxsize=200_000)
def word_weight(norm: str, language: str = "en") -> float:
    """How much sharing this word says about shared content (0 for function words)."""
    return _weight(norm, word_key(norm, language), language)


# word as written -> (normalised form, key, weight), per language: one dict lookup per
# token instead of three cached calls (analysis of every article goes through here)
_LEXEMES: dict[str, dict[str, tuple[str, str, float]]] = {}
Lexeme = tuple[str, str, float]


def lexemes(language: str) -> dict[str, Lexeme]:
    """The (growing) table of surface word -> (norm, key, weight) for `language`; look
    words up with `table.get(word)`, and `add_lexemes` the ones it lacks."""
    return _LEXEMES.setdefault(language, {})


def add_lexemes(words: list[str], language: str) -> None:
    """Normalise, key and weigh words as written (stemmed in one call), and remember
    them: the words of an article the process has not seen before."""
    table = lexemes(language)
    if len(table) + len(words) >= _MAX_LEXEMES:
        table.clear()  # a long-running scan over many languages' names: stay bounded
    norms = [norm_word(w) for w in words]
    stemmer = _stemmer(language)
    stems: list[str | None] = list(stemmer.stemWords(norms)) if stemmer else [None] * len(norms)
    for word, norm, stem in zip(words, norms, stems, strict=True):
        key = _key(norm, stem)
        table[word] = (norm, key, _weight(norm, key, language))


_MAX_LEXEMES = 500_000
