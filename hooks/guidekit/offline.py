"""An installable guide that works offline: the web app manifest and the service worker.

Both are written into the built site after every page is on disk, from the
files actually there. The worker's logic is ``offline-worker.js`` beside this
module; the build puts in front of it one line of data: this build's version,
every file it serves with the hash of its content, and which of them (the
worksheet PDFs) it keeps only when a reader opens them or asks for them all.
One version is one cache; a new version's worker copies each file whose hash
did not change from the old cache and downloads only the others.

Pages carry a shorter version, their frame's: a hash of the worker and of every
file that is not a page's own content (styles, scripts, icons). A page whose
frame differs from the worker's is of another deployment, and its scripts must
not be mixed with it (see the worker); a page whose words alone changed keeps
the same bytes elsewhere, so a redeployment of one article changes that page,
the search index and the pages that list it, and nothing else.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from . import assets

MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
WORKER_SOURCE = Path(__file__).with_name("offline-worker.js")
UNVERSIONED = '<meta name="guide-offline" content="off">'
"""What ``overrides/main.html`` writes into every page; the build puts its frame version there.

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
CONTENT = re.compile(r"\.(html|pdf)$|^search/|^sitemap\.xml$")
"""Files that are what pages say, not what they run on: left out of a page's frame version."""
LATER = re.compile(r"\.pdf$")
"""Files kept offline only when a reader opens them or asks for them all: worksheet PDFs."""
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".webmanifest", ".txt"}
"""Files a static server usually sends gzipped."""
KEEP_MARKER = "<!-- guide:offline-worksheets -->"
"""Where a page (the worksheets list, Privacy) offers to keep every PDF; filled in by publish."""
log = logging.getLogger("mkdocs.hooks.guide.offline")
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
    """Every built file the worker serves, site-relative, in a stable order."""
    found = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    return sorted(f for f in found if not any(pattern.search(f) for pattern in SKIPPED))


def file_hash(data: bytes) -> str:
    """A file's content hash as the worker compares it: same bytes, same hash."""
    return hashlib.sha256(data).hexdigest()[:16]


def frame_version(site: Path, files: list[str], worker_source: str) -> str:
    """A hash of the worker and of every file a page runs on: its styles, scripts, icons.

    Pages carry this, not the whole build's version, so a deployment that only
    changes some pages leaves every other page's bytes, and its hash, as it was.
    """
    digest = hashlib.sha256(worker_source.encode())
    for name in files:
        if not CONTENT.search(name):
            digest.update(b"\0" + name.encode() + b"\0")
            digest.update((site / name).read_bytes())
    return digest.hexdigest()[:20]


def version(hashes: Mapping[str, str], worker_source: str) -> str:
    """A hash of the worker and of every file's path and content hash: one per distinct build."""
    digest = hashlib.sha256(worker_source.encode())
    for name, content in sorted(hashes.items()):
        digest.update(f"\0{name}\0{content}".encode())
    return digest.hexdigest()[:20]


def worker(
    app: App,
    build: str,
    frame: str,
    hashes: Mapping[str, str],
    later: list[str],
    later_size: int,
    worker_source: str,
) -> str:
    """The service worker's source: this build's data, then the fixed logic."""
    data = {
        "version": build,
        "frame": frame,
        "name": app.name,
        "lang": app.language,
        "files": dict(sorted(hashes.items())),
        "later": later,
        "laterSize": megabytes(later_size),
    }
    # Escape "<" so no string in the data could ever close a script element, were
    # this text ever inlined; the worker file itself is plain JavaScript.
    line = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"const BUILD = {line};\n{worker_source}"


def sent_size(file: Path) -> int:
    """What a static server sends for ``file``: text gzipped (level 6), the rest as it is."""
    data = file.read_bytes()
    if file.suffix not in COMPRESSED:
        return len(data)
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def megabytes(size: int) -> str:
    """A size as readers see it on their data plan: "7.8 MB" (1 MB = 1,000,000 bytes)."""
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(1, round(size / 1000))} kB"


def keep_control(count: int, size: int) -> str:
    """The HTML that replaces KEEP_MARKER: the button that keeps every worksheet PDF offline.

    Hidden until offline-keep.js finds a service worker to ask; without one
    (no scripts, an old browser, ``mkdocs serve``) the sentence says why.
    """
    label = escape(f"Keep the worksheets for offline use: {megabytes(size)}")
    return (
        '<div class="guide-offline-keep guide-print-hide" data-offline-keep'
        f' data-count="{count}">\n'
        '  <p class="guide-offline-keep__none" data-offline-none>Worksheet PDFs are kept on this'
        " device only when this browser can keep pages offline, with JavaScript on.</p>\n"
        f'  <p class="guide-offline-keep__buttons" hidden><button type="button"'
        f' class="md-button" data-offline-keep-all>{label}</button>\n'
        '    <button type="button" class="md-button" data-offline-drop hidden>Remove the kept'
        " worksheets from this device</button></p>\n"
        '  <p class="guide-offline-keep__status" role="status" aria-live="polite"'
        " data-offline-status></p>\n"
        "</div>"
    )


def fill_pages(site: Path, files: list[str], replacements: Mapping[str, str]) -> None:
    """Replace each marker or placeholder found in a built page, once."""
    found = [old.encode() for old in replacements]
    for name in files:
        if not name.endswith(".html"):
            continue
        page = site / name
        data = page.read_bytes()
        if not any(marker in data for marker in found):
            continue
        html = changed = data.decode("utf-8")
        for old, new in replacements.items():
            changed = changed.replace(old, new, 1)
        if changed != html:
            page.write_text(changed, encoding="utf-8")


def publish(site: Path, app: App, with_worker: bool) -> list[str]:
    """Write the manifest and, if ``with_worker``, the worker; return problems found on the way."""
    members, problems = manifest(app, site)
    (site / MANIFEST).write_text(
        json.dumps(members, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    files = cached_files(site)
    later = [name for name in files if LATER.search(name)]
    later_size = sum((site / name).stat().st_size for name in later)
    replacements = {KEEP_MARKER: keep_control(len(later), later_size) if later else ""}
    if not (with_worker and not problems):
        fill_pages(site, files, replacements)
        return problems
    source = assets.script(WORKER_SOURCE.read_text(encoding="utf-8"))
    frame = frame_version(site, files, source)
    # The pages are filled in before any hash is taken, as the reader gets them.
    stamped = UNVERSIONED.replace('"off"', f'"{frame}"')
    fill_pages(site, files, {**replacements, UNVERSIONED: stamped})
    hashes = {name: file_hash((site / name).read_bytes()) for name in files}
    build = version(hashes, source)
    text = worker(app, build, frame, hashes, later, later_size, source)
    (site / WORKER).write_text(text, encoding="utf-8")
    first = [name for name in files if not LATER.search(name)]
    log.info(
        "Offline copy: %d files, %s (%s compressed), kept after a reader's first visit;"
        " %d worksheet PDF(s), %s, kept when opened or asked for",
        len(first),
        megabytes(sum((site / name).stat().st_size for name in first)),
        megabytes(sum(sent_size(site / name) for name in first)),
        len(later),
        megabytes(later_size),
    )
    return problems
