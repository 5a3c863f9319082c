"""Terminal view (rich): summary first, then each derived sentence with its source."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from retold.render.summary import (
    LABEL_HELP,
    counts_line,
    distortions,
    headline,
    label_line,
    source_lines,
    source_ref,
    source_text,
    title_of,
)
from retold.report import Report

SEVERITY_STYLES = {"high": "bold red", "medium": "red", "low": "yellow"}
STYLES = {
    "verbatim": "bold green",
    "paraphrase": "cyan",
    "altered": "bold red",
    "new": "yellow",
    "boilerplate": "dim",
}


def _summary(console: Console, report: Report) -> None:
    der = title_of(report.derived.title, report.derived.id, "derived")
    for label, title, words in source_lines(report):
        console.print(f"[bold]{label}[/]  {escape(title)} ({words} words)")
    console.print(f"[bold]derived[/] {escape(der)} ({report.derived.words} words)")
    console.print(f"[bold]{escape(headline(report))}[/]")
    console.print(escape(label_line(report)))
    flags = distortions(report)
    console.print(escape(counts_line(report)))
    if flags:
        console.print()
        console.print("[bold]What the rewrite changed[/] (most severe first)")
        for severity, sentence, line in flags:
            style = SEVERITY_STYLES.get(severity, "")
            console.print(f"  [{style}]{severity:<6}[/] #{sentence} {escape(line)}")


def _sentences(console: Console, report: Report) -> None:
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=True)
    table.add_column("#", justify="right", width=3)
    table.add_column("label", width=11)
    table.add_column("sentence (source below)", ratio=1)
    for s in report.sentences:
        style = STYLES.get(s.label, "")
        body = escape(s.text)
        if s.source_sentences:
            refs = source_ref(report, s.source_sentences, s.source)
            text = source_text(report, s.source_sentences, s.source)
            body += f"\n[dim]  ↳ src {refs}: {escape(text)}[/]"
        if s.note:
            body += f"\n[dim]  ↳ {escape(s.note)}[/]"
        table.add_row(str(s.index), f"[{style}]{s.label}[/]", body)
    console.print(table)


def _omissions(console: Console, report: Report) -> None:
    if not report.omissions:
        return
    console.print()
    console.print(
        f"[bold]Dropped from the source[/] ({len(report.omissions)} sentences, most salient first)"
    )
    for o in report.omissions:
        ref = source_ref(report, (o.source_sentence,), o.source)
        console.print(f"  [dim]src {ref} ({o.salience:.2f})[/] {escape(o.text)}")


def render_text(report: Report, *, color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=width,
        highlight=False,
        soft_wrap=False,
    )
    _summary(console, report)
    console.print("[dim]" + escape(", ".join(f"{k}: {v}" for k, v in LABEL_HELP.items())) + "[/]")
    console.print()
    _sentences(console, report)
    _omissions(console, report)
    return buffer.getvalue()
