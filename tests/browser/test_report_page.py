"""The report page in a real browser (Debian's Chromium, driven by playwright).

Skip the group locally with `-m "not browser"`; CI runs it. No browser is downloaded:
playwright drives /usr/bin/chromium (`apt-get install -y chromium`).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import retold
from retold.render.html import render_html
from retold.report import Report
from retold.text.article import Article

pytestmark = pytest.mark.browser

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def chromium(browser: Any) -> Any:
    """The shared headless Chromium (`browser` in tests/browser/conftest.py)."""
    return browser


class Opened:
    """A report page open in the browser, with everything it tried to do recorded."""

    def __init__(self, browser: Any, path: Path, viewport: dict[str, int], js: bool = True) -> None:
        self.context = browser.new_context(viewport=viewport, java_script_enabled=js)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def eval(self, script: str, arg: object = None) -> Any:
        return self.page.evaluate(script, arg)

    def classes(self, element_id: str) -> list[str]:
        return list(self.eval("id => [...document.getElementById(id).classList]", element_id))

    def box(self, selector: str) -> dict[str, float]:
        box = self.page.locator(selector).bounding_box()
        assert box is not None, selector
        return dict(box)

    def close(self) -> None:
        self.context.close()


def write_page(path: Path, report: Report) -> Path:
    path.write_text(render_html(report), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Article, Article, Path]:
    source = retold.load_article(str(EXAMPLES / "wire.txt"))
    derived = retold.load_article(str(EXAMPLES / "blog.txt"))
    report = retold.compare(source, derived)
    page = write_page(tmp_path_factory.mktemp("seed") / "report.html", report)
    return report, source, derived, page


@pytest.fixture
def desktop(chromium: Any, seed_report: tuple[Report, Article, Article, Path]) -> Iterator[Opened]:
    opened = Opened(chromium, seed_report[3], DESKTOP)
    yield opened
    assert opened.requests == [seed_report[3].as_uri()], "the page loads nothing but itself"
    assert not opened.errors
    opened.close()


# The text of the `.text` paragraph of a sentence, badges left out, counted in code points
# (as Python counts offsets): where each mark piece starts and what it holds.
MARK_PIECES = """
([sentenceId, ref]) => {
  const text = document.querySelector('#' + sentenceId + ' .text');
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  let at = 0, pieces = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('.qbadge')) continue;
    const size = [...node.data].length;
    const mark = node.parentElement.closest('mark');
    if (mark && mark.dataset.refs.split(' ').includes(ref)) pieces.push([at, node.data]);
    at += size;
  }
  return pieces;
}
"""


SENTENCE_TEXTS = """
[...document.querySelectorAll('.sent .text')].map(text => {
  const copy = text.cloneNode(true);
  copy.querySelectorAll('.qbadge').forEach(badge => badge.remove());
  return copy.textContent;
})
"""


def _marked(opened: Opened, sentence_id: str, ref: str) -> tuple[int, str]:
    pieces = opened.eval(MARK_PIECES, [sentence_id, ref])
    assert pieces, (sentence_id, ref)
    return pieces[0][0], "".join(text for _, text in pieces)


def test_marks_sit_where_the_json_offsets_say(desktop: Opened, seed_report: Any) -> None:
    report, source, derived, _ = seed_report
    data = report.to_dict()
    starts = {s["index"]: s["start"] for s in data["sentences"]}
    source_starts = {s["index"]: s["start"] for s in data["source"]["sentences"]}
    assert data["changes"]
    for i, c in enumerate(data["changes"]):
        at, text = _marked(desktop, f"d{c['sentence']}", f"flag-c{i}")
        assert (at, text) == (
            c["derived_start"] - starts[c["sentence"]],
            derived.text[c["derived_start"] : c["derived_end"]],
        )
        at, text = _marked(desktop, f"s{c['source_sentence']}", f"flag-c{i}")
        assert (at, text) == (
            c["source_start"] - source_starts[c["source_sentence"]],
            source.text[c["source_start"] : c["source_end"]],
        )


def test_each_mark_says_its_kind_and_severity_in_words(desktop: Opened) -> None:
    tags = desktop.eval(
        "[...document.querySelectorAll('#texts mark[data-tag]')]"
        ".map(m => getComputedStyle(m, '::after').content)"
    )
    assert '"number · high"' in tags and '"hedge · medium"' in tags
    high = desktop.eval(
        "getComputedStyle(document.querySelector('#texts mark.sev-high')).borderBottomStyle"
    )
    medium = desktop.eval(
        "getComputedStyle(document.querySelector('#texts mark.sev-medium')).borderBottomStyle"
    )
    assert (high, medium) == ("solid", "dashed")  # told apart without colour too


def test_quote_badges_read_right(desktop: Opened, seed_report: Any) -> None:
    report, _, derived, _ = seed_report
    expected = {"verified": "✓ quote verified", "altered": "✗ quote altered"}
    for q in report.to_dict()["quotes"]:
        quote = desktop.page.locator(f"#q{q['index']}")
        assert quote.text_content() == derived.text[q["start"] : q["end"]]
        badge = desktop.eval(
            "id => document.getElementById(id).previousElementSibling.textContent", f"q{q['index']}"
        )
        assert badge == f"{expected[q['status']]} · {q['speaker']}"


def test_clicking_a_sentence_highlights_its_source(desktop: Opened) -> None:
    desktop.page.click("#d5 .text")
    assert "active" in desktop.classes("d5")
    assert "linked" in desktop.classes("s3") and "linked" in desktop.classes("s4")
    assert "linked" not in desktop.classes("s2")
    shadow = desktop.eval("getComputedStyle(document.getElementById('s3')).boxShadow")
    assert shadow != "none"
    cue = desktop.eval("getComputedStyle(document.querySelector('#s3 .meta'), '::before').content")
    assert "linked" in cue  # said in words, not only in colour
    desktop.page.click("#d8 .text")
    assert "linked" in desktop.classes("s7") and "linked" not in desktop.classes("s3")


def test_keyboard_moves_between_sentences_and_lights_up_their_sources(desktop: Opened) -> None:
    desktop.page.focus("#d4")
    assert "linked" in desktop.classes("s2")
    desktop.page.keyboard.press("ArrowDown")
    assert desktop.eval("document.activeElement.id") == "d5"
    assert "linked" in desktop.classes("s3") and "linked" not in desktop.classes("s2")
    desktop.page.keyboard.press("k")
    assert desktop.eval("document.activeElement.id") == "d4"
    desktop.page.keyboard.press("Escape")
    assert "linked" not in desktop.classes("s2")


def test_a_flag_in_the_header_links_to_its_sentence(desktop: Opened) -> None:
    desktop.page.click(".changes .flaglist li:first-child a")
    assert desktop.eval("location.hash") == "#d4"
    assert desktop.eval("document.activeElement.id") == "d4"
    assert "linked" in desktop.classes("s2")


def test_desktop_shows_the_texts_side_by_side(desktop: Opened) -> None:
    rewrite, source = desktop.box("#d4"), desktop.box("#s2")
    assert source["x"] >= rewrite["x"] + rewrite["width"]
    assert abs(source["y"] - rewrite["y"]) < 5  # the same row


def test_phone_width_is_one_column_with_no_horizontal_scroll(
    chromium: Any, seed_report: Any
) -> None:
    opened = Opened(chromium, seed_report[3], PHONE)
    try:
        width = opened.eval("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1] == 390
        rewrite, source = opened.box("#d4"), opened.box("#s2")
        assert source["y"] >= rewrite["y"] + rewrite["height"]  # the source below, not beside
    finally:
        opened.close()


def test_the_page_reads_the_same_without_javascript(chromium: Any, seed_report: Any) -> None:
    report, _, derived, path = seed_report
    opened = Opened(chromium, path, DESKTOP, js=False)
    try:
        assert opened.page.locator("#texts mark").count() >= len(report.changes)
        c = report.changes[0]
        assert derived.text[c.derived_start : c.derived_end] in opened.page.inner_text("#d4")
        assert opened.page.locator(".keys").is_hidden()  # the key hints need the script
        opened.page.click("#d4 .refs a")  # the links still pair the sentences
        assert opened.eval("location.hash") == "#s2"
        assert opened.eval("getComputedStyle(document.getElementById('s2')).boxShadow") != "none"
    finally:
        opened.close()


def test_the_page_prints(chromium: Any, seed_report: Any, tmp_path: Path) -> None:
    opened = Opened(chromium, seed_report[3], DESKTOP)
    try:
        opened.page.emulate_media(media="print")
        assert (
            opened.eval("getComputedStyle(document.querySelector('.colheads')).position")
            == "static"
        )
        pdf = opened.page.pdf(path=str(tmp_path / "report.pdf"), format="A4")
        assert pdf.startswith(b"%PDF")
    finally:
        opened.close()


# --- hostile articles ----------------------------------------------------------------

PAYLOADS = [
    "<script>window.__pwned = 1; alert('script')</script>",
    "<img src=x onerror=\"window.__pwned = 2; alert('img')\">",
    '<a href="javascript:window.__pwned = 3">click me</a>',
    '"><svg onload="window.__pwned = 4">',
    "</p></div><script>window.__pwned = 5</script>",
    "<iframe src=\"javascript:alert('frame')\"></iframe>",
    "' onmouseover='window.__pwned = 6",
    "https://example.org/" + "a" * 300,
]


def _hostile_pair() -> tuple[Article, Article]:
    lines = [
        f"The council spent {n + 2} million on item {n}: {p} today." for n, p in enumerate(PAYLOADS)
    ]
    source = Article(
        " ".join(lines) + ' "We will not pay <b>more</b>," the mayor said.',
        id="/home/jdoe/<script>.txt",
        title="<script>window.__pwned = 7</script>",
    )
    changed = [line.replace(" million", " billion", 1) for line in lines]
    derived = Article(
        " ".join(changed) + ' "We will pay <b>more</b>," the mayor said. javascript:alert(1)',
        id="<img src=x onerror=alert(8)>",
        title="",
    )
    return source, derived


def test_a_hostile_article_shows_its_payloads_as_text_and_runs_nothing(
    chromium: Any, tmp_path: Path
) -> None:
    source, derived = _hostile_pair()
    report = retold.compare(source, derived)
    assert report.changes  # marks sit next to the payloads
    path = write_page(tmp_path / "hostile.html", report)
    for viewport in (DESKTOP, PHONE):
        opened = Opened(chromium, path, viewport)
        try:
            page = opened.page
            for sentence in page.locator("#texts .sent").all():
                sentence.click(position={"x": 5, "y": 5})
                sentence.hover()
            assert opened.eval("typeof window.__pwned") == "undefined"
            assert opened.dialogs == [] and opened.errors == []
            assert opened.eval("document.scripts.length") == 1
            dangerous = (
                "img, svg, iframe, a[href^='javascript'], [onerror], [onload], [onmouseover]"
            )
            assert opened.eval(f'document.querySelectorAll("{dangerous}").length') == 0
            shown = opened.eval(SENTENCE_TEXTS)
            for payload in PAYLOADS:
                assert any(payload in text for text in shown), payload
            assert opened.requests == [path.as_uri()]
            width = opened.eval("[document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1]
        finally:
            opened.close()


# --- several sources ------------------------------------------------------------------

FERRY = """Ferry to Gull Island returns

