"""Summary consistency (SummEdits-like): does the report flag the erroneous summaries only?

The set (`benchmarks/summaries/summaries.jsonl`, see its README) holds 40 BBC articles,
each with a hand-written faithful summary, 2 faithful edits of it and 3 edits that each
carry one factual error (kind and character span recorded). For every (article,
variant) pair we run `retold.compare(article_text, variant_text)`.

- strict rule (the tool's own verdict): a variant is FLAGGED when the report has at
  least one `changes` entry or a quote whose status is not `verified` (nor `unsourced`);
- loose rule (for interest): also flagged when a sentence is labelled `new` and its
  note is a claim to check (not commentary).

Reported per rule: balanced accuracy (mean of recall on the inconsistent variants and
specificity on the consistent ones, the summary included), detection rate per error
kind, false-alarm rate on consistent variants, and how often a finding overlaps the
gold error span. The article text is read from ../shared/data/bbc/articles and never
stored; `--json PATH` writes the figures and per-variant outcomes.

    .venv/bin/python -m benchmarks.summaries_eval [--json PATH] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypedDict

import retold
from benchmarks.common import ROOT, data_root, read_text, table
from retold import Report

SET = ROOT / "benchmarks" / "summaries" / "summaries.jsonl"
KINDS = (
    "entity",
    "number",
    "date",
    "negation",
    "certainty",
    "attribution",
    "quantifier",
    "agent",
    "hallucination",
)
QUIET_STATUSES = ("verified", "unsourced")  # quote statuses that do not flag a variant
RULES = ("strict", "loose")
MAX_COPIED_RUN = 6  # a variant may share at most 6 consecutive words with its article


class Error(TypedDict):
    text: str
    kind: str
    span: list[int]
    why: str


class Item(TypedDict):
    id: str
    article: str
    summary: str
    consistent: list[str]
    inconsistent: list[Error]


@dataclass(frozen=True)
class Variant:
    item: str  # "s01"
    article: str  # "business/001.txt", relative to the BBC articles folder
    role: str  # summary | consistent | inconsistent
    kind: str  # error kind; "" for the consistent ones
    text: str
    span: tuple[int, int] | None  # the erroneous words, for inconsistent variants

    @property
    def gold(self) -> bool:
        """True when the variant is inconsistent with its article."""
        return self.role == "inconsistent"


@dataclass(frozen=True)
class Outcome:
    variant: Variant
    strict: bool
    loose: bool
    strict_on_span: bool  # a strict finding overlaps the gold span
    loose_on_span: bool
    findings: tuple[str, ...]  # short descriptions, for reading the misses


# ---------------------------------------------------------------- the set


def articles_root() -> Path:
    return data_root() / "bbc" / "articles"


def load(path: Path = SET) -> list[Item]:
    """The items of the set, spans checked (`verify`)."""
    items: list[Item] = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    problems = verify(items)
    if problems:
        raise ValueError("summaries set is inconsistent:\n" + "\n".join(problems))
    return items


def _diff_region(a: str, b: str) -> tuple[int, int]:
    """The part of `b` that differs from `a` (longest common prefix and suffix removed)."""
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(a), len(b)) - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return prefix, len(b) - suffix


def verify(items: Sequence[Item]) -> list[str]:
    """Problems with the set: ids, counts, kinds, and every span (in bounds, non-empty,
    no edge space, overlapping the part of the variant that differs from the summary)."""
    problems: list[str] = []
    ids = [item["id"] for item in items]
    if len(set(ids)) != len(ids):
        problems.append("duplicate ids")
    for item in items:
        name, summary = item["id"], item["summary"]
        texts = [summary, *item["consistent"], *(e["text"] for e in item["inconsistent"])]
        if len(set(texts)) != len(texts):
            problems.append(f"{name}: two variants are identical")
        for error in item["inconsistent"]:
            text, (start, end) = error["text"], error["span"]
            if error["kind"] not in KINDS:
                problems.append(f"{name}: unknown kind {error['kind']!r}")
            if not 0 <= start < end <= len(text):
                problems.append(f"{name}: span {start}-{end} out of bounds")
                continue
            words = text[start:end]
            if words != words.strip():
                problems.append(f"{name}: span {words!r} has edge space")
            lo, hi = _diff_region(summary, text)
            touches = lo <= end and start <= hi if lo == hi else start < hi and lo < end
            if not touches:
                problems.append(f"{name}: span {words!r} lies outside the edit ({lo}-{hi})")
    return problems


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def copied_runs(items: Sequence[Item], n: int = MAX_COPIED_RUN + 1) -> list[str]:
    """Runs of `n` consecutive words a variant shares with its article (should be none:
    the summaries are original writing)."""
    found: list[str] = []
    for item in items:
        words = _words(read_text(articles_root() / item["article"]))
        grams = {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
        texts = [item["summary"], *item["consistent"], *(e["text"] for e in item["inconsistent"])]
        for text in texts:
            own = _words(text)
            for i in range(len(own) - n + 1):
                if tuple(own[i : i + n]) in grams:
                    found.append(f"{item['id']}: {' '.join(own[i : i + n])}")
    return found


def variants(items: Iterable[Item]) -> list[Variant]:
    result: list[Variant] = []
    for item in items:
        name, article = item["id"], item["article"]
        result.append(Variant(name, article, "summary", "", item["summary"], None))
        result += [Variant(name, article, "consistent", "", t, None) for t in item["consistent"]]
        result += [
            Variant(
                name, article, "inconsistent", e["kind"], e["text"], (e["span"][0], e["span"][1])
            )
            for e in item["inconsistent"]
        ]
    return result


# ---------------------------------------------------------------- scoring


def is_claim(note: str) -> bool:
    """A `new` sentence's note that asks for checking (not commentary). The notes read
    "claim ...", "new claim to check: ..." or "new statement about facts ..."."""
    note = note.lower()
    return note.startswith(("claim", "new claim", "new statement"))


def _overlaps(start: int, end: int, span: tuple[int, int] | None) -> bool:
    return span is not None and start < span[1] and span[0] < end


def judge(variant: Variant, report: Report) -> Outcome:
    """Both rules, and whether a finding sits on the gold span."""
    quotes = [q for q in report.quotes if q.status not in QUIET_STATUSES]
    claims = [s for s in report.sentences if s.label == "new" and is_claim(s.note)]
    strict = bool(report.changes) or bool(quotes)
    loose = strict or bool(claims)
    on_span = any(_overlaps(c.derived_start, c.derived_end, variant.span) for c in report.changes)
    on_span = on_span or any(_overlaps(q.start, q.end, variant.span) for q in quotes)
    loose_on_span = on_span or any(_overlaps(s.start, s.end, variant.span) for s in claims)
    findings = (
        [f"change {c.kind}: {c.explanation}" for c in report.changes]
        + [f"quote {q.status}: {q.text}" for q in quotes]
        + [f"new #{s.index}: {s.note}" for s in claims]
    )
    return Outcome(variant, strict, loose, on_span, loose_on_span, tuple(findings))


def run(items: Sequence[Item]) -> list[Outcome]:
    outcomes: list[Outcome] = []
    cache: dict[str, str] = {}
    for variant in variants(items):
        if variant.article not in cache:
            cache[variant.article] = read_text(articles_root() / variant.article)
        report = retold.compare(cache[variant.article], variant.text)
        outcomes.append(judge(variant, report))
    return outcomes


def _rate(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def _rule_findings(outcome: Outcome, rule: str) -> set[str]:
    """The findings that count under `rule` (strict: changes and quotes only)."""
    keep = ("change ", "quote ", "new ") if rule == "loose" else ("change ", "quote ")
    return {f for f in outcome.findings if f.startswith(keep)}


def score(outcomes: Sequence[Outcome], rule: str) -> dict[str, Any]:
    """Balanced accuracy, recall, specificity, per-kind detection, false alarms."""
    flagged = [getattr(o, rule) for o in outcomes]
    on_span = [getattr(o, f"{rule}_on_span") for o in outcomes]
    bad = [i for i, o in enumerate(outcomes) if o.variant.gold]
    good = [i for i, o in enumerate(outcomes) if not o.variant.gold]
    recall = _rate(sum(flagged[i] for i in bad), len(bad))
    specificity = _rate(sum(not flagged[i] for i in good), len(good))
    by_kind: dict[str, dict[str, float | int]] = {}
    for kind in KINDS:
        rows = [i for i in bad if outcomes[i].variant.kind == kind]
        by_kind[kind] = {
            "n": len(rows),
            "detected": _rate(sum(flagged[i] for i in rows), len(rows)),
            "on_span": _rate(sum(on_span[i] for i in rows), len(rows)),
        }
    # paired view: does a variant get a finding its own summary did not get?
    base = {
        o.variant.item: _rule_findings(o, rule) for o in outcomes if o.variant.role == "summary"
    }
    fresh = [bool(_rule_findings(o, rule) - base.get(o.variant.item, set())) for o in outcomes]
    edits = [i for i in good if outcomes[i].variant.role == "consistent"]
    paired_recall = _rate(sum(fresh[i] for i in bad), len(bad))
    paired_alarms = _rate(sum(fresh[i] for i in edits), len(edits))
    by_role: dict[str, float] = {}
    for role in ("summary", "consistent"):
        rows = [i for i in good if outcomes[i].variant.role == role]
        by_role[role] = _rate(sum(flagged[i] for i in rows), len(rows))
    return {
        "balanced_accuracy": (recall + specificity) / 2,
        "recall_inconsistent": recall,
        "specificity_consistent": specificity,
        "false_alarm_rate": 1 - specificity,
        "false_alarm_by_role": by_role,
        "on_span_inconsistent": _rate(sum(on_span[i] for i in bad), len(bad)),
        "paired": {
            "balanced_accuracy": (paired_recall + 1 - paired_alarms) / 2,
            "recall_inconsistent": paired_recall,
            "false_alarm_rate": paired_alarms,
        },
        "by_kind": by_kind,
        "n_inconsistent": len(bad),
        "n_consistent": len(good),
    }


def evaluate(items: Sequence[Item] | None = None) -> dict[str, Any]:
    """Run the set through `retold.compare` and score both rules."""
    items = load() if items is None else items
    began = time.perf_counter()
    outcomes = run(items)
    seconds = time.perf_counter() - began
    kinds = Counter(e["kind"] for item in items for e in item["inconsistent"])
    return {
        "items": len(items),
        "variants": len(outcomes),
        "kinds": dict(sorted(kinds.items())),
        "seconds": round(seconds, 2),
        "strict": score(outcomes, "strict"),
        "loose": score(outcomes, "loose"),
        "outcomes": [
            {**asdict(o.variant), "strict": o.strict, "loose": o.loose, "findings": o.findings}
            for o in outcomes
        ],
    }


# ---------------------------------------------------------------- output


def render(result: dict[str, Any]) -> str:
    strict, loose = result["strict"], result["loose"]
    head = table(
        ["rule", "balanced acc.", "recall (inconsistent)", "false alarms", "finding on span"],
        [
            [
                rule,
                s["balanced_accuracy"],
                s["recall_inconsistent"],
                s["false_alarm_rate"],
                s["on_span_inconsistent"],
            ]
            for rule, s in (("strict", strict), ("loose", loose))
        ],
    )
    kinds = table(
        ["kind", "n", "strict", "strict on span", "loose", "loose on span"],
        [
            [
                kind,
                strict["by_kind"][kind]["n"],
                strict["by_kind"][kind]["detected"],
                strict["by_kind"][kind]["on_span"],
                loose["by_kind"][kind]["detected"],
                loose["by_kind"][kind]["on_span"],
            ]
            for kind in KINDS
        ],
    )
    paired = table(
        ["rule", "balanced acc.", "recall (inconsistent)", "false alarms (consistent edits)"],
        [
            [
                rule,
                s["paired"]["balanced_accuracy"],
                s["paired"]["recall_inconsistent"],
                s["paired"]["false_alarm_rate"],
            ]
            for rule, s in (("strict", strict), ("loose", loose))
        ],
    )
    roles = table(
        ["consistent variant", "strict false alarms", "loose false alarms"],
        [
            [role, strict["false_alarm_by_role"][role], loose["false_alarm_by_role"][role]]
            for role in ("summary", "consistent")
        ],
    )
    return "\n\n".join(
        [
            f"{result['items']} articles, {result['variants']} variants "
            f"({strict['n_consistent']} consistent, {strict['n_inconsistent']} inconsistent) "
            f"in {result['seconds']:.1f} s",
            head,
            "Detection rate by error kind",
            kinds,
            roles,
            "Paired (for interest): a variant counts as flagged when it gets a finding its "
            "own summary did not get; the summary itself is left out",
            paired,
        ]
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", type=Path, help="write figures and per-variant outcomes here")
    parser.add_argument(
        "--show", type=int, default=0, help="print N misses and N false alarms (strict rule)"
    )
    args = parser.parse_args(argv)
    items = load()
    copied = copied_runs(items)
    if copied:
        print(f"warning: {len(copied)} runs copied from the articles: {copied[:5]}")
    result = evaluate(items)
    print(render(result))
    if args.show:
        rows = result["outcomes"]
        misses = [r for r in rows if r["role"] == "inconsistent" and not r["strict"]]
        alarms = [r for r in rows if r["role"] != "inconsistent" and r["strict"]]
        for title, chosen in (("missed", misses), ("false alarms", alarms)):
            print(f"\n{title} ({len(chosen)}):")
            for r in chosen[: args.show]:
                print(f"  {r['item']} {r['role']} {r['kind']}: {r['text'][:100]}")
                for finding in r["findings"][:4]:
                    print(f"      {finding[:140]}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
