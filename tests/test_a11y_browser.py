"""What axe cannot see, tried in a real Chromium on the built site (issue #25).

Keyboard journeys with Tab and Shift+Tab, the accessibility tree, focus after
instant navigation, 400 % zoom and forced colours. 400 % zoom of a 1,280×800
window is a 320×200 CSS px viewport: that is how it is emulated here (Chromium
lays the page out the same way; only the pixels are bigger).
"""

from __future__ import annotations

import base64
import os
import re
from datetime import timedelta
from pathlib import Path

import pytest

from tests.support import ROOT
from tests.test_keep_browser import DAY_ONE, PLAN, PROMPT, visit

pytestmark = pytest.mark.browser

SITUATION = "situations/heard-nothing/"
WORKSHEET = "worksheets/plan-of-changes/"
SNAPSHOTS = ROOT / "tests" / "aria"
ZOOM_400 = {"width": 320, "height": 200}

# The focused element, measured: its box, whether it is in the page's content,
# the header's bottom edge, and whether a focus ring is painted on it or on
# what is painted at its centre (Material's light/dark radios sit under
# their visible button, which shows their ring).
FOCUSED = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const ring = (node) => {
    if (!node) return false;
    const style = getComputedStyle(node);
    return style.boxShadow !== 'none'
      || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2);
  };
  const shown = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {
    name: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).split(' ')[0] : '')
      + ' "' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40) + '"',
    body: el === document.body,
    content: !!el.closest('.md-content'),
    drawer: !!el.closest('.md-sidebar--primary'),
    top: box.top, bottom: box.bottom, left: box.left, right: box.right,
    width: box.width, height: box.height,
    header: document.querySelector('.md-header').getBoundingClientRect().bottom,
    // Material's "Back to top" button, where it floats over the page.
    under: (() => {
      const top = document.querySelector('.md-top');
      if (!top || getComputedStyle(top).visibility === 'hidden' || top.hidden) return false;
      const t = top.getBoundingClientRect();
      return t.width > 0 && box.top < t.bottom && box.bottom > t.top && box.left < t.right && box.right > t.left;
    })(),
    ring: ring(el) || ring(shown?.closest('label, a, button')),
  };
}"""


def url_path(html: Path, site: Path) -> str:
    return html.relative_to(site).as_posix().removesuffix("index.html")


def tab_until_content(page, limit: int = 60) -> list[dict]:  # type: ignore[no-untyped-def]
    """Every Tab stop from the top of the page to the first one in the content."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop["content"]:
            return stops
        stops.append(stop)
    raise AssertionError(f"no Tab stop in the content after {limit} presses: {[s['name'] for s in stops]}")


def invisible(stop: dict, viewport: dict) -> bool:
    return (stop["width"] < 1 or stop["height"] < 1 or stop["right"] <= 0 or stop["bottom"] <= 0
            or stop["left"] >= viewport["width"] or stop["top"] >= viewport["height"])


# ------------------------------------------------------------ 1. section toggle


def test_the_section_toggle_is_a_named_button_that_says_whether_it_is_open(page, site_server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_server + SITUATION)
    toggle = page.get_by_role("button", name="Hide What happened?")
    assert toggle.get_attribute("aria-expanded") == "true"
    box = toggle.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44, box
    menu = page.get_by_role("navigation", name="What happened?")
    assert toggle.get_attribute("aria-controls") == menu.get_attribute("id")
    situation = menu.get_by_role("link", name="I reached the final round and")
    assert situation.is_visible()
    # From the keyboard: Enter closes the section, Space opens it again.
    toggle.focus()
    page.keyboard.press("Enter")
    toggle = page.get_by_role("button", name="Show What happened?")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('guide-nav-toggle')")
    situation.wait_for(state="hidden")
    page.keyboard.press("Space")
    assert page.get_by_role("button", name="Hide What happened?").get_attribute("aria-expanded") == "true"
    situation.wait_for(state="visible")


