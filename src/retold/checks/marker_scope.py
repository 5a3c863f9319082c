"""The scope of a stance marker: the content word a negator, modal, hedge or quantifier governs.

The stance checks (`polarity`, `certainty`, `qualifiers`) compare a derived clause with
its source clause only where both state the same proposition, and a marker matters only
for the word it governs: the first content word it reaches over light words ("will
still have to be approved" governs "approved"; after an article, the noun phrase's first
word, so "not the first time Trump…" denies "first"). A clause that is a quotation is
the quote check's, not theirs.
"""

from __future__ import annotations

from retold.checks.parts import (
    ClausePair,
    Part,
)
from retold.text.clauses import Marker

GOVERN_REACH = 6  # words a marker reaches over light ones: "will still have to be approved"
LIGHT = frozenset(
    """be been being is are was were have has had not soon also still then yet ever even
    always just now able already to""".split()
)
ARTICLES = frozenset({"the", "a", "an"})


def own_words(pair: ClausePair) -> bool:
    """The derived clause is the rewrite's own wording, not a quotation (quotations
    are the quote check's)."""
    return not pair.derived.quoted(pair.derived.first)


def governed(part: Part, marker: Marker) -> int | None:
    """The first content word a marker reaches over light words: what it governs. After
    an article the noun phrase's first word is governed, or nothing: "not the first time
    Trump…" denies "first", never "Trump" beyond it."""
    for i in range(marker.last + 1, min(part.last, marker.last + 1 + GOVERN_REACH)):
        norm = part.norm(i)
        if norm in ARTICLES:
            after = i + 1
            return after if after < part.last and part.weight(after) > 0 else None
        if part.weight(i) > 0 and norm not in LIGHT and not norm.endswith("ly"):
            return i
    return None


def governor(
    part: Part, word: int, classes: tuple[str, ...], reach: int = GOVERN_REACH
) -> Marker | None:
    """A marker of the given classes standing before `word` over light words only."""
    for marker in part.markers(*classes):
        if marker.last < word <= marker.last + reach and governed(part, marker) == word:
            return marker
    return None
