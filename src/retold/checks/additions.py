"""What the rewrite added: tell commentary apart from new factual claims.

A `new` sentence is *commentary* when it evaluates (opinion cues from
data/opinion.txt), addresses the reader ("you", "we"), or asks a rhetorical
question, and it states no specific fact; it is a *claim* when it carries a number,
date or name the source does not have (a reader must check it), or specific facts
without opinion cues.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from itertools import chain

import regex

from retold.text.atoms import sentence_atoms
from retold.text.document import Document, Sentence

_ATOM_WORDS = regex.compile(r"[\p{L}\p{N}.']+")
COMMENTARY = "commentary"
CLAIM = "claim"
CLAIM_NOTE = "new claim to check"  # how the note of a sentence with facts of its own begins


@lru_cache(maxsize=1)
def _opinion_pattern() -> regex.Pattern[str]:
    raw = resources.files("retold").joinpath("data/opinion.txt").read_text("utf-8")
    cues = [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    alternatives = "|".join(regex.escape(c) for c in sorted(cues, key=len, reverse=True))
    return regex.compile(rf"\b(?:{alternatives})\b", regex.IGNORECASE)


def _unsupported_facts(
    sentence: Sentence, doc: Document, source_words: frozenset[str]
) -> list[str]:
    facts = []
    for atom in sentence_atoms(doc, sentence.index):
        words = atom.span_text(doc.text).casefold().replace("\u2019", "'")
        tokens = [t.replace(".", "") for t in _ATOM_WORDS.findall(words)]
        tokens = [t.removesuffix("'s") for t in tokens if t and t not in ("the", "of")]
        if tokens and not all(t in source_words for t in tokens):
            facts.append(atom.span_text(doc.text))
    return facts


@lru_cache(maxsize=64)
def _words(doc: Document) -> frozenset[str]:
    return frozenset(chain.from_iterable(s.norms for s in doc.sentences))


def classify_new(
    sentence: Sentence, doc: Document, source: Document | Sequence[Document]
) -> tuple[str, str]:
    """("commentary" | "claim", a short reason) for a sentence with no support in the
    source (or in any of several sources)."""
    sources = (source,) if isinstance(source, Document) else tuple(source)
    words = _words(sources[0]) if len(sources) == 1 else frozenset().union(*map(_words, sources))
    facts = _unsupported_facts(sentence, doc, words)
    if facts:
        return CLAIM, f"{CLAIM_NOTE}: " + ", ".join(f"“{f}”" for f in facts[:4])
    cues = _opinion_pattern().findall(sentence.text)
    if sentence.text.rstrip().endswith("?"):
        cues.append("question")
    if cues:
        shown = ", ".join(dict.fromkeys(c.lower() for c in cues))
        return COMMENTARY, f"commentary ({shown})"
    if sentence_atoms(doc, sentence.index):
        return CLAIM, "new statement about facts in the story; not supported by the source"
    return COMMENTARY, "commentary (no specific fact)"
