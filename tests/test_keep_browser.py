"""Data that survives, in a real Chromium: persistent storage and the download reminder."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.support import guide_ready, require
from tests.test_quality_gates import AXE, AXE_TAGS

pytestmark = pytest.mark.browser

PLAN = "checklists/"
SHEET = "worksheets/interview-post-mortem/"
PROMPT = "[data-keep-prompt]"
DAY_ONE = datetime(2026, 3, 2, 9, 0)

# The browser's answer to navigator.storage.persist(), fixed by the test, and
# a count of the calls; the rest of the Storage API stays the browser's own.
FAKE_PERSIST = """
window.guidePersistCalls = 0;
const granted = () => sessionStorage.getItem('test-persisted') === '1';
navigator.storage.persisted = async () => granted();
navigator.storage.persist = async () => {
  window.guidePersistCalls += 1;
  sessionStorage.setItem('test-persisted', '1');
  return true;
};
"""
# What store.js announces after each write it attempts.
STORED = """(ok) => document.dispatchEvent(new CustomEvent('guide:stored', {
  detail: { ok, key: 'after-the-no:v1:tick:send-thanks' } }))"""


def visit(page, address: str, when: datetime) -> None:  # type: ignore[no-untyped-def]
    page.clock.set_fixed_time(when)
    page.goto(address)
    page.wait_for_selector("[data-checklist], form[data-worksheet], article")


def test_the_reminder_comes_after_the_first_day_and_goes_when_dismissed_or_downloaded(page, site_server: str) -> None:
    # First visit: ticks, and no reminder that day.
    visit(page, site_server + PLAN, DAY_ONE)
    page.locator("input.guide-task__box:visible").first.check()
    visit(page, site_server + PLAN, DAY_ONE + timedelta(hours=8))
    assert page.locator(PROMPT).count() == 0
    # The next day, where the reader works: on the plan and on a worksheet, not elsewhere.
    visit(page, site_server + PLAN, DAY_ONE + timedelta(days=1))
    assert page.locator(PROMPT).is_visible()
    visit(page, site_server + SHEET, DAY_ONE + timedelta(days=1))
    assert page.locator(PROMPT).is_visible()
    assert_accessible(page)
    visit(page, site_server, DAY_ONE + timedelta(days=1))
    assert page.locator(PROMPT).count() == 0
    # "Not now" closes it, and it stays closed for a week.
    visit(page, site_server + PLAN, DAY_ONE + timedelta(days=1))
    page.locator("[data-keep-dismiss]").click()
    assert page.locator(PROMPT).count() == 0
    visit(page, site_server + PLAN, DAY_ONE + timedelta(days=7))
    assert page.locator(PROMPT).count() == 0
    # A week later it is back; its button downloads the data, and that counts.
    visit(page, site_server + SHEET, DAY_ONE + timedelta(days=9))
    with page.expect_download() as download:
        page.locator("[data-keep-download]").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["ticks"] and data["format"] == "after-the-no"
    assert page.locator(PROMPT).count() == 0
    visit(page, site_server + PLAN, DAY_ONE + timedelta(days=15))
    assert page.locator(PROMPT).count() == 0
    # A week after the download it asks again; a download on the Privacy page counts too.
    visit(page, site_server + PLAN, DAY_ONE + timedelta(days=17))
    assert page.locator(PROMPT).is_visible()
    visit(page, site_server + "privacy/", DAY_ONE + timedelta(days=17))
    with page.expect_download():
        page.locator("[data-export]").click()
    visit(page, site_server + PLAN, DAY_ONE + timedelta(days=18))
    assert page.locator(PROMPT).count() == 0


def assert_accessible(page) -> None:  # type: ignore[no-untyped-def]
    """axe on the reminder, which the quality gates' sweep never sees (it needs a second day)."""
    require(AXE.is_file(), "axe-core not installed: run `npm ci` (make test does)")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""(tags) => axe.run({ include: [['[data-keep-prompt]']] },
      { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }).then((r) => r.violations)""", AXE_TAGS)
    assert not found, [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]


def test_no_reminder_for_a_reader_with_nothing_saved(page, site_server: str) -> None:
    visit(page, site_server + PLAN, DAY_ONE)
    visit(page, site_server + PLAN, DAY_ONE + timedelta(days=30))
    assert page.locator(PROMPT).count() == 0


def test_the_first_save_asks_the_browser_to_keep_the_data_and_privacy_says_so(page, site_server: str) -> None:
    page.add_init_script(FAKE_PERSIST)
    page.goto(site_server + "privacy/")
    status = page.locator("[data-kept]")
    assert status.inner_text().startswith("This browser may delete your data")
    page.goto(site_server + PLAN)
    page.evaluate(STORED, False)  # a write that failed asks nothing
    assert page.evaluate("window.guidePersistCalls") == 0
    page.locator("input.guide-task__box:visible").first.check()
    page.evaluate(STORED, True)
    page.evaluate(STORED, True)
    assert page.evaluate("window.guidePersistCalls") == 1
    page.goto(site_server + "privacy/")
    assert status.inner_text() == "This browser has agreed to keep your data."


def test_privacy_shows_the_browsers_own_answer(page, site_server: str) -> None:
    page.goto(site_server + "privacy/")
    guide_ready(page)
    kept = page.evaluate("navigator.storage.persisted()")
    expected = "This browser has agreed" if kept else "This browser may delete your data"
    assert page.locator("[data-kept]").inner_text().startswith(expected)
