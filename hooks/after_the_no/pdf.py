"""Fillable worksheet PDFs with WeasyPrint, cached by the hash of their inputs.

PDFs are rendered from a print template of our own (``worksheet_pdf.html``)
rather than from Material's page: WeasyPrint on a Material page prints a
blank first page, cuts the rest off and ignores the CSS masks Material draws
its checkboxes with. A PDF is re-rendered only when something it is made of
changed, so ``mkdocs serve`` stays fast.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .model import Worksheet
from .render import Renderer

WORKBOOK = "workbook"
PAGE_SIZES = {"a4": "A4", "letter": "letter"}


class PdfUnavailable(Exception):
    """WeasyPrint or a system library it needs is missing."""


@dataclass(frozen=True)
class PdfJob:
    uri: str
    """Where the PDF is published, site-relative."""
    title: str
    sheets: tuple[Worksheet, ...]
    paper: str
    workbook: bool


def jobs(renderer: Renderer) -> list[PdfJob]:
    """Every PDF the site publishes: each worksheet and the workbook, in both sizes."""
    sheets = tuple(renderer.guide.worksheets.values())
    result = []
    for paper in urls.PAPER_SIZES:
        for sheet in sheets:
            result.append(PdfJob(urls.pdf(sheet.slug, paper), sheet.title, (sheet,), paper, False))
        if sheets:
            title = "After the No — the workbook"
            result.append(PdfJob(urls.pdf(WORKBOOK, paper), title, sheets, paper, True))
    return result


class PdfBuilder:
    """Renders :class:`PdfJob` s into a cache folder and returns their paths."""

    def __init__(self, renderer: Renderer, stylesheet: Path, cache_dir: Path, site_name: str):
        self.renderer = renderer
        self.stylesheet = stylesheet
        self.cache_dir = cache_dir
        self.site_name = site_name
        self.rendered: list[str] = []
        """URIs rendered (not taken from the cache) by the last :meth:`build`."""

    def build(self, pdf_jobs: Iterable[PdfJob]) -> dict[str, Path]:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self.rendered = []
        base = self._base_hash()
        result = {}
        for job in pdf_jobs:
            key = hashlib.sha256(
                "\0".join([base, job.uri, job.paper, *(s.digest for s in job.sheets)]).encode()
            ).hexdigest()[:24]
            target = self.cache_dir / f"{Path(job.uri).stem}-{key}.pdf"
            if not target.exists():
                self._write(job, target)
                self.rendered.append(job.uri)
            result[job.uri] = target
        return result

    def _base_hash(self) -> str:
        """Everything every PDF depends on besides its worksheets' sources."""
        digest = hashlib.sha256()
        templates = Path(self.renderer.env.loader.searchpath[0])  # type: ignore[union-attr]
        for path in [self.stylesheet, *sorted(templates.glob("*.html"))]:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        digest.update(self.renderer.site_url.encode() + self.site_name.encode())
        digest.update(_weasyprint().__version__.encode())
        return digest.hexdigest()

    def html(self, job: PdfJob) -> str:
        """The print document for one job (public for tests and debugging)."""
        items = [
            {
                "sheet": sheet,
                "intro": self.renderer.markdown(sheet.body),
                "address": self.renderer.site_url + urls.worksheet(sheet.slug),
                "prefix": f"{sheet.slug}-" if job.workbook else "",
            }
            for sheet in job.sheets
        ]
        return self.renderer.render(
            "worksheet_pdf.html",
            job.uri,
            title=job.title,
            sheets=items,
            workbook=job.workbook,
            site_name=self.site_name,
        )

    def _write(self, job: PdfJob, target: Path) -> None:
        weasyprint = _weasyprint()
        page_size = weasyprint.CSS(string=f"@page {{ size: {PAGE_SIZES[job.paper]}; }}")
        document = weasyprint.HTML(string=self.html(job), base_url=str(self.stylesheet.parent))
        # Write beside the target and rename, so an interrupted render never
        # leaves a truncated PDF in the cache under a valid key.
        handle, temporary = tempfile.mkstemp(dir=self.cache_dir, suffix=".part")
        os.close(handle)
        try:
            document.write_pdf(
                temporary,
                stylesheets=[weasyprint.CSS(filename=str(self.stylesheet)), page_size],
                pdf_forms=True,
            )
            os.replace(temporary, target)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)


def _weasyprint():  # type: ignore[no-untyped-def]
    try:
        import weasyprint
    except OSError as error:  # WeasyPrint loads Pango through cffi at import time.
        raise PdfUnavailable(
            f"WeasyPrint cannot load a system library ({error}) — install Pango:"
            " 'apt-get install libpango-1.0-0 libpangoft2-1.0-0' on Debian or Ubuntu,"
            " 'brew install pango' on macOS"
        ) from None
    except ImportError:
        raise PdfUnavailable(
            "WeasyPrint is not installed — run 'make site' or 'pip install weasyprint'"
        ) from None
    return weasyprint
