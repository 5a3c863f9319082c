"""Who acts: the actor and the one acted on swapped, or the actor dropped.

"the council pays the contractor" -> "the contractor pays the council" (swapped), or
-> "unless the contractor is paid" (the actor gone). Read from word order around a
verb both clauses share: the passive ("the contractor is paid by the council") turns
the order round and is the same statement; verbs whose two sides are interchangeable
("met", "talked", "agreed") are left alone.
"""

from __future__ import annotations

import re

from retold.checks.names import covered, distinctive, same_name, spelled_out
from retold.checks.parts import ClausePair, Part, change
from retold.checks.records import ChangeReport
from retold.checks.values import DATES
from retold.text.atoms import Atom
from retold.text.clauses import SAY_VERBS, is_past
from retold.text.lemmas import verb_lemma

BE = frozenset("is are was were be been being get gets got getting".split())
SYMMETRIC = frozenset(
    """meet met meets meeting talk talks talked speak spoke speaks agree agreed agrees
    negotiate negotiated clash clashed compete competed join joined share shared
    discuss discussed and or with between vs versus against tie tied draw drew known""".split()
)
MIN_ARGUMENT_WEIGHT = 1.3  # an actor is a content word of some weight ("council", "police", a name)
# a dropped actor must be rarer: "the company" left out of a passive is mostly style
MIN_DROPPED_WEIGHT = 2.0
AUXILIARIES = frozenset("will would can could may might must shall should to".split())
# a word just before a finite "is" or a modal is its subject, not a verb: "details are"
NOUN_AFTER = (BE - {"be", "been", "being"}) | (AUXILIARIES - {"to"})
DETERMINERS = frozenset("the a an his her its their our my this that these those".split())
REACH = 3
REACH_AFTER = 7  # words either side of the verb where its actor and object stand


def _passive(part: Part, verb: int) -> bool:
    """A be-form just before the verb ("is paid", "was being paid")."""
    return any(part.norm(i) in BE for i in range(max(part.first, verb - 2), verb))


def _passive_or_by(part: Part, verb: int) -> bool:
    """Passive, or a past participle with its actor after "by" and no "is" before it:
    "the illness caused by the virus" turns "the virus causes the illness" round."""
    return _passive(part, verb) or (
        _by_after(part, verb) and is_past(part.norm(verb), part.norm(verb - 1) if verb else "")
    )


def _by_after(part: Part, verb: int) -> bool:
    return any(part.norm(i) == "by" for i in range(verb + 1, min(part.last, verb + 4)))


def _near(
    part: Part, verb: int, before: bool, weight: float = MIN_ARGUMENT_WEIGHT, whole: bool = True
) -> list[int]:
    """Content words of some weight within REACH words before the verb (its subject), or
    within REACH_AFTER after it (its object, or the one a preposition names: "lease the
    building to the district"). A name cut by the reach is taken whole ("the Westmarch
    Community Trust"): its rarest word may stand outside the reach."""
    if before:
        start = max(part.first, verb - REACH)
        while (
            whole
            and start > part.first
            and _capitalised(part, start)
            and _capitalised(part, start - 1)
        ):
            start -= 1
        span = range(start, verb)
    else:
        end = min(part.last, verb + 1 + REACH_AFTER)
        while whole and end < part.last and _capitalised(part, end - 1) and _capitalised(part, end):
            end += 1  # a name is one argument: take it whole
        span = range(verb + 1, end)
    when = {
        i for a in part.atoms if a.kind in DATES for i in range(a.first_token, a.last_token + 1)
    }
    return [
        i
        for i in span
        if part.weight(i) >= weight
        and not part.norm(i)[:1].isdigit()
        and i not in when  # "On 14 October Google released": a time, not an actor
    ]


def _capitalised(part: Part, i: int) -> bool:
    return part.text[part.sentence.starts[i] : part.sentence.starts[i] + 1].isupper()


