"""The benchmark's synthetic guide passes the real validator, in the real guide's proportions.

A synthetic guide that broke a rule would stop ``make bench`` minutes into a
run, or, worse, measure a guide the engine would never build; these checks
run the real loader with the real mkdocs.yml's settings on a small one, and
build it, and its plain-Material baseline, strictly.
"""

from __future__ import annotations

import collections
import functools
import re

import pytest

from guidekit import contract
from guidekit.loader import load_guide
from guidekit.model import Guide
from guidekit.settings import from_config
from tests.bench import projects, synth
from tests.support import ROOT, html_page, run_mkdocs

ARTICLES = 100


@functools.cache
def _synthetic(count: int) -> synth.Synthetic:
    return synth.generate(count, 7, *synth.linked_slugs(ROOT / "docs"))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Guide:
    """The 100-article synthetic guide, written out and read back by the real loader."""
    root = tmp_path_factory.mktemp("synthetic")
    config = synth.yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=synth._AnyTags)
    (root / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8"), encoding="utf-8")
    settings = from_config(config["site_name"], config["extra"]["guide"], root, ROOT / "docs")
    synth.write(_synthetic(ARTICLES), settings.content_dir)
    return load_guide(settings.content_dir, root, settings)


def test_loads_with_every_kind_in_proportion(loaded: Guide) -> None:
    assert len(loaded.articles) == ARTICLES
    assert len(loaded.situations) == ARTICLES // 3
    assert len(loaded.messages) == ARTICLES
    assert set(loaded.topics) >= set(synth.REQUIRED_TOPICS)


def test_situations_are_paths_of_the_articles_actions(loaded: Guide) -> None:
    for situation in loaded.situations.values():
        assert 5 <= len(situation.steps) <= 9, situation.slug
        assert sum(step.day == 0 for step in situation.steps) <= contract.MAX_STEPS_ON_DAY_ZERO
        assert all(step.action in loaded.actions_by_id for step in situation.steps)
    # Paths draw on many articles, not the same few.
    used = {loaded.actions_by_id[s.action].article for x in loaded.situations.values() for s in x.steps}
    assert len(used) > ARTICLES // 2


def test_messages_are_shown_and_sent_like_the_real_guides(loaded: Guide) -> None:
    showing = collections.Counter(len(shown) for shown in loaded.messages_of.values())
    assert 0.15 * ARTICLES <= sum(showing.values()) <= 0.45 * ARTICLES, showing
    assert showing[2] > 0, "some articles show two messages"
    sending = [a for a in loaded.actions_by_id.values() if a.message]
    assert len(sending) >= 0.2 * ARTICLES
    assert all(a.to == loaded.messages[a.message].to for a in sending)
    assert any(m.parts for m in loaded.messages.values()), "some messages have parts to tick"
    # The message body is plain text: nothing the synthetic prose marks up leaks into it.
    for message in loaded.messages.values():
        assert not any("**" in p for p in message.paragraphs), message.slug
        assert set(message.placeholders) >= {"contact name", "your name"}


def test_same_seed_same_guide() -> None:
    again = synth.generate(ARTICLES, 7, *synth.linked_slugs(ROOT / "docs"))
    first = _synthetic(ARTICLES)
    assert [m["text"] for m in again.messages] == [m["text"] for m in first.messages]
    assert [s["text"] for s in again.situations] == [s["text"] for s in first.situations]
    assert synth.generate(ARTICLES, seed=8).situations[0]["text"] != first.situations[0]["text"]


def test_both_projects_build_strictly_with_the_same_pages(tmp_path) -> None:
    """A small guide and its baseline build with --strict, each with a page per situation and message."""
    content = _synthetic(30)
    sources = projects.snapshot(tmp_path / "sources")
    sites = {}
    for name, make in (("guide", projects.guide_project), ("baseline", projects.baseline_project)):
        project = make(tmp_path / name, content, sources)
        sites[name] = tmp_path / f"site-{name}"
        result = run_mkdocs(project, sites[name], env={"GUIDE_PDFS": "0"})
        assert result.returncode == 0, result.stderr[-3000:]
    for name, site in sites.items():
        for situation in content.situations:
            page = html_page(site, f"situations/{situation['slug']}/index.html")
            assert situation["title"] in page.get_text(), (name, situation["slug"])
        for message in content.messages:
            page = html_page(site, f"messages/{message['slug']}/index.html")
            assert message["subject"].split(":")[0] in page.get_text(), (name, message["slug"])
        assert (site / "start" / "index.html").is_file(), name
        assert (site / "messages" / "index.html").is_file(), name
    # Where the guide shows a message in an article, the baseline shows its text too.
    shown = next(a for a in content.articles if "<!-- message:" in a["body"])
    slug = re.search(r"<!-- message: (\S+) -->", shown["body"]).group(1)
    message = next(m for m in content.messages if m["slug"] == slug)
    sentence = message["paragraphs"][1].split(". ")[0].split("[")[0].strip()
    for name, site in sites.items():
        text = html_page(site, f"articles/{shown['slug']}/index.html").get_text()
        assert sentence in text, (name, sentence)
