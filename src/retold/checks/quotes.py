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

import regex

from retold.align.sentences import Alignment
from retold.checks.quote_altered import (
    changed_verdict,
    close_enough,
    label_for_matching,
    quoted_inside,
)
from retold.checks.quote_extract import Quotation, extract_quotes
from retold.checks.quote_match import (
    Source,
    find_exact,
    find_fuzzy,
    repeats,
    segments,
    source_index,
    source_speaker,
    span_text,
)
from retold.checks.quote_unmatched import (
    NOT_HERE,
    in_new_sentence,
    paraphrased_invented_or_unsourced,
)
from retold.checks.quote_voice import (
    ALIGNED,
    FIRST_PERSON,
    Verdict,
    speaker_conflict,
    verdict_for_exact,
)
from retold.checks.records import QuoteReport
from retold.checks.speaker_names import same_speaker
from retold.text.tokens import word_norms

__all__ = ["Quotation", "check_quotes", "extract_quotes", "same_speaker"]

_MAX_TITLE_WORDS = 6
_TITLE_WORDS = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'\u2019\-]*")
_TITLE_SMALL = frozenset("a an the of and in on for to at by with from or".split())

SEVERITY = {
    "altered": "high",  # a quotation's words changed
    # words nobody in the source says, inside text taken from it: often a real quotation
    # a later version added (check it elsewhere), so not the top of the list
    "invented": "medium",
    "misattributed": "high",
    "promoted-paraphrase": "medium",
    "unsourced": "low",  # not in this source: check it elsewhere, not a distortion
}


def _looks_like_claim(quote: Quotation, words: list[str]) -> bool:
    return (
        any(w[:1].isdigit() for w in words)
        or any(w in FIRST_PERSON for w in words)
        or (quote.speaker is not None and quote.resolution == "named")
    )


def _is_title(text: str) -> bool:
    """ "State of the Union", "Meet the Press": a show's, book's or event's name in
    quotation marks (every word capitalised but the small ones), not someone's words."""
    words = _TITLE_WORDS.findall(text.strip().rstrip(".,;:!?"))
    if not 2 <= len(words) <= _MAX_TITLE_WORDS or not words[0][:1].isupper():
        return False
    if any(w.casefold() in FIRST_PERSON for w in words):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w in _TITLE_SMALL for w in words)


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
    exact = find_exact(
        src, parts, (lambda found: speaker_conflict(quote, src, found)) if named else None
    )
    if exact is not None:
        return verdict_for_exact(quote, src, exact, label)
    if _is_title(quote.text):
        return "verified", None, None, "A title in quotation marks, not a quotation."
    if quote.kind == "scare":
        if _looks_like_claim(quote, words):
            return "unsourced", None, None, NOT_HERE
        return "verified", None, None, "Scare quote (emphasis, not a quotation): not in the source."
    # first against the source's quoted words only (a quotation broken by its
    # attribution is compared without the "he said" in between), then the whole text
    found = find_fuzzy(src.quoted_norms, src.quoted_positions, words)
    changed = None
    if close_enough(found, words, label_for_matching(quote, label)):
        changed = changed_verdict(quote, src, src.quoted[found[1] : found[2]], label)
        if changed[0] != "altered":
            return changed
    inside = quoted_inside(src, found, words)
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
    if close_enough(found, words, label_for_matching(quote, label)):
        return changed_verdict(quote, src, list(range(found[1], found[2])), label)
    if label not in ALIGNED:
        return in_new_sentence(quote, src, alignment, goes_on)
    return paraphrased_invented_or_unsourced(quote, words, src, alignment, spans)


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
