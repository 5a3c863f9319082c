"""Speaker turns of transcripts: "SENATOR JANE DOE: …", "TRUMP: …", "Q: …",
"PUTIN (through interpreter): …", or the label alone on a line with the speech in the
paragraphs after it (broadcast transcripts, interviews, press-conference Q&A).

A turn is speech by its speaker, as a quotation is: a story that quotes those words is
quoting that speaker. Labels are capital letters (a title, a name, an optional
parenthetical note) followed by a colon, at a paragraph's start. One such line is a
section heading as often as a speaker ("THE BIG IDEA: …", "VIEW FROM HELSINKI: …"),
so a text is read as a transcript only when its labels take turns: a label coming
back after another (A, B, A), or a "Q:". Newsletter headings come one after another
and never come back; labels with a function word ("KAVANAUGH AND PRESS FREEDOM") or
a digit are headings, not names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from retold.checks.speaker_names import split_title
from retold.text.sentences import Span, paragraphs

_LABEL = re.compile(
    r"(?P<label>(?:[A-Z][A-Z.'\-]*[ ]){0,4}[A-Z][A-Z.'\-]*)"
    r"(?:[ ]*\((?P<note>[^()\n]{1,40})\))?[ ]*:(?:[ ]+|$|(?=[A-Z\u201c\"]))"
)
_INLINE = re.compile(
    r"(?<=[.!?\"\u201d][ ])(?P<label>(?:[A-Z][A-Z.'\-]*[ ]){0,4}[A-Z][A-Z'\-]+)"
    r"(?:[ ]*\((?P<note>[^()\n]{1,40})\))?[ ]*:(?:[ ]+|(?=[A-Z\u201c\"]))"
)
# a capitalised label and colon at a line's start, or after a sentence: a quick test
_ANY_LABEL = re.compile(r"[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]*){0,4}(?: ?\([^()\n]{1,40}\))? ?:")
_NOT_NAME_WORDS = frozenset(
    """THE A AN AND OR OF IN ON AT TO FOR FROM WITH BY AS MORE WHAT WHY HOW WHO WHEN NEW
    NOTE EDITOR'S UPDATE UPDATED WATCH VIDEO PHOTO PHOTOS READ RELATED BREAKING SOURCE
    SOURCES CORRECTION DISCLAIMER ADVERTISEMENT SUBSCRIBE SHARE TAGS TOPICS POSTED
    FILED PUBLISHED TRANSCRIPT""".split()
)
_ASKER = frozenset({"Q", "QUESTION"})  # the questioner: a turn, speaker unnamed
_ANSWER = frozenset({"A", "ANSWER"})
MAX_LABEL_CHARS = 60


@dataclass(frozen=True)
class Turn:
    """One paragraph of a speaker's turn: its speech as offsets into the text."""

    start: int
    end: int
    speaker: str | None  # "Rod Rosenstein"; None for a questioner or answerer
    title: str | None  # "Rep"
    label_start: int  # where the label is (the turn's first paragraph), -1 if none here
    label_end: int
    first: bool  # the paragraph with the label, or the first one after a lone label


def _label(text: str, para: Span) -> tuple[re.Match[str], str] | None:
    m = _LABEL.match(text, para.start, min(para.end, para.start + MAX_LABEL_CHARS))
    if m is None:
        return None
    words = m.group("label").split()
    if any(w.rstrip(".") in _NOT_NAME_WORDS for w in words):
        return None
    if len(words) == 1 and len(words[0].rstrip(".")) < 2 and words[0] not in _ASKER | _ANSWER:
        return None
    return m, " ".join(w.rstrip(".") if w not in ("ST.",) else w for w in words)


def _speaker(label: str, known: dict[str, str]) -> tuple[str | None, str | None]:
    """ "REP. TREY GOWDY" -> ("Trey Gowdy", "Rep"); "STELTER" -> "Brian Stelter" when
    an earlier label gave the full name."""
    if label in _ASKER or label in _ANSWER:
        return None, None
    words = [w.capitalize() if w.isupper() else w for w in label.split()]
    title, rest = split_title(words)
    if not rest:
        return None, None
    name = " ".join(rest)
    if len(rest) == 1:
        return known.get(rest[0].casefold(), name), title
    known[rest[-1].casefold()] = name
    return name, title


def _may_have_labels(text: str) -> bool:
    """A quick test: a "Q:" line, or capitals before a colon somewhere (most articles
    have neither, and are done with at once)."""
    asks = text.startswith(("Q:", "Q :")) or "\nQ:" in text or "\nQ :" in text
    return asks or _ANY_LABEL.search(text) is not None


def _takes_turns(labels: list[str]) -> bool:
    """Do the labels take turns, as speakers do (A, B, A: a label comes back after
    another), or ask and answer (Q, A)? Section headings of a newsletter come one
    after another ("PINGED:", "PINGED:", "PATCHED:") and never come back."""
    if set(labels) & _ASKER:
        return True
    seen: set[str] = set()
    previous = None
    for label in labels:
        if label != previous and label in seen:
            return True
        seen.add(label)
        previous = label
    return False


