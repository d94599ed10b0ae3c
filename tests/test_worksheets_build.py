"""Worksheet pages: accessible forms, cards, and links both ways with articles."""

from __future__ import annotations

import posixpath
from pathlib import Path

from bs4 import BeautifulSoup

from guidekit.loader import load_guide
from tests.support import ROOT, html_page

GUIDE = load_guide(ROOT / "content", ROOT)


def page(site: Path, url: str) -> BeautifulSoup:
    return html_page(site, posixpath.join(url, "index.html"))


def test_articles_and_worksheets_link_both_ways(built_site: Path) -> None:
    assert GUIDE.worksheets_of and GUIDE.articles_of
    for sheet in GUIDE.worksheets.values():
        sheet_page = page(built_site, f"worksheets/{sheet.slug}")
        linked = {a["href"] for a in sheet_page.select("article .guide-meta a")}
        expected = set(GUIDE.articles_of.get(sheet.slug, ()))
        assert expected >= set(sheet.articles)
        assert linked == {f"../../articles/{slug}/" for slug in expected}
        for slug in expected:
            box = page(built_site, f"articles/{slug}").select_one(
                '[aria-labelledby="worksheets-for-this"]'
            )
            assert box is not None, slug
            assert f"../../worksheets/{sheet.slug}/" in {a["href"] for a in box.select("a")}


def test_every_control_has_a_label_and_groups_are_fieldsets(built_site: Path) -> None:
    for sheet in GUIDE.worksheets.values():
        form = page(built_site, f"worksheets/{sheet.slug}").select_one("form.ws-form")
        controls = form.select("input, textarea")
        assert controls
        for control in controls:
            named = control.get("aria-label") or form.select_one(f'label[for="{control.get("id")}"]')
            assert named, (sheet.slug, control.get("name"))
        for field in sheet.fields:
            if field.type in ("checklist", "scale"):
                fieldset = form.find(attrs={"name": f"{field.id}-1"}).find_parent("fieldset")
                assert fieldset.legend.get_text(strip=True) == field.label
            if field.type == "table":
                group = form.select_one(f'[aria-labelledby="ws-{field.id}-label"]')
                headers = [th.get_text() for th in group.select("thead th[scope=col]")]
                assert headers == list(field.columns)
                assert len(group.select("tbody tr")) == field.rows


def test_worksheet_index_cards_link_to_pages_and_pdfs(built_site: Path) -> None:
    index = page(built_site, "worksheets")
    cards = index.select(".guide-cards li")
    assert len(cards) == len(GUIDE.worksheets)
    for link in index.select("article a[href]"):
        target = posixpath.normpath(posixpath.join("worksheets/", link["href"]))
        assert (built_site / target).exists() or (built_site / target / "index.html").exists()
    hrefs = {a["href"] for a in index.select("article a[href]")}
    assert {"workbook-a4.pdf", "workbook-letter.pdf"} <= hrefs


def test_worksheet_page_offers_pdfs_and_print(built_site: Path) -> None:
    for sheet in GUIDE.worksheets.values():
        soup = page(built_site, f"worksheets/{sheet.slug}")
        links = {a["href"] for a in soup.select("[data-worksheet-actions] a")}
        assert links == {f"../{sheet.slug}-a4.pdf", f"../{sheet.slug}-letter.pdf"}
        for href in links:
            assert (built_site / "worksheets" / href.removeprefix("../")).is_file()
        modes = {b["data-print"] for b in soup.select("button[data-print]")}
        assert modes == {"blank", "answers"}
        assert soup.select_one("button[data-clear-answers]")
