"""The applications log in a real Chromium, on a phone (360×780) and a desktop (1280×800).

A reader adds three applications, moves one through two stages, marks it "No"
and lands on the path they chose, dated, with the company in its message; an
application with no news is flagged; the summary counts what the log holds;
and reload, download, delete and load bring back exactly the same log.
Every tap is counted, for the figures in the report.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support import ROOT

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 800}}
PREFIX = "after-the-no@/:v1:"
"""Where the guide keeps readers' data when served from the root of an origin."""
TODAY = datetime.date.today()
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def day(offset: int) -> str:
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


class Reader:
    """A page and a count of the reader's taps (clicks and fields chosen; typing is not a tap)."""

    def __init__(self, page, base: str) -> None:  # type: ignore[no-untyped-def]
        self.page, self.base, self.taps = page, base, 0

    def tap(self, locator) -> None:  # type: ignore[no-untyped-def]
        locator.click()
        self.taps += 1

    def type_into(self, locator, text: str) -> None:  # type: ignore[no-untyped-def]
        """Tap a field (unless it already has the focus) and type."""
        if not locator.evaluate("el => el === document.activeElement"):
            self.taps += 1
        locator.fill(text)

    def add(self, company: str, role: str, date: str | None = None) -> int:
        """Add an application; return the taps it took."""
        before = self.taps
        page = self.page
        self.tap(page.locator("[data-applog-add]:visible").first)
        self.type_into(page.locator("#applog-field-company"), company)
        self.type_into(page.locator("#applog-field-role"), role)
        if date:
            self.type_into(page.locator("#applog-first-date"), date)
        self.tap(page.locator("[data-applog-form] button[type=submit]"))
        page.locator("[data-applog-form-dialog]").wait_for(state="hidden")
        return self.taps - before

    def row(self, company: str):  # type: ignore[no-untyped-def]
        return self.page.locator("tr[data-app-id]", has_text=company)

    def stored_log(self) -> dict[str, str]:
        """Every application kept here, exactly as stored."""
        entries = dict(self.page.evaluate("Object.entries(localStorage)"))
        return {key: value for key, value in entries.items() if key.startswith(PREFIX + "app:")}


@pytest.fixture(params=list(VIEWPORTS))
def reader(request, browser, site_server: str) -> Iterator[Reader]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=VIEWPORTS[request.param], accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(site_server + "applications/")
    yield Reader(page, site_server)
    context.close()
    assert errors == []


def seed(page, applications: list[dict]) -> None:  # type: ignore[no-untyped-def]
    """Put applications straight into storage, as the page would keep them, and reload."""
    page.evaluate(
        "([prefix, apps]) => apps.forEach((app) => localStorage.setItem(prefix + 'app:' + app.id, JSON.stringify(app)))",
        [PREFIX, applications],
    )
    page.reload()


def application(id: str, company: str, stages: list[tuple[str, str]], outcome: dict | None = None) -> dict:
    return {
        "id": id,
        "fields": {"company": company},
        "stages": [{"stage": stage, "date": date} for stage, date in stages],
        "outcome": outcome,
        "snooze": None,
        "dismissed": None,
        "created": 1,
    }


def test_empty_log_explains_itself_and_offers_the_first_application(reader: Reader) -> None:
    page = reader.page
    empty = page.locator("[data-applog-empty]")
    assert empty.is_visible()
    assert len(empty.locator("p").all()) == 3  # two lines and the button
    assert page.get_by_role("button", name="Add your first application").is_visible()
    assert page.locator("[data-applog-list]").is_hidden()


