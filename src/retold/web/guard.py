"""ASGI middleware that guards every request: security headers, the Host check, the
body limit, and a last resort for bugs (a 500 with the error body, never a traceback).

Order, outside in: SecurityHeaders -> CatchAll -> HostCheck -> BodyLimit -> the app, so
even a refusal made here carries the headers.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from retold.web.errors import problem_of, wants_html
from retold.web.problem import Problem

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("retold.web")

# No scripts, no frames, nothing from elsewhere. Pages that need more (the report page's
# own inline script) send their own policy, which this middleware leaves alone.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"no-referrer",
    b"cross-origin-opener-policy": b"same-origin",
}
STOPPING = Problem(
    503, "stopping", "the server is stopping", "send the request again once it is back"
)
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def is_loopback(host: str) -> bool:
    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers") or ():
        if key == name:
            return bytes(value).decode("latin-1")
    return ""


async def send_problem(scope: Scope, receive: Receive, send: Send, problem: Problem) -> None:
    """Answer with the error body (or page) straight from a middleware."""
    if wants_html(scope.get("path", ""), _header(scope, b"accept")):
        from retold.web.pages import message_page

        response: JSONResponse | HTMLResponse = HTMLResponse(
            message_page(problem), status_code=problem.status, headers=problem.headers
        )
    else:
        response = JSONResponse(problem.body(), status_code=problem.status, headers=problem.headers)
    await response(scope, receive, send)


class SecurityHeaders:
    """nosniff, no framing, no referrer, and the default CSP on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {bytes(k).lower() for k, _ in headers}
                extra = dict(HEADERS)
                extra[b"content-security-policy"] = CSP.encode()
                headers += [(k, v) for k, v in extra.items() if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class CatchAll:
    """A bug becomes a logged traceback and a 500 with the error body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:
            log.exception("%s %s", scope.get("method"), scope.get("path"))
            if not started:
                await send_problem(scope, receive, send, problem_of(exc))
        except asyncio.CancelledError:
            # the server is stopping and gave up waiting for this request (its job is
            # killed by the pool): an answer, not a traceback
            if not started:
                await send_problem(scope, receive, send, STOPPING)


class HostCheck:
    """Served on loopback, answer only to loopback names: a page on another site that
    points its own name at 127.0.0.1 (DNS rebinding) cannot read the local server."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str] | None) -> None:
        self.app = app
        self.allowed = frozenset(h.lower() for h in allowed) if allowed is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.allowed is None:
            await self.app(scope, receive, send)
            return
        host = _header(scope, b"host").lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if name not in self.allowed:
            problem = Problem(
                400,
                "bad_host",
                f"this server does not answer to the host name {host[:100]!r}",
                "open it as http://127.0.0.1:PORT/ or http://localhost:PORT/; to serve "
                "other names, start it with --host",
            )
            await send_problem(scope, receive, send, problem)
            return
        await self.app(scope, receive, send)


class BodyTooLarge(HTTPException):
    """Raised while the body streams in; FastAPI passes HTTPExceptions through as they are
    (any other error while reading the body would become a 400)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is over {limit:,} bytes")


class BodyLimit:
    """Refuse bodies over `limit` bytes with 413: by Content-Length, or while a chunked
    body streams in."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        # more than 15 digits is too large anyway, and int() refuses over 4,300 of them
        if declared.isdigit() and (len(declared) > 15 or int(declared) > self.limit):
            await send_problem(scope, receive, send, problem_of(BodyTooLarge(self.limit)))
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge(self.limit)
            return message

        await self.app(scope, counted, send)
