"""Loading articles: .txt, .html, .json and stdin -> Article, with checked decoding."""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from pathlib import Path

import regex

from retold.errors import EncodingError, InputError
from retold.text.article import Article
from retold.text.boilerplate import is_boilerplate
from retold.text.decoding import Unsure, detect
from retold.text.tokens import word_count

MAX_BYTES = 5_000_000  # 5 MB: far above any news article, small enough to stay fast
# A lone surrogate (JSON "\ud800", a Python str) cannot be written as UTF-8 or hashed.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_TITLE_WORDS = 25
_VISIBLE = regex.compile(r"[^\s\p{Cc}\p{Cf}\p{Z}]")
_HTML_SNIFF = regex.compile(
    r"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", regex.I
)


def too_big(name: str, size: int) -> InputError:
    """The refusal of an input over MAX_BYTES, giving its real size."""
    return InputError(
        f"{name} is {size:,} bytes, over the {MAX_BYTES:,}-byte limit",
        hint="pass a single article, not a whole collection (use `retold index` for many)",
    )


def decode(data: bytes, *, name: str, encoding: str | None = None) -> tuple[str, str | None]:
    """Bytes -> text. Returns (text, note) where note says when a fallback was used."""
    if len(data) > MAX_BYTES:
        raise too_big(name, len(data))
    if encoding:
        try:
            return data.decode(encoding), None
        except (LookupError, UnicodeDecodeError) as exc:
            raise EncodingError(f"{name} cannot be decoded as {encoding}: {exc}") from exc
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            f"{name} looks like a binary file, not text", hint="pass a .txt, .html or .json article"
        )
    try:
        found = detect(data)
    except Unsure as exc:
        readings = f" (it reads as {' or '.join(exc.candidates[:3])})" if exc.candidates else ""
        raise EncodingError(
            f"{name} is not UTF-8 and its encoding could not be told for sure{readings}",
            hint="convert it to UTF-8, or pass --encoding (e.g. --encoding cp1252)",
        ) from exc
    if found.repaired:
        noun = "byte" if found.repaired == 1 else "bytes"
        return found.text, (
            f"{name} is UTF-8 but for {found.repaired} {noun}, read as cp1252"
            " (pass --encoding to choose another)"
        )
    if found.encoding:
        return found.text, f"{name} is not UTF-8; decoded as {found.encoding}"
    return found.text, None


def read_bytes(path: str) -> tuple[bytes, str]:
    """The raw bytes of a path ('-' is stdin) and a name for messages.

    Only regular files are read: a FIFO or device would block or never end.
    """
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:  # its real size is unknown without reading it all
            raise InputError(
                f"standard input is over the {MAX_BYTES:,}-byte limit",
                hint="pass a single article, not a whole collection (use `retold index` for many)",
            )
        return data, "standard input"
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError as exc:
        raise InputError(f"{path} does not exist", hint="check the path") from exc
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror}") from exc
    if stat.S_ISDIR(mode):
        raise InputError(
            f"{path} is a directory", hint="pass one article file (or use `retold index`)"
        )
    if not stat.S_ISREG(mode):
        raise InputError(
            f"{path} is not a regular file (a pipe, device or socket)",
            hint="pass an article file, or - to read standard input",
        )
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise too_big(path, size)
            return handle.read(MAX_BYTES + 1), path
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror}") from exc


def _split_title(text: str) -> tuple[str, tuple[int, int]]:
    """A first line that is short, unpunctuated and followed by a blank line is the title.

    Boilerplate lines before it (a byline, a URL) are skipped over, not taken as the title.
    """
    pos = 0
    for _ in range(3):
        while pos < len(text) and text[pos].isspace():
            pos += 1
        nl = text.find("\n", pos)
        if nl == -1:
            return "", (0, 0)
        line = text[pos:nl].strip()
        words = word_count(line)
        if is_boilerplate(line, words):
            pos = nl + 1
            continue
        after = nl + 1  # is the next line blank? (looked at in place: no copy of the text)
        while after < len(text) and text[after] in " \t\r":
            after += 1
        blank_after = text.startswith("\n", after)
        if 0 < words <= MAX_TITLE_WORDS and blank_after and not line.endswith((".", ":", ",", ";")):
            return line, (pos, nl)
        return "", (0, 0)
    return "", (0, 0)


def without_surrogates(text: str) -> tuple[str, int]:
    """Lone surrogates replaced by U+FFFD, one character for one (offsets hold), and
    how many there were."""
    if text.isascii():
        return text, 0
    return _LONE_SURROGATE.subn("\ufffd", text)


def clean_article(article: Article) -> Article:
    """The article with every lone surrogate in its text and metadata replaced (noted)."""
    fields = {"text": article.text, "id": article.id, **article.meta()}
    cleaned = {key: without_surrogates(value) for key, value in fields.items()}
    replaced = sum(n for _, n in cleaned.values())
    if not replaced:
        return article
    noun = "lone surrogate" if replaced == 1 else "lone surrogates"
    note = f"{article.id or 'the article'}: {replaced} {noun} replaced with U+FFFD"
    values = {key: value for key, (value, _) in cleaned.items()}
    return Article(**{**article.__dict__, **values, "notes": (*article.notes, note)})


