"""JSON Schemas of the content files, made from the specs the validator uses.

One schema per content type's front matter and one for topics.yml, so an
editor can complete keys and underline mistakes before a build. They hold
what a single file can show; references to other files, unique ids and
rules across keys are left to ``check``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import applog
from .contract import TOPICS_FILE
from .kinds import CONTENT_TYPES
from .schema import Spec, Words, with_words

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FOLDER = ".schemas"
"""Where the schemas go inside the content folder; the loader reads no dot-folder."""
TOPICS_SCHEMA = "topics.schema.json"
APPLOG_SCHEMA = "applications.schema.json"


def schema_name(kind: str) -> str:
    """The file name of a content type's schema: 'articles.schema.json'."""
    return f"{kind}.schema.json"


def document(spec: Spec, title: str) -> dict[str, Any]:
    """A whole schema file for ``spec``."""
    schema = spec.json_schema()
    return {"$schema": DRAFT, "title": title, **schema}


def schemas(words: Words | None = None) -> dict[str, dict[str, Any]]:
    """Every schema, by file name, with the guide's own ``words`` (its recipients…)."""
    found = {TOPICS_SCHEMA: document(TOPICS_FILE, "topics.yml: the topics, in site order")}
    for kind in CONTENT_TYPES:
        title = f"Front matter of a content file in {kind.name}/ (one {kind.noun})"
        found[schema_name(kind.name)] = document(with_words(kind.spec, words or {}), title)
    log = with_words(applog.APPLOG, words or {})
    found[APPLOG_SCHEMA] = document(log, "applications.yml: the applications log")
    return found


def render(schema: dict[str, Any]) -> str:
    """The text of a schema file: stable, so a committed copy can be compared."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write(folder: Path, words: Words | None = None) -> list[Path]:
    """Write every schema into ``folder``, remove schemas of types that are gone."""
    folder.mkdir(parents=True, exist_ok=True)
    made = schemas(words)
    for stale in folder.glob("*.schema.json"):
        if stale.name not in made:
            stale.unlink()
    written = []
    for name, schema in made.items():
        path = folder / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


def main(content_dir: Path, out: Path | None, words: Words | None = None) -> int:
    """``schema``: write the schemas and say where."""
    folder = out or content_dir / FOLDER
    written = write(folder, words)
    print(f"wrote {len(written)} schemas to {folder}")
    return 0
