"""The corpus file itself: checked before use, opened for reading without write access,
shared safely between writers, and its failures told as CorpusErrors.

- Before anything is written, the file must be a whole SQLite file (its header, its
  length a whole number of pages) that passes `PRAGMA quick_check` (about 5 ms a MB):
  index used to write into a damaged file and exit 0.
- Readers (`trace`, `scan`, `--stats`) open it read-only, so a corpus in a read-only
  directory can be searched; without a -wal file left by a writer it is opened as
  immutable (SQLite cannot make the shared-memory file there).
- Writers wait up to BUSY_SECONDS for one another (SQLite's busy timeout), then say so.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import suppress
from functools import wraps
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from retold.errors import CorpusError

BUSY_SECONDS = 60.0
RETRY_PAUSE = 0.05  # seconds between tries while SQLite will not wait for a lock itself
_MAGIC = b"SQLite format 3\x00"
DAMAGE = (sqlite3.Error, zlib.error, UnicodeDecodeError)  # what a damaged file raises on read

P = ParamSpec("P")
R = TypeVar("R")


class HasPath(Protocol):
    path: str


S = TypeVar("S", bound=HasPath)


def fail(path: str, exc: Exception) -> CorpusError:
    """A CorpusError that says what went wrong with the file and what to do."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return CorpusError(
            f"{path} is being written by another process",
            hint="wait for the other `retold index` to finish, then run this again",
        )
    if "readonly" in text or "unable to open" in text or "disk I/O" in text:
        return CorpusError(
            f"cannot write the corpus {path}: {text}",
            hint="pass a DB path in a directory you can write to",
        )
    if not isinstance(exc, sqlite3.Error) or any(
        word in text for word in ("not a database", "malformed", "decode", "no such")
    ):
        return CorpusError(
            f"{path} is not a retold corpus or is damaged: {text}",
            hint="pass the .db file made by `retold index`, or index into a new file",
        )
    return CorpusError(f"corpus {path}: {text}", hint="check the file and retry")


def reads(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """A Store method whose SQLite, zlib or UTF-8 failures are CorpusErrors."""

    @wraps(method)
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except DAMAGE as exc:
            raise fail(self.path, exc) from exc

    return wrapper


def streams(
    method: Callable[Concatenate[S, P], Iterator[R]],
) -> Callable[Concatenate[S, P], Iterator[R]]:
    """`reads` for a generator method: failures while it is iterated."""

    @wraps(method)
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> Iterator[R]:
        try:
            yield from method(self, *args, **kwargs)
        except DAMAGE as exc:
            raise fail(self.path, exc) from exc

    return wrapper


def check_file(path: str, *, create: bool) -> bool:
    """Refuse a path that cannot be a corpus; True when the file holds data already."""
    file = Path(path)
    if not file.exists():
        if not create:
            raise CorpusError(
                f"{path} does not exist", hint="build it first with `retold index DB PATH...`"
            )
        return False
    mode = file.stat().st_mode
    if stat.S_ISDIR(mode):
        raise CorpusError(f"{path} is a directory", hint="pass a file name such as news.db")
    if not stat.S_ISREG(mode):
        raise CorpusError(f"{path} is not a regular file", hint="pass a file name such as news.db")
    size = file.stat().st_size
    if size == 0:
        return False
    with file.open("rb") as handle:
        header = handle.read(100)
    page = int.from_bytes(header[16:18], "big") if len(header) == 100 else 0
    page = 65536 if page == 1 else page
    if not header.startswith(_MAGIC) or page < 512 or page & (page - 1) or size % page:
        raise CorpusError(
            f"{path} is not a retold corpus or is damaged (not a whole SQLite file)",
            hint="pass the .db file made by `retold index`, or index into a new file",
        )
    return True


def open_writer(path: str, *, existing: bool) -> sqlite3.Connection:
    """A connection that may write; an existing file must pass quick_check first."""
    conn = sqlite3.connect(
        path, isolation_level=None, check_same_thread=False, timeout=BUSY_SECONDS
    )
    try:
        if existing:
            problems = [str(r[0]) for r in conn.execute("PRAGMA quick_check(3)")]
            if problems != ["ok"]:
                raise CorpusError(
                    f"{path} is damaged ({'; '.join(problems)}); nothing was written to it",
                    hint="index into a new file (retold trace and scan may still read it)",
                )
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn


def open_reader(path: str) -> sqlite3.Connection:
    """A read-only connection; immutable where SQLite cannot share the file (a read-only
    directory) and no writer's log is waiting to be read."""
    uri = Path(path).resolve().as_uri()
    options = {"isolation_level": None, "check_same_thread": False, "uri": True}
    conn = sqlite3.connect(f"{uri}?mode=ro", timeout=BUSY_SECONDS, **options)  # type: ignore[arg-type]
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        text = str(exc)
        if Path(path + "-wal").exists() or not ("readonly" in text or "unable to open" in text):
            raise
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", **options)  # type: ignore[arg-type]


def create_exclusively(path: str) -> bool:
    """Make the (empty) file if no one has: True only for the one process that made it,
    so that of two index runs started at once only its maker may ever remove it."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except OSError:  # there already, or not ours to make: SQLite will say why on opening
        return False
    return True


def transient(exc: BaseException) -> bool:
    """A lock another writer holds that SQLite reports at once instead of waiting (it
    does so where waiting could deadlock, e.g. while the other sets up the file)."""
    text = str(exc)
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def retried(attempt: Callable[[], R], seconds: float = BUSY_SECONDS) -> R:
    """attempt(), again after a short pause while another writer holds the file."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return attempt()
        except sqlite3.OperationalError as exc:
            if not transient(exc) or time.monotonic() > deadline:
                raise
        time.sleep(RETRY_PAUSE)


def unused_and_empty(path: str) -> bool:
    """No other connection has the file and it holds no article: safe to delete. An open
    file deleted under another writer gives it a disk I/O error."""
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=0)
    except sqlite3.Error:
        return False
    try:
        conn.execute("BEGIN EXCLUSIVE")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        return (
            "articles" not in tables
            or not conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone()
        )
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def remove(path: str) -> None:
    """Delete a corpus file this run made and left empty, with its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        with suppress(OSError):  # never made (a path through a file), or not ours to remove
            Path(path + suffix).unlink(missing_ok=True)
