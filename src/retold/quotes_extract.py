"""Quotations in an article: quote marks paired, kinds told apart, speakers found.

Handles straight and typographic marks (read through `retold.text.normalize`, which
maps them one-to-one), quotations broken by the attribution (`"…," she said. "…"`),
news-style multi-paragraph quotations (no closing mark until the next paragraph,
which reopens with one), partial quotations inside a sentence and scare quotes.
Apostrophes ("Trump's", "'90s", "players'") are never taken for quote marks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

import regex
from wordfreq import zipf_frequency

from retold.document import Document
from retold.speakers import (
    MASK,
    Mention,
    attribution_after,
    attribution_before,
    lexicon,
    named_mentions,
    verb_subjects,
)
from retold.text import normalize, paragraphs

_HONORIFIC_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr)\.?[ ]*)$")
_LEAD_IN = re.compile(
    r"(?:^|[.!?;:,\n\x01][ ]*|\b(?:but|and|while|whereas)[ ]+)((?:[^\W\d_][\w'\-]*[ ]+){1,6})$"
)
_NOT_DESCRIBING = frozenset(
    """with of in on at by for to from after before as that which who whom and but than
    has had have is was were said says told the a an his her their its this these those
    when while if although because since""".split()
)
_DECADE = re.compile(r"\d\ds?\b")
_ENDS_SENTENCE = re.compile(r"[.!?:]\s*$")
_WORDS = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
SCARE_WORDS = 3  # a quotation of this many words or fewer, not a sentence, is a scare quote

_OPENING = "\u201c\u201e\u00ab\u2018\u201a"
_CLOSING = "\u201d\u00bb\u2019"
_ELISIONS = regex.compile(r"(?i)^(?:em|n|til|cause|tis|twas|bout|round)\b")


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation (or one part of a quotation broken by attribution or paragraph).

    `start`/`end` are the quoted words inside the marks, as offsets into the article
    text; `speaker_start`/`speaker_end` the attribution's words (-1 when none).
    `resolution` says how the speaker was found: "named" (a name at the quotation),
    "pronoun" ("he said" -> the nearest preceding named speaker), "role" ("the
    ambassador said" -> the speaker with that title, or the nearest one), "continued"
    (an earlier part of the same quotation, or the quotation before it in a run of
    quoted paragraphs), "body" (an unnamed organisation or role: "a spokesman"),
    or "none".
    """

    index: int
    sentence: int
    start: int
    end: int
    text: str
    kind: str  # "full" | "partial" | "scare"
    speaker: str | None = None
    speaker_start: int = -1
    speaker_end: int = -1
    speaker_title: str | None = None
    resolution: str = "none"
    continues: int | None = None  # index of the previous part of the same quotation

    @property
    def resolved(self) -> bool:
        """The speaker was resolved from a pronoun, a role noun or an earlier part."""
        return self.resolution in ("pronoun", "role", "continued")


@dataclass(frozen=True, slots=True)
class _Raw:
    open: int  # position of the opening mark (normalised text)
    close: int  # position of the closing mark, or the paragraph end when unclosed
    closed: bool
    paragraph: int
    single: bool


class _View:
    """The normalised text with maps to and from the original offsets."""

    def __init__(self, text: str) -> None:
        norm = normalize(text)
        self.plain = norm.text
        self.map = norm.offsets
        self.original_text = text

    def orig(self, i: int) -> int:
        if self.map is None:
            return i
        if i >= len(self.map):
            return len(self.original_text)
        return self.map[i]

    def norm(self, i: int) -> int:
        if self.map is None:
            return i
        return max(0, bisect_right(self.map, i) - 1)

    def original_char(self, i: int) -> str:
        return self.original_text[self.orig(i)]


# ---------------------------------------------------------------- quote marks


def _double_role(view: _View, i: int, lo: int, hi: int) -> str:
    ch = view.original_char(i)
    if ch in _OPENING:
        return "open"
    if ch in _CLOSING:
        return "close"
    text = view.plain
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    opens = before.isspace() or before in "([{-/\u2014" or i == lo
    closes = after.isspace() or after in ".,;:!?)]-" or i + 1 >= hi
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _positions(text: str, mark: str, lo: int, hi: int) -> list[int]:
    found = []
    i = text.find(mark, lo, hi)
    while i >= 0:
        found.append(i)
        i = text.find(mark, i + 1, hi)
    return found


