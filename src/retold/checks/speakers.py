"""Speakers of quotations: attribution patterns, names, titles, pronouns and role nouns.

Works on a *masked* text: the article's normalised text with every quoted stretch
replaced by a placeholder of the same length, so that offsets stay those of the
article and words inside quotation marks are never taken for an attribution.

Attribution forms handled: "X said", "said X", "X, the …, told", "according to X",
"X wrote in a post", "Comerica chief economist David Littman said", "he/she/they
said", "the ambassador said", "a spokesman for the firm said". Names are runs of
capitalised words; titles ("Ambassador", "Mr", "Prime Minister") are kept apart.

Reporting verbs are found with one regex; their subjects are read by walking the
words before (or, for "said X", after) the verb, which keeps this fast.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import compress, repeat
from typing import NamedTuple

import regex

from retold.text.tokens import non_ascii_chars

MASK = "\x01"  # stands for a character inside quotation marks

PRONOUNS = frozenset({"he", "she", "they", "it"})
PARTICLES = frozenset("de da di du van von der den del la le bin al ibn dos das ter".split())
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "one", "another"})
# Capitalised words that start a sentence or clause but are not part of a name.
NOT_NAMES = frozenset(
    """the a an but and or so yet on in at as for from to by with of after before
    speaking meanwhile however last this that these those yesterday today tomorrow
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december also if when while
    although though since because then now later earlier writing asked instead both
    it its his her their our we i you there here what who why how where one two
    many some all most other others another each every no not only even just he she
    they mr mrs ms dr""".split()
)
AUXILIARIES = frozenset(
    """has have had was were is are also later previously then once would will
    recently earlier again simply repeatedly publicly privately separately reportedly
    has've further subsequently""".split()
)
_DESCRIPTORS = frozenset(
    "chief senior executive deputy former general managing finance foreign home arts".split()
)
_PREPOSITIONS = frozenset({"of", "for", "at", "from", "with"})
_OBJECT_PREPOSITIONS = frozenset({"to", "in", "on", "by", "against", "about", "into", "over"})
# "TURNBERRY, Scotland (AP) — ", "HELSINKI — ": a dateline opening the story's first sentence
_DATELINE = re.compile(
    r"[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*(?:, [A-Z][\w.']*(?: [A-Z][\w.']*)*)?"
    r"(?: \([A-Za-z. ]{1,20}\))? *(?:\u2014|\u2013|--?) *"
)
_BEFORE_OBJECT = frozenset({"of", "to", "in", "for", "at", "on", "with", "from"})
_WORD = regex.compile(
    r"\x01+"
    r"|(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Prof|Rev|Jr|Sr|Mt)\.(?=[ ]\p{Lu})"
    r"|(?:\p{L}\.){2,}|\p{Lu}\.(?=[ ]\p{Lu})"
    r"|[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'\-&]*|[,;:.!?()\-]"
)
# The same tokens with the standard library's engine (faster for this simple pattern);
# [^\W\d_] is a letter, [^\W_] a letter or digit. The first branch only makes the
# commonest words (lower case, not an initial) cheap to find: same tokens. No token
# starts with a space: the lookahead says so, and spaces fail at once (1.7 times faster).
_WORD_FAST = re.compile(
    r"(?=\S)(?:"
    r"(?:[a-z](?!\.)|[0-9])[\w'\-&]*"
    r"|\x01+"
    r"|(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Prof|Rev|Jr|Sr|Mt)\.(?= [A-Z])"
    r"|(?:[^\W\d_]\.){2,}|[A-Z]\.(?= [A-Z])"
    r"|[^\W_][\w'\-&]*|[,;:.!?()\-])"
)
# `_WORD_FAST` again for a text whose letters and digits are all ASCII (most news text
# once its quotation marks are plain): explicit ASCII classes, where `\w` asks Unicode
# of every character: the same tokens, found in 0.8 of the time.
_W = r"[A-Za-z0-9_'\-&]"
_WORD_ASCII = re.compile(
    r"(?=\S)(?:"
    rf"(?:[a-z](?!\.)|[0-9]){_W}*"
    r"|\x01+"
    r"|(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Prof|Rev|Jr|Sr|Mt)\.(?= [A-Z])"
    r"|(?:[A-Za-z]\.){2,}|[A-Z]\.(?= [A-Z])"
    rf"|[A-Za-z0-9]{_W}*|[,;:.!?()\-])"
)


