"""Fingerprints: hashed word n-grams over the same normalised words `compare` aligns.

Pure functions over plain values, so a Spark job can call them unchanged.

- Words are exactly `retold.text.tokenize` norms, as `compare` aligns them (casefolded,
  curly apostrophes made plain, "Trump's" -> "trump", "3,000" -> "3000").
- An n-gram is `NGRAM` consecutive words. Its hash is Python's tuple hash of the
  words' stable 64-bit hashes (blake2b): deterministic across processes and machines
  for one CPython version, which the store records and checks.
- Only n-grams whose *first word* hashes to 0 modulo `SAMPLE` are kept. The choice
  depends on the words alone, so two texts that share a passage keep the same
  n-grams of it: containment estimated on the sample is unbiased, and a shared run
  of about 2 x SAMPLE + NGRAM words is all but certain to leave a trace.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from retold.text import WORD_PATTERN as _WORD
from retold.text import norm_word as _norm_word

NGRAM = 5
SAMPLE = 8
SCHEME = f"w{NGRAM}-s{SAMPLE}-blake2b-tuplehash-py{sys.version_info[0]}.{sys.version_info[1]}"


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The sampled n-gram hashes of a text and its length in words."""

    grams: frozenset[int]
    words: int


# `retold.text`'s word pattern restricted to ASCII letters and digits, for the standard
# `re` engine (twice as fast). It finds exactly the same words in any text whose
# non-ASCII characters are none of them letters, marks or numbers (e.g. "£", "’", "—").
_ASCII_WORD = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])|[0-9]+(?:[.,][0-9]+)*|[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*"
)


def raw_words(text: str) -> list[str]:
    """The words of `text` as `retold.text.tokenize` finds them (before normalising)."""
    if text.isascii() or not any(
        ord(c) > 127 and unicodedata.category(c)[0] in "LMN" for c in set(text)
    ):
        return _ASCII_WORD.findall(text)
    found: list[str] = _WORD.findall(text)
    return found


def words(text: str) -> list[str]:
    """The normalised words of `text`: exactly `[t.norm for t in tokenize(text)]`, faster."""
    return [_norm_word(w) for w in raw_words(text)]


@lru_cache(maxsize=200_000)
def word_hash(word: str) -> int:
    """A stable 64-bit hash of a normalised word."""
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


class WordHasher:
    """Raw word -> hash of its norm, with a bounded memo: the hot loop of indexing."""

    def __init__(self, limit: int = 200_000) -> None:
        self.memo: dict[str, int] = {}
        self.limit = limit

    def hashes(self, text: str) -> list[int]:
        """The hash of each word of `text`, in order."""
        raw = raw_words(text)
        memo = self.memo
        missing = set(raw).difference(memo)
        if missing:
            if len(memo) + len(missing) > self.limit:
                memo.clear()
                missing = set(raw)
            for word in missing:
                memo[word] = word_hash(_norm_word(word))
        return list(map(memo.__getitem__, raw))


def sampled_grams(values: list[int]) -> set[int]:
    """Hashes of the kept n-grams (first word's hash = 0 mod SAMPLE) of word hashes."""
    return {
        hash(tuple(values[i : i + NGRAM]))
        for i in range(len(values) - NGRAM + 1)
        if values[i] % SAMPLE == 0
    }


def gram_hashes(tokens: list[str]) -> set[int]:
    """Hashes of the sampled n-grams of a sequence of normalised words."""
    return sampled_grams([word_hash(w) for w in tokens])


def fingerprint(text: str, hasher: WordHasher | None = None) -> Fingerprint:
    """The fingerprint of an article's text (pass a WordHasher to reuse its memo)."""
    hashed = (hasher or WordHasher()).hashes(text)
    return Fingerprint(frozenset(sampled_grams(hashed)), len(hashed))


def content_hash(text: str) -> str:
    """Key of an article's content: sha1 of its NFC text with runs of space collapsed."""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()
