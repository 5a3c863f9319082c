"""Self-contained HTML page: the rewrite beside its source, every span escaped.

Article text is untrusted: jinja2 autoescaping is on, and the page loads nothing
from outside (inline CSS, no scripts), so a `<script>` in an article is shown, not run.
"""

from __future__ import annotations

from functools import lru_cache

import jinja2

from retold.render.summary import LABEL_HELP, headline, label_line, title_of
from retold.report import Report


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("retold", "render/templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(report: Report) -> str:
    used_by: dict[int, list[int]] = {}
    for s in report.sentences:
        for j in s.source_sentences:
            used_by.setdefault(j, []).append(s.index)
    omitted = {o.source_sentence: o for o in report.omissions}
    return (
        _environment()
        .get_template("report.html")
        .render(
            report=report,
            source_title=title_of(report.source.title, report.source.id, "source"),
            derived_title=title_of(report.derived.title, report.derived.id, "derived"),
            headline=headline(report),
            label_line=label_line(report),
            label_help=LABEL_HELP,
            used_by=used_by,
            omitted=omitted,
            changes_by_sentence=_group(report),
        )
    )


def _group(report: Report) -> dict[int, list[object]]:
    grouped: dict[int, list[object]] = {}
    for change in report.changes:
        grouped.setdefault(change.sentence, []).append(change)
    for quote in report.quotes:
        if quote.status != "verified":
            grouped.setdefault(quote.sentence, []).append(quote)
    return grouped
