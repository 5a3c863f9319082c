"""What the checks find, as records of the report: a quotation's status, a changed fact.

Offsets index the article texts as given; `derived_*`/`source_*` are -1 where a side has no span.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuoteReport:
    index: int
    sentence: int
    start: int
    end: int
    text: str
    speaker: str | None
    status: str
    source_text: str | None = None
    source_speaker: str | None = None
    repeat_of: int | None = None
    explanation: str = ""
    kind: str = "full"  # full | partial | scare
    speaker_title: str | None = None  # "Ambassador" of "Ambassador Tom Barrack"
    resolution: str = (
        "named"  # how the speaker was found: named | pronoun | role | continued | body | none
    )
    source: int = 0  # which source it was checked against, when there are several
    severity: str = ""  # high | medium | low for a status to act on; "" for verified


@dataclass(frozen=True)
class ChangeReport:
    kind: str
    sentence: int
    source_sentence: int
    derived_text: str
    source_text: str
    severity: str
    explanation: str
    derived_start: int = -1
    derived_end: int = -1
    source_start: int = -1
    source_end: int = -1
    rule: str = ""  # the rule that found it ("value-changed", "hope-stated-as-fact", …)
    source: int = 0  # which source, when there are several
