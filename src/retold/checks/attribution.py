"""Who says what: a claim given to someone else, a quotation told as another person's
words, an attribution dropped so a claim or opinion reads as fact.

Precision first. A speaker is compared only when both sides name one (a title, role or
pronoun is never called a different person), and only for the same claim: the source
clause that says what the rewrite's speaker says (`_claim_source`), not merely the
clause the sentence was aligned with; a claim the source gives the same speaker
anywhere is no change. An attribution counts as dropped only when what it held was
open to doubt: a claim verb ("alleged", "insisted"), a forecast or possibility ("could
lift"), or a group of commentators ("analysts say").
"""

from __future__ import annotations

import regex

from retold.checks.names import aliases, covered, distinctive, misspelt, name_in, same_name
from retold.checks.parts import ClausePair, Part, change, clauses_of
from retold.checks.quote_extract import extract_quotes
from retold.checks.records import ChangeReport
from retold.text.atoms import MONTHS, WEEKDAYS, Atom, sentence_atoms
from retold.text.clauses import BE_FORMS, Frame, reading
from retold.text.document import Document, Sentence
from retold.text.lemmas import verb_lemma

MIN_CLAIM_SUPPORT = 0.5  # share of the claim's content weight its source claim has
MIN_CLAIM_KEPT = 0.6  # share of a dropped claim's content weight the rewrite's clause states
SURE_SPEAKERS = ("named", "continued")  # how a quotation's speaker was found, when trusted
CLAIM_MARGIN = 0.1  # another clause's claim must match clearly better to replace the pair's
OPINION_HOLDERS = frozenset(
    """analysts analyst experts expert critics critic observers commentators sources
    opponents supporters economists pundits some many people researchers scientists
    scholars academics studies""".split()
)
# words that keep an accusation open: a hedge ("allegedly") or the accuser dropped from
# "is accused of", "charged with", "indicted for" leaves the claim still a claim
DOUBT_KEEPERS = frozenset(
    """accused accusing accuses accusation accusations charged charging charges indicted
    indicting indictment suspected suspect suspects alleged allegation allegations""".split()
)
# groups too vague to call another speaker: "officials" may be the engineers
GENERIC_GROUPS = frozenset(
    """officials authorities sources people reports others aides members staff workers
    spokesmen spokeswomen statements documents""".split()
)


def _holder_names(doc: Document, sentence: Sentence, frame: Frame) -> list[Atom]:
    """The names among the words of a frame's holder ("Merrill Lynch analyst David
    Anders", "David Anders at Merrill Lynch"). A country's or party's word before a noun
    ("the Tory leader", "a British diplomat") describes the speaker; it does not name one."""
    lo, hi = frame.holder
    group = aliases()
    atoms = sentence_atoms(doc, sentence.index)
    if sentence.norms[frame.verb].endswith("ing") and 0 <= lo < frame.verb:
        # "Mr Hockney left UKIP saying …": the one saying is the sentence's subject
        return [a for a in atoms if a.kind == "entity" and a.last_token < frame.verb][:1]
    return [
        a
        for a in atoms
        if lo <= a.first_token < hi
        and a.kind == "entity"
        and doc.text[a.start - 1 : a.start] != "("  # "Schumer (D-N.Y.) said": a tag
        and distinctive(a, doc.text)  # "the Prime Minister said": a title, no name
        and not (a.value in group and _describes(doc, sentence, a))
        and not _possessive(doc, a)
        and not _a_time(a)
    ]


def _a_time(atom: Atom) -> bool:
    """ "Last January", "Monday": when it was said, not who said it."""
    return all(
        w in MONTHS or w in WEEKDAYS or w in ("last", "next", "this") for w in atom.value.split()
    )


def _possessive(doc: Document, atom: Atom) -> bool:
    """ "Trump's spokesman", "the book, Brown's Britain": the name owns, another speaks."""
    return atom.span_text(doc.text).endswith(("'s", "\u2019s")) or doc.text[
        atom.end : atom.end + 2
    ] in ("'s", "\u2019s")


def _describes(doc: Document, sentence: Sentence, atom: Atom) -> bool:
    """Is the name followed by a lower-case word of its noun phrase ("Tory leader")?"""
    after = atom.last_token + 1
    if after >= len(sentence.keys) or sentence.weights[after] <= 0:
        return False
    return doc.text[sentence.starts[after]].islower()


