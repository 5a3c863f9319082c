"""Stamps and bylines: the lines that say who wrote a story and when.

A stamp is every word a date or time word, one of them a publication's ("Updated 6:40
PM ET, Tue March 3", "2 hours ago"; a bare "Tuesday, 1 March" dates an event); a byline
is names only after "By" or before an agency ("By NAME and NAME, Outlet", "NAME |
Bloomberg"). A line made of such pieces ("By NAME | Sunday, July 15, 2018 09:27 PM") is
one or the other, read piece by piece.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from retold.text.furniture_phrases import phrase_reason
from retold.text.line_words import capitalised, line_tokens

_MONTHS = frozenset(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday"
    " mon tue tues wed thu thur thurs fri sat sun".split()
)
# words that date a publication ("Updated", "2 hours ago", "9:05 a.m.")
_STRONG = frozenset("updated posted published modified ago today yesterday tonight am pm".split())
_STAMP_FILLERS = frozenset(
    "on at last first originally update et est edt ct cst cdt mt mst mdt"
    " pt pst pdt gmt bst utc cet cest eet eest msk ist aest jst local time hr hrs hour hours"
    " h min mins minute minutes sec secs second seconds day days week weeks month months"
    " year years just now an a one two three four five six seven eight nine ten"
    " eleven twelve noon midnight of the".split()
)
_CLOCK = regex.compile(r"\d{1,6}[:.]\d{2}(?:[ap]\.?m\.?)?|\d{1,2}(?:[ap]\.?m\.?)", regex.I)
_NUMERIC_DATE = regex.compile(
    r"\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|(?i:[a-z]{3,9})\.\d{1,2}\.\d{4}[\d:]*"
)
_NUMBER = regex.compile(r"\d+(?:st|nd|rd|th|[hmd])?", regex.I)
YEAR = regex.compile(r"(?:19|20)\d\d")  # fullmatch a word; search a line for a year
_WEAK = _MONTHS | _WEEKDAYS | _STAMP_FILLERS


def _stamp_strength(word: str) -> int:
    """2: a word that dates a publication (a year, a clock time, "ago", "Updated");
    1: one a stamp may hold (a month, a day, a number, "at", "ET"); 0: any other word."""
    low = word.lower().replace(".", "")  # "a.m." is "am"
    if low in _STRONG or _CLOCK.fullmatch(word) or _NUMERIC_DATE.fullmatch(word):
        return 2
    return 1 if low in _WEAK or _NUMBER.fullmatch(word) or YEAR.fullmatch(word) else 0


def _is_stamp(words: Sequence[str]) -> bool:
    """A stamp ("Updated 6:40 PM ET, Tue March 3", "July 15, 2018", "2 hours ago"): every word a
    date or time word, one of them a publication's (a bare "Tuesday, 1 March" is the
    date of an event, as in a match's fact box)."""
    if not words or len(words) > 14:
        return False
    strengths = [_stamp_strength(w) for w in words]
    if 0 in strengths:
        return False
    if any(YEAR.fullmatch(w) for w in words):  # a year dates a page only beside its month
        return any(w.lower().replace(".", "") in _MONTHS for w in words)
    return 2 in strengths


# ---------------------------------------------------------------- bylines and credits

BYLINE_LEAD = regex.compile(
    r"^\W*(?:(?:written|(?:additional\s+)?reporting|writing|editing|analysis|produced|story"
    r"|words|compiled|edited|posted|authored|interview|text|photos?|video)\s+)?(?:by|from)\b\s*",
    regex.I,
)
_NAME_LINKS = frozenset(
    "and & of the de da del della di du van von der den la le al el bin ibn y e in at for via"
    " with".split()
)
OUTLETS = (
    r"(?i:(?:the\s+)?associated\s+press|ap(?:\s+photo)?|afp|agence\s+france-presse|reuters"
    r"|getty(?:\s+images)?|epa(?:-efe)?|efe|pa(?:\s+(?:media|wire))?|upi|xinhua|tass"
    r"|sputnik|bloomberg(?:\s+news)?|shutterstock|usa\s+today|cnn|nbc\s+news|cbs\s+news"
    r"|abc\s+news|fox\s+news|npr|bbc(?:\s+news)?|pool|the\s+new\s+york\s+times"
    r"|the\s+washington\s+post|politico|ansa|dpa|kyodo|yonhap|lehtikuva|anadolu)"
)
# searched from the end ((?r)): only the line's last words can match
_OUTLET_END = regex.compile(rf"(?r)(?:^\W*|[,|/(•–—]\s*)(?:{OUTLETS})\W*$")
_EMAIL = regex.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")

