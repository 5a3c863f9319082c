"""Fingerprints: hashed word n-grams over the same normalised words `compare` aligns.

Pure functions over plain values, so a Spark job can call them unchanged.

- Words are `retold.text.tokenize` norms (casefolded, "Trump's" -> "trump", "3,000" ->
  "3000") after `retold.text.normalize` (typographic quotes and dashes made plain).
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
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from retold.text import _WORD, _norm_word, normalize

NGRAM = 5
SAMPLE = 4
SCHEME = f"w{NGRAM}-s{SAMPLE}-blake2b-tuplehash-py{sys.version_info[0]}.{sys.version_info[1]}"
_SPACE = regex.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The sampled n-gram hashes of a text and its length in words."""

    grams: frozenset[int]
    words: int


def words(text: str) -> list[str]:
    """The normalised words of `text`: exactly `[t.norm for t in tokenize(text)]`, faster."""
    return [_norm_word(w) for w in _WORD.findall(normalize(text).text)]


@lru_cache(maxsize=1_000_000)
def word_hash(word: str) -> tuple[int, bool]:
    """A stable 64-bit hash of a word, and whether n-grams starting with it are kept."""
    value = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
    return value, value % SAMPLE == 0


def gram_hashes(tokens: list[str]) -> set[int]:
    """Hashes of the sampled n-grams of a word sequence."""
    hashed = [word_hash(w) for w in tokens]
    values = [h for h, _ in hashed]
    return {
        hash(tuple(values[i : i + NGRAM])) for i in range(len(values) - NGRAM + 1) if hashed[i][1]
    }


def fingerprint(text: str) -> Fingerprint:
    """The fingerprint of an article's text."""
    tokens = words(text)
    return Fingerprint(frozenset(gram_hashes(tokens)), len(tokens))


def content_hash(text: str) -> str:
    """Key of an article's content: sha1 of its NFC text with runs of space collapsed."""
    plain = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha1(plain.encode("utf-8")).hexdigest()
