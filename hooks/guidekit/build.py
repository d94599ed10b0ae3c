"""One MkDocs build of a guide, as the adapter's events see it.

The adapter (``hooks/guide_hooks.py``) only forwards MkDocs' events here;
what a build does at each of them lives in this module: read and check the
content, plan the generated pages and the navigation, render the PDFs,
fill each page, and finish the site (redirects, manifest, offline worker).
It reads MkDocs' config by attribute and never imports MkDocs, so the whole
engine is plain Python.
"""

from __future__ import annotations

import ctypes
import gc
import os
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import assets, offline, pdf, urls
from .contract import PLACEHOLDER_NAME
from .loader import load_guide
from .model import Guide
from .pages import GeneratedPage, navigation, plan, safe_title
from .problems import ContentError
from .render import Renderer
from .schema import KEBAB
from .settings import Settings, from_mkdocs, icon_checker, theme_icon

MARKERS = {
    "<!-- guide:topic-cards -->": "topic_cards.html",
    "<!-- guide:data-controls -->": "data_controls.html",
    "<!-- guide:situations -->": "situation_links.html",
}
"""Comments a hand-written page can hold, replaced by the template's HTML."""
TEMPLATES = Path("overrides") / "guide"
"""The guide's Jinja templates, in the project folder."""
PDF_STYLES = (
    Path("assets") / "stylesheets" / "print.css",
    Path("assets") / "stylesheets" / "worksheet-pdf.css",
)
"""The PDFs' stylesheets, in the docs folder: every page's print rules, then the
PDFs' own (which no browser needs, so the site leaves that file out: mkdocs.yml)."""
PDF_CACHE = Path(".cache") / "pdf"
"""Rendered PDFs, kept between builds, in the project folder."""


class Stop(Exception):
    """The build must stop: every line of ``lines`` is shown, then the ``summary``."""

    def __init__(self, lines: list[str], summary: str) -> None:
        super().__init__(summary)
        self.lines = lines
        self.summary = summary
        self.content = False
        """Whether the content is at fault: then nothing was written, and the last good
        site can stay up under ``mkdocs serve``."""


@dataclass
class Build:
    """Everything one build knows; made anew for every build by :func:`start`."""

    root: Path
    settings: Settings
    guide: Guide
    renderer: Renderer
    pages: dict[str, GeneratedPage]
    """Every generated page, by the source path it pretends to have."""
    nav: list[Any]
    serving: bool
    """Whether this is ``mkdocs serve``, whose pages never come from a service worker."""
    pdfs: dict[str, Path] = field(default_factory=dict)
    """Site-relative address → the cached PDF published there."""


def start(config: Any, serving: bool) -> Build:
    """Read the settings and the content, and plan the pages; raise :class:`Stop` on problems."""
    root = Path(config.config_file_path).resolve().parent
    try:
        settings = from_mkdocs(config, root)
        guide = load_guide(settings.content_dir, root, settings, icon_checker(config.theme.dirs))
    except ContentError as error:
        stop = Stop([str(problem) for problem in error.problems], error.summary)
        stop.content = True
        raise stop from None
    icons = _topic_icons(guide, config.theme.dirs)
    snippets = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", ())
    renderer = Renderer(
        guide,
        root / TEMPLATES,
        config.site_url or "",
        icons,
        settings,
        [root / folder for folder in ([snippets] if isinstance(snippets, str) else snippets)],
    )
    pages = plan(guide, settings.plan_title)
    nav = navigation(guide, list(settings.pages), settings.plan_title)
    return Build(root, settings, guide, renderer, pages, nav, serving)


def _topic_icons(guide: Guide, theme_dirs: list[str]) -> dict[str, str]:
    """Each topic's icon as the SVG markup of the theme's file (the loader checked they exist)."""
    icons = {}
    for topic in guide.topics.values():
        found = theme_icon(theme_dirs, topic.icon) if topic.icon else None
        if found is not None:
            icons[topic.id] = found.read_text(encoding="utf-8")
    return icons


def theme_globals(build: Build) -> dict[str, Any]:
    """What the theme's own templates read of the guide (overrides/main.html)."""
    return {
        "guide_name": build.settings.name,
        "guide_storage": build.settings.storage_name,
        "guide_renamed": {
            old: action.id for action in build.guide.actions_by_id.values() for old in action.was
        },
        # The names the engine accepts, which the browser checks stored data by (site.js).
        "guide_patterns": {"id": KEBAB.pattern, "placeholder": PLACEHOLDER_NAME.pattern},
    }


def pdfs_enabled(settings: Settings) -> bool:
    """The guide's ``pdfs`` setting, unless the GUIDE_PDFS environment variable says otherwise."""
    setting = os.environ.get("GUIDE_PDFS", str(settings.pdfs))
    return setting.strip().lower() not in ("0", "false", "no", "off")


