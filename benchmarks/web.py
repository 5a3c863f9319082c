"""Web app responsiveness under a large compare (issue 13).

A real server (`retold serve --port 0`, a subprocess) gets one compare of two large
articles (1 MB + 1 MB by default) while another client asks for `GET /` every 100 ms;
prints how long the compare took and GET /'s latency while it ran (median, p95, max).
Before the worker pool, the compare ran on the event loop and every GET waited for it.

The articles are generated here (sentences made from word lists written for this
script), the rewrite copying, rewording and changing a share of them.

    python -m benchmarks.web [--mb 1.0]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import threading
import time
from typing import Any

import httpx

PEOPLE = ["Ana Ruiz", "Tom Hale", "Mira Osei", "Paul Brenner", "Lena Vogt", "Sam Adeyemi"]
ROLES = ["the mayor", "a councilor", "the harbour master", "the school board", "the governor"]
NOUNS = ["homes", "bridges", "schools", "buses", "trees", "nurses", "classrooms", "wells"]
VERBS = ["build", "repair", "close", "fund", "inspect", "replace", "open", "move"]
PLACES = ["the harbour district", "North Vale", "the old port", "Riverside", "the east bank"]
ORGS = ["the council", "the water board", "the transport office", "the county", "the trust"]
HEDGES = ["about", "up to", "nearly", "at least"]
MODALS = ["might", "could", "would", "will"]
SWAPS = {"build": "construct", "repair": "fix", "close": "shut", "homes": "houses"}


def _sentence(rng: random.Random) -> str:
    number = f"{rng.randint(2, 900) * 10:,}"
    year = rng.randint(2024, 2034)
    kind = rng.randrange(4)
    if kind == 0:
        return (
            f"{rng.choice(ORGS).capitalize()} {rng.choice(MODALS)} {rng.choice(VERBS)} "
            f"{rng.choice(HEDGES)} {number} {rng.choice(NOUNS)} in {rng.choice(PLACES)} "
            f"by {year}."
        )
    if kind == 1:
        return (
            f'"We will {rng.choice(VERBS)} {number} {rng.choice(NOUNS)} before {year}," '
            f"said {rng.choice(PEOPLE)}, {rng.choice(ROLES)}."
        )
    if kind == 2:
        return (
            f"{rng.choice(PEOPLE)} said {rng.choice(ORGS)} had spent ${number} to "
            f"{rng.choice(VERBS)} {rng.choice(NOUNS)} in {rng.choice(PLACES)}."
        )
    return (
        f"In {rng.choice(PLACES)}, {rng.choice(ROLES)} warned that {number} "
        f"{rng.choice(NOUNS)} {rng.choice(MODALS)} not be ready by {year}."
    )


def make_article(size: int, seed: int) -> list[str]:
    """Sentences adding up to about `size` bytes, five a paragraph."""
    rng = random.Random(seed)
    sentences: list[str] = []
    total = 0
    while total < size:
        sentences.append(_sentence(rng))
        total += len(sentences[-1]) + 1
    return sentences


def rewrite(sentences: list[str], seed: int) -> list[str]:
    """Most sentences copied, some reworded or with a number changed, some dropped, some new."""
    rng = random.Random(seed)
    out = []
    for sentence in sentences:
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.3:
            sentence = " ".join(SWAPS.get(w, w) for w in sentence.split())
        elif roll < 0.4:
            sentence = sentence.replace("0", "5", 1)
        out.append(sentence)
        if rng.random() < 0.05:
            out.append(_sentence(rng))
    return out


def as_text(title: str, sentences: list[str]) -> str:
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def make_pair(size: int, seed: int = 13) -> tuple[str, str]:
    source = make_article(size, seed)
    return as_text("Council plans", source), as_text(
        "What the council plans", rewrite(source, seed)
    )


def probe(url: str, stop: threading.Event, latencies: list[tuple[float, float]]) -> None:
    """GET / every 100 ms until `stop`: (when it started, how long it took)."""
    with httpx.Client(timeout=600) as http:
        while not stop.is_set():
            started = time.perf_counter()
            http.get(url).raise_for_status()
            latencies.append((started, time.perf_counter() - started))
            stop.wait(0.1)


def measure_on(url: str, size: int) -> dict[str, Any]:
    """One large compare against the server at `url`, with GET / probed meanwhile."""
    source, derived = make_pair(size)
    body = {"source": {"text": source}, "derived": {"text": derived}}
    latencies: list[tuple[float, float]] = []
    stop = threading.Event()
    prober = threading.Thread(target=probe, args=(url, stop, latencies))
    started = time.perf_counter()
    prober.start()
    try:
        with httpx.Client(timeout=600) as http:
            response = http.post(url + "api/compare", json=body)
    finally:
        stop.set()
        prober.join()
    ordered = sorted(took for _, took in latencies)
    slowest = max(latencies, key=lambda item: item[1]) if latencies else (started, 0.0)
    return {
        "article_bytes": [len(source.encode()), len(derived.encode())],
        "report_bytes": len(response.content),
        "compare_status": response.status_code,
        "compare_seconds": round(time.perf_counter() - started, 2),
        "slowest_get_at_seconds": round(slowest[0] - started, 2),
        "gets": len(latencies),
        "get_median_ms": round(1000 * statistics.median(ordered), 1) if ordered else None,
        "get_p95_ms": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 1) if ordered else None,
        "get_max_ms": round(1000 * ordered[-1], 1) if ordered else None,
    }


def warm_up(url: str) -> None:
    """Wait until the server has started and each worker has run a small compare."""
    body = {"source": {"text": "A short text."}, "derived": {"text": "A short text, again."}}
    with httpx.Client(timeout=120) as http:
        http.get(url).raise_for_status()
        for _ in range(4):
            http.post(url + "api/compare", json=body).raise_for_status()


def measure(size: int) -> dict[str, Any]:
    """Start `retold serve --port 0`, read its URL from the start-up line, measure, stop."""
    server = subprocess.Popen(
        [sys.executable, "-m", "retold.cli", "serve", "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        url = line.split("serving on ", 1)[1].split()[0]
        warm_up(url)
        return measure_on(url, size)
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of each article in MB")
    parser.add_argument("--url", help="measure a server already running there (e.g. an older one)")
    args = parser.parse_args()
    size = int(args.mb * 1_000_000)
    result = measure_on(args.url.rstrip("/") + "/", size) if args.url else measure(size)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
