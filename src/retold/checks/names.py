"""Names and who says what: a name swapped for another, a claim given to someone else,
an attribution dropped so a claim or opinion reads as fact.

Precision first. A name the source has anywhere is no change ("Putin" for "Vladimir
Putin", "the French president" for his name); a speaker is compared only when both
sides name one (a title, role or pronoun is never called a different person); an
attribution counts as dropped only when what it held was open to doubt: a claim verb
("alleged", "insisted"), a forecast or possibility ("could lift"), or a group of
commentators ("analysts say").
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import regex
from rapidfuzz.distance import OSA

from retold.checks.parts import ClausePair, Part, change, clauses_of
from retold.checks.quote_extract import extract_quotes
from retold.checks.records import ChangeReport
from retold.text.atoms import NAME_JOINERS, Atom, sentence_atoms
from retold.text.clauses import Frame, reading
from retold.text.document import Document, Sentence
from retold.text.lexicon import NUMBER_WORDS, word_weight

LONE_SUPPORT = 0.6
MIN_CLAIM_SUPPORT = 0.5  # share of the claim's content weight its source claim has
MIN_CLAIM_KEPT = 0.6  # share of a dropped claim's content weight the rewrite's clause states
SURE_SPEAKERS = ("named", "continued")  # how a quotation's speaker was found, when trusted
CLAIM_MARGIN = 0.1  # another clause's claim must match clearly better to replace the pair's
SURNAME_WEIGHT = 3.5  # word weight (7 - Zipf) of a rare word: Zipf 3.5 or less
INSTITUTION_WORDS = frozenset(
    """council committee party ministry department government university college school
    company corporation corp inc ltd plc bank group association union agency office court
    house city county state states national international united new north south east
    west central federal general royal news service services""".split()
)
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


def _compact(words: Iterable[str]) -> str:
    """ "BBC Two" and "BBC2" alike: number words as digits, no spaces."""
    return "".join(str(NUMBER_WORDS[w]) if w in NUMBER_WORDS else w for w in words)


@lru_cache(maxsize=64)
def _vocabulary(doc: Document) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Every word of a document, their 5-letter prefixes, and 1-3 word runs written compactly."""
    words: set[str] = set()
    compact: set[str] = set()
    for s in doc.sentences:
        words.update(s.norms)
        n = s.norms
        compact.update(_compact(n[i : i + k]) for k in (2, 3) for i in range(len(n) - k + 1))
    prefixes = frozenset(w[:5] for w in words if len(w) > 5)
    return frozenset(words), prefixes, frozenset(compact)


def name_in(value: str, doc: Document) -> bool:
    """Does the document have this name (all its words, or the name written compactly)?"""
    words, prefixes, compact = _vocabulary(doc)
    parts = value.split()
    if all(w in words or (len(w) > 5 and w[:5] in prefixes) for w in parts):
        return True
    return _compact(parts) in compact or _compact(parts) in words


def covered(value: str, words: set[str]) -> bool:
    """Are all the name's words among these words (a 5-letter prefix will do)?"""
    prefixes = {w[:5] for w in words if len(w) > 5}
    return all(w in words or (len(w) > 5 and w[:5] in prefixes) for w in value.split())


_CAPITALISED_RUN = regex.compile(
    r"\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:and|of|for|the|&)\s+)*\p{Lu}[\p{L}'’.-]*)+"
)


def _spelled_out(acronym: str, pair: ClausePair) -> bool:
    """ "SEC" where the source says "Securities and Exchange Commission"."""
    if not (2 <= len(acronym) <= 6 and acronym.isalpha() and acronym[:2].isupper()):
        return False
    letters = acronym.rstrip("s").upper()
    for sentence in pair.context:
        for run in _CAPITALISED_RUN.findall(sentence.text):
            initials = "".join(w[0] for w in run.split() if w[:1].isupper())
            if initials == letters:
                return True
    return False


def _context_words(pair: ClausePair) -> set[str]:
    return {norm for sentence in pair.context for norm in sentence.norms}


