"""The report page: the rewrite beside its source with every change marked, self-contained.

One template (`templates/report.html`) serves `--format html` and the web app. Article
text is untrusted: the template autoescapes, and the marked-up sentences are built by
`marks.mark_up`, which escapes every piece of text itself. The page loads nothing from
outside (inline CSS; one small inline script, allowed by its hash in the page's CSP and
not needed to read the page).
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files

import jinja2
from markupsafe import Markup, escape

from retold.checks.records import QuoteReport
from retold.render.marks import Mark, QuoteSpan, mark_up, safe_text, severity_class
from retold.render.rows import Row, align_rows
from retold.render.summary import (
    LABEL_HELP,
    Flag,
    counts_line,
    flags,
    note_kind,
    source_ref,
    title_of,
    unsourced_quotes,
)
from retold.report import ArticleInfo, Report

VERDICT_HELP = {
    "wholly-derived": "the source is the only origin of the rewrite's content",
    "partially-derived": "a real share comes from the source, mixed with other material",
    "non-derived": "the same story, written independently",
}
QUOTE_BADGES = {
    "verified": "✓ quote verified",
    "altered": "✗ quote altered",
    "promoted-paraphrase": "⚠ paraphrase made a quote",
    "misattributed": "✗ quote misattributed",
    "invented": "✗ quote invented",
    "unsourced": "? quote from elsewhere",
}
QUOTE_HELP = {
    "verified": "the source quotes the same words from the same speaker",
    "altered": "the source quotes this speaker, with different words",
    "promoted-paraphrase": "the source has these words in the reporter's voice, not as a quote",
    "misattributed": "the source quotes someone else",
    "invented": "no one says these words in the source",
    "unsourced": "brought from other reporting: check it elsewhere",
}
SEVERITY_HELP = {
    "high": "a checked value changed",
    "medium": "meaning shifted",
    "low": "worth a look",
}


@dataclass(frozen=True)
class FlagView:
    severity: str
    css: str
    what: str
    line: str
    sentence: int
    ref: str  # element id of this flag in its sentence
    diff: Markup | None = None  # word diff of an altered quotation


@dataclass(frozen=True)
class SentenceView:
    id: str
    number: str  # "4" for the rewrite, "src 3" for a source
    label: str  # derived: the label; source: used | dropped | unused
    label_text: str
    html: Markup
    links: tuple[tuple[str, str], ...]  # (element id, link text)
    flags: tuple[FlagView, ...] = ()
    note: str = ""
    note_kind: str = ""


@dataclass(frozen=True)
class SourceView:
    title: str
    words: int
    used: int  # percentage of this source the rewrite uses
    share: int  # percentage of the rewrite that comes from this source
    column: int


@dataclass(frozen=True)
class RowView:
    derived: tuple[SentenceView, ...]
    sources: tuple[tuple[SentenceView, ...], ...]
    copied: bool = False  # every derived sentence here is verbatim: the source says the same


@dataclass(frozen=True)
class _Dropped:
    anchor: str
    name: str  # "src 8", or "src 2:8" with several sources
    text: str
    shown: str  # salience, two decimals


def _encodable(value: object) -> object:
    """Every value the template prints: article text made safe for a UTF-8 page."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return safe_text(value)
    return value


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("retold", "render/templates"),
        autoescape=True,
        finalize=_encodable,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def page_script() -> str:
    """The page's inline script (highlighting and keys; the page reads the same without it)."""
    return files("retold").joinpath("render/templates/report.js").read_text(encoding="utf-8")


def page_csp() -> str:
    """The page's Content-Security-Policy: nothing from outside, only its own script runs."""
    digest = hashlib.sha256(page_script().encode("utf-8")).digest()
    script_hash = base64.b64encode(digest).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'"
    )


def note_detail(note: str) -> str:
    """What a note says beyond its kind: "commentary (question)" -> "question"."""
    kind = note_kind(note)
    if kind == "commentary":
        return note.removeprefix("commentary").strip(" ()") or note
    if kind == "claim" and ":" in note:
        return note.split(":", 1)[1].strip()
    return note


def _d(prefix: str, index: int) -> str:
    return f"{prefix}d{index}"


