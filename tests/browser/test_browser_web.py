"""The web app in a real browser (Chromium): the compare form round trip, the error page
that keeps what was typed, hostile article text shown and never run, the trace and
reprint pages one click from their reports, and no horizontal scroll at phone width."""

from __future__ import annotations

from typing import Any

import pytest

PHONE = 390
PAYLOADS = [
    '<script>alert("script")</script>',
    '<img src=x onerror=alert("img")>',
    '<svg onload=alert("svg")></svg>',
    "<a href=\"javascript:alert('link')\">click me</a>",
    '"><script>alert("attr")</script>',
    "'><img src=x onerror=alert('quote')>",
    '<iframe src="javascript:alert(`frame`)"></iframe>',
    '<body onload=alert("body")>',
    '</textarea><script>alert("textarea")</script>',
    '</title><script>alert("title")</script>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<style>body{display:none}</style>",
    '{{7*7}} ${alert("template")} javascript:alert("bare")',
]
HOSTILE = (
    "[role=alert] img, img[onerror], svg[onload], iframe, body[onload], "
    "a[href^='javascript'], meta[http-equiv='refresh'], style:not(head style)"
)


def hostile_article(base: str) -> str:
    """`base` with a payload-laden title line and a payload in its own paragraph each."""
    title = PAYLOADS[0] + " Harbor news " + PAYLOADS[1]
    body = base.split("\n", 2)[2]
    lines = [f"Officials said {p} on Tuesday." for p in PAYLOADS]
    return title + "\n\n" + body + "\n\n" + "\n\n".join(lines) + "\n"


def submit(page: Any, button: str) -> None:
    with page.expect_navigation():
        page.locator(f"main button:has-text('{button}')").first.click()


def nothing_hostile_in(page: Any) -> None:
    """No element a payload would make exists, and the page is still shown."""
    assert page.locator(HOSTILE).count() == 0
    assert page.evaluate("getComputedStyle(document.body).display") != "none"
    for script in page.locator("script").all():
        assert "alert" not in (script.text_content() or "")


def test_compare_form_round_trip(open_page: Any, live_server: str, seed: tuple[str, str]) -> None:
    watched = open_page(live_server)
    page = watched.page
    page.goto(live_server + "/")
    page.fill("#source_text", seed[0])
    page.fill("#derived_text", seed[1])
    submit(page, "Compare")
    assert "60,000" in page.inner_text("body") and "40,000" in page.inner_text("body")
    watched.quiet()


def test_error_page_keeps_the_pasted_text(
    open_page: Any, live_server: str, seed: tuple[str, str]
) -> None:
    watched = open_page(live_server)
    page = watched.page
    page.goto(live_server + "/")
    typed = "\n" + seed[0] + "\n<b>not bold</b> & more\n"
    page.fill("#source_text", typed)
    submit(page, "Compare")
    assert "the derived article is empty" in page.inner_text("[role=alert]")
    assert page.input_value("#source_text") == typed
    watched.quiet(error_status=True)


def test_hostile_text_is_shown_and_never_run(
    open_page: Any, live_server: str, seed: tuple[str, str]
) -> None:
    watched = open_page(live_server)
    page = watched.page
    page.goto(live_server + "/")
    page.fill("#source_text", seed[0])
    page.fill("#derived_text", hostile_article(seed[1]))
    submit(page, "Compare")
    shown = page.inner_text("body")
    assert 'onerror=alert("img")' in shown and "javascript:alert('link')" in shown
    nothing_hostile_in(page)
    watched.quiet()


def test_hostile_text_in_the_error_page_and_the_trace_page(
    open_page: Any, live_server: str, seed: tuple[str, str]
) -> None:
    watched = open_page(live_server)
    page = watched.page
    hostile = hostile_article(seed[1])
    page.goto(live_server + "/")
    page.fill("#derived_text", hostile)
    submit(page, "Compare")
    assert page.input_value("#derived_text") == hostile
    nothing_hostile_in(page)
    page.goto(live_server + "/")
    page.fill("#article_text", hostile)
    submit(page, "Trace")
    assert "of your article is found in it" in page.inner_text("main")
    nothing_hostile_in(page)
    watched.quiet(error_status=True)


def test_a_hostile_upload_name_is_shown_as_text(open_page: Any, live_server: str) -> None:
    watched = open_page(live_server)
    page = watched.page
    page.goto(live_server + "/")
    page.set_input_files(
        "input[name=source_file]",
        files=[
            {
                "name": "<img src=x onerror=alert(1)>.txt",
                "mimeType": "text/plain",
                "buffer": b"\x00\x01binary",
            }
        ],
    )
    submit(page, "Compare")
    assert "onerror=alert(1)" in page.inner_text("[role=alert]")
    nothing_hostile_in(page)
    watched.quiet(error_status=True)


def test_a_traced_candidate_is_one_click_from_its_report(
    open_page: Any, live_server: str, seed: tuple[str, str]
) -> None:
    watched = open_page(live_server)
    page = watched.page
    page.goto(live_server + "/")
    page.fill("#article_text", seed[1])
    submit(page, "Trace")
    rows = page.locator("table.candidates tbody tr")
    assert rows.count() >= 1
    assert "of it is reused in your article" in rows.first.inner_text()
    submit(page, "Compare with #1")
    assert "60,000" in page.inner_text("body")
    watched.quiet()


def test_each_reprint_pair_is_one_click_from_its_report(open_page: Any, live_server: str) -> None:
    watched = open_page(live_server)
    page = watched.page
    for _ in range(30):  # the first visit starts the scan; the page reloads itself
        page.goto(live_server + "/corpus")
        if page.locator(".cluster").count():
            break
        page.wait_for_timeout(500)
    cluster = page.locator(".cluster").first
    assert "wire/tidal-barrier.txt" in cluster.inner_text()
    assert 'onerror=alert("id")' in cluster.inner_text()  # the hostile id, as text
    nothing_hostile_in(page)
    with page.expect_navigation():
        cluster.locator("a").first.click()
    assert "Harbor city approves new tidal barrier" in page.inner_text("body")
    watched.quiet()


@pytest.mark.parametrize("path", ["/", "/docs", "/corpus", "/nowhere"])
def test_pages_fit_a_phone(open_page: Any, live_server: str, path: str) -> None:
    watched = open_page(live_server, width=PHONE)
    watched.page.goto(live_server + path)
    watched.no_horizontal_scroll()
    watched.quiet(error_status=path == "/nowhere")


def test_result_pages_fit_a_phone(open_page: Any, live_server: str, seed: tuple[str, str]) -> None:
    watched = open_page(live_server, width=PHONE)
    page = watched.page
    page.goto(live_server + "/")
    page.fill("#derived_text", seed[1] + "\nhttps://example.com/" + "a-very-long-unbroken-path" * 8)
    submit(page, "Compare")
    watched.no_horizontal_scroll()  # the error page
    page.goto(live_server + "/")
    page.fill("#article_text", hostile_article(seed[1]))
    submit(page, "Trace")
    watched.no_horizontal_scroll()  # the trace page
    page.goto(live_server + "/")
    page.fill("#article_text", "Gardeners planted tulips along the river path this spring.\n")
    submit(page, "Trace")
    watched.no_horizontal_scroll()  # no candidate
    watched.quiet(error_status=True)


def test_docs_work_offline(open_page: Any, live_server: str) -> None:
    watched = open_page(live_server)
    watched.page.goto(live_server + "/docs")
    assert watched.page.locator("#schema-ReportOut").count() == 1
    assert "POST /api/compare" in watched.page.inner_text("main")
    watched.quiet()
