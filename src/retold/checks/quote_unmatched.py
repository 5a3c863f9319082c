"""A quotation whose words the source does not have: *invented*, a promoted paraphrase, or *unsourced*.

In a sentence the source lacks it is unsourced (from other reporting: check it
elsewhere), unless it goes on from a source quotation in a paragraph otherwise taken
from the source. In a sentence taken from the source it is a promoted paraphrase when
the source says it in the reporter's words, invented when the rest of the sentence
comes from the source (which never has anyone say these words), and unsourced when its
speaker is one the source never names, the source breaks off where it begins, or only a
frame of names is shared.
"""

from __future__ import annotations

from bisect import bisect_left

from retold.align.sentences import Alignment
from retold.checks.parts import Part
from retold.checks.quote_extract import Quotation
from retold.checks.quote_match import (
    Source,
)
from retold.checks.quote_voice import (
    ALIGNED,
    Verdict,
    content_words,
    last_word,
    own_first_person,
)
from retold.checks.speaker_names import same_speaker
from retold.checks.speaker_words import lexicon
from retold.text.document import Sentence

PARAPHRASE_SUPPORT = 0.75  # content words of a promoted paraphrase in the source sentence
_MIN_PARAPHRASE_WORDS = 4
GIST_SUPPORT = 0.3  # content of a first-person quotation the source reports in its own words
FRAME_SUPPORT = 0.8  # content words around an invented quotation from the source sentence
_MIN_FRAME_WORDS = 3

_BREAK_WORDS = 4  # opening words of a quotation looked for where the source breaks off
_BREAK_TRIES = 50

NOT_HERE = "Not in this source: check it elsewhere."


def in_new_sentence(quote: Quotation, src: Source, alignment: Alignment, goes_on: bool) -> Verdict:
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
    return "unsourced", None, None, NOT_HERE


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
    last = last_word(quote.speaker)
    if not any(last in alignment.derived.sentences[m.sentence].norms for m in others):
        return False
    # the reporter's own words around it, not only another quotation and its "Trump
    # said": a quotation and its attribution fit any other quotation of the speaker
    speaker = {w.casefold() for w in quote.speaker.split()}
    verbs = lexicon().verb_words
    wholes = [
        Part(alignment.derived, sentence, 0, sentence.words)
        for sentence in (alignment.derived.sentences[m.sentence] for m in others)
    ]
    told = [
        part.norm(i)
        for part in wholes
        for i in part.words
        if not part.quoted(i) and part.norm(i) not in speaker and part.norm(i) not in verbs
    ]
    return len(content_words(told)) >= _MIN_FRAME_WORDS


def paraphrased_invented_or_unsourced(
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
    content = content_words(words)
    own = own_first_person(words, pool)
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
    if quote.speaker and not any(same_speaker(quote.speaker, q.speaker) for q in src.quotes):
        return (
            "unsourced",
            None,
            None,
            f"This source never quotes {quote.speaker}: check these words elsewhere.",
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
    return "unsourced", None, None, NOT_HERE


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
    last = last_word(quote.speaker or "")
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
    all and at least three of them, and all of those that lead into the quotation."""
    text = alignment.derived.text
    sentence = alignment.derived.sentences[quote.sentence]
    speaker = {w.casefold() for w in (quote.speaker or "").split()}
    verbs = lexicon().verb_words
    described = _apposition(text, sentence, speaker, spans)
    own = [
        norm
        for norm, start in zip(sentence.norms, sentence.starts, strict=True)
        if not any(a <= start < b for a, b in spans)
        and not text[start].isupper()
        and norm not in speaker
        and norm not in verbs
        and start < described
    ]
    frame = content_words(own)
    if len(frame) < _MIN_FRAME_WORDS:
        return False
    if sum(w in pool for w in frame) < FRAME_SUPPORT * len(frame):
        return False
    # the words that lead into the quotation, from the last break before it, must be the
    # source's too: "He refused to answer questions, saying it had been dealt with '…'"
    # adds the quotation in a clause of its own
    lead = text[sentence.start : quote.start]
    cut = max(lead.rfind(mark) for mark in ",;:(\u2014") + 1
    lead_words = {
        norm
        for norm, start in zip(sentence.norms, sentence.starts, strict=True)
        if sentence.start + cut <= start < quote.start
        and not any(a <= start < b for a, b in spans)
        and not text[start].isupper()
        and norm not in speaker
        and norm not in verbs
    }
    return all(w in pool for w in content_words(sorted(lead_words)))


def _apposition(
    text: str, sentence: Sentence, speaker: set[str], spans: list[tuple[int, int]]
) -> int:
    """Where the speaker's description set off after their name begins ("…," said Serge
    Troeber, deputy head of the disasters department."): the attribution's words, not
    the reporter's story. The sentence's end when there is none, or a quotation follows."""
    for norm, end in zip(sentence.norms, sentence.ends, strict=True):
        if norm in speaker and text[end : end + 1] == "," and not any(a > end for a, _ in spans):
            return end
    return sentence.end
