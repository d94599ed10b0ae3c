"""The applications log's engine side: its model, its page and its place in the navigation.

The loader's messages are held by the broken-input corpus (tests/cases/broken/applog-*)
and the fuzzing; the reader's side by tests/test_applications_browser.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from guidekit import applog
from guidekit.loader import load_guide
from guidekit.pages import navigation, plan
from guidekit.problems import ContentError
from guidekit.render import Renderer
from guidekit.settings import Detail, Settings

from tests.support import ROOT

DETAILS = (Detail("company", "The company"), Detail("contact name", "Their name"))


def load(content: Path) -> object:
    return load_guide(content, content.parent, Settings(details=DETAILS))


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
    assert applog.SOURCE not in plan(guide)
    assert applog.SOURCE not in json.dumps(navigation(guide, []))


def test_the_log_page_and_its_one_nav_entry(tmp_path: Path) -> None:
    content = shutil.copytree(ROOT / "tests/fixtures/second/content", tmp_path / "content")
    guide = load(content)
    page = plan(guide)[applog.SOURCE]
    assert (page.title, page.kind) == ("Your job leads", applog.KIND)
    entries = [item for item in navigation(guide, []) if applog.SOURCE in item.values()]
    assert entries == [{"Your job leads": applog.SOURCE}]


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
    html = renderer.page(applog.KIND, None, applog.URL, "")
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
        renderer.page("worksheet", "application-pipeline-tracker", "worksheets/application-pipeline-tracker/", ""),
        "html.parser",
    )
    link = sheet.select_one(".guide-applog-link a")
    assert (link["href"], link.get_text()) == ("../../applications/", "Your applications")
    log = BeautifulSoup(renderer.page(applog.KIND, None, applog.URL, ""), "html.parser")
    paper = log.find("a", string="Application pipeline tracker")
    assert paper is not None and paper["href"] == "../worksheets/application-pipeline-tracker/"
    # Another worksheet says nothing of the log.
    other = renderer.page("worksheet", "plan-of-changes", "worksheets/plan-of-changes/", "")
    assert "guide-applog-link" not in other


def test_without_the_guides_settings_fills_is_checked_for_its_form_only(tmp_path: Path) -> None:
    content = shutil.copytree(ROOT / "tests/fixtures/second/content", tmp_path / "content")
    log = content / applog.FILE
    text = log.read_text(encoding="utf-8")
    log.write_text(text.replace("fills: contact name", "fills: role"), encoding="utf-8")
    assert load_guide(content, tmp_path).applog is not None  # any detail may exist
    with pytest.raises(ContentError) as error:
        load_guide(content, tmp_path, Settings())  # the default details have no 'role'
    assert [str(p) for p in error.value.problems] == [
        "content/applications.yml:8: 'fields[2].fills' is 'role', which is not one of the"
        " composer's details ('your name', 'contact name') — use one of them, or add it under"
        " 'details' in mkdocs.yml"
    ]
    log.write_text(text.replace("fills: contact name", "fills: Their Name!"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_guide(content, tmp_path)
    assert [p.line for p in error.value.problems] == [8]
    assert "not a placeholder name" in error.value.problems[0].message
