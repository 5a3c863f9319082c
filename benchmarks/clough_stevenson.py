"""Clough & Stevenson (2011): 95 short answers against 5 Wikipedia source texts.

Each answer is labelled non (written independently), heavy, light (revision of the
source) or cut (copy and paste). We run `retold.compare(source, answer)` and report

- derived vs not (non vs the rest) from the verdict: as `compare()` is called today, and
  with the verdict given the alignment (`coverage.verdict(cov, alignment)`);
- the four grades (non / heavy / light / cut) from numbers of the comparison, cut
  into bins: non when one number is below a cut, else cut / light / heavy by another.
  The candidates are derived coverage, verbatim share (words of the answer inside
  verbatim passages) and similarity (the word-weighted mean similarity of its
  sentences to their source match). Which two, and the cuts, are fitted on four
  folds and applied to the fifth (5-fold CV, stratified), so no answer is graded by
  a choice made on it.

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
from retold.align import coverage as cov_module
from retold.align.sentences import Alignment, align
from retold.compare import compare
from retold.text.article import Article
from retold.text.document import analyze

GRADES = ["non", "heavy", "light", "cut"]
STEPS = tuple(round(i / 50, 2) for i in range(51))  # cuts tried: 0.00, 0.02, ... 1.00
FEATURES = ("coverage", "verbatim", "similarity")  # candidates, chosen on training folds


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


def similarity(alignment: Alignment) -> float:
    """Mean similarity of the derived sentences to their best source match, by words."""
    derived = alignment.derived
    total = derived.body_words()
    if not total:
        return 0.0
    return (
        sum(
            derived.sentences[m.sentence].words * m.similarity
            for m in alignment.matches
            if m.label != "boilerplate"
        )
        / total
    )


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
                "similarity": round(similarity(alignment), 4),
            }
        )
    return rows


Cuts = tuple[str, float, str, float, float]  # non feature, cut, grade feature, light, cut


def _grade(row: dict[str, Any], cuts: Cuts) -> str:
    f_non, derived, f_grade, light, cut = cuts
    if row[f_non] < derived:
        return "non"
    if row[f_grade] >= cut:
        return "cut"
    return "light" if row[f_grade] >= light else "heavy"


def _middle(values: list[Any]) -> Any:
    return values[len(values) // 2]


def fit_cuts(rows: list[dict[str, Any]]) -> Cuts:
    """For each candidate feature: the cut for non vs derived (best binary accuracy),
    then the two cuts grading the derived (best accuracy among them); the features
    with the most hits win. Ties go to the middle cut."""
    derived = [r["grade"] != "non" for r in rows]
    best_non: tuple[int, str, float] = (-1, "", 0.0)
    for feature in FEATURES:
        hits = [
            sum((r[feature] >= t) == d for r, d in zip(rows, derived, strict=True)) for t in STEPS
        ]
        top = max(hits)
        if top > best_non[0]:
            tied = [t for t, h in zip(STEPS, hits, strict=True) if h == top]
            best_non = (top, feature, _middle(tied))
    reused = [r for r in rows if r["grade"] != "non"]
    best_grade: tuple[int, str, float, float] = (-1, "", 0.0, 0.0)
    for feature in FEATURES:
        values = [(r[feature], r["grade"]) for r in reused]
        scored = []
        for i, light in enumerate(STEPS):
            for cut in STEPS[i:]:
                hits = sum(
                    ("cut" if v >= cut else "light" if v >= light else "heavy") == g
                    for v, g in values
                )
                scored.append((hits, light, cut))
        top = max(s[0] for s in scored)
        if top > best_grade[0]:
            _, light, cut = _middle([s for s in scored if s[0] == top])
            best_grade = (top, feature, light, cut)
    return best_non[1], best_non[2], best_grade[1], best_grade[2], best_grade[3]


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
    derived_cv = [p != "non" for p in pred]
    result["derived_cv5"] = {
        "accuracy": accuracy(derived_gold, derived_cv),
        "f1": binary_f1(derived_gold, derived_cv),
    }
    result["grades_cv5"] = {
        "accuracy": accuracy(grades, pred),
        "confusion": confusion(grades, pred, GRADES),
    }
    cuts = fit_cuts(rows)
    names = ("non_feature", "non_cut", "grade_feature", "light", "cut")
    result["cuts_all"] = dict(zip(names, cuts, strict=True))
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
                "derived vs non, the grades' non cut (5-fold CV)",
                result["derived_cv5"]["accuracy"],
                result["derived_cv5"]["f1"],
            ],
            [
                "4 grades, bins fitted by 5-fold CV",
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
            f"Fitted on all 95 (in-sample accuracy {result['grades_in_sample']:.3f}): "
            f"non when {cuts['non_feature']} < {cuts['non_cut']}; else cut when "
            f"{cuts['grade_feature']} >= {cuts['cut']}, light when >= {cuts['light']}, "
            "else heavy.",
        ]
    )


def main() -> None:
    print(render(run()))


if __name__ == "__main__":
    main()
