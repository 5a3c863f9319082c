"""Fact atoms in a sentence: quantities, money, percentages, dates and names, by value.

Values, not strings, are compared later: "68" = "sixty-eight", "3.5%" = "3.5 percent",
"$1.4bn" = "$1.4 billion", "Nov. 10" = "November 10". Every atom keeps the character
span it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from retold.text.document import Document, Sentence
from retold.text.lexicon import NUMBER_WORDS, word_weight
from retold.text.tokens import Token

SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
CURRENCY_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR"}
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "euro": "EUR",
    "euros": "EUR",
    "yen": "JPY",
    "rupees": "INR",
    "rupee": "INR",
    "usd": "USD",
    "gbp": "GBP",
    "eur": "EUR",
}
MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}
RARE_NAME_WEIGHT = 3.5  # Zipf <= 3.5: "Erdogan" starts a sentence as a name, "Officials" not
# "Readmission would…": rare, capitalised, first — but a common noun by its ending.
_NOUN_SUFFIXES = ("ion", "ment", "ness", "ity", "ance", "ence", "ing", "ism", "ists", "ers")
TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
NAME_JOINERS = {"of", "de", "du", "van", "von", "al", "bin", "la", "le", "del", "da"}
# Capitalised words that are not names when they start a sentence.
_NOT_NAMES = frozenset(
    """i the a an this that these those it he she they we you his her its their our my
    but and or so yet if when while after before as since because although though
    in on at for from with by to of into over under about between during without
    there here what who why how where which mr mrs ms dr""".split()
)


@dataclass(frozen=True, slots=True)
class Atom:
    """One checkable fact: kind, comparable value, and where it is in the text."""

    kind: str  # number | money | percent | year | month | day | weekday | time | entity
    value: str  # comparable: "1400000000.0|USD", "2028", "11-10", "tom barrack"
    start: int
    end: int
    first_token: int  # token index in its sentence (for anchoring)
    last_token: int

    def span_text(self, text: str) -> str:
        return text[self.start : self.end]


def _day_number(norm: str) -> int:
    """1..31 when `norm` is a day of the month, else 0. Decimal digits only: "¹" and "①"
    pass isdigit() but not int(), and a 5,000-digit run is over int()'s limit."""
    return int(norm) if norm.isdecimal() and len(norm) <= 2 and 1 <= int(norm) <= 31 else 0


def _number_value(tokens: tuple[Token, ...], i: int, text: str) -> tuple[float, int] | None:
    """Value of the number starting at token i and the index of its last token."""
    norm = tokens[i].norm
    if norm[:1].isdecimal():
        try:
            return float(norm.replace(",", "")), i
        except ValueError:
            return None
    if norm in TENS and i + 1 < len(tokens):
        nxt = tokens[i + 1]
        joined = text[tokens[i].end : nxt.start] in ("-", " ")
        if joined and nxt.norm in NUMBER_WORDS and NUMBER_WORDS[nxt.norm] < 10:
            return float(NUMBER_WORDS[norm] + NUMBER_WORDS[nxt.norm]), i + 1
    if norm in NUMBER_WORDS and norm != "one":
        return float(NUMBER_WORDS[norm]), i
    if norm == "dozen" and i > 0 and tokens[i - 1].norm == "a":
        return 12.0, i
    return None


def _is_designator(tokens: tuple[Token, ...], i: int, text: str) -> bool:
    """F-35, S-400, G7: a number glued to letters is part of a name, not a quantity."""
    start = tokens[i].start
    if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
        return True
    return start >= 1 and text[start - 1].isalpha()


def _currency_before(tokens: tuple[Token, ...], i: int, text: str) -> str:
    start = tokens[i].start
    window = text[max(0, start - 3) : start].replace(" ", "")
    for symbol, code in CURRENCY_SYMBOLS.items():
        if window.endswith(symbol):
            return code
    if i > 0 and tokens[i - 1].norm in CURRENCY_WORDS and tokens[i - 1].end >= start - 2:
        return CURRENCY_WORDS[tokens[i - 1].norm]
    return ""


def _clock(tokens: tuple[Token, ...], text: str, i: int) -> tuple[Atom, int] | None:
    """ "7:15", "4:29 AM": a time of day, one value (not the numbers 7 and 15)."""
    if i + 1 >= len(tokens) or text[tokens[i].end : tokens[i + 1].start] != ":":
        return None
    hours, minutes = tokens[i].norm, tokens[i + 1].norm
    if not (hours.isdecimal() and minutes.isdecimal() and len(minutes) == 2 and len(hours) <= 2):
        return None
    last = i + 1
    if last + 1 < len(tokens) and tokens[last + 1].norm in ("am", "pm", "a", "p"):
        last += 1
    value = f"{int(hours)}:{minutes}"
    return Atom("time", value, tokens[i].start, tokens[last].end, i, last), last


