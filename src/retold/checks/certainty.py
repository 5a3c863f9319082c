"""Certainty: how sure a clause is of its content: modals, hopes and plans, conditions.

*modality*: the same proposition's certainty changed ("could take" -> "will take"), the
tense shift of reported speech aside ("we will appeal" -> she said they would; modal
strengths in `data/modality.txt`). *certainty*: a hope, plan, promise or forecast of the
source stated as done or as certain ("hoped to play golf" -> "played golf"; "is expected
to begin" -> "began"), and a condition of the source stated as done ("if the cabinet
approves" -> "the cabinet has approved").
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from retold.checks.marker_scope import governed, governor, own_words
from retold.checks.parts import (
    ClausePair,
    Part,
    change,
    same_proposition,
)
from retold.checks.records import ChangeReport
from retold.text.clauses import BE_FORMS, SAY_VERBS, is_past
from retold.text.lemmas import verb_lemma

MODAL_STEP = 0.2  # strength two modals must differ by (data/modality.txt)
REPORTED_SHIFT = {"would": "will", "could": "can", "might": "may", "should": "shall"}

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


@lru_cache(maxsize=1)
def modal_strength() -> dict[str, float]:
    raw = resources.files("retold").joinpath("data/modality.txt").read_text("utf-8")
    table = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            word, value = line.split("\t")
            table[word] = float(value)
    return table


def _modal(part: Part, word: int, reported: bool) -> tuple[str | None, float]:
    """The modal governing a word and its strength; in reported speech "would" is the
    future seen from the past ("she said it would open" = "it will open")."""
    marker = governor(part, word, ("prospect",))
    if marker is None or marker.phrase not in PROSPECT_MODALS:
        return None, 1.0
    phrase = marker.phrase.replace("'ll", "will")
    strength = modal_strength().get("will" if reported and phrase == "would" else phrase, 1.0)
    return phrase, strength


def _perfect(part: Part, word: int) -> bool:
    marker = governor(part, word, ("prospect",))
    return marker is not None and any(
        part.norm(i) == "have" for i in range(marker.last + 1, min(part.last, marker.last + 3))
    )


NO_ONE = frozenset("neither nobody none".split())  # a denied subject: "neither X nor Y would"


def _refusal(part: Part, word: int) -> bool:
    """ "would not say", "neither the police nor the family would release": a refusal,
    said with "would", not a forecast."""
    marker = governor(part, word, ("prospect",))
    if marker is None or marker.phrase not in ("would", "could"):
        return False
    if part.markers_between(marker.last, word, "negation"):
        return True
    before = part.markers_between(part.first - 1, marker.first, "negation")
    return any(m.phrase in NO_ONE for m in before)


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
    marker = governor(part, word, ("prospect",))
    return marker is not None and marker.phrase not in PROSPECT_MODALS


def _feared(part: Part, word: int) -> bool:
    """Is the word told as what someone warns of or fears ("warned that moves to readmit
    him could be controversial")? A warning word before it in its sentence."""
    markers = part.reading.markers_in(0, word, "claim")
    return any(m.phrase in WARNINGS for m in markers)


def _in_sentence(part: Part, modal: str) -> bool:
    norms = set(part.sentence.norms)
    return (
        modal in norms
        or REPORTED_SHIFT.get(modal, "") in norms
        or any(REPORTED_SHIFT.get(n) == modal for n in norms)
    )


def modality_changes(pair: ClausePair) -> list[ChangeReport]:
    d, s = pair.derived, pair.source
    if s is None or not own_words(pair) or not same_proposition(d, s):
        return []
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
            if {d_mod, s_mod} in CAN_OR_MAY:
                continue  # "may lead to" / "can lead to": a possibility either way
            if _shifted(d_mod, s_mod):  # reported speech, or a story told later in the past
                continue
            if None in (d_mod, s_mod) and _conditional(d) and _conditional(s):
                continue  # "if found guilty, he could face" / "…, he faces": one condition
            if d_mod is None and s_mod is not None and _in_sentence(d, s_mod):
                continue  # "would X and ultimately have Y": one modal for both verbs
            if s_mod is None and d_mod is not None and _in_sentence(s, d_mod):
                continue  # the modal governs a neighbouring word ("should be available")
            if {d_mod, s_mod} <= POSSIBLE and _feared(d, d_at[0]) and _feared(s, s_at[0]):
                continue  # "warned it could be controversial" / "… would be": a danger
                # foreseen either way, the warning's and not a forecast of the reporter's
            if _hoped(d, d_at[0]) or _hoped(s, s_at[0]):
                continue  # "promising to stand up": a hope, the certainty check's to read
            if None in (d_mod, s_mod) and min(d_strength, s_strength) > 0.7:
                continue  # "will visit" vs "visits": the same claim
            if (d_mod is None and _unasserted(d, d_at[0])) or (
                s_mod is None and _unasserted(s, s_at[0])
            ):
                continue  # "entitled to declare", "to help keep down": no plain statement
            if _asked(d, d_at[0]) or _asked(s, s_at[0]):
                continue  # "will decide whether he faces" / "… whether he should face": a
                # question left open either way, not a claim
            if _mandated(d, d_at[0], d_mod) or _mandated(s, s_at[0], s_mod):
                continue  # "suggested that he should go" / "… that he go": one proposal;
                # "should a user lose it": a condition, not an obligation
            if (d_mod is None and _estimated(d, d_at[0])) or (
                s_mod is None and _estimated(s, s_at[0])
            ):
                continue  # "estimated it could cost $2bn" / "estimated the cost at $2bn"
            if d_mod is None and is_past(d.norm(d_at[0]), d.norm(d_at[0] - 1) if d_at[0] else ""):
                continue  # stated as done: the certainty check says so
            stronger = d_strength > s_strength
            if not DOUBT_WORDS.isdisjoint(d.sentence.norms) and (
                stronger or s.markers("epistemic") or not DOUBT_WORDS.isdisjoint(s.sentence.norms)
            ):
                continue  # "unlikely to run" -> "doubted it would run": the doubt is kept
            severity = "high" if stronger and d_strength - s_strength >= 0.4 else "medium"
            was, now = s_mod or "(plain statement)", d_mod or "(plain statement)"
            d_marker = governor(d, d_at[0], ("prospect",))
            s_marker = governor(s, s_at[0], ("prospect",))
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
    if s is None or not own_words(pair):
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
            if d.norm(at) in SAY_VERBS and any(
                f.verb == at and f.holder[0] >= 0 for f in d.reading.frames
            ):
                continue  # "will have to say" against "…, Daniels said": who says, no event
            ruling = governor(d, at, ("prospect", "negation", "negative"))
            firm = ruling is not None and ruling.phrase in FIRM_MODALS
            if ruling is not None and not (firm and soft):
                continue
            if any(m.last < at for m in d.markers("epistemic")):
                continue  # "will reportedly meet": hedged, not stated as certain
            if not firm and any(m.last < at for m in d.markers("prospect")):
                continue
            previous = d.norm(at - 1) if at > d.first else ""
            # "are being shown": under way, not done
            done = not firm and previous != "being" and is_past(d.norm(at), previous)
            if done and marker.phrase in SCHEDULED:
                continue  # "was set to land" -> "landed": a later version reporting the event
            if done and _participle(d, at):
                continue  # "when asked by CBS": someone else's act, not the hope done
            if done and _conditional(d):
                continue  # "it was classed as marketing if parties phoned": still a rule
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


def _unasserted(part: Part, word: int) -> bool:
    """A verb after "to" or "help" ("was entitled to declare", "£1bn to help keep down"):
    an aim or a permission, not a statement of what is; or a bare -ing form."""
    if word > part.first and part.norm(word - 1) in ("to", "help", "helps", "helped"):
        return True
    # an -ing form with no "is" or "was" before it names an act, it does not state one:
    # "rejected the idea of harming them", "forecasts show a cold front bringing storms"
    return part.norm(word).endswith("ing") and not (
        word > part.first and part.norm(word - 1) in BE_FORMS
    )


def _asked(part: Part, word: int) -> bool:
    """Is the word inside an open question ("whether he should face")?"""
    return any(part.norm(i) == "whether" for i in range(part.first, word))


# words that propose or require: what they govern is the proposal, "should" or not
MANDATES = frozenset(
    """suggest suggests suggested suggesting suggestion recommend recommends recommended
    recommendation propose proposes proposed proposal demand demands demanded insist
    insists insisted urge urges urged""".split()
)
INVERSION_SUBJECTS = frozenset(
    "a an the he she it they we you i this that his her their its".split()
)


def _mandated(part: Part, word: int, modal: str | None) -> bool:
    """A proposal told with or without "should" ("suggested that he (should) go"), or an
    inverted condition ("should a user lose it")."""
    if modal not in (None, "should"):
        return False
    if any(part.norm(i) in MANDATES for i in range(part.first, word)):
        return True
    marker = governor(part, word, ("prospect",))
    return (
        modal == "should"
        and marker is not None
        and marker.last + 1 < part.last
        and part.norm(marker.last + 1) in INVERSION_SUBJECTS
    )


ESTIMATES = frozenset(
    """estimate estimates estimated estimating predict predicts predicted forecast
    forecasts projected expect expects expected""".split()
)


def _estimated(part: Part, word: int) -> bool:
    """A plain statement under an estimate or forecast made before it in its sentence:
    as open as a modal ("estimated the cost at $2bn" / "estimated it could cost $2bn")."""
    return any(part.sentence.norms[i] in ESTIMATES for i in range(0, word))


def _conditional(part: Part) -> bool:
    """Does the clause's sentence make it conditional ("it was classed as marketing if
    parties telephoned people")? Then a past form states what holds in that case, not
    a deed done. "Even if" concedes: the deed stands."""
    norms = part.sentence.norms
    return any(w in CONDITIONS and (i == 0 or norms[i - 1] != "even") for i, w in enumerate(norms))


FINITE_AUXILIARIES = frozenset(
    "will would can could may might must should shall is are was were has have had".split()
)
PARTICIPLE_OPENERS = frozenset("when if once as after before unless until while".split())


def _participle(part: Part, word: int) -> bool:
    """A past form used as a participle: passive ("asked by CBS"), opening a clause with
    no subject ("when asked", "once approved"), or after its noun, before the verb ("the
    first million sold will come")."""
    after = part.norm(word + 1) if word + 1 < part.last else ""
    before = part.norm(word - 1) if word > part.first else ""
    # "the first million sold will come with a game": a participle before the verb
    return after == "by" or before in PARTICIPLE_OPENERS or after in FINITE_AUXILIARIES


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


def doubtful(part: Part) -> bool:
    """A clause that hedges its claim in some way: a doubt modal, a soft prospect, or a
    word of doubt in its sentence (the doubter's frame is mostly a clause of its own)."""
    return any(
        m.phrase not in FIRM_MODALS and m.phrase not in FIRM_PLANS for m in part.markers("prospect")
    ) or not DOUBT_WORDS.isdisjoint(part.sentence.norms)


CONDITIONS = frozenset("if unless provided providing".split())
# modals of a possibility: under a warning one says what the other does
POSSIBLE = frozenset("could would might may".split())
# what may happen, or can: "smoking may cause cancer" = "smoking can cause cancer"
# ("can only be sold" -> "might only be sold" is still a change: a rule made a chance)
CAN_OR_MAY = ({"may", "can"}, {"might", "could"})
WARNINGS = frozenset("warn warns warned fear fears feared".split())


def condition_changes(pair: ClausePair) -> list[ChangeReport]:
    """A condition of the source stated as done: "if the cabinet approves the choice"
    -> "the cabinet has approved the choice"."""
    d, s = pair.derived, pair.source
    if s is None or not own_words(pair) or s.norm(s.first) not in CONDITIONS:
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
