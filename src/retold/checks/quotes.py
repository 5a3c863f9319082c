"""Quote verification: is each quotation in the rewrite really in the source?

For every quotation of the derived text (`extract_quotes`: in quotation marks, or a
transcript's "SPEAKER:" turn), its words are looked up in the source, word by word
(case, edge punctuation, typographic marks, contractions and British/American spelling
do not count; an ellipsis or an editor's "[brackets]" stands for words left out). The
source's speech includes its transcript turns and embedded posts. Precision first:
when unsure, say less.

- *verified*: the same words are in the source as someone's speech (a contiguous part
  of a longer quotation is fine);
- *altered* (high): a source quotation with words changed (a word-level diff says how);
- *misattributed* (high): the source gives the very words to someone else, and both
  texts name the speaker for sure (a full or titled name at the quotation);
- *invented* (high): a quotation inside a sentence otherwise taken from the source
  (its other content words are in the aligned source sentence), whose words the
  source never has anyone say;
- *promoted-paraphrase* (medium): the words are the reporter's in the source and the
  rewrite quotes them as said verbatim;
- *unsourced* (low): not in this source, so to be checked elsewhere: a quotation in a
  sentence the source does not have (`new`), one whose speaker and words the source
  never mentions, a longer version of a quotation the source cuts short, one from
  other reporting framed by a sentence of names. Listed apart from distortions.

Scare quotes (1-3 words) are verified when their words occur in the source at all;
otherwise unsourced when they look like a claim (a number, a first-person word, an
attributed speaker).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

import regex

from retold.align.sentences import Alignment
from retold.checks.quote_extract import SCARE_WORDS, Quotation, extract_quotes
from retold.checks.quote_match import (
    EDITORIAL,
    Edit,
    Source,
    diff_text,
    edits_between,
    find_exact,
    find_fuzzy,
    only_small_words,
    quotes_more,
    repeats,
    reporter_runs,
    segments,
    source_index,
    source_quote,
    source_speaker,
    span_text,
)
from retold.checks.records import QuoteReport
from retold.checks.speaker_names import same_speaker
from retold.checks.speaker_words import lexicon
from retold.text.boilerplate import furniture_reason
from retold.text.document import Document
from retold.text.tokens import tokenize, word_norms

__all__ = ["Quotation", "check_quotes", "extract_quotes", "same_speaker"]

ALTERED_SIMILARITY = 0.6  # word-level similarity of a changed quotation to its source
ALTERED_SHARE = 0.6  # ... and the share of its words the source stretch has
NEW_ALTERED_SIMILARITY = 0.8  # the same, for a quotation in a sentence the source lacks
_MIN_SHARED_WORDS = 3
PARAPHRASE_SUPPORT = 0.75  # content words of a promoted paraphrase in the source sentence
_MIN_PARAPHRASE_WORDS = 4
GIST_SUPPORT = 0.3  # content of a first-person quotation the source reports in its own words
FRAME_SUPPORT = 0.8  # content words around an invented quotation from the source sentence
_MIN_FRAME_WORDS = 3
_MAX_TITLE_WORDS = 6
_TITLE_WORDS = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'\u2019\-]*")
_TITLE_SMALL = frozenset("a an the of and in on for to at by with from or".split())
_MIN_CLAIM_WORDS = 4  # words a quotation needs before its speaker can be disputed
_BREAK_WORDS = 4  # opening words of a quotation looked for where the source breaks off
_BREAK_TRIES = 50
ALIGNED = ("verbatim", "paraphrase")
SEVERITY = {
    "altered": "high",  # a quotation's words changed
    # words nobody in the source says, inside text taken from it: often a real quotation
    # a later version added (check it elsewhere), so not the top of the list
    "invented": "medium",
    "misattributed": "high",
    "promoted-paraphrase": "medium",
    "unsourced": "low",  # not in this source: check it elsewhere, not a distortion
}
_NOT_HERE = "Not in this source: check it elsewhere."
_ONLY_REPORTER = (
    "In this source these words are the reporter's own, not a quotation: check the "
    "quotation elsewhere."
)
_FUNCTION_WORDS = frozenset(
    """about above after again against also among been before being below between both
    could does doing down during each either from further have having here into itself
    just more most much must only other over same should some such than that their them
    then there these they this those through under until upon very were what when where
    which while whom will with within without would your yours""".split()
)
_MIN_PARAGRAPH_CHARS = 60
_WIDEN = 2  # words a fuzzy source stretch may be widened by at either end
_NEAR_CHARS = 1500  # how far back "near the quotation" looks at most
_NAME_WORDS = regex.compile(r"\p{Lu}[\p{L}'\-]+")
_FIRST_PERSON = frozenset({"i", "we", "my", "our", "me", "us", "i'm", "we're", "i've", "we've"})


def _named_for_sure(name: str | None, title: str | None) -> bool:
    """A speaker named well enough to tell two speakers apart: a full name ("Tom
    Barrack") or a titled one ("Mr Barrack"), not one capitalised word, which may be a
    dateline ("TURNBERRY, Scotland —"), a place ("ambassador to Moscow") or a word
    opening the sentence ("Ahead of the summit, … telling CBS")."""
    if not name or not name[:1].isupper():
        return False
    return " " in name.strip() or title is not None


def _conflict(quote: Quotation, src: Source, positions: Sequence[int]) -> bool:
    """Does the source give these words to someone else than the rewrite does? Only
    when both sides name the speaker for sure, at the quotation (or at an earlier part
    of the same quotation): "he said" read back to a name is a guess, and "a
    spokesman" or "the supporters club" is no name."""
    source = source_quote(src, positions)
    if source is None or not quote.speaker or quote.resolution != "named":
        return False
    if len(positions) < _MIN_CLAIM_WORDS:  # "Meet the Press": a title, not a statement
        return False
    if not (
        _named_for_sure(quote.speaker, quote.speaker_title)
        and _named_for_sure(source.speaker, source.speaker_title)
    ):
        return False
    if same_speaker(quote.speaker, source.speaker):
        return False
    if source.resolution == "named" or source.continues is not None:
        return True
    # "she added", "the mayor said": read back to a name, which is sure enough only
    # when the rewrite's speaker is not named near it (the pronoun could be them)
    return source.resolution in ("pronoun", "role") and not _named_near(src, source, quote.speaker)


def _named_near(src: Source, source: Quotation, name: str) -> bool:
    """Is `name` (its last word) in the source near the quotation: in its paragraph or
    the paragraph of story text before?"""
    text = src.doc.text
    # back to the start of the last paragraph of story text before the quotation's own
    # (a short line between, "Story Continued Below", does not count)
    lo = text.rfind("\n", 0, source.start)
    while lo > 0:
        start = text.rfind("\n", 0, lo - 1) + 1
        substantive = len(text[start:lo].strip()) >= _MIN_PARAGRAPH_CHARS
        lo = start
        if substantive:
            break
    window = text[max(0, lo, source.start - _NEAR_CHARS) : source.end]
    return _last_word(name) in {w.casefold() for w in _NAME_WORDS.findall(window)}


def _last_word(name: str) -> str:
    words = name.split()
    return words[-1].casefold().strip(".,'") if words else ""


def _looks_like_claim(quote: Quotation, words: list[str]) -> bool:
    return (
        any(w[:1].isdigit() for w in words)
        or any(w in _FIRST_PERSON for w in words)
        or (quote.speaker is not None and quote.resolution == "named")
    )


def _is_title(text: str) -> bool:
    """ "State of the Union", "Meet the Press": a show's, book's or event's name in
    quotation marks (every word capitalised but the small ones), not someone's words."""
    words = _TITLE_WORDS.findall(text.strip().rstrip(".,;:!?"))
    if not 2 <= len(words) <= _MAX_TITLE_WORDS or not words[0][:1].isupper():
        return False
    if any(w.casefold() in _FIRST_PERSON for w in words):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w in _TITLE_SMALL for w in words)


