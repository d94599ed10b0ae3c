"""The guide's own scripts and stylesheets, as the site serves them.

Sources in ``docs/`` are written to be read: comments that explain, lines
indented. A reader's phone needs none of that, and it is about a third of the
bytes it would download, so the built site carries each file with comments and
insignificant whitespace removed. rJSmin and rCSSmin do the removing: they only
drop what the languages define as comments and spaces between tokens, never
rename or reorder, so a script behaves exactly as its source does.

Files that are already minified (``*.min.js``, ``*.min.css``) are left as they are.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import rcssmin
import rjsmin


def is_source(src_uri: str) -> bool:
    """Whether ``src_uri`` (a path in docs/) is a script or stylesheet to serve minified."""
    path = PurePosixPath(src_uri)
    return path.suffix in {".js", ".css"} and not path.stem.endswith(".min")


def minified(src_uri: str, text: str) -> str:
    """``text``, the source of ``src_uri``, as served: without comments or needless space."""
    if PurePosixPath(src_uri).suffix == ".css":
        css: str = rcssmin.cssmin(text)
        return css + "\n"
    return script(text)


def script(text: str) -> str:
    """JavaScript source without its comments and needless space."""
    js: str = rjsmin.jsmin(text)
    return js + "\n"
