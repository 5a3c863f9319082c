"""F3 rewrites (Lucas et al., EMNLP 2023): does the report separate faithful from distorted?

Every F3 row is a real news text (`human_content`) and a GPT-3.5 rewrite (`ai_content`),
labelled `real` (a paraphrase prompt: faithful) or `fake` (a perturbation prompt: key
details changed or a twist added) at minor / major / critical strength. We run
`retold.compare(source, rewrite)`, reduce the report to one number with
`distortion_score` and report

- AUROC of the score for fake vs real (threshold-free), and
- balanced accuracy with a threshold chosen by 5-fold stratified cross-validation: the
  threshold that maximises balanced accuracy on four folds is applied to the fifth, so
  no test fold ever picks its own threshold,

overall, per prompt strength (real-minor vs fake-minor, …), per dataset and per article
type. AUROC of each report component is listed too, to show what carries the signal.

    .venv/bin/python -m benchmarks.f3 [--sample N] [--workers 2]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import retold
from benchmarks.common import ROOT, commit_id, data_root, folds, table, write_keeping_notes

RESULTS_JSON = ROOT / "benchmarks" / "f3_results.json"
RESULTS_MD = ROOT / "benchmarks" / "F3.md"
CACHE = ROOT / "benchmarks" / ".cache" / "f3"
SEED = 3

SEVERITY_WEIGHT = {"high": 1.0, "medium": 0.5, "low": 0.2}
QUOTE_WEIGHT = {
    "invented": 1.0,
    "misattributed": 1.0,
    "altered": 0.7,
    "promoted-paraphrase": 0.3,
    "verified": 0.0,
}
NEW_WEIGHT = {"claim": 1.0, "commentary": 0.5}  # a new sentence by its note
NEW_UNCLASSIFIED = 0.75  # a new sentence the report does not classify
ALTERED_FLOOR = 0.5  # an altered sentence weighs at least this much


def distortion_score(report: retold.Report) -> float:
    """How distorted a rewrite is, from its report alone: 0 (faithful) .. 1.

    The mean, over the rewrite's body sentences (boilerplate left out), of how much of
    each sentence a fact-checker has to flag:

    - `new` sentence: 1.0 for a new factual claim (note "claim"), 0.5 for commentary,
      0.75 when the report does not say which;
    - any other sentence: the sum of its changes' severities (high 1.0, medium 0.5,
      low 0.2) and of its quotes' statuses (invented or misattributed 1.0, altered 0.7,
      promoted-paraphrase 0.3, verified 0), at least 0.5 if it is labelled `altered`,
      capped at 1.0.

    So a rewrite that only reuses its source scores 0, one that is all new claims or all
    bent facts scores 1. Weights are set by hand from what the labels mean, not fitted
    on F3. (A first version, which divided changes by aligned sentences and gave new
    sentences 0.25, scored AUROC 0.559; see F3.md.)
    """
    body = [s for s in report.sentences if s.label != "boilerplate"]
    if not body:
        return 0.0
    mass: dict[int, float] = {}
    for c in report.changes:
        mass[c.sentence] = mass.get(c.sentence, 0.0) + SEVERITY_WEIGHT.get(c.severity, 0.2)
    for q in report.quotes:
        mass[q.sentence] = mass.get(q.sentence, 0.0) + QUOTE_WEIGHT.get(q.status, 0.0)
    total = 0.0
    for s in body:
        if s.label == "new":
            total += NEW_WEIGHT.get(new_kind(s.note), NEW_UNCLASSIFIED)
        else:
            floor = ALTERED_FLOOR if s.label == "altered" else 0.0
            total += min(1.0, max(floor, mass.get(s.index, 0.0)))
    return total / len(body)


def new_kind(note: str) -> str:
    """ "claim" or "commentary" from a new sentence's note (the word, or a reason with it)."""
    lowered = note.lower()
    return "claim" if "claim" in lowered else "commentary" if "commentary" in lowered else ""


