"""The engine and its MkDocs adapter (hooks/) pass ruff's lint, ruff's format and mypy --strict.

The rules, the line length and the strictness are in pyproject.toml; an exception
kept in the code says why beside it. Running the tools here makes `make test`
fail on a new finding, with the tool's own report as the failure message.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from tests.support import ROOT, require

CHECKS = {
    "ruff check": ("ruff", ["check", "hooks"]),
    "ruff format": ("ruff", ["format", "--check", "--diff", "hooks"]),
    "mypy": ("mypy", ["hooks"]),
}


@pytest.mark.parametrize("name", CHECKS)
def test_hooks_pass(name: str) -> None:
    tool, args = CHECKS[name]
    require(
        importlib.util.find_spec(tool) is not None,
        f"{tool} is not installed, so '{name}' cannot run (make test-tools installs it)",
    )
    # The venv's own interpreter runs the tool, so it is the locked version and
    # mypy sees the packages the engine imports.
    done = subprocess.run(
        [sys.executable, "-m", tool, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = f"{done.stdout}\n{done.stderr}".strip()
    assert done.returncode == 0, f"'{name} hooks' found problems:\n{report}"
