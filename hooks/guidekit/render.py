"""Render the guide's generated HTML from Jinja templates in ``overrides/guide``.

The templates hold all markup, so the look can change without touching code.
Autoescaping is on: every string from front matter is escaped, and action
text goes through :func:`~guidekit.inline.render_inline`.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import jinja2
import markdown
from markupsafe import Markup, escape

from . import contract, urls
from .inline import render_inline
from .kinds import Template, View
from .model import Guide, Message
from .settings import Settings

if TYPE_CHECKING:
    from .pages import GeneratedPage

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
        settings: Settings | None = None,
        snippet_dirs: Sequence[Path] = (),
    ) -> None:
        """``icons`` maps topic ids to the SVG markup of their icons, when they have one;
        ``settings`` are the guide's own words (recipients, checklist groups, what the
        message composer asks for);
        ``snippet_dirs`` are where ``--8<--`` lines find the text they include (the
        pages' own ``pymdownx.snippets`` setting), so PDFs show it as the pages do."""
        self.guide = guide
        self.settings = settings = settings or Settings()
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
        # Any entry's Markdown, on any page: {{ entry.body | markdown }}.
        self.env.filters["markdown"] = self.markdown
        self._inline_html: dict[str, Markup] = {}
        self.env.globals.update(
            guide=guide,
            urls=urls,
            when_order=tuple(when.id for when in settings.when),
            when_titles={when.id: when.title for when in settings.when},
            day_label=day_label,
            recipients={to.id: to.name for to in settings.recipients},
            thread_recipients=frozenset(to.id for to in settings.recipients if to.thread),
            composer_fields=settings.details,
            parts_line=contract.PARTS_LINE,
            icons={topic: Markup(svg) for topic, svg in (icons or {}).items()},
            welcome_paths=self.welcome_paths,
        )
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

    def forget(self) -> None:
        """Drop what was kept for rendering pages; templates still render (redirects)."""
        self._inline_html.clear()

    def _inline(self, text: str) -> Markup:
        # Each action's text is shown on its article and on one or more
        # checklists; render it once per build (render_inline's own LRU cache
        # is smaller than a big guide's action count, so it would thrash).
        html = self._inline_html.get(text)
        if html is None:
            html = self._inline_html[text] = render_inline(text)
        return html

    def markdown(self, text: str) -> Markup:
        """Markdown rendered here, where MkDocs is not: worksheet instructions in the PDF,
        another entry's body on a page (the ``markdown`` filter)."""
        self._markdown.reset()
        return Markup(self._markdown.convert(text))

    def page(self, page: GeneratedPage, page_url: str, body: str) -> str:
        """The HTML of a generated page: its template, around the ``body`` MkDocs rendered."""
        return self._fill(page.template, page, page_url, body)

    def boxes(self, page: GeneratedPage, page_url: str) -> str:
        """What follows the page's content (an article's checklist, worksheets, related)."""
        shown = (self._fill(box, page, page_url, "") for box in page.boxes)
        return "\n".join(html for html in shown if html.strip())

    def _fill(self, template: Template, page: GeneratedPage, page_url: str, body: str) -> str:
        view = View(
            self.guide,
            self.settings,
            functools.partial(self.render, page_url=page_url),
            page_url,
            page.key,
            page.entry,
            body,
        )
        return self.render(template.name, page_url, **template.context(view))

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

    def redirect(self, target_url: str, page_url: str, favicon: str = "") -> str:
        """A whole HTML page that sends a merged article's old address to its new one.

        ``favicon`` is the theme's icon (site-relative), linked as on every other page.
        """
        return self.render("redirect.html", page_url, target=target_url, favicon=favicon)


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
