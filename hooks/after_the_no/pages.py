"""Which pages the guide generates, and the navigation that holds them.

Plain data for the adapter: a source path for each virtual file, its title,
and which renderer fills it; the nav in the shape of MkDocs' ``nav`` setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from .model import Guide

MASTER_PLAN_TITLE = "Your plan after a rejection"


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    """Where the page pretends to live in docs/, which sets its URL."""
    title: str
    kind: str
    """article, worksheet, topic, topics, checklist or worksheets."""
    key: str | None = None
    """The article slug, worksheet slug or topic id the page is about."""
    markdown: str = ""
    """The Markdown MkDocs renders; the adapter wraps generated HTML around it."""


def plan(guide: Guide) -> dict[str, GeneratedPage]:
    """Every generated page, keyed by source path."""
    pages = [GeneratedPage("topics/index.md", "All topics", "topics")]
    for topic in guide.topics.values():
        pages.append(GeneratedPage(f"topics/{topic.id}/index.md", topic.title, "topic", topic.id))
    for article in guide.articles.values():
        pages.append(
            GeneratedPage(
                f"articles/{article.slug}.md", article.title, "article", article.slug, article.body
            )
        )
    pages.append(GeneratedPage("checklists/index.md", MASTER_PLAN_TITLE, "checklist"))
    for topic in guide.topics.values():
        pages.append(
            GeneratedPage(
                f"checklists/{topic.id}.md", f"Checklist: {topic.title}", "checklist", topic.id
            )
        )
    pages.append(GeneratedPage("worksheets/index.md", "Worksheets", "worksheets"))
    for sheet in guide.worksheets.values():
        pages.append(
            GeneratedPage(f"worksheets/{sheet.slug}.md", sheet.title, "worksheet", sheet.slug, sheet.body)
        )
    return {page.src_uri: page for page in pages}


def safe_title(title: str) -> Markup:
    """A title as HTML-escaped markup.

    MkDocs and Material print page and section titles into the navigation and
    the ``<title>`` element without escaping; passing them pre-escaped as
    Markup keeps them text there, and Jinja's ``|e`` leaves Markup alone.
    """
    return escape(title)


def navigation(guide: Guide, extra: list[str]) -> list[Any]:
    """The site's nav: home, a section per topic, checklists, worksheets, then ``extra``.

    Every section holds pages only and opens with its index page: the theme's
    nav partial (overrides/partials/nav-item.html) looks for it there alone.
    """
    nav: list[Any] = [{"Home": "index.md"}]
    for topic in guide.topics.values():
        children = [f"topics/{topic.id}/index.md"]
        children += [f"articles/{slug}.md" for slug in guide.primary.get(topic.id, ())]
        nav.append({safe_title(topic.title): children})
    checklists = ["checklists/index.md"] + [f"checklists/{t}.md" for t in guide.topics]
    nav.append({"Checklists": checklists})
    sheets = ["worksheets/index.md"] + [f"worksheets/{s}.md" for s in guide.worksheets]
    nav.append({"Worksheets": sheets})
    nav.extend(extra)
    return nav
