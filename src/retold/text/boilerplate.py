"""Boilerplate: lines that are page furniture, not story (bylines, prompts, credits)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import regex

MAX_WORDS = 20  # a boilerplate line is short; longer paragraphs are story text


@lru_cache(maxsize=1)
def patterns() -> tuple[str, ...]:
    """The patterns of data/boilerplate.txt, one a line."""
    raw = resources.files("retold").joinpath("data/boilerplate.txt").read_text("utf-8")
    lines = [ln.strip() for ln in raw.splitlines()]
    return tuple(ln for ln in lines if ln and not ln.startswith("#"))


@lru_cache(maxsize=1)
def _matchers() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """The patterns anchored at the line's start (tried there only) and the others
    (searched for): three times quicker than searching one alternation of all."""

    def joined(group: list[str]) -> regex.Pattern[str]:
        return regex.compile("|".join(f"(?:{p})" for p in group) or r"(?!)", regex.IGNORECASE)

    anchored = [p for p in patterns() if p.startswith("^")]
    return joined(anchored), joined([p for p in patterns() if not p.startswith("^")])


def _shouting_label(line: str) -> bool:
    """'WATCH BELOW:', 'RELATED:' — a short all-capitals line ending in a colon."""
    if not line.rstrip().endswith(":"):
        return False  # the cheap test first: most lines end otherwise
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


@lru_cache(maxsize=4096)  # a rewrite repeats most short lines of its source
def is_boilerplate(paragraph: str, words: int) -> bool:
    """Is this paragraph (a whole line of the article) page furniture?"""
    if words > MAX_WORDS:
        return False
    if words == 0 or _shouting_label(paragraph):
        return True
    at_start, anywhere = _matchers()
    return at_start.match(paragraph) is not None or anywhere.search(paragraph) is not None
