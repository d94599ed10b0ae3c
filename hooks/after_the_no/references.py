"""Check references between content files and index them once per build.

Every lookup a page needs later — a topic's articles, an article's
worksheets, who links to whom — is built here in one pass over the content,
so generating N pages costs O(N), never O(N²).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Article, Guide, Topic, Worksheet
from .problems import Problems, did_you_mean


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
    problems: Problems,
) -> Guide:
    """Report dangling and duplicate references, then build the :class:`Guide`."""
    lines = _LineFinder()
    for article in articles.values():
        _refs(problems, lines, article.path, "topics", article.topics, known.topics, "topic")
        _refs(problems, lines, article.path, "related", article.related, known.articles, "article")
        _refs(
            problems,
            lines,
            article.path,
            "worksheets",
            article.worksheets,
            known.worksheets,
            "worksheet",
        )
    for sheet in worksheets.values():
        _refs(problems, lines, sheet.path, "topics", sheet.topics, known.topics, "topic")
        _refs(problems, lines, sheet.path, "articles", sheet.articles, known.articles, "article")
    _unique_actions(articles.values(), lines, problems)
    return _index(topics, articles, worksheets)


class _LineFinder:
    """Finds the line of a front-matter value again, reading each file once.

    The model keeps no line numbers (pages do not need them), so the rare
    reference error looks its line up in the file's source.
    """

    def __init__(self) -> None:
        self.cache: dict[str, list[str]] = {}

    def find(self, path: str, key: str, value: str, occurrence: int = 0) -> int:
        if path not in self.cache:
            try:
                with open(path, encoding="utf-8-sig") as handle:
                    self.cache[path] = handle.read().split("\n")
            except OSError:
                self.cache[path] = []
        in_key = False
        seen = 0
        for number, line in enumerate(self.cache[path], start=1):
            stripped = line.strip()
            if not line.startswith((" ", "\t", "-")):
                in_key = stripped.startswith(f"{key}:")
            if in_key and _mentions(stripped, value):
                if seen == occurrence:
                    return number
                seen += 1
        return 1


def _mentions(line: str, value: str) -> bool:
    for token in line.replace("[", " ").replace("]", " ").replace(",", " ").split():
        if token.strip("'\"").rstrip(":") == value or token.strip("'\"") == f"{value}":
            return True
    return False


def _refs(
    problems: Problems,
    lines: _LineFinder,
    path: str,
    key: str,
    values: Iterable[str],
    known: set[str] | None,
    kind: str,
) -> None:
    if known is None:
        return
    for value in values:
        if value not in known:
            problems.add(
                path,
                lines.find(path, key, value),
                f"unknown {kind} '{value}' in '{key}'{did_you_mean(value, known)}",
            )


def _unique_actions(articles: Iterable[Article], lines: _LineFinder, problems: Problems) -> None:
    first: dict[str, tuple[str, int]] = {}
    for article in articles:
        for action in article.actions:
            line = lines.find(article.path, "actions", action.id, occurrence=0)
            if action.id in first:
                other_path, other_line = first[action.id]
                if other_path == article.path:
                    line = lines.find(article.path, "actions", action.id, occurrence=1)
                problems.add(
                    article.path,
                    line,
                    f"the action id '{action.id}' is already used in {other_path}:{other_line}"
                    " — action ids must be unique across the site; rename one",
                )
            else:
                first[action.id] = (article.path, line)


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
    worksheets_of: dict[str, list[str]] = defaultdict(list)
    articles_of: dict[str, list[str]] = defaultdict(list)
    for article in ordered:
        for sheet in article.worksheets:
            if sheet in worksheets:
                _link(worksheets_of, articles_of, article.slug, sheet)
    for sheet in sorted(worksheets.values(), key=lambda w: w.title.casefold()):
        for slug in sheet.articles:
            if slug in articles:
                _link(worksheets_of, articles_of, slug, sheet.slug)
    return Guide(
        topics=dict(topics),
        articles={a.slug: a for a in ordered},
        worksheets=dict(sorted(worksheets.items(), key=lambda kv: kv[1].title.casefold())),
        by_topic={k: tuple(v) for k, v in by_topic.items()},
        primary={k: tuple(v) for k, v in primary.items()},
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
