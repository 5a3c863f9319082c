"""Page furniture on real scraped news: what each rule of retold.text.boilerplate flags.

Every paragraph of the three wire-reprints sets (as retold reads them: split at " ### ",
the title line set apart) and every BBC article body paragraph is classified with
`furniture_paragraphs`; the per-rule counts are printed. Hand judgements (ids only, in
benchmarks/gold/furniture_judged.jsonl) give each rule's precision and the recall of
obvious furniture, on the tuning part and the held-back part (a third of the articles,
chosen by a hash of their id). See FURNITURE.md.

    .venv/bin/python -m benchmarks.furniture            # per-rule counts, wire + BBC
    .venv/bin/python -m benchmarks.furniture score      # precision / recall from judgements
    .venv/bin/python -m benchmarks.furniture show RULE [--part dev] [--bbc]   # to judge
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from benchmarks import wire
from benchmarks.common import ROOT, data_root, read_text
from retold.text.article import Article
from retold.text.load import article_from_text
from retold.text.page import furniture_paragraphs
from retold.text.sentences import paragraphs

JUDGED = ROOT / "benchmarks" / "gold" / "furniture_judged.jsonl"


@dataclass(frozen=True)
class Paragraph:
    key: str  # set:id (wire) or bbc:topic/file
    number: int  # paragraph number in the article text (the title line included)
    text: str
    reason: str | None  # the furniture rule that fired, None for story


def part(key: str) -> str:
    """'held' for the third of the articles kept aside (judged only at the end), else 'dev'."""
    return "held" if int(hashlib.md5(key.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def _body(article: Article) -> Iterator[Paragraph]:
    """The article's paragraphs after its title, each with its furniture reason."""
    text = article.text
    spans = paragraphs(text)
    reasons = furniture_paragraphs([s.of(text) for s in spans])
    _, title_end = article.title_span
    for number, span in enumerate(spans):
        if span.start >= title_end:
            yield Paragraph(article.id, number, span.of(text), reasons.get(number))


@lru_cache(maxsize=1)
def wire_paragraphs() -> tuple[Paragraph, ...]:
    found: list[Paragraph] = []
    for name in wire.SETS:
        for ident in wire.rows(name):
            found.extend(_body(wire.article(f"{name}:{ident}")))
    return tuple(found)


@lru_cache(maxsize=1)
def bbc_paragraphs() -> tuple[Paragraph, ...]:
    found: list[Paragraph] = []
    for path in sorted((data_root() / "bbc" / "articles").glob("*/*.txt")):
        key = f"bbc:{path.parent.name}/{path.stem}"
        found.extend(_body(article_from_text(read_text(path), id=key)))
    return tuple(found)


def titles_found() -> tuple[int, int]:
    """Wire articles whose title line load.py recognised, of all wire articles."""
    keys = [f"{name}:{ident}" for name in wire.SETS for ident in wire.rows(name)]
    return sum(bool(wire.article(k).title) for k in keys), len(keys)


def _counts() -> None:
    rows = wire_paragraphs()
    by_rule = Counter(p.reason for p in rows if p.reason)
    distinct = {r: len({p.text for p in rows if p.reason == r}) for r in by_rule}
    flagged = sum(by_rule.values())
    print(f"wire-reprints: {len(rows)} body paragraphs, {flagged} furniture")
    print(f"{'rule':<10} {'paragraphs':>10} {'distinct':>9}")
    for rule, n in by_rule.most_common():
        print(f"{rule:<10} {n:>10} {distinct[rule]:>9}")
    found, total = titles_found()
    print(f"titles recognised: {found} of {total} articles")
    bbc = bbc_paragraphs()
    bbc_rules = Counter(p.reason for p in bbc if p.reason)
    print(f"\nBBC: {len(bbc)} body paragraphs, {sum(bbc_rules.values())} furniture")
    for rule, n in bbc_rules.most_common():
        print(f"{rule:<10} {n:>10}")


