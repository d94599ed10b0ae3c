"""Situations in a real strict build: the question page, the dated paths, the plan, redirects."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support import html_page, run_mkdocs, small_project

HOME = "# Home\n\n<!-- guide:topic-cards -->\n"

SITUATIONS = {
    "after-an-interview.md": """\
---
title: They said no after my interview
summary: For a no after an interview with someone you can reach.
order: 10
counts_from: the day you heard
steps:
  - day: 0
    action: send-thanks
    note: Once you feel calm.
  - day: 7
    action: email-the-recruiter
  - day: 7
    action: log-the-answer
  - day: 30
    action: review-pipeline
---
Often the choice was close.
""",
    "heard-nothing.md": """\
---
title: I heard nothing <back>
summary: For silence after an interview.
order: 5
counts_from: the day they said they would decide
future_start: true
steps:
  - day: 2
    action: apply-to-three-more
---
Silence is common.
""",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = small_project(tmp_path_factory.mktemp("situations"), HOME)
    folder = project / "content" / "situations"
    folder.mkdir()
    for name, text in SITUATIONS.items():
        (folder / name).write_text(text, encoding="utf-8")
    # keep-searching absorbed an article whose address must keep working.
    article = project / "content" / "articles" / "keep-searching.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("---\n", "---\nreplaces: [keep-going]\n", 1), encoding="utf-8")
    result = run_mkdocs(project, project / "site", env={"GUIDE_PDFS": "0"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


def soup(site: Path, url: str) -> BeautifulSoup:
    return html_page(site, f"{url}index.html")


def test_start_asks_one_question_with_a_plain_link_per_situation(site: Path) -> None:
    page = soup(site, "start/")
    assert page.select_one("h1").get_text(strip=True) == "What happened?"
    # Each answer is one whole-card link: its title and its summary.
    links = [(a.select_one(".guide-answers__title").get_text(), a["href"]) for a in page.select(".guide-answers a")]
    assert [a.select_one(".guide-answers__summary").get_text() for a in page.select(".guide-answers a")] == [
        "For silence after an interview.", "For a no after an interview with someone you can reach."]
    # Situations in their declared order; titles escaped, never markup.
    assert links == [
        ("I heard nothing <back>", "../situations/heard-nothing/"),
        ("They said no after my interview", "../situations/after-an-interview/"),
    ]
    assert "<back>" not in (site / "start" / "index.html").read_text(encoding="utf-8")
    for _, href in links:
        assert (site / "start" / href / "index.html").resolve().is_file()


def test_the_question_leads_the_nav(site: Path) -> None:
    page = soup(site, "")
    primary = page.select("nav.md-nav--primary > ul > li")
    titles = [li.find(["a", "label"]).get_text(" ", strip=True) for li in primary]
    assert titles[:2] == ["Home", "What happened?"]


def test_situation_page_numbers_its_steps_by_day(site: Path) -> None:
    page = soup(site, "situations/after-an-interview/")
    days = page.select(".guide-path .guide-day")
    assert [d["data-day"] for d in days] == ["0", "7", "30"]
    assert [d.h3.get_text(" ", strip=True) for d in days] == [
        "Today (day 0)", "In a week (day 7)", "In a month (day 30)"
    ]
    # Numbering runs on across the day groups.
    assert [d.ol.get("start") for d in days] == ["1", "2", "4"]
    boxes = [box["data-action"] for box in page.select(".guide-path input[data-action]")]
    assert boxes == ["send-thanks", "email-the-recruiter", "log-the-answer", "review-pipeline"]
    first = days[0].select_one("li[data-step]")
    assert first.select_one(".guide-task__note").get_text() == "Once you feel calm."
    advice = first.select_one("a[data-advice]")["href"]
    assert advice == "../../articles/say-thanks/"
    # A step with a section links to that heading of its article.
    linked = days[1].select_one("a[data-advice]")["href"]
    assert linked == "../../articles/ask-by-email/#how-to-ask"
    assert soup(site, "articles/ask-by-email/").find(id="how-to-ask")
    # The date field needs JavaScript, so it is hidden until a script shows it.
    assert page.select_one("[data-heard]").has_attr("hidden")
    assert page.select_one(".guide-path")["data-situation"] == "after-an-interview"


def test_plan_offers_the_question_first_then_every_step_by_topic(site: Path) -> None:
    page = soup(site, "checklists/")
    mine = page.select_one("[data-plan]")
    assert mine.select_one("[data-plan-none] a")["href"] == "../start/"
    paths = mine.select("[data-plan-for]")
    assert [p["data-plan-for"] for p in paths] == ["heard-nothing", "after-an-interview"]
    assert all(p.has_attr("hidden") for p in paths)
    ids = [box["id"] for box in page.select("input[data-action]")]
    assert len(ids) == len(set(ids)), "checkbox ids repeat on the plan"
    every = page.select_one("details[data-every-step]")
    assert len(every.select("input[data-action]")) == 5


def test_a_merged_articles_old_address_leads_to_the_new_one(site: Path) -> None:
    page = soup(site, "articles/keep-going/")
    refresh = page.select_one('meta[http-equiv="refresh"]')["content"]
    assert refresh == "0; url=../keep-searching/"
    assert page.select_one("a")["href"] == "../keep-searching/"
    assert (site / "articles" / "keep-going" / "../keep-searching/index.html").resolve().is_file()
    # Like every page, it names the site's icon and manifest (no request for /favicon.ico).
    icon = page.select_one('link[rel="icon"]')["href"]
    assert (site / "articles" / "keep-going" / icon).resolve().is_file()
    manifest = page.select_one('link[rel="manifest"]')["href"]
    assert (site / "articles" / "keep-going" / manifest).resolve().name == "manifest.webmanifest"


def test_a_guide_without_situations_has_no_question_page(tmp_path: Path) -> None:
    project = small_project(tmp_path, HOME)
    result = run_mkdocs(project, project / "site", env={"GUIDE_PDFS": "0"})
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / "start").exists()
    assert not soup(project / "site", "checklists/").select("[data-plan]")
