"""Corpus mode: index many articles in one SQLite file, trace an article's sources, scan
for every reuse pair. `Corpus` is the Python API; the CLI's `index`, `trace` and `scan`
commands call it.

Modules, in the order data flows: readers -> fingerprint -> store (index) -> trace /
pairs -> scan.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from retold.corpus.fingerprint import content_hash
from retold.corpus.index import IndexResult, Progress, index_items
from retold.corpus.readers import Item, Skipped, Source, find_sources, read_source
from retold.corpus.scan import MIN_SHARE, ScanProgress, scan
from retold.corpus.store import Store
from retold.corpus.trace import DF_CAP, Trace, trace
from retold.text.article import Article
from retold.text.load import article_from_text, without_surrogates

__all__ = ["Corpus", "IndexResult", "Skipped", "Trace"]


class Corpus:
    """A corpus in one SQLite file (created on first use).

    >>> corpus = Corpus("news.db")
    >>> corpus.add(article)            # an Article, text, or an iterable of them
    >>> corpus.add_files(["crawl/"])   # .txt/.html dirs, .jsonl, .warc(.gz)
    >>> corpus.trace(suspicious).candidates[0].id
    >>> for record in corpus.scan(min_share=0.3): ...
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = str(path)
        self.store = Store(path, create=create)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(
        self, articles: Article | str | Iterable[Article | str], *, progress: Progress | None = None
    ) -> IndexResult:
        """Index one article (or text) or many. Each is kept under its id (a text's hash
        when it has none); an article already stored (same id and text) is not added again."""
        items = [articles] if isinstance(articles, Article | str) else articles
        stream = (
            a
            if isinstance(a, Article)
            else article_from_text(a, id=content_hash(without_surrogates(a)[0])[:12])
            for a in items
        )
        return index_items(self.store, stream, progress=progress)

    def add_files(
        self,
        paths: Sequence[str],
        *,
        progress: Progress | None = None,
        on_skip: Callable[[Skipped], None] | None = None,
        workers: int = 1,
    ) -> IndexResult:
        """Index the articles under `paths`; bad records are skipped and listed.

        `workers` > 1 computes fingerprints in that many processes (one writer).
        """
        sources = find_sources(paths)
        return index_items(
            self.store, _read(sources), progress=progress, on_skip=on_skip, workers=workers
        )

    def input_bytes(self, paths: Sequence[str]) -> int:
        """Total size of the inputs under `paths` (for a progress bar)."""
        return sum(source.size for source in find_sources(paths))

    def __len__(self) -> int:
        return len(self.store)

    def __contains__(self, item: object) -> bool:
        """An article id, or an Article (matched by its text)."""
        if isinstance(item, Article):
            return self.store.has_hash(content_hash(item.text))
        return isinstance(item, str) and self.store.has_id(item)

    def article(self, id: str) -> Article | None:
        """The stored article with this id (its text and metadata), or None."""
        found = self.store.by_ids([id]).get(id)
        return self.store.articles([found.article])[found.article] if found else None

    def trace(
        self,
        article: Article | str,
        *,
        top: int = 5,
        compare_all: bool = False,
        max_df: int = DF_CAP,
    ) -> Trace:
        """The likely sources of `article`, best first, and the compare report(s)."""
        if isinstance(article, str):
            article = article_from_text(article, id="article")
        return trace(self.store, article, top=top, compare_all=compare_all, max_df=max_df)

    def scan(
        self,
        *,
        min_share: float = MIN_SHARE,
        engine: str = "local",
        max_df: int = DF_CAP,
        workers: int | None = None,
        progress: ScanProgress | None = None,
        check: bool = False,
        done: frozenset[tuple[str, str]] = frozenset(),
    ) -> Iterator[dict[str, object]]:
        """Every reuse pair, then the reprint clusters: the scan JSON Lines records.

        `check`: each pair record gets `compare`'s report (`"check"`), except the pairs
        (a, b) in `done`."""
        return scan(
            self.store,
            min_share=min_share,
            engine=engine,
            max_df=max_df,
            workers=workers,
            progress=progress,
            check=check,
            done=done,
        )

    def stats(self, *, max_df: int = DF_CAP) -> dict[str, object]:
        return self.store.stats(max_df=max_df)


def _read(sources: Sequence[Source]) -> Iterator[Item]:
    for source in sources:
        yield from read_source(source)
