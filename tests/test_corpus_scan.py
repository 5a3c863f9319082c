"""Scan: candidate self-join, per-pair shares, JSON Lines pairs and reprint clusters."""

from __future__ import annotations

import json
import random
import tempfile
from contextlib import ExitStack
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from test_corpus_fixtures import STORIES, sentences

from retold import Corpus
from retold.cli import main
from retold.corpus.candidates import partitions, spill, split, unspill
from retold.corpus.pairs import Record, align_pair
from retold.corpus.scan import candidate_pairs, clusters, scan, stored_clusters
from retold.errors import CorpusError
from retold.text.article import Article


def build(tmp_path: Path) -> Corpus:
    corpus = Corpus(tmp_path / "c.db")
    corpus.add(
        [
            Article(STORIES["ferry"], id="wire", date="2024-03-01T08:00:00Z", publisher="Wire"),
            Article(
                "By Staff\n\n" + STORIES["ferry"] + " Share this story.",
                id="paper-a",
                date="2024-03-01T12:00:00Z",
            ),
            Article(" ".join(sentences("ferry")[:4]), id="paper-b", date="2024-03-02"),
            Article(STORIES["orchard"], id="orchard", date="2024-03-01"),
            Article(STORIES["museum"], id="museum"),
            Article(" ".join(sentences("museum")[2:]) + " " + STORIES["bridge"], id="roundup"),
        ]
    )
    return corpus


def test_candidate_pairs_is_a_pure_self_join() -> None:
    groups = [[3, 1], [1, 3], [1, 2], [2, 3, 1]]
    assert candidate_pairs(groups, min_shared=2) == [(1, 2, 2), (1, 3, 3)]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(st.integers(1, 30), min_size=2, max_size=6, unique=True), max_size=25),
    st.integers(1, 5),
)
def test_partitions_of_the_self_join_give_every_pair_once(
    groups: list[list[int]], parts: int
) -> None:
    whole = candidate_pairs(groups, min_shared=1)
    split = [
        p
        for part in range(parts)
        for p in candidate_pairs(groups, min_shared=1, part=part, parts=parts)
    ]
    assert sorted(split) == whole


def test_spilled_inverted_lists_read_back_in_order() -> None:
    groups = [[1, 2], [3, 4, 5], *([[6, 7]] * 25_000)]
    with tempfile.TemporaryFile() as handle:
        assert spill(iter(groups), handle) == 1 + 3 + 25_000
        assert list(unspill(handle)) == groups
        assert list(unspill(handle)) == groups  # each partition reads it again
    assert partitions(10, per_partition=3) == 4 and partitions(0) == 1
    assert partitions(10**9, per_partition=1) == 256  # files open at once are capped


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(st.integers(1, 30), min_size=2, max_size=6, unique=True), max_size=25),
    st.integers(1, 5),
)
def test_split_files_give_each_partition_its_pairs(groups: list[list[int]], parts: int) -> None:
    with ExitStack() as files:
        handles = [files.enter_context(tempfile.TemporaryFile()) for _ in range(parts)]
        split(iter(groups), handles)
        found = [
            pair
            for part, handle in enumerate(handles)
            for pair in candidate_pairs(unspill(handle), min_shared=1, part=part, parts=parts)
        ]
    assert sorted(found) == candidate_pairs(groups, min_shared=1)


def test_align_pair_shares_both_ways_and_direction() -> None:
    long = Record(1, "long", STORIES["orchard"], date="2024-01-02")
    short = Record(2, "short", " ".join(sentences("orchard")[:2]), date="2024-01-01")
    result = align_pair(long, short)
    assert result.a.id == "short" and result.direction == "a->b"
    assert result.share_a > 0.9 and 0.2 < result.share_b < 0.6
    span = result.passages[0]
    assert short.text[span.a_start : span.a_end] in long.text