def components(report: retold.Report) -> dict[str, float]:
    """Report figures beside `distortion_score`, to show which carries the signal."""
    body = [s for s in report.sentences if s.label != "boilerplate"]
    aligned = [s for s in body if s.label in ("verbatim", "paraphrase", "altered")]
    n_body, n_aligned = max(1, len(body)), max(1, len(aligned))
    new = [s for s in body if s.label == "new"]
    return {
        "new_share": len(new) / n_body,
        "new_claim_share": sum(new_kind(s.note) == "claim" for s in new) / n_body,
        "altered_share": sum(s.label == "altered" for s in body) / n_body,
        "changes_per_aligned": len(report.changes) / n_aligned,
        "high_changes_per_aligned": sum(c.severity == "high" for c in report.changes) / n_aligned,
        "non_verified_quotes": float(sum(q.status != "verified" for q in report.quotes)),
        "uncovered_derived": 1.0 - report.coverage.derived,
        "omitted_source": 1.0 - report.coverage.source,
    }


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Row:
    uuid: str
    source: str
    rewrite: str
    fake: bool
    strength: str
    dataset: str
    article_type: str


def load_rows(root: Path | None = None) -> list[Row]:
    base = (root or data_root()) / "f3-rewrites"
    csv.field_size_limit(1 << 30)
    rows = []
    for file in sorted(base.glob("*/*.csv")):
        dataset = file.parent.name
        with file.open(encoding="utf-8", newline="") as handle:
            for r in csv.DictReader(handle):
                rows.append(
                    Row(
                        r["uuid"],
                        r["human_content"],
                        r["ai_content"],
                        r["ai_generated_label"].strip() == "fake",
                        r["Prompt_type"].strip(),
                        dataset,
                        r["article_type"].strip(),
                    )
                )
    return rows


def stratified_sample(rows: Sequence[Row], n: int, seed: int = SEED) -> list[Row]:
    """A fixed sample of about n rows with the label x strength x dataset mix kept."""
    groups: dict[tuple[bool, str, str], list[Row]] = {}
    for row in rows:
        groups.setdefault((row.fake, row.strength, row.dataset), []).append(row)
    rng = random.Random(seed)
    chosen: list[Row] = []
    for key in sorted(groups):
        members = sorted(groups[key], key=lambda r: r.uuid)
        rng.shuffle(members)
        chosen.extend(members[: max(1, round(n * len(members) / len(rows)))])
    return sorted(chosen, key=lambda r: r.uuid)


# ---------------------------------------------------------------- running


def run_row(args: tuple[str, str]) -> tuple[float, dict[str, float], float, str]:
    source, rewrite = args
    start = time.perf_counter()
    try:
        report = retold.compare(source, rewrite)
    except Exception as exc:  # count crashes, keep going
        return 0.0, {}, time.perf_counter() - start, f"{type(exc).__name__}: {exc}"
    figures = components(report)
    for c in report.changes:
        key = f"change:{c.kind}"
        figures[key] = figures.get(key, 0.0) + 1
    for q in report.quotes:
        key = f"quote:{q.status}"
        figures[key] = figures.get(key, 0.0) + 1
    return distortion_score(report), figures, time.perf_counter() - start, ""


def run_all(rows: Sequence[Row], workers: int) -> list[tuple[float, dict[str, float], float, str]]:
    jobs = [(r.source, r.rewrite) for r in rows]
    if workers <= 1:
        return [run_row(j) for j in jobs]
    with Pool(workers) as pool:
        return list(pool.imap(run_row, jobs, chunksize=8))


# ---------------------------------------------------------------- metrics


def auroc(labels: Sequence[bool], scores: Sequence[float]) -> float | None:
    """Probability that a random positive scores above a random negative (ties: half)."""
    pos = sum(labels)
    neg = len(labels) - pos
    if not pos or not neg:
        return None
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    rank_sum = sum(r for r, y in zip(ranks, labels, strict=True) if y)
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def balanced_accuracy(labels: Sequence[bool], pred: Sequence[bool]) -> float | None:
    pos = [p for y, p in zip(labels, pred, strict=True) if y]
    neg = [not p for y, p in zip(labels, pred, strict=True) if not y]
    if not pos or not neg:
        return None
    return (sum(pos) / len(pos) + sum(neg) / len(neg)) / 2


