"""An installable guide that works offline: the web app manifest and the service worker.

Both are written into the built site after every page is on disk, from the
files actually there. The worker's logic is ``offline-worker.js`` beside this
module; the build puts in front of it one line of data: this build's version
(a hash of every file it caches, and of the worker itself) and the list of
those files. One version is one cache, so a reader's browser never mixes two
builds (see the worker for how).
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
WORKER_SOURCE = Path(__file__).with_name("offline-worker.js")
UNVERSIONED = '<meta name="guide-offline" content="off">'
"""What ``overrides/main.html`` writes into every page; the build puts its version in its place.

A page that still says "off" (under ``mkdocs serve``) registers no worker and
removes one left by an earlier visit, so the preview never shows stale pages.
"""
SKIPPED = (
    re.compile(r"\.map$"),  # source maps: only a browser's developer tools read them
    re.compile(r"^sitemap\.xml\.gz$"),  # for search engines; instant navigation reads sitemap.xml
    # Material's search loads these only for languages other than English, and
    # the Chinese and Thai segmenters alone weigh 700 KB.
    re.compile(r"^assets/javascripts/lunr/"),
    re.compile(rf"^{re.escape(WORKER)}$"),
)
"""Built files the worker does not cache (paths relative to the site)."""
IMAGE_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".webp": "image/webp"}


@dataclass(frozen=True)
class App:
    """What the manifest says about the guide; all of it comes from mkdocs.yml, checked
    with the guide's other settings (``settings.from_config``)."""

    name: str
    short_name: str
    description: str
    language: str
    icons: tuple[str, ...]
    """Site-relative paths of the icons, as built."""
    theme_color: str | None = None
    background_color: str | None = None


def manifest(app: App, site: Path) -> tuple[dict[str, object], list[str]]:
    """The manifest's members, with each icon's type and size read from the built file."""
    icons, problems = [], []
    for path in app.icons:
        file = site / path
        kind = IMAGE_TYPES.get(file.suffix.lower())
        if kind is None or not file.is_file():
            problems.append(
                f"mkdocs.yml: extra.guide.app.icons: '{path}' is not an SVG, PNG or WebP"
                " file under docs/ — add the file or remove it from the list"
            )
            continue
        size = _png_size(file) if kind == "image/png" else None
        icons.append(
            {
                "src": path,
                "type": kind,
                "sizes": f"{size[0]}x{size[1]}" if size else "any",
                "purpose": "any",
            }
        )
    members: dict[str, object] = {
        "name": app.name,
        "short_name": app.short_name,
        "description": app.description,
        "lang": app.language,
        # Relative to the manifest, which sits at the site's root: the app
        # works wherever the site is published, a sub-folder included.
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "icons": icons,
    }
    members.update({k: v for k in ("theme_color", "background_color") if (v := getattr(app, k))})
    return members, problems


def _png_size(file: Path) -> tuple[int, int] | None:
    """Width and height from a PNG's header, or None if it is not a PNG."""
    head = file.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def cached_files(site: Path) -> list[str]:
    """Every built file the worker caches, site-relative, in a stable order."""
    found = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    return sorted(f for f in found if not any(pattern.search(f) for pattern in SKIPPED))


def version(site: Path, files: list[str], worker_source: str) -> str:
    """A hash of the worker and of every cached file's path and bytes: one per distinct build."""
    digest = hashlib.sha256(worker_source.encode())
    for name in files:
        digest.update(b"\0" + name.encode() + b"\0")
        digest.update((site / name).read_bytes())
    return digest.hexdigest()[:20]


def worker(app: App, build: str, files: list[str], worker_source: str) -> str:
    """The service worker's source: this build's data, then the fixed logic."""
    data = {"version": build, "name": app.name, "lang": app.language, "files": files}
    # Escape "<" so no string in the data could ever close a script element, were
    # this text ever inlined; the worker file itself is plain JavaScript.
    line = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"const BUILD = {line};\n{worker_source}"


def stamp_pages(site: Path, files: list[str], build: str) -> None:
    """Put the build's version into every page, where the worker looks for it."""
    stamped = UNVERSIONED.replace('"off"', f'"{build}"')
    for name in files:
        if name.endswith(".html"):
            page = site / name
            html = page.read_text(encoding="utf-8")
            if UNVERSIONED in html:
                page.write_text(html.replace(UNVERSIONED, stamped, 1), encoding="utf-8")


def publish(site: Path, app: App, with_worker: bool) -> list[str]:
    """Write the manifest and, if ``with_worker``, the worker; return problems found on the way."""
    members, problems = manifest(app, site)
    (site / MANIFEST).write_text(
        json.dumps(members, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    if with_worker and not problems:
        source = WORKER_SOURCE.read_text(encoding="utf-8")
        files = cached_files(site)
        build = version(site, files, source)
        (site / WORKER).write_text(worker(app, build, files, source), encoding="utf-8")
        stamp_pages(site, files, build)
    return problems