def _content(words: Sequence[str]) -> list[str]:
    return [w for w in words if w[:1].isdigit() or (len(w) > 3 and w not in _FUNCTION_WORDS)]


Verdict = tuple[str, str | None, str | None, str]  # status, source text, source speaker, why


def _verify(
    quote: Quotation,
    src: Source,
    alignment: Alignment,
    label: str,
    spans: list[tuple[int, int]],
    goes_on: bool = False,
) -> Verdict:
    """(status, source_text, source_speaker, explanation) for one derived quotation in a
    sentence the alignment labels `label` (`spans`: the quotations of that sentence;
    `goes_on`: it continues a quotation the source has word for word)."""
    parts = segments(quote.text)
    words = [w for seg, _ in parts for w in seg]
    if not words:
        return "verified", None, None, ""
    named = quote.resolution == "named" and quote.speaker is not None
    exact = find_exact(src, parts, (lambda found: _conflict(quote, src, found)) if named else None)
    if exact is not None:
        return _found(quote, src, exact, label)
    if _is_title(quote.text):
        return "verified", None, None, "A title in quotation marks, not a quotation."
    if quote.kind == "scare":
        if _looks_like_claim(quote, words):
            return "unsourced", None, None, _NOT_HERE
        return "verified", None, None, "Scare quote (emphasis, not a quotation): not in the source."
    # first against the source's quoted words only (a quotation broken by its
    # attribution is compared without the "he said" in between), then the whole text
    found = find_fuzzy(src.quoted_norms, src.quoted_positions, words)
    changed = None
    if _close_enough(found, words, _label_for_matching(quote, label)):
        changed = _changed(quote, src, src.quoted[found[1] : found[2]], label)
        if changed[0] != "altered":
            return changed
    inside = _quoted_inside(src, found, words)
    if inside is not None:
        # the rewrite quotes more of it (a whole post where the source quotes its second
        # half): the source's words are all there, in order; the rest is from elsewhere
        text = span_text(src, inside[0], inside[-1] + 1)
        return (
            "unsourced",
            text,
            source_speaker(src, inside),
            "The source quotes only part of this, word for word: check the rest elsewhere.",
        )
    if changed is not None:
        return changed
    found = find_fuzzy(src.norms, src.positions, words)
    if _close_enough(found, words, _label_for_matching(quote, label)):
        return _changed(quote, src, list(range(found[1], found[2])), label)
    if label not in ALIGNED:
        return _in_new_sentence(quote, src, alignment, goes_on)
    return _paraphrased_invented_or_unsourced(quote, words, src, alignment, spans)


