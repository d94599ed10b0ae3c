"""Fillable worksheet PDFs with WeasyPrint, cached by the hash of their inputs.

PDFs are rendered from a print template of our own (``worksheet_pdf.html``)
rather than from Material's page: WeasyPrint on a Material page prints a
blank first page, cuts the rest off and ignores the CSS masks Material draws
its checkboxes with. A PDF is re-rendered only when something it is made of
changed, so ``mkdocs serve`` stays fast.
"""

from __future__ import annotations

import ctypes
import hashlib
import importlib.metadata
import multiprocessing
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from . import frontmatter, pdf_fetch, urls
from .model import Worksheet
from .render import Renderer

PAGE_SIZES = {"a4": "A4", "letter": "letter"}
PDF_TEMPLATES = ("worksheet_pdf.html", "_fields.html")
"""The templates a PDF is made from; editing another template keeps the cache."""


CODE = Path(__file__).resolve().parent
"""This package's folder, where the modules of :data:`PDF_MODULES` are."""
PDF_MODULES = ("pdf.py", "pdf_fetch.py", "render.py", "inline.py", "model.py")
"""The engine's modules that shape a PDF: they build its HTML (the Renderer, its
filters and the model's fields), confine it and write it. Editing any other
module, declaring a new content type for one, keeps every cached PDF."""
SHAPING = (
    "markdown",
    "jinja2",
    "markupsafe",
    "weasyprint",
    "pydyf",
    "tinycss2",
    "cssselect2",
    "tinyhtml5",
    "fonttools",
    "pillow",
)
"""Distributions whose version changes how a PDF comes out."""


def versions() -> str:
    """The versions of :data:`SHAPING`, and of Pango, which lays out the text."""
    found = []
    for name in SHAPING:
        try:
            found.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    pango = pango_version()
    if pango is not None:
        found.append(f"pango=={pango}")
    return "\n".join(found)


PANGO_LIBRARIES = ("libpango-1.0.so.0", "libpango-1.0-0.dll", "libpango-1.0.0.dylib")
"""Pango's library by the names Linux, Windows and macOS give it, as WeasyPrint finds it."""


def pango_version() -> int | None:
    """The version of Pango, the library WeasyPrint lays text out with, or None if missing.

    Asked of the library directly: loading it through WeasyPrint takes a second, which
    a build whose PDFs all come from the cache would spend on this number alone."""
    for name in PANGO_LIBRARIES:
        try:
            version: int = ctypes.CDLL(name).pango_version()
        except (OSError, AttributeError):
            continue
        return version
    try:
        from weasyprint.text.ffi import pango
    except Exception:  # noqa: BLE001 — WeasyPrint missing or without Pango: rendering reports that
        return None
    found: int = pango.pango_version()
    return found


