"""Files and stores: no hang on a pipe, no write into a damaged corpus, reading without
write access, writers that wait for each other, interrupts, and true sizes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_corpus_fixtures import STORIES

from retold import Corpus, CorpusError
from retold.cli import main
from retold.corpus import dbfile
from retold.corpus.index import index_items
from retold.errors import InputError
from retold.text.article import Article
from retold.text.load import load_article


def _corpus(db: Path, copies: int = 40) -> None:
    with Corpus(db) as corpus:
        corpus.add(
            [
                Article(f"{text} Update {n}.", id=f"{name}-{n}")
                for n in range(copies)
                for name, text in STORIES.items()
            ]
        )


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "retold.cli", *args], capture_output=True, text=True, timeout=120
    )


# ---------------------------------------------------------------- inputs


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    source = tmp_path / "source.txt"
    source.write_text(STORIES["ferry"])
    result = _run("compare", str(source), str(fifo))
    assert result.returncode == 1
    assert "is not a regular file" in result.stderr and "Traceback" not in result.stderr
    result = _run("index", str(tmp_path / "c.db"), str(fifo))
    assert result.returncode == 1 and "not a regular file or directory" in result.stderr


def test_the_size_refusal_gives_the_real_size(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1_200_024 + b"end")
    with pytest.raises(InputError, match="6,000,123 bytes"):
        load_article(str(big))
    result = CliRunner().invoke(main, ["compare", str(big), str(big)])
    assert (
        result.exit_code == 1 and "6,000,123 bytes, over the 5,000,000-byte limit" in result.output
    )


def test_oversized_standard_input_names_no_wrong_size() -> None:
    result = CliRunner().invoke(main, ["compare", "-", "x.txt"], input="word " * 1_100_000)
    assert (
        result.exit_code == 1 and "standard input is over the 5,000,000-byte limit" in result.output
    )
    assert "5,000,001" not in result.output


def test_an_empty_directory_leaves_no_database_file(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    db = tmp_path / "c.db"
    result = CliRunner().invoke(main, ["index", str(db), str(tmp_path / "empty")])
    assert result.exit_code == 1 and "holds no .txt" in result.output
    assert not db.exists() and not Path(f"{db}-wal").exists()


def test_index_with_paths_and_stats_still_writes(tmp_path: Path) -> None:
    lines = tmp_path / "a.jsonl"
    lines.write_text(json.dumps({"id": "f", "text": STORIES["ferry"]}) + "\n")
    result = CliRunner().invoke(main, ["index", str(tmp_path / "c.db"), str(lines), "--stats"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"] == 1


# ---------------------------------------------------------------- damaged files


def _damage_page(db: Path, page_number: int) -> bytes:
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    start = page * (page_number - 1)
    data[start : start + page] = bytes([0xA5]) * page
    db.write_bytes(bytes(data))
    return bytes(data)


def test_a_damaged_corpus_is_refused_before_index_writes(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    _corpus(db)
    damaged = _damage_page(db, 3)
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"id": "new", "text": STORIES["bridge"] + " New."}) + "\n")
    result = CliRunner().invoke(main, ["index", str(db), str(more)])
    assert result.exit_code == 1
    assert "is damaged" in result.output and "nothing was written" in result.output
    assert db.read_bytes() == damaged and not Path(f"{db}-wal").exists()


@pytest.mark.parametrize("page", [2, 3, 5])
def test_reading_a_damaged_corpus_is_one_clear_error(tmp_path: Path, page: int) -> None:
    db = tmp_path / "c.db"
    _corpus(db)
    _damage_page(db, page)
    article = tmp_path / "a.txt"
    article.write_text(STORIES["ferry"] + " Something new.")
    for args in (
        ["scan", str(db)],
        ["index", str(db), "--stats"],
        ["trace", str(db), str(article)],
    ):
        result = CliRunner().invoke(main, args)
        assert "internal error" not in result.output, (args, result.output)
        if result.exit_code:
            assert result.output.startswith("Error: ") and "damaged" in result.output


def test_damaged_text_in_a_record_is_one_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    _corpus(db, copies=3)
    data = db.read_bytes()
    db.write_bytes(data.replace(b"ferry-1", b"\xff\xfe\xfd\xfc\xfb\xfa\xf9"))
    article = tmp_path / "a.txt"
    article.write_text(STORIES["ferry"] + " Update 1. Something new.")
    for args in (["scan", str(db)], ["trace", str(db), str(article)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        assert "internal error" not in result.output and "damaged" in result.output


def test_a_damaged_header_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    _corpus(db, copies=1)
    data = bytearray(db.read_bytes())
    data[16:18] = b"\x03\x00"  # a page size that is no power of two
    db.write_bytes(bytes(data))
    with pytest.raises(CorpusError, match="not a whole SQLite file"):
        Corpus(db)
    db.write_bytes(bytes(data[:-100]))  # cut inside a page
    with pytest.raises(CorpusError, match="not a retold corpus or is damaged"):
        Corpus(db, create=False)


# ---------------------------------------------------------------- read-only


@contextmanager
def read_only(directory: Path) -> Iterator[None]:
    """The directory read-only for this process (as root: while running as nobody)."""
    directory.chmod(0o555)
    root = os.geteuid() == 0
    try:
        if root:
            os.seteuid(65534)
        yield
    finally:
        if root:
            os.seteuid(0)
        directory.chmod(0o755)


def test_a_corpus_in_a_read_only_directory_can_be_traced_and_scanned() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        folder.chmod(0o755)
        db = folder / "c.db"
        _corpus(db, copies=2)
        article = folder / "a.txt"
        article.write_text(STORIES["orchard"] + " A late update.")
        article.chmod(0o644)
        db.chmod(0o644)
        before = sorted(p.name for p in folder.iterdir())
        # imported before the switch of user (nobody may not write their bytecode)
        import retold.corpus.present
        import retold.corpus.scan  # noqa: F401

        with read_only(folder):
            traced = CliRunner().invoke(main, ["trace", str(db), str(article), "--format", "json"])
            scanned = CliRunner().invoke(main, ["scan", str(db)])
            stats = CliRunner().invoke(main, ["index", str(db), "--stats"])
        assert traced.exit_code == 0, traced.output
        assert json.loads(traced.stdout)["candidates"][0]["id"].startswith("orchard")
        assert scanned.exit_code == 0, scanned.output
        assert stats.exit_code == 0 and json.loads(stats.stdout)["articles"] == 8
        assert sorted(p.name for p in folder.iterdir()) == before


# ---------------------------------------------------------------- writers


@pytest.mark.slow
def test_two_index_runs_at_once_both_succeed(tmp_path: Path) -> None:
    lines = tmp_path / "a.jsonl"
    with lines.open("w") as out:
        for n in range(1500):
            for name, text in STORIES.items():
                out.write(json.dumps({"id": f"{name}{n}", "text": f"{text} Extra {n}."}) + "\n")
    for trial in range(2):
        db = tmp_path / f"c{trial}.db"
        command = [sys.executable, "-m", "retold.cli", "index", str(db), str(lines)]
        runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        errors = [run.communicate(timeout=300)[1] for run in runs]
        assert [run.returncode for run in runs] == [0, 0], errors
        with Corpus(db) as corpus:
            assert len(corpus) == 6000


def test_a_writer_waits_then_says_another_is_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "c.db"
    _corpus(db, copies=1)
    monkeypatch.setattr(dbfile, "BUSY_SECONDS", 0.2)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Corpus(db) as corpus, pytest.raises(CorpusError, match="another process"):
            corpus.add("A brand new article about the harbour wall and its repairs.")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


class _CommitThenInterrupt:
    """A connection whose first COMMIT takes effect, then Ctrl-C arrives."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.fired = False

    def execute(self, sql: str, *args: Any) -> Any:
        result = self._conn.execute(sql, *args)
        if sql == "COMMIT" and not self.fired:
            self.fired = True
            raise KeyboardInterrupt
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def test_an_interrupt_on_the_final_commit_is_an_interrupt_and_keeps_the_batch(
    tmp_path: Path,
) -> None:
    db = tmp_path / "c.db"
    articles = [Article(text, id=name) for name, text in STORIES.items()]
    with Corpus(db) as corpus:
        real = corpus.store.conn
        corpus.store.conn = _CommitThenInterrupt(real)  # type: ignore[assignment]
        with pytest.raises(KeyboardInterrupt):
            index_items(corpus.store, iter(articles), batch_size=100)
        corpus.store.conn = real
        assert len(corpus) == 4
    with Corpus(db) as corpus:
        assert len(corpus) == 4 and corpus.add(articles).added == 0


def test_only_the_maker_of_a_new_file_may_remove_it_and_never_while_in_use(tmp_path: Path) -> None:
    # two index runs started at once: one makes the file, and the other's failure (or an
    # empty run) must not delete a file the other still writes (a disk I/O error there)
    db = str(tmp_path / "c.db")
    assert dbfile.create_exclusively(db) is True
    assert dbfile.create_exclusively(db) is False
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("CREATE TABLE articles (id TEXT)")
    writer.execute("BEGIN IMMEDIATE")
    try:
        assert dbfile.unused_and_empty(db) is False  # another connection is writing
    finally:
        writer.execute("ROLLBACK")
    assert dbfile.unused_and_empty(db) is True
    writer.execute("INSERT INTO articles VALUES ('a1')")
    writer.close()
    assert dbfile.unused_and_empty(db) is False  # it holds an article


def test_a_lock_sqlite_will_not_wait_for_is_waited_for() -> None:
    calls = []

    def attempt() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise sqlite3.OperationalError("database is locked")
        return "opened"

    assert dbfile.retried(attempt, seconds=5) == "opened" and len(calls) == 3
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        dbfile.retried(lambda: (_ for _ in ()).throw(sqlite3.OperationalError("no such table")))
