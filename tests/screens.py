"""Screenshots of what a reader sees, taken from the built site in Debian's Chromium.

``.venv/bin/python -m tests.screens [SITE] [OUT]`` serves ``SITE`` (default
``site/``, so run ``make site`` first) and writes PNGs to ``OUT`` (default
``tests/readme-screens/``): a situation page at phone and desktop width, light and
dark, for a first-time and a returning reader, the home page of a returning
reader, a message with its composer, and the printed situation page (PDF
pages turned into PNGs with pdftoppm when it is installed). The README's
"What a reader sees" images come from this script; nothing is drawn by hand.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from tests.support import ROOT, chromium_path, serve_folder

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 800}
SITUATION = "situations/after-an-interview/"
MESSAGE = "messages/reply-after-the-final-round/"
APPLICATIONS_PAGE = "applications/"


def _prefix(page) -> str:  # type: ignore[no-untyped-def]
    """The storage prefix of the site open in ``page``, as store.js builds it."""
    return page.evaluate(
        "(() => { const s = JSON.parse(document.getElementById('guide-storage').textContent);"
        " return `${s.guide}@${new URL(s.root, location.href).pathname}:v1:`; })()"
    )


def returning_reader(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """Store what a reader who chose a situation three days ago would have stored."""
    page.goto(base)
    prefix = _prefix(page)
    start = (date.today() - timedelta(days=3)).isoformat()
    page.evaluate(
        """([p, start]) => {
          localStorage.setItem(p + "situation", "after-an-interview");
          localStorage.setItem(p + "start:after-an-interview", start);
          localStorage.setItem(p + "detail:your name", "Sam Lee");
          localStorage.setItem(p + "detail:company", "O'Brien & Co");
        }""",
        [prefix, start],
    )
    for application in APPLICATIONS:
        page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                      [f"{prefix}app:{application['id']}", json.dumps(application)])


def _day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).isoformat()


def _application(id: str, company: str, role: str, stages: list, outcome: dict | None = None) -> dict:
    return {"id": id, "fields": {"company": company, "role": role},
            "stages": [{"stage": stage, "date": _day(days)} for stage, days in stages],
            "outcome": outcome, "snooze": None, "dismissed": None, "created": 1}


APPLICATIONS = (
    _application("shot1", "Harbour Books", "Store manager", [("applied", -16)]),
    _application("shot2", "Northwind Traders", "Assistant manager", [("applied", -12), ("interview", -5)]),
    _application("shot3", "O'Brien & Co", "Data analyst", [("applied", -20), ("interview", -10)],
                 {"id": "turned-down", "date": _day(-3), "path": "after-an-interview"}),
)
"""A returning reader's applications log: one gone quiet, one waiting, one that ended in a no."""


SHOTS = (
    # name, viewport, colour scheme, a returning reader?, page, whole page?
    ("situation-first-visit-phone", PHONE, "light", False, SITUATION, False),
    ("situation-phone", PHONE, "light", True, SITUATION, False),
    ("situation-phone-dark", PHONE, "dark", True, SITUATION, False),
    ("home-returning-phone", PHONE, "light", True, "", False),
    ("message-phone", PHONE, "light", True, MESSAGE, False),
    ("situation-desktop", DESKTOP, "light", True, SITUATION, False),
    ("situation-desktop-dark", DESKTOP, "dark", True, SITUATION, False),
    ("applications-phone", PHONE, "light", True, APPLICATIONS_PAGE, False),
    ("applications-desktop-dark", DESKTOP, "dark", True, APPLICATIONS_PAGE, False),
)


def shoot(base: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        for name, size, scheme, returning, url, whole in SHOTS:
            context = browser.new_context(viewport=size, color_scheme=scheme)
            page = context.new_page()
            if returning:
                returning_reader(page, base)
            page.goto(base + url + ("#write" if url == MESSAGE else ""))
            # A feature's module arrives just after the load event: picture the page once
            # every feature has started (main.js marks the body with the page's path).
            page.wait_for_function("document.body?.dataset.guideReady === location.pathname")
            shots.append(out / f"{name}.png")
            page.screenshot(path=shots[-1], full_page=whole)
            if name == "situation-phone":
                pdf = out / "situation-print.pdf"
                page.pdf(path=str(pdf), format="A4")
            context.close()
        browser.close()
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(out / "situation-print")], check=True)
        shots.append(out / "situation-print.png")
    pdf.unlink()
    return shots


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "site"
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "tests" / "readme-screens"
    if not (site / "index.html").is_file():
        print(f"{site}: no built site here — run `make site` first", file=sys.stderr)
        return 1
    if chromium_path() is None:
        print("Chromium not found (apt-get install chromium, or set CHROMIUM=/path)", file=sys.stderr)
        return 1
    with serve_folder(site) as base:
        for path in shoot(base, out):
            print(path.relative_to(out.parent) if path.is_relative_to(out.parent) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
