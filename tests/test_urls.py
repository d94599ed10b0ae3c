"""Relative links between pages keep the site working from any folder."""

from __future__ import annotations

import pytest

from guidekit.urls import relative


@pytest.mark.parametrize(
    ("target", "page", "link"),
    [("articles/a/", "articles/b/", "../a/"), ("articles/a/#x", "articles/a/", "#x"),
     ("checklists/", "articles/b/", "../../checklists/"), ("", "articles/b/", "../../"),
     ("worksheets/x-a4.pdf", "worksheets/", "x-a4.pdf"), ("articles/a/", "", "articles/a/"),
     ("topics/", "topics/", "./"), ("#top", "", "#top")],
)
def test_relative(target: str, page: str, link: str) -> None:
    assert relative(target, page) == link
