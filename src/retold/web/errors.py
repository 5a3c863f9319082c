"""One error body for every failure: `{"error": {"code", "message", "hint"}}`.

Every refusal, from a library error to a malformed JSON body, an unknown Host or a
busy server, becomes a `Problem`; the API answers it as JSON and a browser gets the
same text on a page. A bug is a 500 with the same body, never a bare traceback.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from retold.errors import CorpusError, EncodingError, RetoldError
from retold.text.load import MAX_BYTES
from retold.web.pages import message_page
from retold.web.pool import Busy
from retold.web.problem import Problem

log = logging.getLogger("retold.web")

STATUS_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
}
STATUS_HINTS = {
    404: "see /docs for the routes",
    405: "see /docs for the routes and their methods",
    413: f"each article may be at most {MAX_BYTES:,} bytes (UTF-8)",
}


class WebError(Exception):
    """A refusal by the web layer itself (too large, no corpus, bad Host)."""

    def __init__(self, status: int, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.problem = Problem(status, code, message, hint)


class NotInCorpus(CorpusError):
    """An article id the corpus does not hold (HTTP 404)."""


def problem_of(exc: BaseException) -> Problem:
    """The Problem for any exception: the one place statuses and codes are chosen."""
    if isinstance(exc, WebError):
        return exc.problem
    if isinstance(exc, Busy):
        return Problem(503, exc.code, exc.message, exc.hint, {"Retry-After": str(exc.retry_after)})
    if isinstance(exc, RetoldError):
        return _library_problem(exc)
    if isinstance(exc, RequestValidationError):
        return _validation_problem(exc.errors())
    if isinstance(exc, HTTPException):
        code = STATUS_CODES.get(exc.status_code, "error")
        hint = STATUS_HINTS.get(exc.status_code, "")
        return Problem(exc.status_code, code, str(exc.detail), hint, dict(exc.headers or {}))
    return Problem(
        500,
        "internal",
        f"internal error ({type(exc).__name__}); this is a bug in retold",
        "the server log has the traceback; please report it with the input",
    )


def _library_problem(exc: RetoldError) -> Problem:
    if isinstance(exc, NotInCorpus):
        return Problem(404, "not_found", exc.message, exc.hint)
    if isinstance(exc, CorpusError):
        return Problem(500, "corpus_error", exc.message, exc.hint)
    code = "bad_encoding" if isinstance(exc, EncodingError) else "bad_input"
    return Problem(400, code, exc.message, exc.hint)


def _validation_problem(errors: Sequence[Any]) -> Problem:
    """FastAPI's list of validation errors as one sentence naming each field."""
    if any(e.get("type") == "json_invalid" for e in errors):
        detail = next(e for e in errors if e.get("type") == "json_invalid")
        reason = (detail.get("ctx") or {}).get("error", "invalid JSON")
        return Problem(
            400,
            "malformed_json",
            f"the request body is not valid JSON: {reason}",
            "send a JSON object; see /docs for its fields",
        )
    parts = []
    for e in errors[:10]:
        where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "query"))
        parts.append(f"{where or 'body'}: {e.get('msg', 'invalid')}")
    more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
    return Problem(
        422, "invalid_request", "; ".join(parts) + more, "see /docs for the fields and their types"
    )


def wants_html(path: str, accept: str) -> bool:
    """A browser asking for a page, not an API client: errors come back as a page."""
    return not path.startswith("/api/") and path != "/openapi.json" and "text/html" in accept


def respond(request: Request, problem: Problem) -> Response:
    """The error as JSON, or as a page for a browser."""
    if wants_html(request.url.path, request.headers.get("accept", "")):
        return HTMLResponse(
            message_page(problem), status_code=problem.status, headers=problem.headers
        )
    return JSONResponse(problem.body(), status_code=problem.status, headers=problem.headers)


def install(app: FastAPI) -> None:
    """Answer every expected failure with the one error body (or page)."""

    async def handler(request: Request, exc: Exception) -> Response:
        problem = problem_of(exc)
        if problem.status >= 500 and problem.code in ("internal", "corpus_error"):
            log.error("%s %s: %s", request.method, request.url.path, _trace(exc))
        return respond(request, problem)

    for kind in (RequestValidationError, HTTPException, RetoldError, Busy, WebError):
        app.add_exception_handler(kind, handler)


def _trace(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))
