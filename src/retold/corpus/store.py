"""The corpus store: one SQLite file with articles, metadata and n-gram postings.

- `articles`: one row per distinct text, keyed by its content hash, so indexing the
  same text twice changes nothing. The text is kept zlib-compressed for `trace`
  (which runs `compare`) and `scan` (which aligns passages).
- `grams`: postings (n-gram hash, article), a clustered index on (gram, doc). A gram's
  document frequency is its number of postings, read from that index: n-grams above
  a cap (boilerplate, stock phrases) are skipped by `trace` and `scan`.
- Each article row also keeps its n-gram hashes (`fingerprint`, packed 64-bit ints),
  and `meta.merged` is the last article whose postings are in `grams`. A batch only
  appends article rows (cheap: n-gram hashes are random, so inserting postings into
  `grams` batch by batch rewrites pages all over the B-tree, and once it outgrows
  the page cache every insert is a random read). `merge()` then adds the postings of
  the newer articles to `grams` in key order, in one sorted pass, at the end of an
  index run; a store opened with articles not yet merged (an interrupted run) merges
  them first, so `trace` and `scan` always see every stored article.
- WAL journal; each batch of articles and their postings is one transaction, so an
  interrupted run leaves a consistent file and a rerun resumes where it stopped.
"""

from __future__ import annotations

import sqlite3
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from retold.corpus.dbfile import (
    check_file,
    fail,
    open_reader,
    open_writer,
    reads,
    remove,
    streams,
)
from retold.corpus.fingerprint import SCHEME, WordHasher, content_hash, fingerprint
from retold.corpus.pairs import Record
from retold.errors import CorpusError
from retold.text.article import Article

SCHEMA_VERSION = "2"
CACHE_MB = 128  # page cache while indexing: the merge's sort runs in it
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    doc INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    id TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    publisher TEXT NOT NULL DEFAULT '',
    title_start INTEGER NOT NULL DEFAULT 0,
    title_end INTEGER NOT NULL DEFAULT 0,
    words INTEGER NOT NULL,
    grams INTEGER NOT NULL,
    body BLOB NOT NULL,
    fingerprint BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_id ON articles (id);
CREATE TABLE IF NOT EXISTS grams (
    gram INTEGER NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (gram, doc)
) WITHOUT ROWID;
"""
_FIELDS = "doc, id, title, date, url, publisher, title_start, title_end, words, body"


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article with its content hash and fingerprint, ready to be written."""

    article: Article
    hash: str
    grams: frozenset[int]
    words: int


def prepare(article: Article, hasher: WordHasher | None = None) -> Prepared:
    """Hash and fingerprint an article (pure: can run in a worker process)."""
    fp = fingerprint(article.text, hasher)
    return Prepared(article, content_hash(article.text), fp.grams, fp.words)


