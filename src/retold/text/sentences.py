"""Paragraphs and sentences: spans into the original text (no tokens, no analysis)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the original text: text[start:end]."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


class SentenceSpan(NamedTuple):
    start: int
    end: int
    paragraph: int


# ---------------------------------------------------------------- paragraphs

_BLANK_LINE = regex.compile(r"\n[ \t\r\f\v]*\n\s*")
_TERMINAL = ".!?:;\"'\u201d\u2019)\u06d4\u061f\u3002"


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Text wrapped at a fixed width: most lines long, similar, not ending a sentence."""
    body = [ln.rstrip() for ln in lines if ln.strip()]
    if len(body) < 6:
        return False
    wrapped = sum(1 for ln in body if 40 <= len(ln) <= 100 and not ln.endswith(tuple(_TERMINAL)))
    return wrapped >= 0.5 * len(body)


@lru_cache(maxsize=64)  # read by the splitter, the boilerplate filter and the quote finder
def paragraphs(text: str) -> tuple[Span, ...]:
    """Paragraph spans: blank lines always separate; single newlines do unless hard-wrapped."""
    blocks: list[Span] = []
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        blocks.append(Span(pos, m.start()))
        pos = m.end()
    blocks.append(Span(pos, len(text)))
    wrapped = _is_hard_wrapped(text.split("\n"))
    result: list[Span] = []
    for block in blocks:
        if wrapped:
            result.append(block)
            continue
        line_start = block.start
        while True:
            nl = text.find("\n", line_start, block.end)
            line_end = block.end if nl == -1 else nl
            result.append(Span(line_start, line_end))
            if nl == -1:
                break
            line_start = nl + 1
    return tuple([_strip(text, p) for p in result if text[p.start : p.end].strip()])


def _strip(text: str, span: Span) -> Span:
    """The span without its edge whitespace (str.strip's, found in C)."""
    chunk = text[span.start : span.end]
    start = span.start + len(chunk) - len(chunk.lstrip())
    return Span(start, start + len(chunk.strip()))


# ---------------------------------------------------------------- sentences

