"""Helpers shared by the tests and the benchmark: real builds of real projects."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "small" / "content"
"""A three-topic fixture guide that builds in a couple of seconds."""
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def run_mkdocs(project: Path, site_dir: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a real ``mkdocs build --strict`` of ``project`` into ``site_dir``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=600,
    )


def copy_project(target: Path, content: bool = True) -> Path:
    """A copy of this project's site sources in ``target`` (content optional)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "overrides", "hooks"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    if content:
        shutil.copytree(ROOT / "content", target / "content")
    return target


def small_project(tmp: Path, home: str) -> Path:
    """A copy of this project in ``tmp`` with the fixture guide and ``home`` as docs/index.md."""
    project = copy_project(tmp / "project", content=False)
    shutil.copytree(SMALL, project / "content")
    (project / "docs" / "index.md").write_text(home, encoding="utf-8")
    return project


def tree_digests(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (bytecode caches aside) and a hash of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def html_page(site: Path, page: str) -> BeautifulSoup:
    """The built file ``page`` of ``site`` (like 'topics/index.html'), parsed."""
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def normalized(text: str) -> str:
    """Text as the tests compare it: NFKC, whitespace collapsed to single spaces.

    What pypdf extracts depends on the fonts of the machine: with a font that
    has ligatures, "find" comes out as "\ufb01nd", and line breaks fall
    elsewhere. Normalise both sides of every comparison with PDF text.
    """
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_pages(pdf: bytes | Path) -> list[str]:
    """The :func:`normalized` text of each page of a PDF (its bytes or its path)."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return [normalized(page.extract_text() or "") for page in reader.pages]


def pdf_text(pdf: bytes | Path) -> str:
    """The :func:`normalized` text of a whole PDF."""
    return " ".join(pdf_pages(pdf))


def guide_ready(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until every feature of the page shown has started (main.js fetches their modules).

    The body names the page it is ready for: after instant navigation, the
    previous page's mark is still there until the new page's features start.
    """
    page.wait_for_function("document.body?.dataset.guideReady === location.pathname")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    requests: list[str] | None = None
    """When a list, the path of every request the server answers is added to it."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        if self.requests is not None:
            self.requests.append(self.path)
        return super().send_head()


@contextlib.contextmanager
def serve_folder(folder: Path, port: int = 0, requests: list[str] | None = None) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 (on ``port``, or any free one) while the block runs.

    Yields its base URL. ``requests``, if given, receives the path of every request served.
    """
    counting = type("_CountingHandler", (_QuietHandler,), {"requests": requests})
    handler = functools.partial(counting, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def built_and_served(project: Path) -> Iterator[str]:
    """A real strict build of ``project`` (no PDFs), served while the block runs, then removed."""
    site = project / "site"
    result = run_mkdocs(project, site, env={"GUIDE_PDFS": "0"})
    assert result.returncode == 0, result.stderr
    with serve_folder(site) as url:
        yield url
    shutil.rmtree(project, ignore_errors=True)


def require(available: bool, message: str) -> None:
    """Skip a test that lacks a tool; in CI (GUIDE_REQUIRE_BROWSER=1) fail it instead."""
    if available:
        return
    import pytest

    if os.environ.get("GUIDE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message} (required in CI)")
    pytest.skip(message)


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None
