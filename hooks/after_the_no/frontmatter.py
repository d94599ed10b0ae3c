"""Split a content file into its YAML front matter and its Markdown body.

MkDocs' own reader (``mkdocs.utils.meta``) turns a front matter with a YAML
error into an empty one without a word; this one says where and what.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import yamlsafe

MAX_BYTES = 2_000_000
"""A content file larger than this is refused: no article needs 2 MB."""

_BOM = "\ufeff"


@dataclass(frozen=True)
class Source:
    """A content file read and split, ready for validation."""

    document: yamlsafe.Document
    """The front matter's data, with the line of every value."""
    body: str
    """The Markdown after the closing ``---``."""
    body_line: int
    """The line of the file on which the body starts."""


class SourceProblem(Exception):
    """The file cannot be split into front matter and body."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def decode(raw: bytes) -> str:
    """Decode a file's bytes as UTF-8 text, or say why it cannot be."""
    if len(raw) > MAX_BYTES:
        raise SourceProblem(
            1,
            f"the file is {len(raw) / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit"
            " — split it into smaller articles",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SourceProblem(
            line, "the file is not UTF-8 text — save it with UTF-8 encoding in your editor"
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise SourceProblem(
            line, "the file contains a NUL byte — it may be damaged; save it again as plain text"
        )
    # Windows editors add a byte-order mark and CRLF line ends; both are harmless.
    return text.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> Source:
    """Split ``text`` at its front matter fences and parse the YAML between them."""
    if not text.strip():
        raise SourceProblem(1, "the file is empty — start it with front matter between '---' lines")
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise SourceProblem(
            1,
            "the file has no front matter — start it with a '---' line,"
            " then 'title: …' and the other keys, then another '---' line",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            break
    else:
        raise SourceProblem(
            1, "the front matter is never closed — add a '---' line after its last key"
        )
    yaml_text = "\n".join(lines[1:index])
    try:
        document = yamlsafe.parse(yaml_text, first_line=2)
    except yamlsafe.YamlProblem as problem:
        raise SourceProblem(problem.line, problem.message) from None
    body = "\n".join(lines[index + 1 :])
    return Source(document=document, body=body, body_line=index + 2)
