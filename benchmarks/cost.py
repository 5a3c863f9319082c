"""Cost of `retold.compare` as articles grow: time and peak memory, and growth per doubling.

Derived articles of 100 KB, 500 KB, 1 MB, 2 MB and 4.9 MB (the largest under the 5 MB limit) (UTF-8 bytes) are made from
BBC articles (`../shared/data/bbc/articles`; generated sentences when that is absent):
consecutive articles joined until the size is reached (the source), and a rewrite of
it as `benchmarks/speed.py` makes one (about one sentence in six dropped, common words
reworded, paragraphs moved, a paragraph from another article added), trimmed to the
size. Then the pathological inputs: a page of quotation marks (100 KB and 1 MB of
lines of `"`), and 300,000 numbers (one line of them).

Each case runs in a fresh process (`python -m benchmarks.cost --one …`): wall time of
the compare; the time of its steps, each run again on its own (analysis, alignment,
the quote and speaker step with its caches emptied, the report's other steps: facts,
coverage, omissions); tracemalloc's peak during a third, traced compare (tracing slows
Python code several times, so it is not timed); and the process's maximum resident
set size (ru_maxrss) at the end. A case over the time limit keeps what it had printed.
Growth per doubling is (t2 / t1) ** (1 / log2(s2 / s1)) between consecutive sizes:
2.0 is linear, 4.0 quadratic; the target is at most 2.3.

    .venv/bin/python -m benchmarks.cost [--sizes 100,500,1000,2000,5000] [--no-append]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any

from benchmarks.common import ROOT, commit_id, data_root, have_data, read_text, table
from retold.text.load import MAX_BYTES

RESULTS = ROOT / "benchmarks" / "COST.md"
SIZES_KB = (100, 500, 1000, 2000, 4900)  # 4.9 MB: within the 5 MB per-article limit
TARGET_GROWTH = 2.3
SEED = 11
TIMEOUT_S = 1800
_GENERATED_WORDS = (
    "council minister said the plan would cost million pounds on Tuesday and officials "
    "warned that schools hospitals roads could face delays while critics argued"
).split()


def _bbc_paragraphs() -> list[list[str]]:
    root = data_root() / "bbc" / "articles"
    articles = []
    for path in sorted(root.glob("*/*.txt")):
        paragraphs = [p.strip() for p in read_text(path).split("\n\n") if p.strip()]
        if len(paragraphs) > 2:
            articles.append(paragraphs[1:])
    return articles


def _generated_paragraphs(count: int, rng: random.Random) -> list[list[str]]:
    """Stand-in articles when the BBC text is absent: sentences of news words, some
    with a quotation and a named speaker."""
    articles = []
    for a in range(count):
        paragraphs = []
        for p in range(6):
            words = [rng.choice(_GENERATED_WORDS) for _ in range(rng.randint(12, 30))]
            sentence = " ".join(words).capitalize() + "."
            if p % 2:
                sentence += f' "{" ".join(words[:8]).capitalize()}," said Alex Person{a}.'
            paragraphs.append(sentence)
        articles.append(paragraphs)
    return articles


def make_pair(size_kb: int, seed: int = SEED) -> tuple[str, str]:
    """(source, derived) with a derived article of `size_kb` KB (1 KB = 1,000 bytes)."""
    from benchmarks.speed import _rewrite

    rng = random.Random(seed)
    bbc = have_data("bbc", "articles")
    articles = _bbc_paragraphs() if bbc else _generated_paragraphs(2000, rng)
    target = size_kb * 1000
    source: list[str] = []
    derived: list[str] = []
    size = 0
    i = 0
    while size < target:
        article = articles[i % len(articles)]
        extra = articles[(i * 7 + 13) % len(articles)]
        i += 1
        source.extend(article)
        rewritten = _rewrite(article, extra, rng)
        derived.extend(rewritten)
        size += sum(len(p.encode()) + 2 for p in rewritten)
    derived_text = "Derived\n\n" + "\n\n".join(derived)
    derived_text = derived_text.encode()[:target].decode(errors="ignore")
    # the source may run longer than the rewrite: keep it within the per-article limit
    source_text = ("Source\n\n" + "\n\n".join(source)).encode()[: MAX_BYTES - 16]
    return source_text.decode(errors="ignore"), derived_text


def pathological(name: str) -> tuple[str, str]:
    """The inputs that used to explode: a page of quotation marks, 300k numbers."""
    if name.startswith("quote-marks-"):
        size = int(name.rsplit("-", 1)[1].rstrip("kb")) * 1000
        text = ('"' * 79 + "\n") * (size // 80)
        return text, text
    if name == "numbers-300k":
        text = " ".join(str(i) for i in range(300_000))
        return text, text
    raise ValueError(name)


def _max_rss_mb() -> float:
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def run_one(case: str) -> dict[str, Any]:
    """Measure one case in this process (called in a fresh one by `measure_case`): the
    whole compare, then its steps again, each timed on its own (analysis, alignment, the
    quote and speaker step with its caches emptied, the report's other steps), then the
    peak under tracemalloc; each figure printed as soon as it is known."""
    import retold
    from retold.collector import fewer_collections

    source, derived = make_pair(int(case)) if case.isdigit() else pathological(case)
    result: dict[str, Any] = {
        "case": case,
        "source_bytes": len(source.encode()),
        "derived_bytes": len(derived.encode()),
    }
    start = time.perf_counter()
    retold.compare(source, derived)
    result["seconds"] = round(time.perf_counter() - start, 2)
    result["max_rss_mb"] = round(_max_rss_mb(), 1)
    print(json.dumps(result), flush=True)
    steps: dict[str, float] = {}
    with fewer_collections():  # as compare runs them
        _time_steps(source, derived, steps)
    result["steps"] = {k: round(v, 2) for k, v in steps.items()}
    print(json.dumps(result), flush=True)
    # peak memory last, from a third compare traced by tracemalloc (slower: not timed)
    tracemalloc.start()
    retold.compare(source + "  ", derived + "  ")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result["peak_mb"] = round(peak / 1e6, 1)
    result["max_rss_mb"] = round(_max_rss_mb(), 1)
    return result


def _time_steps(source: str, derived: str, steps: dict[str, float]) -> None:
    """Each step of a compare timed on its own (the article texts changed by a space, so
    the articles are analysed anew; sentences already seen come from their cache)."""
    from retold.align.sentences import align
    from retold.build import build_report
    from retold.checks.quote_extract import extract_quotes
    from retold.checks.quote_match import source_index
    from retold.checks.quotes import check_quotes
    from retold.text.document import analyze
    from retold.text.load import article_from_text

    start = time.perf_counter()
    src = analyze(article_from_text(source + " ", id="s2"))
    der = analyze(article_from_text(derived + " ", id="d2"))
    steps["analyze"] = time.perf_counter() - start
    start = time.perf_counter()
    alignment = align(src, der)
    steps["align"] = time.perf_counter() - start
    extract_quotes.cache_clear()
    source_index.cache_clear()
    start = time.perf_counter()
    check_quotes(alignment)
    steps["quotes"] = time.perf_counter() - start
    start = time.perf_counter()
    build_report(alignment)  # the quotes again (cached now) and every other step
    steps["report"] = time.perf_counter() - start


def measure_case(case: str, timeout: float = TIMEOUT_S) -> dict[str, Any]:
    """Run `case` in a fresh process; on a timeout keep what it had printed."""
    cmd = [sys.executable, "-m", "benchmarks.cost", "--one", case]
    try:
        out = subprocess.run(
            cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=True
        )
        lines = out.stdout
    except subprocess.TimeoutExpired as exc:
        lines = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        printed = [json.loads(x) for x in lines.splitlines() if x.startswith("{")]
        if printed:
            return {**printed[-1], "note": f"steps over {timeout:.0f} s"}
        return {"case": case, "error": f"over {timeout:.0f} s"}
    except subprocess.CalledProcessError as exc:
        return {"case": case, "error": (exc.stderr or "").strip().splitlines()[-1:]}
    result: dict[str, Any] = json.loads(lines.strip().splitlines()[-1])
    return result


def growth(rows: list[dict[str, Any]], key: str = "seconds") -> list[float | None]:
    """Time growth per doubling of size from each row to the next (None for the first):
    of the whole compare, or of one step (`key` "quotes", "align", …)."""

    def seconds(row: dict[str, Any]) -> float | None:
        value = row.get(key) if key == "seconds" else row.get("steps", {}).get(key)
        return float(value) if value else None

    factors: list[float | None] = [None]
    for a, b in pairwise(rows):
        ta, tb = seconds(a), seconds(b)
        if ta is None or tb is None or "derived_bytes" not in a or "derived_bytes" not in b:
            factors.append(None)
            continue
        doublings = math.log2(b["derived_bytes"] / a["derived_bytes"])
        factors.append(round((tb / ta) ** (1 / doublings), 2))
    return factors


STEPS = ("analyze", "align", "quotes", "report")


def render(sized: list[dict[str, Any]], patho: list[dict[str, Any]]) -> str:
    def cells(r: dict[str, Any]) -> list[object]:
        if "seconds" not in r:
            return [r.get("error", "?"), "", ""]
        return [r["seconds"], r.get("peak_mb", "(over time)"), r["max_rss_mb"]]

    def step(r: dict[str, Any], name: str) -> object:
        return r.get("steps", {}).get(name, r.get("note", ""))

    def shown(g: float | None) -> object:
        return g if g is not None else ""

    total, quotes = growth(sized), growth(sized, "quotes")
    rows = [
        [f"{int(r['case']):,} KB", *cells(r), shown(g), *[step(r, n) for n in STEPS], shown(q)]
        for r, g, q in zip(sized, total, quotes, strict=True)
    ]
    lines = [
        table(
            [
                "derived size",
                "seconds",
                "peak MB (tracemalloc)",
                "max RSS MB",
                "growth / doubling",
                *[f"{n} s" for n in STEPS],
                "quotes growth",
            ],
            rows,
        ),
        "",
        table(
            ["pathological input", "seconds", "peak MB (tracemalloc)", "max RSS MB", "quotes s"],
            [[r["case"], *cells(r), step(r, "quotes")] for r in patho],
        ),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES_KB)), help="KB, comma-separated")
    parser.add_argument("--no-pathological", action="store_true")
    parser.add_argument("--no-append", action="store_true")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    sized = [measure_case(s, args.timeout) for s in args.sizes.split(",")]
    patho = []
    if not args.no_pathological:
        for case in ("quote-marks-100kb", "quote-marks-1000kb", "numbers-300k"):
            patho.append(measure_case(case, args.timeout))
    text = render(sized, patho)
    print(text)
    if not args.no_append:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        source = "BBC articles" if have_data("bbc", "articles") else "generated text"
        section = f"\n## {stamp} — commit {commit_id()}, {source}\n\n{text}\n"
        if not RESULTS.exists():
            RESULTS.write_text(
                "# Cost of compare as articles grow\n\nProduced by `.venv/bin/python -m "
                "benchmarks.cost` (each run appends a section; see its docstring for how "
                "the articles are made and measured). Target: at most "
                f"{TARGET_GROWTH}x time per doubling of size.\n",
                encoding="utf-8",
            )
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(section)


if __name__ == "__main__":
    main()
