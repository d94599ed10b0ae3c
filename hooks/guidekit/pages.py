"""Which pages the guide generates, and the navigation that holds them.

Plain data for the adapter: a source path for each virtual file, its title,
and which renderer fills it; the nav in the shape of MkDocs' ``nav`` setting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from . import applog, urls
from .kinds import CONTENT_TYPES, ContentType, Index
from .model import Guide
from .settings import DEFAULT_PLAN_TITLE


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    """Where the page pretends to live in docs/, which sets its URL."""
    title: str
    kind: str
    """The renderer that fills it: a content type's noun (article, worksheet,
    situation) or one of topic, topics, checklist, worksheets, start."""
    key: str | None = None
    """The entry's slug, or the topic id, the page is about."""
    markdown: str = ""
    """The Markdown MkDocs renders; the adapter wraps generated HTML around it."""
    hide: tuple[str, ...] = ()
    """Parts of the theme the page leaves out (Material's ``hide`` front matter)."""


def source(url: str) -> str:
    """The docs/ path MkDocs gives the address ``url``: 'articles/x/' → 'articles/x.md'."""
    return f"{url.removesuffix('/')}.md" if url.count("/") > 1 else f"{url}index.md"


def plan(guide: Guide, plan_title: str = DEFAULT_PLAN_TITLE) -> dict[str, GeneratedPage]:
    """Every generated page, keyed by source path; ``plan_title`` names /checklists/."""
    pages = [GeneratedPage("topics/index.md", "All topics", "topics")]
    for topic in guide.topics.values():
        pages.append(GeneratedPage(f"topics/{topic.id}/index.md", topic.title, "topic", topic.id))
    pages.append(GeneratedPage("checklists/index.md", plan_title, "checklist"))
    for topic in guide.topics.values():
        pages.append(
            GeneratedPage(
                f"checklists/{topic.id}.md", f"Checklist: {topic.title}", "checklist", topic.id
            )
        )
    for kind in CONTENT_TYPES:
        entries = guide.entries.get(kind.name, {})
        if index := list_page(kind, entries):
            pages.append(GeneratedPage(source(index.url()), index.title, index.kind))
        for entry in entries.values():
            markdown = entry.body if kind.markdown_body else ""
            page = GeneratedPage(
                source(kind.url(entry.slug)),
                entry.title,
                kind.noun,
                entry.slug,
                markdown,
                kind.hide,
            )
            pages.append(page)
    if guide.applog is not None:
        pages.append(GeneratedPage(applog.SOURCE, guide.applog.title, applog.KIND))
    return {page.src_uri: page for page in pages}


def list_page(kind: ContentType, entries: Mapping[str, Any]) -> Index | None:
    """The type's list page, if the site has it: the type has one, and entries or ``always``."""
    return kind.index if kind.index and (entries or kind.index.always) else None


def safe_title(title: str) -> Markup:
    """A title as HTML-escaped markup.

    MkDocs and Material print page and section titles into the navigation and
    the ``<title>`` element without escaping; passing them pre-escaped as
    Markup keeps them text there, and Jinja's ``|e`` leaves Markup alone.
    """
    return escape(title)


def navigation(guide: Guide, extra: list[str], plan_title: str = DEFAULT_PLAN_TITLE) -> list[Any]:
    """The site's nav: home, situations, a section per topic, the plan, worksheets, ``extra``.

    The plan's section (the plan, then each topic's checklist) is called by the
    plan's title, so the reader finds "Your plan" under that name.

    Every section holds pages only and opens with its index page: the theme's
    nav partial (overrides/partials/nav-item.html) looks for it there alone.
    """
    nav: list[Any] = [{"Home": "index.md"}]
    for kind in CONTENT_TYPES:
        entries = guide.entries.get(kind.name, {})
        if kind.by_topic:
            nav += _topic_sections(guide, plan_title)
        elif index := list_page(kind, entries):
            children = [source(index.url())]
            if index.nav == "section":
                children += [source(kind.url(slug)) for slug in entries]
            nav.append({safe_title(index.title): children})
    if guide.applog is not None:
        nav.append({safe_title(guide.applog.title): applog.SOURCE})
    nav.extend(extra)
    return nav


def _topic_sections(guide: Guide, plan_title: str) -> list[Any]:
    """Articles are shown by topic: a section per topic, then every checklist."""
    nav: list[Any] = []
    for topic in guide.topics.values():
        children = [f"topics/{topic.id}/index.md"]
        children += [source(urls.article(slug)) for slug in guide.primary.get(topic.id, ())]
        nav.append({safe_title(topic.title): children})
    checklists = ["checklists/index.md"] + [f"checklists/{t}.md" for t in guide.topics]
    nav.append({safe_title(plan_title): checklists})
    return nav
