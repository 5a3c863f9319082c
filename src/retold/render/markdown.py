"""Markdown view: a summary, a sentence table with sources, and what was dropped."""

from __future__ import annotations

from retold.render.summary import (
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


def md_cell(text: str) -> str:
    """Table-cell safe: no pipes or newlines, Markdown and HTML characters escaped."""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    out = out.replace("<", "&lt;").replace(">", "&gt;")
    for ch in "*_`[]#":
        out = out.replace(ch, "\\" + ch)
    return out


def render_markdown(report: Report) -> str:
    der = title_of(report.derived.title, report.derived.id, "derived")
    lines = [f"# retold: {md_cell(der)}", ""]
    lines += [
        f"- **{label.capitalize()}:** {md_cell(title)} ({words} words)"
        for label, title, words in source_lines(report)
    ]
    lines += [
        f"- **Derived:** {md_cell(der)} ({report.derived.words} words)",
        f"- **Verdict:** {md_cell(headline(report))}",
        f"- **Sentences:** {label_line(report)}",
        f"- **Checks:** {md_cell(counts_line(report))}",
    ]
    flags = distortions(report)
    if flags:
        lines += ["", "## What the rewrite changed", ""]
        lines += [f"- **{sev}** (sentence {n}): {md_cell(line)}" for sev, n, line in flags]
    lines += [
        "",
        "## Sentences",
        "",
        "| # | label | derived sentence | source |",
        "|---:|---|---|---|",
    ]
    for s in report.sentences:
        src_cell = ""
        if s.source_sentences:
            refs = source_ref(report, s.source_sentences, s.source)
            src_cell = f"({refs}) {md_cell(source_text(report, s.source_sentences, s.source))}"
        label = f"**{s.label}**" if s.label in ("altered", "new") else s.label
        text = md_cell(s.text) + (f" <br>*{md_cell(s.note)}*" if s.note else "")
        lines.append(f"| {s.index} | {label} | {text} | {src_cell} |")
    if report.omissions:
        lines += [
            "",
            "## Dropped from the source",
            "",
            "| src | salience | sentence |",
            "|---:|---:|---|",
        ]
        lines += [
            f"| {source_ref(report, (o.source_sentence,), o.source)} | {o.salience:.2f} | {md_cell(o.text)} |"
            for o in report.omissions
        ]
    return "\n".join(lines) + "\n"
