"""Names: when two are one ("Putin", "Vladimir Putin"; "Britain", "UK"; "BBC Two",
"BBC2"), and a name swapped for another in the place it stands.

Precision first. A name the source has anywhere is no change ("the French president"
for his name), and a name counts as swapped only inside copied words: the same words
beside both names, or shared words on both sides. Who says what is read in
`checks/attribution.py`, with these tests of sameness.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import regex
from nicknames import NickNamer, name_triplets
from rapidfuzz.distance import OSA

from retold.checks.parts import ClausePair, Part, change
from retold.checks.records import ChangeReport
from retold.text.atoms import NAME_JOINERS, Atom, sentence_atoms
from retold.text.document import Document, Sentence
from retold.text.lexicon import NUMBER_WORDS, word_weight

LONE_SUPPORT = 0.6
# share of a sentence copied word for word for a name in it to count as swapped: on real
# rewrites a reworded sentence names one party another way far more often than it names
# another party (MRPC train tune sample: 27 name flags, none right; every right one on the
# judged wire and BBC slices stands in a sentence copied at 0.94 or more)
NAME_COPIED = 0.9
SURNAME_WEIGHT = 3.5  # word weight (7 - Zipf) of a rare word: Zipf 3.5 or less
INSTITUTION_WORDS = frozenset(
    """council committee party ministry department government university college school
    company corporation corp inc ltd plc bank group association union agency office court
    house city county state states national international united new north south east
    west central federal general royal news service services""".split()
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
    r"\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:and|of|for|the|with|&)\s+)*\p{Lu}[\p{L}'’.-]*)+"
)


def spelled_out(acronym: str, sentences: Iterable[Sentence]) -> bool:
    """ "SEC" where the source's sentences say "Securities and Exchange Commission"."""
    if not (2 <= len(acronym) <= 6 and acronym.isalpha() and acronym[:2].isupper()):
        return False
    letters = acronym.rstrip("s").upper()
    for sentence in sentences:
        for run in _CAPITALISED_RUN.findall(sentence.text):
            run = run.removeprefix("The ")  # "The Securities and …" opening a sentence
            capitals = "".join(w[0] for w in run.split() if w[:1].isupper())
            every = "".join(w[0] for w in run.split() if w != "&").upper()
            for initials in (capitals, every):
                if initials == letters:
                    return True
                if len(letters) >= 3 and letters in initials:
                    return True  # "the U.S. Securities and Exchange Commission" for "SEC"
                if len(initials) >= 3 and letters.startswith(initials):
                    return True  # "Commonwealth Heads of Government meeting": "CHOGM"
    return False


def _written_out(acronym: str, d: Part, s: Part) -> bool:
    """The source's acronym written out in the rewrite ("ADA" / "Americans with
    Disabilities Act"), where the source's sentence does not have both already
    ("European Central Bank (ECB)": there the acronym stands apart)."""
    return spelled_out(acronym, [d.sentence]) and not spelled_out(acronym, [s.sentence])


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
    return misspelt(*differ[0])


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer:
    return NickNamer()  # reads its table of English given names and their nicknames once


@lru_cache(maxsize=4096)
def one_given_name(u: str, v: str) -> bool:
    """Two given names of one person: the same, a nickname ("Chuck" / "Charles", "Ron" /
    "Ronald", two nicknames of one name), cut short ("Abdu" / "Abdullah") or written
    another way ("Sergei" / "Sergey", "Magdi" / "Mahdi")."""
    if u == v or transliterated(u, v) or (min(len(u), len(v)) >= 4 and OSA.distance(u, v) <= 1):
        return True  # "Magdi" / "Mahdi": one letter of a transliteration
    if min(len(u), len(v)) >= 3 and (u.startswith(v) or v.startswith(u)):
        return True  # "Abdu" / "Abdullah", "Chris" / "Christopher": the name cut short
    names = _nicknamer()
    mine = {u} | names.nicknames_of(u) | names.canonicals_of(u)
    theirs = {v} | names.nicknames_of(v) | names.canonicals_of(v)
    return v in mine or u in theirs or bool(names.canonicals_of(u) & names.canonicals_of(v))


