"""Flags on real wire pairs nobody annotated in advance: how many, of which rules, and
how the judged ones were judged.

The gold real pairs (`real_pairs.py`) are few. This audit widens the view to the other
reuse pairs of `../shared/data/wire-reprints/silver_pairs.tsv`: every pair with 5-gram
containment at most 0.9 (reprints have their own figure) whose articles are in no gold
pair, the longer article taken as the source. Four slices:

- `seen`: the first 400 such pairs, read while the issue-10 rules were tightened (the
  flags a rule change added or removed were looked at there);
- `fresh`: the rest (280 pairs), first run and judged at commit 992ae33 with the code of
  this session's start (66d2f0e) beside it. Every flag either version raised is judged
  in `gold/silver_audit_judgments.jsonl` (pair, flag, derived offset, verdict, reason;
  never article text), following `../shared/ANNOTATION.md`. One later rule (quotes:
  a first-person quotation of what the source reports is unsourced) was made after
  reading the fresh slice, so figures after 992ae33 on it are no longer unseen;
- `fresh2`: 250 pairs that no slice above holds (`gold/fresh2_pairs.tsv`, built by
  `fresh2_pairs.py`, ids only). `silver_pairs.tsv` already lists every pair with
  containment at least 0.3, so these come from below it: 0.1 to 0.3, different
  publishers, a shared verbatim run of at least 20 words, at most 3 pairs per article,
  highest containment first; mostly outlet rewrites and stories merged from wire copy,
  so more loosely aligned than the first two slices. Every flag of 9d07d43 on them was
  judged at that commit, before any rule was made after reading them;
- `fresh3`: 43 pairs that share no article with fresh2 either (`gold/fresh3_pairs.tsv`,
  built by `fresh3_pairs.py`, ids only): the fresh2 rules at any containment below 0.9,
  since too few pairs are left at 0.1 to 0.3. Mostly stories that reuse one or two wire
  paragraphs. Every flag of e926194 on them was judged at that commit, and 15 of them
  carry recall gold (`gold/fresh3_changes.jsonl`, `fresh3_recall.py`);
- `fresh4`: 44 pairs none of whose articles is in a gold, fresh2 or fresh3 pair
  (`gold/fresh4_pairs.tsv`, built by `fresh4_pairs.py`, ids only): the fresh3 rules
  with a shared verbatim run of 12 to 19 words (no pair with 20 or more is left), runs
  of page furniture not counted, longest run first. Mostly stories that share one
  quotation or one wire paragraph. First run and judged at ff0c7ee before any rule was
  made from it;
- `reprints`: the 339 pairs of `silver_pairs.tsv` above 0.9 containment (exact and
  trimmed reprints, the same article at two outlets) whose articles are in no gold
  pair. No judgment is needed: an exact or trimmed reprint should get no flag at all,
  so every flag there counts against the code. First run at e926194's parent (4 flags,
  7 at the session's start), after rules made from the other slices;
- `bbc-revisions`: 128 pairs inside the BBC News corpus (`../shared/data/bbc`,
  `gold/bbc_pairs.tsv`, built by `bbc_pairs.py`, ids only) with 5-gram Jaccard below
  0.99: 60 revised versions of one story (0.5 to 0.99) and 68 different stories sharing
  passages (updates, follow-ups), each direction judged by content and its reason
  written in the pair file. First run and judged at c6a53bc, before any rule was made
  from them; 20 of them carry recall gold written before that run
  (`gold/bbc_changes.jsonl`, `bbc_recall.py`);
- `bbc-copies`: the 108 BBC pairs with Jaccard at least 0.99 (100 exact duplicates, 8
  near-exact). As with `reprints`, every flag there counts against the code. First run
  at c6a53bc.
- `bbc-followups`: 150 BBC pairs that overlap less than any of `near_duplicates.tsv`
  (`gold/bbc_followups.tsv`, built by `bbc_followups.py`, ids only): 5-gram containment
  0.05 to 0.2 in one category, a shared verbatim run of at least 12 words, no exact
  duplicate article, at most 3 pairs per article; follow-up stories and updates that
  reuse one or a few paragraphs of an earlier story, each direction judged by content
  and its reason written in the pair file. First run and judged at e743de8 before any
  rule was made from it.
- `bbc-distant`: 37 BBC pairs that overlap less still (`gold/bbc_distant.tsv`, built by
  `bbc_distant.py` with the rules of `bbc_followups.py`, ids only): 5-gram containment
  below 0.05 in one category, a shared verbatim run of at least 15 words, in none of
  the BBC slices above, at most 2 pairs per article, longest shared run first (only 37
  qualify); stories that reuse one background paragraph, a quotation, a team list or a
  correspondent's tagline of another story, each direction judged by content and its
  reason written in the pair file. First run and judged at 2a630eb before any rule was
  made from it.

A flag of the current code that no judgment names is counted as `unjudged`: read it
before trusting the precision figure.

    .venv/bin/python -m benchmarks.silver_audit [--slice seen|fresh|fresh2|fresh3|fresh4|reprints|bbc-revisions|bbc-copies|bbc-followups|bbc-distant ...] [--json PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import retold
from benchmarks import bbc, real_pairs, wire
from benchmarks.common import ROOT, data_root, table

JUDGMENTS = ROOT / "benchmarks" / "gold" / "silver_audit_judgments.jsonl"
FRESH2 = ROOT / "benchmarks" / "gold" / "fresh2_pairs.tsv"
FRESH3 = ROOT / "benchmarks" / "gold" / "fresh3_pairs.tsv"
FRESH4 = ROOT / "benchmarks" / "gold" / "fresh4_pairs.tsv"
BBC = ROOT / "benchmarks" / "gold" / "bbc_pairs.tsv"
BBC_FOLLOWUPS = ROOT / "benchmarks" / "gold" / "bbc_followups.tsv"
BBC_DISTANT = ROOT / "benchmarks" / "gold" / "bbc_distant.tsv"
SLICES = (
    "seen",
    "fresh",
    "fresh2",
    "fresh3",
    "fresh4",
    "reprints",
    "bbc-revisions",
    "bbc-copies",
    "bbc-followups",
    "bbc-distant",
)
SEEN = 400  # pairs of the first slice
MAX_CONTAINMENT = 0.9
QUIET = ("verified", "unsourced")
VERDICTS = ("correct", "borderline", "false-alarm", "unsourced-called-invented", "unjudged")


def pairs(reprints: bool = False) -> list[tuple[str, str]]:
    """(source, derived) keys of the audited pairs, in file order: those at most
    MAX_CONTAINMENT, or with `reprints` those above it."""
    gold = {
        r[k] for s in ("tune", "held") for r in real_pairs.load(s) for k in ("source", "derived")
    }
    path = data_root() / "wire-reprints" / "silver_pairs.tsv"
    out = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if (float(row["containment_5gram"]) > MAX_CONTAINMENT) != reprints:
                continue
            a, b = f"{row['set']}:{row['id_a']}", f"{row['set']}:{row['id_b']}"
            if a in gold or b in gold:
                continue
            out.append((a, b) if int(row["words_a"]) >= int(row["words_b"]) else (b, a))
    return out


def fresh2_pairs(path: Path = FRESH2) -> list[tuple[str, str]]:
    """(source, derived) keys of the `fresh2` slice (or another pair file), in file order."""
    with path.open(encoding="utf-8") as handle:
        return [(r["source"], r["derived"]) for r in csv.DictReader(handle, delimiter="\t")]


def fresh3_pairs() -> list[tuple[str, str]]:
    """(source, derived) keys of the `fresh3` slice, in file order."""
    return fresh2_pairs(FRESH3)


def bbc_pairs(copies: bool = False) -> list[tuple[str, str]]:
    """(source, derived) keys of `bbc-revisions`, or with `copies` of `bbc-copies`."""
    with BBC.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [(r["source"], r["derived"]) for r in rows if (r["kind"] == "copy") == copies]


def article(key: str) -> retold.Article:
    """A pair key's Article: `bbc:category/NNN` from the BBC corpus, else a wire row."""
    return bbc.article(key) if key.startswith(bbc.PREFIX) else wire.article(key)


