"""The phrase list: furniture the shape rules do not see, from `data/boilerplate.txt`.

Each line of the data file gives a reason (prompt, nav, legal, note, tags, byline, …)
and a pattern: prompts ("Sign up for our newsletter"), navigation, legal lines, editor's
notes and tag lists. Patterns anchored at the line's start are tried as one alternation,
the others one by one in the lower-cased line; a line with quotation marks is someone's
words, never a prompt.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import regex


@lru_cache(maxsize=1)
def _reasoned_patterns() -> tuple[tuple[str, str], ...]:
    """(reason, pattern) of each line of data/boilerplate.txt."""
    raw = resources.files("retold").joinpath("data/boilerplate.txt").read_text("utf-8")
    entries = []
    for line in raw.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            reason, _, pattern = line.partition(" ")
            entries.append((reason, pattern.strip()))
    return tuple(entries)


def patterns() -> tuple[str, ...]:
    """The patterns of data/boilerplate.txt, one a line (after each line's reason)."""
    return tuple(pattern for _, pattern in _reasoned_patterns())


Phrases = tuple[regex.Pattern[str], tuple[tuple[str, regex.Pattern[str]], ...], tuple[str, ...]]


@lru_cache(maxsize=1)
def _matchers() -> Phrases:
    """The patterns anchored at the line's start, as one alternation with a named group
    per pattern (the group that matched names the reason), and the others, each on its
    own with its reason: searched one by one in the lower-cased line, each pattern's
    literal prefix lets it skip ahead, which a joined alternation cannot (3x quicker)."""
    entries = _reasoned_patterns()
    groups = [
        f"(?P<p{k}>{pattern})" for k, (_, pattern) in enumerate(entries) if pattern.startswith("^")
    ]
    at_start = regex.compile("|".join(groups) or r"(?!)", regex.IGNORECASE)
    anywhere = tuple(
        (reason, regex.compile(pattern))
        for reason, pattern in entries
        if not pattern.startswith("^")
    )
    return at_start, anywhere, tuple(reason for reason, _ in entries)


def phrase_reason(line: str) -> str | None:
    at_start, anywhere, reasons = _matchers()
    found = at_start.match(line)
    if found is not None and found.lastgroup is not None:
        return reasons[int(found.lastgroup[1:])]
    if any(mark in line for mark in '"“”'):
        return None  # someone's words ("You'll be the first to know," he said), not a prompt
    lowered = line.lower()
    return next((reason for reason, rx in anywhere if rx.search(lowered)), None)
