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


def headline(report: Report) -> str:
    cov = report.coverage
    return (
        f"{report.verdict}: {cov.derived:.0%} of the rewrite comes from the source; "
        f"it uses {cov.source:.0%} of the source"
    )


def label_line(report: Report) -> str:
    counts = report.label_counts()
    return ", ".join(f"{n} {label}" for label, n in counts.items() if n)


def source_text(report: Report, indices: tuple[int, ...]) -> str:
    by_index = {s.index: s.text for s in report.source.sentences}
    return " ".join(by_index.get(i, "") for i in indices)


def title_of(info_title: str, info_id: str, fallback: str) -> str:
    return info_title or info_id or fallback
