"""Check references between content files and index them once per build.

Every lookup a page needs later — a topic's articles, an article's
worksheets, who links to whom — is built here in one pass over the content,
so generating N pages costs O(N), never O(N²).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .kinds import CONTENT_TYPES, Entry
from .model import Article, Guide, Topic
from .problems import Problems, did_you_mean
from .schema import Declares, Link, ListOf, Record, Spec, Tagged, key_path
from .yamlsafe import Path


def link_entries(
    topics: dict[str, Topic],
    entries: Mapping[str, Sequence[Entry]],
    existing: Mapping[str, set[str] | None],
    problems: Problems,
) -> Guide:
    """Check every reference of every entry, then build the :class:`Guide`.

    ``entries`` holds the valid entries of each content type; ``existing``
    the ids of every file of each type, valid or not (None where the ids are
    not all known, like topics when topics.yml has problems), so a broken
    file never causes "unknown" errors in the files that name it.
    """
    links = {
        entry.where: kind.links(entry) for kind in CONTENT_TYPES for entry in entries[kind.name]
    }
    declared = _declared(entries, existing, links, problems)
    known = {**existing, **declared}
    for kind in CONTENT_TYPES:
        for entry in entries[kind.name]:
            for link in links[entry.where]:
                names = known.get(link.kind)
                if link.declares or names is None or link.value in names:
                    continue
                problems.add(
                    entry.where,
                    link.line or entry.source.document.line(link.at),
                    f"unknown {_noun(link.kind)} '{link.value}' in {_key_name(link.at)}"
                    f"{did_you_mean(link.value, names)}",
                )
    _check_retired(entries, links, known.get("actions"), problems)
    _check_replaced(entries["articles"], existing["articles"] or set(), problems)
    models = {
        kind.name: {
            model.slug: model
            for model in sorted((kind.make(entry) for entry in entries[kind.name]), key=kind.order)
        }
        for kind in CONTENT_TYPES
    }
    guide = _index(topics, models, _named_by(models, entries, links), _counts(declared))
    return _with_messages(guide, links)


def _named_by(
    models: Mapping[str, Mapping[str, Any]],
    entries: Mapping[str, Sequence[Entry]],
    links: Mapping[str, list[Link]],
) -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    """The reverse of every reference: (kind, id) → each (type, slug) naming it, in order."""
    where = {(kind.name, e.slug): e.where for kind in CONTENT_TYPES for e in entries[kind.name]}
    named: dict[tuple[str, str], dict[tuple[str, str], None]] = defaultdict(dict)
    for kind in CONTENT_TYPES:
        for slug in models[kind.name]:
            for link in links[where[(kind.name, slug)]]:
                if not link.declares:
                    named[(link.kind, link.value)][(kind.name, slug)] = None
    return {target: tuple(names) for target, names in named.items()}


def _counts(declared: Mapping[str, set[str] | None]) -> dict[str, int]:
    """How many ids of each declared kind there are (actions), where there are some."""
    return {kind: len(ids) for kind, ids in declared.items() if ids}


def _check_retired(
    entries: Mapping[str, Sequence[Entry]],
    links: Mapping[str, list[Link]],
    actions: set[str] | None,
    problems: Problems,
) -> None:
    """An action id that was retired (an action's ``was``) is never an action's id again."""
    if actions is None:
        return
    for kind in CONTENT_TYPES:
        for entry in entries[kind.name]:
            for link in links[entry.where]:
                if link.kind == "retired actions" and link.value in actions:
                    problems.add(
                        entry.where,
                        entry.source.document.line(link.at),
                        f"'{link.value}' is listed in {_key_name(link.at)}, but an action still"
                        " has that id — readers' ticks would move between two actions; keep the"
                        " id in one place only",
                    )


def _check_replaced(articles: Sequence[Entry], slugs: set[str], problems: Problems) -> None:
    """An old address redirects to one article, and never hides a page that exists."""
    first: dict[str, str] = {}
    for entry in articles:
        for index, old in enumerate(entry.data["replaces"]):
            line = entry.source.document.line(("replaces", index))
            if old in slugs:
                problems.add(
                    entry.where,
                    line,
                    f"'replaces' names '{old}', but that article still exists — delete"
                    f" content/articles/{old}.md once its text is merged here, or remove it from"
                    " 'replaces'",
                )
            elif old in first:
                problems.add(
                    entry.where,
                    line,
                    f"'{old}' is already replaced by {first[old]} — an old address can lead to"
                    " one article only; keep it in one 'replaces' list",
                )
            first.setdefault(old, entry.where)


def _declared(
    entries: Mapping[str, Sequence[Entry]],
    existing: Mapping[str, set[str] | None],
    links: Mapping[str, list[Link]],
    problems: Problems,
) -> dict[str, set[str] | None]:
    """The ids each file declares (action ids), each unique across the site.

    A kind declared by a type with a file that failed its own checks is not
    fully known, so references to it are not checked (None).
    """
    declared: dict[str, set[str] | None] = {}
    first: dict[tuple[str, str], str] = {}
    """(kind, id) → 'path:line' of its first declaration."""
    for kind in CONTENT_TYPES:
        complete = len(entries[kind.name]) == len(existing[kind.name] or ())
        for name in _declared_kinds(kind.spec):
            declared.setdefault(name, set())
            if not complete:
                declared[name] = None
        for entry in entries[kind.name]:
            for link in links[entry.where]:
                if not link.declares:
                    continue
                line = entry.source.document.line(link.at)
                where = first.setdefault((link.kind, link.value), f"{entry.where}:{line}")
                if where != f"{entry.where}:{line}":
                    noun = _noun(link.kind)
                    problems.add(
                        entry.where,
                        line,
                        f"the {noun} id '{link.value}' is already used in {where} — {noun} ids"
                        " must be unique across the site; rename one",
                    )
                names = declared.get(link.kind)
                if names is not None:
                    names.add(link.value)
    return declared


def _declared_kinds(spec: Spec) -> Iterator[str]:
    """The kinds of id that files of ``spec`` declare, read from the spec alone."""
    if isinstance(spec, Declares):
        yield spec.kind
    elif isinstance(spec, ListOf):
        yield from _declared_kinds(spec.item)
    elif isinstance(spec, Record):
        for key in spec.keys.values():
            yield from _declared_kinds(key.spec)
    elif isinstance(spec, Tagged):
        for variant in spec.variants.values():
            yield from _declared_kinds(variant)


def _noun(kind: str) -> str:
    """'articles' → 'article': how messages name one id of a kind."""
    return kind.removesuffix("s")


def _key_name(at: Path) -> str:
    """How a message names the key holding a reference: 'related', 'steps[2].action'."""
    while at and isinstance(at[-1], int):
        at = at[:-1]
    return f"'{key_path(at)}'" if at else "the body"


def _index(
    topics: dict[str, Topic],
    models: Mapping[str, Mapping[str, Any]],
    named_by: Mapping[tuple[str, str], tuple[tuple[str, str], ...]],
    declared: Mapping[str, int],
) -> Guide:
    """The guide, with the lookups the engine's own pages need, read off the reverse index."""
    ordered: list[Article] = list(models["articles"].values())
    primary: dict[str, list[str]] = defaultdict(list)
    for article in ordered:
        primary[article.primary_topic].append(article.slug)

    def named(kind: str, by: str) -> dict[str, tuple[str, ...]]:
        """Id of a ``kind`` → slugs of the ``by`` entries naming it, in their order."""
        found = {
            value: tuple(slug for other, slug in names if other == by)
            for (target, value), names in named_by.items()
            if target == kind
        }
        return {value: slugs for value, slugs in found.items() if slugs}

    # An article and a worksheet go together when either names the other.
    sheets_naming = named("articles", "worksheets")
    worksheets_of = {
        article.slug: both
        for article in ordered
        if (both := _once(article.worksheets, sheets_naming.get(article.slug, ())))
    }
    articles_naming = named("worksheets", "articles")
    articles_of = {
        sheet.slug: both
        for sheet in models["worksheets"].values()
        if (both := _once(articles_naming.get(sheet.slug, ()), sheet.articles))
    }
    return Guide(
        topics=dict(topics),
        entries=models,
        articles=models["articles"],
        worksheets=models["worksheets"],
        situations=models["situations"],
        messages=models["messages"],
        actions_by_id={action.id: action for article in ordered for action in article.actions},
        redirects={old: article.slug for article in ordered for old in article.replaces},
        by_topic=named("topics", "articles"),
        primary={k: tuple(v) for k, v in primary.items()},
        sheets_by_topic=named("topics", "worksheets"),
        worksheets_of=worksheets_of,
        articles_of=articles_of,
        named_by=named_by,
        declared=declared,
    )


def _once(first: Sequence[str], then: Sequence[str]) -> tuple[str, ...]:
    """Both lists' slugs in order, each once."""
    return tuple(dict.fromkeys([*first, *then]))


def _with_messages(guide: Guide, links: Mapping[str, list[Link]]) -> Guide:
    """Add which articles show which message templates to ``guide``."""
    messages_of = {
        article.slug: tuple(
            dict.fromkeys(
                link.value for link in links[article.path] if link.kind == "messages" and link.line
            )
        )
        for article in guide.articles.values()
    }
    shown_in: dict[str, list[str]] = defaultdict(list)
    for slug, shown in messages_of.items():
        for message in shown:
            shown_in[message].append(slug)
    sent_by: dict[str, list[str]] = defaultdict(list)
    for action in guide.actions_by_id.values():
        if action.message:
            sent_by[action.message].append(action.id)
    return dataclasses.replace(
        guide,
        messages_of={slug: shown for slug, shown in messages_of.items() if shown},
        shown_in={slug: tuple(articles) for slug, articles in shown_in.items()},
        sent_by={slug: tuple(actions) for slug, actions in sent_by.items()},
    )
