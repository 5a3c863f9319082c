"""Command line: thin click commands, one library call each; errors become one line."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from retold.compare import compare as compare_articles
from retold.errors import RetoldError
from retold.render import FORMATS, render
from retold.text.load import load_article

F = TypeVar("F", bound=Callable[..., Any])
MAX_NOTES = 10  # notes printed by `index` (one per re-encoded record could be thousands)


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
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # a bug, not bad input: one line, the trace on request
            if os.environ.get("RETOLD_DEBUG"):
                raise
            raise click.ClickException(
                f"internal error ({type(exc).__name__}: {exc}); rerun with RETOLD_DEBUG=1 "
                "for the traceback and report it"
            ) from exc

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
@click.argument("paths", nargs=-1, required=True, metavar="SOURCE... DERIVED")
@format_options
@click.option("--encoding", help="Decode every file with this encoding instead of detecting it.")
@handle_errors
def compare(paths: tuple[str, ...], fmt: str, output: str | None, encoding: str | None) -> None:
    """Compare DERIVED with its SOURCE(s): label every sentence, check quotes and facts.

    Give several sources for a rewrite stitched from several stories: each sentence is
    then checked against the one it comes from. Files are .txt, .html or .json, or -
    for standard input (once).
    """
    if len(paths) < 2:
        raise click.UsageError("give at least one SOURCE and the DERIVED article")
    if paths.count("-") > 1:
        raise click.UsageError("only one of the files can be - (standard input)")
    *sources, derived = paths
    srcs = [load_article(path, encoding=encoding) for path in sources]
    der = load_article(derived, encoding=encoding)
    for note in (*(n for s in srcs for n in s.notes), *der.notes):
        click.echo(f"note: {note}", err=True)
    report = compare_articles(srcs[0] if len(srcs) == 1 else srcs, der)
    color = fmt == "text" and output is None and sys.stdout.isatty()
    emit(render(report, fmt, color=color), output)


# ---------------------------------------------------------------- corpus mode


def _progress() -> Any:
    """A progress bar on stderr with rate and ETA (hidden when stderr is not a terminal)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=False,
    )


@main.command()
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1)
@click.option("--stats", is_flag=True, help="Print the corpus counts as JSON and exit.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Processes computing fingerprints (the file has one writer).",
)
@handle_errors
def index(db: str, paths: tuple[str, ...], stats: bool, workers: int) -> None:
    """Add the articles under PATHS to the corpus DB (an SQLite file, created if needed).

    PATHS are directories of .txt/.html files (read recursively; the id is the path
    relative to the directory), JSON Lines files or WARC(.gz) crawls. Every record is
    kept under its id (records with the same text share one analysis); indexing the same
    record again changes nothing, an id already stored with another text is refused and
    named; an interrupted run resumes where it stopped.
    """
    import json
    import time

    from retold.corpus import Corpus

    if not paths and not stats:
        raise click.UsageError("give at least one PATH to index, or --stats")
    with Corpus(db, create=bool(paths)) as corpus:  # --stats alone only reads
        if paths:
            total = corpus.input_bytes(list(paths))
            with _progress() as bar:
                task = bar.add_task("indexing", total=total or None, rate="")
                started, count = time.perf_counter(), 0

                def advance(nbytes: int, articles: int) -> None:
                    nonlocal count
                    count += articles
                    rate = count / max(1e-9, time.perf_counter() - started)
                    bar.update(task, advance=nbytes, rate=f"{count:,} articles, {rate:,.0f}/s")

                def skipped(skip: Any) -> None:
                    bar.console.print(f"skipped {skip.location}: {skip.reason}", highlight=False)

                try:
                    result = corpus.add_files(
                        list(paths), progress=advance, on_skip=skipped, workers=workers
                    )
                except KeyboardInterrupt:
                    click.echo(
                        f"Interrupted: {len(corpus):,} articles are safely stored in {db};"
                        " run the same command again to resume.",
                        err=True,
                    )
                    sys.exit(130)
            for note in corpus.store.notes:
                click.echo(f"note: {note}", err=True)
            notes = sorted(set(result.notes))
            for note in notes[:MAX_NOTES]:
                click.echo(f"note: {note}", err=True)
            if len(notes) > MAX_NOTES:
                click.echo(f"note: … and {len(notes) - MAX_NOTES:,} more like these", err=True)
            click.echo(f"{result.summary()}; {len(corpus):,} articles in {db}", err=True)
        if stats:
            click.echo(json.dumps(corpus.stats(), indent=2))


