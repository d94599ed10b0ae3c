"""Situation pages in a real Chromium: shared ticks, real dates, the plan, no JavaScript, print."""

from __future__ import annotations

import json
import unicodedata

import pytest

from guidekit.loader import load_guide
from tests.support import ROOT, pdf_text

pytestmark = pytest.mark.browser

GUIDE = load_guide(ROOT / "content", ROOT)
SLUG = "after-an-interview"
URL = f"situations/{SLUG}/"


def steps() -> list[tuple[int, str]]:
    return [(step.day, step.action) for step in GUIDE.situations[SLUG].steps]


def set_heard(page, days_ago: int) -> str:  # type: ignore[no-untyped-def]
    """Enter the day the reader heard, ``days_ago`` days before the browser's today."""
    date = page.evaluate(
        """days => { const d = new Date(); d.setDate(d.getDate() - days);
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`; }""",
        days_ago,
    )
    page.fill("[data-heard-input]", date)
    page.dispatch_event("[data-heard-input]", "change")
    return date


def test_a_tick_on_a_step_shows_on_its_article(page, site_server: str) -> None:
    page.goto(site_server + URL)
    day, action = steps()[1]
    page.locator(f'.guide-path input[data-action="{action}"]').check()
    assert page.locator(".guide-path [data-progress-text]").inner_text() == f"1 of {len(steps())} done"
    article = GUIDE.actions_by_id[action].article
    # Instant navigation to the article, through the step's own link.
    page.locator(f'.guide-path li:has(input[data-action="{action}"]) a[data-advice]').click()
    page.wait_for_url(f"**/articles/{article}/**")
    page.wait_for_function(
        "id => document.querySelector(`input[data-action='${id}']`)?.checked === true", arg=action
    )
    page.reload()
    assert page.locator(f'input[data-action="{action}"]').is_checked()


def test_the_day_you_heard_gives_real_dates_and_marks_what_is_due(page, site_server: str) -> None:
    page.goto(site_server + URL)
    form = page.locator("[data-heard]")
    assert form.is_visible()
    days = sorted({day for day, _ in steps()})
    due_day = days[2]
    set_heard(page, due_day)
    group = page.locator(f'.guide-day[data-day="{due_day}"]')
    assert group.locator("[data-day-label]").inner_text().startswith("Today, ")
    marks = group.locator(".guide-due")
    assert marks.count() == len([1 for day, _ in steps() if day == due_day])
    assert set(marks.all_inner_texts()) == {"Due today"}
    earlier = page.locator(f'.guide-day[data-day="{days[0]}"] .guide-due')
    assert set(earlier.all_inner_texts()) == {"Overdue"}
    later = page.locator(f'.guide-day[data-day="{days[-1]}"]')
    assert later.locator(".guide-due").count() == 0
    assert "(day" in later.inner_text()
    # Ticking an overdue step takes its mark away.
    overdue = [action for day, action in steps() if day == days[0]][0]
    page.locator(f'input[data-action="{overdue}"]').check()
    row = page.locator(f'li:has(> input[data-action="{overdue}"])')
    assert row.locator(".guide-due").count() == 0
    # The date is kept, and the plan now leads with this situation, dated too.
    page.reload()
    assert page.locator(f'.guide-day[data-day="{due_day}"] .guide-due').first.inner_text() == "Due today"
    page.goto(site_server + "checklists/")
    mine = page.locator(f'[data-plan-for="{SLUG}"]')
    assert mine.is_visible() and not page.locator("[data-plan-none]").is_visible()
    assert mine.locator(f'.guide-day[data-day="{due_day}"] .guide-due').first.inner_text() == "Due today"
    assert page.locator("[data-plan-for]:visible").count() == 1


def test_a_date_to_come_is_refused_and_nothing_is_kept(page, site_server: str) -> None:
    page.goto(site_server + URL)
    set_heard(page, -3)
    assert "still to come" in page.locator("[data-heard-status]").inner_text()
    assert page.locator(".guide-due").count() == 0
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.includes(':start:'))")
    assert stored == []


def test_the_date_travels_with_the_data_download(page, site_server: str) -> None:
    page.goto(site_server + URL)
    date = set_heard(page, 2)
    page.goto(site_server + "privacy/")
    with page.expect_download() as download:
        page.locator("[data-export]").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["settings"] == {f"start:{SLUG}": date, "situation": SLUG}


def test_without_javascript_the_path_shows_day_counts(browser, site_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server + URL)
    assert not page.locator("[data-heard]").is_visible()
    labels = page.locator(".guide-day h3").all_inner_texts()
    assert labels[0] == "Today (day 0)"
    assert len(page.locator(".guide-path li.guide-task").all()) == len(steps())
    # Printed without a script: every step, with its day count, and no site chrome.
    printed = " ".join(unicodedata.normalize("NFKC", pdf_text(page.pdf(format="A4"))).split())
    assert "Today (day 0)" in printed and "Search" not in printed
    for _, action in steps():
        assert " ".join(GUIDE.actions_by_id[action].text.split()[:4]) in printed
    page.goto(site_server + "start/")
    links = page.locator(".guide-answers a")
    assert links.count() == len(GUIDE.situations)
    links.first.click()
    page.wait_for_url("**/situations/**")
    context.close()


def test_a_situation_prints_as_a_list_of_steps(page, site_server: str) -> None:
    page.goto(site_server + URL)
    set_heard(page, 1)
    text = unicodedata.normalize("NFKC", pdf_text(page.pdf(format="A4")))
    flat = " ".join(text.split())
    assert "The day you heard" not in flat and "Clear ticks" not in flat
    for _, action in steps():
        words = " ".join(GUIDE.actions_by_id[action].text.split()[:4])
        assert words in flat, words


def test_each_situation_keeps_its_own_date_and_an_old_single_date_is_carried_over(
    page, site_server: str
) -> None:
    # A browser from before each situation had its own date kept one "heard"
    # date beside the situation the reader followed: it moves to that situation.
    page.goto(site_server + "privacy/")
    prefix = page.evaluate(
        "(() => { const s = JSON.parse(document.getElementById('guide-storage').textContent);"
        " return `${s.guide}@${new URL(s.root, location.href).pathname}:v1:`; })()"
    )
    page.evaluate(
        "([p, slug]) => { localStorage.setItem(p + 'heard', '2024-05-06');"
        " localStorage.setItem(p + 'situation', slug); }",
        [prefix, SLUG],
    )
    page.goto(site_server + URL)
    assert page.input_value("[data-heard-input]") == "2024-05-06"
    stored = page.evaluate("p => Object.keys(localStorage).filter(k => k.startsWith(p))", prefix)
    ours = sorted(k.removeprefix(prefix) for k in stored if ":kept:" not in k)
    assert ours == ["situation", f"start:{SLUG}"]
    # Another situation has no date of its own, and setting one leaves this one alone.
    other = next(slug for slug in GUIDE.situations if slug != SLUG)
    page.goto(site_server + f"situations/{other}/")
    assert page.input_value("[data-heard-input]") == ""
    set_heard(page, 1)
    page.goto(site_server + URL)
    assert page.input_value("[data-heard-input]") == "2024-05-06"
