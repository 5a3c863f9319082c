"""The app's own pages: the form, trace, corpus, docs and error pages (the report page
itself is `retold.render`'s). Every value is escaped by jinja2's autoescaping; the
pages run no script and load nothing but /static/retold.css.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jinja2

from retold.render.summary import distortions, headline, label_line
from retold.text.load import MAX_BYTES
from retold.web.problem import Problem

SHOWN_FLAGS = 12  # distortions listed on the trace page; the report has them all


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("retold", "web/templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pct"] = pct
    env.globals["max_bytes"] = MAX_BYTES
    return env


def pct(share: object) -> str:
    return f"{round(100 * float(str(share)))}%"


@dataclass(frozen=True)
class FormState:
    """What the user typed, given back with an error so nothing is lost."""

    source_text: str = ""
    derived_text: str = ""
    article_text: str = ""
    top: int = 5
    uploads: tuple[str, ...] = ()  # names of files that must be chosen again


def index_page(
    corpus: str | None, form: FormState = FormState(), problem: Problem | None = None
) -> str:
    return (
        environment().get_template("index.html").render(corpus=corpus, form=form, problem=problem)
    )


def message_page(problem: Problem, corpus: str | None = None) -> str:
    return environment().get_template("message.html").render(problem=problem, corpus=corpus)


# --- trace -------------------------------------------------------------------------


@dataclass(frozen=True)
class CandidateRow:
    """A candidate source in words: both shares, and which came first."""

    rank: int
    id: str
    title: str
    date: str
    publisher: str
    of_article: float
    of_candidate: float
    order: str


ORDER_WORDS = {
    "candidate->article": "it is older: likely the source",
    "article->candidate": "it is newer: it may copy your article",
    None: "no dates to compare: either may be the source",
}


def candidate_rows(trace: Any) -> tuple[list[CandidateRow], int]:
    """The candidates worth showing, and how many were left out for sharing nothing
    (0% both ways once rounded)."""
    rows = [
        CandidateRow(
            rank,
            c.id,
            c.title,
            c.date,
            c.publisher,
            c.share_of_article,
            c.share_of_candidate,
            ORDER_WORDS.get(c.direction, ORDER_WORDS[None]),
        )
        for rank, c in enumerate(trace.candidates, 1)
    ]
    shown = [r for r in rows if pct(r.of_article) != "0%" or pct(r.of_candidate) != "0%"]
    return shown, len(rows) - len(shown)


def trace_page(trace: Any, article_text: str, top: int) -> str:
    rows, hidden = candidate_rows(trace)
    # the library compares with its first candidate: summarised only when it is shown
    report = trace.report if rows and rows[0].rank == 1 else None
    return (
        environment()
        .get_template("trace.html")
        .render(
            corpus=True,
            article=trace.article,
            words=trace.words,
            rows=rows,
            hidden=hidden,
            article_text=article_text,
            top=top,
            best=rows[0] if report else None,
            headline=headline(report) if report else "",
            labels=label_line(report) if report else "",
            flags=distortions(report)[:SHOWN_FLAGS] if report else [],
            more_flags=max(0, len(distortions(report)) - SHOWN_FLAGS) if report else 0,
        )
    )


# --- corpus ------------------------------------------------------------------------


def compare_pair(record: dict[str, Any]) -> tuple[str, str]:
    """(source, derived) of a scan pair: the earlier first when dates tell; otherwise the
    text more of which is reused is taken as the copy."""
    a, b = str(record["a"]), str(record["b"])
    if record.get("direction") == "a->b":
        return a, b
    return (b, a) if float(record["share_a"]) >= float(record["share_b"]) else (a, b)


def corpus_page(name: str, summary: dict[str, Any] | None, problem: Problem | None = None) -> str:
    """The reprint clusters and strongest pairs; while the scan runs, a page that
    reloads itself (a meta refresh: no script)."""
    return (
        environment()
        .get_template("corpus.html")
        .render(corpus=True, name=name, summary=summary, problem=problem, compare_pair=compare_pair)
    )
