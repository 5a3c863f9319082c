"""The BBC News corpus (`../shared/data/bbc/articles`) as retold reads it.

A key is `bbc:<category>/<NNN>` (the path under `articles/` without `.txt`). The file is
read as `retold` reads a .txt file: its bytes decoded with retold's own fallback (the
original `sport/199.txt` is Latin-1), then the first line taken as the title. Gold
offsets index `Article.text`.

    .venv/bin/python -m benchmarks.bbc show bbc:politics/226         # text with offsets
    .venv/bin/python -m benchmarks.bbc find bbc:politics/226 "some words"
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from benchmarks.common import data_root, key_commands, run_key_command
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
    parser, _ = key_commands(__doc__)
    run_key_command(parser.parse_args(), lambda key: article(key).text)


if __name__ == "__main__":
    main()
