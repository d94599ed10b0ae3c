"""Strict YAML: plain data plus the line of every value.

PyYAML's loaders keep the last of two duplicate keys, expand aliases without
limit and build Python objects from tags. Content needs none of that, so this
module composes the node graph (linear in the input size, aliases unexpanded)
and converts it itself, rejecting what a content file has no use for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes from the root."""

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null")}
# Dates become text: no content key takes a date object, and text round-trips.
_TEXT_TAGS = {f"{_TAG}str", f"{_TAG}timestamp"}


@dataclass
class YamlProblem(Exception):
    """A document that cannot be read; ``line`` is 1-based within the text."""

    line: int
    message: str


@dataclass
class Document:
    """A parsed document: its data and the line of every value in it."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)

    def line(self, path: Path) -> int:
        """The line of ``path``, or of its nearest ancestor that exists."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def parse(text: str, first_line: int = 1) -> Document:
    """Parse one YAML document; lines are counted from ``first_line``.

    Raises :class:`YamlProblem` for syntax errors, duplicate keys, aliases,
    tags other than YAML's plain ones, and keys that are not text.
    """
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        raise YamlProblem(line, _describe_syntax_error(error)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(first_line, f"the YAML cannot be read ({error})") from None
    document = Document(None)
    if node is not None:
        document.data = _Converter(document, first_line).convert(node, ())
    return document


def _describe_syntax_error(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "invalid syntax").rstrip(".")
    context = f" {error.context}" if error.context else ""
    hint = "check quotes, colons and indentation (two spaces, no tabs)"
    if "\t" in problem or "tab" in problem:
        hint = "indent with spaces, not tabs"
    return f"YAML syntax error: {problem}{context} — {hint}"


class _Converter:
    def __init__(self, document: Document, first_line: int) -> None:
        self.document = document
        self.first_line = first_line
        self.seen: set[int] = set()
        self.scalars = SafeConstructor()

    def line_of(self, node: Node) -> int:
        return self.first_line + node.start_mark.line

    def convert(self, node: Node, path: Path) -> Any:
        if id(node) in self.seen:
            raise YamlProblem(
                self.line_of(node),
                "YAML aliases (*name) are not supported — write the value out in full",
            )
        self.seen.add(id(node))
        self.document.lines[path] = self.line_of(node)
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            self.check_tag(node, f"{_TAG}seq")
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def check_tag(self, node: Node, expected: str) -> None:
        if node.tag != expected:
            tag = node.tag.replace(_TAG, "!!")
            raise YamlProblem(
                self.line_of(node),
                f"the YAML tag '{tag}' is not allowed — remove it and write a plain value",
            )

    def mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        self.check_tag(node, f"{_TAG}map")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_TAG}merge":
                raise YamlProblem(
                    self.line_of(key_node),
                    "YAML merge keys (<<) are not supported — write the keys out in full",
                )
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _TEXT_TAGS:
                raise YamlProblem(
                    self.line_of(key_node),
                    "a key must be a plain word, like 'title' — quote it if it looks like a number",
                )
            key = key_node.value
            if key in result:
                first = self.document.lines[(*path, key)]
                raise YamlProblem(
                    self.line_of(key_node),
                    f"the key '{key}' appears twice (first on line {first}) — keep one",
                )
            self.document.lines[(*path, key)] = self.line_of(key_node)
            result[key] = self.convert(value_node, (*path, key))
            # The key's own line is the most useful place to point at.
            self.document.lines[(*path, key)] = self.line_of(key_node)
        return result

    def scalar(self, node: Node) -> Any:
        if node.tag in _TEXT_TAGS:
            return node.value
        if node.tag not in _SCALAR_TAGS:
            self.check_tag(node, f"{_TAG}str")
        try:
            return self.scalars.construct_object(node, deep=True)
        except (ConstructorError, ValueError, OverflowError):
            return node.value
