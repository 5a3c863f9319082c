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
from collections.abc import Callable
from functools import cached_property, lru_cache

import regex

from retold.checks.speaker_names import Mention, named_mentions
from retold.checks.speaker_words import lexicon, tokens_among
from retold.checks.speakers import verb_subjects
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


_L = r"[^\W\d_]"  # a letter
_LU = "[A-Z\u00c0-\u00d6\u00d8-\u00de]"  # a capital, as `speakers` reads names


class _RolePatterns:
    """The patterns that find who a role noun stands for, on the standard engine (ten
    times quicker to compile: roles vary from text to text). Each is compiled when first
    used: most roles only ever need one or two of the four."""

    def __init__(self, role: str) -> None:
        self.r = re.escape(role)

    @cached_property
    def first_use(self) -> re.Pattern[str]:
        """ "the chancellor", "the new chancellor" """
        return re.compile(rf"(?i:\bthe[ ]+(?:(?:{_L}|-)+[ ]+)?{self.r})\b")

    @cached_property
    def apposition(self) -> re.Pattern[str]:
        """ ", the US ambassador to Turkey," """
        return re.compile(r"^,[^,.;]*\b" + self.r + r"\b(?:[ ]+(?:of|for|at)[ ]+[^,.;]{1,40})?,")

    @cached_property
    def named_after(self) -> re.Pattern[str]:
        """ "his son Stephen" """
        return re.compile(rf"(?i:\b{self.r})[ ]+({_LU}(?:{_L}|['\-])+(?:[ ]{_LU}(?:{_L}|['\-])+)*)")

    @cached_property
    def introduced(self) -> re.Pattern[str]:
        """ "a CRE spokesman", "a spokesman for the club" """
        r = self.r
        return re.compile(
            rf"\b(?i:a|an)[ ]+((?:(?!(?:of|the|for|at|in)\b)(?:{_L}|-)+[ ]+){{0,3}}?(?i:{r})\b"
            rf"(?:[ ]+(?:for|at|of|from)[ ]+(?:the[ ]+)?{_LU}(?:{_L}|-)*(?:[ ]{_LU}(?:{_L}|-)*)*)?)"
        )


@lru_cache(maxsize=1024)
def _role_patterns(role: str) -> _RolePatterns:
    """The patterns of one role, kept once made."""
    return _RolePatterns(role)


class _Placed:
    """(position, name) pairs kept in order, looked up by position (bisect, not a scan)."""

    def __init__(self, items: list[tuple[int, str]]) -> None:
        self.items = sorted(items)
        self.keys = [p for p, _ in self.items]

    def add(self, position: int, name: str) -> None:
        i = bisect_right(self.items, (position, name))
        self.items.insert(i, (position, name))
        self.keys.insert(i, position)

    def last(self, lo: int, hi: int) -> str | None:
        """The name of the last pair with lo <= position < hi."""
        i = bisect_left(self.keys, hi) - 1
        return self.items[i][1] if i >= 0 and self.keys[i] >= lo else None

    def last_position(self, lo: int, hi: int) -> int:
        i = bisect_left(self.keys, hi) - 1
        return self.keys[i] if i >= 0 and self.keys[i] >= lo else -1


class _BackScan:
    """The last index at or before i whose test holds, each index tested at most once
    and each run of failed tests skipped after the first scan over it (so a document's
    scans cost about one pass in all, not one pass each)."""

    def __init__(self, test: Callable[[int], bool]) -> None:
        self.test = test
        self.tested: dict[int, bool] = {}
        self.skip: dict[int, int] = {}  # i -> j: no index in (j, i] passes

    def last(self, i: int, lo: int = 0) -> int:
        """The largest k in [lo, i] that passes, else -1."""
        visited: list[int] = []
        while i >= lo:
            j = self.skip.get(i)
            if j is not None:
                visited.append(i)
                i = j
                continue
            passed = self.tested.get(i)
            if passed is None:
                passed = self.tested[i] = self.test(i)
            if passed:
                break
            visited.append(i)
            i -= 1
        for v in visited:
            self.skip[v] = i
        return i if i >= lo else -1


