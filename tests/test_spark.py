"""The Spark engine gives the local scan's records, on one Spark session for every test.

The session (local[2], started once: its start-up is paid once) needs pyspark and
Java 17+; when either is missing the tests fail and say what to install, never skip.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_corpus_index import page, warc_bytes

from retold.cli import main
from retold.corpus import Corpus
from retold.corpus.candidates import candidate_pairs, connected
from retold.corpus.fingerprint import SCHEME
from retold.errors import CorpusError

WIRE = """Harbour town opens new ferry pier after long delay

PORTLOCH (Test Wire) - The town of Portloch opened its new ferry pier on Friday, two years after work began and $3 million over budget.

"Every family on the islands deserves a safe crossing," Mayor Ida Varga said at the opening. "Today they finally have one."

The pier takes boats of up to 60 metres and has a waiting hall with 200 seats. It was designed by the engineer Sam Okoro.

Critics on the council said the project had been badly run. Councillor Ben Hale said the delays cost taxpayers dearly.

The ferry will sail four times a day from next month.
"""

REWRITE = """Portloch Finally Gets Its Pier

The town of Portloch opened its new ferry pier on Friday, two years after work began and $3 million over budget.

"Every family on the islands deserves a safe crossing," Mayor Ida Varga said at the opening.

The new pier takes boats of up to 60 metres, and there is a waiting hall with 200 seats.

Isn't it grand when the council actually delivers for islanders?
"""

UNRELATED = """Orchard harvest comes in early

Growers in the valley said the apple harvest began two weeks early this year after a warm spring.

Pickers were hired from neighbouring towns to bring in the crop before the first frost.

Cider makers welcomed the news after two poor seasons.
"""


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    from retold.spark.session import check_requirements, session

    try:
        check_requirements()
    except CorpusError as exc:
        pytest.fail(f"the Spark tests cannot run: {exc}")
    with session("local[2]", {"spark.sql.shuffle.partitions": "4"}) as active:
        yield active


def corpus_records() -> list[dict[str, str]]:
    """Three short stories, reprinted whole, word-for-word and with edits, some dated;
    a bad line, an id given twice with another text, a record given twice."""
    rng = random.Random(1)
    records = []
    for i in range(30):
        words = [WIRE, REWRITE, UNRELATED][i % 3].split(" ")
        if i % 4 == 1:
            words = [w if rng.random() > 0.05 else "changed" for w in words]
        record = {"id": f"r{i}", "text": " ".join(words), "publisher": f"outlet {i % 4}"}
        if i % 5:
            record["date"] = f"2024-01-{1 + i % 20:02d}"
        records.append(record)
    records.append({"id": "r3", "text": "Another text under an id already used."})
    records.append(dict(records[4]))
    return records


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    lines = [json.dumps(r) for r in records]
    lines[5:5] = ["", "{not json"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_output(path: Path) -> tuple[dict[tuple[str, str], Any], list[Any]]:
    pairs, clusters = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["type"] == "pair":
            pairs[(record["a"], record["b"])] = record
        else:
            clusters.append(record)
    return pairs, clusters


def local_output(tmp: Path, jsonl: Path, **options: Any) -> tuple[dict[Any, Any], list[Any]]:
    with Corpus(tmp / "local.db") as corpus:
        corpus.add_files([str(jsonl)])
        records = list(corpus.scan(workers=1, **options))
    pairs = {(r["a"], r["b"]): r for r in records if r["type"] == "pair"}
    return pairs, [r for r in records if r["type"] == "cluster"]


# ---------------------------------------------------------------- end to end


def test_spark_scan_gives_the_local_scan_records_with_checks_and_probes(
    spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cap of 2 texts makes the stories' shared n-grams frequent: their texts are
    probed, their passages common; --check adds compare's report to every pair. Every
    probe's posting lists are salted and every pair of carriers split over tasks, as a
    story reprinted thousands of times would be. A rerun that finds its late stages
    lost resumes from the others and writes the same file."""
    from retold.spark import Options, align, candidates, run

    monkeypatch.setattr(candidates, "SALT_DF", 1)
    monkeypatch.setattr(align, "PAIRS_PER_TASK", 1)

    jsonl = write_jsonl(tmp_path / "news.jsonl", corpus_records())
    out, work = tmp_path / "spark.jsonl", tmp_path / "work"
    options = Options((str(jsonl),), max_df=2, check=True, output=str(out), work=str(work))
    summary = run(options, spark=spark, log=print)
    local_pairs, local_clusters = local_output(tmp_path, jsonl, max_df=2, check=True)
    pairs, clusters = read_output(out)
    assert len(local_pairs) > 100 and any(r["identical"] for r in pairs.values())
    assert pairs == local_pairs
    assert clusters == local_clusters
    assert (summary.pairs, summary.clusters) == (len(pairs), len(clusters))
    assert summary.conflicts == ["r3"] and summary.repeats == 1
    assert [s.location for s in summary.skipped] == ["news.jsonl:7"]

    expected = out.read_text()
    for stage in ("clusters", "components", "pairs"):
        subprocess.run(["rm", "-r", str(work / stage)], check=True)
    again = run(options, spark=spark, log=print)
    assert again.reused == [
        "parsed",
        "refused",
        "texts",
        "articles",
        "postings",
        "common",
        "candidates",
    ]
    assert out.read_text() == expected

    # the same records as directories of parts (the stages are all read back)
    lines = expected.splitlines()
    run(replace(options, output=str(tmp_path / "parts"), output_format="jsonl-dir"), spark=spark)
    parts = sorted((tmp_path / "parts").glob("part-*"))
    assert [line for p in parts for line in p.read_text().splitlines()] == lines
    run(replace(options, output=str(tmp_path / "pq"), output_format="parquet"), spark=spark)
    table = spark.read.parquet(str(tmp_path / "pq")).collect()
    assert sorted(r["record"] for r in table) == sorted(lines)
    assert {(r["type"], r["a"]) for r in table} >= {("pair", p[0]) for p in pairs}


