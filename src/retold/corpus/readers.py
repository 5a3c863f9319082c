"""Readers: directories of .txt/.html, JSON Lines and WARC crawls -> a stream of Articles.

Each reader yields `Item`s: an Article, or a `Skipped` record that says where a bad
record was and why, so one broken record never stops a load. Decoding and title rules
are those of `retold.text.load`, so an indexed article reads exactly as `compare` reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from retold.errors import CorpusError, InputError
from retold.text.article import Article
from retold.text.load import (
    MAX_BYTES,
    article_from_html,
    article_from_record,
    decode,
    load_json,
    parse_article,
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
    return Item(None, Skipped(location, reason.removeprefix(f"{location} ")), nbytes)


def read_file(source: Source) -> Item:
    """One .txt/.html/.json article; its id is the path relative to the directory given."""
    size = source.size
    try:
        with source.path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        text, note = decode(data, name=source.relative)
        kind = {".json": "json", ".html": "html", ".htm": "html"}.get(_suffix(source.path), "txt")
        article = parse_article(text, name=source.relative, kind=kind)
    except InputError as exc:
        return _skip(source.relative, str(exc), size)
    except OSError as exc:
        return _skip(source.relative, f"cannot be read: {exc.strerror}", size)
    if kind != "json" or not article.id:
        article = _with(article, id=source.relative)
    return Item(article, None, size, note or "")


def _with(article: Article, **fields: str) -> Article:
    return Article(**{**article.__dict__, **fields})


def read_jsonl(path: Path, *, name: str) -> Iterator[Item]:
    """One article a line (`text`, optional `id`, `title`, `date`, `url`, `publisher`)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield _skip(name, f"cannot be read: {exc.strerror}", 0)
        return
    with handle:
        for number, raw in enumerate(handle, 1):
            location = f"{name}:{number}"
            if not raw.strip():
                yield Item(None, None, len(raw))
                continue
            try:
                text, _ = decode(raw, name=location)
                article = article_from_record(load_json(text, name=location), id=location)
            except InputError as exc:
                yield _skip(location, str(exc), len(raw))
                continue
            yield Item(article, None, len(raw))


def read_warc(path: Path, *, name: str) -> Iterator[Item]:
    """HTML responses of a WARC/WARC.gz crawl: main text, the URL as id, the crawl date.

    Records whose digests do not match (a cut or damaged record) are skipped; when the
    file cannot be read past a damaged record, the rest of it is reported as dropped.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        handle = path.open("rb")
    except OSError as exc:
        yield _skip(name, f"cannot be read: {exc.strerror}", 0)
        return
    with handle:
        records = ArchiveIterator(handle, check_digests="raise")  # a cut record fails its digest
        last = 0
        failed = False
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
                if not failed:  # the record just reported cannot be stepped over
                    where = f"{name}@{last}"
                    yield _skip(where, f"unreadable WARC record, rest of file dropped ({exc})", 0)
                break
            try:
                item = _warc_item(record, lambda: f"{name}@{records.get_record_offset()}")
            except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
                item = _skip(f"{name}@{last}", f"unreadable WARC record ({exc})", 0)
            position = handle.tell()
            failed = item is not None and item.skipped is not None
            if item is not None:
                yield Item(item.article, item.skipped, max(0, position - last), item.note)
                last = position


def _warc_item(record: object, where: Callable[[], str]) -> Item | None:
    """An Item for an HTML response record; None for other records (requests, metadata).

    The content is read before `where()` asks for the record's offset: warcio moves
    past the record when its offset is asked for first.
    """
    rec_type = getattr(record, "rec_type", "")
    if rec_type != "response":
        return None
    headers = record.http_headers  # type: ignore[attr-defined]
    content_type = (headers.get_header("Content-Type") if headers else "") or ""
    if "html" not in content_type.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""  # type: ignore[attr-defined]
    date = record.rec_headers.get_header("WARC-Date") or ""  # type: ignore[attr-defined]
    data = record.content_stream().read(MAX_BYTES + 1)  # type: ignore[attr-defined]
    location = where()
    missing = getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
    if len(data) <= MAX_BYTES and missing:
        return _skip(location, f"unreadable WARC record: cut short, {missing} bytes missing", 0)
    url = url or location
    try:
        html, _ = decode(data, name=url)
        article = article_from_html(html, id=url, url=url)
    except InputError as exc:
        return _skip(f"{location} ({url})", str(exc), 0)
    # the crawl date, not a date guessed from the page's text: an upper bound on publication
    return Item(_with(article, id=url, date=date or article.date), None, 0)


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
    ):
        if key in reason:
            return label
    return "other"