# Words followed by "." that do not end a sentence (titles, months, corporate forms).
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj cpl pvt st sr jr
    rev hon pres supt insp det fr mt ft jan feb mar apr jun jul aug sep sept oct nov
    dec mon tue tues wed thu thur thurs fri sat sun no nos vol pp fig approx dept
    univ est ave blvd rd inc corp co ltd plc llc bros vs v etc al cf ie eg ala ariz
    ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex vt va wash wis wyo""".split()
)
# Abbreviations that are also ordinary words ("ill", "miss", "no"): only when capitalised.
_CAPITALISED_ONLY = frozenset(
    """no sun sat mar est det fig ill ind miss mass wash ore del la pa mo ga col gen
    rev pres mt ft""".split()
)
# Abbreviations that often end a sentence too: split only before a sentence starter.
_FINAL_ABBREVIATIONS = frozenset("""inc corp co ltd plc llc etc jr sr al bros""".split())
_SENTENCE_STARTERS = frozenset(
    """the a an he she it they we i you his her its their our this that these those
    there but and so yet or in on at for if when while after before as since because
    although though some many most all no one two three other others another however
    meanwhile still also then now later earlier last next what who why how where mr
    mrs ms dr""".split()
)
_CLOSERS = "\"'\u201d\u2019)]\u00bb"
_OPENERS = "\"'\u201c\u2018([\u00ab"
# The splitter's patterns are plain character classes on the standard engine, whose
# calls cost a third of `regex`'s; there are several per full stop. `_END` is a run of
# stops ("...", "?!") and the closing marks after it: opening with a plain set, it is
# scanned for, not tried at every character. `[^\W_]` is a letter or digit.
_END = re.compile(r"[.!?\u2026\u06d4\u061f\u3002\uff01\uff1f]+[" + re.escape(_CLOSERS) + r"]*")
_WORD_BEFORE_MARKS = frozenset(".'\u2019-")
_INITIALISM = regex.compile(r"^(?:\p{L}\.)+\p{L}$")
_CJK_OR_ARABIC_STOP = frozenset("\u06d4\u061f\u3002\uff01\uff1f")


_NEXT_WORD = re.compile(r"[" + re.escape(_OPENERS) + r"]*([^\W_]+)")


def _word_before(text: str, pos: int) -> str:
    """The word (letters, digits, "." "'" "-") that ends at `pos`, at most 64 characters
    back: read backwards a character at a time (a regex would try every start)."""
    lo, i = max(0, pos - 64), pos
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in _WORD_BEFORE_MARKS):
        i -= 1
    return text[i:pos]


def _next_word(text: str, pos: int, end: int) -> str:
    m = _NEXT_WORD.match(text, pos, end)  # compiled once; no copy of the rest of the text
    return m.group(1) if m else ""


def _ends_sentence(
    text: str, punct_start: int, punct_end: int, next_pos: int, end: int, caseless: bool = False
) -> bool:
    """Is the punctuation at text[punct_start:punct_end] a sentence boundary?"""
    marks = text[punct_start:punct_end].rstrip(_CLOSERS)
    if not _CJK_OR_ARABIC_STOP.isdisjoint(marks):
        return True
    nxt = text[next_pos]
    following = _next_word(text, next_pos, end)
    if caseless and marks in (".", "!", "?") and nxt.isalpha():
        return _word_before(text, punct_start).casefold() not in _ABBREVIATIONS
    if nxt.islower() or (following[:1].islower() and nxt not in _OPENERS):
        return False
    if marks in ("!", "?") or marks.endswith(("!", "?")):
        return True
    if marks.startswith("..") or marks == "\u2026":
        return following.casefold() in _SENTENCE_STARTERS
    before = _word_before(text, punct_start)
    last = before.rsplit("-", 1)[-1].strip(".'\u2019")
    lowered = last.casefold()
    starter = following.casefold() in _SENTENCE_STARTERS
    if before[1:2] == "." and _INITIALISM.match(before):
        return starter  # U.S., a.m., D.C.: a boundary only before "The", "He", ...
    acronym = len(last) > 1 and last.isupper()  # "the FT.", "the BBC.": not "Ft." (Fort)
    if (
        lowered in _ABBREVIATIONS
        and not acronym
        and (lowered not in _CAPITALISED_ONLY or last[:1].isupper())
    ):
        return starter and lowered in _FINAL_ABBREVIATIONS
    # an initial ("Donald J. Trump") is not an ending, unless a quotation closes after
    # it ('... Cell Block H." Labour')
    closed = punct_end > punct_start + len(marks)
    return closed or not (len(last) == 1 and last.isupper())


_ASCII_CAPITAL = re.compile("[A-Z]")


def _is_caseless(text: str) -> bool:
    """A text typed or lowered all in small letters: case cannot mark sentence starts."""
    sample = text[:5000]
    enough = 0.005 * len(sample)
    opening = sample[:1000]
    capitals = (
        len(_ASCII_CAPITAL.findall(opening))  # the same count, found in C
        if opening.isascii()
        else sum(map(str.isupper, opening))
    )
    if capitals >= enough:
        return False  # the usual case, decided on the first stretch of the text
    upper = sum(map(str.isupper, sample))
    if upper >= enough:
        return False
    letters = sum(map(str.isalpha, sample))
    return letters >= 200 and upper < 0.005 * letters


def split_sentences(text: str) -> list[SentenceSpan]:
    """Sentences of a news text, in order, with paragraph numbers; offsets into `text`."""
    result: list[SentenceSpan] = []
    caseless = _is_caseless(text)
    for number, para in enumerate(paragraphs(text)):
        start = para.start
        for m in _END.finditer(text, para.start, para.end):
            pos = m.end()
            nxt = pos
            while nxt < para.end and text[nxt].isspace():
                nxt += 1
            if nxt >= para.end:
                break
            if nxt == pos and _CJK_OR_ARABIC_STOP.isdisjoint(m.group()):
                continue  # "1.4", "U.S.-made": no space after the mark
            if _ends_sentence(text, m.start(), pos, nxt, para.end, caseless):
                result.append(SentenceSpan(start, pos, number))
                start = nxt
        if start < para.end:
            result.append(SentenceSpan(start, para.end, number))
    return result
