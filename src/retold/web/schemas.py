"""The API's request and response shapes, for validation and the OpenAPI document.

Responses are built by the library (`Report.to_dict`, `Trace.to_dict`) in a worker and
sent as they are; these models describe them for /docs and are checked against real
responses by the tests. Keys may be added within a schema version, so every response
model allows extra keys.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from retold.web.jobs import clean

META_CHARS = 2_000  # title, id, date, url, publisher: far above any real one


def _clean(value: object) -> object:
    """Lone surrogates out before validation: pydantic refuses them in a string it has
    to measure (max_length), which would make a title with one a 422."""
    return clean(value) if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_clean)]
Meta = Annotated[str, Field(max_length=META_CHARS), BeforeValidator(_clean)]


class ArticleIn(BaseModel):
    """An article: the same fields as a .json input file."""

    text: Text = Field(description="The article's text (at most 5,000,000 bytes as UTF-8).")
    title: Meta = ""
    id: Meta = ""
    date: Meta = Field("", description="Publication date, ISO 8601 (used for direction).")
    url: Meta = ""
    publisher: Meta = ""


class CompareIn(BaseModel):
    source: ArticleIn = Field(description="The original article (e.g. the wire story).")
    derived: ArticleIn = Field(description="The rewrite to check against it.")


class TraceIn(BaseModel):
    article: ArticleIn = Field(description="The article whose sources to find.")
    top: int = Field(5, ge=1, le=50, description="How many candidate sources to list.")


class _Out(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class ErrorDetail(_Out):
    code: str = Field(description="A stable name for the failure, e.g. `invalid_request`.")
    message: str = Field(description="What went wrong, in a sentence.")
    hint: str = Field(description="What to do about it (may be empty).")


class ErrorOut(_Out):
    """The one error body of every failure."""

    error: ErrorDetail


class SentenceSpan(_Out):
    index: int
    start: int
    end: int
    text: str


class ArticleInfo(_Out):
    id: str
    title: str
    words: int
    sentences: list[SentenceSpan] | None = Field(None, description="Source side only.")


class Coverage(_Out):
    derived: float = Field(description="Share of the rewrite's words in reused sentences.")
    source: float = Field(description="Share of the source's words the rewrite used.")


class SentenceOut(_Out):
    index: int
    start: int
    end: int
    text: str
    label: Literal["verbatim", "paraphrase", "altered", "new", "boilerplate"]
    source_sentences: list[int]
    similarity: float
    note: str = ""


class QuoteOut(_Out):
    index: int
    sentence: int
    start: int
    end: int
    text: str
    speaker: str | None
    status: str = Field(
        description="verified, altered, promoted-paraphrase, misattributed or invented."
    )
    source_text: str | None = None
    explanation: str = ""


class ChangeOut(_Out):
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


class OmissionOut(_Out):
    source_sentence: int
    text: str
    salience: float


class PassageOut(_Out):
    source_start: int
    source_end: int
    derived_start: int
    derived_end: int
    kind: str


class ReportOut(_Out):
    """The `retold.report/1` JSON (README: The JSON report)."""

    schema_name: str = Field(alias="schema", description="Always `retold.report/1`.")
    source: ArticleInfo
    derived: ArticleInfo
    verdict: Literal["wholly-derived", "partially-derived", "non-derived"]
    coverage: Coverage
    sentences: list[SentenceOut]
    quotes: list[QuoteOut]
    changes: list[ChangeOut]
    omissions: list[OmissionOut]
    passages: list[PassageOut]
    notes: list[str] = Field(
        default_factory=list,
        description="What the report did not check, and why (e.g. changed facts in a text "
        "not in English).",
    )


class CandidateOut(_Out):
    id: str
    title: str
    date: str
    publisher: str
    share_of_article: float = Field(description="Share of the traced article it covers.")
    share_of_candidate: float = Field(description="Share of the candidate that is reused.")
    direction: str | None = Field(description="candidate->article, article->candidate or null.")
    shared_ngrams: int


class TracedArticle(_Out):
    id: str
    title: str
    words: int


class TraceOut(_Out):
    """The `retold.trace/1` JSON: candidates best first, the report against the best."""

    schema_name: str = Field(alias="schema", description="Always `retold.trace/1`.")
    article: TracedArticle
    candidates: list[CandidateOut]
    report: ReportOut | None


class ClusterOut(_Out):
    members: list[str]
    original: str
    size: int


class CorpusOut(_Out):
    """The reprint groups and the strongest pairs (at most 200 of each)."""

    schema_name: str = Field(alias="schema", description="Always `retold.corpus/1`.")
    articles: int
    pair_count: int
    cluster_count: int
    pairs: list[dict[str, object]]
    clusters: list[ClusterOut]


class PendingOut(_Out):
    state: Literal["running"] = Field(description="The scan runs; ask again in a few seconds.")