# ---------------------------------------------------------- 2. the closed drawer


def test_below_1220_px_the_closed_drawer_keeps_no_tab_stops(page, site_server: str) -> None:
    viewport = {"width": 1000, "height": 800}
    page.set_viewport_size(viewport)
    for address in ("start/", SITUATION, "privacy/"):
        page.goto(site_server + address)
        assert page.locator(".md-sidebar--primary").get_attribute("inert") is not None
        stops = tab_until_content(page)
        hidden = [s["name"] for s in stops if invisible(s, viewport)]
        assert not hidden, f"/{address}: Tab stops out of sight before the content: {hidden}"
        assert not [s for s in stops if s["drawer"]], f"/{address}: the closed drawer takes Tab stops"
        # The skip link, the menu button, light/dark, search (and the table of contents, shown at this width).
        assert [s["name"].split(" ")[0] for s in stops[:4]] == [
            "a.md-skip", "label.md-header__button", "input#__palette_0.md-option", "input.md-search__input"]


@pytest.mark.parametrize("width", [1000, 360])
def test_without_javascript_nothing_unseen_takes_a_tab_stop_either(browser, site_server: str, width: int) -> None:  # type: ignore[no-untyped-def]
    viewport = {"width": width, "height": 800}
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server + SITUATION)
    stops = tab_until_content(page)
    context.close()
    assert stops and stops[0]["name"].startswith("a.md-skip"), [s["name"] for s in stops]
    hidden = [s["name"] for s in stops if invisible(s, viewport)]
    assert not hidden, f"Tab stops out of sight before the content: {hidden}"


def test_the_menu_button_opens_the_drawer_from_the_keyboard_and_escape_closes_it(page, site_server: str) -> None:
    page.set_viewport_size({"width": 1000, "height": 800})
    page.goto(site_server + "start/")
    menu = page.get_by_role("button", name="Menu")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    page.keyboard.press("Enter")
    drawer = page.locator(".md-sidebar--primary")
    assert drawer.get_attribute("inert") is None and menu.get_attribute("aria-expanded") == "true"
    # Focus is in the drawer, on a link the reader can see.
    page.wait_for_timeout(300)  # the drawer slides in
    stop = page.evaluate(FOCUSED)
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"), stop["name"]
    assert not invisible(stop, {"width": 1000, "height": 800}), stop
    page.keyboard.press("Escape")
    assert drawer.get_attribute("inert") is not None and menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Menu"


