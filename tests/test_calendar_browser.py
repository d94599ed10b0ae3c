"""Calendar files made in a real Chromium, read back as a calendar app would.

Each .ics is downloaded from a built page, checked byte by byte (CRLF, line
length, no TZID) and parsed with the icalendar library.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urljoin

import icalendar
import pytest

from guidekit.loader import load_guide
from tests.support import ROOT, built_and_served, copy_project, pdf_text
from tests.test_situations_browser import set_heard
from tests.test_storage_browser import BLOCKED

pytestmark = pytest.mark.browser

GUIDE = load_guide(ROOT / "content", ROOT)
SLUG = "after-an-interview"
URL = f"situations/{SLUG}/"
ALL = "[data-calendar-all]"


def step(action: str) -> str:
    """The list item of ``action`` on a path."""
    return f'.guide-path li.guide-task:has(input[data-action="{action}"])'


def download(page, selector: str) -> bytes:  # type: ignore[no-untyped-def]
    """Click ``selector`` and return the bytes of the file it downloads."""
    with page.expect_download() as info:
        page.locator(selector).click()
    assert info.value.suggested_filename.endswith(".ics")
    return Path(info.value.path()).read_bytes()


def parse(raw: bytes) -> list[icalendar.Event]:
    """Check the file's bytes and calendar, and return its events."""
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and lines[-1] == b""
    assert b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b"")
    for line in lines:
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never splits a character
    assert b"TZID" not in raw and b"VTIMEZONE" not in raw
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert calendar["CALSCALE"] == "GREGORIAN" and calendar["METHOD"] == "PUBLISH"
    assert not calendar.walk("VTODO")
    events = calendar.walk("VEVENT")
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and type(end) is date, "all-day events are DATE values"
        assert event["DTSTART"].params["VALUE"] == "DATE" and event["DTEND"].params["VALUE"] == "DATE"
        assert end - start == timedelta(days=1)
        stamp = event.decoded("DTSTAMP")
        assert stamp.tzinfo is not None and stamp.utcoffset() == timedelta(0)
        assert abs(datetime.now(timezone.utc) - stamp) < timedelta(minutes=10)
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    return events


def advice_url(base: str, action: str) -> str:
    """The absolute address of the advice behind ``action`` on the site at ``base``."""
    found = GUIDE.actions_by_id[action]
    return urljoin(base, f"articles/{found.article}/" + (f"#{found.section}" if found.section else ""))


def test_the_next_steps_download_as_one_event_each(page, site_server: str) -> None:
    page.goto(site_server + URL)
    heard = date.fromisoformat(set_heard(page, 3))
    today = heard + timedelta(days=3)
    steps = GUIDE.situations[SLUG].steps
    ticked = next(s.action for s in steps if s.day > 3)
    page.locator(f'.guide-path input[data-action="{ticked}"]').check()
    assert page.locator("[data-calendar]").is_visible()
    raw = download(page, ALL)
    events = parse(raw)
    # Every step not ticked, in the path's order; a step whose day has passed
    # is put on today, under the UID of its own day, and the page says so.
    expected = [s for s in steps if s.action != ticked]
    moved = [s for s in expected if heard + timedelta(days=s.day) < today]
    assert len(expected) >= 3 and len(moved) >= 2 and len(events) == len(expected)
    host = re.sub(r"[^A-Za-z0-9.-]+", "-", site_server.split("://", 1)[1]).strip("-")
    for event, s in zip(events, expected, strict=True):
        due = heard + timedelta(days=s.day)
        assert event.decoded("DTSTART") == max(due, today)
        assert str(event["UID"]) == f"{s.action}-{due:%Y%m%d}@{host}"
        label = page.locator(step(s.action) + " .guide-task__label").inner_text()
        assert str(event["SUMMARY"]) == label
        url = advice_url(site_server, s.action)
        assert str(event["URL"]) == url
        note = s.note or f"Day {s.day}, counted from the day you heard."
        assert str(event["DESCRIPTION"]) == f"{note}\n\nWhy and how: {url}"
    status = page.locator("[data-calendar-status]").inner_text()
    assert f"Downloaded {len(expected)} reminders" in status
    assert f"{len(moved)} steps whose days have passed are on today" in status
    # The confirmation is beside the button pressed, not up the page.
    button = page.locator(ALL).bounding_box()
    said = page.locator("[data-calendar-status]").bounding_box()
    assert 0 <= said["y"] - (button["y"] + button["height"]) < 100
    # A second download gives the same events: a calendar updates, never duplicates.
    again = parse(download(page, ALL))
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in events]
    assert [e.decoded("DTSTART") for e in again] == [e.decoded("DTSTART") for e in events]


