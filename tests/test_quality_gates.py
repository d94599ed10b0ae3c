"""Independent judges on every page of the built site.

One sweep visits every built HTML page in Chromium at a desktop and a phone
width, in the light and the dark colour scheme, with one browser context per
variant. On each page it measures the layout, runs axe-core, then uses the
checklist, worksheet and data controls as a reader would, and records every
request and console error. The tests below each judge one part of what the sweep
recorded, so every failure names the page, the variant, the rule and the
element. The Nu Html Checker and the link check read the built files.

Tools: axe-core and vnu-jar come from npm (package.json, installed by
``make test``); the checker runs on the machine's Java.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Error as PlaywrightError

from tests.support import ROOT, require

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"desktop": 1280, "phone": 390}
SCHEMES = ("light", "dark")
MIN_TARGET = 24  # CSS px, WCAG 2.2 target size (minimum)
# Pages for the keyboard walk and the page-weight figures.
ARTICLE = "articles/reply-with-grace/"
CHECKLIST = "checklists/feedback/"
WORKSHEET = "worksheets/plan-of-changes/"  # has every field type
WEIGHED = {"home": "", "article": ARTICLE, "checklist": CHECKLIST, "worksheet": WORKSHEET}

# Our controls: everything a reader types into, ticks or presses in the page body.
CONTROLS = ".md-content :is(input:not([type=hidden]), textarea, select, button, .md-button)"

# The JavaScript helpers share one way of naming an element in a failure.
DESCRIBE = """
const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
  + (el.name ? `[name="${el.name}"]` : '')
  + [...el.classList].filter((c) => c !== 'focus-visible').map((c) => '.' + c).join('')
  + (el.textContent.trim() ? ` "${el.textContent.trim().slice(0, 40)}"` : '');
"""

MEASURE = "({ controls, minimum }) => {" + DESCRIBE + """
  const root = document.documentElement;
  const width = root.clientWidth;
  const wide = root.scrollWidth > width
    ? [...document.body.querySelectorAll('*')]
        .filter((el) => { const box = el.getBoundingClientRect(); return box.width > 0 && box.right > width + 1; })
        .slice(0, 3).map(describe)
    : [];
  const small = [...document.querySelectorAll(controls)]
    // A visually hidden input (the file input in "Load my data") is tapped through its label.
    .filter((el) => el.getClientRects().length && !el.matches('.guide-visually-hidden'))
    .map((el) => [el, el.getBoundingClientRect()])
    .filter(([, box]) => box.width < minimum || box.height < minimum)
    .map(([el, box]) => `${describe(el)} is ${Math.round(box.width)}×${Math.round(box.height)} px`);
  return { scrollWidth: root.scrollWidth, width, wide, small };
}"""

# axe ships its WCAG 2.2 target-size rule (2.5.8, 24 px) switched off: on here.
AXE_RUN = """(tags) => axe.run(document, {
  runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
  rules: { 'target-size': { enabled: true } },
}).then((result) => result.violations)"""


def url_path(html: Path, site: Path) -> str:
    """The address of a built file relative to the site root: ``articles/x/``."""
    return html.relative_to(site).as_posix().removesuffix("index.html")


def listing(problems: list[str], limit: int = 60) -> str:
    shown = "\n  ".join(problems[:limit])
    more = f"\n  … and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"{len(problems)} problem(s):\n  {shown}{more}"


class _Summary:
    """Lines printed in pytest's terminal summary, whatever the capture mode."""

    def __init__(self) -> None:
        self.sections: dict[str, list[str]] = {}

    def pytest_terminal_summary(self, terminalreporter) -> None:  # type: ignore[no-untyped-def]
        for title, lines in self.sections.items():
            terminalreporter.write_sep("-", title)
            for line in lines:
                terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def summary(request: pytest.FixtureRequest) -> _Summary:
    manager = request.config.pluginmanager
    plugin = manager.get_plugin("after-the-no-quality-gates")
    if plugin is None:
        plugin = _Summary()
        manager.register(plugin, "after-the-no-quality-gates")
    return plugin