def test_add_move_and_say_no_opens_the_chosen_path_dated_with_the_company(reader: Reader) -> None:
    page = reader.page
    taps_to_add = [
        reader.add("O'Brien & Co", "Data Analyst"),
        reader.add("Brindlewood", "Shift lead"),
        reader.add("Acme Stores", "Clerk", day(-20)),
    ]
    assert page.locator("tr[data-app-id]").count() == 3
    assert not page.evaluate("document.documentElement.scrollWidth > innerWidth")
    assert page.locator("[data-applog-filters]").is_hidden()  # three need no Show or Find

    # Two stages on, each with its own date: today's by default, or one the reader gives.
    obrien = reader.row("O'Brien")
    before = reader.taps
    reader.tap(obrien.get_by_role("button", name="Next stage"))
    assert page.locator("#applog-move-stage").input_value() == "screening"
    reader.tap(page.locator("[data-applog-move] button[type=submit]"))
    taps_to_move = reader.taps - before
    reader.tap(obrien.get_by_role("button", name="Next stage"))
    assert page.locator("#applog-move-stage").input_value() == "interview"
    page.locator("#applog-move-date").fill(day(-1))
    reader.tap(page.locator("[data-applog-move] button[type=submit]"))
    assert reader.row("O'Brien").locator(".guide-applog__stage").inner_text().startswith("Interview")
    stored = json.loads(next(v for v in reader.stored_log().values() if "Brien" in v))
    assert [(s["stage"], s["date"]) for s in stored["stages"]] == [
        ("applied", day(0)), ("screening", day(0)), ("interview", day(-1))
    ]  # fmt: skip

    # The one with no news for 20 days is flagged, first in the list, with what to do.
    first = page.locator("tr[data-app-id]").first
    assert "Acme Stores" in first.inner_text()
    assert "No news for 20 days" in first.inner_text()
    assert first.get_by_role("link", name="What to do").get_attribute("href") == "../situations/heard-nothing-after-applying/"

    # The summary counts the log.
    assert page.locator("[data-applog-counts]").inner_text() == "3 applications · 3 open · 1 with no news"
    rates = [row.inner_text().split("\t") for row in page.locator("[data-applog-rates] tr").all()]
    assert [(r[0], r[1]) for r in rates] == [
        ("Applied", "3"), ("Screening call", "1"), ("Interview", "1"), ("Final round", "0"), ("Offer", "0")
    ]  # fmt: skip
    assert rates[0][2] == "1 of 1 (100%) · too few to judge"

    # "No", yesterday: the interview's path is offered first; the reader takes it.
    page.evaluate("localStorage.setItem(arguments[0], 'Sam Lee')".replace("arguments[0]", f"'{PREFIX}detail:your name'"))
    before = reader.taps
    reader.tap(reader.row("O'Brien").get_by_role("button", name="Outcome"))
    assert page.get_by_role("radio", name="No", exact=True).is_checked()
    assert page.locator("[data-applog-paths-question]").inner_text() == "What happened?"
    assert page.get_by_role("radio", name="They said no after my interview").is_checked()
    page.locator("#applog-outcome-date").fill(day(-1))
    with page.expect_navigation():
        reader.tap(page.get_by_role("button", name="Save and open the path"))
    assert page.url.endswith("/situations/after-an-interview/")
    expect(page.locator("[data-heard-input]")).to_have_value(day(-1))
    # The message the path's reply step opens is addressed to this application.
    reader.tap(page.locator("a[data-message-link].guide-step__main").first)
    page.wait_for_url("**/messages/**")
    box = page.locator("[data-message]").first
    # The composer fills the message once its module has started on this page.
    expect(box.locator("[data-message-text]")).to_contain_text("O'Brien & Co")
    expect(box.locator("[data-message-text]")).to_contain_text("Data Analyst")
    expect(page.locator('[data-composer] input[data-detail="company"]')).to_have_value("O'Brien & Co")
    # What only the reader can write; then the reply is complete and copied.
    for field in page.locator("[data-own-fields] input[data-own]:visible, [data-composer] input[data-detail]:visible").all():
        if not field.input_value():
            reader.type_into(field, "the walk round the warehouse")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    reader.tap(box.locator("[data-copy]"))
    assert box.locator("[data-blanks]").is_hidden()
    taps_no_to_reply = reader.taps - before

    page.goto(reader.base + "applications/")
    row = reader.row("O'Brien")
    assert "No · " in row.inner_text() and row.get_by_role("link", name="Your path").is_visible()
    assert page.locator("[data-applog-counts]").inner_text() == "3 applications · 2 open · 1 with no news"
    # The figures for the report, printed with -s.
    print(f"\nTAPS {page.viewport_size}: add {taps_to_add}, move {taps_to_move}, No to a complete reply {taps_no_to_reply}")
    assert max(taps_to_add) <= 4 and taps_to_move == 2


