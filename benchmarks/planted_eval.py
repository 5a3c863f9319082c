"""Hand-written planted distortions: does `retold.compare` find them, and stay quiet on
faithful paraphrases? (`benchmarks/planted/`, original fiction; see its README.)

For every item, compare(source, distorted) and compare(source, faithful) are run. A flag
is a `changes` entry, or a quotation whose status is neither `verified` nor `unsourced`.

- A planted distortion is found when a `changes` entry's derived span, or a flagged
  quotation's span (`start:end`), overlaps its `d` span.
- False alarms on a distorted text: flags that overlap no planted span.
- False alarms on a faithful text: every flag (nothing there is a distortion).

    .venv/bin/python -m benchmarks.planted_eval [--details]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import retold
from benchmarks.common import ROOT, table

DIR = ROOT / "benchmarks" / "planted"
QUIET_STATUSES = ("verified", "unsourced")


@dataclass(frozen=True)
class Flag:
    start: int
    end: int
    what: str  # "change:<kind>" or "quote:<status>"
    text: str  # the flagged derived text
    explanation: str


def load(directory: Path = DIR) -> list[dict[str, Any]]:
    """The items (`NN_topic.json`), in file-name order."""
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(directory.glob("[0-9][0-9]_*.json"))
    ]


def _sentence_span(report: retold.Report, index: int) -> tuple[int, int]:
    for sentence in report.sentences:
        if sentence.index == index:
            return sentence.start, sentence.end
    return -1, -1


def flags(source: str, derived: str) -> list[Flag]:
    """Every flag compare() raises on the derived text, with derived character spans."""
    report = retold.compare(source, derived)
    found: list[Flag] = []
    for c in report.changes:
        start, end = c.derived_start, c.derived_end
        if start < 0 or end <= start:  # no character span: fall back to the sentence
            start, end = _sentence_span(report, c.sentence)
        found.append(Flag(start, end, f"change:{c.kind}", derived[start:end], c.explanation))
    for q in report.quotes:
        if q.status not in QUIET_STATUSES:
            found.append(Flag(q.start, q.end, f"quote:{q.status}", q.text, q.explanation))
    return found


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Found planted distortions per kind, and false alarms per pair (see the module doc)."""
    items = load() if items is None else items
    per_kind: dict[str, dict[str, int]] = {}
    pairs: list[dict[str, Any]] = []
    for item in items:
        distorted_flags = flags(item["source"], item["distorted"])
        faithful_flags = flags(item["source"], item["faithful"])
        planted_rows = []
        for p in item["planted"]:
            span = (p["d"][0], p["d"][1])
            hits = [f for f in distorted_flags if _overlaps((f.start, f.end), span)]
            counts = per_kind.setdefault(p["kind"], {"planted": 0, "found": 0})
            counts["planted"] += 1
            counts["found"] += bool(hits)
            planted_rows.append(
                {
                    "kind": p["kind"],
                    "text": item["distorted"][span[0] : span[1]],
                    "found": bool(hits),
                    "by": sorted({f.what for f in hits}),
                }
            )
        spans = [(p["d"][0], p["d"][1]) for p in item["planted"]]
        alarms = [
            f for f in distorted_flags if not any(_overlaps((f.start, f.end), s) for s in spans)
        ]
        pairs.append(
            {
                "id": item["id"],
                "planted": planted_rows,
                "distorted_false_alarms": [_flag_dict(f) for f in alarms],
                "faithful_false_alarms": [_flag_dict(f) for f in faithful_flags],
            }
        )
    planted = sum(k["planted"] for k in per_kind.values())
    found = sum(k["found"] for k in per_kind.values())
    return {
        "items": len(items),
        "planted": planted,
        "found": found,
        "recall": found / planted if planted else 0.0,
        "per_kind": per_kind,
        "distorted_false_alarms": sum(len(p["distorted_false_alarms"]) for p in pairs),
        "faithful_false_alarms": sum(len(p["faithful_false_alarms"]) for p in pairs),
        "pairs": pairs,
    }


def _flag_dict(flag: Flag) -> dict[str, Any]:
    return {
        "start": flag.start,
        "end": flag.end,
        "what": flag.what,
        "text": flag.text,
        "explanation": flag.explanation,
    }


def render(result: dict[str, Any], *, details: bool = False) -> str:
    kinds = sorted(result["per_kind"].items())
    lines = [
        f"Planted distortions: {result['items']} items, {result['planted']} planted, "
        f"{result['found']} found (recall {result['recall']:.2f})",
        "",
        table(
            ["kind", "planted", "found"],
            [[k, v["planted"], v["found"]] for k, v in kinds]
            + [["total", result["planted"], result["found"]]],
        ),
        "",
        table(
            ["pair", "found", "false alarms (distorted)", "false alarms (faithful)"],
            [
                [
                    p["id"],
                    f"{sum(r['found'] for r in p['planted'])}/{len(p['planted'])}",
                    len(p["distorted_false_alarms"]),
                    len(p["faithful_false_alarms"]),
                ]
                for p in result["pairs"]
            ]
            + [
                [
                    "total",
                    f"{result['found']}/{result['planted']}",
                    result["distorted_false_alarms"],
                    result["faithful_false_alarms"],
                ]
            ],
        ),
    ]
    if details:
        for p in result["pairs"]:
            lines += ["", p["id"]]
            for r in p["planted"]:
                mark = "found " + ",".join(r["by"]) if r["found"] else "MISSED"
                lines.append(f"  planted {r['kind']:<15} {r['text']!r}: {mark}")
            for name in ("distorted", "faithful"):
                for f in p[f"{name}_false_alarms"]:
                    lines.append(
                        f"  false alarm ({name}) {f['what']} {f['text'][:60]!r}: "
                        f"{f['explanation'][:110]}"
                    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--details", action="store_true", help="list misses and false alarms")
    args = parser.parse_args(argv)
    print(render(evaluate(), details=args.details))


if __name__ == "__main__":
    main()
