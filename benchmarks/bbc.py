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
from functools import lru_cache
from pathlib import Path

from benchmarks.common import data_root, find_phrase, show_paragraphs
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("show").add_argument("key")
    find = sub.add_parser("find")
    find.add_argument("key")
    find.add_argument("phrase")
    args = parser.parse_args()
    if args.cmd == "show":
        show_paragraphs(article(args.key).text)
    else:
        find_phrase(article(args.key).text, args.phrase, args.key)


if __name__ == "__main__":
    main()
