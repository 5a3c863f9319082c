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

from retold.checks.parts import ClausePair, Part, change
from retold.checks.records import ChangeReport
from retold.text.atoms import NAME_JOINERS, Atom, sentence_atoms
from retold.text.clauses import Frame, reading
from retold.text.document import Document, Sentence
from retold.text.lexicon import NUMBER_WORDS

LONE_SUPPORT = 0.6
INSTITUTION_WORDS = frozenset(
    """council committee party ministry department government university college school
    company corporation corp inc ltd plc bank group association union agency office court
    house city county state states national international united new north south east
    west central federal general royal news service services""".split()
)
OPINION_HOLDERS = frozenset(
    """analysts analyst experts expert critics critic observers commentators sources
    opponents supporters economists pundits some many people""".split()
)
# groups too vague to call another speaker: "officials" may be the engineers
GENERIC_GROUPS = frozenset(
    """officials authorities sources people reports others aides members staff workers
    spokesmen spokeswomen statements documents""".split()
)
DOUBT_MODALS = frozenset("could may might would should".split())


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


def _covered(value: str, words: set[str]) -> bool:
    """Are all the name's words among these words (a 5-letter prefix will do)?"""
    prefixes = {w[:5] for w in words if len(w) > 5}
    return all(w in words or (len(w) > 5 and w[:5] in prefixes) for w in value.split())


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


def same_name(a: str, b: str) -> bool:
    """One name written two ways: a distinctive word shared ("Trump", "Donald Trump"), or
    an acronym and its words ("UK", "United Kingdom")."""
    generic = generic_words()
    x, y = set(a.split()) - generic, set(b.split()) - generic
    if x & y or (not x and not y and set(a.split()) & set(b.split())):
        return True
    return _acronym(a) == _compact(b.split()) or _acronym(b) == _compact(a.split())


def _entities(part: Part) -> list[Atom]:
    return [a for a in part.atoms if a.kind == "entity"]


def _holder_words(part: Part) -> set[int]:
    return {
        i for f in part.reading.frames if f.holder[0] >= 0 for i in range(f.holder[0], f.holder[1])
    }


def entity_changes(pair: ClausePair, source: Document) -> list[ChangeReport]:
    """A name the source does not have, in the place of one the rewrite does not have."""
    d, s = pair.derived, pair.source
    if s is None:
        return []
    speakers = _holder_words(d)
    context = _context_words(pair)
    sentence = set(d.sentence.norms)
    fresh = [
        a
        for a in _entities(d)
        if a.first_token not in speakers
        and not d.quoted(a.first_token)
        and not _covered(a.value, context)
    ]
    gone = [a for a in _entities(s) if not _covered(a.value, sentence)]
    out = []
    total = sum(d.bag.values())
    strength = sum(w for k, w in d.bag.items() if k in s.bag) / total if total else 0.0
    for atom in fresh:
        around = d.neighbours(atom.first_token, atom.last_token)
        for other in gone:
            if same_name(atom.value, other.value):
                gone.remove(other)
                break
            lone = (
                len(fresh) == 1
                and len(gone) == 1
                and (strength >= LONE_SUPPORT or pair.match.verbatim_share >= LONE_SUPPORT)
            )
            if name_in(atom.value, source) and name_in(other.value, d.doc):
                continue  # both names in both texts: moved about, not swapped
            if lone or around & s.neighbours(other.first_token, other.last_token):
                gone.remove(other)
                was, now = other.span_text(s.text), atom.span_text(d.text)
                out.append(
                    change(
                        "entity",
                        "medium",
                        "name-changed",
                        f"name changed: the source says “{was}”, the rewrite “{now}”",
                        d,
                        (atom.start, atom.end),
                        s,
                        (other.start, other.end),
                    )
                )
                break
    return out


def _holder_names(doc: Document, sentence: Sentence, frame: Frame) -> list[Atom]:
    """The names among the words of a frame's holder ("Merrill Lynch analyst David
    Anders", "David Anders at Merrill Lynch")."""
    lo, hi = frame.holder
    return [
        a
        for a in sentence_atoms(doc, sentence.index)
        if lo <= a.first_token < hi and a.kind == "entity"
    ]


