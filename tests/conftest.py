"""Shared fixtures: real MkDocs builds, a local HTTP server, and Chromium.

Browser tests use Debian's Chromium through Playwright (``executable_path``);
Playwright's own browser download does not work offline. Without Chromium
they skip with one line, unless GUIDE_REQUIRE_BROWSER=1 (set by .ci/run),
which turns a missing browser into a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import ROOT, chromium_path, require, run_mkdocs, serve_folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session (PDFs included)."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = run_mkdocs(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1; yields its base URL."""
    with serve_folder(built_site) as url:
        yield url


# A guide page's features start once main.js has fetched their modules, a
# moment after the browser's load event; the body then carries data-guide-ready.
# A test's goto or reload returns once that is so, as a reader's page is only
# ready then. Pages that are not the guide's (a PDF, the offline fallback) or
# that run no scripts are left as they load.
# A guide page whose own scripts ran (the theme's inline script sets __md_scope).
GUIDE_PAGE = "() => document.querySelector('meta[name=\"guide-offline\"]') !== null && '__md_scope' in window"
READY_WAIT_MS = 15_000


def _wait_for_the_guide(page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import Error

    try:
        if page.evaluate(GUIDE_PAGE):
            page.locator("body[data-guide-ready]").wait_for(state="attached", timeout=READY_WAIT_MS)
    except Error:
        pass  # no scripts, a page that navigated away, or a feature that never started: the test says


@pytest.fixture(scope="session", autouse=True)
def _navigation_waits_for_the_guide() -> Iterator[None]:
    from playwright.sync_api import Page

    goto, reload = Page.goto, Page.reload

    def goto_ready(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = goto(self, *args, **kwargs)
        _wait_for_the_guide(self)
        return response

    def reload_ready(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = reload(self, *args, **kwargs)
        _wait_for_the_guide(self)
        return response

    Page.goto, Page.reload = goto_ready, reload_ready  # type: ignore[method-assign]
    yield
    Page.goto, Page.reload = goto, reload  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Chromium, or a skip (a failure when GUIDE_REQUIRE_BROWSER=1)."""
    path = chromium_path()
    require(path is not None,
            "Chromium not found, so the browser tests cannot run"
            " (apt-get install chromium, or set CHROMIUM=/path)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=path,
            headless=True,
            # This machine has no network: stop Chromium's own background requests.
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):  # type: ignore[no-untyped-def]
    """A fresh browser profile per test: empty localStorage, no cookies."""
    ctx = browser.new_context(accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):  # type: ignore[no-untyped-def]
    """A page that fails the test on any console error or uncaught exception."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    assert not errors, f"errors in the browser console: {errors}"
