"""Real strict MkDocs builds of a small fixture guide, read back as HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import html_page as soup
from tests.support import run_mkdocs, small_project

HOME = "# Home\n\n<!-- guide:topic-cards -->\n"


def make_project(tmp: Path) -> Path:
    return small_project(tmp, HOME)


def build(project: Path, env: dict | None = None) -> Path:
    site = project / "site"
    result = run_mkdocs(project, site, env={"GUIDE_PDFS": "0", **(env or {})})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(make_project(tmp_path_factory.mktemp("small")))


def content_links(page: BeautifulSoup) -> list[tuple[str, str]]:
    article = page.select_one("article.md-content__inner")
    return [(a.get_text(" ", strip=True), a["href"]) for a in article.select("a[href]")]


def test_topic_page_lists_its_articles_with_working_links(small_site: Path) -> None:
    page = soup(small_site, "topics/never-burn-bridges/index.html")
    listed = [(a.get_text(), a["href"]) for a in page.select(".guide-list a")]
    assert listed == [("Ask by email", "../../articles/ask-by-email/"),
                      ("Say thanks", "../../articles/say-thanks/")]
    for _, href in listed:
        assert (small_site / "topics/never-burn-bridges" / href / "index.html").resolve().is_file()


def test_article_links_to_its_topics_and_related(small_site: Path) -> None:
    page = soup(small_site, "articles/ask-by-email/index.html")
    chips = [(a.get_text(), a["href"]) for a in page.select(".guide-chip")]
    assert chips == [("Ask for feedback", "../../topics/feedback/"),
                     ("Never burn bridges", "../../topics/never-burn-bridges/")]
    related = [a.get_text() for a in page.select(".guide-related a")]
    # Explicit related first, then the rest of the primary topic (none here).
    assert related == ["Keep searching"]
    other = soup(small_site, "articles/say-thanks/index.html")
    assert [a.get_text() for a in other.select(".guide-related a")] == ["Ask by email"]


def test_nav_has_a_section_per_topic_with_its_primary_articles(small_site: Path) -> None:
    page = soup(small_site, "index.html")
    primary = page.select("nav.md-nav--primary > ul > li")
    titles = [li.find(["a", "label"]).get_text(" ", strip=True) for li in primary]
    assert titles[0] == "Home"
    assert titles[1:4] == ["Ask for feedback", "Never burn bridges",
                           "Don't put all your eggs in one basket"]
    assert "Your plan" in titles and "Worksheets" in titles
    topic = soup(small_site, "topics/never-burn-bridges/index.html")
    active = topic.select_one("nav.md-nav--primary li.md-nav__item--active")
    entries = [a.get_text(" ", strip=True) for a in active.select("ul a")]
    # ask-by-email is tagged with this topic too, but its primary topic is feedback.
    assert "Say thanks" in entries and "Ask by email" not in entries


def test_nav_opens_the_pages_own_section_and_prunes_the_others(small_site: Path) -> None:
    page = soup(small_site, "articles/ask-by-email/index.html")
    top = page.select("nav.md-nav--primary > ul > li")
    opened = [li for li in top if "md-nav__item--active" in li["class"]]
    assert len(opened) == 1
    section = opened[0]
    assert section.select_one(":scope > input.md-nav__toggle")["checked"] is not None
    index = section.select_one(":scope > .md-nav__container > a")
    assert (index.get_text(strip=True), index["href"]) == ("Ask for feedback", "../../topics/feedback/")
    # The toggle is a button that names and controls the section's own menu.
    toggle = section.select_one(":scope > .md-nav__container > button[type=button]")
    menu = section.select_one(":scope > nav")
    assert toggle["aria-controls"] == menu["id"] and toggle["aria-expanded"] == "true"
    assert toggle["aria-label"] == "Hide Ask for feedback" and menu["aria-label"] == "Ask for feedback"
    current = section.select_one("li.md-nav__item--active > a.md-nav__link--active")
    assert current.get_text(strip=True) == "Ask by email" and current["href"] == "./"
    # The article's own headings, for the table of contents in the mobile drawer.
    toc = [a["href"] for a in section.select("nav.md-nav--secondary a")]
    assert toc == ["#how-to-ask", "#what-to-avoid"]
    pruned = {li.a.get_text(strip=True): li.a["href"] for li in top if "md-nav__item--pruned" in li["class"]}
    assert pruned == {
        "Never burn bridges": "../../topics/never-burn-bridges/",
        "Don't put all your eggs in one basket": "../../topics/dont-put-all-eggs-in-one-basket/",
        "Your plan": "../../checklists/",
        "Worksheets": "../../worksheets/",
    }
    assert all(len(li.select("a")) == 1 for li in top if "md-nav__item--pruned" in li["class"])


def test_a_topic_with_no_articles_of_its_own_is_one_nav_link(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    with (project / "content/topics.yml").open("a", encoding="utf-8") as topics:
        topics.write("- id: rest\n  title: Rest well\n  summary: Sleep on it.\n")
    site = build(project)
    for url in ("topics/rest/index.html", "index.html"):
        page = soup(site, url)
        item = next(li for li in page.select("nav.md-nav--primary > ul > li")
                    if li.get_text(" ", strip=True).startswith("Rest well"))
        # No section toggle (the current page keeps its own table-of-contents toggle).
        assert item.select("input:not(#__toc), label:not([for=__toc]), button, nav.md-nav:not(.md-nav--secondary)") == [], url
        assert "md-nav__item--nested" not in item["class"]
        assert item.select_one("a.md-nav__link")["href"] in ("./", "topics/rest/")
        # Every aria-labelledby in the nav names an element that exists.
        for labelled in page.select("nav [aria-labelledby], nav[aria-labelledby]"):
            assert page.find(id=labelled["aria-labelledby"]) is not None, (url, labelled["aria-labelledby"])


def test_home_page_shows_topic_cards(small_site: Path) -> None:
    cards = soup(small_site, "index.html").select(".guide-cards .guide-cards__title")
    assert [c.get_text() for c in cards] == ["Ask for feedback", "Never burn bridges",
                                              "Don't put all your eggs in one basket"]


def test_topics_index_lists_every_topic(small_site: Path) -> None:
    page = soup(small_site, "topics/index.html")
    assert len(page.select(".guide-cards li")) == 3


def test_article_body_links_are_resolved_by_mkdocs(small_site: Path) -> None:
    page = soup(small_site, "articles/say-thanks/index.html")
    assert ("ask by email", "../ask-by-email/#how-to-ask") in content_links(page)


def test_new_topic_and_article_need_no_code(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    with (project / "content/topics.yml").open("a", encoding="utf-8") as topics:
        topics.write("- id: rest\n  title: Rest well\n  summary: Sleep on it.\n")
    (project / "content/articles/sleep-on-it.md").write_text(
        "---\ntitle: Sleep on it\nsummary: Rest first.\ntopics: [rest]\n---\nRest.\n",
        encoding="utf-8",
    )
    site = build(project)
    topic = soup(site, "topics/rest/index.html")
    assert [a.get_text() for a in topic.select(".guide-list a")] == ["Sleep on it"]
    nav = [a.get_text(" ", strip=True) for a in topic.select("li.md-nav__item--active ul a")]
    assert "Sleep on it" in nav


def test_a_body_that_opens_with_key_value_lines_keeps_them(tmp_path: Path) -> None:
    # MkDocs reads 'Key: value' lines at the top of a page as metadata.
    project = make_project(tmp_path)
    article = project / "content/articles/say-thanks.md"
    opening = "Remember: they chose someone else.\nNote: not against you.\n"
    text = article.read_text(encoding="utf-8").replace("---\nThank them.", f"---\n{opening}Thank them.")
    article.write_text(text, encoding="utf-8")
    site = build(project)
    text = " ".join(soup(site, "articles/say-thanks/index.html").select_one("article").get_text(" ").split())
    assert "Remember: they chose someone else. Note: not against you. Thank them." in text


HOSTILE_TITLE = "</title><script>alert(1)</script> & \"quotes\""


def test_front_matter_strings_are_escaped_everywhere(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    article = project / "content/articles/say-thanks.md"
    text = article.read_text(encoding="utf-8").replace(
        "title: Say thanks", f"title: '{HOSTILE_TITLE}'"
    )
    article.write_text(text, encoding="utf-8")
    with (project / "content/topics.yml").open("a", encoding="utf-8") as topics:
        topics.write("- id: odd\n  title: '<img src=x onerror=alert(2)>'\n  summary: '<b>x</b>'\n")
    text = text.replace("topics: [never-burn-bridges]", "topics: [never-burn-bridges, odd]")
    article.write_text(text, encoding="utf-8")
    site = build(project)
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, page
        assert "<img src=x" not in html, page
    page = soup(site, "articles/say-thanks/index.html")
    assert page.title.get_text() == f"{HOSTILE_TITLE} - After the No"
    assert page.select_one("h1").get_text() == HOSTILE_TITLE
    nav_texts = [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary a")]
    assert HOSTILE_TITLE in nav_texts
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in index


def test_broken_content_fails_the_build_and_keeps_site(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    site = build(project)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    article = project / "content/articles/say-thanks.md"
    article.write_text(article.read_text().replace("topics:", "topic:"), encoding="utf-8")
    result = run_mkdocs(project, site, env={"GUIDE_PDFS": "0"})
    assert result.returncode != 0
    assert "content/articles/say-thanks.md:4: unknown key 'topic' in the article's front matter" \
        " — did you mean 'topics'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_topic_icons_show_on_cards_and_unknown_icons_fail_with_their_line(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    topics = project / "content/topics.yml"
    text = topics.read_text(encoding="utf-8")
    topics.write_text(
        text.replace("  summary: Leave the door open.\n",
                     "  summary: Leave the door open.\n  icon: material/bridge\n"),
        encoding="utf-8",
    )
    site = build(project)
    card = soup(site, "index.html").select(".guide-cards li")[1]
    assert card.select_one(".guide-cards__icon svg") is not None
    for bad, message in (
        ("material/no-such-icon", "the icon 'material/no-such-icon' is not one of the theme's icons"),
        ("../../../etc/passwd", "'icon' of topic 1 should be an icon name like 'material/heart-outline'"),
    ):
        topics.write_text(text.replace("  summary: Ask what held you back.\n",
                                       f"  summary: Ask what held you back.\n  icon: '{bad}'\n"),
                          encoding="utf-8")
        result = run_mkdocs(project, site, env={"GUIDE_PDFS": "0"})
        assert result.returncode != 0
        assert f"content/topics.yml:4: {message}" in result.stderr
        assert "Traceback" not in result.stderr


def test_every_page_names_every_nav_link_as_every_other_page_does(built_site: Path) -> None:
    """The build lets a page's text go once the page is written; later pages' navigation
    must still name it by its title (MkDocs answers None for a page without its text)."""
    names: dict[str, set[str]] = {}
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 50
    for file in pages:
        page = soup(built_site, file.relative_to(built_site).as_posix())
        for link in page.select("nav.md-nav--primary a.md-nav__link[href]"):
            target = (file.parent / link["href"]).resolve()
            names.setdefault(str(target), set()).add(" ".join(link.get_text(" ").split()))
    assert names
    unnamed = {target: found for target, found in names.items() if found & {"", "None"}}
    assert not unnamed, f"links named None or nothing: {sorted(unnamed)[:5]}"
    differing = {target: found for target, found in names.items() if len(found) > 1}
    assert not differing, f"pages named differently from page to page: {list(differing.items())[:3]}"


def test_every_stylesheet_parses_without_a_stray_brace_or_rule() -> None:
    """A brace out of place moves every rule after it out of (or into) its @media block
    without any error in a browser; parsed as a browser would, no sheet may have one."""
    import tinycss2

    sheets = sorted((Path(__file__).parent.parent / "docs" / "assets" / "stylesheets").glob("*.css"))
    assert len(sheets) >= 5
    for sheet in sheets:
        rules = tinycss2.parse_stylesheet(sheet.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True)
        errors = [f"{sheet.name}:{rule.source_line}: {rule.message}" for rule in rules if rule.type == "error"]
        assert not errors, errors
        for rule in rules:
            if rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content is not None:
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                errors = [f"{sheet.name}:{r.source_line}: {r.message}" for r in inner if r.type == "error"]
                assert not errors, errors
