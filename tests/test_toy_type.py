"""A new content type is one declaration plus its templates: the engine's guide, followed.

In a copy of the project, the steps of "Adding a content type" in
``hooks/guidekit/README.md`` are applied exactly as written there (its code
blocks are read from the README), adding a toy ``faq`` type to the real guide.
The result must build with ``--strict`` and be a whole type: pages, a list
page in the nav, a box on each article a question names, search, a schema,
``new``, ``check``'s count and ``path:line`` problems, with no engine file
changed besides the declaration module, and no PDF of the real site rendered
again.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, copy_project, html_page, run_mkdocs

GUIDE = ROOT / "hooks" / "guidekit" / "README.md"
DECLARATIONS = "hooks/guidekit/kinds.py"
FAQ = "faqs/is-it-too-late-to-reply"
LINKED = "articles/reply-with-grace/index.html"
"""An article the toy questions name (the first question does)."""
NOT_LINKED = "articles/fit-or-fault/index.html"


def steps() -> tuple[str, str, str, dict[str, str]]:
    """The declaration, its imports, the registry line and the files, as the README gives them."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("\n## Adding a content type\n", 1)[1].split("\n## ", 1)[0]
    declaration, imports, listed = re.findall(r"```python\n(.*?)```", section, re.S)
    files = dict(re.findall(r"^`([^`\n]+)`:\n\n```\w*\n(.*?)```", section, re.S | re.M))
    return declaration, imports, listed, files


def add_toy_type(project: Path) -> None:
    """Steps 1 to 4 of the README, in ``project``."""
    declaration, imports, listed, files = steps()
    kinds = project / DECLARATIONS
    source = kinds.read_text(encoding="utf-8")
    last_import = re.findall(r"^from \.schema import .*\n", source, re.M)[-1]
    registry = re.search(r"^CONTENT_TYPES: .*\n", source, re.M)
    assert registry is not None, "kinds.py no longer lists CONTENT_TYPES on one line"
    source = source.replace(last_import, last_import + imports, 1)
    source = source.replace(registry.group(0), f"{declaration}\n\n{listed}", 1)
    kinds.write_text(source, encoding="utf-8")
    for name, body in files.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")


