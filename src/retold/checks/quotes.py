"""Quote verification: is each quotation in the rewrite really in the source?

For every quotation of the derived text (`extract_quotes`), its words are looked up
in the source text, word by word (case, edge punctuation and typographic marks do not
count; an ellipsis or a "[bracketed]" insertion stands for words left out):

- *verified*: the same words sit inside the source's quotation marks, from the same
  speaker (a quotation may be a contiguous part of a longer source quotation);
- *misattributed*: they do, but the source gives them to someone else;
- *altered*: a source quotation with words changed (a word-level diff explains it);
- *promoted-paraphrase*: the words are the reporter's in the source (paraphrase, or
  only partly inside quotation marks) and the rewrite quotes them as said verbatim;
- *invented*: no support in the source.

Scare quotes (1-3 words) are verified when their words occur in the source at all,
and reported as invented only when they look like a claim (a number, a first-person
word, an attributed speaker).
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import regex
from rapidfuzz.distance import Indel, Levenshtein

from retold.align.sentences import Alignment
from retold.checks.quote_extract import Quotation, extract_quotes
from retold.checks.records import QuoteReport
from retold.checks.speakers import same_speaker
from retold.text.document import Document
from retold.text.tokens import normalize, tokenize, word_norms

__all__ = ["Quotation", "check_quotes", "extract_quotes", "same_speaker"]

REPEAT_SIMILARITY = 0.85  # word-level similarity of two quotations that repeat each other
REPEAT_MIN_WORDS = 4
ALTERED_SIMILARITY = 0.6  # word-level similarity of a changed quotation to its source
MAX_ELLIPSIS_GAP = 80  # words an ellipsis may stand for
MAX_BRACKET_GAP = 8  # words a "[bracketed]" insertion may stand for
_GAP = regex.compile(r"\.\.\.+|\u2026|\[[^\]]{0,80}\]")
_FIRST_PERSON = frozenset({"i", "we", "my", "our", "me", "us", "i'm", "we're", "i've", "we've"})


@dataclass(frozen=True)
class _Source:
    """The source as one word sequence, each word with the quotation it sits in.

    Tuples, not lists: it is cached, and the collector stops tracking a tuple of
    strings or numbers after one look, where it would walk a list on every pass."""

    doc: Document
    norms: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    quote_of: tuple[int | None, ...]  # index into `quotes`, None for the reporter's words
    quotes: tuple[Quotation, ...]
    positions: dict[str, tuple[int, ...]]
    quoted: tuple[int, ...]  # positions of the words inside quotation marks, in order
    quoted_norms: tuple[str, ...]  # the words at those positions
    quoted_positions: dict[str, tuple[int, ...]]  # word -> indexes into `quoted`

    def surface(self, i: int) -> str:
        """Word i as written."""
        return self.doc.text[self.starts[i] : self.ends[i]]


@lru_cache(maxsize=64)
def _source(doc: Document) -> _Source:
    quotes = extract_quotes(doc)
    sentences = doc.sentences  # already analysed: the words are there
    norms = tuple(chain.from_iterable(s.norms for s in sentences))
    starts = tuple(chain.from_iterable(s.starts for s in sentences))
    ends = tuple(chain.from_iterable(s.ends for s in sentences))
    quote_of: list[int | None] = [None] * len(starts)
    for q in reversed(range(len(quotes))):  # a word inside a quotation belongs to it
        quote = quotes[q]  # (to the first one, should two overlap)
        first, stop = bisect_left(starts, quote.start), bisect_left(starts, quote.end)
        quote_of[first:stop] = [q] * (stop - first)
    quoted = tuple(i for i, q in enumerate(quote_of) if q is not None)
    quoted_norms = tuple(norms[i] for i in quoted)
    return _Source(
        doc,
        norms,
        starts,
        ends,
        tuple(quote_of),
        quotes,
        _positions(norms),
        quoted,
        quoted_norms,
        _positions(quoted_norms),
    )


def _positions(words: Sequence[str]) -> dict[str, tuple[int, ...]]:
    """Word -> where it occurs, in ascending order (one pass: sorting strings is slower)."""
    found: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        at = found.get(word)
        if at is None:
            found[word] = [i]
        else:
            at.append(i)
    return {word: tuple(at) for word, at in found.items()}


def _segments(text: str) -> list[tuple[list[str], int]]:
    """The quotation's words split at ellipses and brackets: (norms, gap allowed after)."""
    plain = normalize(text).text
    result: list[tuple[list[str], int]] = []
    pos = 0
    for m in _GAP.finditer(plain):
        words = word_norms(plain, pos, m.start())
        gap = MAX_BRACKET_GAP if m.group().startswith("[") else MAX_ELLIPSIS_GAP
        if words:
            result.append((words, gap))
        elif result:
            result[-1] = (result[-1][0], max(result[-1][1], gap))
        pos = m.end()
    words = word_norms(plain, pos)
    if words:
        result.append((words, 0))
    return result


