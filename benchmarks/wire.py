"""The real-pairs data: articles of `../shared/data/wire-reprints/` as retold reads them.

Each article is built from its CSV row without cleaning (paragraphs split at " ### ",
page furniture kept: it is part of the test), then read as a .txt file is read (a short
first line set off by a blank line is the title). Gold offsets index `Article.text`.

    .venv/bin/python -m benchmarks.wire show helsinki:6           # text with offsets
    .venv/bin/python -m benchmarks.wire find helsinki:6 "some words"   # offsets of a phrase
    .venv/bin/python -m benchmarks.wire compare helsinki:6 helsinki:3239 [--json]
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache

from benchmarks.common import data_root, key_commands, run_key_command
from retold import Article

try:
    from retold.text.load import article_from_text
except ImportError:  # the layout before issue 10: measured as the baseline (benchmarks/trust.py)
    from retold.load import article_from_text  # type: ignore[no-redef]

SETS = ("helsinki", "census", "spotify")


@lru_cache(maxsize=len(SETS))
def rows(name: str) -> dict[str, dict[str, str]]:
    """id -> CSV row of one set."""
    csv.field_size_limit(10**9)
    path = data_root() / "wire-reprints" / "data" / f"{name}_articles.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def raw_text(key: str) -> str:
    """The article's text as retold is given it: paragraphs split at " ### "."""
    name, _, ident = key.partition(":")
    return rows(name)[ident]["text"].replace(" ### ", "\n\n")


@lru_cache(maxsize=1024)
def article(key: str) -> Article:
    """`set:id` -> the Article (id, publisher and scrape time kept as metadata)."""
    name, _, ident = key.partition(":")
    row = rows(name)[ident]
    return article_from_text(
        raw_text(key), id=key, publisher=row["publisher"], date=row["scrape_time"]
    )


def _compare(source: str, derived: str, as_json: bool) -> None:
    import retold
    from retold.render import render

    report = retold.compare(article(source), article(derived))
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(render(report, "text"))


def main() -> None:
    parser, sub = key_commands(__doc__)
    cmp = sub.add_parser("compare")
    cmp.add_argument("source")
    cmp.add_argument("derived")
    cmp.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not run_key_command(args, lambda key: article(key).text):
        _compare(args.source, args.derived, args.json)


if __name__ == "__main__":
    main()
