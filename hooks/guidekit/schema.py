"""A small declarative schema for front matter, with messages authors can act on.

Each spec checks one value, reports what is wrong at the value's line, and
returns the value or :data:`INVALID`. Messages name YAML shapes ("a list",
"text"), never Python types, and show a valid example.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final

from .problems import Problems, closest, did_you_mean, quoted_list
from .yamlsafe import Document, Path, Unreadable, parse

INVALID: Final = object()
"""Returned by a spec for a value it reported as wrong."""

KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 64
KEBAB_RULE = (
    f"kebab-case: lowercase a-z, digits and single hyphens, at most {MAX_ID_LENGTH} characters"
)
"""How an id's form is described to authors."""


@dataclass
class Context:
    """Where a check is reporting: one file's document and the shared collector."""

    file: str
    document: Document
    problems: Problems
    root: str = "the front matter"
    """How messages name the whole document."""
    item: str = ""
    """For a file that is a list (topics.yml): how messages name one entry."""

    def report(self, at: Path, message: str) -> None:
        self.problems.add(self.file, self.document.line(at), message)

    def name(self, at: Path) -> str:
        """How a message names the value at ``at``: 'title', 'actions[2].id', 'id' of topic 3."""
        if self.item and at and isinstance(at[0], int):
            entry = f"{self.item} {at[0] + 1}"
            return f"{self.name(at[1:])} of {entry}" if len(at) > 1 else entry
        return f"'{key_path(at)}'" if at else self.root


def key_path(at: Path) -> str:
    """A value's place as an author reads it: 'actions[2].id'."""
    text = ""
    for part in at:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


Rule = Callable[[dict[str, Any], Path, Context], bool]
"""A check across a record's keys (like min < max): it reports and returns False for a problem."""


def shape_of(value: Any) -> str:
    """Describe a value's YAML shape in an author's words."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a group of keys"


def counted(number: int, noun: str) -> str:
    """'1 item', '3 items'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


class Spec:
    """Checks one value; subclasses say what a valid one is."""

    shape = "a value"
    example = ""
    """A valid value as an author would type it, without the key."""

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        """The same rules as JSON Schema (draft 2020-12), for editors and other tools.

        It holds what one value can show; what needs other keys or other
        files (a reference exists, an id is unique) is left to :meth:`check`.
        """
        raise NotImplementedError

    def annotated(self, schema: dict[str, Any], description: str) -> dict[str, Any]:
        """``schema`` with a description and, when this spec accepts it, the example."""
        schema = {"description": description, **schema}
        example = self.example_value()
        if example is not INVALID:
            schema["examples"] = [example]
        return schema

    def example_value(self) -> Any:
        """The :attr:`example` as data, or INVALID when it is a sketch ('[{id: …}]')."""
        if not self.example:
            return INVALID
        try:
            document = parse(self.example)
        except Unreadable:
            return INVALID
        problems = Problems()
        self.check(document.data, (), Context("example", document, problems))
        return INVALID if problems else document.data

    def links(self, value: Any, at: Path) -> Iterator[Link]:
        """Every reference in ``value``, a checked value of this spec (none by default)."""
        return iter(())

    def like(self, at: Path) -> str:
        """A valid line for the value at ``at`` ('order: 10'), or ''."""
        if not self.example:
            return ""
        key = at[-1] if at and isinstance(at[-1], str) else None
        return f"{key}: {self.example}" if key else self.example

    def wrong_shape(self, value: Any, at: Path, ctx: Context) -> object:
        example = self.like(at)
        hint = f" — write it like: {example}" if example else ""
        if isinstance(value, (int, float)) and not isinstance(value, bool) and self.shape == "text":
            hint = " — put it in quotes"
        ctx.report(at, f"{ctx.name(at)} should be {self.shape}, not {shape_of(value)}{hint}")
        return INVALID


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""Characters no text value may hold: control characters and Unicode's line separators."""
LINE_BREAK = re.compile(r"\r\n?|[\n\x0b\x0c\x85\u2028\u2029]")


