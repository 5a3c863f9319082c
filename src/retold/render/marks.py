"""A sentence as HTML with its changed words and quotations marked, every character escaped.

Spans come as character offsets into the article (as the report gives them); a sentence
knows its own start, so a span is placed by subtraction, never by searching for its text.
Overlapping spans are cut at every boundary: each piece of text is escaped on its own and
wrapped in one `<mark>` naming every change that covers it, so tags always nest and an
offset inside "&lt;" or between the halves of a surrogate pair cannot break the markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TypeVar

from markupsafe import Markup, escape

from retold.render.summary import SEVERITY_ORDER

# Code points that cannot go into a UTF-8 page (lone surrogates) or that HTML parsers
# replace anyway (NUL): swapped one for one, so offsets stay valid.
_UNSAFE = re.compile("[\x00\ud800-\udfff]")


def safe_text(text: str) -> str:
    """`text` with unencodable code points replaced by U+FFFD, same length."""
    return _UNSAFE.sub("\ufffd", text)


@dataclass(frozen=True)
class Mark:
    """A changed span: offsets into the article, what changed, how badly."""

    start: int
    end: int
    kind: str
    severity: str
    explanation: str
    ref: str  # id of the flag this mark belongs to


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: offsets into the article, its status and the badge shown before it."""

    start: int
    end: int
    status: str
    badge: str
    title: str
    ref: str  # element id for the quotation


_Span = TypeVar("_Span", Mark, QuoteSpan)


def severity_class(severity: str) -> str:
    return f"sev-{severity}" if severity in SEVERITY_ORDER else "sev-other"


def _clipped(span: _Span, base: int, length: int) -> _Span | None:
    start, end = max(span.start - base, 0), min(span.end - base, length)
    return replace(span, start=start, end=end) if start < end else None


def _disjoint(quotes: Sequence[QuoteSpan]) -> list[QuoteSpan]:
    """Quotations in order, each trimmed to start after the one before (they never nest)."""
    kept: list[QuoteSpan] = []
    for q in sorted(quotes, key=lambda q: (q.start, -q.end)):
        start = max(q.start, kept[-1].end) if kept else q.start
        if start < q.end:
            kept.append(replace(q, start=start))
    return kept


def _mark(piece: Markup, cover: list[Mark], ending: list[Mark]) -> Markup:
    worst = min(cover, key=lambda m: SEVERITY_ORDER.get(m.severity, 3))
    kinds = " ".join(dict.fromkeys(m.kind for m in cover))
    refs = " ".join(dict.fromkeys(m.ref for m in cover))
    title = "\n".join(dict.fromkeys(f"{m.severity}: {m.explanation}" for m in cover))
    # The tag (kind and severity as words) is shown after the last piece of each change.
    tag = "; ".join(dict.fromkeys(f"{m.kind} · {m.severity}" for m in ending))
    tag_attr = Markup(' data-tag="{}"').format(tag) if tag else Markup("")
    return Markup(
        '<mark class="chg {}" data-kind="{}" data-sev="{}" data-refs="{}" title="{}"{}>{}</mark>'
    ).format(severity_class(worst.severity), kinds, worst.severity, refs, title, tag_attr, piece)


def _open_quote(q: QuoteSpan) -> Markup:
    return Markup(
        '<span class="qbadge q-{0}">{1}</span>'
        '<span class="quote q-{0}" id="{2}" data-status="{0}" title="{3}">'
    ).format(q.status, q.badge, q.ref, q.title)


def mark_up(
    text: str, base: int, marks: Sequence[Mark] = (), quotes: Sequence[QuoteSpan] = ()
) -> Markup:
    """`text` (which starts at article offset `base`) as HTML with `marks` and `quotes` placed."""
    clean = safe_text(text)
    size = len(clean)
    spans = [m for m in (_clipped(m, base, size) for m in marks) if m is not None]
    quoted = _disjoint([q for q in (_clipped(q, base, size) for q in quotes) if q is not None])
    cuts = sorted(
        {0, size, *(m.start for m in spans), *(m.end for m in spans)}.union(
            *({q.start, q.end} for q in quoted)
        )
    )
    out: list[str] = []
    waiting = iter(quoted)
    pending, inside = next(waiting, None), None
    for a, b in pairwise(cuts):
        if pending is not None and pending.start == a:
            out.append(_open_quote(pending))
            inside, pending = pending, next(waiting, None)
        piece = escape(clean[a:b])
        cover = [m for m in spans if m.start <= a and b <= m.end]
        out.append(_mark(piece, cover, [m for m in cover if m.end == b]) if cover else piece)
        if inside is not None and inside.end == b:
            out.append("</span>")
            inside = None
    return Markup("".join(out))
