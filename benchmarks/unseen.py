"""Flags on real rewrites read only after the rules were made: MRPC train and Clough-Stevenson.

The wire and BBC slices of `silver_audit.py` were all read while the issue-10 rules
were tightened, so they no longer say how the checks do on copy nobody has tuned on.
Two more sets of real rewriting were kept apart for that:

- `mrpc-train`: the 2,753 pairs of the MRPC *train* split labelled paraphrase (the
  test split is `trust.py`'s). Two outlets' sentences about one event; a flag there is
  a false alarm unless the two really differ. At commit 51e68a5 it raised 312 flags;
  150 of them, drawn at random (seed 20261205), were judged by a second annotator
  before any rule was made from them. The pairs holding those 150 are the `tune`
  part; every other pair is `held`: its flags were judged only after the rules made
  from the tune part were final (the judgments cover the flags of 51e68a5 and of the
  final code on those pairs).
- `mrpc-negative`: the 1,901 MRPC pairs (train and test) labelled *not* paraphrase: two
  outlets' sentences on one event that differ in some detail. Read by no rule; at
  9730965 they raised 268 flags, 120 of them drawn at random (seed 20261206) and judged
  by another annotator: is the flagged span really another value of the same thing? Its
  other flags stay unjudged (the figure is a sample's).
- `clough-stevenson`: the 57 answers written by cut, light or heavy revision of a
  Wikipedia text, and the 38 written independently (Clough & Stevenson 2011): human
  rewriting, not news. All 10 flags of 51e68a5 were judged before any rule.

Judgments (`gold/mrpc_train_judgments.jsonl`, `gold/clough_stevenson_judgments.jsonl`)
key a flag by pair, kind and derived offset, as `silver_audit.py` does; a flag no
judgment names is counted `unjudged`.

    .venv/bin/python -m benchmarks.unseen [--json PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import retold
from benchmarks.common import ROOT, data_root, read_text, table

GOLD = ROOT / "benchmarks" / "gold"
MRPC_JUDGMENTS = GOLD / "mrpc_train_judgments.jsonl"
NEGATIVE_JUDGMENTS = GOLD / "mrpc_negative_judgments.jsonl"
CS_JUDGMENTS = GOLD / "clough_stevenson_judgments.jsonl"
QUIET = ("verified", "unsourced")
VERDICTS = ("correct", "borderline", "false-alarm", "unjudged")


def judgments(path: Path) -> dict[tuple[str, str, int], dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return {(r["pair"], r["flag"], r["d"]): r for r in rows}


def flags(report: retold.Report) -> list[tuple[str, int]]:
    """(kind, derived offset) of every change and every quote not verified or unsourced."""
    found = [(c.kind, c.derived_start) for c in report.changes]
    found += [(f"quote:{q.status}", q.start) for q in report.quotes if q.status not in QUIET]
    return found


def mrpc_pairs(
    label: str = "1", splits: tuple[str, ...] = ("train",)
) -> Iterator[tuple[str, str, str]]:
    """(key, source, derived) of every MRPC pair with this label (1: paraphrase) in these splits."""
    for split in splits:
        path = data_root() / "mrpc" / "MRPC" / f"msr_paraphrase_{split}.txt"
        with path.open(encoding="utf-8-sig") as handle:
            next(handle)
            for line in handle:
                cells = line.rstrip("\n").split("\t")
                if len(cells) >= 5 and cells[0] == label:
                    yield f"{cells[1]}>{cells[2]}", cells[3], cells[4]


def cs_pairs() -> Iterator[tuple[str, str, str, str]]:
    """(key, category, source, answer) of the 95 Clough-Stevenson answers."""
    root = data_root() / "clough-stevenson" / "data"
    with (root / "file_information.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            source = read_text(root / f"orig_task{row['Task']}.txt")
            answer = read_text(root / row["File"])
            if row["Category"] != "orig":  # the five source texts themselves
                yield f"orig_task{row['Task']}>{row['File'][:-4]}", row["Category"], source, answer


def _tally(
    judged: dict[tuple[str, str, int], dict[str, Any]], key: str, report: retold.Report
) -> tuple[Counter[str], Counter[str], list[str]]:
    verdicts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    unjudged = []
    for kind, start in flags(report):
        row = judged.get((key, kind, start))
        verdict = row["verdict"] if row else "unjudged"
        verdicts[verdict] += 1
        kinds[kind] += 1
        if row is None:
            unjudged.append(f"{key} {kind} @{start}")
    return verdicts, kinds, unjudged


def _summary(
    pairs: int, verdicts: Counter[str], kinds: Counter[str], unjudged: list[str]
) -> dict[str, Any]:
    total = sum(verdicts.values())
    judged = total - verdicts["unjudged"]
    firm = judged - verdicts["borderline"]
    return {
        "pairs": pairs,
        "flags": total,
        "flags_per_pair": round(total / pairs, 4) if pairs else 0.0,
        "verdicts": {v: verdicts[v] for v in VERDICTS},
        "precision": round(verdicts["correct"] / judged, 3) if judged else None,
        "precision_without_borderline": round(verdicts["correct"] / firm, 3) if firm else None,
        "false_alarms_per_pair": round(verdicts["false-alarm"] / pairs, 4) if pairs else 0.0,
        "kinds": dict(kinds.most_common()),
        "unjudged": unjudged,
    }


def evaluate() -> dict[str, Any]:
    mrpc = judgments(MRPC_JUDGMENTS)
    tune_keys = {pair for (pair, _, _), row in mrpc.items() if row.get("sampled")}
    parts: dict[str, tuple[Counter[str], Counter[str], list[str], list[int]]] = {
        name: (Counter(), Counter(), [], [0]) for name in ("tune", "held")
    }
    for key, source, derived in mrpc_pairs():
        verdicts, kinds, unjudged, count = parts["tune" if key in tune_keys else "held"]
        v, k, u = _tally(mrpc, key, retold.compare(source, derived))
        verdicts.update(v)
        kinds.update(k)
        unjudged.extend(u)
        count[0] += 1
    result = {f"mrpc-train {name}": _summary(c[0], v, k, u) for name, (v, k, u, c) in parts.items()}
    negative = judgments(NEGATIVE_JUDGMENTS)
    verdicts, kinds, unjudged, pairs = Counter[str](), Counter[str](), [], 0
    for key, source, derived in mrpc_pairs("0", ("train", "test")):
        v, k, u = _tally(negative, key, retold.compare(source, derived))
        verdicts.update(v)
        kinds.update(k)
        unjudged.extend(u)
        pairs += 1
    result["mrpc-negative"] = _summary(pairs, verdicts, kinds, [])
    result["mrpc-negative"]["not_sampled"] = len(unjudged)
    cs = judgments(CS_JUDGMENTS)
    verdicts, kinds, unjudged, answers = Counter[str](), Counter[str](), [], 0
    for key, _category, source, answer in cs_pairs():
        v, k, u = _tally(cs, key, retold.compare(source, answer))
        verdicts.update(v)
        kinds.update(k)
        unjudged.extend(u)
        answers += 1
    result["clough-stevenson"] = _summary(answers, verdicts, kinds, unjudged)
    return result


def render(result: dict[str, Any]) -> str:
    head = ["set", "pairs", "flags", "flags/pair", *VERDICTS, "precision", "excl. borderline"]
    rows = [
        [
            name,
            r["pairs"],
            r["flags"],
            r["flags_per_pair"],
            *(r["verdicts"][v] for v in VERDICTS),
            r["precision"],
            r["precision_without_borderline"],
        ]
        for name, r in result.items()
    ]
    lines = [table(head, rows), ""]
    for name, r in result.items():
        lines.append(f"{name}: " + ", ".join(f"{k} {n}" for k, n in r["kinds"].items()))
        lines.extend(f"  unjudged: {u}" for u in r["unjudged"])
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = evaluate()
    print(render(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
