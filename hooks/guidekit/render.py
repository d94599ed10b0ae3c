"""Render the guide's generated HTML from Jinja templates in ``overrides/guide``.

The templates hold all markup, so the look can change without touching code.
Autoescaping is on: every string from front matter is escaped, and action
text goes through :func:`~guidekit.inline.render_inline`.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import markdown
from markupsafe import Markup, escape

from . import applog, contract, urls
from .inline import render_inline
from .kinds import CONTENT_TYPES
from .model import WHEN_ORDER, WHEN_TITLES, Guide, Message
from .settings import DEFAULT_DETAILS, Detail

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
        details: Sequence[Detail] = DEFAULT_DETAILS,
        snippet_dirs: Sequence[Path] = (),
    ) -> None:
        """``icons`` maps topic ids to the SVG markup of their icons, when they have one;
        ``details`` are what the message composer asks for (the guide's settings);
        ``snippet_dirs`` are where ``--8<--`` lines find the text they include (the
        pages' own ``pymdownx.snippets`` setting), so PDFs show it as the pages do."""
        self.guide = guide
        self.templates = templates
        """The folder of the guide's Jinja templates."""
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
        self.env.filters["placeholders"] = placeholders
        self.env.filters["mailto"] = mailto
        self.env.filters["long_date"] = long_date
        self._inline_html: dict[str, Markup] = {}
        self.env.globals.update(
            guide=guide,
            urls=urls,
            when_order=WHEN_ORDER,
            when_titles=WHEN_TITLES,
            day_label=day_label,
            recipients=RECIPIENT_NAMES,
            thread_recipients=THREAD_RECIPIENTS,
            composer_fields=tuple(details),
            parts_line=contract.PARTS_LINE,
            icons={topic: Markup(svg) for topic, svg in (icons or {}).items()},
            welcome_paths=self.welcome_paths,
        )
        self._custom: dict[str, Callable[[Any, str, str], str]] = {
            "article": self.article,
            "situation": self.situation,
            "worksheet": self.worksheet,
            "message": self.message,
            "messages": self.messages,
            "topic": self.topic,
            "topics": self.topics,
            "checklist": self.checklist,
            "worksheets": self.worksheets,
            applog.KIND: self.applications,
        }
        """Page kinds with lookups of their own; any other kind renders its template."""
        extensions = ["sane_lists", "smarty", "admonition"]
        configs: dict[str, dict[str, Any]] = {}
        if snippet_dirs:
            extensions.append("pymdownx.snippets")
            configs["pymdownx.snippets"] = {
                "base_path": [str(folder) for folder in snippet_dirs],
                "check_paths": True,
            }
        self._markdown = markdown.Markdown(extensions=extensions, extension_configs=configs)

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
        """The HTML of a generated page of ``kind``, around the ``body`` MkDocs rendered.

        Pages with lookups of their own have a method here. Any other content
        type needs only templates: its entry's page is ``<noun>.html``, given
        the ``entry`` and its ``body``; its list page is ``<index kind>.html``,
        given its ``entries``.
        """
        if kind in self._custom:
            return self._custom[kind](key, page_url, body)
        for content in CONTENT_TYPES:
            entries = self.guide.entries.get(content.name, {})
            if kind == content.noun and key is not None:
                return self.render(f"{kind}.html", page_url, entry=entries[key], body=Markup(body))
            if content.index and kind == content.index.kind:
                return self.render(f"{kind}.html", page_url, entries=list(entries.values()))
        raise LookupError(f"no page kind '{kind}'")

    # Content pages: generated HTML wrapped around the body MkDocs rendered.

    def article(self, slug: str, page_url: str, body: str = "") -> str:
        """The article's body under its topics and summary, with its messages in place."""
        before = self.render("article_before.html", page_url, article=self.guide.articles[slug])
        if slug in self.guide.messages_of:
            body = self._messages_in(body, page_url)
        return f"{before}\n{body}"

    def situation(self, slug: str, page_url: str, body: str = "") -> str:
        """The situation's page; the words readers use for it lead its body."""
        situation = self.guide.situations[slug]
        also = self.render("also_called.html", page_url, words=situation.also)
        return self.render(
            "situation.html", page_url, entry=situation, body=Markup(f"{also}\n{body}")
        )

    def _messages_in(self, html: str, page_url: str) -> str:
        """Replace each message marker the article's HTML still holds with the message."""
        first = True

        def widget(marker: re.Match[str]) -> str:
            nonlocal first
            shown = self.render(
                "message_block.html",
                page_url,
                message=self.guide.messages[marker.group(1)],
                with_composer=first,
            )
            first = False
            return shown

        return RENDERED_MARKER.sub(widget, html)

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

    def message(self, slug: str, page_url: str, body: str = "") -> str:
        """A message's own page: its purpose, the message, and where the guide uses it."""
        guide = self.guide
        message = guide.messages[slug]
        return self.render(
            "message.html",
            page_url,
            message=message,
            articles=[guide.articles[a] for a in guide.shown_in.get(slug, ())],
            actions=[guide.actions_by_id[a] for a in guide.sent_by.get(slug, ())],
        )

    # Whole generated pages.

    def messages(self, key: None, page_url: str, body: str = "") -> str:
        """Every message, grouped by who it goes to."""
        by_recipient: dict[str, list[Message]] = {}
        for message in self.guide.messages.values():
            by_recipient.setdefault(message.to, []).append(message)
        groups = [(to, by_recipient[to]) for to in RECIPIENT_NAMES if to in by_recipient]
        return self.render("messages.html", page_url, groups=groups)

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
                topics=[
                    (topic, [a for slug in slugs for a in guide.articles[slug].actions])
                    for topic in guide.topics.values()
                    if (slugs := guide.primary.get(topic.id))
                ],
            )
        return self.render(
            "checklist.html",
            page_url,
            topic=guide.topics[topic_id],
            actions=guide.actions(topic_id),
        )

    def worksheets(self, key: None, page_url: str, body: str = "") -> str:
        return self.render(
            "worksheets.html", page_url, worksheets=list(self.guide.worksheets.values())
        )

    def applications(self, key: None, page_url: str, body: str = "") -> str:
        """The applications log: its forms, and what its script needs in a data attribute."""
        guide = self.guide
        assert guide.applog is not None  # the page exists only for a guide with a log
        data = applog.page_data(
            guide.applog,
            lambda slug: guide.situations[slug].title,
            lambda slug: guide.articles[slug].title,
            lambda target: urls.relative(target, page_url),
        )
        return self.render("applications.html", page_url, log=guide.applog, data=data)

    def situation_links(self, page_url: str) -> str:
        """The 'What happened?' answers, for a hand-written page (the home page)."""
        return self.render("situation_links.html", page_url)

    def welcome_paths(self, link: Linker) -> dict[str, dict[str, Any]]:
        """What the "Your plan" box needs of each situation, linked from the page it is on."""
        return {
            situation.slug: {
                "title": situation.title,
                "url": link(urls.situation(situation.slug)),
                "counts_from": situation.counts_from,
                "steps": [[step.day, step.action] for step in situation.steps],
            }
            for situation in self.guide.situations.values()
        }

    def data_controls(self, page_url: str) -> str:
        return self.render("data_controls.html", page_url)

    def redirect(self, target_url: str, page_url: str, favicon: str = "") -> str:
        """A whole HTML page that sends a merged article's old address to its new one.

        ``favicon`` is the theme's icon (site-relative), linked as on every other page.
        """
        return self.render("redirect.html", page_url, target=target_url, favicon=favicon)


RENDERED_MARKER = re.compile(r"<!-- message: ([a-z0-9-]+) -->")
"""A message marker as it reaches the rendered HTML (Markdown keeps comments as they are)."""

RECIPIENT_NAMES = {
    "employer": "The employer",
    "agency": "An agency recruiter",
    "manager": "Your manager",
    "colleague": "A colleague",
    "references": "Your references",
    "network": "Your network",
    "friend": "Friends and family",
    "public": "A public post",
}
"""How pages name each recipient, in the order messages are listed."""

THREAD_RECIPIENTS = frozenset({"employer", "agency"})
"""Recipients who usually wrote first, so a reply belongs in their email thread."""


def placeholders(text: str) -> Markup:
    """``text`` escaped, each [placeholder] marked up for the composer, line breaks kept."""
    html = []
    for index, piece in enumerate(contract.PLACEHOLDER.split(text)):
        if index % 2:
            html.append(
                Markup(
                    '<span class="guide-ph" data-ph="{0}">'
                    '<span class="guide-visually-hidden">blank: </span>[{0}]</span>'
                ).format(piece)
            )
        else:
            html.append(escape(piece))
    return Markup("<br>\n").join(Markup("").join(html).split("\n"))


def plain_text(message: Message) -> tuple[str, str]:
    """The subject and body as an email client takes them: paragraphs apart, no hard wraps."""
    paragraphs: list[str] = []
    for paragraph in message.paragraphs:
        if paragraph == contract.PARTS_LINE:
            paragraphs += [part.text for part in message.parts if part.checked]
        else:
            paragraphs.append(paragraph)
    return message.subject, "\n\n".join(paragraphs)


def mailto(message: Message) -> str:
    """A ``mailto:`` link with the subject and body (RFC 6068), and no address."""
    subject, body = plain_text(message)
    encode = functools.partial(quote, safe="")
    return (
        f"mailto:?subject={encode(subject)}&body={encode(body.replace(chr(10), chr(13) + chr(10)))}"
    )


def long_date(iso: str) -> str:
    """'2026-12-02' as '2 December 2026', the same in UK and US English."""
    day = datetime.date.fromisoformat(iso)
    return f"{day.day} {day:%B} {day.year}"


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
