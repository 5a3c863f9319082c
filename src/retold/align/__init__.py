"""Alignment: shared passages, sentence matches with labels, paraphrase scoring, coverage."""

from retold.align.passages import Passage
from retold.align.sentences import Alignment, SentenceMatch, align

__all__ = ["Alignment", "Passage", "SentenceMatch", "align"]
