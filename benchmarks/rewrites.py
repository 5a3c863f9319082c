"""Generated rewrites of BBC articles with planted edits and gold spans (issue 3).

Each derived text is a real BBC article (`../shared/data/bbc/articles/`, exact duplicates
dropped) with one known edit (plus a few multi-edit variants). The generator records
gold spans: character offsets into the generated derived text, the source offsets and
the edit kind. `retold.compare(source, derived)` is run on every pair and its report is
scored against the gold:

- must-flag edits (number, money, date, entity, negation, hedge, modality, quote word,
  quote speaker, inserted sentence, dropped sentence): recall (a finding of a fitting
  type overlaps the gold span), precision per finding type across all edited pairs,
  span exactness (finding span == gold span after trimming punctuation and space) and
  mean character IoU;
- must-not-flag edits (paragraph reorder, synonym swap outside facts, number format
  change; plus an unedited control): false-alarm rate, the share of pairs with any
  `changes` entry, any non-verified quote or any `altered` sentence.

Generated text goes to `benchmarks/.cache/rewrites/` (git-ignored); the repository only
gets figures (`benchmarks/REWRITES.md`, `benchmarks/rewrites_results.json`).

    .venv/bin/python -m benchmarks.rewrites [--per-kind 100] [--workers 2] [--seed 3]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import retold
from benchmarks.common import ROOT, commit_id, data_root, read_text, table, write_keeping_notes

CACHE = ROOT / "benchmarks" / ".cache" / "rewrites"
RESULTS_JSON = ROOT / "benchmarks" / "rewrites_results.json"
RESULTS_MD = ROOT / "benchmarks" / "REWRITES.md"
SEED = 3

# ---------------------------------------------------------------- edit kinds

MUST_FLAG = (
    "number",
    "money",
    "date",
    "entity",
    "negation",
    "hedge",
    "modality",
    "quote",
    "speaker",
    "insert",
    "drop",
)
MUST_NOT_FLAG = ("reorder", "synonym", "format", "control")
MULTI = "multi"
# the finding type that answers each must-flag edit (its precision row)
PRIMARY = {
    "number": "change:number",
    "money": "change:money",
    "date": "change:date",
    "entity": "change:entity",
    "negation": "change:negation",
    "hedge": "change:hedge",
    "modality": "change:modality",
    "quote": "quote:altered",
    "speaker": "quote:misattributed",
    "insert": "label:new",
    "drop": "omission",
}
# finding types accepted as a hit for each edit kind (the primary one first)
ACCEPT = {
    "number": ("change:number",),
    "money": ("change:money", "change:number"),
    "date": ("change:date", "change:number"),
    "entity": ("change:entity", "change:attribution"),
    "negation": ("change:negation",),
    "hedge": ("change:hedge", "change:certainty"),  # "is expected to" -> "will": both
    "modality": ("change:modality", "change:certainty"),
    "quote": ("quote:altered",),
    "speaker": ("quote:misattributed", "change:attribution"),
    "insert": ("label:new",),
    "drop": ("omission",),
}
SCORED_TYPES = tuple(PRIMARY.values())
# findings that overlap an edit and are true, but do not count as catching it: swapping
# a speaker's name is also an entity change
TOLERATE = {"speaker": ("change:entity",)}

# ---------------------------------------------------------------- word lists (written here)

WORD_NUMBERS = (
    "two three four five six seven eight nine ten eleven twelve "
    "twenty thirty forty fifty sixty seventy eighty ninety"
).split()
SMALL_WORDS = {
    w: i for i, w in enumerate("two three four five six seven eight nine ten".split(), 2)
}
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
# "March" and "May" are left out: they are also a verb and a modal
MONTHS = "January February April June July August September October November December".split()
MODAL_SWAP = {
    "may": "will",
    "might": "will",
    "could": "would",
    "would": "could",
    "should": "will",
    "will": "may",
    "must": "may",
}
AUXILIARIES = "is was are were has have had will would could can should did does".split()
CONTRACTIONS = {
    "didn't": "did",
    "doesn't": "does",
    "don't": "do",
    "isn't": "is",
    "wasn't": "was",
    "aren't": "are",
    "weren't": "were",
    "hasn't": "has",
    "haven't": "have",
    "won't": "will",
    "can't": "can",
    "couldn't": "could",
    "wouldn't": "would",
    "shouldn't": "should",
}
NUMBER_HEDGES = ("about", "nearly", "around", "almost")
HEDGE_BEFORE_NUMBER = ("about", "around", "nearly", "almost", "approximately", "roughly", "some")
HEDGE_ADVERBS = ("reportedly", "allegedly", "apparently")
REPORTABLE_VERBS = (
    "rose fell sold bought won lost agreed paid received offered signed made planned "
    "wanted failed refused decided"
).split()
ALLEGEABLE_NOUNS = (
    "fraud abuse attack plot role links involvement bribery breach offences misconduct "
    "theft assault"
).split()
# common words outside any fact and a synonym each: a faithful rewrite may swap them
SYNONYMS = {
    "big": "large",
    "buy": "purchase",
    "help": "assist",
    "start": "begin",
    "started": "began",
    "firm": "company",
    "firms": "companies",
    "people": "individuals",
    "get": "obtain",
    "try": "attempt",
    "need": "require",
    "needs": "requires",
    "enough": "sufficient",
    "quickly": "rapidly",
    "main": "principal",
    "often": "frequently",
    "chance": "opportunity",
    "answer": "response",
    "whole": "entire",
    "mostly": "largely",
    "biggest": "largest",
    "hard": "difficult",
    "kind": "type",
    "area": "region",
    "areas": "regions",
    "job": "post",
    "aim": "goal",
    "keen": "eager",
    "ended": "finished",
    "begin": "commence",
    "use": "utilise",
    "used": "utilised",
    "also": "additionally",
    "however": "nevertheless",
    "fight": "battle",
    "buyers": "purchasers",
    "shops": "stores",
    "film": "movie",
    "films": "movies",
}
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Sir")
ORG_SUFFIXES = (
    "Group Bank Corporation Corp Inc Ltd plc Party Council Association Union Airways "
    "Airlines Motors Commission Federation Agency Institute Company Records Studios "
    "Ministry Club United City Rovers Foundation Trust Society Office Board Authority"
).split()
NOT_NAMES = set(
    (
        "The A An In On At For But And Or If When While As It He She They We I This That "
        "These Those His Her Its Their Our Mr Mrs Ms Miss Dr Sir Lord Lady Prime Minister "
        "Chancellor President Secretary Chief Executive Home Foreign Labour Conservative "
        "Tory Tories Liberal Democrats Democrat Lib Dems Dem New Old North South East West "
        "British English Scottish Welsh Irish European American Chinese Japanese French "
        "German Russian Indian Australian Great Britain United Kingdom States Premiership "
        "League Cup World Grand Prix Champions Six Nations Christmas Easter Internet Net"
    ).split()
    + WEEKDAYS
    + MONTHS
    + ["March", "May"]
)
NOT_ORG_ACRONYMS = set(
    "TV CEO GDP DVD PC MP MPs UK US USA EU PM AM PM CD CDs MP3 PCs SMS ID UN BBC II III "
    "IV VAT RBS OK GMT BST EST PST CET UTC HIV DNA SARS MRI ICT LCD PDA PDAs MPV RPG FPS "
    "PhD AIDS ATM ATMs SUV SUVs URL WWW HTML".split()
)

# ---------------------------------------------------------------- patterns

NUM = re.compile(r"(?<![\w£$€.,/-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w£$€/-]|[.,]\d)")
MONEY = re.compile(
    r"(?<![\w.])([£$€])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s?(?:bn|m|k|billion|million|trillion))?(?!\w|[.,]\d)"
)
YEAR = re.compile(r"(?<![\w£$€.,])(19[5-9]\d|20[0-2]\d)(?![\w%£$€]|[.,]\d)")
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
SAY = r"(?:said|says|told|added|explained|insisted|warned|admitted)"
NAME = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir) [A-Z][\w'-]+(?: [A-Z][\w'-]+)?|[A-Z][a-z][\w'-]*(?: [A-Z][a-z][\w'-]*){1,2})"
# '"…," said Mr X.' / '…, said Jo Bloggs, chief executive': the name closes the clause
# ("said Mr X was …" makes X the subject of what was said, not the speaker)
SPEAKER_AFTER = re.compile(
    rf"(?:[\"\u201d],?|,) (?:said|says|added|explained|insisted|warned|admitted) ({NAME})(?=[.,;]|$)"
)
SPEAKER_BEFORE = re.compile(rf"({NAME}),?(?: has)? {SAY}\b")
SENTENCE_END = re.compile(r"[.!?][\"'\u201d]?(\s+)(?=[\"'\u201c(]?[A-Z0-9£$])")

# ---------------------------------------------------------------- text model


@dataclass
class Gold:
    """A planted edit. Offsets are local to a sentence until the pair is assembled."""

    kind: str  # the edit kind (MUST_FLAG)
    start: int  # derived span (local, then absolute)
    end: int
    src_start: int  # absolute source span (-1: none)
    src_end: int
    accept: tuple[str, ...]
    alt: list[tuple[int, int]] = field(default_factory=list)  # other derived spans that count
    quote: tuple[int, int] | None = None  # for quote edits: the quotation's derived span
    speaker: str = ""  # for speaker edits: the new speaker's name
    note: str = ""


@dataclass
class Sent:
    text: str
    src: int  # absolute source offset of the original sentence (-1 when inserted)
    quoted: list[tuple[int, int]]  # local quotation spans, marks included
    edited: bool = False
    golds: list[Gold] = field(default_factory=list)


@dataclass
class Doc:
    path: str
    category: str
    text: str
    title: str
    paragraphs: list[list[Sent]]

    def copy(self) -> Doc:
        return Doc(
            self.path,
            self.category,
            self.text,
            self.title,
            [[Sent(s.text, s.src, list(s.quoted)) for s in p] for p in self.paragraphs],
        )

    def sentences(self) -> list[Sent]:
        return [s for p in self.paragraphs for s in p]


def quote_regions(paragraph: str) -> list[tuple[int, int]]:
    """Spans of double-quoted text in a paragraph, marks included.

    A mark after a space (or at the start) opens, any other closes. An opening mark
    inside an open quotation starts a new one (news style leaves a quote open at a
    paragraph end; this corpus sometimes runs those paragraphs together), and a quote
    still open at the end runs to the end of the paragraph.
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for m in re.finditer(r"[\"\u201c\u201d]", paragraph):
        at = m.start()
        opening = m.group() == "\u201c" or (
            m.group() == '"' and (at == 0 or paragraph[at - 1] in " (\u2014-")
        )
        if opening:
            if start is not None:
                spans.append((start, paragraph.rstrip().rfind(" ", 0, at) + 1 or at))
            start = at
        elif start is not None:
            spans.append((start, at + 1))
            start = None
    if start is not None:
        spans.append((start, len(paragraph)))
    return spans


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans in a paragraph: a plain rule, good enough to place edits."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in SENTENCE_END.finditer(paragraph):
        at = m.start()
        if at >= 1 and paragraph[at - 1].isupper() and (at < 2 or not paragraph[at - 2].isalpha()):
            continue  # an initial ("George W. Bush")
        spans.append((start, m.start(1)))
        start = m.end(1)
    if start < len(paragraph):
        spans.append((start, len(paragraph)))
    return spans


