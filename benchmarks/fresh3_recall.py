"""Recall on unseen real copy: the real changes recorded by hand on 15 `fresh3` pairs
(`gold/fresh3_changes.jsonl`: ids, offsets, short reasons) against the flags of the
current code. A gold change counts as found when a flag's derived span overlaps it. Changes marked
`minor` (quote wording changed, meaning kept; a borderline overstatement) are counted
apart too.

The 15 pairs were chosen by `chosen()` before the tool's output on them was read: in
file order (highest containment first), a pair is taken unless one of its articles
is, or nearly copies (5-gram containment at least 0.5), an article of a pair already
taken, so the pairs come from different stories; then pairs none of whose articles is
or reprints (containment at least 0.9) one taken; then any.

    .venv/bin/python -m benchmarks.fresh3_recall [--show]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

import retold
from benchmarks import fresh2_pairs, silver_audit
from benchmarks.common import ROOT

GOLD = ROOT / "benchmarks" / "gold" / "fresh3_changes.jsonl"
CHOSEN = 15
NEAR = 0.5
REPRINT = 0.9


def _containment(a: str, b: str) -> float:
    ga, gb = (set(fresh2_pairs._grams(fresh2_pairs._words(k))) for k in (a, b))
    return len(ga & gb) / max(1, min(len(ga), len(gb)))


def chosen() -> list[tuple[str, str]]:
    """The 15 recall pairs, as chosen before the tool's output was read."""
    pairs = silver_audit.fresh3_pairs()
    taken: list[tuple[str, str]] = []
    used: list[str] = []
    for pair in pairs:
        if len(taken) == CHOSEN:
            break
        if any(k == u or _containment(k, u) >= NEAR for k in pair for u in used):
            continue
        taken.append(pair)
        used.extend(pair)
    for pair in pairs:  # then pairs whose articles are no reprint of one taken
        if len(taken) == CHOSEN or pair in taken:
            continue
        if not any(k == u or _containment(k, u) >= REPRINT for k in pair for u in used):
            taken.append(pair)
            used.extend(pair)
    for pair in pairs:
        if len(taken) < CHOSEN and pair not in taken:
            taken.append(pair)
    return taken


def spans(report: retold.Report) -> list[tuple[str, int, int]]:
    """(flag, derived start, derived end) of every change and every loud quote."""
    out = [(c.kind, c.derived_start, c.derived_end) for c in report.changes]
    out += [
        (f"quote:{q.status}", q.start, q.end)
        for q in report.quotes
        if q.status not in silver_audit.QUIET
    ]
    return out


def load(path: Path = GOLD) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def run(path: Path = GOLD) -> dict[str, Any]:
    """Recall of the gold changes in `path` (fresh3's, or another file of that format).

    A change may be marked `update` too (a revised story reporting a later figure): it
    is a real difference, counted in the totals and, with `minor` ones, left out of
    `core`."""
    found_by: Counter[str] = Counter()
    total_by: Counter[str] = Counter()
    missed = []
    major = [0, 0]  # found, recorded: changes not marked `minor` (wording only, meaning kept)
    core = [0, 0]  # found, recorded: neither `minor` nor `update`
    pairs = 0
    flags = 0
    for record in load(path):
        pairs += 1
        report = retold.compare(
            silver_audit.article(record["source"]), silver_audit.article(record["derived"])
        )
        flagged = spans(report)
        flags += len(flagged)
        for change in record["changes"]:
            start, end = change["d"]
            total_by[change["kind"]] += 1
            hit = any(s < end and start < e for _, s, e in flagged)
            if not change.get("minor"):
                major[0] += hit
                major[1] += 1
                if not change.get("update"):
                    core[0] += hit
                    core[1] += 1
            if hit:
                found_by[change["kind"]] += 1
            else:
                missed.append(f"{record['pair']} {change['kind']} d={change['d']}: {change['why']}")
    return {
        "pairs": pairs,
        "flags": flags,
        "gold": sum(total_by.values()),
        "found": sum(found_by.values()),
        "major": major,
        "core": core,
        "by_kind": {k: [found_by[k], n] for k, n in total_by.most_common()},
        "missed": missed,
    }


def render(result: dict[str, Any], show: bool = False) -> str:
    lines = [
        f"{result['pairs']} pairs, {result['flags']} flags; "
        f"real changes found {result['found']} / {result['gold']} "
        f"(not minor: {result['major'][0]} / {result['major'][1]}; "
        f"neither minor nor update: {result['core'][0]} / {result['core'][1]})"
    ]
    lines += [f"  {kind}: {found} / {total}" for kind, (found, total) in result["by_kind"].items()]
    if show:
        lines += [f"missed: {line}" for line in result["missed"]]
    return "\n".join(lines)


def main(path: Path = GOLD) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="list the missed changes")
    args = parser.parse_args()
    print(render(run(path), args.show))


if __name__ == "__main__":
    main()
