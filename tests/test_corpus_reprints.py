"""Reprints: every record kept, identical pairs reported, frequent passages still found,
`scan --check` and `retold report` (what each outlet changed)."""

from __future__ import annotations

import json
import sqlite3
import zlib
from array import array
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from test_corpus_fixtures import STORIES, sentences

from retold import Corpus, CorpusError
from retold.cli import main
from retold.corpus.candidates import needs_probe, probe_pairs
from retold.corpus.fingerprint import SCHEME, content_hash, fingerprint
from retold.corpus.outlets import summarize
from retold.text.article import Article


def wires(path: Path) -> Path:
    """Three outlets print the ferry story word for word; one abridges it; one is unrelated."""
    rows = [
        {
            "id": "wire-1",
            "text": STORIES["ferry"],
            "date": "2024-03-01T08:00:00Z",
            "publisher": "Wire",
        },
        {
            "id": "echo-7",
            "text": STORIES["ferry"],
            "date": "2024-03-01T10:00:00Z",
            "publisher": "Echo",
        },
        {
            "id": "post-3",
            "text": STORIES["ferry"],
            "date": "2024-03-01T09:00:00Z",
            "publisher": "Post",
        },
        {
            "id": "blog-1",
            "text": " ".join(sentences("ferry")[:4]) + " We think this is a disgrace.",
            "date": "2024-03-02",
            "publisher": "Blog <b>",
        },
        {"id": "orchard", "text": STORIES["orchard"], "date": "2024-03-01", "publisher": "Farm"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_identical_records_are_all_kept_with_their_metadata(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    result = CliRunner().invoke(main, ["index", str(db), str(wires(tmp_path / "w.jsonl"))])
    assert result.exit_code == 0, result.output
    assert "indexed 5 new articles (3 new texts, 0 already stored)" in result.output
    stats = json.loads(CliRunner().invoke(main, ["index", str(db), "--stats"]).output)
    assert stats["articles"] == 5 and stats["distinct_texts"] == 3
    assert stats["articles_sharing_a_text"] == 3 and stats["publishers"] == 5
    with Corpus(db) as corpus:
        assert all(i in corpus for i in ("wire-1", "echo-7", "post-3"))
        postings = corpus.stats()["postings"]
        assert postings == len(fingerprint(STORIES["ferry"]).grams) + sum(
            len(fingerprint(t).grams)
            for t in (
                STORIES["orchard"],
                " ".join(sentences("ferry")[:4]) + " We think this is a disgrace.",
            )
        )


def test_reindexing_the_same_records_changes_nothing(tmp_path: Path) -> None:
    db, path = tmp_path / "c.db", wires(tmp_path / "w.jsonl")
    CliRunner().invoke(main, ["index", str(db), str(path)])
    with Corpus(db) as corpus:
        before = corpus.stats()
    again = CliRunner().invoke(main, ["index", str(db), str(path)])
    assert "indexed 0 new articles (0 new texts, 5 already stored)" in again.output
    with Corpus(db) as corpus:
        after = corpus.stats()
    assert {k: v for k, v in before.items() if k != "file_bytes"} == {
        k: v for k, v in after.items() if k != "file_bytes"
    }


def test_same_id_with_another_text_is_reported_not_merged(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    CliRunner().invoke(main, ["index", str(db), str(wires(tmp_path / "w.jsonl"))])
    changed = tmp_path / "changed.jsonl"
    changed.write_text(
        json.dumps({"id": "echo-7", "text": STORIES["museum"]})
        + "\n"
        + json.dumps({"id": "new-1", "text": STORIES["bridge"]})
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["index", str(db), str(changed)])
    assert result.exit_code == 0, result.output
    assert "1 id already stored with another text, not indexed: echo-7" in result.output
    with Corpus(db) as corpus:
        assert len(corpus) == 6
        found = corpus.trace(STORIES["ferry"], top=5).candidates
        assert "echo-7" in {c.id for c in found}  # still the ferry story
        assert Article(STORIES["museum"]) not in corpus


def test_identical_reprints_are_pairs_and_one_cluster(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add_files([str(wires(tmp_path / "w.jsonl"))])
        records = list(corpus.scan(workers=1))
    pairs = {frozenset((r["a"], r["b"])): r for r in records if r["type"] == "pair"}
    same = pairs[frozenset(("wire-1", "echo-7"))]
    assert same["identical"] is True and same["share_a"] == same["share_b"] == 1.0
    assert same["a"] == "wire-1" and same["direction"] == "a->b"  # the earlier first
    assert pairs[frozenset(("post-3", "echo-7"))]["a"] == "post-3"
    for outlet in ("wire-1", "echo-7", "post-3"):
        blog = pairs[frozenset((outlet, "blog-1"))]
        assert blog["identical"] is False and blog["b"] == "blog-1" and blog["share_b"] > 0.7
    assert len(pairs) == 6
    (cluster,) = [r for r in records if r["type"] == "cluster"]
    assert cluster["original"] == "wire-1"
    assert set(cluster["members"]) == {"wire-1", "echo-7", "post-3", "blog-1"}


def _old_store(path: Path) -> None:
    """A corpus as schema 2 wrote it: one row per distinct text."""
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE articles (doc INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE,"
        " id TEXT NOT NULL, title TEXT NOT NULL DEFAULT '', date TEXT NOT NULL DEFAULT '',"
        " url TEXT NOT NULL DEFAULT '', publisher TEXT NOT NULL DEFAULT '',"
        " title_start INTEGER NOT NULL DEFAULT 0, title_end INTEGER NOT NULL DEFAULT 0,"
        " words INTEGER NOT NULL, grams INTEGER NOT NULL, body BLOB NOT NULL,"
        " fingerprint BLOB NOT NULL);"
        "CREATE INDEX articles_id ON articles (id);"
        "CREATE TABLE grams (gram INTEGER NOT NULL, doc INTEGER NOT NULL,"
        " PRIMARY KEY (gram, doc)) WITHOUT ROWID;"
    )
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("schema", "2"), ("merged", "0"), ("fingerprint", SCHEME)],
    )
    for doc, name in enumerate(("ferry", "orchard"), 1):
        fp = fingerprint(STORIES[name])
        conn.execute(
            "INSERT INTO articles (doc, hash, id, words, grams, body, fingerprint)"
            " VALUES (?,?,?,?,?,?,?)",
            (
                doc,
                content_hash(STORIES[name]),
                name,
                fp.words,
                len(fp.grams),
                zlib.compress(STORIES[name].encode()),
                array("q", fp.grams).tobytes(),
            ),
        )
    conn.commit()
    conn.close()


def test_a_schema_2_store_is_upgraded_and_the_dropped_records_come_back(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _old_store(db)
    with Corpus(db) as corpus:
        assert len(corpus) == 2 and "ferry" in corpus
        assert any("index the same inputs again" in note for note in corpus.store.notes)
        result = corpus.add(
            [Article(STORIES["ferry"], id="ferry"), Article(STORIES["ferry"], id="reprint")]
        )
        assert result.added == 1 and len(corpus) == 3
        assert corpus.trace(STORIES["orchard"] + " One more line.").candidates[0].id == "orchard"


def test_a_store_of_an_unknown_schema_is_refused_with_how_to_rebuild(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    with Corpus(db) as corpus:
        corpus.add(Article(STORIES["ferry"], id="ferry"))
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    with pytest.raises(CorpusError, match=r"rebuild it: `retold index NEW.db`"):
        Corpus(db)


def _variants(n: int) -> list[Article]:
    """n outlets print the bridge story, each with its own byline and closing line."""
    return [
        Article(
            f"By Reporter {i}\n\n"
            + STORIES["bridge"]
            + f" Outlet {i} adds that readers number {i * 37}.",
            id=f"outlet-{i}",
            date=f"2024-04-{1 + i:02d}",
        )
        for i in range(n)
    ]


def test_a_passage_more_texts_print_than_the_cap_still_makes_pairs(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add(_variants(8))
        corpus.add(Article(STORIES["museum"], id="museum"))
        pairs = [r for r in corpus.scan(workers=1, max_df=3) if r["type"] == "pair"]
    assert len(pairs) == 8 * 7 // 2  # every pair of the 8 outlets, nothing with the museum
    assert all(min(float(str(p["share_a"])), float(str(p["share_b"]))) > 0.8 for p in pairs)


def test_a_stock_sentence_in_ordinary_articles_makes_no_probe_and_no_pair(tmp_path: Path) -> None:
    stock = " Sign up for our newsletter to get the top stories every morning in your inbox."
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add([Article(STORIES[n] + stock, id=n) for n in STORIES])
        pairs = [r for r in corpus.scan(workers=1, max_df=2) if r["type"] == "pair"]
    assert pairs == []


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 200), st.integers(0, 200), st.floats(0.05, 0.95))
def test_a_text_that_is_not_probed_cannot_hide_a_strong_pair(
    size: int, frequent: int, share: float
) -> None:
    """Pigeonhole: an unprobed text shares min_shared rare n-grams with any text that
    holds `share` of it (and min_shared n-grams), so the self-join finds the pair."""
    frequent = min(frequent, size)
    if not needs_probe(size, frequent, share=share):
        rare = size - frequent
        # all its n-grams are rare, or the ones the other text lacks cannot hide two
        assert frequent == 0 or rare - (1 - share) * size >= 2


def test_probe_pairs_leave_rare_pairs_to_the_self_join_and_report_each_pair_once() -> None:
    # n-grams 1-3 are frequent (50 texts), 4 and 5 rare; texts 7 and 8 hold 1-5, 9 holds 1-3
    counts = {1: 50, 2: 50, 3: 50, 4: 2, 5: 2}
    frequent = [(g, d) for g in (1, 2, 3) for d in (7, 8, 9)]
    sizes = [0, 0, 0, 0, 0, 0, 0, 5, 5, 3]
    probed = [0, 0, 0, 0, 0, 0, 0, 1, 0, 1]
    of_7 = [*frequent, (4, 7), (4, 8), (5, 7), (5, 8)]
    # 8 shares two rare n-grams with 7 (the self-join's); 7 and 9 are both probed and
    # the lower number reports their pair
    assert probe_pairs(7, counts, of_7, sizes, probed, cap=10) == [(7, 9, 3)]
    assert probe_pairs(9, {1: 50, 2: 50, 3: 50}, frequent, sizes, probed, cap=10) == [(8, 9, 3)]


def test_scan_check_reports_what_each_pair_changed_and_report_summarises(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    CliRunner().invoke(main, ["index", str(db), str(wires(tmp_path / "w.jsonl"))])
    out = tmp_path / "pairs.jsonl"
    result = CliRunner().invoke(
        main, ["scan", str(db), "--check", "--workers", "2", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    pairs = [r for r in records if r["type"] == "pair"]
    assert all("check" in p and p["check"]["schema"] == "retold.report/1" for p in pairs)
    blog = next(p for p in pairs if p["b"] == "blog-1" and p["a"] == "wire-1")
    assert blog["check_source"] == "wire-1" and blog["check"]["derived"]["id"] == "blog-1"
    assert blog["check"]["derived"]["publisher"] == "Blog <b>"
    assert any(s["label"] == "new" for s in blog["check"]["sentences"])
    summary = tmp_path / "outlets.html"
    made = CliRunner().invoke(
        main, ["report", str(db), str(out), "--format", "html", "-o", str(summary)]
    )
    assert made.exit_code == 0, made.output
    page = summary.read_text()
    assert "Blog &lt;b&gt;" in page and "Blog <b>" not in page
    links = sorted((tmp_path / "outlets_pairs").glob("pair-*.html"))
    assert len(links) == len(pairs) and f"outlets_pairs/{links[0].name}" in page
    as_json = CliRunner().invoke(main, ["report", str(db), str(out), "--format", "json"])
    data = json.loads(as_json.output)
    blog_outlet = next(o for o in data["publishers"] if o["publisher"] == "Blog <b>")
    assert blog_outlet["reprints_taken"] == 3 and blog_outlet["sentences_added"] >= 1
    echo = next(o for o in data["publishers"] if o["publisher"] == "Echo")
    assert echo["identical_reprints"] == echo["reprints_taken"] >= 1


def test_interrupted_scan_check_resumes_to_the_same_output(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    CliRunner().invoke(main, ["index", str(db), str(wires(tmp_path / "w.jsonl"))])
    whole = tmp_path / "whole.jsonl"
    CliRunner().invoke(main, ["scan", str(db), "--check", "--workers", "1", "-o", str(whole)])
    out = tmp_path / "pairs.jsonl"
    lines = whole.read_text().splitlines(keepends=True)
    # what an interrupted run leaves: some whole records and a line cut short
    Path(str(out) + ".part").write_text("".join(lines[:3]) + lines[3][:40], encoding="utf-8")
    result = CliRunner().invoke(
        main, ["scan", str(db), "--check", "--workers", "1", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "3 reports reused" in result.output
    assert out.read_text() == whole.read_text()
    assert not Path(str(out) + ".part").exists()


def test_summary_counts_changes_by_kind_and_dropped_attribution() -> None:
    report = {
        "coverage": {"source": 0.5, "derived": 0.8},
        "verdict": "wholly-derived",
        "quotes": [{"status": "altered"}, {"status": "verified"}],
        "changes": [{"kind": "number"}, {"kind": "number"}, {"kind": "attribution-dropped"}],
        "sentences": [{"label": "new", "note": "commentary (you)"}, {"label": "verbatim"}],
    }
    records = [
        {"type": "pair", "a": "w", "b": "x", "check_source": "w", "check": report},
        {"type": "pair", "a": "w", "b": "y"},
        {"type": "cluster", "members": ["w", "x"]},
    ]
    summary = summarize(records, {"w": "Wire", "x": "Paper"})
    (paper,) = summary.outlets
    data = paper.to_dict()
    assert data["publisher"] == "Paper" and data["reprints_taken"] == 1
    assert data["facts_changed_by_kind"] == {"number": 2} and data["attribution_dropped"] == 1
    assert data["quotes_altered"] == 1 and data["added_commentary"] == 1
    assert summary.unchecked == 1