def test_a_quiet_application_can_be_snoozed_or_dismissed(reader: Reader) -> None:
    page = reader.page
    seed(page, [
        application("quiet1", "Northwind", [("applied", day(-15))]),
        application("quiet2", "Southgate", [("applied", day(-2)), ("interview", day(-12))]),
        application("fresh", "Eastleigh", [("applied", day(-3))]),
    ])
    flagged = page.locator("tr[data-state=quiet]")
    assert flagged.count() == 2
    # Longest silence first.
    assert "No news for 15 days" in flagged.nth(0).inner_text()
    assert "No news for 12 days" in flagged.nth(1).inner_text()
    assert "No news? Follow up from" in reader.row("Eastleigh").inner_text()
    # After an interview the silence has its own path.
    link = reader.row("Southgate").get_by_role("link", name="What to do")
    assert link.get_attribute("href") == "../situations/heard-nothing/"
    reader.row("Northwind").get_by_role("button", name="Snooze a week").click()
    reader.row("Southgate").get_by_role("button", name="Dismiss").click()
    assert page.locator("tr[data-state=quiet]").count() == 0
    page.reload()
    assert page.locator("tr[data-state=quiet]").count() == 0
    stored = {json.loads(v)["id"]: json.loads(v) for v in reader.stored_log().values()}
    assert stored["quiet1"]["snooze"] == day(7)
    assert stored["quiet2"]["dismissed"] == "interview:2"
    # Following the flag's link opens that path dated from the stage that went quiet.
    seed(page, [application("quiet3", "Westbrook", [("applied", day(-30))])])
    with page.expect_navigation():
        reader.row("Westbrook").get_by_role("link", name="What to do").click()
    assert page.url.endswith("/situations/heard-nothing-after-applying/")
    expect(page.locator("[data-heard-input]")).to_have_value(day(-30))


def test_the_summary_judges_only_five_or_more_and_then_links_the_advice(reader: Reader) -> None:
    page = reader.page
    no = {"id": "turned-down", "date": day(-1)}
    seed(page, [application(f"a{i}", f"Firm {i}", [("applied", day(-9))], no) for i in range(4)])
    assert "too few to judge" in page.locator("[data-applog-rates] tr").first.inner_text()
    assert page.locator("[data-applog-advice] li").count() == 0
    seed(page, [application("a4", "Firm 4", [("applied", day(-9))], no),
                application("a5", "Firm 5", [("applied", day(-9)), ("interview", day(-5))])])
    assert page.locator("[data-applog-rates] tr").first.inner_text().split("\t") == ["Applied", "6", "1 of 6 (17%)"]
    advice = page.locator("[data-applog-advice] li")
    assert advice.count() == 1
    assert advice.get_by_role("link").get_attribute("href") == "../articles/after-an-application-stage-no/"


def test_reload_download_delete_and_load_bring_back_the_same_log(reader: Reader, tmp_path: Path) -> None:
    page = reader.page
    reader.add("O'Brien & Co", "Data Analyst")
    reader.add("Brindlewood", "Shift lead", day(-3))
    reader.row("Brindlewood").get_by_role("button", name="Next stage").click()
    page.locator("[data-applog-move] button[type=submit]").click()
    log = reader.stored_log()
    assert len(log) == 2
    shown = page.locator("[data-applog-rows]").inner_text()
    page.reload()
    assert reader.stored_log() == log and page.locator("[data-applog-rows]").inner_text() == shown

    page.goto(reader.base + "privacy/")
    with page.expect_download() as download:
        page.locator("[data-export]").click()
    file = tmp_path / "data.json"
    download.value.save_as(file)
    data = json.loads(file.read_text(encoding="utf-8"))
    assert sorted(app["fields"]["company"] for app in data["applications"].values()) == ["Brindlewood", "O'Brien & Co"]
    assert "2 applications" in page.locator("[data-status]").inner_text()
    page.locator("[data-delete]").click()
    assert reader.stored_log() == {}
    page.locator("[data-import]").set_input_files(str(file))
    expect(page.locator("[data-load-compare]")).to_contain_text("The file holds 2 applications; this browser holds nothing.")
    page.locator("[data-load-replace]").click()
    assert reader.stored_log() == log
    page.goto(reader.base + "applications/")
    assert page.locator("[data-applog-rows]").inner_text() == shown


def test_a_damaged_application_is_left_out_here_and_refuses_a_data_file(reader: Reader, tmp_path: Path) -> None:
    page = reader.page
    good = application("good", "Goodwin", [("applied", day(-1))])
    bad = {**application("bad", "Badger", [("applied", "yesterday")])}
    seed(page, [good, bad])
    assert page.locator("tr[data-app-id]").count() == 1
    # A file holding it is refused whole, and nothing changes.
    file = tmp_path / "data.json"
    file.write_text(json.dumps({
        "format": "after-the-no", "version": 1, "ticks": [], "answers": {}, "settings": {},
        "applications": {"good": good, "bad": bad},
    }), encoding="utf-8")
    before = reader.stored_log()
    page.goto(reader.base + "privacy/")
    page.locator("[data-import]").set_input_files(str(file))
    expect(page.locator("[data-status]")).to_have_text(
        "The applications in that file are damaged, so it was not loaded. Nothing was changed."
    )
    assert reader.stored_log() == before


