"""``new``: a starting file that ``check`` accepts once its author has written it.

Each test runs the real command in a copy of the content, then the real
``check``, and reads what both printed and wrote.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from guidekit.kinds import CONTENT_TYPES
from guidekit.scaffold import TEMPLATES, slugify

from tests.support import copy_project

FOLDERS = {kind.noun: kind.name for kind in CONTENT_TYPES}

# What the author must write in each new file: the empty key, as check names
# it, and the words that fill it in.
BLANKS = {
    "article": {"summary": "One sentence.", "topics": "[feedback]"},
    "worksheet": {"summary": "One sentence.", "topics": "[feedback]", "fields[1].label": "Why?"},
    "situation": {"summary": "One sentence."},
    "message": {"summary": "One sentence.", "to": "employer", "subject": "A short subject"},
}
COMMENTED_KEY = re.compile(r"^(\s*)# (\s*(?:- )?[a-z]+: .*)$", re.MULTILINE)
"""A key the starting file shows commented out: '# order: 100', '#   - id: …'."""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    # check reads the guide's settings, so the copy needs mkdocs.yml and what it names.
    return copy_project(tmp_path)


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guidekit", *args, "--root", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def problems_in(output: str, path: str) -> dict[int, str]:
    """check's problems for one file, by line."""
    found = {}
    for line in output.splitlines():
        if line.startswith(f"{path}:"):
            number, message = line.removeprefix(f"{path}:").split(": ", 1)
            found[int(number)] = message
    return found


def line_of(text: str, key: str) -> int:
    """The line of an empty key: 'summary:' or, for 'fields[1].label', 'label:'."""
    name = key.rsplit(".", 1)[-1]
    lines = text.splitlines()
    return next(i for i, line in enumerate(lines, 1) if re.fullmatch(rf"\s*{name}:", line))


@pytest.mark.parametrize("noun", list(TEMPLATES))
def test_new_file_passes_check_but_for_what_the_author_writes(project: Path, noun: str) -> None:
    created = run(project, "new", noun, "Straße: a café's first step")
    path = f"content/{FOLDERS[noun]}/strasse-a-cafe-s-first-step.md"
    assert created.returncode == 0, created.stderr
    assert created.stdout.splitlines()[0] == f"created {path}"
    assert "python -m guidekit check" in created.stdout  # the next step
    text = (project / path).read_text(encoding="utf-8")

    checked = run(project, "check")
    assert checked.returncode == 1
    named = problems_in(checked.stderr, path)
    body_line = len(text.splitlines()) + 1
    expected = {line_of(text, key): f"'{key}' has no value" for key in BLANKS[noun]}
    expected[body_line] = "the body is empty"
    assert {line: message.split(" — ")[0] for line, message in named.items()} == expected
    # Nothing else in the guide is wrong.
    others = [line for line in checked.stderr.splitlines()[:-1] if not line.startswith(path)]
    assert others == []

    # Written, with every optional key the comments show put to use, it is valid.
    for key, value in BLANKS[noun].items():
        name = key.rsplit(".", 1)[-1]
        text = re.sub(rf"^(\s*){name}:$", rf"\g<1>{name}: {value}", text, count=1, flags=re.MULTILINE)
    text = COMMENTED_KEY.sub(r"\1\2", text) + "The text of the page.\n"
    (project / path).write_text(text, encoding="utf-8")
    checked = run(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("content is valid")


def test_a_situation_starts_from_an_existing_action(project: Path) -> None:
    assert run(project, "new", "situation", "Heard at last").returncode == 0
    text = (project / "content/situations/heard-at-last.md").read_text(encoding="utf-8")
    action = re.search(r"^    action: ([a-z0-9-]+)", text, re.MULTILINE)
    assert action, text
    articles = "".join(p.read_text("utf-8") for p in (project / "content/articles").glob("*.md"))
    assert f"- id: {action.group(1)}\n" in articles


def test_new_never_overwrites(project: Path) -> None:
    assert run(project, "new", "article", "Keep going").returncode == 0
    path = project / "content/articles/keep-going.md"
    path.write_text("the author's words\n", encoding="utf-8")
    again = run(project, "new", "article", "Keep going!")
    assert again.returncode == 1
    assert again.stderr.startswith("content/articles/keep-going.md already exists — ")
    assert path.read_text(encoding="utf-8") == "the author's words\n"


@pytest.mark.parametrize(
    ("noun", "title", "reason"),
    [
        ("article", "Index", "the file name 'index' is reserved: "),
        ("worksheet", "Workbook", "the file name 'workbook' is reserved: "),
        ("message", "面试之后", "the title '面试之后' has no letters a-z or digits"),
        ("situation", "x" * 81, "'title' is 81 characters long, over the limit of 80"),
    ],
)
def test_new_refuses_a_name_it_cannot_use(project: Path, noun: str, title: str, reason: str) -> None:
    before = sorted(p.name for p in (project / "content" / FOLDERS[noun]).iterdir())
    result = run(project, "new", noun, title)
    assert result.returncode == 1
    assert result.stderr.startswith(reason)
    assert sorted(p.name for p in (project / "content" / FOLDERS[noun]).iterdir()) == before


def test_slug_can_be_given(project: Path) -> None:
    result = run(project, "new", "message", "面试之后", "--slug", "after-the-interview")
    assert result.returncode == 0, result.stderr
    assert (project / "content/messages/after-the-interview.md").exists()
    bad = run(project, "new", "message", "Anything", "--slug", "Not_Kebab")
    assert bad.returncode == 1
    assert bad.stderr.startswith("the file name 'Not_Kebab' must be kebab-case")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Send a thank-you note", "send-a-thank-you-note"),
        ("Café: après l'entretien", "cafe-apres-l-entretien"),
        ("Straße, Æsir and Øresund", "strasse-aesir-and-oresund"),
        ("  --Hello,   World!!  ", "hello-world"),
        ("Ask again in 2025", "ask-again-in-2025"),
        ("面试之后", ""),
        ("a" * 70, "a" * 64),
    ],
)
def test_slug_from_title(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_a_long_title_is_cut_at_a_word() -> None:
    title = "What to do when the recruiter who promised to call you back never does"
    slug = slugify(title)
    assert len(slug) <= 64
    assert slug == "what-to-do-when-the-recruiter-who-promised-to-call-you-back"


def test_every_content_type_has_a_starting_file() -> None:
    assert set(TEMPLATES) == set(FOLDERS)


def test_new_applications_log_passes_check_and_builds_a_page(project: Path) -> None:
    log = project / "content" / "applications.yml"
    log.unlink()
    result = run(project, "new", "applications", "My job hunt: the log")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("created content/applications.yml\n")
    text = log.read_text(encoding="utf-8")
    assert text.splitlines()[3] == 'title: "My job hunt: the log"'  # quoted: it holds ': '
    check = run(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    # Its 'No' opens a situation that exists in this content.
    situation = re.search(r"paths: \[([a-z0-9-]+)\]", text)
    assert situation and (project / "content/situations" / f"{situation.group(1)}.md").is_file()


def test_new_applications_log_never_overwrites(project: Path) -> None:
    log = project / "content" / "applications.yml"
    before = log.read_text(encoding="utf-8")
    again = run(project, "new", "applications", "Your applications")
    assert again.returncode == 1
    assert again.stderr.startswith("content/applications.yml already exists — ")
    assert log.read_text(encoding="utf-8") == before
