"""Read the content folder into a validated :class:`~guidekit.model.Guide`.

Reading happens in three passes — files, then each file's own keys, then the
references between files — and every problem of every pass is collected, so
a build reports all mistakes at once and stops before touching site/.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from . import applog, frontmatter, yamlsafe
from .contract import RESERVED_TOPIC_IDS, TOPIC, TOPICS_FILE
from .kinds import CONTENT_TYPES, ContentType, Entry
from .model import Guide, Topic
from .problems import Problems, closest, display_path
from .references import link_entries
from .schema import INVALID, KEBAB, MAX_ID_LENGTH, Context, with_words
from .settings import Settings
from .yamlsafe import Document


def load_guide(
    content_dir: Path,
    root: Path | None = None,
    settings: Settings | None = None,
    icon_exists: Callable[[str], bool] | None = None,
) -> Guide:
    """Load and validate everything under ``content_dir``.

    Paths in messages are relative to ``root`` (the project folder, by default
    the parent of ``content_dir``); ``settings`` holds the guide's own rules,
    like its required topics; ``icon_exists`` answers whether the theme has a
    topic's icon (without it, only an icon name's form is checked). Raises
    :class:`~guidekit.problems.ContentError` listing every problem.
    """
    root = root or content_dir.parent
    # Without the guide's settings the composer's details are unknown: a log
    # field's 'fills' is then checked for its form only, as icons are.
    placeholders = [detail.placeholder for detail in settings.details] if settings else None
    settings = settings or Settings()
    problems = Problems()
    topics = _load_topics(
        content_dir / "topics.yml", root, problems, settings.required_topics, icon_exists
    )
    topics_valid = not problems
    files = {
        kind.name: _markdown_files(content_dir / kind.name, root, problems, kind.reserved)
        for kind in CONTENT_TYPES
    }
    entries = {
        kind.name: [
            entry
            for path in files[kind.name]
            if (entry := _read_entry(kind, path, root, problems, settings))
        ]
        for kind in CONTENT_TYPES
    }
    # References are checked against every file that exists, loaded or not,
    # so one broken file does not cause "unknown article" errors in others.
    existing: dict[str, set[str] | None] = {
        name: {path.stem for path in paths} for name, paths in files.items()
    }
    existing["topics"] = set(topics) if topics_valid else None
    guide = link_entries(topics, entries, existing, problems)
    log = applog.load(content_dir, root, problems, existing, placeholders)
    problems.raise_if_any()
    if log is not None:
        guide = replace(guide, applog=log)
    return guide


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


def _read_entry(
    kind: ContentType, path: Path, root: Path, problems: Problems, settings: Settings
) -> Entry | None:
    """Read one content file and check it against its type: an :class:`Entry`, or None."""
    where = display_path(path, root)
    source = frontmatter.read_reporting(path, where, problems, frontmatter.split)
    if source is None:
        return None
    spec = with_words(kind.spec, settings.words)
    data = spec.check(source.document.data, (), Context(where, source.document, problems))
    if not source.body.strip():
        problems.add(
            where,
            source.body_line,
            "the body is empty — write the text below the closing '---' line",
        )
    if data is INVALID or not source.body.strip():
        return None
    entry = Entry(path.stem, where, source, data)
    for check in kind.checks:
        check(entry, problems, settings)
    return entry


def _load_topics(
    path: Path,
    root: Path,
    problems: Problems,
    required: Mapping[str, str],
    icon_exists: Callable[[str], bool] | None,
) -> dict[str, Topic]:
    where = display_path(path, root)
    if not path.exists():
        message = "topics.yml is missing — create it with a list of topics (id, title, summary)"
        problems.add(where, 1, message)
        return {}
    document = frontmatter.read_reporting(path, where, problems, yamlsafe.parse)
    if document is None:
        return {}
    if document.data is None:
        problems.add(where, 1, "topics.yml is empty — list the topics with id, title and summary")
        return {}
    if not isinstance(document.data, list) or not document.data:
        ctx = Context(where, document, problems, root="topics.yml")
        TOPICS_FILE.check(document.data, (), ctx)
        return {}
    topics = _topic_list(document, where, problems, icon_exists)
    if len(topics) == len(document.data):
        _required_topics(topics, required, document, where, problems)
    return topics


def _topic_list(
    document: Document,
    where: str,
    problems: Problems,
    icon_exists: Callable[[str], bool] | None,
) -> dict[str, Topic]:
    ctx = Context(where, document, problems, root="topics.yml", item="topic")
    topics: dict[str, Topic] = {}
    first_line: dict[str, int] = {}
    for index, raw in enumerate(document.data):
        item = TOPIC.check(raw, (index,), ctx)
        if item is INVALID:
            continue
        topic_id, line = item["id"], document.line((index, "id"))
        if item["icon"] and icon_exists and not icon_exists(item["icon"]):
            problems.add(
                where,
                document.line((index, "icon")),
                f"the icon '{item['icon']}' is not one of the theme's icons — use a name like"
                " 'material/heart-outline' (search the Material for MkDocs icon list) or"
                " remove the line",
            )
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
    topics: dict[str, Topic],
    required: Mapping[str, str],
    document: Document,
    where: str,
    problems: Problems,
) -> None:
    """The guide's core topics exist with their titles (``topics`` is the whole file, valid)."""
    order = list(topics)  # the file's order: every entry is a valid topic
    for topic_id, title in required.items():
        if topic_id in topics:
            if topics[topic_id].title != title:
                problems.add(
                    where,
                    document.line((order.index(topic_id), "title")),
                    f"the topic '{topic_id}' must keep its title \"{title}\" — it is one of the"
                    " guide's core topics",
                )
            continue
        near = closest(topic_id, [t for t in topics if t not in required])
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
