"""The web app's pages and JSON twins: compare, trace, reprints, docs, error bodies."""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from retold import Article
from retold.corpus import Corpus
from retold.web.app import create_app
from retold.web.schemas import CorpusOut, ErrorOut, ReportOut, TraceOut

LOCAL = "http://127.0.0.1"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(pool="thread"), base_url=LOCAL) as test_client:
        yield test_client


@pytest.fixture
def corpus_db(tmp_path: Path, wire: str, unrelated: str) -> str:
    """The wire story, a dated reprint of it, and an unrelated story."""
    db = str(tmp_path / "news.db")
    reprint = wire.replace("on Monday", "on Monday morning")
    with Corpus(db) as corpus:
        corpus.add(
            [
                Article(wire, id="wire-1", title="Town opens new library", date="2024-03-04"),
                Article(reprint, id="daily/reprint.txt", date="2024-03-05"),
                Article(unrelated, id="other-1"),
            ]
        )
    return db


@pytest.fixture
def traced(corpus_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(corpus_db, pool="thread"), base_url=LOCAL) as test_client:
        yield test_client


def error_of(response: Any) -> dict[str, str]:
    """The error body, checked to have exactly the documented shape."""
    body = response.json()
    ErrorOut.model_validate(body)
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "hint"}
    return dict(body["error"])


def textarea(page: str, name: str) -> str:
    """What a browser shows in the textarea `name` (the parser drops one leading newline)."""
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>\n?(.*?)</textarea>', page, re.S)
    assert found, name
    return html.unescape(found.group(1))


# --- compare --------------------------------------------------------------------------


