"""The real server: `retold serve` says where it is, and a long compare does not stop it
answering (the compare runs in a worker process, not on the event loop)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import httpx
import pytest
from _benchmarks import load_benchmark

from retold.web.app import create_app
from retold.web.server import running


def test_serve_prints_its_url_and_answers_there() -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "retold.cli", "serve", "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        assert line.startswith("retold: serving on http://127.0.0.1:"), line
        url = line.split("serving on ", 1)[1].split()[0]
        page = httpx.get(url, timeout=30)
        assert page.status_code == 200 and "retold" in page.text
    finally:
        server.terminate()
        server.wait(30)


def test_serve_on_a_busy_port_is_one_error_line() -> None:
    with running(create_app(pool="thread")) as url:
        port = url.rstrip("/").rsplit(":", 1)[1]
        done = subprocess.run(
            [sys.executable, "-m", "retold.cli", "serve", "--port", port],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr.startswith("Error: cannot serve on 127.0.0.1:") and "--port" in done.stderr


@pytest.mark.slow
def test_a_long_compare_does_not_block_other_requests() -> None:
    """GET / answers within a second, every time, while a compare of two 300 kB articles
    (a few seconds of CPU) runs on the same server."""
    source, derived = load_benchmark("web").make_pair(300_000)
    body = {"source": {"text": source}, "derived": {"text": derived}}
    with running(create_app()) as url:
        load_benchmark("web").warm_up(url)  # both workers started and warm
        result: dict[str, int] = {}

        def post() -> None:
            response = httpx.post(url + "api/compare", json=body, timeout=300)
            result["status"] = response.status_code

        worker = threading.Thread(target=post)
        worker.start()
        latencies = []
        while worker.is_alive():
            started = time.perf_counter()
            assert httpx.get(url, timeout=30).status_code == 200
            latencies.append(time.perf_counter() - started)
            time.sleep(0.05)
        worker.join()
    assert result["status"] == 200
    assert len(latencies) >= 5, "the compare ended too soon to show anything"
    assert max(latencies) < 1.0, sorted(latencies)[-5:]
