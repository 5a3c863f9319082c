"""The corpus page's scan: run once per version of the corpus file, in the worker pool.

A scan reads the whole corpus, so the first request starts it and returns at once
(the page reloads itself); later requests get the kept result until the file changes.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from retold.web import jobs
from retold.web.pool import WorkerPool

SCAN_SECONDS = 1800.0  # a scan may run this long; `retold scan` has no limit
FIRST_WAIT = 2.0  # a small corpus is scanned while the first request waits


class Scans:
    def __init__(self, db: str, pool: WorkerPool) -> None:
        self.db = db
        self.pool = pool
        self._result: dict[str, Any] | None = None
        self._result_stamp: tuple[int, ...] | None = None
        self._task: asyncio.Task[dict[str, Any]] | None = None
        self._task_stamp: tuple[int, ...] | None = None

    def _stamp(self) -> tuple[int, ...]:
        """The corpus file's version: size and time of the file and its write-ahead log."""
        stamp: list[int] = []
        for path in (self.db, self.db + "-wal"):
            try:
                info = os.stat(path)
            except OSError:
                continue
            stamp += [info.st_size, info.st_mtime_ns]
        return tuple(stamp)

    async def summary(self) -> dict[str, Any] | None:
        """The scan summary of the current file, or None while it runs. A failed scan
        raises its error once; the next request starts it again."""
        stamp = self._stamp()
        if self._result is not None and self._result_stamp == stamp:
            return self._result
        if self._task is None or self._task_stamp != stamp:
            self._task = asyncio.create_task(
                self.pool.run(jobs.scan_summary, self.db, limit=SCAN_SECONDS)
            )
            self._task_stamp = stamp
            await asyncio.wait([self._task], timeout=FIRST_WAIT)
        if not self._task.done():
            return None
        task, self._task = self._task, None
        self._result, self._result_stamp = task.result(), self._task_stamp
        return self._result
