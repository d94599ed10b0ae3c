"""The guide's content model: frozen, plain data, looked up by id or slug.

Nothing here knows about MkDocs; the adapter and the generators read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .applog import Applog

WHEN_ORDER = ("today", "this-week", "this-month", "ongoing")
"""The checklist groups, in the order a reader meets them."""

WHEN_TITLES = MappingProxyType(
    {"today": "Today", "this-week": "This week", "this-month": "This month", "ongoing": "Ongoing"}
)


@dataclass(frozen=True)
class Topic:
    id: str
    """Kebab-case id; the topic's pages live at /topics/<id>/ and /checklists/<id>/."""
    title: str
    summary: str
    """One sentence shown on topic lists and cards."""
    icon: str | None = None
    """Optional Material icon name, like 'material/email-outline'."""


@dataclass(frozen=True)
class Action:
    id: str
    """Stable id; readers' ticks are stored under it, so it never changes."""
    text: str
    """Inline Markdown, rendered safely (raw HTML shows as text)."""
    when: str
    """One of :data:`WHEN_ORDER`."""
    article: str
    """Slug of the article that declares the action."""
    section: str | None = None
    """Id of the heading in the article that explains the action."""
    to: str | None = None
    """Who the message it sends goes to (see ``contract.RECIPIENTS``), for actions that send one."""
    message: str | None = None
    """Id of the message template the action sends."""
    was: tuple[str, ...] = ()
    """Ids this action replaced: readers' ticks under them move to this one."""


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    summary: str
    topics: tuple[str, ...]
    """Topic ids; the first is the primary topic, which places it in the nav."""
    actions: tuple[Action, ...]
    related: tuple[str, ...]
    worksheets: tuple[str, ...]
    """Worksheet slugs the article names itself (links also come from worksheets)."""
    body: str
    """Markdown body, front matter removed."""
    path: str
    """Source path relative to the project root."""
    order: int = 100
    """Position within a topic: lower first, ties by title."""
    replaces: tuple[str, ...] = ()
    """Slugs of articles merged into this one; their addresses redirect here."""
    also: tuple[str, ...] = ()
    """Words readers use for it, shown as "Also called" (and so found by search)."""
    reviewed: str | None = None
    """When the advice was last checked, year-month-day; shown on the article."""

    @property
    def primary_topic(self) -> str:
        return self.topics[0]


@dataclass(frozen=True)
class Field:
    """One block of a worksheet form; which attributes apply depends on ``type``."""

    id: str
    type: str
    """heading, text, lines, checklist, scale or table."""
    label: str = ""
    """The prompt (for a heading, its text)."""
    hint: str | None = None
    lines: int = 0
    items: tuple[str, ...] = ()
    minimum: int = 1
    maximum: int = 5
    low: str | None = None
    high: str | None = None
    columns: tuple[str, ...] = ()
    rows: int = 0

    @property
    def scale_points(self) -> range:
        return range(self.minimum, self.maximum + 1)


@dataclass(frozen=True)
class Worksheet:
    slug: str
    title: str
    summary: str
    topics: tuple[str, ...]
    articles: tuple[str, ...]
    """Article slugs the worksheet names itself."""
    minutes: int
    fields: tuple[Field, ...]
    body: str
    """Markdown instructions shown above the form."""
    path: str
    digest: str
    """Hash of the source file; keys the PDF cache."""


@dataclass(frozen=True)
class Step:
    """One numbered step of a situation's path."""

    day: int
    """Days after the day the reader heard; 0 is that day."""
    action: str
    """Id of the action shown: its tick is shared with every page that shows it."""
    note: str | None = None
    """What this step means in this situation, shown under the action."""
    text: str | None = None
    """The action's wording for this path (inline Markdown); the tick stays the action's."""


@dataclass(frozen=True)
class Situation:
    """Something that happened to the reader, and the short, dated path they follow after it."""

    slug: str
    title: str
    """In the reader's words: what happened to them."""
    summary: str
    counts_from: str
    """What day 0 is, in the reader's words: 'the day you heard', 'the day they said they
    would decide'."""
    steps: tuple[Step, ...]
    """In order of their days."""
    body: str
    """What this situation usually means, in Markdown."""
    path: str
    order: int = 100
    """Position on the 'What happened?' page: lower first."""
    future_start: bool = False
    """Whether day 0 may still be to come (a date the employer gave), not only a day past."""
    also: tuple[str, ...] = ()
    """Words readers use for it, shown as "Also called" (and so found by search)."""

    @property
    def days(self) -> dict[int, list[tuple[int, Step]]]:
        """The steps by day, each with its number on the whole path."""
        days: dict[int, list[tuple[int, Step]]] = {}
        for number, step in enumerate(self.steps, start=1):
            days.setdefault(step.day, []).append((number, step))
        return days


