"""MkDocs adapter for guidekit: the only module that talks to MkDocs.

It loads and validates the content before MkDocs cleans site/, adds the
generated pages as virtual files, sets the navigation, and wraps generated
HTML around what MkDocs renders. Everything else lives in ``guidekit``.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup
from mkdocs.plugins import event_priority

from guidekit import offline, pdf, urls
from guidekit.loader import load_guide
from guidekit.model import Guide
from guidekit.pages import GeneratedPage, navigation, plan, safe_title
from guidekit.problems import ContentError
from guidekit.render import Renderer
from guidekit.settings import Settings, from_mkdocs, icon_checker, theme_icon

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = logging.getLogger("mkdocs.hooks.guide")

MARKERS = {
    "<!-- guide:topic-cards -->": "topic_cards",
    "<!-- guide:data-controls -->": "data_controls",
    "<!-- guide:situations -->": "situation_links",
}
"""Comments a hand-written page can hold, replaced by generated HTML."""


@dataclass
class _Build:
    """Everything one build knows; replaced on every build (serve keeps this module)."""

    root: Path
    settings: Settings
    guide: Guide
    renderer: Renderer
    pages: dict[str, GeneratedPage]
    icons: dict[str, str]
    """Topic id → SVG of its icon, for topics that have one."""
    pdfs: dict[str, Path]


_build: _Build | None = None
_content_failed = False
"""Whether the last build stopped on content problems (before touching any output)."""
_serving = False
"""Whether this is ``mkdocs serve``, whose pages must never come from a service worker's cache."""
_configured = False
"""Whether a build has started in this process (the engine was imported for it)."""


_ENGINE = {
    "guidekit": ("offline", "pdf", "urls"),
    "guidekit.loader": ("load_guide",),
    "guidekit.pages": ("GeneratedPage", "navigation", "plan", "safe_title"),
    "guidekit.problems": ("ContentError",),
    "guidekit.render": ("Renderer",),
    "guidekit.settings": ("from_mkdocs", "icon_checker", "theme_icon"),
}
"""What this module uses of the engine, by module: re-imported for each served rebuild."""


def _import_engine_again() -> None:
    """Import the engine afresh, so an edit to its code shows on the next rebuild.

    MkDocs loads a hook file once per process, so under ``mkdocs serve`` this
    module, and the engine it imported, would otherwise last the whole session.
    """
    for name in [name for name in sys.modules if name.partition(".")[0] == "guidekit"]:
        del sys.modules[name]
    sys.path.insert(0, str(Path(__file__).parent))
    try:
        for module, names in _ENGINE.items():
            imported = importlib.import_module(module)
            for name in names:
                # A name is a function or class of the module, or a submodule of the package.
                found = getattr(imported, name, None) or importlib.import_module(f"{module}.{name}")
                globals()[name] = found
    finally:
        sys.path.pop(0)


def on_startup(command: str, dirty: bool) -> None:
    global _serving  # noqa: PLW0603 — hooks are module functions; their state is the module's
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build, _content_failed, _configured  # noqa: PLW0603 — reset on every build, as above
    if _serving and _configured:
        _import_engine_again()
    _configured = True
    _build = None
    _content_failed = False
    from mkdocs.exceptions import PluginError

    root = Path(config.config_file_path).resolve().parent
    try:
        settings = from_mkdocs(config, root)
        guide = load_guide(settings.content_dir, root, settings, icon_checker(config.theme.dirs))
    except ContentError as error:
        _content_failed = True
        for problem in error.problems:
            log.error(str(problem))
        raise PluginError(error.summary) from None
    icons = _topic_icons(guide, config)
    snippets = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", ())
    renderer = Renderer(
        guide,
        root / "overrides" / "guide",
        config.site_url or "",
        icons,
        settings.details,
        [root / folder for folder in ([snippets] if isinstance(snippets, str) else snippets)],
    )
    pages = plan(guide, settings.plan_title)
    config.nav = navigation(guide, list(settings.pages), settings.plan_title)
    _build = _Build(root, settings, guide, renderer, pages, icons, {})
    return config