def test_undated_pair_has_no_direction() -> None:
    a = Record(1, "a", STORIES["bridge"])
    b = Record(2, "b", STORIES["bridge"] + " Extra closing line for the record.")
    assert align_pair(a, b).direction is None


def test_clusters_pick_the_earliest_then_longest() -> None:
    info = {
        1: ("x", "2024-01-02", 100),
        2: ("y", "2024-01-01", 50),
        3: ("z", "", 500),
        4: ("w", "", 10),
        5: ("v", "", 20),
    }
    found = clusters([(1, 2), (2, 3), (4, 5)], info)
    assert found[0].members[0] == "y" and found[0].original == "y"
    assert set(found[0].members) == {"x", "y", "z"}
    assert found[1].original == "v"


def test_stored_clusters_match_the_in_memory_ones() -> None:
    """Batched metadata and SQLite's ordering give the clusters `clusters` gives."""
    rng = random.Random(5)
    info = {
        d: (
            f"id{rng.randrange(10**6):06d}",
            f"2024-01-{rng.randrange(1, 29):02d}" if rng.random() < 0.7 else "",
            rng.randrange(50, 900),
        )
        for d in range(1, 400)
    }
    edges = [(rng.randrange(1, 400), rng.randrange(1, 400)) for _ in range(300)]
    asked: list[int] = []

    def lookup(docs: list[int]) -> dict[int, tuple[str, str, int]]:
        asked.append(len(docs))
        return {d: info[d] for d in docs}

    assert list(stored_clusters(edges, lookup, batch_size=7)) == clusters(edges, info)
    assert len(asked) > 1 and max(asked) < len(info)


def test_scan_finds_reprints_and_partial_reuse(tmp_path: Path) -> None:
    with build(tmp_path) as corpus:
        records = list(corpus.scan(workers=1))
    pairs = {(r["a"], r["b"]): r for r in records if r["type"] == "pair"}
    assert ("wire", "paper-a") in pairs and pairs[("wire", "paper-a")]["direction"] == "a->b"
    assert ("wire", "paper-b") in pairs
    assert pairs[("wire", "paper-b")]["share_b"] > 0.9 > pairs[("wire", "paper-b")]["share_a"]
    assert any({"museum", "roundup"} == {a, b} for a, b in pairs)
    assert not any("orchard" in key for key in pairs)
    found = [r for r in records if r["type"] == "cluster"]
    wire = next(c for c in found if "wire" in c["members"])
    assert wire["original"] == "wire" and set(wire["members"]) == {"wire", "paper-a", "paper-b"}
    assert records[-1]["type"] == "cluster"  # clusters come after the pairs


def test_partitioned_scan_reports_the_same_pairs_and_clusters(tmp_path: Path) -> None:
    with build(tmp_path) as corpus:
        whole = list(corpus.scan(workers=1))
        split = list(scan(corpus.store, workers=2, partition_votes=1))  # a vote a partition

    def key(record: dict[str, object]) -> str:
        return json.dumps(record, sort_keys=True)

    assert sorted(map(key, split)) == sorted(map(key, whole))
    assert [r for r in split if r["type"] == "cluster"] == [
        r for r in whole if r["type"] == "cluster"
    ]
    assert len(whole) > 4


def test_scan_cli_writes_json_lines(tmp_path: Path) -> None:
    build(tmp_path).close()
    out = tmp_path / "pairs.jsonl"
    result = CliRunner().invoke(
        main,
        ["scan", str(tmp_path / "c.db"), "-o", str(out), "--min-share", "0.5", "--workers", "2"],
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert {line["type"] for line in lines} == {"pair", "cluster"}
    pair = next(line for line in lines if line["type"] == "pair")
    assert set(pair) >= {"a", "b", "share_a", "share_b", "direction", "passages"}


def test_spark_engine_is_not_a_scan_of_an_open_corpus(tmp_path: Path) -> None:
    with build(tmp_path) as corpus, pytest.raises(CorpusError, match=r"retold\.spark"):
        list(corpus.scan(engine="spark"))