def parse(path: str, category: str, text: str) -> Doc:
    title_end = text.find("\n")
    title = text[:title_end].strip()
    paragraphs: list[list[Sent]] = []
    for m in re.finditer(r"[^\n]+", text[title_end:]):
        p_start = title_end + m.start()
        para = m.group().rstrip()
        if not para.strip():
            continue
        regions = quote_regions(para)
        sents = []
        for s, e in split_sentences(para):
            quoted = [(max(a, s) - s, min(b, e) - s) for a, b in regions if a < e and b > s]
            sents.append(Sent(para[s:e], p_start + s, quoted))
        if sents:
            paragraphs.append(sents)
    return Doc(path, category, text, title, paragraphs)


def assemble(doc: Doc) -> tuple[str, list[Gold]]:
    """The derived text and its gold with absolute offsets."""
    parts = [doc.title, "\n\n"]
    pos = len(doc.title) + 2
    golds: list[Gold] = []
    for n, para in enumerate(doc.paragraphs):
        if n:
            parts.append("\n\n")
            pos += 2
        for k, sent in enumerate(para):
            if k:
                parts.append(" ")
                pos += 1
            for g in sent.golds:
                if g.start >= 0:
                    g.start += pos
                    g.end += pos
                g.alt = [(a + pos, b + pos) for a, b in g.alt]
                if g.quote:
                    g.quote = (g.quote[0] + pos, g.quote[1] + pos)
                golds.append(g)
            parts.append(sent.text)
            pos += len(sent.text)
    parts.append("\n")
    return "".join(parts), golds


# ---------------------------------------------------------------- corpus


@dataclass
class Corpus:
    docs: list[Doc]
    persons: list[str]  # "First Last" names
    orgs: list[str]  # organisation names with a telling suffix
    acronyms: list[str]
    quote_words: dict[str, list[str]]  # suffix class -> words seen inside quotations
    org_pattern: re.Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))

    person_set: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.person_set = frozenset(self.persons)
        if self.orgs:
            names = "|".join(re.escape(o) for o in sorted(self.orgs, key=len, reverse=True))
            self.org_pattern = re.compile(rf"(?<![\w'])({names})(?![\w'])")


def load_corpus(root: Path | None = None) -> Corpus:
    base = (root or data_root()) / "bbc"
    dupes = set()
    with (base / "manifest.tsv").open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 5 and cols[5].strip():
                dupes.add(cols[0])
    docs = []
    for file in sorted((base / "articles").glob("*/*.txt")):
        rel = f"{file.parent.name}/{file.name}"
        if rel in dupes:
            continue
        docs.append(parse(rel, file.parent.name, read_text(file)))
    return build_pools(docs)


def build_pools(docs: list[Doc]) -> Corpus:
    person_count: Counter[str] = Counter()
    org_count: Counter[str] = Counter()
    acro_count: Counter[str] = Counter()
    words: dict[str, set[str]] = {}
    first_names: Counter[str] = Counter()
    bigram = re.compile(r"(?<![\w'])([A-Z][a-z]+) ([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)(?![\w'])")
    for doc in docs:
        body = " ".join(s.text for p in doc.paragraphs for s in p)
        titled = set(re.findall(r"\b(?:Mr|Mrs|Ms|Miss|Dr) ([A-Z][a-z]+)", body))
        for first, last in bigram.findall(body):
            if last in titled and first not in NOT_NAMES and last not in NOT_NAMES:
                first_names[first] += 1
        for m in re.finditer(
            r"((?:[A-Z][\w&'-]+ ){1,3}(?:" + "|".join(ORG_SUFFIXES) + r"))\b", body
        ):
            name = m.group(1)
            if name.split()[0] not in NOT_NAMES and "'" not in name:
                org_count[name] += 1
        for a in re.findall(r"(?<![\w-])([A-Z]{3,5})(?![\w-])", body):
            if a not in NOT_ORG_ACRONYMS:
                acro_count[a] += 1
        for sent in (s for p in doc.paragraphs for s in p):
            for a, b in sent.quoted:
                for w in WORD.findall(sent.text[a:b]):
                    if w.islower() and len(w) >= 4 and "'" not in w:
                        words.setdefault(suffix_class(w), set()).add(w)
    for doc in docs:
        body = " ".join(s.text for p in doc.paragraphs for s in p)
        for first, last in bigram.findall(body):
            if first_names[first] >= 2 and last not in NOT_NAMES and first not in NOT_NAMES:
                person_count[f"{first} {last}"] += 1
    return Corpus(
        docs,
        sorted(person_count),
        sorted(n for n, c in org_count.items() if c >= 2),
        sorted(n for n, c in acro_count.items() if c >= 5),
        {k: sorted(v) for k, v in words.items()},
    )