def _in_new_sentence(quote: Quotation, src: Source, alignment: Alignment, goes_on: bool) -> Verdict:
    """A quotation the source lacks, in a sentence the source lacks: unsourced, unless
    it goes on from a source quotation inside a paragraph taken from the source."""
    if goes_on and not quote.turn and _paragraph_from_source(quote, alignment, src):
        return (
            "invented",
            None,
            None,
            "The rest of the paragraph comes from the source, which quotes this speaker "
            "but never has them say these words.",
        )
    return "unsourced", None, None, _NOT_HERE


def _paragraph_from_source(quote: Quotation, alignment: Alignment, src: Source) -> bool:
    """A quotation added to a paragraph the rewrite takes from the source, going on from
    a quotation the source has ("…," he said. "Somebody should go to prison for this."):
    the paragraph's other sentences are all aligned with the source, and one of them
    names the speaker, whom the source names."""
    if not quote.speaker or quote.resolution == "body" or not _speaker_in_source(quote, src):
        return False
    if quote.sentence >= len(alignment.derived.sentences):
        return False
    text = alignment.derived.text
    here = alignment.derived.sentences[quote.sentence]
    lo = text.rfind("\n", 0, here.start) + 1
    hi = text.find("\n", here.end)
    hi = len(text) if hi < 0 else hi
    others = [
        m
        for m in alignment.matches
        if m.sentence != quote.sentence and lo <= alignment.derived.sentences[m.sentence].start < hi
    ]
    if not others or any(m.label not in ALIGNED for m in others):
        return False
    last = _last_word(quote.speaker)
    return any(last in alignment.derived.sentences[m.sentence].norms for m in others)


