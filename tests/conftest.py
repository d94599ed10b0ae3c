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
