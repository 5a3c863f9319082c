"""The corpus store: one SQLite file with texts, the articles that carry them, and postings.

- `texts`: one row per distinct text, keyed by its content hash, with its analysis: word
  count, n-gram hashes (`fingerprint`, packed 64-bit ints) and the text itself
  (zlib-compressed) for `trace` (which runs `compare`) and `scan` (which aligns passages).
- `articles`: one row per input record, keyed by its id, with its own title, date, URL
  and publisher and the number of its text. Outlets that print the same wire copy are
  as many articles sharing one text: each is kept, the text is analysed once. The same
  record again (same id, same text) changes nothing; the same id with another text is
  refused and reported by the caller (`WriteResult.conflicts`), never merged.
- `grams`: postings (n-gram hash, text), a clustered index on (gram, text). A gram's
  document frequency is its number of postings: a count of distinct texts, so identical
  reprints do not make their own passages look like stock phrases.
- `meta.merged` is the last text whose postings are in `grams`. A batch only appends
  rows (postings inserted batch by batch would rewrite B-tree pages all over the file);
  `merge()` adds the postings of newer texts in one sorted pass at the end of an index
  run, and a store opened with texts not yet merged (an interrupted run) merges first.
- WAL journal; each batch is one transaction, so an interrupted run leaves a consistent
  file and a rerun resumes where it stopped.
- A store of schema 2 (one row per distinct text, later records of a text dropped) is
  migrated in place when opened: its rows become texts and articles; records that were
  dropped as "already stored" come back by indexing the same inputs again.

Its queries are in `store_queries.py` (`StoreQueries`, the reading half of `Store`).
"""

from __future__ import annotations

import sqlite3
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from retold.corpus.dbfile import (
    check_file,
    create_exclusively,
    fail,
    open_reader,
    open_writer,
    remove,
    retried,
    unused_and_empty,
)
from retold.corpus.fingerprint import SCHEME, WordHasher, content_hash, fingerprint
from retold.corpus.store_queries import StoreQueries
from retold.errors import CorpusError
from retold.text.article import Article