def _pair_doubles(view: _View, lo: int, hi: int, paragraph: int) -> list[_Raw]:
    found: list[_Raw] = []
    open_at: int | None = None
    for i in _positions(view.plain, '"', lo, hi):
        role = _double_role(view, i, lo, hi)
        if open_at is None:
            if role != "close":
                open_at = i
        elif role == "open" and i - open_at > 1 and view.plain[i - 1].isspace():
            # a new opening mark while one is open: news style runs a quotation on
            # ("…there. "Communities…") when the open one ends a sentence
            if _ENDS_SENTENCE.search(view.plain, open_at, i):
                found.append(_unclosed(view.plain, open_at, i, paragraph))
            open_at = i
        else:
            found.append(_Raw(open_at, i, True, paragraph, False))
            open_at = None
    if open_at is not None and hi - open_at > 2:
        found.append(_unclosed(view.plain, open_at, hi, paragraph))
    return found


def _unclosed(plain: str, open_at: int, end: int, paragraph: int) -> _Raw:
    """A quotation with no closing mark: it runs on (news style), unless an
    attribution after a comma shows where the closing mark was left out
    ("…'wait and see', the organisation said in its report.")."""
    m = lexicon().missing_close.search(plain, open_at, end)
    if m is not None:
        return _Raw(open_at, m.start(), True, paragraph, False)
    return _Raw(open_at, end, False, paragraph, False)


def _single_opens(view: _View, i: int, lo: int, hi: int) -> bool:
    text = view.plain
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if not (before.isspace() or before in '([{"-\u2014' or i == lo):
        return False
    if not (after.isalpha() or after.isdigit()):
        return False
    if after.isdigit() and _DECADE.match(text, i + 1, i + 5):
        return False  # '90s
    return not _ELISIONS.match(text[i + 1 : i + 6])


def _single_closes(view: _View, i: int, hi: int) -> bool:
    text = view.plain
    before = text[i - 1]
    after = text[i + 1] if i + 1 < hi else " "
    if before.isspace():
        return False
    return after.isspace() or after in '.,;:!?)]"-\u2014' or i + 1 >= hi


def _pair_singles(view: _View, lo: int, hi: int, paragraph: int, taken: list[_Raw]) -> list[_Raw]:
    inside = [(r.open, r.close) for r in taken]
    found: list[_Raw] = []
    open_at: int | None = None
    for i in _positions(view.plain, "'", lo, hi):
        if any(a <= i <= b for a, b in inside):
            continue
        if view.original_char(i) == "\u2018" or (
            open_at is None and _single_opens(view, i, lo, hi)
        ):
            if open_at is None:
                open_at = i
            continue
        if open_at is not None and _single_closes(view, i, hi):
            if any(c.isalnum() for c in view.plain[open_at:i]):
                found.append(_Raw(open_at, i, True, paragraph, True))
            open_at = None
    return found


def _raw_quotes(view: _View, skip: tuple[int, int]) -> list[_Raw]:
    result: list[_Raw] = []
    for number, para in enumerate(paragraphs(view.original_text)):
        lo, hi = view.norm(para.start), view.norm(para.end - 1) + 1
        if skip[0] <= para.start < skip[1]:
            continue
        doubles = _pair_doubles(view, lo, hi, number)
        result.extend(doubles)
        result.extend(_pair_singles(view, lo, hi, number, doubles))
    result.sort(key=lambda r: r.open)
    return result


# ---------------------------------------------------------------- kinds


def _kind(plain: str, raw: _Raw, sentence_start: int, words: int) -> str:
    inner = plain[raw.open + 1 : raw.close].strip()
    before = plain[sentence_start : raw.open].rstrip()
    first = inner.lstrip(".\u2026[( '")[:1]
    starts_sentence = first.isupper() or first.isdigit()
    lead_in = before == "" or before.endswith((":", ",", "-", "\x01")) or before[-1:] in "\"'"
    full = starts_sentence and lead_in
    if words <= SCARE_WORDS and not (full and inner[-1:] in ".,!?"):
        return "scare"
    return "full" if full else "partial"