def _framing(part: Part) -> Frame | None:
    """The frame that gives this clause to someone: it governs the clause, or the clause
    is its holder's own ("…, Mayor Elena Marsh said")."""
    frame = part.reading.framed(part.first)
    if frame is None or frame.holder[0] < 0:
        # no one named for the frame around it ("No details have been confirmed, but
        # rumours have suggested …"): a frame of the clause's own that names its holder
        frame = next(
            (
                f
                for f in part.reading.frames
                if part.first <= f.verb < part.last and f.holder[0] >= 0
            ),
            None,
        )
    return frame


def attribution_changes(pair: ClausePair, source: Document) -> list[ChangeReport]:
    """The same claim given to a different speaker, named or a group ("engineers said"
    -> "residents said"), or a speaker's name changed. Only the claimant of the same
    claim is compared: the derived frame against the source clause that says its claim
    (`_claim_source`), which in a merged sentence need not be the clause pair's own."""
    d = pair.derived
    d_frame = _framing(d)
    if d_frame is None or pair.source is None:
        return []
    s, s_frame = _claim_source(pair, pair.source, source, d_frame)
    if s_frame is None and not d.quoted(d.first) and s.quoted(s.first):
        return _quotation_given_to_another(d, d_frame, s, source)
    if s_frame is None or d.quoted(d.first) != s.quoted(s.first):
        return []
    d_names = _holder_names(d.doc, d.sentence, d_frame)
    s_names = _holder_names(s.doc, s.sentence, s_frame)
    if not d_names and not s_names:
        return _group_change(d, s, d_frame, s_frame)
    if not d_names or not s_names:
        return []  # a name against a title or a pronoun: cannot say it differs
    here, there = set(d.sentence.norms), set(s.sentence.norms)
    for d_name in d_names:
        if any(same_name(d_name.value, n.value) for n in s_names) or covered(d_name.value, there):
            continue  # the same speaker, or one the source sentence names too
        known = name_in(d_name.value, source)
        if not known and not _full_name(d_name, d.text):
            continue  # "the envoy to Beijing": a lone place word, not a speaker's name
        gone = [
            n
            for n in s_names
            if not any(same_name(n.value, x.value) for x in d_names) and not covered(n.value, here)
        ]
        claim = _content(d, d_frame)
        rival = _content(s, s_frame)
        if gone and not (known and _says_elsewhere(source, d_name, claim, rival)):
            return [_speaker_change(d, d_name, s, gone[0], known)]
    return []


def _unnamed_support(claim: Part, other: Part) -> float:
    """`_support` without the claim's names: the words that say what is claimed, not
    whom it is about ("a 'fair summary' of Lord Goldsmith's opinion")."""
    named = {
        claim.key(i)
        for a in claim.atoms
        if a.kind == "entity"
        for i in range(a.first_token, a.last_token + 1)
    }
    bag = {k: w for k, w in claim.bag.items() if k not in named}
    total = sum(bag.values())
    return sum(w for k, w in bag.items() if k in other.bag) / total if total else 0.0


def _says_elsewhere(source: Document, name: Atom, claim: Part, rival: Part) -> bool:
    """Does the source give this claim to this speaker somewhere: a clause framed by
    them that says it at least as well as the other speaker's clause it was read
    against? Then the rewrite's attribution is the source's, and that clause merely
    shares the claim's words ("Blair said the statement was a 'fair summary' of
    Goldsmith's opinion", where Cook's sentence names the same opinion)."""
    floor = max(MIN_CLAIM_SUPPORT, _unnamed_support(claim, rival))
    for sentence in source.sentences:
        if not covered(name.value, set(sentence.norms)):
            continue
        for frame in reading(source, sentence.index).frames:
            if _unnamed_support(claim, Part(source, sentence, *frame.content)) < floor:
                continue
            if frame.holder[0] >= 0:
                holders = _holder_names(source, sentence, frame)
            else:  # "Blair dismissed questions, and said …": the subject of the first verb
                holders = [
                    a
                    for a in sentence_atoms(source, sentence.index)
                    if a.kind == "entity" and a.last_token < frame.verb
                ][:1]
            if any(same_name(name.value, n.value) for n in holders):
                return True
    return False


def _content(part: Part, frame: Frame) -> Part:
    """What a frame says, as a part of its sentence ("postal ballots had not been counted")."""
    return Part(part.doc, part.sentence, *frame.content)


