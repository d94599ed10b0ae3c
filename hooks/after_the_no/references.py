"""Check references between content files and index them once per build.

Every lookup a page needs later — a topic's articles, an article's
worksheets, who links to whom — is built here in one pass over the content,
so generating N pages costs O(N), never O(N²).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import Article, Guide, Topic, Worksheet
from .problems import Problems, did_you_mean
from .yamlsafe import Document


@dataclass(frozen=True)
class Known:
    """Every id that exists, even in files that failed validation."""

    topics: set[str] | None
    """Topic ids, or None when topics.yml itself has problems (then skip the check)."""
    articles: set[str]
    worksheets: set[str]


def resolve(
    topics: dict[str, Topic],
    articles: dict[str, Article],
    worksheets: dict[str, Worksheet],
    known: Known,
    documents: Mapping[str, Document],
    problems: Problems,
) -> Guide:
    """Report dangling and duplicate references, then build the :class:`Guide`.

    ``documents`` maps each file's path to its front matter's line map, so a
    problem points at the very list item that is wrong.
    """
    for article in articles.values():
        check = _Checker(article.path, documents[article.path], problems)
        check.refs("topics", article.topics, known.topics, "topic")
        check.refs("related", article.related, known.articles, "article")
        check.refs("worksheets", article.worksheets, known.worksheets, "worksheet")
    for sheet in worksheets.values():
        check = _Checker(sheet.path, documents[sheet.path], problems)
        check.refs("topics", sheet.topics, known.topics, "topic")
        check.refs("articles", sheet.articles, known.articles, "article")
    _unique_actions(articles.values(), documents, problems)
    return _index(topics, articles, worksheets)


@dataclass(frozen=True)
class _Checker:
    """Checks the references of one file."""

    path: str
    document: Document
    problems: Problems

    def refs(self, key: str, values: Iterable[str], known: set[str] | None, kind: str) -> None:
        """Report each of ``values`` (the list under ``key``) that is not in ``known``."""
        if known is None:
            return
        for index, value in enumerate(values):
            if value not in known:
                self.problems.add(
                    self.path,
                    self.document.line((key, index)),
                    f"unknown {kind} '{value}' in '{key}'{did_you_mean(value, known)}",
                )


def _unique_actions(
    articles: Iterable[Article], documents: Mapping[str, Document], problems: Problems
) -> None:
    first: dict[str, str] = {}
    """Action id → 'path:line' of its first use."""
    for article in articles:
        document = documents[article.path]
        for index, action in enumerate(article.actions):
            line = document.line(("actions", index, "id"))
            if action.id in first:
                problems.add(
                    article.path,
                    line,
                    f"the action id '{action.id}' is already used in {first[action.id]}"
                    " — action ids must be unique across the site; rename one",
                )
            else:
                first[action.id] = f"{article.path}:{line}"


def _index(
    topics: dict[str, Topic], articles: dict[str, Article], worksheets: dict[str, Worksheet]
) -> Guide:
    ordered = sorted(articles.values(), key=lambda a: (a.order, a.title.casefold(), a.slug))
    by_topic: dict[str, list[str]] = defaultdict(list)
    primary: dict[str, list[str]] = defaultdict(list)
    for article in ordered:
        primary[article.primary_topic].append(article.slug)
        for topic in article.topics:
            by_topic[topic].append(article.slug)
    sheets = sorted(worksheets.values(), key=lambda w: w.title.casefold())
    sheets_by_topic: dict[str, list[str]] = defaultdict(list)
    for sheet in sheets:
        for topic in sheet.topics:
            sheets_by_topic[topic].append(sheet.slug)
    worksheets_of: dict[str, list[str]] = defaultdict(list)
    articles_of: dict[str, list[str]] = defaultdict(list)
    for article in ordered:
        for sheet_slug in article.worksheets:
            if sheet_slug in worksheets:
                _link(worksheets_of, articles_of, article.slug, sheet_slug)
    for sheet in sheets:
        for slug in sheet.articles:
            if slug in articles:
                _link(worksheets_of, articles_of, slug, sheet.slug)
    return Guide(
        topics=dict(topics),
        articles={a.slug: a for a in ordered},
        worksheets={s.slug: s for s in sheets},
        by_topic={k: tuple(v) for k, v in by_topic.items()},
        primary={k: tuple(v) for k, v in primary.items()},
        sheets_by_topic={k: tuple(v) for k, v in sheets_by_topic.items()},
        worksheets_of={k: tuple(v) for k, v in worksheets_of.items()},
        articles_of={k: tuple(v) for k, v in articles_of.items()},
    )


def _link(
    worksheets_of: dict[str, list[str]], articles_of: dict[str, list[str]], slug: str, sheet: str
) -> None:
    if sheet not in worksheets_of[slug]:
        worksheets_of[slug].append(sheet)
    if slug not in articles_of[sheet]:
        articles_of[sheet].append(slug)
