"""retold: where did this story come from, and what did the retelling change?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from retold.compare import compare
from retold.errors import CorpusError, EncodingError, InputError, RetoldError
from retold.report import Report
from retold.text.article import Article
from retold.text.load import load_article

if TYPE_CHECKING:
    from retold.corpus import Corpus

__all__ = [
    "Article",
    "Corpus",
    "CorpusError",
    "EncodingError",
    "InputError",
    "Report",
    "RetoldError",
    "compare",
    "load_article",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """`retold.Corpus`, imported on first use: `compare` alone needs no store (the CLI
    starts about 25 ms sooner)."""
    if name == "Corpus":
        from retold.corpus import Corpus

        return Corpus
    raise AttributeError(f"module 'retold' has no attribute {name!r}")
