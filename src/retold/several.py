"""A rewrite stitched from several sources: one report against all of them.

Each derived sentence is aligned with every source and given to the one it comes from
best (verbatim before paraphrase, then the higher similarity; the first source wins a
tie). Each source is then checked against the sentences given to it alone, as if the
others were new text: its changes, quotes and omissions are that source's. A quotation
verified by any source is verified; otherwise it takes the status its own sentence's
source gives it. Coverage is reported for each source and for all of them together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from retold.align.coverage import Coverage, coverage, omissions, shared_phrasing, verdict
from retold.align.sentences import Alignment, SentenceMatch
from retold.build import (
    added_notes,
    by_severity,
    info,
    own_reporting,
    passages_of,
    sentence_reports,
)
from retold.checks.facts import find_changes
from retold.checks.quotes import check_quotes
from retold.checks.records import QuoteReport
from retold.report import Report

RANK = {"verbatim": 0, "paraphrase": 1}


def _owner(matches: Sequence[SentenceMatch]) -> int:
    """Which source a derived sentence comes from: the best of its matches."""
    return min(
        range(len(matches)),
        key=lambda k: (RANK.get(matches[k].label, 2), -matches[k].similarity, k),
    )


def _masked(alignment: Alignment, owners: list[int], k: int) -> Alignment:
    """The alignment with source k, its other sources' sentences made new."""
    matches = tuple(
        m
        if owners[m.sentence] == k or m.label == "boilerplate"
        else SentenceMatch(m.sentence, "new", (), 0.0, 0.0, 0.0, 0.0)
        for m in alignment.matches
    )
    sentences = alignment.derived.sentences
    kept = {
        (sentences[m.sentence].start, sentences[m.sentence].end)
        for m in matches
        if m.source_sentences
    }
    passages = tuple(
        p for p in alignment.passages if any(a <= p.derived_start < b for a, b in kept)
    )
    return Alignment(alignment.source, alignment.derived, matches, passages)


def _quotes(
    per_source: list[tuple[QuoteReport, ...]], owners: list[int]
) -> tuple[QuoteReport, ...]:
    """Each quotation once: verified by any source, else as its sentence's source has it."""
    merged = []
    for i, first in enumerate(per_source[0]):
        versions = [quotes[i] for quotes in per_source]
        verified = next((k for k, q in enumerate(versions) if q.status == "verified"), None)
        k = verified if verified is not None else owners[first.sentence]
        merged.append(replace(versions[k], source=k))
    return tuple(merged)


def _coverage_all(alignments: list[Alignment], masked: list[Alignment]) -> Coverage:
    """Derived words reused from any source; source words used, over all sources."""
    per = [coverage(a) for a in masked]
    derived = round(sum(c.derived for c in per), 3)
    totals = [a.source.body_words() for a in alignments]
    used = sum(c.source * t for c, t in zip(per, totals, strict=True))
    return Coverage(
        derived=min(1.0, derived), source=round(used / sum(totals), 3) if sum(totals) else 0.0
    )


def build_several(alignments: list[Alignment]) -> Report:
    """The report of one rewrite against several sources (each alignment: one source)."""
    derived = alignments[0].derived
    owners = [_owner([a.matches[i] for a in alignments]) for i in range(len(derived.sentences))]
    masked = [_masked(a, owners, k) for k, a in enumerate(alignments)]
    changes = []
    added: dict[int, str] = {}
    notes: list[str] = []
    for k, alignment in enumerate(masked):
        facts = find_changes(alignment)
        changes += [replace(c, source=k) for c in facts.changes]
        added.update(added_notes(facts))
        if facts.skipped and facts.skipped not in notes:
            notes.append(facts.skipped)
    quotes = _quotes([check_quotes(a) for a in masked], owners)
    matches = [masked[owners[i]].matches[i] for i in range(len(derived.sentences))]
    sources = [a.source for a in alignments]
    sentences = tuple(
        replace(s, source=owners[s.index])
        for s in sentence_reports(derived, matches, sources, changes, quotes, added)
    )
    cov = _coverage_all(alignments, masked)
    return Report(
        source=info(sources[0], with_sentences=True),
        derived=info(derived, with_sentences=False),
        verdict=verdict(
            cov, max(alignments, key=shared_phrasing), own_reporting(sentences, quotes)
        ),
        coverage=cov,
        sentences=sentences,
        quotes=quotes,
        changes=by_severity(changes),
        omissions=tuple(replace(o, source=k) for k, a in enumerate(masked) for o in omissions(a)),
        passages=tuple(p for k, a in enumerate(masked) for p in passages_of(a, k)),
        sources=tuple(info(s, with_sentences=True) for s in sources),
        coverage_by_source=tuple(coverage(a) for a in masked),
        notes=tuple(notes),
    )