@main.command()
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("article")
@click.option(
    "--top", default=5, show_default=True, type=click.IntRange(1, 100), help="Candidates to list."
)
@click.option(
    "--all",
    "compare_all",
    is_flag=True,
    help="Compare with each of the top candidates, not only the best.",
)
@format_options
@click.option("--encoding", help="Decode ARTICLE with this encoding instead of detecting it.")
@handle_errors
def trace(
    db: str,
    article: str,
    top: int,
    compare_all: bool,
    fmt: str,
    output: str | None,
    encoding: str | None,
) -> None:
    """Find the sources of ARTICLE in the corpus DB, then compare it with the best.

    Candidates are ranked by how much of ARTICLE's rare word n-grams each contains;
    the list gives the shared share both ways and the direction when dates are known.
    """
    from retold.corpus import Corpus
    from retold.corpus.present import render_trace

    derived = load_article(article, encoding=encoding)
    for note in derived.notes:
        click.echo(f"note: {note}", err=True)
    with Corpus(db, create=False) as corpus:
        result = corpus.trace(derived, top=top, compare_all=compare_all)
    color = fmt == "text" and output is None and sys.stdout.isatty()
    emit(render_trace(result, fmt, color=color), output)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="DB | INPUT...")
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="local: one corpus DB on this machine; spark: Apache Spark over JSON Lines,"
    " Parquet, WARC(.gz) inputs (local, HDFS or S3 paths) or retold DBs.",
)
@click.option(
    "--min-share",
    default=0.2,
    show_default=True,
    type=click.FloatRange(0, 1),
    help="Report a pair when reuse covers this share of either article.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    help="Processes for passage alignment and checks [default: one per CPU] (local engine).",
)
@click.option(
    "--check",
    is_flag=True,
    help="Run the full compare on every pair (source: the earlier, else fuller article)"
    " and write its report into the pair record.",
)
@click.option(
    "-o",
    "--output",
    help="Write the JSON Lines to this file instead of standard output (OUTPUT.part until"
    " done; a rerun after an interruption reuses its reports). Spark: a directory with"
    " --output-format jsonl-dir or parquet.",
)
@click.option("--master", help="Spark master URL [default: local[*]; spark-submit's own].")
@click.option(
    "--output-format",
    type=click.Choice(["jsonl", "jsonl-dir", "parquet"]),
    default="jsonl",
    show_default=True,
    help="Spark: one JSON Lines file (or stdout), or a directory of JSON Lines or Parquet parts.",
)
@click.option(
    "--work",
    help="Spark: checkpoint directory; a rerun resumes from its finished stages"
    " [default: OUTPUT.work, removed when done; without -o a temporary one].",
)
@click.option("--conf", multiple=True, metavar="KEY=VALUE", help="Spark: a setting (repeatable).")
@handle_errors
def scan(
    inputs: tuple[str, ...],
    engine: str,
    min_share: float,
    workers: int | None,
    check: bool,
    output: str | None,
    master: str | None,
    output_format: str,
    work: str | None,
    conf: tuple[str, ...],
) -> None:
    """Find every pair of articles with reuse, then the reprint clusters.

    The local engine scans one corpus DB (`retold index`); the spark engine reads
    INPUT... itself (JSON Lines, Parquet, WARC, retold DBs) and gives the same records.

    Writes JSON Lines: one {"type": "pair", ...} record a pair (ids, shares both ways,
    shared passages, direction when dates allow, "identical" for the same text), then
    {"type": "cluster", ...} records. With --check each pair also gets the full
    compare report ("check").
    """
    spark_only = {"--master": master, "--work": work, "--conf": conf}
    if output_format != "jsonl":
        spark_only["--output-format"] = output_format
    if engine == "spark":
        if workers is not None:
            raise click.UsageError("--workers is for the local engine (spark: --master local[N])")
        _scan_spark(inputs, min_share, check, output, master, output_format, work, conf)
        return
    given = [name for name, value in spark_only.items() if value]
    if given:
        raise click.UsageError(f"{', '.join(given)} only with --engine spark")
    if len(inputs) != 1:
        raise click.UsageError("the local engine scans one corpus: retold scan DB")
    if output and Path(output).is_dir():
        raise click.UsageError(f"-o {output} is a directory; give a file")
    _scan_local(inputs[0], min_share, workers, check, output)


