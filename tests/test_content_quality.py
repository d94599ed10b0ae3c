"""Editorial standards that hold for every article and worksheet, now and later."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import textstat

from guidekit.loader import load_guide
from tests.support import ROOT

GUIDE = load_guide(ROOT / "content", ROOT)
SEED_TOOL = ROOT.parent / "shared" / "tools" / "seed_overlap.py"
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX|lorem ipsum)\b", re.IGNORECASE)
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
MARKER = re.compile(r"^<!-- message: ([a-z0-9-]+) -->$", re.MULTILINE)
TEMPLATES = {
    "reply-with-grace": {
        "reply-to-a-rejection",
        "build-your-reply",
        "reply-thanks-feedback-interest",
    },
    "send-a-thank-you-note": {"thank-you-after-a-rejection"},
    "how-to-ask-for-feedback": {"feedback-request"},
    "when-they-say-nothing": {"feedback-nudge"},
    "keep-your-promises": {"send-what-you-promised", "make-an-introduction"},
    "stay-on-their-radar": {"still-interested"},
    "check-in-without-being-a-pest": {
        "check-in-a-few-months-later",
        "congratulate-a-contact-on-their-hire",
    },
    "lean-on-the-right-people": {"ask-a-friend-for-support"},
    "no-angry-messages-no-public-posts": {"apologise-for-a-hasty-message"},
    "no-offer-until-it-is-signed": {"ask-for-the-offer-in-writing"},
    "tell-people-you-are-looking": {
        "tell-friends-you-are-looking",
        "tell-a-contact-you-are-looking",
    },
}
"""Where a reader has to write something, the article shows the ready message."""


def prose(body: str) -> str:
    """The article's running text: no code blocks, headings or link targets."""
    text = FENCE.sub(" ", body)
    text = re.sub(r"^#+ .*$", " ", text, flags=re.MULTILINE)
    return re.sub(r"\]\([^)]*\)", "]", text)


def test_the_guide_has_enough_articles_and_topics() -> None:
    assert len(GUIDE.articles) >= 18
    assert len(GUIDE.topics) >= 5
    assert all(GUIDE.primary.get(topic) for topic in GUIDE.topics)
    assert len(GUIDE.worksheets) >= 8


@pytest.mark.parametrize("slug", list(GUIDE.articles))
def test_article_meets_the_editorial_standard(slug: str) -> None:
    article = GUIDE.articles[slug]
    words = len(re.findall(r"[A-Za-z0-9'’]+", article.body))
    assert 500 <= words <= 900, f"{article.path}: {words} words of body (500–900)"
    ease = textstat.flesch_reading_ease(prose(article.body))
    assert ease >= 55, f"{article.path}: Flesch reading ease {ease:.0f} (55 or more)"
    assert 3 <= len(article.actions) <= 6, f"{article.path}: {len(article.actions)} actions (3–6)"
    assert len(article.summary) <= 200
    for text in (article.title, article.summary, article.body, *(a.text for a in article.actions)):
        assert not PLACEHOLDER.search(text), (
            f"{article.path}: leftover {PLACEHOLDER.search(text)[0]!r}"
        )
    headings = " ".join(re.findall(r"^##+ (.*)$", article.body, re.MULTILINE)).lower()
    assert "avoid" in headings or "don't" in headings or "mistakes" in headings, (
        f"{article.path}: needs a section on what to avoid"
    )


@pytest.mark.parametrize("slug", list(TEMPLATES))
def test_articles_show_their_messages(slug: str) -> None:
    shown = set(MARKER.findall(GUIDE.articles[slug].body))
    assert TEMPLATES[slug] <= shown, f"{slug} should show {sorted(TEMPLATES[slug] - shown)}"


@pytest.mark.parametrize("slug", list(GUIDE.articles))
def test_messages_are_shown_by_marker_not_pasted_into_the_article(slug: str) -> None:
    article = GUIDE.articles[slug]
    for marker in re.findall(r"^.*<!-- message:.*$", article.body, re.MULTILINE):
        assert MARKER.match(marker), f"{article.path}: {marker!r} is not a marker line"
    assert "```" not in article.body, (
        f"{article.path}: a code block; put messages in content/messages and show them with "
        "<!-- message: id -->, and write anything else as prose, a list or a quote"
    )


@pytest.mark.parametrize("slug", list(GUIDE.worksheets))
def test_worksheet_takes_ten_to_thirty_minutes(slug: str) -> None:
    sheet = GUIDE.worksheets[slug]
    assert 10 <= sheet.minutes <= 30
    assert sum(f.type != "heading" for f in sheet.fields) >= 4


