"""Qualifiers: the hedges and quantifiers that limit a claim, dropped, added or strengthened.

*hedge*: a qualifier of the source ("about $85 million", "allegedly") that the rewrite
drops, or one it adds in a sentence copied from the source; a doubt kept in other words
("is accused of") is no drop. *quantifier*: a claim about some made about all ("some
residents" -> "residents" or "most residents").
"""

from __future__ import annotations

from retold.checks.attribution import DOUBT_KEEPERS
from retold.checks.certainty import doubtful
from retold.checks.marker_scope import governed, own_words
from retold.checks.parts import (
    ClausePair,
    Part,
    change,
    same_proposition,
)
from retold.checks.records import ChangeReport
from retold.text.clauses import BE_FORMS, TIME_UNITS, Marker

DOUBT_HEDGES = frozenset("alleged allegedly reportedly suspected purportedly supposedly".split())

# hedges that are hedges only in the passive: "is thought to", "are believed to"
PASSIVE_HEDGES = frozenset({"thought to", "believed to", "said to be", "expected to"})
QUANTIFIER_JUMP = 1.0  # scale steps (1 few .. 5 all) a quantifier must strengthen by
QUANTIFYING_AMOUNTS = frozenset({"several", "a few", "a number of", "a handful of", "a couple of"})
GENERIC = 4.5  # a plural noun with no quantifier reads as a general claim

ADDED_HEDGE_COPIED = 0.6  # verbatim share of a sentence whose added "reportedly" is read


# verbs that make what they govern someone's forecast or belief, not a stated fact
FORECAST_VERBS = frozenset(
    """predict predicts predicted predicting expect expects expected expecting forecast
    forecasts forecasting estimate estimates estimated believe believes believed think
    thinks thought fear fears feared warn warns warned suggest suggests suggested""".split()
)


def _forecast(part: Part, word: int) -> bool:
    """Is the word inside what a forecast verb governs ("analysts predict that …")?"""
    frame = part.reading.framed(word)
    return frame is not None and part.sentence.norms[frame.verb] in FORECAST_VERBS


BARE_FROM = 2.0  # a quantifier dropped counts from "some", "several" or fewer, not "many"


def hedge_changes(pair: ClausePair) -> list[ChangeReport]:
    """A qualifier of the source ("about", "allegedly") that the rewrite drops, or adds."""
    d, s = pair.derived, pair.source
    if s is None or not own_words(pair):
        return []
    out = []
    for side, other, dropped in ((s, d, True), (d, s, False)):
        for marker in side.markers("approx", "epistemic"):
            word = governed(side, marker) if marker.cls == "epistemic" else marker.last + 1
            if word is None or word >= side.last:
                continue
            if side.quoted(marker.first):
                continue  # a quotation's words are the quote check's, as for negation
            if marker.cls == "approx" and not any(
                a.first_token == word and a.kind in ("number", "money", "percent")
                for a in side.atoms
            ):
                continue
            if marker.phrase in PASSIVE_HEDGES and (
                marker.first == side.first or side.norm(marker.first - 1) not in BE_FORMS
            ):
                continue  # "given no thought to asking": a hedge only as "is thought to"
            at = other.positions(side.key(word))
            if marker.cls == "approx":
                # the same count of the same thing: "two hours", not "two leaders"
                head = side.counted_noun(word)
                at = [i for i in at if other.counted_noun(i) == head]
            if not at or other.markers(marker.cls):
                continue  # the other clause hedges too ("over" for "more than")
            if any(other.positions(side.key(i)) for i in _own_words(side, marker)):
                continue  # "appear fair" / "appear to be so", "an estimated $5m" / "was
                # estimated at $5m": the hedge's own word is there
            if marker.cls == "approx" and _ranged(other, at[0]):
                continue  # "as many as three" / "between one and three": a range hedges too
            if dropped and DOUBT_KEEPERS & set(other.sentence.norms):
                continue  # "allegedly helped" -> "is accused of helping": still in doubt
            if marker.cls == "epistemic" and doubtful(other):
                continue  # "probably" for "likely to", "could": hedged either way
            if dropped and marker.phrase in HEARSAY and _attributed(other, at[0]):
                continue  # "X allegedly did it" -> "X did it, prosecutors said": still a claim
            if dropped and marker.cls == "epistemic" and _forecast(other, at[0]):
                continue  # "analysts predict that more falls are likely" -> "… predict falls"
            if not dropped and pair.match.verbatim_share < ADDED_HEDGE_COPIED:
                continue  # "allegedly", "some 45 million" in the rewrite's own wording
            if dropped:
                severity = "high" if marker.phrase in DOUBT_HEDGES else "medium"
                text = f"hedge dropped: the source says “{marker.phrase}”; the rewrite does not"
                d_span, s_span = d.span(at[0], at[0]), s.span(marker.first, marker.last)
            else:
                severity, text = "low", f"hedge added: the rewrite adds “{marker.phrase}”"
                d_span, s_span = d.span(marker.first, marker.last), s.span(at[0], at[0])
            out.append(
                change(
                    "hedge",
                    severity,
                    "qualifier-" + ("dropped" if dropped else "added"),
                    text,
                    d,
                    d_span,
                    s,
                    s_span,
                )
            )
    return out