def judgements() -> list[dict[str, object]]:
    if not JUDGED.exists():
        return []
    with JUDGED.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _score() -> None:
    """Each rule's precision on its judged sample; recall of furniture on the random
    sample, per rule (a missed paragraph counts against the rule its judge named)."""
    current = {(p.key, p.number): p.reason for p in wire_paragraphs()}
    for which in ("dev", "held"):
        every = [j for j in judgements() if j["part"] == which]
        judged = [j for j in every if (str(j["key"]), int(str(j["paragraph"]))) in current]
        if len(judged) < len(every):  # load.py now takes them for the title: not body text
            print(f"\n({len(every) - len(judged)} judged paragraph(s) of {which} now a title)")
        rule = [j for j in judged if j["sample"] == "rule"]
        randoms = [j for j in judged if j["sample"] == "random" and j.get("kind") != "title"]
        found = [(j, current[(str(j["key"]), int(str(j["paragraph"])))]) for j in randoms]
        print(f"\n{which}: {len(rule)} flagged lines judged by rule, {len(randoms)} random")
        print(f"{'rule':<10} {'precision':>10} {'caught':>7} {'missed':>7} {'recall':>7}")
        names = sorted({str(current.get((str(j["key"]), int(str(j["paragraph"]))))) for j in rule})
        names += sorted({str(j["kind"]) for j, r in found if j["furniture"] and not r} - set(names))
        for name in names:
            verdicts = [
                bool(j["furniture"])
                for j in rule
                if current.get((str(j["key"]), int(str(j["paragraph"])))) == name
            ]
            caught = sum(1 for j, r in found if j["furniture"] and r == name)
            missed = sum(1 for j, r in found if j["furniture"] and not r and j["kind"] == name)
            prec = f"{sum(verdicts)}/{len(verdicts)}" if verdicts else "-"
            rec = f"{caught / (caught + missed):.2f}" if caught + missed else "-"
            print(f"{name:<10} {prec:>10} {caught:>7} {missed:>7} {rec:>7}")
        _score_summary(rule, found, current)


def _score_summary(
    rule: list[dict[str, object]],
    found: list[tuple[dict[str, object], str | None]],
    current: dict[tuple[str, int], str | None],
) -> None:
    flagged_rule = [j for j in rule if current.get((str(j["key"]), int(str(j["paragraph"]))))]
    furniture = [(j, r) for j, r in found if j["furniture"]]
    plain = [(j, r) for j, r in furniture if not j.get("by_design")]
    story = [(j, r) for j, r in found if not j["furniture"]]
    print(
        f"all rules: precision {sum(bool(j['furniture']) for j in flagged_rule)}/"
        f"{len(flagged_rule)} (rule samples); random sample: {len(furniture)} furniture, "
        f"{sum(1 for _, r in furniture if r)} caught; {len(plain)} outside the kinds left "
        f"alone by design, {sum(1 for _, r in plain if r)} caught; {len(story)} story, "
        f"{sum(1 for _, r in story if r)} flagged"
    )


def _show(rule: str, which: str, bbc: bool, sample: int, seed: int) -> None:
    """Flagged lines of one rule ('story' for unflagged, 'random' for any), for judging."""
    rows = bbc_paragraphs() if bbc else wire_paragraphs()
    if rule == "random":
        chosen = [p for p in rows if bbc or part(p.key) == which]
    elif rule == "story":
        chosen = [p for p in rows if p.reason is None and (bbc or part(p.key) == which)]
    else:
        chosen = [p for p in rows if p.reason == rule and (bbc or part(p.key) == which)]
    seen: dict[str, Paragraph] = {}
    for p in chosen:
        seen.setdefault(p.text, p)  # each distinct line once
    lines = list(seen.values())
    if sample:
        random.Random(seed).shuffle(lines)
        lines = lines[:sample]
    for p in lines:
        print(f"{p.key}\t{p.number}\t{p.reason}\t{p.text[:300]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="cmd")
    sub.add_parser("counts")
    sub.add_parser("score")
    show = sub.add_parser("show")
    show.add_argument("rule")
    show.add_argument("--part", default="dev", choices=("dev", "held"))
    show.add_argument("--bbc", action="store_true")
    show.add_argument("--sample", type=int, default=0)
    show.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.cmd == "score":
        _score()
    elif args.cmd == "show":
        _show(args.rule, args.part, args.bbc, args.sample, args.seed)
    else:
        _counts()


if __name__ == "__main__":
    main()
