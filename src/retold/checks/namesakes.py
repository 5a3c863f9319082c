"""Namesakes: a person the source names with another given name.

"Mark Warner" where the source has "John Warner" anywhere in it names another person,
though a surname alone would call them one: two senators, two Clintons, two Milibands.
Read only for given names the nickname table knows (`checks/names.py`:
`given_names_differ`), and left alone where a family is named together or the rewrite
names both.
"""

from __future__ import annotations

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


def _people_named(doc: Document, surname: str) -> list[tuple[int, Atom]]:
    """(sentence index, name) of the document's names of two words or more that end in
    this surname."""
    return [
        (index, atom)
        for index in _sentences_by_word(doc).get(surname, ())
        for atom in sentence_atoms(doc, index)
        if atom.kind == "entity"
        and len(atom.value.split()) >= 2
        and atom.value.split()[-1] == surname
    ]


def _name_words(value: str) -> list[str]:
    """A name's words that tell people apart: no titles or roles, no initials."""
    generic = generic_words()
    return [w for w in value.split() if w not in generic and len(w) > 1]


def given_name_changes(pair: ClausePair, source: Document) -> list[ChangeReport]:
    """A person the source names with another given name: the rewrite's "John Warner" where
    the source has only "Mark Warner" (two senators), wherever in the source he stands."""
    d = pair.derived
    out = []
    for atom in entities(d):
        words = _name_words(atom.value)
        if len(words) < 2 or d.quoted(atom.first_token) or atom.span_text(d.text) in source.text:
            continue  # the source has the very name: no one else
        namesakes = [  # "Senator Warner" alone names no one apart
            (index, other)
            for index, other in _people_named(source, words[-1])
            if len(_name_words(other.value)) >= 2
        ]
        if not namesakes or any(same_name(atom.value, other.value) for _, other in namesakes):
            continue  # no one of that surname, or the same person written another way
        index, other = namesakes[0]
        sentence = source.sentences[index]
        if _named_in(other, d.doc) or KIN & (set(d.sentence.norms) | set(sentence.norms)):
            continue  # "Cherie Blair's chambers … warned Tony Blair": both are in the
            # rewrite; "her parents, Ed and Lois Smart": a family shares its name
        if not given_names_differ(words, _name_words(other.value)):
            continue
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
    return any(same_name(atom.value, other.value) for _, other in _people_named(doc, words[-1]))
