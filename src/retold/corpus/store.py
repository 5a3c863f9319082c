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
"""

from __future__ import annotations

import sqlite3
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from retold.corpus.dbfile import (
    check_file,
    create_exclusively,
    fail,
    open_reader,
    open_writer,
    reads,
    remove,
    retried,
    streams,
    unused_and_empty,
)
from retold.corpus.fingerprint import SCHEME, WordHasher, content_hash, fingerprint
from retold.corpus.pairs import Carrier, Record
from retold.errors import CorpusError
from retold.text.article import Article

SCHEMA_VERSION = "3"
CACHE_MB = 128  # page cache while indexing: the merge's sort runs in it
_CHUNK = 500  # values bound in one IN (...) list
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
_ARTICLE = (
    "a.article, a.id, a.text, a.title, a.date, a.url, a.publisher, a.title_start, a.title_end"
)


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


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def _chunks(values: Iterable[int]) -> Iterator[list[int]]:
    items = list(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


class Store:
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

    @reads
    def known(self, hashes: Sequence[str]) -> dict[str, int]:
        """Text number of each of these content hashes that is stored already."""
        return self._text_numbers("texts", "hash", hashes)

    @reads
    def _known_ids(self, ids: Sequence[str]) -> dict[str, int]:
        """Text number of each of these article ids that is stored already."""
        return self._text_numbers("articles", "id", ids)

    def _text_numbers(self, table: str, column: str, keys: Sequence[str]) -> dict[str, int]:
        """key -> text number for the keys of `column` stored in `table`, asked in chunks
        (SQLite bounds the parameters of one statement)."""
        found: dict[str, int] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            found.update(
                self.conn.execute(
                    f"SELECT {column}, text FROM {table} WHERE {column} IN ({_marks(chunk)})",
                    chunk,
                ).fetchall()
            )
        return found

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

    # ------------------------------------------------------------ reading

    @reads
    def __len__(self) -> int:
        """The number of articles (records), not of distinct texts."""
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    @reads
    def text_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM texts").fetchone()[0])

    @reads
    def last_text(self) -> int:
        return int(self.conn.execute("SELECT coalesce(max(text), 0) FROM texts").fetchone()[0])

    def has_hash(self, digest: str) -> bool:
        return bool(self.known([digest]))

    @reads
    def has_id(self, id: str) -> bool:
        return bool(self._known_ids([id]))

    def text_of_hash(self, digest: str) -> int | None:
        return self.known([digest]).get(digest)

    @reads
    def gram_counts(self, grams: Iterable[int]) -> dict[int, int]:
        """Document frequency (in distinct texts) of each of these n-grams in the corpus."""
        counts: dict[int, int] = {}
        for chunk in _chunks(grams):
            counts.update(
                self.conn.execute(
                    f"SELECT gram, count(*) FROM grams WHERE gram IN ({_marks(chunk)})"
                    " GROUP BY gram",
                    chunk,
                ).fetchall()
            )
        return counts

    @streams
    def postings(self, grams: Sequence[int]) -> Iterator[tuple[int, int]]:
        """(gram, text) for each of these n-grams."""
        for chunk in _chunks(grams):
            yield from self.conn.execute(
                f"SELECT gram, doc FROM grams WHERE gram IN ({_marks(chunk)})", chunk
            )

    @streams
    def gram_groups(self, max_df: int | None = None) -> Iterator[list[int]]:
        """Texts sharing each n-gram held by two texts or more (at most `max_df` when
        given), in gram order, streaming."""
        rows = self.conn.execute(
            "SELECT group_concat(doc) FROM grams GROUP BY gram HAVING count(*) BETWEEN 2 AND ?",
            (max_df if max_df is not None else 2**62,),
        )
        for (docs,) in rows:
            yield [int(d) for d in docs.split(",")]

    @streams
    def gram_lists(self) -> Iterator[tuple[int, list[int]]]:
        """(n-gram, texts holding it) for each n-gram held by two texts or more, in gram
        order, streaming."""
        rows = self.conn.execute(
            "SELECT gram, group_concat(doc) FROM grams GROUP BY gram HAVING count(*) > 1"
        )
        for gram, docs in rows:
            yield int(gram), [int(d) for d in docs.split(",")]

    @reads
    def common_grams(self, max_df: int) -> frozenset[int]:
        """N-grams held by more than `max_df` texts: stock phrases and boilerplate."""
        rows = self.conn.execute(
            "SELECT gram FROM grams GROUP BY gram HAVING count(*) > ?", (max_df,)
        )
        return frozenset(int(r[0]) for r in rows)

    @reads
    def gram_sizes(self) -> array[int]:
        """Sampled n-grams of each text, indexed by text number (0 for no text)."""
        sizes = array("i", bytes(4 * (self.last_text() + 1)))
        for text, grams in self.conn.execute("SELECT text, grams FROM texts"):
            sizes[text] = grams
        return sizes

    @reads
    def fingerprint(self, text: int) -> list[int]:
        """The sampled n-gram hashes of one text."""
        row = self.conn.execute("SELECT fingerprint FROM texts WHERE text = ?", (text,)).fetchone()
        return list(array("q", row[0])) if row else []

    @streams
    def shared_texts(self) -> Iterator[int]:
        """Texts carried by more than one article, in text order."""
        rows = self.conn.execute(
            "SELECT text FROM articles GROUP BY text HAVING count(*) > 1 ORDER BY text"
        )
        for (text,) in rows:
            yield int(text)

    @reads
    def texts(self, texts: Sequence[int]) -> dict[int, Record]:
        """Plain text-level records for the per-pair step, by text number."""
        result = {}
        for chunk in _chunks(texts):
            for text, words, body in self.conn.execute(
                f"SELECT text, words, body FROM texts WHERE text IN ({_marks(chunk)})", chunk
            ):
                body_text = zlib.decompress(body).decode("utf-8")
                result[int(text)] = Record(int(text), str(text), body_text, words=int(words))
        return result

    @reads
    def carriers(self, texts: Sequence[int]) -> dict[int, list[Carrier]]:
        """The articles of each of these texts, in the order they were indexed."""
        result: dict[int, list[Carrier]] = defaultdict(list)
        for carrier in self._carriers_where("text", texts, " ORDER BY a.article"):
            result[carrier.text].append(carrier)
        return dict(result)

    @reads
    def meta(self, articles: Sequence[int]) -> dict[int, Carrier]:
        """Carrierdata of these articles, by article number."""
        return {c.article: c for c in self._carriers_where("article", articles)}

    def info(self, articles: Sequence[int]) -> dict[int, tuple[str, str, int]]:
        """(id, date, words) of each article, without its text (for clusters)."""
        return {n: (m.id, m.date, m.words) for n, m in self.meta(articles).items()}

    @reads
    def by_ids(self, ids: Sequence[str]) -> dict[str, Carrier]:
        """The articles with these ids: their metadata, without their texts."""
        return {c.id: c for c in self._carriers_where("id", ids)}

    def _carriers_where(
        self, column: str, keys: Sequence[int] | Sequence[str], order: str = ""
    ) -> Iterator[Carrier]:
        """The articles whose `column` is one of `keys` (asked in chunks: SQLite bounds
        the parameters of one statement), with their text's word count."""
        items = list(keys)
        for start in range(0, len(items), _CHUNK):
            chunk = items[start : start + _CHUNK]
            for row in self.conn.execute(
                "SELECT a.article, a.id, a.text, a.date, t.words, a.publisher, a.title"
                " FROM articles a JOIN texts t ON t.text = a.text"
                f" WHERE a.{column} IN ({_marks(chunk)}){order}",
                chunk,
            ):
                yield _carrier(row)

    @reads
    def articles(self, articles: Sequence[int]) -> dict[int, Article]:
        """The stored articles, with their texts, by article number."""
        result = {}
        for chunk in _chunks(articles):
            for row in self.conn.execute(
                f"SELECT {_ARTICLE}, t.body FROM articles a JOIN texts t ON t.text = a.text"
                f" WHERE a.article IN ({_marks(chunk)})",
                chunk,
            ):
                result[int(row[0])] = _article(row)
        return result

    @reads
    def stats(self, *, max_df: int) -> dict[str, object]:
        """Counts for `retold index DB --stats`."""
        q = self.conn.execute
        articles = q("SELECT count(*) FROM articles").fetchone()[0]
        texts, words = q("SELECT count(*), coalesce(sum(words), 0) FROM texts").fetchone()
        shared = q(
            "SELECT count(*), coalesce(sum(n), 0) FROM"
            " (SELECT count(*) AS n FROM articles GROUP BY text HAVING n > 1)"
        ).fetchone()
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
            "distinct_texts": texts,
            "articles_sharing_a_text": shared[1],
            "texts_shared": shared[0],
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


def _text_row(text: int, item: Prepared) -> tuple[object, ...]:
    body = zlib.compress(item.article.text.encode("utf-8"), 1)
    return (text, item.hash, item.words, len(item.grams), body, array("q", item.grams).tobytes())


def _article_row(text: int, a: Article) -> tuple[object, ...]:
    return (a.id, text, a.title, a.date, a.url, a.publisher, *a.title_span)


def _carrier(row: tuple[object, ...]) -> Carrier:
    article, id, text, date, words, publisher, title = row
    return Carrier(
        int(str(article)),
        str(id),
        int(str(text)),
        str(date),
        int(str(words)),
        str(publisher),
        str(title),
    )


def _article(row: tuple[object, ...]) -> Article:
    _, id, _, title, date, url, publisher, t0, t1, body = row
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