# Whether the focused element is what is painted at its centre (not hidden
# under another layer, such as a section's menu sliding over its parent's).
ON_TOP = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return el.contains(top) || (top !== null && top.closest('label') === el);
}"""


@pytest.mark.parametrize("width", [360, 1000])
def test_every_tab_stop_in_the_open_drawer_can_be_seen(page, site_server: str, width: int) -> None:
    viewport = {"width": width, "height": 780}
    page.set_viewport_size(viewport)
    page.goto(site_server + SITUATION)
    page.get_by_role("button", name="Menu").focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)  # the drawer slides in

    def walk() -> list[str]:
        hidden = []
        for _ in range(40):
            stop = page.evaluate(FOCUSED)
            if not stop["drawer"]:
                break
            if invisible(stop, viewport) or not page.evaluate(ON_TOP):
                hidden.append(stop["name"])
            page.keyboard.press("Tab")
        return hidden

    # The situation's own section is open, over the main menu: its back
    # button, then its pages.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Back from What happened?"
    assert walk() == []
    # Back: the main menu, with focus on the section's toggle, now closed.
    page.get_by_role("button", name="Back from What happened?").focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    focused = page.evaluate("[document.activeElement.getAttribute('aria-label'), document.activeElement.getAttribute('aria-expanded')]")
    assert focused == ["Show What happened?", "false"]
    assert walk() == []


def test_on_a_wide_screen_the_sidebar_is_never_inert(page, site_server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_server + "start/")
    assert page.locator(".md-sidebar--primary").get_attribute("inert") is None
    assert page.locator(".md-sidebar--primary").get_by_role("link", name="Your plan").is_visible()


# ------------------------------------------------------------ 3. the skip link


def test_every_page_starts_with_a_skip_link_to_its_content(page, site_server: str, built_site: Path) -> None:
    addresses = sorted(url_path(html, built_site) for html in built_site.rglob("*.html")
                       if 'http-equiv="refresh"' not in html.read_text(encoding="utf-8"))
    problems = []
    for address in addresses:
        page.goto(site_server + address)
        page.keyboard.press("Tab")
        first = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.hash]")
        if first != ["Skip to content", "#guide-content"]:
            problems.append(f"/{address}: the first Tab stop is {first}")
        elif page.locator("#guide-content").count() != 1:
            problems.append(f"/{address}: the skip link leads nowhere")
    assert not problems, "\n".join(problems)
    # Followed, it lands on the page's heading; the next Tab is in the content.
    page.goto(site_server + "start/")
    page.keyboard.press("Tab")
    assert page.get_by_role("link", name="Skip to content").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement === document.querySelector('.md-content h1')")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["content"]


# ------------------------------------------- 4. no empty stops, every ring seen


@pytest.mark.parametrize("width", [1280, 1000, 360])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_tab_stop_has_a_size_and_a_visible_focus_ring(browser, site_server: str, width: int, scheme: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    problems = []
    for address in ("start/", SITUATION, WORKSHEET):
        page.goto(site_server + address)
        seen = 0
        for _ in range(400):
            page.keyboard.press("Tab")
            stop = page.evaluate(FOCUSED)
            if stop["body"] or (seen and stop["name"].startswith('a.md-skip')):
                break
            seen += 1
            if stop["width"] < 1 or stop["height"] < 1:
                problems.append(f"/{address}: {stop['name']} is {stop['width']}×{stop['height']} px")
            elif not stop["ring"]:
                problems.append(f"/{address}: {stop['name']} shows no focus ring")
        assert seen > 10, f"/{address}: only {seen} Tab stops"
    context.close()
    assert not problems, "\n".join(problems)


def contrast(a: list[float], b: list[float]) -> float:
    def luminance(rgb: list[float]) -> float:
        c = [v / 255 for v in rgb[:3]]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


RGB = re.compile(r"rgba?\(([\d.]+), ([\d.]+), ([\d.]+)")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_focus_ring_in_the_header_stands_out_3_to_1(browser, site_server: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_server + "start/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the logo
    colours = page.evaluate("""() => [getComputedStyle(document.activeElement).outlineColor,
        getComputedStyle(document.querySelector('.md-header')).backgroundColor,
        document.activeElement.matches('.md-logo')]""")
    context.close()
    ring, header, logo = colours
    assert logo, "the second Tab stop is not the logo"
    ratio = contrast([float(v) for v in RGB.match(ring).groups()], [float(v) for v in RGB.match(header).groups()])
    assert ratio >= 3, f"the logo's ring {ring} on the header {header} is {ratio:.1f}:1"


# ------------------------------------------ 5. the sticky header and 400 % zoom


# Polled every 200 ms: true once the scroll position is the same as at the last poll.
SCROLL_AT_REST = """() => {
  const rest = window.__lastScrollY === window.scrollY;
  window.__lastScrollY = window.scrollY;
  return rest;
}"""


@pytest.mark.parametrize("address", [SITUATION, "start/", WORKSHEET])
def test_tabbing_backwards_at_400_percent_never_hides_focus_under_the_header_or_back_to_top(browser, site_server: str, address: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=ZOOM_400)
    page = context.new_page()
    page.goto(site_server + address)
    page.keyboard.press("End")
    # Chromium animates a keyboard scroll; one still running would carry the
    # page on past the control focused next. Start once the page has come to rest.
    page.wait_for_function(SCROLL_AT_REST, polling=200)
    page.locator(".md-footer a, .md-copyright a").last.focus()
    hidden, stops = [], 0
    for _ in range(400):
        page.keyboard.press("Shift+Tab")
        page.wait_for_timeout(50)  # Material shows "Back to top" once it sees the page scroll up
        stop = page.evaluate(FOCUSED)
        if stop["body"] or stop["name"].startswith("a.md-skip"):
            break
        stops += 1
        # What counts is where focus rests: on a busy machine the scroll to the
        # focused control and the theme's scroll handlers can run late, so look
        # again until two looks 200 ms apart agree (for at most 3 s).
        for _ in range(15):
            if not (stop["content"] and (stop["top"] < stop["header"] - 0.5 or stop["under"])):
                break
            page.wait_for_timeout(200)
            again = page.evaluate(FOCUSED)
            if again["top"] == stop["top"] and again["under"] == stop["under"]:
                break
            stop = again
        if stop["content"] and stop["height"] > 0 and stop["top"] < stop["header"] - 0.5:
            hidden.append(f"{stop['name']} at {stop['top']:.0f} px, under the header (to {stop['header']:.0f} px)")
        elif stop["content"] and stop["under"]:
            hidden.append(f"{stop['name']} at {stop['top']:.0f} px, under the 'Back to top' button")
    context.close()
    assert stops > 10, f"only {stops} stops on /{address}"
    assert not hidden, f"/{address} at 400 %: " + "\n".join(hidden)


# ------------------------------------------------------- 6. forced colours

# How many pixels of a screenshot differ from its most common colour: an
# icon drawn in the background's colour has none.
PAINTED = """async (png) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + png;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width; canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  const counts = new Map();
  for (let i = 0; i < data.length; i += 4) {
    const key = data[i] + ',' + data[i + 1] + ',' + data[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const most = Math.max(...counts.values());
  return data.length / 4 - most;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_in_forced_colours_the_chevrons_and_the_logo_stay_visible(browser, site_server: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme,
                                  forced_colors="active")
    page = context.new_page()
    page.goto(site_server + SITUATION)
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    shown = {}
    for name, locator in (("the logo", page.locator(".md-header .md-logo img")),
                          ("the section chevron", page.locator(".guide-nav-toggle .md-nav__icon")),
                          ("a pruned section's chevron", page.locator(".md-nav__item--pruned .md-nav__icon").first)):
        png = base64.b64encode(locator.screenshot(animations="disabled")).decode()
        shown[name] = page.evaluate(PAINTED, png)
    context.close()
    assert all(pixels > 20 for pixels in shown.values()), f"pixels drawn, by icon: {shown}"


# -------------------------------------------------------- 7. focus management


def deployed_at(page, site_server: str) -> None:  # type: ignore[no-untyped-def]
    """Serve the sitemap as if the site were deployed at the test server's address.

    Material's instant navigation follows only links listed in sitemap.xml,
    matched by scheme and host but not port; the build lists site_url's
    addresses, so on a test server with a port it would load every page anew.
    """
    def sitemap(route) -> None:  # type: ignore[no-untyped-def]
        response = route.fetch()
        text = response.text()
        home = re.search(r"<loc>([^<]+)</loc>", text).group(1)  # the first address is site_url itself
        route.fulfill(response=response, body=text.replace(home, site_server))
    page.route("**/sitemap.xml", sitemap)


def test_after_an_instant_navigation_focus_is_on_the_heading_and_back_returns_to_the_link(
        page, site_server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    deployed_at(page, site_server)
    page.goto(site_server + "start/", wait_until="networkidle")
    page.evaluate("window.guideSamePage = true")
    link = page.locator(".md-content").get_by_role("link", name=re.compile("^I had an interview and heard nothing")).first
    href = link.evaluate("a => a.href")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(SITUATION))
    page.wait_for_function("document.activeElement.tagName === 'H1'")
    assert page.evaluate("window.guideSamePage"), "the page was reloaded: instant navigation is off"
    heading = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.closest('.md-content') !== null]")
    assert heading[1] and heading[0] == page.locator(".md-content h1").inner_text().strip()
    page.go_back()
    page.wait_for_url(re.compile("start/$"))
    page.wait_for_function("document.activeElement.tagName === 'A'")
    # The very link followed, in the content, not the sidebar's link to the same page.
    assert page.evaluate("[document.activeElement.href, !!document.activeElement.closest('.md-content')]") == [href, True]
    assert page.evaluate("window.guideSamePage")


def test_the_keep_a_copy_reminder_leaves_focus_on_a_control_when_it_closes(page, site_server: str) -> None:
    visit(page, site_server + PLAN, DAY_ONE)
    page.locator("input.guide-task__box:visible").first.check()
    for button, day in (("[data-keep-dismiss]", 1), ("[data-keep-download]", 9)):
        visit(page, site_server + PLAN, DAY_ONE + timedelta(days=day))
        page.locator(button).focus()
        if "download" in button:
            with page.expect_download():
                page.keyboard.press("Enter")
        else:
            page.keyboard.press("Enter")
        assert page.locator(PROMPT).count() == 0
        focused = page.evaluate("[document.activeElement.tagName, !!document.activeElement.closest('[data-guide-workspace]')]")
        assert focused[0] != "BODY" and focused[1], f"after {button}, focus is on {focused}"


# ------------------------------------------- 8. scale captions and landmarks

def description(page, selector: str) -> str:  # type: ignore[no-untyped-def]
    """The accessible description Chromium computes for the element."""
    session = page.context.new_cdp_session(page)
    root = session.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    tree = session.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"]
    session.detach()
    return str(tree[0].get("description", {}).get("value", ""))


def test_a_scale_radio_is_described_by_the_captions(page, site_server: str) -> None:
    page.goto(site_server + WORKSHEET)
    captions = page.locator(".ws-captions").first.inner_text().strip()
    assert captions.startswith("1 = ")
    first = page.locator(".ws-scale input[type=radio]").first
    assert captions in description(page, f"#{first.get_attribute('id')}")


def test_the_checklists_page_has_a_few_landmarks_not_dozens(page, site_server: str) -> None:
    page.goto(site_server + "checklists/")
    regions = page.get_by_role("region")
    names = [regions.nth(i).get_attribute("aria-labelledby") for i in range(regions.count())]
    assert names == ["your-situation"]
    # The reference list of every step is a disclosure under its own heading.
    assert page.locator("details[data-every-step] > summary h2").inner_text() == "Every step in the guide"
    # The groups are still there, under headings.
    assert page.locator(".md-content h3").count() >= 5 and page.locator(".md-content h4").count() >= 10


# ---------------------------------------------------------- 9. ARIA snapshots


@pytest.mark.parametrize("name,address", [
    ("start", "start/"),
    ("privacy", "privacy/"),
    ("situation", "situations/after-an-interview/"),
    ("message", "messages/ask-about-other-roles/"),
])
def test_the_accessibility_tree_of_the_content_is_as_committed(page, site_server: str, name: str, address: str) -> None:
    """Set GUIDE_UPDATE_ARIA=1 to rewrite tests/aria/ after a deliberate change, then read the diff."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_server + address)
    page.wait_for_selector("[data-kept]:not([hidden])" if address == "privacy/" else "h1")
    # Addresses without the test server's port, which changes from run to run.
    tree = page.locator(".md-content").aria_snapshot().replace(site_server, "/") + "\n"
    expected = SNAPSHOTS / f"{name}.yml"
    if os.environ.get("GUIDE_UPDATE_ARIA") == "1":
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(tree, encoding="utf-8")
    assert expected.is_file(), f"{expected} is missing: run with GUIDE_UPDATE_ARIA=1 and commit it"
    assert tree == expected.read_text(encoding="utf-8"), (
        f"the accessibility tree of /{address} changed; if on purpose, run with GUIDE_UPDATE_ARIA=1 and commit")
