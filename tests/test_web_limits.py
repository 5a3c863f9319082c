"""The web app holds up: size limits, the worker pool's bounds, Host check, headers."""

from __future__ import annotations

import asyncio
import operator
import time
import warnings
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from retold.errors import InputError
from retold.web import app as web_app
from retold.web import jobs
from retold.web.app import MAX_REQUEST_BYTES, create_app
from retold.web.pool import Busy, Limits, WorkerPool

LOCAL = "http://127.0.0.1"
T = TypeVar("T")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(pool="thread"), base_url=LOCAL) as test_client:
        yield test_client


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: safe whatever loop this thread may have open."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def code_of(response: Any) -> str:
    return str(response.json()["error"]["code"])


# --- sizes ----------------------------------------------------------------------------


def test_a_declared_oversized_body_is_413(client: TestClient) -> None:
    body = b"x" * (MAX_REQUEST_BYTES + 1)
    response = client.post("/api/compare", content=body, headers={"content-type": JSON})
    assert response.status_code == 413 and code_of(response) == "too_large"


def test_a_chunked_oversized_body_is_413_not_400(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_REQUEST_BYTES // 1_000_000 + 2):
            yield b"x" * 1_000_000

    response = client.post("/api/compare", content=chunks(), headers={"content-type": JSON})
    assert "content-length" not in response.request.headers
    assert response.status_code == 413 and code_of(response) == "too_large"


def test_a_chunked_oversized_form_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"source_text="
        for _ in range(MAX_REQUEST_BYTES // 1_000_000 + 2):
            yield b"a" * 1_000_000

    response = client.post(
        "/compare",
        content=chunks(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """The per-article limit at 1,000 bytes, so tests need not send 5 MB."""
    monkeypatch.setattr(web_app, "MAX_BYTES", 1_000)
    with TestClient(create_app(pool="thread"), base_url=LOCAL) as test_client:
        yield test_client


def test_an_article_over_the_cli_limit_is_413_naming_it(small_limit: TestClient) -> None:
    body = {"source": {"text": "ok words"}, "derived": {"text": "é" * 600}}  # 1,200 bytes
    response = small_limit.post("/api/compare", json=body)
    assert response.status_code == 413
    assert "derived" in response.json()["error"]["message"]
    assert "1,200 bytes" in response.json()["error"]["message"]


def test_a_pasted_article_over_the_limit_keeps_the_text(small_limit: TestClient) -> None:
    page = small_limit.post("/compare", data={"source_text": "w " * 600, "derived_text": "x"})
    assert page.status_code == 413 and "source" in page.text
    assert "w w w w" in page.text


def test_an_uploaded_file_over_the_limit_is_413(small_limit: TestClient) -> None:
    files = {"source_file": ("big.txt", b"w " * 600, "text/plain")}
    page = small_limit.post("/compare", files=files, data={"derived_text": "x"})
    assert page.status_code == 413 and "source file" in page.text


def test_the_limit_is_the_clis() -> None:
    from retold.text.load import MAX_BYTES

    assert web_app.MAX_BYTES == MAX_BYTES


def test_a_title_over_two_thousand_characters_is_refused(client: TestClient) -> None:
    body = {"source": {"text": "a", "title": "t" * 2_001}, "derived": {"text": "b"}}
    response = client.post("/api/compare", json=body)
    assert response.status_code == 422 and "title" in response.json()["error"]["message"]


# --- the worker pool ------------------------------------------------------------------


def test_a_job_runs_in_a_worker_process() -> None:
    async def main() -> int:
        pool = WorkerPool(Limits(workers=1))
        try:
            return await pool.run(operator.add, 2, 3)
        finally:
            pool.close()

    assert run(main()) == 5


def test_a_library_error_keeps_its_hint_across_the_process_boundary() -> None:
    async def main() -> None:
        pool = WorkerPool(Limits(workers=1))
        try:
            await pool.run(jobs.compare_json, {"text": " "}, {"text": "words"})
        finally:
            pool.close()

    with pytest.raises(InputError) as caught:
        run(main())
    assert caught.value.hint


def test_a_job_over_its_time_is_stopped_and_the_worker_replaced() -> None:
    async def main() -> tuple[float, int]:
        pool = WorkerPool(Limits(workers=1, run=0.5))
        try:
            started = time.monotonic()
            with pytest.raises(Busy) as caught:
                await pool.run(time.sleep, 30)
            assert caught.value.code == "timeout"
            waited = time.monotonic() - started
            return waited, await pool.run(operator.add, 1, 1)  # a fresh worker
        finally:
            pool.close()

    waited, after = run(main())
    assert waited < 10 and after == 2


def test_closing_the_pool_ends_a_running_job_at_once() -> None:
    """A server told to stop does not wait for a long compare to finish."""

    async def main() -> float:
        pool = WorkerPool(Limits(workers=1))
        job = asyncio.create_task(pool.run(time.sleep, 60))
        await asyncio.sleep(1)
        started = time.monotonic()
        pool.close()
        with pytest.raises(Busy):
            await job
        return time.monotonic() - started

    assert run(main()) < 5


def test_a_request_that_waits_too_long_is_busy() -> None:
    async def main() -> Busy:
        pool = WorkerPool(Limits(workers=1, queue=4, wait=0.2), kind="thread")
        first = asyncio.create_task(pool.run(time.sleep, 1))
        await asyncio.sleep(0.05)
        try:
            with pytest.raises(Busy) as caught:
                await pool.run(time.sleep, 0)
            return caught.value
        finally:
            await first
            pool.close()

    busy = run(main())
    assert busy.code == "busy" and busy.hint and busy.retry_after > 0


def test_a_full_queue_is_refused_at_once() -> None:
    async def main() -> float:
        pool = WorkerPool(Limits(workers=1, queue=0, wait=30), kind="thread")
        first = asyncio.create_task(pool.run(time.sleep, 1))
        await asyncio.sleep(0.05)
        started = time.monotonic()
        try:
            with pytest.raises(Busy):
                await pool.run(time.sleep, 0)
            return time.monotonic() - started
        finally:
            await first
            pool.close()

    assert run(main()) < 0.5


def test_a_busy_server_answers_503_with_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: object) -> bytes:
        time.sleep(1)
        return b"{}"

    monkeypatch.setattr(jobs, "compare_json", slow)
    app = create_app(pool="thread", limits=Limits(workers=1, queue=0))
    body = {"source": {"text": "a"}, "derived": {"text": "b"}}

    async def main() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as http:
            return list(
                await asyncio.gather(*(http.post("/api/compare", json=body) for _ in range(2)))
            )

    statuses = sorted(r.status_code for r in run(main()))
    assert statuses == [200, 503]
    busy = next(r for r in run(main()) if r.status_code == 503)
    assert busy.headers["retry-after"] and busy.json()["error"]["code"] == "busy"


# --- Host check and headers -----------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost"])
def test_loopback_names_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/", headers={"host": host}).status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", ""]
)
def test_other_host_names_are_refused_on_loopback(client: TestClient, host: str) -> None:
    response = client.get("/api/corpus", headers={"host": host})
    assert response.status_code == 400 and code_of(response) == "bad_host"


def test_served_on_all_addresses_any_host_is_answered() -> None:
    with TestClient(create_app(host="0.0.0.0", pool="thread")) as test_client:
        assert test_client.get("/", headers={"host": "newsroom.example"}).status_code == 200


@pytest.mark.parametrize("path", ["/", "/docs", "/api/nothing", "/static/retold.css"])
def test_every_answer_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src" not in headers["content-security-policy"]  # default-src 'none'


def test_refusals_made_before_the_app_carry_the_headers(client: TestClient) -> None:
    refused = client.get("/", headers={"host": "evil.example"})
    assert refused.headers["x-content-type-options"] == "nosniff"
    too_big = client.post(
        "/api/compare", content=b"x" * (MAX_REQUEST_BYTES + 1), headers={"content-type": JSON}
    )
    assert "frame-ancestors 'none'" in too_big.headers["content-security-policy"]


def test_the_report_page_allows_only_its_own_scripts(
    client: TestClient, wire: str, rewrite: str
) -> None:
    page = client.post("/compare", data={"source_text": wire, "derived_text": rewrite})
    policy = page.headers["content-security-policy"]
    script = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "unsafe-inline" not in script and "unsafe-eval" not in script
    assert "frame-ancestors 'none'" in policy


def test_the_report_policy_hashes_the_sample_page_not_the_article() -> None:
    from retold.web.csp import inline_scripts, policy

    page = '<script>ok()</script><script type="application/json">{}</script><script src=x></script>'
    assert inline_scripts(page) == ["ok()"]
    assert policy([]).endswith("script-src 'none'")
    assert "'sha256-" in policy(["ok()"])


JSON = "application/json"
