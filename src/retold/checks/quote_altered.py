"""A quotation the source has with words changed: *altered*, or quoted at greater length.

The source stretch a fuzzy match finds is the same quotation changed when most of the
quotation's words are in it (nearly all in a sentence the source lacks); the word-level
diff between them, the stretch widened by a word or two where that explains more, says
what changed. Only small words transcribed differently ("the" added) is no change; a
rewrite quoting more of a quotation than the source (its words all there, in order) is
*unsourced* for the rest; a changed stretch in the reporter's voice is a promoted
paraphrase.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from retold.checks.quote_extract import Quotation
from retold.checks.quote_match import (
    EDITORIAL,
    Edit,
    Source,
    diff_text,
    edits_between,
    only_small_words,
    quotes_more,
    reporter_runs,
    segments,
    source_speaker,
    span_text,
)
from retold.checks.quote_voice import (
    ALIGNED,
    ONLY_REPORTER,
    Verdict,
    own_first_person,
    speaker_conflict,
    speech_unmarked,
    verified_or_misattributed,
)
from retold.text.lemmas import verb_lemma
from retold.text.tokens import tokenize

ALTERED_SIMILARITY = 0.6  # word-level similarity of a changed quotation to its source
ALTERED_SHARE = 0.6  # ... and the share of its words the source stretch has
NEW_ALTERED_SIMILARITY = 0.8  # the same, for a quotation in a sentence the source lacks
_MIN_SHARED_WORDS = 3
MODALS = frozenset("will would can could may might shall should must".split())

_WIDEN = 2  # words a fuzzy source stretch may be widened by at either end

RUN_ON_MIN_WORDS = 5  # source words a quotation that runs on must repeat word for word


def quoted_inside(
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


def close_enough(found: tuple[float, int, int, int], words: list[str], label: str) -> bool:
    """Is the source stretch the same quotation, changed? Most of the quotation's words
    must be in it (at least three), and in a sentence the source does not have (a
    `new` one), nearly all: there a loose likeness is another quotation."""
    score, _, _, shared = found
    if shared < max(_MIN_SHARED_WORDS, ALTERED_SHARE * len(words)):
        return False
    return score >= (ALTERED_SIMILARITY if label in ALIGNED else NEW_ALTERED_SIMILARITY)


def label_for_matching(quote: Quotation, label: str) -> str:
    """A transcript turn in the rewrite is a long stretch of speech of its own: held to
    the strict likeness of a sentence the source does not have."""
    return "new" if quote.turn else label


def changed_verdict(quote: Quotation, src: Source, positions: Sequence[int], label: str) -> Verdict:
    text = span_text(src, positions[0], positions[-1] + 1)
    speaker = source_speaker(src, positions)
    edits = _best_edits(src, positions, own_words(quote.text))
    if not edits or only_small_words(edits):  # the same words (split in the source by its
        return verified_or_misattributed(quote, src, positions, text, speaker)  # attribution)
    diff = diff_text(edits)
    quoted = sum(src.quote_of[i] is not None for i in positions)
    runs = reporter_runs(src, positions)
    if quoted >= 0.5 * len(positions) or speech_unmarked(src, runs, quote.speaker):
        loud = [e for e in edits if not only_small_words([e])]
        if any(e.outside for e in loud):
            # quoted at greater length, from another transcript: a verb in another tense
            # there ("what they did" / "what they do to us") is the transcriber's
            loud = [e for e in loud if not _inflected(e)]
        instead = _instead(src, positions, loud) if quotes_more(loud) else (0, 0)
        if instead != (0, 0):  # the source's quotation goes on: read the words replaced
            wider = _stretch_edits(src, positions, own_words(quote.text), *instead)
            text = span_text(src, positions[0] - instead[0], positions[-1] + 1 + instead[1])
            if only_small_words(wider):  # "With Putin, you've got" / "In Putin, …"
                return verified_or_misattributed(quote, src, positions, text, speaker)
            diff = diff_text(wider)
        elif quotes_more(loud):
            # more of it than the source quotes, the shared part transcribed alike
            return (
                "unsourced",
                text,
                speaker,
                (f"The source quotes only part of this ({diff}): check the rest elsewhere."),
            )
        if speaker_conflict(quote, src, positions):
            # other words from another named speaker: two quotations alike, not one changed
            # ("This is primarily a human tragedy" from one firm, "First and foremost
            # this is a human tragedy" from another's spokesman)
            return (
                "unsourced",
                text,
                speaker,
                f"The source quotes {speaker} saying something like this ({diff}), not "
                f"{quote.speaker}: check these words elsewhere.",
            )
        return "altered", text, speaker, f"Quotation changed from the source: {diff}."
    if label not in ALIGNED or own_first_person(
        segments_words(quote.text), {src.norms[i] for i in positions}
    ):
        return "unsourced", text, speaker, ONLY_REPORTER
    return (
        "promoted-paraphrase",
        text,
        speaker,
        "In the source these words are the reporter's, not a quotation; the rewrite "
        f"quotes them as said verbatim (and changes them: {diff}).",
    )


def _inflected(edit: Edit) -> bool:
    """One verb for another form of itself ("did" / "do", "says" / "said"); a modal
    for another ("will" / "would") says something else."""
    if edit.tag != "replace" or len(edit.old) != 1 or len(edit.new) != 1:
        return False
    old, new = (w.lower() for w in (edit.old[0], edit.new[0]))
    if old in MODALS or new in MODALS:
        return False
    lemma = verb_lemma(old)
    return lemma is not None and lemma == verb_lemma(new)


QUOTE_BREAKS = ",;:'\"\u2018\u2019\u201c\u201d()[]—–"  # marks that end a run of quoted words


def _instead(src: Source, positions: Sequence[int], edits: list[Edit]) -> tuple[int, int]:
    """Words added at an end of the quotation where the source's same quotation goes on,
    with no break, in other words: a word replaced ("before the storms in December" ->
    "… in January"), not more of the quotation. How many source words to take in
    (before, after) to read it so; (0, 0) when the rewrite does quote more (or the
    source's words go on past a comma or a quotation mark: "in his own words,
    'Republicans …'" quotes another inside)."""
    first, last = positions[0], positions[-1]

    def goes_on(a: int, b: int) -> bool:
        if not (a >= 0 and b < len(src.norms)) or src.quote_of[a] is None:
            return False
        gap = src.doc.text[src.ends[a] : src.starts[b]]
        return src.quote_of[a] == src.quote_of[b] and not any(c in gap for c in QUOTE_BREAKS)

    before = any(e.at_start for e in edits) and goes_on(first - 1, first)
    after = any(e.at_end for e in edits) and goes_on(last, last + 1)
    return int(before), int(after)


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


def segments_words(text: str) -> list[str]:
    return [w for seg, _ in segments(text) for w in seg]
