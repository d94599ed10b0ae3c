"""The applications log: declared by a guide in ``content/applications.yml``.

The file names the fields a reader fills in for each application, the stages
in order, the outcomes and the path (situation) each one opens, and the
advice to show where the reader's own rate at a stage is low. The reader's
applications themselves never reach the build: they stay in the browser.

A guide without the file has no log: :func:`load` returns None and no page,
navigation entry or schema use is made of it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import frontmatter, urls, yamlsafe
from .applog_contract import APPLOG, FILE, new
from .contract import PLACEHOLDER_NAME
from .kinds import Template, View
from .problems import Problems, did_you_mean, display_path, quoted_list
from .schema import INVALID, Context

__all__ = ["APPLOG", "FILE", "NOUN", "PAGE", "Applog", "load", "new", "page_data"]

URL = urls.applications()
"""The log page's address."""
NOUN = "applications"
"""The log, in an author's words: `python -m guidekit new applications "…"`."""
MIN_JUDGED = 5
"""No rate is judged, and no advice given, on fewer applications than this."""


@dataclass(frozen=True)
class Field:
    id: str
    """Stored with each application under this id: keep it once published."""
    label: str
    type: str = "text"
    """One of :data:`FIELD_TYPES`: how the field is typed and shown."""
    fills: str | None = None
    """The composer's placeholder it fills ('company') when an outcome opens a path."""


@dataclass(frozen=True)
class Advice:
    below: int
    """Percent: a rate from the stage to the next under this shows the advice."""
    article: str
    """Slug of the article with the advice."""
    text: str
    """The link's words."""


@dataclass(frozen=True)
class Stage:
    id: str
    label: str
    rounds: int = 1
    """How many times an application can be at this stage (interview rounds)."""
    quiet_days: int | None = None
    """Days without news after which an application at this stage is flagged."""
    paths: Mapping[str, str] | None = None
    """Outcome id → the situation chosen first when an application ends so here."""
    advice: Advice | None = None


@dataclass(frozen=True)
class Outcome:
    id: str
    label: str
    paths: tuple[str, ...] = ()
    """The situations it may open; with more than one, the reader is asked which."""
    question: str = "What happened?"
    dated_from: str = "outcome"
    """'outcome': the opened path counts from the outcome's date; 'stage': from
    the date of the stage the application had reached (the day you applied)."""


@dataclass(frozen=True)
class Applog:
    """One guide's applications log."""

    title: str
    fields: tuple[Field, ...]
    stages: tuple[Stage, ...]
    outcomes: tuple[Outcome, ...]
    no_news: str | None
    """The outcome whose path a "No news for N days" flag links to."""
    worksheet: str | None
    """The printable worksheet that keeps the same list on paper: each links to the other."""
    path: str
    """The declaration's path relative to the project, for messages."""


def load(
    content_dir: Path,
    root: Path,
    problems: Problems,
    existing: Mapping[str, Collection[str] | None],
    placeholders: Collection[str] | None,
) -> Applog | None:
    """Read and check ``content_dir/applications.yml``; None when there is none or it is wrong.

    ``existing`` holds the slugs of the situations and articles that exist (None
    for a type whose files could not all be read: its references are not
    checked); ``placeholders`` are the composer's, which a field may fill.
    """
    path = content_dir / FILE
    if not path.exists():
        return None
    where = display_path(path, root)
    document = frontmatter.read_reporting(path, where, problems, yamlsafe.parse)
    if document is None:
        return None
    ctx = Context(where, document, problems, root=FILE)
    data = APPLOG.check(document.data, (), ctx)
    if data is INVALID:
        return None
    before = len(problems)
    _cross_checks(data, ctx, existing, placeholders)
    if len(problems) > before:
        return None
    return _model(data, where)


def _unique(items: list[dict[str, Any]], key: str, what: str, ctx: Context) -> None:
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        line = ctx.document.line((key, index, "id"))
        if item["id"] in first:
            ctx.report(
                (key, index, "id"),
                f"the {what} id '{item['id']}' is already used on line {first[item['id']]}"
                f" — give each {what} its own id",
            )
        first.setdefault(item["id"], line)


def _cross_checks(
    data: dict[str, Any],
    ctx: Context,
    existing: Mapping[str, Collection[str] | None],
    placeholders: Collection[str] | None,
) -> None:
    """What one key cannot check alone: unique ids, references, outcome names."""
    _unique(data["fields"], "fields", "field", ctx)
    _unique(data["stages"], "stages", "stage", ctx)
    _unique(data["outcomes"], "outcomes", "outcome", ctx)
    for index, field in enumerate(data["fields"]):
        _fills_a_detail(field["fills"], ("fields", index, "fills"), placeholders, ctx)
    situations = existing.get("situations")
    outcomes = {outcome["id"]: outcome for outcome in data["outcomes"]}
    for index, outcome in enumerate(data["outcomes"]):
        for number, slug in enumerate(outcome["paths"]):
            _exists(slug, situations, "situation", ("outcomes", index, "paths", number), ctx)
    for index, stage in enumerate(data["stages"]):
        for outcome_id, slug in (stage["paths"] or {}).items():
            at = ("stages", index, "paths", outcome_id)
            if _is_outcome(outcome_id, outcomes, at, ctx) and _exists(
                slug, situations, "situation", at, ctx
            ):
                _among_its_paths(slug, outcomes[outcome_id], at, ctx)
        if stage["advice"]:
            at = ("stages", index, "advice", "article")
            _exists(stage["advice"]["article"], existing.get("articles"), "article", at, ctx)
    if data["worksheet"]:
        _exists(data["worksheet"], existing.get("worksheets"), "worksheet", ("worksheet",), ctx)
    no_news = data["no_news"]
    if (
        no_news is not None
        and _is_outcome(no_news, outcomes, ("no_news",), ctx)
        and not outcomes[no_news]["paths"]
    ):
        ctx.report(
            ("no_news",),
            f"'no_news' names the outcome '{no_news}', which opens no path — give that"
            " outcome 'paths', so the flag can lead to what to do",
        )


