"""A second guide, built by the same engine from its own content and settings only.

tests/fixtures/second/ holds "Back to Work": its own mkdocs.yml (its name,
storage, workbook title, plan title and required topic), its own docs pages
and content. The test puts the engine beside it (hooks/, overrides/ and
docs/assets/, copied unchanged), builds it for real with PDFs, then reads
every file it produced, and uses it in Chromium, looking for its own names
and for any trace of the first guide.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from guidekit.contract import PLACEHOLDER_NAME
from guidekit.schema import KEBAB
from tests.support import ROOT, html_page, normalized, pdf_text, run_mkdocs, serve_folder

FIXTURE = ROOT / "tests" / "fixtures" / "second"
NAME = "Back to Work"
STORAGE = "back-to-work"
KEYS = f"{STORAGE}@/:v1:"
"""Where this guide keeps readers' data when served from the root of an origin."""
WORKBOOK = "Back to Work: the return workbook"
PLAN = "Your return plan"
ACTIONS = ("block-a-quiet-first-morning", "greet-your-team-again", "book-a-catch-up-with-your-lead")
FIRST_GUIDE = re.compile(r"after[ _-]the[ _-]no", re.IGNORECASE)
"""The first guide's name, as a title, a storage name or a package name."""
FIRST_SUBJECT = re.compile(r"\b(rejections?|interviews?)\b", re.IGNORECASE)
"""Words of the first guide's subject that no engine text may carry into another guide."""