class Store:
    """One corpus file. Use as a context manager, or call `close()`.

    `create=False` opens an existing file for reading only (trace, scan, stats): no
    write access is needed; articles an interrupted run did not merge are merged when
    the file can be written, else they wait for the next index run.
    """

    def __init__(self, path: str | Path, *, create: bool = True, cache_mb: int = CACHE_MB) -> None:
        self.path = str(path)
        self.readonly = not create
        existing = check_file(self.path, create=create)
        self._made = create and not Path(self.path).exists()  # removed again if left empty
        try:
            if self.readonly:
                self.conn = open_reader(self.path)
            else:
                self.conn = open_writer(self.path, existing=existing)
            self.set_cache(cache_mb)
            self._init_schema()
            if self._unmerged():
                self._merge_when_writable()
        except BaseException as exc:
            if hasattr(self, "conn"):
                self.conn.close()
            if self._made:
                remove(self.path)
            if isinstance(exc, sqlite3.Error):
                raise fail(self.path, exc) from exc
            raise

    def _merge_when_writable(self) -> None:
        if not self.readonly:
            self.merge()
            return
        try:
            writer = open_writer(self.path, existing=True)
        except sqlite3.Error:
            return  # a read-only file or directory: the next index run merges them
        reader, self.conn = self.conn, writer
        try:
            self.merge()
        except CorpusError:
            pass
        finally:
            writer.close()
            self.conn = reader

    def _init_schema(self) -> None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master")}
        if "meta" not in tables:
            if tables or self.readonly:
                raise CorpusError(
                    f"{self.path} is an SQLite file but not a retold corpus",
                    hint="index into a new file",
                )
            # under the write lock, and idempotent: two index runs may create it at once
            self.conn.executescript(
                f"BEGIN IMMEDIATE; {_SCHEMA}"
                f" INSERT OR IGNORE INTO meta VALUES ('schema', '{SCHEMA_VERSION}');"
                " INSERT OR IGNORE INTO meta VALUES ('merged', '0');"
                f" INSERT OR IGNORE INTO meta VALUES ('fingerprint', '{SCHEME}'); COMMIT;"
            )
        meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("schema") != SCHEMA_VERSION or meta.get("fingerprint") != SCHEME:
            raise CorpusError(
                f"{self.path} was built by another version of retold "
                f"(schema {meta.get('schema')}, fingerprints {meta.get('fingerprint')})",
                hint="re-index the articles into a new file",
            )

    def close(self) -> None:
        empty = getattr(self, "_made", False) and not len(self)
        self.conn.close()
        if empty:  # e.g. an index run that found nothing to add leaves no file behind
            remove(self.path)

    def set_cache(self, megabytes: int) -> int:
        """Set this connection's SQLite page cache; returns the previous size in MB."""
        previous = -int(self.conn.execute("PRAGMA cache_size").fetchone()[0]) // 1024
        self.conn.execute(f"PRAGMA cache_size={-1024 * int(megabytes)}")
        return previous

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ writing

    @reads
    def known(self, hashes: Sequence[str]) -> set[str]:
        """Which of these content hashes are stored already."""
        found: set[str] = set()
        for start in range(0, len(hashes), 500):
            chunk = hashes[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in self.conn.execute(
                    f"SELECT hash FROM articles WHERE hash IN ({marks})", chunk
                )
            )
        return found

    def write(self, batch: Sequence[Prepared]) -> int:
        """Store a batch in one transaction; returns how many were new."""
        try:
            return self._write(batch)
        except sqlite3.Error as exc:
            raise fail(self.path, exc) from exc

    def _write(self, batch: Sequence[Prepared]) -> int:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            seen = self.known([p.hash for p in batch])  # under the lock: writers may race
            # numbered here (under the write lock) so postings need no row id read back
            first = int(
                conn.execute("SELECT coalesce(max(doc), 0) + 1 FROM articles").fetchone()[0]
            )
            new: list[Prepared] = []
            for item in batch:
                if item.hash not in seen:
                    seen.add(item.hash)
                    new.append(item)
            conn.executemany(
                "INSERT INTO articles (doc, hash, id, title, date, url, publisher, title_start,"
                " title_end, words, grams, body, fingerprint) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [_row(doc, item) for doc, item in enumerate(new, first)],
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # an interrupt may land after COMMIT took effect
                conn.execute("ROLLBACK")
            raise
        return len(new)

    def merge(self) -> None:
        """Add the postings of articles not yet merged to the n-gram index, in key order."""
        try:
            if self._unmerged():
                self._merge()
        except sqlite3.Error as exc:
            raise fail(self.path, exc) from exc

    def _merge(self) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            # read under the write lock: another writer may have merged meanwhile
            merged, last = self._unmerged() or (0, 0)
            # a scratch table (temp store, not this file), then one sorted insert
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS fresh (gram INTEGER, doc INTEGER)")
            conn.execute("DELETE FROM temp.fresh")
            rows = conn.execute(
                "SELECT doc, fingerprint FROM articles WHERE doc > ? AND doc <= ?", (merged, last)
            )
            # one statement an article: SQLite unpacks its n-grams (json_each), not Python
            conn.executemany(
                "INSERT INTO temp.fresh SELECT value, ? FROM json_each(?)",
                ((doc, _json_array(grams)) for doc, grams in rows),
            )
            conn.execute(
                "INSERT OR IGNORE INTO grams SELECT gram, doc FROM temp.fresh ORDER BY 1, 2"
            )
            if last > merged:
                conn.execute("UPDATE meta SET value = ? WHERE key = 'merged'", (str(last),))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # an interrupt may land after COMMIT took effect
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.execute("DROP TABLE IF EXISTS temp.fresh")

    def _unmerged(self) -> tuple[int, int] | None:
        """(last merged article, last article) when some articles are not merged yet."""
        merged = int(self.conn.execute("SELECT value FROM meta WHERE key = 'merged'").fetchone()[0])
        last = int(self.conn.execute("SELECT coalesce(max(doc), 0) FROM articles").fetchone()[0])
        return (merged, last) if last > merged else None

    # ------------------------------------------------------------ reading

    @reads
    def __len__(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def has_hash(self, digest: str) -> bool:
        return bool(self.known([digest]))

    @reads
    def has_id(self, id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ? LIMIT 1", (id,)).fetchone()
        return row is not None

    @reads
    def doc_of_id(self, id: str) -> int | None:
        row = self.conn.execute("SELECT doc FROM articles WHERE id = ? LIMIT 1", (id,)).fetchone()
        return int(row[0]) if row else None

    @reads
    def doc_of_hash(self, digest: str) -> int | None:
        row = self.conn.execute("SELECT doc FROM articles WHERE hash = ?", (digest,)).fetchone()
        return int(row[0]) if row else None

    @reads
    def gram_counts(self, grams: Iterable[int]) -> dict[int, int]:
        """Document frequency of each of these n-grams that occurs in the corpus."""
        values = list(grams)
        counts: dict[int, int] = {}
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            marks = ",".join("?" * len(chunk))
            counts.update(
                self.conn.execute(
                    f"SELECT gram, count(*) FROM grams WHERE gram IN ({marks}) GROUP BY gram",
                    chunk,
                ).fetchall()
            )
        return counts

    @streams
    def postings(self, grams: Sequence[int]) -> Iterator[tuple[int, int]]:
        """(gram, doc) for each of these n-grams."""
        for start in range(0, len(grams), 500):
            chunk = list(grams[start : start + 500])
            marks = ",".join("?" * len(chunk))
            yield from self.conn.execute(
                f"SELECT gram, doc FROM grams WHERE gram IN ({marks})", chunk
            )

    @streams
    def gram_groups(self, max_df: int) -> Iterator[list[int]]:
        """Articles sharing each n-gram held by 2..max_df articles, in gram order (streaming)."""
        rows = self.conn.execute(
            "SELECT group_concat(doc) FROM grams GROUP BY gram HAVING count(*) BETWEEN 2 AND ?",
            (max_df,),
        )
        for (docs,) in rows:
            yield [int(d) for d in docs.split(",")]

    @reads
    def common_grams(self, max_df: int) -> frozenset[int]:
        """N-grams held by more than `max_df` articles: stock phrases and boilerplate."""
        rows = self.conn.execute(
            "SELECT gram FROM grams GROUP BY gram HAVING count(*) > ?", (max_df,)
        )
        return frozenset(int(r[0]) for r in rows)

    @reads
    def grams_of(self, doc: int) -> int:
        row = self.conn.execute("SELECT grams FROM articles WHERE doc = ?", (doc,)).fetchone()
        return int(row[0]) if row else 0

    @reads
    def _rows(self, docs: Sequence[int]) -> dict[int, tuple[object, ...]]:
        rows: dict[int, tuple[object, ...]] = {}
        for start in range(0, len(docs), 500):
            chunk = list(docs[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT {_FIELDS} FROM articles WHERE doc IN ({marks})", chunk
            ):
                rows[int(row[0])] = tuple(row)
        return rows

    @reads
    def articles(self, docs: Sequence[int]) -> dict[int, Article]:
        """The stored articles, by doc number."""
        return {doc: _article(row) for doc, row in self._rows(docs).items()}

    @reads
    def records(self, docs: Sequence[int]) -> dict[int, Record]:
        """Plain records for the per-pair step, by doc number."""
        result = {}
        for doc, row in self._rows(docs).items():
            a = _article(row)
            result[doc] = Record(doc, a.id, a.text, a.date, int(str(row[8])), a.title, a.publisher)
        return result

    @reads
    def info(self, docs: Sequence[int]) -> dict[int, tuple[str, str, int]]:
        """(id, date, words) of each article, without its text."""
        result = {}
        for start in range(0, len(docs), 500):
            chunk = list(docs[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for doc, id, date, words in self.conn.execute(
                f"SELECT doc, id, date, words FROM articles WHERE doc IN ({marks})", chunk
            ):
                result[int(doc)] = (str(id), str(date), int(words))
        return result

    @reads
    def stats(self, *, max_df: int) -> dict[str, object]:
        """Counts for `retold index DB --stats`."""
        q = self.conn.execute
        articles, words = q("SELECT count(*), coalesce(sum(words), 0) FROM articles").fetchone()
        postings = q("SELECT count(*) FROM grams").fetchone()[0]
        distinct, common = q(
            "SELECT count(*), coalesce(sum(n > ?), 0) FROM"
            " (SELECT count(*) AS n FROM grams GROUP BY gram)",
            (max_df,),
        ).fetchone()
        first, last = q("SELECT min(date), max(date) FROM articles WHERE date != ''").fetchone()
        publishers = q(
            "SELECT count(DISTINCT publisher) FROM articles WHERE publisher != ''"
        ).fetchone()[0]
        size = sum(
            Path(self.path + suffix).stat().st_size
            for suffix in ("", "-wal")
            if Path(self.path + suffix).exists()
        )
        return {
            "path": self.path,
            "articles": articles,
            "words": words,
            "postings": postings,
            "distinct_ngrams": distinct,
            "common_ngrams": common,
            "common_df_cap": max_df,
            "publishers": publishers,
            "first_date": first or "",
            "last_date": last or "",
            "file_bytes": size,
            "fingerprint": SCHEME,
        }


def _json_array(packed: bytes) -> str:
    return "[" + ",".join(map(str, array("q", packed))) + "]"


def _row(doc: int, item: Prepared) -> tuple[object, ...]:
    a = item.article
    body = zlib.compress(a.text.encode("utf-8"), 1)
    return (
        doc,
        item.hash,
        a.id,
        a.title,
        a.date,
        a.url,
        a.publisher,
        *a.title_span,
        item.words,
        len(item.grams),
        body,
        array("q", item.grams).tobytes(),
    )


def _article(row: tuple[object, ...]) -> Article:
    _, id, title, date, url, publisher, t0, t1, _, body = row
    assert isinstance(body, bytes)
    return Article(
        text=zlib.decompress(body).decode("utf-8"),
        id=str(id),
        title=str(title),
        date=str(date),
        url=str(url),
        publisher=str(publisher),
        title_span=(int(str(t0)), int(str(t1))),
    )
