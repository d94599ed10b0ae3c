"""Readers' data never lost, never misreported (issue #20), in a real Chromium.

A load says what it will do and can be undone; a failed tick stays marked
until that tick saves; one bad character never breaks a page; a load's file
is checked exactly and its status counts exactly; tabs agree, form fields
included; blocked storage is said before the reader types.
"""

from __future__ import annotations

import json

import pytest

from tests.support import guide_ready, require
from tests.test_quality_gates import AXE, AXE_RUN, AXE_TAGS
from tests.test_storage_browser import BLOCKED, FAKE_QUOTA, KEYS, SHEET, STORED, status_of_ticks

pytestmark = pytest.mark.browser

SHEET_SLUG = "interview-post-mortem"
# A page with ticks, the details composer and a message box.
ARTICLE = "articles/reply-with-grace/"
SITUATION = "situations/after-an-interview/"
# Everything this site keeps, notes included, as undo must put it back.
EVERYTHING = """() => JSON.stringify(Object.entries(localStorage)
    .filter(([k]) => k.startsWith('after-the-no@')).sort())"""
STATUS = "[data-status]"


def choose_file(page, data: object) -> str:  # type: ignore[no-untyped-def]
    """Give the Load button a file; the status once the page has read it."""
    page.locator(STATUS).evaluate("node => node.textContent = ''")
    page.locator("[data-import]").set_input_files(
        files=[{"name": "d.json", "mimeType": "application/json", "buffer": json.dumps(data).encode()}])
    page.wait_for_function("document.querySelector('[data-status]').textContent !== ''")
    return page.locator(STATUS).inner_text()


def press(page, button: str) -> str:  # type: ignore[no-untyped-def]
    page.locator(STATUS).evaluate("node => node.textContent = ''")
    page.locator(f"[data-load-{button}]").click()
    page.wait_for_function("document.querySelector('[data-status]').textContent !== ''")
    return page.locator(STATUS).inner_text()


