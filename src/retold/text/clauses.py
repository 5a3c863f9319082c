"""Clauses, stance markers and frames: how a sentence holds what it says.

A fact is compared in the clause that states it, not in the whole sentence: a merged
or split sentence moves clauses around, and "stopped short of ruling out a strike" holds
its negation in one clause only. This module reads, once per sentence:

- *clauses*: word ranges cut at strong punctuation (; : — ( )) and at clause openers
  ("but", "although", "who", ", and", ", which", "…, he said");
- *markers*: negators (with "refused to", "stopped short of"), modals and prospects
  ("hoped to", "is expected to", "will"), claim verbs ("alleged", "insisted"), hedges,
  quantifiers ("some", "most", "all") and vague amounts or times ("dozens", "recently");
- *frames*: who says, claims or hopes what: the reporting verb, its holder (the words
  naming who) and the content it governs ("X said (that) P", "P, X said",
  "according to X, P").

Everything is a word index into the sentence (`Sentence.norms`), so offsets stay those
of the original text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from retold.text.document import Document, Sentence
from retold.text.lemmas import is_past_form
from retold.text.lexicon import NUMBER_WORDS

# a clause ends at these marks in the gap between two words
CUT_MARKS = frozenset(";:()[]\u2014\u2013")
# these words open a clause after a comma (or a dash)...
OPENERS = frozenset(
    """and but or while although though whereas because unless since who which where
    whom whose if when after before so yet nor then""".split()
)
# ...and these even without one ("he said the talks failed but …")
STRONG_OPENERS = frozenset("but although though whereas because unless".split())
# reporting verbs: their subject is the holder of the clause they govern
SAY_VERBS = frozenset(
    """say says said saying tell tells told telling add adds added state states stated
    note notes noted write writes wrote announce announces announced declare declares
    declared explain explains explained confirm confirms confirmed report reports
    reported acknowledge acknowledged admit admits admitted stress stressed reveal
    revealed tweet tweeted recall recalled""".split()
)
OPENING_MARKS = ("\u2014", "\u2013", " - ", ":", '"', "\u201c", "(")  # a fresh start follows
TIME_UNITS = frozenset(
    "years year months month weeks week days day hours hour decades decade minutes".split()
)
DATELINE_WORDS = 8  # a dateline ends with its dash within this many words
SHORT_BRACKET = 3  # words in brackets that stay with the clause around them
INVERTED_HOLDER = 6
APPOSITIVE_CLAUSES = 2  # short clauses before a verb that opens its clause: its speaker
APPOSITIVE_WORDS = 6  # words after the verb that can name who speaks ("…, said Mayor Elena Marsh")
AUXILIARY_STARTS = frozenset(
    """is are was were has have had will would can could may might must shall should do
    does did""".split()
)
HOLDER_FUNCTION_WORDS = frozenset("the a an his her its their he she they it".split())
LIGHT = frozenset("has have had also repeatedly previously long later then again".split())
# "nor" continues a denial ("hasn't been tried nor convicted"): it is not another one
NEGATORS = frozenset("not never no none nobody nothing neither without cannot".split())
MULTI_NEGATORS = {("no", "longer"): "no longer"}
# "not only", "no doubt", "no matter", "not least": no denial
NOT_NEGATING = frozenset("only just merely simply doubt matter least".split())
PERFECT = frozenset("has have had".split())
# forms of "be" that make a passive or a copula ("is confirmed", "it's believed")
BE_FORMS = frozenset("is are was were be been being am 's 're".split())


@dataclass(frozen=True, slots=True)
class Marker:
    """A stance word or phrase: words first..last (inclusive) of the sentence."""

    cls: str  # negation | prospect | claim | negative | quantifier | vague | approx | epistemic
    first: int
    last: int
    phrase: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class Frame:
    """Who says, claims or hopes what: word ranges [first, last) of the sentence."""

    kind: str  # say | claim | according
    verb: int  # the reporting word
    holder: tuple[int, int]  # who: (-1, -1) when the sentence does not name them
    content: tuple[int, int]  # what is said


@dataclass(frozen=True, slots=True)
class Reading:
    """One sentence read for stance: its clauses, markers and frames, and where its
    leading dateline ends ("HELSINKI (AP) —": place and agency, not a fact of it)."""

    clauses: tuple[tuple[int, int], ...]  # word ranges [first, last)
    markers: tuple[Marker, ...]
    frames: tuple[Frame, ...]
    dateline: int = 0  # words before this index are the dateline

    def clause_of(self, word: int) -> tuple[int, int]:
        for clause in self.clauses:
            if clause[0] <= word < clause[1]:
                return clause
        return (0, 0)

    def markers_in(self, first: int, last: int, *classes: str) -> list[Marker]:
        return [
            m for m in self.markers if first <= m.first < last and (not classes or m.cls in classes)
        ]

    def framed(self, word: int) -> Frame | None:
        """The frame whose content holds this word (reported speech or a claim)."""
        for frame in self.frames:
            if frame.content[0] <= word < frame.content[1]:
                return frame
        return None


@lru_cache(maxsize=1)
def _table() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """First word -> (phrase words, class, value), longest phrases first."""
    raw = resources.files("retold").joinpath("data/stance.txt").read_text("utf-8")
    table: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cls, phrase, *rest = line.split("\t")
        words = tuple(phrase.split())
        table.setdefault(words[0], []).append((words, cls, rest[0] if rest else ""))
    # hedges (data/hedges.txt): "approx" before a number, "epistemic" before a claim;
    # a phrase the stance list already classes keeps its class there
    hedges = resources.files("retold").joinpath("data/hedges.txt").read_text("utf-8")
    for line in hedges.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, cls = line.split("\t")
        words = tuple(phrase.split())
        if not any(e[0] == words and e[1] != "quantifier" for e in table.get(words[0], [])):
            table.setdefault(words[0], []).append((words, cls, ""))
    for entries in table.values():
        entries.sort(key=lambda e: -len(e[0]))
    return table


def _gap(sentence: Sentence, text: str, i: int) -> str:
    """The characters between word i-1 and word i (punctuation, spaces)."""
    return text[sentence.ends[i - 1] : sentence.starts[i]]


def _duration(norms: tuple[str, ...], i: int) -> bool:
    """ "over four years", "under two hours": a span of time, not an approximation."""
    return (
        norms[i] in ("over", "under")
        and i + 2 < len(norms)
        and (_number_follows(norms, i + 1) and norms[i + 2] in TIME_UNITS)
    )


def _number_follows(norms: tuple[str, ...], i: int) -> bool:
    return i < len(norms) and (norms[i][:1].isdigit() or norms[i] in NUMBER_WORDS)


def _in_name(sentence: Sentence, text: str, i: int) -> bool:
    """A capitalised word inside the sentence is part of a name or a month ("Prime
    Minister May", "Reporters Without Borders"), not a modal or a negator; unless it
    opens a stretch of its own (after a dateline's dash, a colon, an opening quote)."""
    if i == 0 or not text[sentence.starts[i]].isupper():
        return False
    return not any(mark in _gap(sentence, text, i) for mark in OPENING_MARKS)


def _may_start(norms: tuple[str, ...]) -> list[int]:
    """Positions where a marker may begin: most words begin none (one set test each)."""
    starts = _first_words()
    return [
        i
        for i, norm in enumerate(norms)
        if norm in starts
        or norm.endswith("n't")
        or norm in ("t", "nt")  # a contraction printed apart: "doesn 't", "does nt"
        or norm in UNMARKED_DENIALS
        or (norm.isdigit() and len(norm) == 4)
    ]


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(_table()) | NEGATORS


def _markers(sentence: Sentence, text: str) -> list[Marker]:
    norms = sentence.norms
    table = _table()
    found: list[Marker] = []
    free = 0  # the first word not inside a marker already read
    for i in _may_start(norms):
        if i < free:
            continue
        free = i + 1 + _marker_at(sentence, text, table, i, found)
    return found


def _rejoined(sentence: Sentence, text: str, i: int) -> str:
    """Word i, or a contraction a tokenised corpus prints apart ("doesn 't"): "doesn't",
    the same denial. ("could n't" is read already: its "n't" is a word of its own.)"""
    norm = sentence.norms[i]
    if norm in UNMARKED_DENIALS:
        return norm[:-1] + "'t"  # "dont", written without its apostrophe
    if norm == "nt" and i > 0 and sentence.norms[i - 1] + "nt" in UNMARKED_DENIALS:
        return sentence.norms[i - 1] + "n't"  # "does nt", split by a tokeniser
    if norm != "t" or i == 0 or not sentence.norms[i - 1].endswith("n"):
        return norm
    if text[sentence.ends[i - 1] : sentence.starts[i]].strip() in APOSTROPHES:
        return sentence.norms[i - 1] + "'t"
    return norm


# an apostrophe, typed, typographic, or a typographic one read in the wrong encoding
APOSTROPHES = frozenset({"'", "\u2019", "\u00e2\u0080\u0099"})
UNMARKED_DENIALS = frozenset(
    """dont doesnt didnt isnt arent wasnt werent hasnt havent hadnt couldnt wouldnt
    shouldnt""".split()
)


def _marker_at(
    sentence: Sentence,
    text: str,
    table: dict[str, list[tuple[tuple[str, ...], str, str]]],
    i: int,
    found: list[Marker],
) -> int:
    """Read the marker starting at word i into `found`; how many more words it takes."""
    norms = sentence.norms
    norm = _rejoined(sentence, text, i)
    entries = table.get(norm, ())
    hit = None
    for words, cls, value in entries:
        if norms[i : i + len(words)] == words:
            if hit is not None and len(hit[0]) > len(words):
                break
            before_number = _number_follows(norms, i + len(words))
            if cls == "approx" and not before_number:
                continue  # "over its opening weekend": no amount to hedge
            if hit is None or (cls == "approx") == before_number:
                hit = (words, cls, value)  # "some 20 people": approx; "some people"
    if _in_name(sentence, text, i) or _duration(norms, i):
        return 0
    if hit:
        words, cls, value = hit
        found.append(Marker(cls, i, i + len(words) - 1, " ".join(words), value))
        return len(words) - 1
    if norm in NEGATORS or norm.endswith("n't"):
        pair = norms[i : i + 2]
        if pair == ("not", "guilty"):  # a plea: a denial, as "denies" is
            found.append(Marker("negative", i, i + 1, "not guilty"))
            return 1
        if len(pair) == 2 and pair in MULTI_NEGATORS:
            found.append(Marker("negation", i, i + 1, MULTI_NEGATORS[pair]))
            return 1
        if not (i + 1 < len(norms) and norms[i + 1] in NOT_NEGATING):
            found.append(Marker("negation", i, i, norm))
            if norm.endswith("n't") and norm[:-3] in ("won", "wo", "ca", "would", "could"):
                modal = {"won": "will", "wo": "will", "ca": "can"}.get(norm[:-3], norm[:-3])
                found.append(Marker("prospect", i, i, modal))
    elif norm.isdigit() and i + 1 < len(norms) and norms[i + 1] == "s" and len(norm) == 4:
        found.append(Marker("vague", i, i + 1, norm + "s", "time"))  # "the 1990s"
        return 1
    return 0


def _short_brackets(sentence: Sentence, text: str) -> set[int]:
    """Word positions at either end of a short bracket ("97p ($1.87)", "(ICBC)"): an
    aside to the word before it, not a clause of its own."""
    found: set[int] = set()
    for i in range(1, len(sentence.norms)):
        if "(" not in _gap(sentence, text, i):
            continue
        for j in range(i + 1, min(len(sentence.norms), i + SHORT_BRACKET + 1)):
            if ")" in _gap(sentence, text, j):
                found.update((i, j))
                break
    return found


def _clauses(sentence: Sentence, text: str) -> tuple[tuple[int, int], ...]:
    norms = sentence.norms
    cuts = [0]
    short_brackets = _short_brackets(sentence, text)
    for i in range(1, len(norms)):
        gap = _gap(sentence, text, i)
        marks = (
            (set(gap) & CUT_MARKS or (" - " in gap and {"-"})) if i not in short_brackets else set()
        )
        comma = "," in gap
        opener = norms[i] in OPENERS and (comma or marks)
        strong = norms[i] in STRONG_OPENERS and i - cuts[-1] >= 3
        # "…has not been named and is not accused…": a second predicate of its own
        strong = strong or (
            norms[i] in ("and", "but", "or")
            and i + 1 < len(norms)
            and norms[i + 1] in AUXILIARY_STARTS
        )
        if marks or opener or strong:
            cuts.append(i)
        elif comma and norms[i] in SAY_VERBS | {"according"}:
            cuts.append(i)  # "…, said the mayor"
        elif comma and _holder_then_verb(sentence, i):
            cuts.append(i)  # "…, she said", "…, Mayor Elena Marsh said"
    cuts.append(len(norms))
    return tuple((a, b) for a, b in pairwise(cuts) if b > a)


def _holder_then_verb(sentence: Sentence, i: int) -> bool:
    """Do the words from i on name someone, then a reporting verb ("Mayor Elena Marsh said")?"""
    norms, weights = sentence.norms, sentence.weights
    for j in range(i, min(len(norms), i + 6)):
        if norms[j] in SAY_VERBS:
            return j > i
        if weights[j] == 0 and norms[j] not in HOLDER_FUNCTION_WORDS:
            return False
    return False


def _holder_before(sentence: Sentence, verb: int, lo: int) -> tuple[int, int]:
    """The words naming who speaks, just before the reporting verb ("the mayor said")."""
    j = verb - 1
    while j >= lo and sentence.norms[j] in LIGHT:
        j -= 1
    if j < lo or (sentence.weights[j] == 0 and sentence.norms[j] not in ("he", "she", "they")):
        return (-1, -1)
    start = j
    while start - 1 >= lo and sentence.weights[start - 1] > 0 and j - start < 4:
        start -= 1
    return (start, j + 1)


def _inverted(sentence: Sentence, verb: int, end: int, markers: list[Marker]) -> bool:
    """ "…, said Mayor Elena Marsh": a short tail naming the speaker, no verb of its own
    (not "…, says England's Grewcock should reflect")."""
    if verb == 0 or not 0 < end - verb - 1 <= INVERTED_HOLDER:
        return False
    return not any(verb < m.first < end for m in markers)


def _appositive(clauses: tuple[tuple[int, int], ...], lo: int) -> tuple[int, int]:
    """The short clauses just before a clause that opens with its reporting verb: the
    speaker set off by commas ("Turkey's economics minister, Ali Babacan, said")."""
    before = [c for c in clauses if c[1] <= lo][-APPOSITIVE_CLAUSES:]
    start = lo
    for first, last in reversed(before):
        if last != start or last - first > APPOSITIVE_WORDS:
            break
        start = first
    return (start, lo) if start < lo else (-1, -1)


ATTRIBUTIVE_BEFORE = frozenset("the a an his her its their our this that these those".split())


def _attributive(sentence: Sentence, v: int) -> bool:
    """A claim verb's past form used as an adjective ("the alleged victims", "nearly 250
    alleged victims"): it frames no clause."""
    norms = sentence.norms
    before = norms[v - 1] if v else ""
    return (
        v > 0
        and norms[v].endswith("ed")
        and (before in ATTRIBUTIVE_BEFORE or _number_follows(norms, v - 1))
        and v + 1 < len(norms)
        and sentence.weights[v + 1] > 0
        and norms[v + 1] != "that"
    )


def _frames(
    sentence: Sentence, clauses: tuple[tuple[int, int], ...], markers: list[Marker]
) -> list[Frame]:
    norms = sentence.norms
    claims = {m.first for m in markers if m.cls == "claim"}
    frames: list[Frame] = []
    for lo, hi in clauses:
        for v in range(lo, hi):
            if norms[v] == "according" and v + 1 < hi and norms[v + 1] == "to":
                content = (0, lo) if lo > 0 else (hi, len(norms))
                if content[1] > content[0]:
                    frames.append(Frame("according", v, (v + 2, hi), content))
                break
            kind = "say" if norms[v] in SAY_VERBS else "claim" if v in claims else ""
            if not kind or (kind == "claim" and _attributive(sentence, v)):
                continue
            holder = _holder_before(sentence, v, lo)
            after = v + 1
            if holder == (-1, -1) and v == lo and _inverted(sentence, v, hi, markers):
                holder, after = (v + 1, hi), hi  # "…, said the mayor"
            elif holder == (-1, -1) and v == lo:
                holder = _appositive(clauses, lo)  # "Ali Babacan, the minister, said"
            if after < hi:  # "X said (that) P": the words after the verb
                content = (after + (norms[after] == "that"), len(norms))
            elif lo > 0:  # "P, X said": what came before
                content = (0, lo)
            else:
                content = (hi, len(norms))
            if content[1] > content[0]:
                frames.append(Frame(kind, v, holder, content))
            break
    return frames


def read_sentence(sentence: Sentence, text: str) -> Reading:
    """Clauses, markers and frames of one sentence (`text` is its article's text)."""
    if not sentence.norms:
        return Reading((), (), ())
    clauses = _clauses(sentence, text)
    markers = _markers(sentence, text)
    dateline = _dateline(sentence, text)
    frames = tuple(_after_dateline(f, dateline) for f in _frames(sentence, clauses, markers))
    return Reading(clauses, tuple(markers), frames, dateline)


def _after_dateline(frame: Frame, dateline: int) -> Frame:
    """The holder without the dateline before it ("GLASGOW, Scotland -- President Trump
    says": the speaker is the president, not Scotland)."""
    lo, hi = frame.holder
    if 0 <= lo < dateline < hi:
        return Frame(frame.kind, frame.verb, (dateline, hi), frame.content)
    return frame


def _dateline(sentence: Sentence, text: str) -> int:
    """The words of a leading dateline: capitals ("HELSINKI", "TURNBERRY/GLASGOW,
    Scotland", "(AP)") up to a dash within the first words."""
    first = text[sentence.starts[0] : sentence.ends[0]]
    if not (first.isupper() and len(first) >= 3):
        return 0
    for i in range(1, min(len(sentence.norms), DATELINE_WORDS)):
        gap = _gap(sentence, text, i)
        if any(dash in gap for dash in ("\u2014", "\u2013", " - ", "--")):
            return i
    return 0


def is_past(norm: str, previous: str) -> bool:
    """A finite past or perfect form: the event stated as done ("signed", "has met")."""
    return is_past_form(norm) or previous in PERFECT


@lru_cache(maxsize=256)  # as many as the other per-document caches keep
def _readings(doc: Document) -> dict[int, Reading]:
    return {}


def reading(doc: Document, index: int) -> Reading:
    """The reading of one sentence of a document, made once (only sentences a check needs)."""
    cache = _readings(doc)
    found = cache.get(index)
    if found is None:
        found = cache[index] = read_sentence(doc.sentences[index], doc.text)
    return found