def test_a_single_step_downloads_alone(page, site_server: str) -> None:
    page.goto(site_server + URL)
    heard = date.fromisoformat(set_heard(page, 3))
    steps = GUIDE.situations[SLUG].steps
    later, overdue = steps[-1], steps[0]
    button = step(later.action) + " [data-calendar-step]"
    name = page.locator(button).evaluate("b => b.textContent")
    label = page.locator(step(later.action) + " .guide-task__label").inner_text()
    assert name == f"Add to calendar: {label}"
    (event,) = parse(download(page, button))
    due = heard + timedelta(days=later.day)
    assert event.decoded("DTSTART") == due and str(event["SUMMARY"]) == label
    assert str(event["UID"]).startswith(f"{later.action}-{due:%Y%m%d}@")
    # A step whose day has passed is put on today, under the UID of its own day.
    (late,) = parse(download(page, step(overdue.action) + " [data-calendar-step]"))
    assert late.decoded("DTSTART") == heard + timedelta(days=3)
    assert str(late["UID"]).startswith(f"{overdue.action}-{heard + timedelta(days=overdue.day):%Y%m%d}@")
    # Its confirmation shows in the step itself, right under its button.
    said = page.locator(step(overdue.action) + " [data-calendar-said]")
    assert "Downloaded a reminder" in said.inner_text()
    box = page.locator(step(overdue.action) + " [data-calendar-step]").bounding_box()
    assert 0 <= said.bounding_box()["y"] - box["y"] < 100


def test_the_plan_downloads_the_readers_situation(page, site_server: str) -> None:
    page.goto(site_server + URL)
    set_heard(page, 1)
    mine = parse(download(page, ALL))
    page.goto(site_server + "checklists/")
    path = f'[data-plan-for="{SLUG}"]'
    assert page.locator(f"{path} [data-calendar]").is_visible()
    assert page.locator("[data-calendar]:visible").count() == 1
    events = parse(download(page, f"{path} {ALL}"))
    assert [str(e["UID"]) for e in events] == [str(e["UID"]) for e in mine]
    assert [str(e["URL"]) for e in events] == [str(e["URL"]) for e in mine]
    # The plan's own steps have their single buttons too; "every step" lists have none.
    assert page.locator(f"{path} [data-calendar-step]:visible").count() == len(GUIDE.situations[SLUG].steps)
    assert page.locator("[data-plan] ~ section [data-calendar-step]").count() == 0


def test_without_a_date_the_page_asks_for_one(page, site_server: str) -> None:
    downloads: list[object] = []
    page.on("download", lambda item: downloads.append(item))
    page.goto(site_server + URL)
    ask = page.locator("[data-calendar-ask]")
    assert not ask.is_visible()
    page.locator(ALL).click()
    # On the situation's own page the field is right there: focus moves to it,
    # and the reason is said in the field's own description.
    assert page.evaluate("document.activeElement.id") == "heard-date"
    assert "first, so each step has its date" in page.locator("#heard-date-status").inner_text()
    page.locator("[data-calendar-step]").first.click()
    assert page.evaluate("document.activeElement.id") == "heard-date"
    # On the plan, the reader's situation is known but not the day: a link to give it.
    set_heard(page, 0)
    field = page.locator("[data-heard-input]")
    field.fill("")
    field.blur()
    page.locator("[data-heard-clear]").click()
    page.goto(site_server + "checklists/")
    page.locator(f'[data-plan-for="{SLUG}"] {ALL}').click()
    link = page.locator(f'[data-plan-for="{SLUG}"] [data-calendar-ask] a')
    assert link.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('href')") == link.get_attribute("href")
    assert link.get_attribute("href").endswith(f"{URL}#heard-date")
    page.wait_for_timeout(300)
    assert downloads == []


