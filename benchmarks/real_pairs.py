"""Real pairs: are retold's flags worth reading on real newsroom copy?

Scores `retold.compare` on hand-annotated pairs of `../shared/data/wire-reprints/`
(gold in `benchmarks/gold/wire_pairs_*.jsonl`: ids, offsets and short reasons, see
`benchmarks/gold/WIRE_PAIRS.md`). A *flag* is every `changes` entry and every quote whose
status is neither `verified` nor `unsourced`; each is correct, partial, borderline,
an unsourced quote called invented, or a false alarm. Reported per split (the tuning
part, and the held-back part only with `--held`): precision, false alarms per pair,
recall of the real changes, flags on exact and trimmed reprints, furniture not labelled
boilerplate.

    .venv/bin/python -m benchmarks.real_pairs [--held] [--show false|missed|all] [--pair ID]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import retold
from benchmarks import wire
from benchmarks.common import ROOT, table

GOLD = ROOT / "benchmarks" / "gold"
FLAG_QUOTES = frozenset({"altered", "promoted-paraphrase", "misattributed", "invented"})
REPRINTS = frozenset({"exact-reprint", "trimmed-reprint"})


def load(split: str) -> list[dict[str, Any]]:
    """Gold records of one split ("tune" or "held"), from the merged files if present,
    else from the annotators' work files."""
    merged = GOLD / f"wire_pairs_{split}.jsonl"
    files = [merged] if merged.exists() else sorted(GOLD.glob("wire_pairs_*_gold.jsonl"))
    records = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if record.get("split") == split:
                    records.append(record)
    return records


@dataclass(frozen=True)
class Flag:
    kind: str  # change kind, or "quote:<status>"
    start: int
    end: int
    severity: str
    sentence: int
    explanation: str


@dataclass
class Scored:
    pair: str
    kind: str
    flags: list[tuple[Flag, str]] = field(default_factory=list)  # flag, verdict
    found: int = 0
    gold: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    furniture_unlabelled: int = 0
    furniture_total: int = 0
    unsourced_right: int = 0


def flags_of(report: retold.Report) -> list[Flag]:
    flags = [
        Flag(c.kind, c.derived_start, c.derived_end, c.severity, c.sentence, c.explanation)
        for c in report.changes
    ]
    flags += [
        Flag(
            f"quote:{q.status}",
            q.start,
            q.end,
            getattr(q, "severity", ""),
            q.sentence,
            q.explanation,
        )
        for q in report.quotes
        if q.status in FLAG_QUOTES
    ]
    return flags


def _overlaps(a: tuple[int, int], b: Iterable[int]) -> bool:
    lo, hi = b
    return a[0] < hi and lo < a[1]


def _sentence_of(report: retold.Report, start: int, end: int) -> int | None:
    for s in report.sentences:
        if s.start < end and start < s.end:
            return s.index
    return None


def score(record: dict[str, Any], report: retold.Report) -> Scored:
    result = Scored(record["pair"], record["kind"])
    changes = record.get("changes", [])
    gold_sentences = {_sentence_of(report, *c["d"]) for c in changes}
    unsourced = [u["d"] for u in record.get("unsourced_quotes", [])]
    acceptable = [a["d"] for a in record.get("acceptable", [])]
    furniture = record.get("furniture", [])
    flags = flags_of(report)
    for flag in flags:
        span = (flag.start, flag.end)
        if any(_overlaps(span, c["d"]) for c in changes):
            verdict = "correct"
        elif any(_overlaps(span, a) for a in acceptable):
            verdict = "borderline"
        elif flag.kind == "quote:invented" and any(_overlaps(span, u) for u in unsourced):
            verdict = "unsourced-called-invented"
        elif flag.sentence in gold_sentences:
            verdict = "partial"
        else:
            verdict = "false-alarm"
        result.flags.append((flag, verdict))
    quotes = [(q.start, q.end, q.status) for q in report.quotes]
    for change in changes:
        span = tuple(change["d"])
        hit = any(_overlaps(span, (f.start, f.end)) for f in flags) or (
            change["kind"] in ("quote", "speaker")
            and any(_overlaps(span, (a, b)) and s != "verified" for a, b, s in quotes)
        )
        result.gold += 1
        if hit:
            result.found += 1
        else:
            result.missed.append(change)
    result.unsourced_right = sum(
        1 for a, b, s in quotes if s == "unsourced" and any(_overlaps((a, b), u) for u in unsourced)
    )
    for lo, hi in furniture:
        result.furniture_total += 1
        labels = [s.label for s in report.sentences if s.start < hi and lo < s.end]
        if labels and any(label != "boilerplate" for label in labels):
            result.furniture_unlabelled += 1
    return result


