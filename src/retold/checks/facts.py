"""Changed facts inside aligned sentence pairs: the smallest differing spans and why they matter.

Each check compares one derived sentence with the source sentence(s) it is aligned to:
quantities, money and dates by value; names; hedges, modality and negation anchored to
the word they govern (so a hedge elsewhere in a merged source sentence does not count);
who a claim is attributed to; and the key verb or object next to a shared fact.
Precision comes first: a faithful paraphrase must raise nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from importlib import resources
from itertools import compress

from rapidfuzz.distance import Levenshtein

from retold.align.sentences import Alignment, SentenceMatch
from retold.checks.atoms import NAME_JOINERS, Atom, sentence_atoms
from retold.checks.records import ChangeReport
from retold.text.document import Document, Sentence
from retold.text.lexicon import NUMBER_WORDS, word_key
from retold.text.tokens import normalize

ATTACH_WINDOW = 4  # tokens between a hedge/modal/negator and the word it governs
# Titles and roles: "Mayor Paul Grant" is not "Mayor Elena Marsh" because both are mayors.
TITLES = frozenset(
    """mr mrs ms dr sir president prime minister mayor ambassador senator sen rep governor
    gov secretary chief director spokesman spokeswoman spokesperson chairman chairwoman ceo
    officer official officials councilor councillor judge general gen lord lady king queen
    the former deputy vice""".split()
)
# Dropping these turns an unproven accusation or report into a fact: high severity.
DOUBT_HEDGES = frozenset(
    "alleged allegedly reportedly suspected unconfirmed claimed purportedly supposedly".split()
)
ADDITIVE = frozenset("only just merely simply".split())
DISCOURSE = frozenset("first second third finally also however meanwhile still then".split())
NUMERIC = {"number", "money", "percent"}
DATES = {"year", "day", "month", "weekday"}
SKIP_AS_ANCHOR = frozenset("be been being is are was were have has had not soon also still".split())


def _lines(name: str) -> list[str]:
    raw = resources.files("retold").joinpath(f"data/{name}").read_text("utf-8")
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]


@dataclass(frozen=True)
class Lexicons:
    hedges: dict[tuple[str, ...], str]
    modals: dict[str, float]
    negators: dict[tuple[str, ...], str]
    reporting: frozenset[str]
    modal_phrases: dict[tuple[str, ...], str]
    first_words: frozenset[str]  # first word of every phrase above: a quick filter


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    hedges = {tuple(p.split("\t")[0].split()): p.split("\t")[1] for p in _lines("hedges.txt")}
    modals = {p.split("\t")[0]: float(p.split("\t")[1]) for p in _lines("modality.txt")}
    negators = {tuple(p.split()): p for p in _lines("negation.txt")}
    modal_phrases: dict[tuple[str, ...], str] = {(m,): m for m in modals}
    first = frozenset(p[0] for table in (hedges, negators, modal_phrases) for p in table)
    return Lexicons(
        hedges, modals, negators, frozenset(_lines("reporting_verbs.txt")), modal_phrases, first
    )


# ---------------------------------------------------------------- a side of the pair


@dataclass(frozen=True)
class Side:
    """A sentence or a group of aligned sentences, flattened to tokens."""

    text: str
    sentences: tuple[Sentence, ...]
    norms: tuple[str, ...]
    keys: tuple[str, ...]
    weights: tuple[float, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    owner: tuple[int, ...]  # sentence index of each token
    atoms: tuple[tuple[Atom, int], ...]  # atom and the flat index of its first token

    @classmethod
    def of(cls, sentences: Iterable[Sentence], doc: Document) -> Side:
        sents = tuple(sentences)
        if len(sents) == 1:
            return _single_side(doc, sents[0].index)
        parts = [_single_side(doc, s.index) for s in sents]
        atoms: list[tuple[Atom, int]] = []
        offset = 0
        for part in parts:
            atoms.extend((a, first + offset) for a, first in part.atoms)
            offset += len(part.norms)
        return cls(
            doc.text,
            sents,
            tuple(x for p in parts for x in p.norms),
            tuple(x for p in parts for x in p.keys),
            tuple(x for p in parts for x in p.weights),
            tuple(x for p in parts for x in p.starts),
            tuple(x for p in parts for x in p.ends),
            tuple(x for p in parts for x in p.owner),
            tuple(atoms),
        )

    @cached_property
    def vocabulary(self) -> tuple[frozenset[str], frozenset[str]]:
        """Words and their 5-letter prefixes."""
        return frozenset(self.norms), frozenset(w[:5] for w in self.norms if len(w) > 5)

    @cached_property
    def compact_names(self) -> frozenset[str]:
        """Every 1-3 word run written compactly ("bbc2"): built only when a name needs it."""
        norms = self.norms
        return frozenset(
            _compact(norms[i : i + n]) for n in (1, 2, 3) for i in range(len(norms) - n + 1)
        )

    def span(self, first: int, last: int) -> tuple[int, int, str]:
        start, end = self.starts[first], self.ends[last]
        return start, end, self.text[start:end]

    def phrase_at(self, table: dict[tuple[str, ...], str], i: int) -> tuple[str, ...] | None:
        """The longest phrase of `table` starting at token i."""
        if self.norms[i] not in lexicons().first_words:
            return None
        for size in (3, 2, 1):
            words = self.norms[i : i + size]
            if len(words) == size and words in table:
                return words
        return None

    def anchor_after(self, i: int) -> int | None:
        """The first content word within the window after token i: what a marker governs."""
        for j in range(i + 1, min(len(self.norms), i + 1 + ATTACH_WINDOW)):
            if self.owner[j] != self.owner[i]:
                return None
            if not self.light(j):
                return j
        return None

    def light(self, j: int) -> bool:
        """Words a marker reaches over: function words, "be"/"have", adverbs ("also", "-ly")."""
        norm = self.norms[j]
        return (
            self.weights[j] == 0
            or norm in SKIP_AS_ANCHOR
            or (len(norm) > 4 and norm.endswith("ly"))
        )

    def governed(self, key: str, table: dict[tuple[str, ...], str]) -> tuple[int, int, str] | None:
        """A marker of `table` standing before any use of `key`, over light words only."""
        for pos in self.positions(key):
            for i in range(pos - 1, max(-1, pos - 2 - ATTACH_WINDOW), -1):
                if self.owner[i] != self.owner[pos]:
                    break
                phrase = self.phrase_at(table, i)
                if (
                    phrase
                    and i + len(phrase) <= pos
                    and self.norms[i + len(phrase)] not in ADDITIVE
                ):
                    return i, i + len(phrase) - 1, " ".join(phrase)
                if self.norms[i].endswith("n't") and table is lexicons().negators:
                    return i, i, self.norms[i]
                if not self.light(i):
                    break
        return None

    def positions(self, key: str) -> list[int]:
        return [i for i, k in enumerate(self.keys) if k == key]


@lru_cache(maxsize=256)
def _side_cache(doc: Document) -> dict[int, Side]:
    """Per-document store of one-sentence Sides, filled on demand (a source sentence is
    compared with several derived ones; most sentences are never needed)."""
    return {}


def _single_side(doc: Document, index: int) -> Side:
    cache = _side_cache(doc)
    side = cache.get(index)
    if side is None:
        s = doc.sentences[index]
        side = Side(
            doc.text,
            (s,),
            s.norms,
            s.keys,
            s.weights,
            s.starts,
            s.ends,
            (s.index,) * len(s.norms),
            tuple([(a, a.first_token) for a in sentence_atoms(doc, index)]),
        )
        cache[index] = side
    return side


@dataclass(frozen=True)
class Pair:
    derived: Side
    source: Side
    sentence: int  # derived sentence index
    match: SentenceMatch

    def change(
        self,
        kind: str,
        severity: str,
        explanation: str,
        d: tuple[int, int] | None,
        s: tuple[int, int] | None,
        source_sentence: int | None = None,
    ) -> ChangeReport:
        d_start, d_end, d_text = self.derived.span(*d) if d else (-1, -1, "")
        s_start, s_end, s_text = self.source.span(*s) if s else (-1, -1, "")
        if source_sentence is None:
            source_sentence = self.source.owner[s[0]] if s else self.match.source_sentences[0]
        return ChangeReport(
            kind=kind,
            sentence=self.sentence,
            source_sentence=source_sentence,
            derived_text=d_text,
            source_text=s_text,
            severity=severity,
            explanation=explanation,
            derived_start=d_start,
            derived_end=d_end,
            source_start=s_start,
            source_end=s_end,
        )


# ---------------------------------------------------------------- quantities and dates


def _numeric(value: str) -> float:
    return float(value.split("|")[0])


def _same_fact(a: Atom, b: Atom) -> bool:
    if a.kind in NUMERIC and b.kind in NUMERIC:
        same_number = abs(_numeric(a.value) - _numeric(b.value)) <= 1e-9 * max(
            1.0, abs(_numeric(a.value))
        )
        currency_a, currency_b = a.value.partition("|")[2], b.value.partition("|")[2]
        return same_number and (not currency_a or not currency_b or currency_a == currency_b)
    if a.kind in DATES and b.kind in DATES:
        if a.kind == b.kind:
            return a.value == b.value
        pair = {a.kind: a.value, b.kind: b.value}
        if "day" in pair and "month" in pair:  # "Nov. 10" vs "November"
            return pair["day"].split("-")[0] == pair["month"]
    return False


def _compatible(a: Atom, b: Atom) -> bool:
    if a.kind in NUMERIC and b.kind in NUMERIC:
        return True
    return a.kind in DATES and b.kind == a.kind


def _neighbours(side: Side, atom: Atom, first: int) -> set[str]:
    last = first + (atom.last_token - atom.first_token)
    window = range(max(0, first - 3), min(len(side.keys), last + 4))
    return {side.keys[i] for i in window if (i < first or i > last) and side.weights[i] > 0}


def _unmatched(
    pair: Pair, kinds: set[str]
) -> tuple[list[tuple[Atom, int]], list[tuple[Atom, int]]]:
    """Atoms of each side with no equal partner on the other, matched one to one (so
    "five computers over three days" -> "three computers over three days" leaves one
    "three" unmatched), equal atoms paired by shared neighbouring words first."""
    d_atoms = [x for x in pair.derived.atoms if x[0].kind in kinds]
    s_atoms = [x for x in pair.source.atoms if x[0].kind in kinds]
    options = sorted(
        (
            -len(_neighbours(pair.derived, *d) & _neighbours(pair.source, *sa)),
            n,
            m,
        )
        for n, d in enumerate(d_atoms)
        for m, sa in enumerate(s_atoms)
        if _same_fact(d[0], sa[0])
    )
    d_used: set[int] = set()
    s_used: set[int] = set()
    for _, n, m in options:
        if n not in d_used and m not in s_used:
            d_used.add(n)
            s_used.add(m)
    d_left = [x for n, x in enumerate(d_atoms) if n not in d_used]
    s_left = [y for m, y in enumerate(s_atoms) if m not in s_used]
    return d_left, s_left


def _pairs_by_context(
    pair: Pair, kinds: set[str]
) -> Iterator[tuple[tuple[Atom, int], tuple[Atom, int]]]:
    """Derived and source atoms that sit in the same place but differ in value."""
    d_left, s_left = _unmatched(pair, kinds)
    used: set[int] = set()
    for d in d_left:
        d_context = _neighbours(pair.derived, *d)
        best, best_shared = None, 0
        for n, s in enumerate(s_left):
            if n in used or not _compatible(d[0], s[0]):
                continue
            shared = len(d_context & _neighbours(pair.source, *s))
            if shared > best_shared:
                best, best_shared = n, shared
        lone = len(d_left) == 1 and len(s_left) == 1 and _compatible(d[0], s_left[0][0])
        if best is None and lone and pair.match.verbatim_share >= 0.5:
            best = 0
        if best is not None:
            used.add(best)
            yield d, s_left[best]


def quantity_changes(pair: Pair) -> list[ChangeReport]:
    out = []
    for kinds in (NUMERIC, DATES):
        for (d, d_first), (s, s_first) in _pairs_by_context(pair, kinds):
            kind = (
                "money"
                if "money" in (d.kind, s.kind)
                else ("date" if d.kind in DATES else "number")
            )
            was, now = s.span_text(pair.source.text), d.span_text(pair.derived.text)
            change = pair.change(
                kind,
                "high",
                f"{kind} changed: the source says “{was}”, the rewrite “{now}”",
                (d_first, d_first),
                (s_first, s_first),
            )
            out.append(_with_atom_spans(change, d, s, pair))
    return out


def _with_atom_spans(change: ChangeReport, d: Atom, s: Atom, pair: Pair) -> ChangeReport:
    """The change's spans set to the atoms' own (with "£" or "%", which tokens leave out)."""
    return replace(
        change,
        derived_start=d.start,
        derived_end=d.end,
        derived_text=d.span_text(pair.derived.text),
        source_start=s.start,
        source_end=s.end,
        source_text=s.span_text(pair.source.text),
    )


# ---------------------------------------------------------------- names


def _compact(words: Iterable[str]) -> str:
    """ "BBC Two" and "BBC2" alike: number words as digits, no spaces."""
    return "".join(str(NUMBER_WORDS[w]) if w in NUMBER_WORDS else w for w in words)


def _name_supported(value: str, side: Side) -> bool:
    words, prefixes = side.vocabulary
    if all(w in words or (len(w) > 5 and w[:5] in prefixes) for w in value.split()):
        return True
    return _compact(value.split()) in side.compact_names


def _acronym(value: str) -> str:
    words = [w for w in value.split() if w not in NAME_JOINERS]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def _same_name(a: str, b: str) -> bool:
    """One name written two ways: an acronym and its words ("UK", "United Kingdom")."""
    return _acronym(a) == _compact(b.split()) or _acronym(b) == _compact(a.split())


def entity_changes(pair: Pair, speakers: set[int]) -> list[ChangeReport]:
    """A name in the rewrite that the source does not have, in place of one it does."""
    d_new = [
        (a, i)
        for a, i in pair.derived.atoms
        if a.kind == "entity" and i not in speakers and not _name_supported(a.value, pair.source)
    ]
    s_gone = [
        (a, i)
        for a, i in pair.source.atoms
        if a.kind == "entity" and not _name_supported(a.value, pair.derived)
    ]
    out = []
    used: set[int] = set()
    for d, d_first in d_new:
        d_context = _neighbours(pair.derived, d, d_first)
        for n, (s, s_first) in enumerate(s_gone):
            if n in used:
                continue
            if _same_name(d.value, s.value):
                used.add(n)  # "US" for "United States": one name
                break
            lone = len(d_new) == 1 and len(s_gone) == 1 and pair.match.verbatim_share >= 0.5
            if lone or d_context & _neighbours(pair.source, s, s_first):
                used.add(n)
                was, now = s.span_text(pair.source.text), d.span_text(pair.derived.text)
                out.append(
                    pair.change(
                        "entity",
                        "high",
                        f"name changed: the source says “{was}”, the rewrite “{now}”",
                        (d_first, d_first + d.last_token - d.first_token),
                        (s_first, s_first + s.last_token - s.first_token),
                    )
                )
                break
    return out


# ---------------------------------------------------------------- markers: hedges, modals, negation


def _markers(side: Side, table: dict[tuple[str, ...], str]) -> dict[str, tuple[int, int, str]]:
    """Anchor key -> (marker start, marker end, phrase) for every marker in the side."""
    found: dict[str, tuple[int, int, str]] = {}
    first_words = lexicons().first_words
    norms = side.norms
    free = 0  # first position not inside a marker already read
    for i in compress(range(len(norms)), map(first_words.__contains__, norms)):
        if i < free:
            continue
        phrase = side.phrase_at(table, i)
        if phrase is None:
            continue
        last = i + len(phrase) - 1
        anchor = side.anchor_after(last)
        if anchor is not None and (
            table[phrase] != "approx" or _starts_quantity(side, anchor, last)
        ):
            found.setdefault(side.keys[anchor], (i, last, " ".join(phrase)))
        free = last + 1
    return found


def _starts_quantity(side: Side, anchor: int, marker_end: int) -> bool:
    """An approximation hedge must stand right before a number ("about $85 million")."""
    return anchor == marker_end + 1 and any(
        first == anchor and a.kind in NUMERIC for a, first in side.atoms
    )


def _present(side: Side, key: str) -> int | None:
    positions = side.positions(key)
    return positions[0] if positions else None


def hedge_changes(pair: Pair) -> list[ChangeReport]:
    table = lexicons().hedges
    d_hedges, s_hedges = _markers(pair.derived, table), _markers(pair.source, table)
    out = []
    for key, (first, last, phrase) in s_hedges.items():
        at = _present(pair.derived, key)
        if at is not None and key not in d_hedges and not pair.derived.governed(key, table):
            severity = "high" if phrase in DOUBT_HEDGES else "medium"
            said = pair.source.span(first, min(last + 1, len(pair.source.norms) - 1))[2]
            out.append(
                pair.change(
                    "hedge",
                    severity,
                    f"hedge dropped: the source says “{said}”; the rewrite states it without “{phrase}”",
                    (at, at),
                    (first, last),
                )
            )
    for key, (first, last, phrase) in d_hedges.items():
        at = _present(pair.source, key)
        if at is not None and key not in s_hedges and not pair.source.governed(key, table):
            out.append(
                pair.change(
                    "hedge",
                    "medium",
                    f"hedge added: the rewrite adds “{phrase}”, which the source does not have",
                    (first, last),
                    (at, at),
                )
            )
    return out


def _strength(modal: str | None) -> float:
    return 1.0 if modal is None else lexicons().modals[modal]


def modality_changes(pair: Pair) -> list[ChangeReport]:
    table = lexicons().modal_phrases
    d_modals, s_modals = _markers(pair.derived, table), _markers(pair.source, table)
    out = []
    for key in set(d_modals) | set(s_modals):
        d_at, s_at = _present(pair.derived, key), _present(pair.source, key)
        if d_at is None or s_at is None:
            continue
        d_found = d_modals.get(key) or pair.derived.governed(key, table)
        s_found = s_modals.get(key) or pair.source.governed(key, table)
        d_mod = d_found[2] if d_found else None
        s_mod = s_found[2] if s_found else None
        if d_mod == s_mod:
            continue
        delta = abs(_strength(d_mod) - _strength(s_mod))
        if None in (d_mod, s_mod) and min(_strength(d_mod), _strength(s_mod)) > 0.7:
            continue  # "will visit" vs "visits": same claim
        severity = "high" if delta >= 0.4 else "medium" if delta >= 0.2 else "low"
        d_span = (d_found[0], d_found[1]) if d_found else (d_at, d_at)
        s_span = (s_found[0], s_found[1]) if s_found else (s_at, s_at)
        was, now = s_mod or "(plain statement)", d_mod or "(plain statement)"
        stronger = "more certain" if _strength(d_mod) > _strength(s_mod) else "less certain"
        out.append(
            pair.change(
                "modality",
                severity,
                f"modality changed: “{was}” → “{now}” ({stronger})",
                d_span,
                s_span,
            )
        )
    return out


def _not_only(side: Side, last: int) -> bool:
    """ "not only", "not just": a negator that adds, not denies."""
    return last + 1 < len(side.norms) and side.norms[last + 1] in ADDITIVE


def _negations(side: Side) -> dict[str, tuple[int, int, str]]:
    table = lexicons().negators
    found = {
        key: marker
        for key, marker in _markers(side, table).items()
        if not _not_only(side, marker[1])
    }
    for i, norm in enumerate(side.norms):
        if norm.endswith("n't"):
            anchor = side.anchor_after(i)
            if anchor is not None:
                found.setdefault(side.keys[anchor], (i, i, norm))
    return found


def negation_changes(pair: Pair) -> list[ChangeReport]:
    d_neg, s_neg = _negations(pair.derived), _negations(pair.source)
    out = []
    negators = lexicons().negators
    for key in set(d_neg) ^ set(s_neg):
        d_at, s_at = _present(pair.derived, key), _present(pair.source, key)
        if d_at is None or s_at is None:
            continue
        other = pair.source if key in d_neg else pair.derived
        if other.governed(key, negators):
            continue
        if key in d_neg:
            first, _, word = d_neg[key]
            out.append(
                pair.change(
                    "negation",
                    "high",
                    f"negation added: the rewrite says “{word}” where the source does not",
                    (first, first),
                    (s_at, s_at),
                )
            )
        else:
            first, _, word = s_neg[key]
            out.append(
                pair.change(
                    "negation",
                    "high",
                    f"negation dropped: the source says “{word}”, the rewrite does not",
                    (d_at, d_at),
                    (first, first),
                )
            )
    return out


# ---------------------------------------------------------------- attribution


@dataclass(frozen=True)
class Speaker:
    words: frozenset[str]
    first: int
    last: int


def _speaker_at(side: Side, first: int, last: int) -> Speaker:
    """A speaker by comparison keys: "authorities" and "officials" are one speaker."""
    words = frozenset(
        k
        for k, w in zip(side.keys[first : last + 1], side.weights[first : last + 1], strict=True)
        if w > 0 or k[:1].isalpha()
    )
    return Speaker(words - _title_keys(), first, last)


@lru_cache(maxsize=1)
def _title_keys() -> frozenset[str]:
    return frozenset(word_key(t) for t in TITLES)


def _speaker(side: Side, sentence: int) -> Speaker | None:
    """Who the sentence attributes its claim to: "X said", "said X", "according to X"."""
    reporting = lexicons().reporting
    idx = [i for i, o in enumerate(side.owner) if o == sentence]
    names = {
        first: a for a, first in side.atoms if a.kind == "entity" and side.owner[first] == sentence
    }
    for i in idx:
        if side.norms[i] not in reporting:
            continue
        if side.norms[i] == "according" and i + 2 < len(side.norms) and side.norms[i + 1] == "to":
            after = names.get(i + 2)
            if after:
                return _speaker_at(side, i + 2, i + 2 + after.last_token - after.first_token)
        for first, atom in names.items():
            end = first + atom.last_token - atom.first_token
            between = side.norms[end + 1 : i]
            if (
                first < i
                and len(between) <= 3
                and all(
                    w in ("has", "have", "had", "long", "also", "repeatedly", "previously")
                    for w in between
                )
            ):
                return _speaker_at(side, first, end)
        after = names.get(i + 1)
        inverted = i > idx[0] and any(
            c in side.text[side.ends[i - 1] : side.starts[i]] for c in ',"\u201d'
        )
        if after and inverted:
            return _speaker_at(side, i + 1, i + 1 + after.last_token - after.first_token)
        j = i - 1
        while j >= idx[0] and side.norms[j] in ("has", "have", "had", "long", "also"):
            j -= 1
        if j >= idx[0] and side.weights[j] > 0:  # "officials said"
            start = j - 1 if j - 1 >= idx[0] and side.weights[j - 1] > 0 else j
            return _speaker_at(side, start, j)
    return None


def attribution_changes(pair: Pair) -> tuple[list[ChangeReport], set[int]]:
    d_speaker = _speaker(pair.derived, pair.sentence)
    speakers = {i for i in range(d_speaker.first, d_speaker.last + 1)} if d_speaker else set()
    for j in pair.match.source_sentences:
        s_speaker = _speaker(pair.source, j)
        if s_speaker is None:
            continue
        if d_speaker is None:
            continue  # dropping "he said" is common and usually harmless; quotes are checked apart
        if d_speaker.words & s_speaker.words or not d_speaker.words or not s_speaker.words:
            return [], speakers
        d_name = " ".join(pair.derived.norms[d_speaker.first : d_speaker.last + 1])
        s_name = " ".join(pair.source.norms[s_speaker.first : s_speaker.last + 1])
        if _same_name(d_name, s_name):
            return [], speakers
        was = pair.source.span(s_speaker.first, s_speaker.last)[2]
        now = pair.derived.span(d_speaker.first, d_speaker.last)[2]
        return [
            pair.change(
                "attribution",
                "medium",
                f"attribution changed: the source attributes this to “{was}”, the rewrite to “{now}”",
                (d_speaker.first, d_speaker.last),
                (s_speaker.first, s_speaker.last),
                j,
            )
        ], speakers
    return [], speakers


# ---------------------------------------------------------------- key verb or object


def _edit_blocks(d_keys: list[str], s_keys: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes with neighbouring non-equal ops merged: "enter service" -> "fly" is one block."""
    blocks: list[tuple[str, int, int, int, int]] = []
    for op in Levenshtein.opcodes(d_keys, s_keys):
        tag = "equal" if op.tag == "equal" else "change"
        if blocks and blocks[-1][0] == tag == "change":
            _, d0, _, s0, _ = blocks[-1]
            blocks[-1] = (tag, d0, op.src_end, s0, op.dest_end)
        else:
            blocks.append((tag, op.src_start, op.src_end, op.dest_start, op.dest_end))
    return blocks


