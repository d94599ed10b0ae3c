"""Weight on a phone: what a first and a repeat visit of a page cost, measured in Chromium.

Requests are counted where they arrive, at the site's server; responses the
service worker answered never get there. Bytes are the bodies as a static
server would send them: text gzipped (level 6, nginx's and Apache's usual
setting), images and PDFs as they are.

``python -m tests.bench.weight [site]`` measures a built site (default site/)
and prints the report's section.
"""

from __future__ import annotations

import gzip
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.support import ROOT, chromium_path, serve_folder

PAGES = {"home page": "", "article": "articles/reply-with-grace/"}
OWN_CODE_PAGES = {
    "home page": "",
    "article": "articles/decide-what-to-change/",
    "article with messages": "articles/reply-with-grace/",
    "situation": "situations/after-an-interview/",
    "message": "messages/answer-a-call-back/",
    "worksheet": "worksheets/interview-post-mortem/",
}
"""Pages whose share of the guide's own CSS and JS the report shows, one of each kind."""
OWN_CODE_LIMIT = 10 * 1024
"""The guide's own CSS and JS an article may load, compressed."""
MATERIAL = re.compile(r"\.min\.(css|js)$|^assets/javascripts/(workers|lunr)/")
"""The theme's own files: everything else under assets/ with .css or .js is the guide's."""
KEEP_ALL = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return new Promise((done, fail) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => data.type === "status" ? done(data) : data.type === "failed" && fail(new Error(data.reason));
    registration.active.postMessage({ type: "keep" }, [channel.port2]);
  });
}"""
CACHES = """async () => (await caches.keys()).filter((name) => name.startsWith("guide-offline "))
  .map((name) => name.split(" ").pop())"""
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".webmanifest", ".txt"}
CONTROLLED = """async () => {
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller)
    await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
}"""


@dataclass
class Visit:
    page: str
    address: str
    first_requests: int = 0
    first_bytes: int = 0
    """A first visit with no service worker yet: what the page itself loads."""
    offline_copy_requests: int = 0
    offline_copy_bytes: int = 0
    """What a first visit with the worker adds: the worker and its offline copy, fetched in the background."""
    repeat_requests: int = 0
    repeat_paths: list[str] = field(default_factory=list)
    repeat_bytes: int = 0
    repeat_from_worker: int = 0
    """A repeat visit with the worker: requests reaching the server, and responses the worker gave."""
    offline_requests: int = 0
    offline_from_worker: int = 0
    """The same visit with the server stopped."""


@dataclass
class OwnCode:
    page: str
    address: str
    files: list[str]
    bytes: int
    """The guide's own stylesheets and scripts a first visit loads, as a server sends them."""


@dataclass
class OfflineCopy:
    files: int = 0
    bytes: int = 0
    """What the worker downloads after a first visit (the worker itself included)."""
    worksheet_files: int = 0
    worksheet_bytes: int = 0
    """What "Keep the worksheets for offline use" downloads on top."""
    redeploy_paths: list[str] = field(default_factory=list)
    redeploy_bytes: int = 0
    """What the next visit after a deployment that changed one article downloads."""
    redeployed: str = ""
    """The article changed."""


def own_file(path: str) -> bool:
    name = unquote(urlsplit(path).path).lstrip("/")
    return name.startswith("assets/") and name.endswith((".css", ".js")) and not MATERIAL.search(name)


def sent_bytes(site: Path, path: str) -> int:
    """The body a static server sends for ``path``: gzipped if it is text."""
    file = site / unquote(urlsplit(path).path).lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        return 0
    data = file.read_bytes()
    return len(gzip.compress(data, compresslevel=6, mtime=0)) if file.suffix in COMPRESSED else len(data)


def measure(site: Path) -> list[Visit]:
    """First, repeat and offline visits of each page in PAGES, each in a fresh browser profile."""
    from playwright.sync_api import sync_playwright

    visits = []
    with sync_playwright() as playwright:
        browser = _browser(playwright)
        for name, address in PAGES.items():
            visits.append(_visit(browser, site, name, address))
        browser.close()
    return visits


