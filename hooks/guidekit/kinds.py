"""The content types, each one declaration: its folder, its keys, its model and its pages.

The loader reads every type the same way, one resolver checks every
reference their specs declare (``Ref("articles")``), and the generated
pages, the navigation, the schemas, ``new`` and ``check`` read the same
registry. A new type is a declaration here plus its templates: see
``hooks/guidekit/README.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from markdown.extensions.toc import slugify
from markupsafe import Markup

from . import contract, starters, urls
from .frontmatter import Source
from .headings import heading_ids
from .model import Action, Article, Field, Guide, Message, Part, Situation, Step, Worksheet
from .problems import Problems, did_you_mean
from .schema import KEBAB, Context, Link, Record
from .settings import Settings

MARKER = "<!-- message: {} -->"
"""How an article shows a message template: this comment, with the message's id, on a line of
its own. Markdown keeps comments as they are, so the rendered HTML still holds it."""
_BEFORE, _, _AFTER = MARKER.partition("{}")
MESSAGE_MARKER = re.compile(rf"^{re.escape(_BEFORE)}(\S*){re.escape(_AFTER)}[ \t]*$", re.MULTILINE)
"""A marker in an article's Markdown; any id, so a wrong one is reported at its line."""
RENDERED_MARKER = re.compile(rf"{re.escape(_BEFORE)}({KEBAB.pattern}){re.escape(_AFTER)}")
"""A marker in the article's HTML, where every id was checked."""


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
class View:
    """What a template's context is made from: the page being rendered and its guide."""

    guide: Guide
    settings: Settings
    """The guide's settings: its recipients, checklist groups, names."""
    render: Callable[..., str]
    """Renders another template for this page: ``render("x.html", **context)``."""
    url: str
    """The page's site-relative address."""
    key: str | None = None
    """The slug (or topic id) of what the page is about."""
    entry: Any = None
    """The model object of the entry the page is about."""
    body: str = ""
    """The HTML MkDocs rendered from the page's Markdown."""


PageContext = Callable[[View], Mapping[str, Any]]
"""A template's variables, besides ``guide``, ``url``, ``urls`` and the filters."""


def entry_context(view: View) -> dict[str, Any]:
    """The default context of an entry's page: the ``entry`` and its rendered ``body``."""
    return {"entry": view.entry, "body": Markup(view.body)}


def entries_context(kind: str) -> PageContext:
    """The default context of a list page: every entry of ``kind`` as ``entries``, in order."""
    return lambda view: {"entries": list(view.guide.entries.get(kind, {}).values())}


@dataclass(frozen=True)
class Template:
    """A template in overrides/guide/ and the function that gives its context."""

    name: str
    context: PageContext = entry_context


@dataclass(frozen=True)
class Box:
    """A box a type puts on the pages of the entries its entries name.

    On the page of each ``on`` entry (an article), ``template`` gets ``entries``:
    this type's entries that name it, in order; and ``entry``, the page's own.
    """

    on: str
    template: str


@dataclass(frozen=True)
class Index:
    """A type's own list page, and how the navigation shows the type."""

    title: str
    url: Callable[[], str]
    """The list page's site-relative address."""
    template: str
    context: PageContext | None = None
    """Its template's variables; by default ``entries``, every entry of the type."""
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


class Item(SimpleNamespace):
    """The model of an entry whose type declares no class of its own: its front matter's
    keys as attributes, with ``slug``, ``path`` and ``body``."""


def item(entry: Entry) -> Item:
    """The model object a type gets by default: every checked key, as written once in its spec."""
    return Item(slug=entry.slug, path=entry.where, body=entry.source.body, **entry.data)


@dataclass(frozen=True)
class ContentType:
    """What the engine knows about one kind of content file.

    Every entry needs a ``title`` key: it names the entry's page, its place in
    the navigation and the file ``new`` makes.
    """

    name: str
    """The folder under content/, and the name other specs refer to it by."""
    noun: str
    """One entry, in an author's words: 'article'."""
    spec: Record
    """The front matter's keys; its ``Ref`` and ``Declares`` specs are its references."""
    url: Callable[[str], str]
    """The site-relative address of an entry's page."""
    make: Callable[[Entry], Any] = item
    """The model object for a valid entry (by default an :class:`Item` of its keys)."""
    page: Template | None = Template("")
    """What fills each entry's page: by default the template '<noun>.html' given the
    ``entry`` and its ``body``. None: the entries get no page of their own."""
    after: tuple[Template, ...] = ()
    """Boxes after the content of each entry's page, added once search has read it."""
    boxes: tuple[Box, ...] = ()
    """Boxes this type puts on the pages of the entries it names."""
    starter: str = ""
    """The file ``new`` starts (a ``string.Template``); by default one made from the spec."""
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

    def __post_init__(self) -> None:
        if self.page is not None and not self.page.name:
            object.__setattr__(self, "page", Template(f"{self.noun}.html", self.page.context))

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


