"""compare(source, derived) -> Report: the steps in order, nothing else.

`source` may be one article or several (a rewrite stitched from two wire stories):
each derived sentence is then checked against the source it comes from.
"""

from __future__ import annotations

from collections.abc import Sequence

from retold.align.sentences import align
from retold.build import build_report
from retold.collector import fewer_collections
from retold.report import Report
from retold.several import build_several
from retold.text.article import Article
from retold.text.document import analyze
from retold.text.load import article_from_text

Text = Article | str


def _as_article(value: Text, default_id: str) -> Article:
    return value if isinstance(value, Article) else article_from_text(value, id=default_id)


def compare(source: Text | Sequence[Text], derived: Text) -> Report:
    """How `derived` relates to `source`: labels, quotes, changes, omissions, verdict.

    Either argument may be an Article or plain text (a first line set off by a blank
    line is read as the title). `source` may be a list of several sources: each
    sentence is then labelled from the one it comes from, quotes are checked against
    all of them, and coverage is given for each (`Report.sources`).
    """
    sources: list[Text] = [source] if isinstance(source, Article | str) else list(source)
    if not sources:
        raise ValueError("compare needs at least one source")
    with fewer_collections():
        der = analyze(_as_article(derived, "derived"))
        docs = [
            analyze(_as_article(s, "source" if len(sources) == 1 else f"source {k + 1}"))
            for k, s in enumerate(sources)
        ]
        if len(docs) == 1:
            return build_report(align(docs[0], der))
        return build_several([align(doc, der) for doc in docs])
