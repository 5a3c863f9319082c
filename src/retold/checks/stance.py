"""How a clause holds its content: negation, modality, hedges, hopes and plans, quantifiers.

Each check compares a derived clause with the source clause it comes from, and only
when both state the same proposition (the word a marker governs is in both):
- *negation*: the same predicate's polarity flipped ("refused to", "stopped short of"
  count as negators, so "stopped short of ruling out" = "did not rule out", and "no
  agreement was reached" = "they have not agreed");
- *modality*: the same proposition's certainty changed ("could take" -> "will take"),
  the tense shift of reported speech aside ("we will appeal" -> she said they would);
- *certainty*: a hope, plan, promise or forecast stated as done ("hoped to play golf"
  -> "played golf"; "is expected to begin" -> "began");
- *hedge*: a qualifier dropped or added ("about $85 million" -> "$85 million",
  "allegedly" dropped);
- *quantifier*: a claim about some made about all ("some residents" -> "residents").
A summary that drops a whole clause changes none of the clauses it kept.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from retold.checks.attribution import DOUBT_KEEPERS
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
from retold.text.lemmas import verb_lemma
from retold.text.lexicon import inflections, word_key

MODAL_STEP = 0.2  # strength two modals must differ by (data/modality.txt)
REPORTED_SHIFT = {"would": "will", "could": "can", "might": "may", "should": "shall"}
DOUBT_HEDGES = frozenset("alleged allegedly reportedly suspected purportedly supposedly".split())
PLEAS = frozenset({"not guilty", "pleaded innocent", "pleads innocent", "plead innocent"})
GOVERN_REACH = 6  # words a marker reaches over light ones: "will still have to be approved"
LIGHT = frozenset(
    """be been being is are was were have has had not soon also still then yet ever even
    always just now able already to""".split()
)
ARTICLES = frozenset({"the", "a", "an"})
PROSPECT_MODALS = frozenset("will 'll would could might may should can shall must".split())
# verbs whose act is done by saying them ("I want to thank…", "we would like to apologise")
PERFORMATIVES = frozenset(
    """thank apologise apologize congratulate welcome stress emphasise emphasize remind
    acknowledge express""".split()
)
NARRATIVE_MODALS = frozenset("would should can must".split())
FIRM_MODALS = frozenset("will 'll shall must".split())
# plans already fixed: "is set to meet" -> "will meet" is the same statement
FIRM_PLANS = frozenset(
    "set to|is to|are to|was to|were to|scheduled to|due to|poised to|about to|going to|"
    "preparing to|prepares to".split("|")
)
# an event on the calendar: told as done, it is what a later version of the story reports
SCHEDULED = FIRM_PLANS | {"expected to", "expects to"}
# hedges that are hedges only in the passive: "is thought to", "are believed to"
PASSIVE_HEDGES = frozenset({"thought to", "believed to", "said to be", "expected to"})
BE_FORMS = frozenset("is are was were be been being 's".split())
QUANTIFIER_JUMP = 1.0  # scale steps (1 few .. 5 all) a quantifier must strengthen by
QUANTIFYING_AMOUNTS = frozenset({"several", "a few", "a number of", "a handful of", "a couple of"})
GENERIC = 4.5  # a plural noun with no quantifier reads as a general claim


@lru_cache(maxsize=1)
def modal_strength() -> dict[str, float]:
    raw = resources.files("retold").joinpath("data/modality.txt").read_text("utf-8")
    table = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            word, value = line.split("\t")
            table[word] = float(value)
    return table


def _own_words(pair: ClausePair) -> bool:
    """The derived clause is the rewrite's own wording, not a quotation (quotations
    are the quote check's)."""
    return not pair.derived.quoted(pair.derived.first)


