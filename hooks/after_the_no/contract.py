"""The authors' interface: which keys each content file takes, and their limits.

The README documents the same contract with a complete example.
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
    Identifier,
    Integer,
    Key,
    ListOf,
    Record,
    Rule,
    Spec,
    Tagged,
    Text,
)
from .yamlsafe import Path

ICON = re.compile(r"[a-z0-9-]+/[a-z0-9-]+")
"""An icon set and name; nothing that could walk folders."""

REQUIRED_TOPICS = {
    "feedback": "Ask for feedback",
    "never-burn-bridges": "Never burn bridges",
    "dont-put-all-eggs-in-one-basket": "Don't put all your eggs in one basket",
}
"""Topics every edition of the guide must have, with their titles."""

RECIPIENTS = (
    "employer",
    "agency",
    "manager",
    "colleague",
    "references",
    "network",
    "friend",
    "public",
)
"""Who a message, or an action that sends one, goes to.

``employer`` is anyone at the company that turned the reader down (hiring
manager, HR, in-house recruiter); ``agency`` an agency recruiter; ``manager``
and ``colleague`` people at the reader's own workplace.
"""

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
RESERVED_WORKSHEET_SLUGS = {
    "index": "its page would take the address of the list of worksheets, /worksheets/",
    urls.WORKBOOK: f"its PDFs would replace the workbook, /{urls.pdf(urls.WORKBOOK, 'a4')}",
}


def _slugs(example: str) -> ListOf:
    return ListOf(Identifier(example=example), min_items=0, unique=True, example=f"[{example}]")


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
        "id": Key(Identifier(example="send-thank-you-note")),
        "text": Key(InlineText(max_length=300, example="Send a thank-you note")),
        "when": Key(Choice(WHEN_ORDER)),
        "section": Key(Identifier(example="how-to-do-it"), required=False),
        "to": Key(Choice(RECIPIENTS), required=False),
        "message": Key(Identifier(example="reply-to-a-rejection"), required=False),
    },
)

ARTICLE = Record(
    what="the article's front matter",
    keys={
        "title": Key(Text(max_length=120, example="Send a thank-you note anyway")),
        "summary": Key(
            Text(max_length=SUMMARY_LIMIT, example="One sentence on what the reader gets.")
        ),
        "topics": Key(ListOf(Identifier(example="feedback"), unique=True, example="[feedback]")),
        "actions": Key(
            ListOf(ACTION, min_items=0, max_items=20, example="[{id: …, text: …, when: today}]"),
            required=False,
            default=[],
        ),
        "related": Key(_slugs("reply-with-grace"), required=False, default=[]),
        "worksheets": Key(_slugs("interview-post-mortem"), required=False, default=[]),
        "order": Key(Integer(0, 10_000, example="10"), required=False, default=100),
        "replaces": Key(_slugs("questions-that-get-useful-answers"), required=False, default=[]),
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
        "lines": _field(
            "lines", label=_label, hint=_hint, lines=Key(Integer(1, 20, example="4"))
        ),
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
        "topics": Key(ListOf(Identifier(example="feedback"), unique=True, example="[feedback]")),
        "articles": Key(_slugs("reply-with-grace"), required=False, default=[]),
        "minutes": Key(Integer(1, 120, example="20")),
        "fields": Key(ListOf(FIELD, max_items=MAX_FIELDS, example="[{id: …, type: lines, …}]")),
    },
)
