"""The headless Chromium pokin drives (Debian's ``chromium``), and the flags it needs on a
machine without outside network: without the background-networking flags Chromium keeps
trying to reach Google's hosts. The browser tests, the drawing benchmark and any export that
renders a page use these, so they see the pages as one browser does."""

from __future__ import annotations

import os

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
