from __future__ import annotations

import json
from pathlib import Path

import pytest

from retold.errors import EncodingError, InputError
from retold.text.load import MAX_BYTES, article_from_text, decode, load_article


def test_txt_first_line_is_the_title(tmp_path: Path, wire: str) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(wire, encoding="utf-8")
    article = load_article(str(path))
    assert article.title == "Town opens new library after long delay"
    start, end = article.title_span
    assert article.text[start:end] == article.title


def test_a_byline_before_the_title_is_skipped() -> None:
    article = article_from_text("By Jo Blogger\n\nThe Headline Here\n\nBody text follows here.")
    assert article.title == "The Headline Here"


def test_empty_and_whitespace_inputs_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n ", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        load_article(str(path))


def test_binary_input_is_rejected() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01\x02PNG", name="x.png")


def test_non_utf8_is_detected_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "The café in Zürich raised prices by £3 and the mayor’s office said so.".encode("cp1252")
    )
    article = load_article(str(path))
    assert "café" in article.text
    assert article.notes and "not UTF-8" in article.notes[0]


def test_explicit_wrong_encoding_is_an_error() -> None:
    with pytest.raises(EncodingError):
        decode("ü".encode(), name="x", encoding="ascii")


def test_too_large_input_is_rejected() -> None:
    with pytest.raises(InputError, match="limit"):
        decode(b"a" * (MAX_BYTES + 1), name="big.txt")


def test_json_article_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(
        json.dumps({"text": "Body one. Body two.", "title": "T", "id": "x1", "date": "2024-01-02"})
    )
    article = load_article(str(path))
    assert (article.id, article.title, article.date) == ("x1", "T", "2024-01-02")


def test_json_without_text_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"body": "x"}')
    with pytest.raises(InputError, match="text"):
        load_article(str(path))


def test_html_main_text_is_extracted_and_scripts_dropped(tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>The council met on day {i} to discuss the long-delayed harbour plan in detail.</p>"
        for i in range(6)
    )
    html = (
        "<html><head><title>Harbour plan</title><script>alert('x')</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Harbour plan</h1>{paragraphs}</article><footer>Copyright</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    article = load_article(str(path))
    assert "harbour plan in detail" in article.text
    assert "alert" not in article.text


def test_missing_file_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_article("/no/such/file.txt")