def governed(part: Part, marker: Marker) -> int | None:
    """The first content word a marker reaches over light words: what it governs. After
    an article the noun phrase's first word is governed, or nothing: "not the first time
    Trump…" denies "first", never "Trump" beyond it."""
    for i in range(marker.last + 1, min(part.last, marker.last + 1 + GOVERN_REACH)):
        norm = part.norm(i)
        if norm in ARTICLES:
            after = i + 1
            return after if after < part.last and part.weight(after) > 0 else None
        if part.weight(i) > 0 and norm not in LIGHT and not norm.endswith("ly"):
            return i
    return None


def _governor(
    part: Part, word: int, classes: tuple[str, ...], reach: int = GOVERN_REACH
) -> Marker | None:
    """A marker of the given classes standing before `word` over light words only."""
    for marker in part.markers(*classes):
        if marker.last < word <= marker.last + reach and governed(part, marker) == word:
            return marker
    return None


# words that deny by their meaning: the other side of a negation told in other words
# ("did not expect much" / "low expectations", "did not answer" / "declined to answer")
IMPLICIT_NEGATIVES = frozenset(
    """low little few scant hardly barely scarcely lack lacks lacked lacking fail fails
    failed failing refuse refuses refused refusing decline declines declined declining
    deny denies denied denying reject rejects rejected rejecting avoid avoids avoided
    avoiding absent absence unable""".split()
)


def _polarity(part: Part) -> list[Marker]:
    """Negators that deny the clause's predicate: not a contrast ("…, not Russia")."""
    return [m for m in part.markers("negation", "negative") if not _contrast(part, m)]


CONTRAST_JOINERS = frozenset({"and", "but", "or"})


def _contrast(part: Part, marker: Marker) -> bool:
    """ "…blamed the US, not Russia", "…the US -- and not Russia": a "not" after a comma
    or dash (and an "and", "but" or "or") sets one thing against another."""
    first = marker.first
    if marker.phrase != "not" or first == 0:
        return False
    if first >= 2 and part.norm(first - 1) in CONTRAST_JOINERS:
        first -= 1
    gap = part.text[part.sentence.ends[first - 1] : part.sentence.starts[first]]
    return "," in gap or "\u2014" in gap or " -" in gap


def negation_changes(pair: ClausePair) -> list[ChangeReport]:
    """The same predicate denied on one side and affirmed on the other."""
    d, s = pair.derived, pair.source
    if s is None or not _own_words(pair) or not same_proposition(d, s):
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
            if (side.norm(side.first) in CONDITIONS) != (other.norm(other.first) in CONDITIONS):
                continue  # "if it's not one thing, …": a supposition, not the statement
            word = governed(side, marker)
            if word is None:
                continue
            at = other.positions(side.key(word))
            if not at or _polarity(other):
                continue  # the other clause denies something too: say less
            if not IMPLICIT_NEGATIVES.isdisjoint(other.norm(i) for i in other.words):
                continue  # "didn't expect anything" told as "low expectations"
            if side is d and _denied_in_source(pair, side.key(word)):
                continue  # another aligned source sentence denies it: the rewrite merged
            return [_flip(d, s, marker, at[0], added=side is d)]
    return []


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


def _modal(part: Part, word: int, reported: bool) -> tuple[str | None, float]:
    """The modal governing a word and its strength; in reported speech "would" is the
    future seen from the past ("she said it would open" = "it will open")."""
    marker = _governor(part, word, ("prospect",))
    if marker is None or marker.phrase not in PROSPECT_MODALS:
        return None, 1.0
    phrase = marker.phrase.replace("'ll", "will")
    strength = modal_strength().get("will" if reported and phrase == "would" else phrase, 1.0)
    return phrase, strength


def _perfect(part: Part, word: int) -> bool:
    marker = _governor(part, word, ("prospect",))
    return marker is not None and any(
        part.norm(i) == "have" for i in range(marker.last + 1, min(part.last, marker.last + 3))
    )


def _refusal(part: Part, word: int) -> bool:
    marker = _governor(part, word, ("prospect",))
    return (
        marker is not None
        and marker.phrase in ("would", "could")
        and bool(part.markers_between(marker.last, word, "negation"))
    )