def some_data(page, site_server: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Three ticks, one answer, a detail and a date, put there through the pages."""
    page.goto(site_server + "checklists/")
    boxes = page.locator("input[data-action]:visible")
    ids = [boxes.nth(i).get_attribute("data-action") for i in range(8)]
    for i in (0, 1, 2):
        boxes.nth(i).check()
    page.goto(site_server + SHEET)
    page.locator("form textarea").first.fill("Here before")
    page.goto(site_server + ARTICLE)
    page.locator("[data-composer] summary").click()
    page.locator('input[data-detail="your name"]').fill("Ana")
    page.goto(site_server + SITUATION)
    page.locator("[data-heard-input]").fill("2026-01-05")
    page.locator("[data-heard-input]").dispatch_event("change")
    page.goto(site_server + "privacy/")
    return ids


def file_with(ticks: list[str], **parts: object) -> dict:
    return {"format": "after-the-no", "version": 1, "ticks": ticks, "answers": {}, **parts}


def test_load_compares_first_and_undo_puts_back_exactly(page, site_server: str) -> None:
    ids = some_data(page, site_server)
    before = page.evaluate(EVERYTHING)
    data = file_with(ids[4:6], answers={SHEET_SLUG: {"ws-q1": "From the file"}},
                     settings={"detail:role": "Designer"})
    said = choose_file(page, data)
    assert said == "Nothing is changed until you choose Replace or Merge."
    assert page.locator("[data-load-compare]").inner_text().startswith(
        "The file holds 2 ticks, answers for 1 worksheet and 1 detail;"
        " this browser holds 3 ticks, answers for 1 worksheet, 1 date, 1 detail and your situation.")
    assert page.evaluate(EVERYTHING) == before  # nothing written yet
    assert press(page, "replace") == (
        "Loaded 2 ticks, answers for 1 worksheet and 1 detail; everything else was removed.")
    assert sorted(k for k, _ in json.loads(page.evaluate(STORED))) == sorted(
        [f"{KEYS}tick:{ids[4]}", f"{KEYS}tick:{ids[5]}", f"{KEYS}answers:{SHEET_SLUG}", f"{KEYS}detail:role"])
    assert page.locator("[data-load-undo]").is_visible()
    said = press(page, "undo")
    assert said == "Undone: this browser holds again exactly what it held before the load."
    assert page.evaluate(EVERYTHING) == before
    assert not page.locator("[data-load-undo]").is_visible()
    # Cancel changes nothing either.
    choose_file(page, data)
    assert press(page, "cancel") == "Nothing was loaded."
    assert page.evaluate(EVERYTHING) == before


def test_merge_keeps_the_newer_value_of_each_item(page, site_server: str) -> None:
    ids = some_data(page, site_server)
    now = page.evaluate("Date.now()")
    old, new = now - 86_400_000, now + 60_000
    # This browser unticked ids[3] just now: an older tick of it in the file stays out.
    page.goto(site_server + "checklists/")
    box = page.locator(f'input[data-action="{ids[3]}"]:visible').first
    box.check()
    box.uncheck()
    page.goto(site_server + "privacy/")
    data = file_with(
        [ids[3], ids[6]],
        answers={SHEET_SLUG: {"went-well": "Older, from the file", "did-not-go-well": "Only in the file"}},
        settings={"detail:your name": "Newer Ana", "detail:role": "Designer"},
        exported="2020-01-01T00:00:00.000Z",
        times={f"tick:{ids[3]}": old, f"tick:{ids[6]}": new,
               f"answers:{SHEET_SLUG}:went-well": old, "detail:your name": new},
    )
    choose_file(page, data)
    said = press(page, "merge")
    assert said == ("Merged: took 1 tick, answers for 1 worksheet and 2 details from the file;"
                    " everything newer here was kept.")
    stored = dict(json.loads(page.evaluate(STORED)))
    ticks = sorted(k.split(":")[-1] for k in stored if ":tick:" in k)
    assert ticks == sorted([*ids[:3], ids[6]])
    answers = json.loads(stored[f"{KEYS}answers:{SHEET_SLUG}"])
    assert answers == {"went-well": "Here before", "did-not-go-well": "Only in the file"}
    assert stored[f"{KEYS}detail:your name"] == "Newer Ana"
    assert stored[f"{KEYS}detail:role"] == "Designer"
    # A download carries the times, so the next merge can compare again.
    with page.expect_download() as download:
        page.locator("[data-export]").click()
    saved = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert saved["times"][f"tick:{ids[6]}"] == new


@pytest.mark.parametrize("entry", [None, 5, True, [], "text", {"ws-q1": None}, {"ws-q1": 3}, {"ws-q1": []}])
def test_load_refuses_any_worksheet_entry_the_store_would_not_keep(page, site_server: str, entry: object) -> None:
    ids = some_data(page, site_server)
    before = page.evaluate(EVERYTHING)
    said = choose_file(page, file_with(ids[4:5], answers={SHEET_SLUG: entry}))
    assert said == "The answers in that file are damaged, so it was not loaded. Nothing was changed."
    assert page.evaluate(EVERYTHING) == before


def test_load_says_exactly_what_it_restored(page, site_server: str) -> None:
    page.goto(site_server + "privacy/")
    one = file_with(["send-a-thank-you-note"])
    choose_file(page, one)
    assert press(page, "replace") == "Loaded 1 tick; everything else was removed."
    data = file_with(["a", "b"], answers={SHEET_SLUG: {"ws-q1": "x"}, "follow-up-plan": {"x": True}},
                     settings={"start:after-an-interview": "2026-01-05", "detail:role": "Designer",
                               "message:feedback-nudge:week": "Monday", "situation": "after-an-interview"})
    choose_file(page, data)
    assert press(page, "replace") == ("Loaded 2 ticks, answers for 2 worksheets, 1 date, 2 details"
                                      " and your situation; everything else was removed.")


def test_a_failed_tick_stays_marked_until_that_tick_saves(page, site_server: str) -> None:
    page.add_init_script(FAKE_QUOTA)
    page.goto(site_server + "checklists/")
    first, second = page.locator("input[data-action]:visible").nth(0), page.locator("input[data-action]:visible").nth(1)
    page.evaluate("window.__full = true")
    first.check()
    page.evaluate("window.__full = false")
    second.check()  # saved: it says nothing about the first
    full = "Could not save in this browser: the space this browser gives the site is full."
    assert status_of_ticks(page) == full
    action = first.get_attribute("data-action")
    mark = page.locator(f'[data-unsaved="{action}"]:visible')
    assert mark.inner_text() == "Ticked here, not saved"
    assert page.locator("[data-unsaved]:visible").count() == 1
    assert first.is_checked()
    # Another tab's change redraws the ticks: the unsaved one keeps what the reader set.
    page.evaluate("() => window.dispatchEvent(new StorageEvent('storage', {key: null}))")
    assert first.is_checked() and mark.count() == 1
    first.uncheck()
    first.check()  # this tick saved now
    assert status_of_ticks(page) == ""
    assert page.locator("[data-unsaved]").count() == 0
    page.reload()
    assert page.locator(f'input[data-action="{action}"]:visible').first.is_checked()


LONE = "Ana \ud83d"  # half an emoji


def test_a_lone_surrogate_in_storage_breaks_nothing(page, site_server: str) -> None:
    page.goto(site_server)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"{KEYS}detail:your name", LONE])
    page.goto(site_server + ARTICLE)  # the fixture fails the test on any uncaught error
    href = page.locator("[data-mailto]").first.get_attribute("href")
    assert href.startswith("mailto:?subject=") and "Ana%20%EF%BF%BD" in href
    assert page.locator("[data-copy]").first.is_visible()
    assert page.locator('.guide-ph[data-ph="your name"]').first.inner_text() == "Ana \ufffd"
    assert page.evaluate("document.documentElement.classList.contains('has-print-footer')")
    assert page.locator("[data-page-note]").count() == 0
    # Loaded text is made well-formed before it is stored.
    page.goto(site_server + "privacy/")
    text = json.dumps(file_with([], answers={SHEET_SLUG: {"ws-q1": "Half \ud83d"}},
                                settings={"detail:role": "\udc00 role"}))  # ASCII escapes keep the halves
    page.locator("[data-import]").set_input_files(
        files=[{"name": "d.json", "mimeType": "application/json", "buffer": text.encode()}])
    page.locator("[data-load-replace]").click()
    stored = page.evaluate(f"() => [localStorage.getItem('{KEYS}detail:role'), localStorage.getItem('{KEYS}answers:{SHEET_SLUG}')]")
    assert stored[0] == "\ufffd role"
    assert json.loads(stored[1]) == {"ws-q1": "Half \ufffd"}


def test_the_well_formed_helper_cuts_on_character_boundaries(page, site_server: str) -> None:
    page.goto(site_server)
    cases = page.evaluate("""async () => {
        const { wellFormed } = await import('./assets/javascripts/store.js');
        return [wellFormed('ab\\ud83d\\ude00', 3), wellFormed('ab\\ud83d\\ude00', 4), wellFormed('\\ude00x\\ud83d'),
                wellFormed('plain', 200), wellFormed(null)];
    }""")
    assert cases == ["ab", "ab\U0001F600", "\ufffdx\ufffd", "plain", ""]


# Makes the messages fail to start, as a bug in messages.js would.
BREAK_MESSAGES = """(() => {
  const real = Document.prototype.querySelectorAll;
  Document.prototype.querySelectorAll = function (selector) {
    if (selector === "[data-composer]") throw new TypeError("broken on purpose");
    return real.call(this, selector);
  };
})();"""


def test_one_feature_that_fails_never_stops_the_others(page, site_server: str) -> None:
    page.add_init_script(BREAK_MESSAGES)
    page.goto(site_server + ARTICLE)
    note = page.locator('[data-page-note="failed"]')
    assert note.inner_text() == ("Part of this page did not start (messages): broken on purpose."
                                 " Reload the page to try again; the rest works.")
    box = page.locator("input[data-action]:visible").first
    box.check()
    page.reload()
    assert page.locator("input[data-action]:visible").first.is_checked()
    assert page.evaluate("document.documentElement.classList.contains('has-print-footer')")


# Another tab's change arrives late here: the storage event is held back.
HOLD_EVENTS = "window.addEventListener('storage', (event) => event.stopImmediatePropagation())"


def two_tabs(context, url: str, hold: bool = False):  # type: ignore[no-untyped-def]
    one, two = context.new_page(), context.new_page()
    if hold:
        two.add_init_script(HOLD_EVENTS)  # before the page's own listener, so it runs first
    for tab in (one, two):
        tab.goto(url)
    return one, two


def test_other_tabs_redraw_every_value_form_fields_included(context, site_server: str) -> None:
    one, two = two_tabs(context, site_server + SITUATION)
    two.locator("[data-heard-input]").fill("2026-01-05")
    two.locator("[data-heard-input]").dispatch_event("change")
    one.wait_for_function("document.querySelector('[data-heard-input]').value === '2026-01-05'", timeout=1000)
    for tab in (one, two):
        tab.goto(site_server + ARTICLE)
        tab.locator("[data-composer] summary").click()
    two.locator('input[data-detail="role"]').fill("Designer")
    one.wait_for_function("document.querySelector('input[data-detail=\"role\"]').value === 'Designer'", timeout=1000)
    one.wait_for_function("[...document.querySelectorAll('.guide-ph[data-ph=\"role\"]')].every(p => p.textContent === 'Designer')",
                          timeout=1000)
    action = two.locator("input[data-action]:visible").first.get_attribute("data-action")
    two.locator("input[data-action]:visible").first.check()
    one.wait_for_function(f"document.querySelector('input[data-action=\"{action}\"]').checked", timeout=1000)




def test_two_tabs_typing_into_one_worksheet_lose_nothing(context, site_server: str) -> None:
    one, two = two_tabs(context, site_server + SHEET, hold=True)
    fields = one.locator("form textarea")
    fields.nth(0).fill("Typed in tab one")
    one.wait_for_timeout(300)  # stored, but tab two's form has not been redrawn
    two.locator("form textarea").nth(1).fill("Typed in tab two")
    stored = json.loads(one.evaluate(f"localStorage.getItem('{KEYS}answers:{SHEET_SLUG}')"))
    assert sorted(stored.values()) == ["Typed in tab one", "Typed in tab two"]
    one.wait_for_function("document.querySelectorAll('form textarea')[1].value === 'Typed in tab two'", timeout=1000)


def test_blocked_storage_is_said_before_typing_and_delete_says_what_it_did(page, site_server: str) -> None:
    page.add_init_script(BLOCKED)
    # The messages' details and a situation's date say nothing of their own until the reader types.
    for address in ("messages/feedback-nudge/", ARTICLE, SITUATION):
        page.goto(site_server + address)
        note = page.locator('[data-page-note="blocked"]')
        assert note.is_visible(), address
        assert note.inner_text().startswith(
            "Nothing you tick or type on this page can be saved: this browser blocks storage")
    page.goto(site_server + "privacy/")
    kept = page.locator("[data-kept]")
    kept.wait_for()
    assert "may delete" not in kept.inner_text() and kept.inner_text().startswith("This browser saves nothing")
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("[data-delete]").click()
    said = page.locator(STATUS).inner_text()
    assert said.startswith("Nothing was deleted: this browser blocks storage") and "Deleted" not in said


def test_delete_says_what_it_deleted(page, site_server: str) -> None:
    some_data(page, site_server)
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("[data-delete]").click()
    assert page.locator(STATUS).inner_text() == (
        "Deleted 3 ticks, answers for 1 worksheet, 1 date, 1 detail and your situation."
        " This browser now holds nothing from this site.")
    assert page.evaluate(EVERYTHING) == "[]"


def settle(page) -> None:  # type: ignore[no-untyped-def]
    """Material's buttons fade their colours (0.25 s): let axe measure after the fade."""
    page.mouse.move(0, 0)
    page.wait_for_timeout(500)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_load_choice_undo_and_page_notes_pass_axe(page, site_server: str, scheme: str) -> None:
    require(AXE.is_file(), "axe-core not installed: run `npm ci` (make test does)")
    page.emulate_media(color_scheme=scheme)
    page.goto(site_server + "privacy/")
    choose_file(page, file_with(["a"]))
    settle(page)
    page.add_script_tag(path=str(AXE))
    assert [rule["id"] for rule in page.evaluate(AXE_RUN, AXE_TAGS)] == []
    press(page, "replace")
    assert page.locator("[data-load-undo]").is_visible()
    settle(page)
    assert [rule["id"] for rule in page.evaluate(AXE_RUN, AXE_TAGS)] == []
    page.add_init_script(BLOCKED)
    page.goto(site_server + "messages/feedback-nudge/")
    guide_ready(page)
    assert page.locator('[data-page-note="blocked"]').is_visible()
    page.add_script_tag(path=str(AXE))
    assert [rule["id"] for rule in page.evaluate(AXE_RUN, AXE_TAGS)] == []
