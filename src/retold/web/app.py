"""FastAPI app: paste or upload two articles and see the report page; trace an article
in a corpus; browse its reprints.

Every page has a JSON twin under /api/, documented at /docs (served from the package).
The app itself only routes: the CPU work runs in a bounded pool of worker processes
(`pool.py`, `jobs.py`), so one large compare never stalls other requests. Article text
is untrusted: pages escape it, each article is capped at MAX_BYTES and a request at
MAX_REQUEST_BYTES, and on loopback only loopback Host names are answered (`guard.py`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from retold.errors import RetoldError
from retold.text.load import MAX_BYTES
from retold.web import jobs
from retold.web.csp import report_csp
from retold.web.docs import docs_page
from retold.web.errors import WebError, install, problem_of
from retold.web.guard import (
    LOOPBACK_NAMES,
    BodyLimit,
    CatchAll,
    HostCheck,
    SecurityHeaders,
    is_loopback,
)
from retold.web.pages import FormState, corpus_page, index_page
from retold.web.pool import Busy, Kind, Limits, WorkerPool
from retold.web.scans import Scans
from retold.web.schemas import (
    CompareIn,
    CorpusOut,
    ErrorOut,
    PendingOut,
    ReportOut,
    TraceIn,
    TraceOut,
)

MAX_REQUEST_BYTES = 2 * MAX_BYTES + 100_000  # two articles at the limit, plus form overhead
ID_CHARS = 2_000  # an article id in a query string
JSON = "application/json"
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Bad input: malformed JSON, an empty article…"},
    413: {"model": ErrorOut, "description": "An article or the request is too large."},
    422: {"model": ErrorOut, "description": "A field is missing, of the wrong type or range."},
    503: {
        "model": ErrorOut,
        "description": "Busy: no worker free in time, or the job ran too long. See Retry-After.",
    },
}
DEFAULT_LIMITS = Limits()
CORPUS_ERRORS = {**ERRORS, 404: {"model": ErrorOut, "description": "No corpus, or no such id."}}


def create_app(
    db: str | None = None,
    *,
    host: str = "127.0.0.1",
    limits: Limits = DEFAULT_LIMITS,
    pool: Kind = "process",
) -> FastAPI:
    """The retold web app; with `db` (a corpus file) it can also trace and list reprints.
    `host` is the address it is served on: on loopback, other Host names are refused."""
    workers = WorkerPool(limits, kind=pool)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        workers.start()
        report_csp()  # made once, before the first report page
        yield
        workers.close()

    app = FastAPI(
        title="retold",
        description="Where did this story come from, and what did the retelling change?",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.pool = workers
    install(app)
    app.add_middleware(BodyLimit, limit=MAX_REQUEST_BYTES)
    app.add_middleware(HostCheck, allowed=LOOPBACK_NAMES if is_loopback(host) else None)
    app.add_middleware(CatchAll)
    app.add_middleware(SecurityHeaders)  # outermost: every answer carries the headers
    _page_routes(app, db, workers)
    _static_routes(app, db)
    _api_routes(app, db, workers)
    if db is not None:
        _corpus_routes(app, db, workers)
    return app


def _page_routes(app: FastAPI, db: str | None, pool: WorkerPool) -> None:
    name = Path(db).name if db else None

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(index_page(name))

    @app.post("/compare", include_in_schema=False)
    async def compare_page(request: Request) -> Response:
        form = FormState()
        try:
            fields = await _form(request)
            form = _state(fields)
            source = await _pasted(fields, "source")
            derived = await _pasted(fields, "derived")
            page = await pool.run(jobs.compare_page, source, derived)
        except (RetoldError, WebError, Busy) as exc:
            return _form_error(name, form, exc)
        return report_page(page)

    @app.post("/trace", include_in_schema=False)
    async def trace_page(request: Request) -> Response:
        form = FormState()
        try:
            fields = await _form(request)
            form = _state(fields)
            top = _top(fields)
            article = await _pasted(fields, "article")
            page = await pool.run(jobs.trace_page, _corpus(db), article, top)
        except (RetoldError, WebError, Busy) as exc:
            return _form_error(name, form, exc)
        return HTMLResponse(page)

    @app.post("/trace/compare", include_in_schema=False)
    async def trace_compare(request: Request) -> Response:
        form = FormState()
        try:
            fields = await _form(request)
            form = _state(fields)
            article = await _pasted(fields, "article")
            candidate = str(fields.get("candidate") or "")
            page = await pool.run(jobs.trace_compare_page, _corpus(db), article, candidate)
        except (RetoldError, WebError, Busy) as exc:
            return _form_error(name, form, exc)
        return report_page(page)

    for path in ("/compare", "/trace"):  # reloading a result page: back to the form
        app.add_api_route(path, _to_form, methods=["GET"], include_in_schema=False)


def _static_routes(app: FastAPI, db: str | None) -> None:
    name = Path(db).name if db else None

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(_docs(app, name))

    @app.get("/static/retold.css", include_in_schema=False)
    async def stylesheet() -> Response:
        return Response(_css(), media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response(status_code=204)


def _api_routes(app: FastAPI, db: str | None, pool: WorkerPool) -> None:
    @app.post(
        "/api/compare",
        summary="Compare two articles: the JSON report (retold.report/1)",
        description="The same report as the page from POST /compare and `retold compare "
        "--format json`.",
        responses={200: {"model": ReportOut, "description": "The report."}, **ERRORS},
    )
    async def compare_api(body: CompareIn) -> Response:
        _check_size(body.source.text, "source")
        _check_size(body.derived.text, "derived")
        data = await pool.run(
            jobs.compare_json, body.source.model_dump(), body.derived.model_dump()
        )
        return Response(data, media_type=JSON)

    @app.post(
        "/api/trace",
        summary="Trace an article's sources in the corpus (retold.trace/1)",
        description="Candidates best first, with the share of each side the reuse covers, "
        "and the report against the best. Needs a server started with a corpus.",
        responses={200: {"model": TraceOut, "description": "The trace."}, **CORPUS_ERRORS},
    )
    async def trace_api(body: TraceIn) -> Response:
        _check_size(body.article.text, "article")
        data = await pool.run(jobs.trace_json, _corpus(db), body.article.model_dump(), body.top)
        return Response(data, media_type=JSON)


def _corpus_routes(app: FastAPI, db: str, pool: WorkerPool) -> None:
    name = Path(db).name
    scans = Scans(db, pool)
    ids = Query(min_length=1, max_length=ID_CHARS, description="An article id in the corpus.")

    @app.get("/corpus", response_class=HTMLResponse, include_in_schema=False)
    async def corpus() -> HTMLResponse:
        try:
            summary = await scans.summary()
        except (RetoldError, WebError, Busy) as exc:
            return HTMLResponse(corpus_page(name, None, problem_of(exc)), problem_of(exc).status)
        return HTMLResponse(corpus_page(name, summary))

    @app.get(
        "/api/corpus",
        summary="Reprint groups and the strongest pairs in the corpus",
        description="Runs `retold scan` once per version of the corpus file: 202 while it "
        "runs, then the result.",
        responses={
            200: {"model": CorpusOut, "description": "The groups and pairs."},
            202: {"model": PendingOut, "description": "The scan is running."},
            **CORPUS_ERRORS,
        },
    )
    async def corpus_api() -> Response:
        summary = await scans.summary()
        if summary is None:
            return Response(b'{"state": "running"}', status_code=202, media_type=JSON)
        return Response(jobs.to_json(summary), media_type=JSON)

    @app.get("/corpus/compare", include_in_schema=False)
    async def stored_page(source: str = ids, derived: str = ids) -> Response:
        return report_page(await pool.run(jobs.stored_compare, db, source, derived, "html"))

    @app.get(
        "/api/corpus/compare",
        summary="Compare two stored articles, by id (retold.report/1)",
        responses={200: {"model": ReportOut, "description": "The report."}, **CORPUS_ERRORS},
    )
    async def stored_api(source: str = ids, derived: str = ids) -> Response:
        return Response(
            await pool.run(jobs.stored_compare, db, source, derived, "json"), media_type=JSON
        )


def report_page(page: bytes) -> HTMLResponse:
    """The report page, with the policy that lets its own inline script run."""
    return HTMLResponse(page, headers={"Content-Security-Policy": report_csp()})


async def _to_form() -> RedirectResponse:
    return RedirectResponse("/", status_code=303)


async def _form(request: Request) -> FormData:
    """The posted form. Starlette caps a form field at 1 MB by default, below one article;
    the request as a whole is capped by BodyLimit."""
    return await request.form(max_files=4, max_fields=16, max_part_size=MAX_REQUEST_BYTES)


def _text(fields: FormData, key: str) -> str:
    value = fields.get(key)
    return jobs.clean(value) if isinstance(value, str) else ""


def _state(fields: FormData) -> FormState:
    uploads = tuple(
        str(f.filename)
        for key in ("source_file", "derived_file")
        if isinstance(f := fields.get(key), UploadFile) and f.filename
    )
    top = _text(fields, "top")
    return FormState(
        _text(fields, "source_text"),
        _text(fields, "derived_text"),
        _text(fields, "article_text"),
        int(top) if top.isdigit() and len(top) < 4 else 5,
        uploads,
    )


def _top(fields: FormData) -> int:
    top = _text(fields, "top").strip() or "5"
    if not (top.isdigit() and 1 <= int(top) <= 50):
        raise WebError(422, "invalid_request", "top: give a whole number from 1 to 50")
    return int(top)


async def _pasted(fields: FormData, role: str) -> jobs.Pasted:
    """The article `role` from the form: an uploaded file (it wins) or the pasted text."""
    upload = fields.get(f"{role}_file")
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            size = upload.size if upload.size is not None else len(data)
            raise WebError(
                413,
                "too_large",
                f"the {role} file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit",
                "upload a single article",
            )
        return jobs.Pasted(role, data=data, filename=upload.filename)
    text = _text(fields, f"{role}_text")
    _check_size(text, role)
    return jobs.Pasted(role, text=text)


def _check_size(text: str, role: str) -> None:
    """The CLI's per-article limit, in UTF-8 bytes."""
    if len(text) * 4 > MAX_BYTES and len(text.encode("utf-8")) > MAX_BYTES:
        raise WebError(
            413,
            "too_large",
            f"the {role} article is {len(text.encode('utf-8')):,} bytes, over the "
            f"{MAX_BYTES:,}-byte limit",
            "send a single article; `retold index` takes whole collections",
        )


def _corpus(db: str | None) -> str:
    if db is None:
        raise WebError(
            404,
            "no_corpus",
            "this server has no corpus",
            "start it with `retold serve DB` to trace articles",
        )
    return db


def _form_error(name: str | None, form: FormState, exc: Exception) -> HTMLResponse:
    """The form again, with the error and everything the user typed."""
    problem = problem_of(exc)
    return HTMLResponse(
        index_page(name, form, problem), status_code=problem.status, headers=problem.headers
    )


def _docs(app: FastAPI, name: str | None) -> str:
    return docs_page(app.openapi(), name)


@lru_cache(maxsize=1)
def _css() -> bytes:
    return (resources.files("retold.web") / "static" / "retold.css").read_bytes()