def _find_exact(src: _Source, segments: list[tuple[list[str], int]]) -> list[int] | None:
    """Source word positions of the quotation's words, in order; prefer quoted ones."""
    if not segments:
        return None
    best: list[int] | None = None
    best_quoted = -1
    first = tuple(segments[0][0])
    # the run is looked for where its rarest word occurs (the same starts, in the same
    # order, as trying every occurrence of its first word: far fewer of them)
    offset = min(range(len(first)), key=lambda k: len(src.positions.get(first[k], ())))
    for p in src.positions.get(first[offset], ()):
        p -= offset
        if p < 0 or src.norms[p : p + len(first)] != first:
            continue
        matched = list(range(p, p + len(first)))
        ok = True
        for (words, _), (_, gap) in zip(segments[1:], segments, strict=False):
            nxt = _next_run(src, words, matched[-1] + 1, gap)
            if nxt is None:
                ok = False
                break
            matched.extend(range(nxt, nxt + len(words)))
        if not ok:
            continue
        quoted = sum(src.quote_of[i] is not None for i in matched)
        if quoted > best_quoted:
            best, best_quoted = matched, quoted
            if quoted == len(matched):
                break
    return best


def _next_run(src: _Source, words: list[str], lo: int, gap: int) -> int | None:
    wanted = tuple(words)
    at = src.positions.get(words[0], ())
    for k in range(bisect_left(at, lo), len(at)):
        p = at[k]
        if p > lo + gap:
            break
        if src.norms[p : p + len(words)] == wanted:
            return p
    return None


def _find_fuzzy(
    norms: Sequence[str], positions: dict[str, tuple[int, ...]], words: list[str]
) -> tuple[float, int, int]:
    """The window of `norms` most like `words`: (similarity, start, end)."""
    n = len(words)
    guesses: set[int] = set()
    for i, w in enumerate(words):
        if len(w) < 4 and not w[:1].isdigit():
            continue
        for p in positions.get(w, ())[:20]:
            guesses.add(max(0, p - i))
    best = (0.0, 0, 0)
    for g in sorted(guesses)[:200]:
        base = max(0, g - 3)
        window = norms[base : g + n + 3]
        blocks = [op for op in Indel.opcodes(words, window) if op.tag == "equal"]
        if not blocks:
            continue
        lo = base + blocks[0].dest_start
        hi = base + blocks[-1].dest_end
        score = Indel.normalized_similarity(words, norms[lo:hi])
        if score > best[0]:
            best = (score, lo, hi)
    return best


def _diff(source_words: list[str], derived_words: list[str]) -> str:
    """A word-level diff a reader understands: `"40,000" → "60,000"`, `dropped "x"`."""
    a = [w.casefold().strip(".,;:!?") for w in source_words]
    b = [w.casefold().strip(".,;:!?") for w in derived_words]
    parts: list[str] = []
    for op in Levenshtein.opcodes(a, b):
        old = " ".join(source_words[op.src_start : op.src_end])
        new = " ".join(derived_words[op.dest_start : op.dest_end])
        if op.tag == "replace":
            parts.append(f'"{old}" → "{new}"')
        elif op.tag == "delete":
            parts.append(f'dropped "{old}"')
        elif op.tag == "insert":
            parts.append(f'added "{new}"')
    return "; ".join(parts)


def _source_speaker(src: _Source, positions: Sequence[int]) -> str | None:
    for i in positions:
        q = src.quote_of[i]
        if q is not None and src.quotes[q].speaker:
            return src.quotes[q].speaker
    return None


