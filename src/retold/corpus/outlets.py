"""What each outlet changed: the checked pairs of `scan --check`, summarised by publisher.

`summarize` reads pair records (with their `"check"` reports) and the articles'
publishers, and counts for each publisher that took a story (the derived side): the
reprints it took, how much of each story it reused, the quotes it altered, the facts it
changed (by kind), the material it added and the attributions it dropped. Pure over
plain values. `render_outlets` writes the summary as JSON, Markdown or a self-contained
HTML page; every pair links to its own report page (`pair_page_name`), written beside
the summary by the CLI. All article text and names are escaped in Markdown and HTML.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from retold.render.markdown import md_cell

SCHEMA = "retold.outlets/1"
ALTERED_QUOTES = ("altered", "misattributed", "invented")
DROPPED = "attribution-dropped"
UNKNOWN = "(no publisher)"


@dataclass(frozen=True)
class PairLine:
    """One checked pair as the summary lists it."""

    number: int  # position among the pairs of the input (names the pair's page)
    source: str
    derived: str
    source_publisher: str
    identical: bool
    share_of_story: float  # share of the source the derived article reuses
    verdict: str
    quotes_altered: int
    changes: int
    added: int  # new sentences
    dropped: int  # attributions dropped


@dataclass
class Outlet:
    """What one publisher did with the stories it took."""

    publisher: str
    pairs: list[PairLine] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    commentary: int = 0
    claims: int = 0

    @property
    def taken(self) -> int:
        return len(self.pairs)

    @property
    def identical(self) -> int:
        return sum(p.identical for p in self.pairs)

    def share(self, how: str = "mean") -> float:
        values = [p.share_of_story for p in self.pairs]
        if not values:
            return 0.0
        return median(values) if how == "median" else sum(values) / len(values)

    def total(self, name: str) -> int:
        return sum(int(getattr(p, name)) for p in self.pairs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "publisher": self.publisher,
            "reprints_taken": self.taken,
            "identical_reprints": self.identical,
            "share_of_story_mean": round(self.share(), 4),
            "share_of_story_median": round(self.share("median"), 4),
            "quotes_altered": self.total("quotes_altered"),
            "facts_changed": sum(self.kinds.values()),
            "facts_changed_by_kind": dict(sorted(self.kinds.items())),
            "sentences_added": self.total("added"),
            "added_commentary": self.commentary,
            "added_claims": self.claims,
            "attribution_dropped": self.total("dropped"),
            "pairs": [p.number for p in self.pairs],
        }


@dataclass
class Summary:
    outlets: list[Outlet]
    pairs: list[PairLine]
    unchecked: int  # pair records without a report


def summarize(records: Iterable[Mapping[str, Any]], publishers: Mapping[str, str]) -> Summary:
    """Checked pair records -> what each publisher (the derived side) changed."""
    outlets: dict[str, Outlet] = {}
    lines: list[PairLine] = []
    unchecked = number = 0
    for record in records:
        if record.get("type") != "pair":
            continue
        number += 1
        report = record.get("check")
        if not isinstance(report, Mapping):
            unchecked += 1
            continue
        line, kinds, notes = _pair_line(number, record, report, publishers)
        lines.append(line)
        outlet = outlets.setdefault(
            publishers.get(line.derived) or UNKNOWN, Outlet(publishers.get(line.derived) or UNKNOWN)
        )
        outlet.pairs.append(line)
        outlet.kinds.update(kinds)
        outlet.commentary += notes["commentary"]
        outlet.claims += notes["claim"]
    ordered = sorted(outlets.values(), key=lambda o: (-o.taken, o.publisher))
    return Summary(ordered, lines, unchecked)


def _pair_line(
    number: int,
    record: Mapping[str, Any],
    report: Mapping[str, Any],
    publishers: Mapping[str, str],
) -> tuple[PairLine, Counter[str], Counter[str]]:
    source = str(record.get("check_source") or record["a"])
    derived = str(record["b"] if source == record["a"] else record["a"])
    changes = [c for c in report.get("changes", []) if c.get("kind") != DROPPED]
    kinds = Counter(str(c.get("kind")) for c in changes)
    new = [s for s in report.get("sentences", []) if s.get("label") == "new"]
    notes = Counter(
        "commentary" if str(s.get("note", "")).startswith("commentary") else "claim" for s in new
    )
    line = PairLine(
        number,
        source,
        derived,
        publishers.get(source, ""),
        bool(record.get("identical")),
        float(report.get("coverage", {}).get("source", 0.0)),
        str(report.get("verdict", "")),
        sum(q.get("status") in ALTERED_QUOTES for q in report.get("quotes", [])),
        len(changes),
        len(new),
        sum(c.get("kind") == DROPPED for c in report.get("changes", [])),
    )
    return line, kinds, notes


def pair_page_name(number: int, ext: str) -> str:
    return f"pair-{number:06d}.{ext}"


def _pct(value: float) -> str:
    return f"{round(100 * value)}%"


def _kinds(kinds: Counter[str]) -> str:
    return ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda i: (-i[1], i[0])))


HEADER = (
    "publisher",
    "reprints taken",
    "identical",
    "share of story reused (mean / median)",
    "quotes altered",
    "facts changed",
    "sentences added (commentary / claims)",
    "attribution dropped",
)


def _row(o: Outlet) -> tuple[str, ...]:
    return (
        o.publisher,
        str(o.taken),
        str(o.identical),
        f"{_pct(o.share())} / {_pct(o.share('median'))}",
        str(o.total("quotes_altered")),
        str(sum(o.kinds.values())),
        f"{o.total('added')} ({o.commentary} / {o.claims})",
        str(o.total("dropped")),
    )


def _pair_cells(p: PairLine) -> tuple[str, ...]:
    return (
        p.derived,
        f"{p.source} ({p.source_publisher or '?'})",
        "identical" if p.identical else p.verdict,
        _pct(p.share_of_story),
        str(p.quotes_altered),
        str(p.changes),
        str(p.added),
        str(p.dropped),
    )


PAIR_HEADER = (
    "article",
    "taken from",
    "verdict",
    "of story",
    "quotes",
    "facts",
    "added",
    "dropped",
)


def render_outlets(summary: Summary, fmt: str, *, title: str, pages: str | None) -> str:
    """The summary as json, markdown or html; `pages`: the folder of the per-pair pages
    (relative to the summary), or None when there are none."""
    if fmt == "json":
        data = {
            "schema": SCHEMA,
            "title": title,
            "checked_pairs": len(summary.pairs),
            "unchecked_pairs": summary.unchecked,
            "publishers": [o.to_dict() for o in summary.outlets],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return _markdown(summary, title, pages)
    if fmt == "html":
        return _html(summary, title, pages)
    raise ValueError(f"unknown format {fmt!r}")


def _intro(summary: Summary) -> str:
    text = (
        f"{len(summary.pairs):,} checked pairs, {len(summary.outlets):,} publishers that took"
        " a story. The source of a pair is the earlier article, else the fuller one."
    )
    if summary.unchecked:
        text += f" {summary.unchecked:,} pairs have no report (run `retold scan --check`)."
    return text


def _markdown(summary: Summary, title: str, pages: str | None) -> str:
    lines = [f"# {md_cell(title)}", "", _intro(summary), "", "## By publisher", ""]
    lines.append("| " + " | ".join(HEADER) + " |")
    lines.append("|---|" + "---:|" * (len(HEADER) - 1))
    lines += ["| " + " | ".join(md_cell(c) for c in _row(o)) + " |" for o in summary.outlets]
    lines += ["", "## Facts changed, by kind", "", "| publisher | kinds |", "|---|---|"]
    lines += [
        f"| {md_cell(o.publisher)} | {md_cell(_kinds(o.kinds)) or '-'} |"
        for o in summary.outlets
        if o.kinds
    ]
    for o in summary.outlets:
        lines += ["", f"## {md_cell(o.publisher)}", "", "| # | " + " | ".join(PAIR_HEADER) + " |"]
        lines.append("|---:|---|---|---|---:|---:|---:|---:|---:|")
        for p in o.pairs:
            number = str(p.number)
            if pages:
                number = f"[{p.number}]({pages}/{pair_page_name(p.number, 'md')})"
            cells = " | ".join(md_cell(c) for c in _pair_cells(p))
            lines.append(f"| {number} | {cells} |")
    return "\n".join(lines) + "\n"


_CSS = (
    "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;"
    "color:#222}table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}"
    "th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}"
    "td.n{text-align:right}th{background:#f3f3f3}h2{margin-top:2rem}"
)


def _table(header: Iterable[str], rows: Iterable[Iterable[str]], numeric_from: int = 1) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=n' if i >= numeric_from else ''}>{cell}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html(summary: Summary, title: str, pages: str | None) -> str:
    esc = html.escape
    parts = [f"<h1>{esc(title)}</h1><p>{esc(_intro(summary))}</p><h2>By publisher</h2>"]
    rows = [
        [f'<a href="#p{i}">{esc(o.publisher)}</a>', *map(esc, _row(o)[1:])]
        for i, o in enumerate(summary.outlets)
    ]
    parts.append(_table(HEADER, rows))
    kinds = [[esc(o.publisher), esc(_kinds(o.kinds))] for o in summary.outlets if o.kinds]
    parts.append("<h2>Facts changed, by kind</h2>" + _table(("publisher", "kinds"), kinds, 2))
    for i, o in enumerate(summary.outlets):
        pair_rows = []
        for p in o.pairs:
            link = str(p.number)
            if pages:
                link = f'<a href="{esc(pages)}/{pair_page_name(p.number, "html")}">{p.number}</a>'
            pair_rows.append([link, *map(esc, _pair_cells(p))])
        parts.append(f'<h2 id="p{i}">{esc(o.publisher)}</h2>')
        parts.append(_table(("#", *PAIR_HEADER), pair_rows, 4))
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{esc(title)}</title>"
        f"<style>{_CSS}</style></head><body>{''.join(parts)}</body></html>\n"
    )