def _verb_like(part: Part, i: int) -> bool:
    """A finite verb by its shape: lower case, past ("paid") or present ("pays"), not
    after a determiner ("the pays"), not a reporting verb (who says is attribution)."""
    raw = part.text[part.sentence.starts[i] : part.sentence.ends[i]]
    norm = part.norm(i)
    before = part.norm(i - 1) if i > part.first else ""
    after = part.norm(i + 1) if i + 1 < part.last else ""
    return (  # the cheap tests first: the dictionary is asked last
        part.weight(i) > 0
        and raw[:1].islower()
        and not norm[:1].isdigit()
        and before not in DETERMINERS
        and after not in NOUN_AFTER  # "details are provided": the subject of "are"
        and norm not in SAY_VERBS
        and (
            before in AUXILIARIES  # "will pay", "to lease"
            or (norm.endswith("s") and not norm.endswith("ss"))
            or is_past(norm, before)
        )
        and verb_lemma(norm) is not None
    )


def agent_changes(pair: ClausePair) -> list[ChangeReport]:
    d, s = pair.derived, pair.source
    if s is None or d.quoted(d.first):
        return []
    verbs = _shared_verbs(d, s)
    if not verbs:
        return []
    replaced = _replaced(d, s, verbs)
    if replaced:
        return replaced
    reordered = _reordered(d, s)
    passive = any(d.norm(i) in BE for i in d.words)
    if not reordered and not passive:
        return []  # the same content words in the same order, no passive: no one swapped
    found = _swapped(d, s, verbs) if reordered else []
    return found or (_dropped(d, s, verbs) if passive else [])


AGE = re.compile(r",\s*(?:aged\s+)?\d{1,3},")


def _age(part: Part, i: int) -> bool:
    """A person's age set off by commas after the name ("Kenteris, 31, won")."""
    lo, hi = part.sentence.starts[i], part.sentence.ends[i]
    before = part.text[max(0, lo - 8) : lo].rstrip().removesuffix("aged").rstrip()
    return (
        part.text[lo:hi].isdigit()
        and hi - lo <= 3
        and before.endswith(",")
        and part.text[hi : hi + 1] == ","
    )


def _name_beside(part: Part, verb: int, before: bool) -> Atom | None:
    """The name right beside a verb: its subject just before it ("Clijsters narrowly
    beat", "HBO will show") or its object just after ("beat Dementieva"), only
    auxiliaries, adverbs and articles between. A name used as an adjective ("the
    Akron-based company", "a Buffalo suburb") is no actor."""
    step = -1 if before else 1
    i = verb + step
    while part.first <= i < part.last and (
        part.weight(i) <= 0
        or part.norm(i) in AUXILIARIES
        or part.norm(i).endswith("ly")
        or (before and _age(part, i))
    ):
        i += step
    if not part.first <= i < part.last:
        return None
    for a in part.atoms:
        if a.kind == "entity" and a.first_token <= i <= a.last_token:
            after = a.last_token + 1
            modifier = (
                after < part.last
                and part.weight(after) > 0
                and part.text[part.sentence.starts[after]].islower()
                and after != verb
            )
            hyphened = part.text[a.end : a.end + 1] == "-"
            if before and _after_preposition(part, a.first_token):
                return None  # "the attorney in the Southern District had subpoenaed": the
                # name ends a phrase about the subject, it is not the subject
            lo, hi = sorted((part.sentence.starts[verb], a.end if before else a.start))
            gap = AGE.sub(" ", part.text[lo:hi])  # "Kenteris, 31, won": the age is no apposition
            apart = any(mark in gap for mark in ",;:()—–")  # an apposition
            return None if modifier or hyphened or apart else a
    return None


def _after_preposition(part: Part, first: int) -> bool:
    i = first - 1
    if i >= part.first and part.norm(i) in DETERMINERS:
        i -= 1
    return i >= part.first and part.norm(i) in PREPOSITIONS


def _plainly_verb(part: Part, i: int) -> bool:
    """A verb by more than its final "s": past ("defeated") or after an auxiliary."""
    before = part.norm(i - 1) if i > part.first else ""
    return before in AUXILIARIES or is_past(part.norm(i), before)


def _compact(atom: Atom) -> str:
    return "".join(c for c in atom.value if c.isalnum())


