"""What a worksheet PDF may read and point to: the project's own assets and the site, nothing else.

A worksheet's body is Markdown, so it may hold raw HTML, and WeasyPrint's
default fetcher reads whatever that HTML names: ``<link rel="attachment"
href="file:///…">`` would embed a file of the build machine in the published
PDF, and ``http(s):`` addresses would be requested at build time. Two checks
keep the PDF confined:

- :func:`problems` reads each worksheet's HTML before rendering and refuses,
  with the worksheet's ``path:line``, attachments, links and form actions
  that point off the site, and resources outside the project's assets;
- :func:`fetcher` is what WeasyPrint fetches through; it serves only files
  under the assets folder and small ``data:`` URLs, and stops the render on
  anything else — a net for whatever the first check does not recognise.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

DATA_LIMIT = 32 * 1024
"""Longest ``data:`` URL a PDF may use (a small inline image), in characters."""

# Attributes whose value WeasyPrint may fetch, and those that only point somewhere.
_FETCHED = {"src", "data", "poster", "background", "srcset"}
_POINTING = {"href", "action", "formaction", "xlink:href"}
_CSS_URL = re.compile(
    r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE | re.DOTALL
)
_ATTACHMENT = "a file attachment — PDFs carry no attachments; link to the page on the site instead"


def refusal(url: str, assets: Path) -> str | None:
    """Why WeasyPrint may not read the absolute ``url``, or None when it may."""
    scheme = urlsplit(url).scheme.lower()
    if scheme == "data":
        if len(url) > DATA_LIMIT:
            return (
                f"an inline data: address of {len(url) // 1024} KB (at most"
                f" {DATA_LIMIT // 1024} KB) — save the file under docs/ and use its address"
            )
        return None
    if scheme == "file":
        path = Path(os.path.realpath(url2pathname(unquote(urlsplit(url).path))))
        if path.is_relative_to(os.path.realpath(assets)) and path.is_file():
            return None
        return "a file outside the project's docs/ folder — PDFs use only the guide's own files"
    if scheme in ("http", "https"):
        return "another site — PDFs are built without requests to other sites"
    return "an address PDFs cannot use — use a file under docs/"


def problems(html: str, base_url: str, assets: Path, site_url: str) -> list[tuple[str, str]]:
    """``(url, message)`` for every address in ``html`` a PDF may not hold."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    found = []
    for kind, value in scanner.addresses:
        if kind == "attachment":
            found.append((value, _ATTACHMENT))
        elif kind == "link":
            if not (value.startswith("#") or (site_url and value.startswith(site_url))):
                where = site_url or "headings in the worksheet"
                off_site = f"a link or form off the site — in a PDF, link only to {where}"
                found.append((value, off_site))
        else:
            why = refusal(urljoin(base_url, value), assets)
            if why:
                found.append((value, why))
    return found


class _Scanner(HTMLParser):
    """Collects ``(kind, address)``: ``attachment``, ``link`` (points) or ``fetch``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.addresses: list[tuple[str, str]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        rel = " ".join(value or "" for name, value in attrs if name == "rel").lower().split()
        for name, raw in attrs:
            value = (raw or "").strip()
            if name == "style":
                self._css(value)
            elif not value:
                continue
            elif name in _POINTING and "attachment" in rel:
                self.addresses.append(("attachment", value))
            elif name in _POINTING and tag in ("a", "area", "form", "button", "input"):
                self.addresses.append(("link", value))
            elif name in _POINTING or name in _FETCHED:
                urls = (
                    [part.split()[0] for part in value.split(",") if part.strip()]
                    if name == "srcset"
                    else [value]
                )
                self.addresses += [("fetch", url) for url in urls]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._css(data)

    def _css(self, css: str) -> None:
        for match in _CSS_URL.finditer(css):
            self.addresses.append(("fetch", (match.group(2) or match.group(4) or "").strip()))


def fetcher(assets: Path, where: str) -> URLFetcher:
    """A WeasyPrint URL fetcher confined to ``assets``; ``where`` names the worksheet(s)."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    # WeasyPrint ships no types, so to mypy its classes are Any, which strict mode
    # will not let a class extend; the methods below are typed all the same.
    class Refused(FatalURLFetchingError):  # type: ignore[misc]
        """Stops the render: WeasyPrint turns every other fetch error into a warning."""

    class ProjectFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> Any:
            why = refusal(url, assets)
            if why:
                shown = url if len(url) <= 120 else url[:100] + "…"
                raise Refused(f"{where}: the PDF would read {why}: {shown}")
            return super().fetch(url, headers)

    return ProjectFetcher(allowed_protocols=("file", "data"), allow_redirects=False)
