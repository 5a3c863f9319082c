"""Polarity: the same statement denied on one side and affirmed on the other, or turned into its opposite.

*negation*: a derived clause and its source clause state the same predicate and one
denies it ("refused to", "stopped short of" count as negators, so "stopped short of
ruling out" = "did not rule out"); a contrast ("…, not Russia"), a plea, a supposition
and a denial told by a word of meaning ("low expectations") are not flips. *meaning*: a
word of the source replaced by its opposite (`data/antonyms.txt`: "harsh" -> "lenient")
in the same statement, with no negation to turn it back.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from retold.checks.certainty import CONDITIONS
from retold.checks.marker_scope import governed, own_words
from retold.checks.parts import (
    MIN_CLAUSE_RECALL,
    ClausePair,
    Part,
    change,
    clauses_of,
    same_proposition,
)
from retold.checks.records import ChangeReport
from retold.text.clauses import NEGATORS, Marker, is_past
from retold.text.lexicon import inflections, word_key

PLEAS = frozenset({"not guilty", "pleaded innocent", "pleads innocent", "plead innocent"})

# words that deny by their meaning: the other side of a negation told in other words
# ("did not expect much" / "low expectations", "did not answer" / "declined to answer",
# "samples, not the laboratory" / "samples rather than the laboratory", "not binding" /
# "non-binding": the hyphen splits "non" off)
IMPLICIT_NEGATIVES = frozenset(
    """low little few scant hardly barely scarcely lack lacks lacked lacking fail fails
    failed failing refuse refuses refused refusing decline declines declined declining
    deny denies denied denying reject rejects rejected rejecting avoid avoids avoided
    avoiding absent absence unable except exempt exempted excluding rather instead
    opposed non""".split()
)


def _polarity(part: Part) -> list[Marker]:
    """Negators that deny the clause's predicate: not a contrast ("…, not Russia")."""
    return [m for m in part.markers("negation", "negative") if not _contrast(part, m)]


CONTRAST_JOINERS = frozenset({"and", "but", "or"})


def _contrast(part: Part, marker: Marker) -> bool:
    """ "…blamed the US, not Russia", "…the US -- and not Russia": a "not" after a comma
    or dash (and an "and", "but" or "or") sets one thing against another."""
    first = marker.first
    if marker.phrase != "not":
        return False
    if _not_but(part, first):
        return True
    if first == 0:
        return False
    if first >= 2 and part.norm(first - 1) in CONTRAST_JOINERS:
        first -= 1
    gap = part.text[part.sentence.ends[first - 1] : part.sentence.starts[first]]
    return "," in gap or "\u2014" in gap or " -" in gap


def _not_but(part: Part, first: int) -> bool:
    """ "voted not for Kilroy-Silk but for UKIP", "not in May but in June": one thing set
    against another by the same word after "not" and after "but"; the vote is affirmed."""
    sentence = part.sentence
    after = first + 1
    if after >= sentence.words:
        return False
    word = sentence.norms[after]
    return any(
        sentence.norms[i] == "but" and sentence.norms[i + 1] == word
        for i in range(after + 1, sentence.words - 1)
    )


def negation_changes(pair: ClausePair) -> list[ChangeReport]:
    """The same predicate denied on one side and affirmed on the other."""
    d, s = pair.derived, pair.source
    if s is None or not own_words(pair) or not same_proposition(d, s):
        return []
    for side, other in ((d, s), (s, d)):
        denials = _polarity(side)
        if len(denials) > 1:
            continue  # "can't be solved without": two denials may cancel out; say less
        for marker in denials:
            if marker.phrase in PLEAS:
                continue  # a plea answers the charges: it only balances another plea or denial
            if side.quoted(marker.first):
                continue  # a quotation's words are the quote check's
            word = governed(side, marker)
            if word is None:
                continue
            if marker.phrase == "without" and not _event_denied(side, word, other):
                continue  # "without a second resolution" against "seek a second resolution"
            at = other.positions(side.key(word))
            if not at or _polarity(other):
                continue  # the other clause denies something too: say less
            if _supposed(side, marker.first) != _supposed(other, at[0]):
                continue  # "if it's not one thing, …", "false matches if keywords do not
                # match" against "keywords must match": a supposition, not the statement
            if not IMPLICIT_NEGATIVES.isdisjoint(other.sentence.norms) or _failure_to(other):
                continue  # "didn't expect anything" told as "low expectations"; "(except
                # for children)" told as "children would not have to"
            if side is d and _denied_in_source(pair, side.key(word)):
                continue  # another aligned source sentence denies it: the rewrite merged
            return [_flip(d, s, marker, at[0], added=side is d)]
    return []


def _supposed(part: Part, at: int) -> bool:
    """Is the word inside a condition: "if" or "unless" before it in its clause?"""
    return any(part.norm(i) in CONDITIONS for i in range(part.first, at))


