"""Read the content folder into a validated :class:`~after_the_no.model.Guide`.

Reading happens in three passes — files, then each file's own keys, then the
references between files — and every problem of every pass is collected, so
a build reports all mistakes at once and stops before touching site/.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from . import frontmatter, yamlsafe
from .contract import ARTICLE, REQUIRED_TOPICS, TOPIC, TOPICS_FILE, WORKSHEET
from .headings import heading_ids
from .model import Action, Article, Field, Guide, Topic, Worksheet
from .problems import Problems, did_you_mean
from .references import Known, resolve
from .schema import INVALID, KEBAB, MAX_ID_LENGTH, Context, Record


def load_guide(content_dir: Path, root: Path | None = None) -> Guide:
    """Load and validate everything under ``content_dir``.

    Paths in messages are relative to ``root`` (the project folder, by default
    the parent of ``content_dir``). Raises
    :class:`~after_the_no.problems.ContentError` listing every problem.
    """
    root = root or content_dir.parent
    problems = Problems()
    before = len(problems)
    topics = _load_topics(content_dir / "topics.yml", root, problems)
    topics_valid = len(problems) == before
    article_files = _markdown_files(content_dir / "articles", root, problems)
    sheet_files = _markdown_files(content_dir / "worksheets", root, problems)
    articles = {
        article.slug: article
        for path in article_files
        if (article := _load_article(path, root, problems))
    }
    worksheets = {
        sheet.slug: sheet
        for path in sheet_files
        if (sheet := _load_worksheet(path, root, problems))
    }
    # References are checked against every file that exists, loaded or not,
    # so one broken file does not cause "unknown article" errors in others.
    known = Known(
        topics=set(topics) if topics_valid else None,
        articles={p.stem for p in article_files},
        worksheets={p.stem for p in sheet_files},
    )
    guide = resolve(topics, articles, worksheets, known, problems)
    problems.raise_if_any()
    return guide


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes, for messages."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _markdown_files(folder: Path, root: Path, problems: Problems) -> list[Path]:
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix != ".md":
            problems.add(
                display_path(path, root),
                1,
                "only .md files belong in this folder — rename it to end in .md or move it",
            )
            continue
        slug = path.stem
        if len(slug) > MAX_ID_LENGTH or not KEBAB.fullmatch(slug):
            problems.add(
                display_path(path, root),
                1,
                f"the file name {path.name!r} must be kebab-case (lowercase a-z, digits and"
                f" single hyphens, at most {MAX_ID_LENGTH} characters), like"
                " 'send-a-thank-you-note.md' — it becomes the page's address",
            )
            continue
        files.append(path)
    return files


def _read(path: Path, root: Path, problems: Problems) -> frontmatter.Source | None:
    where = display_path(path, root)
    try:
        return frontmatter.split(frontmatter.decode(path.read_bytes()))
    except frontmatter.SourceProblem as problem:
        problems.add(where, problem.line, problem.message)
    except OSError as error:
        problems.add(where, 1, f"the file cannot be read ({error.strerror}) — check its permissions")
    return None


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


def _load_article(path: Path, root: Path, problems: Problems) -> Article | None:
    source = _read(path, root, problems)
    if source is None:
        return None
    where = display_path(path, root)
    data = _check(ARTICLE, source, where, problems)
    if data is INVALID or not source.body.strip():
        return None
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
        if section and section not in ids:
            known = ", ".join(f"'{i}'" for i in ids) or "none: add a '## Heading'"
            problems.add(
                where,
                source.document.line(("actions", index, "section")),
                f"section '{section}' is not a heading in this article{did_you_mean(section, ids)}"
                f" (heading ids: {known})",
            )


def _load_worksheet(path: Path, root: Path, problems: Problems) -> Worksheet | None:
    source = _read(path, root, problems)
    if source is None:
        return None
    where = display_path(path, root)
    data = _check(WORKSHEET, source, where, problems)
    if data is INVALID or not source.body.strip():
        return None
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
        if field.type == "scale" and field.minimum >= field.maximum:
            problems.add(
                where,
                source.document.line(("fields", index, "max")),
                f"'max' ({field.maximum}) must be greater than 'min' ({field.minimum})",
            )
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
        digest=hashlib.sha256(path.read_bytes()).hexdigest(),
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
    if not path.is_file():
        problems.add(where, 1, "topics.yml is missing — create it with a list of topics")
        return {}
    try:
        document = yamlsafe.parse(frontmatter.decode(path.read_bytes()))
    except (yamlsafe.YamlProblem, frontmatter.SourceProblem) as problem:
        problems.add(where, problem.line, problem.message)
        return {}
    ctx = Context(where, document, problems)
    if not isinstance(document.data, list) or not document.data:
        TOPICS_FILE.check(document.data, (), ctx)
        return {}
    topics: dict[str, Topic] = {}
    for index, raw in enumerate(document.data):
        item = TOPIC.check(raw, (index,), ctx)
        if item is INVALID:
            continue
        if item["id"] in topics:
            problems.add(
                where,
                document.line((index, "id")),
                f"the topic id '{item['id']}' is listed twice — give each topic its own id",
            )
            continue
        topics[item["id"]] = Topic(item["id"], item["title"], item["summary"], item["icon"])
    if len(topics) == len(document.data):
        for topic_id, title in REQUIRED_TOPICS.items():
            if topic_id not in topics:
                problems.add(
                    where,
                    1,
                    f"the required topic '{topic_id}' (\"{title}\") is missing"
                    f"{did_you_mean(topic_id, topics)} — add it to the list",
                )
    return topics