class Resolver:
    """Pronouns and role nouns to the speaker they stand for.

    Every look-up is by position in sorted lists (bisect) or a memoised backward scan,
    so resolving all the quotations of an article costs about one pass over it."""

    def __init__(self, masked: str, sentence_starts: list[int]) -> None:
        self.masked = masked
        self.sentence_starts = sentence_starts
        self.mentions = named_mentions(masked)
        self._mention_starts = [m.start for m in self.mentions]
        # surname -> (starts, names) of the earlier fuller names ending with it
        self._fuller: dict[str, tuple[list[int], list[str]]] = {}
        for m in self.mentions:
            if m.name:
                last = m.name.split()[-1]
                if len(m.name) > len(last):
                    starts, names = self._fuller.setdefault(last, ([], []))
                    starts.append(m.start)
                    names.append(m.name)
        self._role_scans: dict[str, _BackScan] = {}
        self._first_uses: dict[str, int] = {}
        # (position, name) of named speakers: reporting-verb subjects, then quotations
        speakers: list[tuple[int, str]] = []
        bodies: list[tuple[int, str]] = []  # "the group said": for a later "it said"
        for m in verb_subjects(masked):
            if m.kind == "named" and m.name:
                name = self.full_name(m.name, m.start)
                if " " in name or m.title:  # a person: "UK pledged" is not a speaker
                    speakers.append((m.start, name))
                else:
                    bodies.append((m.start, name))
            elif m.kind == "role":
                who, _, _ = self._role(m)
                if who is not None:
                    speakers.append((m.start, who))
            elif m.kind == "body" and m.name:
                bodies.append((m.start, m.name))
        self.speakers = _Placed(speakers)
        self.verb_speakers = _Placed(speakers)  # named subjects of reporting verbs
        # bodies "it" may stand for (not "the world's richest countries"), and named ones
        self._it_bodies = _Placed([b for b in bodies if _one_body(b[1])])
        self._named_bodies = _Placed([b for b in bodies if b[1][:1].isupper()])

    def _add_body(self, position: int, name: str) -> None:
        if _one_body(name):
            self._it_bodies.add(position, name)
        if name[:1].isupper():
            self._named_bodies.add(position, name)

    @cached_property
    def _names(self) -> tuple[list[Mention], list[int], _BackScan]:
        """Names that may be pronoun antecedents, in text order, their starts, and the
        scan that finds the last one in subject position (read only when a quotation's
        speaker is a pronoun; most names are never tested)."""
        names = self._surname_mentions()

        def in_subject_position(i: int) -> bool:
            m = names[i]
            return _person_like(m) and _subject_position(self.masked, m.start)

        return names, [m.start for m in names], _BackScan(in_subject_position)

    def _subject_before(self, lo: int, hi: int) -> Mention | None:
        """The last person's name in subject position that starts in text[lo:hi]: a
        pronoun's antecedent."""
        names, starts, scan = self._names
        i = scan.last(bisect_left(starts, hi) - 1, bisect_left(starts, lo))
        return names[i] if i >= 0 else None

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
        # a use inside a full-name mention is that mention (found by bisect, not a scan)
        extra_starts = [m.start for m in extra]
        inside = bytearray(len(extra))
        for m in self.mentions:
            lo, hi = bisect_left(extra_starts, m.start), bisect_left(extra_starts, m.end)
            inside[lo:hi] = b"\x01" * (hi - lo)
        merged = {m.start: m for m, dropped in zip(extra, inside, strict=True) if not dropped}
        for m in self.mentions:
            merged[m.start] = m
        return [merged[k] for k in sorted(merged)]

    def full_name(self, name: str, position: int) -> str:
        """A surname alone ("Barrack") -> the fuller name used earlier ("Tom Barrack")."""
        if " " in name:
            return name
        fuller = self._fuller.get(name)
        if fuller is None:
            return name
        starts, names = fuller
        i = bisect_left(starts, position) - 1
        return names[i] if i >= 0 else name

    def sentence_start(self, pos: int) -> int:
        starts = self.sentence_starts
        return starts[sentence_of(starts, pos)] if starts else 0

    def speaker_in(self, lo: int, hi: int) -> str | None:
        """A named speaker of a reporting verb in text[lo:hi] (not a quotation's)."""
        return self.verb_speakers.last(lo, hi)

    def _named_before(self, lo: int, hi: int) -> Mention | None:
        i = bisect_left(self._mention_starts, hi) - 1
        while i >= 0 and self._mention_starts[i] >= lo:
            if self.mentions[i].name:
                return self.mentions[i]
            i -= 1
        return None

    def _speaker_before(self, lo: int, hi: int) -> str | None:
        return self.speakers.last(lo, hi)

    def _pronoun(self, mention: Mention, paragraph_start: int) -> tuple[str | None, str | None]:
        """The sentence's own named subject, else the paragraph's last speaker, else the
        paragraph's last named person, else the last speaker or name before."""
        pos = mention.start
        if mention.text.casefold() in ("it", "they"):
            lo = 0 if mention.text.casefold() == "it" else paragraph_start
            body = self._it_bodies.last(lo, pos)
            if body is not None:
                return body, None
        cut = max(paragraph_start, self.sentence_start(pos))
        if mention.text.casefold() != "it":
            own = self._named_before(cut, pos)
            if own is not None:
                return self.full_name(own.name or "", own.start), own.title
        speaker = self._speaker_before(paragraph_start, pos)
        subject = None
        if mention.text.casefold() != "it":
            subject = self._subject_before(paragraph_start, pos)
        spoke_at = self.speakers.last_position(paragraph_start, pos)
        if subject is not None and subject.start > spoke_at:
            return self.full_name(subject.name or "", subject.start), subject.title
        if speaker is not None:
            return speaker, None
        subject = self._subject_before(0, pos) if mention.text.casefold() != "it" else None
        spoke_at = self.speakers.last_position(0, pos)
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
        role = mention.text.split()[-1]
        first = self._first_uses.get(role)
        if first is None:  # searched once per role: the whole text, from its start
            found = _role_patterns(role).first_use.search(self.masked)
            first = self._first_uses[role] = len(self.masked) if found is None else found.start()
        return first if first < mention.start else mention.start

    def _role(self, mention: Mention) -> tuple[str | None, str | None, bool]:
        """ "the ambassador" -> "Ambassador Tom Barrack", or "Tom Barrack, the US
        ambassador"; and whether two people have held the role before (then no name)."""
        role = mention.text.split()[-1].casefold()
        patterns = _role_patterns(role)
        scan = self._role_scans.get(role)
        if scan is None:
            scan = self._role_scans[role] = _BackScan(lambda i: self._holds_role(i, role) != "")
        i = scan.last(bisect_left(self._mention_starts, mention.start) - 1)
        if i >= 0:  # the last name before that holds the role
            m = self.mentions[i]
            name = self.full_name(m.name or "", m.start)
            paragraph = self.masked.rfind("\n", 0, mention.start) + 1
            # in the mention's own paragraph the nearest holder is meant, unless another
            # holds the role there too; before it, anyone who has held the role counts
            since = paragraph if m.start >= paragraph else 0
            if self._held_by_another(scan, i, name, since):
                return None, None, True  # "President Trump … President Putin … the president"
            title = m.title if self._holds_role(i, role) == "title" else None
            return name, title, False
        before = self.masked[max(0, mention.start - 2000) : mention.start]
        if not _may_contain(before, role):
            return None, None, False  # neither pattern can match: not worth compiling them
        found = list(patterns.named_after.finditer(before))
        if found:  # "his son Stephen"
            return self.full_name(found[-1].group(1), mention.start), None, False
        earlier = list(patterns.introduced.finditer(before))
        if earlier:  # "A CRE spokesman said …" … "the spokesman said"
            return earlier[-1].group(1), None, False
        return None, None, False

    def _held_by_another(self, scan: _BackScan, i: int, name: str, since: int) -> bool:
        """Has someone else held the role before mention i (from position `since`)? Then
        the role noun alone does not say which of them speaks."""
        k = scan.last(i - 1)
        while k >= 0 and self.mentions[k].start >= since:
            other = self.mentions[k]
            other_name = self.full_name(other.name or "", other.start)
            if other_name.split()[-1:] != name.split()[-1:]:  # "Trump", "Donald Trump": one
                return True
            k = scan.last(k - 1)
        return False

    def _holds_role(self, i: int, role: str) -> str:
        """How mention i holds `role`: "title" ("Ambassador Tom Barrack"), "before"
        ("ambassador Tom Barrack"), "apposition" ("Tom Barrack, the US ambassador,"),
        else ""."""
        m = self.mentions[i]
        if not m.name:
            return ""
        if m.title and m.title.split()[-1].casefold() == role:
            return "title"
        if self.masked[max(0, m.start - 40) : m.start].casefold().rstrip().endswith(role):
            return "before"
        around = self.masked[m.end : m.end + 60].casefold()
        if role not in around:  # the pattern has the role word as it stands
            return ""
        return "apposition" if _role_patterns(role).apposition.match(around) else ""

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
            self.speakers.add(mention.start, full)
            return full, mention.title, "named"
        if mention.kind == "role":
            name, title, shared = self._role(mention)
            carried = mention.text.split()[-1].casefold() in lexicon().carried
            if name is None and carried and not shared:
                name = self._speaker_before(0, self._first_use(mention))
            if name is not None:
                self.speakers.add(mention.start, name)
                return name, title, "role"
            phrase = _FIRST_WORD.sub("", mention.text)
            return phrase, None, "body"
        if mention.kind == "pronoun":
            who, title = self._pronoun(mention, paragraph_start)
            return who, title, "pronoun" if who else "none"
        name = mention.name
        words = mention.text.casefold().split()
        if len(words) == 2 and words[0] == "the" and words[1] in lexicon().bodies:
            named = self._named_bodies.last(0, mention.start)
            if named is not None:  # "the firm said" after "Shell said": Shell
                return named, None, "role"
        if name:
            self._add_body(mention.start, name)
        return name, None, "body"


# what the standard engine's case-insensitive matching takes for an ASCII letter without
# being one: dotted and dotless i, the long s, the Kelvin sign
_ODD_CASES = ("\u0130", "\u0131", "\u017f", "\u212a")


def _may_contain(text: str, role: str) -> bool:
    """Can `text` hold `role` (lower case) as a case-insensitive pattern reads it? An
    ASCII word whose letters are nowhere in the text, in either case, cannot match:
    asked before a role's patterns are compiled, which costs more than the search."""
    if not role.isascii() or any(c in text for c in _ODD_CASES):
        return True
    return role in text.lower()


def _one_body(name: str) -> bool:
    """Can "it" stand for this body? One body, not "the world's richest countries"."""
    return name[:1].isupper() or not name.endswith("s")


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
