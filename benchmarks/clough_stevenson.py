"""Clough & Stevenson (2011): 95 short answers against 5 Wikipedia source texts.

Each answer is labelled non (written independently), heavy, light (revision of the
source) or cut (copy and paste). We run `retold.compare(source, answer)` and report

- derived vs not (non vs the rest) from the verdict: as `compare()` is called today, and
  with the verdict given the alignment (`coverage.verdict(cov, alignment)`);
- the four grades (non / heavy / light / cut) from two numbers of the comparison,
  derived coverage and verbatim share (words of the answer inside verbatim passages),
  cut into bins: non when coverage is below a cut, else cut / light / heavy by verbatim
  share. The cuts are fitted on four folds and applied to the fifth (5-fold CV,
  stratified), so no answer is graded by cuts fitted on it.

    .venv/bin/python -m benchmarks.clough_stevenson
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from typing import Any

from benchmarks.common import (
    accuracy,
    binary_f1,
    confusion,
    confusion_table,
    cross_validate,
    data_root,
    read_text,
    table,
)
from retold import coverage as cov_module
from retold.align import Alignment, align
from retold.article import Article
from retold.compare import compare
from retold.document import analyze

GRADES = ["non", "heavy", "light", "cut"]
STEPS = tuple(round(i / 50, 2) for i in range(51))  # cuts tried: 0.00, 0.02, ... 1.00


@dataclass(frozen=True)
class Answer:
    file: str
    task: str
    grade: str
    text: str


def load() -> tuple[dict[str, str], list[Answer]]:
    folder = data_root() / "clough-stevenson" / "data"
    sources = {t: read_text(folder / f"orig_task{t}.txt") for t in "abcde"}
    answers = []
    with (folder / "file_information.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            if row["Category"] in GRADES:
                text = read_text(folder / row["File"])
                answers.append(Answer(row["File"], row["Task"], row["Category"], text))
    return sources, answers


def verbatim_share(alignment: Alignment) -> float:
    """Share of the derived text's words inside verbatim passages."""
    derived = alignment.derived
    total = derived.body_words()
    if not total:
        return 0.0
    starts = [t.start for s in derived.body() for t in s.tokens]
    inside = 0
    for p in alignment.passages:
        if p.kind == "verbatim":
            inside += sum(1 for x in starts if p.derived_start <= x < p.derived_end)
    return min(1.0, inside / total)


def measure(sources: dict[str, str], answers: list[Answer]) -> list[dict[str, Any]]:
    rows = []
    for answer in answers:
        source = Article(sources[answer.task], id=f"orig_task{answer.task}.txt")
        derived = Article(answer.text, id=answer.file)
        report = compare(source, derived)
        alignment = align(analyze(source), analyze(derived))
        cov = cov_module.coverage(alignment)
        rows.append(
            {
                "file": answer.file,
                "grade": answer.grade,
                "compare": report.verdict,
                "aligned": cov_module.verdict(cov, alignment),
                "coverage": cov.derived,
                "verbatim": round(verbatim_share(alignment), 4),
            }
        )
    return rows


def _grade(row: dict[str, Any], cuts: tuple[float, float, float]) -> str:
    derived, light, cut = cuts
    if row["coverage"] < derived:
        return "non"
    if row["verbatim"] >= cut:
        return "cut"
    return "light" if row["verbatim"] >= light else "heavy"


def fit_cuts(rows: list[dict[str, Any]]) -> tuple[float, float, float]:
    """Coverage cut for non vs derived (best binary accuracy), then the two verbatim
    cuts (best 3-grade accuracy among the derived); ties go to the middle cut."""

    def first(t: float) -> int:
        return sum((r["coverage"] >= t) == (r["grade"] != "non") for r in rows)

    best = max(first(t) for t in STEPS)
    tied = [t for t in STEPS if first(t) == best]
    derived_cut = tied[len(tied) // 2]
    reused = [r for r in rows if r["grade"] != "non"]
    scored = []
    for i, light in enumerate(STEPS):
        for cut in STEPS[i:]:
            hits = sum(_grade(r, (0.0, light, cut)) == r["grade"] for r in reused)
            scored.append((hits, light, cut))
    top = max(s[0] for s in scored)
    tied2 = [s for s in scored if s[0] == top]
    _, light, cut = tied2[len(tied2) // 2]
    return derived_cut, light, cut


def evaluate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    grades = [r["grade"] for r in rows]
    derived_gold = [g != "non" for g in grades]
    result: dict[str, Any] = {"answers": len(rows)}
    for name in ("compare", "aligned"):
        pred = [r[name] != "non-derived" for r in rows]
        result[name] = {
            "accuracy": accuracy(derived_gold, pred),
            "f1": binary_f1(derived_gold, pred),
        }

    def fit_predict(train: list[int], held: list[int]) -> list[str]:
        cuts = fit_cuts([rows[i] for i in train])
        return [_grade(rows[i], cuts) for i in held]

    pred = cross_validate(len(rows), grades, fit_predict)
    result["grades_cv5"] = {
        "accuracy": accuracy(grades, pred),
        "confusion": confusion(grades, pred, GRADES),
    }
    cuts = fit_cuts(rows)
    result["cuts_all"] = {
        "coverage_derived": cuts[0],
        "verbatim_light": cuts[1],
        "verbatim_cut": cuts[2],
    }
    result["grades_in_sample"] = accuracy(grades, [_grade(r, cuts) for r in rows])
    return result


def run() -> dict[str, Any]:
    start = time.perf_counter()
    result = evaluate(measure(*load()))
    result["seconds"] = round(time.perf_counter() - start, 1)
    return result


def render(result: dict[str, Any]) -> str:
    main = table(
        [f"Clough-Stevenson ({result['answers']} answers)", "accuracy", "F1"],
        [
            [
                "derived vs non, compare() as called today",
                result["compare"]["accuracy"],
                result["compare"]["f1"],
            ],
            [
                "derived vs non, verdict(coverage, alignment)",
                result["aligned"]["accuracy"],
                result["aligned"]["f1"],
            ],
            [
                "4 grades, coverage + verbatim bins, 5-fold CV",
                result["grades_cv5"]["accuracy"],
                "-",
            ],
        ],
    )
    cuts = result["cuts_all"]
    return "\n".join(
        [
            main,
            "",
            "Grades, 5-fold CV confusion:",
            "",
            confusion_table(result["grades_cv5"]["confusion"], GRADES),
            "",
            f"Cuts fitted on all 95 (in-sample accuracy {result['grades_in_sample']:.3f}): "
            f"non when coverage < {cuts['coverage_derived']}; cut when verbatim >= "
            f"{cuts['verbatim_cut']}; light when >= {cuts['verbatim_light']}; else heavy.",
        ]
    )


def main() -> None:
    print(render(run()))


if __name__ == "__main__":
    main()