def _shifted(a: str | None, b: str | None) -> bool:
    """ "will" quoted, "would" reported: the tense shift of indirect speech."""
    return (
        a is not None
        and b is not None
        and (REPORTED_SHIFT.get(a) == b or REPORTED_SHIFT.get(b) == a)
    )


def _reported(part: Part, word: int | None = None) -> bool:
    """Is the word (by default the clause) reported speech or a quotation?"""
    at = part.first if word is None else word
    return part.reading.framed(at) is not None or part.quoted(at)


def _hoped(part: Part, word: int) -> bool:
    marker = _governor(part, word, ("prospect",))
    return marker is not None and marker.phrase not in PROSPECT_MODALS


def _in_sentence(part: Part, modal: str) -> bool:
    norms = set(part.sentence.norms)
    return (
        modal in norms
        or REPORTED_SHIFT.get(modal, "") in norms
        or any(REPORTED_SHIFT.get(n) == modal for n in norms)
    )


def modality_changes(pair: ClausePair) -> list[ChangeReport]:
    d, s = pair.derived, pair.source
    if s is None or not _own_words(pair) or not same_proposition(d, s):
        return []
    reported = _reported(d) or _reported(s)  # either side: the tense may shift
    out = []
    seen: set[str] = set()
    for side in (s, d):
        for marker in side.markers("prospect"):
            word = governed(side, marker)
            if word is None or marker.phrase not in PROSPECT_MODALS:
                continue
            key = side.key(word)
            d_at, s_at = d.positions(key), s.positions(key)
            if key in seen or not d_at or not s_at:
                continue
            seen.add(key)
            if d.quoted(d_at[0]) or s.quoted(s_at[0]):
                continue  # a quotation's words are the quote check's ("he'd 'feel …'")
            if _perfect(d, d_at[0]) or _perfect(s, s_at[0]):
                continue  # "would have been": a past that did not happen, not a forecast
            if _refusal(d, d_at[0]) or _refusal(s, s_at[0]):
                continue  # "would not say" = "did not say": a refusal, not a forecast
            d_mod, d_strength = _modal(d, d_at[0], _reported(d, d_at[0]))
            s_mod, s_strength = _modal(s, s_at[0], _reported(s, s_at[0]))
            if d_mod == s_mod or round(abs(d_strength - s_strength), 3) < MODAL_STEP:
                continue
            if reported and _shifted(d_mod, s_mod):
                continue
            if d_mod is None and s_mod is not None and _in_sentence(d, s_mod):
                continue  # "would X and ultimately have Y": one modal for both verbs
            if s_mod is None and d_mod is not None and _in_sentence(s, d_mod):
                continue  # the modal governs a neighbouring word ("should be available")
            if _hoped(d, d_at[0]) or _hoped(s, s_at[0]):
                continue  # "promising to stand up": a hope, the certainty check's to read
            if None in (d_mod, s_mod) and min(d_strength, s_strength) > 0.7:
                continue  # "will visit" vs "visits": the same claim
            if d_mod is None and is_past(d.norm(d_at[0]), d.norm(d_at[0] - 1) if d_at[0] else ""):
                continue  # stated as done: the certainty check says so
            stronger = d_strength > s_strength
            if not DOUBT_WORDS.isdisjoint(d.sentence.norms) and (
                stronger or s.markers("epistemic") or not DOUBT_WORDS.isdisjoint(s.sentence.norms)
            ):
                continue  # "unlikely to run" -> "doubted it would run": the doubt is kept
            severity = "high" if stronger and d_strength - s_strength >= 0.4 else "medium"
            was, now = s_mod or "(plain statement)", d_mod or "(plain statement)"
            d_marker = _governor(d, d_at[0], ("prospect",))
            s_marker = _governor(s, s_at[0], ("prospect",))
            out.append(
                change(
                    "modality",
                    severity,
                    "certainty-changed",
                    f"modality changed: “{was}” → “{now}” "
                    f"({'more' if stronger else 'less'} certain)",
                    d,
                    d.span(d_marker.first, d_marker.last) if d_marker else d.span(d_at[0], d_at[0]),
                    s,
                    s.span(s_marker.first, s_marker.last) if s_marker else s.span(s_at[0], s_at[0]),
                )
            )
    return out


