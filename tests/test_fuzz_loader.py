"""Fuzzing the content loader: any input gives a Guide or a ContentError with lines.

Whatever an author types — arbitrary YAML, arbitrary front-matter structures,
text mangled by a bad paste — ``load_guide`` must return a model or raise
:class:`~guidekit.problems.ContentError` whose every problem names a file
and a line inside it. Any other exception is a bug. Runs are deterministic.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidekit.loader import load_guide
from guidekit.model import Guide
from guidekit.problems import ContentError
from tests.test_broken_content import BASE

ARTICLE = "articles/reply-with-grace.md"
TOPICS = "topics.yml"
WORKSHEET = "worksheets/follow-up-plan.md"
SITUATION = "situations/after-an-interview.md"
LOG = "applications.yml"
FILES = {"article": ARTICLE, "worksheet": WORKSHEET, "situation": SITUATION}

FUZZ = settings(
    max_examples=1000,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SMALLER = settings(FUZZ, max_examples=500)

# Words the content contract knows, so generated data reaches the deep checks.
KEYS = [
    "title", "summary", "topics", "actions", "related", "worksheets", "order", "id", "text",
    "when", "section", "articles", "minutes", "fields", "type", "label", "hint", "lines",
    "items", "min", "max", "low", "high", "columns", "rows", "icon", "steps", "day", "action", "counts_from", "future_start",
    "note", "to", "message", "replaces", "also", "reviewed",
    "fields", "stages", "outcomes", "paths", "rounds", "quiet_days", "advice", "below",
    "article", "fills", "question", "dated_from", "no_news",
]  # fmt: skip
WORDS = [
    "today", "this-week", "ongoing", "feedback", "never-burn-bridges", "reply-with-grace",
    "ask-for-feedback", "follow-up-plan", "how-to-reply", "reply-within-a-day", "lines",
    "table", "scale", "heading", "checklist", "index", "workbook", "send-feedback-request",
    "employer", "after-an-interview", "",
]  # fmt: skip
YAML_CHARACTERS = list(":-[]{},#&*!|>'\"%@`?\\ \t\n") + ["---", "...", "<<", "  ", "- "]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder with a valid content tree; each example swaps one file in and out."""
    root = tmp_path_factory.mktemp("fuzz")
    for name, text in BASE.items():
        (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / name).write_text(text, encoding="utf-8")
    return root


def load_with(root: Path, name: str, data: str | bytes) -> Guide | None:
    """Load the base guide with ``name`` replaced (or, outside it, added) by ``data``."""
    content = root / "content"
    raw = data.encode("utf-8") if isinstance(data, str) else data
    (content / name).write_bytes(raw)
    try:
        return _load(root, extra=name if name not in BASE else None)
    finally:
        if name in BASE:
            (content / name).write_text(BASE[name], encoding="utf-8")
        else:
            (content / name).unlink()


def _load(root: Path, extra: str | None = None) -> Guide | None:
    content = root / "content"
    try:
        return load_guide(content, root)
    except ContentError as error:
        assert error.problems, "a ContentError must list its problems"
        files = {f"content/{n}": (content / n).read_bytes() for n in [*BASE, *filter(None, [extra])]}
        for problem in error.problems:
            assert problem.path in files, problem
            # A line inside the file (or the one just after it: "the body is empty").
            last = files[problem.path].count(b"\n") + 2
            assert 1 <= problem.line <= last, problem
            assert problem.message and "Traceback" not in problem.message
            assert "<class" not in problem.message, problem
        return None


# --- strategies ---------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(WORDS),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=12))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=6)
    ),
    max_leaves=25,
)


def near(valid: Any) -> st.SearchStrategy[Any]:
    """Either the valid value or anything at all, so one key at a time goes wrong."""
    return st.one_of(st.just(valid), values)


actions = st.lists(
    st.fixed_dictionaries(
        {
            "id": near("reply-within-a-day"),
            "text": near("Reply within a day"),
            "when": near("today"),
        },
        optional={
            "section": near("how-to-reply"),
            "note": values,
            "to": near("employer"),
            "message": values,
        },
    ),
    max_size=3,
)
articles = st.fixed_dictionaries(
    {"title": near("Reply"), "summary": near("Short."), "topics": near(["never-burn-bridges"])},
    optional={
        "actions": st.one_of(actions, values),
        "related": near(["ask-for-feedback"]),
        "worksheets": near(["follow-up-plan"]),
        "order": near(10),
        "topic": values,
        "replaces": near(["old-reply"]),
        "also": near(["ghosted", "ghosting"]),
        "reviewed": near("2026-12-02"),
    },
)
fields = st.lists(
    st.fixed_dictionaries(
        {
            "id": near("notes"),
            "type": st.one_of(st.sampled_from(["lines", "table", "scale", "heading"]), values),
        },
        optional={
            "label": near("Notes"),
            "lines": near(3),
            "items": near(["a"]),
            "min": near(1),
            "max": near(5),
            "columns": near(["a", "b"]),
            "rows": near(10),
            "text": near("Heading"),
        },
    ),
    max_size=4,
)
worksheets = st.fixed_dictionaries(
    {
        "title": near("Plan"),
        "summary": near("Short."),
        "topics": near(["feedback"]),
        "minutes": near(10),
        "fields": st.one_of(fields, values),
    },
    optional={"articles": near(["reply-with-grace"])},
)