def test_what_a_reader_types_is_shown_as_text(reader: Reader) -> None:
    page = reader.page
    reader.add('<img src=x onerror="window.hacked=1">', "<b>Role</b>")
    assert page.locator("tr[data-app-id] img, tr[data-app-id] b").count() == 0
    assert '<img src=x onerror="window.hacked=1">' in page.locator("tr[data-app-id]").inner_text()
    assert page.evaluate("window.hacked") is None


def test_a_storage_that_refuses_is_said_and_nothing_is_reported_saved(reader: Reader) -> None:
    page = reader.page
    page.evaluate("() => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }; }")
    page.locator("[data-applog-add]:visible").first.click()
    page.locator("#applog-field-company").fill("Nowhere Ltd")
    page.locator("[data-applog-form] button[type=submit]").click()
    problem = page.locator("[data-applog-form-problem]").inner_text()
    assert problem.startswith("Could not save in this browser: the space this browser gives the site is full.")
    assert page.locator("[data-applog-form-dialog]").is_visible()
    assert page.locator("tr[data-app-id]").count() == 0


def test_follow_up_dates_go_into_a_calendar_file(reader: Reader, tmp_path: Path) -> None:
    page = reader.page
    seed(page, [
        application("cal1", "Northwind", [("applied", day(-3))]),
        application("cal2", "Southgate", [("applied", day(-20))]),
        application("cal3", "Offerly", [("applied", day(-20)), ("offer", day(-2))]),
        application("cal4", "Gone", [("applied", day(-20))], {"id": "accepted", "date": day(-1)}),
    ])
    with page.expect_download() as download:
        page.locator("[data-applog-calendar]").click()
    file = tmp_path / "follow-ups.ics"
    download.value.save_as(file)
    text = file.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    unfolded = text.replace("\r\n ", "")
    events = unfolded.split("BEGIN:VEVENT")[1:]
    assert len(events) == 2  # the offer stage has no follow-up; the accepted one has ended
    starts = sorted(line for e in events for line in e.split("\r\n") if line.startswith("DTSTART"))
    compact = lambda iso: iso.replace("-", "")  # noqa: E731 — one line, read once
    assert starts == sorted([f"DTSTART;VALUE=DATE:{compact(day(11))}", f"DTSTART;VALUE=DATE:{compact(day(0))}"])
    assert "SUMMARY:Follow up: Northwind" in unfolded
    assert "URL:http" in unfolded and "heard-nothing-after-applying" in unfolded
    assert "2 follow-up dates" in page.locator("[data-applog-calendar-status]").inner_text()


