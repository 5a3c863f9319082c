"""Shared helpers for the benchmarks: where the data is, metrics, tables.

The data lives outside the repository (third-party text, never copied in):
`../shared/data` relative to the repository root, or the directory in $RETOLD_DATA.
"""

from __future__ import annotations

import argparse
import os
import random
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T", bound=Hashable)


def data_root() -> Path:
    """The evaluation data directory ($RETOLD_DATA, else ../shared/data)."""
    env = os.environ.get("RETOLD_DATA")
    return Path(env) if env else (ROOT.parent / "shared" / "data").resolve()


def have_data(*parts: str) -> bool:
    return data_root().joinpath(*parts).exists()


def read_text(path: Path) -> str:
    """UTF-8 (BOM dropped), else cp1252: some corpora mix encodings."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# ---------------------------------------------------------------- metrics


def accuracy(gold: Sequence[T], pred: Sequence[T]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0


def per_class(
    gold: Sequence[T], pred: Sequence[T], labels: Sequence[T]
) -> dict[T, dict[str, float]]:
    """Precision, recall, F1 and support of each label."""
    result: dict[T, dict[str, float]] = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        result[label] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn}
    return result


def macro_f1(gold: Sequence[T], pred: Sequence[T], labels: Sequence[T]) -> float:
    scores = per_class(gold, pred, labels)
    return sum(s["f1"] for s in scores.values()) / len(labels)


def binary_f1(gold: Sequence[bool], pred: Sequence[bool]) -> float:
    return per_class(gold, pred, [True])[True]["f1"]


def confusion(gold: Sequence[T], pred: Sequence[T], labels: Sequence[T]) -> list[list[int]]:
    """rows: gold label, columns: predicted label."""
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred, strict=True):
        matrix[index[g]][index[p]] += 1
    return matrix


def folds(labels: Sequence[T], k: int = 5, seed: int = 13) -> list[list[int]]:
    """Stratified k folds of item indices (deterministic)."""
    rng = random.Random(seed)
    by_label: dict[T, list[int]] = {}
    for i, label in enumerate(labels):
        by_label.setdefault(label, []).append(i)
    result: list[list[int]] = [[] for _ in range(k)]
    offset = 0
    for label in sorted(by_label, key=str):
        items = by_label[label]
        rng.shuffle(items)
        for n, i in enumerate(items):
            result[(n + offset) % k].append(i)
        offset += len(items)
    return [sorted(f) for f in result]


def cross_validate(
    n: int,
    labels: Sequence[T],
    fit_predict: Callable[[list[int], list[int]], list[T]],
    k: int = 5,
) -> list[T]:
    """Out-of-fold predictions: fit on k-1 folds, predict the held-out fold."""
    pred: list[T | None] = [None] * n
    for held in folds(labels, k):
        held_set = set(held)
        train = [i for i in range(n) if i not in held_set]
        for i, p in zip(held, fit_predict(train, held), strict=True):
            pred[i] = p
    return [p for p in pred if p is not None]


# ---------------------------------------------------------------- tables


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table (also readable on a terminal)."""

    def cell(value: object) -> str:
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    lines = [
        "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    lines += [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in cells
    ]
    return "\n".join(lines)


def confusion_table(matrix: list[list[int]], labels: Sequence[str]) -> str:
    return table(
        ["gold \\ predicted", *labels],
        [[label, *row] for label, row in zip(labels, matrix, strict=True)],
    )


def write_keeping_notes(path: Path, text: str, heading: str) -> None:
    """Write a results file; hand-written notes from `heading` on survive a rerun."""
    if path.exists():
        previous = path.read_text(encoding="utf-8")
        at = previous.find(heading)
        if at >= 0:
            text = text.rstrip() + "\n\n" + previous[at:]
    path.write_text(text, encoding="utf-8")


def commit_id() -> str:
    """The short commit the benchmark ran on, read from .git without calling git."""
    head = ROOT / ".git" / "HEAD"
    try:
        ref = head.read_text().strip()
        if ref.startswith("ref: "):
            return (ROOT / ".git" / ref[5:]).read_text().strip()[:7]
        return ref[:7]
    except OSError:
        return "unknown"


def show_paragraphs(text: str) -> None:
    """Print an article's paragraphs with their offsets (for writing gold by hand)."""
    pos = 0
    for para in text.split("\n\n"):
        print(f"[{pos}:{pos + len(para)}] {para}")
        pos += len(para) + 2


def find_phrase(text: str, phrase: str, where: str) -> None:
    """Print the offsets of every occurrence of a phrase, or exit saying it is absent."""
    start = text.find(phrase)
    if start < 0:
        raise SystemExit(f"not found in {where}")
    while start >= 0:
        print(start, start + len(phrase))
        start = text.find(phrase, start + 1)


def key_commands(description: str | None) -> tuple[argparse.ArgumentParser, Any]:
    """A command line with `show KEY` and `find KEY PHRASE` (a reader adds its own)."""
    parser = argparse.ArgumentParser(description=description)
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("show").add_argument("key")
    find = sub.add_parser("find")
    find.add_argument("key")
    find.add_argument("phrase")
    return parser, sub


def run_key_command(args: argparse.Namespace, text_of: Callable[[str], str]) -> bool:
    """Run `show` or `find` on the key's text; False for another command."""
    if args.cmd == "show":
        show_paragraphs(text_of(args.key))
    elif args.cmd == "find":
        find_phrase(text_of(args.key), args.phrase, args.key)
    else:
        return False
    return True
