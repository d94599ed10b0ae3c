"""Read the content folder into a validated :class:`~after_the_no.model.Guide`.

Reading happens in three passes — files, then each file's own keys, then the
references between files — and every problem of every pass is collected, so
a build reports all mistakes at once and stops before touching site/.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import frontmatter, yamlsafe
from .contract import (
    ARTICLE,
    REQUIRED_TOPICS,
    RESERVED_ARTICLE_SLUGS,
    RESERVED_TOPIC_IDS,
    RESERVED_WORKSHEET_SLUGS,
    TOPIC,
    TOPICS_FILE,
    WORKSHEET,
)
from .headings import heading_ids
from .model import Action, Article, Field, Guide, Topic, Worksheet
from .problems import Problems, closest, did_you_mean
from .references import Known, resolve
from .schema import INVALID, KEBAB, MAX_ID_LENGTH, Context, Record
from .yamlsafe import Document, Unreadable


def load_guide(content_dir: Path, root: Path | None = None) -> Guide:
    """Load and validate everything under ``content_dir``.

    Paths in messages are relative to ``root`` (the project folder, by default
    the parent of ``content_dir``). Raises
    :class:`~after_the_no.problems.ContentError` listing every problem.
    """
    root = root or content_dir.parent
    problems = Problems()
    topics = _load_topics(content_dir / "topics.yml", root, problems)
    topics_valid = not problems
    articles_dir, sheets_dir = content_dir / "articles", content_dir / "worksheets"
    article_files = _markdown_files(articles_dir, root, problems, RESERVED_ARTICLE_SLUGS)
    sheet_files = _markdown_files(sheets_dir, root, problems, RESERVED_WORKSHEET_SLUGS)
    # The line maps of every file read, so later passes can point at a value.
    documents: dict[str, Document] = {}
    articles = {
        article.slug: article
        for path in article_files
        if (article := _load_article(path, root, problems, documents))
    }
    worksheets = {
        sheet.slug: sheet
        for path in sheet_files
        if (sheet := _load_worksheet(path, root, problems, documents))
    }
    # References are checked against every file that exists, loaded or not,
    # so one broken file does not cause "unknown article" errors in others.
    known = Known(
        topics=set(topics) if topics_valid else None,
        articles={p.stem for p in article_files},
        worksheets={p.stem for p in sheet_files},
    )
    guide = resolve(topics, articles, worksheets, known, documents, problems)
    problems.raise_if_any()
    return guide


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes, for messages."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _markdown_files(
    folder: Path, root: Path, problems: Problems, reserved: Mapping[str, str]
) -> list[Path]:
    """The content files in ``folder``; a badly named file is reported and left out."""
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        problem = _file_name_problem(path, reserved)
        if problem:
            problems.add(display_path(path, root), 1, problem)
        else:
            files.append(path)
    return files


def _file_name_problem(path: Path, reserved: Mapping[str, str]) -> str | None:
    if path.suffix != ".md":
        return "only .md files belong in this folder — rename it to end in .md or move it"
    if len(path.stem) > MAX_ID_LENGTH or not KEBAB.fullmatch(path.stem):
        return (
            f"the file name {path.name!r} must be kebab-case (lowercase a-z, digits and"
            f" single hyphens, at most {MAX_ID_LENGTH} characters), like"
            " 'send-a-thank-you-note.md' — it becomes the page's address"
        )
    if path.stem in reserved:
        return f"the file name {path.name!r} is reserved: {reserved[path.stem]} — rename the file"
    return None


def _read(
    path: Path, root: Path, problems: Problems, documents: dict[str, Document]
) -> frontmatter.Source | None:
    where = display_path(path, root)
    try:
        source = frontmatter.split(frontmatter.read_text(path))
    except Unreadable as error:
        for line, message in error.issues:
            problems.add(where, line, message)
        return None
    documents[where] = source.document
    return source


def _check(spec: Record, source: frontmatter.Source, where: str, problems: Problems) -> Any:
    ctx = Context(where, source.document, problems)
    data = spec.check(source.document.data, (), ctx)
    if not source.body.strip():
        problems.add(
            where,
            source.body_line,
            "the body is empty — write the text below the closing '---' line",
        )
    return data


def _read_valid(
    spec: Record, path: Path, root: Path, problems: Problems, documents: dict[str, Document]
) -> tuple[frontmatter.Source, dict[str, Any], str] | None:
    """Read and check one content file: its source, valid data and display path, or None."""
    source = _read(path, root, problems, documents)
    if source is None:
        return None
    where = display_path(path, root)
    data = _check(spec, source, where, problems)
    if data is INVALID or not source.body.strip():
        return None
    return source, data, where


def _load_article(
    path: Path, root: Path, problems: Problems, documents: dict[str, Document]
) -> Article | None:
    checked = _read_valid(ARTICLE, path, root, problems, documents)
    if checked is None:
        return None
    source, data, where = checked
    slug = path.stem
    _check_sections(data["actions"], source, where, problems)
    return Article(
        slug=slug,
        title=data["title"],
        summary=data["summary"],
        topics=tuple(data["topics"]),
        actions=tuple(
            Action(
                id=a["id"], text=a["text"], when=a["when"], section=a["section"], article=slug
            )
            for a in data["actions"]
        ),
        related=tuple(data["related"]),
        worksheets=tuple(data["worksheets"]),
        body=source.body,
        path=where,
        order=data["order"],
    )


def _check_sections(
    actions: list[dict[str, Any]], source: frontmatter.Source, where: str, problems: Problems
) -> None:
    ids = heading_ids(source.body)
    for index, action in enumerate(actions):
        section = action["section"]
        if not section or section in ids:
            continue
        if ids:
            known = ", ".join(f"'{i}'" for i in ids)
            hint = f"{did_you_mean(section, ids)} (its heading ids: {known})"
        else:
            heading = section.replace("-", " ").capitalize()
            hint = f" — the article has no headings yet: add one, like '## {heading}'"
        problems.add(
            where,
            source.document.line(("actions", index, "section")),
            f"section '{section}' is not a heading in this article{hint}",
        )


def _load_worksheet(
    path: Path, root: Path, problems: Problems, documents: dict[str, Document]
) -> Worksheet | None:
    checked = _read_valid(WORKSHEET, path, root, problems, documents)
    if checked is None:
        return None
    source, data, where = checked
    fields = tuple(_field(f) for f in data["fields"])
    seen: dict[str, int] = {}
    for index, field in enumerate(fields):
        line = source.document.line(("fields", index, "id"))
        if field.id in seen:
            problems.add(
                where,
                line,
                f"the field id '{field.id}' is already used on line {seen[field.id]}"
                " — give each field its own id",
            )
        seen.setdefault(field.id, line)
    return Worksheet(
        slug=path.stem,
        title=data["title"],
        summary=data["summary"],
        topics=tuple(data["topics"]),
        articles=tuple(data["articles"]),
        minutes=data["minutes"],
        fields=fields,
        body=source.body,
        path=where,
        digest=source.digest,
    )


def _field(data: dict[str, Any]) -> Field:
    kind = data["type"]
    return Field(
        id=data["id"],
        type=kind,
        label=data.get("text") if kind == "heading" else data["label"],
        hint=data.get("hint"),
        lines=data.get("lines") or 0,
        items=tuple(data.get("items") or ()),
        minimum=data.get("min", 1),
        maximum=data.get("max", 5),
        low=data.get("low"),
        high=data.get("high"),
        columns=tuple(data.get("columns") or ()),
        rows=data.get("rows") or 0,
    )


def _load_topics(path: Path, root: Path, problems: Problems) -> dict[str, Topic]:
    where = display_path(path, root)
    if not path.exists():
        message = "topics.yml is missing — create it with a list of topics (id, title, summary)"
        problems.add(where, 1, message)
        return {}
    try:
        document = yamlsafe.parse(frontmatter.read_text(path))
    except Unreadable as error:
        for line, message in error.issues:
            problems.add(where, line, message)
        return {}
    if document.data is None:
        problems.add(where, 1, "topics.yml is empty — list the topics with id, title and summary")
        return {}
    if not isinstance(document.data, list) or not document.data:
        ctx = Context(where, document, problems, root="topics.yml")
        TOPICS_FILE.check(document.data, (), ctx)
        return {}
    topics = _topic_list(document, where, problems)
    if len(topics) == len(document.data):
        _required_topics(topics, document, where, problems)
    return topics


def _topic_list(document: Document, where: str, problems: Problems) -> dict[str, Topic]:
    ctx = Context(where, document, problems, root="topics.yml", item="topic")
    topics: dict[str, Topic] = {}
    first_line: dict[str, int] = {}
    for index, raw in enumerate(document.data):
        item = TOPIC.check(raw, (index,), ctx)
        if item is INVALID:
            continue
        topic_id, line = item["id"], document.line((index, "id"))
        if topic_id in first_line:
            problems.add(
                where,
                line,
                f"the topic id '{topic_id}' is already used on line {first_line[topic_id]}"
                " — give each topic its own id",
            )
        elif topic_id in RESERVED_TOPIC_IDS:
            problems.add(
                where,
                line,
                f"the topic id '{topic_id}' is reserved: {RESERVED_TOPIC_IDS[topic_id]}"
                " — choose another id",
            )
        else:
            topics[topic_id] = Topic(topic_id, item["title"], item["summary"], item["icon"])
        first_line.setdefault(topic_id, line)
    return topics


def _required_topics(
    topics: dict[str, Topic], document: Document, where: str, problems: Problems
) -> None:
    """The guide's core topics exist with their titles (``topics`` is the whole file, valid)."""
    order = list(topics)  # the file's order: every entry is a valid topic
    for topic_id, title in REQUIRED_TOPICS.items():
        if topic_id in topics:
            if topics[topic_id].title != title:
                problems.add(
                    where,
                    document.line((order.index(topic_id), "title")),
                    f"the topic '{topic_id}' must keep its title \"{title}\" — it is one of the"
                    " guide's core topics",
                )
            continue
        near = closest(topic_id, [t for t in topics if t not in REQUIRED_TOPICS])
        if near:
            problems.add(
                where,
                document.line((order.index(near), "id")),
                f"the required topic '{topic_id}' (\"{title}\") is missing — correct the id"
                f" '{near}' if it is meant to be that topic, or add it to the list",
            )
        else:
            problems.add(
                where,
                1,
                f"the required topic '{topic_id}' (\"{title}\") is missing — add it to the list",
            )
