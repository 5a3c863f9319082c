"""Check the planted-distortion items: keys, span bounds, word boundaries, and print spans.

    .venv/bin/python benchmarks/planted/check.py [--quiet]

Exits 1 when an item is malformed. Every planted span is printed as
`kind  d: 'derived text'  <-  s: 'source text'` so a reader can see each change at a glance.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
KINDS = (
    "number",
    "money",
    "date",
    "entity",
    "quote",
    "speaker",
    "certainty",
    "attribution",
    "precision",
    "quantifier",
    "agent",
    "negation",
    "hedge",
    "role_swap",
    "invented_quote",
)
KEYS = {"id", "source", "distorted", "faithful", "planted", "notes"}


def _span_problems(text: str, span: Any, label: str) -> list[str]:
    if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)):
        return [f"{label}: span must be [start, end], got {span!r}"]
    start, end = span
    if not 0 <= start < end <= len(text):
        return [f"{label}: span {span} outside the text (length {len(text)})"]
    problems = []
    piece = text[start:end]
    if piece != piece.strip():
        problems.append(f"{label}: span {piece!r} has surrounding whitespace")
    if start > 0 and text[start - 1].isalnum() and piece[0].isalnum():
        problems.append(f"{label}: span {piece!r} starts inside a word")
    if end < len(text) and text[end].isalnum() and piece[-1].isalnum():
        problems.append(f"{label}: span {piece!r} ends inside a word")
    return problems


def check_item(path: Path, *, quiet: bool) -> list[str]:
    item = json.loads(path.read_text(encoding="utf-8"))
    problems: list[str] = []
    if set(item) != KEYS:
        problems.append(f"keys {sorted(item)} != {sorted(KEYS)}")
    if item.get("id") != path.stem:
        problems.append(f"id {item.get('id')!r} does not match the file name")
    for name in ("source", "distorted", "faithful"):
        text = item.get(name, "")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{name} is empty")
        elif any(not p or p != p.strip() for p in text.split("\n\n")):
            problems.append(f"{name}: empty paragraph or stray whitespace around a paragraph")
    body = item["source"].split("\n\n", 1)[-1]
    if not 250 <= len(body.split()) <= 450:
        problems.append(f"source body has {len(body.split())} words (want 250-450)")
    planted = item.get("planted", [])
    if not 2 <= len(planted) <= 4:
        problems.append(f"{len(planted)} planted distortions (want 2-4)")
    spans = []
    for n, p in enumerate(planted):
        label = f"planted[{n}] {p.get('kind')}"
        if p.get("kind") not in KINDS:
            problems.append(f"{label}: unknown kind")
        if set(p) != {"kind", "d", "s", "why"}:
            problems.append(f"{label}: keys {sorted(p)}")
        problems += _span_problems(item["distorted"], p.get("d"), label + " d")
        if p.get("s") is None:
            if p.get("kind") != "invented_quote":
                problems.append(f"{label}: only an invented quote may have no source span")
        else:
            problems += _span_problems(item["source"], p["s"], label + " s")
        if problems:
            continue
        d_text = item["distorted"][p["d"][0] : p["d"][1]]
        s_text = item["source"][p["s"][0] : p["s"][1]] if p["s"] else None
        if s_text is not None and d_text == s_text:
            problems.append(f"{label}: derived and source spans are the same text {d_text!r}")
        if s_text is None and d_text in item["source"]:
            problems.append(f"{label}: the 'invented' quotation occurs in the source")
        spans.append(tuple(p["d"]))
        if not quiet:
            print(f"  {p['kind']:<15} d: {d_text!r}  <-  s: {s_text!r}")
    spans.sort()
    if any(a[1] > b[0] for a, b in itertools.pairwise(spans)):
        problems.append("planted spans overlap each other")
    return problems


def main(argv: list[str]) -> int:
    quiet = "--quiet" in argv
    paths = sorted(HERE.glob("[0-9][0-9]_*.json"))
    kinds: Counter[str] = Counter()
    failed = 0
    for path in paths:
        if not quiet:
            print(path.name)
        problems = check_item(path, quiet=quiet)
        kinds.update(p["kind"] for p in json.loads(path.read_text(encoding="utf-8"))["planted"])
        for problem in problems:
            print(f"{path.name}: {problem}")
        failed += bool(problems)
    missing = [k for k in KINDS if kinds[k] < 2]
    print(f"{len(paths)} items, {sum(kinds.values())} planted distortions")
    print(", ".join(f"{k} {kinds[k]}" for k in KINDS))
    if missing:
        print(f"kinds planted fewer than twice: {', '.join(missing)}")
    return 1 if failed or missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