def certainty_changes(pair: ClausePair) -> list[ChangeReport]:
    """A hope, plan or forecast of the source stated as done by the rewrite."""
    d, s = pair.derived, pair.source
    if s is None or not _own_words(pair):
        return []
    out = []
    for marker in s.markers("prospect"):
        word = governed(s, marker)
        if word is None or (is_past(s.norm(word), "") and s.norm(word - 1) not in ("be", "been")):
            continue  # a done deed already ("had hoped to" aside), unless passive ("to be held")
        if marker.phrase in NARRATIVE_MODALS and s.reading.framed(marker.first) is None:
            continue  # "Spotify would remove…": past habit or condition, not a forecast
        if s.norm(word) in PERFORMATIVES:
            continue  # "I want to thank…" thanks: saying it does it
        soft = marker.phrase not in PROSPECT_MODALS and marker.phrase not in FIRM_PLANS
        for at in d.positions(s.key(word)) or d.verb_positions(s.norm(word)):
            if d.quoted(at):
                continue  # the rewrite's quotation: its words are the quote check's
            ruling = _governor(d, at, ("prospect", "negation", "negative"))
            firm = ruling is not None and ruling.phrase in FIRM_MODALS
            if ruling is not None and not (firm and soft):
                continue
            if any(m.last < at for m in d.markers("epistemic")):
                continue  # "will reportedly meet": hedged, not stated as certain
            if not firm and any(m.last < at for m in d.markers("prospect")):
                continue
            previous = d.norm(at - 1) if at > d.first else ""
            done = not firm and is_past(d.norm(at), previous)
            if done and marker.phrase in SCHEDULED:
                continue  # "was set to land" -> "landed": a later version reporting the event
            if done and _participle(d, at):
                continue  # "when asked by CBS": someone else's act, not the hope done
            if not done and not firm and (not soft or not _finite_present(d, at)):
                continue  # "will visit" -> "visits" (the modality check reads it); "opening"
            start, end = d.span(ruling.first, at) if ruling else d.span(at, at)
            was = s.text[s.span(marker.first, word)[0] : s.span(marker.first, word)[1]]
            now = d.text[start:end]
            how = "stated as done" if done else "stated as certain" if firm else "stated as settled"
            out.append(
                change(
                    "certainty",
                    "high" if done else "medium",
                    "hope-stated-as-fact" if done else "forecast-stated-as-certain",
                    f"{how}: the source says “{was}”, the rewrite “{now}”",
                    d,
                    (start, end),
                    s,
                    s.span(marker.first, word),
                )
            )
            return out
    return out


PARTICIPLE_OPENERS = frozenset("when if once as after before unless until while".split())


def _participle(part: Part, word: int) -> bool:
    """A past form used as a participle: passive ("asked by CBS") or opening a clause
    with no subject ("when asked", "once approved")."""
    after = part.norm(word + 1) if word + 1 < part.last else ""
    before = part.norm(word - 1) if word > part.first else ""
    return after == "by" or before in PARTICIPLE_OPENERS


def _finite_present(part: Part, word: int) -> bool:
    """ "starts", "is meeting": a verb stated in the present (a fixed arrangement), not
    "opening" or "to open"."""
    norm = part.norm(word)
    before = part.norm(word - 1) if word > part.first else ""
    if norm.endswith("ing"):
        return before in ("is", "are", "am")
    return (
        norm.endswith("s") and not norm.endswith("ss") and before not in ("to", "the", "a", "its")
    )


