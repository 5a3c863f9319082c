"""A trace in every `compare` format: the candidate table, then the compare report(s).

JSON is the `retold.trace/1` contract; text, Markdown and HTML put a candidate table
before the report rendered by `retold.render.render`. Article text and titles are
escaped in Markdown and HTML.
"""

from __future__ import annotations

import html
import json

from retold.corpus.trace import Candidate, Trace
from retold.render import render
from retold.render.markdown import md_cell


def _pct(value: float) -> str:
    return f"{round(100 * value)}%"


def _rows(trace: Trace) -> list[tuple[str, ...]]:
    return [
        (
            str(rank),
            c.id,
            c.title,
            c.date,
            c.publisher,
            _pct(c.share_of_article),
            _pct(c.share_of_candidate),
            c.direction or "",
        )
        for rank, c in enumerate(trace.candidates, 1)
    ]


HEADER = ("#", "id", "title", "date", "publisher", "of article", "of candidate", "direction")


def _headline(trace: Trace) -> str:
    name = trace.article.title or trace.article.id or "the article"
    if not trace.candidates:
        return f"no candidate source for {name} in the corpus"
    best: Candidate = trace.candidates[0]
    return (
        f"{name}: best candidate {best.id} covers {_pct(best.share_of_article)} of the article "
        f"({_pct(best.share_of_candidate)} of itself)"
    )


def render_trace(trace: Trace, fmt: str, *, color: bool = False, width: int = 100) -> str:
    """The trace in one of retold.render.FORMATS."""
    if fmt == "json":
        return json.dumps(trace.to_dict(), ensure_ascii=False, indent=2) + "\n"
    reports = [render(r, fmt, color=color, width=width) for r in trace.reports]
    if fmt == "markdown":
        lines = [f"# retold trace: {md_cell(_headline(trace))}", ""]
        lines.append("| " + " | ".join(HEADER) + " |")
        lines.append("|---:|---|---|---|---|---:|---:|---|")
        lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in _rows(trace)]
        return "\n".join(lines) + "\n\n" + "\n".join(reports)
    if fmt == "html":
        return _html(trace, reports)
    return _text(trace, width) + "\n" + "\n".join(reports)


def _text(trace: Trace, width: int) -> str:
    lines = [_headline(trace), ""]
    if trace.candidates:
        lines.append(f"{'#':>2}  {'of art.':>7}  {'of cand.':>8}  {'direction':<18}  id / title")
    for rank, c in enumerate(trace.candidates, 1):
        name = f"{c.id}  {c.title}".strip()
        extra = " ".join(v for v in (c.date, c.publisher) if v)
        line = (
            f"{rank:>2}  {_pct(c.share_of_article):>7}  {_pct(c.share_of_candidate):>8}  "
            f"{c.direction or '-':<18}  {name}"
        )
        lines.append(line[:width] + (f"\n{'':>41}{extra}" if extra else ""))
    return "\n".join(lines) + "\n"


def _html(trace: Trace, reports: list[str]) -> str:
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>"
        for row in _rows(trace)
    )
    head = "".join(f"<th>{html.escape(h)}</th>" for h in HEADER)
    table = (
        f'<section class="trace"><h1>{html.escape(_headline(trace))}</h1>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table></section>"
    )
    if not reports:
        return f"<!doctype html><html><head><meta charset='utf-8'><title>retold trace</title></head><body>{table}</body></html>\n"
    page = reports[0]
    extra = "".join(_body(r) for r in reports[1:])
    start = page.find("<body")
    start = page.find(">", start) + 1 if start != -1 else 0
    end = page.rfind("</body>")
    end = end if end != -1 else len(page)
    return page[:start] + table + page[start:end] + extra + page[end:]


def _body(page: str) -> str:
    start = page.find("<body")
    start = page.find(">", start) + 1 if start != -1 else 0
    end = page.rfind("</body>")
    return page[start : end if end != -1 else len(page)]
