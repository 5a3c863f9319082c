"""Issue 3 quality floors: the quote and fact checks must not get worse.

Reruns a quick, deterministic slice of the two issue-3 benchmarks and compares it with
`benchmarks/floors_issue3.json`:

- generated BBC rewrites (`benchmarks/rewrites.py`): the first 20 pairs of every edit
  kind (10 multi-edit pairs): recall and precision per edit kind must stay at or above
  their floors, false alarms on the must-not-flag edits at or below their ceilings;
- F3 (`benchmarks/f3.py`): a fixed stratified sample of 300 pairs: AUROC and
  cross-validated balanced accuracy of `distortion_score` at or above their floors.

Skipped when `../shared/data` (third-party text, never in the repository) is absent.
Floors are the figures reached on this slice less one pair's worth (1/20), rounded
down to a multiple of 0.05 (false-alarm ceilings: plus 1/20, rounded up); F3 floors
are the figures rounded down to 0.05. A kind with no finding of its type has no floor. The file also
keeps the full-run figures (rounded down to 0.01) as a reference; they are not checked
here (the full runs take minutes). Rewrite the
floors on purpose, never to make a red test green:
`.venv/bin/python tests/test_benchmark_floors_issue3.py --write`.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import pytest
from _benchmarks import load_benchmark

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "benchmarks" / "floors_issue3.json"
PER_KIND = 20
F3_SAMPLE = 300
STEP = 0.05
SLACK = 1 / PER_KIND  # one pair in 20 may flip without failing the build


_benchmark = load_benchmark


def _have_data() -> bool:
    return bool(_benchmark("common").have_data("bbc", "articles")) and bool(
        _benchmark("common").have_data("f3-rewrites")
    )


pytestmark = pytest.mark.skipif(
    not (ROOT / "benchmarks" / "common.py").exists() or not _have_data(),
    reason="../shared/data (evaluation data) not available",
)


def quick_figures() -> dict[str, Any]:
    """The figures the floors are about, from the quick slice."""
    rewrites = _benchmark("rewrites").evaluate(PER_KIND, workers=1)
    f3 = _benchmark("f3").evaluate(F3_SAMPLE, workers=1)
    kinds = rewrites["must_flag"]
    counts = rewrites["finding_counts"]
    primary = _benchmark("rewrites").PRIMARY
    return {
        "recall": {k: kinds[k]["recall"] for k in primary if k in kinds},
        "precision": {k: kinds[k]["precision"] for k in primary if k in kinds},
        "findings": {k: counts[primary[k]] for k in primary},
        "false_alarm": {k: v["false_alarm_rate"] for k, v in rewrites["must_not_flag"].items()},
        "false_alarm_overall": rewrites["false_alarm_rate"],
        "f3_auroc": f3["overall"]["auroc"],
        "f3_balanced_accuracy": f3["overall"]["balanced_accuracy"],
    }


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    return quick_figures()


@pytest.fixture(scope="module")
def floors() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FLOORS.read_text(encoding="utf-8"))
    return data["quick"]


def test_edit_recall_holds_its_floor(figures: dict[str, Any], floors: dict[str, Any]) -> None:
    low = {k: (figures["recall"].get(k), f) for k, f in floors["recall"].items()}
    assert all(v is not None and v >= f for v, f in low.values()), low


def test_finding_precision_holds_its_floor(figures: dict[str, Any], floors: dict[str, Any]) -> None:
    low = {k: (figures["precision"].get(k), f) for k, f in floors["precision"].items()}
    assert all(v is not None and v >= f for v, f in low.values()), low


def test_false_alarms_stay_under_their_ceiling(
    figures: dict[str, Any], floors: dict[str, Any]
) -> None:
    high = {k: (figures["false_alarm"].get(k), c) for k, c in floors["false_alarm_max"].items()}
    assert all(v is not None and v <= c for v, c in high.values()), high
    assert figures["false_alarm_overall"] <= floors["false_alarm_overall_max"]


def test_f3_separation_holds_its_floor(figures: dict[str, Any], floors: dict[str, Any]) -> None:
    assert figures["f3_auroc"] >= floors["f3_auroc"], figures["f3_auroc"]
    assert figures["f3_balanced_accuracy"] >= floors["f3_balanced_accuracy"]


def _down(value: float) -> float:
    return round(math.floor(value / STEP + 1e-9) * STEP, 2)


def _up(value: float) -> float:
    return round(math.ceil(value / STEP - 1e-9) * STEP, 2)


def write_floors() -> None:
    """Pin the current quick-slice figures (rounded) as floors; keep the file's notes."""
    fig = quick_figures()
    old = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    pinned = [k for k, n in fig["findings"].items() if n]
    quick = {
        "per_kind": PER_KIND,
        "f3_sample": F3_SAMPLE,
        "recall": {k: _down(fig["recall"][k] - SLACK) for k in pinned if fig["recall"].get(k)},
        "precision": {
            k: _down(fig["precision"][k] - SLACK) for k in pinned if fig["precision"].get(k)
        },
        "false_alarm_max": {k: _up(v + SLACK) for k, v in fig["false_alarm"].items()},
        "false_alarm_overall_max": _up(fig["false_alarm_overall"] + SLACK / 3),
        "f3_auroc": _down(fig["f3_auroc"]),
        "f3_balanced_accuracy": _down(fig["f3_balanced_accuracy"]),
        "not_pinned": sorted(k for k, n in fig["findings"].items() if not n),
        "measured": fig,
    }
    full = _full_reference()
    data = {**old, "quick": quick, **({"full_reference": full} if full else {})}
    FLOORS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(quick, indent=1))


def _full_reference() -> dict[str, Any]:
    """Full-run figures from the committed results files, rounded down to 0.01."""

    def down(value: float | None) -> float | None:
        return None if value is None else math.floor(value * 100 + 1e-9) / 100

    out: dict[str, Any] = {}
    rewrites = ROOT / "benchmarks" / "rewrites_results.json"
    if rewrites.exists():
        r = json.loads(rewrites.read_text(encoding="utf-8"))
        out["rewrites"] = {
            "per_kind": r["meta"]["per_kind"],
            "recall": {k: down(v["recall"]) for k, v in r["must_flag"].items() if "/" not in k},
            "precision": {
                k: down(v["precision"])
                for k, v in r["must_flag"].items()
                if v["precision"] is not None
            },
            "false_alarm_rate": {k: v["false_alarm_rate"] for k, v in r["must_not_flag"].items()},
        }
    f3 = ROOT / "benchmarks" / "f3_results.json"
    if f3.exists():
        r = json.loads(f3.read_text(encoding="utf-8"))
        out["f3"] = {
            "pairs": r["pairs"],
            "auroc": down(r["overall"]["auroc"]),
            "balanced_accuracy": down(r["overall"]["balanced_accuracy"]),
        }
    return out


if __name__ == "__main__":
    if "--write" in sys.argv:
        write_floors()
    else:
        print(json.dumps(quick_figures(), indent=1))
