"""Spark engine benchmark: the same records as the local scan, and what Spark costs.

    .venv/bin/pip install -e '.[spark,bench]'
    .venv/bin/python -m benchmarks.spark --helsinki            # wire reprints: equality
    .venv/bin/python -m benchmarks.spark --n 10000 --n 100000  # generated: equality, rates
    .venv/bin/python -m benchmarks.spark --startup             # session start-up, tiny job

For each corpus: `retold index` + `retold scan` (the local engine, 2 workers), then
`scan --engine spark` on the JSON Lines file on `local[1]` and `local[2]` (one Spark
session each, its start-up timed apart from the job). The two outputs are compared as
sets: the same pairs (a, b), the same shares (to 1e-6), directions, identical flags and
passages, and the same clusters (members in order, original). Work files go to
/tmp/retold-spark-bench (`$RETOLD_SPARK_DIR`); the Helsinki text is written only there.
Results are appended to that directory's results.jsonl and printed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

WORK = Path(os.environ.get("RETOLD_SPARK_DIR", "/tmp/retold-spark-bench"))
TOLERANCE = 1e-6


def load_records(path: Path) -> tuple[dict[tuple[str, str], dict[str, Any]], list[Any]]:
    """Pair records by (a, b) and cluster records, from a scan's JSON Lines."""
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    clusters = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["type"] == "pair":
                pairs[(record["a"], record["b"])] = record
            else:
                clusters.append(record)
    return pairs, clusters


def compare_outputs(local: Path, spark: Path) -> dict[str, Any]:
    """Set equality of pairs and clusters; shares within TOLERANCE; the rest exactly."""
    lp, lc = load_records(local)
    sp, sc = load_records(spark)
    common = lp.keys() & sp.keys()
    shares = sum(
        abs(lp[k]["share_a"] - sp[k]["share_a"]) > TOLERANCE
        or abs(lp[k]["share_b"] - sp[k]["share_b"]) > TOLERANCE
        for k in common
    )
    rest = sum(
        {f: v for f, v in lp[k].items() if not f.startswith("share")}
        != {f: v for f, v in sp[k].items() if not f.startswith("share")}
        for k in common
    )
    key = lambda c: (c["original"], tuple(c["members"]))  # noqa: E731
    return {
        "pairs_local": len(lp),
        "pairs_spark": len(sp),
        "pairs_only_local": len(lp.keys() - sp.keys()),
        "pairs_only_spark": len(sp.keys() - lp.keys()),
        "shares_differ": shares,
        "other_fields_differ": rest,
        "clusters_local": len(lc),
        "clusters_spark": len(sc),
        "clusters_same": sorted(map(key, lc)) == sorted(map(key, sc)),
        "cluster_order_same": [key(c) for c in lc] == [key(c) for c in sc],
        "identical": len(lp) == len(sp) == len(common)
        and not shares
        and not rest
        and sorted(map(key, lc)) == sorted(map(key, sc)),
    }


def run_cli(args: list[str]) -> float:
    """Run `retold ...` in a child process; its wall time."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).parent / "retold"), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"retold {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


def tree_cpu() -> float:
    """CPU seconds of this process and all its descendants (the JVM, its Python workers),
    living or reaped by a parent that is still alive."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    used: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        used[pid] = sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    me = os.getpid()

    def mine(pid: int) -> bool:
        while pid > 1:
            if pid == me:
                return True
            pid = parents.get(pid, 1)
        return False

    return sum(ticks for pid, ticks in used.items() if mine(pid)) / tick


def local_scan(jsonl: Path, name: str, workers: int = 2) -> dict[str, Any]:
    db, out = WORK / f"{name}.db", WORK / f"{name}.local.jsonl"
    result: dict[str, Any] = {}
    if not db.exists():
        cpu = tree_cpu()
        result["index_s"] = run_cli(["index", str(db), str(jsonl), "--workers", str(workers)])
        result["index_cpu_s"] = tree_cpu() - cpu
    cpu = tree_cpu()
    result["local_scan_s"] = run_cli(["scan", str(db), "-o", str(out), "--workers", str(workers)])
    result["local_scan_cpu_s"] = tree_cpu() - cpu
    result["local_workers"] = workers
    return result


