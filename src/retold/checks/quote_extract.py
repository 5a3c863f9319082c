"""Quotations in an article: quote marks paired, kinds told apart, speakers found.

Handles straight and typographic marks (read through `retold.text.normalize`, which
maps them one-to-one), quotations broken by the attribution (`"…," she said. "…"`),
news-style multi-paragraph quotations (no closing mark until the next paragraph,
which reopens with one), partial quotations inside a sentence and scare quotes.
Apostrophes ("Trump's", "'90s", "players'") are never taken for quote marks.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice

import regex

from retold.checks.quote_resolve import Resolver, sentence_of
from retold.checks.speaker_names import NOT_NAMES, Mention
from retold.checks.speaker_words import MASK, forget_words, lexicon
from retold.checks.speakers import attribution_after, attribution_before
from retold.checks.transcript_turns import Turn, posts, turns
from retold.text.document import Document
from retold.text.sentences import paragraphs
from retold.text.tokens import normalize

_NEWLINE = re.compile(r"\n")
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
    turn: bool = False  # a transcript's speaker turn ("TRUMP: …"), not in quotation marks

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
    # double-quoted stretches, in order and apart: the one a mark may sit in, by bisect
    opens = [r.open for r in taken]
    found: list[_Raw] = []
    open_at: int | None = None
    for i in _positions(view.plain, "'", lo, hi):
        k = bisect_right(opens, i) - 1
        if k >= 0 and i <= taken[k].close:
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


def _last_char(text: str, lo: int, hi: int) -> str:
    """The last character of text[lo:hi] that is not a space ("" if none): what
    `text[lo:hi].rstrip()[-1:]` is, without copying the stretch."""
    i = hi - 1
    while i >= lo and text[i].isspace():
        i -= 1
    return text[i] if i >= lo else ""


def _kind(plain: str, raw: _Raw, sentence_start: int, words: int) -> str:
    inner = plain[raw.open + 1 : raw.close].strip()
    before = _last_char(plain, sentence_start, raw.open)  # "" when nothing precedes
    first = inner.lstrip(".\u2026[( '")[:1]
    starts_sentence = first.isupper() or first.isdigit()
    lead_in = before == "" or before in ":,-\x01\"'"
    full = starts_sentence and lead_in
    if words <= SCARE_WORDS and not (full and inner[-1:] in ".,!?"):
        return "scare"
    return "full" if full else "partial"


# ---------------------------------------------------------------- speakers


def _masked(plain: str, raws: list[_Raw]) -> str:
    """`plain` with each quotation, marks included, masked (stretches joined, not a
    character at a time; quotations may overlap)."""
    parts: list[str] = []
    pos = 0  # where the unmasked text resumes
    for r in raws:
        lo, hi = max(r.open, pos), min(r.close + 1, len(plain))
        if lo >= hi:
            continue
        parts.append(plain[pos:lo])
        parts.append(MASK * (hi - lo))
        pos = hi
    parts.append(plain[pos:])
    return "".join(parts)


def _sentence_bounds(doc: Document, view: _View) -> tuple[list[int], list[int]]:
    starts = [view.norm(s.start) for s in doc.sentences]
    ends = [view.norm(max(s.start, s.end - 1)) + 1 for s in doc.sentences]
    return starts, ends


@lru_cache(maxsize=256)
def extract_quotes(doc: Document) -> tuple[Quotation, ...]:
    """Every quotation in the article, in text order, with its speaker: the ones in
    quotation marks and the speaker turns of a transcript ("TRUMP: …")."""
    marked = _marked_quotes(doc)
    spoken = sorted(
        turns(doc.text, doc.article.title_span) + posts(doc.text, doc.article.title_span),
        key=lambda t: t.start,
    )
    if not spoken:
        return marked
    return _merged(marked, _turn_quotes(doc, spoken, marked))


def _turn_quotes(
    doc: Document, spoken: list[Turn], marked: tuple[Quotation, ...]
) -> list[Quotation]:
    """Transcript turns as quotations (indexes and links among themselves, for now)."""
    starts = [s.start for s in doc.sentences]
    fuller = _full_names(doc.text, {t.speaker for t in spoken if t.speaker}, marked)
    result: list[Quotation] = []
    for turn in spoken:
        speaker = fuller.get(turn.speaker or "", turn.speaker)
        previous = len(result) - 1 if not turn.first and result else None
        result.append(
            Quotation(
                index=len(result),
                sentence=sentence_of(starts, turn.start) if starts else 0,
                start=turn.start,
                end=turn.end,
                text=doc.text[turn.start : turn.end],
                kind="full",
                speaker=speaker,
                speaker_start=turn.label_start,
                speaker_end=turn.label_end,
                speaker_title=turn.title,
                resolution="named" if speaker else "none",
                continues=previous,
                turn=True,
            )
        )
    return result


def _full_names(text: str, names: set[str], marked: tuple[Quotation, ...]) -> dict[str, str]:
    """ "Putin" -> "Vladimir Putin": a one-word label with the full name the article
    uses (a quotation's speaker, else the first "Firstname Surname" in the text)."""
    found: dict[str, str] = {}
    speakers = {q.speaker for q in marked if q.speaker and " " in q.speaker}
    for name in names:
        if " " in name:
            continue
        key = name.casefold()
        known = [s for s in speakers if s.split()[-1].casefold() == key]
        if known:
            found[name] = sorted(known)[0]
            continue
        m = re.search(rf"\b[A-Z][a-z]+ (?i:{re.escape(name)})\b", text)
        if m is not None and m.group(0).split()[0].casefold() not in NOT_NAMES:
            found[name] = m.group(0)[: -len(name)] + name
    return found


def _merged(marked: tuple[Quotation, ...], spoken: list[Quotation]) -> tuple[Quotation, ...]:
    """Both kinds in text order, indexes and `continues` links renumbered."""
    tagged = [(q.start, 0, k) for k, q in enumerate(marked)] + [
        (q.start, 1, k) for k, q in enumerate(spoken)
    ]
    tagged.sort()
    where = {(kind, k): n for n, (_, kind, k) in enumerate(tagged)}
    result: list[Quotation] = []
    for n, (_, kind, k) in enumerate(tagged):
        q = marked[k] if kind == 0 else spoken[k]
        linked = None if q.continues is None else where[(kind, q.continues)]
        result.append(replace(q, index=n, continues=linked))
    return tuple(result)


def _marked_quotes(doc: Document) -> tuple[Quotation, ...]:
    """The quotations in quotation marks, in text order, with their speakers."""
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
    newlines = [m.start() for m in _NEWLINE.finditer(masked)]
    ctx = _Context(view, masked, starts, ends, raws, Resolver(masked, starts), newlines, {})
    result: list[Quotation] = []
    for raw in raws:
        result.append(_build(ctx, raw, len(result), result))
    forget_words()
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


def _attribution_at_end(ctx: _Context, lo: int, sentence: int, hi: int) -> Mention | None:
    """ "There was "some possibility" of a deal, he added.": the sentence's last clause
    (`lo` lies in that sentence; its last comma and quotation are found once)."""
    masked = ctx.masked
    ends = ctx.ends_cache.get(sentence)
    if ends is None:
        begin = ctx.starts[sentence] if ctx.starts else 0
        ends = ctx.ends_cache[sentence] = (
            masked.rfind(",", begin, hi),
            masked.rfind(MASK, begin, hi),
        )
    comma, mask = ends
    if comma < lo or mask > comma:  # no comma after `lo`, or a quotation after the comma
        return None
    found = attribution_after(masked, comma, hi)
    if found is None or (masked[found[1] : hi].strip(" .!?\n") and len(masked[found[1] : hi]) > 40):
        return None
    return found[0]


@dataclass(frozen=True)
class _Context:
    """What every quotation of one article is built from."""

    view: _View
    masked: str
    starts: list[int]  # sentence starts (normalised text)
    ends: list[int]
    raws: list[_Raw]
    resolver: Resolver
    newlines: list[int]  # positions of the line breaks (paragraph edges) in `masked`
    ends_cache: dict[int, tuple[int, int]]  # sentence -> its last comma and mask position

    def paragraph_start(self, pos: int) -> int:
        """Where the paragraph holding `pos` starts: just after the line break before it."""
        k = bisect_left(self.newlines, pos) - 1
        return self.newlines[k] + 1 if k >= 0 else 0

    def paragraph_end(self, pos: int) -> int:
        """The first line break at or after `pos`, else the end of `masked`."""
        k = bisect_left(self.newlines, pos)
        return self.newlines[k] if k < len(self.newlines) else len(self.masked)


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str | None = None
    title: str | None = None
    resolution: str = "none"
    start: int = -1
    end: int = -1


def _inner(plain: str, raw: _Raw) -> tuple[int, int]:
    """The quoted words inside the marks, without the spaces at their edges."""
    lo, hi = raw.open + 1, raw.close
    while lo < hi and plain[lo].isspace():
        lo += 1
    while hi > lo and plain[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _continues(
    ctx: _Context, raw: _Raw, index: int, previous: Quotation | None, own_tail: bool
) -> int | None:
    """The earlier part of the same quotation this one goes on from, if any."""
    if previous is None or index == 0:
        return None
    prev_raw, masked = ctx.raws[index - 1], ctx.masked
    if not prev_raw.closed and raw.paragraph - prev_raw.paragraph in (0, 1):
        return previous.index  # news style: the quotation runs on
    if own_tail or prev_raw.paragraph != raw.paragraph or previous.kind != "full":
        return None
    tail = attribution_after(masked, prev_raw.close + 1, raw.open)
    prev_ended = previous.text.rstrip("'\" )").endswith((".", "!", "?"))
    introduces = _last_char(masked, 0, raw.open) == ":"
    if (
        tail is not None
        and not prev_ended
        and not introduces
        and not masked[tail[1] : raw.open].strip(" ,.;:-")
    ):
        return previous.index  # "…," she said. "…"
    if not masked[prev_raw.close + 1 : raw.open].strip(" ,.;:-"):
        return previous.index
    return None


def _resolved(ctx: _Context, mention: Mention, para_lo: int) -> _Speaker:
    name, title, resolution = ctx.resolver.resolve(mention, para_lo)
    return _Speaker(
        name, title, resolution, ctx.view.orig(mention.start), ctx.view.orig(mention.end)
    )


def _carried(previous: Quotation) -> _Speaker:
    return _Speaker(
        previous.speaker,
        previous.speaker_title,
        "continued",
        previous.speaker_start,
        previous.speaker_end,
    )


def _speaker(
    ctx: _Context,
    raw: _Raw,
    index: int,
    kind: str,
    found: tuple[Mention | None, bool],
    continues: int | None,
    previous: Quotation | None,
) -> _Speaker:
    """The quotation's own attribution, else its earlier part's speaker, else the
    paragraph's speaker, else (news style) the speaker of the quotation before."""
    mention, own_tail = found
    para_lo = ctx.paragraph_start(raw.open)
    if mention is not None and (continues is None or own_tail):
        return _resolved(ctx, mention, para_lo)
    if continues is not None and previous is not None:
        if previous.speaker is None and mention is not None:
            return _resolved(ctx, mention, para_lo)
        return _carried(previous)
    if kind == "full" and (here := ctx.resolver.speaker_in(para_lo, raw.open)) is not None:
        # "Shearer said he was unsure. "I don't know what happened."": this paragraph's speaker
        return _Speaker(here, None, "continued")
    if previous is not None and previous.speaker:
        gap = raw.paragraph - ctx.raws[index - 1].paragraph
        if (kind == "full" and gap <= 1) or (kind == "partial" and gap == 0):
            return _carried(previous)  # an unattributed quotation goes on from the last
    return _Speaker()


def _build(ctx: _Context, raw: _Raw, index: int, done: list[Quotation]) -> Quotation:
    view, masked, starts, ends = ctx.view, ctx.masked, ctx.starts, ctx.ends
    plain = view.plain
    inner_start, inner_end = _inner(plain, raw)
    s_lo = min(starts[sentence_of(starts, raw.open)] if starts else 0, raw.open)
    last = sentence_of(starts, max(raw.open, raw.close - 1)) if starts else 0
    s_hi = ends[last] if ends else len(plain)
    # words counted only up to one past the scare-quote limit: all `_kind` needs
    words = _WORDS.finditer(plain, inner_start, inner_end)
    kind = _kind(plain, raw, s_lo, len(list(islice(words, SCARE_WORDS + 1))))
    previous = done[-1] if done else None
    para_hi = ctx.paragraph_end(raw.close)
    # a quotation ending its sentence with a full stop is not attributed by what follows
    ended = plain[inner_start:inner_end].rstrip("'\" )").endswith(".")
    after = attribution_after(masked, raw.close + 1, para_hi) if raw.closed and not ended else None
    mention = after[0] if after is not None else attribution_before(masked, s_lo, raw.open)
    if mention is None and raw.closed and not ended:
        mention = _attribution_at_end(ctx, raw.close + 1, last, s_hi)
    continues = _continues(ctx, raw, index, previous, after is not None)
    who = _speaker(ctx, raw, index, kind, (mention, after is not None), continues, previous)
    start = view.orig(inner_start)
    end = view.orig(inner_end - 1) + 1 if inner_end > inner_start else start
    return Quotation(
        index=index,
        sentence=sentence_of(starts, inner_start) if starts else 0,
        start=start,
        end=end,
        text=view.original_text[start:end],
        kind=kind,
        speaker=who.name,
        speaker_start=who.start,
        speaker_end=who.end,
        speaker_title=who.title,
        resolution=who.resolution,
        continues=continues,
    )
