"""Headings and shouted lines: subheads, related headlines, labels and teasers in capitals.

A heading is a short line between paragraphs that does not end a sentence and is in
title case, in capitals, or without a verb (not a line of figures, a list of names or
a quotation); a writer's bio line ("NAME is a reporter for …") stands there too. A line
in capitals ending in a colon is a label ("SENATOR NAME:"), one opening with a teaser
word a teaser ("WATCH: …"). These shapes are a title's too, so they count only between
paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from retold.text.line_words import capitalised, verbless

MAX_HEADING_WORDS = 14  # a subhead, a related headline, a name line: no longer than this

_TEASER_WORDS = regex.compile(
    r"^\W*(?:watch|video|live|breaking|listen|photos|gallery|just\s+watched|must\s+watch"
    r"|now\s+playing|up\s+next|read\s+more|related|more|exclusive|trending|latest)\b",
    regex.I,
)


def _letters_all_upper(line: str) -> bool:
    return line.isupper() and sum(c.isalpha() for c in line[:8]) >= 2


def shouting(line: str) -> str | None:
    """'WATCH BELOW:', 'SENATOR NAME:' (a label: all capitals ending in a colon) or
    'WATCH: … ', 'JUST WATCHED' (a teaser: all capitals opening with a teaser word)."""
    if not _letters_all_upper(line):
        return None
    if line.rstrip().endswith(":"):
        return "label"
    return "teaser" if _TEASER_WORDS.match(line) else None


_FUNCTION_WORDS = frozenset(
    "a an and as at but by for from in into of on or over the to up via vs with".split()
)
_SENTENCE_END = regex.compile(r"[.!?:;][\"'”’»)\]]*\s*$")
_UNFINISHED = regex.compile(r"(?:…|\.\.\.)[\"'”’»)\]]*\s*$")


def ends_sentence(line: str) -> bool:
    return _SENTENCE_END.search(line) is not None and _UNFINISHED.search(line) is None


def _title_case(words: Sequence[str]) -> bool:
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    return bool(content) and all(capitalised(w) for w in content)


_BROKEN_OFF = regex.compile(r"(?:--|[-–—])\s*$|\p{Ll}{2}[.!?]\s+\p{Lu}")


def bare_line(line: str) -> bool:
    """A short line that does not end a sentence (a heading, a list item, a name), nor
    is speech broken off ("Credibility--") or holds a sentence's end."""
    return (
        len(line.split()) <= MAX_HEADING_WORDS
        and not ends_sentence(line)
        and _BROKEN_OFF.search(line) is None
    )


def heading(line: str, words: Sequence[str]) -> bool:
    """A subhead, a related headline, a name or dateline on its own line: short, no
    closing full stop, and in title case, in capitals, or without a verb. Not a line
    with figures or a list of names (a result, a fixture: data), nor a quotation."""
    shouted_question = _letters_all_upper(line) and line.rstrip(" \"'”’").endswith("?")
    if (
        not words
        or not (bare_line(line) or shouted_question)
        or not line.lstrip(' |"“')[:1].isalpha()
    ):
        return False
    if regex.search(r"\d", line) or line.count(",") > 1:
        return False
    if regex.search(r"[\"“”]", line) and not _letters_all_upper(line):
        return False  # someone's words, unless a subhead in capitals
    return _title_case(words) or _letters_all_upper(line) or verbless(words)


BIO = regex.compile(
    r"^\W*\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}\s+is\s+(?:a|an|the)\s+"
    r"(?:[\p{L}-]+\s+){0,5}(?:reporter|correspondent|writer|journalist|editor|columnist"
    r"|contributor|producer|blogger|photographer|anchor|host)s?\b"
    r"(?!.*\b(?:who|which|when|after|before|until|because)\b)"
)
