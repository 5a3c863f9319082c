"""compare(source, derived) -> Report: the steps in order, nothing else."""

from __future__ import annotations

from retold.align.coverage import coverage, omissions, verdict
from retold.align.sentences import Alignment, align
from retold.checks.additions import CLAIM_NOTE, classify_new
from retold.checks.facts import Facts, find_changes
from retold.checks.quotes import check_quotes
from retold.collector import fewer_collections
from retold.report import (
    ArticleInfo,
    PassageReport,
    QuoteReport,
    Report,
    SentenceReport,
    SourceSentence,
)
from retold.text.article import Article
from retold.text.document import Document, analyze
from retold.text.load import article_from_text


def _as_article(value: Article | str, default_id: str) -> Article:
    return value if isinstance(value, Article) else article_from_text(value, id=default_id)


def _info(doc: Document, *, with_sentences: bool) -> ArticleInfo:
    article = doc.article
    sentences = (
        tuple(SourceSentence(s.index, s.start, s.end, s.text) for s in doc.sentences)
        if with_sentences
        else ()
    )
    meta = {k: v for k, v in article.meta().items() if k not in ("id", "title")}
    return ArticleInfo(article.id, article.title, doc.body_words(), sentences, meta)


ALIGNED = ("verbatim", "paraphrase")


def _note(alignment: Alignment, index: int) -> str:
    _, reason = classify_new(
        alignment.derived.sentences[index], alignment.derived, alignment.source
    )
    return reason


def _added_notes(facts: Facts) -> dict[int, str]:
    """Aligned sentences that add values the source lacks: claims to check, not changes."""
    values: dict[int, list[str]] = {}
    for added in facts.added:
        values.setdefault(added.sentence, []).append(f"“{added.text}”")
    return {k: "adds claims to check: " + ", ".join(v[:4]) for k, v in values.items()}


def _own_reporting(sentences: tuple[SentenceReport, ...], quotes: tuple[QuoteReport, ...]) -> float:
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


def build_report(alignment: Alignment) -> Report:
    """Turn an alignment into the report (coverage, verdict, omissions)."""
    derived = alignment.derived
    facts = find_changes(alignment)
    changes = facts.changes
    quotes = check_quotes(alignment)
    added = _added_notes(facts)
    flagged = {c.sentence for c in changes} | {
        q.sentence for q in quotes if q.status not in ("verified", "unsourced")
    }
    sentences = tuple(
        SentenceReport(
            index=m.sentence,
            start=derived.sentences[m.sentence].start,
            end=derived.sentences[m.sentence].end,
            text=derived.sentences[m.sentence].text,
            label="altered" if m.sentence in flagged and m.label in ALIGNED else m.label,
            source_sentences=m.source_sentences,
            similarity=m.similarity,
            note=_note(alignment, m.sentence) if m.label == "new" else added.get(m.sentence, ""),
        )
        for m in alignment.matches
    )
    cov = coverage(alignment)
    return Report(
        source=_info(alignment.source, with_sentences=True),
        derived=_info(derived, with_sentences=False),
        verdict=verdict(cov, alignment, _own_reporting(sentences, quotes)),
        coverage=cov,
        sentences=sentences,
        quotes=quotes,
        changes=changes,
        omissions=omissions(alignment),
        passages=tuple(
            PassageReport(p.source_start, p.source_end, p.derived_start, p.derived_end, p.kind)
            for p in alignment.passages
        ),
    )


def compare(source: Article | str, derived: Article | str) -> Report:
    """How `derived` relates to `source`: labels, quotes, changes, omissions, verdict.

    Either argument may be an Article or plain text (a first line set off by a blank
    line is read as the title).
    """
    with fewer_collections():
        src = analyze(_as_article(source, "source"))
        der = analyze(_as_article(derived, "derived"))
        return build_report(align(src, der))