def test_cli_spark_scan_gives_the_local_records(spark: Any, tmp_path: Path) -> None:
    jsonl = write_jsonl(tmp_path / "news.jsonl", corpus_records()[:9])
    out = tmp_path / "pairs.jsonl"
    args = ["scan", "--engine", "spark", str(jsonl), "-o", str(out), "--master", "local[2]"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert read_output(out) == local_output(tmp_path, jsonl)
    assert "read 9 articles (5 distinct texts, 0 repeated records)" in result.output
    assert not (tmp_path / "pairs.jsonl.work").exists()  # the default work dir goes when done


def test_work_directory_of_another_job_is_refused(spark: Any, tmp_path: Path) -> None:
    from retold.spark.job import Job, Options

    work = str(tmp_path / "work")
    first, second = (
        write_jsonl(tmp_path / n, corpus_records()[:2]) for n in ("a.jsonl", "b.jsonl")
    )
    Job(spark, Options((str(first),)), work, print).claim()
    with pytest.raises(CorpusError, match="another scan"):
        Job(spark, Options((str(second),)), work, print).claim()


def test_missing_or_unreadable_inputs_are_one_error_line(spark: Any, tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text("A story.\n")
    for given, message in (
        (tmp_path / "nothing.jsonl", "does not exist"),
        (tmp_path / "pages", "index them first"),
    ):
        out = tmp_path / "out.jsonl"
        result = CliRunner().invoke(main, ["scan", "--engine", "spark", str(given), "-o", str(out)])
        assert result.exit_code == 1 and f"Error: {given}" in result.output, result.output
        assert message in result.output and not (tmp_path / "out.jsonl.work").exists()


# ---------------------------------------------------------------- the steps, unit by unit


def test_spark_self_join_equals_the_local_candidate_pairs(spark: Any) -> None:
    from retold.spark.candidates import self_join

    rng = random.Random(5)
    groups = [rng.sample(range(60), rng.randint(1, 9)) for _ in range(400)]
    rows = [(gram, text, len(docs)) for gram, docs in enumerate(groups) for text in docs]
    posting = spark.createDataFrame(rows, "gram long, text long, df long")
    for cap, min_shared in ((8, 2), (5, 3)):
        found = self_join(posting, cap, min_shared).collect()
        rare = [docs for docs in groups if 2 <= len(docs) <= cap]
        assert sorted(tuple(r) for r in found) == candidate_pairs(rare, min_shared=min_shared)


def test_spark_components_equal_the_local_union_find(spark: Any, tmp_path: Path) -> None:
    from retold.spark.components import components

    rng = random.Random(9)
    edges = [(rng.randrange(200), rng.randrange(200)) for _ in range(120)]
    edges += [(i, i + 1) for i in range(400, 416)]  # a chain: several rounds

    def checkpoint(frame: Any, round_: int) -> Any:
        path = str(tmp_path / f"round-{round_}")
        frame.write.mode("overwrite").parquet(path)
        return spark.read.parquet(path)

    frame = spark.createDataFrame(edges, "src long, dst long")
    labels = components(frame, checkpoint).collect()
    grouped: dict[int, list[int]] = {}
    for member, component in labels:
        grouped.setdefault(component, []).append(member)
    found = sorted(sorted(m) for m in grouped.values())
    expected = sorted(g for g in connected((a, b) for a, b in edges if a != b))
    assert found == expected
    assert all(component == min(grouped[component]) for component in grouped)


def parsed(spark: Any, *paths: Path) -> list[dict[str, Any]]:
    from retold.spark.files import Files
    from retold.spark.inputs import find_sources, read_sources

    sources = find_sources(Files(spark), [str(p) for p in paths])
    frame = read_sources(spark, sources, str(paths[0].parent / "scratch"))
    return [r.asDict() for r in frame.orderBy("order").collect()]


def test_parquet_rows_read_as_json_lines_records(spark: Any, tmp_path: Path) -> None:
    import pandas as pd

    records = [
        {"id": "a1", "text": WIRE, "date": "2024-02-03", "publisher": "Wire"},
        {"id": None, "text": REWRITE, "date": None, "publisher": None},
        {"id": "a3", "text": None, "date": None, "publisher": None},
    ]
    pd.DataFrame(records).to_parquet(tmp_path / "news.parquet")
    rows = parsed(spark, tmp_path / "news.parquet")
    assert [r["id"] for r in rows] == ["a1", "news.parquet:2", None]
    assert rows[0]["title"] == "Harbour town opens new ferry pier after long delay"
    assert rows[0]["date"] == "2024-02-03" and rows[0]["publisher"] == "Wire"
    assert rows[2]["location"] == "news.parquet:3" and "text" in rows[2]["reason"]


def test_warc_records_read_by_the_index_reader(spark: Any, tmp_path: Path) -> None:
    from retold.corpus.readers import read_warc

    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(
        warc_bytes(
            [
                ("https://example.org/ferry", "text/html", page("ferry")),
                ("https://example.org/logo.png", "image/png", "PNG"),
                ("https://example.org/bridge", "text/html", page("bridge")),
            ]
        )
    )
    rows = parsed(spark, path)
    local = [i.article for i in read_warc(path, name=path.name) if i.article]
    assert [(r["id"], r["text"], r["date"]) for r in rows] == [
        (a.id, a.text, a.date) for a in local
    ]


def test_a_retold_corpus_is_read_as_stored(spark: Any, tmp_path: Path) -> None:
    jsonl = write_jsonl(tmp_path / "news.jsonl", corpus_records()[:6])
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add_files([str(jsonl)])
    from_db = parsed(spark, tmp_path / "c.db")
    from_jsonl = [r for r in parsed(spark, jsonl) if r["reason"] is None]
    keys = ("id", "text", "title", "date", "publisher", "title_start", "title_end", "hash")
    assert [[r[k] for k in keys] for r in from_db] == [[r[k] for k in keys] for r in from_jsonl]


# ---------------------------------------------------------------- errors, without Spark


def test_workers_hashing_unlike_the_driver_stop_the_job() -> None:
    import pandas as pd

    from retold.spark.texts import fingerprint_rows

    batch = pd.DataFrame({"text": [1], "hash": ["h"], "body": [WIRE]})
    assert len(next(fingerprint_rows(iter([batch]), SCHEME))) == 1
    with pytest.raises(CorpusError, match="driver's Python version"):
        next(fingerprint_rows(iter([batch]), "w5-s8-blake2b-tuplehash-py3.10"))


def test_a_failed_spark_job_is_one_line_that_says_how_to_resume() -> None:
    from retold.spark.job import _failure

    PythonException = type("PythonException", (Exception,), {"__module__": "pyspark.errors"})
    trace = "Traceback ...\nretold.errors.CorpusError: the disk is full (free some)\n  at ..."
    failure = _failure(PythonException(trace), "/w", kept=True)
    assert failure is not None and str(failure).startswith("the Spark job failed: the disk")
    assert "kept in /w" in str(failure)
    assert _failure(ValueError("a bug"), "/w", kept=True) is None


def test_missing_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-java"))
    result = CliRunner().invoke(main, ["scan", "--engine", "spark", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 1
    assert "Error: the spark engine needs Java 17+" in result.output
    assert "openjdk-17-jre-headless" in result.output


def test_old_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    java = tmp_path / "jdk" / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text("#!/bin/sh\necho 'openjdk version \"1.8.0_402\"' >&2\n")
    java.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jdk"))
    result = CliRunner().invoke(main, ["scan", "--engine", "spark", "x.jsonl"])
    assert result.exit_code == 1 and "found Java 8" in result.output


def test_missing_pyspark_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    result = CliRunner().invoke(main, ["scan", "--engine", "spark", "x.jsonl"])
    assert result.exit_code == 1
    assert "needs pyspark" in result.output and "pip install 'retold[spark]'" in result.output


def test_pyspark_is_imported_only_for_the_spark_engine(tmp_path: Path) -> None:
    jsonl = write_jsonl(tmp_path / "news.jsonl", corpus_records()[:4])
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add_files([str(jsonl)])
    code = (
        "import sys; from click.testing import CliRunner; from retold.cli import main;"
        f" r = CliRunner().invoke(main, ['scan', {str(tmp_path / 'c.db')!r}]);"
        " assert r.exit_code == 0, r.output; assert 'pyspark' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.db", "b.db"], "the local engine scans one corpus"),
        (["a.db", "--master", "local[2]"], "--master only with --engine spark"),
        (["--engine", "spark", "a.jsonl", "--workers", "2"], "--workers is for the local"),
    ],
)
def test_scan_usage_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["scan", *args])
    assert result.exit_code == 2 and message in result.output