def _exists(
    slug: str, found: Collection[str] | None, kind: str, at: yamlsafe.Path, ctx: Context
) -> bool:
    """Whether ``slug`` names an existing entry (unknown when its type could not be read)."""
    if found is None or slug in found:
        return True
    ctx.report(
        at,
        f"{ctx.name(at)} names the {kind} '{slug}', which does not exist"
        + (did_you_mean(slug, found) or f" — use the file name of one in content/{kind}s/"),
    )
    return False


def _is_outcome(name: str, outcomes: Mapping[str, Any], at: yamlsafe.Path, ctx: Context) -> bool:
    if name in outcomes:
        return True
    ctx.report(
        at,
        f"{ctx.name(at)} names '{name}', which is not an outcome"
        + (did_you_mean(name, outcomes) or f" — use one of {quoted_list(outcomes)}"),
    )
    return False


def _among_its_paths(slug: str, outcome: dict[str, Any], at: yamlsafe.Path, ctx: Context) -> None:
    if slug not in outcome["paths"]:
        ctx.report(
            at,
            f"{ctx.name(at)} is '{slug}', which is not among the paths of the outcome"
            f" '{outcome['id']}' — add it to that outcome's 'paths', or choose one of them",
        )


def _fills_a_detail(
    fills: str | None, at: yamlsafe.Path, placeholders: Collection[str] | None, ctx: Context
) -> None:
    if fills is None:
        return
    if placeholders is None:
        if not PLACEHOLDER_NAME.fullmatch(fills):
            ctx.report(
                at,
                f"{ctx.name(at)} is {fills!r}, not a placeholder name — write it as the messages"
                " do, without brackets: lowercase words like 'contact name'",
            )
        return
    if fills in placeholders:
        return
    ctx.report(
        at,
        f"{ctx.name(at)} is '{fills}', which is not one of the composer's details"
        f" ({quoted_list(placeholders)})"
        + (
            did_you_mean(fills, placeholders)
            or " — use one of them, or add it under 'details' in mkdocs.yml"
        ),
    )


def _model(data: dict[str, Any], where: str) -> Applog:
    return Applog(
        title=data["title"],
        fields=tuple(Field(f["id"], f["label"], f["type"], f["fills"]) for f in data["fields"]),
        stages=tuple(
            Stage(
                s["id"],
                s["label"],
                s["rounds"],
                s["quiet_days"],
                dict(s["paths"] or {}),
                Advice(**s["advice"]) if s["advice"] else None,
            )
            for s in data["stages"]
        ),
        outcomes=tuple(
            Outcome(o["id"], o["label"], tuple(o["paths"]), o["question"], o["dated_from"])
            for o in data["outcomes"]
        ),
        no_news=data["no_news"],
        worksheet=data["worksheet"],
        path=where,
    )


def page_data(
    applog: Applog,
    situation_title: Callable[[str], str],
    article_title: Callable[[str], str],
    link: Callable[[str], str],
) -> dict[str, Any]:
    """What the log page's script needs, linked from the page: kept in a data attribute."""
    paths = {slug for o in applog.outcomes for slug in o.paths}
    articles = {s.advice.article for s in applog.stages if s.advice}
    return {
        "fields": [
            {"id": f.id, "label": f.label, "type": f.type, "fills": f.fills} for f in applog.fields
        ],
        "stages": [
            {
                "id": s.id,
                "label": s.label,
                "rounds": s.rounds,
                "quiet": s.quiet_days,
                "paths": dict(s.paths or {}),
                "advice": (
                    {"below": s.advice.below, "article": s.advice.article, "text": s.advice.text}
                    if s.advice
                    else None
                ),
            }
            for s in applog.stages
        ],
        "outcomes": [
            {
                "id": o.id,
                "label": o.label,
                "paths": list(o.paths),
                "question": o.question,
                "from": o.dated_from,
            }
            for o in applog.outcomes
        ],
        "noNews": applog.no_news,
        "situations": {
            slug: {"title": situation_title(slug), "url": link(urls.situation(slug))}
            for slug in sorted(paths)
        },
        "articles": {
            slug: {"title": article_title(slug), "url": link(urls.article(slug))}
            for slug in sorted(articles)
        },
        "minJudged": MIN_JUDGED,
    }


def _page(view: View) -> dict[str, Any]:
    """The log page's context: the declaration, and what its script needs, linked from the page."""
    guide = view.guide
    assert guide.applog is not None, "the page is planned only for a guide with a log"
    data = page_data(
        guide.applog,
        lambda slug: guide.situations[slug].title,
        lambda slug: guide.articles[slug].title,
        lambda target: urls.relative(target, view.url),
    )
    return {"log": guide.applog, "data": data}


PAGE = Template("applications.html", _page)
"""What fills the log's page: its forms, with the declaration in a data attribute."""
