"""A small declarative schema for front matter, with messages authors can act on.

Each spec checks one value, reports what is wrong at the value's line, and
returns the value or :data:`INVALID`. Messages name YAML shapes ("a list",
"text"), never Python types, and show a valid example.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from .problems import Problems, did_you_mean, quoted_list
from .yamlsafe import Document, Path

INVALID: Final = object()
"""Returned by a spec for a value it reported as wrong."""

KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 64


@dataclass
class Context:
    """Where a check is reporting: one file's document and the shared collector."""

    file: str
    document: Document
    problems: Problems

    def report(self, at: Path, message: str) -> None:
        self.problems.add(self.file, self.document.line(at), message)


def name_of(at: Path) -> str:
    """How a message names the value at ``at``: 'title', 'actions[2].id'."""
    text = ""
    for part in at:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "the front matter"


def shape_of(value: Any) -> str:
    """Describe a value's YAML shape in an author's words."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a group of keys"


class Spec:
    """Checks one value; subclasses say what a valid one is."""

    shape = "a value"
    example = ""

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        raise NotImplementedError

    def wrong_shape(self, value: Any, at: Path, ctx: Context) -> object:
        hint = f" — write it like: {self.example}" if self.example else ""
        if isinstance(value, (int, float)) and not isinstance(value, bool) and self.shape == "text":
            hint = " — put it in quotes"
        ctx.report(at, f"'{name_of(at)}' should be {self.shape}, not {shape_of(value)}{hint}")
        return INVALID


@dataclass
class Text(Spec):
    """Non-empty text, optionally limited in length or matched by a pattern."""

    max_length: int = 300
    example: str = ""
    shape: str = "text"

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if not isinstance(value, str):
            return self.wrong_shape(value, at, ctx)
        if not value.strip():
            ctx.report(at, f"'{name_of(at)}' is empty — write some text")
            return INVALID
        if len(value) > self.max_length:
            ctx.report(
                at,
                f"'{name_of(at)}' is {len(value)} characters long, over the limit of"
                f" {self.max_length} — shorten it",
            )
            return INVALID
        return value.strip()


@dataclass
class Identifier(Spec):
    """A kebab-case id: stored in readers' browsers and URLs, so kept plain."""

    example: str = "send-thank-you-note"
    shape: str = "text"

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if not isinstance(value, str):
            return self.wrong_shape(value, at, ctx)
        if len(value) > MAX_ID_LENGTH:
            ctx.report(
                at,
                f"'{name_of(at)}' is {len(value)} characters long, over the limit of"
                f" {MAX_ID_LENGTH} — shorten it",
            )
            return INVALID
        if not KEBAB.fullmatch(value):
            ctx.report(
                at,
                f"'{name_of(at)}' must be kebab-case (lowercase a-z, digits and single hyphens,"
                f" like '{self.example}'), not {value!r}",
            )
            return INVALID
        return value


@dataclass
class Integer(Spec):
    """A whole number between ``minimum`` and ``maximum``."""

    minimum: int
    maximum: int
    example: str = ""
    shape: str = "a whole number"

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            return self.wrong_shape(value, at, ctx)
        if not self.minimum <= value <= self.maximum:
            ctx.report(
                at,
                f"'{name_of(at)}' is {value} — use a number from {self.minimum} to {self.maximum}",
            )
            return INVALID
        return value


@dataclass
class Choice(Spec):
    """One of a fixed set of words."""

    choices: tuple[str, ...]
    shape: str = "text"

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if value in self.choices:
            return value
        ctx.report(
            at,
            f"'{name_of(at)}' is {value!r}, which is not one of {quoted_list(self.choices)}"
            f"{did_you_mean(value, self.choices) if isinstance(value, str) else ''}",
        )
        return INVALID


@dataclass
class ListOf(Spec):
    """A list of items of one spec, with bounds on its length."""

    item: Spec
    min_items: int = 1
    max_items: int = 50
    example: str = ""
    unique: bool = False
    shape: str = "a list"

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if not isinstance(value, list):
            return self.wrong_shape(value, at, ctx)
        if not self.min_items <= len(value) <= self.max_items:
            size = (
                f"at least {self.min_items}"
                if len(value) < self.min_items
                else f"at most {self.max_items}"
            )
            ctx.report(at, f"'{name_of(at)}' has {len(value)} items — give {size}")
            return INVALID
        result = [self.item.check(item, (*at, i), ctx) for i, item in enumerate(value)]
        if self.unique:
            seen: set[Any] = set()
            for i, item in enumerate(result):
                if item is not INVALID and item in seen:
                    ctx.report((*at, i), f"'{name_of(at)}' lists {item!r} twice — keep one")
                    result[i] = INVALID
                seen.add(item)
        return result if INVALID not in result else INVALID


@dataclass
class Key:
    """One key of a :class:`Record`."""

    spec: Spec
    required: bool = True
    default: Any = None


@dataclass
class Record(Spec):
    """A group of known keys; unknown keys are errors, with a suggestion."""

    keys: Mapping[str, Key] = field(default_factory=dict)
    what: str = "the front matter"
    shape: str = "a group of keys"

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if not isinstance(value, dict):
            return self.wrong_shape(value, at, ctx)
        result: dict[str, Any] = {}
        valid = True
        for key in value:
            if key not in self.keys:
                ctx.report(
                    (*at, key),
                    f"unknown key '{key}' in {self.what}{did_you_mean(key, self.keys)}"
                    f" (allowed: {quoted_list(self.keys, limit=20)})",
                )
                valid = False
        for key, rule in self.keys.items():
            if value.get(key) is None:
                if rule.required:
                    example = f", like: {rule.spec.example}" if rule.spec.example else ""
                    problem = "has no value" if key in value else f"is missing from {self.what}"
                    ctx.report((*at, key), f"'{key}' {problem} — add it{example}")
                    valid = False
                else:
                    result[key] = rule.default
                continue
            checked = rule.spec.check(value[key], (*at, key), ctx)
            valid &= checked is not INVALID
            result[key] = checked
        return result if valid else INVALID


@dataclass
class Tagged(Spec):
    """A record whose allowed keys depend on its ``type`` key."""

    variants: Mapping[str, Record] = field(default_factory=dict)
    what: str = "a field"
    shape: str = "a group of keys"

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if not isinstance(value, dict):
            return self.wrong_shape(value, at, ctx)
        kind = value.get("type")
        if kind not in self.variants:
            if kind is None:
                ctx.report(
                    at,
                    f"'type' is missing from {self.what} — add one of"
                    f" {quoted_list(self.variants)}",
                )
            else:
                Choice(tuple(self.variants)).check(kind, (*at, "type"), ctx)
            return INVALID
        return self.variants[kind].check(value, at, ctx)
