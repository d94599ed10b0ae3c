"""The site's JavaScript is held to the Python's standard: ESLint clean, and unit tests.

ESLint (eslint.config.js: the recommended rules, browser ES modules) and the
pinned tools come from package-lock.json (``npm ci``, run by ``make test``).
The unit tests (tests/js/*.test.js, ``node --test``) cover the pure parts: the
calendar file's text, dates, the store's validation of what it reads and
loads, and the applications log's stages, staleness, order and drop-out summary. They get the engine's patterns for ids and placeholders from guidekit,
as every page does, so the browser and the build agree by construction.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from guidekit.contract import PLACEHOLDER_NAME
from guidekit.schema import KEBAB
from tests.support import ROOT, require

ESLINT = ROOT / "node_modules" / ".bin" / "eslint"
UNIT_TESTS = sorted((ROOT / "tests" / "js").glob("*.test.js"))


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    require(found is not None and ESLINT.exists(), "node and the npm tools (npm ci) are needed")
    assert found is not None
    return found


def run(command: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})}, check=False)


def test_eslint_lints_every_script_and_finds_nothing(node: str) -> None:
    result = run([node, str(ESLINT), "--max-warnings", "0", "--format", "json", "."])
    report = json.loads(result.stdout or "[]")
    findings = [
        f"{Path(entry['filePath']).relative_to(ROOT)}:{m.get('line', 0)}: {m['message']}"
        f" ({m.get('ruleId')})"
        for entry in report
        for m in entry["messages"]
    ]
    assert result.returncode == 0 and not findings, "\n".join(findings) or result.stderr
    # Every script the site ships, and the offline worker, was linted (not skipped by a glob).
    linted = {Path(entry["filePath"]).relative_to(ROOT).as_posix() for entry in report}
    scripts = {p.relative_to(ROOT).as_posix() for p in (ROOT / "docs" / "assets").rglob("*.js")}
    assert scripts, "no scripts found"
    assert scripts | {"hooks/guidekit/offline-worker.js"} <= linted


def test_node_unit_tests_pass(node: str) -> None:
    assert UNIT_TESTS, "no tests/js/*.test.js"
    patterns = json.dumps({"id": KEBAB.pattern, "placeholder": PLACEHOLDER_NAME.pattern})
    result = run([node, "--test", *map(str, UNIT_TESTS)], env={"GUIDE_PATTERNS": patterns})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    passed = re.search(r"^# pass (\d+)$", output, re.MULTILINE)
    failed = re.search(r"^# fail (\d+)$", output, re.MULTILINE)
    assert passed and failed and int(passed[1]) >= 30 and failed[1] == "0", output


def test_the_site_serves_each_script_minified_and_otherwise_unchanged(node: str, built_site: Path) -> None:
    """The build strips comments and spaces (guidekit.assets); what it serves must read as
    exactly the same tokens as the source, text in strings and templates included."""
    sources = sorted((ROOT / "docs" / "assets" / "javascripts").glob("*.js"))
    assert len(sources) > 10
    same = str(ROOT / "tests" / "js" / "same-tokens.js")
    for source in sources:
        served = built_site / "assets" / "javascripts" / source.name
        text = served.read_text(encoding="utf-8")
        assert len(text) < 0.8 * source.stat().st_size, f"{source.name} is served as written"
        assert not re.search(r"^\s*//|/\*\*", text, re.M), f"{source.name} keeps its comments"
        result = run([node, same, str(source), str(served)])
        assert result.returncode == 0, f"served {source.name} differs from its source: {result.stdout}"
    # The offline worker too: a classic script, its logic from guidekit/offline-worker.js
    # after the line of build data.
    worker = built_site / "sw.js"
    logic = worker.with_name("sw-logic.js")
    logic.write_text(worker.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    result = run([node, same, str(ROOT / "hooks" / "guidekit" / "offline-worker.js"), str(logic), "script"])
    logic.unlink()
    assert result.returncode == 0, f"served sw.js differs from offline-worker.js: {result.stdout}"
