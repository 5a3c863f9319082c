"""Speakers of quotations: attribution patterns, names, titles, pronouns and role nouns.

Works on a *masked* text: the article's normalised text with every quoted stretch
replaced by a placeholder of the same length, so that offsets stay those of the
article and words inside quotation marks are never taken for an attribution.

Attribution forms handled: "X said", "said X", "X, the …, told", "according to X",
"X wrote in a post", "he/she/they said", "the ambassador said". Names are runs of
capitalised words; titles ("Ambassador", "Mr", "Prime Minister") are kept apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex

MASK = "\x01"  # stands for a character inside quotation marks

PRONOUNS = frozenset({"he", "she", "they"})
# Capitalised words that start a sentence or clause but are not part of a name.
_NOT_NAMES = frozenset(
    """the a an but and or so yet on in at as for from to by with of after before
    speaking meanwhile however last this that these those yesterday today tomorrow
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december also if when while
    although though since because then now later earlier writing asked instead both
    it its his her their our we i you there here what who why how where one two
    many some all most other others another each every no not only even just""".split()
)
_AUX = r"(?:has|have|had|was|were|is|also|later|previously|then|once|has\s+also|had\s+also|would|will|has\s+previously|recently|earlier|again|simply|repeatedly|publicly|privately|separately|reportedly)"
_PART = r"(?:de|da|di|du|van|von|der|den|del|la|le|bin|al|ibn|dos|das|ter)"
_CAP = r"(?:\p{Lu}[\p{L}\p{M}'\-]*[\p{L}\p{M}]|\p{Lu}\.?)"
_NAME = rf"{_CAP}(?:[ ]+(?:{_PART}[ ]+)?{_CAP}){{0,5}}"
_APPOSITION = r"(?:,[ ][^,\x01.;:!?]{1,110},)?"


@cache
def _lists() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """(titles, person roles, bodies, speech verbs) from the package data files."""
    titles: list[str] = []
    roles: list[str] = []
    bodies: list[str] = []
    data = resources.files("retold") / "data"
    for line in (data / "speaker_roles.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, value = line.partition(" ")
        {"title": titles, "role": roles, "body": bodies}[kind].append(value.strip())
    verbs = frozenset(
        line.strip()
        for line in (data / "speech_verbs.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )

    def by_length(items: list[str]) -> tuple[str, ...]:
        return tuple(sorted(items, key=lambda s: (-len(s), s)))

    return by_length(titles), by_length(roles), by_length(bodies), verbs


@dataclass(frozen=True)
class _Patterns:
    head: regex.Pattern[str]  # subject + verb, before a quotation (search in the last stretch)
    head_any: regex.Pattern[str]  # the same, with other quotations between verb and quotation
    tail_subject: regex.Pattern[str]  # `, X said` right after a quotation
    tail_inverted: regex.Pattern[str]  # `, said X` right after a quotation
    according: regex.Pattern[str]
    tail_according: regex.Pattern[str]
    titled: regex.Pattern[str]  # "Ambassador Tom Barrack" anywhere
    name: regex.Pattern[str]
    subject_verb: regex.Pattern[str]  # any "X (…,) said" in the text
    title_prefix: regex.Pattern[str]


@cache
def patterns() -> _Patterns:
    titles, roles, bodies, verbs = _lists()
    title = "|".join(regex.escape(t).replace(r"\ ", "[ ]+") for t in titles)
    nouns = "|".join(regex.escape(r).replace(r"\ ", "[ ]+") for r in (*roles, *bodies))
    verb = r"(?:" + "|".join(sorted(verbs, key=len, reverse=True)) + r")"
    titled_name = rf"(?:(?:{title})\.?[ ]+)*{_NAME}"
    role_np = (
        rf"(?:(?:the|a|an|his|her|its|their|one|another|(?:{_NAME})'s?)[ ]+)"
        rf"(?:[\p{{L}}\-]+[ ]+){{0,3}}?(?i:{nouns})s?"
        rf"(?:[ ]+(?:of|for|at|from)[ ]+(?:the[ ]+)?{_NAME})?"
        rf"|(?i:the|a|an)[ ]+(?:[\p{{Ll}}\-]+[ ]+){{0,2}}?[\p{{Ll}}]{{3,}}(?=[ ]+(?:{_AUX}[ ]+)*{verb}\b)"
    )
    subject = rf"(?P<subj>(?i:\b(?:he|she|they)\b)|{role_np}|{titled_name})"
    return _Patterns(
        head=regex.compile(
            rf"{subject}{_APPOSITION}[ ]+(?:{_AUX}[ ]+)*(?P<verb>{verb})\b[^\x01]{{0,160}}$"
        ),
        head_any=regex.compile(
            rf"{subject}{_APPOSITION}[ ]+(?:{_AUX}[ ]+)*(?P<verb>{verb})\b[^.!?]{{0,200}}$"
        ),
        tail_subject=regex.compile(
            rf"^[ ,]*(?:[\-][ ]*)?{subject}{_APPOSITION}[ ]+(?:{_AUX}[ ]+)*(?P<verb>{verb})\b"
        ),
        tail_inverted=regex.compile(rf"^[ ,]*(?P<verb>{verb})[ ]+{subject}"),
        according=regex.compile(rf"\baccording[ ]+to[ ]+{subject}"),
        tail_according=regex.compile(rf"^[ ,]*according[ ]+to[ ]+{subject}"),
        titled=regex.compile(rf"\b(?P<title>(?:{title}))\.?[ ]+(?P<name>{_NAME})"),
        name=regex.compile(_NAME),
        subject_verb=regex.compile(rf"{subject}{_APPOSITION}[ ]+(?:{_AUX}[ ]+)*(?P<verb>{verb})\b"),
        title_prefix=regex.compile(rf"^(?P<title>(?:(?:{title})\.?[ ]+)+)"),
    )


@dataclass(frozen=True, slots=True)
class Mention:
    """Who an attribution names, where, and how it was read."""

    text: str  # the words as written ("he", "the ambassador", "Ambassador Tom Barrack")
    start: int
    end: int
    name: str | None  # the speaker's name without title; None for a pronoun or role
    title: str | None
    kind: str  # "named" | "pronoun" | "role" | "body"


def _trim_name(words: str) -> str:
    parts = words.split()
    while parts and parts[0].strip(".").casefold() in _NOT_NAMES:
        parts.pop(0)
    return " ".join(parts)


def read_subject(text: str, start: int, end: int) -> Mention | None:
    """Classify the subject text[start:end] of an attribution."""
    words = text[start:end]
    low = words.casefold()
    if low in PRONOUNS:
        return Mention(words, start, end, None, None, "pronoun")
    _, roles, bodies, _ = _lists()
    first = low.split()[0]
    if first in {"the", "a", "an", "his", "her", "its", "their", "one", "another"} or "'" in words:
        head = low
        is_body = any(regex.search(rf"\b{regex.escape(b)}s?\b", head) for b in bodies)
        is_role = any(regex.search(rf"\b{regex.escape(r)}s?\b", head) for r in roles)
        if is_role or is_body:
            kind = "role" if is_role and not is_body else "body"
            if first in {"the", "his", "her", "its", "their"} and kind == "role":
                return Mention(words, start, end, None, None, "role")
        if is_role or is_body or first in {"the", "a", "an"}:
            core = regex.sub(
                r"^(?:the|a|an|one|another|his|her|its|their)\s+", "", words, flags=regex.I
            )
            return Mention(words, start, end, core, None, "body")
    pats = patterns()
    title = None
    name = words
    m = pats.title_prefix.match(words)
    if m:
        title = " ".join(m.group("title").replace(".", "").split())
        name = words[m.end() :]
    name = _trim_name(name)
    if not name or name.casefold() in _NOT_NAMES:
        return None
    offset = words.rfind(name)
    return Mention(
        words, start + max(0, offset) if title is None else start, end, name, title, "named"
    )


def attribution_before(masked: str, lo: int, hi: int) -> Mention | None:
    """An attribution ending before a quotation opening at `hi` (searched from `lo`)."""
    lo = max(lo, hi - 260)
    chunk = masked[lo:hi]
    cut = chunk.rfind(MASK)
    base = lo
    if cut >= 0:  # only the stretch after the previous quotation
        base = lo + cut + 1
        chunk = chunk[cut + 1 :]
    pats = patterns()
    m = pats.according.search(chunk)
    if m and not regex.search(r"[.!?]\s", chunk[m.end() :]):
        return read_subject(masked, base + m.start("subj"), base + m.end("subj"))
    m = pats.head.search(chunk)
    if m is None and base > lo:
        base, chunk = lo, masked[lo:hi]
        m = pats.head_any.search(chunk)
    if m is None:
        return None
    return read_subject(masked, base + m.start("subj"), base + m.end("subj"))


def attribution_after(masked: str, lo: int, hi: int) -> tuple[Mention, int] | None:
    """An attribution right after a quotation closing at `lo`; with where it ends."""
    chunk = masked[lo : min(hi, lo + 200)]
    pats = patterns()
    for pattern in (pats.tail_subject, pats.tail_inverted, pats.tail_according):
        m = pattern.match(chunk)
        if m:
            mention = read_subject(masked, lo + m.start("subj"), lo + m.end("subj"))
            if mention is not None:
                return mention, lo + m.end()
    return None


def named_speakers(masked: str) -> list[Mention]:
    """Named subjects of every reporting verb ("Nora Quist, the harbour master, said")."""
    found = []
    for m in patterns().subject_verb.finditer(masked):
        mention = read_subject(masked, m.start("subj"), m.end("subj"))
        if mention is not None and mention.kind == "named":
            found.append(mention)
    return found


def named_mentions(masked: str) -> list[Mention]:
    """Every "NAME (…,) said" attribution and titled name in the text, in order."""
    pats = patterns()
    found: list[Mention] = []
    for m in pats.titled.finditer(masked):
        name = _trim_name(m.group("name"))
        if name:
            title = " ".join(m.group("title").split())
            found.append(Mention(m.group(), m.start(), m.end(), name, title, "named"))
    for m in regex.finditer(rf"(?<![\p{{L}}'])(?P<subj>{_NAME})", masked):
        words = m.group("subj")
        if " " not in words:
            continue
        mention = read_subject(masked, m.start("subj"), m.end("subj"))
        if mention and mention.name and " " in mention.name:
            found.append(mention)
    found.sort(key=lambda x: x.start)
    return found


def same_speaker(a: str | None, b: str | None) -> bool:
    """Loose comparison: "Barrack" = "Tom Barrack" = "Ambassador Tom Barrack"."""
    if not a or not b:
        return False
    pats = patterns()

    def words(s: str) -> list[str]:
        s = pats.title_prefix.sub("", s.strip())
        return [w.strip(".,'").casefold() for w in s.replace("'s ", " ").split() if w.strip(".,'")]

    x, y = words(a), words(b)
    if not x or not y:
        return False
    if x == y or x[-1] == y[-1]:
        return True
    return set(x) <= set(y) or set(y) <= set(x)
