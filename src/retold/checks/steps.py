"""Steps: a party put at another step of a process than the source says.

"The man was charged with fraud" -> "the man was convicted of fraud": the words are near
and both are the story's, but the rewrite tells another event. The processes and their
steps in order are listed in `data/steps.txt` (a criminal case; harm done). Read only
where the two clauses state the same thing, and only when neither text has the other's
step nearby: "arrested and charged" holds both, and a later version that has both tells
the story on.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from retold.checks.marker_scope import own_words
from retold.checks.parts import ClausePair, Part, change, same_proposition
from retold.checks.records import ChangeReport


@lru_cache(maxsize=1)
def steps() -> dict[str, tuple[int, int]]:
    """Word form -> (process, step) from data/steps.txt."""
    raw = resources.files("retold").joinpath("data/steps.txt").read_text("utf-8")
    table: dict[str, tuple[int, int]] = {}
    process = 0
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        for step, forms in enumerate(line.split(" > ")):
            for form in forms.split("|"):
                table[form.strip()] = (process, step)
        process += 1
    return table


def _steps_of(part: Part) -> dict[int, tuple[int, int]]:
    """Position -> (process, step) of each step word of the clause, quotations aside."""
    table = steps()
    return {
        i: table[part.norm(i)] for i in part.words if part.norm(i) in table and not part.quoted(i)
    }


def _sentence_steps(pair: ClausePair, derived: bool) -> set[tuple[int, int]]:
    """Every step the derived sentence (or the aligned source sentences) names."""
    table = steps()
    if derived:
        sentences = [pair.derived.sentence]
    else:
        doc = pair.source.doc if pair.source is not None else None
        sentences = [doc.sentences[j] for j in pair.match.source_sentences] if doc else []
    return {table[n] for s in sentences for n in s.norms if n in table}


def step_changes(pair: ClausePair) -> list[ChangeReport]:
    """A step word of the source clause replaced by another step of its process."""
    d, s = pair.derived, pair.source
    if s is None or not own_words(pair) or not same_proposition(d, s):
        return []
    d_steps, s_steps = _steps_of(d), _steps_of(s)
    if not d_steps or not s_steps:
        return []
    in_source, in_derived = _sentence_steps(pair, False), _sentence_steps(pair, True)
    for i, (process, step) in d_steps.items():
        if (process, step) in in_source:
            continue  # the source names this step too: told on, not changed
        for j, (s_process, s_step) in s_steps.items():
            if s_process != process or (s_process, s_step) in in_derived:
                continue
            if not d.neighbours(i, i) & s.neighbours(j, j):
                continue  # said of something else
            was, now = s.norm(j), d.norm(i)
            further = step > s_step
            return [
                change(
                    "meaning",
                    "high" if further else "medium",
                    "step-changed",
                    f"another step: the source says “{was}”, the rewrite “{now}”"
                    + (" (further on)" if further else " (an earlier step)"),
                    d,
                    d.span(i, i),
                    s,
                    s.span(j, j),
                )
            ]
    return []