@pytest.fixture(scope="module")
def pages(built_site: Path) -> list[str]:
    """Every HTML page of the build, by address, but the moved pages that only redirect."""
    found = sorted(
        url_path(html, built_site)
        for html in built_site.rglob("*.html")
        if 'http-equiv="refresh"' not in html.read_text(encoding="utf-8")
    )
    assert {"", ARTICLE, CHECKLIST, WORKSHEET} <= set(found), "the build lacks pages these tests use"
    return found


# ---------------------------------------------------------------- the sweep


@dataclass
class Sweep:
    """What the browser saw, as failure lines that name page, variant and element."""

    visits: int = 0
    problems: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def use_controls(page) -> None:  # type: ignore[no-untyped-def]
    """Tick and untick, type, choose, clear, download and delete, as a reader would."""
    # The plan hides the paths of situations the reader has not chosen: tick a box they can see.
    tasks = page.locator("input.guide-task__box:visible")
    if tasks.count():
        tasks.first.check()
        tasks.first.uncheck()
    form = page.locator("form[data-worksheet]")
    if form.count():
        for selector, use in (("input[type=text]", lambda box: box.fill("Quality gate")),
                              ("textarea", lambda box: box.fill("Two lines\nof answer")),
                              ("input[type=checkbox]", lambda box: box.check()),
                              ("input[type=radio]", lambda box: box.check())):
            if form.locator(selector).count():
                use(form.locator(selector).first)
        page.locator("[data-clear-answers]").click()  # the confirm() is accepted
    if page.locator("[data-data-controls]").count():
        with page.expect_download():
            page.locator("[data-export]").click()
        page.locator("[data-delete]").click()


class Recorder:
    """Files what the browser reports under the page being visited and the variant."""

    def __init__(self, sweep: Sweep, variant: str, origin: str) -> None:
        self.sweep, self.variant, self.origin = sweep, variant, origin
        self.address = ""

    def note(self, kind: str, text: str) -> None:
        self.sweep.problems[kind].append(f"{self.address or '/'} [{self.variant}]: {text}")

    def request(self, request) -> None:  # type: ignore[no-untyped-def]
        url = urlsplit(request.url)  # data: and blob: URLs never leave the browser
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != self.origin:
            self.note("requests", f"{request.method} {request.url}")

    def console(self, message) -> None:  # type: ignore[no-untyped-def]
        if message.type == "error":
            self.note("console", f"{message.text} ({message.location.get('url', '')})")

    def uncaught(self, error) -> None:  # type: ignore[no-untyped-def]
        self.note("console", f"uncaught {error}")


def visit(page, address: str, width: int, use: bool, record: Recorder) -> None:  # type: ignore[no-untyped-def]
    page.goto(address)
    layout = page.evaluate(MEASURE, {"controls": CONTROLS, "minimum": MIN_TARGET})
    if width == WIDTHS["phone"] and layout["scrollWidth"] > layout["width"]:
        record.note("scroll", f"{layout['scrollWidth']} px wide in a {layout['width']} px viewport; "
                              f"sticking out: {', '.join(layout['wide'])}")
    for line in layout["small"]:
        record.note("targets", line)
    # axe before the controls are used: a just-pressed button is still fading
    # into its focus colours (Material's 125 ms transition), which axe would measure.
    page.add_script_tag(path=str(AXE))
    for rule in page.evaluate(AXE_RUN, AXE_TAGS):
        for node in rule["nodes"]:
            reason = (node.get("failureSummary") or rule["help"]).replace("\n", " ")
            record.note("axe", f"{rule['id']} at {' '.join(map(str, node['target']))} — {reason}")
    if use:
        use_controls(page)


