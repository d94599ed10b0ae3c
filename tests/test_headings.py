"""Heading ids found without rendering match the ids Python-Markdown assigns."""

from __future__ import annotations

import re

import markdown
import pytest

from guidekit.headings import heading_ids

BODIES = [
    "## Why it matters\ntext\n## How to do it\n",
    "## Don't wait — reply today!\n### Step 1: *thank* them\n",
    "## Same\n## Same\n## Same\n",
    "Setext heading\n---\n\nAnother\n===\n",
    "```text\n## not a heading\n```\n## Real one\n",
    "~~~\n# inside tilde fence\n~~~\n# After {#custom-id}\n",
    "## [Linked](x.md) heading\n## `code` heading\n",
    "## Ça va? Café & crème\n",
]


@pytest.mark.parametrize("body", BODIES)
def test_ids_match_markdown(body: str) -> None:
    html = markdown.markdown(body, extensions=["toc", "attr_list", "fenced_code"])
    expected = re.findall(r'<h\d id="([^"]+)"', html)
    assert list(heading_ids(body)) == expected
