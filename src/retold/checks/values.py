"""Checked values: numbers, money, percentages and dates compared by value, clause by clause.

A derived value is *stated* when the source context (the aligned sentences and their
neighbours) has the same value: then it is never a change, whatever clause it sits in.
A value the context does not state is *changed* when the aligned source clause has a
value of the same unit in the same place (shared neighbouring words) that the rewrite
does not have; *made precise* when that place holds a vague amount or time ("dozens",
"in the late 1990s"); otherwise it is *added*: a claim to check, noted, not a change.
Two values of one clause exchanged between their places ("the price rose 5% and the
volume 3%" -> "…3% … 5%") are a *swap*. Units count: a percentage is not a head count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from retold.checks.names import roster
from retold.checks.parts import ClausePair, Part, change, same_proposition
from retold.checks.records import ChangeReport
from retold.text.atoms import Atom, sentence_atoms
from retold.text.document import Document

NUMERIC = frozenset({"number", "money", "percent", "ordinal"})
DATES = frozenset({"year", "day", "month", "weekday", "time"})
VALUES = NUMERIC | DATES
LONE_SUPPORT = 0.6  # a lone value pair counts as one place when the clauses share this much


def _amount(atom: Atom) -> float:
    return float(atom.value.split("|")[0])


def same_value(a: Atom, b: Atom) -> bool:
    """Equal by value: "68" = "sixty-eight", "$1.4bn" = "$1.4 billion", "Nov. 10" = "November 10"."""
    if a.kind in NUMERIC and b.kind in NUMERIC:
        x, y = _amount(a), _amount(b)
        currency_a, currency_b = a.value.partition("|")[2], b.value.partition("|")[2]
        same_currency = not currency_a or not currency_b or currency_a == currency_b
        return abs(x - y) <= 1e-9 * max(1.0, abs(x)) and same_currency
    if a.kind in DATES and b.kind in DATES:
        if a.kind == b.kind:
            return a.value == b.value
        kinds = {a.kind: a.value, b.kind: b.value}
        if "day" in kinds and "month" in kinds:  # "Nov. 10" against "November"
            return kinds["day"].split("-")[0] == kinds["month"]
    return False


def same_unit(a: Atom, b: Atom) -> bool:
    """Two values that could stand in one place: a percentage is not a head count."""
    return a.kind == b.kind


def _kind(a: Atom, b: Atom) -> str:
    if "money" in (a.kind, b.kind):
        return "money"
    return "date" if a.kind in DATES else "number"


@dataclass(frozen=True)
class Added:
    """A value the rewrite adds with no counterpart in the source: a claim to check."""

    sentence: int
    start: int
    end: int
    text: str


def _values(part: Part) -> list[Atom]:
    return [a for a in part.atoms if a.kind in VALUES]


def _pair_equal(
    d_atoms: list[Atom], s_atoms: list[Atom], d: Part, s: Part
) -> list[tuple[Atom, Atom]]:
    """Equal values matched one to one, those sharing neighbouring words first."""
    options = sorted(
        (-len(_around(d, x) & _around(s, y)), n, m)
        for n, x in enumerate(d_atoms)
        for m, y in enumerate(s_atoms)
        if same_value(x, y)
    )
    used_d: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, n, m in options:
        if n not in used_d and m not in used_s:
            used_d.add(n)
            used_s.add(m)
            pairs.append((d_atoms[n], s_atoms[m]))
    return pairs


def _around(part: Part, atom: Atom) -> set[str]:
    return part.neighbours(atom.first_token, atom.last_token)


def _stated_where(
    atom: Atom, d: Part, source: Document, pair: ClausePair, exclude: set[int]
) -> tuple[str, int]:
    """Where the source context states this value (outside the atoms already used):
    "near" when in its place (a shared word next to it), "aligned" when only somewhere in
    the aligned sentences (a merged or split sentence moves values about), "" when not;
    and the most neighbouring words a "near" statement shares. In a neighbouring
    sentence only the place counts: "21-19" in the sentence before is not the "19
    points" of this one."""
    aligned = set(pair.match.source_sentences)
    around = _around(d, atom)
    found, best = "", 0
    for sentence in pair.context:
        for other in sentence_atoms(source, sentence.index):
            if id(other) in exclude or other.kind not in VALUES or not same_value(atom, other):
                continue
            part = Part(source, sentence, 0, sentence.words)
            shared = len(around & part.neighbours(other.first_token, other.last_token))
            if shared:
                found, best = "near", max(best, shared)
            elif sentence.index in aligned and not found:
                found = "aligned"
    return found, best


