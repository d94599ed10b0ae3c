"""Checklists in a real Chromium: ticks remembered everywhere, printed cleanly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import normalized, pdf_text

pytestmark = pytest.mark.browser

ARTICLE = "articles/reply-with-grace/"
CHROME_WORDS = ("Search", "Previous", "Next", "Clear ticks", "Table of contents")


def first_action(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("input[data-action]:visible").first.get_attribute("data-action")


def box(page, action: str):  # type: ignore[no-untyped-def]
    return page.locator(f'input[data-action="{action}"]:visible')


def test_a_tick_follows_the_reader_across_pages_and_reloads(page, site_server: str) -> None:
    page.goto(site_server + ARTICLE)
    action = first_action(page)
    box(page, action).check()
    assert page.locator("[data-progress-text]:visible").inner_text().startswith("1 of ")
    # Instant navigation: Material swaps the page without a full load.
    page.locator(".guide-box__more a", has_text="your whole plan").click()
    page.wait_for_url("**/checklists/")
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    expect_checked(page, action)
    page.reload()
    expect_checked(page, action)
    assert page.locator("[data-progress-text]:visible").inner_text().startswith("1 of ")


def expect_checked(page, action: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "id => document.querySelector(`input[data-action='${id}']`)?.checked === true", arg=action
    )


def test_another_tab_sees_the_change(context, page, site_server: str) -> None:
    page.goto(site_server + "checklists/")
    other = context.new_page()
    other.goto(site_server + ARTICLE)
    action = first_action(other)
    box(other, action).check()
    expect_checked(page, action)
    box(other, action).uncheck()
    page.wait_for_function(
        "id => document.querySelector(`input[data-action='${id}']`).checked === false", arg=action
    )


def test_clear_ticks_asks_first_and_clears_this_list_only(page, site_server: str) -> None:
    page.goto(site_server + "checklists/resilience/")
    boxes = page.locator("input[data-action]:visible")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.goto(site_server + "checklists/feedback/")
    page.locator("input[data-action]:visible").first.check()
    other = page.locator("input[data-action]:visible").first.get_attribute("data-action")
    page.goto(site_server + "checklists/resilience/")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("[data-clear-ticks]").click()
    assert page.locator("input[data-action]:visible:checked").count() == 2
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-clear-ticks]").click()
    assert page.locator("input[data-action]:visible:checked").count() == 0
    assert page.locator("[data-progress-text]:visible").inner_text().startswith("0 of ")
    page.goto(site_server + "checklists/")
    expect_checked(page, other)


def test_corrupt_storage_is_ignored(page, site_server: str) -> None:
    page.goto(site_server + "checklists/")
    action = first_action(page)
    page.evaluate(
        """id => {
            localStorage.setItem(`after-the-no@/:v1:tick:${id}`, '{"broken');
            localStorage.setItem('after-the-no@/:v1:tick:no-such-action', '1');
            localStorage.setItem('after-the-no@/:v1:tick:<img src=x onerror=alert(1)>', '1');
            localStorage.setItem('after-the-no@/:v1:answers:interview-post-mortem', '[1,2');
        }""",
        action,
    )
    page.reload()
    assert not box(page, action).is_checked()
    box(page, action).check()
    expect_checked(page, action)
    page.goto(site_server + "worksheets/interview-post-mortem/")
    page.locator("textarea").first.fill("still works")


def test_download_delete_load_restores_ticks(page, site_server: str, tmp_path: Path) -> None:
    page.goto(site_server + "checklists/")
    ticked = [
        page.locator("input[data-action]:visible").nth(i).get_attribute("data-action") for i in (0, 3, 5)
    ]
    for action in ticked:
        box(page, action).check()
    page.goto(site_server + "privacy/")
    with page.expect_download() as download:
        page.locator("[data-export]").click()
    saved = tmp_path / "data.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text())
    assert data["format"] == "after-the-no" and sorted(data["ticks"]) == sorted(ticked)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-delete]").click()
    ours = "Object.keys(localStorage).filter(k => k.startsWith('after-the-no')).length"
    assert page.evaluate(ours) == 0
    page.locator("[data-import]").set_input_files(str(saved))
    page.locator("[data-load-replace]").click()
    page.wait_for_function("document.querySelector('[data-status]').textContent.startsWith('Loaded')")
    page.goto(site_server + "checklists/")
    for action in ticked:
        expect_checked(page, action)
    assert page.locator("input[data-action]:visible:checked").count() == len(ticked)


def test_checklist_prints_items_without_site_chrome(page, site_server: str) -> None:
    page.goto(site_server + "checklists/feedback/")
    page.locator("input[data-action]:visible").first.check()
    labels = page.locator(".guide-task__label").all_inner_texts()
    for paper in ("A4", "Letter"):
        flat = pdf_text(page.pdf(format=paper))
        for label in labels:
            assert normalized(label) in flat
        for word in CHROME_WORDS:
            assert word not in flat, word
        assert "checklists/feedback/" in flat  # the page's address is printed


def test_lists_render_without_javascript(browser, site_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server + "checklists/")
    assert page.locator("input[data-action]:visible").count() > 20
    # Without a script nothing counts ticks, so no progress line shows anywhere.
    assert page.locator("[data-progress]:visible").count() == 0
    context.close()
