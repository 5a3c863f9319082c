"""WARC framing that survives damage: each record is found by its own header and length,
so a cut, mis-sized or garbled record is skipped and named, and reading goes on at the
next record.

warcio's iterator stops for good at the first damaged record (a cut header even raises
AttributeError) and prints what it skipped to stderr, article text included; here it is
only ever given one whole record, from memory (see `readers.read_warc`).

- .warc: a record is its header lines, a blank line, Content-Length bytes of block and
  a blank line. Where that shape does not hold (a cut header, a wrong or garbled
  Content-Length, junk between records), the record is reported and reading resumes at
  the next "WARC/1.x" line after the bad record's start.
- .warc.gz: each record is its own gzip member (the standard layout). A member that does
  not inflate is reported and reading resumes at the next gzip header; a member holding
  several records (a file gzipped whole) is framed as above.

Blocks are kept up to `RECORD_CAP` bytes (an HTML page at the article limit plus its
HTTP headers): the rest of a bigger record (a video, say) is skipped, not held.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from retold.text.load import MAX_BYTES

RECORD_CAP = MAX_BYTES + 1_000_000
HEADER_CAP = 64 * 1024  # WARC headers are a few hundred bytes
_MEMBER_CAP = RECORD_CAP + HEADER_CAP  # inflated bytes kept of one gzip member
_CHUNK = 1 << 20
_GZIP_MAGIC = b"\x1f\x8b\x08"
_VERSION = re.compile(rb"WARC/\d{1,2}\.\d{1,2}\r?\n")  # a record's first line
_LENGTH = re.compile(rb"\d{1,15}")


@dataclass(frozen=True, slots=True)
class Frame:
    """One record as found in the file, or the damaged stretch where one should be."""

    offset: int  # where it starts in the file (its gzip member's start, in a .warc.gz)
    data: bytes  # the record's header and block ("" when damaged)
    problem: str  # why it cannot be read; "" when whole
    nbytes: int  # bytes of the file it spans (for progress)
    oversize: bool = False  # the block was over RECORD_CAP and is cut there
    within: int = 0  # offset inside its inflated gzip member, when not the first record

    @property
    def where(self) -> str:
        """`1234`, or `1234+5678` for a later record inside one gzip member."""
        return f"{self.offset}+{self.within}" if self.within else str(self.offset)


def frames(handle: BinaryIO, size: int) -> Iterator[Frame]:
    """Every record of a .warc or .warc.gz file (told apart by the bytes, not the name)."""
    head = handle.read(len(_GZIP_MAGIC))
    handle.seek(0)
    if head == _GZIP_MAGIC:
        yield from _gzip_frames(handle, size)
    else:
        yield from _plain_frames(handle, size, base=0, whole=True)


# ---------------------------------------------------------------- plain records


def _plain_frames(handle: BinaryIO, size: int, *, base: int, whole: bool) -> Iterator[Frame]:
    """Records of an uncompressed WARC stream; `base` is added to reported offsets.

    `whole` is False when the stream was cut on purpose (a gzip member over its cap):
    then running out inside an oversize record is not damage.
    """
    while True:
        start = _skip_blank_lines(handle)
        if start >= size:
            return
        data, problem, oversize = _read_record(handle, size, whole=whole)
        if not problem:
            yield Frame(base + start, data, "", handle.tell() - start, oversize)
            continue
        resume = _find(handle, _VERSION, start + 1, size)
        end = size if resume is None else resume
        yield Frame(base + start, b"", problem, end - start)
        if resume is None:
            return
        handle.seek(resume)


def _skip_blank_lines(handle: BinaryIO) -> int:
    while True:
        at = handle.tell()
        line = handle.readline(HEADER_CAP)
        if line.strip(b"\r\n") or not line:
            handle.seek(at)
            return at


def _read_record(handle: BinaryIO, size: int, *, whole: bool) -> tuple[bytes, str, bool]:
    """(header + block, problem, oversize) of the record at the handle's position."""
    first = handle.readline(HEADER_CAP)
    if not _VERSION.fullmatch(first):
        if not first.endswith(b"\n") and len(first) < HEADER_CAP:  # the file ends here
            return b"", "cut short inside its header", False
        return b"", "not a WARC record header", False
    header, problem = _read_header(handle, first)
    if problem:
        return b"", problem, False
    length = _content_length(header)
    if length is None:
        return b"", "no valid Content-Length in its header", False
    block = handle.read(min(length, RECORD_CAP))
    oversize = length > RECORD_CAP
    if oversize:
        handle.seek(length - len(block), io.SEEK_CUR)
    if handle.tell() > size or len(block) < min(length, RECORD_CAP):
        if oversize and not whole:
            return header + block, "", True
        missing = handle.tell() - size if handle.tell() > size else length - len(block)
        return b"", f"cut short: {missing:,} of its {length:,} bytes are missing", False
    tail = handle.read(4)
    handle.seek(-len(tail), io.SEEK_CUR)
    ends_early = len(tail) < 4 and b"\r\n\r\n".startswith(tail)  # only the last newlines cut
    if tail and not tail.startswith((b"\r\n", b"\n")) and not ends_early:
        return b"", f"its Content-Length ({length:,}) does not end where the record does", False
    return header + block, "", oversize


