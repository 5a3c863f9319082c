"""Indexing: readers, idempotence, interruption, bad records."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import unicodedata
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from test_corpus_fixtures import STORIES

from retold import Corpus, CorpusError
from retold.cli import main
from retold.corpus.fingerprint import WordHasher, content_hash, fingerprint, word_hash, words
from retold.corpus.index import index_items
from retold.corpus.readers import read_jsonl, read_warc
from retold.text.article import Article
from retold.text.tokens import tokenize


def write_dir(root: Path) -> Path:
    for name, text in STORIES.items():
        folder = root / ("news" if name in ("ferry", "bridge") else "features")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return root


def test_fingerprint_words_are_compare_tokens() -> None:
    text = STORIES["ferry"] + " Trump\u2019s U.S. deal cost $3,000 \u2014 \u201cso\u201d they said."
    assert words(text) == [t.norm for t in tokenize(text)]


def test_fingerprint_is_deterministic_and_sampled() -> None:
    a, b = fingerprint(STORIES["orchard"]), fingerprint(STORIES["orchard"])
    assert a == b
    n = len(words(STORIES["orchard"]))
    assert 0 < len(a.grams) < n - 4


def test_index_directory_ids_are_relative_paths(tmp_path: Path) -> None:
    root = write_dir(tmp_path / "crawl")
    with Corpus(tmp_path / "c.db") as corpus:
        result = corpus.add_files([str(root)])
        assert result.added == 4
        assert "news/ferry.txt" in corpus and "features/museum.txt" in corpus
        assert len(corpus) == 4


def test_indexing_twice_changes_nothing(tmp_path: Path) -> None:
    root = write_dir(tmp_path / "crawl")
    db = tmp_path / "c.db"
    with Corpus(db) as corpus:
        corpus.add_files([str(root)])
        before = corpus.stats()
        again = corpus.add_files([str(root)])
        assert again.added == 0 and again.duplicates == 4
        after = corpus.stats()
    assert before["articles"] == after["articles"] == 4
    assert before["postings"] == after["postings"]


def test_add_article_and_text(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add(Article(STORIES["bridge"], id="bridge-1", date="2024-03-01"))
        corpus.add([STORIES["museum"], STORIES["museum"]])
        assert len(corpus) == 2
        assert Article(STORIES["museum"]) in corpus
        assert "bridge-1" in corpus and "nothing" not in corpus


def test_jsonl_broken_line_is_skipped_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "wires.jsonl"
    lines = [
        json.dumps(
            {"id": "w1", "text": STORIES["ferry"], "date": "2024-01-02", "publisher": "Wire"}
        ),
        '{"id": "w2", "text": "unterminated',
        json.dumps({"id": "w3", "title": "no text"}),
        json.dumps({"id": "w4", "text": STORIES["bridge"]}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_jsonl(path, name="wires.jsonl"))
    skipped = [i.skipped for i in items if i.skipped]
    assert [s.location for s in skipped] == ["wires.jsonl:2", "wires.jsonl:3"]
    db = tmp_path / "c.db"
    result = CliRunner().invoke(main, ["index", str(db), str(path)])
    assert result.exit_code == 0, result.output
    assert "wires.jsonl:2" in result.output and "2 records skipped" in result.output
    with Corpus(db) as corpus:
        assert len(corpus) == 2 and "w1" in corpus and "w4" in corpus


def test_non_utf8_text_file_is_decoded_with_a_note(tmp_path: Path) -> None:
    root = tmp_path / "crawl"
    root.mkdir()
    (root / "latin.txt").write_bytes(
        (STORIES["orchard"] + " Prices rose to \u00a312 a crate, caf\u00e9 owners said.").encode(
            "cp1252"
        )
    )
    result = CliRunner().invoke(main, ["index", str(tmp_path / "c.db"), str(root)])
    assert result.exit_code == 0, result.output
    assert "note: latin.txt is not UTF-8" in result.output
    with Corpus(tmp_path / "c.db") as corpus:
        assert "latin.txt" in corpus


def test_empty_directory_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["index", str(tmp_path / "c.db"), str(tmp_path / "empty")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "holds no .txt" in result.output


def test_read_only_db_path_is_a_clear_error(tmp_path: Path) -> None:
    root = write_dir(tmp_path / "crawl")
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = CliRunner().invoke(main, ["index", str(blocker / "c.db"), str(root)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot write the corpus")
    assert len(result.output.strip().splitlines()) == 1


def test_read_only_database_file_loses_nothing(tmp_path: Path) -> None:
    root = write_dir(tmp_path / "crawl")
    db = tmp_path / "c.db"
    with Corpus(db) as corpus:
        corpus.add(Article(STORIES["ferry"], id="first"))
    # a read-only connection stands in for a read-only file (tests may run as root)
    corpus = Corpus.__new__(Corpus)
    from retold.corpus.store import Store

    store = Store.__new__(Store)
    store.path = str(db)
    store.conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
    corpus.store, corpus.path = store, str(db)
    with pytest.raises(CorpusError, match="cannot write the corpus"):
        corpus.add_files([str(root)])
    corpus.close()
    with Corpus(db) as again:
        assert len(again) == 1 and "first" in again


def test_not_a_corpus_file(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("hello, this is not SQLite" * 100)
    with pytest.raises(CorpusError, match="not a retold corpus"):
        Corpus(bad)


def test_interrupted_index_resumes_without_loss(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    articles = [
        Article(f"{STORIES[name]} Update number {i}.", id=f"{name}-{i}")
        for i in range(5)
        for name in STORIES
    ]

    def interrupted() -> Iterator[Article]:
        for n, article in enumerate(articles):
            if n == 7:
                raise KeyboardInterrupt
            yield article

    with Corpus(db) as corpus:
        with pytest.raises(KeyboardInterrupt):
            index_items(corpus.store, interrupted(), batch_size=3)
        assert len(corpus) == 6  # two whole batches; the third rolled back
        assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        result = index_items(corpus.store, iter(articles), batch_size=3)
        assert result.added == len(articles) - 6
        assert len(corpus) == len(articles)


def warc_bytes(records: list[tuple[str, str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=BytesIO(body.encode("utf-8")),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-05-06T07:08:09Z"},
        )
        writer.write_record(record)
    return out.getvalue()


def page(story: str) -> str:
    title, body = STORIES[story].split("\n\n", 1)
    paras = "".join(f"<p>{p}.</p>" for p in body.split(". "))
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | News | Sport</nav>"
        f"<article><h1>{title}</h1>{paras}</article><footer>Copyright</footer></body></html>"
    )


def test_warc_html_responses_with_url_and_crawl_date(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(
        warc_bytes(
            [
                ("https://example.org/ferry", "text/html; charset=utf-8", page("ferry")),
                ("https://example.org/logo.png", "image/png", "PNG"),
                ("https://example.org/bridge", "text/html", page("bridge")),
            ]
        )
    )
    articles = [i.article for i in read_warc(path, name="crawl.warc.gz") if i.article]
    assert [a.id for a in articles] == ["https://example.org/ferry", "https://example.org/bridge"]
    assert articles[0].date.startswith("2024-05-06")
    assert "Home | News" not in articles[0].text and "Corran Sound" in articles[0].text


def test_corrupt_warc_record_is_skipped_and_earlier_ones_kept(tmp_path: Path) -> None:
    good = warc_bytes([("https://example.org/ferry", "text/html", page("ferry"))])
    second = warc_bytes([("https://example.org/bridge", "text/html", page("bridge"))])
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(good + second[: len(second) // 2] + b"garbage" * 50)
    db = tmp_path / "c.db"
    result = CliRunner().invoke(main, ["index", str(db), str(path)])
    assert result.exit_code == 0, result.output
    assert "skipped crawl.warc.gz" in result.output and "1 record skipped" in result.output
    with Corpus(db) as corpus:
        assert "https://example.org/ferry" in corpus


def test_stats_and_missing_db(tmp_path: Path) -> None:
    root = write_dir(tmp_path / "crawl")
    db = tmp_path / "c.db"
    assert CliRunner().invoke(main, ["index", str(db), str(root)]).exit_code == 0
    result = CliRunner().invoke(main, ["index", str(db), "--stats"])
    stats = json.loads(result.output)
    assert stats["articles"] == 4 and stats["postings"] > 0 and stats["file_bytes"] > 0
    missing = CliRunner().invoke(main, ["index", str(tmp_path / "none.db"), "--stats"])
    assert missing.exit_code == 1 and "retold index DB PATH" in missing.output


def test_index_with_worker_processes(tmp_path: Path) -> None:
    root = write_dir(tmp_path / "crawl")
    result = CliRunner().invoke(
        main, ["index", str(tmp_path / "c.db"), str(root), "--workers", "2"]
    )
    assert result.exit_code == 0, result.output
    with Corpus(tmp_path / "c.db") as corpus:
        assert len(corpus) == 4


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZq09 .,'\u2019\u00a3\u2014-\n\u00e9\u0644\u00b2", max_size=80))
def test_fast_word_pattern_finds_the_same_words_as_tokenize(text: str) -> None:
    assert words(text) == [t.norm for t in tokenize(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZq09 .,'\u2019\u00a3\u2014-\n\u00e9\u00b2", max_size=80))
def test_word_hasher_hashes_the_words_tokenize_finds(text: str) -> None:
    # a small memo, so that it is also cleared and refilled along the way
    hasher = WordHasher(limit=4)
    expected = [word_hash(t.norm) for t in tokenize(text)]
    assert hasher.hashes(text) == expected
    assert hasher.hashes(text + " " + text) == expected + expected


def test_interrupted_run_leaves_postings_that_the_next_open_merges(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    articles = [Article(text, id=name) for name, text in STORIES.items()]

    def interrupted() -> Iterator[Article]:
        yield from articles[:2]
        raise KeyboardInterrupt

    with Corpus(db) as corpus, pytest.raises(KeyboardInterrupt):
        index_items(corpus.store, interrupted(), batch_size=1)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM grams").fetchone()[0] == 0  # not merged yet
    expected = conn.execute("SELECT sum(grams) FROM texts").fetchone()[0]
    with Corpus(db) as corpus:
        assert len(corpus) == 2
        found = corpus.trace(articles[0].text + " A new last line.").candidates
        assert found and found[0].id == articles[0].id
    assert conn.execute("SELECT count(*) FROM grams").fetchone()[0] == expected > 0
    with Corpus(db) as corpus:
        corpus.add(articles)  # the rest, merged at the end of the run
        assert (
            corpus.stats()["postings"] == conn.execute("SELECT sum(grams) FROM texts").fetchone()[0]
        )


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u2003e\u0301\u00e9", max_size=40))
def test_content_hash_collapses_whitespace_as_str_split_does(text: str) -> None:
    normal = unicodedata.normalize("NFC", text)
    expected = hashlib.sha1(" ".join(normal.split()).encode("utf-8")).hexdigest()
    assert content_hash(text) == expected
