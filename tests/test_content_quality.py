"""Editorial standards that hold for every article and worksheet, now and later."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import textstat

from after_the_no.loader import load_guide
from tests.support import ROOT

GUIDE = load_guide(ROOT / "content", ROOT)
SEED_TOOL = ROOT.parent / "shared" / "tools" / "seed_overlap.py"
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX|lorem ipsum)\b", re.IGNORECASE)
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
MARKER = re.compile(r"^<!-- message: ([a-z0-9-]+) -->$", re.MULTILINE)
TEMPLATES = {
    "reply-with-grace": {"reply-to-a-rejection", "build-your-reply", "reply-thanks-feedback-interest"},
    "send-a-thank-you-note": {"thank-you-after-a-rejection"},
    "how-to-ask-for-feedback": {"feedback-request"},
    "when-they-say-nothing": {"feedback-nudge"},
    "keep-your-promises": {"send-what-you-promised", "make-an-introduction"},
    "stay-on-their-radar": {"still-interested"},
    "check-in-without-being-a-pest": {"check-in-a-few-months-later", "congratulate-a-contact-on-their-hire"},
    "lean-on-the-right-people": {"ask-a-friend-for-support"},
    "no-angry-messages-no-public-posts": {"apologise-for-a-hasty-message"},
    "no-offer-until-it-is-signed": {"ask-for-the-offer-in-writing"},
    "tell-people-you-are-looking": {"tell-friends-you-are-looking", "tell-a-contact-you-are-looking"},
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
    assert 500 <= words <= 1000, f"{article.path}: {words} words of body (500–1,000)"
    ease = textstat.flesch_reading_ease(prose(article.body))
    assert ease >= 55, f"{article.path}: Flesch reading ease {ease:.0f} (55 or more)"
    assert 3 <= len(article.actions) <= 6, f"{article.path}: {len(article.actions)} actions (3–6)"
    assert len(article.summary) <= 200
    for text in (article.title, article.summary, article.body, *(a.text for a in article.actions)):
        assert not PLACEHOLDER.search(text), f"{article.path}: leftover {PLACEHOLDER.search(text)[0]!r}"
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


@pytest.mark.skipif(not SEED_TOOL.is_file(), reason="../shared/tools/seed_overlap.py not beside the project")
def test_no_text_is_copied_from_the_seed_articles() -> None:
    result = subprocess.run(
        [sys.executable, str(SEED_TOOL), "content", "docs", "overrides"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout
