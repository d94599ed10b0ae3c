"""What a reader in a bad way, or searching in their own words, must find on the built site."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from tests.support import ROOT

BOX = ROOT / "docs" / "includes" / "support-box.md"
DISTRESS = re.compile(
    r"\b(crisis|suicid\w*|harm(ing)? (yourself|themselves)|keep yourself safe|something darker"
    r"|feels? dark|self-harm)\b",
    re.IGNORECASE,
)
"""Words that say a reader may be in distress: a page that uses them shows the support box."""


def main_text(html: Path) -> tuple[str, BeautifulSoup]:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article") or soup
    return article.get_text(" "), article


def test_the_support_box_names_a_line_for_each_region() -> None:
    text = BOX.read_text(encoding="utf-8")
    for region, number in {
        "United States and Canada": "988",
        "United Kingdom and Ireland": "116 123",
        "Australia": "13 11 14",
        "European Union": "112",
        "Anywhere else": "findahelpline.com",
    }.items():
        line = next((line for line in text.splitlines() if region in line), "")
        assert number in line, f"the support box should give {number} for {region}"
    assert "careers service" in text and "job centre" in text, "free career help is missing"


def test_every_page_that_mentions_distress_shows_the_support_box(built_site: Path) -> None:
    checked = 0
    for html in sorted(built_site.rglob("index.html")):
        text, article = main_text(html)
        found = DISTRESS.search(text)
        if not found:
            continue
        checked += 1
        box = article.select_one(".support-box")
        page = html.parent.relative_to(built_site).as_posix() or "home"
        assert box is not None, f"{page} mentions {found[0]!r} but has no support box"
        assert "116 123" in box.get_text() and "988" in box.get_text(), page
    assert checked >= 9


def test_every_situation_links_to_was_this_fair(built_site: Path) -> None:
    situations = sorted((built_site / "situations").glob("*/index.html"))
    assert len(situations) >= 9
    for html in situations:
        _, article = main_text(html)
        links = [a.get("href", "") for a in article.select("a")]
        assert any("articles/was-this-fair/" in href for href in links), (
            f"{html.parent.name} does not link to 'Was this fair?'"
        )


def test_an_article_shows_its_review_date(built_site: Path) -> None:
    page = (built_site / "articles" / "was-this-fair" / "index.html").read_text(encoding="utf-8")
    assert "Last reviewed 2 December 2026" in page
