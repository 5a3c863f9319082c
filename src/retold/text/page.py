"""An article's paragraphs read together: what only a paragraph's neighbours show.

`boilerplate` judges each line by its own shape; some furniture shows only in its
place: a subhead set apart from other short lines, the headlines listed under a
"Related" header, a video teaser between "Now Playing:" and its "Media:" line, a
caption above its photo credit.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from retold.text.boilerplate import furniture_reason
from retold.text.captions import FULL_DATE
from retold.text.headings import bare_line, ends_sentence
from retold.text.line_words import MAX_WORDS

MAX_CREDITED_CAPTION_WORDS = 60  # a caption above its own credit line
_LIST_HEADERS = frozenset({"related", "headlines"})
_VIDEO_HEADERS = regex.compile(r"^\W*(?:now playing|recommended video)\W*$", regex.I)
_MEDIA_LINE = regex.compile(r"^\W*media:\s*\S", regex.I)


def furniture_paragraphs(paragraphs: Sequence[str]) -> dict[int, str]:
    """Paragraph number -> the rule that makes it furniture, for an article's paragraphs
    in order: each line's own shape, then what only its neighbours show (a subhead is
    set apart from other short lines; the headlines listed under a "Related" header; a
    video teaser between "Now Playing:" and its "Media:" line)."""
    shapes = [furniture_reason(p, between=n > 0) for n, p in enumerate(paragraphs)]
    found: dict[int, str] = {}
    for number, paragraph in enumerate(paragraphs):
        reason = shapes[number]
        if reason == "subhead" and not _set_apart(paragraphs, shapes, number):
            reason = None
        before = found.get(number - 1)
        after = shapes[number + 1] if number + 1 < len(shapes) else None
        listed = before in _LIST_HEADERS or (after == "related" and number > 0)
        if reason is None and listed and _listed_headline(paragraph):
            reason = "headlines"
        elif reason is None and _video_teaser(paragraphs, number):
            reason = "teaser"
        elif reason is None and after == "credit" and _dated_caption(paragraph):
            reason = "caption"  # "… at the airport in Helsinki, Sunday, July 15, 2018." + credit
        if reason is not None:
            found[number] = reason
    return found


def _dated_caption(paragraph: str) -> bool:
    """A photo's caption whose credit is the next line: short, dated in full, no
    quotation (the scene may be told in any tense: "arrived", "walks")."""
    return (
        len(paragraph.split()) <= MAX_CREDITED_CAPTION_WORDS
        and not any(mark in paragraph for mark in '"“”')
        and FULL_DATE.search(paragraph) is not None
    )


def _opens_sentence(paragraph: str) -> bool:
    first = paragraph.lstrip(" \"'“‘(«[•*")[:1]
    return first.isupper() or first.isdigit()


def _set_apart(paragraphs: Sequence[str], shapes: Sequence[str | None], number: int) -> bool:
    """A heading stands between paragraphs: story text opens right after it, and no
    neighbour is another short line of no known furniture shape (that makes a list:
    fixtures, rankings, nominees, which are story data)."""
    if not 0 < number < len(paragraphs) - 1 or not _opens_sentence(paragraphs[number + 1]):
        return False
    return not any(
        shapes[k] in (None, "subhead") and bare_line(paragraphs[k])
        for k in (number - 1, number + 1)
        if k > 0  # the first line is the headline, not another item of a list
    )


def _listed_headline(paragraph: str) -> bool:
    """A headline in a list of links: short, no closing full stop."""
    return len(paragraph.split()) <= MAX_WORDS and not ends_sentence(paragraph)


def _video_teaser(paragraphs: Sequence[str], number: int) -> bool:
    return (
        0 < number < len(paragraphs) - 1
        and _VIDEO_HEADERS.match(paragraphs[number - 1]) is not None
        and _MEDIA_LINE.match(paragraphs[number + 1]) is not None
    )