def _counterpart(d: Part, s: Part, atom: Atom, left: list[Atom], support: float) -> Atom | None:
    """The source value standing in the derived value's place, if any."""
    head = d.counted_noun(atom.last_token) if atom.kind in NUMERIC else None
    options = [
        y
        for y in left
        if same_unit(atom, y)
        and not converted(atom, y)  # "6.5bn euros ($8.6bn; £4.5bn)": pounds for pounds
        and (
            head is None or s.counted_noun(y.last_token) in (None, head)
        )  # "two countries" ≠ "four hours"
    ]
    best, best_shared = None, 0
    for y in options:
        shared = len(_around(d, atom) & _around(s, y))
        if shared > best_shared:
            best, best_shared = y, shared
    lone = len(options) == 1 and len([a for a in _values(d) if same_unit(a, atom)]) == 1
    if best is None and lone and (support >= LONE_SUPPORT or same_proposition(d, s)):
        if _possessive(d, atom) != _possessive(s, options[0]):
            return None  # "Monday's session" against "indicted on Friday": other roles
        return options[0]  # one value of this unit each side, in one statement
    return best


def _possessive(part: Part, atom: Atom) -> bool:
    """A value that qualifies a noun as its owner ("Monday's session")."""
    tail = part.text[max(atom.start, atom.end - 2) : atom.end + 2]
    return "'s" in tail or "\u2019s" in tail


MIN_SHARED_BEYOND = 2  # neighbouring words a value in another aligned sentence must share


def _same_month(a: Atom, b: Atom) -> int:
    """1 for two days of one month ("4 October", "14 October"): a date that close is one
    place, worth a shared word."""
    return int(a.kind == b.kind == "day" and a.value.split("-")[0] == b.value.split("-")[0])


def _counterpart_beyond(pair: ClausePair, source: Document, atom: Atom) -> tuple[Part, Atom] | None:
    """The counterpart in another sentence the derived one merges ("…that Google
    launched on 4 October" from the source's second sentence): the same unit, a value
    the rewrite's sentence lacks, and two neighbouring words in common."""
    d = pair.derived
    around = _around(d, atom)
    here = [a for a in d.sentence_values()]
    best: tuple[Part, Atom] | None = None
    best_shared = MIN_SHARED_BEYOND - 1
    for j in pair.match.source_sentences:
        if pair.source is not None and j == pair.source.sentence.index and pair.source.first == 0:
            continue  # the clause pair's own whole sentence: read already
        sentence = source.sentences[j]
        whole = Part(source, sentence, 0, sentence.words)
        for other in whole.atoms:
            if not same_unit(atom, other) or any(same_value(other, h) for h in here):
                continue
            shared = len(around & _around(whole, other)) + _same_month(atom, other)
            if shared > best_shared:
                best, best_shared = (whole, other), shared
    return best


WRITTEN = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def converted(a: Atom, b: Atom) -> bool:
    """Two sums in two named currencies ("£179.99" / "$289"): a conversion, not a change."""
    currency_a, currency_b = a.value.partition("|")[2], b.value.partition("|")[2]
    return bool(currency_a) and bool(currency_b) and currency_a != currency_b


