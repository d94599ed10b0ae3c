"""The authors' interface: which keys each content file takes, and their limits.

AUTHORING.md documents the same contract for authors, with complete examples.
"""

from __future__ import annotations

import re
from typing import Any

from . import urls
from .inline import InlineText
from .model import WHEN_ORDER
from .schema import (
    INVALID,
    Choice,
    Context,
    Day,
    Declares,
    Flag,
    Identifier,
    Integer,
    Key,
    ListOf,
    Record,
    Ref,
    Rule,
    Spec,
    Tagged,
    Text,
)
from .yamlsafe import Path

ICON = re.compile(r"[a-z0-9-]+/[a-z0-9-]+")
"""An icon set and name; nothing that could walk folders."""

RECIPIENT_NAMES = {
    "employer": "The employer",
    "agency": "An agency recruiter",
    "manager": "Your manager",
    "colleague": "A colleague",
    "references": "Your references",
    "network": "Your network",
    "friend": "Friends and family",
    "public": "A public post",
}
"""Who a message, or an action that sends one, goes to, and how pages name them, in the
order messages are listed: the defaults of a guide's ``recipients`` setting.

``employer`` is anyone at an organisation the reader applied to or works
with (hiring manager, HR, in-house recruiter); ``agency`` an agency
recruiter; ``manager`` and ``colleague`` people at the reader's own workplace.
"""
RECIPIENTS = tuple(RECIPIENT_NAMES)
THREAD_RECIPIENTS = frozenset({"employer", "agency"})
"""Recipients who usually wrote first, so a reply belongs in their email thread."""

SUMMARY_LIMIT = 200
MAX_FIELDS = 60
MAX_TABLE_CELLS = 300
"""A table's columns × rows; more does not fit a printed page."""

RESERVED_TOPIC_IDS = {
    "index": "its checklist would take the address of the whole plan, /checklists/",
}
"""Ids whose generated pages would collide with another page, and why."""
RESERVED_ARTICLE_SLUGS = {
    "index": "its page would take the address /articles/, not /articles/index/",
}
RESERVED_SITUATION_SLUGS = {
    "index": "the situations are listed at /start/, and /situations/ is kept for that list",
}
RESERVED_MESSAGE_SLUGS = {
    "index": "its page would take the address of the list of messages, /messages/",
}
RESERVED_WORKSHEET_SLUGS = {
    "index": "its page would take the address of the list of worksheets, /worksheets/",
    urls.WORKBOOK: f"its PDFs would replace the workbook, /{urls.pdf(urls.WORKBOOK, 'a4')}",
}


def _refs(kind: str, example: str, min_items: int = 0) -> ListOf:
    """A list of ids of ``kind`` entries, each named once."""
    return ListOf(Ref(kind, example), min_items=min_items, unique=True, example=f"[{example}]")


class IconName(Spec):
    """A theme icon as 'set/name', like 'material/heart-outline'.

    Only the form is checked here; the adapter checks the theme has the icon.
    """

    shape = "text"
    example = "material/heart-outline"

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if not isinstance(value, str):
            return self.wrong_shape(value, at, ctx)
        if not ICON.fullmatch(value):
            ctx.report(
                at,
                f"{ctx.name(at)} should be an icon name like 'material/heart-outline',"
                f" not {value!r}",
            )
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        schema = {"type": "string", "pattern": f"^{ICON.pattern}$"}
        return self.annotated(schema, "A theme icon as 'set/name', like 'material/heart-outline'.")


TOPIC = Record(
    what="a topic",
    keys={
        "id": Key(Identifier(example="feedback")),
        "title": Key(Text(max_length=80, example="Ask for feedback")),
        "summary": Key(Text(max_length=SUMMARY_LIMIT, example="One sentence about the topic.")),
        "icon": Key(IconName(), required=False),
    },
)

TOPICS_FILE = ListOf(
    TOPIC,
    min_items=1,
    max_items=200,
    example="'- id: feedback', with 'title: …' and 'summary: …' under it, for each topic",
)

