"""Every broken input gets exact ``path:line: message`` lines, a failed build and no traceback.

Each folder in ``tests/cases/broken/`` is one case: files that replace or add
to a small valid content tree (:data:`BASE`), and ``expected.txt`` with the
exact lines ``python -m guidekit check`` must print (empty: the content is
valid). See ``tests/cases/broken/README.md`` for the other control files.
Cases holding a ``build`` file also run a real ``mkdocs build --strict``,
which must fail with the same lines and leave the previous site/ untouched.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.support import ROOT, copy_project, run_mkdocs
from tests.support import tree_digests as snapshot

CASES = ROOT / "tests" / "cases" / "broken"
CONTROL_FILES = {"expected.txt", "build", "remove.txt", "grow.txt"}
SECONDS = 10
"""Longest a check may take, even for an alias bomb or a 10 MB article."""
PREVIOUS_SITE = {"index.html": "the previous build", "articles/old/index.html": "old page"}

BASE = {
    "topics.yml": """\
# Topics, in site order.
- id: feedback
  title: Ask for feedback
  summary: Ask the people who decided what held you back.
- id: never-burn-bridges
  title: Never burn bridges
  summary: Keep the door open.
  icon: material/bridge
- id: dont-put-all-eggs-in-one-basket
  title: Don't put all your eggs in one basket
  summary: Keep several applications going.
""",
    "articles/reply-with-grace.md": """\
---
title: Reply with grace
summary: What to say when the no arrives.
topics: [never-burn-bridges]
actions:
  - id: reply-within-a-day
    text: Reply within a day
    when: today
    section: how-to-reply
related: [ask-for-feedback]
worksheets: [follow-up-plan]
---
A short reply keeps the door open.

## How to reply

Thank them, and keep it short.
""",
    "articles/ask-for-feedback.md": """\
---
title: Ask for feedback
summary: One short question after a rejection.
topics: [feedback, never-burn-bridges]
actions:
  - id: send-feedback-request
    text: Send one short question
    when: this-week
order: 10
---
Ask one question, by email.
""",
    "worksheets/follow-up-plan.md": """\
---
title: Follow-up plan
summary: Plan your replies.
topics: [never-burn-bridges]
articles: [reply-with-grace]
minutes: 10
fields:
  - id: notes
    type: lines
    label: Notes
    lines: 3
---
Fill this in after the news.
""",
    "situations/after-an-interview.md": """\
---
title: They said no after my interview
summary: A short path for the weeks after the news.
steps:
  - day: 0
    action: reply-within-a-day
    note: Once you feel calm.
  - day: 7
    action: send-feedback-request
counts_from: the day you heard
---
Often the choice was close.
""",
    "messages/reply-to-a-rejection.md": """\
---
title: Reply to a rejection
summary: A short, warm reply once you are calm.
to: employer
subject: "Thank you: [role]"
placeholders: [contact name, role, your name]
---
Dear [contact name],

Thank you for letting me know about the [role] role.

Best wishes,
[your name]
""",
}
"""A small valid guide that every case starts from."""


SETTINGS = """\
site_name: Broken input
theme:
  name: material
extra:
  guide:
    required_topics:
      feedback: Ask for feedback
      never-burn-bridges: Never burn bridges
      dont-put-all-eggs-in-one-basket: Don't put all your eggs in one basket
"""
"""The guide settings the check reads from mkdocs.yml: the real guide's required topics."""


def case_names() -> list[str]:
    return sorted(path.name for path in CASES.iterdir() if path.is_dir())


YAML_CASE = re.compile(r"yaml-|alias|duplicate-key|custom-tags|python-object-tag|non-text-keys|front-matter-")
"""Cases about reading YAML itself: they run under both of PyYAML's parsers."""
PARSERS = {
    # The C parser (libyaml) is what a normal install uses; its wording, look-ahead and
    # limits differ from the pure-Python one, which runs where libyaml is missing.
    "libyaml": "CSafeLoader",
    "pure-python": "SafeLoader",
}
CHECK_WITH = (
    "import sys, yaml; from guidekit import yamlsafe;"
    " yamlsafe.Loader = getattr(yaml, sys.argv.pop(1));"
    " from guidekit.__main__ import main; sys.exit(main())"
)
"""``python -m guidekit`` with the YAML parser named by the first argument."""


