"""Heading ids of a Markdown body, as the toc extension will assign them.

Actions link to sections by heading id, so the ids are needed before the
page is rendered. A full Markdown conversion per article would double the
build's Markdown time; reading headings line by line gives the same ids for
the Markdown authors write (ATX and setext headings, ``{#custom-id}``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

from markdown.extensions.toc import slugify, unique

Slugify = Callable[[str, str], str]

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_INLINE = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)|<[^>]+>")


def heading_ids(markdown: str, slugify: Slugify = slugify) -> dict[str, int]:
    """Map each heading id in ``markdown`` to its 0-based line index.

    ``slugify`` is the toc extension's slug function, as mkdocs.yml sets it.
    """
    ids: dict[str, int] = {}
    taken: set[str] = set()
    fence: str | None = None
    previous = ""
    for number, line in enumerate(markdown.split("\n")):
        opener = _FENCE.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            previous = ""
            continue
        if opener:
            fence = opener.group(1)
            continue
        title = None
        at = number
        atx = _ATX.match(line)
        if atx:
            title = atx.group(2)
        elif _SETEXT.match(line) and previous.strip() and not previous.startswith(" " * 4):
            title = previous.strip()
            at = number - 1  # a setext heading's title is the line above its underline
        if title is not None:
            ids[_heading_id(title, taken, slugify)] = at
        previous = line
    return ids


def _heading_id(title: str, taken: set[str], slugify: Slugify) -> str:
    custom = _ATTR_ID.search(title)
    if custom:
        taken.add(custom.group(1))
        return custom.group(1)
    title = re.sub(r"\{[^}]*\}\s*$", "", title)
    text = unescape(_INLINE.sub(lambda m: m.group(1) or "", title))
    return unique(slugify(text, "-"), taken)