ACTION = Record(
    what="an action",
    keys={
        "id": Key(Declares("actions", example="send-thank-you-note")),
        "text": Key(InlineText(max_length=300, example="Send a thank-you note")),
        "when": Key(Choice(WHEN_ORDER, setting="when")),
        "section": Key(Identifier(example="how-to-do-it"), required=False),
        "to": Key(Choice(RECIPIENTS, setting="recipients"), required=False),
        "message": Key(Ref("messages", example="reply-to-a-rejection"), required=False),
        # Ids this action replaced (merged articles): readers' ticks move to it.
        "was": Key(
            ListOf(
                Declares("retired actions", example="old-action-id"),
                min_items=1,
                max_items=10,
                unique=True,
                example="[old-action-id]",
            ),
            required=False,
            default=[],
        ),
    },
)

MAX_ALSO = 12
"""Words readers use for an article or a situation: a short line, not a keyword list."""
ALSO = Key(
    ListOf(
        Text(max_length=40, example="ghosted"),
        min_items=0,
        max_items=MAX_ALSO,
        unique=True,
        example="[ghosted, ghosting]",
    ),
    required=False,
    default=[],
)
"""The words readers use for the page ("Also called"), shown on it and so found by search."""

ARTICLE = Record(
    what="the article's front matter",
    keys={
        "title": Key(Text(max_length=120, example="Send a thank-you note anyway")),
        "summary": Key(
            Text(max_length=SUMMARY_LIMIT, example="One sentence on what the reader gets.")
        ),
        "topics": Key(_refs("topics", "feedback", min_items=1)),
        "actions": Key(
            ListOf(ACTION, min_items=0, max_items=20, example="[{id: …, text: …, when: today}]"),
            required=False,
            default=[],
        ),
        "related": Key(_refs("articles", "reply-with-grace"), required=False, default=[]),
        "worksheets": Key(_refs("worksheets", "interview-post-mortem"), required=False, default=[]),
        "order": Key(Integer(0, 10_000, example="10"), required=False, default=100),
        "replaces": Key(
            ListOf(Identifier(example="old-slug"), min_items=0, unique=True, example="[old-slug]"),
            required=False,
            default=[],
        ),
        "also": ALSO,
        "reviewed": Key(Day(), required=False),
    },
)


def _field(kind: str, *rules: Rule, **keys: Key) -> Record:
    return Record(
        what=f"a '{kind}' field",
        keys={
            "id": Key(Identifier(example="what-went-well")),
            "type": Key(Choice((kind,))),
            **keys,
        },
        rules=rules,
    )


def _scale_range(field: dict[str, Any], at: Path, ctx: Context) -> bool:
    if field["min"] < field["max"]:
        return True
    ctx.report(
        (*at, "max"),
        f"{ctx.name((*at, 'max'))} ({field['max']}) must be greater than 'min' ({field['min']})",
    )
    return False


def _table_size(field: dict[str, Any], at: Path, ctx: Context) -> bool:
    cells = len(field["columns"]) * field["rows"]
    if cells <= MAX_TABLE_CELLS:
        return True
    ctx.report(
        (*at, "rows"),
        f"{ctx.name(at)} is a table of {len(field['columns'])} columns × {field['rows']} rows"
        f" = {cells} cells, over the limit of {MAX_TABLE_CELLS} — use fewer rows or columns,"
        " or split it into two tables",
    )
    return False


_label = Key(Text(max_length=200, example="What went well?"))
_hint = Key(Text(max_length=300), required=False)
_items = Key(ListOf(Text(max_length=200), max_items=12, example="[First item, Second item]"))
_caption = Key(Text(max_length=40), required=False)

