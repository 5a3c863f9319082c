"""Paths on any file system Spark reaches (local, HDFS, S3), through Hadoop's FileSystem.

The inputs are listed here, in the order the local `index` reads them (a directory's
files sorted by their path parts), and the job's work directory (its checkpoints and
`job.json`) is managed here, so that local, HDFS and S3 paths behave alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlparse


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One input file: its URI, its name as the local reader would give it, its size."""

    uri: str
    name: str
    size: int


def file_key(uri: str) -> str:
    """A URI in one spelling: Spark writes `file:/a%20b`, Hadoop `file:///a%20b`."""
    parts = urlparse(uri)
    return f"{parts.scheme or 'file'}://{parts.netloc}{unquote(parts.path)}"


def is_local(path: str) -> bool:
    """A path on this machine (no scheme, or file:)."""
    scheme = urlparse(path).scheme
    return scheme in ("", "file") or len(scheme) == 1  # "C:" on Windows


def local_path(path: str) -> str:
    return unquote(urlparse(path).path) if path.startswith("file:") else path


class Files:
    """Hadoop FileSystem calls through the session's JVM."""

    def __init__(self, spark: Any) -> None:
        self.jvm = spark.sparkContext._jvm
        self.conf = spark.sparkContext._jsc.hadoopConfiguration()

    def _fs(self, path: str) -> tuple[Any, Any]:
        jpath = self.jvm.org.apache.hadoop.fs.Path(path)
        return jpath.getFileSystem(self.conf), jpath

    def matches(self, pattern: str) -> list[Any]:
        """FileStatus of each path matching `pattern` (a path or a glob), sorted."""
        fs, jpath = self._fs(pattern)
        found = fs.globStatus(jpath)
        return sorted(found or [], key=lambda s: _parts(s.getPath().toUri().getPath()))

    def files(self, pattern: str) -> list[FileEntry]:
        """Every file under `pattern` (directories recursively; hidden and `_` files
        left out), named as `retold index` names them: relative to the directory given,
        or the file's own name."""
        entries: list[FileEntry] = []
        for status in self.matches(pattern):
            root = status.getPath()
            if not status.isDirectory():
                entries.append(FileEntry(root.toUri().toString(), root.getName(), status.getLen()))
                continue
            fs, _ = self._fs(root.toString())
            base = root.toUri().getPath().rstrip("/") + "/"
            found = []
            listing = fs.listFiles(root, True)
            while listing.hasNext():
                item = listing.next()
                path = item.getPath()
                relative = path.toUri().getPath().removeprefix(base)
                if any(part.startswith((".", "_")) for part in relative.split("/")):
                    continue
                found.append(FileEntry(path.toUri().toString(), relative, item.getLen()))
            entries.extend(sorted(found, key=lambda e: _parts(e.name)))
        return entries

    def exists(self, path: str) -> bool:
        fs, jpath = self._fs(path)
        return bool(fs.exists(jpath))

    def delete(self, path: str) -> None:
        fs, jpath = self._fs(path)
        if fs.exists(jpath):
            fs.delete(jpath, True)

    def read_text(self, path: str) -> str | None:
        """A small text file's content, None when it does not exist."""
        fs, jpath = self._fs(path)
        if not fs.exists(jpath):
            return None
        stream = fs.open(jpath)
        try:
            data = self.jvm.org.apache.commons.io.IOUtils.toByteArray(stream)
        finally:
            stream.close()
        return bytes(data).decode("utf-8")

    def write_text(self, path: str, text: str) -> None:
        fs, jpath = self._fs(path)
        stream = fs.create(jpath, True)
        try:
            stream.write(bytearray(text.encode("utf-8")))
        finally:
            stream.close()


def _parts(path: str) -> tuple[str, ...]:
    """Sort key of a path by its parts, as `sorted(Path...)` orders them."""
    return tuple(path.split("/"))