def _quantity(tokens: tuple[Token, ...], text: str, i: int) -> tuple[Atom, int] | None:
    clock = _clock(tokens, text, i)
    if clock is not None:
        return clock
    if i + 1 < len(tokens) and tokens[i + 1].norm == "s" and tokens[i].end == tokens[i + 1].start:
        return None  # "the 1990s": a decade, a vague time (read by the stance markers)
    parsed = _number_value(tokens, i, text)
    if parsed is None or (tokens[i].norm[:1].isdecimal() and _is_designator(tokens, i, text)):
        return None
    value, last = parsed
    currency = _currency_before(tokens, i, text)
    start = tokens[i].start
    if currency and text[max(0, start - 3) : start].strip()[-1:] in CURRENCY_SYMBOLS:
        start = text.rindex(text[max(0, start - 3) : start].strip()[-1], 0, start)
    if last + 1 < len(tokens) and tokens[last + 1].norm in SCALES:
        gap = text[tokens[last].end : tokens[last + 1].start]
        if gap in ("", " "):
            last += 1
            value *= SCALES[tokens[last].norm]
    end = tokens[last].end
    after = text[end : end + 12].lower()
    kind = "number"
    if after.startswith("%") or after.lstrip().startswith(("percent", "per cent")):
        kind = "percent"
        end = end + 1 if after.startswith("%") else end + after.index("cent") + 4
        while last + 1 < len(tokens) and tokens[last + 1].end <= end:
            last += 1
    elif last + 1 < len(tokens) and tokens[last + 1].norm in CURRENCY_WORDS:
        currency = CURRENCY_WORDS[tokens[last + 1].norm]
        last += 1
        end = tokens[last].end
    if currency:
        kind = "money"
    elif (
        kind == "number"
        and value.is_integer()
        and 1800 <= value <= 2100
        and "," not in tokens[i].norm
    ):
        kind = "year"
    shown = f"{value:g}|{currency}" if currency else f"{value:g}"
    return Atom(kind, shown, start, end, i, last), last


def _date(tokens: tuple[Token, ...], text: str, i: int) -> tuple[Atom, int] | None:
    norm = tokens[i].norm
    raw = text[tokens[i].start : tokens[i].end]
    if norm in WEEKDAYS:
        return Atom("weekday", WEEKDAYS[norm], tokens[i].start, tokens[i].end, i, i), i
    if norm not in MONTHS or not raw[:1].isupper():
        return None
    month = MONTHS[norm]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt and _day_number(nxt.norm) and nxt.start - tokens[i].end <= 2:
        return Atom("day", f"{month}-{int(nxt.norm)}", tokens[i].start, nxt.end, i, i + 1), i + 1
    prev = tokens[i - 1] if i > 0 else None
    if prev and _day_number(prev.norm) and tokens[i].start - prev.end <= 2:
        return None  # handled when the day number was read (see _day_before_month)
    if (
        norm == "may"
        and not (nxt and nxt.norm.isdecimal())
        and not (prev and prev.norm in ("in", "of", "since", "until", "by", "early", "late", "mid"))
    ):
        return None  # the modal verb, not the month
    return Atom("month", str(month), tokens[i].start, tokens[i].end, i, i), i


def _day_before_month(tokens: tuple[Token, ...], text: str, i: int) -> tuple[Atom, int] | None:
    """ "10 November", "10th of November"."""
    if not _day_number(tokens[i].norm):
        return None
    j = i + 1
    if j < len(tokens) and tokens[j].norm in ("st", "nd", "rd", "th"):
        j += 1
    if j < len(tokens) and tokens[j].norm == "of":
        j += 1
    if j < len(tokens) and tokens[j].norm in MONTHS and text[tokens[j].start].isupper():
        value = f"{MONTHS[tokens[j].norm]}-{int(tokens[i].norm)}"
        return Atom("day", value, tokens[i].start, tokens[j].end, i, j), j
    return None


def _is_capitalised(text: str, token: Token) -> bool:
    first = text[token.start]
    return first.isupper() and not token.norm[:1].isdecimal()


def _is_designator_letter(tokens: tuple[Token, ...], i: int) -> bool:
    """The "F" of F-35, the "S" of S-400."""
    return len(tokens[i].norm) == 1 and i + 1 < len(tokens) and tokens[i + 1].norm[:1].isdecimal()


TIME_ZONES = frozenset("edt est cdt cst mdt mst pdt pst gmt bst utc cet cest eet msk".split())
QUOTE_OPENERS = frozenset("\"\u201c\u2018'")


def _opens_quotation(tokens: tuple[Token, ...], text: str, i: int) -> bool:
    """The first word of a quotation ("“Much of our news media…"): capitalised as a
    sentence's first word is."""
    gap = text[tokens[i - 1].end : tokens[i].start] if i > 0 else ""
    return any(mark in gap for mark in QUOTE_OPENERS)


def _name_gap(gap: str, before: Token, after: Token) -> bool:
    """Can a name go on over this gap? Spaces, hyphens, apostrophes; the dot after a
    middle initial ("Ronald L. Kuby", not the "N.Y." of "D-N.Y."); an ampersand
    ("Pratt & Whitney", "P & W")."""
    rest = gap.strip(" -'\u2019")
    initial = rest == "." and len(before.norm) == 1 and len(after.norm) > 1
    return not rest or initial or rest == "&"


