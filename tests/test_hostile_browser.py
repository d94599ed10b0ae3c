"""Nothing an author or a data file writes runs in a reader's browser."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import built_and_served, copy_project
from tests.test_storage_browser import replace_if_asked

pytestmark = pytest.mark.browser

SCRIPT = "<script>alert('script')</script>"
IMG = "<img src=x onerror=alert('img')>"
SVG = '"><svg onload=alert(\'svg\')>'
TEMPLATE = "{{ 7*7 }} {% if true %}yes{% endif %}"
CODE = "`a<b> & <i>`"
EVIL = f"{SCRIPT} {IMG} {SVG} {TEMPLATE}"
SHORT = f"{SCRIPT} {IMG} {{{{ 7*7 }}}}"  # fits the 80-character title limits


def q(text: str) -> str:
    """A YAML double-quoted string."""
    return json.dumps(text)


TOPICS = f"""\
- id: feedback
  title: Ask for feedback
  summary: {q(EVIL)}
- id: never-burn-bridges
  title: Never burn bridges
  summary: Fine.
- id: dont-put-all-eggs-in-one-basket
  title: Don't put all your eggs in one basket
  summary: Fine.
- id: hostile
  title: {q(SHORT)}
  summary: {q(EVIL)}
"""

ARTICLE = f"""\
---
title: {q("Article " + SHORT)}
summary: {q(EVIL)}
topics: [hostile, feedback]
actions:
  - id: hostile-action
    text: {q("Do *this* " + EVIL + " " + CODE)}
    when: today
    section: how-to
related: [plain]
---
Body.

## How to
Steps.
"""

PLAIN = """\
---
title: Plain
summary: A plain article.
topics: [never-burn-bridges, dont-put-all-eggs-in-one-basket]
---
Plain body.
"""

SHEET = f"""\
---
title: {q("Sheet " + SHORT)}
summary: {q(EVIL)}
topics: [hostile]
articles: [hostile-article]
minutes: 10
fields:
  - id: head
    type: heading
    text: {q(SHORT)}
  - id: line
    type: text
    label: {q("Label " + EVIL)}
    hint: {q(EVIL)}
  - id: many
    type: lines
    label: {q(EVIL)}
    lines: 2
  - id: boxes
    type: checklist
    label: {q(EVIL)}
    items: [{q(EVIL)}, {q(SVG)}]
  - id: rate
    type: scale
    label: {q(EVIL)}
    items: [{q(IMG)}]
    min: 1
    max: 3
    low: {q(SCRIPT)}
    high: {q(TEMPLATE)}
  - id: grid
    type: table
    label: {q(EVIL)}
    columns: [{q(SCRIPT)}, {q(TEMPLATE)}]
    rows: 1
---
Instructions.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project", content=False)
    content = project / "content"
    (content / "articles").mkdir(parents=True)
    (content / "worksheets").mkdir()
    (content / "topics.yml").write_text(TOPICS, encoding="utf-8")
    (content / "articles/hostile-article.md").write_text(ARTICLE, encoding="utf-8")
    (content / "articles/plain.md").write_text(PLAIN, encoding="utf-8")
    (content / "worksheets/hostile-sheet.md").write_text(SHEET, encoding="utf-8")
    (project / "docs/index.md").write_text("# Home\n\n<!-- guide:topic-cards -->\n", encoding="utf-8")
    with built_and_served(project) as url:
        yield url


PAGES = ["", "topics/", "topics/hostile/", "articles/hostile-article/", "articles/plain/",
         "checklists/", "checklists/hostile/", "worksheets/", "worksheets/hostile-sheet/"]