RUN_ON_MIN_WORDS = 5  # source words a quotation that runs on must repeat word for word


def _quoted_inside(
    src: Source, found: tuple[float, int, int, int], words: list[str]
) -> list[int] | None:
    """The source words of a quotation the rewrite quotes more of: a source quotation
    that the found stretch reaches into stands word for word inside the rewrite's, or
    the rewrite's opens with the end of the source's (and goes on) or ends with its
    start (having begun earlier). Read quotation by quotation, since the stretch of
    quoted words may run on into the next speaker's; a word changed where both go on
    ("the data yesterday" -> "the data wind") is no running on."""
    owners = {src.quote_of[src.quoted[k]] for k in range(found[1], found[2])} - {None}
    for owner in sorted(o for o in owners if o is not None):
        quotation = src.quotes[owner]
        first = bisect_left(src.starts, quotation.start)
        last = bisect_left(src.starts, quotation.end)
        part = list(src.norms[first:last])
        n = len(part)
        if _MIN_SHARED_WORDS <= n < len(words) and _sub_run(part, words):
            return list(range(first, last))
        if n < RUN_ON_MIN_WORDS:
            continue
        # begun earlier, ending with the source's start: tried where its first word stands
        for at, word in enumerate(words):
            m = len(words) - at
            if (
                word == part[0]
                and RUN_ON_MIN_WORDS <= m < min(n, len(words))
                and words[at:] == part[:m]
            ):
                return list(range(first, first + m))
        # opening with the source's end and going on: tried where its last word stands
        for at, word in enumerate(words):
            m = at + 1
            if (
                word == part[-1]
                and RUN_ON_MIN_WORDS <= m < min(n, len(words))
                and words[:m] == part[-m:]
            ):
                return list(range(last - m, last))
    return None


def _sub_run(part: list[str], words: list[str]) -> bool:
    """Is `part` a stretch of `words`, word for word?"""
    n = len(part)
    return any(words[k : k + n] == part for k in range(len(words) - n + 1))


def _close_enough(found: tuple[float, int, int, int], words: list[str], label: str) -> bool:
    """Is the source stretch the same quotation, changed? Most of the quotation's words
    must be in it (at least three), and in a sentence the source does not have (a
    `new` one), nearly all: there a loose likeness is another quotation."""
    score, _, _, shared = found
    if shared < max(_MIN_SHARED_WORDS, ALTERED_SHARE * len(words)):
        return False
    return score >= (ALTERED_SIMILARITY if label in ALIGNED else NEW_ALTERED_SIMILARITY)


def _label_for_matching(quote: Quotation, label: str) -> str:
    """A transcript turn in the rewrite is a long stretch of speech of its own: held to
    the strict likeness of a sentence the source does not have."""
    return "new" if quote.turn else label


def _found(quote: Quotation, src: Source, exact: list[int], label: str) -> Verdict:
    """The source has these very words: verified, unless they are the reporter's there
    (a promoted paraphrase) or someone else's (misattributed)."""
    text = span_text(src, exact[0], exact[-1] + 1)
    speaker = source_speaker(src, exact)
    if quote.kind == "scare" or len(exact) <= SCARE_WORDS:  # "one hour ago": too short
        return "verified", text, speaker, ""  # to say whose words they are
    runs = reporter_runs(src, exact)
    # the reporter's words that matter: not "with" before a quoted phrase, and not a
    # first-person stretch (a post, a block quotation or a transcript line, unmarked)
    reporter = [run for run in runs if _content([src.norms[i] for i in run])]
    if reporter and _speech_unmarked(src, runs, quote.speaker):
        reporter = []
    if not reporter:
        return _verified_or_misattributed(quote, src, exact, text, speaker)
    if label not in ALIGNED:
        return "unsourced", text, speaker, _ONLY_REPORTER
    shown = ", ".join(f'"{" ".join(map(src.surface, run))}"' for run in reporter)
    return (
        "promoted-paraphrase",
        text,
        speaker,
        "In the source only part of these words is inside quotation marks: "
        f"{shown} {'is' if len(reporter) == 1 else 'are'} the reporter's own "
        "wording. The rewrite presents it all as a direct quotation.",
    )


