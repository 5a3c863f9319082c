"""From an alignment to the report: the checks in order, the labels, coverage, verdict.

`build_report` is the one-source report; `retold/several.py` builds the report of a
rewrite against several sources from the same pieces.
"""

from __future__ import annotations

from collections.abc import Sequence

from retold.align.coverage import coverage, omissions, verdict
from retold.align.sentences import Alignment, SentenceMatch
from retold.checks.additions import CLAIM_NOTE, classify_new
from retold.checks.facts import Facts, find_changes
from retold.checks.quotes import check_quotes
from retold.checks.records import ChangeReport, QuoteReport
from retold.report import (
    ArticleInfo,
    PassageReport,
    Report,
    SentenceReport,
    SourceSentence,
)
from retold.text.document import Document

ALIGNED = ("verbatim", "paraphrase")
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}
QUIET = ("verified", "unsourced")  # quote statuses that do not make a sentence altered


def info(doc: Document, *, with_sentences: bool) -> ArticleInfo:
    article = doc.article
    sentences = (
        tuple(SourceSentence(s.index, s.start, s.end, s.text) for s in doc.sentences)
        if with_sentences
        else ()
    )
    meta = {k: v for k, v in article.meta().items() if k not in ("id", "title")}
    return ArticleInfo(article.id, article.title, doc.body_words(), sentences, meta)


def added_notes(facts: Facts) -> dict[int, str]:
    """Aligned sentences that add values the source lacks: claims to check, not changes."""
    values: dict[int, list[str]] = {}
    for added in facts.added:
        values.setdefault(added.sentence, []).append(f"“{added.text}”")
    return {k: "adds claims to check: " + ", ".join(v[:4]) for k, v in values.items()}


def own_reporting(sentences: Sequence[SentenceReport], quotes: Sequence[QuoteReport]) -> float:
    """Share of the rewrite's body words in new sentences that report on their own:
    claims to check (facts the source lacks) or quotations from other reporting."""
    quoted = {q.sentence for q in quotes if q.status in ("unsourced", "invented")}
    body = [s for s in sentences if s.label != "boilerplate"]
    total = sum(len(s.text.split()) for s in body)
    own = sum(
        len(s.text.split())
        for s in body
        if s.label == "new" and (s.note.startswith(CLAIM_NOTE) or s.index in quoted)
    )
    return own / total if total else 0.0


def sentence_reports(
    derived: Document,
    matches: Sequence[SentenceMatch],
    sources: Sequence[Document],
    changes: Sequence[ChangeReport],
    quotes: Sequence[QuoteReport],
    added: dict[int, str],
) -> tuple[SentenceReport, ...]:
    """Every derived sentence with its label (altered when a check flags it) and note."""
    flagged = {c.sentence for c in changes} | {q.sentence for q in quotes if q.status not in QUIET}
    reports = []
    for m in matches:
        sentence = derived.sentences[m.sentence]
        label = "altered" if m.sentence in flagged and m.label in ALIGNED else m.label
        if m.label == "new":
            note = classify_new(sentence, derived, sources)[1]
        else:
            note = added.get(m.sentence, "")
        reports.append(
            SentenceReport(
                index=m.sentence,
                start=sentence.start,
                end=sentence.end,
                text=sentence.text,
                label=label,
                source_sentences=m.source_sentences,
                similarity=m.similarity,
                note=note,
            )
        )
    return tuple(reports)


def passages_of(alignment: Alignment, source: int = 0) -> tuple[PassageReport, ...]:
    return tuple(
        PassageReport(p.source_start, p.source_end, p.derived_start, p.derived_end, p.kind, source)
        for p in alignment.passages
    )


def by_severity(changes: Sequence[ChangeReport]) -> tuple[ChangeReport, ...]:
    """Most severe first, then in the order of the rewrite."""
    return tuple(
        sorted(changes, key=lambda c: (SEVERITY_RANK[c.severity], c.sentence, c.derived_start))
    )


def build_report(alignment: Alignment) -> Report:
    """Turn an alignment into the report (coverage, verdict, omissions)."""
    derived = alignment.derived
    facts = find_changes(alignment)
    quotes = check_quotes(alignment)
    sentences = sentence_reports(
        derived, alignment.matches, [alignment.source], facts.changes, quotes, added_notes(facts)
    )
    cov = coverage(alignment)
    return Report(
        source=info(alignment.source, with_sentences=True),
        derived=info(derived, with_sentences=False),
        verdict=verdict(cov, alignment, own_reporting(sentences, quotes)),
        coverage=cov,
        sentences=sentences,
        quotes=quotes,
        changes=by_severity(facts.changes),
        omissions=omissions(alignment),
        passages=passages_of(alignment),
        notes=(facts.skipped,) if facts.skipped else (),
    )