def _s(prefix: str, column: int, index: int) -> str:
    return f"{prefix}s{index}" if column == 0 else f"{prefix}s{column + 1}-{index}"


def _infos(report: Report) -> tuple[ArticleInfo, ...]:
    """The sources, one column each: `report.sources` when there are several."""
    return report.sources or (report.source,)


def _source_links(report: Report) -> list[dict[int, tuple[int, ...]]]:
    """Per source column: derived sentence -> the sentences of that source it comes from."""
    return [
        {s.index: s.source_sentences for s in report.sentences if s.source == k}
        for k in range(len(_infos(report)))
    ]


def _word_key(word: str) -> str:
    return re.sub(r"^\W+|\W+$", "", word.casefold()) or word


def word_diff(source: str, derived: str) -> Markup:
    """The derived quotation word by word against the source's: <del> dropped, <ins> added.

    Words are compared without case and edge punctuation (not misquotes, as in the checks).
    """
    old, new = safe_text(source).split(), safe_text(derived).split()
    matcher = difflib.SequenceMatcher(
        a=[_word_key(w) for w in old], b=[_word_key(w) for w in new], autojunk=False
    )
    out: list[Markup] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(new[j1:j2])))
            continue
        if i2 > i1:
            out.append(Markup("<del>{}</del>").format(" ".join(old[i1:i2])))
        if j2 > j1:
            out.append(Markup("<ins>{}</ins>").format(" ".join(new[j1:j2])))
    return Markup(" ").join(out)


def _flag_view(report: Report, flag: Flag, prefix: str) -> FlagView:
    diff = None
    if flag.record == "quote":
        q = report.quotes[flag.index]
        if q.source_text and q.status in ("altered", "misattributed", "promoted-paraphrase"):
            diff = word_diff(q.source_text, q.text)
    return FlagView(
        severity=flag.severity,
        css=severity_class(flag.severity),
        what=flag.what,
        line=flag.line,
        sentence=flag.sentence,
        ref=f"{prefix}flag-{flag.record[0]}{flag.index}",
        diff=diff,
    )


def _marks(report: Report, prefix: str, source: int | None = None) -> list[Mark]:
    """Every change as a mark on the rewrite, or (given `source`) on that source."""
    marks = []
    for i, c in enumerate(report.changes):
        if source is None:
            start, end = c.derived_start, c.derived_end
        else:
            start, end = (c.source_start, c.source_end) if c.source == source else (-1, -1)
        if 0 <= start < end:
            marks.append(Mark(start, end, c.kind, c.severity, c.explanation, f"{prefix}flag-c{i}"))
    return marks


def _quote_span(q: QuoteReport, prefix: str) -> QuoteSpan:
    """The rewrite's quotation with its badge: status, and the speaker the checks found."""
    badge = QUOTE_BADGES.get(q.status, f"quote {q.status}")
    if q.speaker:
        badge += f" · {q.speaker}"
    title = QUOTE_HELP.get(q.status, q.status)
    if q.repeat_of is not None:
        title += f" (repeats quotation {q.repeat_of})"
    return QuoteSpan(q.start, q.end, q.status, badge, title, f"{prefix}q{q.index}")


def _source_quotes(report: Report, column: int) -> dict[int, list[QuoteSpan]]:
    """Source sentence -> where the rewrite's quotations stand in it (found by their words)."""
    derived = {s.index: s for s in report.sentences if s.source == column}
    sentences = {s.index: s for s in _infos(report)[column].sentences}
    found: dict[int, list[QuoteSpan]] = {}
    for q in report.quotes:
        words, d = q.source_text, derived.get(q.sentence)
        for j in d.source_sentences if d and words and q.source == column else ():
            s = sentences.get(j)
            at = s.text.find(words) if s and words else -1
            if s is None or words is None or at < 0:
                continue
            start = s.start + at
            badge = QUOTE_BADGES.get(q.status, f"quote {q.status}") + f" in #{q.sentence}"
            title = QUOTE_HELP.get(q.status, q.status)
            span = QuoteSpan(start, start + len(words), q.status, badge, title, "")
            found.setdefault(j, []).append(span)
    return found