def _claim_source(
    pair: ClausePair, own: Part, source: Document, d_frame: Frame
) -> tuple[Part, Frame | None]:
    """The source clause that says what the derived frame says, and its frame: the
    clause pair's own, unless another clause of the aligned sentences says the claim
    clearly better. Matched on the claim alone: the speaker's own words would pull a
    merged sentence's claim to the clause where the rewrite's speaker stands ("Farouk
    said X" read against "Farouk said Y" when the source gives X to Crane)."""
    own_frame = _framing(own)
    claim = _content(pair.derived, d_frame)
    own_support = _support(claim, _content(own, own_frame)) if own_frame is not None else 0.0
    best, best_frame, best_support = own, own_frame, own_support + CLAIM_MARGIN
    for j in pair.match.source_sentences:
        for part in clauses_of(source, source.sentences[j]):
            frame = _framing(part)
            if frame is None or (part.sentence.index, part.first) == (
                own.sentence.index,
                own.first,
            ):
                continue
            support = _support(claim, _content(part, frame))
            if support >= MIN_CLAIM_SUPPORT and support > best_support:
                best, best_frame, best_support = part, frame, support
    if best is own and _support(pair.derived, own) < MIN_CLAIM_SUPPORT:
        return own, None  # the clause pair states another proposition
    return best, best_frame


def _group(part: Part, frame: Frame) -> int | None:
    """The word of a holder that is a group of people ("engineers said"), if it is one."""
    lo, hi = frame.holder
    content = [i for i in range(lo, hi) if part.weight(i) > 0]
    if len(content) != 1:
        return None
    i = content[0]
    raw = part.text[part.sentence.starts[i] : part.sentence.ends[i]]
    norm = part.norm(i)
    if not (raw[:1].islower() or i == 0) or not norm.endswith("s") or norm in GENERIC_GROUPS:
        return None
    return i


def _group_change(d: Part, s: Part, d_frame: Frame, s_frame: Frame) -> list[ChangeReport]:
    """ "Engineers said" -> "Residents said": a claim given to another group."""
    d_word, s_word = _group(d, d_frame), _group(s, s_frame)
    if d_word is None or s_word is None or d.key(d_word) == s.key(s_word):
        return []
    if misspelt(d.norm(d_word), s.norm(s_word)):
        return []  # "Some expects believe": the source's slip for "experts"
    was, now = s.norm(s_word), d.norm(d_word)
    return [
        change(
            "attribution",
            "medium",
            "speaker-changed",
            f"attribution changed: the source attributes this to “{was}”, the rewrite to “{now}”",
            d,
            d.span(d_word, d_word),
            s,
            s.span(s_word, s_word),
        )
    ]


def _speaker_change(d: Part, d_name: Atom, s: Part, s_name: Atom, known: bool) -> ChangeReport:
    was, now = s_name.span_text(s.text), d_name.span_text(d.text)
    if known:  # another person or body of the story
        kind, rule = "attribution", "speaker-changed"
        text = f"attribution changed: the source attributes this to “{was}”, the rewrite to “{now}”"
    else:  # a name the source never has, where it names the speaker
        kind, rule = "entity", "name-changed"
        text = f"name changed: the source says “{was}”, the rewrite “{now}”"
    return change(
        kind, "medium", rule, text, d, (d_name.start, d_name.end), s, (s_name.start, s_name.end)
    )


def _quotation_given_to_another(
    d: Part, d_frame: Frame, s: Part, source: Document
) -> list[ChangeReport]:
    """Reported speech that says what a source quotation says, given to another of the
    story's people: "Lord Faulkner said: 'Whilst we accept that …'" -> "Lord Condon
    said most sports betting was …". Only a quotation whose speaker is named at it (or
    at its first part) counts, and the rewrite's speaker must be someone the source
    names but not in that sentence."""
    if _support(_content(d, d_frame), s) < MIN_CLAIM_SUPPORT:
        return []
    at = s.sentence.starts[s.first]
    quote = next((q for q in extract_quotes(source) if q.start <= at < q.end), None)
    if quote is None or quote.speaker is None or quote.resolution not in SURE_SPEAKERS:
        return []
    speaker = " ".join(regex.findall(r"[\p{L}\p{N}]+", quote.speaker.lower()))
    there = set(s.sentence.norms)
    here = set(d.sentence.norms)
    if covered(speaker, here):
        return []  # the quotation's speaker is named in the rewrite's sentence too
    for d_name in _holder_names(d.doc, d.sentence, d_frame):
        if same_name(d_name.value, speaker) or covered(d_name.value, there):
            continue
        if not name_in(d_name.value, source) or not _full_name(d_name, d.text):
            continue  # a name the source never has: the name checks read it
        span = (quote.speaker_start, quote.speaker_end)
        if span[0] < 0:
            return []
        return [
            change(
                "attribution",
                "medium",
                "speaker-changed",
                f"attribution changed: the source quotes “{quote.speaker}” saying this, "
                f"the rewrite gives it to “{d_name.span_text(d.text)}”",
                d,
                (d_name.start, d_name.end),
                s,
                span,
            )
        ]
    return []


