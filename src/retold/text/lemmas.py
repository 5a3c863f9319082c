"""Verb forms: can a word be a verb, its lemma, and is this form a past one.

Read from lemminflect's dictionary (no model, no tagger): "paid" is the past of "pay",
"hundreds" cannot be a verb, "won" is the past of "win". The checks use it to find the
verb a clause turns on and to see a plan stated as done ("will pay" -> "paid"). Loaded
on first use: a compare that needs no verb reading does not pay for it.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=50_000)
def verb_lemma(norm: str) -> str | None:
    """The verb this word is a form of, if it can be a verb ("paid" -> "pay")."""
    if not norm.isalpha():
        return None
    from lemminflect import getAllLemmas  # a dictionary of some MB: read when first needed

    lemmas = getAllLemmas(norm)
    verbs = lemmas.get("VERB") or lemmas.get("AUX")
    return verbs[0] if verbs else None


@lru_cache(maxsize=50_000)
def only_noun(norm: str) -> bool:
    """A word the dictionary knows only as a noun or adjective ("hundreds", "president")."""
    if not norm.isalpha():
        return True
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(norm)
    return bool(lemmas) and "VERB" not in lemmas and "AUX" not in lemmas


@lru_cache(maxsize=50_000)
def is_past_form(norm: str) -> bool:
    """A past tense or past participle ("signed", "met", "won", "paid"): a verb form
    that is not its lemma, nor the present's "-s" or the "-ing" form. (Asking the
    dictionary's inflection table instead would cost a second table's load.)"""
    lemma = verb_lemma(norm)
    if lemma is None or lemma == norm:
        return False
    return norm.endswith("ed") or not norm.endswith(("s", "ing"))