def _replaced(d: Part, s: Part, verbs: list[tuple[int, int]]) -> list[ChangeReport]:
    """One side of a shared verb kept and a name on its other side replaced by another
    name: "Williams beat Dementieva" -> "Clijsters beat Dementieva"; "HBO will show the
    film" -> "CBS will show the film". Both sides must be names that are not one name
    written two ways, the source's name must be gone from the rewrite's sentence and
    the rewrite's from the source's clause: a title or a pronoun is never called another
    person, and a name the source clause has moved, not replaced."""
    # the rewrite's name may stand elsewhere in the source's sentence, in another clause
    # ("Kenteris won gold, where Thanou won silver" -> "Thanou won gold")
    d_words, s_words = set(d.sentence.norms), set(s.sentence.norms[s.first : s.last])
    for sv, dv in verbs:
        if s.norm(sv) in SYMMETRIC or d.norm(dv) in SYMMETRIC:
            continue
        if not (_plainly_verb(s, sv) and _plainly_verb(d, dv)):
            continue  # "remaining ISIS forces": a plural noun has the shape of "pays"
        if _catenative(s, sv) or _catenative(d, dv) or _passive(d, dv) != _passive(s, sv):
            continue
        for side in (True, False):  # the subject's place, then the object's
            kept = {s.key(i) for i in _near(s, sv, not side)}
            if not kept & {d.key(i) for i in _near(d, dv, not side)}:
                continue  # the other side is not the same: another statement
            a, b = _name_beside(d, dv, side), _name_beside(s, sv, side)
            if a is None or b is None or same_name(a.value, b.value):
                continue
            if not (distinctive(a, d.text) and distinctive(b, s.text)):
                continue  # "the Justice Department" for the special counsel: a body named
            if covered(a.value, s_words) or covered(b.value, d_words) or _compact(a) == _compact(b):
                continue
            if spelled_out(a.span_text(d.text), [s.sentence]):
                continue  # "the SEC" for "the Securities and Exchange Commission"
            return [
                change(
                    "agent",
                    "medium",
                    "actor-replaced",
                    f"who {'acts' if side else 'is acted on'} changed: the source says "
                    f"“{b.span_text(s.text)}”, the rewrite “{a.span_text(d.text)}”",
                    d,
                    (a.start, a.end),
                    s,
                    (b.start, b.end),
                )
            ]
    return []


def _reordered(d: Part, s: Part) -> bool:
    """Do the content words both clauses share come in another order?"""
    shared = d.bag.keys() & s.bag.keys()
    d_order = list(dict.fromkeys(d.key(i) for i in d.words if d.key(i) in shared))
    s_order = list(dict.fromkeys(s.key(i) for i in s.words if s.key(i) in shared))
    return d_order != s_order


def _shared_verbs(d: Part, s: Part) -> list[tuple[int, int]]:
    """(source position, derived position) of each verb both clauses use, first uses."""
    d_first: dict[str, int] = {}
    for i in d.words:
        d_first.setdefault(d.key(i), i)
    seen: set[str] = set()
    verbs = []
    for j in s.words:
        key = s.key(j)
        at = d_first.get(key)
        if at is None or key in seen:
            continue
        seen.add(key)
        if _verb_like(s, j) and _verb_like(d, at):
            verbs.append((j, at))
    return verbs


# a person named by a pronoun: its subject form before a verb, its object form after it
SUBJECT_PRONOUNS = {"they": "they", "he": "he", "she": "she", "we": "we", "i": "i"}
OBJECT_PRONOUNS = {"them": "they", "him": "he", "her": "she", "us": "we", "me": "i"}


def _pronouns(part: Part, verb: int, before: bool) -> dict[str, int]:
    """The person a pronoun names as a verb's subject (just before it: "they had
    warned") or object (just after: "warned them"), keyed by person: "they" and "them"
    are one party."""
    if before:
        span, forms = range(max(part.first, verb - REACH), verb), SUBJECT_PRONOUNS
    else:
        span, forms = range(verb + 1, min(part.last, verb + 1 + REACH)), OBJECT_PRONOUNS
    return {"@" + forms[part.norm(i)]: i for i in span if part.norm(i) in forms}


PREPOSITIONS = frozenset("on in at for with from to by of into onto about over".split())


def _direct(part: Part, verb: int, word: int) -> bool:
    """Does the word after the verb stand as its object, no preposition between?"""
    return not any(part.norm(i) in PREPOSITIONS for i in range(verb + 1, word))


def _catenative(part: Part, verb: int) -> bool:
    """A verb that hands its subject to an infinitive ("expected to", "set to", "agreed to")."""
    return verb + 1 < part.last and part.norm(verb + 1) == "to"


# words of degree that move freely about a verb: no actor ("further falls in the krone"
# -> "the krone will fall further")
DEGREE = frozenset("further more less most least again also still even much far".split())


