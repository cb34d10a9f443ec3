"""The headless Chromium pokin drives (Debian's ``chromium``), and the flags it needs on a
machine without outside network: without the background-networking flags Chromium keeps
trying to reach Google's hosts. The browser tests, the drawing benchmark and any export that
renders a page use these, so they see the pages as one browser does."""

from __future__ import annotations

import asyncio
import functools
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import ParamSpec, TypeVar

from pokin.core.errors import ExportUnavailable
from pokin.core.i18n import gettext as _

P = ParamSpec("P")
T = TypeVar("T")


def outside_event_loop(fn: Callable[P, T]) -> Callable[P, T]:
    """Run ``fn`` in a worker thread of its own when this thread runs an asyncio loop:
    Playwright's sync API refuses such a thread (another sync Playwright already open in it,
    as a test session's browser, or a notebook), and drawing a document must not care."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return fn(*args, **kwargs)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pokin-chromium") as pool:
            return pool.submit(fn, *args, **kwargs).result()

    return wrapper


#: Where Debian installs Chromium (``apt-get install chromium``); ``POKIN_CHROMIUM`` overrides.
CHROMIUM = os.environ.get("POKIN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def playwright():
    """Playwright's ``sync_playwright``, or ``ExportUnavailable`` saying what to install:
    Chromium and Playwright are optional, and only the exports need them."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise ExportUnavailable(
            _(
                "pokin export needs Playwright: pip install playwright (or pip install "
                "'pokin[test]'), and Chromium at %(chromium)s (Debian: apt-get install chromium)"
            )
            % {"chromium": CHROMIUM}
        ) from None
    if not Path(CHROMIUM).exists():
        raise ExportUnavailable(
            _(
                "pokin export needs Chromium at %(chromium)s (Debian: apt-get install chromium; "
                "or set POKIN_CHROMIUM to a Chromium binary)"
            )
            % {"chromium": CHROMIUM}
        )
    return sync_playwright


@outside_event_loop
def print_pdf(
    html: str,
    *,
    paper: str = "A4",
    landscape: bool = False,
    footer: str | None = None,
    margin: dict[str, str] | None = None,
) -> bytes:
    """The standalone ``html`` printed to PDF by headless Chromium, every request outside the
    page refused (a document reaches no network); the page's CSS ``@page`` size wins.
    ``footer``: Chromium's footer template on every page (its ``pageNumber``/``totalPages``)."""
    sync_playwright = playwright()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())
            page.set_content(html, wait_until="load")
            page.emulate_media(media="print")
            paged = {}
            if footer is not None:
                paged = {
                    "display_header_footer": True,
                    "header_template": "<span></span>",
                    "footer_template": footer,
                }
            return page.pdf(
                format=paper,
                landscape=landscape,
                print_background=True,
                prefer_css_page_size=True,
                margin=margin,
                **paged,
            )
        finally:
            browser.close()
