"""Render the guide's generated HTML from Jinja templates in ``overrides/guide``.

The templates hold all markup, so the look can change without touching code.
Autoescaping is on: every string from front matter is escaped, and action
text goes through :func:`~after_the_no.inline.render_inline`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
import markdown
from markupsafe import Markup

from . import urls
from .inline import render_inline
from .model import WHEN_ORDER, WHEN_TITLES, Guide, Situation, Step

Linker = Callable[[str], str]
"""Turns a site-relative URL into a link from the page being rendered."""


class Renderer:
    """Renders fragments and pages for one :class:`Guide`."""

    def __init__(
        self,
        guide: Guide,
        templates: Path,
        site_url: str = "",
        icons: Mapping[str, str] | None = None,
    ) -> None:
        """``icons`` maps topic ids to the SVG markup of their icons, when they have one."""
        self.guide = guide
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=False,
            # A Renderer lives for one build, so templates never change under it:
            # skip the file stat Jinja would make on every get_template().
            auto_reload=False,
        )
        self.env.filters["inline"] = self._inline
        self._inline_html: dict[str, Markup] = {}
        self.env.globals.update(
            guide=guide,
            urls=urls,
            when_order=WHEN_ORDER,
            when_titles=WHEN_TITLES,
            day_label=day_label,
            icons={topic: Markup(svg) for topic, svg in (icons or {}).items()},
        )
        self._markdown = markdown.Markdown(extensions=["sane_lists", "smarty"])

    def render(self, template: str, page_url: str, **context: Any) -> str:
        """Render ``template`` for the page at ``page_url`` (site-relative).

        The HTML is a plain ``str``, not Markup: MkDocs keeps every page's
        HTML until the build ends, and the search plugin's clean-up makes a
        copy of any string that is not exactly ``str``.
        """

        def link(target: str) -> str:
            return urls.relative(target, page_url)

        address = self.site_url + page_url if self.site_url else page_url or "/"
        return self.env.get_template(template).render(url=link, address=address, **context)

    def _inline(self, text: str) -> Markup:
        # Each action's text is shown on its article and on one or more
        # checklists; render it once per build (render_inline's own LRU cache
        # is smaller than a big guide's action count, so it would thrash).
        html = self._inline_html.get(text)
        if html is None:
            html = self._inline_html[text] = render_inline(text)
        return html

    def markdown(self, text: str) -> Markup:
        """Worksheet instructions for the PDF, where MkDocs is not rendering."""
        self._markdown.reset()
        return Markup(self._markdown.convert(text))

    def page(self, kind: str, key: str | None, page_url: str, body: str) -> str:
        """The HTML of a generated page of ``kind`` (a method of this class), around ``body``."""
        render: Callable[[str | None, str, str], str] = getattr(self, kind)
        return render(key, page_url, body)

    # Content pages: generated HTML wrapped around the body MkDocs rendered.

    def article(self, slug: str, page_url: str, body: str = "") -> str:
        """The article's body under its topics and summary."""
        before = self.render("article_before.html", page_url, article=self.guide.articles[slug])
        return f"{before}\n{body}"

    def article_boxes(self, slug: str, page_url: str) -> str:
        """What follows an article: its checklist, worksheets and related articles."""
        guide = self.guide
        return self.render(
            "article_after.html",
            page_url,
            article=guide.articles[slug],
            related=[guide.articles[s] for s in guide.related(slug)],
            worksheets=[guide.worksheets[s] for s in guide.worksheets_of.get(slug, ())],
        )

    def worksheet(self, slug: str, page_url: str, body: str = "") -> str:
        guide = self.guide
        context = {
            "sheet": guide.worksheets[slug],
            "articles": [guide.articles[s] for s in guide.articles_of.get(slug, ())],
        }
        before = self.render("worksheet_before.html", page_url, **context)
        after = self.render("worksheet_after.html", page_url, **context)
        return f"{before}\n{body}\n{after}"

    def situation(self, slug: str, page_url: str, body: str = "") -> str:
        """What the situation usually means, then its steps grouped by day."""
        guide = self.guide
        situation = guide.situations[slug]
        after = self.render(
            "situation_after.html", page_url, situation=situation, days=_days(situation)
        )
        return f"{body}\n{after}"

    # Whole generated pages.

    def start(self, key: None, page_url: str, body: str = "") -> str:
        """'What happened?': one question, one plain link per situation."""
        return self.render("start.html", page_url, situations=list(self.guide.situations.values()))

    def topic(self, topic_id: str, page_url: str, body: str = "") -> str:
        guide = self.guide
        return self.render(
            "topic.html",
            page_url,
            topic=guide.topics[topic_id],
            articles=[guide.articles[s] for s in guide.by_topic.get(topic_id, ())],
            worksheets=[guide.worksheets[s] for s in guide.sheets_by_topic.get(topic_id, ())],
        )

    def topics(self, key: None, page_url: str, body: str = "") -> str:
        return self.render("topics.html", page_url)

    def topic_cards(self, page_url: str) -> str:
        return self.render("topic_cards.html", page_url)

    def checklist(self, topic_id: str | None, page_url: str, body: str = "") -> str:
        """A topic's checklist by when to do it; without a topic, the reader's plan."""
        guide = self.guide
        if topic_id is None:
            return self.render(
                "plan.html",
                page_url,
                situations=list(guide.situations.values()),
                days={s.slug: _days(s) for s in guide.situations.values()},
                topics=[
                    (topic, [a for slug in slugs for a in guide.articles[slug].actions])
                    for topic in guide.topics.values()
                    if (slugs := guide.primary.get(topic.id))
                ],
            )
        return self.render(
            "checklist.html", page_url, topic=guide.topics[topic_id], actions=guide.actions(topic_id)
        )

    def worksheets(self, key: None, page_url: str, body: str = "") -> str:
        return self.render(
            "worksheets.html", page_url, worksheets=list(self.guide.worksheets.values())
        )

    def data_controls(self, page_url: str) -> str:
        return self.render("data_controls.html", page_url)

    def redirect(self, target_url: str, page_url: str) -> str:
        """A whole HTML page that sends a merged article's old address to its new one."""
        return self.render("redirect.html", page_url, target=target_url)


def _days(situation: Situation) -> dict[int, list[tuple[int, Step]]]:
    """A situation's steps by day, each with its number on the whole path."""
    days: dict[int, list[tuple[int, Step]]] = {}
    for number, step in enumerate(situation.steps, start=1):
        days.setdefault(step.day, []).append((number, step))
    return days


def day_label(day: int) -> str:
    """How a step's day reads as a heading: 'Today', 'Tomorrow', 'In a week', 'In 3 months'."""
    if day == 0:
        return "Today"
    if day == 1:
        return "Tomorrow"
    for length, unit in ((365, "year"), (30, "month"), (7, "week")):
        if day % length == 0:
            count = day // length
            return f"In a {unit}" if count == 1 else f"In {count} {unit}s"
    return f"In {day} days"