def spark_scan(jsonl: Path, name: str, master: str, max_df: int | None = None) -> dict[str, Any]:
    """The Spark job in this process: session start-up and job timed apart, per stage."""
    from retold.spark import Options, run
    from retold.spark.session import session

    out = WORK / f"{name}.spark-{master.removeprefix('local[').removesuffix(']')}.jsonl"
    work = WORK / f"{name}.work"
    subprocess.run(["rm", "-rf", str(work)], check=True)
    stages: list[tuple[str, float]] = []
    started = time.perf_counter()
    with session(master) as spark:
        up = time.perf_counter()
        options = Options((str(jsonl),), output=str(out), work=str(work))
        if max_df is not None:
            options = replace(options, max_df=max_df)
        cpu = tree_cpu()
        summary = run(options, spark=spark, log=lambda s: stages.append((s, time.perf_counter())))
        ended = time.perf_counter()
        job_cpu = tree_cpu() - cpu
    marks = [*stages, ("end", ended)]
    per_stage = {
        marks[i][0].removeprefix("spark: "): round(marks[i + 1][1] - marks[i][1], 1)
        for i in range(len(marks) - 1)
    }
    return {
        "master": master,
        "startup_s": up - started,
        "job_s": ended - up,
        "job_cpu_s": job_cpu,
        "stages_s": per_stage,
        "pairs": summary.pairs,
        "clusters": summary.clusters,
        "output": str(out),
    }


def helsinki(max_df: int | None = None) -> dict[str, Any]:
    """The Helsinki reprints; with `max_df` (e.g. 10) both engines run with that cap,
    so that many texts are probed (the local scan then runs in this process)."""
    from benchmarks.reprints import load

    WORK.mkdir(parents=True, exist_ok=True)
    jsonl = WORK / "helsinki.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in load()), encoding="utf-8")
    for stale in WORK.glob("helsinki.db*"):
        stale.unlink()
    name = "helsinki" if max_df is None else f"helsinki-cap{max_df}"
    result: dict[str, Any] = {"corpus": name, **local_scan(jsonl, "helsinki")}
    local = WORK / "helsinki.local.jsonl"
    if max_df is not None:
        from retold import Corpus

        local = WORK / f"{name}.local.jsonl"
        started = time.perf_counter()
        with Corpus(WORK / "helsinki.db", create=False) as corpus, local.open("w") as out:
            for record in corpus.scan(max_df=max_df, workers=2):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        result["local_scan_s"] = time.perf_counter() - started
    result["spark"] = spark_scan(jsonl, name, "local[2]", max_df=max_df)
    result["equality"] = compare_outputs(local, Path(result["spark"]["output"]))
    return result


def generated(n: int, masters: list[str]) -> dict[str, Any]:
    from benchmarks.scale import generate

    WORK.mkdir(parents=True, exist_ok=True)
    name = f"gen-{n}"
    jsonl = WORK / f"{name}.jsonl"
    if not jsonl.exists():
        generate(n, jsonl)
    result: dict[str, Any] = {"corpus": name, "n": n}
    if not (WORK / f"{name}.local.jsonl").exists() or os.environ.get("RETOLD_SPARK_LOCAL"):
        result.update(local_scan(jsonl, name))
    for master in masters:
        spark = spark_scan(jsonl, name, master)
        spark["equality"] = compare_outputs(WORK / f"{name}.local.jsonl", Path(spark["output"]))
        spark["articles_per_s"] = n / spark["job_s"]
        result[master] = spark
        _save(result)
    return result


def startup() -> dict[str, Any]:
    """Session start-up, then the job on 3 articles (the fixed cost of a run)."""
    WORK.mkdir(parents=True, exist_ok=True)
    jsonl = WORK / "tiny.jsonl"
    texts = ["one two three four five six seven eight nine ten eleven twelve"] * 2 + ["other"]
    jsonl.write_text(
        "".join(json.dumps({"id": f"t{i}", "text": t}) + "\n" for i, t in enumerate(texts))
    )
    return {"corpus": "tiny", **spark_scan(jsonl, "tiny", "local[2]")}


def _save(result: dict[str, Any]) -> None:
    with (WORK / "results.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(
            json.dumps({"at": time.strftime("%F %T"), "load": os.getloadavg(), **result}) + "\n"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--helsinki", action="store_true")
    parser.add_argument("--helsinki-cap", type=int, help="also Helsinki with this df cap")
    parser.add_argument("--n", type=int, action="append", default=[])
    parser.add_argument("--master", action="append", help="default: local[1] and local[2]")
    parser.add_argument("--startup", action="store_true")
    args = parser.parse_args()
    results = []
    if args.startup:
        results.append(startup())
    if args.helsinki:
        results.append(helsinki())
    if args.helsinki_cap:
        results.append(helsinki(args.helsinki_cap))
    for n in args.n:
        results.append(generated(n, args.master or ["local[1]", "local[2]"]))
    for result in results:
        _save(result)
        print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