def _full_name(atom: Atom, text: str) -> bool:
    """Two or more words ("Terry Branstad"), or an acronym ("NATO"): a name, not a place word."""
    raw = atom.span_text(text)
    return len(raw.split()) >= 2 or (len(raw) >= 2 and raw.isupper())


def attribution_dropped(pair: ClausePair) -> list[ChangeReport]:
    """A claim, forecast or commentators' view stated with no one saying it."""
    d, s = pair.derived, pair.source
    if s is None or any(f.holder[0] >= 0 for f in d.reading.frames) or d.quoted(d.first):
        return []  # the rewrite says who claims it (a passive "was confirmed" names no one)
    if any(
        d.first <= f.verb < d.last or f.content[0] <= d.first < f.content[1]
        for f in d.reading.frames
        if f.holder[0] >= 0 or f.kind != "say" or not _by_no_one(d, f.verb)
    ):
        return []  # still reported ("…, while predicting their countries will…", "is
        # predicted to"): kept, unless said in the passive by no one ("have been confirmed")
    frame = _framing(s)
    if frame is None or s.quoted(s.first):
        return []
    if not (s.first <= frame.content[0] < s.last or s.first <= frame.verb < s.last):
        return []  # a clause further on ("…, where the firms supply 45%"): background
    whole = Part(d.doc, d.sentence, 0, len(d.sentence.keys))
    if whole.verb_positions(s.norm(frame.verb)):
        return []  # "…, while predicting the regions will…": the same verb still reports it
    if _claim_word_kept(s.norm(frame.verb), d.sentence.norms):
        return []  # "doctors speculated" -> "based on speculation": the claim named still
    if frame.kind == "claim" and DOUBT_KEEPERS & set(d.sentence.norms):
        return []  # "indicted … for their role in hacking": still an accusation
    holder = {s.norm(i) for i in range(*frame.holder)}
    if frame.kind != "claim" and not holder & OPINION_HOLDERS:
        return []  # "police said the man was arrested": a reported fact, fairly kept
    claim = _content(s, frame)
    if _support(d, s) < 0.5 or _claim_kept(claim, d) < MIN_CLAIM_KEPT:
        return []  # the rewrite must state the claim itself, not only its surroundings
    who = s.text[s.sentence.starts[frame.holder[0]] : s.sentence.ends[frame.holder[1] - 1]]
    verb = s.norm(frame.verb)
    severity = "high" if frame.kind == "claim" else "medium"
    return [
        change(
            "attribution-dropped",
            severity,
            "claim-stated-as-fact" if frame.kind == "claim" else "attribution-dropped",
            f"attribution dropped: the source has this as what “{who}” {verb}; "
            "the rewrite states it as fact",
            d,
            d.span(d.first, d.last - 1),
            s,
            s.span(frame.holder[0], frame.verb),
        )
    ]


STEM_FLOOR = 5  # letters of a verb's stem read in its other forms ("alleg-", "specul-")


def _claim_word_kept(verb: str, norms: tuple[str, ...]) -> bool:
    """The reporting verb in another form in the rewrite's sentence: its noun or another
    tense ("speculated" / "speculation", "alleged" / "allegations")."""
    lemma = verb_lemma(verb) or verb
    stem = lemma[: max(STEM_FLOOR, len(lemma) - 1)]
    return len(stem) >= STEM_FLOOR and any(w.startswith(stem) for w in norms)


def _by_no_one(part: Part, verb: int) -> bool:
    """A reporting verb in the passive with no one named ("have been confirmed"): the
    claim is told as settled, not as someone's."""
    return any(part.norm(i) in BE_FORMS for i in range(max(0, verb - 2), verb))


def _claim_kept(claim: Part, d: Part) -> float:
    """Share of the claim's content weight the rewrite's clause states, its names left
    out: the story's names stand in every sentence of it, what the claim says stands in
    its other words ("no note-takers in his meeting with Putin on Monday")."""
    weights: dict[str, float] = {}
    for i in claim.words:
        if claim.weight(i) > 0 and not claim.text[claim.sentence.starts[i]].isupper():
            weights[claim.key(i)] = max(weights.get(claim.key(i), 0.0), claim.weight(i))
    total = sum(weights.values())
    if not total:
        return _support(claim, d)
    return sum(w for k, w in weights.items() if k in d.bag) / total


def _support(d: Part, s: Part) -> float:
    total = sum(d.bag.values())
    return sum(w for k, w in d.bag.items() if k in s.bag) / total if total else 0.0