def _topic_icons(guide: Guide, config: MkDocsConfig) -> dict[str, str]:
    """Each topic's icon as the SVG markup of the theme's file (the loader checked they exist)."""
    icons = {}
    for topic in guide.topics.values():
        found = theme_icon(config.theme.dirs, topic.icon) if topic.icon else None
        if found is not None:
            icons[topic.id] = found.read_text(encoding="utf-8")
    return icons


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Give the theme's templates this guide's names (overrides/main.html uses them)."""
    assert _build is not None
    env.globals["guide_name"] = _build.settings.name
    env.globals["guide_storage"] = _build.settings.storage_name
    env.globals["guide_renamed"] = {
        old: action.id for action in _build.guide.actions_by_id.values() for old in action.was
    }
    from guidekit.contract import PLACEHOLDER_NAME
    from guidekit.schema import KEBAB

    # The names the engine accepts, which the browser checks stored data by (site.js).
    env.globals["guide_patterns"] = {"id": KEBAB.pattern, "placeholder": PLACEHOLDER_NAME.pattern}
    return env


def on_pre_build(config: MkDocsConfig) -> None:
    """Render PDFs now, before MkDocs empties site/, so a failure leaves it intact."""
    from mkdocs.exceptions import PluginError

    assert _build is not None
    if not _pdfs_enabled(_build.settings):
        return
    builder = pdf.PdfBuilder(
        _build.renderer,
        stylesheet=Path(config.docs_dir) / "assets" / "stylesheets" / "print.css",
        cache_dir=_build.root / ".cache" / "pdf",
        site_name=_build.settings.name,
        assets=Path(config.docs_dir),
        root=_build.root,
    )
    try:
        _build.pdfs = builder.build(pdf.jobs(_build.renderer, _build.settings.workbook))
    except pdf.PdfUnavailable as error:
        raise PluginError(str(error)) from None
    except pdf.PdfRenderError as error:
        # One 'path:line: …' problem a line, shown as content problems are.
        problems = str(error).splitlines()
        for problem in problems:
            log.error(problem)
        raise PluginError(
            f"{len(problems)} worksheet PDF problem(s) — fix the lines above"
        ) from None
    if builder.rendered:
        log.info(
            "Rendered %d PDF(s); %d from cache",
            len(builder.rendered),
            len(_build.pdfs) - len(builder.rendered),
        )


def _pdfs_enabled(settings: Settings) -> bool:
    setting = os.environ.get("GUIDE_PDFS", str(settings.pdfs))
    return setting.strip().lower() not in ("0", "false", "no", "off")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    from mkdocs.structure.files import File

    assert _build is not None
    for page in _build.pages.values():
        # Empty here: on_page_markdown hands over the Markdown itself. MkDocs
        # copies a file's content when it reads it, and the model already
        # holds each body, so this way every article's text is kept once.
        files.append(File.generated(config, page.src_uri, content=""))
    for uri, path in _build.pdfs.items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _build is not None
    generated = _build.pages.get(page.file.src_uri)
    if generated is not None:
        page.meta["title"] = safe_title(generated.title)
        if generated.hide:
            page.meta["hide"] = list(generated.hide)
        if generated.kind == "topic" and generated.key in _build.icons:
            page.meta["icon"] = _build.guide.topics[generated.key].icon
        if generated.kind == "checklist":
            # Checklists repeat the actions of every article, which search
            # already finds on the article itself; indexing them again made
            # the search plugin the largest cost of a big build (make bench).
            page.meta["search"] = {"exclude": True}
        return generated.markdown
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _build is not None
    renderer = _build.renderer
    generated = _build.pages.get(page.file.src_uri)
    if generated is None:
        for marker, method in MARKERS.items():
            if marker in html:
                html = html.replace(marker, getattr(renderer, method)(page.url))
        return html
    return renderer.page(generated.kind, generated.key, page.url, html)


@event_priority(-50)
def on_page_context(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    """Add an article's boxes after the search plugin has indexed the page.

    The checklist, worksheet and related-article boxes repeat what search
    finds on other pages; left out of the HTML it reads, they add nothing to
    the index and cost nothing to parse.
    """
    assert _build is not None
    # Material writes page.meta.title into <title> unescaped; keep it Markup.
    if isinstance(page.meta.get("title"), str) and not isinstance(page.meta["title"], Markup):
        page.meta["title"] = safe_title(page.meta["title"])
    generated = _build.pages.get(page.file.src_uri)
    if generated is not None and generated.kind == "article" and generated.key is not None:
        page.content = f"{page.content}\n{_build.renderer.article_boxes(generated.key, page.url)}"
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Leave a page at each merged article's old address that leads to the new one, and
    write the web app manifest and, except under ``mkdocs serve``, the offline worker."""
    from mkdocs.exceptions import PluginError

    assert _build is not None
    site = Path(config.site_dir)
    for old, new in _build.guide.redirects.items():
        page_url = urls.article(old)
        target = site / page_url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        page = _build.renderer.redirect(urls.article(new), page_url, config.theme["favicon"] or "")
        target.write_text(page, encoding="utf-8")
    app, problems = offline.app_from_config(
        config.site_name,
        config.site_description,
        config.theme.get("language", "en"),
        config.theme.get("favicon"),
        config.extra.get("guide", {}).get("app", {}),
    )
    problems += offline.publish(site, app, with_worker=not _serving)
    if problems:
        for problem in problems:
            log.error(problem)
        raise PluginError(f"{len(problems)} problem(s) in the app settings — fix the lines above")


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[[], None]
) -> LiveReloadServer:
    """Keep serving the last good site while the content has problems.

    After a failed rebuild MkDocs' dev server holds every request until a build
    succeeds, and prints the exception's traceback. A content error stops the
    build before the served folder is touched, so the last good site can stay
    up: the author sees the problem list and the preview keeps working.
    """
    from mkdocs.exceptions import Abort

    rebuild = server.builder

    def rebuild_or_keep_last_good() -> None:
        try:
            rebuild()
        except Abort:
            if not _content_failed:
                raise
            log.info("Still serving the last good build: fix the lines above and save")

    server.builder = rebuild_or_keep_last_good
    return server