SCHEMA_VERSION = "3"
CACHE_MB = 128  # page cache while indexing: the merge's sort runs in it
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS texts (
    text INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    words INTEGER NOT NULL,
    grams INTEGER NOT NULL,
    body BLOB NOT NULL,
    fingerprint BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    article INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    text INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    publisher TEXT NOT NULL DEFAULT '',
    title_start INTEGER NOT NULL DEFAULT 0,
    title_end INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS articles_text ON articles (text);
CREATE TABLE IF NOT EXISTS grams (
    gram INTEGER NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (gram, doc)
) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article with its content hash and fingerprint, ready to be written."""

    article: Article
    hash: str
    grams: frozenset[int]
    words: int


@dataclass
class WriteResult:
    """What one batch did: articles and texts added, ids refused (another text)."""

    articles: int = 0
    texts: int = 0
    conflicts: list[str] = field(default_factory=list)


def prepare(article: Article, hasher: WordHasher | None = None) -> Prepared:
    """Hash and fingerprint an article (pure: can run in a worker process). An article
    without an id is named by its text's hash."""
    fp = fingerprint(article.text, hasher)
    digest = content_hash(article.text)
    if not article.id:
        article = replace(article, id=digest[:12])
    return Prepared(article, digest, fp.grams, fp.words)


class Store(StoreQueries):
    """One corpus file. Use as a context manager, or call `close()`.

    `create=False` opens an existing file for reading only (trace, scan, stats): no
    write access is needed; texts an interrupted run did not merge are merged when
    the file can be written, else they wait for the next index run.
    """

    def __init__(self, path: str | Path, *, create: bool = True, cache_mb: int = CACHE_MB) -> None:
        self.path = str(path)
        self.readonly = not create
        existing = check_file(self.path, create=create)
        # made by this run (and removed again if left empty): one maker of two at once
        self._made = create and not existing and create_exclusively(self.path)
        self.notes: list[str] = []
        try:
            if self.readonly:
                self.conn = open_reader(self.path)
                self.set_cache(cache_mb)
                self._init_schema()
            else:  # another index run setting the file up: wait for it, as for any lock
                retried(lambda: self._connect_writer(existing, cache_mb))
            if self._unmerged():
                self._merge_when_writable()
        except BaseException as exc:
            if hasattr(self, "conn"):
                self.conn.close()
            if self._made and unused_and_empty(self.path):
                remove(self.path)
            if isinstance(exc, sqlite3.Error):
                raise fail(self.path, exc) from exc
            raise

    def _connect_writer(self, existing: bool, cache_mb: int) -> None:
        self.conn = open_writer(self.path, existing=existing)
        try:
            self.set_cache(cache_mb)
            self._init_schema()
        except BaseException:
            self.conn.close()
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
        if meta.get("fingerprint") == SCHEME and meta.get("schema") == "2":
            if self.readonly:
                raise CorpusError(
                    f"{self.path} was built by an earlier version of retold that kept one"
                    " record per distinct text",
                    hint="run `retold index DB` with the same inputs once: it upgrades the"
                    " file and adds the records that version dropped",
                )
            self._migrate_from_2()
            meta["schema"] = SCHEMA_VERSION
        if meta.get("schema") != SCHEMA_VERSION or meta.get("fingerprint") != SCHEME:
            raise CorpusError(
                f"{self.path} was built by another version of retold "
                f"(schema {meta.get('schema')}, fingerprints {meta.get('fingerprint')})",
                hint="rebuild it: `retold index NEW.db` with the same inputs",
            )

    def _migrate_from_2(self) -> None:
        """Schema 2 kept one row per distinct text: rows become texts and articles."""
        self.conn.executescript(
            "BEGIN IMMEDIATE;"
            " ALTER TABLE articles RENAME TO old_articles;"
            " DROP INDEX IF EXISTS articles_id;"
            f" {_SCHEMA}"
            " INSERT INTO texts SELECT doc, hash, words, grams, body, fingerprint"
            "  FROM old_articles;"
            " INSERT OR IGNORE INTO articles (article, id, text, title, date, url, publisher,"
            "  title_start, title_end) SELECT doc, id, doc, title, date, url, publisher,"
            "  title_start, title_end FROM old_articles ORDER BY doc;"
            " DROP TABLE old_articles;"
            f" UPDATE meta SET value = '{SCHEMA_VERSION}' WHERE key = 'schema';"
            " COMMIT;"
        )
        self.notes.append(
            f"{self.path} was upgraded to keep every record: index the same inputs again to add"
            " the records an earlier version dropped as already stored"
        )

    def close(self) -> None:
        empty = getattr(self, "_made", False) and not len(self)
        self.conn.close()
        if empty and unused_and_empty(self.path):
            remove(self.path)  # an index run that found nothing to add leaves no file behind

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

    def write(self, batch: Sequence[Prepared]) -> WriteResult:
        """Store a batch in one transaction: new texts, then every new article."""
        try:
            return self._write(batch)
        except sqlite3.Error as exc:
            raise fail(self.path, exc) from exc

    def _write(self, batch: Sequence[Prepared]) -> WriteResult:
        conn = self.conn
        result = WriteResult()
        conn.execute("BEGIN IMMEDIATE")
        try:
            # read under the write lock: writers may race
            texts = self.known([p.hash for p in batch])
            ids = self._known_ids([p.article.id for p in batch])
            next_text = int(
                conn.execute("SELECT coalesce(max(text), 0) + 1 FROM texts").fetchone()[0]
            )
            new_texts, new_articles = [], []
            for item in batch:
                stored = ids.get(item.article.id)
                if stored is not None:
                    # the same record again changes nothing; another text under its id is refused
                    if stored != texts.get(item.hash):
                        result.conflicts.append(item.article.id)
                    continue
                if item.hash not in texts:
                    texts[item.hash] = next_text
                    new_texts.append(_text_row(next_text, item))
                    next_text += 1
                ids[item.article.id] = texts[item.hash]
                new_articles.append(_article_row(texts[item.hash], item.article))
            conn.executemany(
                "INSERT INTO texts (text, hash, words, grams, body, fingerprint)"
                " VALUES (?,?,?,?,?,?)",
                new_texts,
            )
            conn.executemany(
                "INSERT INTO articles (id, text, title, date, url, publisher, title_start,"
                " title_end) VALUES (?,?,?,?,?,?,?,?)",
                new_articles,
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # an interrupt may land after COMMIT took effect
                conn.execute("ROLLBACK")
            raise
        result.articles, result.texts = len(new_articles), len(new_texts)
        return result

    def merge(self) -> None:
        """Add the postings of texts not yet merged to the n-gram index, in key order."""
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
                "SELECT text, fingerprint FROM texts WHERE text > ? AND text <= ?", (merged, last)
            )
            # one statement a text: SQLite unpacks its n-grams (json_each), not Python
            conn.executemany(
                "INSERT INTO temp.fresh SELECT value, ? FROM json_each(?)",
                ((text, _json_array(grams)) for text, grams in rows),
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
        """(last merged text, last text) when some texts are not merged yet."""
        merged = int(self.conn.execute("SELECT value FROM meta WHERE key = 'merged'").fetchone()[0])
        last = int(self.conn.execute("SELECT coalesce(max(text), 0) FROM texts").fetchone()[0])
        return (merged, last) if last > merged else None


def _json_array(packed: bytes) -> str:
    return "[" + ",".join(map(str, array("q", packed))) + "]"


def _text_row(text: int, item: Prepared) -> tuple[object, ...]:
    body = zlib.compress(item.article.text.encode("utf-8"), 1)
    return (text, item.hash, item.words, len(item.grams), body, array("q", item.grams).tobytes())


def _article_row(text: int, a: Article) -> tuple[object, ...]:
    return (a.id, text, a.title, a.date, a.url, a.publisher, *a.title_span)