# words that put a claim in doubt by their meaning: "highly unlikely" told as "he doubted"
DOUBT_WORDS = frozenset(
    """doubt doubts doubted doubting doubtful dubious sceptical skeptical unlikely
    uncertain unclear unconvinced questioned questioning questions""".split()
)


def _doubtful(part: Part) -> bool:
    """A clause that hedges its claim in some way: a doubt modal, a soft prospect, or a
    word of doubt in its sentence (the doubter's frame is mostly a clause of its own)."""
    return any(
        m.phrase not in FIRM_MODALS and m.phrase not in FIRM_PLANS for m in part.markers("prospect")
    ) or not DOUBT_WORDS.isdisjoint(part.sentence.norms)


CONDITIONS = frozenset("if unless provided providing".split())


def condition_changes(pair: ClausePair) -> list[ChangeReport]:
    """A condition of the source stated as done: "if the cabinet approves the choice"
    -> "the cabinet has approved the choice"."""
    d, s = pair.derived, pair.source
    if s is None or not _own_words(pair) or s.norm(s.first) not in CONDITIONS:
        return []
    if d.norm(d.first) in CONDITIONS or d.markers("prospect"):
        return []
    for j in range(s.first + 1, s.last):
        if "," in s.text[s.sentence.ends[j - 1] : s.sentence.starts[j]]:
            break  # the condition ends at its comma: "…, he can fire him with a tweet"
        if (
            s.weight(j) == 0
            or s.text[s.sentence.starts[j]].isupper()
            or s.norm(j - 1) in ("a", "an", "the")  # "with a tweet": a noun
            or verb_lemma(s.norm(j)) is None
        ):
            continue
        for at in d.verb_positions(s.norm(j)):
            if is_past(d.norm(at), d.norm(at - 1) if at > d.first else ""):
                start, end = s.span(s.first, j)
                return [
                    change(
                        "certainty",
                        "high",
                        "condition-stated-as-fact",
                        f"stated as done: the source makes it a condition (“{s.text[start:end]}”), "
                        f"the rewrite says “{d.norm(at)}”",
                        d,
                        d.span(at, at),
                        s,
                        (start, end),
                    )
                ]
    return []


ADDED_HEDGE_COPIED = 0.6  # verbatim share of a sentence whose added "reportedly" is read


def hedge_changes(pair: ClausePair) -> list[ChangeReport]:
    """A qualifier of the source ("about", "allegedly") that the rewrite drops, or adds."""
    d, s = pair.derived, pair.source
    if s is None or not _own_words(pair):
        return []
    out = []
    for side, other, dropped in ((s, d, True), (d, s, False)):
        for marker in side.markers("approx", "epistemic"):
            word = governed(side, marker) if marker.cls == "epistemic" else marker.last + 1
            if word is None or word >= side.last:
                continue
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
            if dropped and DOUBT_KEEPERS & set(other.sentence.norms):
                continue  # "allegedly helped" -> "is accused of helping": still in doubt
            if marker.cls == "epistemic" and _doubtful(other):
                continue  # "probably" for "likely to", "could": hedged either way
            if (
                not dropped
                and marker.cls == "epistemic"
                and pair.match.verbatim_share < ADDED_HEDGE_COPIED
            ):
                continue  # "allegedly" in a sentence of the rewrite's own wording: its own doubt
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


def _quantified(part: Part) -> dict[str, tuple[Marker, float]]:
    """Noun key -> the quantifier before it and its level."""
    found = {}
    for marker in part.markers("quantifier", "vague"):
        if marker.cls == "vague" and marker.phrase not in QUANTIFYING_AMOUNTS:
            continue
        # the noun phrase it quantifies: the content words just after ("several lakeside
        # campsites"), up to a break
        for i in range(marker.last + 1, min(part.last, marker.last + 4)):
            if i > marker.last + 1 and _gap_breaks(part, i):
                break
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
    if s is None or not _own_words(pair) or not same_proposition(d, s):
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
    if s is None or not _own_words(pair) or _support_of(d, s) < MIN_CLAUSE_RECALL:
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