# ---------------------------------------------------------------- speakers


def _masked(plain: str, raws: list[_Raw]) -> str:
    chars = list(plain)
    for r in raws:
        for i in range(r.open, min(r.close + 1, len(chars))):
            chars[i] = MASK
    return "".join(chars)


class _Resolver:
    """Pronouns and role nouns to the speaker they stand for."""

    def __init__(self, masked: str, sentence_starts: list[int]) -> None:
        self.masked = masked
        self.sentence_starts = sentence_starts
        self.mentions = named_mentions(masked)
        self.subjects = [
            m
            for m in self._surname_mentions()
            if _subject_position(masked, m.start) and _person_like(m)
        ]
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

    def _surname_mentions(self) -> list[Mention]:
        """Full-name mentions, plus later single-word uses of their surnames."""
        surnames = {m.name.split()[-1] for m in self.mentions if m.name and " " in m.name}
        if not surnames:
            return list(self.mentions)
        pattern = regex.compile(
            r"\b(?:" + "|".join(regex.escape(n) for n in surnames) + r")\b(?!['\u2019]s)"
        )
        extra = [
            Mention(m.group(), m.start(), m.end(), m.group(), None, "named")
            for m in pattern.finditer(self.masked)
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
        return starts[_sentence_of(starts, pos)] if starts else 0

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
            subjects = [m for m in self.subjects if paragraph_start <= m.start < pos]
            subject = subjects[-1] if subjects else None
        spoke_at = max((p for p, _ in self.speakers if paragraph_start <= p < pos), default=-1)
        if subject is not None and subject.start > spoke_at:
            return self.full_name(subject.name or "", subject.start), subject.title
        if speaker is not None:
            return speaker, None
        subjects = (
            [m for m in self.subjects if m.start < pos] if mention.text.casefold() != "it" else []
        )
        spoke_at = max((p for p, _ in self.speakers if p < pos), default=-1)
        if subjects and subjects[-1].start > spoke_at:  # an earlier paragraph's subject
            return self.full_name(subjects[-1].name or "", subjects[-1].start), subjects[-1].title
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
        first = regex.search(
            rf"(?i:\bthe[ ]+(?:[\p{{L}}\-]+[ ]+)?{regex.escape(role)})\b", self.masked
        )
        return (
            first.start() if first is not None and first.start() < mention.start else mention.start
        )

    def _role(self, mention: Mention) -> tuple[str | None, str | None]:
        """ "the ambassador" -> "Ambassador Tom Barrack", or "Tom Barrack, the US ambassador"."""
        role = mention.text.split()[-1].casefold()
        for m in reversed(self.mentions):
            if m.start >= mention.start or not m.name:
                continue
            if m.title and m.title.split()[-1].casefold() == role:
                return self.full_name(m.name, m.start), m.title
            if self.masked[max(0, m.start - 40) : m.start].casefold().rstrip().endswith(role):
                return self.full_name(m.name, m.start), None  # "ambassador Tom Barrack"
            around = self.masked[m.end : m.end + 60].casefold()
            if regex.match(
                r"^,[^,.;]*\b" + regex.escape(role) + r"\b(?:[ ]+(?:of|for|at)[ ]+[^,.;]{1,40})?,",
                around,
            ):
                return self.full_name(m.name, m.start), None
        before = self.masked[max(0, mention.start - 2000) : mention.start]
        found = list(
            regex.finditer(
                rf"(?i:\b{regex.escape(role)})[ ]+(\p{{Lu}}[\p{{L}}'\-]+(?:[ ]\p{{Lu}}[\p{{L}}'\-]+)*)",
                before,
            )
        )
        if found:  # "his son Stephen"
            return self.full_name(found[-1].group(1), mention.start), None
        earlier = list(
            regex.finditer(
                rf"\b(?i:a|an)[ ]+((?:(?!(?:of|the|for|at|in)\b)[\p{{L}}\-]+[ ]+){{0,3}}?(?i:{regex.escape(role)})\b"
                r"(?:[ ]+(?:for|at|of|from)[ ]+(?:the[ ]+)?\p{Lu}[\p{L}\-]*(?:[ ]\p{Lu}[\p{L}\-]*)*)?)",
                before,
            )
        )
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
            phrase = regex.sub(r"^\S+\s+", "", mention.text)
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
    r"(?:^|[.!?:;,\n(\x01])[ ]*(?:(?:But|And|Yet|So|However|Meanwhile|Now|Then),?[ ]+)?$"
)