def _reporter_runs(src: _Source, positions: Sequence[int]) -> list[str]:
    """The stretches of `positions` that are the reporter's words (outside quote marks)."""
    runs: list[list[int]] = []
    for i in positions:
        if src.quote_of[i] is None:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    return [" ".join(map(src.surface, run)) for run in runs]


def _span_text(src: _Source, lo: int, hi: int) -> str:
    return src.doc.text[src.starts[lo] : src.ends[hi - 1]]


def _conflict(quote: Quotation, source_speaker: str | None) -> bool:
    """Do the rewrite and the source name different speakers? Only a speaker the rewrite
    names at the quotation (or at an earlier part of it) can conflict: a "he said" read
    back to a name is a guess, and "a spokesman" or "the supporters club" is no name."""
    if not quote.speaker or not source_speaker:
        return False
    if quote.resolution != "named":
        return False
    if not (quote.speaker[:1].isupper() and source_speaker[:1].isupper()):
        return False
    return not same_speaker(quote.speaker, source_speaker)


def _looks_like_claim(quote: Quotation, words: list[str]) -> bool:
    return (
        any(w[:1].isdigit() for w in words)
        or any(w in _FIRST_PERSON for w in words)
        or (quote.speaker is not None and quote.resolution == "named")
    )


def _verify(
    quote: Quotation, src: _Source, alignment: Alignment
) -> tuple[str, str | None, str | None, str]:
    """(status, source_text, source_speaker, explanation) for one derived quotation."""
    segments = _segments(quote.text)
    words = [w for seg, _ in segments for w in seg]
    if not words:
        return "verified", None, None, ""
    exact = _find_exact(src, segments)
    if exact is not None:
        text = _span_text(src, exact[0], exact[-1] + 1)
        speaker = _source_speaker(src, exact)
        reporter = _reporter_runs(src, exact)
        if quote.kind == "scare":
            return "verified", text, speaker, ""
        if reporter:
            shown = ", ".join(f'"{r}"' for r in reporter)
            return (
                "promoted-paraphrase",
                text,
                speaker,
                "In the source only part of these words is inside quotation marks: "
                f"{shown} {'is' if len(reporter) == 1 else 'are'} the reporter's own "
                "wording. The rewrite presents it all as a direct quotation.",
            )
        return _verified_or_misattributed(quote, text, speaker)
    if quote.kind == "scare":
        if _looks_like_claim(quote, words):
            return "invented", None, None, "These quoted words do not occur in the source."
        return "verified", None, None, "Scare quote (emphasis, not a quotation): not in the source."
    # first against the source's quoted words only (a quotation broken by its
    # attribution is compared without the "he said" in between), then the whole text
    score, lo, hi = _find_fuzzy(src.quoted_norms, src.quoted_positions, words)
    if score >= ALTERED_SIMILARITY:
        return _changed(quote, src, src.quoted[lo:hi])
    score, lo, hi = _find_fuzzy(src.norms, src.positions, words)
    if score >= ALTERED_SIMILARITY:
        return _changed(quote, src, list(range(lo, hi)))
    return _paraphrased_or_invented(quote, words, alignment)


def _verified_or_misattributed(
    quote: Quotation, text: str, speaker: str | None
) -> tuple[str, str, str | None, str]:
    """The source has these very words: verified, unless it gives them to someone else."""
    if _conflict(quote, speaker):
        return (
            "misattributed",
            text,
            speaker,
            f"The source quotes {speaker} saying these words, not {quote.speaker}.",
        )
    return "verified", text, speaker, ""


def _changed(
    quote: Quotation, src: _Source, positions: Sequence[int]
) -> tuple[str, str, str | None, str]:
    text = _span_text(src, positions[0], positions[-1] + 1)
    speaker = _source_speaker(src, positions)
    derived_words = [quote.text[t.start : t.end] for t in tokenize(quote.text)]
    diff = _diff(list(map(src.surface, positions)), derived_words)
    if not diff:  # the same words, split in the source by its attribution
        return _verified_or_misattributed(quote, text, speaker)
    quoted = sum(src.quote_of[i] is not None for i in positions)
    if quoted >= 0.5 * len(positions):
        note = ""
        if _conflict(quote, speaker):
            note = f" The source also gives these words to {speaker}, not {quote.speaker}."
        return "altered", text, speaker, f"Quotation changed from the source: {diff}.{note}"
    return (
        "promoted-paraphrase",
        text,
        speaker,
        "In the source these words are the reporter's, not a quotation; the rewrite "
        f"quotes them as said verbatim (and changes them: {diff}).",
    )