def best_threshold(labels: Sequence[bool], scores: Sequence[float]) -> float:
    """The cut (score > cut means distorted) with the highest balanced accuracy."""
    values = sorted(set(scores))
    cuts = [values[0] - 1.0] + [(a + b) / 2 for a, b in itertools.pairwise(values)]
    best, best_ba = cuts[0], -1.0
    for cut in cuts:
        ba = balanced_accuracy(labels, [s > cut for s in scores]) or 0.0
        if ba > best_ba:
            best, best_ba = cut, ba
    return best


def cross_validated(
    labels: Sequence[bool], scores: Sequence[float], k: int = 5
) -> tuple[list[bool], list[float]]:
    """Out-of-fold predictions and the threshold each fold used."""
    pred = [False] * len(labels)
    cuts = []
    for held in folds(list(labels), k):
        held_set = set(held)
        train = [i for i in range(len(labels)) if i not in held_set]
        cut = best_threshold([labels[i] for i in train], [scores[i] for i in train])
        cuts.append(cut)
        for i in held:
            pred[i] = scores[i] > cut
    return pred, cuts


def subset_figures(
    idx: Sequence[int], labels: Sequence[bool], scores: Sequence[float], pred: Sequence[bool]
) -> dict[str, Any]:
    y = [labels[i] for i in idx]
    return {
        "pairs": len(idx),
        "fake": sum(y),
        "real": len(y) - sum(y),
        "balanced_accuracy": rnd(balanced_accuracy(y, [pred[i] for i in idx])),
        "auroc": rnd(auroc(y, [scores[i] for i in idx])),
    }


