"""The reader's main journey for keyboard and screen-reader users (issue #25):
start → situation → date → tick → message → composer → Copy, in a real Chromium."""

from __future__ import annotations

import pytest

from tests.support import guide_ready

pytestmark = pytest.mark.browser

SITUATION = "situations/after-an-interview/"


def tab_to(page, predicate: str, limit: int = 60) -> int:  # type: ignore[no-untyped-def]
    """Press Tab until ``predicate`` (JS, given the focused element ``el``) holds; the presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return Boolean({predicate}); }})()"):
            return presses
    raise AssertionError(f"not reached in {limit} Tab presses: {predicate}")


def test_the_journey_from_start_to_a_copied_message_takes_at_most_25_tab_presses(browser, site_server: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_server + "start/")
    presses = tab_to(page, "el.matches('[data-guide-skip]')")
    page.keyboard.press("Enter")
    presses += tab_to(page, "el.matches('.guide-answers__link')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{SITUATION}")
    guide_ready(page)
    presses += tab_to(page, "el.matches('[data-guide-skip]')")
    page.keyboard.press("Enter")
    presses += tab_to(page, "el.matches('[data-heard-input]')")
    page.keyboard.type("11292026")
    presses += tab_to(page, "el.matches('.guide-path input[data-action]')")
    page.keyboard.press("Space")
    presses += tab_to(page, "el.matches('.guide-step__main')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/messages/**")
    guide_ready(page)
    presses += tab_to(page, "el.matches('#write input[data-detail]')")
    page.keyboard.type("Sam Lee")
    presses += tab_to(page, "el.matches('#write [data-copy]')")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#write [data-message-status]').textContent.length > 0")
    assert presses <= 25, presses
    context.close()


def test_a_save_that_keeps_failing_is_announced_once_not_on_every_key(page, site_server: str) -> None:
    page.goto(site_server + "messages/reply-to-a-rejection/")
    page.evaluate("""() => { const real = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (String(k).includes(':detail:')) throw new DOMException('full', 'QuotaExceededError');
        return real.call(this, k, v); }; }""")
    page.evaluate("""() => { window.said = []; const live = document.querySelector('[data-composer-status]');
      new MutationObserver(() => window.said.push(live.textContent)).observe(live, {childList: true, characterData: true, subtree: true}); }""")
    page.locator('#write input[data-detail="your name"]').press_sequentially("Kit Moo", delay=20)
    said = page.evaluate("window.said")
    assert len(said) == 1 and "Could not save" in said[0], said


def test_blanks_are_announced_as_blanks_and_composer_fields_do_not_autofill_the_readers_employer(
    page, site_server: str
) -> None:
    page.goto(site_server + "messages/reply-to-a-rejection/")
    slot = page.locator('[data-message-body] .guide-ph[data-ph="contact name"]').first
    assert slot.text_content() == "blank: [contact name]"
    page.locator('#write input[data-detail="contact name"]').fill("Ana")
    assert slot.text_content() == "Ana"
    for name in ("role", "company", "contact name"):
        assert page.locator(f'#write input[data-detail="{name}"]').get_attribute("autocomplete") == "off"
    # Status lines are in the page while empty, so their first message is announced.
    for selector in ("[data-message-status]", "[data-composer-status]"):
        assert page.locator(selector).first.evaluate("el => getComputedStyle(el).display") != "none"


def test_dates_are_written_in_the_pages_language(page, site_server: str) -> None:
    page.goto(site_server + SITUATION)
    assert page.evaluate("document.documentElement.lang") == "en"
    page.fill("[data-heard-input]", "2026-03-05")
    page.dispatch_event("[data-heard-input]", "change")
    label = page.locator(".guide-day [data-day-label]").first.inner_text()
    assert label == page.evaluate(
        "new Date(2026, 2, 5).toLocaleDateString('en', {weekday: 'short', day: 'numeric', month: 'short', year: 'numeric'})")