def guidekit(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m guidekit`` with the project's own copy of the engine."""
    return subprocess.run(
        [sys.executable, "-m", "guidekit", *args, "--root", str(project)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(project / "hooks"), "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
        check=False,
    )


def cached_pdfs(project: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (project / ".cache" / "pdf").glob("*.pdf")}


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The real guide built with PDFs, then with the toy type added and built again."""
    project = copy_project(tmp_path_factory.mktemp("toy") / "project")
    if (ROOT / ".cache" / "pdf").is_dir():  # a warm cache saves rendering every PDF first
        shutil.copytree(ROOT / ".cache" / "pdf", project / ".cache" / "pdf")
    env = {"GUIDE_PDFS": "1", "PYTHONPATH": str(project / "hooks")}
    before = run_mkdocs(project, project / "site-before", env=env)
    assert before.returncode == 0, before.stderr
    pdfs_before = cached_pdfs(project)
    add_toy_type(project)
    after = run_mkdocs(project, project / "site", env=env)
    return {
        "project": project,
        "build": after,
        "pdfs_before": pdfs_before,
        "pdfs_after": cached_pdfs(project),
    }


def test_the_toy_type_builds_strict_and_prints_nothing_to_act_on(toy) -> None:
    build = toy["build"]
    assert build.returncode == 0, build.stderr
    # A build says only what an author should act on: no list of pages "not in the nav".
    assert "not included in the" not in build.stderr
    assert "WARNING" not in build.stderr


def test_only_the_declaration_module_of_the_engine_changed(toy) -> None:
    project: Path = toy["project"]
    changed = {}
    for path in sorted((ROOT / "hooks").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            name = path.relative_to(ROOT).as_posix()
            old = path.read_text(encoding="utf-8").splitlines()
            new = (project / name).read_text(encoding="utf-8").splitlines()
            diff = [line for line in difflib.unified_diff(old, new, lineterm="", n=0)]
            if diff:
                added = sum(1 for d in diff if d.startswith("+") and not d.startswith("+++"))
                removed = sum(1 for d in diff if d.startswith("-") and not d.startswith("---"))
                changed[name] = (added, removed)
    print(f"engine files changed by the toy type: {changed}")
    assert list(changed) == [DECLARATIONS]


def test_each_question_has_its_page_with_its_markdown_and_links(toy) -> None:
    site = toy["project"] / "site"
    page = html_page(site, f"{FAQ}/index.html")
    assert page.title.string.startswith("Is it too late to reply?")
    content = page.select_one("article.md-content__inner")
    assert content.select_one("p.guide-lead").get_text() == (
        "No. A short, warm reply is welcome a week or a month later."
    )
    assert content.select_one("strong").get_text() == "remembered"
    links = [a["href"] for a in content.select("#read-more ~ ul a")]
    assert links == ["../../articles/reply-with-grace/", "../../articles/send-a-thank-you-note/"]


def test_the_list_page_lists_every_question_and_the_nav_holds_it(toy) -> None:
    site = toy["project"] / "site"
    page = html_page(site, "faqs/index.html")
    listed = [a.get_text() for a in page.select("ul.guide-faqs a")]
    assert listed == ["Is it too late to reply?", "Should I ask why they said no?"]
    home = [a.get_text(" ", strip=True) for a in html_page(site, "index.html").select(".md-nav a")]
    assert home.index("Messages") < home.index("Questions") < home.index("About this advice")
    # The section opens on its own page (the nav is pruned to the current section).
    nav = [a.get_text(" ", strip=True) for a in page.select(".md-nav a")]
    assert nav[nav.index("Questions") + 1 :][:2] == listed


def test_a_linked_article_shows_the_questions_that_name_it(toy) -> None:
    site = toy["project"] / "site"
    box = html_page(site, LINKED).select_one("aside.guide-box--faq")
    assert box is not None
    assert [s.get_text() for s in box.select("summary")] == ["Is it too late to reply?"]
    # The question's own Markdown, rendered on the article by the |markdown filter.
    assert box.select_one("details strong").get_text() == "remembered"
    assert box.select_one("details a")["href"] == f"../../{FAQ}/"
    assert html_page(site, NOT_LINKED).select_one("aside.guide-box--faq") is None


def test_search_finds_the_questions(toy) -> None:
    index = json.loads((toy["project"] / "site" / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert f"{FAQ}/" in locations
    texts = " ".join(doc["text"] for doc in index["docs"] if doc["location"] == f"{FAQ}/")
    assert "welcome a week or a month later" in texts


def test_schema_new_and_check_know_the_type(toy, tmp_path: Path) -> None:
    project: Path = toy["project"]
    schema = guidekit(project, "schema", "--out", str(tmp_path))
    assert schema.returncode == 0, schema.stderr
    faqs = json.loads((tmp_path / "faqs.schema.json").read_text(encoding="utf-8"))
    assert faqs["required"] == ["title", "answer", "articles"]
    assert faqs["properties"]["articles"]["items"]["pattern"]

    checked = guidekit(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert "2 faqs" in checked.stdout

    made = guidekit(project, "new", "faq", "Can I apply again?")
    assert made.returncode == 0, made.stderr
    started = project / "content" / "faqs" / "can-i-apply-again.md"
    assert "created content/faqs/can-i-apply-again.md" in made.stdout
    text = started.read_text(encoding="utf-8")
    assert text.startswith("---\n") and "title: Can I apply again?" in text
    # The starter leaves what only its author can write empty: check names each at its line.
    lines = text.splitlines()
    problems = guidekit(project, "check").stderr.splitlines()
    started.unlink()
    where = "content/faqs/can-i-apply-again.md"
    assert f"{where}:{lines.index('answer:') + 1}: 'answer' has no value" in "\n".join(problems)
    assert f"{where}:{lines.index('articles:') + 1}: 'articles' has no value" in "\n".join(
        problems
    )


def test_broken_questions_are_reported_at_their_lines(toy) -> None:
    project: Path = toy["project"]
    folder = project / "content" / "faqs"
    broken = {
        # A file that fails its own keys is left out; the next checks its references.
        "a-two-line-title.md": 'title: "Two\\nlines"\nanswer: Yes.\narticles: [reply-with-grace]\n',
        "an-unknown-article.md": "title: Which one?\nanswer: Yes.\narticles: [reply-with-grac]\n",
    }
    for name, front_matter in broken.items():
        (folder / name).write_text(f"---\n{front_matter}---\nText.\n", encoding="utf-8")
    try:
        checked = guidekit(project, "check")
    finally:
        for name in broken:
            (folder / name).unlink()
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == [
        "content/faqs/a-two-line-title.md:2: 'title' holds a line break — write it all on one"
        " line (no '|' block, no \\n or \\r in quotes)",
        "content/faqs/an-unknown-article.md:4: unknown article 'reply-with-grac' in 'articles'"
        " — did you mean 'reply-with-grace'?",
        "2 content problems — fix the lines above and build again",
    ]


def test_adding_the_type_renders_none_of_the_real_sites_pdfs_again(toy) -> None:
    assert toy["pdfs_before"], "the first build made no PDF"
    assert toy["pdfs_after"] == toy["pdfs_before"]
    assert "Rendered" not in toy["build"].stderr