def build_pdfs(build: Build, docs_dir: Path) -> str:
    """Render the PDFs whose inputs changed (before site/ is emptied, so a failure leaves it
    intact); return what to tell the author, or ''. Raise :class:`Stop` on a problem."""
    if not pdfs_enabled(build.settings):
        return ""
    builder = pdf.PdfBuilder(
        build.renderer,
        stylesheets=[docs_dir / sheet for sheet in PDF_STYLES],
        cache_dir=build.root / PDF_CACHE,
        site_name=build.settings.name,
        assets=docs_dir,
        root=build.root,
    )
    try:
        build.pdfs = builder.build(pdf.jobs(build.renderer, build.settings.workbook))
    except pdf.PdfUnavailable as error:
        raise Stop([], str(error)) from None
    except pdf.PdfRenderError as error:
        # One 'path:line: …' problem a line, shown as content problems are.
        lines = str(error).splitlines()
        raise Stop(lines, f"{len(lines)} worksheet PDF problem(s) — fix the lines above") from None
    if not builder.rendered:
        return ""
    cached = len(build.pdfs) - len(builder.rendered)
    return f"Rendered {len(builder.rendered)} PDF(s); {cached} from cache"


def virtual_files(build: Build) -> Iterator[tuple[str, str | None, bool]]:
    """The files the guide adds to the site: (source path, file on disk or None, in the nav).

    A page's Markdown is not handed over here: :func:`page_markdown` gives
    it, so MkDocs does not keep a second copy of every article's text.
    """
    listed = set(_sources(build.nav))
    for uri in build.pages:
        yield uri, None, uri in listed
    for uri, path in build.pdfs.items():
        yield uri, str(path), False


def served_asset(src_uri: str, path: Path) -> str | None:
    """What the site serves for ``src_uri``, a file of the docs folder at ``path``, when
    it is one of the guide's own scripts or stylesheets: the source, minified. None
    for any other file, which the site copies as it is."""
    if not assets.is_source(src_uri):
        return None
    return assets.minified(src_uri, path.read_text(encoding="utf-8"))


def _sources(nav: list[Any]) -> Iterator[str]:
    for item in nav:
        if isinstance(item, dict):
            for value in item.values():
                yield from _sources(value if isinstance(value, list) else [value])
        elif isinstance(item, str):
            yield item


def page_markdown(build: Build, src_uri: str, meta: MutableMapping[str, Any]) -> str | None:
    """A generated page's Markdown, its title and theme settings put in ``meta``; else None."""
    page = build.pages.get(src_uri)
    if page is None:
        return None
    meta["title"] = safe_title(page.title)
    meta.update(page.meta)
    return page.markdown


def page_html(build: Build, src_uri: str, url: str, html: str) -> str:
    """The page's HTML: a generated page filled by its template, or a hand-written page's
    markers replaced."""
    page = build.pages.get(src_uri)
    if page is not None:
        return build.renderer.page(page, url, html)
    for marker, template in MARKERS.items():
        if marker in html:
            html = html.replace(marker, build.renderer.render(template, url))
    return html


def page_after(
    build: Build, src_uri: str, url: str, content: str, meta: MutableMapping[str, Any]
) -> str:
    """The page's HTML with its boxes added, once search has read it (they repeat what search
    finds on other pages); its title kept escaped."""
    # Material writes page.meta.title into <title> unescaped; keep it Markup.
    if isinstance(meta.get("title"), str) and not isinstance(meta["title"], Markup):
        meta["title"] = safe_title(meta["title"])
    page = build.pages.get(src_uri)
    if page is None:
        return content
    boxes = build.renderer.boxes(page, url)
    return f"{content}\n{boxes}" if boxes else content


def pages_written(build: Build) -> None:
    """Every page is written: let go of what only the pages needed, and hand the memory
    the pages' text held back to the system before the last steps (the search index,
    the offline copy), whose large buffers would otherwise come on top of it."""
    build.pages.clear()
    build.renderer.forget()
    gc.collect()
    # CPython returns freed blocks to the C allocator, which keeps them for reuse;
    # glibc's malloc_trim gives the unused pages back. Elsewhere there is nothing to do.
    try:
        trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    except (OSError, TypeError):
        trim = None
    if trim is not None:
        trim(0)


def after_build(build: Build, config: Any) -> None:
    """Write each merged article's redirect, the web app manifest and (except under
    ``mkdocs serve``) the offline worker; raise :class:`Stop` on a problem."""
    site = Path(config.site_dir)
    for old, new in build.guide.redirects.items():
        page_url = urls.article(old)
        target = site / page_url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        html = build.renderer.redirect(urls.article(new), page_url, config.theme["favicon"] or "")
        target.write_text(html, encoding="utf-8")
    assert build.settings.app is not None, "settings read from mkdocs.yml have an app"
    problems = offline.publish(site, build.settings.app, with_worker=not build.serving)
    if problems:
        raise Stop(
            problems, f"{len(problems)} problem(s) in the app settings — fix the lines above"
        )