def _browser(playwright):  # type: ignore[no-untyped-def]
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                      args=["--no-sandbox", "--disable-background-networking"])


def own_code(site: Path) -> list[OwnCode]:
    """The guide's own CSS and JS each kind of page loads on a first visit (no worker)."""
    from playwright.sync_api import sync_playwright

    found = []
    with sync_playwright() as playwright:
        browser = _browser(playwright)
        for name, address in OWN_CODE_PAGES.items():
            served: list[str] = []
            with serve_folder(site, requests=served) as url:
                context = browser.new_context(viewport={"width": 390, "height": 800}, service_workers="block")
                page = context.new_page()
                page.goto(url + address, wait_until="load")
                # Feature modules are fetched after the page's own scripts ran.
                for _ in range(2):
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(1000)
                context.close()
            own = sorted({p for p in served if own_file(p)})
            found.append(OwnCode(name, "/" + address, own, sum(sent_bytes(site, p) for p in own)))
        browser.close()
    return found


def offline_copy(site: Path, project: Path, rebuild: Callable[[], object]) -> OfflineCopy:
    """The default offline copy, the worksheets on top, and a redeployment of one changed article.

    ``rebuild`` builds ``project`` into ``site`` again, after one article's text changed.
    """
    from playwright.sync_api import sync_playwright

    copy = OfflineCopy()
    article = min((project / "content" / "articles").glob("*.md"))
    copy.redeployed = f"/articles/{article.stem}/"
    served: list[str] = []
    with sync_playwright() as playwright, serve_folder(site, requests=served) as url:
        browser = _browser(playwright)
        # What the page itself loads, with no worker: left out of the copy's figures.
        context = browser.new_context(viewport={"width": 390, "height": 800}, service_workers="block")
        context.new_page().goto(url, wait_until="networkidle")
        context.close()
        first, first_bytes = len(served), sum(sent_bytes(site, p) for p in served)
        served.clear()
        context = browser.new_context(viewport={"width": 390, "height": 800})
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page.evaluate(CONTROLLED)
        page.wait_for_load_state("networkidle")
        copy.files = len(served) - first
        copy.bytes = sum(sent_bytes(site, p) for p in served) - first_bytes
        old = page.evaluate(CACHES)
        served.clear()
        page.evaluate(KEEP_ALL)
        copy.worksheet_files, copy.worksheet_bytes = len(served), sum(sent_bytes(site, p) for p in served)
        original = article.read_text(encoding="utf-8")
        article.write_text(f"{original.rstrip()}\n\nOne more sentence, for the benchmark's redeployment.\n",
                           encoding="utf-8")
        try:
            rebuild()
        finally:
            article.write_text(original, encoding="utf-8")
        served.clear()
        page.goto(url, wait_until="networkidle")
        page.evaluate("navigator.serviceWorker.ready.then((r) => r.update())")
        deadline = time.monotonic() + 120
        # Done once the new build's cache is the only one (the old one goes on activate).
        while time.monotonic() < deadline:
            caches = page.evaluate(CACHES)
            if len(caches) == 1 and caches != old:
                break
            time.sleep(0.2)
        page.wait_for_load_state("networkidle")
        # The home page itself is fetched by every visit, deployment or not.
        copy.redeploy_paths = sorted(set(served) - {"/"})
        copy.redeploy_bytes = sum(sent_bytes(site, p) for p in copy.redeploy_paths)
        context.close()
        browser.close()
    return copy