@dataclass(frozen=True)
class Part:
    """A piece of a message the reader can tick in or out (the reply builder)."""

    id: str
    label: str
    text: str
    checked: bool = False
    """Whether the part starts ticked."""


@dataclass(frozen=True)
class Message:
    """A message template: a subject and a body with named placeholders."""

    slug: str
    title: str
    summary: str
    to: str
    """Who it goes to (see ``contract.RECIPIENTS``)."""
    subject: str
    placeholders: tuple[str, ...]
    paragraphs: tuple[str, ...]
    """The body's paragraphs; a line break inside one is kept (sign-offs)."""
    parts: tuple[Part, ...] = ()
    """For a builder: the parts, which replace the paragraph ``{parts}``."""
    path: str = ""


@dataclass(frozen=True)
class Guide:
    """All content of one build, with every cross-reference indexed once."""

    topics: Mapping[str, Topic]
    """Topics in site order."""
    articles: Mapping[str, Article]
    worksheets: Mapping[str, Worksheet]
    entries: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Every content type's entries by slug, in the type's order: ``entries["articles"]``.

    The fields below index the types the engine's own pages know; a new type
    needs nothing here, its pages read its entries."""
    situations: Mapping[str, Situation] = field(default_factory=dict)
    """Situations in the order of the 'What happened?' page."""
    messages: Mapping[str, Message] = field(default_factory=dict)
    """Message templates by title."""
    messages_of: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Article slug → the messages it shows, in the order they appear."""
    shown_in: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Message slug → the articles that show it."""
    sent_by: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Message slug → the ids of the actions that send it."""
    actions_by_id: Mapping[str, Action] = field(default_factory=dict)
    """Every action, by its id."""
    redirects: Mapping[str, str] = field(default_factory=dict)
    """Slug of a merged article → slug of the article that replaces it."""
    by_topic: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Topic id → slugs of every article in it, in display order."""
    primary: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Topic id → slugs of the articles whose primary topic it is."""
    sheets_by_topic: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Topic id → slugs of the worksheets in it, in display order."""
    worksheets_of: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Article slug → worksheet slugs linked either way."""
    articles_of: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Worksheet slug → article slugs linked either way."""
    applog: Applog | None = None
    """The applications log the guide declares (content/applications.yml), if any."""
    named_by: Mapping[tuple[str, str], tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """(kind, id) of everything an entry names → the (type, slug) of each entry naming it,
    in the types' order; read it through :meth:`referrers`."""
    declared: Mapping[str, int] = field(default_factory=dict)
    """How many ids of each declared kind the entries declare: {"actions": 40}."""

    def referrers(self, kind: str, slug: str, by: str | None = None) -> list[Any]:
        """The entries that name the ``kind`` entry ``slug`` ("articles", "reply-with-grace")
        in their front matter or body, in their types' order; with ``by``, only entries of
        that type."""
        return [
            self.entries[kind][name]
            for kind, name in self.named_by.get((kind, slug), ())
            if by is None or kind == by
        ]

    def related(self, slug: str, limit: int = 5) -> tuple[str, ...]:
        """Explicit related articles first, then others in the primary topic."""
        article = self.articles[slug]
        chosen = [s for s in article.related if s != slug]
        for other in self.by_topic.get(article.primary_topic, ()):
            if len(chosen) >= limit:
                break
            if other != slug and other not in chosen:
                chosen.append(other)
        return tuple(chosen[:limit])

    def actions(self, topic: str | None = None) -> list[Action]:
        """Every action, or those of one topic's articles, in article order."""
        slugs = self.by_topic.get(topic, ()) if topic else self.ordered_articles()
        return [action for slug in slugs for action in self.articles[slug].actions]

    def ordered_articles(self) -> list[str]:
        """Article slugs grouped by primary topic in site order."""
        return [slug for topic in self.topics for slug in self.primary.get(topic, ())]
