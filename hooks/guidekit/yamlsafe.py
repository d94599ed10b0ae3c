"""Strict YAML: plain data plus the line of every value.

PyYAML's loaders keep the last of two duplicate keys, expand aliases without
limit, build Python objects from tags and recurse once per nesting level
(a few thousand ``[`` crash the C composer). Content needs none of that, so
this module builds the data itself from PyYAML's event stream — one pass,
no recursion, aliases never expanded — and rejects what a content file has
no use for, collecting every such problem before it gives up on the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver
from yaml.scanner import ScannerError

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes from the root."""

MAX_DEPTH = 12
"""Deepest nesting a content file may use; the deepest real one needs 4."""

_TAG = "tag:yaml.org,2002:"
_SEQ, _MAP = f"{_TAG}seq", f"{_TAG}map"
_TYPED = {f"{_TAG}{name}" for name in ("int", "float", "bool", "null")}
# Tags YAML assigns to plain words that a content file still means as text:
# dates (no key takes a date object), a lone '=' and a '<<' used as a value.
_IMPLICIT_TEXT = {f"{_TAG}{name}" for name in ("str", "timestamp", "value", "merge")}
_EXPLICIT = {f"{_TAG}str", *_TYPED}
"""Tags an author may write out (``!!str 2024``); every other tag is refused."""
# YAML forbids these characters anywhere in a document (YAML 1.1, 5.1).
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class Unreadable(Exception):
    """A file or document that cannot be read, with every reason found in it."""

    def __init__(self, issues: list[tuple[int, str]]) -> None:
        super().__init__("; ".join(message for _, message in issues))
        self.issues = issues
        """``(line, message)`` pairs; lines are 1-based in the file."""


@dataclass
class Document:
    """A parsed document: its data and the line of every value in it."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    """The line of each value; for a key's value, the line of the key."""

    def line(self, path: Path) -> int:
        """The line of ``path``, or of its nearest ancestor that exists."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def parse(text: str, first_line: int = 1) -> Document:
    """Parse one YAML document; lines are counted from ``first_line``.

    Raises :class:`Unreadable` listing syntax errors, duplicate keys, aliases,
    tags other than YAML's plain ones, keys that are not text, nesting deeper
    than :data:`MAX_DEPTH` and characters YAML does not allow.
    """
    bad = _UNPRINTABLE.search(text)
    if bad:
        line = first_line + text.count("\n", 0, bad.start())
        raise Unreadable([(line, _unprintable(bad.group()))])
    builder = _read(text, first_line, Loader)
    if builder.error is not None and Loader is not yaml.SafeLoader:
        # libyaml reads far ahead inside brackets and stops at its own depth limit
        # (1,000 levels since PyYAML 6.0.4) before our depth check sees the events.
        # The pure-Python parser has no such limit: replay the events with it to
        # learn whether the nesting is what is wrong.
        replay = _read(text, first_line, yaml.SafeLoader)
        if replay.too_deep:
            builder = replay
    if builder.error is not None:
        builder.issues.append(_syntax_issue(builder.error, text, first_line))
    if builder.issues:
        raise Unreadable(builder.issues)
    return builder.document


def _read(text: str, first_line: int, loader: type) -> _Builder:
    """Feed the events of ``text`` to a builder; it keeps the error that stopped them."""
    builder = _Builder(first_line)
    try:
        for event in yaml.parse(text, Loader=loader):
            builder.feed(event)
    except _Stop:
        pass
    except yaml.YAMLError as error:
        builder.error = error
    return builder


def _unprintable(char: str) -> str:
    return (
        f"the text contains an invisible control character (U+{ord(char):04X}) — delete it;"
        " it often comes from copying text out of another program"
    )


# Characters that start something other than plain text in YAML (YAML 1.1, 4.1.2).
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


def _syntax_issue(error: yaml.YAMLError, text: str, first_line: int) -> tuple[int, str]:
    """What an author can act on, from the kind and place of a parser's error.

    libyaml and PyYAML word their errors differently, and the wording changes
    between releases, so the error is read by its class, the character where
    reading stopped and the character that opened the construct it was in
    (a quote, a bracket, a key) — never by its text.
    """
    # A reader error (no marks): _UNPRINTABLE finds those first.
    if not isinstance(error, yaml.MarkedYAMLError):
        return first_line, "the YAML cannot be read — save it as plain text"
    found = _char_at(text, error.problem_mark)
    opener = _char_at(text, error.context_mark)
    scanner = isinstance(error, ScannerError)
    # For an unclosed quote or bracket, or a key without ':', the mistake is where
    # the construct starts; where reading stopped is often lines later.
    hint, at_opener = _hint(found, opener, scanner, _at_end(text, error.problem_mark)), False
    if hint is None:
        hint = _generic(error)
    elif opener and (opener in "\"'[{" or opener not in _INDICATORS) and found != "\t":
        at_opener = True
    mark = error.context_mark if at_opener else (error.problem_mark or error.context_mark)
    return first_line + (mark.line if mark else 0), f"YAML syntax error: {hint}"


def _hint(found: str, opener: str, scanner: bool, at_end: bool) -> str | None:
    if found == "\t":
        return "a tab is used for indentation — indent with spaces, not tabs"
    if opener in ('"', "'"):
        if at_end:
            return "a quoted value is never closed — add the closing quote"
        if opener == '"':
            return (
                "a backslash in \"double quotes\" starts an escape like \\n — use 'single quotes'"
                " for text with backslashes"
            )
        return None
    if opener == "[":
        return "a list in [brackets] is not closed — separate items with commas, end it with ']'"
    if opener == "{":
        return "a group in {braces} is not closed — separate keys with commas, end it with '}'"
    if scanner and found == ":":
        return (
            "a ': ' where YAML does not expect a key — put text containing ': ' in quotes,"
            ' like: title: "Why: a story", or check the indentation'
        )
    if opener in ("&", "*"):
        return "'&' and '*' start YAML anchors and aliases — put a value that starts so in quotes"
    if scanner and found in ("@", "`"):
        return f"a value cannot start with '{found}' — put it in quotes, like: \"{found}…\""
    if scanner and opener and opener not in _INDICATORS:
        return "this line is not a 'key: value' pair — add the ':' after the key"
    if not scanner and opener:
        return (
            "this line is not indented like the lines around it — line up keys of one group"
            " (and '-' items of one list) with the same number of spaces"
        )
    return None


def _generic(error: yaml.MarkedYAMLError) -> str:
    """A mistake of a kind not recognised above: the parser's own words, then what to check."""
    detail = " ".join(part for part in (error.problem, error.context) if part).rstrip(".")
    return f"{detail} — check quotes, colons and indentation (two spaces, no tabs)"


