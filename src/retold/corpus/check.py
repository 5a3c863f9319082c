"""`scan --check`: the full `compare` (labels, quotes, changes, omissions) on each pair.

The source of a pair is the earlier article when dates say so, else the fuller one
(more words), else the first indexed: `direction_of`. Reports are computed once per
pair of texts within a chunk of pairs (reprints of one text give the same report but
for the articles' ids and metadata) and attached to the pair record as `"check"`, with
`"check_source"` naming the article taken as the source.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from retold.compare import compare
from retold.corpus.pairs import Carrier
from retold.text.article import Article

Pair = tuple[Carrier, Carrier, dict[str, object]]


def direction_of(a: Carrier, b: Carrier, record: dict[str, object]) -> tuple[Carrier, Carrier]:
    """(source, derived) of a pair record whose `a` is `a`: earlier, else fuller."""
    if record.get("direction") == "a->b":
        return a, b
    if b.words > a.words:
        return b, a
    return a, b


def _info(article: Article, data: dict[str, Any]) -> dict[str, Any]:
    """A report's article block re-labelled for another article with the same text."""
    meta = {k: v for k, v in article.meta().items() if k not in ("id", "title")}
    info: dict[str, Any] = {"id": article.id, "title": article.title, "words": data["words"]}
    info.update(meta)
    if "sentences" in data:
        info["sentences"] = data["sentences"]
    return info


def check_pairs(
    pairs: Sequence[Pair],
    articles: Callable[[list[int]], dict[int, Article]],
    skip: Callable[[dict[str, object]], bool] = lambda record: False,
) -> None:
    """Attach `compare`'s report to each pair record (in place), unless `skip` says the
    record's report is known already (a resumed run)."""
    todo = [(x, y, r) for x, y, r in pairs if not skip(r)]
    loaded = articles(sorted({c.article for x, y, _ in todo for c in (x, y)}))
    reports: dict[tuple[object, ...], dict[str, Any]] = {}
    for x, y, record in todo:
        source, derived = direction_of(x, y, record)
        src, der = loaded[source.article], loaded[derived.article]
        key = (src.text, src.title_span, der.text, der.title_span)
        if key not in reports:
            reports[key] = compare(src, der).to_dict()
        report = dict(reports[key])
        report["source"] = _info(src, report["source"])
        report["derived"] = _info(der, report["derived"])
        record["check_source"] = source.id
        record["check"] = report


class Earlier:
    """The checked pairs of an interrupted `scan --check` run (its `.part` file), so that
    a rerun copies their reports instead of computing them again.

    Only the (a, b) ids and each line's place in the file are held in memory.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.where: dict[tuple[str, str], tuple[int, int]] = {}
        if path is None or not path.exists():
            return
        with path.open("rb") as handle:
            offset = 0
            for line in handle:
                start, offset = offset, offset + len(line)
                try:
                    record = json.loads(line)
                except ValueError:
                    continue  # the line cut short by the interruption
                if record.get("type") == "pair" and "check" in record:
                    self.where[(str(record["a"]), str(record["b"]))] = (start, len(line))

    @property
    def done(self) -> frozenset[tuple[str, str]]:
        return frozenset(self.where)

    def fill(self, record: dict[str, object]) -> None:
        """Copy the earlier report into a pair record that has none."""
        if record.get("type") != "pair" or "check" in record or self.path is None:
            return
        place = self.where.get((str(record["a"]), str(record["b"])))
        if place is None:
            return
        with self.path.open("rb") as handle:
            handle.seek(place[0])
            earlier = json.loads(handle.read(place[1]))
        record["check_source"] = earlier["check_source"]
        record["check"] = earlier["check"]
