"""The applications log's engine side: its model, its page and its place in the navigation.

The loader's messages are held by the broken-input corpus (tests/cases/broken/applog-*)
and the fuzzing; the reader's side by tests/test_applications_browser.py.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from guidekit import applog
from guidekit.loader import load_guide
from guidekit.pages import GeneratedPage, navigation, plan, source
from guidekit.problems import ContentError
from guidekit.render import Renderer
from guidekit.settings import Detail, Recipient, Settings, When

from tests.support import ROOT

DETAILS = (Detail("company", "The company"), Detail("contact name", "Their name"))
PAGE = source(applog.URL)
"""The log page's docs/ path: applications/index.md."""


def page_html(renderer: Renderer, guide: object, src_uri: str, url: str) -> str:
    """A planned page as the build renders it: its template, filled with its context."""
    page: GeneratedPage = plan(guide)[src_uri]  # type: ignore[arg-type]
    return renderer.page(page, url, "")


SECOND = Settings(
    recipients=(Recipient("team", "Your team"), Recipient("lead", "Your lead", thread=True)),
    when=(When("first-day", "On your first day"), When("first-week", "In your first week"),
          When("later", "Later on")),
)
"""The second guide's own words, as its mkdocs.yml sets them."""


def load(content: Path, details: tuple[Detail, ...] = DETAILS) -> object:
    return load_guide(content, content.parent, replace(SECOND, details=details))


def test_the_guide_declares_its_log_in_content() -> None:
    guide = load_guide(ROOT / "content", ROOT, Settings(details=DETAILS + (Detail("role", "Role"),)))
    log = guide.applog
    assert log is not None and log.path == "content/applications.yml"
    assert [stage.id for stage in log.stages] == [
        "applied", "screening", "interview", "final-round", "offer"
    ]  # fmt: skip
    assert [outcome.label for outcome in log.outcomes] == [
        "No", "Heard nothing", "Offer withdrawn", "Accepted", "I withdrew"
    ]  # fmt: skip
    assert [f.id for f in log.fields] == [
        "company", "role", "where-found", "link", "contact-name", "contact-email", "notes"
    ]  # fmt: skip
    assert {f.id: f.fills for f in log.fields if f.fills} == {
        "company": "company", "role": "role", "contact-name": "contact name"
    }  # fmt: skip
    # Every path an outcome opens, and every advice, is real content.
    assert {s for o in log.outcomes for s in o.paths} <= set(guide.situations)
    assert {s.advice.article for s in log.stages if s.advice} <= set(guide.articles)


def test_a_guide_without_a_log_file_has_no_log_page(tmp_path: Path) -> None:
    content = shutil.copytree(ROOT / "tests/fixtures/second/content", tmp_path / "content")
    (content / applog.FILE).unlink()
    guide = load(content)
    assert guide.applog is None
    assert PAGE not in plan(guide)
    assert PAGE not in json.dumps(navigation(guide, []))


def test_the_log_page_and_its_one_nav_entry(tmp_path: Path) -> None:
    content = shutil.copytree(ROOT / "tests/fixtures/second/content", tmp_path / "content")
    guide = load(content)
    page = plan(guide)[PAGE]
    assert (page.title, page.template) == ("Your job leads", applog.PAGE)
    assert page.template.name == "applications.html"
    entries = [item for item in navigation(guide, []) if PAGE in item.values()]
    assert entries == [{"Your job leads": PAGE}]


def test_what_an_author_writes_reaches_the_page_escaped(tmp_path: Path) -> None:
    content = shutil.copytree(ROOT / "tests/fixtures/second/content", tmp_path / "content")
    log = content / applog.FILE
    hostile = "Who'll <b>answer</b> & when"
    log.write_text(
        log.read_text(encoding="utf-8").replace("label: Who you spoke to", f'label: "{hostile}"'),
        encoding="utf-8",
    )
    guide = load(content)
    renderer = Renderer(guide, ROOT / "overrides" / "guide")
    html = page_html(renderer, guide, PAGE, applog.URL)
    soup = BeautifulSoup(html, "html.parser")
    data = json.loads(soup.select_one("[data-applog]")["data-applog"])
    assert data["fields"][1]["label"] == hostile
    assert soup.select_one("label[for=applog-field-person]").get_text() == hostile
    assert "<b>" not in html
    # The situation a 'Not now' opens is linked from the log's own address.
    assert data["situations"]["back-after-leave"]["url"] == "../situations/back-after-leave/"


def test_the_log_and_its_paper_worksheet_link_to_each_other() -> None:
    details = DETAILS + (Detail("role", "Role"),)
    guide = load_guide(ROOT / "content", ROOT, Settings(details=details))
    assert guide.applog is not None and guide.applog.worksheet == "application-pipeline-tracker"
    renderer = Renderer(guide, ROOT / "overrides" / "guide")
    sheet = BeautifulSoup(
        page_html(
            renderer,
            guide,
            "worksheets/application-pipeline-tracker.md",
            "worksheets/application-pipeline-tracker/",
        ),
        "html.parser",
    )
    link = sheet.select_one(".guide-applog-link a")
    assert (link["href"], link.get_text()) == ("../../applications/", "Your applications")
    log = BeautifulSoup(page_html(renderer, guide, PAGE, applog.URL), "html.parser")
    paper = log.find("a", string="Application pipeline tracker")
    assert paper is not None and paper["href"] == "../worksheets/application-pipeline-tracker/"
    # Another worksheet says nothing of the log.
    other = page_html(renderer, guide, "worksheets/plan-of-changes.md", "worksheets/plan-of-changes/")
    assert "guide-applog-link" not in other


def test_without_the_guides_settings_fills_is_checked_for_its_form_only(tmp_path: Path) -> None:
    content = shutil.copytree(ROOT / "tests/fixtures/second/content", tmp_path / "content")
    log = content / applog.FILE
    text = log.read_text(encoding="utf-8")
    log.write_text(text.replace("fills: contact name", "fills: role"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load(content, Settings().details)  # the default details have no 'role'
    assert [str(p) for p in error.value.problems] == [
        "content/applications.yml:8: 'fields[2].fills' is 'role', which is not one of the"
        " composer's details ('your name', 'contact name') — use one of them, or add it under"
        " 'details' in mkdocs.yml"
    ]
    # Without any settings (the guide's words are then the defaults, so the main guide).
    content = shutil.copytree(ROOT / "content", tmp_path / "main-content")
    log = content / applog.FILE
    text = log.read_text(encoding="utf-8")
    assert load_guide(content, tmp_path).applog is not None  # any detail may exist
    log.write_text(text.replace("fills: role", "fills: Their Name!"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_guide(content, tmp_path)
    assert [p.line for p in error.value.problems] == [12]
    assert "not a placeholder name" in error.value.problems[0].message
