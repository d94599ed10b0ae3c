"""The JSON Schemas for editors: current, true to the validator, and read by remark.

The schemas are generated from the validator's specs and committed under
content/.schemas/. These tests hold them to three promises: the committed
files are what ``schema`` writes today, they accept every real content file,
and they refuse what the validator refuses within one file. Editors read them
through draft-07 tools, so they also keep to the keywords both drafts share.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from guidekit import frontmatter, yamlsafe
from guidekit.applog import APPLOG
from guidekit.contract import TOPICS_FILE
from guidekit.kinds import CONTENT_TYPES
from guidekit.problems import Problems
from guidekit.schema import INVALID, Context, Spec

from tests.support import ROOT, copy_project, require

SCHEMAS = ROOT / "content" / ".schemas"
REMARK = ROOT / "node_modules" / ".bin" / "remark"
SPECS: dict[str, Spec] = {
    "topics": TOPICS_FILE,
    "applications": APPLOG,
    **{kind.name: kind.spec for kind in CONTENT_TYPES},
}

# Keywords that mean the same in draft-07 and 2020-12: what the VS Code YAML
# extension and remark's Ajv implement. 'items' with one schema is in both.
SHARED_KEYWORDS = {
    "$schema", "title", "description", "examples", "default",
    "type", "enum", "const", "minLength", "maxLength", "pattern", "minimum", "maximum",
    "items", "minItems", "maxItems", "uniqueItems",
    "properties", "required", "additionalProperties", "allOf", "if", "then",
}  # fmt: skip


def committed(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(committed(name))


def content_files() -> list[tuple[str, Path]]:
    return [
        (kind.name, path)
        for kind in CONTENT_TYPES
        for path in sorted((ROOT / "content" / kind.name).glob("*.md"))
    ]


def front_matter(path: Path) -> Any:
    return frontmatter.split(frontmatter.read_text(path)).document.data


def schema_errors(name: str, data: Any) -> set[tuple[str, str]]:
    """Each error as (where, keyword): ('actions/0/when', 'enum')."""
    return {
        ("/".join(str(part) for part in error.absolute_path), error.validator)
        for error in validator(name).iter_errors(data)
    }


def validator_accepts(name: str, data: Any) -> bool:
    document = yamlsafe.Document(data)
    problems = Problems()
    result = SPECS[name].check(data, (), Context("case", document, problems))
    return result is not INVALID and not problems


def test_committed_schemas_are_what_the_command_writes(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "guidekit", "schema", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    written = {path.name: path.read_text(encoding="utf-8") for path in tmp_path.iterdir()}
    present = {path.name: path.read_text(encoding="utf-8") for path in SCHEMAS.iterdir()}
    assert sorted(written) == sorted(f"{name}.schema.json" for name in SPECS)
    stale = sorted(name for name in written if present.get(name) != written[name])
    assert not stale, f"run `python -m guidekit schema` and commit the result: {stale} changed"
    assert sorted(present) == sorted(written), "content/.schemas/ holds files `schema` does not write"


def keywords(schema: Any) -> set[str]:
    """Every keyword used anywhere in ``schema`` (property names are data, not keywords)."""
    if isinstance(schema, list):
        return set().union(*map(keywords, schema)) if schema else set()
    if not isinstance(schema, dict):
        return set()
    found = set(schema)
    for key, value in schema.items():
        if key == "properties":
            found |= set().union(*map(keywords, value.values()))
        elif key not in ("examples", "default", "enum", "const"):
            found |= keywords(value)
    return found


@pytest.mark.parametrize("name", list(SPECS))
def test_schema_is_valid_and_readable_by_draft_07_tools(name: str) -> None:
    schema = committed(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    draft_07 = {**schema, "$schema": "http://json-schema.org/draft-07/schema#"}
    jsonschema.Draft7Validator.check_schema(draft_07)
    assert keywords(schema) <= SHARED_KEYWORDS, keywords(schema) - SHARED_KEYWORDS


def test_real_content_matches_its_schema() -> None:
    files = content_files()
    assert len({name for name, _ in files}) == len(CONTENT_TYPES), "every type has content"
    failures = [
        f"{path.relative_to(ROOT)}: {'/'.join(map(str, error.absolute_path))}: {error.message}"
        for name, path in files
        for error in validator(name).iter_errors(front_matter(path))
    ]
    topics = yamlsafe.parse((ROOT / "content" / "topics.yml").read_text(encoding="utf-8")).data
    failures += [f"topics.yml: {error.message}" for error in validator("topics").iter_errors(topics)]
    log = yamlsafe.parse((ROOT / "content" / "applications.yml").read_text(encoding="utf-8")).data
    failures += [f"applications.yml: {e.message}" for e in validator("applications").iter_errors(log)]
    assert failures == []


ARTICLE = {"title": "A title", "summary": "One sentence.", "topics": ["feedback"]}
ACTION = {"id": "do-it", "text": "Do it", "when": "today"}
LINES = {"id": "answer", "type": "lines", "label": "What happened?", "lines": 3}
WORKSHEET = {"title": "A sheet", "summary": "One sentence.", "topics": ["feedback"], "minutes": 5}

LOG = {
    "title": "Your applications",
    "fields": [{"id": "company", "label": "Company"}],
    "stages": [{"id": "applied", "label": "Applied", "quiet_days": 14}],
    "outcomes": [{"id": "no", "label": "No", "paths": ["after-an-interview"]}],
}

# (content type, front matter, the schema's errors: (where, keyword)); an empty
# set means both the schema and the validator accept it.
CASES = {
    "wrong type": ("articles", {**ARTICLE, "title": 12}, {("title", "type")}),
    "unknown key": (
        "articles",
        {"title": "A title", "summary": "One sentence.", "topic": ["feedback"]},
        {("", "required"), ("", "additionalProperties")},
    ),
    "missing required key": (
        "articles",
        {"title": "A title", "topics": ["feedback"]},
        {("", "required")},
    ),
    "only spaces": ("articles", {**ARTICLE, "summary": "   "}, {("summary", "pattern")}),
    "too long": ("articles", {**ARTICLE, "summary": "x" * 201}, {("summary", "maxLength")}),
    "not a choice": (
        "articles",
        {**ARTICLE, "actions": [{**ACTION, "when": "someday"}]},
        {("actions/0/when", "enum")},
    ),
    "not kebab-case": (
        "articles",
        {**ARTICLE, "actions": [{**ACTION, "id": "Do_It"}]},
        {("actions/0/id", "pattern")},
    ),
    "listed twice": (
        "articles",
        {**ARTICLE, "topics": ["feedback", "feedback"]},
        {("topics", "uniqueItems")},
    ),
    "out of range": ("articles", {**ARTICLE, "order": 10_001}, {("order", "maximum")}),
    "optional key left empty": ("articles", {**ARTICLE, "order": None, "related": None}, set()),
    "valid worksheet": ("worksheets", {**WORKSHEET, "fields": [LINES]}, set()),
    "key of another field type": (
        "worksheets",
        {**WORKSHEET, "fields": [{**LINES, "items": ["a", "b"]}]},
        {("fields/0", "additionalProperties")},
    ),
    "unknown field type": (
        "worksheets",
        {**WORKSHEET, "fields": [{**LINES, "type": "essay"}]},
        {("fields/0/type", "enum")},
    ),
    "empty topics file": ("topics", [], {("", "minItems")}),
    "valid log": ("applications", LOG, set()),
    "log stage with a wrong key": (
        "applications",
        {**LOG, "stages": [{"id": "applied", "label": "Applied", "quiet": 14}]},
        {("stages/0", "additionalProperties")},
    ),
    "log outcome path not kebab-case": (
        "applications",
        {**LOG, "outcomes": [{"id": "no", "label": "No", "paths": ["After_Interview"]}]},
        {("outcomes/0/paths/0", "pattern")},
    ),
    "log field of an unknown type": (
        "applications",
        {**LOG, "fields": [{"id": "company", "label": "Company", "type": "phone"}]},
        {("fields/0/type", "enum")},
    ),
    "icon not set/name": (
        "topics",
        [{"id": "a", "title": "A", "summary": "One.", "icon": "heart"}],
        {("0/icon", "pattern")},
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_schema_refuses_what_the_validator_refuses(case: str) -> None:
    name, data, expected = CASES[case]
    assert schema_errors(name, data) == expected
    assert validator_accepts(name, data) == (not expected)


def test_loader_ignores_the_schema_folder(tmp_path: Path) -> None:
    # check reads the guide's settings, so the copy needs mkdocs.yml and what it names.
    content = copy_project(tmp_path) / "content"
    (content / ".schemas" / "stray.md").write_text("---\nnot: valid\n---\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "guidekit", "check", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content is valid")


def remark(project: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    require(REMARK.exists(), "remark is not installed: run `npm ci` (make test does)")
    if project != ROOT:
        # The remark config imports its plugins from the project's node_modules.
        (project / "node_modules").symlink_to(ROOT / "node_modules")
    return subprocess.run(
        [str(REMARK), *paths, "--no-stdout", "--frail", "--quiet", "--no-color"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=300,
    )


WARNING = re.compile(r"\s*(?:\d+:\d+(?:-\d+:\d+)?\s+)?warning\s")
"""A warning in remark's report: '2:8-2:10 warning Must be string …', the place optional."""


def warnings_by_file(output: str) -> dict[str, list[str]]:
    """remark's report: a file's path on a line of its own, then one line per warning."""
    found: dict[str, list[str]] = {}
    current = ""
    for line in output.splitlines():
        if WARNING.match(line) and current:
            found[current].append(line.strip())
        elif line and not line[0].isspace() and not line.startswith("⚠"):
            current = line.strip()
            found.setdefault(current, [])
    return found


def test_remark_accepts_the_real_content() -> None:
    result = remark(ROOT, "content")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr


def test_remark_underlines_a_broken_file_of_every_type(tmp_path: Path) -> None:
    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    broken = []
    for kind in CONTENT_TYPES:
        source = sorted((content / kind.name).glob("*.md"))[0]
        text = source.read_text(encoding="utf-8")
        target = source.with_name(f"broken-{source.name}")
        # An unknown key, and 'title' as a number.
        text = re.sub(r"^title: .*$", "title: 12", text, count=1, flags=re.MULTILINE)
        target.write_text(text.replace("---\n", "---\ncolour: blue\n", 1), encoding="utf-8")
        broken.append(target.relative_to(tmp_path).as_posix())
    result = remark(tmp_path, "content")
    assert result.returncode == 1
    found = warnings_by_file(result.stderr)
    assert sorted(found) == sorted(broken), result.stderr
    for path in broken:
        messages = found[path]
        assert len(messages) == 2, messages
        assert any("additional properties" in m for m in messages), messages
        # The wrong value is underlined where it stands: line 3, after the added key.
        assert any(m.startswith("3:") and "Must be string" in m for m in messages), messages
