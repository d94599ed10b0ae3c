"""Worksheet forms in a real Chromium: answers kept, printed blank or filled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import normalized, pdf_text

pytestmark = pytest.mark.browser

SHEET = "worksheets/interview-post-mortem/"
TYPED = {
    "text": "Acme Widgets, support lead, 12 March",
    "textarea": "Clear stories about the migration project\nand a calm start",
    "cell": "Northwind",
}
CHROME = ("Search", "Table of contents", "Download PDF", "Print blank", "Clear my answers")


def fill_in(page) -> None:  # type: ignore[no-untyped-def]
    form = page.locator("form.ws-form")
    form.locator("input.ws-input[type=text]").first.fill(TYPED["text"])
    form.locator("textarea").first.fill(TYPED["textarea"])
    form.locator("input[type=checkbox]").first.check()
    form.locator("input[type=radio]").nth(2).check()


def test_answers_survive_a_reload(page, site_server: str) -> None:
    page.goto(site_server + SHEET)
    fill_in(page)
    page.reload()
    form = page.locator("form.ws-form")
    assert form.locator("input.ws-input[type=text]").first.input_value() == TYPED["text"]
    assert form.locator("textarea").first.input_value() == TYPED["textarea"]
    assert form.locator("input[type=checkbox]").first.is_checked()
    assert form.locator("input[type=radio]").nth(2).is_checked()
    tracker = site_server + "worksheets/application-pipeline-tracker/"
    page.goto(tracker)
    cell = page.locator("table.ws-table input").nth(7)
    cell.fill(TYPED["cell"])
    page.reload()
    assert page.locator("table.ws-table input").nth(7).input_value() == TYPED["cell"]


def print_with(page, mode: str, paper: str) -> str:  # type: ignore[no-untyped-def]
    # The real button prepares the page; the browser's print dialog is replaced
    # by page.pdf(), which prints the same print media.
    page.evaluate("window.print = () => {}")
    page.locator(f'button[data-print="{mode}"]').click()
    return pdf_text(page.pdf(format=paper))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_print_with_answers_and_blank(page, site_server: str, paper: str) -> None:
    page.goto(site_server + SHEET)
    fill_in(page)
    filled = print_with(page, "answers", paper)
    assert normalized(TYPED["text"]) in filled
    assert normalized(TYPED["textarea"]) in filled  # the whole text, not a clipped box
    blank = print_with(page, "blank", paper)
    assert normalized(TYPED["text"]) not in blank and "migration project" not in blank
    for text in (filled, blank):
        assert "Interview post-mortem" in text and "What went well?" in text
        for word in CHROME:
            assert word not in text, word


def test_clear_answers_asks_first(page, site_server: str) -> None:
    page.goto(site_server + SHEET)
    fill_in(page)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("[data-clear-answers]").click()
    assert page.locator("textarea").first.input_value() == TYPED["textarea"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-clear-answers]").click()
    assert page.locator("textarea").first.input_value() == ""
    page.reload()
    assert page.locator("textarea").first.input_value() == ""
    assert not page.locator("form.ws-form input[type=checkbox]").first.is_checked()


def test_answers_join_the_data_download_and_come_back(page, site_server: str, tmp_path: Path) -> None:
    page.goto(site_server + SHEET)
    fill_in(page)
    page.goto(site_server + "privacy/")
    with page.expect_download() as download:
        page.locator("[data-export]").click()
    saved = tmp_path / "data.json"
    download.value.save_as(saved)
    answers = json.loads(saved.read_text())["answers"]["interview-post-mortem"]
    assert TYPED["text"] in answers.values() and TYPED["textarea"] in answers.values()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-delete]").click()
    page.goto(site_server + SHEET)
    assert page.locator("textarea").first.input_value() == ""
    page.goto(site_server + "privacy/")
    page.locator("[data-import]").set_input_files(str(saved))
    page.locator("[data-load-replace]").click()
    page.wait_for_function("document.querySelector('[data-status]').textContent.startsWith('Loaded')")
    page.goto(site_server + SHEET)
    assert page.locator("textarea").first.input_value() == TYPED["textarea"]
    assert page.locator("form.ws-form input[type=radio]").nth(2).is_checked()


def test_a_second_tab_sees_new_answers(context, page, site_server: str) -> None:
    page.goto(site_server + SHEET)
    other = context.new_page()
    other.goto(site_server + SHEET)
    other.locator("textarea").first.fill("typed in the other tab")
    page.wait_for_function(
        "document.querySelector('form.ws-form textarea').value === 'typed in the other tab'"
    )
