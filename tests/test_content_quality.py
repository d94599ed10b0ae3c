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
TEMPLATES = {
    "reply-with-grace": "a reply thanking them for the news",
    "how-to-ask-for-feedback": "a feedback request",
    "keep-your-promises": "a note delivering something promised",
    "stay-on-their-radar": "a still-interested note",
    "check-in-without-being-a-pest": "a check-in months later",
    "tell-people-you-are-looking": "a message telling people you are searching",
}


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
def test_copyable_templates_exist(slug: str) -> None:
    body = GUIDE.articles[slug].body
    blocks = re.findall(r"^```text\n(.*?)^```", body, re.MULTILINE | re.DOTALL)
    assert blocks, f"{slug} should hold {TEMPLATES[slug]} in a ```text block"
    assert any("[" in block and "]" in block for block in blocks), "placeholders like [Name]"


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