def _content_words(side: Side, rng: range) -> int:
    return sum(
        1
        for i in rng
        if side.weights[i] >= 1.5 and len(side.norms[i]) >= 3 and side.norms[i] not in DISCOURSE
    )


def meaning_changes(pair: Pair, taken: set[int]) -> list[ChangeReport]:
    """A reworded predicate inside copied context next to a shared fact.

    "expected to enter service in 2028" -> "expected to fly in 2028": the words around
    are the source's, a fact both share is within two words, and one or two content
    words were swapped for others that are not stems, synonyms or prefixes of them.
    """
    d, s = pair.derived, pair.source
    fact_tokens = {
        first + k for a, first in d.atoms for k in range(a.last_token - a.first_token + 1)
    }
    lex = lexicons()
    markers = (
        set(lex.modals) | {w for p in lex.hedges for w in p} | {w for p in lex.negators for w in p}
    )
    blocks = _edit_blocks(list(d.keys), list(s.keys))
    out = []
    for n, (tag, d0, d1, s0, s1) in enumerate(blocks):
        if tag != "change" or d0 == d1 or s0 == s1:
            continue
        left = blocks[n - 1][2] - blocks[n - 1][1] if n > 0 else 0
        right = blocks[n + 1][2] - blocks[n + 1][1] if n + 1 < len(blocks) else 0
        if left < 2 or right < 1:
            continue  # not embedded in copied text
        d_rng, s_rng = range(d0, d1), range(s0, s1)
        if not 1 <= _content_words(d, d_rng) <= 2 or not 1 <= _content_words(s, s_rng) <= 2:
            continue
        if any(i in taken or i in fact_tokens or d.norms[i] in markers for i in d_rng):
            continue
        if any(s.norms[j] in markers for j in s_rng) or any(first in s_rng for _, first in s.atoms):
            continue
        if not any(d0 - 2 <= t < d0 or d1 <= t < d1 + 2 for t in fact_tokens):
            continue
        was, now = s.span(s_rng[0], s_rng[-1])[2], d.span(d_rng[0], d_rng[-1])[2]
        out.append(
            pair.change(
                "meaning",
                "medium",
                f"key wording changed next to a shared fact: “{was}” → “{now}”",
                (d_rng[0], d_rng[-1]),
                (s_rng[0], s_rng[-1]),
            )
        )
    return out


