"""A bounded pool of worker processes for the app's CPU work (compare, trace, scan).

compare is CPU-bound Python: run inside the server it would hold the event loop (and
the GIL) for its whole length, so a 1 MB compare froze every other request. Here each
job runs in one of `workers` slots, a process of its own; at most `queue` requests
wait for a slot, each for at most `wait` seconds, and a job that runs past its limit
has its process killed and replaced. Every refusal is a `Busy` (HTTP 503 with a hint),
never a hung request.
"""

from __future__ import annotations

import asyncio
import importlib
import os
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any, Literal, TypeVar

from retold.errors import RetoldError

T = TypeVar("T")
Kind = Literal["process", "thread"]
WORKER_NICENESS = 10  # below the server's priority (see _start_process)


@dataclass(frozen=True)
class Limits:
    """How much work the app takes on at once. The defaults suit a 2-core machine."""

    workers: int = min(2, os.cpu_count() or 1)  # jobs running at once, one process each
    queue: int = 8  # requests waiting for a worker; more get 503 at once
    wait: float = 30.0  # seconds a request may wait for a worker
    run: float = 300.0  # seconds a job may run (a 1 MB + 1 MB compare takes about 30 s)


class Busy(Exception):
    """The pool cannot take or finish this job: HTTP 503, with `retry_after` seconds."""

    def __init__(self, code: str, message: str, hint: str, retry_after: int = 30) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint
        self.retry_after = retry_after


def _warm() -> None:
    """Import the library in a new worker, so its first job does not pay for it."""
    for module in ("retold.compare", "retold.web.jobs"):
        importlib.import_module(module)


def _start_process() -> None:
    """A worker process yields the CPU to the server: on a busy machine the event loop
    still answers at once while compares run."""
    os.nice(WORKER_NICENESS)
    _warm()


def _call(fn: Callable[..., T], args: tuple[Any, ...]) -> tuple[bool, Any]:
    """Run `fn` in the worker. A RetoldError comes back with its hint (pickling an
    exception keeps only its message)."""
    try:
        return True, fn(*args)
    except RetoldError as exc:
        return False, (exc, exc.message, exc.hint)


class _Slot:
    """One worker: an executor with a single process (or thread) that can be replaced."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind
        self.executor = self._new()
        self.stopped = False

    def _new(self) -> Executor:
        if self.kind == "thread":
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix="retold-job")
        # Not a fork of the server (it has threads; a forked copy of a held lock never
        # opens): workers fork from a clean server process that has imported the library
        # once, so a worker starts in milliseconds and never re-runs the caller's script.
        context = get_context("forkserver")
        context.set_forkserver_preload(["retold.web.jobs"])
        return ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_start_process)

    def stop(self) -> None:
        """End the worker now, job and all (a thread cannot be killed: it is left to
        finish and its result dropped)."""
        if isinstance(self.executor, ProcessPoolExecutor):
            for process in list((self.executor._processes or {}).values()):
                process.kill()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.stopped = True

    def kill(self) -> None:
        """Stop the running job for good and start afresh (unless the pool is closing)."""
        closing = self.stopped
        self.stop()
        if not closing:
            self.executor = self._new()
            self.stopped = False


class WorkerPool:
    """`await pool.run(fn, *args)` runs `fn(*args)` in a worker; `fn` must be importable
    (a module-level function) and its arguments and result picklable."""

    def __init__(self, limits: Limits = Limits(), *, kind: Kind = "process") -> None:
        self.limits = limits
        self.kind = kind
        self._slots: list[_Slot] = []
        self._free: asyncio.Queue[_Slot] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiting = 0

    def start(self) -> None:
        """Start the workers now (they import the library while the server starts)."""
        if not self._slots:
            self._slots = [_Slot(self.kind) for _ in range(self.limits.workers)]
            for slot in self._slots:
                slot.executor.submit(_warm)

    def close(self) -> None:
        """Stop every worker now: a server told to stop does not wait for a long job."""
        for slot in self._slots:
            slot.stop()
        self._slots = []
        self._free = None

    def _queue(self) -> asyncio.Queue[_Slot]:
        loop = asyncio.get_running_loop()
        if self._free is None or self._loop is not loop:
            self.start()
            self._free = asyncio.Queue()
            self._loop = loop
            for slot in self._slots:
                self._free.put_nowait(slot)
        return self._free

    async def run(self, fn: Callable[..., T], *args: Any, limit: float | None = None) -> T:
        """fn(*args) in a worker; `Busy` when none is free in time or it runs too long."""
        slot = await self._acquire()
        try:
            return await self._run_in(slot, fn, args, limit or self.limits.run)
        finally:
            if self._free is not None and self._loop is asyncio.get_running_loop():
                self._free.put_nowait(slot)

    async def _acquire(self) -> _Slot:
        free = self._queue()
        try:
            return free.get_nowait()  # no await between looking and taking
        except asyncio.QueueEmpty:
            pass
        if self._waiting >= self.limits.queue:
            raise Busy(
                "busy",
                f"the server is busy: {self._waiting} requests are already waiting",
                "try again in a minute, or start your own server (`retold serve`)",
            )
        self._waiting += 1
        try:
            return await asyncio.wait_for(free.get(), self.limits.wait)
        except TimeoutError:
            raise Busy(
                "busy",
                f"the server is busy: no worker was free for {self.limits.wait:.0f} s",
                "try again in a minute; a large article keeps a worker busy for a while",
            ) from None
        finally:
            self._waiting -= 1

    async def _run_in(
        self, slot: _Slot, fn: Callable[..., T], args: tuple[Any, ...], limit: float
    ) -> T:
        future = asyncio.wrap_future(slot.executor.submit(_call, fn, args))
        try:
            ok, value = await asyncio.wait_for(future, limit)
        except TimeoutError:
            slot.kill()
            raise Busy(
                "timeout",
                f"the job ran over {limit:.0f} s and was stopped",
                "send shorter articles, or use the command line (`retold compare`), "
                "which has no time limit",
            ) from None
        except BrokenProcessPool:
            slot.kill()  # the worker died (out of memory, killed): start a new one
            raise Busy(
                "worker_lost",
                "the worker running this job stopped unexpectedly",
                "try again; if it happens again, the input may be too large for this server",
            ) from None
        except asyncio.CancelledError:
            slot.kill()  # the server is stopping: do not leave the job running
            raise
        if not ok:
            exc, message, hint = value
            exc.message, exc.hint = message, hint
            raise exc
        result: T = value
        return result
