"""The per-article size limit holds everywhere: CLI, Python, the web API and uploads."""

from __future__ import annotations

import asyncio
import warnings
from typing import Any

import pytest

from retold import compare
from retold.errors import InputError
from retold.web.app import create_app
from retold.web.guard import BodyLimit

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SMALL = "The council voted on Tuesday to build a new pier at Gull Point."
HUGE = "word " * 1_200_000  # 6,000,000 bytes


def test_the_api_refuses_an_article_over_the_limit() -> None:
    client = TestClient(create_app(pool="thread"), base_url="http://127.0.0.1")
    response = client.post(
        "/api/compare", json={"source": {"text": SMALL}, "derived": {"text": HUGE}}
    )
    assert response.status_code == 413
    message = response.json()["error"]["message"]
    assert "6,000,000 bytes, over the 5,000,000-byte limit" in message
    response = client.post("/api/trace", json={"article": {"text": HUGE}})
    assert response.status_code == 413 and "over the 5,000,000-byte limit" in response.text


def test_python_compare_refuses_an_article_over_the_limit() -> None:
    with pytest.raises(InputError, match="over the 5,000,000-byte limit"):
        compare(SMALL, HUGE)
    with pytest.raises(InputError, match="over the 5,000,000-byte limit"):
        compare(SMALL, "é" * 2_500_001)  # 5,000,002 bytes in 2,500,001 characters


def test_an_upload_over_the_limit_gives_its_real_size() -> None:
    client = TestClient(create_app(pool="thread"), base_url="http://127.0.0.1")
    files = {
        "source_file": ("a.txt", SMALL.encode(), "text/plain"),
        "derived_file": ("b.txt", b"word " * 1_200_024 + b"end", "text/plain"),
    }
    page = client.post("/compare", files=files)
    assert page.status_code == 413 and "6,000,123 bytes" in page.text


def test_a_content_length_of_5000_digits_is_refused_not_crashed() -> None:
    sent: list[dict[str, Any]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("the app must not be reached")

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "headers": [(b"content-length", b"9" * 5000)]}
    asyncio.run(BodyLimit(app, 1000)(scope, receive, send))
    assert sent[0]["status"] == 413
