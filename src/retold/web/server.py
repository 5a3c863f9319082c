"""Serving the app: bind the socket first (so the start-up line can give the real URL and
a busy port is a clear error), then run uvicorn on it."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from retold.errors import RetoldError


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free port)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        raise RetoldError(
            f"cannot serve on {host}:{port}: {exc.strerror or exc}",
            hint="pick another --port, or check --host",
        ) from exc
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def _server(app: FastAPI) -> uvicorn.Server:
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=5)
    return uvicorn.Server(config)


def run(app: FastAPI, sock: socket.socket) -> None:
    """Serve until Ctrl-C."""
    _server(app).run(sockets=[sock])


@contextmanager
def running(app: FastAPI, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve `app` on a free port in a background thread (tests, benchmarks); yields
    its URL and stops it on exit."""
    sock = bind(host, 0)
    server = _server(app)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started and thread.is_alive():
            threading.Event().wait(0.05)
        yield url_of(sock)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