def test_a_date_the_browser_would_not_keep_still_dates_the_file(page, site_server: str) -> None:
    page.add_init_script(BLOCKED)
    page.goto(site_server + URL)
    heard = date.fromisoformat(set_heard(page, 0))
    assert "for this visit only" in page.locator("[data-heard-status]").inner_text()
    events = parse(download(page, ALL))
    assert [e.decoded("DTSTART") for e in events] == [
        heard + timedelta(days=s.day) for s in GUIDE.situations[SLUG].steps]


def test_no_buttons_without_javascript_or_in_print(browser, page, site_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    still = context.new_page()
    still.goto(site_server + URL)
    assert still.locator("[data-calendar-step]").count() > 0
    assert not still.locator("[data-calendar], [data-calendar-step]").first.is_visible()
    assert still.locator("[data-calendar-step]:visible").count() == 0
    context.close()
    page.goto(site_server + URL)
    set_heard(page, 1)
    text = " ".join(pdf_text(page.pdf(format="A4")).split())
    assert "Add to calendar" not in text and "Add the next steps" not in text
    assert "One file for your calendar app" not in text


# A guide whose step texts and notes hold everything RFC 5545 escapes.

TEXT = r"Ring back; then, write it in C:\Users\notes"
# A note is one line (the engine refuses line breaks in it); the description's own
# line breaks, before "Why and how", are escaped as \n.
NOTE = 'Commas, semicolons; a back\\slash and "quotes". Then: 2 € — ünïcödé 🎉, folded across 75 octets.'
LONG_NOTE = "ééééé " * 30


def q(value: str) -> str:
    """A YAML double-quoted string."""
    return json.dumps(value, ensure_ascii=False)


ARTICLE = f"""\
---
title: Calling back
summary: A short article for the calendar test.
topics: [feedback]
actions:
  - id: ring-back-hostile
    text: {q(TEXT)}
    when: today
---
Body.
"""

SITUATION = f"""\
---
title: A situation with awkward text
summary: Steps whose text needs escaping in a calendar file.
counts_from: the day you heard
steps:
  - day: 0
    action: ring-back-hostile
    note: {q(NOTE)}
  - day: 5
    action: write-interview-post-mortem
    note: {q(LONG_NOTE.strip())}
---
Body.
"""


@pytest.fixture(scope="module")
def awkward_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("calendar") / "project")
    (project / "content/articles/calling-back.md").write_text(ARTICLE, encoding="utf-8")
    (project / "content/situations/awkward-text.md").write_text(SITUATION, encoding="utf-8")
    with built_and_served(project) as url:
        yield url


def test_escaping_and_folding_round_trip(page, awkward_site: str) -> None:
    page.goto(awkward_site + "situations/awkward-text/")
    set_heard(page, 0)
    raw = download(page, ALL)
    assert b"\\;" in raw and b"\\," in raw and b"\\\\" in raw and b"\\n" in raw
    assert any(line.startswith(b" ") for line in raw.split(b"\r\n")), "long lines are folded"
    first, second = parse(raw)
    assert str(first["SUMMARY"]) == TEXT
    url = urljoin(awkward_site, "articles/calling-back/")
    assert str(first["DESCRIPTION"]) == f"{NOTE}\n\nWhy and how: {url}"
    assert str(second["DESCRIPTION"]).startswith(LONG_NOTE.strip() + "\n\n")
