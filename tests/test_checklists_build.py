"""Every action appears, with the same id, on every page that should list it."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

from after_the_no.loader import load_guide
from after_the_no.model import WHEN_ORDER
from tests.support import ROOT, html_page

GUIDE = load_guide(ROOT / "content", ROOT)


@cache
def page(site: Path, url: str) -> BeautifulSoup:
    return html_page(site, posixpath.join(url, "index.html"))


def boxes(soup: BeautifulSoup) -> list[str]:
    return [box["data-action"] for box in soup.select('input[type="checkbox"][data-action]')]


def test_every_action_is_on_its_article_topic_checklists_and_the_plan(built_site: Path) -> None:
    plan = boxes(page(built_site, "checklists"))
    assert len(plan) == len(set(plan)) == sum(len(a.actions) for a in GUIDE.articles.values())
    for article in GUIDE.articles.values():
        on_article = boxes(page(built_site, f"articles/{article.slug}"))
        assert on_article == [a.id for a in article.actions]
        for topic in article.topics:
            on_topic = boxes(page(built_site, f"checklists/{topic}"))
            assert {a.id for a in article.actions} <= set(on_topic)
        assert {a.id for a in article.actions} <= set(plan)


def test_checkboxes_are_labelled_and_unique_per_page(built_site: Path) -> None:
    for url in ["checklists", *(f"checklists/{t}" for t in GUIDE.topics)]:
        soup = page(built_site, url)
        ids = [box["id"] for box in soup.select("input[data-action]")]
        assert len(ids) == len(set(ids))
        for box_id in ids:
            label = soup.select_one(f'label[for="{box_id}"]')
            assert label is not None and label.get_text(strip=True)


def test_plan_groups_actions_by_when_in_order(built_site: Path) -> None:
    soup = page(built_site, "checklists")
    headings = [h["id"] for h in soup.select(".guide-group h2")]
    used = {a.when for a in GUIDE.actions()}
    assert headings == [f"when-{w}" for w in WHEN_ORDER if w in used]
    for group in soup.select(".guide-group"):
        when = group.h2["id"].removeprefix("when-")
        for box in group.select("input[data-action]"):
            action = next(a for a in GUIDE.actions() if a.id == box["data-action"])
            assert action.when == when


def test_every_item_links_to_an_existing_page_and_heading(built_site: Path) -> None:
    checked = 0
    for url in ["checklists", *(f"checklists/{t}" for t in GUIDE.topics),
                *(f"articles/{s}" for s in GUIDE.articles)]:
        for item in page(built_site, url).select("li.guide-task"):
            for link in item.select(".guide-task__links a"):
                target, _, fragment = link["href"].partition("#")
                resolved = posixpath.normpath(posixpath.join(url + "/", target))
                assert (built_site / resolved / "index.html").is_file(), (url, link["href"])
                if fragment:
                    assert page(built_site, resolved).find(id=fragment), (url, link["href"])
                checked += 1
    assert checked > 2 * sum(len(a.actions) for a in GUIDE.articles.values())


def test_home_and_topic_pages_link_to_the_plan(built_site: Path) -> None:
    home = page(built_site, "")
    assert home.select_one('article a[href="checklists/"]')
    for topic in GUIDE.topics:
        assert page(built_site, f"topics/{topic}").select_one('article a[href="../../checklists/"]')
