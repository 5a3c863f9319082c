"""One poison record never stops a load: it is skipped, counted and named, the rest stored.

The damage (cut WARC headers, wrong Content-Length, truncated files, poison JSON lines)
is made here from short articles written for the tests.
"""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_corpus_fixtures import STORIES

from retold import Corpus
from retold.cli import main
from retold.corpus.readers import Item, read_jsonl, read_warc

NAMES = ["ferry", "orchard", "bridge", "museum"]


def page(story: str) -> str:
    title, body = STORIES[story].split("\n\n", 1)
    paras = "".join(f"<p>{p}.</p>" for p in body.split(". "))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>"


def warc(names: list[str], *, gz: bool) -> tuple[bytes, list[int]]:
    """A WARC of HTML responses, and where each record starts (plus the end)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = BytesIO()
    writer = WARCWriter(out, gzip=gz)
    starts = []
    for name in names:
        starts.append(out.tell())
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://example.org/{name}",
            "response",
            payload=BytesIO(page(name).encode("utf-8")),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-05-06T07:08:09Z"},
        )
        writer.write_record(record)
    return out.getvalue(), [*starts, out.tell()]


def read(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    items: list[Item] = list(read_warc(path, name=path.name))
    ids = [i.article.id.rsplit("/", 1)[-1] for i in items if i.article]
    skips = [(i.skipped.location, i.skipped.reason) for i in items if i.skipped]
    return ids, skips


def _write(tmp_path: Path, data: bytes, gz: bool) -> Path:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- WARC


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("cut", [1, 10, 62, 114, 200])
def test_warc_record_cut_inside_its_header_is_skipped_and_the_rest_kept(
    tmp_path: Path, gz: bool, cut: int
) -> None:
    data, starts = warc(NAMES, gz=gz)
    damaged = data[: starts[1] + cut] + data[starts[2] :]
    ids, skips = read(_write(tmp_path, damaged, gz))
    assert ids == ["ferry", "bridge", "museum"]
    assert len(skips) == 1 and skips[0][0] == f"{_write(tmp_path, damaged, gz).name}@{starts[1]}"


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("cut", [1, 62, 114, 300, -40])
def test_truncated_warc_names_its_cut_last_record(tmp_path: Path, gz: bool, cut: int) -> None:
    data, starts = warc(NAMES, gz=gz)
    end = starts[3] + cut if cut > 0 else starts[4] + cut
    path = _write(tmp_path, data[:end], gz)
    ids, skips = read(path)
    assert ids == ["ferry", "orchard", "bridge"]
    assert skips and skips[0][0] == f"{path.name}@{starts[3]}"
    assert "cut short" in skips[0][1]


def test_a_warc_missing_only_its_last_newlines_keeps_the_whole_record(tmp_path: Path) -> None:
    data, _ = warc(NAMES, gz=False)
    assert read(_write(tmp_path, data[:-3], gz=False)) == (NAMES, [])
    data, starts = warc(NAMES, gz=True)  # a gzip member cut in its checksum is not whole
    path = _write(tmp_path, data[:-3], gz=True)
    assert read(path)[1][0][0] == f"{path.name}@{starts[3]}"


@pytest.mark.parametrize("value", [b"-50", b"+50", b"abc", b"99999999", b"-1", b"1" * 5000])
def test_bad_content_length_skips_that_record_only(tmp_path: Path, value: bytes) -> None:
    data, starts = warc(NAMES, gz=False)
    at = data.index(b"Content-Length: ", starts[1]) + len(b"Content-Length: ")
    end = data.index(b"\r\n", at)
    length = int(data[at:end])
    given = str(length + int(value)).encode() if value[:1] in b"+-" and value != b"-1" else value
    path = _write(tmp_path, data[:at] + given + data[end:], gz=False)
    ids, skips = read(path)
    assert ids == ["ferry", "bridge", "museum"]
    assert [location for location, _ in skips] == [f"crawl.warc@{starts[1]}"]


def test_warcio_prints_nothing(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    data, starts = warc(NAMES, gz=False)
    at = data.index(b"Content-Length: ", starts[1]) + len(b"Content-Length: ")
    end = data.index(b"\r\n", at)
    damaged = data[:at] + str(int(data[at:end]) - 60).encode() + data[end:]
    read(_write(tmp_path, damaged, gz=False))
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_damaged_gzip_member_is_skipped_and_the_next_members_read(tmp_path: Path) -> None:
    data, starts = warc(NAMES, gz=True)
    middle = (starts[1] + starts[2]) // 2
    damaged = (
        data[:middle] + bytes(b ^ 0x5A for b in data[middle : middle + 20]) + data[middle + 20 :]
    )
    ids, skips = read(_write(tmp_path, damaged, gz=True))
    assert ids == ["ferry", "bridge", "museum"]
    assert [location for location, _ in skips] == [f"crawl.warc.gz@{starts[1]}"]


def test_garbage_between_records_is_skipped_once(tmp_path: Path) -> None:
    for gz in (False, True):
        data, starts = warc(NAMES, gz=gz)
        damaged = data[: starts[2]] + b"\x00junk\r\n" * 40 + data[starts[2] :]
        ids, skips = read(_write(tmp_path, damaged, gz))
        assert ids == NAMES
        assert [location for location, _ in skips] == [
            f"{_write(tmp_path, damaged, gz).name}@{starts[2]}"
        ]


def test_a_plain_warc_named_gz_and_a_whole_file_gzip_are_read(tmp_path: Path) -> None:
    data, _ = warc(NAMES, gz=False)
    assert read(_write(tmp_path, data, gz=True))[0] == NAMES
    assert read(_write(tmp_path, gzip.compress(data), gz=True))[0] == NAMES


def test_index_stores_every_good_record_around_warc_damage(tmp_path: Path) -> None:
    data, starts = warc(NAMES, gz=True)
    path = _write(tmp_path, data[: starts[1] + 62] + data[starts[2] : -30], gz=True)
    db = tmp_path / "c.db"
    result = CliRunner().invoke(main, ["index", str(db), str(path)])
    assert result.exit_code == 0, result.output
    assert "2 records skipped" in result.output
    assert f"skipped crawl.warc.gz@{starts[1]}" in result.output
    with Corpus(db) as corpus:
        assert len(corpus) == 2


# ---------------------------------------------------------------- JSON Lines


def _deep(depth: int) -> str:
    return '{"text": "Deep.", "x": ' + "[" * depth + "]" * depth + "}"


POISON = [
    _deep(100_000),
    '{"text": "A number.", "n": ' + "1" * 5000 + "}",
    '{"text": "A title that is an object.", "title": {"a": 1}}',
    "[1, 2, 3]",
    "null",
    '{"text": 42}',
]


def test_poison_json_lines_are_skipped_and_named_and_the_rest_stored(tmp_path: Path) -> None:
    lines = []
    for n in range(1500):  # more than a batch: the batch around a poison line is kept
        lines.append(json.dumps({"id": f"a{n}", "text": f"{STORIES['ferry']} Update {n}."}))
        if n % 200 == 100:
            lines.extend(POISON)
    lines.append(json.dumps({"id": "odd", "text": "A pier a\ud800b is planned at Gull Point."}))
    lines.append(b"\xff\xfe\x00garbage")  # type: ignore[arg-type]
    path = tmp_path / "wires.jsonl"
    path.write_bytes(b"\n".join(x if isinstance(x, bytes) else x.encode() for x in lines) + b"\n")
    items = list(read_jsonl(path, name="wires.jsonl"))
    skips = [i.skipped for i in items if i.skipped]
    assert len(skips) == 7 * len(POISON) + 1
    assert skips[0].location == "wires.jsonl:102" and "nested too deeply" in skips[0].reason
    assert not any(s.reason.startswith("wires.jsonl") for s in skips)
    db = tmp_path / "c.db"
    for run in range(2):  # a rerun stops at nothing and adds nothing
        result = CliRunner().invoke(main, ["index", str(db), str(path)])
        assert result.exit_code == 0, result.output
        assert f"{len(skips)} records skipped" in result.output
        with Corpus(db) as corpus:
            assert len(corpus) == 1501 and "odd" in corpus and "a1499" in corpus
        if run:
            assert "indexed 0 new articles" in result.output


def test_a_json_line_over_the_size_limit_is_skipped_with_its_real_size(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    huge = json.dumps({"text": "word " * 1_400_000})
    path.write_text(json.dumps({"id": "small", "text": STORIES["bridge"]}) + "\n" + huge + "\n")
    items = list(read_jsonl(path, name="big.jsonl"))
    skips = [i.skipped for i in items if i.skipped]
    assert [s.location for s in skips] == ["big.jsonl:2"]
    assert (
        f"{len(huge) + 1:,} bytes" in skips[0].reason or f"{len(huge):,} bytes" in skips[0].reason
    )
    assert [i.article.id for i in items if i.article] == ["small"]