@dataclass
class Text(Spec):
    """Non-empty text on one line, optionally limited in length.

    A line break in a title, a subject or a label would reach places that take
    one line: an email's header (a subject holding "\\r\\nBcc: …"), a
    page's <title>, a PDF's form field; so it is refused, as is every other
    control character. ``lines=True`` allows line breaks (a message part).
    """

    max_length: int = 300
    example: str = ""
    shape: str = "text"
    lines: bool = False

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if not isinstance(value, str):
            return self.wrong_shape(value, at, ctx)
        text = value.strip()
        if not text:
            ctx.report(at, f"{ctx.name(at)} is empty — write some text")
            return INVALID
        if len(value) > self.max_length:
            ctx.report(
                at,
                f"{ctx.name(at)} is {len(value)} characters long, over the limit of"
                f" {self.max_length} — shorten it",
            )
            return INVALID
        if not self.lines and LINE_BREAK.search(text):
            ctx.report(
                at,
                f"{ctx.name(at)} holds a line break — write it all on one line (no "
                "'|' block, no \\n or \\r in quotes)",
            )
            return INVALID
        control = CONTROL.search(text.replace("\n", "") if self.lines else text)
        if control:
            ctx.report(
                at,
                f"{ctx.name(at)} holds the control character U+{ord(control.group()):04X}"
                " — remove it (it is invisible, often pasted in by accident)",
            )
            return INVALID
        return text

    def json_schema(self) -> dict[str, Any]:
        # At least one non-space, and no control character: JSON Schema patterns match
        # anywhere, so the whole value is spelt out.
        allowed = r"[^\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]" if self.lines else _ONE_LINE
        schema = {
            "type": "string",
            "minLength": 1,
            "maxLength": self.max_length,
            "pattern": rf"^{allowed}*{allowed[:2]}\s{allowed[2:]}{allowed}*$",
        }
        kind = "Text" if self.lines else "Text on one line"
        return self.annotated(schema, f"{kind}, at most {self.max_length} characters.")


_ONE_LINE = r"[^\x00-\x1f\x7f-\x9f\u2028\u2029]"


@dataclass
class Day(Spec):
    """A calendar date written as YYYY-MM-DD, kept as that text."""

    example: str = "2026-12-02"
    shape: str = "a date"

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if not isinstance(value, str):
            return self.wrong_shape(value, at, ctx)
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            day = None
        if day is None or len(value) != 10:
            ctx.report(
                at,
                f"{ctx.name(at)} is {value!r}, which is not a date — write it as"
                f" year-month-day, like {self.example}",
            )
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        schema = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        return self.annotated(schema, "A date, year-month-day.")


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
                f"{ctx.name(at)} is {len(value)} characters long, over the limit of"
                f" {MAX_ID_LENGTH} — shorten it",
            )
            return INVALID
        if not KEBAB.fullmatch(value):
            ctx.report(
                at,
                f"{ctx.name(at)} must be kebab-case (lowercase a-z, digits and single hyphens,"
                f" like '{self.example}'), not {value!r}",
            )
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        return self.annotated(self.id_schema(), f"An id, {KEBAB_RULE}.")

    @staticmethod
    def id_schema() -> dict[str, Any]:
        return {"type": "string", "maxLength": MAX_ID_LENGTH, "pattern": f"^{KEBAB.pattern}$"}


@dataclass(frozen=True)
class Link:
    """One id in a file that names, or declares, an entry of a content type."""

    kind: str
    """The content type (or declared kind, like 'actions') the id belongs to."""
    value: str
    at: Path
    """Where the id stands in the file's front matter."""
    declares: bool = False
    """True where the id is declared here, False where it refers to one declared elsewhere."""
    line: int | None = None
    """The file line, for an id in the body rather than the front matter."""


class Ref(Identifier):
    """An id of an entry of another content type: ``Ref("articles")``.

    The loader checks every reference against every file that exists, in
    one pass over all content types, so a type declares what it links to
    and nothing else needs to know.
    """

    def __init__(self, kind: str, example: str = "send-thank-you-note") -> None:
        super().__init__(example=example)
        self.kind = kind
        """The content type named, as registered ('topics', 'articles', 'actions'…)."""

    def links(self, value: Any, at: Path) -> Iterator[Link]:
        yield Link(self.kind, value, at)

    def json_schema(self) -> dict[str, Any]:
        return self.annotated(
            self.id_schema(), f"The id of one of the {self.kind}, which must exist ({KEBAB_RULE})."
        )