def _by_sentence(marks: list[Mark], spans: list[tuple[int, int, int]]) -> dict[int, list[Mark]]:
    """Sentence index -> the marks overlapping it; `spans` are (start, end, index) sentences."""
    spans = sorted(spans)
    starts = [start for start, _, _ in spans]
    found: dict[int, list[Mark]] = {}
    for m in marks:
        at = max(bisect_right(starts, m.start) - 1, 0)
        while at < len(spans) and spans[at][0] < m.end:
            if m.start < spans[at][1]:
                found.setdefault(spans[at][2], []).append(m)
            at += 1
    return found


def _sentence_flags(report: Report, prefix: str) -> dict[int, list[FlagView]]:
    """Derived sentence -> its flags, most severe first; quotes from elsewhere last."""
    found: dict[int, list[FlagView]] = {}
    for flag in flags(report):
        found.setdefault(flag.sentence, []).append(_flag_view(report, flag, prefix))
    for i, q in enumerate(report.quotes):
        if q.status == "unsourced":
            who = f" ({q.speaker})" if q.speaker else ""
            line = f"quote from other reporting{who}: check it elsewhere"
            view = FlagView(
                "low", "sev-low", "quote unsourced", line, q.sentence, f"{prefix}flag-q{i}"
            )
            found.setdefault(q.sentence, []).append(view)
    return found


def _derived_views(report: Report, prefix: str) -> dict[int, SentenceView]:
    marks = _by_sentence(
        _marks(report, prefix), [(s.start, s.end, s.index) for s in report.sentences]
    )
    quoted: dict[int, list[QuoteSpan]] = {}
    for q in report.quotes:
        quoted.setdefault(q.sentence, []).append(_quote_span(q, prefix))
    flagged = _sentence_flags(report, prefix)
    return {
        s.index: SentenceView(
            id=_d(prefix, s.index),
            number=str(s.index),
            label=s.label,
            label_text=s.label,
            html=mark_up(s.text, s.start, marks.get(s.index, ()), quoted.get(s.index, ())),
            links=tuple(
                (_s(prefix, s.source, j), f"source {source_ref(report, (j,), s.source)}")
                for j in s.source_sentences
            ),
            flags=tuple(flagged.get(s.index, ())),
            note=note_detail(s.note),
            note_kind=note_kind(s.note),
        )
        for s in report.sentences
    }


def _source_label(report: Report, column: int, index: int, used: bool) -> tuple[str, str]:
    if used:
        return "used", "used"
    for o in report.omissions:
        if o.source == column and o.source_sentence == index:
            return "dropped", f"dropped · salience {percent(o.salience) / 100:.2f}"
    return "unused", "not used"


def _source_views(report: Report, prefix: str, column: int) -> dict[int, SentenceView]:
    """The sentences of source number `column`, in its order, marked and linked."""
    info = _infos(report)[column]
    marks = _by_sentence(
        _marks(report, prefix, column), [(s.start, s.end, s.index) for s in info.sentences]
    )
    quotes = _source_quotes(report, column)
    used_by: dict[int, list[int]] = {}
    for d in report.sentences:
        for j in d.source_sentences if d.source == column else ():
            used_by.setdefault(j, []).append(d.index)
    views = {}
    for s in info.sentences:
        users = used_by.get(s.index, [])
        label, text = _source_label(report, column, s.index, bool(users))
        views[s.index] = SentenceView(
            id=_s(prefix, column, s.index),
            number=f"src {source_ref(report, (s.index,), column)}",
            label=label,
            label_text=text,
            html=mark_up(s.text, s.start, marks.get(s.index, ()), quotes.get(s.index, ())),
            links=tuple((_d(prefix, d), f"#{d}") for d in users),
        )
    return views


def _pointed(view: SentenceView, row: int, row_of: dict[str, int]) -> SentenceView:
    """Links to a sentence in another row say which way it is (a moved sentence)."""
    links = []
    for target, text in view.links:
        there = row_of.get(target, row)
        links.append((target, text + ("" if there == row else " ↓" if there > row else " ↑")))
    return replace(view, links=tuple(links))


