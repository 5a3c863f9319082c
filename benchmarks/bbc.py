"""The BBC News corpus (`../shared/data/bbc/articles`) as retold reads it.

A key is `bbc:<category>/<NNN>` (the path under `articles/` without `.txt`). The file is
read as `retold` reads a .txt file: its bytes decoded with retold's own fallback (the
original `sport/199.txt` is Latin-1), then the first line taken as the title. Gold
offsets index `Article.text`.

    .venv/bin/python -m benchmarks.bbc show bbc:politics/226         # text with offsets
    .venv/bin/python -m benchmarks.bbc find bbc:politics/226 "some words"
"""

from __future__ import annotations

import argparse
import sys
from functools import lru_cache
from pathlib import Path

from benchmarks.common import data_root
from retold import Article
from retold.text.load import article_from_text, decode

PREFIX = "bbc:"


def path(key: str) -> Path:
    """`bbc:politics/226` -> the article's file."""
    if not key.startswith(PREFIX):
        raise ValueError(f"not a BBC key: {key}")
    return data_root() / "bbc" / "articles" / f"{key[len(PREFIX) :]}.txt"


def key_of(relative: str) -> str:
    """`bbc/politics/226.txt` or `politics/226.txt` -> `bbc:politics/226`."""
    name = relative.removeprefix("bbc/").removesuffix(".txt")
    return PREFIX + name


@lru_cache(maxsize=1024)
def article(key: str) -> Article:
    """`bbc:category/NNN` -> the Article, read as retold reads a .txt file."""
    file = path(key)
    text, _ = decode(file.read_bytes(), name=str(file))
    return article_from_text(text, id=key)


def _show(key: str) -> None:
    text = article(key).text
    pos = 0
    for para in text.split("\n\n"):
        print(f"[{pos}:{pos + len(para)}] {para}")
        pos += len(para) + 2


def _find(key: str, phrase: str) -> None:
    text = article(key).text
    start = text.find(phrase)
    if start < 0:
        sys.exit(f"not found in {key}")
    while start >= 0:
        print(start, start + len(phrase))
        start = text.find(phrase, start + 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("show").add_argument("key")
    find = sub.add_parser("find")
    find.add_argument("key")
    find.add_argument("phrase")
    args = parser.parse_args()
    if args.cmd == "show":
        _show(args.key)
    else:
        _find(args.key, args.phrase)


if __name__ == "__main__":
    main()
