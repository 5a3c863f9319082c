"""Text model: normalisation with an offset map, word tokens, paragraphs and sentences.

Everything here returns character offsets into the original text, so that
`text[start:end]` is always the span a reader sees. Imports nothing of ours.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

import regex

# Typographic marks mapped one-to-one to their plain forms: offsets stay the same.
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u3000": " ",
        "\u200b": " ",
    }
)


# on the standard engine: a plain character set, found four times faster than by `regex`
_TYPOGRAPHIC = re.compile("[" + re.escape("".join(map(chr, _PLAIN))) + "]")


def _plain_marks(text: str) -> str:
    """`text.translate(_PLAIN)`, by one `replace` per mark present (each maps to one
    ASCII character): a dozen passes in C beat a dict lookup per character."""
    for mark in set(_TYPOGRAPHIC.findall(text)):
        text = text.replace(mark, _PLAIN[ord(mark)])
    return text


class Normalized(NamedTuple):
    """A normalised text and, for each of its characters, the offset in the original."""

    text: str
    offsets: tuple[int, ...] | None  # None: identity map (same length, same positions)

    def original(self, index: int) -> int:
        """The original offset of normalised position `index` (may equal len(text))."""
        if self.offsets is None:
            return index
        if index >= len(self.offsets):
            return self.offsets[-1] + 1 if self.offsets else 0
        return self.offsets[index]


def normalize(text: str) -> Normalized:
    """Plain quotes, dashes and spaces, Unicode NFKC; keeps a map to original offsets."""
    if text.isascii():
        return Normalized(text, None)
    plain = _plain_marks(text)
    if plain.isascii() or unicodedata.is_normalized("NFKC", plain):
        return Normalized(plain, None)
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(plain):
        folded = unicodedata.normalize("NFKC", ch) if ord(ch) > 127 else ch
        chars.append(folded)
        offsets.extend([i] * len(folded))
    return Normalized("".join(chars), tuple(offsets))


class Token(NamedTuple):
    """A word: its span in the original text and its normalised form."""

    start: int
    end: int
    norm: str


# Words: initialisms (U.S., a.m.), numbers with separators (1.4, 3,000), words with
# inner apostrophes (don't, Trump's). Hyphens split words so "next-generation" and
# "next generation" match.
_WORD = regex.compile(
    r"(?:\p{L}\.){2,}(?!\p{L})"
    r"|\d+(?:[.,]\d+)*"
    r"|[\p{L}\p{M}\p{N}]+(?:['\u2019][\p{L}\p{M}]+)*",
)
_THOUSANDS = regex.compile(r"^\d{1,3}(?:,\d{3})+$")
# `_WORD` for text whose letters, marks and digits are all ASCII ("£", "’" and "—" may
# be there), on the standard engine: the same words, found in about 60% of the time.
# The first branch only makes the commonest words (lower case, not an initial) cheap.
_ASCII_WORD = re.compile(
    r"(?=[A-Za-z0-9])(?:"  # every word starts so: other characters fail at once (1.25x)
    r"[a-z](?!\.)[A-Za-z0-9]*(?:['\u2019][A-Za-z]+)*"
    r"|(?:[A-Za-z]\.){2,}(?![A-Za-z])"
    r"|[0-9]+(?:[.,][0-9]+)*"
    r"|[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*)"
)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def non_ascii_chars(text: str) -> set[str]:
    """The distinct characters of `text` outside ASCII: whether a pattern's ASCII twin
    finds the same matches depends on these alone."""
    return set() if text.isascii() else set(_NON_ASCII.findall(text))


def word_pattern(text: str) -> re.Pattern[str]:
    """The word pattern to run over `text`: `_WORD`, or its ASCII twin when that finds
    exactly the same words (no letter, mark or digit outside ASCII)."""
    if not any(unicodedata.category(c)[0] in "LMN" for c in non_ascii_chars(text)):
        return _ASCII_WORD
    pattern: re.Pattern[str] = _WORD
    return pattern


@lru_cache(maxsize=200_000)
def _norm_word(word: str) -> str:
    word = word.casefold().replace("\u2019", "'")
    if word[0].isdigit():
        return word.replace(",", "") if _THOUSANDS.match(word) else word
    if word.endswith("'s"):
        word = word[:-2]
    return word.replace(".", "") if "." in word else word


# Public names for readers that need words without offsets (corpus fingerprints): the
# same pattern and normalisation as `tokenize`, so both sides of a comparison agree.
WORD_PATTERN = _WORD
norm_word = _norm_word


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of text[start:end], offsets into `text`."""
    found = list(word_pattern(text).finditer(text, start, len(text) if end is None else end))
    if not found:
        return []
    match = type(found[0])  # the engine's methods and records built in C, not per word
    columns = zip(
        map(match.start, found),
        map(match.end, found),
        map(_norm_word, map(match.group, found)),
        strict=True,
    )
    return list(map(tuple.__new__, repeat(Token), columns))


def word_count(text: str, start: int = 0, end: int | None = None) -> int:
    """`len(tokenize(text, start, end))`, without building the tokens."""
    stop = len(text) if end is None else end
    return len(word_pattern(text).findall(text, start, stop))


def word_norms(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """`[t.norm for t in tokenize(text, start, end)]`, without building the tokens."""
    stop = len(text) if end is None else end
    return list(map(_norm_word, word_pattern(text).findall(text, start, stop)))