@pytest.fixture(scope="module")
def sweep(browser, site_server: str, pages: list[str]) -> Sweep:  # type: ignore[no-untyped-def]
    require(AXE.is_file(), "axe-core not installed: run `npm ci` (make test does)")
    return run_sweep(browser, site_server, pages)


def run_sweep(browser, site_server: str, pages: list[str]) -> Sweep:  # type: ignore[no-untyped-def]
    """Visit every page in every variant, reusing one browser context per variant."""
    sweep = Sweep()
    for width in WIDTHS.values():
        for scheme in SCHEMES:
            # Material takes its palette from prefers-color-scheme on a first visit.
            context = browser.new_context(base_url=site_server, viewport={"width": width, "height": 800},
                                          color_scheme=scheme)
            context.set_default_timeout(10_000)  # a stuck page fails fast, not after 30 s
            record = Recorder(sweep, f"{width} px {scheme}", urlsplit(site_server).netloc)
            context.on("request", record.request)
            page = context.new_page()
            page.on("console", record.console)
            page.on("pageerror", record.uncaught)
            page.on("dialog", lambda dialog: dialog.accept())
            for address in pages:
                record.address = address
                try:
                    # The scripts do not depend on the colour scheme: use the controls once per width.
                    visit(page, address, width, scheme == "light", record)
                    sweep.visits += 1
                except PlaywrightError as error:  # one broken page must not hide the others
                    record.note("console", f"the visit failed: {error.message.splitlines()[0]}")
            record.address = "(any page)"
            for cookie in context.cookies():
                record.note("cookies", f"cookie {cookie['name']} set for {cookie['domain']}")
            context.close()
    return sweep


def test_every_page_was_visited_in_every_variant(sweep: Sweep, pages: list[str]) -> None:
    assert sweep.visits == len(pages) * len(WIDTHS) * len(SCHEMES), listing(sweep.problems["console"])


def test_axe_finds_no_accessibility_violations(sweep: Sweep) -> None:
    assert not sweep.problems["axe"], listing(sweep.problems["axe"])


def test_nothing_is_requested_from_another_host_and_no_cookies(sweep: Sweep) -> None:
    problems = sweep.problems["requests"] + sweep.problems["cookies"]
    assert not problems, listing(problems)


def test_no_console_errors_while_loading_and_using_pages(sweep: Sweep) -> None:
    assert not sweep.problems["console"], listing(sweep.problems["console"])


def test_no_horizontal_scroll_on_a_phone(sweep: Sweep) -> None:
    assert not sweep.problems["scroll"], listing(sweep.problems["scroll"])


def test_our_controls_are_big_enough_to_tap(sweep: Sweep) -> None:
    assert not sweep.problems["targets"], listing(sweep.problems["targets"])


# ------------------------------------------------------- valid HTML (Nu checker)

# Material's base.html puts autocomplete="off" on its two hidden toggle checkboxes
# (drawer, search), outside any template block, so Firefox does not reopen them on
# Back; only a fork of base.html could drop it. Allowed on those two inputs only.
MATERIAL_TOGGLE = re.compile(
    r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__\1" autocomplete="off">'
)


def allowed(message: dict) -> bool:
    start, length = message.get("hiliteStart", 0), message.get("hiliteLength", 0)
    marked = message.get("extract", "")[start:start + length]
    return message["message"].startswith("Attribute “autocomplete” is only allowed") and bool(
        MATERIAL_TOGGLE.fullmatch(marked))