# hedges that only say someone else says so: redundant where the rewrite names who does
# (not "is believed to", "probably": those tell how sure the speaker is)
HEARSAY = frozenset("allegedly reportedly purportedly".split())


def _own_words(part: Part, marker: Marker) -> list[int]:
    """The hedge's words of content ("estimated" of "an estimated"), else its first word."""
    own = [i for i in range(marker.first, marker.last + 1) if part.weight(i) > 0]
    return own or [marker.first]


def _ranged(part: Part, word: int) -> bool:
    """Is the number one end of a range ("between 100,000 and 1 million", "12 to 18
    hours")? Both ends of one kind: "rose 9% to $39bn" is no range."""
    kind = _number_kind(part, word)

    def norm(i: int) -> str:
        return part.norm(i) if part.first <= i < part.last else ""

    def number(i: int) -> bool:
        return part.first <= i < part.last and _number_kind(part, i) == kind

    return (
        norm(word - 1) == "between"
        or (norm(word - 1) == "to" and number(word - 2))
        or (norm(word + 1) == "to" and number(word + 2))
        or (norm(word - 1) == "and" and number(word - 2) and norm(word - 3) == "between")
    )


def _number_kind(part: Part, i: int) -> str | None:
    return next(
        (
            a.kind
            for a in part.atoms
            if a.first_token <= i <= a.last_token and a.kind in ("number", "money", "percent")
        ),
        None,
    )


def _a_number(part: Part, i: int) -> bool:
    return _number_kind(part, i) is not None


def _attributed(part: Part, word: int) -> bool:
    """Is the word told as what someone named says (a frame with a holder governs it)?"""
    frame = part.reading.framed(word)
    return frame is not None and frame.holder[0] >= 0


def _quantified(part: Part) -> dict[str, tuple[Marker, float]]:
    """Noun key -> the quantifier before it and its level."""
    found = {}
    for marker in part.markers("quantifier", "vague"):
        if marker.cls == "vague" and marker.phrase not in QUANTIFYING_AMOUNTS:
            continue
        if marker.phrase == "most" and marker.first > 0 and part.norm(marker.first - 1) == "the":
            continue  # "the most severe cases": a superlative, not most of the cases
        if (
            marker.phrase == "some"
            and marker.last + 1 < part.last
            and _a_number(part, marker.last + 1)
        ):
            continue  # "some 55 people": an approximate count, not some of them
        # the noun phrase it quantifies: the content words just after ("several lakeside
        # campsites"), up to a break
        for i in range(marker.last + 1, min(part.last, marker.last + 4)):
            if i > marker.last + 1 and _gap_breaks(part, i):
                break
            if part.weight(i) > 0 and part.norm(i) in TIME_UNITS:
                break  # "a few weeks" / "several weeks": how long, not how many of a group
            if part.weight(i) > 0:
                level = float(marker.value) if marker.cls == "quantifier" else 2.0
                found[part.key(i)] = (marker, level)
    return found


def _gap_breaks(part: Part, i: int) -> bool:
    gap = part.text[part.sentence.ends[i - 1] : part.sentence.starts[i]]
    return any(c in gap for c in ",;:()")


def quantifier_changes(pair: ClausePair) -> list[ChangeReport]:
    """A quantifier strengthened: "some residents" -> "residents" or "most residents"."""
    d, s = pair.derived, pair.source
    if s is None or not own_words(pair) or not same_proposition(d, s):
        return []
    d_quant = _quantified(d)
    out = []
    for key, (marker, level) in _quantified(s).items():
        if marker.phrase == "other":
            continue  # "other malign activities" -> "malign activities": no stronger claim
        at = d.positions(key)
        if not at:
            continue
        d_marker, d_level = d_quant.get(key, (None, GENERIC))
        if d_marker is None and not d.norm(at[0]).endswith("s"):
            continue  # a singular noun without a quantifier is not a general claim
        if d_marker is None and level > BARE_FROM:
            continue  # "many smaller firms" -> "firms": a bare plural need not mean all
        if d_level - level < QUANTIFIER_JUMP:
            continue
        now = d_marker.phrase if d_marker else "(no quantifier)"
        d_span = d.span(d_marker.first, at[0]) if d_marker else d.span(at[0], at[0])
        out.append(
            change(
                "quantifier",
                "medium",
                "quantifier-strengthened",
                f"quantifier strengthened: the source says “{marker.phrase}”, the rewrite {now}",
                d,
                d_span,
                s,
                s.span(marker.first, marker.last),
            )
        )
    return out
