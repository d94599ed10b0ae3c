"""Messages in a real Chromium on a phone-sized screen: filled in, copied, mailed, built."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from guidekit.loader import load_guide
from tests.support import ROOT, guide_ready

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
    """Type ``details`` into the fields for them: the shared composer's, or the message's own."""
    composer = page.locator("[data-composer]").first
    if composer.locator("summary").count():
        composer.locator("summary").click()
    for name, value in details.items():
        page.locator(f'input[data-detail="{name.replace("_", " ")}"]').first.fill(value)


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
    fill_details(phone, contact_name="Ana Ruiz", your_name="Kit Moore", role="Barista",
                 company="Bean & Co", moment="the latte art test")
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
    assert status.get_attribute("role") == "status"
    builder.locator("[data-copy]").click()
    # Blanks are named before anything is copied; the reader chose to go on.
    assert "blank" in builder.locator("[data-blanks-text]").inner_text()
    builder.locator("[data-blanks-anyway]").click()
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


def message_blanks(message) -> list[str]:  # type: ignore[no-untyped-def]
    return list(dict.fromkeys(message.placeholders))


def test_every_blank_of_every_message_has_a_field_on_its_page(phone, site_server: str) -> None:
    shared = {"your name", "contact name", "role", "company", "moment"}
    own_total = 0
    for slug, message in GUIDE.messages.items():
        phone.goto(site_server + f"messages/{slug}/")
        guide_ready(phone)
        shown = set(phone.eval_on_selector_all(
            "#write .guide-ph[data-ph]", "slots => slots.map(s => s.dataset.ph)"))
        fields = phone.eval_on_selector_all(
            "#write input[data-detail]:visible", "inputs => inputs.map(i => [i.dataset.detail, i.dataset.own || ''])")
        names = {name for name, _ in fields}
        assert shown <= names, (slug, shown - names)
        for name, own in fields:
            assert bool(own) == (name not in shared), (slug, name)
            own_total += bool(own)
    assert own_total >= 20


def test_a_copy_with_a_blank_names_it_and_waits_for_the_reader(phone, site_server: str) -> None:
    slug = "ask-about-other-roles"
    phone.goto(site_server + f"messages/{slug}/")
    fill_details(phone, contact_name="Ms Patel", role="Analyst", company="O'Brien & Co",
                 moment="the team tour", your_name="Sam Lee")
    phone.evaluate("navigator.clipboard.writeText('untouched')")
    phone.locator("[data-copy]").click()
    warning = phone.locator("[data-blanks-text]")
    assert warning.inner_text() == "1 blank left: skill."
    assert phone.evaluate("document.activeElement.dataset.detail") == "skill"
    # The focused field says why, beside it, as part of its description.
    field = phone.locator('input[data-own][data-detail="skill"]')
    assert "Still blank" in phone.locator(f'#{field.get_attribute("aria-describedby")}').inner_text()
    assert phone.evaluate("navigator.clipboard.readText()") == "untouched"
    # The email link waits too.
    phone.locator("[data-mailto]").click()
    assert phone.locator("[data-blanks]").is_visible()
    # Filled, the message copies whole, with no bracket and no screen-reader-only words.
    phone.locator('input[data-own][data-detail="skill"]').fill("stock control")
    phone.locator("[data-copy]").click()
    phone.wait_for_function("document.querySelector('[data-message-status]').textContent.startsWith('Copied')")
    copied = phone.evaluate("navigator.clipboard.readText()")
    assert "stock control" in copied and "[" not in copied and "blank" not in copied
    assert not phone.locator("[data-blanks]").is_visible()
    # The message's own blank is kept for this message alone, and travels in the download.
    stored = phone.evaluate("Object.entries(localStorage).filter(([k]) => k.includes(':v1:message:'))")
    assert [(k.split(":v1:")[1], v) for k, v in stored] == [(f"message:{slug}:skill", "stock control")]
    phone.goto(site_server + "privacy/")
    with phone.expect_download() as download:
        phone.locator("[data-export]").click()
    import json
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["settings"][f"message:{slug}:skill"] == "stock control"
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.locator("[data-delete]").click()
    assert phone.evaluate("Object.keys(localStorage).filter(k => k.includes(':message:'))") == []


def test_a_step_that_sends_a_message_opens_its_composer(phone, site_server: str) -> None:
    phone.goto(site_server + "situations/after-an-interview/")
    button = phone.locator(".guide-step__main").first
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 0.6 * PHONE["width"]
    button.click()
    phone.wait_for_url("**/messages/**#write")
    guide_ready(phone)
    assert phone.locator("#write [data-composer]").is_visible()
    assert phone.locator("#write [data-copy]").is_visible()


def test_a_detail_the_browser_would_not_keep_stays_on_screen_and_marked(phone, site_server: str) -> None:
    phone.goto(site_server + "messages/reply-to-a-rejection/")
    # Storage fills up after the first save.
    phone.evaluate("""() => { const real = Storage.prototype.setItem; window.realSetItem = real; let n = 0;
      Storage.prototype.setItem = function (k, v) {
        if (String(k).includes(':detail:') && ++n > 1) throw new DOMException('full', 'QuotaExceededError');
        return real.call(this, k, v); }; }""")
    fill_details(phone, your_name="Kit Moore")
    name = phone.locator('#write input[data-detail="contact name"]')
    name.fill("Ana Ruiz")
    note = phone.locator(f'#{name.get_attribute("aria-describedby")}')
    assert "Not saved" in note.inner_text()
    # Another field's save must not wipe it, from its field or from the message.
    phone.evaluate("() => { Storage.prototype.setItem = window.realSetItem; }")
    phone.locator('#write input[data-detail="role"]').fill("Barista")
    assert name.input_value() == "Ana Ruiz"
    assert "Dear Ana Ruiz," in phone.locator("[data-message-body]").inner_text()
    assert "Not saved" in note.inner_text()