@pytest.mark.skipif(
    not SEED_TOOL.is_file(), reason="../shared/tools/seed_overlap.py not beside the project"
)
def test_no_text_is_copied_from_the_seed_articles() -> None:
    result = subprocess.run(
        [sys.executable, str(SEED_TOOL), "content", "docs", "overrides"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


# --- situations and messages ----------------------------------------------------------

PACE_DAYS = 5
"""The least time between two messages a situation has the reader send to one person."""
SITUATIONS = {
    "after-an-interview", "after-the-final-round", "automated-rejection", "heard-nothing",
    "passed-over-for-promotion", "offer-withdrawn", "news-from-an-agency", "they-called-back",
    "many-rejections-in-a-row", "heard-nothing-after-applying", "after-a-trial-shift-or-task",
    "turned-down-over-right-to-work",
}  # fmt: skip
PHRASES = "what-the-words-of-a-no-usually-mean"
"""The article on 'kept on file', 'overqualified', 'culture fit' and automated screening."""
NEW_MESSAGES = {
    "status-check-after-silence", "thank-your-references", "note-to-an-agency-recruiter",
    "ask-your-manager-for-a-career-conversation", "answer-a-call-back",
    "reply-to-a-withdrawn-offer", "one-ask-to-your-network", "short-public-post",
    "reply-thanks-feedback-interest",
}  # fmt: skip


def test_every_kind_of_rejection_has_a_path() -> None:
    assert SITUATIONS <= set(GUIDE.situations)


@pytest.mark.parametrize(
    "slug", ["automated-rejection", "heard-nothing-after-applying", "after-an-interview"]
)
def test_paths_where_stock_phrases_arrive_link_the_phrases_article(slug: str) -> None:
    assert f"articles/{PHRASES}.md" in GUIDE.situations[slug].body


NEW_PATHS = {
    "heard-nothing-after-applying": "when-an-application-gets-no-answer",
    "after-a-trial-shift-or-task": "after-a-trial-shift-or-task",
    "turned-down-over-right-to-work": "turned-down-over-right-to-work",
}
"""The paths the second read asked for, each with the article of its own."""


@pytest.mark.parametrize("slug", list(NEW_PATHS))
def test_each_new_path_has_its_own_article_and_message(slug: str) -> None:
    steps = GUIDE.situations[slug].steps
    actions = [GUIDE.actions_by_id[step.action] for step in steps]
    assert NEW_PATHS[slug] in {action.article for action in actions}, f"{slug} lacks its article"
    assert any(action.message for action in actions), f"{slug} sends no message"


WINDOW_DAYS, WINDOW_MESSAGES = 30, 3
"""And at most this many messages to one person in any window of this many days."""


def message_text(slug: str) -> str:
    message = GUIDE.messages[slug]
    return " ".join((message.subject, *message.paragraphs, *(part.text for part in message.parts)))


def step_wording(step) -> str:  # type: ignore[no-untyped-def]
    return step.text or GUIDE.actions_by_id[step.action].text


@pytest.mark.parametrize("slug", list(GUIDE.situations))
def test_a_situation_paces_its_messages(slug: str) -> None:
    """One message sequence: at most one message to a person in 5 days, and 3 in 30."""
    situation = GUIDE.situations[slug]
    sent: dict[str, list[int]] = {}
    for step in situation.steps:
        action = GUIDE.actions_by_id[step.action]
        if action.to is None:
            continue
        days = sent.setdefault(action.to, [])
        if days:
            gap = step.day - days[-1]
            assert gap >= PACE_DAYS, (
                f"{situation.path}: '{action.id}' sends a second message to the {action.to}"
                f" {gap} days after the last (at least {PACE_DAYS})"
            )
        days.append(step.day)
        recent = [day for day in days if day > step.day - WINDOW_DAYS]
        assert len(recent) <= WINDOW_MESSAGES, (
            f"{situation.path}: '{action.id}' is message {len(recent)} to the {action.to}"
            f" within {WINDOW_DAYS} days (at most {WINDOW_MESSAGES})"
        )


ASKS = re.compile(r"\bask\b", re.I)
"""A step that tells the reader to ask something (not one that mentions an earlier ask)."""


@pytest.mark.parametrize("slug", list(GUIDE.situations))
def test_a_step_that_promises_a_question_links_a_message_that_asks_it(slug: str) -> None:
    for step in GUIDE.situations[slug].steps:
        action = GUIDE.actions_by_id[step.action]
        if action.message and ASKS.search(step_wording(step)):
            assert "?" in message_text(action.message), (
                f"{slug}: '{action.id}' promises a question, but '{action.message}' asks none"
            )


def test_the_final_round_reply_asks_what_tipped_it() -> None:
    reply = GUIDE.actions_by_id["send-final-round-reply"]
    assert reply.message and re.search(
        r"tipped it\?|tipped the decision\?", message_text(reply.message)
    )


@pytest.mark.parametrize("slug", list(GUIDE.situations))
def test_a_feedback_nudge_follows_a_message_that_asked_for_feedback(slug: str) -> None:
    asked = False
    for step in GUIDE.situations[slug].steps:
        action = GUIDE.actions_by_id[step.action]
        if step.action in {
            "send-one-polite-feedback-follow-up",
            "remind-the-recruiter-once-about-feedback",
        }:
            assert asked, f"{slug}: '{step.action}' chases feedback no earlier step asked for"
        elif action.message:
            text = message_text(action.message)
            asked = asked or ("?" in text and re.search(r"feedback|tipped", text) is not None)


INTEREST_AGAIN = re.compile(r"still (very )?(keen|interested)|even keener|keener", re.I)
FIRST_REPLIES = {
    "reply-thanks-feedback-interest", "build-your-reply", "reply-after-the-final-round",
    "status-check-after-silence",  # the first message on the silence path
}  # fmt: skip


@pytest.mark.parametrize("slug", list(GUIDE.messages))
def test_interest_is_said_once_in_the_first_reply(slug: str) -> None:
    """Later messages carry news or a specific ask, never another 'still keen'."""
    if slug not in FIRST_REPLIES:
        assert not INTEREST_AGAIN.search(message_text(slug)), f"{slug} repeats interest"


CADENCE = re.compile(
    r"every (few|couple of) months|once a year|about a year|every year|a few months or a year", re.I
)


def test_one_check_in_cadence_everywhere() -> None:
    """Check-ins: not before three months, and only with news."""
    for kind in (GUIDE.articles, GUIDE.worksheets, GUIDE.messages, GUIDE.situations):
        for entry in kind.values():
            text = (ROOT / entry.path).read_text(encoding="utf-8")
            assert not CADENCE.search(text), f"{entry.path}: {CADENCE.search(text)[0]!r}"
    for situation in GUIDE.situations.values():
        for step in situation.steps:
            if step.action in {
                "send-yearly-check-in-message",
                "tell-your-contact-when-you-apply-again",
            }:
                assert step.day >= 90, f"{situation.path}: a check-in before three months"


@pytest.mark.parametrize("slug", list(GUIDE.situations))
def test_a_situation_is_short_and_says_what_it_usually_means(slug: str) -> None:
    situation = GUIDE.situations[slug]
    assert 4 <= len(situation.steps) <= 10, f"{situation.path}: {len(situation.steps)} steps"
    words = len(re.findall(r"[A-Za-z0-9'’]+", situation.body))
    assert 60 <= words <= 250, f"{situation.path}: {words} words of body (60–250)"
    assert textstat.flesch_reading_ease(situation.body) >= 55, situation.path


def test_the_guide_has_every_message_the_brief_asks_for() -> None:
    assert len(GUIDE.messages) >= 28
    assert NEW_MESSAGES <= set(GUIDE.messages)


@pytest.mark.parametrize("slug", list(GUIDE.messages))
def test_a_message_is_short_warm_and_used(slug: str) -> None:
    message = GUIDE.messages[slug]
    body = " ".join(p for p in message.paragraphs if p != "{parts}")
    body += " ".join(part.text for part in message.parts if part.checked)
    words = len(re.findall(r"[A-Za-z0-9'’\[\]]+", body))
    assert words <= 180, f"{message.path}: {words} words (180 at most)"
    assert "so quickly" not in body, f"{message.path}: reads as sarcasm after a long wait"
    assert (
        not re.search(r"\b(attach|attached|enclosed)\b", body, re.IGNORECASE)
        or slug == "send-what-you-promised"
    ), f"{message.path}: no attachment nobody asked for"
    used = slug in GUIDE.shown_in or any(a.message == slug for a in GUIDE.actions_by_id.values())
    assert used, f"{message.path}: no article shows it and no action sends it"


def test_actions_that_send_something_say_to_whom() -> None:
    for action in GUIDE.actions_by_id.values():
        if action.message:
            message = GUIDE.messages[action.message]
            assert action.to == message.to, (
                f"action '{action.id}' goes to the {action.to}, its message to the {message.to}"
            )


IN_SHORT = re.compile(r"\A\*\*In short:\*\* (?P<text>[^\n]+)\n\n")


@pytest.mark.parametrize("slug", list(GUIDE.articles))
def test_every_article_starts_with_its_short_version(slug: str) -> None:
    """'In short': the first paragraph, at most three lines (about 60 words) long."""
    article = GUIDE.articles[slug]
    found = IN_SHORT.match(article.body.lstrip("\n"))
    assert found, f"{article.path}: start the body with '**In short:** …' and a blank line"
    words = len(found["text"].split())
    assert words <= 60, f"{article.path}: 'In short' is {words} words (60 at most, three lines)"


@pytest.mark.parametrize("slug", list(GUIDE.articles))
def test_every_article_says_when_it_was_last_reviewed(slug: str) -> None:
    assert GUIDE.articles[slug].reviewed, f"{GUIDE.articles[slug].path}: add 'reviewed: YYYY-MM-DD'"
