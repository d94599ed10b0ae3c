"""The guide offline, after a new deployment, and installable, in a real Chromium.

"Offline" here means the site's server is stopped after the first visit: the
most realistic way to take the network away, and one that also reaches the
service worker's own fetches, which a browser context's offline switch may not.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.support import ROOT, free_port, pdf_text, run_mkdocs, serve_folder, small_project

pytestmark = pytest.mark.browser

# Resolves once this page is controlled by an active worker, whose install
# (every file of the build in its cache) is then complete.
CONTROLLED = """async () => {
  const registration = await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller)
    await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
  return registration.active.scriptURL;
}"""
# This site's caches, each by its build's version ("guide-offline <scope> <frame> <version>").
CACHES = """async () => (await caches.keys()).filter((name) => name.startsWith(`guide-offline ${location.origin}/`))
  .map((name) => name.split(" ").pop())"""


def worker_files(site: Path) -> dict[str, str]:
    """Every file the build's worker serves, with its content hash (sw.js's first line)."""
    line = (site / "sw.js").read_text(encoding="utf-8").splitlines()[0]
    return json.loads(line.removeprefix("const BUILD = ").removesuffix(";"))["files"]


def only_own_requests(context, origin: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Every request to another host, recorded from now on (data: and blob: stay in the browser)."""
    others: list[str] = []

    def record(request) -> None:  # type: ignore[no-untyped-def]
        url = urlsplit(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != origin:
            others.append(request.url)

    context.on("request", record)
    return others


def test_after_one_visit_the_guide_works_with_the_network_gone(browser, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with serve_folder(built_site) as url:
        others = only_own_requests(context, urlsplit(url).netloc)
        page.goto(url)
        assert page.evaluate(CONTROLLED) == url + "sw.js"
        # Opened while connected, one worksheet PDF is kept from then on.
        page.goto(url + "worksheets/interview-post-mortem/")
        with page.expect_download():
            page.locator("a[href$='interview-post-mortem-a4.pdf']").click()
    # The server is gone. From the home page to a situation, then to the advice
    # behind its first step, by instant navigation.
    page.goto(url)
    page.locator(".md-content a[href$='situations/after-an-interview/']").first.click()
    page.wait_for_url(url + "situations/after-an-interview/")
    assert page.locator("h1").inner_text() == "They said no after my interview"
    page.locator(".guide-path a[data-advice]").first.click()
    page.wait_for_url(url + "articles/**")
    assert page.locator("h1").inner_text() == page.evaluate("document.title").split(" - ")[0]
    # A checklist: ticks still save.
    page.goto(url + "checklists/")
    box = page.locator("input.guide-task__box:visible").first
    box.check()
    page.reload()
    assert page.locator("input.guide-task__box:visible").first.is_checked()
    # A worksheet: answers still save, and the PDF opened online downloads.
    page.goto(url + "worksheets/interview-post-mortem/")
    page.locator("form.ws-form textarea").first.fill("Typed on a train")
    page.reload()
    assert page.locator("form.ws-form textarea").first.input_value() == "Typed on a train"
    with page.expect_download() as download:
        page.locator("a[href$='interview-post-mortem-a4.pdf']").click()
    assert "Interview post-mortem" in pdf_text(Path(download.value.path()).read_bytes())
    # The one never opened says it is not kept, and offers to keep them all.
    page.locator("a[href$='interview-post-mortem-letter.pdf']").click()
    page.wait_for_url(url + "worksheets/interview-post-mortem-letter.pdf")
    assert page.locator("h1").inner_text() == "This worksheet is not kept offline"
    assert "interview-post-mortem-letter.pdf is not kept on this device" in page.locator("main").inner_text()
    keep = page.get_by_role("button", name=re.compile(r"^Keep the worksheets for offline use: \d+\.\d MB$"))
    keep.click()  # offline, it cannot: it says so
    expect(page.get_by_role("status")).to_contain_text("Press again once you are connected")
    # Every page of the guide opens through the worker (a merged article's
    # old address is a page that leads to the new one).
    pages = [name for name in worker_files(built_site) if name.endswith(".html")]
    page.goto(url)
    opened = page.evaluate("""async (names) => Promise.all(names.map(async (name) => {
        const response = await fetch(name);
        const text = await response.text();
        return [name, response.status, text.includes('<meta name="guide-offline"') || text.includes('http-equiv="refresh"')];
      }))""", pages)
    assert len(opened) > 100
    assert [o for o in opened if o[1] != 200 or not o[2]] == []
    # Search: its index and worker come from the cache too.
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("feedback", delay=50)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    # An address the guide has no page at is told apart from a page not kept.
    page.goto(url + "articles/no-such-page/")
    assert page.locator("h1").inner_text() == "You are offline"
    assert "There is no page at this address" in page.locator("main").inner_text()
    page.evaluate("""async key => { for (const name of await caches.keys())
        await (await caches.open(name)).delete(key); }""", url + "about/index.html")
    page.goto(url + "about/")
    assert "not kept on this device" in page.locator("main").inner_text()
    assert not others, others
    assert not errors, errors
    context.close()


def wait_until(condition, seconds: float = 20) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.1)


def build(project: Path, site: Path, url: str) -> str:
    # The served address as site_url: Material's instant navigation only
    # takes over links to addresses in the sitemap, and the sitemap holds site_url.
    result = run_mkdocs(project, site, env={"GUIDE_PDFS": "0", "SITE_URL": url})
    assert result.returncode == 0, result.stderr
    return re.search(r'"version":"(\w+)"', (site / "sw.js").read_text(encoding="utf-8")).group(1)


CSS_MARK = "getComputedStyle(document.documentElement).getPropertyValue('--guide-build-mark').trim()"
# Instant navigation keeps the window; a full page load starts a new one.
MARK_WINDOW = "window.guideSameWindow = true"
SAME_WINDOW = "window.guideSameWindow === true"


def marked_build(tmp_path: Path) -> tuple[Path, Path, int, str, str]:
    """A small guide whose stylesheet marks its build ("one"), built for a free port."""
    project = small_project(tmp_path, "# Home\n\nThe first words.\n\n[Say thanks](articles/say-thanks.md)\n")
    css = project / "docs" / "assets" / "stylesheets" / "guide.css"
    css.write_text(css.read_text(encoding="utf-8") + ":root { --guide-build-mark: one; }\n", encoding="utf-8")
    site, port = tmp_path / "site", free_port()
    url = f"http://127.0.0.1:{port}/"
    return project, site, port, url, build(project, site, url)


def test_after_a_rebuild_the_next_visit_shows_the_new_build_whole(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project, site, port, url, old = marked_build(tmp_path)
    context = browser.new_context()
    page = context.new_page()
    # A worker installing a whole build, and a rebuild, on a busy machine: allow them time.
    page.set_default_timeout(90_000)
    statuses: list[tuple[str, int, bool]] = []
    page.on("response", lambda r: statuses.append((r.url, r.status, r.from_service_worker)))
    with serve_folder(site, port):
        page.goto(url)
        page.evaluate(CONTROLLED)
        assert page.evaluate(CACHES) == [old]
        # A new deployment: new words on two pages and a changed stylesheet, same addresses.
        home = project / "docs" / "index.md"
        home.write_text(home.read_text(encoding="utf-8").replace("The first words.", "The second words."))
        article = project / "content" / "articles" / "say-thanks.md"
        article.write_text(article.read_text(encoding="utf-8").replace("Thank them.", "Thank them twice."))
        css = project / "docs" / "assets" / "stylesheets" / "guide.css"
        css.write_text(css.read_text(encoding="utf-8").replace("mark: one", "mark: two"), encoding="utf-8")
        new = build(project, site, url)
        assert new != old
        # The old page is still open. Instant navigation to a changed page
        # must not put the new words into the old page's styles: the worker
        # refuses the new page to it, and Material loads it as a whole page.
        page.evaluate(MARK_WINDOW)
        page.locator(".md-content a", has_text="Say thanks").click()
        page.wait_for_function("document.body?.innerText.includes('Thank them twice.')")
        assert (url + "articles/say-thanks/", 409, True) in statuses
        assert not page.evaluate(SAME_WINDOW)
        assert page.evaluate(CSS_MARK) == "two"
        # The next visit to the home page: the new words, with the new styles.
        page.goto(url)
        assert "The second words." in page.locator("article").inner_text()
        assert page.evaluate(CSS_MARK) == "two"
        # The new worker takes over and the old build's cache is deleted.
        wait_until(lambda: page.evaluate(CACHES) == [new], seconds=90)
        page.reload()  # now controlled by the new worker
        page.evaluate(CONTROLLED)
    # Offline: the new build, from its cache, by instant navigation too.
    page.goto(url)
    assert "The second words." in page.locator("article").inner_text()
    assert page.evaluate(CSS_MARK) == "two"
    page.evaluate(MARK_WINDOW)
    page.locator(".md-content a", has_text="Say thanks").click()
    page.wait_for_function("document.body?.innerText.includes('Thank them twice.')")
    assert page.evaluate(SAME_WINDOW), "instant navigation fell back to a page load offline"
    context.close()


def test_the_browser_accepts_the_manifest(browser, site_server: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_server + "articles/reply-with-grace/")
    session = context.new_cdp_session(page)
    manifest = session.send("Page.getAppManifest")
    assert manifest["url"] == site_server + "manifest.webmanifest"
    assert manifest["errors"] == [], manifest["errors"]
    assert '"After the No"' in manifest["data"]
    context.close()


def test_a_copy_of_the_site_in_a_sub_folder_registers_its_own_scope(browser, built_site: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "www"
    shutil.copytree(built_site, root / "guide")
    context = browser.new_context()
    page = context.new_page()
    with serve_folder(root) as url:
        page.goto(url + "guide/worksheets/")
        assert page.evaluate(CONTROLLED) == url + "guide/sw.js"
        assert page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)") == url + "guide/"
    context.close()


def test_an_old_tab_loads_its_next_page_whole_once_another_tab_moved_to_a_new_build(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project, site, port, url, old = marked_build(tmp_path)
    context = browser.new_context()
    with serve_folder(site, port):
        tab = context.new_page()
        tab.goto(url)
        tab.evaluate(CONTROLLED)
        css = project / "docs" / "assets" / "stylesheets" / "guide.css"
        css.write_text(css.read_text(encoding="utf-8").replace("mark: one", "mark: two"), encoding="utf-8")
        new = build(project, site, url)
        assert new != old
        # A second tab opens the new build: its worker installs, takes over
        # every tab (the old one too) and deletes the old build's cache.
        other = context.new_page()
        other.goto(url)
        wait_until(lambda: other.evaluate(CACHES) == [new])
        other.evaluate(CONTROLLED)
        tab.wait_for_timeout(500)  # the old tab hears of its new worker
        assert tab.evaluate(CSS_MARK) == "one"
        tab.evaluate(MARK_WINDOW)
        tab.locator(".md-content a", has_text="Say thanks").click()
        tab.wait_for_url(url + "articles/say-thanks/")
        tab.wait_for_load_state()
        assert not tab.evaluate(SAME_WINDOW), "the new build's page went into the old build's scripts"
        assert tab.evaluate(CSS_MARK) == "two"
    context.close()


def test_an_address_without_its_last_slash_works_offline(browser, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    with serve_folder(built_site) as url:
        page.goto(url)
        page.evaluate(CONTROLLED)
    # The server is gone: "/about" is sent to "/about/", from the cache.
    page.goto(url + "about")
    assert page.url == url + "about/"
    title = (ROOT / "docs" / "about.md").read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
    assert page.locator("h1").inner_text() == title
    page.goto(url + "no-such-page")
    assert page.locator("h1").inner_text() == "You are offline"
    context.close()


def test_a_redeployment_of_one_article_downloads_that_article_and_what_lists_it(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project, site, port, url, old = marked_build(tmp_path)
    context = browser.new_context()
    others = only_own_requests(context, f"127.0.0.1:{port}")
    page = context.new_page()
    served: list[str] = []
    with serve_folder(site, port, requests=served):
        page.goto(url)
        page.evaluate(CONTROLLED)
        assert page.evaluate(CACHES) == [old]
        article = project / "content" / "articles" / "say-thanks.md"
        article.write_text(article.read_text(encoding="utf-8").replace("Thank them.", "Thank them twice."))
        new = build(project, site, url)
        served.clear()
        page.evaluate("navigator.serviceWorker.ready.then((registration) => registration.update())")
        wait_until(lambda: page.evaluate(CACHES) == [new])
        # The new worker, then only the files whose content changed: the
        # article, and the search index that holds its words.
        assert sorted(served) == ["/articles/say-thanks/index.html", "/search/search_index.json", "/sw.js"]
    # Offline, the new build is whole: the changed article and the pages copied over.
    page.goto(url + "articles/say-thanks/")
    assert "Thank them twice." in page.locator("article").inner_text()
    page.goto(url + "articles/keep-searching/")
    assert page.locator("h1").count() == 1
    assert page.evaluate(CSS_MARK) == "one"
    assert not others, others
    context.close()


def test_the_worksheets_are_kept_for_offline_use_when_the_reader_asks(browser, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    pdfs = [name for name in worker_files(built_site) if name.endswith(".pdf")]
    with serve_folder(built_site) as url:
        others = only_own_requests(context, urlsplit(url).netloc)
        page.goto(url + "privacy/")
        page.evaluate(CONTROLLED)
        keep = page.get_by_role("button", name=re.compile(r"^Keep the worksheets for offline use: \d+\.\d MB$"))
        keep.click()
        expect(page.locator("[data-offline-status]")).to_have_text(
            f"All {len(pdfs)} worksheet PDFs are kept on this device: they open without a connection.", timeout=60_000)
        expect(keep).to_be_hidden()
    # The server is gone: every PDF opens from this device.
    kept = page.evaluate("""async (names) => Promise.all(names.map(async (name) => {
        const response = await fetch(name);
        return [response.status, response.headers.get("Content-Type")];
      }))""", [url + name for name in pdfs])
    assert kept == [[200, "application/pdf"]] * len(pdfs)
    # The reader can take them off this device again; the pages stay.
    page.get_by_role("button", name="Remove the kept worksheets from this device").click()
    expect(page.locator("[data-offline-status]")).to_contain_text("no longer kept on this device")
    expect(keep).to_be_visible()
    left = page.evaluate("""async (names) => { const found = [];
        for (const name of await caches.keys()) for (const url of names)
          if (await (await caches.open(name)).match(url)) found.push(url);
        return found; }""", [url + name for name in pdfs])
    assert left == []
    assert page.evaluate(f"fetch({url + 'worksheets/'!r}).then((r) => r.status)") == 200
    assert not others, others
    context.close()
