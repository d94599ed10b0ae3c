"""YAML messages depend on what went wrong, not on how a parser words it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from guidekit import frontmatter, yamlsafe
from tests.support import ROOT

CASES = sorted((ROOT / "tests" / "cases" / "broken").glob("yaml-*/articles/*.md"))


def issues(path: Path) -> list[tuple[int, str]]:
    try:
        frontmatter.split(path.read_text(encoding="utf-8"))
    except yamlsafe.Unreadable as error:
        return error.issues
    return []


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.parent.parent.name)
def test_messages_do_not_depend_on_the_parsers_wording(path: Path, monkeypatch) -> None:
    expected = issues(path)
    parse = yaml.parse

    def reworded(*args, **kwargs):  # a parser release that says everything differently
        try:
            yield from parse(*args, **kwargs)
        except yaml.MarkedYAMLError as error:
            error.problem, error.context = "something else went wrong", "while doing something"
            raise

    monkeypatch.setattr(yaml, "parse", reworded)
    assert issues(path) == expected
    assert not any("something" in message for _, message in expected), expected