def test_index_page_has_the_form(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'name="source_text"' in page.text and 'name="derived_file"' in page.text
    assert 'href="/static/retold.css"' in page.text and "<script" not in page.text


def test_stylesheet_is_served_from_the_package(client: TestClient) -> None:
    css = client.get("/static/retold.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "@media (max-width" in css.text


def test_api_compare_returns_the_report_contract(
    client: TestClient, wire: str, rewrite: str
) -> None:
    response = client.post(
        "/api/compare", json={"source": {"text": wire}, "derived": {"text": rewrite}}
    )
    assert response.status_code == 200
    assert response.json()["schema"] == "retold.report/1"
    ReportOut.model_validate(response.json())


def test_report_page_is_the_render_html_page(client: TestClient, wire: str, rewrite: str) -> None:
    from retold import compare
    from retold.render import render
    from retold.text.load import parse_article

    page = client.post("/compare", data={"source_text": wire, "derived_text": rewrite})
    expected = render(
        compare(parse_article(wire, name="source"), parse_article(rewrite, name="derived")), "html"
    )
    assert page.status_code == 200 and page.text == expected


def test_report_page_escapes_article_text(client: TestClient, wire: str, rewrite: str) -> None:
    evil = rewrite + "\n\n<script>alert('x')</script> The library opens daily.\n"
    page = client.post("/compare", data={"source_text": wire, "derived_text": evil})
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;" in page.text


def test_upload_files_are_named_by_file_name_only(
    client: TestClient, wire: str, rewrite: str
) -> None:
    files = {
        "source_file": ("/home/ana/private/wire.txt", wire.encode(), "text/plain"),
        "derived_file": ("blog.txt", rewrite.encode(), "text/plain"),
    }
    page = client.post("/compare", files=files)
    assert page.status_code == 200 and "verbatim" in page.text
    assert "/home/ana" not in page.text


def test_an_uploaded_file_in_another_encoding_is_decoded(client: TestClient, wire: str) -> None:
    latin = "Café opens\n\nThe café on the square opened on Monday with forty seats.\n"
    files = {
        "source_file": ("a.txt", latin.encode("cp1252"), "text/plain"),
        "derived_file": ("b.txt", latin.encode("utf-8"), "text/plain"),
    }
    assert client.post("/compare", files=files).status_code == 200


# --- errors ---------------------------------------------------------------------------


def test_empty_input_is_a_json_error(client: TestClient, rewrite: str) -> None:
    response = client.post(
        "/api/compare", json={"source": {"text": " "}, "derived": {"text": rewrite}}
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_input"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{not json", 400, "malformed_json"),
        (b'{"source": {"text": "a"}}', 422, "invalid_request"),
        (b'{"source": {"text": 5}, "derived": {"text": "b"}}', 422, "invalid_request"),
        (b'{"source": "text", "derived": {"text": "b"}}', 422, "invalid_request"),
        (b"[]", 422, "invalid_request"),
        (b"", 422, "invalid_request"),
    ],
)
def test_validation_errors_have_the_one_error_body(
    client: TestClient, body: bytes, status: int, code: str
) -> None:
    response = client.post(
        "/api/compare", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == status
    error = error_of(response)
    assert error["code"] == code and error["hint"]
    assert "detail" not in response.text


def test_a_validation_error_names_the_field(client: TestClient) -> None:
    response = client.post("/api/compare", json={"source": {"text": "a"}})
    assert "derived" in error_of(response)["message"]


@pytest.mark.parametrize("top", [0, 51, -1, "five", 2.5])
def test_top_out_of_range_is_a_validation_error(traced: TestClient, top: object) -> None:
    response = traced.post("/api/trace", json={"article": {"text": "words"}, "top": top})
    assert response.status_code == 422
    assert "top" in error_of(response)["message"]


@pytest.mark.parametrize("path", ["/api/compare", "/api/trace"])
def test_a_lone_surrogate_is_no_server_error(traced: TestClient, path: str, wire: str) -> None:
    article = (
        '{"text": "abc \\ud800 def '
        + wire.replace("\n", "\\n").replace('"', '\\"')
        + '", "title": "x\\udc00y"}'
    )
    body = (
        f'{{"source": {article}, "derived": {article}}}'
        if path == "/api/compare"
        else f'{{"article": {article}}}'
    )
    response = traced.post(
        path, content=body.encode(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert "\ufffd" in response.text


def test_unknown_route_is_json_for_clients_and_a_page_for_browsers(client: TestClient) -> None:
    assert error_of(client.get("/api/nothing"))["code"] == "not_found"
    page = client.get("/nothing", headers={"accept": "text/html"})
    assert page.status_code == 404 and "<!doctype html>" in page.text
    assert error_of(client.get("/api/compare"))["code"] == "method_not_allowed"


def test_reloading_a_result_page_goes_back_to_the_form(client: TestClient) -> None:
    response = client.get("/compare", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_a_bug_is_a_500_with_the_error_body(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retold.web import jobs

    def broken(*args: object) -> bytes:
        raise ValueError("boom")

    monkeypatch.setattr(jobs, "compare_json", broken)
    response = client.post("/api/compare", json={"source": {"text": "a"}, "derived": {"text": "b"}})
    assert response.status_code == 500
    assert error_of(response)["code"] == "internal"
    assert "Traceback" not in response.text


# --- the form keeps what was typed -----------------------------------------------------


def test_error_page_keeps_the_pasted_text(client: TestClient, wire: str) -> None:
    typed = "\n" + wire + '\n<b>bold</b> & "quoted"\n'
    page = client.post("/compare", data={"source_text": typed, "derived_text": "  "})
    assert page.status_code == 400
    assert "the derived article is empty" in page.text
    assert textarea(page.text, "source_text") == typed


def test_error_page_asks_for_uploaded_files_again(client: TestClient, wire: str) -> None:
    files = {"source_file": ("wire.txt", b"\x00\x01\x02binary", "application/octet-stream")}
    page = client.post("/compare", files=files, data={"derived_text": wire})
    assert page.status_code == 400
    assert "wire.txt" in page.text and "again" in page.text
    assert textarea(page.text, "derived_text") == wire


def test_a_form_field_over_one_megabyte_is_read(client: TestClient) -> None:
    """Starlette caps a form field at 1 MB by default; an article may be 5 MB."""
    big = "The council met again on Tuesday to talk about the harbour. " * 20_000
    page = client.post("/compare", data={"source_text": big, "derived_text": ""})
    assert page.status_code == 400 and "the derived article is empty" in page.text


def test_trace_form_with_a_bad_top_keeps_the_text(traced: TestClient, rewrite: str) -> None:
    page = traced.post("/trace", data={"article_text": rewrite, "top": "many"})
    assert page.status_code == 422 and "top" in page.text
    assert textarea(page.text, "article_text") == rewrite


# --- trace ----------------------------------------------------------------------------


def test_trace_without_a_corpus_says_how_to_start_one(client: TestClient, rewrite: str) -> None:
    response = client.post("/api/trace", json={"article": {"text": rewrite}})
    assert response.status_code == 404
    error = error_of(response)
    assert error["code"] == "no_corpus" and "retold serve DB" in error["hint"]


def test_api_trace_against_a_corpus(traced: TestClient, rewrite: str) -> None:
    data = traced.post("/api/trace", json={"article": {"text": rewrite}}).json()
    TraceOut.model_validate(data)
    assert data["schema"] == "retold.trace/1"
    assert data["candidates"][0]["id"] in ("wire-1", "daily/reprint.txt")


def test_trace_page_labels_both_shares_in_words(traced: TestClient, rewrite: str) -> None:
    page = traced.post("/trace", data={"article_text": rewrite, "top": "5"})
    assert page.status_code == 200
    assert "of your article is found in it" in page.text
    assert "of it is reused in your article" in page.text
    assert 'name="candidate" value="wire-1"' in page.text
    assert "other-1" not in page.text  # shares nothing: left out
    assert textarea(page.text, "article_text") == rewrite


def test_a_candidate_is_one_click_from_its_report(traced: TestClient, rewrite: str) -> None:
    page = traced.post("/trace/compare", data={"article_text": rewrite, "candidate": "wire-1"})
    assert page.status_code == 200
    assert "Town opens new library" in page.text  # the candidate is the source side
    assert page.headers["content-security-policy"].find("script-src") != -1


def test_an_unknown_candidate_is_404_with_the_text_kept(traced: TestClient, rewrite: str) -> None:
    page = traced.post("/trace/compare", data={"article_text": rewrite, "candidate": "nope"})
    assert page.status_code == 404 and "nope" in page.text
    assert textarea(page.text, "article_text") == rewrite


def test_no_candidate_trace_page_is_styled_and_says_what_to_do(
    traced: TestClient, unrelated: str
) -> None:
    text = "Gardeners planted tulips and roses along the river path this spring.\n"
    page = traced.post("/trace", data={"article_text": text})
    assert page.status_code == 200
    assert "No source found" in page.text and "retold index" in page.text
    assert 'href="/static/retold.css"' in page.text


def test_rows_sharing_nothing_are_left_out() -> None:
    from types import SimpleNamespace

    from retold.web.pages import candidate_rows

    def candidate(id: str, article: float, candidate: float) -> SimpleNamespace:
        return SimpleNamespace(
            id=id,
            title="",
            date="",
            publisher="",
            share_of_article=article,
            share_of_candidate=candidate,
            direction=None,
        )

    trace = SimpleNamespace(
        candidates=[candidate("a", 0.6, 0.5), candidate("b", 0.004, 0.0), candidate("c", 0, 0.2)]
    )
    rows, hidden = candidate_rows(trace)
    assert [r.id for r in rows] == ["a", "c"] and hidden == 1


# --- corpus ---------------------------------------------------------------------------


def corpus_summary(client: TestClient) -> dict[str, Any]:
    for _ in range(100):
        response = client.get("/api/corpus")
        if response.status_code == 200:
            return dict(response.json())
        assert response.status_code == 202
    raise AssertionError("the scan did not finish")


def test_corpus_page_lists_reprint_groups_with_their_original(traced: TestClient) -> None:
    summary = corpus_summary(traced)
    CorpusOut.model_validate(summary)
    assert summary["cluster_count"] == 1
    assert summary["clusters"][0]["original"] == "wire-1"  # the earlier
    page = traced.get("/corpus")
    assert page.status_code == 200 and "original" in page.text
    link = "/corpus/compare?source=wire-1&amp;derived=daily/reprint.txt"
    assert link in page.text


def test_each_pair_is_one_click_from_its_report(traced: TestClient) -> None:
    page = traced.get(
        "/corpus/compare", params={"source": "wire-1", "derived": "daily/reprint.txt"}
    )
    assert page.status_code == 200 and "Town opens new library" in page.text
    data = traced.get(
        "/api/corpus/compare", params={"source": "wire-1", "derived": "daily/reprint.txt"}
    ).json()
    assert data["verdict"] == "wholly-derived"


def test_an_unknown_stored_id_is_404(traced: TestClient) -> None:
    response = traced.get("/api/corpus/compare", params={"source": "x", "derived": "wire-1"})
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


def test_without_a_corpus_there_is_no_corpus_page(client: TestClient) -> None:
    assert client.get("/api/corpus").status_code == 404


# --- docs -----------------------------------------------------------------------------


def test_docs_are_served_from_the_package(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/api/compare" in page.text and "ReportOut" in page.text
    assert "<script" not in page.text
    assert not re.search(r'(src|href)="(https?:)?//', page.text)  # nothing from elsewhere


def test_openapi_documents_typed_responses_and_the_error_body(traced: TestClient) -> None:
    spec = traced.get("/openapi.json").json()
    assert {"ReportOut", "TraceOut", "ErrorOut", "CompareIn"} <= set(spec["components"]["schemas"])
    compare = spec["paths"]["/api/compare"]["post"]["responses"]
    assert compare["200"]["content"]["application/json"]["schema"]["$ref"].endswith("ReportOut")
    for status in ("400", "413", "422", "503"):
        assert compare[status]["content"]["application/json"]["schema"]["$ref"].endswith("ErrorOut")
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    assert "/compare" not in spec["paths"]  # pages are not the API


def test_readme_documents_the_error_body() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert '{"error": {"code": …, "message": …, "hint": …}}' in readme
