"""Read a content file and split it into its YAML front matter and Markdown body.

MkDocs' own reader (``mkdocs.utils.meta``) turns a front matter with a YAML
error into an empty one without a word; this one says where and what.
Every failure is raised as :class:`~guidekit.yamlsafe.Unreadable`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from . import yamlsafe
from .problems import Problems
from .yamlsafe import Unreadable

T = TypeVar("T")

MAX_BYTES = 2_000_000
"""A content file larger than this is refused: no article needs 2 MB."""

_BOM = "\ufeff"


@dataclass(frozen=True)
class Source:
    """A content file read and split, ready for validation."""

    document: yamlsafe.Document
    """The front matter's data, with the line of every value."""
    body: str
    """The Markdown after the closing ``---``, from the newline that ends it.

    The leading line break matters to MkDocs: it reads ``Key: value`` lines at
    the very top of a page as metadata and drops them from the page, so a
    body that opened with "Remember: ..." would lose its first sentence.
    """
    body_line: int
    """The line of the file on which the body starts."""
    digest: str
    """SHA-256 of the whole text: a cache key for what is made from the file."""


def read_text(path: Path) -> str:
    """Read ``path`` as UTF-8 text, refusing what no content file should be."""
    if not path.is_file():
        raise Unreadable([(1, "this is not a regular file — replace it with a .md text file")])
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit, never the whole of a huge file.
            raw = handle.read(MAX_BYTES + 1)
        size = path.stat().st_size
    except OSError as error:
        message = f"the file cannot be read ({error.strerror}) — check that it exists"
        raise Unreadable([(1, f"{message} and that you may read it")]) from None
    if len(raw) > MAX_BYTES:
        megabytes = max(size, len(raw)) / 1e6
        message = (
            f"the file is {megabytes:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit"
            " — split it into smaller articles"
        )
        raise Unreadable([(1, message)])
    return decode(raw)


def decode(raw: bytes) -> str:
    """Decode a file's bytes as UTF-8 text, or say why it cannot be."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise Unreadable(
            [(line, "the file is not UTF-8 text — save it with UTF-8 encoding in your editor")]
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        message = "the file contains a NUL byte — it may be damaged; save it again as plain text"
        raise Unreadable([(line, message)])
    # Windows editors add a byte-order mark and CRLF line ends; both are harmless.
    return text.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> Source:
    """Split ``text`` at its front matter fences and parse the YAML between them."""
    if not text.strip():
        message = "the file is empty — start it with front matter between '---' lines"
        raise Unreadable([(1, message)])
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        message = (
            "the file has no front matter — start it with a '---' line,"
            " then 'title: …' and the other keys, then another '---' line"
        )
        raise Unreadable([(1, message)])
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            break
    else:
        message = "the front matter is never closed — add a '---' line after its last key"
        raise Unreadable([(1, message)])
    document = yamlsafe.parse("\n".join(lines[1:index]), first_line=2)
    fence_end = sum(len(line) + 1 for line in lines[: index + 1]) - 1
    body = text[fence_end:]
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Source(document=document, body=body, body_line=index + 2, digest=digest)


def read_reporting(
    path: Path, where: str, problems: Problems, parse: Callable[[str], T]
) -> T | None:
    """``parse`` of the text of ``path`` (:func:`split`, :func:`yamlsafe.parse`), or None
    with every reason it could not be read added to ``problems`` at ``where``."""
    try:
        return parse(read_text(path))
    except Unreadable as error:
        for line, message in error.issues:
            problems.add(where, line, message)
        return None