def _article(
    text: str, id: str, meta: dict[str, str], title_span: tuple[int, int] = (0, 0)
) -> Article:
    article = Article(
        text=text,
        id=id,
        title=meta.get("title", ""),
        date=meta.get("date", ""),
        url=meta.get("url", ""),
        publisher=meta.get("publisher", ""),
        title_span=title_span,
    )
    return clean_article(article)


def is_blank(text: str) -> bool:
    """Nothing to read: only spaces, controls and invisible format characters (zero-width
    spaces and joiners, byte-order marks, soft hyphens, direction marks)."""
    return _VISIBLE.search(text) is None


def check_size(text: str, name: str) -> None:
    """Refuse text over MAX_BYTES as UTF-8: the limit holds for text given in memory (the
    web API, Python) as it does for files."""
    if len(text) > MAX_BYTES // 4:  # shorter text cannot be over, whatever its characters
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_BYTES:
            raise too_big(name, size)


def article_from_text(text: str, *, id: str = "", **meta: str) -> Article:
    """An Article from plain text; a leading title line is kept in `title`."""
    check_size(text, id or "the article")
    if is_blank(text):
        raise InputError(
            f"{id or 'the article'} is empty", hint="pass a file with the article's text"
        )
    title, span = _split_title(text)
    if not title or (meta.get("title") and meta["title"].strip() != title):
        return _article(text, id, meta)
    return _article(text, id, {**meta, "title": title}, span)


def article_from_html(html: str, *, id: str = "", **meta: str) -> Article:
    """Main text of an HTML page (navigation, scripts and comments dropped) via trafilatura."""
    import trafilatura  # slow to import: only when HTML is read

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(doc, "text", None) or ""
    if is_blank(text):
        raise InputError(
            f"{id or 'the page'} has no article text that could be extracted",
            hint="save the article's text as .txt and pass that",
        )
    fields = {
        "title": getattr(doc, "title", None) or "",
        "date": getattr(doc, "date", None) or "",
        "url": getattr(doc, "url", None) or "",
        "publisher": getattr(doc, "sitename", None) or "",
    }
    fields.update({k: v for k, v in meta.items() if v})
    return _article(text, id, {k: str(v) for k, v in fields.items()})


_JSON_FIELDS = ("title", "date", "url", "publisher")


def article_from_record(record: object, *, id: str = "") -> Article:
    """An Article from a JSON object with `text` and optional metadata fields."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(
            f'{id or "the record"} has no "text" string field',
            hint='give a JSON object like {"text": "...", "title": "..."}',
        )
    meta = {k: _scalar(record, k, id) for k in _JSON_FIELDS if record.get(k) not in (None, "")}
    given = _scalar(record, "id", id) if record.get("id") not in (None, "") else ""
    return article_from_text(record["text"], id=given or id, **meta)


def _scalar(record: dict[str, object], key: str, id: str) -> str:
    """A metadata field as text: a string or number, never a nested list or object."""
    value = record[key]
    if not isinstance(value, str | int | float):
        raise InputError(
            f'{id or "the record"}: "{key}" is a {type(value).__name__}, not a string',
            hint=f'give "{key}" as a string',
        )
    return str(value)


def load_json(text: str, *, name: str) -> object:
    """JSON text -> value; malformed, too deeply nested or oversized numbers are InputErrors."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    except RecursionError as exc:
        raise InputError(
            f"{name} is not valid JSON: nested too deeply",
            hint='give a flat object like {"text": "...", "title": "..."}',
        ) from exc
    except ValueError as exc:  # a number over Python's 4,300-digit limit for int()
        raise InputError(
            f"{name} is not valid JSON: a number has more than 4,300 digits",
            hint="give long numbers as strings",
        ) from exc


def parse_article(text: str, *, name: str, kind: str = "") -> Article:
    """Text of a given kind ('txt', 'html', 'json'; guessed when empty) -> Article."""
    kind = kind or (
        "json" if text.lstrip().startswith("{") else "html" if _HTML_SNIFF.match(text) else "txt"
    )
    if kind == "json":
        return article_from_record(load_json(text, name=name), id=name)
    if kind == "html":
        return article_from_html(text, id=name)
    return article_from_text(text, id=name)


def load_article(path: str, *, encoding: str | None = None) -> Article:
    """Read one article from a path ('-' for stdin); the kind comes from the extension."""
    data, name = read_bytes(path)
    text, note = decode(data, name=name, encoding=encoding)
    suffix = Path(path).suffix.lower() if path != "-" else ""
    kind = {".json": "json", ".html": "html", ".htm": "html", ".txt": "txt"}.get(suffix, "")
    article = parse_article(text, name=name if path != "-" else "stdin", kind=kind)
    if note:
        article = Article(**{**article.__dict__, "notes": (*article.notes, note)})
    return article
