"""Fixtures of the browser tests: the API served by a background uvicorn on a free 127.0.0.1
port over the seed cascade and the planted one, and Debian's Chromium (headless) driven by
Playwright, with every request, console message and dialog recorded.

Every page a test opens is checked when the test ends: no request left 127.0.0.1 (those are
also aborted), the console showed no error and no dialog (alert/confirm/prompt) opened.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from pokin.visualize.browser import CHROMIUM, CHROMIUM_ARGS
from tests.browser import planted
from tests.live_server import serve_app

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

#: Hooks alert/confirm/prompt before any page script runs: a planted script that ran would
#: leave its trace in window.__pokinAlerts (besides the dialog events Playwright records).
ALERT_HOOK = """
window.__pokinAlerts = [];
for (const name of ["alert", "confirm", "prompt"]) {
  const original = window[name];
  window[name] = function (message) {
    window.__pokinAlerts.push(name + ": " + String(message));
    return original.apply(window, arguments);
  };
}
"""


#: The screen position (page pixels) of a drawn vis node, by its id, once it is centred (a
#: graph may open zoomed in, legible, with the node off screen).
NODE_SCREEN_POSITION = """(id) => {
  const net = window.network;
  net.moveTo({position: net.getPositions([id])[id], animation: false});
  const dom = net.canvasToDOM(net.getPositions([id])[id]);
  const box = document.getElementById("pokin-network").getBoundingClientRect();
  return [box.left + dom.x, box.top + dom.y];
}"""


@pytest.fixture(scope="module")
def browser_db(driver, settings):
    """The seed cascade and the planted one, loaded for this module."""
    planted.load_seed_and_planted(driver, settings.neo4j_database)
    return driver


@pytest.fixture(scope="module")
def server(browser_db, settings) -> Iterator[str]:
    """The API (``api.main.create_app``) served in a thread by uvicorn; yields its base URL.
    Two cascades are loaded, so the seed is made the default one (POKIN_DEFAULT_CASCADE)."""
    from pokin.api.main import create_app

    seed_first = settings.model_copy(update={"pokin_default_cascade": "bkpsdm-pemalang-2025-2029"})
    with serve_app(create_app(seed_first)) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"the browser tests need Chromium at {CHROMIUM} (Debian: apt-get install chromium; "
            ".ci/run installs it)",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Recorder:
    """What the pages of one test did."""

    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    #: console errors a test expects (substrings), e.g. the 404 of a page asked for on purpose
    allowed_errors: list[str] = field(default_factory=list)

    def unexpected_console_errors(self) -> list[str]:
        return [e for e in self.console_errors if not any(a in e for a in self.allowed_errors)]


def _local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about", "file"):
        return True
    return parsed.hostname == "127.0.0.1"


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def page(chromium, recorder: Recorder):
    """A fresh page (1440x900) whose requests outside 127.0.0.1 are recorded and aborted."""
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    context.add_init_script(ALERT_HOOK)

    def route(r):
        url = r.request.url
        recorder.requests.append(url)
        if _local(url):
            r.continue_()
        else:
            recorder.outside.append(url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.on("request", lambda req: None if _local(req.url) else recorder.outside.append(req.url))
    pg.on(
        "console",
        lambda msg: recorder.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    pg.on("pageerror", lambda exc: recorder.page_errors.append(str(exc)))

    def on_dialog(dialog):
        recorder.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    try:
        yield pg
        alerts = []
        try:
            alerts = pg.evaluate("window.__pokinAlerts || []")
        except Exception:  # noqa: BLE001 - a page that navigated away mid-test has no hook
            alerts = []
        assert recorder.outside == [], f"requests left 127.0.0.1: {recorder.outside}"
        assert recorder.page_errors == [], f"script errors: {recorder.page_errors}"
        assert recorder.unexpected_console_errors() == [], (
            f"console errors: {recorder.unexpected_console_errors()}"
        )
        assert recorder.dialogs == [] and alerts == [], f"dialogs: {recorder.dialogs} {alerts}"
    finally:
        context.close()


@pytest.fixture
def english(page):
    """The page asks for English (``Accept-Language: en``), for tests of the English texts
    (with no choice, pages are in Indonesian)."""
    page.context.set_extra_http_headers({"Accept-Language": "en"})
    return page


def wait_for_graph(page, timeout: float = 60_000) -> None:
    """Wait until the graph page says it is drawn (a selector, so it also works under a CSP
    that forbids eval)."""
    page.wait_for_selector("html[data-graph-ready='1']", state="attached", timeout=timeout)


def drawn_counts(page) -> tuple[int, int]:
    return tuple(
        page.evaluate(
            "[window.network.body.data.nodes.length, window.network.body.data.edges.length]"
        )
    )


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
