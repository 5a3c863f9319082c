"""The report: frozen dataclasses and the JSON contract (`retold.report/1`).

`Report.to_dict()` is the stable contract documented in PRODUCT.md; `Report.from_dict`
reads it back, so a saved report can be rendered again in another format.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from retold.align.coverage import Coverage, Omission
from retold.checks.records import ChangeReport, QuoteReport

SCHEMA = "retold.report/1"
LABELS = ("verbatim", "paraphrase", "altered", "new", "boilerplate")
__all__ = [
    "ArticleInfo",
    "ChangeReport",
    "Coverage",
    "Omission",
    "PassageReport",
    "QuoteReport",
    "Report",
    "SentenceReport",
    "SourceSentence",
]
VERDICTS = ("wholly-derived", "partially-derived", "non-derived")


@dataclass(frozen=True)
class SourceSentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    title: str
    words: int
    sentences: tuple[SourceSentence, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)

    def to_dict(self, *, with_sentences: bool) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "title": self.title, "words": self.words}
        data.update({k: v for k, v in self.meta.items() if k not in data})
        if with_sentences:
            data["sentences"] = [asdict(s) for s in self.sentences]
        return data


@dataclass(frozen=True)
class SentenceReport:
    index: int
    start: int
    end: int
    text: str
    label: str
    source_sentences: tuple[int, ...]
    similarity: float
    note: str = ""  # for new sentences: "commentary" or "claim" (what needs checking)
    source: int = 0  # which source (index into Report.sources) it comes from


@dataclass(frozen=True)
class PassageReport:
    source_start: int
    source_end: int
    derived_start: int
    derived_end: int
    kind: str
    source: int = 0


@dataclass(frozen=True)
class Report:
    source: ArticleInfo
    derived: ArticleInfo
    verdict: str
    coverage: Coverage
    sentences: tuple[SentenceReport, ...]
    quotes: tuple[QuoteReport, ...] = ()
    changes: tuple[ChangeReport, ...] = ()
    omissions: tuple[Omission, ...] = ()
    passages: tuple[PassageReport, ...] = ()
    # several sources: all of them (the first is `source`) and the coverage of each;
    # empty with one source, so its report is exactly the one-source contract
    sources: tuple[ArticleInfo, ...] = ()
    coverage_by_source: tuple[Coverage, ...] = ()
    # what the report did not check, and why ("changed facts (the checks read English; …)")
    notes: tuple[str, ...] = ()

    def label_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(LABELS, 0)
        for sentence in self.sentences:
            counts[sentence.label] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract; keys and meanings are stable within `retold.report/1`.

        With several sources, "sources" lists them all (the first is "source"),
        "coverage_by_source" gives each one's coverage, and every sentence, quote,
        change, omission and passage says which source it refers to ("source": index
        into "sources"). With one source none of these keys appear."""
        several = bool(self.sources)

        def record(obj: Any) -> dict[str, Any]:
            data = asdict(obj)
            if not several:
                data.pop("source", None)
            return data

        data: dict[str, Any] = {
            "schema": SCHEMA,
            "source": self.source.to_dict(with_sentences=True),
            "derived": self.derived.to_dict(with_sentences=False),
            "verdict": self.verdict,
            "coverage": asdict(self.coverage),
            "sentences": [
                {**record(s), "source_sentences": list(s.source_sentences)} for s in self.sentences
            ],
            "quotes": [record(q) for q in self.quotes],
            "changes": [record(c) for c in self.changes],
            "omissions": [record(o) for o in self.omissions],
            "passages": [record(p) for p in self.passages],
            "notes": list(self.notes),
        }
        if several:
            data["sources"] = [s.to_dict(with_sentences=True) for s in self.sources]
            data["coverage_by_source"] = [asdict(c) for c in self.coverage_by_source]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Read a report back from its JSON form."""

        def info(d: dict[str, Any]) -> ArticleInfo:
            known = {"id", "title", "words", "sentences", "coverage_by_source"}
            return ArticleInfo(
                id=d.get("id", ""),
                title=d.get("title", ""),
                words=int(d.get("words", 0)),
                sentences=tuple(SourceSentence(**s) for s in d.get("sentences", [])),
                meta={k: str(v) for k, v in d.items() if k not in known},
            )

        return cls(
            source=info(data["source"]),
            derived=info(data["derived"]),
            verdict=data["verdict"],
            coverage=Coverage(**data["coverage"]),
            sentences=tuple(
                SentenceReport(**{**s, "source_sentences": tuple(s["source_sentences"])})
                for s in data["sentences"]
            ),
            quotes=tuple(QuoteReport(**q) for q in data.get("quotes", [])),
            changes=tuple(ChangeReport(**c) for c in data.get("changes", [])),
            omissions=tuple(Omission(**o) for o in data.get("omissions", [])),
            passages=tuple(PassageReport(**p) for p in data.get("passages", [])),
            sources=tuple(info(s) for s in data.get("sources", [])),
            coverage_by_source=tuple(Coverage(**c) for c in data.get("coverage_by_source", [])),
            notes=tuple(str(n) for n in data.get("notes", [])),
        )