def suffix_class(word: str) -> str:
    for suffix in ("ing", "ed", "ly", "s"):
        if word.endswith(suffix):
            return suffix
    return ""


# ---------------------------------------------------------------- edit helpers

Edit = tuple[int, int, str, dict[str, Any]]  # local start, end, replacement, extras


def outside_quotes(sent: Sent, a: int, b: int) -> bool:
    return all(b <= qs or a >= qe for qs, qe in sent.quoted)


def with_case(word: str, model: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def apply(sent: Sent, kind: str, edit: Edit) -> Gold:
    """Replace sent.text[a:b] with the replacement and record the gold."""
    a, b, new, extra = edit
    sent.text = sent.text[:a] + new + sent.text[b:]
    shift = len(new) - (b - a)
    sent.quoted = [
        (qs if qs <= a else qs + shift, qe + shift if qe >= b else qe) for qs, qe in sent.quoted
    ]
    sent.edited = True
    span = extra.get("span", (a, a + len(new)))
    gold = Gold(
        kind,
        span[0],
        span[1],
        sent.src + a,
        sent.src + b,
        extra.get("accept", ACCEPT[kind]),
        alt=list(extra.get("alt", [])),
        quote=extra.get("quote"),
        speaker=extra.get("speaker", ""),
        note=extra.get("note", ""),
    )
    sent.golds.append(gold)
    return gold


def next_word_span(text: str, pos: int) -> tuple[int, int]:
    m = re.compile(r"[£$€]?[\w'%.,-]*\w%?").search(text, pos)
    return (m.start(), m.end()) if m else (pos, pos)


def prev_word_span(text: str, pos: int) -> tuple[int, int]:
    found = [m for m in re.finditer(r"\w[\w'-]*", text[:pos])]
    return (found[-1].start(), found[-1].end()) if found else (pos, pos)


DETERMINERS = set("a an the some any many much more no its his her their our your one two".split())
FUNCTION_WORDS = set(
    "a an the in on at of to for by with as be been being is are was were his her its their "
    "this that these those and or but any all".split()
)


def deletion_extra(text: str, a: int, b: int, replacement: str = "") -> dict[str, Any]:
    """Gold for a deleted word: the words either side of the gap in the new text.

    The span runs from the word before to the second content word after, within the
    clause (the negated or hedged words: "not significantly prolong"); the word before,
    any of the words after or the replacement ("didn't" -> "did") alone also counts as
    an exact span.
    """
    new_text = text[:a] + replacement + text[b:]
    prev = prev_word_span(new_text, a + len(replacement) if replacement else a)
    nxt = next_word_span(new_text, a + len(replacement))
    words = [nxt]  # up to two content words after the gap ("not significantly prolong")
    content = 0
    while content < 2:
        last = words[-1]
        if new_text[last[0] : last[1]].lower() not in FUNCTION_WORDS:
            content += 1
            if content == 2:
                break
        following = next_word_span(new_text, last[1])
        if following[0] >= following[1] or following[0] - last[1] > 3:
            break
        words.append(following)
    alt = [prev, *words] + ([(a, a + len(replacement))] if replacement else [])
    return {"span": (prev[0], words[-1][1]), "alt": alt}


def changed_value(rng: random.Random, value: float, decimals: int) -> float:
    while True:
        factor = rng.uniform(1.15, 1.6) if rng.random() < 0.7 else rng.uniform(0.4, 0.85)
        new = round(value * factor, decimals)
        if decimals == 0 and new == value:
            new = value + rng.choice((1, 2, 3))
        if new != value and new > 0:
            return new


def format_like(value: float, digits: str, fraction: str | None) -> str:
    decimals = len(fraction) - 1 if fraction else 0
    text = f"{value:,.{decimals}f}" if "," in digits else f"{value:.{decimals}f}"
    return text


ALL_MONTHS = "|".join([*MONTHS, "March", "May"])
MONTH_AFTER = re.compile(rf"\s*(?:{ALL_MONTHS})\b")
MONTH_BEFORE = re.compile(rf"\b(?:{ALL_MONTHS})\s*$")


def in_date(text: str, a: int, b: int) -> bool:
    """Is text[a:b] the day of a date ("5 November", "November 5")?"""
    return bool(MONTH_AFTER.match(text, b) or MONTH_BEFORE.search(text[max(0, a - 12) : a]))


def is_year(digits: str, fraction: str | None) -> bool:
    return not fraction and len(digits) == 4 and 1900 <= int(digits) <= 2030


# ---------------------------------------------------------------- must-flag edits


def find_number(sent: Sent, rng: random.Random, corpus: Corpus, doc: Doc) -> list[Edit]:
    edits: list[Edit] = []
    for m in NUM.finditer(sent.text):
        digits, fraction = m.group(1), m.group(2)
        if is_year(digits, fraction) or not outside_quotes(sent, m.start(), m.end()):
            continue
        if in_date(sent.text, m.start(), m.end()):
            continue
        value = float(digits.replace(",", "") + (fraction or ""))
        new = format_like(
            changed_value(rng, value, len(fraction) - 1 if fraction else 0), digits, fraction
        )
        edits.append((m.start(), m.end(), new, {}))
    for m in re.finditer(r"(?<![\w-])(" + "|".join(WORD_NUMBERS) + r")(?![\w-])", sent.text, re.I):
        word = m.group(1)
        if not outside_quotes(sent, m.start(), m.end()) or (word[0].isupper() and m.start() > 0):
            continue  # a capitalised number word mid-sentence is part of a name
        choices = [w for w in WORD_NUMBERS[:11] if w != word.lower()]
        edits.append((m.start(), m.end(), with_case(rng.choice(choices), word), {}))
    return edits


def find_money(sent: Sent, rng: random.Random, corpus: Corpus, doc: Doc) -> list[Edit]:
    edits: list[Edit] = []
    for m in MONEY.finditer(sent.text):
        if not outside_quotes(sent, m.start(), m.end()):
            continue
        symbol, digits, fraction, unit = m.group(1), m.group(2), m.group(3), m.group(4) or ""
        value = float(digits.replace(",", "") + (fraction or ""))
        decimals = (
            len(fraction) - 1
            if fraction
            else (1 if unit.strip() in ("m", "bn") and value < 10 else 0)
        )
        new_value = changed_value(rng, value, decimals)
        if decimals and not fraction:
            fraction = "." + "0" * decimals
        new = symbol + format_like(new_value, digits, fraction) + unit
        edits.append((m.start(), m.end(), new, {}))
    return edits


def find_date(sent: Sent, rng: random.Random, corpus: Corpus, doc: Doc) -> list[Edit]:
    edits: list[Edit] = []
    for m in YEAR.finditer(sent.text):
        if outside_quotes(sent, m.start(), m.end()):
            year = int(m.group(1)) + rng.choice((-3, -2, -1, 1, 2, 3))
            edits.append((m.start(), m.end(), str(year), {}))
    for names in (WEEKDAYS, MONTHS):
        for m in re.finditer(r"\b(" + "|".join(names) + r")\b", sent.text):
            if outside_quotes(sent, m.start(), m.end()):
                new = rng.choice([n for n in names if n != m.group(1)])
                edits.append((m.start(), m.end(), new, {}))
    return edits


def doc_mentions(doc: Doc, name: str) -> bool:
    return any(part in doc.text for part in name.split() if part not in TITLES)


def find_entity(sent: Sent, rng: random.Random, corpus: Corpus, doc: Doc) -> list[Edit]:
    edits: list[Edit] = []
    persons = corpus.person_set
    for m in re.finditer(
        r"(?<![\w'])([A-Z][a-z]+ [A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)(?![\w'])", sent.text
    ):
        if m.group(1) in persons and outside_quotes(sent, m.start(), m.end()):
            if not whole_name(sent.text, m.start(), m.end()):
                continue
            new = pick(rng, corpus.persons, lambda n: not doc_mentions(doc, n))
            if new:
                edits.append((m.start(), m.end(), new, {"note": "person", "speaker": new}))
    for m in corpus.org_pattern.finditer(sent.text):
        if outside_quotes(sent, m.start(), m.end()) and whole_name(sent.text, m.start(), m.end()):
            new = pick(rng, corpus.orgs, lambda n: not doc_mentions(doc, n))
            if new:
                edits.append((m.start(), m.end(), new, {"note": "organisation", "speaker": new}))
    for m in re.finditer(r"(?<![\w-])([A-Z]{3,5})(?![\w-])", sent.text):
        if m.group(1) in set(corpus.acronyms) and outside_quotes(sent, m.start(), m.end()):
            new = pick(rng, corpus.acronyms, lambda n: n not in doc.text)
            if new:
                edits.append((m.start(), m.end(), new, {"note": "acronym", "speaker": new}))
    return edits


def whole_name(text: str, a: int, b: int) -> bool:
    """Is text[a:b] not part of a longer capitalised name ("Jose Vicente" in "Jose Vicente Rangel")?"""
    before = re.search(r"([A-Z][\w'-]*) $", text[max(0, a - 30) : a])
    after = re.match(r" [A-Z]", text[b : b + 2])
    return not after and not (before and before.group(1) not in ("The", "A", "An"))


def pick(rng: random.Random, pool: Sequence[str], ok: Callable[[str], bool]) -> str | None:
    for _ in range(50):
        choice = rng.choice(pool)
        if ok(choice):
            return choice
    return None


def find_negation(sent: Sent, rng: random.Random, corpus: Corpus, doc: Doc) -> list[Edit]:
    inserts: list[Edit] = []
    drops: list[Edit] = []
    text = sent.text
    aux = re.compile(
        r"(?<=\w )(" + "|".join(AUXILIARIES) + r")( )"
        r"(?!not\b|never\b|to\b|n't|no\b|nothing\b|none\b|nobody\b|neither\b)([a-z]+)"
    )
    for m in aux.finditer(text):
        if m.group(1).startswith("ha") and m.group(3) in DETERMINERS:
            continue  # "have some way to go": a main verb, "not" would not read
        if outside_quotes(sent, m.start(), m.end()):
            at = m.end(1)
            inserts.append((at, at, " not", {"span": (at + 1, at + 4), "note": "inserted not"}))
    for m in re.finditer(r" (not|never)\b(?! only\b| least\b| just\b| even\b| no\b)", text):
        if m.start() == 0 or not outside_quotes(sent, m.start(), m.end()):
            continue
        if re.search(r"\b(?:if|or|whether)$", text[: m.start()]):
            continue
        extra = deletion_extra(text, m.start(), m.end())
        drops.append((m.start(), m.end(), "", {**extra, "note": f"dropped {m.group(1)}"}))
    for m in re.finditer(r"\b(" + "|".join(re.escape(c) for c in CONTRACTIONS) + r")\b", text):
        if outside_quotes(sent, m.start(), m.end()):
            new = CONTRACTIONS[m.group(1)]
            extra = deletion_extra(text, m.start(), m.end(), new)
            drops.append((m.start(), m.end(), new, {**extra, "note": "dropped n't"}))
    return inserts + drops


def find_hedge(sent: Sent, rng: random.Random, corpus: Corpus, doc: Doc) -> list[Edit]:
    text = sent.text
    adds: list[Edit] = []
    drops: list[Edit] = []
    for pattern in (NUM, MONEY):
        for m in pattern.finditer(text):
            if not outside_quotes(sent, m.start(), m.end()):
                continue
            if pattern is NUM and (
                is_year(m.group(1), m.group(2))
                or text[m.start() - 1 : m.start()] in "£$€"
                or in_date(text, m.start(), m.end())
            ):
                continue
            before = text[max(0, m.start() - 30) : m.start()].lower().split()
            if any(
                w in (*HEDGE_BEFORE_NUMBER, "than", "over", "under", "to", "up")
                for w in before[-2:]
            ):
                continue
            hedge = rng.choice(NUMBER_HEDGES)
            at = m.start()
            adds.append(
                (at, at, hedge + " ", {"span": (at, at + len(hedge)), "note": f"added {hedge}"})
            )
    for m in re.finditer(r"(?<=\w )(" + "|".join(REPORTABLE_VERBS) + r")\b", text):
        if outside_quotes(sent, m.start(), m.end()):
            at = m.start()
            adds.append(
                (at, at, "reportedly ", {"span": (at, at + 10), "note": "added reportedly"})
            )
    for m in re.finditer(
        r"\b(?:the|an|his|her|its|their) (" + "|".join(ALLEGEABLE_NOUNS) + r")\b", text
    ):
        if outside_quotes(sent, m.start(), m.end()):
            at = m.start(1)
            adds.append((at, at, "alleged ", {"span": (at, at + 7), "note": "added alleged"}))
    hedge_num = re.compile(r"\b(" + "|".join(HEDGE_BEFORE_NUMBER) + r") (?=[£$€]?\d)", re.I)
    for m in hedge_num.finditer(text):
        number = NUM.match(text, m.end()) or MONEY.match(text, m.end())
        if number and in_date(text, number.start(), number.end()):
            continue  # "speculation about 5 May": a preposition, not a hedge
        if outside_quotes(sent, m.start(), m.end()) and m.start() > 0:
            extra = deletion_extra(text, m.start(), m.end())
            drops.append((m.start(), m.end(), "", {**extra, "note": f"dropped {m.group(1)}"}))
    for m in re.finditer(r"\b(" + "|".join(HEDGE_ADVERBS) + r"|alleged) (?!to\b)", text):
        if outside_quotes(sent, m.start(), m.end()) and m.start() > 0:
            extra = deletion_extra(text, m.start(), m.end())
            drops.append((m.start(), m.end(), "", {**extra, "note": f"dropped {m.group(1)}"}))
    for m in re.finditer(r"\b(is|are|was|were) expected to\b", text):
        if outside_quotes(sent, m.start(), m.end()):
            new = "will" if m.group(1) in ("is", "are") else "would"
            extra = {
                **deletion_extra(text, m.start(), m.end(), new),
                "accept": ("change:hedge", "change:modality", "change:certainty"),
                "note": "dropped expected to",
            }
            drops.append((m.start(), m.end(), new, extra))
    return adds + drops


def find_modality(sent: Sent, rng: random.Random, corpus: Corpus, doc: Doc) -> list[Edit]:
    edits: list[Edit] = []
    pattern = re.compile(r"(?<=\w )(" + "|".join(MODAL_SWAP) + r")(?= (?!of\b|and\b|to\b)[a-z])")
    for m in pattern.finditer(sent.text):
        if outside_quotes(sent, m.start(), m.end()):
            edits.append((m.start(), m.end(), MODAL_SWAP[m.group(1)], {}))
    return edits


def contained_quotes(sent: Sent, min_words: int = 5) -> list[tuple[int, int]]:
    """Quotations that open and close inside this sentence."""
    found = []
    for qs, qe in sent.quoted:
        inner = sent.text[qs:qe]
        closed = len(inner) >= 2 and inner[0] in '"\u201c' and inner[-1] in '"\u201d'
        if closed and len(WORD.findall(inner)) >= min_words:
            found.append((qs, qe))
    return found


def find_quote(sent: Sent, rng: random.Random, corpus: Corpus, doc: Doc) -> list[Edit]:
    edits: list[Edit] = []
    skip = set(MODAL_SWAP) | set(AUXILIARIES) | {"never", "about", "nearly", "around", "almost"}
    for qs, qe in contained_quotes(sent):
        for m in WORD.finditer(sent.text, qs + 1, qe - 1):
            word = m.group()
            if not word.islower() or len(word) < 4 or "'" in word or word in skip:
                continue
            pool = corpus.quote_words.get(suffix_class(word), [])
            new = pick(rng, pool, lambda w, word=word: w != word and w[:3] != word[:3])
            if new:
                quote = (qs, qe + len(new) - len(word))
                edits.append(
                    (m.start(), m.end(), new, {"quote": quote, "note": f"{word} -> {new}"})
                )
    return edits


def find_speaker(sent: Sent, rng: random.Random, corpus: Corpus, doc: Doc) -> list[Edit]:
    edits: list[Edit] = []
    quotes = contained_quotes(sent, 3)
    if not quotes:
        return edits
    others = sorted({n for n in corpus.persons if n in doc.text})
    for pattern in (SPEAKER_AFTER, SPEAKER_BEFORE):
        for m in pattern.finditer(sent.text):
            a, b = m.start(1), m.end(1)
            words = m.group(1).split()
            if not outside_quotes(sent, a, b):
                continue
            new: str | None
            if words[0] in TITLES and len(words) == 2:
                pool = [o.split()[1] for o in others] or [p.split()[1] for p in corpus.persons]
                new_last = pick(rng, pool, lambda s, last=words[1]: s != last)
                new = f"{words[0]} {new_last}" if new_last else None
            else:
                name = " ".join(words[-2:])
                if name not in corpus.person_set:
                    continue
                a = b - len(name)  # keep a leading title or role ("Dr", "Director")
                pool = others if len(others) > 1 else corpus.persons
                new = pick(rng, pool, lambda n, name=name: n.split()[-1] not in name)
            if not new:
                continue
            shift = len(new) - (b - a)
            qs, qe = quotes[0] if len(quotes) == 1 else min(quotes, key=lambda q: abs(q[1] - a))
            quote = (qs + shift, qe + shift) if qs > a else (qs, qe)
            extra = {"quote": quote, "span": quote, "alt": [(a, a + len(new))], "speaker": new}
            edits.append((a, b, new, {**extra, "note": f"{sent.text[a:b]} -> {new}"}))
    return edits


FINDERS: dict[str, Callable[[Sent, random.Random, Corpus, Doc], list[Edit]]] = {
    "number": find_number,
    "money": find_money,
    "date": find_date,
    "entity": find_entity,
    "negation": find_negation,
    "hedge": find_hedge,
    "modality": find_modality,
    "quote": find_quote,
    "speaker": find_speaker,
}


def edit_in_sentence(
    doc: Doc, kind: str, rng: random.Random, corpus: Corpus, *, dropped: bool | None = None
) -> bool:
    """Apply one edit of `kind` to a random untouched sentence; False if none fits.

    Adding and dropping (a hedge, a negation) are equally likely when the article
    allows both; `dropped` asks for one direction (an article without it is skipped),
    which the generator alternates so that the two come out even across pairs.
    """
    options: dict[bool, list[tuple[Sent, Edit]]] = {}
    for sent in doc.sentences():
        if sent.edited or sent.src < 0:
            continue
        for edit in FINDERS[kind](sent, rng, corpus, doc):
            is_drop = str(edit[3].get("note", "")).startswith("dropped")
            options.setdefault(is_drop, []).append((sent, edit))
    if dropped is not None and kind in ("negation", "hedge"):
        options = {dropped: options[dropped]} if dropped in options else {}
    if not options:
        return False
    sent, edit = rng.choice(options[rng.choice(sorted(options))])
    apply(sent, kind, edit)
    return True


def open_quote(sent: Sent) -> bool:
    """Does a quotation in this sentence run on past its end?"""
    text = sent.text.rstrip()
    return any(qe >= len(text) and text[-1:] not in '"\u201d' for _, qe in sent.quoted)


def insert_sentence(doc: Doc, rng: random.Random, corpus: Corpus) -> bool:
    donors = [d for d in corpus.docs if d.category != doc.category]
    for _ in range(30):
        donor = rng.choice(donors)
        pool = [
            s.text
            for s in donor.sentences()
            if 8 <= len(s.text.split()) <= 35
            and not s.quoted
            and s.text[:1].isupper()
            and s.text.endswith(".")
            and s.text.split()[0] not in ("He", "She", "It", "They", "This", "But", "And", "That")
        ]
        if pool:
            break
    else:
        return False
    text = rng.choice(pool)
    p = rng.randrange(len(doc.paragraphs))
    para = doc.paragraphs[p]
    # never inside a quotation left open by the sentence before
    places = [
        k for k in range(1 if p == 0 else 0, len(para) + 1) if k == 0 or not open_quote(para[k - 1])
    ]
    if not places:
        return False
    k = rng.choice(places)
    sent = Sent(text, -1, [], edited=True)
    sent.golds.append(Gold("insert", 0, len(text), -1, -1, ACCEPT["insert"], note="inserted"))
    para.insert(k, sent)
    return True


def drop_sentence(doc: Doc, rng: random.Random, corpus: Corpus) -> bool:
    options = [
        (p, k)
        for p, para in enumerate(doc.paragraphs)
        for k, s in enumerate(para)
        if not s.edited and s.src >= 0 and len(s.text.split()) >= 8
    ]
    if not options:
        return False
    p, k = rng.choice(options)
    sent = doc.paragraphs[p].pop(k)
    if not doc.paragraphs[p]:
        doc.paragraphs.pop(p)
    gold = Gold("drop", -1, -1, sent.src, sent.src + len(sent.text), ACCEPT["drop"], note="dropped")
    # an omission has no derived span: park the gold on a neighbour so it is emitted
    host = doc.paragraphs[min(p, len(doc.paragraphs) - 1)][0]
    host.golds.append(gold)
    return True


# ---------------------------------------------------------------- must-not-flag edits


def reorder(doc: Doc, rng: random.Random) -> bool:
    if len(doc.paragraphs) < 4:
        return False
    body = doc.paragraphs[1:]
    order = list(range(len(body)))
    while order == sorted(order):
        rng.shuffle(order)
    doc.paragraphs = [doc.paragraphs[0], *(body[i] for i in order)]
    return True


def synonym(doc: Doc, rng: random.Random) -> bool:
    options = []
    pattern = re.compile(r"\b(" + "|".join(SYNONYMS) + r")\b")
    for sent in doc.sentences():
        for m in pattern.finditer(sent.text):
            # lower case only: a capitalised word may be part of a title or a name
            if outside_quotes(sent, m.start(), m.end()) and m.group(1) in SYNONYMS:
                options.append((sent, m))
    if not options:
        return False
    sent, m = rng.choice(options)
    new = with_case(SYNONYMS[m.group(1).lower()], m.group(1))
    sent.text = sent.text[: m.start()] + new + sent.text[m.end() :]
    return True


def number_format(doc: Doc, rng: random.Random) -> bool:
    options: list[tuple[Sent, int, int, str]] = []
    digits_word = {v: k for k, v in SMALL_WORDS.items()}
    for sent in doc.sentences():
        text = sent.text
        for m in re.finditer(r"(?<![\w.,])(\d+(?:\.\d+)?)%", text):
            word = rng.choice((" per cent", " percent"))
            options.append((sent, m.start(), m.end(), m.group(1) + word))
        for m in re.finditer(r"(?<![\w.])([£$€]\d+(?:\.\d+)?)(m|bn)\b", text):
            unit = " million" if m.group(2) == "m" else " billion"
            options.append((sent, m.start(), m.end(), m.group(1) + unit))
        for m in NUM.finditer(text):
            small = not m.group(2) and m.group(1).isdigit() and int(m.group(1)) in digits_word
            if (
                small
                and text[m.end() : m.end() + 1] != "%"
                and not in_date(text, m.start(), m.end())
            ):
                options.append((sent, m.start(), m.end(), digits_word[int(m.group(1))]))
        for m in re.finditer(r"(?<![\w-])(" + "|".join(SMALL_WORDS) + r")(?![\w-])", text, re.I):
            options.append((sent, m.start(), m.end(), str(SMALL_WORDS[m.group(1).lower()])))
    options = [o for o in options if outside_quotes(o[0], o[1], o[2])]
    if not options:
        return False
    sent, a, b, new = rng.choice(options)
    sent.text = sent.text[:a] + new + sent.text[b:]
    return True


# ---------------------------------------------------------------- pairs


@dataclass
class Pair:
    id: str
    kind: str
    path: str
    source: str
    derived: str
    golds: list[Gold]


def make_pair(
    doc: Doc, kind: str, rng: random.Random, corpus: Corpus, variant: int = 0
) -> Pair | None:
    work = doc.copy()
    if kind in FINDERS:
        ok = edit_in_sentence(work, kind, rng, corpus, dropped=bool(variant % 2))
    elif kind == "insert":
        ok = insert_sentence(work, rng, corpus)
    elif kind == "drop":
        ok = drop_sentence(work, rng, corpus)
    elif kind == "reorder":
        ok = reorder(work, rng)
    elif kind == "synonym":
        ok = synonym(work, rng)
    elif kind == "format":
        ok = number_format(work, rng)
    elif kind == "control":
        ok = True
    elif kind == MULTI:
        ok = multi_edit(work, rng, corpus)
    else:
        raise ValueError(f"unknown edit kind {kind!r}")
    if not ok:
        return None
    derived, golds = assemble(work)
    return Pair(f"{kind}:{doc.path}", kind, doc.path, doc.text, derived, golds)


def multi_edit(doc: Doc, rng: random.Random, corpus: Corpus) -> bool:
    """Three edits of different kinds in different sentences."""
    kinds = rng.sample([*FINDERS, "insert", "drop"], 3)
    kinds.sort(key=lambda k: (k == "insert", k == "drop"))  # structure last
    for kind in kinds:
        if kind == "insert":
            ok = insert_sentence(doc, rng, corpus)
        elif kind == "drop":
            ok = drop_sentence(doc, rng, corpus)
        else:
            ok = edit_in_sentence(doc, kind, rng, corpus)
        if not ok:
            return False
    return True


def generate(
    corpus: Corpus, per_kind: int, seed: int = SEED, multi: int | None = None
) -> list[Pair]:
    """`per_kind` pairs of every edit kind (deterministic for a seed), plus multi-edit pairs."""
    pairs: list[Pair] = []
    counts = {k: per_kind for k in (*MUST_FLAG, *MUST_NOT_FLAG)}
    counts[MULTI] = multi if multi is not None else max(per_kind // 2, 1)
    for kind, wanted in counts.items():
        order = list(range(len(corpus.docs)))
        random.Random(f"{seed}:order:{kind}").shuffle(order)
        made = 0
        for i in order:
            if made >= wanted:
                break
            rng = random.Random(f"{seed}:{kind}:{i}")
            pair = make_pair(corpus.docs[i], kind, rng, corpus, variant=made)
            if pair is not None:
                pairs.append(pair)
                made += 1
    return pairs


# ---------------------------------------------------------------- running retold


def findings(report: retold.Report) -> list[dict[str, Any]]:
    """Everything in a report that can match a gold edit, as plain dicts."""
    by_index = {s.index: s for s in report.sentences}
    out: list[dict[str, Any]] = []
    for c in report.changes:
        start, end, spanless = c.derived_start, c.derived_end, c.derived_start < 0
        if spanless and c.sentence in by_index:
            start, end = by_index[c.sentence].start, by_index[c.sentence].end
        out.append(
            {
                "type": f"change:{c.kind}",
                "start": start,
                "end": end,
                "sentence": c.sentence,
                "spanless": spanless,
                "severity": c.severity,
                "derived_text": c.derived_text,
                "source_text": c.source_text,
            }
        )
    for q in report.quotes:
        out.append(
            {
                "type": f"quote:{q.status}",
                "start": q.start,
                "end": q.end,
                "sentence": q.sentence,
                "speaker": q.speaker,
                "source_speaker": q.source_speaker,
            }
        )
    for s in report.sentences:
        out.append(
            {"type": f"label:{s.label}", "start": s.start, "end": s.end, "sentence": s.index}
        )
    source_sentences = report.source.sentences
    for o in report.omissions:
        if 0 <= o.source_sentence < len(source_sentences):
            ss = source_sentences[o.source_sentence]
            found = {"type": "omission", "start": ss.start, "end": ss.end, "source": True}
            out.append({**found, "text": o.text[:300]})  # text: for the cached failure list
    return out


def run_pair(args: tuple[str, str]) -> tuple[list[dict[str, Any]], float, str]:
    source, derived = args
    start = time.perf_counter()
    try:
        report = retold.compare(source, derived)
    except Exception as exc:  # a crash is a finding too: count it, keep going
        return [], time.perf_counter() - start, f"{type(exc).__name__}: {exc}"
    return findings(report), time.perf_counter() - start, ""


def run_all(pairs: Sequence[Pair], workers: int) -> list[tuple[list[dict[str, Any]], float, str]]:
    jobs = [(p.source, p.derived) for p in pairs]
    if workers <= 1:
        return [run_pair(j) for j in jobs]
    with Pool(workers) as pool:
        return list(pool.imap(run_pair, jobs, chunksize=8))


# ---------------------------------------------------------------- scoring

TRIM = " \t\n.,;:!?\"'\u201c\u201d\u2018\u2019()[]-\u2013\u2014"


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[1] <= a[0] or b[1] <= b[0]:  # an empty span touches a neighbour
        return max(a[0], b[0]) <= min(a[1], b[1])
    return max(a[0], b[0]) < min(a[1], b[1])


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else float(a == b)


def gold_spans(g: Gold, ftype: str) -> list[tuple[int, int]]:
    if ftype.startswith("quote:") and g.quote:
        return [g.quote]
    return [(g.start, g.end), *g.alt]


def match(g: Gold, f: dict[str, Any], types: Sequence[str] | None = None) -> bool:
    """Does finding f answer gold g (a fitting type, overlapping spans)?"""
    if f["type"] not in (g.accept if types is None else types):
        return False
    if g.kind == "drop":
        return bool(f.get("source")) and overlaps((g.src_start, g.src_end), (f["start"], f["end"]))
    if f.get("source"):
        return False
    return any(overlaps(span, (f["start"], f["end"])) for span in gold_spans(g, f["type"]))


def credited(g: Gold, f: dict[str, Any]) -> bool:
    """For precision: a finding is right when it matches, or is a true side effect."""
    if match(g, f) or match(g, f, TOLERATE.get(g.kind, ())):
        return True
    # a swapped speaker also makes later "he said" quotes point at the wrong person
    speaker = str(f.get("speaker") or "")
    return (
        f["type"] == "quote:misattributed"
        and bool(g.speaker)
        and bool(speaker)
        and speaker.split()[-1] == g.speaker.split()[-1]
    )


def exactness(g: Gold, f: dict[str, Any], pair: Pair) -> tuple[bool, float]:
    """Is the finding's span the gold span (trimmed)? And the best character IoU."""
    text = pair.source if g.kind == "drop" else pair.derived
    if g.kind == "drop":
        golds = [(g.src_start, g.src_end)]
    elif f["type"].startswith("quote:") and g.quote:
        golds = [g.quote]
    elif f["type"] == "change:attribution" and g.alt:
        golds = list(g.alt)
    else:
        golds = [(g.start, g.end), *g.alt]
    found = trimmed(text, f["start"], f["end"])
    spans = [trimmed(text, *span) for span in golds]
    return found in spans, max(iou(span, found) for span in spans)


def sentence_of(found: list[dict[str, Any]], pos: int) -> dict[str, Any] | None:
    for f in found:
        if f["type"].startswith("label:") and f["start"] <= pos < f["end"] + 1:
            return f
    return None


def score(
    pairs: Sequence[Pair], results: Sequence[tuple[list[dict[str, Any]], float, str]]
) -> dict[str, Any]:
    per_kind: dict[str, dict[str, Any]] = {}
    type_total: Counter[str] = Counter()
    type_true: Counter[str] = Counter()
    false_alarm: dict[str, dict[str, Any]] = {}
    failures: list[dict[str, Any]] = []
    other_findings: Counter[str] = Counter()
    for pair, (found, _, error) in zip(pairs, results, strict=True):
        if pair.kind in MUST_NOT_FLAG:
            fa = false_alarm.setdefault(
                pair.kind, {"pairs": 0, "flagged": 0, "triggers": Counter()}
            )
            fa["pairs"] += 1
            triggers = [
                f["type"]
                for f in found
                if f["type"].startswith("change:")
                or (f["type"].startswith("quote:") and f["type"] != "quote:verified")
                or f["type"] == "label:altered"
            ]
            fa["flagged"] += bool(triggers) or bool(error)
            fa["triggers"].update(set(triggers))
            for f in found:
                if f["type"].startswith("change:") or f["type"] in ("label:new", "omission"):
                    fa.setdefault("extra", Counter())[f["type"]] += 1
            if triggers:
                failures.append(
                    {
                        "pair": pair.id,
                        "what": "false alarm",
                        "findings": [f for f in found if f["type"] in triggers],
                    }
                )
            continue
        for f in found:
            ftype = f["type"]
            if ftype in SCORED_TYPES:
                type_total[ftype] += 1
                ok = any(credited(g, f) for g in pair.golds)
                type_true[ftype] += ok
                if not ok:
                    failures.append({"pair": pair.id, "what": f"unmatched {ftype}", "finding": f})
            elif ftype.startswith("change:") or (
                ftype.startswith("quote:") and ftype != "quote:verified"
            ):
                other_findings[ftype] += 1
        for g in pair.golds:
            row = per_kind.setdefault(
                g.kind if pair.kind != MULTI else f"{MULTI}/{g.kind}",
                {
                    "golds": 0,
                    "hits": 0,
                    "sentence_hits": 0,
                    "exact": 0,
                    "iou": 0.0,
                    "miss_labels": Counter(),
                },
            )
            row["golds"] += 1
            hits = [f for f in found if match(g, f)]
            if g.note and "->" not in g.note:
                by_note = row.setdefault("by_note", {}).setdefault(g.note, [0, 0])
                by_note[0] += 1
                by_note[1] += bool(hits)
            if hits:
                row["hits"] += 1
                best = max((exactness(g, f, pair) for f in hits), key=lambda e: (e[0], e[1]))
                row["exact"] += best[0]
                row["iou"] += best[1]
                row["sentence_hits"] += 1
                continue
            if g.kind == "drop":
                row["miss_labels"]["(no omission)"] += 1
                failures.append(
                    {"pair": pair.id, "what": "missed drop", "gold": gold_dict(g, pair)}
                )
                continue
            sent = sentence_of(found, g.start)
            label = sent["type"].split(":")[1] if sent else "(none)"
            row["miss_labels"][label] += 1
            if sent and any(
                f["type"] in g.accept and f.get("sentence") == sent["sentence"] for f in found
            ):
                row["sentence_hits"] += 1
            in_sentence = [
                f
                for f in found
                if sent
                and f.get("sentence") == sent["sentence"]
                and not f["type"].startswith("label:")
            ]
            failures.append(
                {
                    "pair": pair.id,
                    "what": f"missed {g.kind}",
                    "label": label,
                    "gold": gold_dict(g, pair),
                    "in_sentence": in_sentence,
                }
            )
    return summarise(
        per_kind, type_total, type_true, false_alarm, other_findings, failures, results
    )


def gold_dict(g: Gold, pair: Pair) -> dict[str, Any]:
    derived = pair.derived[g.start : g.end] if g.start >= 0 else ""
    source = pair.source[g.src_start : g.src_end] if g.src_start >= 0 else ""
    return {
        "kind": g.kind,
        "note": g.note,
        "derived": derived,
        "source": source,
        "start": g.start,
        "end": g.end,
    }


def summarise(
    per_kind: dict[str, dict[str, Any]],
    type_total: Counter[str],
    type_true: Counter[str],
    false_alarm: dict[str, dict[str, Any]],
    other_findings: Counter[str],
    failures: list[dict[str, Any]],
    results: Sequence[tuple[list[dict[str, Any]], float, str]],
) -> dict[str, Any]:
    kinds: dict[str, Any] = {}
    for kind, row in sorted(per_kind.items(), key=lambda kv: order_key(kv[0])):
        ptype = PRIMARY.get(kind.split("/")[-1], "")
        total = type_total[ptype]
        kinds[kind] = {
            "golds": row["golds"],
            "recall": ratio(row["hits"], row["golds"]),
            "recall_sentence": ratio(row["sentence_hits"], row["golds"]),
            "precision": ratio(type_true[ptype], total) if "/" not in kind else None,
            "findings": total if "/" not in kind else None,
            "span_exact": ratio(row["exact"], row["hits"]),
            "span_iou": ratio(row["iou"], row["hits"]),
            "missed_sentence_labels": dict(row["miss_labels"]),
            "recall_by_variant": {
                note: {"edits": n, "recall": ratio(h, n)}
                for note, (n, h) in sorted(row.get("by_note", {}).items())
            },
        }
    multi = [r for k, r in per_kind.items() if k.startswith(MULTI)]
    if multi:
        golds = sum(r["golds"] for r in multi)
        kinds[MULTI] = {
            "golds": golds,
            "recall": ratio(sum(r["hits"] for r in multi), golds),
            "recall_sentence": ratio(sum(r["sentence_hits"] for r in multi), golds),
            "precision": None,
            "findings": None,
            "span_exact": ratio(sum(r["exact"] for r in multi), sum(r["hits"] for r in multi)),
            "span_iou": ratio(sum(r["iou"] for r in multi), sum(r["hits"] for r in multi)),
            "missed_sentence_labels": dict(sum((r["miss_labels"] for r in multi), Counter())),
        }
    fa = {
        kind: {
            "pairs": row["pairs"],
            "false_alarm_rate": ratio(row["flagged"], row["pairs"]),
            "triggers": dict(row["triggers"].most_common()),
            "other": dict(row.get("extra", Counter())),
        }
        for kind, row in sorted(false_alarm.items(), key=lambda kv: order_key(kv[0]))
    }
    flagged = sum(r["flagged"] for k, r in false_alarm.items() if k != "control")
    n = sum(r["pairs"] for k, r in false_alarm.items() if k != "control")
    times = [t for _, t, _ in results]
    return {
        "must_flag": kinds,
        "must_not_flag": fa,
        "false_alarm_rate": ratio(flagged, n),
        "finding_precision": {t: ratio(type_true[t], type_total[t]) for t in SCORED_TYPES},
        "finding_counts": {t: type_total[t] for t in SCORED_TYPES},
        "other_findings_in_edited_pairs": dict(other_findings.most_common()),
        "errors": sum(bool(e) for _, _, e in results),
        "pairs": len(results),
        "mean_ms_per_pair": round(1000 * sum(times) / len(times), 2) if times else None,
        "failures": failures,
    }


def order_key(kind: str) -> tuple[int, str]:
    names = [*MUST_FLAG, MULTI, *MUST_NOT_FLAG]
    base = kind.split("/")[0]
    return (names.index(base) if base in names else 99, kind)


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


# ---------------------------------------------------------------- output


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def tables(result: dict[str, Any]) -> str:
    rows = []
    for kind, r in result["must_flag"].items():
        rows.append(
            [
                kind,
                r["golds"],
                fmt(r["recall"]),
                fmt(r["recall_sentence"]),
                fmt(r["precision"]),
                "" if r["findings"] is None else r["findings"],
                fmt(r["span_exact"]),
                fmt(r["span_iou"]),
            ]
        )
    must = table(
        [
            "edit kind",
            "edits",
            "recall",
            "recall@sentence",
            "precision",
            "findings",
            "span exact",
            "span IoU",
        ],
        rows,
    )
    fa_rows = [
        [
            kind,
            r["pairs"],
            fmt(r["false_alarm_rate"]),
            ", ".join(f"{k} {v}" for k, v in r["triggers"].items()) or "-",
        ]
        for kind, r in result["must_not_flag"].items()
    ]
    fa = table(["must-not-flag edit", "pairs", "false-alarm rate", "pairs flagged by"], fa_rows)
    return f"{must}\n\n{fa}\n\nfalse-alarm rate over reorder/synonym/format: {fmt(result['false_alarm_rate'])}"


NOTES_HEADING = "## Failure patterns"


def variants(result: dict[str, Any]) -> str:
    rows = [
        [kind, note, v["edits"], fmt(v["recall"])]
        for kind, r in result["must_flag"].items()
        if "/" not in kind and kind not in ("insert", "drop")
        for note, v in r.get("recall_by_variant", {}).items()
    ]
    return table(["edit kind", "variant", "edits", "recall"], rows)


def write_markdown(result: dict[str, Any], meta: dict[str, Any]) -> None:
    text = f"""# Generated rewrites of BBC articles (issue 3)

`benchmarks/rewrites.py` takes real BBC articles (`../shared/data/bbc/articles/`, the 100
exact duplicates dropped), applies known edits and records gold spans, runs
`retold.compare(source, derived)` and scores the report. Generated text stays in
`benchmarks/.cache/rewrites/` (git-ignored); this file holds figures only.

Run: `.venv/bin/python -m benchmarks.rewrites --per-kind {meta["per_kind"]} --seed {meta["seed"]}`
({meta["pairs"]} pairs, {meta["seconds"]:.0f} s on {meta["workers"]} workers, mean
{result["mean_ms_per_pair"]} ms per compare, {result["errors"]} crashes; commit {meta["commit"]}).

## Results

{tables(result)}

## How it is scored

- **recall**: a finding of a fitting type overlaps the gold span in the derived text
  (for a dropped sentence: an omission whose source sentence overlaps the dropped one).
  Fitting types: number → `number` change; money → `money` or `number`; date → `date`
  or `number`; entity → `entity` or `attribution`; negation, hedge, modality → that
  change kind (dropping "is expected to" also accepts `modality`); quote word → a quote
  with status `altered`; speaker → a quote `misattributed` (or an `attribution`
  change); inserted sentence → a sentence labelled `new`; dropped sentence → `omissions`.
  A deleted word (a dropped "not" or hedge) has no span of its own: its gold span runs
  from the word before the gap to the second content word after it.
- **recall@sentence**: as recall, but a fitting finding anywhere in the edited sentence
  counts (tells a wrong span from a miss).
- **precision**: over all edited pairs (single and multi-edit), the share of findings of
  that row's type (e.g. every `number` change) that match a planted edit. True side
  effects also count as right: a `misattributed` quote whose speaker is the name a
  speaker or entity edit put in (a later "he said" now points at that person), and an
  `entity` change on a swapped speaker's name.
- **span exact**: share of matched edits whose best finding span equals the gold span
  after trimming space and punctuation (quotes: the quotation span; omissions: the
  source sentence); **span IoU**: mean character IoU of the same.
- **false-alarm rate**: share of must-not-flag pairs with any `changes` entry, any quote
  not `verified`, or any `altered` sentence. The unedited `control` row is shown apart
  and not in the overall rate.
- n/a: no finding of that type exists at all (the check is missing).

## Recall by variant

{variants(result)}

## Edits

One edit per derived article, each on a random sentence, outside quotations except the
quote edits: a digit or word number changed by 15-60% ("40" → "55", "three" → "five");
money ("£3.2m" → "£4.1m"); a year (±1-3), weekday or month (not March/May); a person
("First Last" seen with Mr/Ms elsewhere in the corpus), organisation (name with an
organisation suffix) or acronym swapped for one from another article; "not" inserted
after an auxiliary, or "not"/"never"/"n't" removed; a hedge added ("about"/"nearly"/
"around"/"almost" before a number, "reportedly" before a verb, "alleged" before a
noun) or removed (those words, "allegedly", "is expected to" → "will"); a modal swapped
(may/might/should → will, could ↔ would, will → may, must → may); a word inside a
quotation replaced; the named speaker of a quotation replaced by another person in the
article; a sentence from an article of another category inserted (never inside an
open quotation); a sentence of 8+ words dropped. Adding and dropping alternate from pair
to pair for negations and hedges. Numbers that are the day of a date, and number words
inside names ("Radio Five Live"), are left alone. Multi-edit pairs carry three edits of different kinds. Must-not-flag:
body paragraphs shuffled (lead kept first), one common word outside any fact swapped
for a synonym from the list in the script, one number reformatted without changing its
value ("5%" → "5 per cent"/"5 percent", "£3m" → "£3 million", "10" ↔ "ten").
"""
    write_keeping_notes(RESULTS_MD, text, NOTES_HEADING)


def evaluate(
    per_kind: int, workers: int = 1, seed: int = SEED, corpus: Corpus | None = None
) -> dict[str, Any]:
    """Generate, run and score; the entry point for the floors test."""
    corpus = corpus or load_corpus()
    pairs = generate(corpus, per_kind, seed)
    return score(pairs, run_all(pairs, workers))


def save_cache(pairs: Iterable[Pair], result: dict[str, Any]) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    with (CACHE / "pairs.jsonl").open("w", encoding="utf-8") as handle:
        for p in pairs:
            golds = [g.__dict__ for g in p.golds]
            handle.write(
                json.dumps(
                    {
                        "id": p.id,
                        "kind": p.kind,
                        "path": p.path,
                        "derived": p.derived,
                        "golds": golds,
                    }
                )
                + "\n"
            )
    (CACHE / "failures.json").write_text(
        json.dumps(result["failures"], indent=1, default=str), encoding="utf-8"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    began = time.time()
    corpus = load_corpus()
    pairs = generate(corpus, args.per_kind, args.seed)
    result = score(pairs, run_all(pairs, args.workers))
    seconds = time.time() - began
    save_cache(pairs, result)
    meta = {
        "per_kind": args.per_kind,
        "seed": args.seed,
        "pairs": len(pairs),
        "workers": args.workers,
        "seconds": seconds,
        "commit": commit_id(),
        "pair_counts": dict(Counter(p.kind for p in pairs)),
    }
    public = {k: v for k, v in result.items() if k != "failures"}
    RESULTS_JSON.write_text(
        json.dumps({"meta": meta, **public}, indent=1, default=str) + "\n", encoding="utf-8"
    )
    write_markdown(result, meta)
    print(tables(result))
    print(f"\n{len(pairs)} pairs in {seconds:.0f} s; failures in {CACHE / 'failures.json'}")


if __name__ == "__main__":
    main()
