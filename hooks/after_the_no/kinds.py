"""The content types, each one declaration: its folder, its keys, its model and its page.

The loader reads every type the same way, one resolver checks every
reference their specs declare (``Ref("articles")``), and the generated
pages and the URL scheme read the same registry. A new type is a
declaration here, its templates and its tests.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import contract, urls
from .frontmatter import Source
from .headings import heading_ids
from .model import Action, Article, Field, Situation, Step, Worksheet
from .problems import Problems, did_you_mean
from .schema import Context, Record


@dataclass(frozen=True)
class Entry:
    """One content file that passed its own checks."""

    slug: str
    """The file name without '.md': the entry's id and the last part of its address."""
    where: str
    """The file's path relative to the project, for messages."""
    source: Source
    data: dict[str, Any]
    """The front matter, checked, with defaults filled in."""


Check = Callable[[Entry, Problems], None]
"""A check of one file that its spec cannot express (a heading the body must have)."""


@dataclass(frozen=True)
class ContentType:
    """What the engine knows about one kind of content file."""

    name: str
    """The folder under content/, and the name other specs refer to it by."""
    noun: str
    """One entry, in an author's words: 'article'."""
    spec: Record
    """The front matter's keys; its ``Ref`` and ``Declares`` specs are its references."""
    make: Callable[[Entry], Any]
    """The model object for a valid entry."""
    url: Callable[[str], str]
    """The site-relative address of an entry's page."""
    reserved: Mapping[str, str] = field(default_factory=dict)
    """File names taken by generated pages, with the reason."""
    checks: tuple[Check, ...] = ()


def _action(data: dict[str, Any], article: str) -> Action:
    return Action(
        id=data["id"],
        text=data["text"],
        when=data["when"],
        section=data["section"],
        to=data["to"],
        message=data["message"],
        article=article,
    )


def _article(entry: Entry) -> Article:
    data = entry.data
    return Article(
        slug=entry.slug,
        title=data["title"],
        summary=data["summary"],
        topics=tuple(data["topics"]),
        actions=tuple(_action(a, entry.slug) for a in data["actions"]),
        related=tuple(data["related"]),
        worksheets=tuple(data["worksheets"]),
        body=entry.source.body,
        path=entry.where,
        order=data["order"],
        replaces=tuple(data["replaces"]),
    )


def _sections_exist(entry: Entry, problems: Problems) -> None:
    """Each action's ``section`` is a heading of the article."""
    ids = heading_ids(entry.source.body)
    for index, action in enumerate(entry.data["actions"]):
        section = action["section"]
        if not section or section in ids:
            continue
        if ids:
            known = ", ".join(f"'{i}'" for i in ids)
            hint = f"{did_you_mean(section, ids)} (its heading ids: {known})"
        else:
            heading = section.replace("-", " ").capitalize()
            hint = f" — the article has no headings yet: add one, like '## {heading}'"
        problems.add(
            entry.where,
            entry.source.document.line(("actions", index, "section")),
            f"section '{section}' is not a heading in this article{hint}",
        )


def _worksheet(entry: Entry) -> Worksheet:
    data = entry.data
    return Worksheet(
        slug=entry.slug,
        title=data["title"],
        summary=data["summary"],
        topics=tuple(data["topics"]),
        articles=tuple(data["articles"]),
        minutes=data["minutes"],
        fields=tuple(_field(f) for f in data["fields"]),
        body=entry.source.body,
        path=entry.where,
        digest=entry.source.digest,
    )


def _field(data: dict[str, Any]) -> Field:
    kind = data["type"]
    return Field(
        id=data["id"],
        type=kind,
        label=data.get("text") if kind == "heading" else data["label"],
        hint=data.get("hint"),
        lines=data.get("lines") or 0,
        items=tuple(data.get("items") or ()),
        minimum=data.get("min", 1),
        maximum=data.get("max", 5),
        low=data.get("low"),
        high=data.get("high"),
        columns=tuple(data.get("columns") or ()),
        rows=data.get("rows") or 0,
    )


def _field_ids_unique(entry: Entry, problems: Problems) -> None:
    """Answers are stored under a field's id, so two fields cannot share one."""
    seen: dict[str, int] = {}
    for index, item in enumerate(entry.data["fields"]):
        line = entry.source.document.line(("fields", index, "id"))
        if item["id"] in seen:
            problems.add(
                entry.where,
                line,
                f"the field id '{item['id']}' is already used on line {seen[item['id']]}"
                " — give each field its own id",
            )
        seen.setdefault(item["id"], line)


def _situation(entry: Entry) -> Situation:
    data = entry.data
    return Situation(
        slug=entry.slug,
        title=data["title"],
        summary=data["summary"],
        steps=tuple(Step(s["day"], s["action"], s["note"]) for s in data["steps"]),
        body=entry.source.body,
        path=entry.where,
        order=data["order"],
    )


def _steps_in_order(entry: Entry, problems: Problems) -> None:
    """Days never go backwards, day 0 stays short, and each action appears once."""
    steps = entry.data["steps"]
    ctx = Context(entry.where, entry.source.document, problems)
    first_use: dict[str, int] = {}
    for index, step in enumerate(steps):
        here = ("steps", index)
        if index and step["day"] < steps[index - 1]["day"]:
            ctx.report(
                (*here, "day"),
                f"{ctx.name((*here, 'day'))} is day {step['day']}, before day"
                f" {steps[index - 1]['day']} of the step above it — list the steps in the order"
                " of their days",
            )
        if step["action"] in first_use:
            ctx.report(
                (*here, "action"),
                f"{ctx.name((*here, 'action'))} repeats '{step['action']}' from"
                f" {ctx.name(('steps', first_use[step['action']]))} — use each action once"
                " in a situation",
            )
        first_use.setdefault(step["action"], index)
    today = [index for index, step in enumerate(steps) if step["day"] == 0]
    if len(today) > contract.MAX_STEPS_ON_DAY_ZERO:
        ctx.report(
            ("steps", today[contract.MAX_STEPS_ON_DAY_ZERO], "day"),
            f"'steps' has {len(today)} steps on day 0, over the limit of"
            f" {contract.MAX_STEPS_ON_DAY_ZERO} — a reader who heard today needs a handful of"
            " things at most; move the rest to day 1 or later",
        )


ARTICLES = ContentType(
    "articles",
    "article",
    contract.ARTICLE,
    _article,
    urls.article,
    reserved=contract.RESERVED_ARTICLE_SLUGS,
    checks=(_sections_exist,),
)
WORKSHEETS = ContentType(
    "worksheets",
    "worksheet",
    contract.WORKSHEET,
    _worksheet,
    urls.worksheet,
    reserved=contract.RESERVED_WORKSHEET_SLUGS,
    checks=(_field_ids_unique,),
)
SITUATIONS = ContentType(
    "situations",
    "situation",
    contract.SITUATION,
    _situation,
    urls.situation,
    reserved=contract.RESERVED_SITUATION_SLUGS,
    checks=(_steps_in_order,),
)

CONTENT_TYPES: tuple[ContentType, ...] = (ARTICLES, WORKSHEETS, SITUATIONS)
"""Every content type, in the order they are read."""
