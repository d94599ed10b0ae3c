"""The real site builds strictly and has the pages the URL scheme promises."""

from __future__ import annotations

from pathlib import Path


def test_real_site_has_every_page(built_site: Path) -> None:
    for page in ("index.html", "topics/index.html", "topics/feedback/index.html",
                 "checklists/index.html", "worksheets/index.html", "privacy/index.html",
                 "articles/reply-with-grace/index.html", "worksheets/workbook-a4.pdf"):
        assert (built_site / page).is_file(), page
