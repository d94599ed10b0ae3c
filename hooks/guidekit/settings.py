"""What belongs to one guide rather than to the engine: its names, its rules, its pages.

A guide sets these under ``extra.guide`` in its mkdocs.yml. The MkDocs adapter
and the ``check`` command both read them through :func:`from_config`, so the
two can never disagree about, say, which folder holds the content.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlsafe
from .contract import PLACEHOLDER_NAME
from .problems import Problems
from .schema import INVALID, KEBAB, Context, Flag, Key, ListOf, Record, Spec, Text, key_path
from .yamlsafe import Document, Unreadable

Slugify = Callable[[str, str], str]
"""The Markdown toc extension's slug function: (heading text, separator) → id."""


@dataclass(frozen=True)
class Detail:
    """Something a reader types once to fill one placeholder in every message."""

    placeholder: str
    """The placeholder it fills, without brackets: 'your name' fills [your name]."""
    label: str
    """The label of its field."""
    autocomplete: str = "off"
    """The field's HTML ``autocomplete`` token ('name', 'organization'…), or 'off'."""


DEFAULT_DETAILS = (
    Detail("your name", "Your name", "name"),
    Detail("contact name", "Their name (the person you are writing to)"),
)
"""The details a guide asks for when its settings name none."""
DEFAULT_PLAN_TITLE = "Your plan"


@dataclass(frozen=True)
class Settings:
    """One guide's policy; the defaults suit a guide with no rules of its own."""

    name: str = "Guide"
    """The guide's name, as readers see it (defaults to ``site_name``)."""
    content_dir: Path = Path("content")
    """The folder of topics.yml, articles/, worksheets/… (relative to the project)."""
    required_topics: Mapping[str, str] = field(default_factory=dict)
    """Topic id → title of the topics every edition of the guide must keep."""
    workbook_title: str = ""
    """The title of the PDF with every worksheet (default: '<name>: the workbook')."""
    storage: str = ""
    """Readers' browser data is kept under this name (default: the guide's name)."""
    pages: tuple[str, ...] = ()
    """Hand-written pages of docs/ listed at the end of the navigation."""
    pdfs: bool = True
    """Whether worksheets get PDFs (the GUIDE_PDFS environment variable overrides it)."""
    plan_title: str = DEFAULT_PLAN_TITLE
    """The title of the page with every step of the guide, /checklists/."""
    details: tuple[Detail, ...] = DEFAULT_DETAILS
    """What the message composer asks for, in order."""
    slugify: Slugify | None = None
    """How headings get their ids: the toc extension's ``slugify`` from mkdocs.yml."""

    @property
    def workbook(self) -> str:
        return self.workbook_title or f"{self.name}: the workbook"

    @property
    def storage_name(self) -> str:
        return self.storage or self.name


class _Group(Spec):
    """A group of keys that another part of the engine checks (the installed app's)."""

    shape = "a group of keys"

    def check(self, value: Any, at: yamlsafe.Path, ctx: Context) -> Any:
        return value if isinstance(value, dict) else self.wrong_shape(value, at, ctx)


class _Titles(Spec):
    """A mapping of topic id → title."""

    shape = "a group of keys"
    example = "{feedback: Ask for feedback}"

    def check(self, value: Any, at: yamlsafe.Path, ctx: Context) -> Any:
        if not isinstance(value, dict):
            return self.wrong_shape(value, at, ctx)
        titles = {}
        for topic, title in value.items():
            checked = Text(max_length=80, example="Ask for feedback").check(
                title, (*at, topic), ctx
            )
            if not KEBAB.fullmatch(topic):
                ctx.report(
                    (*at, topic),
                    f"'{topic}' is not a topic id — use the kebab-case id from topics.yml",
                )
                checked = INVALID
            titles[topic] = checked
        return INVALID if INVALID in titles.values() else titles


def _placeholder_name(detail: dict[str, Any], at: yamlsafe.Path, ctx: Context) -> bool:
    if PLACEHOLDER_NAME.fullmatch(detail["placeholder"]):
        return True
    ctx.report(
        (*at, "placeholder"),
        f"{ctx.name((*at, 'placeholder'))} is {detail['placeholder']!r}, not a placeholder name"
        " — write it as the message does, without brackets: lowercase words like 'contact name'",
    )
    return False


DETAIL = Record(
    what="a detail",
    keys={
        "placeholder": Key(Text(max_length=40, example="contact name")),
        "label": Key(Text(max_length=80, example="Their name")),
        "autocomplete": Key(Text(max_length=40, example="name"), required=False, default="off"),
    },
    rules=(_placeholder_name,),
)

