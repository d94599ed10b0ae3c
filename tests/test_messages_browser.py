"""Messages in a real Chromium on a phone-sized screen: filled in, copied, mailed, built."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from guidekit.loader import load_guide
from tests.support import ROOT

pytestmark = pytest.mark.browser

GUIDE = load_guide(ROOT / "content", ROOT)
PHONE = {"width": 360, "height": 780}
BUILDER_PAGE = "articles/reply-with-grace/"
PAGES = sorted(
    {f"articles/{slug}/" for slug in GUIDE.messages_of}
    | {f"messages/{slug}/" for slug in GUIDE.messages}
    | {"messages/"}
)


@pytest.fixture
def phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


def test_no_page_with_a_message_scrolls_sideways_at_360px(phone, site_server: str) -> None:
    wide = []
    for url in PAGES:
        phone.goto(site_server + url)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append((url, width))
    assert not wide
    assert len(PAGES) > len(GUIDE.messages)


def fill_details(page, **details: str) -> None:  # type: ignore[no-untyped-def]
    composer = page.locator("[data-composer]").first
    composer.locator("summary").click()
    for name, value in details.items():
        composer.locator(f'input[data-detail="{name.replace("_", " ")}"]').fill(value)


def test_details_typed_once_fill_messages_on_another_page(phone, site_server: str) -> None:
    phone.goto(site_server + "messages/feedback-request/")
    fill_details(phone, contact_name="Ana Ruiz", role="Store Supervisor", your_name="Kit Moore")
    body = phone.locator("[data-message-body]").first
    assert "Dear Ana Ruiz," in body.inner_text()
    phone.goto(site_server + "messages/still-interested/")
    phone.reload()
    text = phone.locator("[data-message-text]").first.inner_text()
    assert "Ana Ruiz" in text and "Kit Moore" in text
    # What the reader did not fill in stays a visible placeholder.
    assert "[company]" in text
    filled = phone.locator('.guide-ph[data-ph="contact name"]').first
    assert "guide-ph--filled" in filled.get_attribute("class")


def test_copy_puts_plain_paragraphs_on_the_clipboard(phone, site_server: str) -> None:
    phone.goto(site_server + "messages/reply-to-a-rejection/")
    fill_details(phone, contact_name="Ana Ruiz", your_name="Kit Moore")
    phone.locator("[data-copy]").first.click()
    phone.wait_for_function("document.querySelector('[data-message-status]').textContent.startsWith('Copied')")
    copied = phone.evaluate("navigator.clipboard.readText()")
    message = GUIDE.messages["reply-to-a-rejection"]
    subject, _, body = copied.partition("\n\n")
    assert subject.startswith("Subject: ")
    paragraphs = body.strip().split("\n\n")
    assert paragraphs[0] == "Dear Ana Ruiz,"
    assert len(paragraphs) == len(message.paragraphs)
    for paragraph, source in zip(paragraphs, message.paragraphs):
        # A line break inside a paragraph only where the template has one (a sign-off).
        assert paragraph.count("\n") == source.count("\n"), paragraph
    assert paragraphs[-1].endswith("Kit Moore")


def test_the_email_link_holds_the_subject_and_body(phone, site_server: str) -> None:
    phone.goto(site_server + "messages/status-check-after-silence/")
    fill_details(phone, role="Line Cook")
    href = phone.locator("[data-mailto]").first.get_attribute("href")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.path == ""
    query = parse_qs(parts.query)
    assert "Line Cook" in query["subject"][0] or "Line Cook" in query["body"][0]
    body = query["body"][0]
    assert "\r\n\r\n" in body and "\n\n" not in body.replace("\r\n", "")
    assert body.startswith("Dear ")


def test_the_reply_builder_makes_one_email_from_the_ticked_parts(phone, site_server: str) -> None:
    phone.goto(site_server + BUILDER_PAGE)
    builder = phone.locator('[data-message="build-your-reply"]')
    message = GUIDE.messages["build-your-reply"]
    for part in message.parts:
        box = builder.locator(f'input[data-part="{part.id}"]')
        box.set_checked(part.id in ("thanks", "feedback", "still-interested"))
    status = builder.locator("[data-message-status]")
    assert status.inner_text() == "Message updated: 3 parts."
    assert status.get_attribute("aria-live") == "polite"
    builder.locator("[data-copy]").click()
    phone.wait_for_function(
        "() => document.querySelector('[data-message=\"build-your-reply\"] [data-message-status]').textContent.startsWith('Copied')"
    )
    copied = phone.evaluate("navigator.clipboard.readText()")
    parts = {p.id: p for p in message.parts}
    shown = [p for p in ("thanks", "feedback", "still-interested")]
    for part_id in shown:
        first_words = " ".join(parts[part_id].text.split()[:5])
        assert first_words in copied, part_id
    for part_id in set(parts) - set(shown):
        assert " ".join(parts[part_id].text.split()[:5]) not in copied, part_id
    # One email: one subject, one greeting, one sign-off.
    assert copied.count("Subject:") == 1 and copied.count("Dear ") == 1
    mailto = builder.locator("[data-mailto]").get_attribute("href")
    assert "feedback" in parse_qs(urlsplit(mailto).query)["body"][0]


def test_composer_fields_are_labelled(phone, site_server: str) -> None:
    phone.goto(site_server + "messages/")
    fields = phone.locator("[data-composer] input[data-detail]")
    assert fields.count() == 5
    for index in range(fields.count()):
        field_id = fields.nth(index).get_attribute("id")
        assert phone.locator(f'label[for="{field_id}"]').text_content().strip()


def test_without_javascript_a_message_is_readable_and_mailable(browser, site_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site_server + "messages/feedback-request/")
    text = page.locator("[data-message-text]").inner_text()
    assert "[contact name]" in text
    assert not page.locator("[data-copy]").is_visible()
    assert page.locator("[data-mailto]").get_attribute("href").startswith("mailto:?subject=")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
