"""Measurements on the real site: cold and warm builds, serve rebuilds, asset sizes."""

from __future__ import annotations

import gzip
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.support import free_port

from . import runner

READY_TIMEOUT = 300
"""Seconds for ``mkdocs serve`` to finish its first build (it renders PDFs for its own address)."""
EDIT_TIMEOUT = 60
"""Seconds to wait for one edit to show up in the served page."""
POLL = 0.02


def cold_and_warm(project: Path, work: Path, runs: int) -> tuple[runner.Series, runner.Series]:
    """Alternate a build with an empty PDF cache and one with the cache it left."""
    cold, warm = runner.Series("real, cold PDF cache"), runner.Series("real, warm PDF cache")
    env = runner.build_env(GUIDE_PDFS="1")
    for index in range(runs):
        shutil.rmtree(project / ".cache" / "pdf", ignore_errors=True)
        cold.runs.append(runner.mkdocs_build(project, work / "site", work / f"cold-{index}.log", env))
        warm.runs.append(runner.mkdocs_build(project, work / "site", work / f"warm-{index}.log", env))
    return cold, warm


@dataclass
class ServeResult:
    """Seconds from saving an edited article to the served page showing the edit."""

    article: str
    latencies: list[float] = field(default_factory=list)
    startup: float = 0.0
    """Seconds until the first build was served."""
    failures: list[str] = field(default_factory=list)


def serve_rebuilds(project: Path, work: Path, edits: int) -> ServeResult:
    """Edit one article ``edits`` times under ``mkdocs serve`` and time each rebuild."""
    article = sorted((project / "content" / "articles").glob("*.md"))[0]
    result = ServeResult(article.stem)
    port = free_port()
    url = f"http://127.0.0.1:{port}/articles/{article.stem}/"
    log = work / "serve.log"
    original = article.read_text("utf-8")
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=runner.build_env(GUIDE_PDFS="1"),
            stdout=output, stderr=subprocess.STDOUT,
        )
        try:
            start = time.perf_counter()
            if _wait_for(url, None, READY_TIMEOUT, process) is None:
                result.failures.append(f"the first build was not served within {READY_TIMEOUT} s")
                return result
            result.startup = time.perf_counter() - start
            for edit in range(edits):
                _settle(log, edit)
                token = f"Benchmark edit {edit + 1} at {time.time_ns()}"
                saved = time.perf_counter()
                article.write_text(f"{original.rstrip()}\n\n{token}.\n", encoding="utf-8")
                seen = _wait_for(url, token, EDIT_TIMEOUT, process)
                if seen is None:
                    result.failures.append(f"edit {edit + 1} did not appear within {EDIT_TIMEOUT} s")
                    break
                result.latencies.append(seen - saved)
        finally:
            article.write_text(original, encoding="utf-8")
            _stop(process)
    return result


def _wait_for(url: str, token: str | None, timeout: float, process: subprocess.Popen) -> float | None:
    """Poll ``url`` until it answers (and holds ``token``); the moment it did, or None."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8", "replace")
            if token is None or token in body:
                return time.perf_counter()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(POLL)
    return None


def _settle(log: Path, done: int) -> None:
    """Wait until the server finished the rebuild of the last edit (and its own first build)."""
    deadline = time.perf_counter() + EDIT_TIMEOUT
    while time.perf_counter() < deadline:
        text = log.read_text("utf-8", "replace")
        if text.count("Reloading browsers") >= done and "Serving on" in text:
            break
        time.sleep(0.1)
    time.sleep(1.0)  # Let the observer's next poll see a quiet tree.
    runner.waited += runner.wait_for_quiet(runner.quiet_wait)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)  # serve removes its temporary site on Ctrl-C.
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass(frozen=True)
class AssetSize:
    path: str
    raw: int
    """The source file in docs/."""
    served: int | None
    """What the site serves (minified by the build), or None for a file it leaves out."""
    gzipped: int
    """What the site serves, gzipped (level 9); 0 for a file it leaves out."""


def own_assets(docs_dir: Path) -> list[AssetSize]:
    """Each of the site's own stylesheets and scripts: the source, and as the site serves it."""
    from guidekit import assets
    from guidekit.build import PDF_STYLES

    # The PDFs' own stylesheet is read by the PDF renderer alone (mkdocs.yml: exclude_docs).
    left_out = {sheet.as_posix() for sheet in PDF_STYLES[1:]}
    sizes = []
    for path in sorted([*docs_dir.glob("assets/**/*.css"), *docs_dir.glob("assets/**/*.js")]):
        name = path.relative_to(docs_dir).as_posix()
        raw = path.stat().st_size
        if name in left_out:
            sizes.append(AssetSize(name, raw, None, 0))
            continue
        data = assets.minified(name, path.read_text(encoding="utf-8")).encode()
        sizes.append(AssetSize(name, raw, len(data), len(gzip.compress(data, compresslevel=9, mtime=0))))
    return sizes