def test_html_is_valid(built_site: Path, summary: _Summary) -> None:
    java = shutil.which("java")
    require(java is not None, "Java not found: Nu Html Checker skipped (apt-get install default-jre-headless)")
    require(VNU.is_file(), "vnu-jar not installed: run `npm ci` (make test does)")
    files = sorted(str(html) for html in built_site.rglob("*.html"))
    # All pages in one run: one JVM start. Warnings are listed, errors fail.
    run = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--stdout", *files],
                         capture_output=True, text=True, timeout=600)
    assert run.stdout.strip(), f"the Nu Html Checker did not run: {run.stderr}"
    messages = json.loads(run.stdout)["messages"]

    def where(m: dict) -> str:
        page = url_path(Path(unquote(urlsplit(m["url"]).path)), built_site) if "url" in m else "?"
        return f"{page or '/'}:{m.get('lastLine', '?')}: {m['message']}"

    errors = [where(m) for m in messages if m["type"] != "info" and not allowed(m)]
    warnings = [where(m) for m in messages if m["type"] == "info" and m.get("subType") == "warning"]
    if warnings:
        summary.sections["Nu Html Checker warnings"] = warnings
    assert not errors, listing(errors)


# ---------------------------------------------------------------------- links

LOCALHOST = {"localhost", "127.0.0.1", "0.0.0.0", "::1"}
FILE_PATH = re.compile(r"^(/(home|Users|tmp|work|root|var|mnt)/|[A-Za-z]:[\\/]|\\\\)|\.md(#|$)")
REFERENCES = {"href": ("a", "link", "area"), "src": ("script", "img", "source", "iframe", "audio", "video")}


def test_every_internal_link_and_fragment_resolves(built_site: Path) -> None:
    soups = {html: BeautifulSoup(html.read_bytes(), "html.parser") for html in built_site.rglob("*.html")}
    ids = {html: {tag["id"] for tag in soup.find_all(id=True)} for html, soup in soups.items()}
    # The site's own address (site_url), as in every page's canonical link.
    home = soups[built_site / "index.html"].find("link", rel="canonical")["href"]
    problems: list[str] = []
    for html, soup in sorted(soups.items()):
        page = url_path(html, built_site)
        for attribute, tags in REFERENCES.items():
            for tag in soup.find_all(tags, attrs={attribute: True}):
                problem = check_link(tag[attribute], urljoin(home, page), home, built_site, ids)
                if problem:
                    problems.append(f"{page or '/'}: <{tag.name} {attribute}=\"{tag[attribute]}\"> {problem}")
    assert not problems, listing(problems)


def check_link(href: str, page_url: str, home: str, site: Path, ids: dict[Path, set[str]]) -> str | None:
    """Why ``href`` on the page at ``page_url`` is broken, or None."""
    target = urlsplit(urljoin(page_url, href))
    if FILE_PATH.search(href) or target.scheme == "file":
        return "points to a file path"
    if (target.hostname or "") in LOCALHOST:
        return "points to this computer"
    ours = urlsplit(home)
    if target.scheme not in ("http", "https") or target.netloc != ours.netloc:
        return None  # mailto:, data: or another site's page
    if not target.path.startswith(ours.path):
        return "leaves the site"
    file = site / unquote(target.path[len(ours.path):])
    if file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        return "goes to a page that was not built"
    fragment = unquote(target.fragment)
    if fragment and file.suffix == ".html" and fragment not in ids[file]:
        return f"goes to #{fragment}, which is not on that page"
    return None


# ------------------------------------------------------------------- keyboard

KEYBOARD_SETUP = "(controls) => {" + DESCRIBE + """
  // A reader opens a disclosure (<details>) with its summary, which Tab reaches
  // like any control; open them all so the controls inside are counted too.
  document.querySelectorAll('details').forEach((details) => { details.open = true; });
  const names = {};
  [...document.querySelectorAll(controls)].filter((el) => el.getClientRects().length && !el.disabled)
    .forEach((el, i) => {
      // A radio group is one stop in the Tab order; arrow keys move inside it.
      const key = el.type === 'radio' ? 'radio:' + el.name : 'c' + i;
      el.dataset.qgKey = key;
      names[key] ??= el.type === 'radio' ? `radio group "${el.name}"` : describe(el);
    });
  window.qgFocus = [];
  document.addEventListener('focusin', (event) => {
    const el = event.target;
    const style = getComputedStyle(el);
    const ring = el.matches(':focus-visible') && (style.boxShadow !== 'none'
      || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2));
    window.qgFocus.push({ key: el.dataset.qgKey || null, name: describe(el), ring });
  });
  // Activation shows as a click; links (PDF downloads) and printing stay in the page.
  window.qgClicks = [];
  window.addEventListener('click', (event) => {
    const el = event.target.closest('[data-qg-key]');
    if (el) window.qgClicks.push(el.dataset.qgKey);
    if (event.target.closest('a')) { event.preventDefault(); event.stopImmediatePropagation(); }
  }, true);
  window.print = () => {};
  return names;
}"""
TABBABLE = "document.querySelectorAll('a[href], button, input, textarea, select, summary, [tabindex]').length"


