"""Fuzzing: no input makes retold crash. Only RetoldErrors may come out, and every span in
a report slices back to its text.

`compare` gets arbitrary Unicode built around a short article (digits of every script,
lone surrogates, format characters, quotation marks, long digit runs) and deeply nested
JSON; the readers get mutated JSON Lines, WARC, WARC.gz and HTML bytes.

The examples are bounded (RETOLD_FUZZ_EXAMPLES, 400 by default: under a minute on
two cores); CI runs them as `slow` tests. Set it higher for a longer hunt.
"""

from __future__ import annotations

import gzip
import json
import os
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_corpus_fixtures import STORIES

from retold import compare
from retold.corpus.index import index_items
from retold.corpus.readers import Item, Source, read_file, read_jsonl, read_warc
from retold.corpus.store import Store
from retold.errors import RetoldError
from retold.render import FORMATS, render
from retold.text.load import parse_article, without_surrogates

EXAMPLES = int(os.environ.get("RETOLD_FUZZ_EXAMPLES", "400"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
pytestmark = pytest.mark.slow

SOURCE = STORIES["ferry"]

# ---------------------------------------------------------------- text strategies

odd_chars = st.characters(
    categories=[
        "Nd",
        "No",
        "Nl",
        "Cs",
        "Cf",
        "Cc",
        "Zs",
        "Zl",
        "Zp",
        "Pi",
        "Pf",
        "Po",
        "Sc",
        "Lo",
        "Mn",
    ]
)
pieces = st.one_of(
    st.sampled_from(
        [
            " ",
            "\n",
            "\n\n",
            ". ",
            "“",
            "”",
            '"',
            "'",
            "‘",
            "’",
            "—",
            "…",
            " said ",
            " $",
            "%",
            " percent",
            " million",
            " on 10 November",
            " in May ",
            "Mr. ",
            "U.S.",
            "¹",
            "①",
            "٣",
            "\ud800",
            "\udfff",
            "\u200b",
            "\u200d",
            "\ufeff",
            "\u202e",
            "\u00ad",
            "(",
            ")",
            "[",
        ]
    ),
    st.text(odd_chars, min_size=1, max_size=8),
    st.integers(0, 10**12).map(str),
    st.integers(1, 6000).map(lambda n: "7" * n),
    st.sampled_from(SOURCE.split()),
)
noise = st.lists(pieces, max_size=40).map("".join)


@st.composite
def retelling(draw: st.DrawFn) -> str:
    """The source's sentences, some kept, some changed, with noise spliced in."""
    sentences = SOURCE.split(". ")
    out = []
    for sentence in sentences:
        choice = draw(st.integers(0, 3))
        if choice == 0:
            continue
        if choice == 2:
            at = draw(st.integers(0, len(sentence)))
            sentence = sentence[:at] + draw(noise) + sentence[at:]
        out.append(sentence)
    if draw(st.booleans()):
        out.insert(draw(st.integers(0, len(out))), draw(noise))
    return ". ".join(out)


def _check_report(source: str, derived: str) -> None:
    try:
        report = compare(source, derived)
    except RetoldError:
        return
    src, _ = without_surrogates(source)
    der, _ = without_surrogates(derived)
    for s in report.sentences:
        assert der[s.start : s.end] == s.text
    for s in report.source.sentences:
        assert src[s.start : s.end] == s.text
    for q in report.quotes:
        assert der[q.start : q.end] == q.text
    for c in report.changes:
        assert 0 <= c.derived_start <= c.derived_end <= len(der)
        assert 0 <= c.source_start <= c.source_end <= len(src)
    for p in report.passages:
        assert 0 <= p.source_start <= p.source_end <= len(src)
        assert 0 <= p.derived_start <= p.derived_end <= len(der)
    for fmt in FORMATS:
        render(report, fmt, color=False).encode("utf-8")
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")


@FUZZ
@given(retelling())
def test_compare_never_crashes_on_a_mangled_retelling(derived: str) -> None:
    _check_report(SOURCE, derived)


@FUZZ
@given(noise, noise)
def test_compare_never_crashes_on_noise(source: str, derived: str) -> None:
    _check_report(source + " " + SOURCE[:200], derived)
    _check_report(source, derived)


@FUZZ
@given(st.integers(0, 200_000), st.sampled_from(["[", '{"a": ', '[{"b": ']), noise)
def test_deep_json_is_an_article_or_a_clear_error(depth: int, opener: str, text: str) -> None:
    closer = {"[": "]", '{"a": ': "}", '[{"b": ': "}]"}[opener]
    raw = f'{{"text": {json.dumps(text + " A pier.")}, "x": {opener * depth}1{closer * depth}}}'
    try:
        article = parse_article(raw, name="deep.json", kind="json")
    except RetoldError:
        return
    assert article.text.strip()


# ---------------------------------------------------------------- readers


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with a few flips, cuts, insertions and repeats."""
    out = bytearray(data)
    for _ in range(draw(st.integers(0, 4))):
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        size = draw(st.integers(1, 64))
        kind = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "truncate"]))
        if kind == "flip":
            out[at] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del out[at : at + size]
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=size))
        elif kind == "repeat":
            out[at:at] = out[at : at + size]
        else:
            del out[at:]
    return bytes(out)


def _jsonl() -> bytes:
    lines = [json.dumps({"id": n, "text": t, "title": n}) for n, t in STORIES.items()]
    lines.append('{"text": "Caf\\u00e9 \\ud800 \\u200b one \\u00b9 two.", "date": 2024}')
    return ("\n".join(lines) + "\n").encode("utf-8")


def _warc(*, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for name in ("ferry", "bridge", "orchard"):
        title, body = STORIES[name].split("\n\n", 1)
        html = f"<html><head><title>{title}</title></head><body><article><p>{body}</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://example.org/{name}",
                "response",
                payload=BytesIO(html.encode("utf-8")),
                http_headers=headers,
            )
        )
    return out.getvalue()


SEEDS = {
    "a.jsonl": _jsonl(),
    "a.warc": _warc(gz=False),
    "a.warc.gz": _warc(gz=True),
    "whole.warc.gz": gzip.compress(_warc(gz=False)),
    "a.html": (
        "<html><head><title>Ferry</title></head><body><nav>Home</nav><article><p>"
        + SOURCE
        + "</p></article><script>x()</script></body></html>"
    ).encode("utf-8"),
    "a.json": json.dumps({"text": SOURCE, "title": "Ferry"}).encode("utf-8"),
    "a.txt": SOURCE.encode("cp1252", "replace"),
}


def _read(path: Path) -> list[Item]:
    name = path.name
    if name.endswith(".jsonl"):
        return list(read_jsonl(path, name=name))
    if name.endswith((".warc", ".warc.gz")):
        return list(read_warc(path, name=name))
    return [read_file(Source(path, name))]


@FUZZ
@given(st.data())
def test_readers_never_crash_on_mutated_bytes(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    name = data.draw(st.sampled_from(sorted(SEEDS)))
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / name
    path.write_bytes(data.draw(mutated(SEEDS[name])))
    items = _read(path)
    for item in items:
        if item.skipped:
            assert "internal error" not in item.skipped.reason, item.skipped
        if item.article:
            assert item.article.text.strip()
            item.article.text.encode("utf-8")
    with Store(folder / "c.db") as store:
        result = index_items(store, iter(items))
        assert result.read == sum(1 for i in items if i.article)