def turns(text: str, skip: tuple[int, int] = (0, 0)) -> list[Turn]:
    """The speaker turns of a transcript in `text` (none unless its labels take turns);
    `skip` is a span (the title) to leave out. Turns run together in one paragraph
    ("… sir. AMBASSADOR JON HUNTSMAN:Thank you, Chuck. CHUCK TODD:Let me …", as
    scraped transcripts often are) are split at their labels."""
    if not _may_have_labels(text):
        return []
    paras = [p for p in paragraphs(text) if not skip[0] <= p.start < skip[1]]
    labelled: dict[int, tuple[re.Match[str], str]] = {}
    for k, para in enumerate(paras):
        found = _label(text, para)
        if found is not None:
            labelled[k] = found
    seen = {label for _, label in labelled.values()}
    inline = {k: _inline_labels(text, para, seen) for k, para in enumerate(paras)}
    order = [
        label
        for k in range(len(paras))
        for label in ([labelled[k][1]] if k in labelled else []) + [x for _, x in inline[k]]
    ]
    if not _takes_turns(order):
        return []
    result: list[Turn] = []
    known: dict[str, str] = {}
    current: tuple[str | None, str | None] | None = None
    first = False
    label_span = (-1, -1)
    for k, para in enumerate(paras):
        pieces: list[tuple[int, int, tuple[re.Match[str], str] | None]] = []
        pieces.append((para.start, para.start, labelled.get(k)))
        for m, label in inline[k]:
            pieces.append((m.start(), m.end(), (m, label)))
        pieces.append((para.end, para.end, None))
        for (lo, _, found), (hi, _, _) in pairwise(pieces):
            if found is not None:
                m, label = found
                current = _speaker(label, known)
                label_span = (m.start("label"), m.end("label"))
                lo, first = m.end(), True
            elif current is None:
                continue
            while lo < hi and text[lo].isspace():
                lo += 1
            end = hi
            while end > lo and text[end - 1].isspace():
                end -= 1
            if end > lo:
                result.append(Turn(lo, end, *current, *label_span, first))
                first = False
    return result


def _inline_labels(text: str, para: Span, seen: set[str]) -> list[tuple[re.Match[str], str]]:
    """Labels after a sentence's end inside the paragraph: one already seen at a
    paragraph's start, or a name of two words or more ("AMBASSADOR JON HUNTSMAN:")."""
    found = []
    for m in _INLINE.finditer(text, para.start + 1, para.end):
        label = " ".join(w.rstrip(".") for w in m.group("label").split())
        words = label.split()
        if any(w in _NOT_NAME_WORDS for w in words):
            continue
        if label in seen or len(words) >= 2:
            found.append((m, label))
    return found


# "— Donald J. Trump (@realDonaldTrump) July 16, 2018": the line under an embedded post
_POSTED_BY = re.compile(
    r"[\u2014\u2013-]+[ ]*(?P<name>[^()\n@]{2,60}?)[ ]*\(@\w{1,30}\)[ ]*"
    r"(?:[A-Z][a-z]+\.?[ ]+\d{1,2},[ ]+\d{4})?[ ]*$"
)


_RETWEETS = re.compile(r"Twitter[ ]?[\d,.]+[KkMm]?[ ]retweets?[ ]*$")
_ENDS = re.compile(r"[.!?\"\u201d\u2019)][ ]*$")
_MAX_POST_LINES = 8


def posts(text: str, skip: tuple[int, int] = (0, 0)) -> list[Turn]:
    """Embedded social-media posts: the paragraphs above a "— Name (@handle) date" or
    "Twitter 810 retweets" line are someone's words, shown without quotation marks (a
    post's lines are often paragraphs of their own: those that run on, with no full
    stop at their end, belong to it)."""
    if "(@" not in text and "retweet" not in text:  # no signature line: no post
        return []
    paras = [p for p in paragraphs(text) if not skip[0] <= p.start < skip[1]]
    result: list[Turn] = []
    for k in range(1, len(paras)):
        line = paras[k]
        m = _POSTED_BY.match(text, line.start, line.end) or _RETWEETS.match(
            text, line.start, line.end
        )
        if m is None or m.end() != line.end or _is_signature(text, paras[k - 1]):
            continue
        first = k - 1
        while first > 0 and not _ENDS.search(text, paras[first - 1].start, paras[first - 1].end):
            if _is_signature(text, paras[first - 1]) or k - first >= _MAX_POST_LINES:
                break
            first -= 1
        name = (m.groupdict().get("name") or "").strip() or None
        span = (m.start("name"), m.end("name")) if name else (-1, -1)
        for j in range(first, k):
            result.append(Turn(paras[j].start, paras[j].end, name, None, *span, j == first))
    return result


def _is_signature(text: str, para: Span) -> bool:
    return bool(
        _POSTED_BY.match(text, para.start, para.end) or _RETWEETS.match(text, para.start, para.end)
    )
