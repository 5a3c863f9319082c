"""Attribution: the speaker an attribution gives a quotation, read around its reporting verb.

Attribution forms handled: "X said", "said X", "X, the …, told", "according to X",
"X wrote in a post", "Comerica chief economist David Littman said", "he/she/they
said", "the ambassador said", "a spokesman for the firm said". The subject of each
reporting verb is read by walking the words of the masked text (`speaker_words`)
before the verb (or, for "said X", after it), which keeps this fast; what those words
name, a person, a pronoun, a role or a body, is read by `speaker_names`.
"""

from __future__ import annotations

import re

from retold.checks.speaker_names import (
    DETERMINERS,
    PARTICLES,
    PRONOUNS,
    Mention,
    name_mention,
    noun_phrase,
)
from retold.checks.speaker_words import (
    MASK,
    Tok,
    Verb,
    is_cap,
    lexicon,
    tokens_between,
    verbs_between,
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

_OPEN_APPOSITION = re.compile(
    r"(?:^|[.!?:;\n\x01][ ]*)([A-Z][\w'\-]+(?: [A-Z][\w'\-]+)+), (?:the|a|an) [^,.;:!?\x01]*$"
)
_AFTER_NAME = frozenset({"of", "for", "at", "from", "with", "and", "who", "whose", "in", "on"})
_STOPS = re.compile(r"[.!?;]")
_CLAUSE_WORDS = re.compile(r"[;:.!?]|\b(?:and|but|as|while|which|who|that)\b")
_SENTENCE_BREAK = re.compile(r"[.!?][ ]+|\n")
_STOP_SPACE = re.compile(r"[.!?]\s")
_LEAD = re.compile(r"[ ,\-]*")


def subject_before(text: str, verb_start: int, lo: int = 0) -> Mention | None:
    """The subject of a reporting verb at `verb_start`: "X (, the …,) (has) said"."""
    toks = tokens_between(text, max(lo, verb_start - 220), verb_start)
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
        if inner and len(inner) <= 5 and all(is_cap(t.text) or t.text in PARTICLES for t in inner):
            appositive = name_mention(text, inner)  # "the firm's CEO, Cynthia Musselman, told"
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
            person = name_mention(text, tokens_between(text, opened.start(1), opened.end(1)))
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


def _head_subject(text: str, toks: list[Tok], i: int) -> Mention | None:
    """The subject ending at toks[i-1]: a pronoun, a name, or a determiner phrase."""
    last = toks[i - 1]
    if last.text.casefold() in PRONOUNS:
        return Mention(last.text, last.start, last.end, None, None, "pronoun")
    if is_cap(last.text):
        j = i - 1
        while j > 0 and (
            is_cap(toks[j - 1].text)
            or (toks[j - 1].text in PARTICLES and j > 1 and is_cap(toks[j - 2].text))
        ):
            j -= 1
        run = toks[j:i]
        if j >= 2 and toks[j - 1].text in ("of", "from", "at"):
            m = j - 2
            if m >= 0 and toks[m].text == "the":
                m -= 1
            k = m
            while k >= 0 and (is_cap(toks[k].text) or toks[k].text in PARTICLES):
                k -= 1
            if k < m:  # "William Corr of the Campaign for …": the person
                person = name_mention(text, toks[k + 1 : m + 1])
                if person is not None and person.kind == "named":
                    return person
        if j >= 2 and toks[j - 1].text.casefold() in _PREPOSITIONS:
            phrase = noun_phrase(text, toks, j - 1)
            if phrase is not None:  # "a spokesman for Sony"
                core = text[phrase.start : last.end]
                return Mention(core, phrase.start, last.end, _strip_det(core), None, "body")
        if j >= 1 and toks[j - 1].text in _OBJECT_PREPOSITIONS:
            # "Trump's ambassador to Moscow says": the name is the object, not the speaker
            phrase = noun_phrase(text, toks, j - 1)
            if phrase is None:
                return None
            core = text[phrase.start : last.end]
            return Mention(core, phrase.start, last.end, _strip_det(core), None, "body")
        named = name_mention(text, run)
        if named is not None and named.title is None and j >= 1 and toks[j - 1].text == "the":
            # "the Virginia Democrat", "the top Democrat on the Senate Intelligence
            # Committee": a description or an institution, not a person's name
            return Mention(named.text, named.start, named.end, named.name, None, "body")
        return named
    return noun_phrase(text, toks, i)


def _strip_det(phrase: str) -> str:
    first, _, rest = phrase.partition(" ")
    return rest if first.casefold() in DETERMINERS and rest else phrase


def _described_name(text: str, toks: list[Tok]) -> Mention | None:
    """ "said race director David Bedford", "said his coach Peter Stanley": lower-case
    describing words, then the name."""
    j = 0
    while j < min(len(toks), 5) and toks[j].text[:1].islower() and toks[j].text[:1].isalpha():
        if toks[j].text in _PREPOSITIONS or toks[j].text in {"that", "there", "it", "he", "she"}:
            return None
        j += 1
    if j == 0 or j >= len(toks) or not is_cap(toks[j].text):
        return None
    k = j
    while k < len(toks) and (is_cap(toks[k].text) or toks[k].text in PARTICLES):
        k += 1
    if k < len(toks) and toks[k].text[:1].islower() and toks[k].text not in _AFTER_NAME:
        return None  # "a Google spokesperson": the name only modifies a noun
    mention = name_mention(text, toks[j:k])
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
    toks = tokens_between(text, pos, min(hi, pos + 160))
    if not toks:
        return None
    first = toks[0]
    if first.text.casefold() in PRONOUNS:
        return Mention(first.text, first.start, first.end, None, None, "pronoun")
    described = _described_name(text, toks)
    if described is not None:
        return described
    if is_cap(first.text) and first.text.casefold() not in DETERMINERS:
        lex = lexicon()
        j = 1
        while j < len(toks):
            word = toks[j].text
            nxt = toks[j + 1].text if j + 1 < len(toks) else ""
            bridge = word.casefold() in lex.roles or word.casefold() in _DESCRIPTORS
            if is_cap(word) or (
                (word in PARTICLES or bridge) and (is_cap(nxt) or nxt.casefold() in lex.roles)
            ):
                j += 1
                continue
            break
        run = toks[:j]
        lower = [k for k, t in enumerate(run) if t.text[:1].islower() and t.text not in PARTICLES]
        return name_mention(text, run[lower[-1] + 1 :] if lower else run)
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
                    while k < len(toks) and is_cap(toks[k].text):
                        k += 1
                    if k > end + 1:
                        end = k
                return (
                    noun_phrase(text, toks, end)
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
    toks = tokens_between(text, begin, pos)
    if not toks:
        return None
    if toks[0].text.casefold() in PRONOUNS:
        return Mention(toks[0].text, toks[0].start, toks[0].end, None, None, "pronoun")
    j = 0
    while j < len(toks) and (is_cap(toks[j].text) or toks[j].text in PARTICLES):
        j += 1
    if j == 0:
        return None
    if j == 1 and (
        toks[0].text.endswith("ing") or (j < len(toks) and toks[j].text in _BEFORE_OBJECT)
    ):
        return None  # "Ahead of the summit, …", "Sitting beside him, …": no name
    return name_mention(text, toks[:j])


def _subject(text: str, m: Verb, lo: int, hi: int) -> Mention | None:
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
    verbs = verbs_between(masked, lo, hi)
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
    for verb in verbs_between(masked, start, hi):
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
    for m in verbs_between(masked):
        mention = _subject(masked, m, 0, len(masked))
        if mention is not None and mention.kind in ("named", "role", "body"):
            found.append(mention)
    return found
