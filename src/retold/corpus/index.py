"""Indexing: a stream of articles -> fingerprints -> the store, in batches.

Fingerprints only (never `compare`): hashing, tokenising and hashing n-grams.
Every record is kept as an article under its own id; records with the same text share
one stored text and fingerprint. A batch is one transaction, so Ctrl-C loses at most
the batch under way and a rerun skips every article already stored (same id and text).
A record whose id is stored with another text is refused and named (`conflicts`).
The batches' postings are merged into the n-gram index once, at the end of the run
(see `Store.merge`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context

from retold.corpus.fingerprint import WordHasher
from retold.corpus.readers import Item, Skipped, summarize
from retold.corpus.store import Prepared, Store, WriteResult, prepare
from retold.text.article import Article
from retold.text.load import clean_article

BATCH = 1000
CHUNK = 250  # articles per unit of fingerprinting work

Progress = Callable[[int, int], None]  # (input bytes consumed, articles read) since last call


@dataclass
class IndexResult:
    """What an index run did."""

    read: int = 0
    added: int = 0
    texts: int = 0  # new distinct texts among the articles added
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # ids stored with another text

    @property
    def duplicates(self) -> int:
        """Records already stored (same id, same text): re-indexing changes nothing."""
        return self.read - self.added - len(self.conflicts)

    def summary(self) -> str:
        """One line for stderr: `indexed 120 new articles (118 new texts, 3 already
        stored); 1 id refused: …; 1 skipped: …`."""
        text = (
            f"indexed {self.added:,} new articles ({self.texts:,} new texts,"
            f" {self.duplicates:,} already stored)"
        )
        parts = [text, conflicts_line(self.conflicts), summarize(self.skipped)]
        return "; ".join(p for p in parts if p)


def conflicts_line(ids: list[str], *, show: int = 5) -> str:
    """`2 ids already stored with another text, not indexed: a, b`."""
    if not ids:
        return ""
    noun = "id" if len(ids) == 1 else "ids"
    named = ", ".join(ids[:show]) + (f" and {len(ids) - show:,} more" if len(ids) > show else "")
    return f"{len(ids):,} {noun} already stored with another text, not indexed: {named}"


def index_items(
    store: Store,
    items: Iterable[Item | Article],
    *,
    batch_size: int = BATCH,
    workers: int = 1,
    progress: Progress | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> IndexResult:
    """Fingerprint and store every article of `items`; report skips as they come.

    With `workers` > 1, fingerprints are computed in that many processes while this
    one reads and writes; the store still has one writer.
    """
    result = IndexResult()
    chunks = _chunks(items, result, on_skip, size=min(CHUNK, batch_size))
    if workers > 1:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=get_context("fork"), initializer=_start_worker
        ) as pool:
            ahead = _bounded_map(pool, chunks, window=2 * workers)
            _store_all(store, ahead, result, batch_size, progress)
    else:
        hasher = WordHasher()  # one memo for the whole run
        _store_all(store, (_prepare_chunk(c, hasher) for c in chunks), result, batch_size, progress)
    store.merge()
    return result


def _store_all(
    store: Store,
    prepared: Iterator[tuple[list[Prepared], int]],
    result: IndexResult,
    batch_size: int,
    progress: Progress | None,
) -> None:
    batch: list[Prepared] = []
    pending_bytes = 0
    for chunk, nbytes in prepared:
        batch.extend(chunk)
        pending_bytes += nbytes
        if len(batch) >= batch_size:
            _record(store.write(batch), result)
            if progress:
                progress(pending_bytes, len(batch))
            batch, pending_bytes = [], 0
    if batch:
        _record(store.write(batch), result)
    if progress:
        progress(pending_bytes, len(batch))


def _record(written: WriteResult, result: IndexResult) -> None:
    result.added += written.articles
    result.texts += written.texts
    result.conflicts += written.conflicts


def _chunks(
    items: Iterable[Item | Article],
    result: IndexResult,
    on_skip: Callable[[Skipped], None] | None,
    *,
    size: int,
) -> Iterator[tuple[list[Article], int]]:
    """Articles in chunks with the input bytes they used; skips and notes recorded."""
    chunk: list[Article] = []
    nbytes = 0
    for item in items:
        if isinstance(item, Article):  # from Python: may hold lone surrogates
            item = Item(clean_article(item), None, 0)
        nbytes += item.nbytes
        if item.note:
            result.notes.append(item.note)
        if item.skipped is not None:
            result.skipped.append(item.skipped)
            if on_skip:
                on_skip(item.skipped)
        if item.article is None:
            continue
        chunk.append(item.article)
        result.read += 1
        if len(chunk) >= size:
            yield chunk, nbytes
            chunk, nbytes = [], 0
    yield chunk, nbytes


def _prepare_chunk(
    chunk: tuple[list[Article], int], hasher: WordHasher
) -> tuple[list[Prepared], int]:
    articles, nbytes = chunk
    return [prepare(a, hasher) for a in articles], nbytes


# A worker process's word memo, made once by `_start_worker` (not shared between processes).
_WORKER: dict[str, WordHasher] = {}


def _start_worker() -> None:
    _WORKER["hasher"] = WordHasher()


def _prepare_in_worker(chunk: tuple[list[Article], int]) -> tuple[list[Prepared], int]:
    return _prepare_chunk(chunk, _WORKER["hasher"])


def _bounded_map(
    pool: ProcessPoolExecutor, chunks: Iterator[tuple[list[Article], int]], *, window: int
) -> Iterator[tuple[list[Prepared], int]]:
    """pool.map in order, with at most `window` chunks in flight (memory stays bounded)."""
    pending: deque[Future[tuple[list[Prepared], int]]] = deque()
    for chunk in chunks:
        pending.append(pool.submit(_prepare_in_worker, chunk))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