def _entity(tokens: tuple[Token, ...], text: str, i: int) -> tuple[Atom, int] | None:
    if (
        not _is_capitalised(text, tokens[i])
        or tokens[i].norm in MONTHS
        or tokens[i].norm in WEEKDAYS
    ):
        return None
    if tokens[i].norm in _NOT_NAMES or tokens[i].norm in TIME_ZONES:
        return None  # "6 a.m. EDT": part of the time
    if _is_designator_letter(tokens, i):
        return None
    last = i
    j = i + 1
    while j < len(tokens):
        gap = text[tokens[j - 1].end : tokens[j].start]
        if "\n" in gap or not _name_gap(gap, tokens[j - 1], tokens[j]):
            break
        if text[tokens[j - 1].start : tokens[j - 1].end].endswith(("'s", "\u2019s")):
            break  # "Castleton's Kieran Moss": an owner and a name, two names
        if _is_designator_letter(tokens, j):
            break
        if _is_capitalised(text, tokens[j]) and tokens[j].norm not in WEEKDAYS:
            last = j
        elif not (
            tokens[j].norm in NAME_JOINERS
            and j + 1 < len(tokens)
            and _is_capitalised(text, tokens[j + 1])
        ):
            break
        j += 1
    raw = text[tokens[i].start : tokens[i].end]
    acronym = len(raw) >= 2 and raw.isalpha() and raw.isupper()  # "IBM", "NATO"
    if (
        (i == 0 or _opens_quotation(tokens, text, i))
        and last == i
        and not acronym
        and (
            word_weight(tokens[i].norm) < RARE_NAME_WEIGHT
            or tokens[i].norm.endswith(_NOUN_SUFFIXES)
        )
    ):
        return None  # a lone capitalised first word is a name only when rare or an acronym
    value = " ".join(t.norm for t in tokens[i : last + 1] if t.norm not in NAME_JOINERS)
    return Atom("entity", value, tokens[i].start, tokens[last].end, i, last), last


# a rank or place: "fourth", "4th", "#4" (one kind, so "ranked fourth" meets "ranks #5")
ORDINAL_WORDS = {
    word: n + 1
    for n, word in enumerate(
        """first second third fourth fifth sixth seventh eighth ninth tenth eleventh
        twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth
        nineteenth twentieth""".split()
    )
}
_ORDINAL_SUFFIX = regex.compile(r"(\d{1,3})(?:st|nd|rd|th)")
_STARTER_WORDS = (
    frozenset(NUMBER_WORDS) | frozenset(WEEKDAYS) | {"dozen"} | frozenset(ORDINAL_WORDS)
)


def _ordinal(tokens: tuple[Token, ...], text: str, i: int) -> tuple[Atom, int] | None:
    """ "fourth", "4th", "#4": a rank, compared with ranks only."""
    norm = tokens[i].norm
    token = tokens[i]
    if norm in ORDINAL_WORDS:
        value = ORDINAL_WORDS[norm]
    elif (match := _ORDINAL_SUFFIX.fullmatch(norm)) is not None:
        value = int(match.group(1))
    elif norm.isdecimal() and len(norm) <= 3 and token.start >= 1 and text[token.start - 1] == "#":
        return Atom("ordinal", str(int(norm)), token.start - 1, token.end, i, i), i
    else:
        return None
    return Atom("ordinal", str(value), token.start, token.end, i, i), i


def _may_start(sentence: Sentence, text: str) -> list[int]:
    """Positions of the words an atom may start at: numbers, capitalised words, number
    words and weekdays (most words are none of these: the finders skip them)."""
    return [
        i
        for i, (start, norm) in enumerate(zip(sentence.starts, sentence.norms, strict=True))
        if norm[:1].isdecimal() or text[start].isupper() or norm in _STARTER_WORDS
    ]


def extract_atoms(sentence: Sentence, text: str) -> tuple[Atom, ...]:
    """All fact atoms of a sentence, in order. `text` is the article text."""
    candidates = _may_start(sentence, text)
    if not candidates:
        return ()
    atoms: list[Atom] = []
    tokens = sentence.tokens
    free = 0  # first position not inside an atom already found
    for i in candidates:
        if i < free:
            continue
        found = (
            _day_before_month(tokens, text, i)
            or _date(tokens, text, i)
            or _ordinal(tokens, text, i)
            or _quantity(tokens, text, i)
            or _entity(tokens, text, i)
        )
        if found:
            atom, last = found
            atoms.append(atom)
            free = last + 1
    return tuple(atoms)


@lru_cache(maxsize=256)
def _atom_cache(doc: Document) -> dict[int, tuple[Atom, ...]]:
    return {}


def sentence_atoms(doc: Document, index: int) -> tuple[Atom, ...]:
    """Atoms of one sentence of a document, read once (only the sentences a check needs)."""
    cache = _atom_cache(doc)
    found = cache.get(index)
    if found is None:
        found = cache[index] = extract_atoms(doc.sentences[index], doc.text)
    return found