def _swapped(d: Part, s: Part, verbs: list[tuple[int, int]]) -> list[ChangeReport]:
    """The words just before and just after a shared verb exchanged."""
    for sv, dv in verbs:
        if s.norm(sv) in SYMMETRIC or d.norm(dv) in SYMMETRIC:
            continue
        if _catenative(s, sv) or _catenative(d, dv):
            continue  # "is expected to mark": the act is the next verb's
        s_before = {s.key(i): i for i in _near(s, sv, True)} | _pronouns(s, sv, True)
        s_after = {s.key(i): i for i in _near(s, sv, False)} | _pronouns(s, sv, False)
        d_before_at = {d.key(i): i for i in _near(d, dv, True)} | _pronouns(d, dv, True)
        d_after_at = {d.key(i): i for i in _near(d, dv, False)} | _pronouns(d, dv, False)
        d_before, d_after = set(d_before_at), set(d_after_at)
        actors = [
            k
            for k in s_before
            if k in d_after
            and k not in d_before
            and k not in DEGREE
            and not s.norm(s_before[k]).endswith("ing")  # "buying MCI" is an act, no actor
        ]
        objects = [k for k in s_after if k in d_before and k not in d_after and k not in DEGREE]
        if not actors or not objects:
            continue
        if _passive_or_by(d, dv) != _passive_or_by(s, sv):
            continue  # active turned passive (or back): the same statement
        a, b = s_before[actors[0]], s_after[objects[0]]
        if (actors[0] + objects[0]).count("@") and not (
            _direct(s, sv, b) and _direct(d, dv, d_after_at[actors[0]])
        ):
            continue  # "the time they save on the line": a pronoun's swap needs objects
        d_words = [d_after_at[actors[0]], d_before_at[objects[0]]]
        return [
            change(
                "agent",
                "medium",
                "actor-swapped",
                f"who acts changed: the source says “{s.norm(a)} … {s.norm(sv)} … "
                f"{s.norm(b)}”; the rewrite turns it round",
                d,
                d.span(min(d_words), max(d_words)),
                s,
                s.span(a, b),
            )
        ]
    return []


def _keys_around(part: Part) -> set[str]:
    """Keys of the derived sentence and its neighbours: an actor named just before is
    not dropped."""
    sentences = part.doc.sentences
    lo, hi = max(0, part.sentence.index - 1), min(len(sentences), part.sentence.index + 2)
    return {k for s in sentences[lo:hi] for k in s.keys}


def _strict_near(part: Part, verb: int, before: bool) -> list[int]:
    """The words around a verb as the dropped-actor test reads them: rarer words only, the
    reach not stretched over names (a first name beyond it is not a missing actor)."""
    return _near(part, verb, before, MIN_DROPPED_WEIGHT, whole=False)


def _modifies(part: Part, i: int) -> bool:
    """A past form used as an adjective: after a preposition or a determiner and before
    its noun ("by targeted health screening"), not a verb with an actor."""
    before = part.norm(i - 1) if i > part.first else ""
    after = i + 1 < part.last and part.weight(i + 1) > 0
    return after and (before in DETERMINERS or before in PREPOSITIONS_BEFORE_ADJECTIVE)


PREPOSITIONS_BEFORE_ADJECTIVE = frozenset("by with for of in on through via".split())


def _dropped(d: Part, s: Part, verbs: list[tuple[int, int]]) -> list[ChangeReport]:
    """An active source clause told in the passive with its actor left out."""
    derived_keys = _keys_around(d)
    for sv, dv in verbs:
        if _passive(s, sv) or not _passive(d, dv):
            continue
        if _by_after(d, dv) or _modifies(s, sv):
            continue
        actors = [i for i in _strict_near(s, sv, True) if s.key(i) not in derived_keys]
        d_subject = {d.key(j) for j in _strict_near(d, dv, True)}
        objects = [i for i in _strict_near(s, sv, False) if s.key(i) in d_subject]
        if not actors or not objects:
            continue
        actor = actors[-1]
        return [
            change(
                "agent",
                "medium",
                "actor-dropped",
                f"actor dropped: the source says who acts (“{s.norm(actor)}”); "
                "the rewrite's passive leaves it out",
                d,
                d.span(dv, dv),
                s,
                s.span(actor, sv),
            )
        ]
    return []