def rounded(a: Atom, a_text: str, b: Atom, b_text: str) -> bool:
    """One figure the other rounded: "5%" and "5.11%", "$1.4bn" and "$1.43bn" (written
    to fewer decimals, with the same multiplier and currency). Not "5%" and "5.9%"."""
    if a.kind != b.kind or a.kind not in NUMERIC:
        return False
    if a.value.partition("|")[2] != b.value.partition("|")[2]:
        return False  # another currency
    wa, wb = WRITTEN.search(a.span_text(a_text)), WRITTEN.search(b.span_text(b_text))
    if wa is None or wb is None:
        return False
    da, db = wa.group(1) or "", wb.group(1) or ""
    na, nb = Decimal(wa.group().replace(",", "")), Decimal(wb.group().replace(",", ""))
    if len(da) == len(db) or na == 0 or nb == 0:
        return False
    scale_a, scale_b = _amount(a) / float(na), _amount(b) / float(nb)
    if abs(scale_a - scale_b) > 1e-6 * abs(scale_a):
        return False  # another multiplier: "5m" and "5.1bn"
    fine, coarse = (na, nb) if len(da) > len(db) else (nb, na)
    step = Decimal(1).scaleb(-min(len(da), len(db)))
    try:
        return fine.quantize(step, rounding=ROUND_HALF_UP) == coarse
    except InvalidOperation:
        return False  # more digits than a decimal holds: no figure anyone rounds


def _changed(d: Part, atom: Atom, s: Part, other: Atom) -> ChangeReport:
    kind = _kind(atom, other)
    was, now = other.span_text(s.text), atom.span_text(d.text)
    return change(
        kind,
        "high",
        "value-changed",
        f"{kind} changed: the source says “{was}”, the rewrite “{now}”",
        d,
        (atom.start, atom.end),
        s,
        (other.start, other.end),
    )


def _vague_place(d: Part, s: Part, atom: Atom) -> tuple[int, int] | None:
    """A vague amount or time of the source clause in the place of the derived value.
    Not when the rewrite keeps it ("in recent years" kept, a "Monday" added beside it:
    another fact, not the vague one made exact)."""
    kept = {m.phrase for m in d.markers("vague")}
    for marker in s.markers("vague"):
        if marker.phrase in kept:
            continue
        if marker.value == "time" and atom.kind in DATES:
            return s.span(marker.first, marker.last)
        if marker.value == "amount" and atom.kind == "number":
            head = d.counted_noun(atom.last_token)
            if head is not None and head == s.counted_noun(marker.last):
                return s.span(marker.first, marker.last)
    return None


@lru_cache(maxsize=64)
def _all_values(doc: Document) -> tuple[Atom, ...]:
    return tuple(
        a
        for sentence in doc.sentences
        for a in sentence_atoms(doc, sentence.index)
        if a.kind in VALUES
    )


def _anywhere(atom: Atom, source: Document, text: str) -> bool:
    """Does the source have this value anywhere (then the rewrite moved it, not added it)?
    Its atoms are read only when a word of the value is in the source's text at all."""
    words = [w for w in atom.span_text(text).replace(",", " ").split() if w.isalnum()]
    if words and not any(w in source.text for w in words):
        return False
    return any(same_value(atom, other) for other in _all_values(source))


def support(pair: ClausePair) -> float:
    """Share of the derived clause's content weight that its source clause has."""
    if pair.source is None:
        return 0.0
    bag, other = pair.derived.bag, pair.source.bag
    total = sum(bag.values())
    return sum(w for k, w in bag.items() if k in other) / total if total else 0.0