def _scan_local(
    db: str, min_share: float, workers: int | None, check: bool, output: str | None
) -> None:
    from retold.corpus import Corpus
    from retold.corpus.check import Earlier

    part = Path(output + ".part") if output else None
    earlier = Earlier(part if check else None)
    with Corpus(db, create=False) as corpus, _progress() as bar:
        tasks: dict[str, Any] = {}

        def advance(phase: str, done: int, total: int | None) -> None:
            if phase not in tasks:
                label = "candidate n-grams" if phase == "candidates" else "aligning pairs"
                tasks[phase] = bar.add_task(label, total=total, rate="")
            bar.update(tasks[phase], advance=done, total=total)

        records = corpus.scan(
            min_share=min_share,
            workers=workers,
            progress=advance,
            check=check,
            done=earlier.done,
        )
        pairs, clusters = _write_records(records, output, earlier)
    note = f"; wrote {output}" if output else ""
    if earlier.where:
        note += f" ({len(earlier.where):,} reports reused from the interrupted run)"
    click.echo(f"{pairs:,} pairs, {clusters:,} clusters{note}", err=True)


def _scan_spark(
    inputs: tuple[str, ...],
    min_share: float,
    check: bool,
    output: str | None,
    master: str | None,
    output_format: str,
    work: str | None,
    conf: tuple[str, ...],
) -> None:
    from retold.spark import Options, run
    from retold.spark.session import parse_conf

    options = Options(
        inputs,
        min_share=min_share,
        check=check,
        output=output,
        output_format=output_format,
        work=work,
        master=master,
        conf=parse_conf(conf),
    )
    summary = run(options, log=lambda line: click.echo(line, err=True))
    for line in summary.lines():
        click.echo(line, err=True)
    note = f"; wrote {output}" if output else ""
    click.echo(f"{summary.pairs:,} pairs, {summary.clusters:,} clusters{note}", err=True)


def _write_records(records: Any, output: str | None, earlier: Any) -> tuple[int, int]:
    """Scan records as JSON Lines to stdout or to OUTPUT (via OUTPUT.part, renamed when
    complete; an interrupted run keeps whichever partial file got further)."""
    import json

    pairs = clusters = 0
    if not output:
        for record in records:
            pairs += record["type"] == "pair"
            clusters += record["type"] != "pair"
            click.echo(json.dumps(record, ensure_ascii=False))
        return pairs, clusters
    part, fresh = Path(output + ".part"), Path(output + ".part.new")
    try:
        handle = fresh.open("w", encoding="utf-8")
    except OSError as exc:
        raise RetoldError(f"cannot write {output}: {exc.strerror}", hint="check the path") from exc
    try:
        with handle:
            for record in records:
                earlier.fill(record)
                pairs += record["type"] == "pair"
                clusters += record["type"] != "pair"
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    except BaseException as exc:
        if not part.exists() or fresh.stat().st_size > part.stat().st_size:
            fresh.replace(part)
        else:
            fresh.unlink()
        if isinstance(exc, KeyboardInterrupt):
            click.echo(f"Interrupted: run the same command again to resume ({part}).", err=True)
        raise
    finally:
        records.close()  # while the corpus is open
    fresh.replace(output)
    part.unlink(missing_ok=True)
    return pairs, clusters


