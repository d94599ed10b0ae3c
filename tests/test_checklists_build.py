"""Every action appears, with the same id, on every page that should list it."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

from guidekit.loader import load_guide
from guidekit.model import WHEN_ORDER
from tests.support import ROOT, html_page

GUIDE = load_guide(ROOT / "content", ROOT)


@cache
def page(site: Path, url: str) -> BeautifulSoup:
    return html_page(site, posixpath.join(url, "index.html"))


def boxes(soup: BeautifulSoup) -> list[str]:
    return [box["data-action"] for box in soup.select('input[type="checkbox"][data-action]')]


HANDFUL = 5
"""The most items any "Today" group may hold: a reader who just heard needs few."""


def every_step(site: Path) -> BeautifulSoup:
    """The plan's reference list of every action (its situation paths come before it)."""
    return page(site, "checklists").select_one("details[data-every-step]")


def test_every_action_is_on_its_article_topic_checklists_and_the_plan(built_site: Path) -> None:
    plan = boxes(every_step(built_site))
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


def test_plan_lists_every_step_by_topic_then_by_when(built_site: Path) -> None:
    sections = every_step(built_site).select("section.guide-plan-topic")
    assert [s.h3.get_text(strip=True) for s in sections] == [
        t.title for t in GUIDE.topics.values() if GUIDE.primary.get(t.id)
    ]
    for section, topic in zip(sections, (t for t in GUIDE.topics if GUIDE.primary.get(t))):
        actions = [a for slug in GUIDE.primary[topic] for a in GUIDE.articles[slug].actions]
        headings = [h["id"] for h in section.select(".guide-group h4")]
        assert headings == [f"{topic}-when-{w}" for w in WHEN_ORDER if w in {a.when for a in actions}]
        for group in section.select(".guide-group"):
            when = group.h4["id"].removeprefix(f"{topic}-when-")
            for box in group.select("input[data-action]"):
                assert GUIDE.actions_by_id[box["data-action"]].when == when


def test_no_today_group_anywhere_is_more_than_a_handful(built_site: Path) -> None:
    urls = ["checklists", *(f"checklists/{t}" for t in GUIDE.topics),
            *(f"situations/{s}" for s in GUIDE.situations)]
    counted = 0
    for url in urls:
        soup = page(built_site, url)
        for heading in soup.select('[id$="when-today"], [id$="day-0"]'):
            items = heading.find_parent("section").select("li.guide-task")
            assert 0 < len(items) <= HANDFUL, (url, heading["id"], len(items))
            counted += 1
    assert counted >= len(GUIDE.situations)


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
