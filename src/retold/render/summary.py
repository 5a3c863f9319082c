"""Plain-language lines shared by the text, Markdown and HTML views."""

from __future__ import annotations

from retold.report import Report

LABEL_HELP = {
    "verbatim": "copied word for word",
    "paraphrase": "same content, reworded",
    "altered": "from the source, but a fact or quote changed",
    "new": "not in the source",
    "boilerplate": "page furniture",
}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


QUOTE_SEVERITY = {
    "invented": "high",
    "misattributed": "high",
    "altered": "high",
    "promoted-paraphrase": "medium",
}


def distortions(report: Report) -> list[tuple[str, int, str]]:
    """(severity, derived sentence, one line) for every flag, most severe first."""
    rows: list[tuple[str, int, str]] = []
    for q in report.quotes:
        if q.status in QUOTE_SEVERITY:
            who = f" ({q.speaker})" if q.speaker else ""
            why = f": {q.explanation}" if q.explanation else ""
            rows.append((QUOTE_SEVERITY[q.status], q.sentence, f"quote {q.status}{who}{why}"))
    for c in report.changes:
        rows.append((c.severity, c.sentence, c.explanation))
    return sorted(rows, key=lambda r: (SEVERITY_ORDER.get(r[0], 3), r[1]))


def headline(report: Report) -> str:
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


def title_of(info_title: str, info_id: str, fallback: str) -> str:
    return info_title or info_id or fallback