@main.command()
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("pairs", type=click.Path(dir_okay=False, exists=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "html", "json"]),
    default="markdown",
    show_default=True,
    help="Summary format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the summary here; each pair's report goes beside it (FILE_pairs/).",
)
@click.option("--title", default="What each outlet changed", show_default=True)
@handle_errors
def report(db: str, pairs: str, fmt: str, output: str | None, title: str) -> None:
    """Summarise the pairs of `scan --check` by publisher: reprints taken, share of each
    story reused, quotes altered, facts changed, material added, attribution dropped.

    With -o and --format markdown or html, each pair's full report is written as its own
    page in a folder beside the summary, linked from it.
    """
    from retold.corpus import Corpus
    from retold.corpus.outlets import render_outlets, summarize

    pages = _pages_dir(output, fmt)
    with Corpus(db, create=False) as corpus:
        records = _read_pairs(Path(pairs), pages, fmt)
        summary = summarize(records, _Publishers(corpus.store))
    relative = pages.name if pages else None
    emit(render_outlets(summary, fmt, title=title, pages=relative), output)
    if pages:
        click.echo(f"wrote {len(summary.pairs):,} pair reports in {pages}", err=True)
    elif fmt != "json" and summary.pairs:
        click.echo("note: give -o FILE to also write each pair's report beside it", err=True)


def _pages_dir(output: str | None, fmt: str) -> Path | None:
    if not output or fmt == "json":
        return None
    target = Path(output)
    pages = target.with_name(target.stem + "_pairs")
    try:
        pages.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RetoldError(f"cannot write {pages}: {exc.strerror}", hint="check the path") from exc
    return pages


def _read_pairs(path: Path, pages: Path | None, fmt: str) -> Any:
    """The pair records of a scan file; each checked pair's page written on the way."""
    import json

    from retold.corpus.outlets import pair_page_name
    from retold.report import Report

    number = 0
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise RetoldError(
                    f"{path}:{line_number} is not a scan record",
                    hint="pass the JSON Lines written by `retold scan --check -o FILE`",
                ) from exc
            if record.get("type") != "pair":
                continue
            number += 1
            if pages and isinstance(record.get("check"), dict):
                ext = "md" if fmt == "markdown" else "html"
                page = render(Report.from_dict(record["check"]), fmt)
                (pages / pair_page_name(number, ext)).write_text(page, encoding="utf-8")
            yield record


class _Publishers(dict[str, str]):
    """id -> publisher, looked up in the corpus on first use."""

    def __init__(self, store: Any) -> None:
        super().__init__()
        self.store = store

    def __missing__(self, key: str) -> str:
        found = self.store.by_ids([key]).get(key)
        self[key] = value = found.publisher if found else ""
        return value

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] or default


@main.command()
@click.argument("db", required=False, type=click.Path(dir_okay=False, exists=True))
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default)."
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port (0: any free one).",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes that run compares and traces, one job each at a time.",
)
@handle_errors
def serve(db: str | None, host: str, port: int, workers: int) -> None:
    """Serve the web app: paste or upload two articles, or trace one in the corpus DB.

    Every page has a JSON twin (/api/compare, /api/trace); the API is documented at /docs.
    """
    from retold.web.app import create_app
    from retold.web.pool import Limits
    from retold.web.server import bind, run, url_of

    sock = bind(host, port)
    app = create_app(db, host=host, limits=Limits(workers=workers))
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"note: serving on {host}: reachable from other machines", err=True)
    click.echo(f"retold: serving on {url_of(sock)} (API docs at /docs; Ctrl-C to stop)", err=True)
    run(app, sock)


if __name__ == "__main__":
    main()