def fonts() -> str:
    """The fonts the system offers (file, style, version): WeasyPrint picks among them."""
    try:
        listed = subprocess.run(
            ["fc-list", "--format", "%{file}|%{style}|%{fontversion}\n"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return "no fc-list"
    return "\n".join(sorted(listed.splitlines()))


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


def jobs(renderer: Renderer, workbook_title: str) -> list[PdfJob]:
    """Every PDF the site publishes: each worksheet and the workbook, in both sizes."""
    sheets = tuple(renderer.guide.worksheets.values())
    result = []
    for paper in urls.PAPER_SIZES:
        for sheet in sheets:
            result.append(PdfJob(urls.pdf(sheet.slug, paper), sheet.title, (sheet,), paper, False))
        if sheets:
            result.append(
                PdfJob(urls.pdf(urls.WORKBOOK, paper), workbook_title, sheets, paper, True)
            )
    return result


class PdfBuilder:
    """Renders :class:`PdfJob` s into a cache folder and returns their paths."""

    def __init__(
        self,
        renderer: Renderer,
        stylesheets: Sequence[Path],
        cache_dir: Path,
        site_name: str,
        assets: Path | None = None,
        root: Path | None = None,
    ):
        self.renderer = renderer
        self.stylesheets = tuple(stylesheets)
        """The PDFs' stylesheets, in order: the site's print rules, then the PDFs' own."""
        self.cache_dir = cache_dir
        self.site_name = site_name
        self.assets = assets or self.stylesheets[0].parent.parent.parent
        """The only folder a PDF may read files from: docs/, above assets/stylesheets/."""
        self.root = root or Path.cwd()
        """The project folder, which worksheets' paths are relative to."""
        self.rendered: list[str] = []
        """URIs rendered (not taken from the cache) by the last :meth:`build`."""

    def build(self, pdf_jobs: Iterable[PdfJob]) -> dict[str, Path]:
        """Render the jobs whose inputs changed; return every job's cached PDF."""
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        base = self._base_hash()
        result: dict[str, Path] = {}
        todo: list[tuple[PdfJob, Path]] = []
        for job in pdf_jobs:
            key = hashlib.sha256(
                "\0".join(
                    [base, job.uri, job.title, job.paper, *(s.digest for s in job.sheets)]
                ).encode()
            ).hexdigest()[:24]
            target = self.cache_dir / f"{Path(job.uri).stem}-{key}.pdf"
            if not target.exists():
                todo.append((job, target))
            result[job.uri] = target
        self.confine({sheet.slug: sheet for job, _ in todo for sheet in job.sheets}.values())
        tasks = [
            _Task(
                self.html(job),
                tuple(str(sheet) for sheet in self.stylesheets),
                PAGE_SIZES[job.paper],
                str(target),
                str(self.assets),
                self.where(job),
            )
            for job, target in todo
        ]
        _render_all(tasks)
        self.rendered = [job.uri for job, _ in todo]
        self.prune(result.values())
        return result

    def _base_hash(self) -> str:
        """Everything every PDF depends on besides its worksheets' sources."""
        digest = hashlib.sha256()
        templates = self.renderer.templates
        inputs = [*self.stylesheets, *(templates / name for name in PDF_TEMPLATES)]
        inputs += [CODE / name for name in PDF_MODULES]
        for path in inputs:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        digest.update(self.renderer.site_url.encode() + self.site_name.encode())
        digest.update(versions().encode())
        digest.update(fonts().encode())
        return digest.hexdigest()

    def prune(self, keep: Iterable[Path]) -> None:
        """Delete cached PDFs the last build did not use: old keys never come back."""
        kept = {path.name for path in keep}
        for path in self.cache_dir.glob("*.pdf"):
            if path.name not in kept:
                path.unlink(missing_ok=True)

    def confine(self, sheets: Iterable[Worksheet]) -> None:
        """Refuse, with ``path:line``, any worksheet whose HTML reaches beyond the project."""
        base_url = self.stylesheets[0].parent.resolve().as_uri() + "/"
        lines = []
        for sheet in sheets:
            html = self.renderer.markdown(sheet.body)
            for url, message in pdf_fetch.problems(
                html, base_url, self.assets, self.renderer.site_url
            ):
                shown = url if len(url) <= 120 else url[:100] + "…"
                lines.append(
                    f"{sheet.path}:{self.line_of(sheet, url)}: the worksheet's PDF"
                    f" cannot hold {message}: {shown}"
                )
        if lines:
            raise PdfRenderError("\n".join(lines))

    def line_of(self, sheet: Worksheet, text: str = "") -> int:
        """The line of ``text`` in the worksheet's file (or where its body starts)."""
        try:
            whole = frontmatter.read_text(self.root / sheet.path)
            source = frontmatter.split(whole)
        except Exception:  # noqa: BLE001 — the file changed since it was loaded: the loader reports it
            return 1
        found = source.body.find(text[:200]) if text else -1
        if found < 0:
            return source.body_line
        return whole.count("\n", 0, len(whole) - len(source.body) + found) + 1

    def where(self, job: PdfJob) -> str:
        """``path:line`` of the job's worksheet, for errors raised while rendering it."""
        first = job.sheets[0]
        place = f"{first.path}:{self.line_of(first)}"
        return f"{place} (in the workbook)" if job.workbook else place

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


@dataclass(frozen=True)
class _Task:
    """One PDF to write: plain strings, so it can cross to a worker process."""

    html: str
    stylesheets: tuple[str, ...]
    page_size: str
    target: str
    assets: str
    """The folder the PDF may read files from."""
    where: str
    """``path:line`` of the worksheet, for a refusal while rendering."""


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity), not every CPU of the machine."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _render_all(tasks: list[_Task]) -> None:
    """Write the PDFs, on every CPU the process may use when there are several.

    WeasyPrint is single-threaded and a cold build renders every PDF, so the
    work is shared among worker processes. They are started fresh ("spawn"),
    never forked: ``mkdocs serve`` runs threads, which a fork would copy
    half-way through whatever they were doing.
    """
    if not tasks:
        return
    _weasyprint()  # Fail here, with the message naming the package, not in a worker.
    workers = min(len(tasks), usable_cpus())
    if workers == 1:
        for task in tasks:
            _write_reported(task)
        return
    # Longest first, so no worker is left with a big PDF at the end.
    ordered = sorted(tasks, key=lambda t: len(t.html), reverse=True)
    context = multiprocessing.get_context("spawn")
    # A spawned worker imports this module by name from the parent's sys.path: put this
    # copy of the engine first, as MkDocs does while it loads the hooks.
    sys.path.insert(0, str(CODE.parent))
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            # list(): wait for every PDF and raise the first failure, in the tasks' order.
            list(pool.map(_write_reported, ordered))
    finally:
        sys.path.remove(str(CODE.parent))


def _write_reported(task: _Task) -> None:
    """:func:`_write`, with any WeasyPrint failure as a :class:`PdfRenderError`."""
    try:
        _write(task)
    except PdfRenderError:
        raise
    except Exception as error:  # noqa: BLE001 — any WeasyPrint failure, reported the same way
        raise PdfRenderError(f"{type(error).__name__}: {error}") from None


class PdfRenderError(Exception):
    """WeasyPrint failed on a worksheet's print document."""


def _write(task: _Task) -> None:
    weasyprint = _weasyprint()
    fetcher = pdf_fetch.fetcher(Path(task.assets), task.where)
    page_size = weasyprint.CSS(string=f"@page {{ size: {task.page_size}; }}")
    sheets = [weasyprint.CSS(filename=sheet, url_fetcher=fetcher) for sheet in task.stylesheets]
    base_url = str(Path(task.stylesheets[0]).parent)
    document = weasyprint.HTML(string=task.html, base_url=base_url, url_fetcher=fetcher)
    # Write beside the target and rename, so an interrupted render never
    # leaves a truncated PDF in the cache under a valid key.
    handle, name = tempfile.mkstemp(dir=Path(task.target).parent, suffix=".part")
    os.close(handle)
    temporary = Path(name)
    try:
        document.write_pdf(
            temporary,
            stylesheets=[*sheets, page_size],
            pdf_forms=True,
        )
        temporary.replace(task.target)
    except weasyprint.urls.FatalURLFetchingError as error:  # a BaseException: name it plainly
        raise PdfRenderError(str(error)) from None
    finally:
        temporary.unlink(missing_ok=True)


def _weasyprint() -> ModuleType:
    try:
        # import_module, not an import statement: WeasyPrint ships no types, and
        # this way mypy sees the module it is rather than Any.
        weasyprint = importlib.import_module("weasyprint")
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
