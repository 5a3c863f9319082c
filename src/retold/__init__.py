"""retold: where did this story come from, and what did the retelling change?"""

from __future__ import annotations

from retold.article import Article
from retold.compare import compare
from retold.corpus import Corpus as Corpus
from retold.errors import CorpusError, EncodingError, InputError, RetoldError
from retold.load import load_article
from retold.report import Report

__all__ = [
    "Article",
    "CorpusError",
    "EncodingError",
    "InputError",
    "Report",
    "RetoldError",
    "compare",
    "load_article",
]
__version__ = "0.1.0"