def _at_end(text: str, mark: yaml.Mark | None) -> bool:
    """Whether reading stopped at the end of the text (only blank space after ``mark``)."""
    return mark is not None and not text[mark.index :].strip()


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    if mark is None or mark.index >= len(text):
        return ""
    return text[mark.index]


class _Stop(Exception):
    """Nesting too deep: stop reading the document."""


_SKIP = object()
"""The pending key of a mapping whose next value is dropped (after a bad key)."""


@dataclass
class _Frame:
    """An open mapping or list while its events arrive."""

    value: dict[str, Any] | list[Any] | None
    """The container being filled, or None when its contents are dropped."""
    path: Path
    key: Any = None
    """Mapping only: the key waiting for its value, :data:`_SKIP`, or None."""
    key_line: int = 0


class _Builder:
    """Builds plain data from events, recording the line of every value."""

    def __init__(self, first_line: int) -> None:
        self.first_line = first_line
        self.document = Document(None)
        self.issues: list[tuple[int, str]] = []
        self.stack: list[_Frame] = []
        self.documents = 0
        self.aliases = 0
        self.resolver = Resolver()
        self.constructor = SafeConstructor()
        self.error: yaml.YAMLError | None = None
        """The parser's error that ended the events early, if any."""
        self.too_deep = False
        """Whether the events went deeper than :data:`MAX_DEPTH`."""

    def line_of(self, event: events.Event) -> int:
        mark = event.start_mark
        assert mark is not None  # the parser marks every event; only hand-made ones lack it
        return self.first_line + mark.line

    def feed(self, event: events.Event) -> None:
        """Take the next event of the stream."""
        if isinstance(event, events.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.issue(
                    event,
                    "the file holds a second YAML document — remove the '---' line"
                    " and everything after it, or merge the two",
                )
                raise _Stop
        elif isinstance(event, events.AliasEvent):
            # Once per document: an alias bomb is one mistake, not thousands.
            if not self.aliases:
                self.issue(
                    event, "YAML aliases (*name) are not supported — write the value out in full"
                )
            self.aliases += 1
            self.place(event, None)
        elif isinstance(event, events.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, events.CollectionStartEvent):
            self.open(event)
        elif isinstance(event, events.CollectionEndEvent):
            self.stack.pop()

    def issue(self, event: events.Event, message: str) -> None:
        self.issues.append((self.line_of(event), message))

    def scalar(self, event: events.ScalarEvent) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            # types-PyYAML leaves resolve() unannotated; it returns the tag, a str.
            tag = self.resolver.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        elif tag not in _EXPLICIT:
            self.refuse_tag(event)
            self.place(event, None)
            return
        if self.pending_key() is None:
            text = tag in _IMPLICIT_TEXT
            self.place(event, event.value if text else self.construct(tag, event.value))
        elif tag == f"{_TAG}merge":
            self.issue(event, "YAML merge keys (<<) are not supported — write the keys out in full")
            self.place(event, None)
        elif tag in _IMPLICIT_TEXT:
            self.key(event)
        else:
            self.not_a_key(event)
            self.place(event, None)

    def construct(self, tag: str, text: str) -> Any:
        try:
            return self.constructor.construct_object(ScalarNode(tag, text), deep=True)
        except (ConstructorError, ValueError, OverflowError):
            return text  # e.g. an integer too long to convert: the schema calls it text

    def open(self, event: events.CollectionStartEvent) -> None:
        expected = _SEQ if isinstance(event, events.SequenceStartEvent) else _MAP
        container: dict[str, Any] | list[Any] | None = [] if expected == _SEQ else {}
        if event.tag not in (None, "!", expected):
            self.refuse_tag(event)
            container = None
        elif self.pending_key() is not None:
            self.not_a_key(event)
            container = None
        path = self.place(event, container)
        if len(self.stack) >= MAX_DEPTH:
            self.issue(
                event,
                f"the YAML is nested more than {MAX_DEPTH} levels deep — content needs only"
                " a few; check the brackets and indentation",
            )
            self.too_deep = True
            raise _Stop
        # Contents of a refused collection are still read, then dropped.
        self.stack.append(_Frame(container if path is not None else None, path or ()))

    def refuse_tag(self, event: events.NodeEvent) -> None:
        tag = str(getattr(event, "tag", "")).replace(_TAG, "!!")
        self.issue(
            event, f"the YAML tag '{tag}' is not allowed — remove it and write a plain value"
        )

    def not_a_key(self, event: events.Event) -> None:
        self.issue(
            event, "a key must be a plain word, like 'title' — quote it if it looks like a number"
        )

    def pending_key(self) -> _Frame | None:
        """The open mapping if the next value is one of its keys, else None."""
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            return top
        return None

    def key(self, event: events.ScalarEvent) -> None:
        frame = self.pending_key()
        assert frame is not None and frame.value is not None
        line = self.line_of(event)
        if event.value in frame.value:
            first = self.document.lines[(*frame.path, event.value)]
            self.issue(
                event, f"the key '{event.value}' appears twice (first on line {first}) — keep one"
            )
            frame.key = _SKIP
        else:
            frame.key, frame.key_line = event.value, line

    def place(self, event: events.Event, value: Any) -> Path | None:
        """Put ``value`` where the open container expects it; return its path (None: dropped).

        A rejected key (``None`` while a key is expected) drops the value that follows.
        """
        if not self.stack:
            self.document.data = value
            self.document.lines[()] = self.line_of(event)
            return ()
        top = self.stack[-1]
        line = self.line_of(event)
        if isinstance(top.value, list):
            path: Path = (*top.path, len(top.value))
            top.value.append(value)
        elif isinstance(top.value, dict) and top.key is None:
            top.key = _SKIP  # ``value`` stood where a key belongs and was reported
            return None
        elif isinstance(top.value, dict) and top.key is not _SKIP:
            path, line = (*top.path, top.key), top.key_line
            top.value[top.key] = value
            top.key = None
        else:  # the value of a dropped key, or anything inside a dropped collection
            top.key = None
            return None
        self.document.lines[path] = line
        return path if value is not None else None
