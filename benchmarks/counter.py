"""COUNTER (Sharjeel, Nawab & Rayson 2017): the document verdict on 600 Urdu pairs.

Each pair is a news-agency story (NNNN.xml) and a newspaper story (NNNNp.xml) labelled
WD (wholly derived), PD (partially derived) or ND (non-derived) in the root element's
`classification` attribute; the text is headline + body. We run `retold.compare` on
every pair and report 3-class accuracy and macro-F1

- as `compare()` ships today,
- with the verdict given the alignment (`coverage.verdict(cov, alignment)`: coverage
  for wholly, shared phrasing for partially vs non), with the pinned thresholds, and
- 5-fold cross-validated: the features and both thresholds are chosen on four folds
  (maximising macro-F1) and applied to the fifth, so no fold sees its own labels.

Reference to beat: METER's average F1 0.664 (Clough et al. 2002).

    .venv/bin/python -m benchmarks.counter [--fit]
"""

from __future__ import annotations

import argparse
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from benchmarks.common import (
    accuracy,
    confusion,
    confusion_table,
    data_root,
    folds,
    macro_f1,
    per_class,
    table,
)
from retold.align import coverage as cov_module
from retold.align.sentences import align
from retold.compare import compare
from retold.text.article import Article
from retold.text.document import analyze

if TYPE_CHECKING:
    import numpy as np

LABELS = ["WD", "PD", "ND"]
VERDICT = {"wholly-derived": "WD", "partially-derived": "PD", "non-derived": "ND"}
FEATURES = ("coverage", "phrasing")  # candidates for each boundary in cross-validation
GRID = tuple(round(i / 100, 2) for i in range(101))  # thresholds tried


@dataclass(frozen=True)
class Pair:
    id: str
    label: str
    source: str
    derived: str


def _read(path: Any) -> tuple[str, str]:
    root = ET.parse(path).getroot()
    headline = (root.findtext("headline") or "").strip()
    body = (root.findtext("body") or "").strip()
    return root.get("classification", ""), f"{headline}\n\n{body}"


def load_pairs() -> list[Pair]:
    folder = data_root() / "counter" / "COUNTER"
    pairs = []
    for source in sorted(folder.glob("[0-9][0-9][0-9][0-9].xml")):
        number = source.stem
        derived = next(
            p for p in (folder / f"{number}p.xml", folder / f"{number}P.xml") if p.exists()
        )
        _, src_text = _read(source)
        label, der_text = _read(derived)
        pairs.append(Pair(number, label, src_text, der_text))
    return pairs


def measure(pairs: list[Pair]) -> list[dict[str, Any]]:
    """Per pair: the shipped verdict and the verdict features."""
    rows = []
    for pair in pairs:
        source = Article(pair.source, id=f"{pair.id}.xml")
        derived = Article(pair.derived, id=f"{pair.id}p.xml")
        report = compare(source, derived)
        alignment = align(analyze(source), analyze(derived))  # cached analyses
        cov = cov_module.coverage(alignment)
        rows.append(
            {
                "id": pair.id,
                "label": pair.label,
                "compare": VERDICT[report.verdict],
                "aligned": VERDICT[cov_module.verdict(cov, alignment)],
                "coverage": cov.derived,
                "phrasing": cov_module.shared_phrasing(alignment),
            }
        )
    return rows


# ---------------------------------------------------------------- fitting


