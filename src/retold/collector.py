"""Fewer automatic garbage collections while a comparison runs.

A comparison allocates tens of thousands of small tuples, lists and dicts, nearly all
of them short-lived and none in reference cycles of note; CPython's default young-
generation threshold (700 net allocations) then runs a collection every few dozen
microseconds, each one walking the documents cached so far. Raising the threshold
for the duration of a compare cut a quarter of its time in `benchmarks/speed.py`.
The old threshold comes back when the last concurrent compare ends, so the setting
never leaks to the caller; cyclic garbage is still collected, only less often.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 200_000  # net allocations between young-generation collections

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] = gc.get_threshold()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the body with a high young-generation threshold (re-entrant, thread-safe)."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            if 0 < _saved[0] < YOUNG_THRESHOLD:  # 0: the caller turned collection off
                gc.set_threshold(YOUNG_THRESHOLD, *_saved[1:])
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.set_threshold(*_saved)
