"""Boilerplate: page furniture (stamps, bylines, credits, embeds, prompts, subheads), not story.

Furniture is recognised by its shape, with the phrases of data/boilerplate.txt as a
supplement, and every rule has a name: `furniture_reason` says which one fired, so a
boilerplate label can say why. Precision first: a line that reads as a sentence (a
verb, a closing full stop) stays story unless a rule knows its exact shape (a credit,
a stamp), and the shapes a title shares (a title-case line, a short line without a
verb) count only between paragraphs, never on an article's first line. This module is
the classifier, which tries the rules in order, and the one-pattern rules (embeds,
links, counters, directions); the others are in `bylines`, `captions`, `headings` and
`furniture_phrases`, reading words with `line_words`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import regex

from retold.text.bylines import BYLINE_LEAD, stamp_or_byline
from retold.text.captions import credit_or_caption, dated_scene
from retold.text.furniture_phrases import phrase_reason
from retold.text.headings import BIO, heading, shouting
from retold.text.line_words import MAX_WORDS, line_tokens

MAX_CAPTION_WORDS = 150  # a caption ending in its photo credit can run this long
MAX_STAMP_WORDS = 32  # "NAME and NAME, Outlet Published <stamp> | Updated <stamp>"
MAX_CREDITS_WORDS = 60  # "(Reporting by NAME and NAME in City; … Editing by NAME and NAME)"

_EMBED_SIGNOFF = regex.compile(  # "— Name (@handle) March 3, 2026"
    r"^\W*[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s*(?:\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d)"
)
_EMBED_MARKS = ("pic.twitter.com/", "://t.co/", "post shared by", "this post on Instagram")


def _embed(line: str) -> bool:
    """An embedded post: its sign-off line, or a line carrying the post's own link."""
    return any(mark in line for mark in _EMBED_MARKS) or _EMBED_SIGNOFF.match(line) is not None


_LINK_WORD = regex.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+"
    r"|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|co\.uk|co|io|tv|news|info|us|uk|ca)\b(?:/\S*)?",
    regex.I,
)
_HAS_LINK = regex.compile(r"(?:https?://|www\.)\S+", regex.I)
_COUNTER = regex.compile(
    r"^\W*(?:(?:image|photo|picture|slide|video|item)s?\s*)?\d{1,3}\s*(?:of|/|of\s*/)\s*\d{1,3}\W*$"
    r"|^\s*\(\d+\)\s*$",
    regex.I,
)


def _links(line: str, words: Sequence[str]) -> bool:
    """A line of links or addresses (a URL in a short line makes it furniture); a line of
    @handles is left alone: in a post it addresses people."""
    if "://" in line or "www." in line:
        return _HAS_LINK.search(line) is not None
    return all(_LINK_WORD.fullmatch(word) for word in words)


_DIRECTION = regex.compile(
    r"^\s*(?:\([^()\p{Ll}]{2,80}\)|\[[^\[\]\p{Ll}]{2,80}\]"
    r"|[(\[](?i:laughter|applause|laughs|crosstalk|inaudible|music|overtalk|cheers)[)\]])\s*$"
)

# what a sentence of speech can look like too: "Congratulations!", "See more", "WATCH:"
_SPEECH_SHAPES = frozenset({"prompt", "nav", "related", "teaser", "label"})


def furniture_reason(line: str, *, between: bool = False, inside: bool = False) -> str | None:
    """The rule that makes this line page furniture, or None for story text.

    `between`: the line is a paragraph standing between others (not an article's first
    line), where title-like shapes are subheads, not titles. `inside`: the line is one
    sentence of a longer paragraph, where the shapes speech can share are speech.
    """
    reason = _line_reason(line, between and not inside)
    return None if inside and reason in _SPEECH_SHAPES else reason


# a paragraph cut off after a word ("… the 90 minutes they were scheduled to spend with
# only ..."): the snippet of another story in a list of them. Speech trailing off keeps
# the dots on its last word ("all the Dems...") or closes its quotation.
_CUT_OFF = regex.compile(r"[\p{L}\p{N},]\s+(?:\.\.\.|…)\s*$")
_ELLIPSES = ("...", "…")


@lru_cache(maxsize=8192)  # a rewrite repeats most short lines of its source
def _line_reason(line: str, between: bool) -> str | None:
    if (
        between
        and line.rstrip().endswith(_ELLIPSES)  # what `_CUT_OFF` needs: no scan of the line
        and _CUT_OFF.search(line)
        and len(line.split(None, MAX_CREDITS_WORDS)) <= MAX_CREDITS_WORDS
    ):
        return "teaser"
    if len(line.split(None, MAX_STAMP_WORDS)) > MAX_STAMP_WORDS:
        return _long_line_reason(line, between)
    words = line_tokens(line)
    if not words:
        return "symbols"
    if _embed(line):
        return "embed"
    reason = credit_or_caption(line, len(words)) or stamp_or_byline(line, words)
    if reason is None and len(words) <= MAX_WORDS:
        reason = _short_line_reason(line, words, between)
    if reason is None and between and dated_scene(line, words):
        reason = "caption"
    return reason


def _long_line_reason(line: str, between: bool) -> str | None:
    """A paragraph of more than MAX_STAMP_WORDS words: an embedded post, a caption or a
    line of reporting credits, else story."""
    words = line.count(" ") + 1  # at least the word count: no list built for a long text
    if words > MAX_CAPTION_WORDS:
        words = len(line.split(None, MAX_CAPTION_WORDS))
        if words > MAX_CAPTION_WORDS:
            return None
    if _embed(line):
        return "embed"
    if BYLINE_LEAD.match(line):
        credits = stamp_or_byline(line, line_tokens(line)) if words <= MAX_CREDITS_WORDS else None
        if credits is not None:
            return credits
    caption = credit_or_caption(line, words)
    if caption is None and between and words <= 45 and dated_scene(line, line.split()):
        caption = "caption"
    return caption


_ORNAMENTED = regex.compile(r"^\s*[-–—]\s+\S[^–—]{0,80}?\S\s+[-–—]\s*$")  # "– Brexit bust-up –"
_VIDEO_DURATION = regex.compile(  # "… Putin 1:24", not "… ended at 9:05"
    r"\p{L}\S*(?<!\b(?i:at|by|from|until|to|around|about|before|after|since))\s+\d{1,2}:\d{2}\s*$"
)
_BRACKETED_LINK = regex.compile(r"^\s*\[\s+[^\[\]]{10,200}\s+\]\s*$")  # "[ A headline ]"


def _short_line_reason(line: str, words: list[str], between: bool) -> str | None:
    """The rules for a line of at most MAX_WORDS words (captions and embeds tried)."""
    if _links(line, words) or _BRACKETED_LINK.match(line):
        return "links"
    if _ORNAMENTED.match(line):
        return "subhead"
    if _COUNTER.match(line):
        return "counter"
    if line.rstrip()[-1:].isdigit() and _VIDEO_DURATION.search(line):
        return "teaser"  # "Mayor opens the bridge 1:24": a video in a list
    if _DIRECTION.match(line):
        return "direction"
    reason = phrase_reason(line) or shouting(line)
    if reason is not None or not between:
        return reason
    if BIO.match(line):
        return "bio"
    return "subhead" if heading(line, words) else None


def is_boilerplate(paragraph: str, words: int) -> bool:
    """Is this line page furniture wherever it stands (an article's first line too)?"""
    if words > MAX_WORDS:
        return False
    return furniture_reason(paragraph) is not None
