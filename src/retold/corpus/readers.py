"""Readers: directories of .txt/.html, JSON Lines and WARC crawls -> a stream of Articles.

Each reader yields `Item`s: an Article, or a `Skipped` record that says where a bad
record was and why, so one broken record never stops a load. Decoding and title rules
are those of `retold.text.load`, so an indexed article reads exactly as `compare` reads it.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import redirect_stderr
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

from retold.corpus.warc import Frame, frames
from retold.errors import CorpusError, InputError
from retold.text.article import Article
from retold.text.load import (
    MAX_BYTES,
    article_from_html,
    article_from_record,
    decode,
    load_json,
    parse_article,
    too_big,
)

TEXT_SUFFIXES = (".txt", ".html", ".htm", ".json")
STREAM_SUFFIXES = (".jsonl", ".ndjson", ".warc", ".warc.gz")
SUFFIXES = TEXT_SUFFIXES + STREAM_SUFFIXES


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record that could not be read: where it is and why."""

    location: str
    reason: str


@dataclass(frozen=True, slots=True)
class Item:
    """One record read from an input: an article or a skip, and the input bytes it used."""

    article: Article | None
    skipped: Skipped | None
    nbytes: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    """An input file and the id prefix its articles get (path relative to the root given)."""

    path: Path
    relative: str

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def find_sources(paths: Sequence[str]) -> list[Source]:
    """Every readable input under `paths` (directories recursively), checked up front."""
    sources: list[Source] = []
    for given in paths:
        root = Path(given)
        if not root.exists():
            raise CorpusError(f"{given} does not exist", hint="check the path")
        if root.is_file():
            sources.append(Source(root, root.name))
            continue
        if not root.is_dir():
            raise CorpusError(
                f"{given} is not a regular file or directory (a pipe, device or socket)",
                hint="pass a directory of articles, a JSON Lines file or a WARC crawl",
            )
        found = sorted(p for p in root.rglob("*") if p.is_file() and _suffix(p) in SUFFIXES)
        if not found:
            raise CorpusError(
                f"{given} holds no .txt, .html, .json, .jsonl or .warc(.gz) files",
                hint="pass a directory of articles, a JSON Lines file or a WARC crawl",
            )
        sources.extend(Source(p, p.relative_to(root).as_posix()) for p in found)
    return sources


def read_source(source: Source) -> Iterator[Item]:
    """The articles of one input file, by its kind."""
    kind = _suffix(source.path)
    if kind in (".jsonl", ".ndjson"):
        yield from read_jsonl(source.path, name=source.relative)
    elif kind in (".warc", ".warc.gz"):
        yield from read_warc(source.path, name=source.relative)
    else:
        yield read_file(source)


def _skip(location: str, reason: str, nbytes: int) -> Item:
    """A skipped record; its reason is said once ("a.jsonl:2 is empty" -> "is empty")."""
    reason = reason.removeprefix(f"{location}: ").removeprefix(f"{location} ")
    return Item(None, Skipped(location, reason), nbytes)


def _guarded(location: str, nbytes: int, make: Callable[[], Item]) -> Item:
    """`make()`, with any failure on this one record turned into a skip: a load never
    stops at one record. An error that is not an InputError is a bug, and says so."""
    try:
        return make()
    except InputError as exc:
        return _skip(location, str(exc), nbytes)
    except OSError as exc:
        return _skip(location, f"cannot be read: {exc.strerror or exc}", nbytes)
    except Exception as exc:
        return _skip(location, f"internal error ({_brief(exc)}); please report it", nbytes)


def read_file(source: Source) -> Item:
    """One .txt/.html/.json article; its id is the path relative to the directory given."""
    return _guarded(source.relative, source.size, partial(_file_item, source))


def _file_item(source: Source) -> Item:
    with source.path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    text, note = decode(data, name=source.relative)
    kind = {".json": "json", ".html": "html", ".htm": "html"}.get(_suffix(source.path), "txt")
    article = parse_article(text, name=source.relative, kind=kind)
    if kind != "json" or not article.id:
        article = _with(article, id=source.relative)
    return Item(article, None, source.size, _notes(note, article))


def _notes(note: str | None, article: Article) -> str:
    return "; ".join(n for n in (note, *article.notes) if n)


def _with(article: Article, **fields: str) -> Article:
    return Article(**{**article.__dict__, **fields})


