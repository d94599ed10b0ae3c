"""``new``: start a content file that ``check`` accepts once its author has written it.

The file is complete except for the words only its author can write: those
keys are left empty and the body is left blank, so ``check`` names each of
them at its line. Keys that need an id get a real one from the content,
and the comments list the ids and words each key takes.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from string import Template

from . import applog, contract, frontmatter, yamlsafe
from .kinds import CONTENT_TYPES, ContentType
from .problems import Problems, write_new
from .schema import (
    INVALID,
    KEBAB,
    KEBAB_RULE,
    MAX_ID_LENGTH,
    Choice,
    Context,
    Spec,
    Text,
    Words,
    with_words,
)
from .yamlsafe import Unreadable

# Letters that Unicode does not split into a base letter and an accent.
_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i"}  # noqa: RUF001 — the dotless i, on purpose
)
CHECK = f"python -m {__package__} check"

GENERIC = """\
---
# A new $noun. Its file name is its address ($address): keep it once published.
# Run `$check` to see what is still to write.
title: $title
$keys#
# Below the closing '---': the $noun's text.
---
"""
"""The starting file of a type that declares none: its keys, from its spec."""


def _generic(kind: ContentType) -> str:
    """A starter listing the type's keys: required ones empty, optional ones commented out."""
    lines = []
    for key, rule in kind.spec.keys.items():
        if key == "title":
            continue
        described = rule.spec.json_schema().get("description", "")
        lines.append(f"# {described}".replace("$", "$$"))
        example = rule.spec.like((key,)).replace("$", "$$")
        lines.append(f"{key}:" if rule.required else f"# {example or key + ':'}")
    return GENERIC.replace("$keys", "".join(f"{line}\n" for line in lines))


TEMPLATES = {kind.noun: kind.starter or _generic(kind) for kind in CONTENT_TYPES}
"""The starting file of each content type, by its noun."""
ONE_FILE: dict[str, Callable[[Path, Path, str], int]] = {applog.NOUN: applog.new}
"""Declarations a guide keeps in one file of its content folder (its applications log), by
noun: each writes its own starting file from a title."""
NOUNS = (*TEMPLATES, *ONE_FILE)


def slugify(title: str) -> str:
    """A file name from a title: ASCII, lowercase, accents folded, words joined by hyphens."""
    text = unicodedata.normalize("NFKD", title.lower().translate(_LETTERS))
    text = text.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_ID_LENGTH:
        # Cut at the last whole word that fits.
        head = slug[: MAX_ID_LENGTH + 1]
        slug = head.rsplit("-", 1)[0] if "-" in head else slug[:MAX_ID_LENGTH]
    return slug


def existing_ids(content_dir: Path, words: Words | None = None) -> dict[str, list[str]]:
    """The ids that exist, by kind ('topics', 'articles', 'actions'…), in file order.

    Read leniently: a broken file adds nothing, since ``check`` reports it.
    """
    found: dict[str, list[str]] = {"topics": _topic_ids(content_dir / "topics.yml")}
    for kind in CONTENT_TYPES:
        folder = content_dir / kind.name
        paths = sorted(folder.glob("*.md")) if folder.is_dir() else []
        found[kind.name] = [path.stem for path in paths]
        for path in paths:
            for kind_name, value in _declared(kind, path, words or {}):
                found.setdefault(kind_name, []).append(value)
    return found


def _topic_ids(path: Path) -> list[str]:
    try:
        data = yamlsafe.parse(frontmatter.read_text(path)).data
    except Unreadable:
        return []
    entries = data if isinstance(data, list) else []
    return [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]


def _declared(kind: ContentType, path: Path, words: Words) -> list[tuple[str, str]]:
    """The ids a file declares (an article's action ids), if the file is valid."""
    try:
        source = frontmatter.split(frontmatter.read_text(path))
    except Unreadable:
        return []
    ctx = Context(path.name, source.document, Problems())
    data = with_words(kind.spec, words).check(source.document.data, (), ctx)
    if data is INVALID:
        return []
    return [(link.kind, link.value) for link in kind.spec.links(data, ()) if link.declares]


def yaml_text(text: str) -> str:
    """``text`` as a YAML value: plain when YAML reads it back unchanged, else quoted."""
    try:
        if yamlsafe.parse(f"key: {text}").data == {"key": text}:
            return text
    except Unreadable:
        pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML one too


def render(
    noun: str, title: str, slug: str, ids: dict[str, list[str]], words: Words | None = None
) -> str:
    """The starting file of a ``noun`` called ``title``."""
    kind = next(kind for kind in CONTENT_TYPES if kind.noun == noun)

    def first(name: str, fallback: str) -> str:
        return (ids.get(name) or [fallback])[0]

    when = _choices(with_words(contract.ACTION.keys["when"].spec, words or {}))
    summary = kind.spec.keys["summary"].spec if "summary" in kind.spec.keys else None
    return Template(TEMPLATES[noun]).substitute(
        noun=noun,
        title=yaml_text(title),
        slug=slug,
        address=f"/{kind.url(slug)}",
        check=CHECK,
        summary_limit=summary.max_length if isinstance(summary, Text) else "",
        topics=", ".join(ids.get("topics", [])) or "none yet: add them to topics.yml",
        first_topic=first("topics", "a-topic"),
        first_article=first("articles", "an-article"),
        first_action=first("actions", "an-action-id"),
        first_when=when[0],
        when=" | ".join(when),
        recipients=", ".join(_choices(with_words(contract.MESSAGE.keys["to"].spec, words or {}))),
        field_types=", ".join(contract.FIELD.variants),
    )


def _choices(spec: Spec) -> tuple[str, ...]:
    assert isinstance(spec, Choice), "the template expects a choice of words here"
    return spec.choices


def main(
    content_dir: Path,
    root: Path,
    noun: str,
    title: str,
    slug: str | None,
    words: Words | None = None,
) -> int:
    """``new``: write the starting file, never over an existing one; return the exit code."""
    if noun in ONE_FILE:
        return ONE_FILE[noun](content_dir, root, yaml_text(title))
    kind = next(kind for kind in CONTENT_TYPES if kind.noun == noun)
    problems = Problems()
    document = yamlsafe.Document({"title": title})
    kind.spec.keys["title"].spec.check(title, ("title",), Context("the title", document, problems))
    for problem in problems:
        print(problem.message, file=sys.stderr)
    if problems:
        return 1
    slug = slug if slug is not None else slugify(title)
    wrong_name = _slug_problem(slug, title, kind)
    if wrong_name:
        print(wrong_name, file=sys.stderr)
        return 1
    path = content_dir / kind.name / f"{slug}.md"
    text = render(noun, title, slug, existing_ids(content_dir, words), words)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not write_new(path, text, root, "edit that one, or give another title (or --slug)"):
        return 1
    print(f"next: write what it asks for, then run `{CHECK}`: it names whatever is still missing")
    return 0


def _slug_problem(slug: str, title: str, kind: ContentType) -> str | None:
    if not slug:
        return (
            f"the title {title!r} has no letters a-z or digits to make a file name from"
            " — pass one with --slug, like --slug my-new-page"
        )
    if len(slug) > MAX_ID_LENGTH or not KEBAB.fullmatch(slug):
        return f"the file name {slug!r} must be {KEBAB_RULE} — change --slug"
    if slug in kind.reserved:
        return (
            f"the file name {slug!r} is reserved: {kind.reserved[slug]} — give another title,"
            " or pass another file name with --slug"
        )
    return None
