"""Installs come from the hash-locked files in requirements/, and follow them when they change."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support import ROOT

LOCKS = ("site", "test", "uv")


def pins(lock: str) -> dict[str, list[tuple[Requirement, str]]]:
    """The requirements of ``requirements/<lock>.txt``, each line joined with its continuations."""
    text = (ROOT / "requirements" / f"{lock}.txt").read_text(encoding="utf-8").replace("\\\n", " ")
    result: dict[str, list[tuple[Requirement, str]]] = {}
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            requirement = Requirement(line.split(" --hash=")[0].strip())
            result.setdefault(canonicalize_name(requirement.name), []).append((requirement, line))
    return result


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_package_has_one_version_and_hashes(lock: str) -> None:
    for name, entries in pins(lock).items():
        for requirement, line in entries:
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", line
            assert "--hash=sha256:" in line, f"{name} has no hash"


def test_the_locks_honour_the_ranges_in_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    site, test = pins("site"), pins("test")
    for lock, wanted in ((site, project["dependencies"]),
                         (test, project["dependencies"] + project["optional-dependencies"]["test"])):
        for line in wanted:
            wish = Requirement(line)
            entries = lock[canonicalize_name(wish.name)]
            for requirement, _ in entries:
                version = next(iter(requirement.specifier)).version
                assert wish.specifier.contains(version, prereleases=True), (line, version)
    for name, entries in site.items():  # the test lock adds packages, never other versions
        assert [r for r, _ in test[name]] == [r for r, _ in entries], name


def test_this_environment_is_the_test_lock() -> None:
    for name, entries in pins("test").items():
        for requirement, _ in entries:
            if requirement.marker is None or requirement.marker.evaluate():
                assert metadata.version(name) == next(iter(requirement.specifier)).version, name


def make_dry_run(project: Path, *targets: str) -> str:
    result = subprocess.run(["make", "--dry-run", *targets], cwd=project, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_installs_from_the_lock_and_again_when_it_changes(tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    for name in ("Makefile", "pyproject.toml", "package-lock.json", "requirements"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, tmp_path / name)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").touch()

    fresh = make_dry_run(tmp_path, "site")
    assert "--require-hashes --no-deps -r requirements/site.txt" in fresh
    assert "--no-deps --no-build-isolation -e ." in fresh
    # Pretend that install ran: make runs the recipe's last line, which writes the stamp.
    (stamp,) = [line.split("touch ")[-1] for line in fresh.splitlines() if "touch " in line]
    (tmp_path / stamp).touch()
    assert "pip" not in make_dry_run(tmp_path, "site")

    with (tmp_path / "requirements" / "site.txt").open("a", encoding="utf-8") as lock:
        lock.write("# a refreshed lock\n")
    assert "-r requirements/site.txt" in make_dry_run(tmp_path, "site")
    assert "-r requirements/test.txt" in make_dry_run(tmp_path, "test")