def attribution_changes(
    source: Document, derived: Document, sentence: Sentence, sources: list[Sentence]
) -> list[ChangeReport]:
    """The same claim given to a different named speaker (or a speaker's name changed)."""
    d_frames = [f for f in reading(derived, sentence.index).frames if f.holder[0] >= 0]
    if len(d_frames) != 1:
        return []
    d_names = _holder_names(derived, sentence, d_frames[0])
    if not d_names:
        return _group_change(source, derived, sentence, sources, d_frames[0])
    s_names: list[tuple[Sentence, Atom]] = []
    for s in sources:
        for frame in reading(source, s.index).frames:
            if frame.holder[0] >= 0:
                names = _holder_names(source, s, frame)
                if not names:
                    return []  # an unnamed speaker ("he said"): cannot say it differs
                s_names += [(s, n) for n in names]
    if not d_names or not s_names:
        return []
    for d_name in d_names:
        if any(same_name(d_name.value, n.value) for _, n in s_names):
            continue
        known = name_in(d_name.value, source)
        if not known and not _full_name(d_name, derived.text):
            continue  # "the envoy to Beijing": a lone place word, not a speaker's name
        gone = [(s, n) for s, n in s_names if not any(same_name(n.value, d.value) for d in d_names)]
        if not gone:
            continue
        s_sentence, s_name = gone[0]
        return [_speaker_change(derived, sentence, d_name, source, s_sentence, s_name, known)]
    return []


def _group(doc: Document, sentence: Sentence, frame: Frame) -> int | None:
    """The word of a holder that is a group of people ("engineers said"), if it is one."""
    lo, hi = frame.holder
    content = [i for i in range(lo, hi) if sentence.weights[i] > 0]
    if len(content) != 1:
        return None
    i = content[0]
    raw = doc.text[sentence.starts[i] : sentence.ends[i]]
    norm = sentence.norms[i]
    if not (raw[:1].islower() or i == 0) or not norm.endswith("s") or norm in GENERIC_GROUPS:
        return None
    return i


def _group_change(
    source: Document, derived: Document, sentence: Sentence, sources: list[Sentence], frame: Frame
) -> list[ChangeReport]:
    """ "Engineers said" -> "Residents said": a claim given to another group."""
    d_word = _group(derived, sentence, frame)
    if d_word is None:
        return []
    for s in sources:
        for s_frame in reading(source, s.index).frames:
            if s_frame.holder[0] < 0:
                continue
            s_word = _group(source, s, s_frame)
            if s_word is None or s.keys[s_word] == sentence.keys[d_word]:
                return []
            d_part = Part(derived, sentence, 0, len(sentence.norms))
            s_part = Part(source, s, 0, len(s.norms))
            was, now = s.norms[s_word], sentence.norms[d_word]
            return [
                change(
                    "attribution",
                    "medium",
                    "speaker-changed",
                    f"attribution changed: the source attributes this to “{was}”, the rewrite to “{now}”",
                    d_part,
                    d_part.span(d_word, d_word),
                    s_part,
                    s_part.span(s_word, s_word),
                )
            ]
    return []


def _speaker_change(
    derived: Document,
    sentence: Sentence,
    d_name: Atom,
    source: Document,
    s_sentence: Sentence,
    s_name: Atom,
    known: bool,
) -> ChangeReport:
    d_part = Part(derived, sentence, 0, len(sentence.norms))
    s_part = Part(source, s_sentence, 0, len(s_sentence.norms))
    was, now = s_name.span_text(source.text), d_name.span_text(derived.text)
    if known:  # another person or body of the story
        kind, rule = "attribution", "speaker-changed"
        text = f"attribution changed: the source attributes this to “{was}”, the rewrite to “{now}”"
    else:  # a name the source never has, where it names the speaker
        kind, rule = "entity", "name-changed"
        text = f"name changed: the source says “{was}”, the rewrite “{now}”"
    return change(
        kind,
        "medium",
        rule,
        text,
        d_part,
        (d_name.start, d_name.end),
        s_part,
        (s_name.start, s_name.end),
    )


def _full_name(atom: Atom, text: str) -> bool:
    """Two or more words ("Terry Branstad"), or an acronym ("NATO"): a name, not a place word."""
    raw = atom.span_text(text)
    return len(raw.split()) >= 2 or (len(raw) >= 2 and raw.isupper())


def attribution_dropped(pair: ClausePair) -> list[ChangeReport]:
    """A claim, forecast or commentators' view stated with no one saying it."""
    d, s = pair.derived, pair.source
    if s is None or d.reading.frames or d.quoted(d.first):
        return []
    frame = s.reading.framed(s.first)
    if frame is None or frame.holder[0] < 0 or s.quoted(s.first):
        return []
    holder = {s.norm(i) for i in range(*frame.holder)}
    modals = [m for m in s.markers("prospect") if m.phrase in DOUBT_MODALS]
    if frame.kind != "claim" and not modals and not holder & OPINION_HOLDERS:
        return []
    if _support(d, s) < 0.5:
        return []
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


def _support(d: Part, s: Part) -> float:
    total = sum(d.bag.values())
    return sum(w for k, w in d.bag.items() if k in s.bag) / total if total else 0.0
