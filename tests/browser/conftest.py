"""Real-browser tests: Debian's Chromium driven by the Python `playwright` package.

Playwright never downloads a browser here: it is pointed at the system Chromium
(`executable_path`). When Chromium is missing and we run as root (CI, a fresh
machine), `install-chromium.sh` installs the Debian package; when it still cannot
be had, every browser test fails with the reason. Skip them locally with
`pytest -m "not browser"`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

DEBIAN_CHROMIUM = "/usr/bin/chromium"
CHROMIUM = os.environ.get("RETOLD_CHROMIUM", DEBIAN_CHROMIUM)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
INSTALL = Path(__file__).with_name("install-chromium.sh")
SKIP_HINT = 'or skip the browser tests with: pytest -m "not browser"'


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/browser/ is in the `browser` group."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


def _find_or_install() -> str:
    """The Chromium binary; installed from Debian's packages when we are root."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if CHROMIUM == DEBIAN_CHROMIUM and os.geteuid() == 0 and shutil.which("apt-get"):
        done = subprocess.run(["sh", str(INSTALL)], capture_output=True, text=True)
        if done.returncode == 0 and Path(CHROMIUM).exists():
            return CHROMIUM
        pytest.fail(
            f"Chromium is not at {CHROMIUM} and installing Debian's chromium failed "
            f"(exit {done.returncode}):\n{(done.stdout + done.stderr)[-2000:]}",
            pytrace=False,
        )
    pytest.fail(
        f"Chromium is not at {CHROMIUM}: install Debian's package (apt-get install "
        f"chromium) or set RETOLD_CHROMIUM to a Chromium binary, {SKIP_HINT}",
        pytrace=False,
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium a test module. Playwright's sync API runs an event loop in
    this thread while it is open: closing it with the module leaves later tests free to
    run their own (asyncio.run)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.fail(
            f"the playwright package is missing ({exc}): pip install -e '.[test]', {SKIP_HINT}",
            pytrace=False,
        )
    executable = _find_or_install()
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        except Exception as exc:
            pytest.fail(f"Chromium at {executable} did not start: {exc}", pytrace=False)
        yield chromium
        chromium.close()


@dataclass
class Watched:
    """A page with everything it says kept: dialogs (alert, confirm…), console
    messages, uncaught errors and requests to anywhere but the app."""

    page: Any
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def quiet(self, *, error_status: bool = False) -> None:
        """Nothing ran that should not have, and nothing was refused or failed.
        `error_status`: the page itself came with an error status, which Chromium logs."""
        assert self.dialogs == [], self.dialogs
        assert self.errors == [], self.errors
        assert self.outside == [], self.outside
        problems = [
            m
            for m in self.console
            if m.startswith(("error", "warning"))
            and not (error_status and "the server responded with a status of" in m)
        ]
        assert problems == [], problems

    def no_horizontal_scroll(self) -> None:
        width = self.page.evaluate("document.documentElement.scrollWidth")
        viewport = self.page.evaluate("window.innerWidth")
        assert width <= viewport, f"page is {width}px wide in a {viewport}px window"


def _watch(page: Any, base: str) -> Watched:
    watched = Watched(page)

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda m: watched.console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: watched.errors.append(str(e)))

    def on_request(request: Any) -> None:
        url = request.url
        if not url.startswith((base, "data:", "about:")):
            watched.outside.append(url)

    page.on("request", on_request)
    return watched


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """open_page(base_url, width=1280) -> a Watched page in a fresh context."""
    contexts: list[Any] = []

    def make(base: str, width: int = 1280, height: int = 900) -> Watched:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        return _watch(context.new_page(), base)

    yield make
    for context in contexts:
        context.close()


EXAMPLES = Path(__file__).parents[2] / "examples"
PAYLOAD_ID = 'daily/<img src=x onerror=alert("id")>.txt'  # an id is untrusted text too
OTHER_STORY = """Storm season ends quietly

Forecasters said the storm season ended without a single landfall this year, the first time in a decade.

Warm water had been expected to feed strong storms, but dry air kept them weak. Insurers welcomed the news.
"""


@pytest.fixture(scope="session")
def seed() -> tuple[str, str]:
    """The seed pair of the README: a wire story and a blog rewrite of it."""
    return (EXAMPLES / "wire.txt").read_text(), (EXAMPLES / "blog.txt").read_text()


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, seed: tuple[str, str]) -> str:
    """A small corpus: the wire story, a dated reprint of it, an unrelated story."""
    from retold import Article
    from retold.corpus import Corpus

    wire, _ = seed
    reprint = wire.replace("on Tuesday", "on Tuesday night")
    db = str(tmp_path_factory.mktemp("corpus") / "news.db")
    with Corpus(db) as corpus:
        corpus.add(
            [
                Article(wire, id="wire/tidal-barrier.txt", date="2024-03-04"),
                Article(reprint, id=PAYLOAD_ID, date="2024-03-05"),
                Article(OTHER_STORY, id="wire/storms.txt", date="2024-03-01"),
            ]
        )
    return db


@pytest.fixture(scope="session")
def live_server(corpus_db: str) -> Iterator[str]:
    """The web app with the corpus, on a free loopback port in a background thread."""
    from retold.web.app import create_app
    from retold.web.server import running

    with running(create_app(corpus_db)) as url:
        yield url.rstrip("/")