def _read_header(handle: BinaryIO, first: bytes) -> tuple[bytes, str]:
    lines = [first]
    total = len(first)
    while True:
        line = handle.readline(HEADER_CAP)
        if not line:
            return b"", "cut short inside its header"
        if line in (b"\r\n", b"\n"):
            return b"".join(lines) + line, ""
        if _VERSION.search(line):  # the next record starts: this header was cut
            return b"", "cut short inside its header"
        total += len(line)
        if total > HEADER_CAP:
            return b"", f"header over {HEADER_CAP:,} bytes"
        lines.append(line)


def _content_length(header: bytes) -> int | None:
    for line in header.split(b"\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            value = value.strip()
            return int(value) if _LENGTH.fullmatch(value) else None
    return None


def _find(handle: BinaryIO, pattern: re.Pattern[bytes], start: int, size: int) -> int | None:
    """Offset of the first match of `pattern` at or after `start` (read in chunks)."""
    overlap = 32
    at = start
    while at < size:
        handle.seek(at)
        chunk = handle.read(_CHUNK + overlap)
        found = pattern.search(chunk)
        if found:
            return at + found.start()
        at += _CHUNK
    return None


# ---------------------------------------------------------------- gzip members


def _gzip_frames(handle: BinaryIO, size: int) -> Iterator[Frame]:
    """Records of a .warc.gz; a stretch of damaged members is reported once."""
    magic = re.compile(re.escape(_GZIP_MAGIC))
    pos = 0
    damaged: tuple[int, str] | None = None  # where the damage began, and why
    while pos < size:
        data, end, problem, cut = _inflate(handle, pos)
        if problem:
            damaged = damaged or (pos, problem)
            resume = _find(handle, magic, pos + 1, size)
            if resume is None:
                yield Frame(damaged[0], b"", damaged[1], size - damaged[0])
                return
            pos = resume
            continue
        if damaged:
            yield Frame(damaged[0], b"", damaged[1], pos - damaged[0])
            damaged = None
        yield from _member_records(data, pos, end - pos, cut)
        pos = end


def _member_records(data: bytes, pos: int, nbytes: int, cut: bool) -> Iterator[Frame]:
    """The record(s) inflated from one member, located at the member's offset."""
    found = list(_plain_frames(io.BytesIO(data), len(data), base=0, whole=not cut))
    for n, frame in enumerate(found):
        problem = frame.problem
        if cut and n == len(found) - 1 and len(found) > 1:
            problem = problem or (
                f"not read: its gzip member inflates to over {_MEMBER_CAP:,} bytes and holds"
                " several records (recompress the file with one record per member)"
            )
        nbytes_here = nbytes if n == 0 else 0
        yield Frame(pos, frame.data, problem, nbytes_here, frame.oversize, frame.offset)


def _inflate(handle: BinaryIO, pos: int) -> tuple[bytes, int, str, bool]:
    """(inflated bytes kept, end offset, problem, cut) of the gzip member at `pos`."""
    handle.seek(pos)
    inflater = zlib.decompressobj(wbits=31)
    kept = bytearray()
    cut = False
    read = 0
    pending = b""
    while not inflater.eof:
        if not pending:
            pending = handle.read(_CHUNK)
            read += len(pending)
            if not pending:
                return b"", pos + read, "cut short: the file ends inside this record", False
        try:
            out = inflater.decompress(pending, _CHUNK)  # bounded: a gzip bomb stays small
        except zlib.error as exc:
            return b"", pos + read, f"damaged gzip data ({exc})", False
        pending = inflater.unconsumed_tail
        room = _MEMBER_CAP - len(kept)
        kept += out[:room]
        cut = cut or len(out) > room
    if kept.strip(b"\r\n") and not kept.lstrip(b"\r\n").startswith(b"WARC/"):
        return b"", pos + read, "not a WARC record", False
    return bytes(kept), pos + read - len(inflater.unused_data) - len(pending), "", cut