def test_printing_gives_a_clean_table(reader: Reader) -> None:
    page = reader.page
    seed(page, [application("p1", "Northwind", [("applied", day(-3))]),
                application("p2", "Southgate", [("applied", day(-20))])])
    page.emulate_media(media="print")
    assert page.locator("tr[data-app-id]").first.evaluate("el => getComputedStyle(el).display") == "table-row"
    for hidden in ("[data-applog-add]", ".guide-applog__actions", "[data-applog-show]", ".guide-applog__flag-buttons", ".md-header"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator("tr[data-app-id]").count() == 2


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_a_full_log_and_its_dialogs(reader: Reader, scheme: str) -> None:
    page = reader.page
    if not AXE.is_file():
        pytest.skip("axe-core not installed: run `npm ci`")
    page.emulate_media(color_scheme=scheme)
    seed(page, [
        application("x1", "Northwind", [("applied", day(-15))]),
        application("x2", "Southgate", [("applied", day(-9)), ("interview", day(-2))]),
        application("x3", "Gone", [("applied", day(-20))], {"id": "turned-down", "date": day(-1), "path": "automated-rejection"}),
    ])
    page.add_script_tag(path=str(AXE))
    run = """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
      resultTypes: ['violations'], rules: {'target-size': {enabled: true}}})
      .then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))"""
    assert page.evaluate(run) == []
    for opener, dialog in (("Next stage", "[data-applog-move-dialog]"), ("Outcome", "[data-applog-outcome-dialog]"),
                           ("Edit", "[data-applog-form-dialog]")):
        reader.row("Southgate").get_by_role("button", name=opener).first.click()
        page.wait_for_timeout(200)  # Material's colour transitions settle before axe measures
        assert page.evaluate(run) == [], opener
        page.keyboard.press("Escape")
        assert page.locator(dialog).is_hidden()
    # Links inside a sentence are exempt (WCAG 2.5.8's inline exception); every control is not.
    small = page.evaluate("""() => [...document.querySelectorAll('.guide-applog :is(button, a.guide-applog__path, input, select)')]
      .filter((el) => el.getClientRects().length && !el.closest('dialog:not([open])') && !el.closest('[hidden]'))
      .filter((el) => el.getBoundingClientRect().height < 44 && !el.matches('input[type=radio]'))
      .map((el) => el.outerHTML.slice(0, 80))""")
    assert small == []


def test_find_show_and_show_more_over_a_long_log(reader: Reader) -> None:
    page = reader.page
    no = {"id": "turned-down", "date": day(-1)}
    seed(page, [application(f"l{i}", f"Firm {i:02}", [("applied", day(-i % 10))], no if i % 4 == 0 else None)
                for i in range(45)])
    rows = page.locator("tr[data-app-id]")
    assert page.locator("[data-applog-filters]").is_visible()
    assert rows.count() == 30  # a page of rows; the rest wait for "Show more"
    assert page.locator("[data-applog-shown]").inner_text() == "Showing the first 30."
    more = page.get_by_role("button", name="Show 15 more")
    more.click()
    assert rows.count() == 45 and more.is_hidden()
    assert page.evaluate("document.activeElement.closest('tr').dataset.appId") == rows.nth(30).get_attribute("data-app-id")
    page.locator("[data-applog-find]").fill("firm 1")
    names = [name.removeprefix("Edit ") for name in page.locator("tr[data-app-id] th button").all_text_contents()]
    assert sorted(names) == [f"Firm {i}" for i in range(10, 20)]
    assert page.locator("[data-applog-shown]").inner_text() == "10 of 45 match."
    page.locator("[data-applog-find]").fill("")
    page.locator("[data-applog-show]").select_option("ended")
    assert rows.count() == 12 and all(r.get_attribute("data-state") == "ended" for r in rows.all())
    page.locator("[data-applog-show]").select_option("open")
    assert rows.count() == 30 and page.locator("[data-applog-shown]").inner_text() == "33 of 45 match. Showing the first 30."
    # Paper gets every matching row.
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert rows.count() == 33


def test_the_log_works_from_the_keyboard(reader: Reader) -> None:
    page = reader.page
    add = page.get_by_role("button", name="Add your first application")
    add.focus()
    page.keyboard.press("Enter")
    # The dialog opens on its first field; Enter in a field saves.
    assert page.evaluate("document.activeElement.id") == "applog-field-company"
    page.keyboard.type("Keyboard & Co")
    page.keyboard.press("Enter")
    expect(page.locator("[data-applog-form-dialog]")).to_be_hidden()
    # Focus comes back to the new application, not to the top of the page.
    assert page.evaluate("document.activeElement.dataset.act") == "edit"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.act") == "move"
    page.keyboard.press("Enter")
    expect(page.locator("[data-applog-move-dialog]")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("[data-applog-move-dialog]")).to_be_hidden()
    assert page.evaluate("document.activeElement.dataset.act") == "move"
    assert reader.row("Keyboard & Co").locator(".guide-applog__stage").inner_text().startswith("Applied")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_tab_stop_in_the_log_shows_a_focus_ring(reader: Reader, scheme: str) -> None:
    from tests.test_a11y_browser import FOCUSED

    page = reader.page
    page.emulate_media(color_scheme=scheme)
    seed(page, [
        application("f1", "Northwind", [("applied", day(-15))]),
        application("f2", "Gone", [("applied", day(-20))], {"id": "turned-down", "date": day(-1), "path": "automated-rejection"}),
    ])
    page.locator("[data-applog-add]:visible").first.focus()
    problems, seen = [], 0
    for _ in range(30):
        stop = page.evaluate(FOCUSED)
        if not page.evaluate("Boolean(document.activeElement.closest('[data-applog]'))"):
            break
        seen += 1
        if not stop["ring"]:
            problems.append(f"{stop['name']} shows no focus ring")
        page.keyboard.press("Tab")
    # Add, Show, Find, two rows' controls, the calendar button.
    assert seen >= 10 and problems == []
