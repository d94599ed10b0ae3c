"""Which pages the guide generates, and the navigation that holds them.

Plain data for the adapter: a source path for each virtual file, its title,
the template that fills it and that template's context; the nav in the shape
of MkDocs' ``nav`` setting. The content types' pages come from their
declarations (:mod:`.kinds`); the topics' pages and the checklists, which
every guide has, are declared here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from . import applog, urls
from .kinds import (
    CONTENT_TYPES,
    ContentType,
    Index,
    PageContext,
    Template,
    View,
    entries_context,
)
from .model import Guide
from .settings import DEFAULT_PLAN_TITLE


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    """Where the page pretends to live in docs/, which sets its URL."""
    title: str
    template: Template
    """What fills the page, around the body MkDocs rendered."""
    key: str | None = None
    """The entry's slug, or the topic id, the page is about."""
    entry: Any = None
    """The model object of the entry the page is about."""
    markdown: str = ""
    """The Markdown MkDocs renders; the template is filled around its HTML."""
    meta: Mapping[str, Any] = field(default_factory=dict)
    """Theme settings of the page (Material's ``hide``, ``icon``, ``search``)."""
    boxes: tuple[Template, ...] = ()
    """What follows the page's content, added after search has read it."""


def source(url: str) -> str:
    """The docs/ path MkDocs gives the address ``url``: 'articles/x/' → 'articles/x.md'."""
    return f"{url.removesuffix('/')}.md" if url.count("/") > 1 else f"{url}index.md"


def _topics(view: View) -> dict[str, Any]:
    return {}


def _topic(view: View) -> dict[str, Any]:
    guide, topic_id = view.guide, view.key or ""
    return {
        "topic": guide.topics[topic_id],
        "articles": [guide.articles[s] for s in guide.by_topic.get(topic_id, ())],
        "worksheets": [guide.worksheets[s] for s in guide.sheets_by_topic.get(topic_id, ())],
    }


def _plan(view: View) -> dict[str, Any]:
    """Every step of the guide, by topic, with the situations' paths."""
    guide = view.guide
    return {
        "situations": list(guide.situations.values()),
        "topics": [
            (topic, [a for slug in slugs for a in guide.articles[slug].actions])
            for topic in guide.topics.values()
            if (slugs := guide.primary.get(topic.id))
        ],
    }


def _checklist(view: View) -> dict[str, Any]:
    topic_id = view.key or ""
    return {"topic": view.guide.topics[topic_id], "actions": view.guide.actions(topic_id)}


TOPICS = Template("topics.html", _topics)
TOPIC = Template("topic.html", _topic)
PLAN = Template("plan.html", _plan)
CHECKLIST = Template("checklist.html", _checklist)
NOT_SEARCHED: Mapping[str, Any] = {"search": {"exclude": True}}
"""Checklists repeat the actions of every article, which search already finds on
the article itself; indexing them again made the search plugin the largest cost
of a big build (make bench)."""


def plan(guide: Guide, plan_title: str = DEFAULT_PLAN_TITLE) -> dict[str, GeneratedPage]:
    """Every generated page, keyed by source path; ``plan_title`` names /checklists/."""
    pages = [GeneratedPage("topics/index.md", "All topics", TOPICS)]
    for topic in guide.topics.values():
        icon = {"icon": topic.icon} if topic.icon else {}
        pages.append(
            GeneratedPage(f"topics/{topic.id}/index.md", topic.title, TOPIC, topic.id, meta=icon)
        )
    pages.append(GeneratedPage("checklists/index.md", plan_title, PLAN, meta=NOT_SEARCHED))
    for topic in guide.topics.values():
        title = f"Checklist: {topic.title}"
        pages.append(
            GeneratedPage(
                f"checklists/{topic.id}.md", title, CHECKLIST, topic.id, meta=NOT_SEARCHED
            )
        )
    for kind in CONTENT_TYPES:
        entries = guide.entries.get(kind.name, {})
        if index := list_page(kind, entries):
            context = index.context or entries_context(kind.name)
            pages.append(
                GeneratedPage(source(index.url()), index.title, Template(index.template, context))
            )
        if not kind.page:
            continue
        meta: dict[str, Any] = {"hide": list(kind.hide)} if kind.hide else {}
        boxes_on = _boxes_on(kind)
        for entry in entries.values():
            markdown = entry.body if kind.markdown_body else ""
            # Another type's box shows only where one of its entries names this one.
            boxes = (
                *kind.after,
                *(box for by, box in boxes_on if guide.referrers(kind.name, entry.slug, by)),
            )
            page = GeneratedPage(
                source(kind.url(entry.slug)),
                entry.title,
                kind.page,
                entry.slug,
                entry,
                markdown,
                meta,
                boxes,
            )
            pages.append(page)
    if guide.applog is not None:
        pages.append(GeneratedPage(source(applog.URL), guide.applog.title, applog.PAGE))
    return {page.src_uri: page for page in pages}


def _boxes_on(kind: ContentType) -> list[tuple[str, Template]]:
    """The boxes other types put on this type's pages, each listing the entries that name it,
    with the name of the type that puts it there."""
    return [
        (other.name, Template(box.template, _referrers_of(kind.name, other.name)))
        for other in CONTENT_TYPES
        for box in other.boxes
        if box.on == kind.name
    ]


def _referrers_of(kind: str, by: str) -> PageContext:
    def context(view: View) -> dict[str, Any]:
        named = view.guide.referrers(kind, view.key or "", by=by)
        return {"entries": named, "entry": view.entry}

    return context


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
            if index.nav == "section" and kind.page:
                children += [source(kind.url(slug)) for slug in entries]
            nav.append({safe_title(index.title): children})
    if guide.applog is not None:
        nav.append({safe_title(guide.applog.title): source(applog.URL)})
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
