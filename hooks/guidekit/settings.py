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
from .contract import PLACEHOLDER_NAME, RECIPIENT_NAMES, THREAD_RECIPIENTS
from .model import WHEN_TITLES
from .offline import IMAGE_TYPES, App
from .problems import Problems
from .schema import (
    INVALID,
    KEBAB,
    Context,
    Flag,
    Identifier,
    Key,
    ListOf,
    Record,
    Spec,
    Text,
    Words,
    key_path,
)
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
class Recipient:
    """Someone a message, or an action that sends one, goes to."""

    id: str
    name: str
    """How pages name them: 'The employer'."""
    thread: bool = False
    """Whether they usually wrote first, so a reply belongs in their email thread."""


@dataclass(frozen=True)
class When:
    """A checklist group: when to do an action."""

    id: str
    title: str


DEFAULT_RECIPIENTS = tuple(
    Recipient(id, name, id in THREAD_RECIPIENTS) for id, name in RECIPIENT_NAMES.items()
)
DEFAULT_WHEN = tuple(When(id, title) for id, title in WHEN_TITLES.items())


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
    recipients: tuple[Recipient, ...] = DEFAULT_RECIPIENTS
    """Who messages go to, in the order the list of messages shows them."""
    when: tuple[When, ...] = DEFAULT_WHEN
    """The checklist groups, in the order a reader meets them."""
    app: App | None = None
    """The installed app (the web app manifest), from ``extra.guide.app`` and site_name."""
    slugify: Slugify | None = None
    """How headings get their ids: the toc extension's ``slugify`` from mkdocs.yml."""

    @property
    def workbook(self) -> str:
        return self.workbook_title or f"{self.name}: the workbook"

    @property
    def storage_name(self) -> str:
        return self.storage or self.name

    @property
    def words(self) -> Words:
        """The ids of the guide's own words, for the specs that take them (``with_words``)."""
        return {
            "recipients": tuple(r.id for r in self.recipients),
            "when": tuple(w.id for w in self.when),
        }


COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


class _Colour(Spec):
    """A colour written as '#rgb' or '#rrggbb'."""

    shape = "text"
    example = '"#2f5d50"'

    def check(self, value: Any, at: yamlsafe.Path, ctx: Context) -> Any:
        if not isinstance(value, str):
            return self.wrong_shape(value, at, ctx)
        if not COLOUR.fullmatch(value):
            ctx.report(
                at,
                f"'{key_path(at)}' is '{value}', which is not a colour — write it like"
                f" {self.example}",
            )
            return INVALID
        return value


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

RECIPIENT = Record(
    what="a recipient",
    keys={
        "id": Key(Identifier(example="employer")),
        "name": Key(Text(max_length=80, example="The employer")),
        "thread": Key(Flag(), required=False, default=False),
    },
)
WHEN = Record(
    what="a checklist group",
    keys={
        "id": Key(Identifier(example="today")),
        "title": Key(Text(max_length=40, example="Today")),
    },
)
APP = Record(
    what="extra.guide.app",
    keys={
        "short_name": Key(Text(max_length=40, example="After the No"), required=False),
        "theme_color": Key(_Colour(), required=False),
        "background_color": Key(_Colour(), required=False),
        "icons": Key(
            ListOf(Text(max_length=200), example="[assets/icons/icon-192.png]"),
            required=False,
        ),
    },
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
        "recipients": Key(
            ListOf(
                RECIPIENT,
                max_items=30,
                example="[{id: employer, name: The employer, thread: true}]",
            ),
            required=False,
        ),
        "when": Key(
            ListOf(WHEN, max_items=12, example="[{id: today, title: Today}]"),
            required=False,
        ),
        "app": Key(APP, required=False, default={}),
    },
)


def from_config(
    site_name: str,
    guide: Any,
    root: Path,
    docs_dir: Path,
    slugify: Slugify | None = None,
    site: Mapping[str, Any] | None = None,
) -> Settings:
    """The guide's :class:`Settings` from mkdocs.yml's ``site_name`` and ``extra.guide``;
    ``site`` holds what the app takes from the rest of mkdocs.yml (description, language,
    favicon).

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
    # Read from the raw settings, so these are reported along with any other problem.
    raw = guide if isinstance(guide, dict) else {}
    for setting in ("recipients", "when"):
        _ids_unique(setting, raw.get(setting), ctx)
    app = raw.get("app")
    _icons_exist(app.get("icons") if isinstance(app, dict) else None, docs_dir, ctx)
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
        recipients=tuple(Recipient(r["id"], r["name"], r["thread"]) for r in data["recipients"])
        if data["recipients"]
        else DEFAULT_RECIPIENTS,
        when=tuple(When(w["id"], w["title"]) for w in data["when"])
        if data["when"]
        else DEFAULT_WHEN,
        app=_app(site_name, data["app"], site or {}),
        slugify=slugify,
    )


def _app(site_name: str, app: dict[str, Any], site: Mapping[str, Any]) -> App:
    favicon = site.get("favicon")
    icons = app.get("icons") or ([favicon] if favicon else [])
    return App(
        site_name,
        app.get("short_name") or site_name,
        site.get("description") or "",
        site.get("language") or "en",
        tuple(icon.lstrip("/") for icon in icons),
        app.get("theme_color"),
        app.get("background_color"),
    )


def _ids_unique(setting: str, items: Any, ctx: Context) -> None:
    """Each recipient or checklist group is named once: content refers to it by id."""
    seen: set[str] = set()
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        at = ("extra", "guide", setting, index, "id")
        if item["id"] in seen:
            ctx.report(
                at,
                f"'{key_path(at)}' repeats '{item['id']}' — list each id once",
            )
        seen.add(item["id"])


def _icons_exist(icons: Any, docs_dir: Path, ctx: Context) -> None:
    """The app's icons are SVG, PNG or WebP files in docs/, as the manifest says they are."""
    for index, icon in enumerate(icons if isinstance(icons, list) else []):
        if not isinstance(icon, str) or not icon.strip():
            continue
        path = docs_dir / icon.strip().lstrip("/")
        outside = ".." in Path(icon).parts  # the manifest may only point into the site
        if outside or path.suffix.lower() not in IMAGE_TYPES or not path.is_file():
            at = ("extra", "guide", "app", "icons", index)
            ctx.report(
                at,
                f"'{key_path(at)}' names '{icon}', which is not an SVG, PNG or WebP file in"
                f" {docs_dir.name}/ — add the file or remove it from the list",
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
    site = {
        "description": config.site_description,
        "language": config.theme.get("language", "en"),
        "favicon": config.theme.get("favicon"),
    }
    return from_config(
        config.site_name,
        config.extra.get("guide"),
        root,
        Path(config.docs_dir),
        toc.get("slugify"),
        site,
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
