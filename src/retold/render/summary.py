"""Plain-language lines shared by the text, Markdown and HTML views."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retold.checks.records import QuoteReport
from retold.report import Report

LABEL_HELP = {
    "verbatim": "copied word for word",
    "paraphrase": "same content, reworded",
    "altered": "from the source, but a fact or quote changed",
    "new": "not in the source",
    "boilerplate": "page furniture",
}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}

# Used when a quote record carries no severity of its own (reports written before it had one).
QUOTE_SEVERITY = {
    "invented": "medium",
    "misattributed": "high",
    "altered": "high",
    "promoted-paraphrase": "medium",
    "unsourced": "low",
}
# Statuses that are not distortions: the words check out, or come from other reporting.
NOT_DISTORTIONS = frozenset({"verified", "unsourced"})


@dataclass(frozen=True)
class Flag:
    """One thing the rewrite changed: a changed fact or a quote that does not check out."""

    severity: str
    sentence: int  # derived sentence index
    what: str  # "number", "quote altered", …
    line: str  # one line saying what and why
    record: str  # "change" | "quote"
    index: int  # position in report.changes / report.quotes


def quote_severity(quote: QuoteReport) -> str:
    """The quote's own severity when the record has one, else the default for its status."""
    own = getattr(quote, "severity", None)
    if isinstance(own, str) and own:
        return own
    return QUOTE_SEVERITY.get(quote.status, "low")


def _quote_line(q: QuoteReport) -> str:
    who = f" ({q.speaker})" if q.speaker else ""
    why = f": {q.explanation}" if q.explanation else ""
    return f"quote {q.status}{who}{why}"


def flags(report: Report) -> list[Flag]:
    """Every changed fact and every distorted quote, most severe first, then in text order."""
    rows = [
        Flag(quote_severity(q), q.sentence, f"quote {q.status}", _quote_line(q), "quote", i)
        for i, q in enumerate(report.quotes)
        if q.status not in NOT_DISTORTIONS
    ]
    rows += [
        Flag(c.severity, c.sentence, c.kind.replace("-", " "), c.explanation, "change", i)
        for i, c in enumerate(report.changes)
    ]
    return sorted(rows, key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.sentence))


def distortions(report: Report) -> list[tuple[str, int, str]]:
    """(severity, derived sentence, one line) for every flag, most severe first."""
    return [(f.severity, f.sentence, f.line) for f in flags(report)]


def unsourced_quotes(report: Report) -> list[QuoteReport]:
    """Quotations the rewrite brings from other reporting: to check elsewhere, not distortions."""
    return [q for q in report.quotes if q.status == "unsourced"]


def counts_line(report: Report) -> str:
    """'6 changed facts; 1 of 3 quotes verified' (and how many come from other reporting)."""
    verified = sum(1 for q in report.quotes if q.status == "verified")
    line = (
        f"{len(report.changes)} changed facts; {verified} of {len(report.quotes)} quotes verified"
    )
    elsewhere = len(unsourced_quotes(report))
    return line + (f" ({elsewhere} from other reporting)" if elsewhere else "")


def headline(report: Report) -> str:
    """The verdict and coverage in a line, and what the report did not check."""
    notes = "".join(f"; not checked: {note}" for note in report.notes)
    return _coverage_line(report) + notes


def _coverage_line(report: Report) -> str:
    cov = report.coverage
    if report.sources:
        each = ", ".join(
            f"{c.derived:.0%} from source {k + 1}" for k, c in enumerate(report.coverage_by_source)
        )
        return (
            f"{report.verdict}: {cov.derived:.0%} of the rewrite comes from its "
            f"{len(report.sources)} sources ({each}); it uses {cov.source:.0%} of them"
        )
    return (
        f"{report.verdict}: {cov.derived:.0%} of the rewrite comes from the source; "
        f"it uses {cov.source:.0%} of the source"
    )


def label_line(report: Report) -> str:
    counts = report.label_counts()
    return ", ".join(f"{n} {label}" for label, n in counts.items() if n)


def source_text(report: Report, indices: tuple[int, ...], source: int = 0) -> str:
    """The text of source sentences (of source number `source` when there are several)."""
    info = report.sources[source] if report.sources else report.source
    by_index = {s.index: s.text for s in info.sentences}
    return " ".join(by_index.get(i, "") for i in indices)


def source_ref(report: Report, indices: tuple[int, ...], source: int = 0) -> str:
    """ "3,4", or "2:3,4" (source 2, sentences 3 and 4) when there are several sources."""
    refs = ",".join(str(i) for i in indices)
    return f"{source + 1}:{refs}" if report.sources else refs


def source_lines(report: Report) -> list[tuple[str, str, int]]:
    """(label, title, words) of each source: "source", or "source 1", "source 2", …"""
    infos = report.sources or (report.source,)
    return [
        (
            f"source {k + 1}" if report.sources else "source",
            title_of(info.title, info.id, f"source {k + 1}"),
            info.words,
        )
        for k, info in enumerate(infos)
    ]


def note_kind(note: str) -> str:
    """'commentary' or 'claim' for a sentence note (new sentences, added values), else ''."""
    if note.startswith("commentary"):
        return "commentary"
    return "claim" if "claim" in note else ("note" if note else "")


def title_of(info_title: str, info_id: str, fallback: str) -> str:
    """The article's title; else its file name (never the local path), a URL, or `fallback`.

    A report is shared: a path like /home/me/cases/tip.txt names a person and a case.
    """
    if info_title.strip():
        return info_title.strip()
    if re.match(r"https?://", info_id, re.IGNORECASE):
        return info_id
    name = re.split(r"[\\/]", info_id.rstrip("\\/"))[-1].strip()
    return name or fallback
