"""The words of a line as the furniture rules read them, and whether one could be a verb.

A line's words are its whitespace-separated pieces trimmed of edge punctuation ("a.m."
keeps its stops), symbols alone dropped; a capitalised word opens with a capital or a
digit. Without a tagger, a word could be a finite verb when it is an auxiliary or a
common verb form, ends in "-ed" or "-ing", or has such forms in the language's word
frequencies (generous: a noun that is also a verb counts), which only spares lines from
the verbless rules. `MAX_WORDS` bounds the short lines most rules look at.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import regex

from retold.text.lexicon import zipf_of

MAX_WORDS = 20  # a boilerplate line is short; longer paragraphs are story text

_EDGE_PUNCT = "\"'“”‘’()[]{}<>,;:!?«»*•·|…–—-/\\_=+~^"
_HAS_ALNUM = regex.compile(r"[\p{L}\p{N}]")


def line_tokens(line: str) -> list[str]:
    """The words of a line, punctuation trimmed from their ends ("a.m." keeps its stops)."""
    words = []
    for raw in line.split():
        word = raw.strip(_EDGE_PUNCT)
        if not word.lower().endswith(("a.m.", "p.m.")):
            word = word.rstrip(".")
        if word and (word[0].isalnum() or _HAS_ALNUM.search(word)):
            words.append(word)
    return words


def capitalised(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


_AUXILIARIES = frozenset(
    "is are was were be been being am isn't aren't wasn't weren't has have had hasn't"
    " haven't hadn't do does did don't doesn't didn't will would shall should can could"
    " may might must won't wouldn't can't couldn't shouldn't mustn't 's 're 've 'll 'd"
    " said says say told tells tell met meets meet went goes go came comes come took takes"
    " take made makes make gave gives give got gets get saw sees see found finds find left"
    " leaves leave held holds hold led leads lead won wins win lost loses lose sent sends"
    " send spent began begins begin brought brings bring bought buys buy thought thinks"
    " think felt feels feel kept keeps keep knew knows know ran runs run rose rises rise"
    " fell falls fall hit hits put puts set sets cut cuts let lets paid pays pay sold sells"
    " sell stood stands stand wrote writes write spoke speaks speak broke breaks break"
    " chose chooses choose flew flies fly grew grows grow threw throws throw became becomes"
    " become sat sits sit shot shoots fought fights fight taught teaches caught catches"
    " meant means mean heard hears hear read reads want wants need needs seem seems"
    " look looks".split()
)
_NOT_VERBS = frozenset(
    "during morning evening meeting meetings building buildings nothing something anything"
    " everything thing things king ring spring string wedding ceiling beijing wyoming"
    " briefing hearing funding housing spending training hundred indeed speed naked sacred"
    " wicked kindred creed greed shed bed red fed".split()
)
_SIBILANT_ENDS = ("ss", "us", "is", "ous", "ics", "'s", "’s")


@lru_cache(maxsize=20_000)
def verb_like(word: str) -> bool:
    """Could this lower-case word be a finite verb? Generous (a noun that is also a
    verb counts): it only spares lines from the verbless rules."""
    word = word.replace("’", "'")
    if word in _AUXILIARIES or word.endswith(("n't", "'re", "'ve", "'ll", "'d", "'m")):
        return True
    if word in _NOT_VERBS or len(word) < 3 or not word.isalpha():
        return False
    if word.endswith(("ed", "ing")) and len(word) >= 5:
        return True
    bases = [word]
    if word.endswith("s") and not word.endswith(_SIBILANT_ENDS):
        bases = [word[:-1]] + ([word[:-2]] if word.endswith("es") else [])
        bases += [word[:-3] + "y"] if word.endswith("ies") else []
    for base in bases:
        forms = (base + "ed", base + "d", base + "ing", base[:-1] + "ing", base[:-1] + "ied")
        if any(zipf_of(form, "en") >= 2.3 for form in forms):
            return True
    return False


def verbless(words: Sequence[str]) -> bool:
    """No word that could be a verb: any lower-case word tried, a capitalised one only
    against the closed list ("It's", "Is"; "Sanctions" is a heading's noun)."""
    for word in words:
        low = word.lower()
        if (not word[0].isupper() or word.isupper()) and verb_like(low):
            return False
        if low.replace("’", "'") in _AUXILIARIES or low.endswith(("'s", "’s", "n't", "n’t")):
            return False
    return True
