"""Issue 10, flags a fact-checker can trust: every figure, beside the last release's.

Collects, in one run:
- real pairs (`benchmarks/real_pairs.py`): precision of flags, false alarms per pair,
  recall of real changes, flags on exact and trimmed reprints, furniture not labelled
  boilerplate; the tuning part, and the held-back part only with `--held`;
- planted distortions and faithful heavy paraphrases (`benchmarks/planted_eval.py`);
- faithful and erroneous summaries (`benchmarks/summaries_eval.py`): balanced accuracy;
- MRPC test pairs judged paraphrases: every flag on a faithful pair is a false alarm;
- F3 (`benchmarks/f3.py`): AUROC and cross-validated balanced accuracy of the
  distortion score, on a fixed stratified sample;
- generated BBC rewrites (`benchmarks/rewrites.py`): recall and precision per edit kind.

The baseline column is `benchmarks/trust_baseline.json`: these figures for the code at
the start of issue 10 (commit 7a3c7c9), made by running this script with that code on
the path (`git worktree add /tmp/base 7a3c7c9`, then from the repository root
`PYTHONPATH=/tmp/base/src python -m benchmarks.trust --held --out benchmarks/trust_baseline.json`).
Only `retold.compare` and the report's fields are used, so any version can be measured.

    .venv/bin/python -m benchmarks.trust [--held] [--f3 300] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import retold
from benchmarks import f3, planted_eval, real_pairs, rewrites, summaries_eval
from benchmarks.common import ROOT, commit_id, data_root, table, write_keeping_notes

BASELINE = ROOT / "benchmarks" / "trust_baseline.json"
RESULTS_JSON = ROOT / "benchmarks" / "trust_results.json"
RESULTS_MD = ROOT / "benchmarks" / "TRUST.md"
QUIET = ("verified", "unsourced")
NOTES_HEADING = "## Notes"


def mrpc_faithful(limit: int | None = None) -> dict[str, float]:
    """Flags raised on MRPC test pairs judged paraphrases (each one a false alarm)."""
    path = data_root() / "mrpc" / "MRPC" / "msr_paraphrase_test.txt"
    pairs = []
    with path.open(encoding="utf-8-sig") as handle:
        next(handle)
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 5 and cells[0] == "1":
                pairs.append((cells[3], cells[4]))
    pairs = pairs[:limit] if limit else pairs
    flags = flagged = 0
    for a, b in pairs:
        report = retold.compare(a, b)
        n = len(report.changes) + sum(1 for q in report.quotes if q.status not in QUIET)
        flags += n
        flagged += n > 0
    return {
        "pairs": len(pairs),
        "flags": flags,
        "false_alarms_per_pair": round(flags / len(pairs), 4),
        "pairs_flagged": round(flagged / len(pairs), 4),
    }


def measure(*, held: bool, f3_sample: int) -> dict[str, Any]:
    start = time.perf_counter()
    result: dict[str, Any] = {"real_tune": real_pairs.evaluate("tune")}
    if held:
        result["real_held"] = real_pairs.evaluate("held")
    planted = planted_eval.evaluate()
    result["planted"] = {
        k: planted[k]
        for k in (
            "items",
            "planted",
            "found",
            "recall",
            "distorted_false_alarms",
            "faithful_false_alarms",
        )
    }
    summaries = summaries_eval.evaluate()
    result["summaries"] = {
        k: summaries["strict"][k]
        for k in ("balanced_accuracy", "recall_inconsistent", "false_alarm_rate")
    }
    result["mrpc_faithful"] = mrpc_faithful()
    f3_result = f3.evaluate(f3_sample, workers=2)
    result["f3"] = {
        "pairs": f3_result["pairs"],
        "auroc": f3_result["overall"]["auroc"],
        "balanced_accuracy": f3_result["overall"]["balanced_accuracy"],
    }
    generated = rewrites.evaluate(20, workers=2)
    result["generated"] = {
        kind: {"recall": v["recall"], "precision": v["precision"]}
        for kind, v in generated["must_flag"].items()
    }
    result["generated_false_alarm_rate"] = generated["false_alarm_rate"]
    result["seconds"] = round(time.perf_counter() - start, 1)
    return result


ROWS = (
    ("real pairs, tune: precision of flags", "real_tune", "precision"),
    ("real pairs, tune: false alarms per pair", "real_tune", "false_alarms_per_pair"),
    (
        "real pairs, tune: unsourced quotes called invented",
        "real_tune",
        "unsourced_called_invented",
    ),
    ("real pairs, tune: real changes found", "real_tune", "recall"),
    ("real pairs, tune: flags on exact/trimmed reprints", "real_tune", "reprint_flags"),
    ("real pairs, tune: furniture spans not boilerplate", "real_tune", "furniture_not_boilerplate"),
    ("real pairs, held: precision of flags", "real_held", "precision"),
    ("real pairs, held: false alarms per pair", "real_held", "false_alarms_per_pair"),
    (
        "real pairs, held: unsourced quotes called invented",
        "real_held",
        "unsourced_called_invented",
    ),
    ("real pairs, held: real changes found", "real_held", "recall"),
    ("real pairs, held: flags on exact/trimmed reprints", "real_held", "reprint_flags"),
    ("planted: distortions found (of 45)", "planted", "found"),
    ("planted: false alarms on distorted texts", "planted", "distorted_false_alarms"),
    ("planted: false alarms on faithful paraphrases (14)", "planted", "faithful_false_alarms"),
    ("summaries: balanced accuracy", "summaries", "balanced_accuracy"),
    ("summaries: false-alarm rate (consistent)", "summaries", "false_alarm_rate"),
    ("MRPC faithful pairs: flags per pair", "mrpc_faithful", "false_alarms_per_pair"),
    ("MRPC faithful pairs: share flagged", "mrpc_faithful", "pairs_flagged"),
    ("F3: AUROC", "f3", "auroc"),
    ("F3: balanced accuracy (5-fold CV threshold)", "f3", "balanced_accuracy"),
)


def _cell(data: dict[str, Any], group: str, key: str) -> object:
    value = data.get(group, {}).get(key)
    if key == "precision" and data.get(group, {}).get("flags") == 0:
        return "no flag"  # a precision of nothing said is no figure
    return "-" if value is None else value


def render(result: dict[str, Any], baseline: dict[str, Any]) -> str:
    rows = [[name, _cell(baseline, g, k), _cell(result, g, k)] for name, g, k in ROWS]
    kinds = sorted(set(result.get("generated", {})) | set(baseline.get("generated", {})))
    gen = [
        [
            kind,
            _cell(baseline.get("generated", {}), kind, "recall"),
            _cell(result.get("generated", {}), kind, "recall"),
            _cell(baseline.get("generated", {}), kind, "precision"),
            _cell(result.get("generated", {}), kind, "precision"),
        ]
        for kind in kinds
    ]
    return "\n".join(
        [
            "# Trust on real copy (issue 10)",
            "",
            f"Run by `python -m benchmarks.trust`{' --held' if 'real_held' in result else ''} "
            f"at commit {commit_id()}; {result.get('seconds', '?')} s. Baseline: the code at "
            "the start of issue 10 (commit 7a3c7c9), same scripts, same data.",
            "",
            table(["figure", "baseline", "now"], rows),
            "",
            "Generated BBC rewrites (20 pairs of each edit kind):",
            "",
            table(
                ["edit kind", "recall before", "recall now", "precision before", "precision now"],
                gen,
            ),
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--held", action="store_true", help="also score the held-back real pairs")
    parser.add_argument("--f3", type=int, default=300, help="F3 stratified sample size")
    parser.add_argument("--out", type=Path, help="write the figures here (JSON) and nothing else")
    args = parser.parse_args()
    result = measure(held=args.held, f3_sample=args.f3)
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        return
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    RESULTS_JSON.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    text = render(result, baseline)
    write_keeping_notes(RESULTS_MD, text, NOTES_HEADING)
    print(text)


if __name__ == "__main__":
    main()
