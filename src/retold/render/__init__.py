"""Renderers: the report as terminal text, JSON, Markdown or HTML. Each reads only a Report."""

from __future__ import annotations

import json

from retold.report import Report

FORMATS = ("text", "json", "markdown", "html")


def render(report: Report, fmt: str, *, color: bool = False, width: int = 100) -> str:
    """The report in one of FORMATS."""
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        from retold.render.markdown import render_markdown

        return str(render_markdown(report))
    if fmt == "html":
        from retold.render.html import render_html

        return str(render_html(report))
    if fmt == "text":
        from retold.render.text import render_text

        return render_text(report, color=color, width=width)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