def _speech_unmarked(src: Source, runs: list[list[int]], speaker: str | None = None) -> bool:
    """Words outside quotation marks that are someone's, not the reporter's voice: they
    speak in the first person ("I", "we", "our"), stand in a paragraph introduced by a
    colon ("It reads, in part:"), or the source is the speaker's own article (their
    byline)."""
    if any(src.norms[i] in _FIRST_PERSON for run in runs for i in run):
        return True
    if any(_introduced(src.doc.text, src.starts[run[0]]) for run in runs):
        return True
    return speaker is not None and _last_word(speaker) in _authors(src.doc)


INTRODUCTION_CHARS = 200  # how far back the colon of an introduction is looked for


def _introduced(text: str, at: int) -> bool:
    """Does the paragraph holding `at` follow a paragraph ending in a colon?"""
    start = text.rfind("\n", 0, at)
    return start > 0 and text[max(0, start - INTRODUCTION_CHARS) : start].rstrip().endswith(":")


@lru_cache(maxsize=64)
def _authors(doc: Document) -> frozenset[str]:
    """The last words of the names in the article's bylines, lower-cased."""
    names: set[str] = set()
    for sentence in doc.sentences:
        if sentence.boilerplate and furniture_reason(sentence.text) == "byline":
            names.update(w.casefold().strip(".,'") for w in _NAME_WORDS.findall(sentence.text))
    return frozenset(names)


def _verified_or_misattributed(
    quote: Quotation, src: Source, positions: Sequence[int], text: str, speaker: str | None
) -> Verdict:
    """The source has these very words: verified, unless it gives them to someone else."""
    if _conflict(quote, src, positions):
        return (
            "misattributed",
            text,
            speaker,
            f"The source quotes {speaker} saying these words, not {quote.speaker}.",
        )
    return "verified", text, speaker, ""


def _changed(quote: Quotation, src: Source, positions: Sequence[int], label: str) -> Verdict:
    text = span_text(src, positions[0], positions[-1] + 1)
    speaker = source_speaker(src, positions)
    edits = _best_edits(src, positions, own_words(quote.text))
    if not edits or only_small_words(edits):  # the same words (split in the source by its
        return _verified_or_misattributed(quote, src, positions, text, speaker)  # attribution)
    diff = diff_text(edits)
    quoted = sum(src.quote_of[i] is not None for i in positions)
    runs = reporter_runs(src, positions)
    if quoted >= 0.5 * len(positions) or _speech_unmarked(src, runs, quote.speaker):
        if quotes_more([e for e in edits if not only_small_words([e])]):
            # more of it than the source quotes, the shared part transcribed alike
            return (
                "unsourced",
                text,
                speaker,
                (f"The source quotes only part of this ({diff}): check the rest elsewhere."),
            )
        note = ""
        if _conflict(quote, src, positions):
            note = f" The source also gives these words to {speaker}, not {quote.speaker}."
        return "altered", text, speaker, f"Quotation changed from the source: {diff}.{note}"
    if label not in ALIGNED or _own_first_person(
        segments_words(quote.text), {src.norms[i] for i in positions}
    ):
        return "unsourced", text, speaker, _ONLY_REPORTER
    return (
        "promoted-paraphrase",
        text,
        speaker,
        "In the source these words are the reporter's, not a quotation; the rewrite "
        f"quotes them as said verbatim (and changes them: {diff}).",
    )


def _best_edits(src: Source, positions: Sequence[int], derived: list[str]) -> list[Edit]:
    """The edits from the source stretch to the rewrite's words, the stretch widened by
    up to two words at either end when an edit touches that end and widening explains
    more ("It's important" against "it is important": the window may start at
    "important")."""
    best = _stretch_edits(src, positions, derived, 0, 0)
    if not best or not (best[0].at_start or best[-1].at_end):
        return best
    best_cost = sum(len(e.old) + len(e.new) for e in best)
    for before in range(_WIDEN + 1):
        for after in range(_WIDEN + 1):
            if before == after == 0:
                continue
            edits = _stretch_edits(src, positions, derived, before, after)
            cost = sum(len(e.old) + len(e.new) for e in edits)
            if cost < best_cost:
                best, best_cost = edits, cost
    return best