FIELD = Tagged(
    what="a field",
    variants={
        "heading": _field("heading", text=Key(Text(max_length=120, example="The interview"))),
        "text": _field("text", label=_label, hint=_hint),
        "lines": _field("lines", label=_label, hint=_hint, lines=Key(Integer(1, 20, example="4"))),
        "checklist": _field("checklist", label=_label, hint=_hint, items=_items),
        "scale": _field(
            "scale",
            _scale_range,
            label=_label,
            hint=_hint,
            items=_items,
            min=Key(Integer(0, 10, example="1")),
            max=Key(Integer(1, 10, example="5")),
            low=_caption,
            high=_caption,
        ),
        "table": _field(
            "table",
            _table_size,
            label=_label,
            hint=_hint,
            columns=Key(ListOf(Text(max_length=40), min_items=2, max_items=8, example="[A, B]")),
            rows=Key(Integer(1, 40, example="10")),
        ),
    },
)

WORKSHEET = Record(
    what="the worksheet's front matter",
    keys={
        "title": Key(Text(max_length=120, example="Interview post-mortem")),
        "summary": Key(Text(max_length=SUMMARY_LIMIT, example="One sentence on what it is for.")),
        "topics": Key(_refs("topics", "feedback", min_items=1)),
        "articles": Key(_refs("articles", "reply-with-grace"), required=False, default=[]),
        "minutes": Key(Integer(1, 120, example="20")),
        "fields": Key(ListOf(FIELD, max_items=MAX_FIELDS, example="[{id: …, type: lines, …}]")),
    },
)


MAX_DAY = 730
"""The latest step of a situation, in days after the reader heard: two years."""
MAX_STEPS_ON_DAY_ZERO = 3
"""A reader who heard today needs a handful of things at most."""

STEP = Record(
    what="a step",
    keys={
        "day": Key(Integer(0, MAX_DAY, example="7")),
        "action": Key(Ref("actions", example="reply-to-rejection-email-within-a-day")),
        "note": Key(Text(max_length=200), required=False),
        "text": Key(Text(max_length=200, example="Tell one person what happened"), required=False),
    },
)


SITUATION = Record(
    what="the situation's front matter",
    keys={
        "title": Key(Text(max_length=80, example="They said no after my interview")),
        "summary": Key(
            Text(max_length=SUMMARY_LIMIT, example="One sentence on when this path fits.")
        ),
        "counts_from": Key(Text(max_length=60, example="the day you heard")),
        "future_start": Key(Flag(), required=False, default=False),
        "steps": Key(ListOf(STEP, max_items=20, example="[{day: 0, action: give-yourself-a-day}]")),
        "order": Key(Integer(0, 10_000, example="10"), required=False, default=100),
        "also": ALSO,
    },
)


PLACEHOLDER = re.compile(r"\[([^\[\]\n]*)\]")
"""Anything in square brackets in a message is a placeholder the reader fills in."""
PLACEHOLDER_NAME = re.compile(r"[a-z][a-z' ]{0,39}")
PARTS_LINE = "{parts}"
"""The body line of a message with parts where the parts the reader ticks go."""

PART = Record(
    what="a part",
    keys={
        "id": Key(Identifier(example="thanks")),
        "label": Key(Text(max_length=80, example="Thanks for the news")),
        "text": Key(Text(max_length=600, example="Thank you for letting me know.", lines=True)),
        "checked": Key(Flag(), required=False, default=False),
    },
)

MESSAGE = Record(
    what="the message's front matter",
    keys={
        "title": Key(Text(max_length=80, example="Reply to a rejection")),
        "summary": Key(Text(max_length=SUMMARY_LIMIT, example="When to send it and what it does.")),
        "to": Key(Choice(RECIPIENTS, setting="recipients")),
        "subject": Key(Text(max_length=150, example='"Thank you: [role]"')),
        "placeholders": Key(
            ListOf(
                Text(max_length=40, example="contact name"),
                min_items=0,
                max_items=20,
                unique=True,
                example="[contact name, role, your name]",
            ),
            required=False,
            default=[],
        ),
        "parts": Key(
            ListOf(PART, min_items=2, max_items=10, example="[{id: thanks, label: …, text: …}]"),
            required=False,
            default=[],
        ),
    },
)