@pytest.mark.parametrize("address", [ARTICLE, CHECKLIST, WORKSHEET])
def test_every_control_works_from_the_keyboard(page, site_server: str, address: str) -> None:
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto(site_server + address)
    names: dict[str, str] = page.evaluate(KEYBOARD_SETUP, CONTROLS)
    assert names, f"no controls found on {address}"
    for _ in range(page.evaluate(TABBABLE) + 5):
        page.keyboard.press("Tab")
    focused = page.evaluate("window.qgFocus")
    problems = [f"{names[key]} is never reached with Tab" for key in names.keys() - {f["key"] for f in focused}]
    problems += sorted({f"{f['name']} has no visible focus ring" for f in focused if f["key"] and not f["ring"]})
    for key, name in names.items():
        problem = activate(page, page.locator(f'[data-qg-key="{key}"]').first)
        if problem:
            problems.append(f"{name} {problem}")
    assert not problems, f"on {address}: " + listing(problems)


def activate(page, control) -> str | None:  # type: ignore[no-untyped-def]
    """Use one focused control with its key; why it did not work, or None."""
    kind = control.evaluate("el => el.type || el.tagName.toLowerCase()")
    control.focus()
    if kind in ("checkbox", "radio"):
        before = control.is_checked()
        page.keyboard.press("Space")
        if control.is_checked() == before and not (kind == "radio" and before):
            return "does not change with Space"
        if kind == "checkbox":
            page.keyboard.press("Space")
        return None
    if kind in ("text", "textarea", "search", "email", "number"):
        page.keyboard.type("ok")
        return None if control.input_value().endswith("ok") else "does not take typing"
    key = control.get_attribute("data-qg-key")
    page.keyboard.press("Enter")
    return None if key in page.evaluate("window.qgClicks") else "does nothing with Enter"


# ---------------------------------------------------------------- page weight


def test_page_weight_is_reported(browser, site_server: str, summary: _Summary) -> None:  # type: ignore[no-untyped-def]
    """Bytes for the performance issue to set limits on: printed, not judged."""
    lines = []
    for name, address in WEIGHED.items():
        context = browser.new_context(base_url=site_server)  # an empty cache: a first visit
        page = context.new_page()
        finished: list = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(address, wait_until="networkidle")
        sizes = [request.sizes() for request in finished]
        total = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)
        own = sum(gzipped(urlsplit(r.url).path.lstrip("/")) for r in finished)
        context.close()
        assert total > 0 and own > 0, f"nothing measured on {address or '/'}"
        lines.append(f"{name:<10} /{address:<36} {len(finished):3} requests  {total / 1024:7.1f} KiB transferred  "
                     f"own CSS+JS {own / 1024:5.1f} KiB gzipped")
    summary.sections["page weight (cold cache; test server sends no compression)"] = lines


def gzipped(address: str) -> int:
    """Gzipped size of the file at ``address`` if it is our own CSS or JS (docs/assets/), else 0."""
    source = ROOT / "docs" / address
    if not address.startswith("assets/") or source.suffix not in (".css", ".js") or not source.is_file():
        return 0
    return len(gzip.compress(source.read_bytes(), compresslevel=9, mtime=0))