def _stretch_edits(
    src: Source, positions: Sequence[int], derived: list[str], before: int, after: int
) -> list[Edit]:
    first, last = positions[0], positions[-1]
    lo, hi = max(0, first - before), min(len(src.norms) - 1, last + after)
    stretch = [*range(lo, first), *positions, *range(last + 1, hi + 1)]
    kept = [i for i in stretch if not src.is_editorial(i)]
    breaks = frozenset(k for k in range(len(kept) - 1) if kept[k + 1] != kept[k] + 1)
    return edits_between([src.surface(i) for i in kept], derived, breaks)


def own_words(text: str) -> list[str]:
    """The quotation's words as written, without an editor's bracketed ones."""
    text = text.replace("\u00b4", "'")  # "Court´s": an acute accent for an apostrophe
    spans = [(m.start(), m.end()) for m in EDITORIAL.finditer(text)]
    return [
        text[t.start : t.end] for t in tokenize(text) if not any(a <= t.start < b for a, b in spans)
    ]


def _paraphrased_invented_or_unsourced(
    quote: Quotation,
    words: list[str],
    src: Source,
    alignment: Alignment,
    spans: list[tuple[int, int]],
) -> Verdict:
    """A quotation the source does not have, in a sentence taken from the source: a
    promoted paraphrase when the aligned source sentence says it in the reporter's
    words; invented when the rest of the sentence comes from the source and its
    speaker is someone the source quotes or names; else unsourced (a quotation from
    other reporting, added to a sentence that only frames it)."""
    match = alignment.matches[quote.sentence]
    pool = {n for j in match.source_sentences for n in alignment.source.sentences[j].norms}
    content = _content(words)
    own = _own_first_person(words, pool)
    if len(content) >= _MIN_PARAPHRASE_WORDS:
        # the reporter's words only: a source that quotes a shorter version of this
        # ("nothing bad ... maybe some good") has not paraphrased it
        reporter = _reporter_words(src, alignment, match.source_sentences)
        support = sum(w in reporter for w in content) / len(content)
        if own and support >= GIST_SUPPORT:
            # "I believe in it" where the source says "he said he believes in such
            # meetings": the speaker's own words of what the source reports, from elsewhere
            return (
                "unsourced",
                None,
                None,
                "The source reports this in its own words; the quotation's exact words are "
                "not in this source: check them elsewhere.",
            )
        if not own and support >= PARAPHRASE_SUPPORT:
            text = " ".join(alignment.source.sentences[j].text for j in match.source_sentences)
            return (
                "promoted-paraphrase",
                text,
                None,
                "The source says this in the reporter's words, not as a quotation; the "
                "rewrite presents it as said verbatim.",
            )
    if quote.speaker and quote.resolution == "named" and not _speaker_in_source(quote, src):
        return (
            "unsourced",
            None,
            None,
            f"Neither these words nor {quote.speaker} are in this source: check it elsewhere.",
        )
    if _source_breaks_off(src, words):
        return (
            "unsourced",
            None,
            None,
            ("The source breaks off where this quotation begins: check it elsewhere."),
        )
    if _frame_from_source(quote, alignment, pool, spans):
        return (
            "invented",
            None,
            None,
            "The rest of the sentence comes from the source, which never has anyone say "
            "these words.",
        )
    return "unsourced", None, None, _NOT_HERE


def segments_words(text: str) -> list[str]:
    return [w for seg, _ in segments(text) for w in seg]


def _own_first_person(words: list[str], pool: set[str]) -> bool:
    """Does the quotation speak in the first person where the source does not ("I
    think the European Union is a foe")? Then it is the speaker's own version, from
    elsewhere, not the source's paraphrase put in quotation marks."""
    return any(w in _FIRST_PERSON and w not in pool for w in words)