def given_names_differ(xs: list[str], ys: list[str]) -> bool:
    """The same surname after two given names of two people: "Mark Warner" and "John
    Warner" are two senators, "Bill" and "Hillary Clinton" two Clintons. Both must be
    given names the nickname table knows, or the first word may be no name at all."""
    if len(xs) < 2 or len(ys) < 2 or xs[-1] != ys[-1]:
        return False
    u, v = xs[-2], ys[-2]
    if u in ys or v in xs:
        return False  # "Vladimir Putin" / "President Vladimir V. Putin": one more word
    known = _given_names()
    if u not in known or v not in known:
        return False  # "Applications of Bayes", or names the table does not hold: say less
    return not one_given_name(u, v)


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Every given name the nickname table holds (English names: "mark", "john")."""
    return frozenset(n for t in name_triplets() for n in (t.name1, t.name2))


def _first_name_only(xs: list[str], ys: list[str]) -> bool:
    """The same rare surname after the same words, the first name alone written another
    way: one person, as "Charles Schumer" and "Chuck Schumer" are."""
    if len(xs) != len(ys) or len(xs) < 3 or xs[-1] != ys[-1] or not _surnames(xs[-1], ys[-1]):
        return False
    return xs[:-2] == ys[:-2]


MIN_NAME_WORDS = 3  # words of a name in which one replaced makes another body


def _one_word_replaced(xs: list[str], ys: list[str]) -> bool:
    """Two names of three words or more, the same but one word in one place after the
    first, and that word another word (not an initial, not a short form): "Russian
    Foreign Ministry" and "Russian Defence Ministry", "New York Stock Exchange" and
    "New York Mercantile Exchange" name two bodies. So do two of two words that share
    a common noun and differ in the word before it: "Jupiter Research", "Juniper
    Research"."""
    if len(xs) != len(ys) or len(xs) < 2:
        return False
    if len(xs) == 2 and xs[1] == ys[1] and not _surnames(xs[1], xs[1]):
        u, v = xs[0], ys[0]  # "Jupiter Research" / "Juniper Research": the name is the first
    elif len(xs) >= MIN_NAME_WORDS and xs[0] == ys[0]:
        # a first word is mostly a description: "Ahold Chairman" / "Board Chairman"
        differ = [(u, v) for u, v in zip(xs[1:], ys[1:], strict=True) if u != v]
        if len(differ) != 1:
            return False
        u, v = differ[0]
    else:
        return False
    short, long = sorted((u.rstrip("."), v.rstrip(".")), key=len)
    return len(short) >= 3 and not long.startswith(short) and short[0].isalpha()


VOWELS = frozenset("aeiouy")
TRANSLITERATED_LENGTH = 5


def transliterated(u: str, v: str) -> bool:
    """One name from another alphabet written two ways: the same first letter and the
    same consonants in order, only the vowels differ ("Qaida" / "Qaeda", "Mohammed" /
    "Muhammad"), in names of TRANSLITERATED_LENGTH letters or more."""
    if min(len(u), len(v)) < TRANSLITERATED_LENGTH or u[0] != v[0] or u == v:
        return False
    return [c for c in u if c not in VOWELS] == [c for c in v if c not in VOWELS]


def misspelt(u: str, v: str) -> bool:
    """One word of MISSPELT_LENGTH letters or more typed with one letter wrong, dropped,
    added or two swapped ("Hurosawa" / "Kurosawa", "expects" / "experts")."""
    return min(len(u), len(v)) >= MISSPELT_LENGTH and OSA.distance(u, v) <= 1


@lru_cache(maxsize=16_384)  # asked for the same pairs of names by several checks
def same_name(a: str, b: str) -> bool:
    """One name written two ways: a distinctive word shared ("Trump", "Donald Trump"), or
    an acronym and its words ("UK", "United Kingdom")."""
    group = aliases()
    if a in group and b in group:
        return group[a] == group[b]  # "Britain" and "United Kingdom"; not the two Koreas
    if _compact(a.split()) == _compact(b.split()):
        return True  # "BBC Two" and "BBC2"
    generic = generic_words()
    # a middle initial ("Carl J. Grivner") tells no one apart
    xs = [w for w in a.split() if w not in generic and len(w) > 1]
    ys = [w for w in b.split() if w not in generic and len(w) > 1]
    x, y = set(xs), set(ys)
    if _misspelt(xs, ys):
        return True  # "Akira Hurosawa" and "Akira Kurosawa": one letter of a long word
    if len(xs) == len(ys) > 0 and all(
        u == v or transliterated(u, v) for u, v in zip(xs, ys, strict=True)
    ):
        return True  # "Mohammed Qaidar" and "Muhammad Qaedar": vowels written two ways
    if given_names_differ(xs, ys):
        return False  # "Mark Warner" is not "John Warner", "Ed" not "David Miliband"
    if _first_name_only(xs, ys):
        return True  # "Minority Leader Charles Schumer" / "… Chuck Schumer": as two words
    if _one_word_replaced(xs, ys):
        return False  # "the Internet Electronic Task Force" is not "… Engineering …"
    if len(xs) >= 2 and len(ys) >= 2 and not (x <= y or y <= x) and _surnames(xs[-1], ys[-1]):
        # "Edwin Marlowe" is not "Edwin Sallow": surnames decide, a typo aside
        return xs[-1] == ys[-1] or misspelt(xs[-1], ys[-1])
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


def entities(part: Part) -> list[Atom]:
    return [a for a in part.atoms if a.kind == "entity"]