# ---------------------------------------------------------------- all checks


def check_pair(pair: Pair) -> list[ChangeReport]:
    """Every change between one derived sentence and its aligned source sentence(s)."""
    attribution, speakers = attribution_changes(pair)
    changes = quantity_changes(pair) + entity_changes(pair, speakers) + attribution
    changes += hedge_changes(pair) + modality_changes(pair) + negation_changes(pair)
    taken = {
        i
        for c in changes
        for i, start in enumerate(pair.derived.starts)
        if c.derived_start <= start < c.derived_end
    }
    return changes + meaning_changes(pair, taken)


def _exact_copy(sentence: Sentence, sources: list[Sentence]) -> bool:
    """The same characters (typographic marks and spacing aside): "$4m" vs "£4m" is not."""
    if len(sources) != 1 or sentence.words != sources[0].words:
        return False
    if sentence.text == sources[0].text:
        return True
    return _plain(sentence.text) == _plain(sources[0].text)


def _plain(text: str) -> str:
    return " ".join(normalize(text).text.split())


def find_changes(alignment: Alignment) -> tuple[ChangeReport, ...]:
    """Changed facts in every aligned sentence of the rewrite, in sentence order."""
    source, derived = alignment.source, alignment.derived
    changes: list[ChangeReport] = []
    for match in alignment.matches:
        if not match.source_sentences or match.label not in ("verbatim", "paraphrase"):
            continue
        if _exact_copy(
            derived.sentences[match.sentence], [source.sentences[j] for j in match.source_sentences]
        ):
            continue  # the same words in the same order: no fact can differ
        pair = Pair(
            Side.of([derived.sentences[match.sentence]], derived),
            Side.of([source.sentences[j] for j in match.source_sentences], source),
            match.sentence,
            match,
        )
        changes.extend(check_pair(pair))
    return tuple(changes)
