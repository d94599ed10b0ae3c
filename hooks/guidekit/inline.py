"""Inline Markdown for front-matter strings, safe to put in a page.

Action text may use *emphasis*, `code` and [links](https://example.org/),
but raw HTML in front matter is shown as text and a link can only go to a
web or mail address: front matter is data, never markup that runs.
:class:`InlineText` is the spec that refuses any other link at build time;
the sanitizer here still drops one that got past it.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree  # noqa: N813 — the name Markdown's own code uses
from functools import lru_cache
from typing import Any

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from markupsafe import Markup

from .schema import INVALID, Context, Text
from .yamlsafe import Path

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_SAFE_SCHEMES = {"http", "https", "mailto"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_PLAIN = re.compile(r"[A-Za-z](?:[^*_`\[\]<>&\\!\n]*[^*_`\[\]<>&\\!\n ])?")
"""Text Markdown leaves as it is: starts with a letter (no list, heading or quote),
one line, no inline syntax, no trailing space (a hard line break)."""
_AUTOLINK = re.compile(r"https?:|www\.|@")
_ALLOWED_TAGS = {"p", "em", "strong", "code", "a", "br", "span"}


def _unescape_code(text: str) -> str:
    """Undo Markdown's code_escape: the text was HTML-escaped once already."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class _Sanitizer(Treeprocessor):
    """Drops link targets with unsafe schemes and any element not in the allow-list."""

    hrefs: list[str]
    """Every link target of the last text converted, as it stood in the text."""

    def run(self, root: etree.Element) -> None:
        self.hrefs = []
        for element in list(root.iter()):
            if element is root:
                continue
            if element.tag == "a":
                href = element.get("href", "")
                self.hrefs.append(href)
                element.attrib.clear()
                if is_safe_href(href):
                    element.set("href", href.strip())
            elif element.tag == "code":
                # The whole text is escaped before conversion, and a code span
                # escapes its text again: '&lt;' would show as itself.
                element.text = AtomicString(_unescape_code(element.text or ""))
                element.attrib.clear()
            elif element.tag not in _ALLOWED_TAGS:
                # An image in a checklist label would be a request to anywhere: keep its words.
                element.text = element.get("alt", "") + (element.text or "")
                element.tag = "span"
                element.attrib.clear()
            else:
                element.attrib.clear()


def is_safe_href(href: str) -> bool:
    """True for relative addresses and http, https and mailto links."""
    # Browsers ignore control characters and entities inside a scheme
    # ("java&#9;script:"), so look at the address the browser would see.
    cleaned = _CONTROL.sub("", html.unescape(href))
    scheme = _SCHEME.match(cleaned)
    return scheme is None or scheme.group(1).lower() in _SAFE_SCHEMES


class _SafeInline(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        # Raw HTML is escaped before conversion; these keep it from being re-enabled.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Sanitizer(md), "sanitize", 0)


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_SafeInline()])


@lru_cache(maxsize=4096)
def render_inline(text: str) -> Markup:
    """Render one line of inline Markdown to safe HTML, without the ``<p>``."""
    if _PLAIN.fullmatch(text) and not _AUTOLINK.search(text):
        # Most action text is plain words: escaping is all it needs.
        return Markup(html.escape(text, quote=False))
    md = _converter()
    md.reset()
    out = md.convert(html.escape(text, quote=False))
    out = out.removeprefix("<p>").removesuffix("</p>")
    return Markup(out)


def link_targets(text: str) -> list[str]:
    """The target of every link in one line of inline Markdown, as the author wrote it."""
    md = _converter()
    md.reset()
    md.convert(html.escape(text, quote=False))
    sanitizer = md.treeprocessors["sanitize"]
    assert isinstance(sanitizer, _Sanitizer)
    return [html.unescape(href).strip() for href in sanitizer.hrefs]


def is_absolute_href(href: str) -> bool:
    """True for a link that goes to the same place from any page: https, http, mailto."""
    scheme = _SCHEME.match(_CONTROL.sub("", href))
    return scheme is not None and scheme.group(1).lower() in _SAFE_SCHEMES


class InlineText(Text):
    """Text in inline Markdown shown on several pages (action text).

    The same HTML appears on an article, on topic checklists and on the plan,
    pages at different depths, so a relative link would break on some of
    them; only links that mean the same everywhere are allowed.
    """

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        text = super().check(value, at, ctx)
        if text is INVALID:
            return text
        wrong = [href for href in link_targets(text) if not is_absolute_href(href)]
        for href in wrong:
            ctx.report(at, f"{ctx.name(at)} links to {href!r}, {_why_not(href)}")
        return INVALID if wrong else text

    def json_schema(self) -> dict[str, Any]:
        schema = super().json_schema()
        schema["description"] += (
            " Inline Markdown (*emphasis*, `code`, links); links go only to full https:, http:"
            " or mailto: addresses."
        )
        return schema


def _why_not(href: str) -> str:
    if _SCHEME.match(_CONTROL.sub("", href)):
        return (
            "which is not a web or mail address — link only to https:, http: or mailto: addresses"
        )
    return (
        "which would break on some pages: action text is shown on its article, on checklists"
        " and on the plan, at different depths — link to a full https:// address, or put the"
        " link in the article's body (or list the article under 'related:')"
    )