def value_changes(pair: ClausePair, source: Document) -> tuple[list[ChangeReport], list[Added]]:
    """Changed, swapped and made-precise values of one clause pair, and values it adds.
    A figure and the same figure rounded ("5%", "5.11%") are one value."""
    d, s = pair.derived, pair.source
    d_atoms = _values(d)
    if not d_atoms:
        return (_magnitudes(d, s) if s is not None else []), []
    s_atoms = _values(s) if s is not None else []
    equal = _pair_equal(d_atoms, s_atoms, d, s) if s is not None else []
    used = {id(x) for pair_ in equal for x in pair_}
    left_d = [a for a in d_atoms if id(a) not in used]
    left_s = [a for a in s_atoms if id(a) not in used]
    changes = _swaps(d, s, equal) + _magnitudes(d, s) if s is not None else []
    added: list[Added] = []
    # words copied around the value make a lone pair of values one place
    strength = max(support(pair), pair.match.verbatim_share)
    for atom in left_d:
        stated, shared = _stated_where(atom, d, source, pair, used)
        if stated == "near":
            # the value stands elsewhere in the context, but its own clause has another
            # value in a place more like its own: "the 1974 European Cup" where the source
            # has "a European Cup in 1971" (and "the 1974 World Cup" a sentence before)
            own = _counterpart(d, s, atom, left_s, 0.0) if s is not None else None
            if (
                own is not None
                and s is not None
                and len(_around(d, atom) & _around(s, own)) > shared
                and same_proposition(d, s)
                and not rounded(atom, d.text, own, s.text)
            ):
                left_s.remove(own)
                changes.append(_changed(d, atom, s, own))
            continue
        if stated == "aligned":
            # elsewhere in the merged sentences, but its own clause says another value
            # in its place: "figures on Monday" told as "figures on Friday" because
            # another clause has a Friday
            own = _counterpart(d, s, atom, left_s, 0.0) if s is not None else None
            if own is not None and s is not None and same_proposition(d, s):
                left_s.remove(own)
                if not rounded(atom, d.text, own, s.text):
                    changes.append(_changed(d, atom, s, own))
            continue
        other = _counterpart(d, s, atom, left_s, strength) if s is not None else None
        if other is not None and s is not None:
            left_s.remove(other)
            if not rounded(atom, d.text, other, s.text):  # rounded or converted
                changes.append(_changed(d, atom, s, other))
            continue
        beyond = _counterpart_beyond(pair, source, atom)
        if beyond is not None:
            if not rounded(atom, d.text, beyond[1], beyond[0].text):
                changes.append(_changed(d, atom, *beyond))
            continue
        vague = _vague_place(d, s, atom) if s is not None else None
        if vague is not None and s is not None:
            was = s.text[vague[0] : vague[1]]
            now = atom.span_text(d.text)
            changes.append(
                change(
                    "precision",
                    "medium",
                    "vague-made-exact",
                    f"made precise: the source says “{was}”, the rewrite “{now}”",
                    d,
                    (atom.start, atom.end),
                    s,
                    vague,
                )
            )
            continue
        if not _anywhere(atom, source, d.text):
            added.append(Added(d.sentence.index, atom.start, atom.end, atom.span_text(d.text)))
    return changes, added


MAGNITUDES = {
    "dozens": 12.0,
    "scores": 20.0,
    "hundreds": 1e2,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}


def _magnitude(part: Part) -> dict[str, tuple[float, tuple[int, int]]]:
    """Head noun key -> the order of a vague amount before it ("hundreds of hopefuls")."""
    found = {}
    for marker in part.markers("vague"):
        word = marker.phrase.split()[0]
        head = part.counted_noun(marker.last)
        if word in MAGNITUDES and head is not None:
            found[head] = (MAGNITUDES[word], part.span(marker.first, marker.last))
    return found


def _magnitudes(d: Part, s: Part) -> list[ChangeReport]:
    """ "hundreds of candidates" -> "thousands of candidates": the order of an amount."""
    s_vague = _magnitude(s)
    out = []
    for head, (size, span) in _magnitude(d).items():
        other = s_vague.get(head) or (next(iter(s_vague.values())) if len(s_vague) == 1 else None)
        if other is None or other[0] == size:
            continue
        was, now = s.text[other[1][0] : other[1][1]], d.text[span[0] : span[1]]
        out.append(
            change(
                "number",
                "high",
                "value-changed",
                f"number changed: the source says “{was}”, the rewrite “{now}”",
                d,
                span,
                s,
                other[1],
            )
        )
    return out