def second_project(target: Path) -> Path:
    """The fixture guide with the engine's own hooks, templates and assets beside it."""
    shutil.copytree(FIXTURE, target)
    for name in ("hooks", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    return target


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return second_project(tmp_path_factory.mktemp("second") / "project")


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    """The second guide, built strict, PDFs included."""
    site = project.parent / "site"
    result = run_mkdocs(project, site, env={"GUIDE_PDFS": "1"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serve_folder(site) as url:
        yield url


def readable_text(path: Path) -> str:
    """What a built file says: a PDF's text and metadata, a gzip's contents, else its bytes."""
    if path.suffix == ".pdf":
        reader = PdfReader(path)
        metadata = " ".join(str(value) for value in (reader.metadata or {}).values())
        return f"{metadata} {pdf_text(path)}"
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def test_it_builds_with_pages_for_its_own_content(site: Path) -> None:
    expected = [
        "index.html",
        "privacy/index.html",
        "start/index.html",
        "topics/settle-in/index.html",
        "topics/catch-up/index.html",
        "articles/plan-your-first-week/index.html",
        "worksheets/return-week-planner/index.html",
        "situations/back-after-leave/index.html",
        "messages/hello-again-team/index.html",
        "checklists/index.html",
        "checklists/settle-in/index.html",
        "applications/index.html",
    ]
    assert [page for page in expected if not (site / page).is_file()] == []
    # The first guide's pages are not there: nothing of its content came along.
    assert not (site / "about").exists()
    assert not (site / "topics" / "feedback").exists()


def test_pages_carry_its_own_names(site: Path) -> None:
    home = html_page(site, "index.html")
    assert home.title.get_text() == NAME
    assert home.select_one(".md-header__topic").get_text(strip=True) == NAME
    plan = html_page(site, "checklists/index.html")
    assert plan.title.get_text() == f"{PLAN} - {NAME}"
    assert plan.h1.get_text(strip=True) == PLAN
    checklist = html_page(site, "checklists/settle-in/index.html")
    assert checklist.h1.get_text(strip=True) == "Checklist: Settle in gently"
    # Its storage name reaches the browser through the page, for store.js.
    storage = json.loads(home.select_one("#guide-storage").get_text())
    # Its own names; it merged no actions, so no tick has to move ("renamed" is empty).
    # The engine's own patterns, which the browser checks ids and placeholders by.
    patterns = {"id": KEBAB.pattern, "placeholder": PLACEHOLDER_NAME.pattern}
    assert storage == {
        "guide": STORAGE, "name": NAME, "root": ".", "renamed": {}, "patterns": patterns
    }


def test_its_applications_log_is_its_own(site: Path) -> None:
    page = html_page(site, "applications/index.html")
    assert page.h1.get_text(strip=True) == "Your job leads"
    log = json.loads(page.select_one("[data-applog]")["data-applog"])
    assert [stage["id"] for stage in log["stages"]] == ["enquired", "talked"]
    assert [outcome["id"] for outcome in log["outcomes"]] == ["not-now", "started"]
    assert list(log["situations"]) == ["back-after-leave"]
    labels = [label.get_text(" ", strip=True) for label in page.select("[data-applog-form] label")]
    assert labels[:2] == ["Employer (needed)", "Who you spoke to"]
    home = html_page(site, "index.html")
    assert "Your job leads" in [a.get_text(strip=True) for a in home.select(".md-nav__link")]


def test_checklists_hold_its_actions(site: Path) -> None:
    def ids(page: str) -> list[str]:
        return [box["data-action"] for box in html_page(site, page).select("input[data-action]")]

    assert ids("articles/plan-your-first-week/index.html") == list(ACTIONS)
    assert sorted(ids("checklists/settle-in/index.html")) == sorted(ACTIONS)
    # The article is in two topics, so both checklists list its actions.
    assert sorted(ids("checklists/catch-up/index.html")) == sorted(ACTIONS)
    plan = ids("checklists/index.html")
    assert set(plan) == set(ACTIONS)
    # The plan holds the situation's path (hidden until chosen) and every step.
    assert len(plan) == 2 * len(ACTIONS)


def test_its_own_recipients_and_checklist_groups_name_its_pages(site: Path) -> None:
    checklist = html_page(site, "checklists/settle-in/index.html")
    groups = [h.get_text(strip=True) for h in checklist.select("h2[id^='when-']")]
    assert groups == ["On your first day", "In your first week"]
    messages = html_page(site, "messages/index.html")
    assert [h.get_text(strip=True) for h in messages.select("h2[id^='to-']")] == ["Your team"]
    message = html_page(site, "messages/hello-again-team/index.html")
    assert "To: Your team" in message.get_text(" ", strip=True)


def test_message_composer_asks_for_the_default_details(site: Path) -> None:
    # The guide names no details, so the engine's neutral two are asked for.
    page = html_page(site, "messages/hello-again-team/index.html")
    fields = [i["data-detail"] for i in page.select("[data-composer] input[data-detail]")]
    assert fields == ["your name", "contact name"]


def test_pdfs_carry_its_own_names(site: Path) -> None:
    pdfs = sorted(path.name for path in (site / "worksheets").glob("*.pdf"))
    assert pdfs == [
        "return-week-planner-a4.pdf",
        "return-week-planner-letter.pdf",
        "workbook-a4.pdf",
        "workbook-letter.pdf",
    ]
    for paper in ("a4", "letter"):
        workbook = PdfReader(site / "worksheets" / f"workbook-{paper}.pdf")
        assert workbook.metadata.title == WORKBOOK
        assert workbook.metadata.author == NAME
        text = pdf_text(site / "worksheets" / f"workbook-{paper}.pdf")
        assert text.startswith(f"{NAME} The workbook")
        assert "Return week planner" in text
        sheet = PdfReader(site / "worksheets" / f"return-week-planner-{paper}.pdf")
        assert sheet.metadata.title == "Return week planner"
        assert sheet.metadata.author == NAME
        assert normalized("Questions for your lead") in pdf_text(
            site / "worksheets" / f"return-week-planner-{paper}.pdf"
        )


def test_no_built_file_names_the_first_guide(site: Path) -> None:
    files = [path for path in sorted(site.rglob("*")) if path.is_file()]
    assert len(files) > 30
    found = [path.relative_to(site).as_posix() for path in files if FIRST_GUIDE.search(readable_text(path))]
    assert found == []


def test_no_page_speaks_of_the_first_guides_subject(site: Path) -> None:
    pages = [*site.rglob("*.html"), *site.rglob("*.pdf"), site / "search" / "search_index.json"]
    found = {
        path.relative_to(site).as_posix(): match.group(0)
        for path in pages
        if (match := FIRST_SUBJECT.search(readable_text(path)))
    }
    assert found == {}


def test_its_required_topics_are_its_own(project: Path, tmp_path: Path) -> None:
    def check(root: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "guidekit", "check", "--root", str(root)],
            capture_output=True,
            text=True,
            timeout=120,
        )

    # None of the first guide's required topics is here, and it is valid.
    assert check(project).returncode == 0
    # Without its own required topic, it is not.
    broken = tmp_path / "broken"
    shutil.copytree(project, broken)
    topics = broken / "content" / "topics.yml"
    text = topics.read_text(encoding="utf-8")
    topics.write_text(text.replace("id: settle-in", "id: settle-down"), encoding="utf-8")
    result = check(broken)
    assert result.returncode == 1
    assert "'settle-in'" in result.stderr
    assert "Settle in gently" in result.stderr


@pytest.mark.browser
def test_a_tick_survives_a_reload(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "articles/plan-your-first-week/")
    box = page.locator(f'input[data-action="{ACTIONS[0]}"]')
    box.check()
    page.reload()
    assert page.locator(f'input[data-action="{ACTIONS[0]}"]').is_checked()
    assert page.evaluate(f"localStorage.getItem('{KEYS}tick:{ACTIONS[0]}')") == "1"


@pytest.mark.browser
def test_browser_storage_carries_its_own_name(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "articles/plan-your-first-week/")
    page.locator(f'input[data-action="{ACTIONS[1]}"]').check()
    page.goto(server + "worksheets/return-week-planner/")
    page.locator('textarea[name="questions"]').fill("What moved while I was away?")
    page.locator('input[name="ready-1"]').check()
    page.goto(server + "situations/back-after-leave/")
    page.fill("[data-heard-input]", "2024-03-04")
    page.dispatch_event("[data-heard-input]", "change")
    page.goto(server + "messages/hello-again-team/")
    page.locator('[data-composer] input[data-detail="contact name"]').fill("Sam")
    assert "Hi Sam," in page.locator("[data-message-body]").inner_text()

    stored = dict(page.evaluate("Object.entries(localStorage)"))
    # The reader's data, beside which keep.js notes the first visit (kept:first-visit).
    ours = {
        key.removeprefix(KEYS): value
        for key, value in stored.items()
        if key.startswith(KEYS) and not key.startswith(f"{KEYS}kept:")
    }
    assert f"{KEYS}kept:first-visit" in stored
    assert ours == {
        f"tick:{ACTIONS[1]}": "1",
        "answers:return-week-planner": json.dumps(
            {"questions": "What moved while I was away?", "ready-1": True}, separators=(",", ":")
        ),
        "start:back-after-leave": "2024-03-04",
        "situation": "back-after-leave",
        "detail:contact name": "Sam",
    }
    assert [f"{k}={v}" for k, v in stored.items() if FIRST_GUIDE.search(f"{k}={v}")] == []

    # The reader's download is named after this guide and says which guide it is from.
    page.goto(server + "privacy/")
    with page.expect_download() as download:
        page.locator("[data-export]").click()
    assert re.fullmatch(rf"{STORAGE}-data-\d{{4}}-\d{{2}}-\d{{2}}\.json", download.value.suggested_filename)
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["format"] == STORAGE
    assert data["ticks"] == [ACTIONS[1]]
    assert data["settings"] == {"start:back-after-leave": "2024-03-04", "situation": "back-after-leave", "detail:contact name": "Sam"}