def _visit(browser, site: Path, name: str, address: str) -> Visit:  # type: ignore[no-untyped-def]
    visit = Visit(name, "/" + address)
    served: list[str] = []
    with serve_folder(site, requests=served) as url:
        # The first visit as the page itself makes it, before any worker exists.
        context = browser.new_context(viewport={"width": 390, "height": 800}, service_workers="block")
        context.new_page().goto(url + address, wait_until="networkidle")
        context.close()
        visit.first_requests, visit.first_bytes = len(served), sum(sent_bytes(site, p) for p in served)
        # The same first visit with the worker, which then keeps its offline copy.
        context = browser.new_context(viewport={"width": 390, "height": 800})
        page = context.new_page()
        from_worker: list[str] = []
        page.on("response", lambda r: from_worker.append(r.url) if r.from_service_worker else None)
        served.clear()
        page.goto(url + address, wait_until="networkidle")
        page.evaluate(CONTROLLED)
        page.wait_for_load_state("networkidle")
        visit.offline_copy_requests = len(served) - visit.first_requests
        visit.offline_copy_bytes = sum(sent_bytes(site, p) for p in served) - visit.first_bytes
        served.clear()
        from_worker.clear()
        page.goto(url + address, wait_until="networkidle")
        visit.repeat_requests, visit.repeat_paths = len(served), sorted(set(served))
        visit.repeat_bytes = sum(sent_bytes(site, p) for p in served)
        visit.repeat_from_worker = len(from_worker)
    served.clear()
    from_worker.clear()
    page.goto(url + address, wait_until="networkidle")
    visit.offline_requests, visit.offline_from_worker = len(served), len(from_worker)
    context.close()
    return visit


def markdown(visits: list[Visit]) -> list[str]:
    """The report's section on page weight."""
    kib = lambda n: f"{n / 1024:,.1f} KiB"  # noqa: E731
    out = ["## Weight on a phone", "",
           "Chromium at 390 px wide, a fresh profile per page, the built site served locally."
           " Requests are counted at the server; bytes are what a static server sends"
           " (text gzipped at level 6, images and PDFs as they are).", "",
           "| page | first visit | offline copy, once, in the background | repeat visit: reach the server"
           " | repeat visit: answered by the worker | offline: reach the server / answered by the worker |",
           "|---|---|---|---|---|---|"]
    for v in visits:
        out.append(f"| {v.page} (`{v.address}`) | {v.first_requests} requests, {kib(v.first_bytes)}"
                   f" | {v.offline_copy_requests} requests, {kib(v.offline_copy_bytes)}"
                   f" | {v.repeat_requests} ({', '.join(f'`{p}`' for p in v.repeat_paths) or 'none'}),"
                   f" {kib(v.repeat_bytes)} | {v.repeat_from_worker}"
                   f" | {v.offline_requests} / {v.offline_from_worker} |")
    out += ["", "Pages are fetched network-first, so that a new deployment shows on the next visit:"
            " a repeat visit online makes one request, for the page itself; everything else comes"
            " from the worker's cache. With no network, nothing reaches the server. The offline copy"
            " is every page, script, stylesheet, icon and the search index, fetched once after the"
            " first visit; the worksheet PDFs join it when a reader opens one or asks for them all.", ""]
    return out


def light_markdown(own: list[OwnCode], copy: OfflineCopy | None) -> list[str]:
    """The report's section on what a phone's data plan pays for."""
    kib = lambda n: f"{n / 1024:,.1f} KiB"  # noqa: E731
    out = ["## Light on a data plan", ""]
    if copy:
        out += ["| what | files | bytes sent |", "|---|---|---|",
                f"| offline copy, after the first visit (worker included) | {copy.files} | {kib(copy.bytes)} |",
                f"| \"Keep the worksheets for offline use\", on top | {copy.worksheet_files}"
                f" | {kib(copy.worksheet_bytes)} |",
                f"| next visit after a deployment that changed `{copy.redeployed}` | {len(copy.redeploy_paths)}"
                f" | {kib(copy.redeploy_bytes)} |", "",
                "Fetched by that redeployment: " + ", ".join(f"`{p}`" for p in copy.redeploy_paths) + ".", ""]
    if own:
        out += ["The guide's own stylesheets and scripts on a first visit (the theme's are not counted),"
                f" sent gzipped; an article may load at most {kib(OWN_CODE_LIMIT)}:", "",
                "| page | files | bytes sent |", "|---|---|---|"]
        out += [f"| {o.page} (`{o.address}`) | {len(o.files)} | {kib(o.bytes)} |" for o in own]
        out.append("")
    return out


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "site"
    if not (site / "sw.js").is_file():
        print(f"{site} has no sw.js: build the site first (make site)", file=sys.stderr)
        return 1
    print("\n".join(markdown(measure(site)) + light_markdown(own_code(site), None)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
