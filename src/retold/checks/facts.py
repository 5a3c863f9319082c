"""Changed facts in aligned text: every check, clause by clause, in one pass.

For each derived sentence that reuses the source (verbatim or paraphrase, and not an
exact copy), its clauses are paired with the source clauses they come from
(`checks/parts.py`) and read by the checks: values (`checks/values.py`), names
(`checks/names.py`), who says what (`checks/attribution.py`), stance (`checks/polarity.py`:
negation, opposite words; `checks/certainty.py`: modality, hopes and conditions;
`checks/qualifiers.py`: hedges, quantifiers) and actors (`checks/actors.py`). A key word swapped for
another ("enter service" -> "fly") is not flagged: without a thesaurus of antonyms it
cannot be told from a synonym ("blamed" -> "faulted"), and a flag an editor cannot trust
is worse than none.
Where two checks flag the same words, the more severe one is kept. Values the rewrite
adds with no counterpart are returned apart: claims to check, not changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from retold.align.sentences import Alignment, SentenceMatch
from retold.checks.actors import agent_changes
from retold.checks.attribution import attribution_changes, attribution_dropped
from retold.checks.certainty import certainty_changes, condition_changes, modality_changes
from retold.checks.names import entity_changes
from retold.checks.namesakes import given_name_changes
from retold.checks.parts import (
    MIN_OWN_SUPPORT,
    PARALLEL_SHARE,
    Part,
    clause_pairs,
    own_support,
    topic_only,
)
from retold.checks.polarity import meaning_changes, negation_changes
from retold.checks.qualifiers import hedge_changes, quantifier_changes
from retold.checks.records import ChangeReport
from retold.checks.steps import step_changes
from retold.checks.values import Added, sentence_swaps, value_changes
from retold.text.document import Sentence

SIGNS = frozenset("$£€¥₹%")
# one of SIGNS (inside a class, each stands for itself)
_SIGN = re.compile(f"[{''.join(sorted(SIGNS))}]")
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class Facts:
    changes: tuple[ChangeReport, ...]
    added: tuple[Added, ...]  # values with no counterpart in the source: claims to check
    skipped: str = ""  # why no fact was read, when none could be


# the word weights and every list the checks read are English: on text in another script
# ("the same place" of a figure rests on shared content words) the flags are noise
NOT_ENGLISH = "changed facts (the checks read English; a text here is in another script)"
LATIN_SHARE = 0.5  # share of a text's letters in the Latin script for it to be read


def _same_facts(sentence: Sentence, sources: list[Sentence]) -> bool:
    """The same comparison keys in the same order (synonyms, number formats and
    spelling aside) and the same currency and percent signs: no check can find a
    difference ("$4m" vs "£4m" differ in a sign, "rose" vs "fell" in a key)."""
    if len(sources) == 1 and sentence.text == sources[0].text:
        return True
    keys = sources[0].keys if len(sources) == 1 else tuple(k for s in sources for k in s.keys)
    if sentence.keys != keys:
        return False
    return _signs(sentence.text) == "".join(_signs(s.text) for s in sources)


def _signs(text: str) -> str:
    return "".join(_SIGN.findall(text))


CLAUSE_CHECKS = (
    negation_changes,
    certainty_changes,
    condition_changes,
    modality_changes,
    hedge_changes,
    quantifier_changes,
    meaning_changes,
    step_changes,
    attribution_dropped,
    agent_changes,
)


def _sentence_changes(
    alignment: Alignment, match: SentenceMatch
) -> tuple[list[ChangeReport], list[Added]]:
    source, derived = alignment.source, alignment.derived
    sentence = derived.sentences[match.sentence]
    whole = Part(derived, sentence, 0, sentence.words)
    sources = [
        Part(source, source.sentences[j], 0, source.sentences[j].words)
        for j in match.source_sentences
    ]
    changes: list[ChangeReport] = sentence_swaps(whole, sources)
    added: list[Added] = []
    for pair in clause_pairs(source, derived, match):
        found, extra = value_changes(pair, source) if not pair.copied else ([], [])
        added += extra  # a value the source never gives is a claim to check either way
        if (
            pair.source is not None
            and match.verbatim_share < PARALLEL_SHARE
            and own_support(pair) < MIN_OWN_SUPPORT
        ):
            continue  # a reworded clause sharing only the story's cast: another statement
        if match.verbatim_share >= PARALLEL_SHARE or not topic_only(pair):
            # (a reworded clause of the story's words alone, "but it would not be the
            # only device", says nothing of whose claim it is)
            changes += attribution_changes(pair, source)  # its speaker may sit in another clause
        if pair.copied:
            continue  # the same words as its source clause: nothing else in it can differ
        changes += found + entity_changes(pair, source) + given_name_changes(pair, source)
        for check in CLAUSE_CHECKS:
            changes += check(pair)
    return changes, added


# what headline style drops as a matter of course ("Cornyn says Trump conflating probe")
HEADLINE_STYLE = frozenset({"qualifier-dropped"})
# what a headline read against the story's body cannot be held to: its grammar has no
# auxiliaries or quantifiers ("Summit opens without talk of meddling", "Mayor signs
# bill" for a planned signing); its figures, names, quotes and speakers still count
HEADLINE_GRAMMAR = frozenset(
    """polarity-flipped certainty-changed forecast-stated-as-certain hope-stated-as-fact
    condition-stated-as-fact quantifier-strengthened qualifier-added qualifier-dropped
    opposite-word""".split()
)
HEADLINE_WORDS = 20


NAME_RULES = frozenset({"name-changed", "actor-replaced"})
TITLE_CASE_SHARE = 0.8  # share of a line's content words capitalised in title case


def _title_case(sentence: Sentence) -> bool:
    """A line in title case: names cannot be told from the other words."""
    content = [sentence.starts[i] for i in range(sentence.words) if sentence.weights[i] > 0]
    capitals = sum(1 for at in content if sentence.text[at - sentence.start].isupper())
    return len(content) >= 3 and capitals >= TITLE_CASE_SHARE * len(content)


def _headline(sentence: Sentence) -> bool:
    """A short line with no closing mark: a headline or a teaser's title, not a sentence."""
    return sentence.words <= HEADLINE_WORDS and not sentence.text.rstrip().endswith(
        (".", "!", "?", '"', "\u201d", "'", "\u2019", ":", ";")
    )


