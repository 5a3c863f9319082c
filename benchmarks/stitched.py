"""Stitched rewrites: one article made of two or three BBC articles, checked against all.

A content farm's post built from several wire stories: the first paragraphs of two or
three articles of one BBC category, interleaved, with one number (or year) changed in a
sentence taken from each. `retold.compare([s1, s2, s3], derived)` should label every
sentence from the article it comes from and find every planted change, naming the
right source. Groups are consecutive articles of a category (fixed seed); the texts are
read from `../shared/data/bbc/articles` and never stored.

    .venv/bin/python -m benchmarks.stitched [--groups 40]
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from pathlib import Path

import retold
from benchmarks.common import data_root, read_text, table

SEED = 5
PARAGRAPHS = 3  # taken from each source
NUMBER = re.compile(r"(?<![\w.,£$€-])(\d{2,3})(?![\w%]|[.,]\d)")
YEAR = re.compile(r"(?<![\w.,])((?:19[5-9]|20[0-2])\d)(?![\w%]|[.,]\d)")


@dataclass(frozen=True)
class Stitched:
    sources: tuple[str, ...]
    derived: str
    origin: tuple[tuple[int, int, int], ...]  # (start, end, source) of each paragraph
    planted: tuple[tuple[int, int, int], ...]  # (start, end, source) of each changed value


def _paragraphs(path: Path) -> list[str]:
    parts = [p.strip() for p in read_text(path).split("\n\n") if p.strip()]
    return parts[1:]  # the title line left out


def _plant(paragraph: str, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
    """The paragraph with one number (else year) changed, and the new value's span."""
    for pattern, step in ((NUMBER, (3, 7, 11)), (YEAR, (1, 2, 3))):
        found = [m for m in pattern.finditer(paragraph) if '"' not in paragraph[: m.start()][-60:]]
        if found:
            m = rng.choice(found)
            new = str(int(m.group(1)) + rng.choice(step))
            text = paragraph[: m.start()] + new + paragraph[m.end() :]
            return text, (m.start(), m.start() + len(new))
    return None


def make(group: list[Path], rng: random.Random) -> Stitched | None:
    articles = [_paragraphs(p) for p in group]
    if any(len(a) < PARAGRAPHS for a in articles):
        return None
    pieces: list[tuple[str, int, tuple[int, int] | None]] = []
    planted_in = {k: rng.randrange(PARAGRAPHS) for k in range(len(group))}
    for n in range(PARAGRAPHS):
        for k, paragraphs in enumerate(articles):
            text, span = paragraphs[n], None
            if planted_in[k] == n:
                done = _plant(text, rng)
                if done is not None:
                    text, span = done
            pieces.append((text, k, span))
    derived = "Digest\n\n"
    origin, planted = [], []
    for text, k, span in pieces:
        start = len(derived)
        derived += text + "\n\n"
        origin.append((start, start + len(text), k))
        if span is not None:
            planted.append((start + span[0], start + span[1], k))
    sources = tuple(read_text(p) for p in group)
    return Stitched(sources, derived, tuple(origin), tuple(planted))


def _groups(count: int, rng: random.Random) -> list[list[Path]]:
    root = data_root() / "bbc" / "articles"
    categories = sorted(p for p in root.iterdir() if p.is_dir())
    groups = []
    for n in range(count):
        files = sorted(rng.choice(categories).glob("*.txt"))
        size = 2 if n % 2 else 3
        first = rng.randrange(len(files) - size)
        groups.append(files[first : first + size])
    return groups


def evaluate(count: int = 40) -> dict[str, float]:
    rng = random.Random(SEED)
    sentences = right = new = 0
    planted = found = right_source = 0
    pairs = 0
    for group in _groups(count, rng):
        item = make(group, rng)
        if item is None:
            continue
        pairs += 1
        report = retold.compare(list(item.sources), item.derived)
        for s in report.sentences:
            if s.label == "boilerplate":
                continue
            owner = next((k for a, b, k in item.origin if a <= s.start < b), None)
            if owner is None:
                continue
            sentences += 1
            new += s.label == "new"
            right += s.label != "new" and s.source == owner
        for a, b, k in item.planted:
            planted += 1
            hits = [c for c in report.changes if c.derived_start < b and a < c.derived_end]
            found += bool(hits)
            right_source += any(c.source == k for c in hits)
    return {
        "pairs": pairs,
        "sentences": sentences,
        "labelled_from_their_source": round(right / sentences, 4),
        "labelled_new": new,
        "planted": planted,
        "planted_found": round(found / planted, 4),
        "found_against_the_right_source": round(right_source / planted, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--groups", type=int, default=40)
    result = evaluate(parser.parse_args().groups)
    print(table(["figure", "value"], [[k, v] for k, v in result.items()]))


if __name__ == "__main__":
    main()
