"""Command line: thin click commands, one library call each; errors become one line."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from retold.compare import compare as compare_articles
from retold.errors import RetoldError
from retold.load import load_article
from retold.render import FORMATS, render

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Library errors -> `Error: …` on stderr, exit 1; never a traceback for bad input."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except RetoldError as exc:
            raise click.ClickException(str(exc)) from exc
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def format_options(func: F) -> F:
    """--format and -o, shared by every command that prints a report."""
    func = click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True),
        help="Write to this file instead of standard output.",
    )(func)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="text",
        show_default=True,
        help="Output format: terminal text, the JSON report contract, Markdown or a self-contained HTML page.",
    )(func)


def emit(content: str, output: str | None) -> None:
    """Data to stdout or a file; the note about the file goes to stderr."""
    if output:
        try:
            Path(output).write_text(content, encoding="utf-8")
        except OSError as exc:
            raise RetoldError(
                f"cannot write {output}: {exc.strerror}", hint="check the path"
            ) from exc
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(content, nl=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="retold")
def main() -> None:
    """retold: where did this story come from, and what did the retelling change?"""


@main.command()
@click.argument("source")
@click.argument("derived")
@format_options
@click.option("--encoding", help="Decode both files with this encoding instead of detecting it.")
@handle_errors
def compare(source: str, derived: str, fmt: str, output: str | None, encoding: str | None) -> None:
    """Compare DERIVED with its SOURCE: label every sentence, check quotes and facts.

    SOURCE and DERIVED are .txt, .html or .json files, or - for standard input.
    """
    if source == "-" and derived == "-":
        raise click.UsageError("only one of SOURCE and DERIVED can be - (standard input)")
    src = load_article(source, encoding=encoding)
    der = load_article(derived, encoding=encoding)
    for note in (*src.notes, *der.notes):
        click.echo(f"note: {note}", err=True)
    report = compare_articles(src, der)
    color = fmt == "text" and output is None and sys.stdout.isatty()
    emit(render(report, fmt, color=color), output)


if __name__ == "__main__":
    main()
