"""The real site builds strictly and has the pages the URL scheme promises."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.support import ROOT


def test_real_site_has_every_page(built_site: Path) -> None:
    for page in ("index.html", "topics/index.html", "topics/feedback/index.html",
                 "checklists/index.html", "worksheets/index.html", "privacy/index.html",
                 "articles/reply-with-grace/index.html", "worksheets/workbook-a4.pdf"):
        assert (built_site / page).is_file(), page


def test_search_has_no_entries_for_the_generated_boxes(built_site: Path) -> None:
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    boxes = ("#your-checklist", "#worksheets-for-this", "#related-articles")
    assert [d["location"] for d in docs if d["location"].endswith(boxes)] == []
    # The articles themselves, and their sections, are still found.
    locations = {d["location"] for d in docs}
    assert "articles/reply-with-grace/" in locations
    assert any(loc.startswith("articles/reply-with-grace/#") for loc in locations)


def test_templates_write_wide_characters_as_entities() -> None:
    # Python stores a string at the width of its widest character: one em dash
    # in a fragment joined to an article makes the page's whole HTML take two
    # bytes per character for the rest of the build (make bench measures it).
    for template in sorted((ROOT / "overrides").rglob("*.html")):
        text = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"), flags=re.S)
        wide = sorted({c for c in text if ord(c) > 0xFF})
        assert not wide, f"{template.relative_to(ROOT)}: write {wide} as HTML entities (e.g. &mdash;)"
