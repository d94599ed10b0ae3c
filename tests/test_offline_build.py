"""The manifest and the service worker as the build writes them, read back from real builds."""

from __future__ import annotations

import hashlib
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


def test_every_page_links_the_manifest_and_carries_its_frame_version(built_site: Path) -> None:
    frame = worker_data(built_site)["frame"]
    problems = []
    for html in pages(built_site):
        page = html_page(built_site, html.relative_to(built_site).as_posix())
        link = page.find("link", rel="manifest")
        # Resolve as a browser would, from the page's own address.
        address = "http://site/" + html.relative_to(built_site).as_posix()
        if link is None or urljoin(address, link["href"]) != "http://site/manifest.webmanifest":
            problems.append(f"{html.relative_to(built_site)}: no link to the manifest")
        meta = page.find("meta", attrs={"name": "guide-offline"})
        if meta is None or meta["content"] != frame:
            problems.append(f"{html.relative_to(built_site)}: frame version {meta and meta['content']}")
    assert not problems, problems


def test_the_worker_keeps_every_page_and_script_and_the_pdfs_only_on_request(built_site: Path) -> None:
    data = worker_data(built_site)
    files, later = data["files"], data["later"]
    built = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    assert set(files) <= built
    for kind in ("*.html", "*.pdf", "*.css", "*.js", "*.png", "*.svg"):
        wanted = {p.relative_to(built_site).as_posix() for p in built_site.rglob(kind)}
        wanted = {f for f in wanted if not f.startswith("assets/javascripts/lunr/") and f != "sw.js"}
        assert wanted and wanted <= set(files), f"{kind} not served: {sorted(wanted - set(files))[:5]}"
    for needed in ("search/search_index.json", "sitemap.xml", "manifest.webmanifest",
                   "worksheets/workbook-a4.pdf"):
        assert needed in files
    assert not [f for f in files if f.endswith(".map") or f == "sw.js" or f.startswith("assets/javascripts/lunr/")]
    assert all(not f.startswith(("/", "http:", "https:")) for f in files)  # the site's own files only
    # The PDFs, and only they, wait until a reader opens one or asks for them all.
    assert sorted(later) == sorted(f for f in files if f.endswith(".pdf"))
    # Each hash is of the file's bytes as served.
    for name in (later[0], "index.html", "search/search_index.json"):
        assert files[name] == hashlib.sha256((built_site / name).read_bytes()).hexdigest()[:16]


def test_the_keep_button_offers_every_pdf_with_its_total_size(built_site: Path) -> None:
    data = worker_data(built_site)
    size = sum((built_site / name).stat().st_size for name in data["later"])
    label = f"Keep the worksheets for offline use: {size / 1_000_000:.1f} MB"
    assert data["laterSize"] == label.rsplit(": ", 1)[1]
    for address in ("privacy/index.html", "worksheets/index.html"):
        page = html_page(built_site, address)
        boxes = page.select("[data-offline-keep]")
        assert len(boxes) == 1, address
        assert boxes[0]["data-count"] == str(len(data["later"]))
        assert boxes[0].select_one("[data-offline-keep-all]").get_text() == label
        assert "guide:offline-worksheets" not in (built_site / address).read_text(encoding="utf-8")


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
    assert changed["files"].keys() == first["files"].keys()
    # Only the home page and the search index changed, so only their hashes
    # differ: a reader's next visit downloads those two, and every page keeps
    # its frame (the styles and scripts are the same).
    differ = {name for name, digest in changed["files"].items() if first["files"][name] != digest}
    assert differ == {"index.html", "search/search_index.json"}
    assert changed["frame"] == first["frame"]


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
