"""The manifest and the service worker as the build writes them, read back from real builds."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import pytest
from PIL import Image

from tests.support import free_port, html_page, run_mkdocs, small_project

REQUIRED = ("name", "short_name", "start_url", "scope", "display", "icons")


def worker_data(site: Path) -> dict:
    """The data line the build put in front of the worker's logic."""
    first = (site / "sw.js").read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"const BUILD = (\{.*\});", first)
    assert match, f"sw.js does not start with its build data: {first[:80]}"
    return json.loads(match.group(1))


def pages(site: Path) -> list[Path]:
    """The site's pages; a merged article's old address only redirects, so it is left out."""
    return sorted(
        html
        for html in site.rglob("*.html")
        if 'http-equiv="refresh"' not in html.read_text(encoding="utf-8")
    )


def test_manifest_is_complete_and_its_icons_are_what_it_says(built_site: Path) -> None:
    manifest = json.loads((built_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert all(manifest.get(key) for key in REQUIRED), manifest
    assert manifest["name"] == "After the No"  # site_name in mkdocs.yml
    assert manifest["start_url"] == manifest["scope"] == "./"  # works from any sub-folder
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    sizes = set()
    for icon in manifest["icons"]:
        file = built_site / icon["src"]
        assert file.is_file(), icon
        if icon["type"] == "image/png":
            with Image.open(file) as image:
                assert image.format == "PNG"
                assert icon["sizes"] == f"{image.width}x{image.height}"
                sizes.add(image.width)
        else:
            assert icon["type"] == "image/svg+xml" and icon["sizes"] == "any"
            assert file.read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert {192, 512} <= sizes


def test_every_page_links_the_manifest_and_carries_the_build_version(built_site: Path) -> None:
    version = worker_data(built_site)["version"]
    problems = []
    for html in pages(built_site):
        page = html_page(built_site, html.relative_to(built_site).as_posix())
        link = page.find("link", rel="manifest")
        # Resolve as a browser would, from the page's own address.
        address = "http://site/" + html.relative_to(built_site).as_posix()
        if link is None or urljoin(address, link["href"]) != "http://site/manifest.webmanifest":
            problems.append(f"{html.relative_to(built_site)}: no link to the manifest")
        meta = page.find("meta", attrs={"name": "guide-offline"})
        if meta is None or meta["content"] != version:
            problems.append(f"{html.relative_to(built_site)}: build version {meta and meta['content']}")
    assert not problems, problems


def test_the_worker_caches_every_page_pdf_and_script_and_nothing_else(built_site: Path) -> None:
    files = set(worker_data(built_site)["files"])
    built = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    assert files <= built
    for kind in ("*.html", "*.pdf", "*.css", "*.js", "*.png", "*.svg"):
        wanted = {p.relative_to(built_site).as_posix() for p in built_site.rglob(kind)}
        wanted = {f for f in wanted if not f.startswith("assets/javascripts/lunr/") and f != "sw.js"}
        assert wanted and wanted <= files, f"{kind} not cached: {sorted(wanted - files)[:5]}"
    for needed in ("search/search_index.json", "sitemap.xml", "manifest.webmanifest",
                   "worksheets/workbook-a4.pdf"):
        assert needed in files
    assert not [f for f in files if f.endswith(".map") or f == "sw.js" or f.startswith("assets/javascripts/lunr/")]
    assert all(not f.startswith(("/", "http:", "https:")) for f in files)  # the site's own files only


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_project(tmp_path_factory.mktemp("offline"), "# Home\n\nFirst words.\n")


def build(project: Path, site: Path) -> dict:
    result = run_mkdocs(project, site, env={"GUIDE_PDFS": "0"})
    assert result.returncode == 0, result.stderr
    return worker_data(site)


def test_the_version_changes_with_the_content_and_only_then(small: Path, tmp_path: Path) -> None:
    first = build(small, tmp_path / "one")
    assert build(small, tmp_path / "two")["version"] == first["version"]
    home = small / "docs" / "index.md"
    original = home.read_text(encoding="utf-8")
    home.write_text(original.replace("First words.", "Other words."), encoding="utf-8")
    try:
        changed = build(small, tmp_path / "three")
    finally:
        home.write_text(original, encoding="utf-8")
    assert changed["version"] != first["version"]
    assert changed["files"] == first["files"]


def test_bad_app_settings_stop_the_build_with_their_place(small: Path, tmp_path: Path) -> None:
    config = small / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original.replace('theme_color: "#2f5d50"', 'theme_color: green')
                      .replace("- assets/icons/icon-512.png", "- assets/icons/missing.png"), encoding="utf-8")
    try:
        result = run_mkdocs(small, tmp_path / "site", env={"GUIDE_PDFS": "0"})
    finally:
        config.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert re.search(r"mkdocs.yml:\d+: 'extra.guide.app.theme_color' is 'green', which is not a colour",
                     result.stderr)
    assert re.search(r"mkdocs.yml:\d+: 'extra.guide.app.icons\[3\]' names 'assets/icons/missing.png',"
                     r" which is not an SVG, PNG or WebP file in docs/", result.stderr)
    assert "Traceback" not in result.stderr


def test_mkdocs_serve_gets_no_worker(small: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=small,
        env={**os.environ, "GUIDE_PDFS": "0", "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        home = _poll(f"http://127.0.0.1:{port}/")
        assert '<meta name="guide-offline" content="off">' in home  # the page registers nothing
        assert 'rel="manifest"' in home
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/sw.js", timeout=10)
        assert missing.value.code == 404
        assert json.loads(_poll(f"http://127.0.0.1:{port}/manifest.webmanifest"))["name"] == "After the No"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _poll(url: str, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