def run(records: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], retold.Report, Scored]]:
    for record in records:
        report = retold.compare(wire.article(record["source"]), wire.article(record["derived"]))
        yield record, report, score(record, report)


def summarize(scored: list[Scored]) -> dict[str, float]:
    verdicts = Counter(v for s in scored for _, v in s.flags)
    flags = sum(verdicts.values())
    pairs = len(scored)
    gold = sum(s.gold for s in scored)
    reprints = [s for s in scored if s.kind in REPRINTS]
    return {
        "pairs": pairs,
        "flags": flags,
        "correct": verdicts["correct"],
        "partial": verdicts["partial"],
        "borderline": verdicts["borderline"],
        "unsourced_called_invented": verdicts["unsourced-called-invented"],
        "false_alarms": verdicts["false-alarm"],
        "precision": round(verdicts["correct"] / flags, 3) if flags else 1.0,
        "false_alarms_per_pair": round(verdicts["false-alarm"] / pairs, 3) if pairs else 0.0,
        "gold_changes": gold,
        "found": sum(s.found for s in scored),
        "recall": round(sum(s.found for s in scored) / gold, 3) if gold else 1.0,
        "reprint_pairs": len(reprints),
        "reprint_flags": sum(len(s.flags) for s in reprints),
        "furniture_spans": sum(s.furniture_total for s in scored),
        "furniture_not_boilerplate": sum(s.furniture_unlabelled for s in scored),
        "unsourced_quotes_right": sum(s.unsourced_right for s in scored),
    }


def evaluate(split: str = "tune") -> dict[str, Any]:
    scored = [s for _, _, s in run(load(split))]
    return {"split": split, **summarize(scored)}


def _show(record: dict[str, Any], report: retold.Report, result: Scored, what: str) -> None:
    text = wire.article(record["derived"]).text
    print(f"\n== {record['pair']} ({record['kind']})")
    for flag, verdict in result.flags:
        if what == "all" or (what == "false" and verdict != "correct"):
            context = text[max(0, flag.start - 60) : flag.end + 60].replace("\n", " ")
            print(f"  [{verdict}] {flag.kind} {flag.severity} @{flag.start}: {flag.explanation}")
            print(f"      …{context}…")
    if what in ("missed", "all"):
        for change in result.missed:
            lo, hi = change["d"]
            print(f"  [missed] {change['kind']}: {change.get('why', '')} «{text[lo:hi]}»")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--held", action="store_true", help="score the held-back part")
    parser.add_argument("--show", choices=("false", "missed", "all"))
    parser.add_argument("--pair", help="only this pair id")
    args = parser.parse_args()
    split = "held" if args.held else "tune"
    records = [r for r in load(split) if not args.pair or r["pair"] == args.pair]
    scored = []
    rows = []
    for record, report, result in run(records):
        scored.append(result)
        verdicts = Counter(v for _, v in result.flags)
        rows.append(
            [
                result.pair,
                result.kind,
                str(len(result.flags)),
                str(verdicts["correct"]),
                str(verdicts["false-alarm"]),
                f"{result.found}/{result.gold}",
            ]
        )
        if args.show:
            _show(record, report, result, args.show)
    print(table(["pair", "kind", "flags", "correct", "false", "found"], rows))
    print(json.dumps({"split": split, **summarize(scored)}, indent=1))


if __name__ == "__main__":
    main()