class Declares(Identifier):
    """An id that declares a new entry of ``kind``, unique across the site (an action's id)."""

    def __init__(self, kind: str, example: str = "send-thank-you-note") -> None:
        super().__init__(example=example)
        self.kind = kind

    def links(self, value: Any, at: Path) -> Iterator[Link]:
        yield Link(self.kind, value, at, declares=True)

    def json_schema(self) -> dict[str, Any]:
        return self.annotated(
            self.id_schema(),
            f"A new id among the {self.kind}, unique across the site ({KEBAB_RULE})."
            " Keep it once published: what readers save is stored under it.",
        )


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
                f"{ctx.name(at)} is {value} — use a number from {self.minimum} to {self.maximum}",
            )
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        schema = {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}
        return self.annotated(schema, f"A whole number from {self.minimum} to {self.maximum}.")


@dataclass
class Flag(Spec):
    """true or false."""

    example: str = "true"
    shape: str = "true or false"

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if not isinstance(value, bool):
            return self.wrong_shape(value, at, ctx)
        return value

    def json_schema(self) -> dict[str, Any]:
        return self.annotated({"type": "boolean"}, "true or false.")


@dataclass
class Choice(Spec):
    """One of a fixed set of words.

    With ``setting``, the words are a guide's own (its recipients, its checklist
    groups): ``choices`` are the engine's defaults, and :func:`with_words`
    gives the spec with the guide's words in their place.
    """

    choices: tuple[str, ...]
    shape: str = "text"
    setting: str = ""
    """The guide setting that names the words (``extra.guide.<setting>``), if any."""

    @property
    def example(self) -> str:  # type: ignore[override]  # read-only here: the first choice
        return self.choices[0]

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if isinstance(value, str) and value in self.choices:
            return value
        choices = quoted_list(self.choices)
        if isinstance(value, str):
            message = f"{ctx.name(at)} is '{value}', which is not one of {choices}"
            message += did_you_mean(value, self.choices)
        else:
            message = f"{ctx.name(at)} should be one of {choices}, not {shape_of(value)}"
        ctx.report(at, message)
        return INVALID

    def json_schema(self) -> dict[str, Any]:
        schema = {"type": "string", "enum": list(self.choices)}
        return self.annotated(schema, f"One of: {', '.join(self.choices)}.")


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
            ctx.report(at, f"{ctx.name(at)} has {counted(len(value), 'item')} — give {size}")
            return INVALID
        result = [self.item.check(item, (*at, i), ctx) for i, item in enumerate(value)]
        if self.unique:
            seen: set[Any] = set()
            for i, item in enumerate(result):
                if item is not INVALID and item in seen:
                    ctx.report((*at, i), f"{ctx.name(at)} lists {item!r} twice — keep one")
                    result[i] = INVALID
                seen.add(item)
        return result if INVALID not in result else INVALID

    def links(self, value: Any, at: Path) -> Iterator[Link]:
        for index, item in enumerate(value):
            yield from self.item.links(item, (*at, index))

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "array",
            "items": self.item.json_schema(),
            "minItems": self.min_items,
            "maxItems": self.max_items,
        }
        size = f"{self.min_items} to {self.max_items}"
        if self.unique:
            schema["uniqueItems"] = True
        return self.annotated(
            schema, f"A list of {size} items{', each once' if self.unique else ''}."
        )


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
    rules: tuple[Rule, ...] = ()
    """Checks across keys, run once every key is valid."""

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if value is None and not at:
            required = [key for key, rule in self.keys.items() if rule.required]
            ctx.report(at, f"{ctx.root} is empty — add the keys {quoted_list(required)}")
            return INVALID
        if not isinstance(value, dict):
            return self.wrong_shape(value, at, ctx)
        unknown = [key for key in value if key not in self.keys]
        misspelt = self._report_unknown(unknown, value, at, ctx)
        result: dict[str, Any] = {}
        valid = not unknown
        for key, rule in self.keys.items():
            if value.get(key) is not None:
                result[key] = rule.spec.check(value[key], (*at, key), ctx)
                valid &= result[key] is not INVALID
            elif not rule.required:
                result[key] = rule.default
            elif key not in misspelt:  # a misspelt key was reported already
                self._missing(key, rule, key in value, at, ctx)
                valid = False
        if valid:
            # A list, not a generator: every rule runs and reports, not only the first that fails.
            valid = all([rule(result, at, ctx) for rule in self.rules])  # noqa: C419
        return result if valid else INVALID

    def links(self, value: Any, at: Path) -> Iterator[Link]:
        for key, rule in self.keys.items():
            if value.get(key) is not None:
                yield from rule.spec.links(value[key], (*at, key))

    def json_schema(self) -> dict[str, Any]:
        properties = {
            key: rule.spec.json_schema() if rule.required else _optional(rule)
            for key, rule in self.keys.items()
        }
        schema: dict[str, Any] = {"type": "object", "properties": properties}
        required = [key for key, rule in self.keys.items() if rule.required]
        if required:
            schema["required"] = required
        schema["additionalProperties"] = False
        return self.annotated(schema, f"The keys of {self.what}.")

    def _report_unknown(
        self, unknown: list[str], value: dict[str, Any], at: Path, ctx: Context
    ) -> set[str]:
        """Report unknown keys; return the absent known keys they seem to misspell."""
        misspelt: set[str] = set()
        for key in unknown:
            match = closest(key, self.keys)
            suggestion = f" — did you mean '{match}'?" if match else ""
            ctx.report(
                (*at, key),
                f"unknown key '{key}' in {self.what}{suggestion}"
                f" (allowed: {quoted_list(self.keys, limit=20)})",
            )
            if match and match not in value:
                misspelt.add(match)
        return misspelt

    def _missing(self, key: str, rule: Key, present: bool, at: Path, ctx: Context) -> None:
        name = ctx.name((*at, key))
        problem = "has no value" if present else f"is missing from {self.what}"
        example = rule.spec.like((key,))
        hint = f" — add a line like: {example}" if example else " — add it"
        if isinstance(rule.spec, Choice):
            hint += f" (one of {quoted_list(rule.spec.choices)})"
        ctx.report((*at, key), f"{name} {problem}{hint}")


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
        if not isinstance(kind, str) or kind not in self.variants:
            if kind is None:
                ctx.report(
                    at,
                    f"'type' is missing from {ctx.name(at)} — add one of"
                    f" {quoted_list(self.variants)}",
                )
            else:
                Choice(tuple(self.variants)).check(kind, (*at, "type"), ctx)
            return INVALID
        return self.variants[kind].check(value, at, ctx)

    def links(self, value: Any, at: Path) -> Iterator[Link]:
        return self.variants[value["type"]].links(value, at)

    def json_schema(self) -> dict[str, Any]:
        # if/then rather than oneOf: a wrong key is then reported against its
        # own variant, not as "matches none of six schemas".
        variants = [
            {
                "if": {"properties": {"type": {"const": kind}}, "required": ["type"]},
                "then": record.json_schema(),
            }
            for kind, record in self.variants.items()
        ]
        schema = {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"enum": list(self.variants)}},
            "allOf": variants,
        }
        return self.annotated(schema, f"{self.what.capitalize()}: its keys depend on its 'type'.")


Words = Mapping[str, tuple[str, ...]]
"""A guide's own words, by setting: {"recipients": ("employer", …), "when": (…)}."""


def with_words(spec: Spec, words: Words) -> Spec:
    """``spec`` with each :class:`Choice` of a guide setting offering that guide's ``words``."""
    if isinstance(spec, Choice) and spec.setting in words:
        return replace(spec, choices=tuple(words[spec.setting]))
    if isinstance(spec, ListOf):
        return replace(spec, item=with_words(spec.item, words))
    if isinstance(spec, Record):
        keys = {
            name: replace(key, spec=with_words(key.spec, words)) for name, key in spec.keys.items()
        }
        return replace(spec, keys=keys)
    if isinstance(spec, Tagged):
        variants = {name: with_words(variant, words) for name, variant in spec.variants.items()}
        return replace(spec, variants=variants)  # type: ignore[arg-type]
    return spec


def _optional(key: Key) -> dict[str, Any]:
    """An optional key's schema: it may also be left empty ('hint:'), which reads as absent."""
    schema = key.spec.json_schema()
    schema["type"] = [schema["type"], "null"]
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
    if key.default is not None:
        schema["default"] = key.default
    return schema
