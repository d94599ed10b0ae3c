"""The content types, each one declaration: its folder, its keys, its model and its page.

The loader reads every type the same way, one resolver checks every
reference their specs declare (``Ref("articles")``), and the generated
pages and the URL scheme read the same registry. A new type is a
declaration here, its templates and its tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from markdown.extensions.toc import slugify

from . import contract, urls
from .frontmatter import Source
from .headings import heading_ids
from .model import Action, Article, Field, Message, Part, Situation, Step, Worksheet
from .problems import Problems, did_you_mean
from .schema import Context, Link, Record
from .settings import Settings

MESSAGE_MARKER = re.compile(r"^<!-- message: (\S*) -->[ \t]*$", re.MULTILINE)
"""A line of an article's body that shows a message template there."""


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


Check = Callable[[Entry, Problems, Settings], None]
"""A check of one file that its spec cannot express (a heading the body must have)."""


@dataclass(frozen=True)
class Index:
    """A type's own list page, and how the navigation shows the type."""

    title: str
    url: Callable[[], str]
    """The list page's site-relative address."""
    kind: str
    """Its renderer: a method of the Renderer, or else the template '<kind>.html'."""
    nav: str = "section"
    """'section': the list page, then every entry; 'link': the list page alone."""
    always: bool = False
    """Whether the list page exists when the type has no entries (it then says so)."""


def by_title(entry: Any) -> Any:
    """The default order of a type's entries: by title, then slug."""
    return (entry.title.casefold(), entry.slug)


def by_order(entry: Any) -> Any:
    """For types with an ``order`` key: by order, then title."""
    return (entry.order, entry.title.casefold(), entry.slug)


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
    body_links: Callable[[Entry], Iterator[Link]] | None = None
    """References an entry makes in its body (an article's message markers)."""
    markdown_body: bool = True
    """Whether the body is Markdown for MkDocs to render on the entry's page (a
    message's body is plain text the renderer lays out itself)."""
    order: Callable[[Any], Any] = by_title
    """The sort key of its model objects: the order of lists and of the navigation."""
    index: Index | None = None
    """Its list page, if it has one of its own."""
    by_topic: bool = False
    """Whether the navigation lists its entries under their topics (articles)."""
    hide: tuple[str, ...] = ()
    """Parts of the theme its entries' pages leave out (Material's ``hide``:
    'footer' drops the previous/next links, which on a situation's page would
    lead to a different situation)."""

    def links(self, entry: Entry) -> list[Link]:
        """Every id the entry names or declares, in its front matter and its body."""
        found = list(self.spec.links(entry.data, ()))
        if self.body_links:
            found += self.body_links(entry)
        return found


def _action(data: dict[str, Any], article: str) -> Action:
    return Action(
        id=data["id"],
        text=data["text"],
        when=data["when"],
        section=data["section"],
        to=data["to"],
        message=data["message"],
        was=tuple(data["was"]),
        article=article,
    )


def body_line(entry: Entry, offset: int) -> int:
    """The file line of the character at ``offset`` in the entry's body."""
    # The body starts with the newline that ends the closing '---' line.
    return entry.source.body_line - 1 + entry.source.body.count("\n", 0, offset)


def _message_markers(entry: Entry) -> Iterator[Link]:
    for marker in MESSAGE_MARKER.finditer(entry.source.body):
        yield Link("messages", marker.group(1), (), line=body_line(entry, marker.start()))


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
        also=tuple(data["also"]),
        reviewed=data["reviewed"],
    )


def _sections_exist(entry: Entry, problems: Problems, settings: Settings) -> None:
    """Each action's ``section`` is a heading of the article."""
    ids = heading_ids(entry.source.body, settings.slugify or slugify)
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
        label=data["text"] if kind == "heading" else data["label"],
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


def _field_ids_unique(entry: Entry, problems: Problems, settings: Settings) -> None:
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
        counts_from=data["counts_from"],
        future_start=data["future_start"],
        steps=tuple(Step(s["day"], s["action"], s["note"], s["text"]) for s in data["steps"]),
        body=entry.source.body,
        path=entry.where,
        order=data["order"],
        also=tuple(data["also"]),
    )