def flags(report: retold.Report) -> list[tuple[str, int, str]]:
    """(flag, derived offset, rule or status) of every change and every loud quote."""
    # getattr: releases before the rule field are measured too (their flags are unjudged)
    found = [(c.kind, c.derived_start, getattr(c, "rule", c.kind)) for c in report.changes]
    found += [
        (f"quote:{q.status}", q.start, q.status) for q in report.quotes if q.status not in QUIET
    ]
    return found


def judgments() -> dict[tuple[str, str, int], str]:
    rows = [json.loads(line) for line in JUDGMENTS.read_text(encoding="utf-8").splitlines() if line]
    return {(r["pair"], r["flag"], r["d"]): r["verdict"] for r in rows}


def run(slices: tuple[str, ...] = ("seen", "fresh")) -> dict[str, Any]:
    judged = judgments()
    everything = pairs()
    chosen_by_slice: dict[str, Callable[[], list[tuple[str, str]]]] = {
        "seen": lambda: everything[:SEEN],
        "fresh": lambda: everything[SEEN:],
        "fresh2": fresh2_pairs,
        "fresh3": fresh3_pairs,
        "fresh4": lambda: fresh2_pairs(FRESH4),
        "reprints": lambda: pairs(reprints=True),
        "bbc-revisions": bbc_pairs,
        "bbc-copies": lambda: bbc_pairs(copies=True),
        "bbc-followups": lambda: fresh2_pairs(BBC_FOLLOWUPS),
        "bbc-distant": lambda: fresh2_pairs(BBC_DISTANT),
    }
    result: dict[str, Any] = {}
    for name in SLICES:
        if name not in slices:
            continue
        chosen = chosen_by_slice[name]()
        rules: Counter[str] = Counter()
        verdicts: Counter[str] = Counter()
        unjudged = []
        for source, derived in chosen:
            key = f"{source}>{derived}"
            report = retold.compare(article(source), article(derived))
            for flag, start, rule in flags(report):
                rules[rule] += 1
                verdict = judged.get((key, flag, start), "unjudged")
                verdicts[verdict] += 1
                if verdict == "unjudged":
                    unjudged.append(f"{key} {flag} @{start}")
        total = sum(rules.values())
        result[name] = {
            "pairs": len(chosen),
            "flags": total,
            "flags_per_pair": round(total / len(chosen), 3) if chosen else 0.0,
            "rules": dict(rules.most_common()),
            "verdicts": {v: verdicts[v] for v in VERDICTS},
            "unjudged": unjudged,
        }
    return result


def render(result: dict[str, Any]) -> str:
    names = [name for name in SLICES if name in result]
    rows = []
    for name in names:
        r = result[name]
        v = r["verdicts"]
        rows.append([name, r["pairs"], r["flags"], r["flags_per_pair"], *(v[k] for k in VERDICTS)])
    head = ["slice", "pairs", "flags", "flags/pair", *VERDICTS]
    lines = [table(head, rows), ""]
    for name in names:
        lines.append(f"{name}: " + ", ".join(f"{k} {n}" for k, n in result[name]["rules"].items()))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slice", action="append", choices=SLICES, help="default: all")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = run(tuple(args.slice or SLICES))
    print(render(result))
    for name in (
        "fresh",
        "fresh2",
        "fresh3",
        "fresh4",
        "bbc-revisions",
        "bbc-copies",
        "bbc-followups",
        "bbc-distant",
    ):
        for line in result.get(name, {}).get("unjudged", []):
            print(f"unjudged ({name}):", line)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
