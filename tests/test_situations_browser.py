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


def status_of(page, action: str) -> str:  # type: ignore[no-untyped-def]
    return page.locator(f'.guide-path li:has(> input[data-action="{action}"]) [data-status]').first.inner_text()


def test_the_start_date_dates_each_step_and_says_where_it_stands_in_kind_words(
    page, site_server: str
) -> None:
    page.goto(site_server + URL)
    assert page.locator("[data-heard]").is_visible()
    assert page.locator("[data-heard] label").inner_text() == "The day you heard"
    days = sorted({day for day, _ in steps()})
    due_day = days[2]
    set_heard(page, due_day)
    group = page.locator(f'.guide-day[data-day="{due_day}"]')
    assert group.locator("[data-day-label]").inner_text().startswith("Today, ")
    assert set(group.locator("[data-status]").all_inner_texts()) == {"Today"}
    # A past step is never "overdue": a reply or a rest step waits for the
    # reader, anything else is still to do. A later step is coming up.
    gentle = {a.id for a in GUIDE.actions_by_id.values() if a.to}
    for day, action in steps():
        expected = (
            "Today" if day == due_day
            else "Coming up" if day > due_day
            else "When you're ready" if action in gentle or day == 0
            else "Still to do"
        )
        assert status_of(page, action) == expected, action
    assert "Overdue" not in page.locator("main").inner_text()
    # The status is part of the checkbox's description, so Tab users hear it.
    first = steps()[0][1]
    described = page.evaluate(
        """id => { const box = document.querySelector(`.guide-path input[data-action='${id}']`);
        return box.getAttribute('aria-describedby').split(' ')
          .map(ref => document.getElementById(ref).textContent.trim()).join(' '); }""",
        first,
    )
    assert described.startswith(status_of(page, first))
    # Ticking a step makes it done, counts it, and takes its calendar button away.
    page.locator(f'.guide-path input[data-action="{first}"]').check()
    assert status_of(page, first) == "Done"
    row = page.locator(f'.guide-path li:has(> input[data-action="{first}"])')
    assert not row.locator("[data-calendar-step]").is_visible()
    assert page.locator(".guide-path [data-progress-text]").inner_text() == f"1 of {len(steps())} done"
    # The date is kept, and the plan now leads with this situation, dated too,
    # with the reference list of every step folded away below it.
    page.reload()
    assert status_of(page, steps()[-1][1]) == "Coming up"
    page.goto(site_server + "checklists/")
    mine = page.locator(f'[data-plan-for="{SLUG}"]')
    assert mine.is_visible() and not page.locator("[data-plan-none]").is_visible()
    assert set(mine.locator(f'.guide-day[data-day="{due_day}"] [data-status]').all_inner_texts()) == {"Today"}
    assert page.locator("[data-plan-for]:visible").count() == 1
    assert page.evaluate("document.querySelector('[data-every-step]').open") is False


def test_a_date_to_come_is_refused_when_the_reader_leaves_the_field(page, site_server: str) -> None:
    page.goto(site_server + URL)
    set_heard(page, -3)
    page.locator("[data-heard-input]").blur()
    field = page.locator("[data-heard-input]")
    assert "still to come" in page.locator("[data-heard-status]").inner_text()
    assert field.get_attribute("aria-invalid") == "true"
    assert "heard-date-status" in field.get_attribute("aria-describedby")
    assert page.locator("[data-status]:not(:empty)").count() == 0
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.includes(':start:'))")
    assert stored == []


def test_a_path_that_counts_from_the_employers_date_takes_a_date_ahead(page, site_server: str) -> None:
    page.goto(site_server + "situations/heard-nothing/")
    assert page.locator("[data-heard] label").inner_text() == "The day they said they would decide"
    set_heard(page, -4)
    page.locator("[data-heard-input]").blur()
    assert page.locator("[data-heard-input]").get_attribute("aria-invalid") is None
    # Nothing is chased before their date: every step is still to come.
    assert set(page.locator(".guide-path [data-status]").all_inner_texts()) == {"Coming up"}


def test_an_emptied_or_impossible_date_is_named_and_the_reader_chooses(page, site_server: str) -> None:
    page.goto(site_server + URL)
    date = set_heard(page, 2)
    field = page.locator("[data-heard-input]")
    field.fill("")
    field.blur()
    assert "empty" in page.locator("[data-heard-status]").inner_text()
    page.locator("[data-heard-keep]").click()
    assert field.input_value() == date
    field.fill("")
    field.blur()
    page.locator("[data-heard-clear]").click()
    assert "cleared" in page.locator("[data-heard-status]").inner_text()
    assert page.locator(".guide-path [data-status]:not(:empty)").count() == 0
    # A year typed on the way to the real one (0002) is not an error while typing.
    field.focus()
    page.keyboard.type("02")
    assert field.get_attribute("aria-invalid") is None


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
    assert len(page.locator(".guide-path li[data-step]").all()) == len(steps())
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
    assert "Clear ticks" not in flat and "Add to calendar" not in flat
    # The reader's date is on the paper too, in words.
    assert "The day you heard:" in flat
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
