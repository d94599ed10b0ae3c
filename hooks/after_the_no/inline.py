"""Inline Markdown for front-matter strings, safe to put in a page.

Action text may use *emphasis*, `code` and [links](../x/), but raw HTML in
front matter is shown as text and a link can only go to a web, mail or
relative address: front matter is data, never markup that runs.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_SAFE_SCHEMES = {"http", "https", "mailto"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_PLAIN = re.compile(r"[A-Za-z](?:[^*_`\[\]<>&\\!\n]*[^*_`\[\]<>&\\!\n ])?")
"""Text Markdown leaves as it is: starts with a letter (no list, heading or quote),
one line, no inline syntax, no trailing space (a hard line break)."""
_AUTOLINK = re.compile(r"https?:|www\.|@")
_ALLOWED_TAGS = {"p", "em", "strong", "code", "a", "br", "span"}


class _Sanitizer(Treeprocessor):
    """Drops link targets with unsafe schemes and any element not in the allow-list."""

    def run(self, root: etree.Element) -> None:
        for element in list(root.iter()):
            if element is root:
                continue
            if element.tag == "a":
                href = element.get("href", "")
                element.attrib.clear()
                if is_safe_href(href):
                    element.set("href", href.strip())
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
