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
- Indexing reaches the same word hashes by a faster road (`WordHasher`): the text is
  lower-cased and split into tokens by one byte table, and each token's hash comes
  from a memo, all in C; property tests hold it to `tokenize`.
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from operator import not_

from retold.text.tokens import norm_word as _norm_word
from retold.text.tokens import word_pattern

NGRAM = 5
SAMPLE = 8  # a power of two (sampling tests the low bits)
SCHEME = f"w{NGRAM}-s{SAMPLE}-blake2b-tuplehash-py{sys.version_info[0]}.{sys.version_info[1]}"


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The sampled n-gram hashes of a text and its length in words."""

    grams: frozenset[int]
    words: int


def raw_words(text: str) -> list[str]:
    """The words of `text` as `retold.text.tokenize` finds them (before normalising)."""
    found: list[str] = word_pattern(text).findall(text)
    return found


def words(text: str) -> list[str]:
    """The normalised words of `text`: exactly `[t.norm for t in tokenize(text)]`, faster."""
    return [_norm_word(w) for w in raw_words(text)]


@lru_cache(maxsize=200_000)
def word_hash(word: str) -> int:
    """A stable 64-bit hash of a normalised word."""
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


# Byte table for the fast path: ASCII letters lower-cased; letters, digits and the three
# marks a word can contain (. , ') kept; every other byte becomes a space. No word spans
# a space, so the words of a text are the words of each space-separated token.
_TOKEN_BYTES = (
    bytes(
        c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() or chr(c) in ".,'" else 32
        for c in range(128)
    )
    + b" " * 128
)
_ASCII = frozenset(map(chr, range(128)))


@lru_cache(maxsize=4096)
def _splits_words(char: str) -> bool:
    """Is this non-ASCII character outside every word (not a letter, mark or digit)?"""
    return unicodedata.category(char)[0] not in "LMN"


def ascii_tokens(text: str) -> list[bytes] | None:
    """`text` lower-cased and split at every byte no word contains, as ASCII tokens.

    None when `text` has non-ASCII letters, marks or digits (the exact path applies).
    Other non-ASCII characters ("£", "—", curly double quotes) split words, as in
    `retold.text`; a curly apostrophe becomes a plain one, as `norm_word` makes it.
    """
    if not text.isascii():
        text = text.replace("\u2019", "'")
        if not text.isascii() and not all(map(_splits_words, set(text).difference(_ASCII))):
            return None
    return text.encode("ascii", "replace").translate(_TOKEN_BYTES).split()


def token_hashes(token: bytes) -> tuple[int, ...]:
    """Hashes of the normalised words of one lower-case ASCII token (usually one word)."""
    words = token.decode("ascii")
    return tuple(word_hash(_norm_word(w)) for w in word_pattern(words).findall(words))


class _Memo(dict[bytes, int]):
    """Token -> hash of its one word, or -1 when it has none or several (kept in `multi`):
    "..." or "," alone, "£30bn" or "1980s" (a number then a word). Filled on a miss."""

    def __init__(self) -> None:
        super().__init__()
        self.multi: dict[bytes, tuple[int, ...]] = {}

    def __missing__(self, token: bytes) -> int:
        if token.isalpha():  # a plain lower-case word is its own norm
            self[token] = value = word_hash(token.decode("ascii"))
            return value
        values = token_hashes(token)
        if len(values) == 1:
            self[token] = values[0]
            return values[0]
        self.multi[token] = values
        self[token] = -1
        return -1


class WordHasher:
    """Text -> hash of each normalised word, with a bounded memo: the hot loop of indexing.

    One lookup per token, all in C (`map` over the memo), and Python work only for the
    few tokens that are not exactly one word.
    """

    def __init__(self, limit: int = 200_000) -> None:
        self.memo = _Memo()
        self.limit = limit

    def hashes(self, text: str) -> list[int]:
        """The hash of each word of `text`, in order."""
        tokens = ascii_tokens(text)
        if tokens is None:
            return [word_hash(w) for w in words(text)]
        if len(self.memo) > self.limit:
            self.memo = _Memo()
        found = list(map(self.memo.__getitem__, tokens))
        if not found or min(found) >= 0:
            return found
        multi, out, done = self.memo.multi, [], 0
        for i in compress(count(), map((0).__gt__, found)):
            out += found[done:i]
            out += multi[tokens[i]]
            done = i + 1
        out += found[done:]
        return out


def sampled_grams(values: Sequence[int]) -> set[int]:
    """Hashes of the kept n-grams (first word's hash = 0 mod SAMPLE) of word hashes."""
    hashes = tuple(values)
    # positions whose hash has its low bits all zero, found in C: h & (SAMPLE - 1) == 0
    starts = compress(range(len(hashes) - NGRAM + 1), map(not_, map((SAMPLE - 1).__and__, hashes)))
    return {hash(hashes[i : i + NGRAM]) for i in starts}


def gram_hashes(tokens: list[str]) -> set[int]:
    """Hashes of the sampled n-grams of a sequence of normalised words."""
    return sampled_grams([word_hash(w) for w in tokens])


def fingerprint(text: str, hasher: WordHasher | None = None) -> Fingerprint:
    """The fingerprint of an article's text (pass a WordHasher to reuse its memo)."""
    hashed = (hasher or WordHasher()).hashes(text)
    return Fingerprint(frozenset(sampled_grams(hashed)), len(hashed))


def content_hash(text: str) -> str:
    """Key of an article's content: sha1 of its NFC text with runs of space collapsed."""
    if text.isascii():  # the same bytes, split in C without a str per word
        data = text.encode("ascii").translate(_STR_SPACES)
        return hashlib.sha1(b" ".join(data.split())).hexdigest()
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


# ASCII characters `str.split` splits at and `bytes.split` does not (file/group/record/
# unit separators), made spaces so that both split alike.
_STR_SPACES = bytes(32 if 0x1C <= c <= 0x1F else c for c in range(256))