INJECTED = """() => [
  ...document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]'),
  ...document.querySelectorAll('a[href^="javascript" i]'),
  ...[...document.querySelectorAll('script:not([src])')].filter(s => s.textContent.includes('alert')),
].map(e => e.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("url", PAGES)
def test_nothing_runs_and_text_shows_literally(page, hostile_site: str, url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_site + url)
    assert page.evaluate(INJECTED) == []
    text = page.locator("article").inner_text()
    if url in ("articles/hostile-article/", "checklists/hostile/", "worksheets/hostile-sheet/"):
        assert SCRIPT in text and "<img src=x onerror=" in text and "{{ 7*7 }}" in text
        assert "49" not in text
    assert dialogs == []


def test_page_title_element_is_text(page, hostile_site: str) -> None:
    page.goto(hostile_site + "articles/hostile-article/")
    assert page.title().startswith(f"Article {SCRIPT}")


@pytest.mark.parametrize("url", ["articles/hostile-article/", "checklists/hostile/", "checklists/"])
def test_inline_markdown_in_actions_still_works(page, hostile_site: str, url: str) -> None:
    page.goto(hostile_site + url)
    label = page.locator(".guide-task__label", has_text="Do this").first
    assert label.locator("em").inner_text() == "this"
    assert label.locator("code").inner_text() == "a<b> & <i>"  # escaped once, shown as typed


def test_search_results_show_text(page, hostile_site: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_site + "articles/plain/")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("Article", delay=50)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert "<script>" in page.locator(".md-search-result").inner_text()
    assert page.evaluate(INJECTED) == []
    assert dialogs == []


# Readers' own data: whatever is in storage or in a file, pages keep working.

BAD_VALUES = ['{"', "null", "[]", "42", '"text"', '{"__proto__": {"x": 1}}',
              '{"a": {"b": 1}}', "x" * 200_000, '{"line": 5}', '{"BAD KEY": "v"}']


def test_pages_survive_corrupt_values_in_every_key(page, site_server: str) -> None:
    page.goto(site_server + "checklists/")
    action = page.locator("input[data-action]:visible").first.get_attribute("data-action")
    for value in BAD_VALUES:
        page.evaluate(
            """([id, v]) => {
                // Today's keys, and the unscoped ones of before, which are moved on load.
                for (const prefix of ['after-the-no@/:v1:', 'after-the-no:v1:']) {
                    localStorage.setItem(`${prefix}tick:${id}`, v);
                    localStorage.setItem(`${prefix}answers:interview-post-mortem`, v);
                    localStorage.setItem(`${prefix}answers:__proto__`, v);
                    localStorage.setItem(`${prefix}unknown`, v);
                }
            }""",
            [action, value],
        )
        for url in ("checklists/", "worksheets/interview-post-mortem/", "privacy/"):
            page.goto(site_server + url)
        assert page.locator("[data-status]").count() == 1
    page.goto(site_server + "worksheets/interview-post-mortem/")
    page.locator("form textarea").first.fill("new answer")
    page.reload()
    assert page.locator("form textarea").first.input_value() == "new answer"


def load_file(page, path: Path) -> str:  # type: ignore[no-untyped-def]
    page.locator("[data-status]").evaluate("node => node.textContent = ''")
    page.locator("[data-import]").set_input_files(str(path))
    page.wait_for_function("document.querySelector('[data-status]').textContent !== ''")
    return replace_if_asked(page)


# The reader's ticks and answers; keep.js's dates (first visit, last download)
# sit beside them but are not part of a download.
STORED = ("() => JSON.stringify(Object.entries(localStorage)"
          ".filter(([k]) => k.startsWith('after-the-no') && !k.includes(':kept:')).sort())")


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("not-json.json", "hello", "not a data file from this site"),
        ("other.json", '{"format": "something-else"}', "not a data file from this site"),
        ("proto.json", '{"format": "after-the-no", "version": 1, "ticks": [], "answers": {}, "__proto__": {"x": 1}}',
         "unexpected entries (__proto__)"),
        ("ctor.json", '{"format": "after-the-no", "version": 1, "ticks": [], "answers": {}, "constructor": 1}',
         "unexpected entries (constructor)"),
        ("nested-proto.json", '{"format": "after-the-no", "version": 1, "ticks": [], "answers": {"__proto__": {"a": "b"}}}',
         "answers in that file are damaged"),
        ("types.json", '{"format": "after-the-no", "version": 1, "ticks": "all", "answers": {}}',
         "ticks in that file are damaged"),
        ("values.json", '{"format": "after-the-no", "version": 1, "ticks": [], "answers": {"a": {"b": {"c": 1}}}}',
         "answers in that file are damaged"),
        ("version.json", '{"format": "after-the-no", "version": 99, "ticks": [], "answers": {}}',
         "different version"),
        ("huge.json", '{"format": "after-the-no", "pad": "' + "x" * 1_100_000 + '"}', "over 1 MB"),
    ],
)
def test_load_refuses_bad_files_and_changes_nothing(
    page, site_server: str, tmp_path: Path, name: str, body: str, message: str
) -> None:
    page.goto(site_server + "checklists/")
    page.locator("input[data-action]:visible").first.check()
    page.goto(site_server + "privacy/")
    before = page.evaluate(STORED)
    bad = tmp_path / name
    bad.write_text(body, encoding="utf-8")
    status = load_file(page, bad)
    assert message in status and "Nothing was changed" in status
    assert page.evaluate(STORED) == before
    assert page.evaluate("Object.prototype.x") is None


def test_a_good_file_restores_exactly_what_was_downloaded(page, site_server: str, tmp_path: Path) -> None:
    page.goto(site_server + "checklists/")
    for i in (0, 2, 4):
        page.locator("input[data-action]:visible").nth(i).check()
    page.goto(site_server + "worksheets/interview-post-mortem/")
    page.locator("form textarea").first.fill("Honesty\nKindness")
    page.locator("form input[type=checkbox]").first.check()
    page.goto(site_server + "privacy/")
    before = page.evaluate(STORED)
    with page.expect_download() as download:
        page.locator("[data-export]").click()
    saved = tmp_path / "mine.json"
    download.value.save_as(saved)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-delete]").click()
    assert page.evaluate(STORED) == "[]"
    assert load_file(page, saved).startswith("Loaded 3 ticks")
    assert page.evaluate(STORED) == before
