"""Names of speakers: name runs, titles, pronouns and role phrases, and when two names are one.

A speaker is a `Mention`: the words as written, where they stand, and how they were
read: a name ("Ambassador Tom Barrack": the name without its title, the title apart),
a pronoun, a role ("the ambassador") or a body ("a spokesman for the firm"). Names are
runs of capitalised words with particles ("van der"), the words that open a sentence
or clause but name no one ("Meanwhile", "Friday") set aside; `same_speaker` compares two
names loosely ("Barrack" = "Tom Barrack" = "Ambassador Tom Barrack").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from retold.checks.speaker_words import MASK, Tok, analysed, lexicon

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

_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
# A run opens with a capital (matched first: the engine then skips to the next capital
# without trying each position) that no letter or apostrophe precedes.
_RUN_FAST = re.compile(
    rf"[{_UPPER}](?<![\w'][{_UPPER}])(?:\.|[\w'\-]*)"
    rf"(?: (?:(?:de|van|von|der|del|la|le|bin|al|da|du) )?(?:[{_UPPER}]\.|[{_UPPER}][\w'\-]*))+"
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


def _split_title(words: list[Tok]) -> tuple[str | None, list[Tok]]:
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
    title, rest = _split_title([Tok(0, 0, w) for w in words])
    return title, [t.text for t in rest]


def name_mention(text: str, run: list[Tok]) -> Mention | None:
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


def noun_phrase(text: str, toks: list[Tok], end: int) -> Mention | None:
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


def _bare_plural(text: str, toks: list[Tok], begin: int, end: int) -> Mention | None:
    """ "…, bank officials said": a plural role or body noun after a clause break."""
    lex = lexicon()
    head = toks[end - 1].text.casefold() if end > begin else ""
    if not head.endswith("s") or not (
        head in lex.roles or head in lex.bodies or head[:-1] in lex.roles
    ):
        return None
    phrase = text[toks[begin].start : toks[end - 1].end]
    return Mention(phrase, toks[begin].start, toks[end - 1].end, phrase, None, "body")


def _name_runs(masked: str) -> list[list[Tok]]:
    """Runs of two or more capitalised words (particles inside), as word lists."""
    words = analysed(masked)
    starts, toks = words.starts, words.toks
    runs: list[list[Tok]] = []
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
                parts = [[*toks[:k], Tok(tok.start, tok.end - 2, tok.text[:-2])], toks[k + 1 :]]
                break
        for part in parts:
            mention = name_mention(masked, part)
            if mention is not None and (mention.title or " " in (mention.name or "")):
                found.append(mention)
    return found


def same_speaker(a: str | None, b: str | None) -> bool:
    """Loose comparison: "Barrack" = "Tom Barrack" = "Ambassador Tom Barrack"."""
    if not a or not b:
        return False

    def words(s: str) -> list[str]:
        toks = [Tok(0, 0, w) for w in s.replace("'s ", " ").split()]
        _, rest = _split_title(toks) if len(toks) > 1 else (None, toks)
        return [w.text.strip(".,'").casefold() for w in rest if w.text.strip(".,'")]

    x, y = words(a), words(b)
    if not x or not y:
        return False
    if x == y or x[-1] == y[-1]:
        return True
    return set(x) <= set(y) or set(y) <= set(x)
