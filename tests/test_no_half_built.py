"""Nothing half-built: a failed build keeps the previous site, and serve keeps serving.

``make site`` runs ``python -m guidekit build``, which builds into a folder
beside site/ and swaps it in only when everything (PDFs included) succeeded.
A plain ``mkdocs build`` stops on a content error before MkDocs cleans site/.
Under ``mkdocs serve`` a broken edit prints its ``path:line: message`` lines,
the last good pages stay up, and fixing the file recovers without a restart.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support import SMALL, free_port, run_mkdocs, small_project
from tests.support import tree_digests as snapshot

ARTICLE = "content/articles/say-thanks.md"
BROKEN = '---\ntitle: "Say thanks\nsummary: A short thank-you.\ntopics: [never-burn-bridges]\n---\nBody.\n'
MESSAGE = f"{ARTICLE}:2: YAML syntax error: a quoted value is never closed — add the closing quote"
PREVIOUS = {"index.html": "the previous build", "articles/old/index.html": "an old page"}


def make_project(tmp: Path) -> Path:
    return small_project(tmp, "# Home\n")


def previous_site(project: Path) -> dict[str, str]:
    """Put a recognisable 'previous build' in site/ and return its snapshot."""
    for name, text in PREVIOUS.items():
        (project / "site" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "site" / name).write_text(text, encoding="utf-8")
    return snapshot(project / "site")


def make_site(project: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """What ``make site`` runs."""
    return subprocess.run(
        [sys.executable, "-m", "guidekit", "build", "--root", str(project)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


def leftovers(project: Path) -> list[str]:
    """Build folders other than site/ itself: staging or swapped-out copies."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith("site") and p.name != "site")


def break_pdf_template(project: Path) -> None:
    # StrictUndefined: rendering the print document raises during PDF rendering.
    template = project / "overrides" / "guide" / "worksheet_pdf.html"
    template.write_text("{{ injected_failure_during_pdf_rendering }}", encoding="utf-8")


def break_a_link_in_a_page(project: Path) -> None:
    # Strict mode counts the warning while writing pages and aborts after writing all of them.
    with (project / "docs" / "about.md").open("a", encoding="utf-8") as handle:
        handle.write("\nSee [a page that does not exist](no-such-page.md).\n")


@pytest.mark.parametrize("inject", [break_pdf_template, break_a_link_in_a_page])
def test_make_site_failing_late_keeps_the_previous_site(
    tmp_path: Path, inject: Callable[[Path], None]
) -> None:
    project = make_project(tmp_path)
    before = previous_site(project)
    inject(project)

    result = make_site(project)

    assert result.returncode == 1, result.stderr
    assert "build failed: site/ was left as it was" in result.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_make_site_replaces_the_site_only_when_complete(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    previous_site(project)

    result = make_site(project)

    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / "articles" / "old").exists()
    assert (site / "articles" / "say-thanks" / "index.html").is_file()
    assert (site / "worksheets" / "workbook-a4.pdf").is_file()
    assert leftovers(project) == []


def test_content_error_leaves_the_site_untouched_with_plain_mkdocs(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    before = previous_site(project)
    (project / ARTICLE).write_text(BROKEN, encoding="utf-8")

    result = run_mkdocs(project, project / "site")

    assert result.returncode == 1
    assert MESSAGE in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == before


# --- mkdocs serve -------------------------------------------------------------------


class Server:
    """``mkdocs serve`` in a subprocess, with its output collected line by line."""

    def __init__(self, project: Path) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GUIDE_PDFS": "0"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def get(self, path: str, timeout: float = 10) -> str:
        url = f"http://127.0.0.1:{self.port}/{path}"
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")

    def wait_for_output(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.process.poll() is None, "\n".join(self.output)
                continue
            self.output.append(line)
            if text in line:
                return
        pytest.fail(f"no {text!r} in serve's output within {timeout} s:\n" + "\n".join(self.output))

    def wait_for_page(self, path: str, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "\n".join(self.output)
            try:
                page = self.get(path, timeout=5)
                if text in page:
                    return page
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        pytest.fail(f"{path} did not show {text!r} within {timeout} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    project = make_project(tmp_path)
    running = Server(project)
    try:
        yield running, project
    finally:
        running.stop()


def test_serve_reports_a_broken_edit_keeps_the_last_good_page_and_recovers(
    server: tuple[Server, Path],
) -> None:
    serve, project = server
    serve.wait_for_page("articles/say-thanks/", "Say thanks")
    serve.wait_for_output("Serving on")

    (project / ARTICLE).write_text(BROKEN, encoding="utf-8")
    serve.wait_for_output(MESSAGE)
    serve.wait_for_output("1 content problem")
    assert "Say thanks" in serve.get("articles/say-thanks/", timeout=10)

    fixed = (SMALL / "articles" / "say-thanks.md").read_text(encoding="utf-8")
    (project / ARTICLE).write_text(fixed.replace("title: Say thanks", "title: Say thanks warmly"))
    serve.wait_for_page("articles/say-thanks/", "Say thanks warmly")
    assert not any("Traceback" in line for line in serve.output), "\n".join(serve.output)


def test_serve_rebuilds_with_the_engines_edited_code(server: tuple[Server, Path]) -> None:
    serve, project = server
    serve.wait_for_page("topics/", "All topics")
    serve.wait_for_output("Serving on")
    pages = project / "hooks" / "guidekit" / "pages.py"
    code = pages.read_text(encoding="utf-8")
    assert code.count('"All topics"') == 1
    pages.write_text(code.replace('"All topics"', '"Every topic, edited"'), encoding="utf-8")
    serve.wait_for_page("topics/", "Every topic, edited")
