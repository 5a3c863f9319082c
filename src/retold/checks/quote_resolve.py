"""Who "he", "the ambassador" and "the firm" are: speaker resolution for quotations.

`Resolver` reads a masked article once (names, reporting-verb subjects, names in
subject position) and answers, for an attribution's subject, which named speaker it
stands for: a pronoun goes to its own sentence's subject, else the paragraph's last
speaker or subject, else the article's; a role noun ("the mayor") to the name with that
title or apposition, or to the speaker the role first stood for; "it" and "the firm"
to the last organisation that spoke.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property, lru_cache
from typing import NamedTuple

import regex

from retold.checks.speakers import Mention, lexicon, named_mentions, tokens_among, verb_subjects
from retold.text.lexicon import zipf_of


def sentence_of(starts: list[int], pos: int) -> int:
    """Index of the sentence (by start offsets) that holds `pos`."""
    return max(0, bisect_right(starts, pos) - 1)


_FIRST_WORD = re.compile(r"^\S+\s+")
# searched backwards ((?r)): anchored at the end, a forward search tries every start
_HONORIFIC_END = regex.compile(r"(?r)\b(?:Mr|Mrs|Ms|Dr)\.?[ ]*$")
_LEAD_IN = re.compile(
    r"(?:^|[.!?;:,\n\x01][ ]*|\b(?:but|and|while|whereas)[ ]+)((?:[^\W\d_][\w'\-]*[ ]+){1,6})$"
)
_NOT_DESCRIBING = frozenset(
    """with of in on at by for to from after before as that which who whom and but than
    has had have is was were said says told the a an his her their its this these those
    when while if although because since""".split()
)


class _RolePatterns(NamedTuple):
    first_use: re.Pattern[str]  # "the chancellor", "the new chancellor"
    apposition: re.Pattern[str]  # ", the US ambassador to Turkey,"
    named_after: re.Pattern[str]  # "his son Stephen"
    introduced: re.Pattern[str]  # "a CRE spokesman", "a spokesman for the club"


_L = r"[^\W\d_]"  # a letter
_LU = "[A-Z\u00c0-\u00d6\u00d8-\u00de]"  # a capital, as `speakers` reads names


@lru_cache(maxsize=1024)
def _role_patterns(role: str) -> _RolePatterns:
    """The patterns that find who a role noun stands for, compiled once per role, on
    the standard engine (ten times quicker to compile: roles vary from text to text)."""
    r = re.escape(role)
    return _RolePatterns(
        re.compile(rf"(?i:\bthe[ ]+(?:(?:{_L}|-)+[ ]+)?{r})\b"),
        re.compile(r"^,[^,.;]*\b" + r + r"\b(?:[ ]+(?:of|for|at)[ ]+[^,.;]{1,40})?,"),
        re.compile(rf"(?i:\b{r})[ ]+({_LU}(?:{_L}|['\-])+(?:[ ]{_LU}(?:{_L}|['\-])+)*)"),
        re.compile(
            rf"\b(?i:a|an)[ ]+((?:(?!(?:of|the|for|at|in)\b)(?:{_L}|-)+[ ]+){{0,3}}?(?i:{r})\b"
            rf"(?:[ ]+(?:for|at|of|from)[ ]+(?:the[ ]+)?{_LU}(?:{_L}|-)*(?:[ ]{_LU}(?:{_L}|-)*)*)?)"
        ),
    )


class Resolver:
    """Pronouns and role nouns to the speaker they stand for."""

    def __init__(self, masked: str, sentence_starts: list[int]) -> None:
        self.masked = masked
        self.sentence_starts = sentence_starts
        self.mentions = named_mentions(masked)
        # (position, name) of named speakers: reporting-verb subjects, then quotations
        self.speakers: list[tuple[int, str]] = []
        self.bodies: list[tuple[int, str]] = []  # "the group said": for a later "it said"
        for m in verb_subjects(masked):
            if m.kind == "named" and m.name:
                name = self.full_name(m.name, m.start)
                if " " in name or m.title:  # a person: "UK pledged" is not a speaker
                    self.speakers.append((m.start, name))
                else:
                    self.bodies.append((m.start, name))
            elif m.kind == "role":
                who, _ = self._role(m)
                if who is not None:
                    self.speakers.append((m.start, who))
            elif m.kind == "body" and m.name:
                self.bodies.append((m.start, m.name))
        self.speakers.sort()
        self.verb_speakers = list(self.speakers)  # named subjects of reporting verbs
        self._subject_tested: dict[int, bool] = {}  # index into `_names` -> in subject position

    @cached_property
    def _names(self) -> tuple[list[Mention], list[int]]:
        """Names that may be pronoun antecedents, in text order, and their starts (read
        only when a quotation's speaker is a pronoun)."""
        names = self._surname_mentions()
        return names, [m.start for m in names]

    def _subject_before(self, lo: int, hi: int) -> Mention | None:
        """The last person's name in subject position that starts in text[lo:hi]: a
        pronoun's antecedent. Names are tested from `hi` backwards, each at most once
        per article (most never are)."""
        names, starts = self._names
        i = bisect_left(starts, hi) - 1
        while i >= 0 and starts[i] >= lo:
            found = self._subject_tested.get(i)
            if found is None:
                m = names[i]
                found = _person_like(m) and _subject_position(self.masked, m.start)
                self._subject_tested[i] = found
            if found:
                return names[i]
            i -= 1
        return None

    def _surname_mentions(self) -> list[Mention]:
        """Full-name mentions, plus later single-word uses of their surnames."""
        surnames = {m.name.split()[-1] for m in self.mentions if m.name and " " in m.name}
        if not surnames:
            return list(self.mentions)
        # word tokens, not a regex built from the names: compiling one per article cost
        # more than the rest of speaker reading ("Barrack's" is one token: not a use)
        extra = [
            Mention(t.text, t.start, t.end, t.text, None, "named")
            for t in tokens_among(self.masked, surnames)
        ]
        merged = {m.start: m for m in extra}
        for m in self.mentions:
            for k in [k for k in merged if m.start <= k < m.end]:
                del merged[k]
            merged[m.start] = m
        return [merged[k] for k in sorted(merged)]

    def full_name(self, name: str, position: int) -> str:
        """A surname alone ("Barrack") -> the fuller name used earlier ("Tom Barrack")."""
        if " " in name:
            return name
        for mention in reversed(self.mentions):
            if (
                mention.start < position
                and mention.name
                and len(mention.name) > len(name)
                and mention.name.split()[-1] == name
            ):
                return mention.name
        return name

    def sentence_start(self, pos: int) -> int:
        starts = self.sentence_starts
        return starts[sentence_of(starts, pos)] if starts else 0

    def speaker_in(self, lo: int, hi: int) -> str | None:
        """A named speaker of a reporting verb in text[lo:hi] (not a quotation's)."""
        near = [name for pos, name in self.verb_speakers if lo <= pos < hi]
        return near[-1] if near else None

    def _named_before(self, lo: int, hi: int) -> Mention | None:
        near = [m for m in self.mentions if lo <= m.start < hi and m.name]
        return near[-1] if near else None

    def _speaker_before(self, lo: int, hi: int) -> str | None:
        near = [name for pos, name in self.speakers if lo <= pos < hi]
        return near[-1] if near else None

    def _pronoun(self, mention: Mention, paragraph_start: int) -> tuple[str | None, str | None]:
        """The sentence's own named subject, else the paragraph's last speaker, else the
        paragraph's last named person, else the last speaker or name before."""
        pos = mention.start
        if mention.text.casefold() in ("it", "they"):
            lo = 0 if mention.text.casefold() == "it" else paragraph_start
            near = [
                name
                for p, name in self.bodies
                if lo <= p < pos and (name[:1].isupper() or not name.endswith("s"))
            ]  # "it" is one body: not "the world's richest countries"
            if near:
                return near[-1], None
        cut = max(paragraph_start, self.sentence_start(pos))
        if mention.text.casefold() != "it":
            own = self._named_before(cut, pos)
            if own is not None:
                return self.full_name(own.name or "", own.start), own.title
        speaker = self._speaker_before(paragraph_start, pos)
        subject = None
        if mention.text.casefold() != "it":
            subject = self._subject_before(paragraph_start, pos)
        spoke_at = max((p for p, _ in self.speakers if paragraph_start <= p < pos), default=-1)
        if subject is not None and subject.start > spoke_at:
            return self.full_name(subject.name or "", subject.start), subject.title
        if speaker is not None:
            return speaker, None
        subject = self._subject_before(0, pos) if mention.text.casefold() != "it" else None
        spoke_at = max((p for p, _ in self.speakers if p < pos), default=-1)
        if subject is not None and subject.start > spoke_at:  # an earlier paragraph's subject
            return self.full_name(subject.name or "", subject.start), subject.title
        speaker = self._speaker_before(0, pos)
        if speaker is not None:
            return speaker, None
        if mention.text.casefold() != "it":
            named = self._named_before(paragraph_start, pos)
            if named is not None:
                return self.full_name(named.name or "", named.start), named.title
        named = self._named_before(0, pos)
        if named is not None and mention.text.casefold() != "it":
            return self.full_name(named.name or "", named.start), named.title
        return None, None

    def _first_use(self, mention: Mention) -> int:
        """Where the article first says "the chancellor": one role, one person."""
        first = _role_patterns(mention.text.split()[-1]).first_use.search(self.masked)
        return (
            first.start() if first is not None and first.start() < mention.start else mention.start
        )

    def _role(self, mention: Mention) -> tuple[str | None, str | None]:
        """ "the ambassador" -> "Ambassador Tom Barrack", or "Tom Barrack, the US ambassador"."""
        role = mention.text.split()[-1].casefold()
        patterns = _role_patterns(role)
        for m in reversed(self.mentions):
            if m.start >= mention.start or not m.name:
                continue
            if m.title and m.title.split()[-1].casefold() == role:
                return self.full_name(m.name, m.start), m.title
            if self.masked[max(0, m.start - 40) : m.start].casefold().rstrip().endswith(role):
                return self.full_name(m.name, m.start), None  # "ambassador Tom Barrack"
            around = self.masked[m.end : m.end + 60].casefold()
            if patterns.apposition.match(around):
                return self.full_name(m.name, m.start), None
        before = self.masked[max(0, mention.start - 2000) : mention.start]
        found = list(patterns.named_after.finditer(before))
        if found:  # "his son Stephen"
            return self.full_name(found[-1].group(1), mention.start), None
        earlier = list(patterns.introduced.finditer(before))
        if earlier:  # "A CRE spokesman said …" … "the spokesman said"
            return earlier[-1].group(1), None
        return None, None

    def resolve(
        self, mention: Mention, paragraph_start: int = 0
    ) -> tuple[str | None, str | None, str]:
        """(speaker name, title, resolution) for an attribution's subject."""
        if mention.kind == "maybe" and mention.name:
            # "said Friday": a name only when an earlier full name ends with it
            full = self.full_name(mention.name, mention.start)
            if full == mention.name:
                return None, None, "none"
            mention = Mention(mention.text, mention.start, mention.end, full, None, "named")
        if mention.kind == "named" and mention.name:
            full = self.full_name(mention.name, mention.start)
            self.speakers.append((mention.start, full))
            self.speakers.sort()
            return full, mention.title, "named"
        if mention.kind == "role":
            name, title = self._role(mention)
            if name is None and mention.text.split()[-1].casefold() in lexicon().carried:
                name = self._speaker_before(0, self._first_use(mention))
            if name is not None:
                self.speakers.append((mention.start, name))
                self.speakers.sort()
                return name, title, "role"
            phrase = _FIRST_WORD.sub("", mention.text)
            return phrase, None, "body"
        if mention.kind == "pronoun":
            who, title = self._pronoun(mention, paragraph_start)
            return who, title, "pronoun" if who else "none"
        name = mention.name
        words = mention.text.casefold().split()
        if len(words) == 2 and words[0] == "the" and words[1] in lexicon().bodies:
            named = [b for p, b in self.bodies if p < mention.start and b[:1].isupper()]
            if named:  # "the firm said" after "Shell said": Shell
                return named[-1], None, "role"
        if name:
            self.bodies.append((mention.start, name))
            self.bodies.sort()
        return name, None, "body"


_CLAUSE_START = regex.compile(
    r"(?r)(?:^|[.!?:;,\n(\x01])[ ]*(?:(?:But|And|Yet|So|However|Meanwhile|Now|Then),?[ ]+)?$"
)


COMMON_WORD_ZIPF = 5.3  # "Home International", "New York": every word a very common one


def _person_like(mention: Mention) -> bool:
    """Could this name be a person's? Not when every word of it is a very common English
    word ("Home International"); names such as "Mark Brown" have a rarer word."""
    if mention.title:
        return True
    words = (mention.name or "").casefold().split()
    return not words or any(zipf_of(w, "en") < COMMON_WORD_ZIPF for w in words)


def _subject_position(masked: str, start: int) -> bool:
    """A name that opens a sentence or clause ("…, Mr Bell focused"): a likely subject."""
    before = masked[max(0, start - 24) : start]
    honorific = _HONORIFIC_END.search(before)  # "Mr ": the name's own title
    if honorific is not None:
        before = before[: honorific.start()]
    if _CLAUSE_START.search(before) or start == 0:
        return True
    # "Lib Dem home affairs spokesman Mark Oaten has …": describing words open the clause
    lead = _LEAD_IN.search(masked, max(0, start - 70), start)
    if lead is None:
        return False
    verbs = lexicon().verb_words
    return not any(
        w in _NOT_DESCRIBING or w in verbs or (w[:1].islower() and w.endswith("ed"))
        for w in lead.group(1).split()
    )  # "Mr Brown accused shadow chancellor Oliver Letwin": Letwin is no subject
