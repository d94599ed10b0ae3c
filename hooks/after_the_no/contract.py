"""The authors' interface: which keys each content file takes, and their limits.

The README documents the same contract with a complete example.
"""

from __future__ import annotations

from .model import WHEN_ORDER
from .schema import Choice, Identifier, Integer, Key, ListOf, Record, Tagged, Text

REQUIRED_TOPICS = {
    "feedback": "Ask for feedback",
    "never-burn-bridges": "Never burn bridges",
    "dont-put-all-eggs-in-one-basket": "Don't put all your eggs in one basket",
}
"""Topics every edition of the guide must have, with their titles."""

SUMMARY_LIMIT = 200
MAX_FIELDS = 60
MAX_TABLE_CELLS = 300

_slug_list = ListOf(Identifier(example="reply-with-grace"), min_items=0, unique=True)

TOPIC = Record(
    what="a topic",
    keys={
        "id": Key(Identifier(example="feedback")),
        "title": Key(Text(max_length=80, example="Ask for feedback")),
        "summary": Key(Text(max_length=SUMMARY_LIMIT, example="One sentence about the topic.")),
        "icon": Key(Text(max_length=80, example="material/email-outline"), required=False),
    },
)

TOPICS_FILE = ListOf(
    TOPIC, min_items=1, max_items=200, example="[{id: feedback, title: Ask for feedback, …}]"
)

ACTION = Record(
    what="an action",
    keys={
        "id": Key(Identifier(example="send-thank-you-note")),
        "text": Key(Text(max_length=300, example="Send a thank-you note")),
        "when": Key(Choice(WHEN_ORDER)),
        "section": Key(Identifier(example="how-to-do-it"), required=False),
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
        "related": Key(_slug_list, required=False, default=[]),
        "worksheets": Key(_slug_list, required=False, default=[]),
        "order": Key(Integer(0, 10_000, example="order: 10"), required=False, default=100),
    },
)


def _field(kind: str, **keys: Key) -> Record:
    return Record(
        what=f"a '{kind}' field",
        keys={"id": Key(Identifier(example="what-went-well")), "type": Key(Choice((kind,))), **keys},
    )


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
            "lines", label=_label, hint=_hint, lines=Key(Integer(1, 20, example="lines: 4"))
        ),
        "checklist": _field("checklist", label=_label, hint=_hint, items=_items),
        "scale": _field(
            "scale",
            label=_label,
            hint=_hint,
            items=_items,
            min=Key(Integer(0, 10, example="min: 1")),
            max=Key(Integer(1, 10, example="max: 5")),
            low=_caption,
            high=_caption,
        ),
        "table": _field(
            "table",
            label=_label,
            hint=_hint,
            columns=Key(ListOf(Text(max_length=40), min_items=2, max_items=8, example="[A, B]")),
            rows=Key(Integer(1, 40, example="rows: 10")),
        ),
    },
)

WORKSHEET = Record(
    what="the worksheet's front matter",
    keys={
        "title": Key(Text(max_length=120, example="Interview post-mortem")),
        "summary": Key(Text(max_length=SUMMARY_LIMIT, example="One sentence on what it is for.")),
        "topics": Key(ListOf(Identifier(example="feedback"), unique=True, example="[feedback]")),
        "articles": Key(_slug_list, required=False, default=[]),
        "minutes": Key(Integer(1, 120, example="minutes: 20")),
        "fields": Key(ListOf(FIELD, max_items=MAX_FIELDS, example="[{id: …, type: lines, …}]")),
    },
)
