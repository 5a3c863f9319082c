"""Reading a corpus store: the queries index, trace, scan and `--stats` ask of the file.

`StoreQueries` is the reading half of `Store` (which adds opening, schema, writing and
merging): which texts and article ids are stored, the document frequency and postings
of n-grams, the texts that share n-grams (streamed in gram order for scan), the stored
texts, articles and their metadata by number or id, and the file's counts. Keys are
asked in chunks, since SQLite bounds the parameters of one statement; SQLite, zlib and
UTF-8 failures while reading are `CorpusError`s (`reads`, `streams`).
"""

from __future__ import annotations

import sqlite3
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from retold.corpus.dbfile import reads, streams
from retold.corpus.fingerprint import SCHEME
from retold.corpus.pairs import Carrier, Record
from retold.text.article import Article

_CHUNK = 500  # values bound in one IN (...) list
_ARTICLE = (
    "a.article, a.id, a.text, a.title, a.date, a.url, a.publisher, a.title_start, a.title_end"
)


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def _chunks(values: Iterable[int]) -> Iterator[list[int]]:
    items = list(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


class StoreQueries:
    """The queries of a corpus file open as `conn` (a mixin: `Store` opens the file)."""

    path: str
    conn: sqlite3.Connection

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