def _failure_to(part: Part) -> bool:
    """ "its failure to determine" = "it does not determine" (not "the failure of talks")."""
    norms = part.sentence.norms
    return any(w == "failure" and norms[i + 1] == "to" for i, w in enumerate(norms[:-1]))


def _event_denied(side: Part, word: int, other: Part) -> bool:
    """Does "without X" deny what the other clause states: its "with X", or X done ("open
    talks without talk of the strike" / "they talked about the strike")? Not a thing
    the other side merely names ("without a second resolution" / "seek a second
    resolution", "without a victory" / "only two victories")."""
    if "with" in other.sentence.norms:
        return True
    whole = Part(other.doc, other.sentence, 0, other.sentence.words)
    return any(
        is_past(whole.norm(i), whole.norm(i - 1) if i else "")
        or (i and whole.norm(i - 1) in VERB_OPENERS)
        for i in whole.verb_positions(side.norm(word))
    )  # a verb by its form, anywhere in the sentence: "talked", "to talk"; not "a second"


VERB_OPENERS = frozenset("to will would can could may might shall should must do does did".split())


def _denied_in_source(pair: ClausePair, key: str) -> bool:
    """Does some clause of the aligned source sentences deny the word with this key?"""
    source = pair.source
    if source is None:
        return False
    for j in pair.match.source_sentences:
        for part in clauses_of(source.doc, source.doc.sentences[j]):
            if part.positions(key) and _polarity(part):
                return True
    return False


def _flip(d: Part, s: Part, marker: Marker, at: int, *, added: bool) -> ChangeReport:
    if added:
        text = f"negation added: the rewrite says “{marker.phrase}” where the source does not"
        d_span, s_span = d.span(marker.first, marker.last), s.span(at, at)
    else:
        text = f"negation dropped: the source says “{marker.phrase}”, the rewrite does not"
        d_span, s_span = d.span(at, at), s.span(marker.first, marker.last)
    return change("negation", "high", "polarity-flipped", text, d, d_span, s, s_span)


@lru_cache(maxsize=1)
def opposites() -> dict[str, frozenset[str]]:
    """Comparison key -> the keys of its opposites (data/antonyms.txt, with inflections)."""
    raw = resources.files("retold").joinpath("data/antonyms.txt").read_text("utf-8")
    table: dict[str, set[str]] = {}
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        a, b = line.split()
        a_keys = {word_key(f) for f in inflections(a)}
        b_keys = {word_key(f) for f in inflections(b)}
        if a_keys & b_keys:
            continue  # one synonym group holds both: never call them opposites
        for key in a_keys:
            table.setdefault(key, set()).update(b_keys)
        for key in b_keys:
            table.setdefault(key, set()).update(a_keys)
    return {k: frozenset(v) for k, v in table.items()}


def _negated(part: Part, word: int) -> bool:
    return word > part.first and (
        part.norm(word - 1) in NEGATORS or part.norm(word - 1).endswith("n't")
    )


def _support_of(d: Part, s: Part) -> float:
    total = sum(d.bag.values())
    return sum(w for k, w in d.bag.items() if k in s.bag) / total if total else 0.0


def meaning_changes(pair: ClausePair) -> list[ChangeReport]:
    """A word of the source replaced by its opposite ("harsh" -> "lenient", "rejected"
    -> "granted") in the same statement, with no negation to turn it back."""
    d, s = pair.derived, pair.source
    if s is None or not own_words(pair) or _support_of(d, s) < MIN_CLAUSE_RECALL:
        return []
    if len(_polarity(d)) % 2 != len(_polarity(s)) % 2:
        return []  # "did not win" for "lost": the same claim
    table = opposites()
    d_keys = {d.key(i): i for i in d.words}
    s_keys = {s.key(i): i for i in s.words}
    for key, j in s_keys.items():
        for other in table.get(key, ()):
            i = d_keys.get(other)
            if i is None or other in s_keys or key in d_keys:
                continue
            if _negated(d, i) or _negated(s, j):
                continue  # "not guilty" for "innocent"
            if _before_a_time(d, i) or _before_a_time(s, j):
                continue  # "last quarter" is the one before this, not the final one
            if not d.neighbours(i, i) & s.neighbours(j, j):
                continue  # said of something else
            was, now = s.norm(j), d.norm(i)
            return [
                change(
                    "meaning",
                    "high",
                    "opposite-word",
                    f"meaning reversed: the source says “{was}”, the rewrite “{now}”",
                    d,
                    d.span(i, i),
                    s,
                    s.span(j, j),
                )
            ]
    return []


TIME_UNITS = frozenset(
    """week weeks month months year years quarter season night weekend decade century
    time summer winter spring autumn fall""".split()
)


def _before_a_time(part: Part, i: int) -> bool:
    """ "last" or "next" before a stretch of time ("last quarter", "next week"): which
    one, counted from now, not an order of things."""
    return part.norm(i) in ("last", "next") and i + 1 < part.last and part.norm(i + 1) in TIME_UNITS
