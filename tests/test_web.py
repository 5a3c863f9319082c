from __future__ import annotations

import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from retold.web.app import MAX_REQUEST_BYTES, create_app


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


def test_index_page_has_the_form(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'name="source_text"' in page.text and 'name="derived_file"' in page.text


def test_api_compare_returns_the_report_contract(
    client: TestClient, wire: str, rewrite: str
) -> None:
    response = client.post(
        "/api/compare", json={"source": {"text": wire}, "derived": {"text": rewrite}}
    )
    assert response.status_code == 200
    assert response.json()["schema"] == "retold.report/1"


def test_report_page_escapes_article_text(client: TestClient, wire: str, rewrite: str) -> None:
    evil = rewrite + "\n\n<script>alert('x')</script> The library opens daily.\n"
    page = client.post("/compare", data={"source_text": wire, "derived_text": evil})
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;" in page.text


def test_upload_files(client: TestClient, wire: str, rewrite: str) -> None:
    files = {
        "source_file": ("wire.txt", wire.encode(), "text/plain"),
        "derived_file": ("blog.txt", rewrite.encode(), "text/plain"),
    }
    page = client.post("/compare", files=files)
    assert page.status_code == 200 and "verbatim" in page.text


def test_empty_input_is_a_json_error(client: TestClient, rewrite: str) -> None:
    response = client.post(
        "/api/compare", json={"source": {"text": " "}, "derived": {"text": rewrite}}
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_oversized_request_is_refused(client: TestClient) -> None:
    body = b"x" * (MAX_REQUEST_BYTES + 1)
    response = client.post(
        "/api/compare", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_openapi_documents_the_json_twins(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/compare" in paths


def test_trace_without_a_corpus_says_how_to_start_one(client: TestClient, rewrite: str) -> None:
    response = client.post("/api/trace", json={"article": {"text": rewrite}})
    assert response.status_code == 400
    assert "retold serve DB" in response.json()["error"]["hint"]


def test_trace_against_a_corpus(tmp_path: object, wire: str, rewrite: str, unrelated: str) -> None:
    from pathlib import Path

    from retold import Article
    from retold.corpus import Corpus

    db = str(Path(str(tmp_path)) / "c.db")
    with Corpus(db) as corpus:
        corpus.add([Article(wire, id="wire-1"), Article(unrelated, id="other-1")])
    client = TestClient(create_app(db))
    data = client.post("/api/trace", json={"article": {"text": rewrite}}).json()
    assert data["schema"] == "retold.trace/1"
    assert data["candidates"][0]["id"] == "wire-1"
    page = client.post("/trace", data={"article_text": rewrite})
    assert page.status_code == 200 and "wire-1" in page.text