def _rows(report: Report, prefix: str) -> list[RowView]:
    derived = list(_derived_views(report, prefix).values())
    columns = range(len(_infos(report)))
    sources = [list(_source_views(report, prefix, k).values()) for k in columns]
    position = {s.index: n for n, s in enumerate(report.sentences)}
    links = []
    for k, column in enumerate(_source_links(report)):
        at = {s.index: n for n, s in enumerate(_infos(report)[k].sentences)}
        links.append({position[d]: tuple(at[j] for j in js if j in at) for d, js in column.items()})
    rows: list[Row] = align_rows(len(derived), links, [len(views) for views in sources])
    row_of = {derived[d].id: n for n, row in enumerate(rows) for d in row.derived}
    for k in columns:
        row_of.update({sources[k][j].id: n for n, row in enumerate(rows) for j in row.sources[k]})
    return [
        RowView(
            derived=tuple(_pointed(derived[d], n, row_of) for d in row.derived),
            sources=tuple(
                tuple(_pointed(sources[k][j], n, row_of) for j in cell)
                for k, cell in enumerate(row.sources)
            ),
            copied=bool(row.derived) and all(derived[d].label == "verbatim" for d in row.derived),
        )
        for n, row in enumerate(rows)
    ]


def _verdict_help(report: Report) -> str:
    said = VERDICT_HELP.get(report.verdict, "")
    if report.sources:
        said = said.replace("the source is", "the sources are").replace("the source", "the sources")
    return said


def percent(share: object) -> int:
    """A share as a whole percentage in 0..100 (a damaged saved report renders, as 0)."""
    try:
        value = float(share)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0
    return max(0, min(100, round(value * 100))) if value == value else 0


def _sources(report: Report) -> list[SourceView]:
    if not report.sources:
        title = title_of(report.source.title, report.source.id, "source")
        cov = report.coverage
        return [
            SourceView(title, report.source.words, percent(cov.source), percent(cov.derived), 0)
        ]
    shares = report.coverage_by_source
    return [
        SourceView(
            title_of(info.title, info.id, f"source {k + 1}"),
            info.words,
            percent(shares[k].source) if k < len(shares) else 0,
            percent(shares[k].derived) if k < len(shares) else 0,
            k,
        )
        for k, info in enumerate(report.sources)
    ]


def render_html(report: Report, *, anchor_prefix: str = "") -> str:
    """The report page. `anchor_prefix` keeps element ids apart when pages are joined."""
    prefix = re.sub(r"[^A-Za-z0-9_-]", "", anchor_prefix)
    all_flags = [_flag_view(report, f, prefix) for f in flags(report)]
    new = [s for s in report.sentences if s.label == "new"]
    rows = _rows(report, prefix)
    return (
        _environment()
        .get_template("report.html")
        .render(
            report=report,
            prefix=prefix,
            derived_title=title_of(report.derived.title, report.derived.id, "the rewrite"),
            sources=_sources(report),
            verdict_help=_verdict_help(report),
            derived_used=percent(report.coverage.derived),
            counts=counts_line(report),
            label_counts=report.label_counts(),
            label_help=LABEL_HELP,
            quote_key=[(k, QUOTE_BADGES[k], v) for k, v in QUOTE_HELP.items()],
            severity_help=SEVERITY_HELP,
            flags=all_flags,
            elsewhere=[(q, _d(prefix, q.sentence)) for q in unsourced_quotes(report)],
            claims=[s for s in report.sentences if note_kind(s.note) == "claim"],
            omissions=[
                _Dropped(
                    _s(prefix, o.source, o.source_sentence),
                    f"src {source_ref(report, (o.source_sentence,), o.source)}",
                    o.text,
                    f"{percent(o.salience) / 100:.2f}",
                )
                for o in report.omissions
            ],
            added=[
                (s, _d(prefix, s.index), note_kind(s.note), note_detail(s.note))
                for s in report.sentences
                if s.note
            ],
            commentary=sum(1 for s in new if note_kind(s.note) == "commentary"),
            dropped=len(report.omissions),
            rows=rows,
            note_names={"commentary": "commentary", "claim": "claim to check"},
            script=Markup(page_script()),
            csp=page_csp(),
        )
    )
