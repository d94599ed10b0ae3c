"""Render the app icons (docs/assets/icons/icon-<size>.png) from docs/assets/favicon.svg.

``.venv/bin/python -m tests.icons`` after changing the favicon. The icons are
the favicon's shape in white on the theme colour, inside the middle 80 % of
the square, so launchers that cut icons into circles keep all of it.
"""

from __future__ import annotations

import re
import sys


from tests.support import ROOT, chromium_path

SIZES = (192, 512)
FAVICON = ROOT / "docs" / "assets" / "favicon.svg"
ICONS = ROOT / "docs" / "assets" / "icons"


def theme_colour() -> str:
    # mkdocs.yml has !ENV and !!python tags; only extra.guide.app is needed.
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(r'theme_color:\s*"(#[0-9a-fA-F]{3,6})"', text).group(1)


def page(size: int, colour: str) -> str:
    svg = FAVICON.read_text(encoding="utf-8").replace("currentColor", "#ffffff")
    inner = round(size * 0.8)
    return (f"<!doctype html><body style='margin:0;background:{colour}'>"
            f"<div style='width:{size}px;height:{size}px;display:grid;place-items:center'>"
            f"<div style='width:{inner}px;height:{inner}px'>{svg}</div></div>"
            "<style>svg{width:100%;height:100%;display:block}</style>")


def main() -> int:
    from playwright.sync_api import sync_playwright

    colour = theme_colour()
    ICONS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        for size in SIZES:
            tab = browser.new_page(viewport={"width": size, "height": size})
            tab.set_content(page(size, colour))
            target = ICONS / f"icon-{size}.png"
            target.write_bytes(tab.screenshot(clip={"x": 0, "y": 0, "width": size, "height": size}))
            print(f"wrote {target.relative_to(ROOT)}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