def _paraphrased_or_invented(
    quote: Quotation, words: list[str], alignment: Alignment
) -> tuple[str, str | None, str | None, str]:
    """Words loosely supported by the aligned source sentence are a promoted paraphrase."""
    match = alignment.matches[quote.sentence] if quote.sentence < len(alignment.matches) else None
    if match is not None and match.source_sentences:
        pool = {n for j in match.source_sentences for n in alignment.source.sentences[j].norms}
        content = [w for w in words if len(w) > 3 or w[:1].isdigit()]
        support = sum(w in pool for w in content) / len(content) if content else 0.0
        if support >= 0.6:
            text = " ".join(alignment.source.sentences[j].text for j in match.source_sentences)
            return (
                "promoted-paraphrase",
                text,
                None,
                "The source says this in the reporter's words, not as a quotation; the "
                "rewrite presents it as said verbatim.",
            )
    return "invented", None, None, "No source quotation or passage supports these words."


# at similarity >= REPEAT_SIMILARITY two quotations share at least this share of
# either one's words: 2 * LCS >= s * (a + b) and LCS <= b give LCS >= s / (2 - s) * a
# (0.739 of a at s = 0.85)
_REPEAT_SHARE = REPEAT_SIMILARITY / (2 - REPEAT_SIMILARITY) - 1e-9


def _repeats(quotes: tuple[Quotation, ...], norms: list[list[str]]) -> list[int | None]:
    """For each quotation, the first earlier one it repeats almost word for word.

    Prefix filtering, as similarity joins do: with the words of every quotation ordered
    the same way (rarest first), two quotations sharing at least `_REPEAT_SHARE` of
    each one's words must share a word among the first few of each. Only quotations
    sharing such a word are compared, in order, so the answer is the one a comparison
    with every earlier quotation gives, at about the cost of one pass."""
    counts: dict[str, int] = {}
    for words in norms:
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    postings: dict[tuple[str, int], list[int]] = {}
    found: list[int | None] = []
    for i, words in enumerate(norms):
        if len(words) < REPEAT_MIN_WORDS:
            found.append(None)
            continue
        seen: dict[str, int] = {}
        tokens = []
        for w in words:  # the k-th "the" is its own token: words counted with repeats
            seen[w] = seen.get(w, 0) + 1
            tokens.append((counts[w], w, seen[w]))
        tokens.sort()
        need = math.floor(_REPEAT_SHARE * len(words))
        prefix = [(w, k) for _, w, k in tokens[: len(words) - need + 1]]
        found.append(_first_repeat(quotes[i], words, norms, prefix, postings))
        for token in prefix:
            postings.setdefault(token, []).append(i)
    return found


def _first_repeat(
    quote: Quotation,
    words: list[str],
    norms: list[list[str]],
    prefix: list[tuple[str, int]],
    postings: dict[tuple[str, int], list[int]],
) -> int | None:
    last = -1
    for j in heapq.merge(*(postings.get(token, []) for token in prefix)):
        if j == last or quote.continues == j:
            continue
        last = j
        if Indel.normalized_similarity(words, norms[j]) >= REPEAT_SIMILARITY:
            return j
    return None


def check_quotes(alignment: Alignment) -> tuple[QuoteReport, ...]:
    """Every quotation of the derived text, checked against the source."""
    quotes = extract_quotes(alignment.derived)
    if not quotes:
        return ()
    src = _source(alignment.source)
    repeats = _repeats(quotes, [word_norms(q.text) for q in quotes])
    reports: list[QuoteReport] = []
    for i, quote in enumerate(quotes):
        status, source_text, source_speaker, explanation = _verify(quote, src, alignment)
        repeat = repeats[i]
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
            )
        )
    return tuple(reports)
