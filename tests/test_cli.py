from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from retold.cli import main


def files(tmp_path: Path, wire: str, rewrite: str) -> tuple[str, str]:
    a, b = tmp_path / "wire.txt", tmp_path / "blog.txt"
    a.write_text(wire, encoding="utf-8")
    b.write_text(rewrite, encoding="utf-8")
    return str(a), str(b)


def test_compare_text_json_markdown(tmp_path: Path, wire: str, rewrite: str) -> None:
    a, b = files(tmp_path, wire, rewrite)
    runner = CliRunner()
    text = runner.invoke(main, ["compare", a, b])
    assert text.exit_code == 0, text.output
    assert "verbatim" in text.output and "derived" in text.output
    js = runner.invoke(main, ["compare", a, b, "--format", "json"])
    assert json.loads(js.output)["schema"] == "retold.report/1"
    md = runner.invoke(main, ["compare", a, b, "--format", "markdown"])
    assert md.output.startswith("# retold")


def test_output_file(tmp_path: Path, wire: str, rewrite: str) -> None:
    a, b = files(tmp_path, wire, rewrite)
    out = tmp_path / "r.json"
    result = CliRunner().invoke(main, ["compare", a, b, "--format", "json", "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text())["verdict"]


def test_stdin(tmp_path: Path, wire: str, rewrite: str) -> None:
    a, _ = files(tmp_path, wire, rewrite)
    result = CliRunner().invoke(main, ["compare", a, "-", "--format", "json"], input=rewrite)
    assert result.exit_code == 0
    assert json.loads(result.output)["derived"]["id"] == "stdin"


def test_bad_input_is_one_error_line_exit_1(tmp_path: Path, wire: str) -> None:
    a, _ = files(tmp_path, wire, wire)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = CliRunner().invoke(main, ["compare", a, str(empty)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_usage_error_exit_2() -> None:
    assert CliRunner().invoke(main, ["compare", "only-one"]).exit_code == 2
    assert CliRunner().invoke(main, ["compare", "a", "b", "--format", "pdf"]).exit_code == 2


def test_every_command_has_help() -> None:
    for name, command in main.commands.items():
        assert command.help, name
        assert CliRunner().invoke(main, [name, "--help"]).exit_code == 0


def test_every_command_is_in_the_readme() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    for name in main.commands:
        assert f"retold {name}" in readme, name


def test_html_escapes_article_text(tmp_path: Path, wire: str) -> None:
    evil = wire + "\n\n<script>alert('owned')</script> The library will open daily.\n"
    a, b = files(tmp_path, wire, evil)
    result = CliRunner().invoke(main, ["compare", a, b, "--format", "html"])
    assert result.exit_code == 0
    assert "<script>alert" not in result.output
    assert "&lt;script&gt;alert" in result.output