def _word_pattern(text: str) -> re.Pattern[str]:
    """`_WORD_ASCII` when no letter or digit of `text` lies outside ASCII (what a word
    character class adds beyond ASCII), else `_WORD_FAST`."""
    if not any(c.isalnum() for c in non_ascii_chars(text)):
        return _WORD_ASCII
    return _WORD_FAST


_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_RUN_FAST = re.compile(  # the lookahead fails at once where no capital is: same runs
    rf"(?=[{_UPPER}])(?<![\w'])(?:[{_UPPER}]\.|[{_UPPER}][\w'\-]*)"
    rf"(?: (?:(?:de|van|von|der|del|la|le|bin|al|da|du) )?(?:[{_UPPER}]\.|[{_UPPER}][\w'\-]*))+"
)
_OPEN_APPOSITION = re.compile(
    r"(?:^|[.!?:;\n\x01][ ]*)([A-Z][\w'\-]+(?: [A-Z][\w'\-]+)+), (?:the|a|an) [^,.;:!?\x01]*$"
)
_AFTER_NAME = frozenset({"of", "for", "at", "from", "with", "and", "who", "whose", "in", "on"})
_STOPS = re.compile(r"[.!?;]")
_CLAUSE_WORDS = re.compile(r"[;:.!?]|\b(?:and|but|as|while|which|who|that)\b")
_SENTENCE_BREAK = re.compile(r"[.!?][ ]+|\n")
_STOP_SPACE = re.compile(r"[.!?]\s")
_LEAD = re.compile(r"[ ,\-]*")


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[str]  # lower-cased, multi-word titles joined by spaces
    title_words: int  # longest title, in words
    title_starts: frozenset[str]  # first words of the titles
    roles: frozenset[str]  # person nouns: office holders and others
    carried: frozenset[str]  # office holders: "the mayor" may stand for the last speaker
    bodies: frozenset[str]
    verb_words: frozenset[str]
    missing_close: regex.Pattern[str]  # ", the organisation said" inside an unclosed quotation


