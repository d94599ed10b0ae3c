"""The guide's URL scheme, in one place: published links must never change.

Every URL here is site-relative with a trailing slash (MkDocs'
``use_directory_urls``); pages link to each other with :func:`relative`.
"""

from __future__ import annotations

import posixpath

PAPER_SIZES = ("a4", "letter")
WORKBOOK = "workbook"
"""The slug of the PDF holding every worksheet: worksheets/workbook-<paper>.pdf."""


def article(slug: str) -> str:
    return f"articles/{slug}/"


def topics() -> str:
    return "topics/"


def topic(topic_id: str) -> str:
    return f"topics/{topic_id}/"


def checklist(topic_id: str | None = None) -> str:
    return f"checklists/{topic_id}/" if topic_id else "checklists/"


def worksheet(slug: str | None = None) -> str:
    return f"worksheets/{slug}/" if slug else "worksheets/"


def situation(slug: str) -> str:
    return f"situations/{slug}/"


def message(slug: str | None = None) -> str:
    return f"messages/{slug}/" if slug else "messages/"


def start() -> str:
    """The 'What happened?' page: one question, a link for each situation."""
    return "start/"


def applications() -> str:
    """The applications log, for a guide that declares one."""
    return "applications/"


class under:  # noqa: N801 — used like the functions above: urls.under("faqs")
    """The addresses of a content type's pages in a folder of its own: ``under("faqs")``
    gives 'faqs/<slug>/' for an entry and 'faqs/' for its list page."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, slug: str | None = None) -> str:
        return f"{self.folder}/{slug}/" if slug else f"{self.folder}/"


def pdf(slug: str, paper: str) -> str:
    """A worksheet's (or, for slug 'workbook', every worksheet's) PDF."""
    return f"worksheets/{slug}-{paper}.pdf"


def relative(target: str, page_url: str) -> str:
    """Link from the page at ``page_url`` to ``target``, both site-relative.

    Relative links keep the site working from any folder it is served from.
    """
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    path, _, fragment = target.partition("#")
    # Rooted paths: relpath would otherwise ask the OS for the working folder
    # twice per link, tens of thousands of times in a large build.
    link = posixpath.relpath("/" + path, "/" + base) if path != base else "./"
    if (path.endswith("/") or not path) and not link.endswith("/"):
        link += "/"
    if link == "./" and fragment:
        link = ""
    return f"{link}#{fragment}" if fragment else link