def _holder_words(part: Part) -> set[int]:
    return {
        i for f in part.reading.frames if f.holder[0] >= 0 for i in range(f.holder[0], f.holder[1])
    }


ROSTER_ITEMS = 5  # items of a list of names (a team sheet, a cast list)
_ITEM_BREAK = regex.compile(r"[,;]")


@lru_cache(maxsize=1024)  # read for every clause pair of a sentence: split it once
def roster(text: str) -> bool:
    """A sentence that is a list of names ("G Murphy; G Dempsey, S Horgan, …"): five
    items or more set off by commas or semicolons, nearly all a few capitalised words."""
    items = [x.strip(" .:") for x in _ITEM_BREAK.split(text)]
    items = [x for x in items if x]
    if len(items) < ROSTER_ITEMS:
        return False
    named = [x for x in items if len(x.split()) <= 4 and x[:1].isupper()]
    return len(named) >= 0.8 * len(items)


def entity_changes(pair: ClausePair, source: Document) -> list[ChangeReport]:
    """A name the source clause does not have, in the place of one the rewrite does not
    have. A name the aligned sentences have is no change (a merged sentence moves names
    about); a name from elsewhere in the source counts only where it takes the place of
    another, by the words around it (another team "led to four titles")."""
    d, s = pair.derived, pair.source
    if s is None or roster(d.sentence.text):
        return []  # a line-up or a list of names: another match's team is no edit
    speakers = _holder_words(d)
    aligned = {w for j in pair.match.source_sentences for w in source.sentences[j].norms}
    sentence = set(d.sentence.norms)
    source_names = [a.value for a in sentence_atoms(s.doc, s.sentence.index) if a.kind == "entity"]
    fresh = [
        a
        for a in entities(d)
        if distinctive(a, d.text)
        and a.first_token not in speakers
        and not any(same_name(a.value, name) for name in source_names)
        and not _told(d, a)
        and not d.quoted(a.first_token)
        and not covered(a.value, aligned)
        and not spelled_out(a.span_text(d.text), pair.context)
    ]
    gone = [
        a
        for a in entities(s)
        if distinctive(a, s.text)
        and not covered(a.value, sentence)
        and not _kept(a, d, s)
        and not _written_out(a.span_text(s.text), d, s)
    ]
    out = []
    for atom in fresh:
        elsewhere = name_in(atom.value, source)
        for other in gone:
            if same_name(atom.value, other.value):
                gone.remove(other)
                break
            share = pair.match.verbatim_share
            copied = share >= NAME_COPIED or (
                share >= LONE_SUPPORT and swapped_alone(d, atom, s, other)
            )
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


def distinctive(atom: Atom, text: str) -> bool:
    """A name that can stand for one party: not a title or a role alone ("the Prime
    Minister" for "Mr Blair" is a description), not a stray letter or two ("the 40G-byte",
    "al-Qa'eda" cut at its apostrophe); an acronym ("UK") is a name."""
    raw = atom.span_text(text)
    letters = sum(c.isalpha() for c in raw)
    if letters < 3 and not (letters == 2 and raw.replace(".", "").isalpha() and raw.isupper()):
        return False
    generic = generic_words()
    return atom.value in aliases() or any(w not in generic for w in atom.value.split())


SWAP_ALONE = 0.85  # Jaccard of two clauses' content words outside the two names


def swapped_alone(d: Part, atom: Atom, s: Part, other: Atom) -> bool:
    """The two clauses the same but for the two names: one name put for another in copied
    words ("Qwest's bid for MCI" -> "Verizon's bid for MCI"), not a sentence reworded
    around a name written another way."""

    def rest(part: Part, name: Atom) -> set[str]:
        return {
            part.key(i)
            for i in part.words
            if part.weight(i) > 0 and not name.first_token <= i <= name.last_token
        }

    mine, theirs = rest(d, atom), rest(s, other)
    union = mine | theirs
    return bool(union) and len(mine & theirs) >= SWAP_ALONE * len(union)


HEM_REACH = 3  # words either side of a name read for the place it stands in


def _side(part: Part, atom: Atom, before: bool) -> set[str]:
    """Content keys within HEM_REACH words before (or after) a name, inside the clause."""
    if before:
        span = range(max(part.first, atom.first_token - HEM_REACH), atom.first_token)
    else:
        span = range(atom.last_token + 1, min(part.last, atom.last_token + 1 + HEM_REACH))
    keys, weights = part.sentence.keys, part.sentence.weights
    return {keys[i] for i in span if weights[i] > 0}


def _told(part: Part, atom: Atom) -> bool:
    """The one a speaker told ("Ruddock told BBC Sport Wales"): where it was said, not a
    fact of the story."""
    i = atom.first_token - 1
    if i > part.first and part.norm(i) == "the":
        i -= 1
    return i >= part.first and part.norm(i) == "told"


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
