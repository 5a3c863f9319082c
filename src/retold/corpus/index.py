"""Indexing: a stream of articles -> fingerprints -> the store, in batches.

Fingerprints only (never `compare`): hashing, tokenising and hashing n-grams.
A batch is one transaction, so Ctrl-C loses at most the batch under way and a rerun
skips every article already stored (by content hash).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from retold.article import Article
from retold.corpus.readers import Item, Skipped, summarize
from retold.corpus.store import Prepared, Store, prepare

BATCH = 1000

Progress = Callable[[int, int], None]  # (input bytes consumed, articles read) since last call


@dataclass
class IndexResult:
    """What an index run did."""

    read: int = 0
    added: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def duplicates(self) -> int:
        return self.read - self.added

    def summary(self) -> str:
        """One line for stderr: `indexed 120 new articles (3 already stored); 1 skipped: …`."""
        text = f"indexed {self.added:,} new articles ({self.duplicates:,} already stored)"
        skipped = summarize(self.skipped)
        return f"{text}; {skipped}" if skipped else text


def index_items(
    store: Store,
    items: Iterable[Item | Article],
    *,
    batch_size: int = BATCH,
    progress: Progress | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> IndexResult:
    """Fingerprint and store every article of `items`; report skips as they come."""
    result = IndexResult()
    batch: list[Prepared] = []
    pending_bytes = 0
    for item in items:
        if isinstance(item, Article):
            item = Item(item, None, 0)
        pending_bytes += item.nbytes
        if item.note:
            result.notes.append(item.note)
        if item.skipped is not None:
            result.skipped.append(item.skipped)
            if on_skip:
                on_skip(item.skipped)
        if item.article is None:
            continue
        batch.append(prepare(item.article))
        result.read += 1
        if len(batch) >= batch_size:
            result.added += store.write(batch)
            if progress:
                progress(pending_bytes, len(batch))
            batch, pending_bytes = [], 0
    if batch:
        result.added += store.write(batch)
    if progress:
        progress(pending_bytes, len(batch))
    return result
