"""A reader's first ten minutes on a phone, in a real Chromium: the first step on the
first screen of every situation, kind words, one tap back into the plan, and a
reply copied whole in three taps from the home page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from guidekit.loader import load_guide
from tests.support import ROOT

pytestmark = pytest.mark.browser

GUIDE = load_guide(ROOT / "content", ROOT)
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 800}
SITUATIONS = list(GUIDE.situations)


def storage_prefix(page) -> str:  # type: ignore[no-untyped-def]
    return page.evaluate(
        "(() => { const s = JSON.parse(document.getElementById('guide-storage').textContent);"
        " return `${s.guide}@${new URL(s.root, location.href).pathname}:v1:`; })()"
    )


def follow(page, base: str, slug: str, days_ago: int | None) -> None:  # type: ignore[no-untyped-def]
    """Store what a reader following ``slug`` since ``days_ago`` days would have stored."""
    page.goto(base + "privacy/")
    prefix = storage_prefix(page)
    start = None if days_ago is None else (date.today() - timedelta(days=days_ago)).isoformat()
    page.evaluate(
        """([p, slug, start]) => { localStorage.setItem(p + 'situation', slug);
        if (start) localStorage.setItem(p + 'start:' + slug, start); }""",
        [prefix, slug, start],
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_first_step_is_on_the_first_screen_of_every_situation(
    browser, site_server: str, scheme: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    positions = {}
    for dated in (None, 3):
        for slug in SITUATIONS:
            if dated is not None:
                follow(page, site_server, slug, dated)
            page.goto(site_server + f"situations/{slug}/")
            box = page.locator(".guide-path input[data-action]").first.bounding_box()
            positions[(slug, dated)] = round(box["y"] + box["height"])
            # The step's whole row is its tick target, and its main action is a real target.
            row = page.locator(".guide-path .guide-task__label").first.bounding_box()
            assert row["height"] >= 44
            # No previous/next footer leading to a different situation.
            assert page.locator(".md-footer__link:visible").count() == 0
    too_low = {key: y for key, y in positions.items() if y > viewport["height"]}
    assert not too_low, too_low
    context.close()


def test_no_step_is_ever_overdue_and_each_says_where_it_stands(browser, site_server: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for slug in SITUATIONS:
        follow(page, site_server, slug, 40)
        page.goto(site_server + f"situations/{slug}/")
        words = set(page.locator(".guide-path [data-status]").all_inner_texts())
        assert words <= {"Today", "Coming up", "Done", "Still to do", "When you're ready"}, words
        assert words, slug
        assert "overdue" not in page.locator("main").inner_text().lower()
    page.goto(site_server + "checklists/")
    assert "overdue" not in page.locator("main").inner_text().lower()
    context.close()


def test_a_returning_reader_is_one_tap_from_their_plan(browser, site_server: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    # A first visit: no "Your plan", the answers first.
    page.goto(site_server)
    assert not page.locator("[data-welcome]").is_visible()
    slug = "after-the-final-round"
    follow(page, site_server, slug, 1)
    for start in ("", "start/"):
        page.goto(site_server + start)
        welcome = page.locator("[data-welcome]")
        assert welcome.is_visible()
        # It comes first, straight under the title, and on the first screen.
        assert page.evaluate(
            "document.querySelector('.md-content h1').nextElementSibling.matches('[data-welcome]')")
        assert welcome.locator("[data-welcome-title]").inner_text() == GUIDE.situations[slug].title
        steps = GUIDE.situations[slug].steps
        today = sum(1 for s in steps if s.day == 1)
        assert welcome.locator("[data-welcome-due]").inner_text().startswith(
            f"{today} step{'s' if today != 1 else ''} today")
        button = welcome.locator("[data-welcome-continue]")
        box = button.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"] and box["height"] >= 44
    button.click()
    page.wait_for_url(f"**/situations/{slug}/")
    # The navigation calls the plan by its name.
    assert page.locator("nav.md-nav--primary").get_by_text("Your plan", exact=True).count() >= 1
    context.close()


def test_every_answer_to_what_happened_is_a_whole_card_of_44px(browser, site_server: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_server + "start/")
    answers = page.locator(".guide-answers__link")
    assert answers.count() == len(SITUATIONS)
    for index in range(answers.count()):
        box = answers.nth(index).bounding_box()
        assert box["height"] >= 44 and box["width"] >= PHONE["width"] - 60
    # A tap on the summary, not only the title, opens the situation.
    page.locator(".guide-answers__summary").first.click()
    page.wait_for_url("**/situations/**")
    context.close()


def test_a_complete_reply_is_three_taps_from_home(browser, site_server: str) -> None:
    context = browser.new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_server)
    taps = 0
    page.locator(".guide-answers__link", has_text=GUIDE.situations["after-an-interview"].title).click()
    taps += 1
    page.wait_for_url("**/situations/after-an-interview/")
    page.locator(".guide-step__main").first.click()
    taps += 1
    page.wait_for_url("**/messages/**#write")
    slug = page.url.split("/messages/")[1].split("/")[0]
    for name in GUIDE.messages[slug].placeholders:
        page.locator(f'#write input[data-detail="{name}"]').fill(f"the {name}")
    page.locator("#write [data-copy]").click()
    taps += 1
    page.wait_for_function("document.querySelector('#write [data-message-status]').textContent.startsWith('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "[" not in copied and "blank" not in copied
    assert copied.startswith("Subject: ") and copied.count("\n\n") >= 2
    assert taps == 3
    context.close()


def test_the_tracker_is_one_card_per_application_on_a_phone(browser, site_server: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_server + "worksheets/application-pipeline-tracker/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate(
        "Math.max(...[...document.querySelectorAll('.ws-table-wrap')].map(w => w.scrollWidth - w.clientWidth))"
    ) <= 0
    row = page.locator(".ws-field--table:has(.ws-label:text-is('Applications')) tbody tr").first
    labels = row.locator(".ws-cell-label").evaluate_all("ls => ls.map(l => l.firstChild.textContent)")
    assert labels[:2] == ["Company", "Role"]
    assert row.locator(".ws-cell-label").first.is_visible()
    assert row.locator("input").first.bounding_box()["height"] >= 44
    # On a wide screen it is a table again, its header row naming the columns.
    page.set_viewport_size(DESKTOP)
    assert page.locator(".ws-table thead th").first.is_visible()
    assert page.locator(".ws-cell-label").first.bounding_box()["width"] <= 1
    context.close()