def _reporter_words(src: Source, alignment: Alignment, sentences: tuple[int, ...]) -> set[str]:
    """The words of these source sentences outside quotation marks."""
    found: set[str] = set()
    for j in sentences:
        sentence = alignment.source.sentences[j]
        lo, hi = bisect_left(src.starts, sentence.start), bisect_left(src.starts, sentence.end)
        found.update(src.norms[i] for i in range(lo, hi) if src.quote_of[i] is None)
    return found


def _speaker_in_source(quote: Quotation, src: Source) -> bool:
    """Does the source name the rewrite's speaker (by surname) anywhere?"""
    last = _last_word(quote.speaker or "")
    return bool(last) and last in src.positions


def _source_breaks_off(src: Source, words: list[str]) -> bool:
    """Does the source stop (a cut snippet: "… with the intention to "release", "will
    end up having ...") right after the first words of this quotation?"""
    text = src.doc.text
    for k in range(min(_BREAK_WORDS, len(words)), 0, -1):
        first = tuple(words[:k])
        for p in src.positions.get(first[0], ())[:_BREAK_TRIES]:
            if src.norms[p : p + k] != first:
                continue
            after = text[src.ends[p + k - 1] : src.ends[p + k - 1] + 8].lstrip(" \"'\u201d\u2019")
            if after == "" or after.startswith(("...", "\u2026", "\n")):
                return True
    return False


def _frame_from_source(
    quote: Quotation, alignment: Alignment, pool: set[str], spans: list[tuple[int, int]]
) -> bool:
    """Is the sentence around the quotation taken from the aligned source sentence(s)?
    Its own content words (outside quotation marks; names, the speaker and the
    reporting verb aside: a frame of names fits any quotation) must be there, nearly
    all and at least three of them."""
    text = alignment.derived.text
    sentence = alignment.derived.sentences[quote.sentence]
    speaker = {w.casefold() for w in (quote.speaker or "").split()}
    verbs = lexicon().verb_words
    own = [
        norm
        for norm, start in zip(sentence.norms, sentence.starts, strict=True)
        if not any(a <= start < b for a, b in spans)
        and not text[start].isupper()
        and norm not in speaker
        and norm not in verbs
    ]
    frame = _content(own)
    if len(frame) < _MIN_FRAME_WORDS:
        return False
    return sum(w in pool for w in frame) >= FRAME_SUPPORT * len(frame)


def quote_severity(status: str) -> str:
    """How much a quotation's status matters to an editor: high for words changed,
    invented or given to someone else; medium for a paraphrase presented as a
    quotation; low for one this source cannot confirm; "" for a verified one."""
    return SEVERITY.get(status, "")


def check_quotes(alignment: Alignment) -> tuple[QuoteReport, ...]:
    """Every quotation of the derived text, checked against the source."""
    quotes = extract_quotes(alignment.derived)
    if not quotes:
        return ()
    src = source_index(alignment.source)
    repeated = repeats(quotes, [word_norms(q.text) for q in quotes])
    spans: dict[int, list[tuple[int, int]]] = {}
    for q in quotes:
        spans.setdefault(q.sentence, []).append((q.start, q.end))
    reports: list[QuoteReport] = []
    for i, quote in enumerate(quotes):
        # a text of quotation marks alone has quotations but no sentence to align
        in_range = quote.sentence < len(alignment.matches)
        label = alignment.matches[quote.sentence].label if in_range else "new"
        goes_on = quote.continues is not None and reports[quote.continues].status == "verified"
        status, source_text, source_speaker, explanation = _verify(
            quote, src, alignment, label, spans[quote.sentence], goes_on
        )
        repeat = repeated[i]
        if repeat is not None:
            explanation = (explanation + " " if explanation else "") + (
                f"Repeats quotation {repeat} almost word for word."
            )
        reports.append(
            QuoteReport(
                index=i,
                sentence=quote.sentence,
                start=quote.start,
                end=quote.end,
                text=quote.text,
                speaker=quote.speaker,
                status=status,
                source_text=source_text,
                source_speaker=source_speaker,
                repeat_of=repeat,
                explanation=explanation,
                kind=quote.kind,
                speaker_title=quote.speaker_title,
                resolution=quote.resolution,
                severity=quote_severity(status),
            )
        )
    return tuple(reports)
