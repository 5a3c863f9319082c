"""Namesakes: a person the source names with another given name.

"Mark Warner" where the source has "John Warner" anywhere in it names another person,
though a surname alone would call them one: two senators, two Clintons, two Milibands.
Read only for given names the nickname table knows (`checks/names.py`:
`given_names_differ`), and left alone where a family is named together or the rewrite
names both.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from retold.checks.names import entities, generic_words, given_names_differ, same_name
from retold.checks.parts import ClausePair, Part, change
from retold.checks.records import ChangeReport
from retold.text.atoms import Atom, sentence_atoms
from retold.text.document import Document


@lru_cache(maxsize=64)
def _sentences_by_word(doc: Document) -> dict[str, tuple[int, ...]]:
    """Which sentences of the document hold each word: names are looked up where their
    surname stands, not by reading every sentence's names."""
    found: dict[str, list[int]] = {}
    for s in doc.sentences:
        for norm in set(s.norms):
            found.setdefault(norm, []).append(s.index)
    return {k: tuple(v) for k, v in found.items()}


def _people_named(doc: Document, surname: str) -> list[Atom]:
    """The document's names of two words or more that end in this surname."""
    return [
        atom
        for index in _sentences_by_word(doc).get(surname, ())
        for atom in sentence_atoms(doc, index)
        if atom.kind == "entity"
        and len(atom.value.split()) >= 2
        and atom.value.split()[-1] == surname
    ]


def given_name_changes(pair: ClausePair, source: Document) -> list[ChangeReport]:
    """A person the source names with another given name: the rewrite's "John Warner" where
    the source has only "Mark Warner" (two senators), wherever in the source he stands."""
    d = pair.derived
    out = []
    generic = generic_words()
    for atom in entities(d):
        words = [w for w in atom.value.split() if w not in generic and len(w) > 1]
        if len(words) < 2 or d.quoted(atom.first_token) or atom.span_text(d.text) in source.text:
            continue  # the source has the very name: no one else
        namesakes = [  # "Senator Warner" alone names no one apart
            other
            for other in _people_named(source, words[-1])
            if sum(w not in generic and len(w) > 1 for w in other.value.split()) >= 2
        ]
        if not namesakes or any(same_name(atom.value, other.value) for other in namesakes):
            continue  # no one of that surname, or the same person written another way
        other = namesakes[0]
        if _named_in(other, d.doc) or KIN & (
            set(d.sentence.norms) | _sentence_norms(source, other)
        ):
            continue  # "Cherie Blair's chambers … warned Tony Blair": both are in the
            # rewrite; "her parents, Ed and Lois Smart": a family shares its name
        theirs = [w for w in other.value.split() if w not in generic and len(w) > 1]
        if not given_names_differ(words, theirs):
            continue
        sentence = source.sentences[_sentence_of(source, other.start)]
        s = Part(source, sentence, 0, sentence.words)
        was, now = other.span_text(source.text), atom.span_text(d.text)
        out.append(
            change(
                "entity",
                "high",
                "given-name-changed",
                f"another person: the source names “{was}”, the rewrite “{now}”",
                d,
                (atom.start, atom.end),
                s,
                (other.start, other.end),
            )
        )
    return out


KIN = frozenset(
    """family parents parent mother father son sons daughter daughters wife husband widow
    widower brother brothers sister sisters children child cousin uncle aunt niece nephew
    grandson granddaughter grandmother grandfather""".split()
)


def _named_in(atom: Atom, doc: Document) -> bool:
    """Does the document name this person, in any of the ways of `same_name`?"""
    words = atom.value.split()
    return any(same_name(atom.value, other.value) for other in _people_named(doc, words[-1]))


def _sentence_norms(doc: Document, atom: Atom) -> set[str]:
    return set(doc.sentences[_sentence_of(doc, atom.start)].norms)


def _sentence_of(doc: Document, offset: int) -> int:
    starts = [s.start for s in doc.sentences]
    return max(0, bisect_right(starts, offset) - 1)