GUIDE_SETTINGS = Record(
    what="extra.guide",
    keys={
        "name": Key(Text(max_length=80, example="My guide"), required=False),
        "content_dir": Key(
            Text(max_length=200, example="content"), required=False, default="content"
        ),
        "required_topics": Key(_Titles(), required=False, default={}),
        "workbook_title": Key(
            Text(max_length=120, example="The workbook"), required=False, default=""
        ),
        "storage": Key(Text(max_length=80, example="my-guide"), required=False, default=""),
        "pages": Key(
            ListOf(
                Text(max_length=200, example="about.md"),
                min_items=0,
                unique=True,
                example="[about.md]",
            ),
            required=False,
            default=[],
        ),
        "pdfs": Key(Flag(), required=False, default=True),
        "plan_title": Key(
            Text(max_length=80, example="Your plan"), required=False, default=DEFAULT_PLAN_TITLE
        ),
        "details": Key(
            ListOf(
                DETAIL,
                min_items=0,
                max_items=20,
                example="[{placeholder: your name, label: Your name, autocomplete: name}]",
            ),
            required=False,
        ),
        # Checked by offline.app_from_config, which reports its own problems.
        "app": Key(_Group(), required=False, default={}),
    },
)


def from_config(
    site_name: str,
    guide: Any,
    root: Path,
    docs_dir: Path,
    slugify: Slugify | None = None,
) -> Settings:
    """The guide's :class:`Settings` from mkdocs.yml's ``site_name`` and ``extra.guide``.

    Raises :class:`~guidekit.problems.ContentError` with a ``mkdocs.yml:line``
    problem for each setting that is wrong.
    """
    problems = Problems()
    document = Document(guide, _lines(root / "mkdocs.yml"))
    ctx = Context("mkdocs.yml", document, problems, root="extra.guide")
    data = GUIDE_SETTINGS.check(guide if guide is not None else {}, ("extra", "guide"), ctx)
    if data is not INVALID:
        for index, page in enumerate(data["pages"]):
            if not (docs_dir / page).is_file():
                ctx.report(
                    ("extra", "guide", "pages", index),
                    f"'{key_path(('extra', 'guide', 'pages', index))}' names '{page}', which is"
                    f" not a page in {docs_dir.name}/ — create it or remove it from the list",
                )
        _details_unique(data["details"] or [], ctx)
    problems.raise_if_any()
    return Settings(
        name=data["name"] or site_name,
        content_dir=root / data["content_dir"],
        required_topics=data["required_topics"],
        workbook_title=data["workbook_title"],
        storage=data["storage"],
        pages=tuple(data["pages"]),
        pdfs=data["pdfs"],
        plan_title=data["plan_title"],
        details=_details(data["details"]),
        slugify=slugify,
    )


def _details_unique(details: list[dict[str, str]], ctx: Context) -> None:
    """Each placeholder has one field: the composer stores a detail under its placeholder."""
    seen: set[str] = set()
    for index, detail in enumerate(details):
        if detail["placeholder"] in seen:
            ctx.report(
                ("extra", "guide", "details", index, "placeholder"),
                f"'{key_path(('extra', 'guide', 'details', index, 'placeholder'))}' repeats"
                f" '{detail['placeholder']}' — list each placeholder once",
            )
        seen.add(detail["placeholder"])


def _details(listed: list[dict[str, str]] | None) -> tuple[Detail, ...]:
    """The details a guide lists, or the defaults when it lists none."""
    if listed is None:
        return DEFAULT_DETAILS
    return tuple(Detail(d["placeholder"], d["label"], d["autocomplete"]) for d in listed)


def from_mkdocs(config: Any, root: Path) -> Settings:
    """:func:`from_config` for a loaded MkDocs config (read by attribute, never imported)."""
    toc = config.mdx_configs.get("toc", {})
    return from_config(
        config.site_name,
        config.extra.get("guide"),
        root,
        Path(config.docs_dir),
        toc.get("slugify"),
    )


def theme_icon(theme_dirs: Sequence[str], name: str) -> Path | None:
    """The theme's SVG file for an icon name like 'material/heart-outline', or None.

    Material includes ``.icons/<name>.svg`` for a page's icon; the contract lets
    only 'set/name' through, so the path never leaves the theme's folders.
    """
    candidates = (Path(folder) / ".icons" / f"{name}.svg" for folder in theme_dirs)
    return next((path for path in candidates if path.is_file()), None)


def icon_checker(theme_dirs: Sequence[str]) -> Callable[[str], bool]:
    """Whether the theme has an icon: the loader's check for topic icons."""
    return lambda name: theme_icon(theme_dirs, name) is not None


_TAG = re.compile(r"!!?[\w/.:-]*")


def _lines(mkdocs_yml: Path) -> dict[yamlsafe.Path, int]:
    """The line of every value in mkdocs.yml, so a problem points at its setting.

    mkdocs.yml may use tags (``!ENV``, ``!!python/name:…``) that our strict
    reader refuses; they do not move lines, so they are dropped first.
    """
    try:
        text = _TAG.sub("", mkdocs_yml.read_text(encoding="utf-8"))
        return yamlsafe.parse(text).lines
    except (OSError, UnicodeDecodeError, Unreadable):
        return {}
