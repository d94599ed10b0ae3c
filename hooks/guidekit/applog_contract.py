"""The authors' interface of applications.yml: its keys, and the starting file ``new`` writes.

AUTHORING.md documents the same keys for authors, with a complete example.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import yamlsafe
from .problems import write_new
from .schema import (
    INVALID,
    Choice,
    Context,
    Identifier,
    Integer,
    Key,
    ListOf,
    Record,
    Ref,
    Spec,
    Text,
)

FILE = "applications.yml"
"""The log's declaration, inside the content folder."""
FIELD_TYPES = ("text", "url", "email", "notes")

_situation = Ref("situations", example="after-an-interview")

FIELD = Record(
    what="a field",
    keys={
        "id": Key(Identifier(example="company")),
        "label": Key(Text(max_length=60, example="Company")),
        "type": Key(Choice(FIELD_TYPES), required=False, default="text"),
        "fills": Key(Text(max_length=40, example="company"), required=False),
    },
)


class _PathsByOutcome(Spec):
    """outcome id → situation slug: which path a stage suggests for each outcome."""

    shape = "a group of keys"
    example = "{turned-down: after-an-interview}"

    def check(self, value: Any, at: yamlsafe.Path, ctx: Context) -> Any:
        if not isinstance(value, dict):
            return self.wrong_shape(value, at, ctx)
        checked = {
            outcome: _situation.check(slug, (*at, outcome), ctx) for outcome, slug in value.items()
        }
        return INVALID if INVALID in checked.values() else checked

    def json_schema(self) -> dict[str, Any]:
        schema = {"type": "object", "additionalProperties": _situation.json_schema()}
        return self.annotated(schema, "Outcome id → the situation chosen first for it here.")


ADVICE = Record(
    what="the advice",
    keys={
        "below": Key(Integer(1, 99, example="20")),
        "article": Key(Ref("articles", example="decide-what-to-change")),
        "text": Key(Text(max_length=120, example="Few of your applications get past this stage")),
    },
)

STAGE = Record(
    what="a stage",
    keys={
        "id": Key(Identifier(example="interview")),
        "label": Key(Text(max_length=40, example="Interview")),
        "rounds": Key(Integer(1, 10, example="3"), required=False, default=1),
        "quiet_days": Key(Integer(1, 365, example="14"), required=False),
        "paths": Key(_PathsByOutcome(), required=False),
        "advice": Key(ADVICE, required=False),
    },
)

OUTCOME = Record(
    what="an outcome",
    keys={
        "id": Key(Identifier(example="turned-down")),
        "label": Key(Text(max_length=40, example='"No"')),
        "paths": Key(
            ListOf(
                _situation, min_items=0, max_items=20, unique=True, example="[after-an-interview]"
            ),
            required=False,
            default=[],
        ),
        "question": Key(
            Text(max_length=80, example="What happened?"), required=False, default="What happened?"
        ),
        "dated_from": Key(Choice(("outcome", "stage")), required=False, default="outcome"),
    },
)

APPLOG = Record(
    what="applications.yml",
    keys={
        "title": Key(Text(max_length=60, example="Your applications")),
        "fields": Key(
            ListOf(FIELD, min_items=1, max_items=20, example="[{id: company, label: Company}]")
        ),
        "stages": Key(
            ListOf(STAGE, min_items=1, max_items=12, example="[{id: applied, label: Applied}]")
        ),
        "outcomes": Key(
            ListOf(OUTCOME, min_items=1, max_items=12, example='[{id: turned-down, label: "No"}]')
        ),
        "no_news": Key(Identifier(example="heard-nothing"), required=False),
        "worksheet": Key(Ref("worksheets", example="application-pipeline-tracker"), required=False),
    },
)
"""The keys of applications.yml; ``python -m guidekit schema`` exports it."""


STARTER = """\
# The applications log: what a reader keeps about each application, in their
# browser only. The page is /applications/. Run `python -m guidekit check`
# after editing; the JSON Schema is content/.schemas/applications.schema.json.
title: $title
# What the reader types for each application. The first field names it.
# Ids are stored in readers' browsers: keep them once published.
fields:
  - id: company
    label: Company
    fills: company  # fills this composer detail when an outcome opens a path
  - id: role
    label: Role
  - id: link
    label: Link to the advert
    type: url  # text, url, email or notes
# The stages, in order; each keeps its own date.
stages:
  - id: applied
    label: Applied
    quiet_days: 14  # "No news for N days" after this many days
  - id: interview
    label: Interview
    rounds: 3  # several interview rounds
    quiet_days: 10
  - id: offer
    label: Offer
# How an application ends, and the paths (situations) each outcome opens.
outcomes:
  - id: turned-down
    label: "No"
    paths: [$situation]
  - id: accepted
    label: Accepted
"""


def new(content_dir: Path, root: Path, title: str = "Your applications") -> int:
    """``new applications``: write a starting applications.yml, never over an existing one."""
    path = content_dir / FILE
    situations = sorted(p.stem for p in (content_dir / "situations").glob("*.md"))
    text = STARTER.replace("$title", title)
    text = text.replace("$situation", situations[0] if situations else "after-an-interview")
    if not write_new(path, text, root, "edit that one"):
        return 1
    print("next: list your fields, stages and outcomes, then run `python -m guidekit check`")
    return 0