COMMON_WORD_ZIPF = 5.3  # "Home International", "New York": every word a very common one


def _person_like(mention: Mention) -> bool:
    """Could this name be a person's? Not when every word of it is a very common English
    word ("Home International"); names such as "Mark Brown" have a rarer word."""
    if mention.title:
        return True
    words = (mention.name or "").casefold().split()
    return not words or any(zipf_frequency(w, "en") < COMMON_WORD_ZIPF for w in words)


def _subject_position(masked: str, start: int) -> bool:
    """A name that opens a sentence or clause ("…, Mr Bell focused"): a likely subject."""
    before = masked[max(0, start - 24) : start]
    before = _HONORIFIC_END.sub("", before)
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


def _sentence_bounds(doc: Document, view: _View) -> tuple[list[int], list[int]]:
    starts = [view.norm(s.start) for s in doc.sentences]
    ends = [view.norm(max(s.start, s.end - 1)) + 1 for s in doc.sentences]
    return starts, ends


def extract_quotes(doc: Document) -> tuple[Quotation, ...]:
    """Every quotation in the article, in text order, with its speaker."""
    view = _View(doc.text)
    raws = _raw_quotes(view, doc.article.title_span)
    if not raws:
        return ()
    plain = view.plain
    # speakers are read before a quotation or just after it: the text past the last
    # quotation's paragraph (and a margin) is never needed
    last = raws[-1].close
    para_end = plain.find("\n", last + 1)
    masked_end = len(plain) if para_end < 0 else min(len(plain), max(para_end, last + 300))
    masked = _masked(plain[:masked_end], raws)
    starts, ends = _sentence_bounds(doc, view)
    resolver = _Resolver(masked, starts)
    result: list[Quotation] = []
    for raw in raws:
        result.append(_build(raw, len(result), view, masked, starts, ends, raws, result, resolver))
    return tuple(_backfill(result))


def _backfill(quotes: list[Quotation]) -> list[Quotation]:
    """Parts of a quotation without a speaker take the speaker a later part found
    ("It was nice. "I felt good," said Holmes.")."""
    for i in range(len(quotes) - 1, 0, -1):
        later = quotes[i]
        j = later.continues
        if j is None or later.speaker is None or quotes[j].speaker is not None:
            continue
        quotes[j] = replace(
            quotes[j],
            speaker=later.speaker,
            speaker_start=later.speaker_start,
            speaker_end=later.speaker_end,
            speaker_title=later.speaker_title,
            resolution="continued",
        )
    for i, quote in enumerate(quotes):
        j = quote.continues
        if j is not None and quote.resolution == "continued" and quotes[j].speaker != quote.speaker:
            quotes[i] = replace(
                quote, speaker=quotes[j].speaker, speaker_title=quotes[j].speaker_title
            )
    return quotes


def _attribution_at_end(masked: str, lo: int, hi: int) -> Mention | None:
    """ "There was "some possibility" of a deal, he added.": the sentence's last clause."""
    comma = masked.rfind(",", lo, hi)
    if comma < 0 or MASK in masked[comma:hi]:
        return None
    found = attribution_after(masked, comma, hi)
    if found is None or (masked[found[1] : hi].strip(" .!?\n") and len(masked[found[1] : hi]) > 40):
        return None
    return found[0]


def _sentence_of(starts: list[int], pos: int) -> int:
    return max(0, bisect_right(starts, pos) - 1)


