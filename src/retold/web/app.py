"""FastAPI app: paste or upload two articles and see the side-by-side report.

Every HTML page has a JSON twin (`/api/compare`, `/api/trace`), documented by the
OpenAPI schema at `/docs`. Article text is untrusted: the report page escapes it
(render/html.py), request bodies are capped at MAX_REQUEST_BYTES, and the server
binds to 127.0.0.1 unless told otherwise (cli.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from functools import lru_cache
from typing import Any

import jinja2
from fastapi import FastAPI, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

from retold.compare import compare
from retold.errors import CorpusError, InputError, RetoldError
from retold.render import render
from retold.text.article import Article
from retold.text.load import MAX_BYTES, article_from_record, decode, parse_article, too_big

MAX_REQUEST_BYTES = 2 * MAX_BYTES + 100_000  # two articles at the size limit, plus form overhead

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class ArticleIn(BaseModel):
    """An article as JSON: the same fields as a .json input file."""

    text: str = Field(description="The article's text.")
    title: str = ""
    id: str = ""
    date: str = ""
    url: str = ""
    publisher: str = ""


class CompareIn(BaseModel):
    source: ArticleIn
    derived: ArticleIn


class TraceIn(BaseModel):
    article: ArticleIn
    top: int = Field(5, ge=1, le=50, description="How many candidate sources to list.")


class LimitBody:
    """ASGI middleware: refuse bodies over `limit` bytes (413), declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        # at most 15 digits: int() refuses more than 4,300, and no real body is that big
        too_long = declared is not None and declared.isdigit() and len(declared) > 15
        if too_long or (declared is not None and declared.isdigit() and int(declared) > self.limit):
            await _too_large(send, self.limit)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise InputError(f"request body over {self.limit:,} bytes")
            return message

        try:
            await self.app(scope, counted, send)
        except InputError:
            await _too_large(send, self.limit)


async def _too_large(send: Send, limit: int) -> None:
    body = (
        b'{"error": {"message": "request body too large", "hint": "send at most '
        + f"{limit:,}".encode()
        + b' bytes"}}'
    )
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("retold", "web/templates"), autoescape=True
    )


def _error(exc: RetoldError, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": {"message": exc.message, "hint": exc.hint}}, status_code=status)


async def _form_article(text: str, upload: UploadFile | None, name: str) -> Article:
    """A pasted text, or an uploaded .txt/.html/.json file (the file wins when both are given)."""
    if upload is not None and upload.filename:
        if upload.size is not None and upload.size > MAX_BYTES:
            raise too_big(upload.filename, upload.size)
        data = await upload.read(MAX_BYTES + 1)
        decoded, _ = decode(data, name=upload.filename)
        kind = upload.filename.rsplit(".", 1)[-1].lower() if "." in upload.filename else ""
        kind = {"htm": "html"}.get(kind, kind)
        return parse_article(
            decoded, name=upload.filename, kind=kind if kind in ("txt", "html", "json") else ""
        )
    if not text.strip():
        raise InputError(f"the {name} article is empty", hint="paste its text or upload a file")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InputError(f"the {name} article is over {MAX_BYTES:,} bytes")
    return parse_article(text, name=name)


def _corpus(db: str | None) -> Any:
    """The corpus to trace against; a clear error when the app was started without one."""
    if db is None:
        raise CorpusError(
            "this server has no corpus", hint="start it with `retold serve DB` to trace articles"
        )
    from retold.corpus import Corpus

    return Corpus(db, create=False)


def create_app(db: str | None = None) -> FastAPI:
    """The retold web app; with `db` (a corpus file) it can also trace articles."""
    app = FastAPI(
        title="retold",
        description="Where did this story come from, and what did the retelling change?",
        version="0.1.0",
    )

    @app.exception_handler(RetoldError)
    async def retold_error(request: Request, exc: RetoldError) -> JSONResponse:
        return _error(exc)

    @app.get("/", response_class=HTMLResponse, summary="Paste or upload two articles")
    async def index() -> str:
        return _templates().get_template("index.html").render(max_bytes=MAX_BYTES, corpus=db)

    @app.post("/trace", response_class=HTMLResponse, summary="Trace a pasted article in the corpus")
    def trace_page(article_text: str = Form(""), top: int = Form(5, ge=1, le=50)) -> HTMLResponse:
        from retold.corpus.present import render_trace

        try:
            article = parse_article(article_text, name="article") if article_text.strip() else None
            if article is None:
                raise InputError("the article is empty", hint="paste its text")
            with _corpus(db) as corpus:
                result = corpus.trace(article, top=top)
        except RetoldError as exc:
            page = (
                _templates()
                .get_template("index.html")
                .render(max_bytes=MAX_BYTES, corpus=db, error=str(exc))
            )
            return HTMLResponse(page, status_code=400)
        return HTMLResponse(render_trace(result, "html"))

    @app.post("/api/trace", summary="Candidate sources and the report (retold.trace/1)")
    def trace_api(body: TraceIn) -> dict[str, Any]:
        article = article_from_record(body.article.model_dump(), id="article")
        with _corpus(db) as corpus:
            result: dict[str, Any] = corpus.trace(article, top=body.top).to_dict()
        return result

    @app.post("/compare", response_class=HTMLResponse, summary="The side-by-side report page")
    async def compare_page(
        source_text: str = Form(""),
        derived_text: str = Form(""),
        source_file: UploadFile | None = None,
        derived_file: UploadFile | None = None,
    ) -> HTMLResponse:
        try:
            source = await _form_article(source_text, source_file, "source")
            derived = await _form_article(derived_text, derived_file, "derived")
        except RetoldError as exc:
            page = (
                _templates().get_template("index.html").render(max_bytes=MAX_BYTES, error=str(exc))
            )
            return HTMLResponse(page, status_code=400)
        return HTMLResponse(render(compare(source, derived), "html"))

    @app.post("/api/compare", summary="The JSON report (retold.report/1) for two articles")
    async def compare_api(body: CompareIn) -> dict[str, Any]:
        source = article_from_record(body.source.model_dump(), id="source")
        derived = article_from_record(body.derived.model_dump(), id="derived")
        return compare(source, derived).to_dict()

    return LimitBody(app, MAX_REQUEST_BYTES)  # type: ignore[return-value]