def _acronym(value: str) -> str:
    words = [w for w in value.split() if w not in NAME_JOINERS]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Titles, roles and the common words of institutions' names: "Mayor Paul Grant" is
    not "Mayor Elena Marsh", nor "Kendal Council" "Harlow Council", for sharing them."""
    raw = resources.files("retold").joinpath("data/speaker_roles.txt").read_text("utf-8")
    words = {
        w.casefold()
        for line in raw.splitlines()
        if line.startswith(("title ", "role "))
        for w in line.split()[1:]
    }
    return frozenset(words | INSTITUTION_WORDS)


@lru_cache(maxsize=1)
def aliases() -> dict[str, int]:
    """Name -> its group in data/aliases.txt (one place, several names)."""
    raw = resources.files("retold").joinpath("data/aliases.txt").read_text("utf-8")
    table: dict[str, int] = {}
    for n, line in enumerate(raw.splitlines()):
        if line.strip() and not line.startswith("#"):
            for name in line.split("|"):
                table[name.strip()] = n
    return table


def _surnames(a: str, b: str) -> bool:
    """Rare words, as surnames are ("Marlowe"), unlike "Games" or "Olympics"."""
    return min(word_weight(a), word_weight(b)) >= SURNAME_WEIGHT


MISSPELT_LENGTH = 6  # a word this long that differs by one letter is one word mistyped


def _misspelt(xs: list[str], ys: list[str]) -> bool:
    """The same words but one, which differs by a single letter (typed, dropped, added
    or two swapped) in a word of MISSPELT_LENGTH letters or more."""
    if len(xs) != len(ys) or not xs:
        return False
    differ = [(u, v) for u, v in zip(xs, ys, strict=True) if u != v]
    if len(differ) != 1:
        return False
    u, v = differ[0]
    return min(len(u), len(v)) >= MISSPELT_LENGTH and OSA.distance(u, v) <= 1


def same_name(a: str, b: str) -> bool:
    """One name written two ways: a distinctive word shared ("Trump", "Donald Trump"), or
    an acronym and its words ("UK", "United Kingdom")."""
    group = aliases()
    if a in group and group.get(a) == group.get(b):
        return True  # "Britain" and "United Kingdom"
    if _compact(a.split()) == _compact(b.split()):
        return True  # "BBC Two" and "BBC2"
    generic = generic_words()
    xs = [w for w in a.split() if w not in generic]
    ys = [w for w in b.split() if w not in generic]
    x, y = set(xs), set(ys)
    if _misspelt(xs, ys):
        return True  # "Akira Hurosawa" and "Akira Kurosawa": one letter of a long word
    if len(xs) >= 2 and len(ys) >= 2 and not (x <= y or y <= x) and _surnames(xs[-1], ys[-1]):
        return xs[-1] == ys[-1]  # "Edwin Marlowe" is not "Edwin Sallow": surnames decide
    if x & y or (not x and not y and set(a.split()) & set(b.split())):
        return True
    if len(x) == 1 and len(y) == 1 and min(len(w) for w in x | y) >= 4:
        (u,), (v,) = x, y
        if u[:4] == v[:4]:
            return True  # "Turkish" and "Turkey", "Iranian" and "Iran"
    for short, other in ((xs, ys), (ys, xs)):
        if (
            len(short) == 1
            and 4 <= len(short[0]) <= 5
            and any(w[:4] == short[0][:4] for w in other)
        ):
            return True  # an abbreviation: "Ariz." for "John McCain of Arizona"
    return _acronym(a) == _compact(b.split()) or _acronym(b) == _compact(a.split())


def _entities(part: Part) -> list[Atom]:
    return [a for a in part.atoms if a.kind == "entity"]


def _holder_words(part: Part) -> set[int]:
    return {
        i for f in part.reading.frames if f.holder[0] >= 0 for i in range(f.holder[0], f.holder[1])
    }


def entity_changes(pair: ClausePair, source: Document) -> list[ChangeReport]:
    """A name the source clause does not have, in the place of one the rewrite does not
    have. A name the aligned sentences have is no change (a merged sentence moves names
    about); a name from elsewhere in the source counts only where it takes the place of
    another, by the words around it (another team "led to four titles")."""
    d, s = pair.derived, pair.source
    if s is None:
        return []
    speakers = _holder_words(d)
    aligned = {w for j in pair.match.source_sentences for w in source.sentences[j].norms}
    sentence = set(d.sentence.norms)
    fresh = [
        a
        for a in _entities(d)
        if a.first_token not in speakers
        and not d.quoted(a.first_token)
        and not covered(a.value, aligned)
        and not _spelled_out(a.span_text(d.text), pair)
    ]
    gone = [a for a in _entities(s) if not covered(a.value, sentence) and not _kept(a, d, s)]
    out = []
    for atom in fresh:
        elsewhere = name_in(atom.value, source)
        for other in gone:
            if same_name(atom.value, other.value):
                gone.remove(other)
                break
            copied = pair.match.verbatim_share >= LONE_SUPPORT
            slot = _same_slot(d, atom, s, other)
            if elsewhere and _modifier(s, other):
                continue  # "the U.S. president" -> "Trump": a description named, not a swap
            # one place only inside copied words: the word beside both names the same, or
            # two shared words around them ("last month" alone is not a place)
            lone = len(fresh) == 1 and len(gone) == 1 and copied and slot
            if (lone and not elsewhere) or (copied and (slot or _hemmed(d, atom, s, other))):
                gone.remove(other)
                out.append(_name_change(d, atom, s, other))
                break
    return out


HEM_REACH = 3  # words either side of a name read for the place it stands in


def _side(part: Part, atom: Atom, before: bool) -> set[str]:
    """Content keys within HEM_REACH words before (or after) a name, inside the clause."""
    if before:
        span = range(max(part.first, atom.first_token - HEM_REACH), atom.first_token)
    else:
        span = range(atom.last_token + 1, min(part.last, atom.last_token + 1 + HEM_REACH))
    keys, weights = part.sentence.keys, part.sentence.weights
    return {keys[i] for i in span if weights[i] > 0}


def _kept(name: Atom, d: Part, s: Part) -> bool:
    """Is the source's name in the rewrite's sentence written another way ("Putin" for
    "Russian President Vladimir Putin")? Not by a name the source sentence has apart
    ("European Central Bank" beside its "(ECB)" does not keep the acronym)."""
    apart = {a.value for a in sentence_atoms(s.doc, s.sentence.index) if a is not name}
    return any(
        h.kind == "entity" and h.value not in apart and same_name(name.value, h.value)
        for h in sentence_atoms(d.doc, d.sentence.index)
    )


def _hemmed(d: Part, atom: Atom, s: Part, other: Atom) -> bool:
    """Words in common on both sides of the two names: the same place in copied words
    ("met X on Monday" / "met Y on Monday"), not a shared phrase on one side only, which
    a reworded half may follow ("last month, Putin hopes" / "last month, the Kremlin's
    mission")."""
    return bool(_side(d, atom, True) & _side(s, other, True)) and bool(
        _side(d, atom, False) & _side(s, other, False)
    )


def _modifier(part: Part, atom: Atom) -> bool:
    """A name used as an adjective of a noun after it ("U.S. president", "American leader")."""
    after = atom.last_token + 1
    if after >= len(part.sentence.keys) or part.weight(after) <= 0:
        return False
    return part.text[part.sentence.starts[after]].islower()


SLOT_WORDS = 2  # words beside both names that must be the same, on one side


def _same_slot(d: Part, atom: Atom, s: Part, other: Atom) -> bool:
    """The two words just before, or just after, both names are the same (or the
    sentence ends there on both sides): the name stands inside copied words ("…, said
    Crane at" -> "…, said Farouk at"), not where a reworded half begins ("last month,
    Putin hopes" -> "last month, the Kremlin's mission"). Read in the sentence, not the
    clause: a bracketed name ("(IFPI)") is a clause of its own."""

    def same(d_at: int, s_at: int) -> bool | None:
        d_in = 0 <= d_at < len(d.sentence.keys)
        s_in = 0 <= s_at < len(s.sentence.keys)
        if not d_in or not s_in:
            return None if d_in == s_in else False  # None: both at the sentence's edge
        return d.key(d_at) == s.key(s_at)

    for step, d_from, s_from in (
        (-1, atom.first_token, other.first_token),
        (1, atom.last_token, other.last_token),
    ):
        found = [same(d_from + step * k, s_from + step * k) for k in range(1, SLOT_WORDS + 1)]
        if False not in found and True in found:
            return True
    return False


def _name_change(d: Part, atom: Atom, s: Part, other: Atom) -> ChangeReport:
    was, now = other.span_text(s.text), atom.span_text(d.text)
    return change(
        "entity",
        "medium",
        "name-changed",
        f"name changed: the source says “{was}”, the rewrite “{now}”",
        d,
        (atom.start, atom.end),
        s,
        (other.start, other.end),
    )


def _holder_names(doc: Document, sentence: Sentence, frame: Frame) -> list[Atom]:
    """The names among the words of a frame's holder ("Merrill Lynch analyst David
    Anders", "David Anders at Merrill Lynch")."""
    lo, hi = frame.holder
    return [
        a
        for a in sentence_atoms(doc, sentence.index)
        if lo <= a.first_token < hi and a.kind == "entity"
    ]


def _framing(part: Part) -> Frame | None:
    """The frame that gives this clause to someone: it governs the clause, or the clause
    is its holder's own ("…, Mayor Elena Marsh said")."""
    frame = part.reading.framed(part.first)
    if frame is None:
        frame = next((f for f in part.reading.frames if part.first <= f.verb < part.last), None)
    return frame if frame is not None and frame.holder[0] >= 0 else None


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
    ):
        return []  # still reported ("…, while predicting their countries will…"): kept
    frame = _framing(s)
    if frame is None or s.quoted(s.first):
        return []
    if not (s.first <= frame.content[0] < s.last or s.first <= frame.verb < s.last):
        return []  # a clause further on ("…, where the firms supply 45%"): background
    whole = Part(d.doc, d.sentence, 0, len(d.sentence.keys))
    if whole.verb_positions(s.norm(frame.verb)):
        return []  # "…, while predicting the regions will…": the same verb still reports it
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