def _steps_in_order(entry: Entry, problems: Problems, settings: Settings) -> None:
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


def _message(entry: Entry) -> Message:
    data = entry.data
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", entry.source.body) if p.strip()]
    return Message(
        slug=entry.slug,
        title=data["title"],
        summary=data["summary"],
        to=data["to"],
        subject=data["subject"],
        placeholders=tuple(data["placeholders"]),
        paragraphs=tuple(paragraphs),
        parts=tuple(Part(p["id"], p["label"], p["text"], p["checked"]) for p in data["parts"]),
        path=entry.where,
    )


def _placeholders_declared(entry: Entry, problems: Problems, settings: Settings) -> None:
    """Every [placeholder] is declared, every declared one is used, and parts have their line."""
    data, document = entry.data, entry.source.document
    texts = [(data["subject"], document.line(("subject",)), 0)]
    texts += [
        (part["text"], document.line(("parts", i, "text")), 0)
        for i, part in enumerate(data["parts"])
    ]
    texts.append((entry.source.body, 0, 1))
    declared = set(data["placeholders"])
    used: set[str] = set()
    for text, line, in_body in texts:
        for match in contract.PLACEHOLDER.finditer(text):
            name = match.group(1)
            where = body_line(entry, match.start()) if in_body else line
            if not contract.PLACEHOLDER_NAME.fullmatch(name):
                problems.add(
                    entry.where,
                    where,
                    f"'[{name}]' is not a placeholder name — write placeholders as lowercase words"
                    " in square brackets, like [contact name]",
                )
            elif name not in declared:
                problems.add(
                    entry.where,
                    where,
                    f"the placeholder [{name}] is not declared — add '{name}' to 'placeholders'"
                    f"{did_you_mean(name, declared)}",
                )
            used.add(name)
    for index, name in enumerate(data["placeholders"]):
        if name not in used:
            problems.add(
                entry.where,
                document.line(("placeholders", index)),
                f"'placeholders' declares '{name}', but the message never uses [{name}] — use it"
                " or remove it from the list",
            )
    has_line = any(line.strip() == contract.PARTS_LINE for line in entry.source.body.split("\n"))
    if data["parts"] and not has_line:
        problems.add(
            entry.where,
            entry.source.body_line,
            f"the message has 'parts', but its body has no '{contract.PARTS_LINE}' line — add one,"
            " on a line of its own, where the parts the reader ticks should go",
        )
    elif has_line and not data["parts"]:
        problems.add(
            entry.where,
            entry.source.body_line,
            f"the body has a '{contract.PARTS_LINE}' line, but the message has no 'parts' — add"
            " the parts, or remove the line",
        )


ARTICLES = ContentType(
    "articles",
    "article",
    contract.ARTICLE,
    _article,
    urls.article,
    reserved=contract.RESERVED_ARTICLE_SLUGS,
    checks=(_sections_exist,),
    body_links=_message_markers,
    order=by_order,
    by_topic=True,
)
WORKSHEETS = ContentType(
    "worksheets",
    "worksheet",
    contract.WORKSHEET,
    _worksheet,
    urls.worksheet,
    reserved=contract.RESERVED_WORKSHEET_SLUGS,
    checks=(_field_ids_unique,),
    index=Index("Worksheets", urls.worksheet, "worksheets", always=True),
)
SITUATIONS = ContentType(
    "situations",
    "situation",
    contract.SITUATION,
    _situation,
    urls.situation,
    reserved=contract.RESERVED_SITUATION_SLUGS,
    checks=(_steps_in_order,),
    order=lambda situation: (situation.order, situation.slug),
    index=Index("What happened?", urls.start, "start"),
    hide=("footer",),
)

MESSAGES = ContentType(
    "messages",
    "message",
    contract.MESSAGE,
    _message,
    urls.message,
    reserved=contract.RESERVED_MESSAGE_SLUGS,
    checks=(_placeholders_declared,),
    markdown_body=False,
    index=Index("Messages", urls.message, "messages", nav="link"),
)

CONTENT_TYPES: tuple[ContentType, ...] = (SITUATIONS, ARTICLES, WORKSHEETS, MESSAGES)
"""Every content type, in the order the navigation shows them (articles by topic)."""