def _macro_f1_grid(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """Macro-F1 of each column of `pred` (n x G, class indices) against `gold` (n)."""
    import numpy as np

    total = np.zeros(pred.shape[1])
    for c in range(len(LABELS)):
        is_gold = (gold == c)[:, None]
        is_pred = pred == c
        tp = (is_gold & is_pred).sum(0)
        wrong = (is_gold ^ is_pred).sum(0)  # fp + fn
        total += np.where(tp > 0, 2 * tp / np.maximum(2 * tp + wrong, 1), 0.0)
    return total / len(LABELS)


def _predict(wd: np.ndarray, nd: np.ndarray, hi: float, lo: float) -> np.ndarray:
    import numpy as np

    return np.where(wd >= hi, 0, np.where(nd < lo, 2, 1))


def fit(rows: list[dict[str, Any]], index: list[int]) -> tuple[float, str, float, str, float]:
    """Best (macro-F1, wholly feature, threshold, non feature, threshold) on `index`."""
    import numpy as np  # fitting only: the shipped figures need no numpy

    grid = np.array(GRID)
    gold = np.array([LABELS.index(rows[i]["label"]) for i in index])
    best = (-1.0, "", 0.0, "", 0.0)
    for f_wd in FEATURES:
        wd = np.array([rows[i][f_wd] for i in index])
        for f_nd in FEATURES:
            nd = np.array([rows[i][f_nd] for i in index])
            below = nd[:, None] < grid[None, :]
            for hi in GRID:
                pred = np.where((wd >= hi)[:, None], 0, np.where(below, 2, 1))
                scores = _macro_f1_grid(gold, pred)
                b = int(scores.argmax())
                if scores[b] > best[0] + 1e-9:
                    best = (float(scores[b]), f_wd, float(hi), f_nd, float(grid[b]))
    return best


def cross_validated(rows: list[dict[str, Any]], k: int = 5) -> tuple[list[str], list[str]]:
    """Out-of-fold predictions, and the model chosen on each training split."""
    import numpy as np

    pred = [""] * len(rows)
    chosen = []
    for held in folds([r["label"] for r in rows], k):
        held_set = set(held)
        train = [i for i in range(len(rows)) if i not in held_set]
        _, f_wd, hi, f_nd, lo = fit(rows, train)
        chosen.append(f"{f_wd}>={hi:.2f} / {f_nd}<{lo:.2f}")
        wd = np.array([rows[i][f_wd] for i in held])
        nd = np.array([rows[i][f_nd] for i in held])
        for i, p in zip(held, _predict(wd, nd, hi, lo), strict=True):
            pred[i] = LABELS[int(p)]
    return pred, chosen


# ---------------------------------------------------------------- report


def evaluate(rows: list[dict[str, Any]], *, cv: bool = True) -> dict[str, Any]:
    gold = [r["label"] for r in rows]
    result: dict[str, Any] = {"pairs": len(rows)}
    for name in ("compare", "aligned"):
        pred = [r[name] for r in rows]
        result[name] = {
            "accuracy": accuracy(gold, pred),
            "macro_f1": macro_f1(gold, pred, LABELS),
            "per_class": per_class(gold, pred, LABELS),
            "confusion": confusion(gold, pred, LABELS),
        }
    if cv:
        pred, chosen = cross_validated(rows)
        result["cv5"] = {
            "accuracy": accuracy(gold, pred),
            "macro_f1": macro_f1(gold, pred, LABELS),
            "per_class": per_class(gold, pred, LABELS),
            "models": chosen,
        }
    return result


def run(*, cv: bool = True) -> dict[str, Any]:
    start = time.perf_counter()
    rows = measure(load_pairs())
    result = evaluate(rows, cv=cv)
    result["seconds"] = round(time.perf_counter() - start, 1)
    result["thresholds"] = {
        "WHOLLY": cov_module.WHOLLY,
        "SHARED_PHRASING": cov_module.SHARED_PHRASING,
        "PARTIALLY": cov_module.PARTIALLY,
    }
    return result


def render(result: dict[str, Any]) -> str:
    rows = [
        ["compare() as called today (verdict from coverage only)", result["compare"]],
        ["verdict(coverage, alignment), pinned thresholds", result["aligned"]],
    ]
    if "cv5" in result:
        rows.append(["5-fold CV (features + thresholds fitted on train folds)", result["cv5"]])
    main = table(
        ["COUNTER (600 pairs)", "accuracy", "macro-F1", "F1 WD", "F1 PD", "F1 ND"],
        [
            [name, r["accuracy"], r["macro_f1"], *(r["per_class"][c]["f1"] for c in LABELS)]
            for name, r in rows
        ],
    )
    parts = [
        main,
        "",
        "Confusion, verdict(coverage, alignment):",
        "",
        confusion_table(result["aligned"]["confusion"], LABELS),
    ]
    if "cv5" in result:
        parts += ["", "Models chosen on the training folds: " + "; ".join(result["cv5"]["models"])]
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fit", action="store_true", help="print thresholds fitted on all 600")
    args = parser.parse_args()
    rows = measure(load_pairs())
    result = evaluate(rows)
    print(render(result))
    if args.fit:
        print("fitted on all pairs (macro-F1, wholly feature, >=, non feature, <):")
        print(fit(rows, list(range(len(rows)))))


if __name__ == "__main__":
    main()
