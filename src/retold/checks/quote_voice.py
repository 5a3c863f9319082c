"""Whose voice a quotation's words are in, in the source: a speaker's, another speaker's, or the reporter's.

When the source has a quotation's very words, they are *verified* if someone says them
there; *misattributed* if the source gives them to someone other than the rewrite does,
both speakers named for sure (a full or titled name at the quotation); and a *promoted
paraphrase* if they are the reporter's own words there, outside quotation marks and not
unmarked speech (first-person words, a paragraph introduced by a colon, the speaker's
own byline). Shared with the altered and unmatched readings: the `Verdict` they all
return and the tests of first-person and content words.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import regex

from retold.checks.quote_extract import SCARE_WORDS, Quotation
from retold.checks.quote_match import (
    Source,
    reporter_runs,
    source_quote,
    source_speaker,
    span_text,
)
from retold.checks.speaker_names import same_speaker
from retold.text.boilerplate import furniture_reason
from retold.text.document import Document

_MIN_CLAIM_WORDS = 4  # words a quotation needs before its speaker can be disputed

ALIGNED = ("verbatim", "paraphrase")

ONLY_REPORTER = (
    "In this source these words are the reporter's own, not a quotation: check the "
    "quotation elsewhere."
)
_FUNCTION_WORDS = frozenset(
    """about above after again against also among been before being below between both
    could does doing down during each either from further have having here into itself
    just more most much must only other over same should some such than that their them
    then there these they this those through under until upon very were what when where
    which while whom will with within without would your yours""".split()
)
_MIN_PARAGRAPH_CHARS = 60

_NEAR_CHARS = 1500  # how far back "near the quotation" looks at most
_NAME_WORDS = regex.compile(r"\p{Lu}[\p{L}'\-]+")
FIRST_PERSON = frozenset({"i", "we", "my", "our", "me", "us", "i'm", "we're", "i've", "we've"})


def _named_for_sure(name: str | None, title: str | None) -> bool:
    """A speaker named well enough to tell two speakers apart: a full name ("Tom
    Barrack") or a titled one ("Mr Barrack"), not one capitalised word, which may be a
    dateline ("TURNBERRY, Scotland —"), a place ("ambassador to Moscow") or a word
    opening the sentence ("Ahead of the summit, … telling CBS")."""
    if not name or not name[:1].isupper():
        return False
    return " " in name.strip() or title is not None


def speaker_conflict(quote: Quotation, src: Source, positions: Sequence[int]) -> bool:
    """Does the source give these words to someone else than the rewrite does? Only
    when both sides name the speaker for sure, at the quotation (or at an earlier part
    of the same quotation): "he said" read back to a name is a guess, and "a
    spokesman" or "the supporters club" is no name."""
    source = source_quote(src, positions)
    if source is None or not quote.speaker or quote.resolution != "named":
        return False
    if len(positions) < _MIN_CLAIM_WORDS:  # "Meet the Press": a title, not a statement
        return False
    if not (
        _named_for_sure(quote.speaker, quote.speaker_title)
        and _named_for_sure(source.speaker, source.speaker_title)
    ):
        return False
    if same_speaker(quote.speaker, source.speaker):
        return False
    if source.resolution == "named" or source.continues is not None:
        return True
    # "she added", "the mayor said": read back to a name, which is sure enough only
    # when the rewrite's speaker is not named near it (the pronoun could be them)
    return source.resolution in ("pronoun", "role") and not _named_near(src, source, quote.speaker)


def _named_near(src: Source, source: Quotation, name: str) -> bool:
    """Is `name` (its last word) in the source near the quotation: in its paragraph or
    the paragraph of story text before?"""
    text = src.doc.text
    # back to the start of the last paragraph of story text before the quotation's own
    # (a short line between, "Story Continued Below", does not count)
    lo = text.rfind("\n", 0, source.start)
    while lo > 0:
        start = text.rfind("\n", 0, lo - 1) + 1
        substantive = len(text[start:lo].strip()) >= _MIN_PARAGRAPH_CHARS
        lo = start
        if substantive:
            break
    window = text[max(0, lo, source.start - _NEAR_CHARS) : source.end]
    return last_word(name) in {w.casefold() for w in _NAME_WORDS.findall(window)}


def last_word(name: str) -> str:
    words = name.split()
    return words[-1].casefold().strip(".,'") if words else ""


def content_words(words: Sequence[str]) -> list[str]:
    return [w for w in words if w[:1].isdigit() or (len(w) > 3 and w not in _FUNCTION_WORDS)]


Verdict = tuple[str, str | None, str | None, str]  # status, source text, source speaker, why


def verdict_for_exact(quote: Quotation, src: Source, exact: list[int], label: str) -> Verdict:
    """The source has these very words: verified, unless they are the reporter's there
    (a promoted paraphrase) or someone else's (misattributed)."""
    text = span_text(src, exact[0], exact[-1] + 1)
    speaker = source_speaker(src, exact)
    if quote.kind == "scare" or len(exact) <= SCARE_WORDS:  # "one hour ago": too short
        return "verified", text, speaker, ""  # to say whose words they are
    runs = reporter_runs(src, exact)
    # the reporter's words that matter: not "with" before a quoted phrase, and not a
    # first-person stretch (a post, a block quotation or a transcript line, unmarked)
    reporter = [run for run in runs if content_words([src.norms[i] for i in run])]
    if reporter and speech_unmarked(src, runs, quote.speaker):
        reporter = []
    if not reporter:
        return verified_or_misattributed(quote, src, exact, text, speaker)
    if label not in ALIGNED:
        return "unsourced", text, speaker, ONLY_REPORTER
    shown = ", ".join(f'"{" ".join(map(src.surface, run))}"' for run in reporter)
    return (
        "promoted-paraphrase",
        text,
        speaker,
        "In the source only part of these words is inside quotation marks: "
        f"{shown} {'is' if len(reporter) == 1 else 'are'} the reporter's own "
        "wording. The rewrite presents it all as a direct quotation.",
    )


def speech_unmarked(src: Source, runs: list[list[int]], speaker: str | None = None) -> bool:
    """Words outside quotation marks that are someone's, not the reporter's voice: they
    speak in the first person ("I", "we", "our"), stand in a paragraph introduced by a
    colon ("It reads, in part:"), or the source is the speaker's own article (their
    byline)."""
    if any(src.norms[i] in FIRST_PERSON for run in runs for i in run):
        return True
    if any(_introduced(src.doc.text, src.starts[run[0]]) for run in runs):
        return True
    return speaker is not None and last_word(speaker) in _authors(src.doc)


INTRODUCTION_CHARS = 200  # how far back the colon of an introduction is looked for


def _introduced(text: str, at: int) -> bool:
    """Does the paragraph holding `at` follow a paragraph ending in a colon?"""
    start = text.rfind("\n", 0, at)
    return start > 0 and text[max(0, start - INTRODUCTION_CHARS) : start].rstrip().endswith(":")


@lru_cache(maxsize=64)
def _authors(doc: Document) -> frozenset[str]:
    """The last words of the names in the article's bylines, lower-cased."""
    names: set[str] = set()
    for sentence in doc.sentences:
        if sentence.boilerplate and furniture_reason(sentence.text) == "byline":
            names.update(w.casefold().strip(".,'") for w in _NAME_WORDS.findall(sentence.text))
    return frozenset(names)


def verified_or_misattributed(
    quote: Quotation, src: Source, positions: Sequence[int], text: str, speaker: str | None
) -> Verdict:
    """The source has these very words: verified, unless it gives them to someone else."""
    if speaker_conflict(quote, src, positions):
        return (
            "misattributed",
            text,
            speaker,
            f"The source quotes {speaker} saying these words, not {quote.speaker}.",
        )
    return "verified", text, speaker, ""


def own_first_person(words: list[str], pool: set[str]) -> bool:
    """Does the quotation speak in the first person where the source does not ("I
    think the European Union is a foe")? Then it is the speaker's own version, from
    elsewhere, not the source's paraphrase put in quotation marks."""
    return any(w in FIRST_PERSON and w not in pool for w in words)