# what a byline may say of its writer ("NAME, Opinion contributor", "NAME, staff writer")
_BYLINE_ROLES = frozenset(
    """contributor contributors columnist correspondent correspondents writer writers
    reporter reporters editor editors staff special""".split()
)


def _names_only(words: Sequence[str]) -> bool:
    """Every word a capitalised name part, an initial, a linking word, a writer's role
    or an address."""
    if not words or len(words) > 30:
        return False
    named = 0
    for word in words:
        if word.lower() in _NAME_LINKS or word.lower() in _BYLINE_ROLES:
            continue
        if not (capitalised(word) or _EMAIL.fullmatch(word) or word.startswith("@")):
            return False
        named += 1
    return named > 0


def _is_byline(segment: str) -> bool:
    """A byline ("By NAME", "By NAME and NAME, Outlet", "From NAME in City", "NAME,
    Associated Press", "NAME | Bloomberg"): names only, after "By" or before an agency."""
    lead = BYLINE_LEAD.match(segment)
    if lead is not None:
        rest = segment[lead.end() :]
        return not rest.strip() or _names_only(line_tokens(rest))
    agency = _OUTLET_END.search(segment)
    return agency is not None and _names_only(line_tokens(segment))


_DAY_OR_MONTH = "|".join(sorted(_WEEKDAYS | _MONTHS, key=len, reverse=True))
_SEGMENT_BREAK = regex.compile(
    r"\s*(?:[|•·;]|\s[-–—]\s)\s*|,\s*(?=by\b)|(?<=\p{Ll})(?=(?-i:Posted|Updated|Published)\b)"
    rf"|,?\s+(?=(?:updated|published|posted|{_DAY_OR_MONTH})\b|email the author|follow\b)",
    regex.I,
)

_DIGIT = regex.compile(r"\d")
_STAMP_OR_BYLINE_WORDS = frozenset(
    "by from ago today yesterday tonight updated posted published am pm".split()
)
_NOT_PROSE = _STAMP_OR_BYLINE_WORDS | _WEAK | _NAME_LINKS | {"a.m.", "p.m."}


def stamp_or_byline(line: str, words: Sequence[str]) -> str | None:
    """A line made of stamps and bylines ("By NAME | Sunday, July 15, 2018 09:27 PM";
    "NAME, USA TODAY Published 6:16 p.m. ET July 15, 2018"): each piece one or the other
    (or a bare name), at least one a stamp or a byline."""
    prose = [w for w in words if w[0].islower() and w.lower() not in _NOT_PROSE and "@" not in w]
    if len(prose) > 4:
        return None  # a sentence's lower-case words: story (the split below is slower)
    if not (
        _DIGIT.search(line)
        or "|" in line
        or "•" in line
        or not _STAMP_OR_BYLINE_WORDS.isdisjoint(w.lower() for w in words)
        or _OUTLET_END.search(line)
    ):
        return None  # no figure, no "by", no agency: neither
    pieces = set()
    for segment in _SEGMENT_BREAK.split(line):
        words = line_tokens(segment)
        if words:
            piece = _stamp_or_byline_piece(segment, words)
            if piece is None:
                return None
            pieces.add(piece)
    if "byline" in pieces or {"name", "stamp"} <= pieces:  # "NAME, Outlet <stamp>"
        return "byline"
    return "stamp" if "stamp" in pieces else None


def _stamp_or_byline_piece(segment: str, words: list[str]) -> str | None:
    """What one piece of such a line is: a stamp, a byline, a bare name, a date word
    ("Tue"), a prompt ("Email the author"), or None (story)."""
    if _is_stamp(words):
        return "stamp"
    if all(_stamp_strength(w) for w in words):
        return "date"
    if _is_byline(segment):
        return "byline"
    if len(words) <= 4 and _names_only(words) and not any(w.endswith(("'s", "’s")) for w in words):
        return "name"
    reason = phrase_reason(segment)
    return "byline" if reason == "byline" else ("prompt" if reason else None)
