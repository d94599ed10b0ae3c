"""MkDocs adapter for guidekit: the only module that talks to MkDocs.

Each event hands MkDocs' objects to :mod:`guidekit.build` and turns what it
answers into MkDocs' terms (files, page meta, errors). What a build does, and
where things are, is the engine's business.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel

import guidekit.build as engine

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

# MkDocs calls hooks as module functions, so one build's state is this module's:
# the build, whether it stopped on content problems (before writing anything),
# whether this is `mkdocs serve`, and whether a build started in this process.
_build: engine.Build | None = None
_content_failed = _serving = _configured = False


def _reload_engine() -> None:
    """Import the engine afresh for a served rebuild: MkDocs loads a hook file once per
    process, so ``mkdocs serve`` would keep the engine it first imported all session."""
    global engine  # noqa: PLW0603 — the one module this adapter uses, replaced whole
    for name in [name for name in sys.modules if name.partition(".")[0] == "guidekit"]:
        del sys.modules[name]
    sys.path.insert(0, str(Path(__file__).parent))
    try:
        engine = importlib.import_module("guidekit.build")
    finally:
        sys.path.pop(0)


def _stop(error: engine.Stop) -> NoReturn:
    for line in error.lines:
        log.error(line)
    raise PluginError(error.summary) from None


def _current() -> engine.Build:
    assert _build is not None, "on_config runs first"
    return _build


def on_startup(command: str, dirty: bool) -> None:
    global _serving  # noqa: PLW0603 — see above
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build, _content_failed, _configured  # noqa: PLW0603 — reset on every build
    if _serving and _configured:
        _reload_engine()
    _configured, _build, _content_failed = True, None, False
    try:
        _build = engine.start(config, _serving)
    except engine.Stop as error:
        _content_failed = error.content
        _stop(error)
    config.nav = _build.nav
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals.update(engine.theme_globals(_current()))
    return env


def on_pre_build(config: MkDocsConfig) -> None:
    try:
        said = engine.build_pdfs(_current(), Path(config.docs_dir))
    except engine.Stop as error:
        _stop(error)
    if said:
        log.info(said)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    docs = Path(config.docs_dir)
    for file in list(files):
        source = Path(file.abs_src_path or "")
        if source.is_relative_to(docs):
            served = engine.served_asset(file.src_uri, source)
            if served is not None:
                files.remove(file)
                files.append(File.generated(config, file.src_uri, content=served))
    for uri, path, in_nav in engine.virtual_files(_current()):
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        if path is None:
            files.append(File.generated(config, uri, content="", inclusion=inclusion))
        else:
            files.append(File.generated(config, uri, abs_src_path=path, inclusion=inclusion))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = engine.page_markdown(_current(), page.file.src_uri, page.meta)
    return markdown if generated is None else generated


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return engine.page_html(_current(), page.file.src_uri, page.url, html)


@event_priority(-50)  # after the search plugin has read the page
def on_page_context(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    content = page.content or ""
    page.content = engine.page_after(_current(), page.file.src_uri, page.url, content, page.meta)
    return context


@event_priority(-100)  # after every other handler of the written page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # MkDocs turns every page's Markdown into HTML before it writes the first, and
    # keeps both to the end of the build. Once a page is written nothing reads them
    # again (search took its text in on_page_context), so letting them go keeps the
    # build from holding every page's text twice while the search index grows.
    # Its title stays: later pages' navigation asks for it, and MkDocs answers None
    # for a page whose Markdown is None (an empty text keeps the title found in it).
    page.content = None
    page.markdown = ""
    return output


@event_priority(100)  # before search writes its index
def _pages_written(config: MkDocsConfig) -> None:
    engine.pages_written(_current())


def _after_build(config: MkDocsConfig) -> None:
    try:
        engine.after_build(_current(), config)
    except engine.Stop as error:
        _stop(error)


on_post_build = CombinedEvent(_pages_written, _after_build)


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[[], None]
) -> LiveReloadServer:
    """Keep serving the last good site while the content has problems: MkDocs' dev server
    would hold every request until a build succeeds, though nothing was written."""
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