def rnd(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def evaluate(
    sample: int | None = None, workers: int = 1, rows: Sequence[Row] | None = None
) -> dict[str, Any]:
    """Run compare on the rows (all, or a fixed stratified sample) and score."""
    all_rows = list(rows) if rows is not None else load_rows()
    chosen = stratified_sample(all_rows, sample) if sample else all_rows
    results = run_all(chosen, workers)
    labels = [r.fake for r in chosen]
    scores = [s for s, _, _, _ in results]
    pred, cuts = cross_validated(labels, scores)
    every = list(range(len(chosen)))
    out: dict[str, Any] = {
        "pairs": len(chosen),
        "sample": sample,
        "overall": subset_figures(every, labels, scores, pred),
        "thresholds": [round(c, 4) for c in cuts],
        "errors": sum(bool(e) for _, _, _, e in results),
        "mean_ms_per_pair": round(
            1000 * sum(t for _, _, t, _ in results) / max(1, len(results)), 2
        ),
    }
    for field, name in (
        ("strength", "by_strength"),
        ("dataset", "by_dataset"),
        ("article_type", "by_article_type"),
    ):
        values = sorted({getattr(r, field) for r in chosen})
        out[name] = {
            v: subset_figures(
                [i for i in every if getattr(chosen[i], field) == v], labels, scores, pred
            )
            for v in values
        }
    names = sorted({k for _, comp, _, _ in results for k in comp if ":" not in k})
    kinds = sorted({k for _, comp, _, _ in results for k in comp if ":" in k})
    out["findings_per_pair"] = {
        kind: {
            label: round(
                sum(
                    c.get(kind, 0.0)
                    for (_, c, _, _), y in zip(results, labels, strict=True)
                    if y == flag
                )
                / max(1, sum(y == flag for y in labels)),
                3,
            )
            for flag, label in ((False, "real"), (True, "fake"))
        }
        for kind in kinds
    }
    out["component_auroc"] = {
        name: rnd(auroc(labels, [comp.get(name, 0.0) for _, comp, _, _ in results]))
        for name in names
    }
    means: dict[str, dict[str, float]] = {}
    for name in names:
        for flag, label in ((False, "real"), (True, "fake")):
            vals = [
                comp.get(name, 0.0)
                for (_, comp, _, _), y in zip(results, labels, strict=True)
                if y == flag
            ]
            means.setdefault(name, {})[label] = round(sum(vals) / max(1, len(vals)), 4)
    out["component_means"] = means
    out["_per_pair"] = [
        {
            "uuid": r.uuid,
            "fake": r.fake,
            "strength": r.strength,
            "dataset": r.dataset,
            "score": s,
            **comp,
            "error": e,
        }
        for r, (s, comp, _, e) in zip(chosen, results, strict=True)
    ]
    return out


# ---------------------------------------------------------------- output


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def tables(result: dict[str, Any]) -> str:
    rows = [["overall", *row(result["overall"])]]
    for group in ("by_strength", "by_dataset", "by_article_type"):
        rows += [[f"{group[3:]}: {k}", *row(v)] for k, v in result[group].items()]
    main = table(["subset", "pairs", "real", "fake", "balanced acc (CV)", "AUROC"], rows)
    comps = table(
        ["report component", "AUROC", "mean real", "mean fake"],
        [
            [
                k,
                fmt(v),
                f"{result['component_means'][k]['real']:.3f}",
                f"{result['component_means'][k]['fake']:.3f}",
            ]
            for k, v in result["component_auroc"].items()
        ],
    )
    found = table(
        ["finding", "per real pair", "per fake pair"],
        [
            [k, f"{v['real']:.3f}", f"{v['fake']:.3f}"]
            for k, v in result["findings_per_pair"].items()
        ],
    )
    return f"{main}\n\n{comps}\n\n{found}"


def row(fig: dict[str, Any]) -> list[object]:
    return [
        fig["pairs"],
        fig["real"],
        fig["fake"],
        fmt(fig["balanced_accuracy"]),
        fmt(fig["auroc"]),
    ]


NOTES_HEADING = "## What the report gets wrong here"


def write_markdown(result: dict[str, Any], meta: dict[str, Any]) -> None:
    scope = (
        f"a fixed stratified sample of {result['pairs']} pairs"
        if result["sample"]
        else f"all {result['pairs']} pairs"
    )
    doc = (distortion_score.__doc__ or "").strip()
    text = f"""# F3: faithful vs distorted LLM rewrites (issue 3)

`benchmarks/f3.py` runs `retold.compare(human_content, ai_content)` on {scope} of F3
(`../shared/data/f3-rewrites/`, Lucas et al., EMNLP 2023; `real` = paraphrase prompt,
`fake` = perturbation prompt), reduces each report to one `distortion_score`, and
reports AUROC and balanced accuracy of `fake` (distorted) vs `real` (faithful).
The threshold is chosen by 5-fold stratified cross-validation: each fold is scored
with the cut that maximises balanced accuracy on the other four (cuts used:
{", ".join(f"{c:.3f}" for c in result["thresholds"])}).

Run: `.venv/bin/python -m benchmarks.f3` ({meta["seconds"]:.0f} s on {meta["workers"]}
workers, mean {result["mean_ms_per_pair"]} ms per compare, {result["errors"]} crashes;
commit {meta["commit"]}).

## Results

{tables(result)}

Per-strength rows compare `real` and `fake` rewrites made at the same prompt strength;
"critical" `real` rewrites are summarised and regenerated, so they carry much new text.
The component AUROCs show which part of the report carries the signal (0.5 = none);
the last table counts each kind of finding per pair: on `real` rewrites every change
and every non-verified quote is a false alarm.

## The score

`distortion_score(report)`:

```
{doc}
```

Caveats: the F3 source may itself be fake news (that is irrelevant here: only the
rewrite's faithfulness to it is judged); rewrites are truncated to a token budget, so
omissions are common in both classes and are not part of the score; there are no span
labels, so this measures only the document-level decision.
"""
    write_keeping_notes(RESULTS_MD, text, NOTES_HEADING)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sample", type=int, default=None, help="a stratified sample (default: all)"
    )
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    began = time.time()
    result = evaluate(args.sample, args.workers)
    seconds = time.time() - began
    meta = {"seconds": round(seconds, 1), "workers": args.workers, "commit": commit_id()}
    per_pair = result.pop("_per_pair")
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / "per_pair.json").write_text(json.dumps(per_pair), encoding="utf-8")
    RESULTS_JSON.write_text(json.dumps({"meta": meta, **result}, indent=1) + "\n", encoding="utf-8")
    write_markdown(result, meta)
    print(tables(result))
    print(f"\n{result['pairs']} pairs in {seconds:.0f} s")


if __name__ == "__main__":
    main()
