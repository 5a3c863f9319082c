"""The collector setting a compare changes is the caller's again afterwards."""

from __future__ import annotations

import gc
import threading

from retold import compare
from retold.collector import YOUNG_THRESHOLD, fewer_collections

SOURCE = "Harbour Board\n\nThe harbour board voted on Monday to dredge the channel.\n"
DERIVED = "Harbour news\n\nThe harbour board voted to dredge the channel, officials said.\n"


def test_threshold_is_raised_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] == max(before[0], YOUNG_THRESHOLD)
        with fewer_collections():  # re-entrant
            assert gc.get_threshold()[0] == max(before[0], YOUNG_THRESHOLD)
        assert gc.get_threshold()[0] == max(before[0], YOUNG_THRESHOLD)
    assert gc.get_threshold() == before
    compare(SOURCE, DERIVED)
    assert gc.get_threshold() == before


def test_concurrent_compares_restore_the_threshold() -> None:
    before = gc.get_threshold()
    threads = [threading.Thread(target=compare, args=(SOURCE, DERIVED)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert gc.get_threshold() == before


def test_collection_turned_off_by_the_caller_stays_off() -> None:
    before = gc.get_threshold()
    gc.set_threshold(0)
    try:
        with fewer_collections():
            assert gc.get_threshold()[0] == 0
        assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)
