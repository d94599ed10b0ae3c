"""Two engines, one site: MkDocs 1.6 and ProperDocs, its maintained fork, build the guide alike.

The session's site (``built_site``) is MkDocs'; here ProperDocs builds the same
project through ``python -m guidekit build --engine properdocs``, as
``make site ENGINE=properdocs`` does. Its PDFs come from the same cache, so the
second build costs seconds. The two sites must hold the same files with the same
bytes, but for what names the engine: the generator tag, and the build version
the offline worker derives from every page (and so from that tag). Both builds
must also hold everything the guide's content asks for, so an engine that
skipped the hooks (as Zensical does, silently) could not pass.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml

from tests.support import ROOT, copy_project, run_mkdocs

CONTENT = ROOT / "content"
PAPERS = ("a4", "letter")
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
LASTMOD = re.compile(rb"<lastmod>[0-9-]+</lastmod>")
BUILD = re.compile(rb'^const BUILD = \{"version":"([0-9a-f]+)"')


def pdfs_on() -> bool:
    """Whether this run builds PDFs (mkdocs.yml turns them on; GUIDE_PDFS=0 turns them off)."""
    return os.environ.get("GUIDE_PDFS", "1").strip().lower() not in ("0", "false", "no", "off")


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1]) or {}


def expected_outputs() -> list[str]:
    """What the content asks the build for, read from the content files themselves."""
    slugs = {kind: sorted(p.stem for p in (CONTENT / kind).glob("*.md")) for kind in
             ("situations", "messages", "worksheets", "articles")}
    assert all(slugs.values()), f"the guide's content is missing a kind: {slugs}"
    outputs = ["index.html", "start/index.html", "messages/index.html", "worksheets/index.html",
               "manifest.webmanifest", "sw.js"]
    outputs += [f"situations/{slug}/index.html" for slug in slugs["situations"]]
    outputs += [f"messages/{slug}/index.html" for slug in slugs["messages"]]
    outputs += [f"worksheets/{slug}/index.html" for slug in slugs["worksheets"]]
    outputs += [f"articles/{slug}/index.html" for slug in slugs["articles"]]
    if pdfs_on():
        outputs += [f"worksheets/{slug}-{paper}.pdf" for slug in [*slugs["worksheets"], "workbook"]
                    for paper in PAPERS]
    return outputs


def redirects() -> dict[str, str]:
    """Old article address → the article that replaced it, from the articles' ``replaces``."""
    found = {}
    for path in sorted((CONTENT / "articles").glob("*.md")):
        for old in front_matter(path).get("replaces") or []:
            found[f"articles/{old}/index.html"] = f"articles/{path.stem}/"
    return found


def missing_outputs(site: Path) -> list[str]:
    """What :func:`expected_outputs` names that ``site`` lacks, and redirects leading nowhere."""
    missing = [name for name in expected_outputs() if not (site / name).is_file()]
    for page, target in redirects().items():
        text = (site / page).read_text(encoding="utf-8") if (site / page).is_file() else ""
        if f"{target.removeprefix('articles/')}" not in text:
            missing.append(f"{page} (a redirect to {target})")
    return missing


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory, built_site: Path) -> Path:
    """The real site built by ProperDocs, the way ``make site ENGINE=properdocs`` builds it.

    After the session's MkDocs build (``built_site``), so every PDF is in the cache.
    """
    site = tmp_path_factory.mktemp("properdocs") / "site"
    command = ["-m", "guidekit", "build", "--engine", "properdocs", "--site-dir", str(site)]
    result = subprocess.run(
        [sys.executable, *command], cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return site


@pytest.fixture(scope="module")
def sites(built_site: Path, properdocs_site: Path) -> dict[str, Path]:
    return {"mkdocs": built_site, "properdocs": properdocs_site}


def test_each_engine_builds_every_page_pdf_and_file_the_guide_needs(sites: dict[str, Path]) -> None:
    for engine, site in sites.items():
        assert not missing_outputs(site), f"{engine} left out: {missing_outputs(site)}"


def test_the_sites_name_the_engine_that_built_them(sites: dict[str, Path]) -> None:
    """The comparison below is between two engines, not one engine twice."""
    tags = {engine: GENERATOR.search((site / "index.html").read_bytes())
            for engine, site in sites.items()}
    mkdocs, properdocs = metadata.version("mkdocs"), metadata.version("properdocs")
    assert tags["mkdocs"] and f"mkdocs-{mkdocs},".encode() in tags["mkdocs"][0]
    assert tags["properdocs"] and f"ProperDocs {properdocs},".encode() in tags["properdocs"][0]


def comparable(site: Path, name: str) -> bytes:
    """A built file's bytes without what names the engine: its generator tag and build version."""
    data = (site / name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    build = BUILD.match((site / "sw.js").read_bytes())
    assert build, "sw.js does not start with its build's data"
    data = GENERATOR.sub(b"<generator>", data).replace(build[1], b"<build>")
    if name == "sw.js":
        data = comparable_worker(site, data)
    # The sitemap dates each page by the day it was built: two builds may straddle midnight.
    return LASTMOD.sub(b"<lastmod/>", data) if name.startswith("sitemap.xml") else data


def comparable_worker(site: Path, data: bytes) -> bytes:
    """The worker with each file's hash taken again over the file's comparable bytes.

    The worker lists every file by a hash of its content, and a page's content
    holds its generator tag: hashed again without it, two engines' lists agree
    exactly when the files they list do.
    """
    first, _, rest = data.partition(b"\n")
    build = json.loads(first.removeprefix(b"const BUILD = ").removesuffix(b";"))
    build["files"] = {
        file: hashlib.sha256(comparable(site, file)).hexdigest() for file in build["files"]
    }
    return json.dumps(build, sort_keys=True).encode() + b"\n" + rest


def test_the_two_engines_build_the_same_site_page_for_page(sites: dict[str, Path]) -> None:
    files = {engine: sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
             for engine, site in sites.items()}
    assert files["mkdocs"] == files["properdocs"], (
        f"only MkDocs: {sorted(set(files['mkdocs']) - set(files['properdocs']))}; "
        f"only ProperDocs: {sorted(set(files['properdocs']) - set(files['mkdocs']))}"
    )
    differ = [name for name in files["mkdocs"]
              if comparable(sites["mkdocs"], name) != comparable(sites["properdocs"], name)]
    assert not differ, f"{len(differ)} file(s) differ between the engines: {differ[:10]}"


def test_the_output_check_fails_a_build_that_skipped_the_hooks(tmp_path: Path) -> None:
    """An engine that ignores hooks publishes the hand-written pages alone: the check says so.

    Without the hooks the theme's overrides lack the names the hooks give them,
    so the stand-in for such an engine drops both and builds with Material as it is.
    """
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = re.sub(r"(?m)^hooks:\n(  - .*\n)+", "", config.read_text(encoding="utf-8"))
    config.write_text(re.sub(r"(?m)^  custom_dir: overrides\n", "", text), encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs(project, site, "--no-strict", env={"GUIDE_PDFS": "0"})
    assert result.returncode == 0, result.stderr[-4000:]
    missing = missing_outputs(site)
    assert "sw.js" in missing and "manifest.webmanifest" in missing
    assert any(name.startswith("situations/") for name in missing)
    assert any(name.startswith("messages/") and name != "messages/index.html" for name in missing)
    assert any("a redirect to" in name for name in missing)
    shutil.rmtree(project, ignore_errors=True)