The ferry to Gull Island will run again from May 4, the harbour board said on Friday. "We expect about 300 passengers a day," said board chair Ruth Okoye. Tickets will cost $12 each way.
"""
BRIDGE = """County approves bridge repairs

The county council approved $9 million on Tuesday to repair the Lark Street bridge. Engineer Tom Vance said the work could take two years. Drivers will use a temporary crossing downstream.
"""
STITCHED = """Island ferry and bridge news

The ferry to Gull Island will run again from May 4, the harbour board said on Friday. "We expect about 500 passengers a day," said board chair Ruth Okoye. The county council approved $19 million on Tuesday to repair the Lark Street bridge. Engineer Tom Vance said the work will take two years.
"""


@pytest.fixture(scope="module")
def stitched_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    sources = [Article(FERRY, id="ferry.txt"), Article(BRIDGE, id="bridge.txt")]
    report = retold.compare(sources, Article(STITCHED, id="stitched.txt"))
    return report, write_page(tmp_path_factory.mktemp("stitched") / "report.html", report)


def test_several_sources_stand_in_columns_of_their_own(chromium: Any, stitched_page: Any) -> None:
    report, path = stitched_page
    opened = Opened(chromium, path, DESKTOP)
    try:
        second = next(s for s in report.sentences if s.source == 1 and s.source_sentences)
        target = f"s2-{second.source_sentences[0]}"
        rewrite, first, other = (
            opened.box(f"#d{second.index}"),
            opened.box("#s1"),
            opened.box(f"#{target}"),
        )
        assert (
            rewrite["x"] + rewrite["width"]
            <= first["x"]
            < first["x"] + first["width"]
            <= other["x"]
        )
        colours = opened.eval(
            "[...document.querySelectorAll('.colhead')].map(h => getComputedStyle(h).color)"
        )
        assert len(set(colours)) == 3  # the rewrite and each source in a colour of its own
        opened.page.click(f"#d{second.index} .text")
        assert "linked" in opened.classes(target) and "linked" not in opened.classes("s1")
    finally:
        opened.close()
    phone = Opened(chromium, path, PHONE)
    try:
        width = phone.eval("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1]
    finally:
        phone.close()


# --- screenshots for a person to judge ------------------------------------------------


def test_screenshots_of_the_seed_and_stitched_reports(
    chromium: Any, seed_report: Any, stitched_page: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = Path(os.environ.get("RETOLD_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    pages = [("seed-report", seed_report[3]), ("two-sources", stitched_page[1])]
    for (name, path), (size, viewport) in itertools.product(
        pages, (("desktop", DESKTOP), ("phone", PHONE))
    ):
        opened = Opened(chromium, path, viewport)
        try:
            shot = folder / f"{name}-{size}.png"
            opened.page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
        finally:
            opened.close()
    print(f"screenshots in {folder}")