def _article_page(view: View) -> dict[str, Any]:
    """The article under its topics and summary, each message marker replaced by its message."""
    body = view.body
    if view.key in view.guide.messages_of:
        first = True

        def shown(marker: re.Match[str]) -> str:
            nonlocal first
            message = view.guide.messages[marker.group(1)]
            html = view.render("message_block.html", message=message, with_composer=first)
            first = False
            return html

        body = RENDERED_MARKER.sub(shown, body)
    return {"article": view.entry, "body": Markup(body)}


def _article_boxes(view: View) -> dict[str, Any]:
    """Its checklist, its worksheets and related articles."""
    guide, slug = view.guide, view.key or ""
    return {
        "article": view.entry,
        "related": [guide.articles[s] for s in guide.related(slug)],
        "worksheets": [guide.worksheets[s] for s in guide.worksheets_of.get(slug, ())],
    }


def _situation_page(view: View) -> dict[str, Any]:
    """The situation's page; the words readers use for it lead its body."""
    also = view.render("also_called.html", words=view.entry.also)
    return {"entry": view.entry, "body": Markup(f"{also}\n{view.body}")}


def _worksheet_page(view: View) -> dict[str, Any]:
    guide = view.guide
    articles = [guide.articles[s] for s in guide.articles_of.get(view.key or "", ())]
    return {"sheet": view.entry, "articles": articles, "body": Markup(view.body)}


def _message_page(view: View) -> dict[str, Any]:
    """A message's own page: its purpose, the message, and where the guide uses it."""
    guide, slug = view.guide, view.key or ""
    return {
        "message": view.entry,
        "articles": [guide.articles[a] for a in guide.shown_in.get(slug, ())],
        "actions": [guide.actions_by_id[a] for a in guide.sent_by.get(slug, ())],
    }


def _messages_by_recipient(view: View) -> dict[str, Any]:
    """Every message, grouped by who it goes to, in the order of the guide's recipients."""
    by_recipient: dict[str, list[Message]] = {}
    for message in view.guide.messages.values():
        by_recipient.setdefault(message.to, []).append(message)
    names = [to.id for to in view.settings.recipients]
    return {"groups": [(to, by_recipient[to]) for to in names if to in by_recipient]}


ARTICLES = ContentType(
    "articles",
    "article",
    contract.ARTICLE,
    urls.article,
    make=_article,
    page=Template("article.html", _article_page),
    after=(Template("article_after.html", _article_boxes),),
    reserved=contract.RESERVED_ARTICLE_SLUGS,
    checks=(_sections_exist,),
    body_links=_message_markers,
    order=by_order,
    by_topic=True,
    starter=starters.ARTICLE,
)
WORKSHEETS = ContentType(
    "worksheets",
    "worksheet",
    contract.WORKSHEET,
    urls.worksheet,
    make=_worksheet,
    page=Template("worksheet.html", _worksheet_page),
    reserved=contract.RESERVED_WORKSHEET_SLUGS,
    checks=(_field_ids_unique,),
    index=Index(
        "Worksheets",
        urls.worksheet,
        "worksheets.html",
        lambda view: {"worksheets": list(view.guide.worksheets.values())},
        always=True,
    ),
    starter=starters.WORKSHEET,
)
SITUATIONS = ContentType(
    "situations",
    "situation",
    contract.SITUATION,
    urls.situation,
    make=_situation,
    page=Template("situation.html", _situation_page),
    reserved=contract.RESERVED_SITUATION_SLUGS,
    checks=(_steps_in_order,),
    order=lambda situation: (situation.order, situation.slug),
    index=Index("What happened?", urls.start, "start.html"),
    hide=("footer",),
    starter=starters.SITUATION,
)
MESSAGES = ContentType(
    "messages",
    "message",
    contract.MESSAGE,
    urls.message,
    make=_message,
    page=Template("message.html", _message_page),
    reserved=contract.RESERVED_MESSAGE_SLUGS,
    checks=(_placeholders_declared,),
    markdown_body=False,
    index=Index("Messages", urls.message, "messages.html", _messages_by_recipient, nav="link"),
    starter=starters.MESSAGE,
)

CONTENT_TYPES: tuple[ContentType, ...] = (SITUATIONS, ARTICLES, WORKSHEETS, MESSAGES)
"""Every content type, in the order the navigation shows them (articles by topic)."""
