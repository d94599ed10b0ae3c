"""Worksheet PDFs read back: size, text, fillable fields, page counts, caching."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from guidekit import build, pdf
from guidekit.loader import load_guide
from guidekit.model import Field, Worksheet
from guidekit.render import Renderer
from tests.support import ROOT, normalized, pdf_pages, pdf_text

GUIDE = load_guide(ROOT / "content", ROOT)
SIZES = {"a4": (595, 842), "letter": (612, 792)}
CHROME = ("Skip to content", "Table of contents", "Previous", "Download PDF", "Print blank",
          "Clear my answers", "Your answers are saved")
PAGE_LIMIT = {"application-pipeline-tracker": 3}


def field_names(field: Field) -> list[str]:
    """The PDF form field names a worksheet field must produce."""
    match field.type:
        case "text" | "lines":
            return [field.id]
        case "checklist" | "scale":
            return [f"{field.id}-{i}" for i in range(1, len(field.items) + 1)]
        case "table":
            return [f"{field.id}-r{r}-c{c}" for r in range(1, field.rows + 1)
                    for c in range(1, len(field.columns) + 1)]
    return []


def read(path: Path) -> tuple[PdfReader, str]:
    return PdfReader(path), " ".join(pdf_pages(path))


@pytest.mark.parametrize("paper", SIZES)
@pytest.mark.parametrize("slug", list(GUIDE.worksheets))
def test_worksheet_pdf(built_site: Path, slug: str, paper: str) -> None:
    sheet: Worksheet = GUIDE.worksheets[slug]
    reader, text = read(built_site / "worksheets" / f"{slug}-{paper}.pdf")
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == SIZES[paper]
    assert 1 <= len(reader.pages) <= PAGE_LIMIT.get(slug, 2)
    assert reader.metadata.title == sheet.title
    assert normalized(sheet.title) in text
    for field in sheet.fields:
        assert normalized(field.label) in text, field.label
        for item in field.items:
            assert normalized(item) in text, item
    for word in CHROME:
        assert word not in text
    assert f"Page 1 of {len(reader.pages)}" in text
    assert f"worksheets/{slug}/" in text  # the running footer's address
    names = set(reader.get_fields() or {})
    expected = {name for field in sheet.fields for name in field_names(field)}
    assert expected <= names, sorted(expected - names)[:5]


@pytest.mark.parametrize("paper", SIZES)
def test_workbook_has_a_cover_contents_and_every_worksheet(built_site: Path, paper: str) -> None:
    reader, text = read(built_site / "worksheets" / f"workbook-{paper}.pdf")
    assert "The workbook" in text and "Contents" in text
    pages = pdf_pages(built_site / "worksheets" / f"workbook-{paper}.pdf")
    for sheet in GUIDE.worksheets.values():
        assert normalized(sheet.title) in pages[0]  # listed in the contents
    starts = []
    for number, page in enumerate(pages[1:], start=1):
        titles = [s.title for s in GUIDE.worksheets.values()
                  if page.startswith(normalized(s.title) + " ")]
        starts += [(title, number) for title in titles]
    # Each worksheet starts a new page, in the order of the contents.
    assert [title for title, _ in starts] == [s.title for s in GUIDE.worksheets.values()]
    names = set(reader.get_fields() or {})
    for sheet in GUIDE.worksheets.values():
        first = next(f for f in sheet.fields if f.type != "heading")
        assert f"{sheet.slug}-{field_names(first)[0]}" in names


def small_builder(tmp_path: Path) -> tuple[pdf.PdfBuilder, Path]:
    content = tmp_path / "content"
    if not content.exists():
        shutil.copytree(ROOT / "tests/fixtures/small/content", content)
    guide = load_guide(content, tmp_path)
    templates = tmp_path / "templates"
    if not templates.exists():
        shutil.copytree(ROOT / "overrides" / "guide", templates)
    renderer = Renderer(guide, templates, "https://example.org/")
    stylesheets = [ROOT / "docs" / sheet for sheet in build.PDF_STYLES]
    return pdf.PdfBuilder(renderer, stylesheets, tmp_path / "cache", "After the No"), content


def test_pdfs_are_rendered_only_when_their_inputs_change(tmp_path: Path) -> None:
    builder, content = small_builder(tmp_path)
    first = builder.build(pdf.jobs(builder.renderer, "Workbook"))
    assert sorted(builder.rendered) == sorted(first) and len(first) == 4
    again, _ = small_builder(tmp_path)
    assert again.build(pdf.jobs(again.renderer, "Workbook")) == first
    assert again.rendered == []
    sheet = content / "worksheets/feedback-log.md"
    sheet.write_text(sheet.read_text().replace("Name and role", "Name, role"), encoding="utf-8")
    changed, _ = small_builder(tmp_path)
    changed.build(pdf.jobs(changed.renderer, "Workbook"))
    assert sorted(changed.rendered) == sorted(first)  # its two PDFs and the two workbooks
    with (tmp_path / "templates/topic.html").open("a", encoding="utf-8") as other:
        other.write("<!-- not used by PDFs -->\n")
    unrelated, _ = small_builder(tmp_path)
    unrelated.build(pdf.jobs(unrelated.renderer, "Workbook"))
    assert unrelated.rendered == []
    with (tmp_path / "templates/_fields.html").open("a", encoding="utf-8") as fields:
        fields.write("{# used by every PDF #}\n")
    template_changed, _ = small_builder(tmp_path)
    template_changed.build(pdf.jobs(template_changed.renderer, "Workbook"))
    assert sorted(template_changed.rendered) == sorted(first)


def test_a_missing_system_library_names_the_package(tmp_path: Path, monkeypatch) -> None:
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0'\")\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(fake.parent))
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    builder, _ = small_builder(tmp_path)
    with pytest.raises(pdf.PdfUnavailable, match="apt-get install libpango-1.0-0"):
        builder.build(pdf.jobs(builder.renderer, "Workbook"))


def test_a_failing_worker_stops_the_build_with_its_message(tmp_path: Path) -> None:
    tasks = [
        pdf._Task("<p>x</p>", (str(tmp_path / "missing.css"),), "A4", str(tmp_path / f"{n}.pdf"),
                  str(tmp_path), "content/worksheets/x.md:1")
        for n in range(2)
    ]
    with pytest.raises(pdf.PdfRenderError, match="missing.css"):
        pdf._render_all(tasks)
    assert list(tmp_path.iterdir()) == []  # no PDF, no half-written .part file


def test_the_cache_key_covers_code_versions_and_fonts(tmp_path: Path, monkeypatch) -> None:
    builder, _ = small_builder(tmp_path)
    first = builder.build(pdf.jobs(builder.renderer, "Workbook"))
    code = tmp_path / "code"
    shutil.copytree(pdf.CODE, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pdf, "CODE", code)
    same, _ = small_builder(tmp_path)
    assert same.build(pdf.jobs(same.renderer, "Workbook")) == first and same.rendered == []

    changes = {
        "the package's code": lambda: (code / "render.py").write_text(
            (code / "render.py").read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8"),
        "a library's version": lambda: monkeypatch.setattr(
            pdf, "versions", lambda: "markdown==99.0"),
        "the fonts": lambda: monkeypatch.setattr(pdf, "fonts", lambda: "/fonts/Other.ttf|Book|1"),
    }
    for what, change in changes.items():
        change()
        again, _ = small_builder(tmp_path)
        again.build(pdf.jobs(again.renderer, "Workbook"))
        assert sorted(again.rendered) == sorted(first), f"{what} changed, the PDFs did not"


def test_cached_pdfs_no_longer_used_are_pruned(tmp_path: Path) -> None:
    builder, content = small_builder(tmp_path)
    first = builder.build(pdf.jobs(builder.renderer, "Workbook"))
    sheet = content / "worksheets/feedback-log.md"
    sheet.write_text(sheet.read_text().replace("Name and role", "Name, role"), encoding="utf-8")
    changed, _ = small_builder(tmp_path)
    second = changed.build(pdf.jobs(changed.renderer, "Workbook"))

    assert set(second.values()) != set(first.values())
    assert sorted((tmp_path / "cache").iterdir()) == sorted(second.values())


def test_pdf_text_reads_ligatures_and_line_breaks_as_plain_text(tmp_path: Path) -> None:
    # What a font with ligatures leaves in a PDF: "ﬁ" (U+FB01) where the label says "fi".
    task = pdf._Task("<p>Who to \ufb01nd,\nand   when</p>", tuple(str(ROOT / "docs" / sheet) for sheet in build.PDF_STYLES),
                     "A4", str(tmp_path / "ligature.pdf"), str(ROOT / "docs"), "test:1")
    pdf._render_all([task])
    assert "Who to find, and when" in pdf_text(tmp_path / "ligature.pdf")


def test_the_cache_key_reads_pangos_version_as_weasyprint_sees_it() -> None:
    """The key asks Pango for its version without loading WeasyPrint; it must be the
    version of the Pango WeasyPrint lays the PDFs out with."""
    ffi = pytest.importorskip("weasyprint.text.ffi")
    assert pdf.pango_version() == ffi.pango.pango_version()
    assert f"pango=={ffi.pango.pango_version()}" in pdf.versions().splitlines()