def parser_cases() -> list:
    return [
        pytest.param(name, parser, id=f"{name}-{parser}")
        for name in case_names()
        if YAML_CASE.match(name)
        for parser in PARSERS
    ]


def make_content(case: Path, content: Path) -> None:
    """Write :data:`BASE` into ``content``, then apply the case's files to it."""
    for name, text in BASE.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
    for name in _lines(case / "remove.txt"):
        (content / name).unlink()
    for source in sorted(case.rglob("*")):
        name = source.relative_to(case).as_posix()
        if source.is_file() and name not in CONTROL_FILES:
            (content / name).parent.mkdir(parents=True, exist_ok=True)
            (content / name).write_bytes(source.read_bytes())
    for entry in _lines(case / "grow.txt"):
        name, size = entry.rsplit(" ", 1)
        _grow(content / name, int(size))


def _lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _grow(path: Path, size: int) -> None:
    """Repeat the file's last line until it is ``size`` bytes long."""
    data = path.read_bytes()
    line = data.rstrip(b"\n").rsplit(b"\n", 1)[-1] + b"\n"
    count = max(0, size - len(data)) // len(line) + 1
    path.write_bytes(data + line * count)


@pytest.mark.parametrize("name", case_names())
def test_broken_input(name: str, tmp_path: Path) -> None:
    _check_case(name, tmp_path, [sys.executable, "-m", "guidekit"])


@pytest.mark.parametrize(("name", "parser"), parser_cases())
def test_yaml_input_under_each_parser(name: str, parser: str, tmp_path: Path) -> None:
    """The author reads the same lines whichever parser PyYAML has."""
    if not hasattr(yaml, PARSERS[parser]):
        pytest.skip("PyYAML was installed without libyaml")
    _check_case(name, tmp_path, [sys.executable, "-c", CHECK_WITH, PARSERS[parser]], build=False)


def _check_case(name: str, tmp_path: Path, command: list[str], build: bool = True) -> None:
    case = CASES / name
    project = tmp_path / "project"
    make_content(case, project / "content")
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(SETTINGS, encoding="utf-8")
    expected = _lines(case / "expected.txt")
    before = snapshot(project)

    started = time.monotonic()
    result = subprocess.run(
        [*command, "check", "--root", str(project)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    elapsed = time.monotonic() - started

    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert elapsed < SECONDS, f"the check took {elapsed:.1f} s"
    # Nothing in the content ran or wrote anything (think !!python/object).
    assert snapshot(project) == before
    if expected:
        assert result.returncode == 1, output
        *problems, summary = result.stderr.splitlines()
        assert problems == expected
        assert _counted(summary) >= len(expected), summary
    else:
        assert result.returncode == 0, output
        assert result.stderr == ""

    if build and (case / "build").exists():
        _check_real_build(project, expected)


def _counted(summary: str) -> int:
    """The number in the closing line, '3 content problems — fix the lines above …'."""
    match = re.fullmatch(r"(\d+) content problems? — fix the lines above and build again", summary)
    assert match, summary
    return int(match.group(1))


def _check_real_build(project: Path, expected: list[str]) -> None:
    """A real strict build fails with the same lines and leaves site/ as it was."""
    # The real project's settings and pages replace the check's stand-ins.
    shutil.rmtree(project / "docs")
    (project / "mkdocs.yml").unlink()
    copy_project(project, content=False)
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    site = project / "site"
    for name, text in PREVIOUS_SITE.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    before = snapshot(site)

    result = run_mkdocs(project, site, env={"GUIDE_PDFS": "0"})

    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    if not expected:
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
        return
    assert result.returncode != 0
    errors = [
        line.split("-  ", 1)[1] for line in result.stderr.splitlines() if line.startswith("ERROR")
    ]
    assert errors[:-1] == expected, result.stderr
    assert _counted(errors[-1]) >= len(expected), result.stderr
    assert snapshot(site) == before