_LETTER = regex.compile(r"\p{L}")
_OTHER_SCRIPT = regex.compile(r"[\p{L}--\p{Latin}]", regex.V1)
SCRIPT_SAMPLE = 4000  # characters read to tell the script: the opening is enough


def latin_script(text: str) -> bool:
    """Are most of the text's letters in the Latin script?"""
    sample = text[:SCRIPT_SAMPLE]
    if sample.isascii() or _OTHER_SCRIPT.search(sample) is None:
        return True  # (curly quotes and dashes make most English text non-ASCII)
    letters = len(_LETTER.findall(sample))
    return not letters or len(_OTHER_SCRIPT.findall(sample)) <= (1 - LATIN_SHARE) * letters


def _keep_most_severe(changes: list[ChangeReport]) -> list[ChangeReport]:
    """One change per stretch of derived words: the most severe (then the first found)."""
    kept: list[ChangeReport] = []
    for c in sorted(changes, key=lambda c: SEVERITY_RANK[c.severity]):
        if not any(
            k.sentence == c.sentence
            and k.derived_start < c.derived_end
            and c.derived_start < k.derived_end
            for k in kept
        ):
            kept.append(c)
    return sorted(kept, key=lambda c: (c.sentence, c.derived_start))


def find_changes(alignment: Alignment) -> Facts:
    """Changed facts in every aligned sentence of the rewrite, in sentence order."""
    source, derived = alignment.source, alignment.derived
    if not (latin_script(source.text) and latin_script(derived.text)):
        return Facts((), (), NOT_ENGLISH)
    changes: list[ChangeReport] = []
    added: list[Added] = []
    for match in alignment.matches:
        if not match.source_sentences or match.label not in ("verbatim", "paraphrase"):
            continue
        sources = [source.sentences[j] for j in match.source_sentences]
        if _same_facts(derived.sentences[match.sentence], sources):
            continue  # the same words in the same order: no fact can differ
        found, extra = _sentence_changes(alignment, match)
        if _headline(derived.sentences[match.sentence]):
            from_headline = any(
                _headline(alignment.source.sentences[j]) for j in match.source_sentences
            )
            style = HEADLINE_STYLE if from_headline else HEADLINE_GRAMMAR
            if _title_case(derived.sentences[match.sentence]):
                # "Russia Plans $50 Billion Investment": every word looks like a name
                style = style | NAME_RULES
            found = [c for c in found if c.rule not in style]
        changes += found
        added += extra
    return Facts(tuple(_keep_most_severe(changes)), tuple(added))