def read_jsonl(path: Path, *, name: str) -> Iterator[Item]:
    """One article a line (`text`, optional `id`, `title`, `date`, `url`, `publisher`).

    Lines are read at most MAX_BYTES at a time: a longer line is skipped, not held.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield _skip(name, f"cannot be read: {exc.strerror}", 0)
        return
    with handle:
        for number, raw in enumerate(iter(lambda: handle.readline(MAX_BYTES + 1), b""), 1):
            location = f"{name}:{number}"
            if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
                nbytes = len(raw) + _rest_of_line(handle)
                yield _skip(location, too_big(location, nbytes).message, nbytes)
            else:
                yield jsonl_line(raw, location)


def jsonl_line(raw: bytes, location: str) -> Item:
    """One line of a JSON Lines file (at most MAX_BYTES, as read) as an Item: the Spark
    engine reads lines itself and calls this, so both engines read a line alike."""
    if not raw.strip():
        return Item(None, None, len(raw))
    return _guarded(location, len(raw), partial(_jsonl_item, raw, location))


def read_record(record: object, location: str, nbytes: int = 0) -> Item:
    """A record already parsed (a Parquet row as a dict) as an Item, by the rules of a
    JSON Lines record."""
    return _guarded(location, nbytes, partial(_record_item, record, location, nbytes))


def _record_item(record: object, location: str, nbytes: int) -> Item:
    article = article_from_record(record, id=location)
    return Item(article, None, nbytes, _notes(None, article))


def _rest_of_line(handle: BinaryIO) -> int:
    """Read past the rest of an over-long line; how many bytes it had (newline aside)."""
    skipped = 0
    while chunk := handle.readline(1 << 20):
        if chunk.endswith(b"\n"):
            return skipped + len(chunk) - 1
        skipped += len(chunk)
    return skipped


def _jsonl_item(raw: bytes, location: str) -> Item:
    text, note = decode(raw, name=location)
    article = article_from_record(load_json(text, name=location), id=location)
    return Item(article, None, len(raw), _notes(note, article))


def read_warc(path: Path, *, name: str) -> Iterator[Item]:
    """HTML responses of a WARC/WARC.gz crawl: main text, the URL as id, the crawl date.

    A damaged record (cut, a wrong Content-Length, a failed digest, junk) is skipped
    and named by its offset; reading goes on at the next record (see `corpus.warc`).
    """
    try:
        handle = path.open("rb")
        size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        yield _skip(name, f"cannot be read: {exc.strerror}", 0)
        return
    with handle:
        yield from warc_items(handle, size, name=name)


def warc_items(handle: BinaryIO, size: int, *, name: str) -> Iterator[Item]:
    """The records of an open WARC/WARC.gz stream of `size` bytes (see `read_warc`)."""
    for frame in frames(handle, size):
        location = f"{name}@{frame.where}"
        yield _guarded(location, frame.nbytes, partial(_warc_item, frame, location))


def _warc_item(frame: Frame, location: str) -> Item:
    """An Item for an HTML response record; an empty Item for other records."""
    if frame.problem:
        return _skip(location, f"unreadable WARC record: {frame.problem}", frame.nbytes)
    try:
        with redirect_stderr(io.StringIO()):  # warcio reports bad encodings on stderr
            found = _html_response(frame.data, check=not frame.oversize)
    except Exception as exc:  # warcio raises a dozen types on a record it cannot parse
        return _skip(location, f"unreadable WARC record ({_brief(exc)})", frame.nbytes)
    if found is None:
        return Item(None, None, frame.nbytes)
    url, date, data = found
    url = url or location
    if frame.oversize:
        reason = f"is over the {MAX_BYTES:,}-byte limit"
        return _skip(f"{location} ({url})", reason, frame.nbytes)
    try:
        html, _ = decode(data, name=url)
        article = article_from_html(html, id=url, url=url)
    except InputError as exc:
        return _skip(f"{location} ({url})", str(exc).removeprefix(url + " "), frame.nbytes)
    # the crawl date, not a date guessed from the page's text: an upper bound on publication
    return Item(_with(article, id=url, date=date or article.date), None, frame.nbytes)


def _html_response(record_bytes: bytes, *, check: bool) -> tuple[str, str, bytes] | None:
    """(URL, crawl date, payload) of one whole WARC record when it is an HTML response.

    The whole record is read, so a block or payload digest that does not match raises.
    """
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(io.BytesIO(record_bytes), check_digests="raise" if check else False)
    record = next(records)
    if record.rec_type != "response":
        return None
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type") if headers else "") or ""
    if "html" not in content_type.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    date = record.rec_headers.get_header("WARC-Date") or ""
    data = record.content_stream().read(MAX_BYTES + 1)
    while record.raw_stream.read(1 << 16):  # to the end: the digests are checked there
        pass
    return str(url), str(date), bytes(data)


def _brief(exc: Exception) -> str:
    """An exception as a short printable line (warcio quotes raw bytes)."""
    lines = str(exc).strip().splitlines()
    text = "".join(c if c.isprintable() else "?" for c in (lines[0] if lines else ""))
    return f"{type(exc).__name__}: {text[:100]}" if text else type(exc).__name__


def summarize(skips: Sequence[Skipped]) -> str:
    """`3 records skipped: 2 not valid JSON, 1 is empty`: counts by reason."""
    if not skips:
        return ""
    reasons: dict[str, int] = {}
    for skip in skips:
        reasons[_reason_kind(skip.reason)] = reasons.get(_reason_kind(skip.reason), 0) + 1
    parts = ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items(), key=lambda r: -r[1]))
    noun = "record" if len(skips) == 1 else "records"
    return f"{len(skips)} {noun} skipped: {parts}"


def _reason_kind(reason: str) -> str:
    for key, label in (
        ("not valid JSON", "not valid JSON"),
        ("WARC", "unreadable WARC record"),
        ("is empty", "empty"),
        ("binary", "binary"),
        ("not UTF-8", "undecodable"),
        ("no article text", "no article text"),
        ('has no "text"', "no text field"),
        ("limit", "too big"),
        ("cannot be read", "unreadable file"),
        ("nested too deeply", "not valid JSON"),
        ("internal error", "internal error"),
    ):
        if key in reason:
            return label
    return "other"
