"""Hostile text: characters and shapes that once crashed `compare`, `index` or the web API.

Every input here must give a report or one clear error, never an internal error.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from retold import Corpus, compare
from retold.cli import main
from retold.errors import InputError
from retold.text.load import article_from_record, parse_article

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SOURCE = """Council backs new ferry pier

The council voted 7-2 on Tuesday to build a ferry pier at Gull Point for $4 million.
Work starts on 10 November and should end by May 2026, the harbour master said.
"""


def _spans_slice_back(report: object, derived: str) -> None:
    for s in report.sentences:  # type: ignore[attr-defined]
        assert derived[s.start : s.end] == s.text


@pytest.mark.parametrize(
    "odd",
    [
        "Footnote \u00b9 applies.",  # superscript one: isdigit() but not int()
        "Item \u2460 is first.",  # circled one
        "Vote \u00b2\u00b3 times on \u2460 November.",
        "Work starts on \u00b9\u2070 November.",  # a superscript "day"
        "They paid $\u2463 million.",
        "On \u0663 November they met.",  # Arabic-Indic three: a real decimal digit
        "On 1\u00b2 November they met.",  # a digit glued to a superscript
    ],
)
def test_digits_of_every_kind_compare_cleanly(odd: str) -> None:
    derived = f"{SOURCE}\n{odd} The council voted 7-2 on Tuesday.\n"
    report = compare(SOURCE, derived)
    _spans_slice_back(report, derived)
    compare(derived, SOURCE)


def test_a_run_of_5000_digits_compares_cleanly() -> None:
    digits = "7" * 5000
    for text in (f"The number {digits} is big.", f"Work starts on {digits} November."):
        derived = f"{SOURCE}\n{text}\n"
        report = compare(SOURCE, derived)
        _spans_slice_back(report, derived)
        compare(derived, SOURCE)


def test_the_cli_compares_superscripts_and_long_digit_runs(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text(SOURCE, encoding="utf-8")
    derived = tmp_path / "derived.txt"
    derived.write_text(f"Footnote \u00b9 applies. {'9' * 4400} votes.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(source), str(derived)])
    assert result.exit_code == 0, result.output


def test_a_lone_surrogate_in_json_is_replaced_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    record = '{"text": "A pier a\\ud800b is planned. The council voted 7-2.", "title": "P\\udfffq"}'
    path.write_text(record, encoding="utf-8")
    source = tmp_path / "source.txt"
    source.write_text(SOURCE, encoding="utf-8")
    for fmt in ("text", "markdown", "html"):
        out = tmp_path / f"report.{fmt}"
        args = ["compare", str(source), str(path), "--format", fmt, "-o", str(out)]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert "\ufffd" in out.read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(source), str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "2 lone surrogates replaced" in result.stderr
    assert json.loads(result.stdout)["derived"]["title"] == "P\ufffdq"


def test_a_lone_surrogate_keeps_every_offset() -> None:
    article = article_from_record({"text": "Ab\ud800cd. Then \udc00 more."})
    assert article.text == "Ab\ufffdcd. Then \ufffd more."
    assert any("2 lone surrogates" in note for note in article.notes)


def test_a_lone_surrogate_is_indexed(tmp_path: Path) -> None:
    lines = tmp_path / "a.jsonl"
    lines.write_text(
        json.dumps({"id": "odd", "text": "The pier a\ud800b opens on Monday at Gull Point."})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "c.db"
    result = CliRunner().invoke(main, ["index", str(db), str(lines)])
    assert result.exit_code == 0, result.output
    with Corpus(db) as corpus:
        assert "odd" in corpus
    with Corpus(db) as corpus:
        assert len(corpus.add("Text with a \udfff lone surrogate, added from Python.").skipped) == 0


def _deep(depth: int) -> str:
    return '{"text": "A pier is planned.", "x": ' + "[" * depth + "]" * depth + "}"


def test_json_nested_100000_deep_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nested too deeply"):
        parse_article(_deep(100_000), name="deep.json", kind="json")
    path = tmp_path / "deep.json"
    path.write_text(_deep(100_000), encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(path), str(path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: deep.json") or "nested too deeply" in result.output
    assert "internal error" not in result.output


def test_json_with_a_5000_digit_number_is_one_clear_error() -> None:
    with pytest.raises(InputError, match="not valid JSON"):
        parse_article('{"text": "A pier.", "n": ' + "1" * 5000 + "}", name="n.json", kind="json")


def test_deep_json_in_a_directory_is_skipped_and_counted(tmp_path: Path) -> None:
    root = tmp_path / "crawl"
    root.mkdir()
    (root / "deep.json").write_text(_deep(100_000), encoding="utf-8")
    (root / "good.txt").write_text(SOURCE, encoding="utf-8")
    db = tmp_path / "c.db"
    result = CliRunner().invoke(main, ["index", str(db), str(root)])
    assert result.exit_code == 0, result.output
    assert "skipped deep.json" in result.output and "1 record skipped" in result.output
    with Corpus(db) as corpus:
        assert "good.txt" in corpus


def test_the_web_api_takes_a_lone_surrogate() -> None:
    from retold.web.app import create_app

    derived = '{"text": "A pier a\\ud800b is planned at Gull Point.", "title": "x\\udc00y"}'
    body = f'{{"source": {{"text": {json.dumps(SOURCE)}}}, "derived": {derived}}}'
    client = TestClient(create_app(pool="thread"), base_url="http://127.0.0.1")
    response = client.post(
        "/api/compare", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["derived"]["title"] == "x\ufffdy"
