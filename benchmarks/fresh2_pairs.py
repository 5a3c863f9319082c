"""Build `gold/fresh2_pairs.tsv`: real reuse pairs of `../shared/data/wire-reprints/`
that no earlier slice used (the `fresh2` slice of `silver_audit.py`).

`silver_pairs.tsv` already holds every pair of a set whose word 5-gram containment
(shared 5-grams / the smaller text's 5-grams) is at least 0.3, and the `seen` and `fresh`
slices use all of them up to 0.9 whose articles are in no gold pair. So unseen pairs can
only come from below 0.3. This slice takes pairs with containment from 0.1 to 0.3 that
are not in `silver_pairs.tsv` (either orientation), whose articles are in no gold pair,
from different publishers, both texts at least 80 words, sharing a verbatim run of at
least 20 words (so a shared caption or name string is not enough), at most 3 pairs per
article; greedily in order of containment (high first, then set and ids), the first 250.
The longer text (in words) is the source, as in `silver_audit.py`. Only ids are stored.

    .venv/bin/python -m benchmarks.fresh2_pairs    # rewrites gold/fresh2_pairs.tsv
"""

from __future__ import annotations

import csv
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from benchmarks import real_pairs, wire
from benchmarks.common import ROOT, data_root
from benchmarks.reprints import _WORD

PATH = ROOT / "benchmarks" / "gold" / "fresh2_pairs.tsv"
LOW, HIGH = 0.1, 0.3
MIN_WORDS, MIN_RUN, PER_ARTICLE, PAIRS = 80, 20, 3, 250


def _words(key: str) -> list[str]:
    name, _, ident = key.partition(":")
    return [w.lower() for w in _WORD.findall(wire.rows(name)[ident]["text"])]


def _grams(words: list[str]) -> list[str]:
    return [" ".join(words[i : i + 5]) for i in range(len(words) - 4)]


def _runs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """(start, words) of every maximal verbatim run of a found in b (by 5-grams)."""
    other = set(_grams(b))
    out = []
    start = -1
    for i, gram in enumerate([*_grams(a), None]):
        if gram is not None and gram in other:
            start = i if start < 0 else start
        elif start >= 0:
            out.append((start, i - start + 4))
            start = -1
    return out


def shared_grams(
    words: dict[str, list[str]],
) -> tuple[dict[str, set[str]], Counter[tuple[str, str]]]:
    """Each text's 5-grams, and how many each pair of texts shares, counted through a
    gram -> texts index rather than a scan of all pairs."""
    grams = {k: set(_grams(w)) for k, w in words.items()}
    index: defaultdict[str, list[str]] = defaultdict(list)
    for k, found in grams.items():
        for gram in found:
            index[gram].append(k)
    shared: Counter[tuple[str, str]] = Counter()
    for found_in in index.values():
        shared.update(itertools.combinations(found_in, 2))
    return grams, shared


def _longest_run(a: list[str], b: list[str]) -> int:
    """Words in the longest verbatim run of a found in b (by 5-grams)."""
    return max((n for _, n in _runs(a, b)), default=0)


def _old_pairs() -> tuple[set[frozenset[str]], set[str]]:
    silver = set()
    with (data_root() / "wire-reprints" / "silver_pairs.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            silver.add(frozenset((f"{row['set']}:{row['id_a']}", f"{row['set']}:{row['id_b']}")))
    gold = {
        r[k] for s in ("tune", "held") for r in real_pairs.load(s) for k in ("source", "derived")
    }
    return silver, gold


def build(
    low: float = LOW,
    high: float = HIGH,
    exclude: frozenset[str] = frozenset(),
    limit: int = PAIRS,
    min_run: int = MIN_RUN,
    by_run: bool = False,
    furniture: Callable[[str], bool] | None = None,
    skip: frozenset[frozenset[str]] = frozenset(),
) -> list[tuple[str, str, float, int]]:
    """The pairs (source, derived, containment, longest shared run), greedily; `exclude`
    names articles no pair may hold (besides gold ones). The defaults build fresh2;
    `fresh3_pairs.py` passes other bounds. `fresh4_pairs.py` also orders by the shared
    run (`by_run`, longest first), reads no run that `furniture` (given the run's words
    joined by spaces) calls page furniture, and leaves out the pairs of `skip`."""
    silver, gold = _old_pairs()
    gold = gold | exclude
    candidates = []
    for name in wire.SETS:
        keys = [f"{name}:{ident}" for ident in wire.rows(name)]
        words = {k: _words(k) for k in keys}
        grams, shared = shared_grams(words)
        for (a, b), n in shared.items():
            containment = n / max(1, min(len(grams[a]), len(grams[b])))
            publisher = {k: wire.rows(name)[k.partition(":")[2]]["publisher"] for k in (a, b)}
            if not low <= containment < high or publisher[a] == publisher[b]:
                continue
            if frozenset((a, b)) in silver or a in gold or b in gold:
                continue
            if min(len(words[a]), len(words[b])) < MIN_WORDS:
                continue
            if frozenset((a, b)) in skip:
                continue
            long, short = (a, b) if len(words[a]) >= len(words[b]) else (b, a)
            runs = [
                n
                for i, n in _runs(words[short], words[long])
                if not (furniture and furniture(" ".join(words[short][i : i + n])))
            ]
            run = max(runs, default=0)
            if run >= min_run:
                candidates.append((long, short, round(containment, 3), run))

    def order(c: tuple[str, str, float, int]) -> tuple[int, float, list[tuple[str, int]]]:
        ids = sorted((k.partition(":")[0], int(k.partition(":")[2])) for k in c[:2])
        return (-c[3] if by_run else 0, -c[2], ids)

    used: Counter[str] = Counter()
    out = []
    for source, derived, containment, run in sorted(candidates, key=order):
        if used[source] >= PER_ARTICLE or used[derived] >= PER_ARTICLE:
            continue
        used[source] += 1
        used[derived] += 1
        out.append((source, derived, containment, run))
        if len(out) == limit:
            break
    return out


def write(rows: list[tuple[str, str, float, int]], path: Path, run: bool = False) -> None:
    """The pair file: source, derived, containment and with `run` the shared run (ids only)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["source", "derived", "containment", *(["shared_run"] if run else [])])
        writer.writerows(r if run else r[:3] for r in rows)
    print(f"{len(rows)} pairs -> {path.relative_to(ROOT)}")


def main() -> None:
    write(build(), PATH)


if __name__ == "__main__":
    main()