@cache
def lexicon() -> Lexicon:
    """Titles, role nouns, bodies and reporting verbs from the package data files."""
    titles: set[str] = set()
    roles: set[str] = set()
    carried: set[str] = set()
    bodies: set[str] = set()
    data = resources.files("retold") / "data"
    for line in (data / "speaker_roles.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, value = line.partition(" ")
        value = value.strip().casefold()
        {"title": titles, "role": roles, "party": roles, "body": bodies}[kind].add(value)
        if kind == "role":
            carried.add(value)
    verbs = sorted(
        (
            line.strip()
            for line in (data / "speech_verbs.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ),
        key=len,
        reverse=True,
    )
    said = "|".join(v for v in verbs if " " not in v)
    missing_close = regex.compile(
        r"(?<=,)[ ]+(?:he|she|they|it|(?:the|a|an|his|her|its|their)[ ]+[\p{L}\- ]{1,40}?"
        r"|\p{Lu}[\p{L}'\-]*(?:[ ]+\p{Lu}[\p{L}'\-]*){0,3})[ ]+(?:" + said + r")\b"
    )
    return Lexicon(
        frozenset(titles),
        max(len(t.split()) for t in titles),
        frozenset(t.split()[0] for t in titles),
        frozenset(roles),
        frozenset(carried),
        frozenset(bodies),
        frozenset(v for v in verbs if " " not in v),
        missing_close,
    )


class Mention(NamedTuple):
    """Who an attribution names, where, and how it was read (a named tuple: made for
    every name run of an article, and a tuple is quicker to make than a dataclass)."""

    text: str  # the words as written ("he", "the ambassador", "Ambassador Tom Barrack")
    start: int
    end: int
    name: str | None  # the speaker's name without title; None for a pronoun or role
    title: str | None
    kind: str  # "named" | "pronoun" | "role" | "body"


class _Tok(NamedTuple):
    start: int
    end: int
    text: str


class _Verb(NamedTuple):
    """A reporting verb (or "according to") found in the text."""

    begin: int
    finish: int
    word: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.word


_SENTENCE_VERBS = frozenset({"Said", "Says", "Added", "Adds", "Wrote", "Writes", "Told"})
_PHRASES = {("according", "to"): "according to", ("issued", "a", "statement"): "issued a statement"}
_PHRASE_FIRST = frozenset(p[0] for p in _PHRASES)


class _Words(NamedTuple):
    """The tokens of a (masked) text, also as an array of starts, and its reporting verbs."""

    starts: list[int]
    toks: list[_Tok]
    verb_starts: list[int]
    verbs: list[_Verb]


@lru_cache(maxsize=1)
def _verb_words() -> frozenset[str]:
    return frozenset(lexicon().verb_words | _SENTENCE_VERBS | _PHRASE_FIRST)


@lru_cache(maxsize=2)
def _analysed(text: str) -> _Words:
    """Words and reporting verbs of a (masked) text, computed once per text (kept
    while its quotations are read: see `forget_words`)."""
    found = list(_word_pattern(text).finditer(text))
    starts = list(map(re.Match.start, found))
    texts = list(map(re.Match.group, found))
    ends = map(re.Match.end, found)
    # records built by tuple.__new__ in C: a NamedTuple's own __new__ is Python code
    toks = list(map(tuple.__new__, repeat(_Tok), zip(starts, ends, texts, strict=True)))
    verbs: list[_Verb] = []
    for k in compress(range(len(texts)), map(_verb_words().__contains__, texts)):
        word = texts[k]
        if word not in _PHRASE_FIRST:
            verbs.append(_Verb(starts[k], toks[k].end, word))
            continue
        for phrase, name in _PHRASES.items():
            if word == phrase[0] and tuple(texts[k : k + len(phrase)]) == phrase:
                verbs.append(_Verb(starts[k], toks[k + len(phrase) - 1].end, name))
    return _Words(starts, toks, [v.begin for v in verbs], verbs)


def forget_words() -> None:
    """Drop the tokens of the articles read so far: once an article's quotations are
    found, nothing reads them again, and left in memory they would cost the collector
    a walk over a few thousand records after every compare."""
    _analysed.cache_clear()


def tokens_among(text: str, wanted: set[str] | frozenset[str]) -> list[_Tok]:
    """The tokens of a (masked) text that are one of the `wanted` words, in order."""
    return [t for t in _analysed(text).toks if t.text in wanted]


def _tokens(text: str, lo: int, hi: int) -> list[_Tok]:
    words = _analysed(text)
    i, j = bisect_left(words.starts, lo), bisect_left(words.starts, hi)
    toks = words.toks
    while j > i and toks[j - 1].end > hi:
        j -= 1
    return toks[i:j]


def _verbs(text: str, lo: int = 0, hi: int | None = None) -> list[_Verb]:
    words = _analysed(text)
    starts, verbs = words.verb_starts, words.verbs
    return verbs[bisect_left(starts, lo) : bisect_left(starts, len(text) if hi is None else hi)]


def _is_cap(word: str) -> bool:
    return word[:1].isupper()  # the mask character is not upper case


def _split_title(words: list[_Tok]) -> tuple[str | None, list[_Tok]]:
    """The last title in a name's words ("U.S. President Donald Trump") split off."""
    lex = lexicon()
    best: tuple[int, int] | None = None
    folded = [w.text.rstrip(".").casefold() for w in words]
    for i in range(len(words) - 1):
        if folded[i] not in lex.title_starts:
            continue
        for n in range(min(lex.title_words, len(words) - 1 - i), 0, -1):
            phrase = " ".join(folded[i : i + n])
            if phrase in lex.titles:
                best = (i, n)
                break
    if best is None:
        return None, words
    i, n = best
    while i + n < len(words) - 1:  # "Prime Minister Tony Blair": titles run on
        if folded[i + n] not in lex.titles:
            break
        n += 1
    return " ".join(w.text.rstrip(".") for w in words[i : i + n]), words[i + n :]


def split_title(words: list[str]) -> tuple[str | None, list[str]]:
    """`_split_title` for plain words: ("Rep", ["Trey", "Gowdy"]) from "Rep. Trey Gowdy"."""
    title, rest = _split_title([_Tok(0, 0, w) for w in words])
    return title, [t.text for t in rest]


def _named(text: str, run: list[_Tok]) -> Mention | None:
    while run and not run[-1].text[:1].isalnum():
        run = run[:-1]
    for k in range(len(run) - 1, -1, -1):
        if not run[k].text[:1].isalnum():
            run = run[k + 1 :]
            break
    for k, tok in enumerate(run[:-1]):
        if tok.text.endswith("'s"):  # "Russia's Elena Dementieva": the name follows
            run = run[k + 1 :]
            break
    while run and run[0].text.rstrip(".").casefold() in NOT_NAMES and len(run) > 1:
        if run[0].text.rstrip(".").casefold() in {"mr", "mrs", "ms", "dr"}:
            break
        run = run[1:]
    if not run:
        return None
    title, rest = _split_title(run)
    if not rest:
        return None
    if len(rest) == 1 and rest[0].text.casefold() in NOT_NAMES:
        if rest[0].text.casefold() in PRONOUNS or title is not None:
            return None
        word = rest[0]  # "said Friday": a name only if the article named a Friday before
        return Mention(word.text, word.start, word.end, word.text, None, "maybe")
    name = " ".join(t.text for t in rest)
    if name.endswith("'s"):
        return None
    return Mention(
        text[run[0].start : run[-1].end], rest[0].start, rest[-1].end, name, title, "named"
    )


def _noun_phrase(text: str, toks: list[_Tok], end: int) -> Mention | None:
    """A determiner phrase ending at toks[end-1]: "the ambassador", "a spokesman for X"."""
    lex = lexicon()
    for back in range(1, 8):
        i = end - back
        if i < 0:
            return None
        word = toks[i].text.casefold()
        if word in DETERMINERS or word.endswith("'s"):
            words = [t.text.casefold() for t in toks[i + 1 : end]]
            if not words or any(not w[:1].isalpha() for w in words):
                return None
            phrase = text[toks[i].start : toks[end - 1].end]
            core = text[toks[i + 1].start : toks[end - 1].end]
            joined = " ".join(words)
            is_role = any(w.rstrip("s") in lex.roles or w in lex.roles for w in words) or any(
                r in joined for r in lex.roles if " " in r
            )
            if (
                is_role
                and word in {"the", "his", "her", "their", "our"}
                and toks[end - 1].text.islower()
            ):
                return Mention(phrase, toks[i].start, toks[end - 1].end, None, None, "role")
            return Mention(phrase, toks[i].start, toks[end - 1].end, core, None, "body")
        if not toks[i].text[:1].isalpha() or toks[i].text[:1] == MASK:
            return _bare_plural(text, toks, i + 1, end)
    return None


def _bare_plural(text: str, toks: list[_Tok], begin: int, end: int) -> Mention | None:
    """ "…, bank officials said": a plural role or body noun after a clause break."""
    lex = lexicon()
    head = toks[end - 1].text.casefold() if end > begin else ""
    if not head.endswith("s") or not (
        head in lex.roles or head in lex.bodies or head[:-1] in lex.roles
    ):
        return None
    phrase = text[toks[begin].start : toks[end - 1].end]
    return Mention(phrase, toks[begin].start, toks[end - 1].end, phrase, None, "body")


def subject_before(text: str, verb_start: int, lo: int = 0) -> Mention | None:
    """The subject of a reporting verb at `verb_start`: "X (, the …,) (has) said"."""
    toks = _tokens(text, max(lo, verb_start - 220), verb_start)
    i = len(toks)
    while i > 0 and toks[i - 1].text.casefold() in AUXILIARIES:
        i -= 1
    appositive: Mention | None = None
    if i > 0 and toks[i - 1].text == ",":  # apposition: "Barrack, who is also …, said"
        j = i - 2
        while (
            j >= 0
            and toks[j].text not in {",", ";", ":", ".", "!", "?"}
            and toks[j].text[0] != MASK
        ):
            j -= 1
        if j < 0 or toks[j].text != "," or i - 1 - j > 22:
            return None
        inner = toks[j + 1 : i - 1]
        if inner and len(inner) <= 5 and all(_is_cap(t.text) or t.text in PARTICLES for t in inner):
            appositive = _named(text, inner)  # "the firm's CEO, Cynthia Musselman, told"
        i = j
    if i == 0:
        return appositive
    head = _head_subject(text, toks, i)
    if (
        appositive is not None
        and appositive.kind == "named"
        and (head is None or head.kind != "named" or " " not in (head.name or ""))
    ):
        return appositive
    if head is not None and head.kind == "named":
        # "Mark Serwotka, the leader of the Public and Commercial Services Union said":
        # an apposition whose closing comma was left out
        opened = _open_apposition(text, max(0, head.start - 160), head.start)
        if opened is not None:
            person = _named(text, _tokens(text, opened.start(1), opened.end(1)))
            if person is not None and person.kind == "named":
                return person
    return head


def _open_apposition(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """`_OPEN_APPOSITION` in text[lo:hi]; its ", the " (", a ", ", an ") looked for first,
    since mostly there is none and the search would try every start."""
    window = text[lo:hi]
    if ", the " not in window and ", a " not in window and ", an " not in window:
        return None
    return _OPEN_APPOSITION.search(text, lo, hi)


def _head_subject(text: str, toks: list[_Tok], i: int) -> Mention | None:
    """The subject ending at toks[i-1]: a pronoun, a name, or a determiner phrase."""
    last = toks[i - 1]
    if last.text.casefold() in PRONOUNS:
        return Mention(last.text, last.start, last.end, None, None, "pronoun")
    if _is_cap(last.text):
        j = i - 1
        while j > 0 and (
            _is_cap(toks[j - 1].text)
            or (toks[j - 1].text in PARTICLES and j > 1 and _is_cap(toks[j - 2].text))
        ):
            j -= 1
        run = toks[j:i]
        if j >= 2 and toks[j - 1].text in ("of", "from", "at"):
            m = j - 2
            if m >= 0 and toks[m].text == "the":
                m -= 1
            k = m
            while k >= 0 and (_is_cap(toks[k].text) or toks[k].text in PARTICLES):
                k -= 1
            if k < m:  # "William Corr of the Campaign for …": the person
                person = _named(text, toks[k + 1 : m + 1])
                if person is not None and person.kind == "named":
                    return person
        if j >= 2 and toks[j - 1].text.casefold() in _PREPOSITIONS:
            phrase = _noun_phrase(text, toks, j - 1)
            if phrase is not None:  # "a spokesman for Sony"
                core = text[phrase.start : last.end]
                return Mention(core, phrase.start, last.end, _strip_det(core), None, "body")
        if j >= 1 and toks[j - 1].text in _OBJECT_PREPOSITIONS:
            # "Trump's ambassador to Moscow says": the name is the object, not the speaker
            phrase = _noun_phrase(text, toks, j - 1)
            if phrase is None:
                return None
            core = text[phrase.start : last.end]
            return Mention(core, phrase.start, last.end, _strip_det(core), None, "body")
        named = _named(text, run)
        if named is not None and named.title is None and j >= 1 and toks[j - 1].text == "the":
            # "the Virginia Democrat", "the top Democrat on the Senate Intelligence
            # Committee": a description or an institution, not a person's name
            return Mention(named.text, named.start, named.end, named.name, None, "body")
        return named
    return _noun_phrase(text, toks, i)


def _strip_det(phrase: str) -> str:
    first, _, rest = phrase.partition(" ")
    return rest if first.casefold() in DETERMINERS and rest else phrase


def _described_name(text: str, toks: list[_Tok]) -> Mention | None:
    """ "said race director David Bedford", "said his coach Peter Stanley": lower-case
    describing words, then the name."""
    j = 0
    while j < min(len(toks), 5) and toks[j].text[:1].islower() and toks[j].text[:1].isalpha():
        if toks[j].text in _PREPOSITIONS or toks[j].text in {"that", "there", "it", "he", "she"}:
            return None
        j += 1
    if j == 0 or j >= len(toks) or not _is_cap(toks[j].text):
        return None
    k = j
    while k < len(toks) and (_is_cap(toks[k].text) or toks[k].text in PARTICLES):
        k += 1
    if k < len(toks) and toks[k].text[:1].islower() and toks[k].text not in _AFTER_NAME:
        return None  # "a Google spokesperson": the name only modifies a noun
    mention = _named(text, toks[j:k])
    if mention is None or mention.kind != "named":
        return None
    return Mention(
        text[toks[0].start : toks[k - 1].end],
        mention.start,
        mention.end,
        mention.name,
        mention.title,
        "named",
    )


def subject_after(text: str, pos: int, hi: int) -> Mention | None:
    """The subject after an inverted verb: "said Mr Smith", "said the minister"."""
    toks = _tokens(text, pos, min(hi, pos + 160))
    if not toks:
        return None
    first = toks[0]
    if first.text.casefold() in PRONOUNS:
        return Mention(first.text, first.start, first.end, None, None, "pronoun")
    described = _described_name(text, toks)
    if described is not None:
        return described
    if _is_cap(first.text) and first.text.casefold() not in DETERMINERS:
        lex = lexicon()
        j = 1
        while j < len(toks):
            word = toks[j].text
            nxt = toks[j + 1].text if j + 1 < len(toks) else ""
            bridge = word.casefold() in lex.roles or word.casefold() in _DESCRIPTORS
            if _is_cap(word) or (
                (word in PARTICLES or bridge) and (_is_cap(nxt) or nxt.casefold() in lex.roles)
            ):
                j += 1
                continue
            break
        run = toks[:j]
        lower = [k for k, t in enumerate(run) if t.text[:1].islower() and t.text not in PARTICLES]
        return _named(text, run[lower[-1] + 1 :] if lower else run)
    if first.text.casefold() in DETERMINERS:
        lex = lexicon()
        for j in range(1, min(len(toks), 6)):
            word = toks[j].text.casefold()
            if word in lex.roles or word in lex.bodies or word.rstrip("s") in lex.roles:
                end = j + 1
                if end + 1 < len(toks) and toks[end].text in _PREPOSITIONS:
                    k = end + 1
                    if k < len(toks) and toks[k].text.casefold() == "the":
                        k += 1
                    while k < len(toks) and _is_cap(toks[k].text):
                        k += 1
                    if k > end + 1:
                        end = k
                return (
                    _noun_phrase(text, toks, end)
                    if end == j + 1
                    else Mention(
                        text[first.start : toks[end - 1].end],
                        first.start,
                        toks[end - 1].end,
                        _strip_det(text[first.start : toks[end - 1].end]),
                        None,
                        "body",
                    )
                )
            if not toks[j].text[:1].isalpha():
                break
    return None


def _sentence_subject(text: str, pos: int, lo: int) -> Mention | None:
    """The subject opening the sentence that holds `pos` ("Doherty …, saying: …")."""
    starts = [m.end() for m in _SENTENCE_BREAK.finditer(text[max(lo, pos - 300) : pos])]
    begin = max(lo, pos - 300) + (starts[-1] if starts else 0)
    dateline = _DATELINE.match(text, begin, pos)
    if dateline is not None:
        begin = dateline.end()
    toks = _tokens(text, begin, pos)
    if not toks:
        return None
    if toks[0].text.casefold() in PRONOUNS:
        return Mention(toks[0].text, toks[0].start, toks[0].end, None, None, "pronoun")
    j = 0
    while j < len(toks) and (_is_cap(toks[j].text) or toks[j].text in PARTICLES):
        j += 1
    if j == 0:
        return None
    if j == 1 and (
        toks[0].text.endswith("ing") or (j < len(toks) and toks[j].text in _BEFORE_OBJECT)
    ):
        return None  # "Ahead of the summit, …", "Sitting beside him, …": no name
    return _named(text, toks[:j])


def _subject(text: str, m: _Verb, lo: int, hi: int) -> Mention | None:
    if m.group()[:1].isupper():  # "Said Williams: …" opens its sentence
        return subject_after(text, m.end(), hi)
    if m.group() == "according to":
        return subject_after(text, m.end(), hi)
    if m.group().endswith("ing"):
        return _sentence_subject(text, m.start(), lo)
    return subject_before(text, m.start(), lo)


def attribution_before(masked: str, lo: int, hi: int) -> Mention | None:
    """An attribution before a quotation opening at `hi`, in the sentence from `lo`."""
    lo = max(lo, hi - 300)
    verbs = _verbs(masked, lo, hi)
    cut = masked.rfind(MASK, lo, hi)
    for m in sorted(verbs, key=lambda m: (m.start() <= cut, -m.start())):
        between = masked[m.end() : hi]
        if _STOP_SPACE.search(between.replace(MASK, "")):
            continue
        mention = _subject(masked, m, lo, hi)
        if mention is not None:
            return mention
    return None


def attribution_after(masked: str, lo: int, hi: int) -> tuple[Mention, int] | None:
    """An attribution right after a quotation closing at `lo`; with where it ends."""
    hi = min(hi, lo + 200)
    m = _LEAD.match(masked, lo, hi)
    start = m.end() if m else lo
    for verb in _verbs(masked, start, hi):
        if MASK in masked[start : verb.start()] or _STOPS.search(masked, start, verb.start()):
            return None
        if verb.start() == start:
            mention = subject_after(masked, verb.end(), hi)
            return (mention, mention.end) if mention is not None else None
        mention = subject_before(masked, verb.start(), start)
        if mention is None or mention.start < start:
            return None
        # the subject opens the attribution: "…," Comerica economist David Littman said
        prefix = masked[start : mention.start]
        if len(prefix) < 80 and not _CLAUSE_WORDS.search(prefix):
            return mention, verb.end()
        return None
    return None


def verb_subjects(masked: str) -> list[Mention]:
    """Subjects of every reporting verb ("Nora Quist, the harbour master, said")."""
    found = []
    for m in _verbs(masked):
        mention = _subject(masked, m, 0, len(masked))
        if mention is not None and mention.kind in ("named", "role", "body"):
            found.append(mention)
    return found


def _name_runs(masked: str) -> list[list[_Tok]]:
    """Runs of two or more capitalised words (particles inside), as word lists."""
    words = _analysed(masked)
    starts, toks = words.starts, words.toks
    runs: list[list[_Tok]] = []
    for m in _RUN_FAST.finditer(masked):
        i, j = bisect_left(starts, m.start()), bisect_left(starts, m.end())
        run = [t for t in toks[i:j] if t.text[:1].isalnum()]
        if len(run) >= 2:
            runs.append(run)
    return runs


def named_mentions(masked: str) -> list[Mention]:
    """Names of two or more words, and titled names, in text order."""
    found: list[Mention] = []
    for toks in _name_runs(masked):
        parts = [toks]
        for k, tok in enumerate(toks[:-1]):
            if tok.text.endswith("'s"):  # "Mike Friday's England": two names
                parts = [[*toks[:k], _Tok(tok.start, tok.end - 2, tok.text[:-2])], toks[k + 1 :]]
                break
        for part in parts:
            mention = _named(masked, part)
            if mention is not None and (mention.title or " " in (mention.name or "")):
                found.append(mention)
    return found


def same_speaker(a: str | None, b: str | None) -> bool:
    """Loose comparison: "Barrack" = "Tom Barrack" = "Ambassador Tom Barrack"."""
    if not a or not b:
        return False

    def words(s: str) -> list[str]:
        toks = [_Tok(0, 0, w) for w in s.replace("'s ", " ").split()]
        _, rest = _split_title(toks) if len(toks) > 1 else (None, toks)
        return [w.text.strip(".,'").casefold() for w in rest if w.text.strip(".,'")]

    x, y = words(a), words(b)
    if not x or not y:
        return False
    if x == y or x[-1] == y[-1]:
        return True
    return set(x) <= set(y) or set(y) <= set(x)