steps = st.lists(
    st.fixed_dictionaries(
        {"day": st.one_of(st.integers(-2, 800), values), "action": near("reply-within-a-day")},
        optional={"note": near("Once you are calm."), "text": near("Say thanks"), "when": values},
    ),
    max_size=5,
)
situations = st.fixed_dictionaries(
    {
        "title": near("They said no"),
        "summary": near("Short."),
        "counts_from": near("the day you heard"),
        "steps": st.one_of(steps, values),
    },
    optional={"order": near(10), "future_start": near(True), "also": near(["ghosted"])},
)


log_stages = st.lists(
    st.fixed_dictionaries(
        {"id": near("applied"), "label": near("Applied")},
        optional={
            "rounds": near(2),
            "quiet_days": st.one_of(st.integers(-1, 400), values),
            "paths": near({"turned-down": "after-an-interview"}),
            "advice": near({"below": 20, "article": "reply-with-grace", "text": "Few go on"}),
        },
    ),
    max_size=4,
)
log_outcomes = st.lists(
    st.fixed_dictionaries(
        {"id": near("turned-down"), "label": near("No")},
        optional={
            "paths": near(["after-an-interview"]),
            "question": near("What happened?"),
            "dated_from": near("stage"),
        },
    ),
    max_size=3,
)
logs = st.fixed_dictionaries(
    {
        "title": near("Your applications"),
        "fields": near([{"id": "company", "label": "Company", "fills": "contact name"}]),
        "stages": st.one_of(log_stages, values),
        "outcomes": st.one_of(log_outcomes, values),
    },
    optional={"no_news": near("turned-down")},
)
VALID_LOG = """\
title: Your applications
fields:
  - id: company
    label: Company
    fills: contact name
stages:
  - id: applied
    label: Applied
    quiet_days: 14
    paths: {turned-down: after-an-interview}
    advice: {below: 20, article: reply-with-grace, text: Few go on}
outcomes:
  - id: turned-down
    label: "No"
    paths: [after-an-interview]
no_news: turned-down
"""


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` after a few edits a hurried author or a bad paste might make."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        position = draw(st.integers(0, len(line)))
        edit = draw(st.sampled_from(["insert", "delete", "duplicate", "drop", "indent", "swap"]))
        if edit == "insert":
            piece = draw(st.one_of(st.sampled_from(YAML_CHARACTERS), st.text(max_size=3)))
            lines[index] = line[:position] + piece + line[position:]
        elif edit == "delete":
            lines[index] = line[:position] + line[position + draw(st.integers(1, 4)) :]
        elif edit == "duplicate":
            lines.insert(index, line)
        elif edit == "drop":
            del lines[index]
        elif edit == "indent":
            lines[index] = draw(st.sampled_from([" ", "  ", "\t", ""])) + line.lstrip()
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
    return "\n".join(lines)


def front_matter(data: Any, body: str = "Some text.\n") -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body


# --- tests --------------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_any_front_matter_gives_a_guide_or_located_problems(tree: Path, data: st.DataObject) -> None:
    """The main fuzz: generated structures dumped as YAML, then possibly mangled."""
    kind = data.draw(st.sampled_from(["article", "worksheet", "situation", "anything"]), label="kind")
    strategies = {"article": articles, "worksheet": worksheets, "situation": situations}
    structure = data.draw(strategies.get(kind, values), label="data")
    text = front_matter(structure)
    if data.draw(st.booleans(), label="mangle"):
        text = data.draw(mutated(text), label="text")
    load_with(tree, FILES.get(kind, ARTICLE), text)


yaml_text = st.lists(
    st.one_of(st.sampled_from(YAML_CHARACTERS), st.sampled_from(string.ascii_letters)),
    max_size=80,
).map("".join)


@SMALLER
@given(text=st.one_of(yaml_text, st.text(max_size=120)))
def test_any_yaml_text_as_front_matter(tree: Path, text: str) -> None:
    load_with(tree, ARTICLE, f"---\n{text}\n---\nBody.\n")


@SMALLER
@given(text=st.one_of(yaml_text, st.text(max_size=200), mutated(BASE[TOPICS])))
def test_any_topics_file(tree: Path, text: str) -> None:
    load_with(tree, TOPICS, text)


@SMALLER
@given(text=mutated(BASE[SITUATION]))
def test_any_edit_of_a_situation(tree: Path, text: str) -> None:
    load_with(tree, SITUATION, text)


@SMALLER
@given(raw=st.one_of(st.binary(max_size=200), mutated(BASE[ARTICLE]).map(str.encode)))
def test_any_bytes_as_an_article(tree: Path, raw: bytes) -> None:
    load_with(tree, ARTICLE, raw)


@SMALLER
@given(data=st.data())
def test_any_applications_log(tree: Path, data: st.DataObject) -> None:
    """content/applications.yml: generated logs, edits of a valid one, or any text."""
    structured = logs.map(lambda log: yaml.safe_dump(log, allow_unicode=True, sort_keys=False))
    text = data.draw(st.one_of(structured, mutated(VALID_LOG), yaml_text), label="text")
    load_with(tree, LOG, text)


def test_the_valid_log_loads(tree: Path) -> None:
    """The edits start from a log that loads, so what fails comes from the edit."""
    guide = load_with(tree, LOG, VALID_LOG)
    assert guide is not None and guide.applog is not None
    assert guide.applog.stages[0].paths == {"turned-down": "after-an-interview"}


def test_the_base_guide_is_valid(tree: Path) -> None:
    """The fuzz starts from valid content, so failures come from the generated part."""
    guide = load_with(tree, ARTICLE, BASE[ARTICLE])
    assert guide is not None and set(guide.articles) == {"reply-with-grace", "ask-for-feedback"}
    assert [s.action for s in guide.situations["after-an-interview"].steps] == [
        "reply-within-a-day", "send-feedback-request"
    ]
