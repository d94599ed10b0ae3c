"""A worksheet's raw HTML cannot make its PDF read, embed or point at anything beyond the site.

Every hostile body is rendered for real; refusals must name the worksheet's
``path:line`` and the address, and the PDFs that are produced are read back
for attachments and link targets.
"""

from __future__ import annotations

import http.server
import re
import shutil
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from guidekit import build, pdf
from guidekit.loader import load_guide
from guidekit.render import Renderer
from tests.support import ROOT

SITE_URL = "https://example.org/"
SHEET = "content/worksheets/feedback-log.md"
BODY_LINE = 36
"""The line of the fixture worksheet's body, where the hostile HTML goes."""
BIG_DATA = "data:image/png;base64," + "A" * 40_000


def builder(tmp_path: Path, body: str) -> pdf.PdfBuilder:
    """A PDF builder over the small guide, with ``body`` as the feedback log's instructions."""
    shutil.copytree(ROOT / "tests/fixtures/small/content", tmp_path / "content")
    sheet = tmp_path / SHEET
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(text[: text.rindex("---\n") + 4] + body + "\n", encoding="utf-8")
    guide = load_guide(tmp_path / "content", tmp_path)
    renderer = Renderer(guide, ROOT / "overrides" / "guide", SITE_URL)
    return pdf.PdfBuilder(renderer, [ROOT / "docs" / sheet for sheet in build.PDF_STYLES],
                          tmp_path / "cache", "After the No", root=tmp_path)


def feedback_log_pdfs(pdf_builder: pdf.PdfBuilder) -> list[Path]:
    jobs = [job for job in pdf.jobs(pdf_builder.renderer, "Workbook") if not job.workbook]
    built = pdf_builder.build(job for job in jobs if "feedback-log" in job.uri)
    return list(built.values())


class Requests(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:
        Requests.seen.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def other_site():
    """A web server on 127.0.0.1 that records every request it gets."""
    Requests.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Requests)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


HOSTILE = {
    "attachment-link": '<link rel="attachment" href="file:///etc/hostname">',
    "attachment-anchor": '<a rel="attachment" href="../../../../../../../etc/hostname">log</a>',
    "image-elsewhere": '<img src="{other}/pixel.png" alt="">',
    "stylesheet-elsewhere": '<link rel="stylesheet" href="{other}/print.css">',
    "css-import": "<style>@import url('{other}/more.css');</style>",
    "css-background": '<p style="background: url(file:///etc/hostname)">x</p>',
    "data-too-large": f'<img src="{BIG_DATA}" alt="">',
    "traversal-out-of-docs": '<img src="../../../mkdocs.yml" alt="">',
    "traversal-to-the-system": '<img src="../../../../../../../../etc/hostname" alt="">',
    "link-off-site": '<a href="https://elsewhere.example/">a job board</a>',
    "link-to-a-file": '<a href="file:///etc/hostname">notes</a>',
    "form-off-site": '<form action="https://elsewhere.example/post"><button>Send</button></form>',
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_html_in_a_worksheet_stops_the_build(tmp_path: Path, name: str,
                                                     other_site: str) -> None:
    tag = HOSTILE[name].format(other=other_site)
    pdf_builder = builder(tmp_path, f"Fill this in.\n\n{tag}\n")

    with pytest.raises(pdf.PdfRenderError) as refused:
        feedback_log_pdfs(pdf_builder)

    message = str(refused.value)
    assert message.startswith(f"{SHEET}:{BODY_LINE + 2}: the worksheet's PDF cannot hold "), message
    address = re.search(r"""(?:href|src|action)="([^"]+)"|url\('?([^')]+)""", tag)
    address = address.group(1) or address.group(2)
    assert address[:100] in message
    assert "Traceback" not in message
    assert Requests.seen == []
    assert not list((tmp_path / "cache").glob("*.pdf"))


@pytest.mark.parametrize("tag", [
    '<link rel="attachment" href="file:///etc/hostname">',
    '<img src="{other}/pixel.png" alt="">',
    '<img src="../../../../../../../../etc/hostname" alt="">',
    f'<img src="{BIG_DATA}" alt="">',
])
def test_the_fetcher_refuses_what_a_check_might_miss(tmp_path: Path, tag: str,
                                                     other_site: str) -> None:
    # Straight to the renderer, past the check of the worksheet's HTML.
    html = f"<!doctype html><title>t</title><p>x</p>{tag.format(other=other_site)}"
    task = pdf._Task(html, tuple(str(ROOT / "docs" / sheet) for sheet in build.PDF_STYLES), "A4",
                     str(tmp_path / "out.pdf"), str(ROOT / "docs"), f"{SHEET}:36")

    with pytest.raises(pdf.PdfRenderError, match=f"^{SHEET}:36: the PDF would read "):
        pdf._render_all([task])

    assert Requests.seen == []
    assert list(tmp_path.iterdir()) == []


def test_own_assets_on_site_links_and_small_images_are_allowed(tmp_path: Path) -> None:
    small = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnLz4="
    body = (
        "Fill this in.\n\n"
        '<img src="../favicon.svg" alt="" width="12">\n'
        f'<img src="{small}" alt="" width="12">\n\n'
        f"Read [the guide]({SITE_URL}articles/say-thanks/) or [the table](#sheet-feedback-log).\n"
    )
    pdf_builder = builder(tmp_path, body)

    for path in feedback_log_pdfs(pdf_builder):
        reader = PdfReader(path)
        assert_confined(reader)
        uris = [annotation.get("/A", {}).get("/URI") for annotation in annotations(reader)]
        assert f"{SITE_URL}articles/say-thanks/" in uris


def annotations(reader: PdfReader) -> list:
    return [a.get_object() for page in reader.pages for a in (page.get("/Annots") or [])]


def assert_confined(reader: PdfReader) -> None:
    """No embedded file, no attachment, no link or form action off the site."""
    names = reader.trailer["/Root"].get("/Names", {})
    assert "/EmbeddedFiles" not in names
    for annotation in annotations(reader):
        assert annotation.get("/Subtype") != "/FileAttachment"
        action = annotation.get("/A", {})
        for key in ("/URI", "/F"):
            target = action.get(key)
            if target is not None:
                assert str(target).startswith(SITE_URL), target


def test_the_published_pdfs_hold_nothing_from_off_the_site(built_site: Path) -> None:
    papers = sorted((built_site / "worksheets").glob("*.pdf"))
    assert papers
    for path in papers:
        reader = PdfReader(path)
        names = reader.trailer["/Root"].get("/Names", {})
        assert "/EmbeddedFiles" not in names
        for annotation in annotations(reader):
            assert annotation.get("/Subtype") != "/FileAttachment"
            target = annotation.get("/A", {}).get("/URI")
            assert target is None or str(target).startswith("https://"), target