def _swaps(d: Part, s: Part, equal: list[tuple[Atom, Atom]]) -> list[ChangeReport]:
    """Two values of the source clause exchanged between their places."""
    out = []
    for n, (d1, s1) in enumerate(equal):
        for d2, s2 in equal[n + 1 :]:
            if not same_unit(s1, s2) or same_value(s1, s2):
                continue
            a1, a2 = _around(d, d1), _around(d, d2)
            b1, b2 = _around(s, s1), _around(s, s2)
            if a1 & b2 and a2 & b1 and not a1 & b1 and not a2 & b2:
                out.append(
                    change(
                        _kind(d1, s1),
                        "high",
                        "values-swapped",
                        f"values swapped: the source gives “{s1.span_text(s.text)}” and "
                        f"“{s2.span_text(s.text)}” the other way round",
                        d,
                        (d1.start, d1.end),
                        s,
                        (s2.start, s2.end),
                    )
                )
    return out


ROLE_PREPOSITIONS = frozenset("from to by of at for with than".split())


def _role(part: Part, atom: Atom) -> tuple[str, str]:
    """Where a value stands: the preposition just before it ("from $3.10") and the
    nearest content word before it ("asked for 4.5 percent"), numbers skipped."""
    first = atom.first_token
    before = part.norm(first - 1) if first > part.first else ""
    prep = before if before in ROLE_PREPOSITIONS else ""
    word = ""
    for i in range(first - 1, max(part.first, first - 5) - 1, -1):
        if part.weight(i) > 0 and not part.norm(i)[:1].isdigit():
            word = part.key(i)
            break
    return prep, word


def _same_role(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """The prepositions decide when both have one ("from" is not "to"), else the words."""
    if a[0] and b[0]:
        return a[0] == b[0]
    return a[1] != "" and a[1] == b[1]


def _equal(a: Atom, b: Atom) -> bool:
    if a.kind == "entity" or b.kind == "entity":
        return a.kind == b.kind and a.value == b.value
    return same_value(a, b)


def _same_order(d_atoms: list[Atom], s_atoms: list[Atom]) -> bool:
    """Do the values both sentences have come in the same order in each?"""
    at = [next((k for k, a in enumerate(s_atoms) if _equal(a, d)), None) for d in d_atoms]
    found = [k for k in at if k is not None]
    return found == sorted(found)


def sentence_swaps(derived: Part, sources: list[Part]) -> list[ChangeReport]:
    """Two values of one source sentence given each other's places ("from $2.75 to
    $3.10" -> "from $3.10 to $2.75"; the demand and the offer exchanged)."""
    d_atoms = [a for a in derived.atoms if a.kind in VALUES or a.kind == "entity"]
    if len(d_atoms) < 2 or roster(derived.sentence.text):
        return []  # a squad list printed in another order swaps nothing
    for s in sources:
        s_atoms = [a for a in s.atoms if a.kind in VALUES or a.kind == "entity"]
        if _same_order(d_atoms, s_atoms):
            continue  # the shared values stand in the same order: none took another's place
        for n, d1 in enumerate(d_atoms):
            for d2 in d_atoms[n + 1 :]:
                if not same_unit(d1, d2) or _equal(d1, d2):
                    continue
                s1 = next((a for a in s_atoms if _equal(a, d1)), None)
                s2 = next((a for a in s_atoms if _equal(a, d2)), None)
                if s1 is None or s2 is None:
                    continue
                r1, r2 = _role(derived, d1), _role(derived, d2)
                q1, q2 = _role(s, s1), _role(s, s2)
                if d1.kind == "entity" and not all(r[1] for r in (r1, r2, q1, q2)):
                    continue  # names swap only between places that a word marks
                if _same_role(q1, q2) or _same_role(r1, q1) or _same_role(r2, q2):
                    continue
                if _same_role(r1, q2) and _same_role(r2, q1):
                    return [
                        change(
                            "entity" if d1.kind == "entity" else _kind(d1, s1),
                            "high",
                            "values-swapped",
                            f"values swapped: the source gives “{s1.span_text(s.text)}” and "
                            f"“{s2.span_text(s.text)}” the other way round",
                            derived,
                            (min(d1.start, d2.start), max(d1.end, d2.end)),
                            s,
                            (min(s1.start, s2.start), max(s1.end, s2.end)),
                        )
                    ]
    return []