def _build(
    raw: _Raw,
    index: int,
    view: _View,
    masked: str,
    starts: list[int],
    ends: list[int],
    raws: list[_Raw],
    done: list[Quotation],
    resolver: _Resolver,
) -> Quotation:
    plain = view.plain
    para_lo = masked.rfind("\n", 0, raw.open) + 1
    inner_start, inner_end = raw.open + 1, raw.close
    while inner_start < inner_end and plain[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and plain[inner_end - 1].isspace():
        inner_end -= 1
    sent = _sentence_of(starts, raw.open) if starts else 0
    sent_end_i = _sentence_of(starts, max(raw.open, raw.close - 1)) if starts else 0
    s_lo = starts[sent] if starts else 0
    s_hi = ends[sent_end_i] if ends else len(plain)
    s_lo = min(s_lo, raw.open)
    words = len(_WORDS.findall(plain, inner_start, inner_end))
    kind = _kind(plain, raw, s_lo, words)
    previous = done[-1] if done else None
    prev_raw = raws[index - 1] if index else None
    continues: int | None = None
    mention: Mention | None = None
    para_hi = masked.find("\n", raw.close)
    para_hi = len(masked) if para_hi < 0 else para_hi
    # a quotation ending its sentence with a full stop is not attributed by what follows
    ended = plain[inner_start:inner_end].rstrip("'\" )").endswith(".")
    after = attribution_after(masked, raw.close + 1, para_hi) if raw.closed and not ended else None
    mention = after[0] if after is not None else attribution_before(masked, s_lo, raw.open)
    if mention is None and raw.closed and not ended:
        mention = _attribution_at_end(masked, raw.close + 1, s_hi)
    if prev_raw is not None and previous is not None:
        gap = masked[prev_raw.close + 1 : raw.open]
        if not prev_raw.closed and raw.paragraph - prev_raw.paragraph in (0, 1):
            continues = previous.index  # news style: the quotation runs on
        elif after is None and prev_raw.paragraph == raw.paragraph and previous.kind == "full":
            tail = attribution_after(masked, prev_raw.close + 1, raw.open)
            prev_ended = previous.text.rstrip("'\" )").endswith((".", "!", "?"))
            introduces = masked[: raw.open].rstrip().endswith(":")
            if (
                tail is not None
                and not prev_ended
                and not introduces
                and not masked[tail[1] : raw.open].strip(" ,.;:-")
            ):
                continues = previous.index  # "…," she said. "…"
            elif not gap.strip(" ,.;:-"):
                continues = previous.index
    speaker: str | None = None
    title: str | None = None
    resolution = "none"
    sp_start = sp_end = -1
    if mention is not None and (continues is None or after is not None):
        speaker, title, resolution = resolver.resolve(mention, para_lo)
        sp_start, sp_end = view.orig(mention.start), view.orig(mention.end)
    elif continues is not None and previous is not None:
        speaker, title, resolution = previous.speaker, previous.speaker_title, "continued"
        sp_start, sp_end = previous.speaker_start, previous.speaker_end
        if previous.speaker is None and mention is not None:
            speaker, title, resolution = resolver.resolve(mention, para_lo)
            sp_start, sp_end = view.orig(mention.start), view.orig(mention.end)
    elif kind == "full" and (here := resolver.speaker_in(para_lo, raw.open)) is not None:
        # "Shearer said he was unsure. "I don't know what happened."": this paragraph's speaker
        speaker, resolution = here, "continued"
    elif (
        previous is not None
        and prev_raw is not None
        and previous.speaker
        and (
            (kind == "full" and raw.paragraph - prev_raw.paragraph <= 1)
            or (kind == "partial" and raw.paragraph == prev_raw.paragraph)
        )
    ):
        # an unattributed quotation goes on from the one just before it
        speaker, title, resolution = previous.speaker, previous.speaker_title, "continued"
        sp_start, sp_end = previous.speaker_start, previous.speaker_end
    start = view.orig(inner_start)
    end = view.orig(inner_end - 1) + 1 if inner_end > inner_start else start
    return Quotation(
        index=index,
        sentence=_doc_sentence(starts, inner_start),
        start=start,
        end=end,
        text=view.original_text[start:end],
        kind=kind,
        speaker=speaker,
        speaker_start=sp_start,
        speaker_end=sp_end,
        speaker_title=title,
        resolution=resolution,
        continues=continues,
    )


def _doc_sentence(starts: list[int], first: int) -> int:
    return _sentence_of(starts, first) if starts else 0
