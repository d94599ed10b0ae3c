"""``make site`` publishes a site that deploys: readable modes, one-step swap, nothing left over.

Kills are real: the build runs in its own process, which ends with
``os._exit`` (no ``finally``, no cleanup) at each step of publishing, or
with SIGKILL while MkDocs writes.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guidekit import __main__ as cli
from tests.test_no_half_built import leftovers, make_project, make_site, previous_site
from tests.support import tree_digests as snapshot

NO_PDFS = {"GUIDE_PDFS": "0"}

KILL_AT = {
    # Each puts an os._exit(9) into one step of ``python -m guidekit build``.
    "folder-made": "subprocess.run = lambda *a, **k: os._exit(9)",
    "site-built": "run = subprocess.run\n"
                  "subprocess.run = lambda *a, **k: (run(*a, **k), os._exit(9))",
    "before-swap": "publish.exchange = lambda *a: os._exit(9)",
    "after-swap": "exchange = publish.exchange\n"
                  "publish.exchange = lambda *a: (exchange(*a), os._exit(9))",
    "removing-old-site": "def rmtree(path, **k):\n"
                         "    next(p for p in Path(path).rglob('*') if p.is_file()).unlink()\n"
                         "    os._exit(9)\n"
                         "shutil.rmtree = rmtree",
}
DRIVER = """\
import os, shutil, subprocess, sys
from pathlib import Path
from guidekit import publish
{patch}
from guidekit.__main__ import main
sys.exit(main(["build", "--root", sys.argv[1]]))
"""


@pytest.mark.parametrize("umask", [0o022, 0o027], ids=["umask-022", "umask-027"])
def test_site_files_and_folders_get_the_modes_of_the_umask(tmp_path: Path, umask: int) -> None:
    project = make_project(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "guidekit", "build", "--root", str(project)],
        capture_output=True, text=True, timeout=600, preexec_fn=lambda: os.umask(umask),
    )
    assert result.returncode == 0, result.stderr
    site = project / "site"
    paths = [site, *site.rglob("*")]
    assert any(path.suffix == ".pdf" for path in paths)  # copied from the PDF cache
    for path in paths:
        expected = (0o777 if path.is_dir() else 0o666) & ~umask
        assert stat.S_IMODE(path.stat().st_mode) == expected, (path, oct(path.stat().st_mode))


def test_site_exists_at_every_step_of_publishing(tmp_path: Path, monkeypatch) -> None:
    project = make_project(tmp_path)
    previous_site(project)
    site = project / "site"
    monkeypatch.setenv("GUIDE_PDFS", "0")
    seen: list[tuple[str, bool]] = []
    _WATCH[:] = [lambda event: seen.append((event, site.is_dir()))]
    try:
        assert cli.build(project, Path("site"), []) == 0
    finally:
        _WATCH.clear()
    seen.append(("end", site.is_dir()))
    assert "shutil.rmtree" in {event for event, _ in seen}  # the old site was deleted
    assert [event for event, present in seen if not present] == []
    assert (site / "articles" / "say-thanks" / "index.html").is_file()
    assert leftovers(project) == []


_WATCH: list = []


def _audit(event: str, args: tuple) -> None:
    # Before every change to the file system, note whether site/ is there.
    if _WATCH and event in ("os.rename", "os.replace", "os.remove", "os.rmdir", "os.mkdir",
                            "shutil.rmtree", "os.symlink"):
        _WATCH[0](event)


sys.addaudithook(_audit)


@pytest.mark.parametrize("step", KILL_AT)
def test_a_build_killed_at_any_step_leaves_a_whole_site(tmp_path: Path, step: str) -> None:
    project = make_project(tmp_path)
    old = previous_site(project)
    script = DRIVER.format(patch=KILL_AT[step])

    killed = subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True,
                            text=True, timeout=600, env={**os.environ, **NO_PDFS})

    assert killed.returncode == 9, killed.stderr
    after_kill = snapshot(project / "site")
    assert make_site(project, NO_PDFS).returncode == 0
    new = snapshot(project / "site")
    assert after_kill in (old, new), f"{step}: site/ is neither the old nor the new site"
    assert leftovers(project) == []


def test_a_build_killed_while_mkdocs_writes_keeps_the_old_site(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    old = previous_site(project)
    build = subprocess.Popen(
        [sys.executable, "-m", "guidekit", "build", "--root", str(project)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        env={**os.environ, **NO_PDFS},
    )
    deadline = time.monotonic() + 120
    while not any(project.glob("site.build-*/**/*.html")):
        assert build.poll() is None and time.monotonic() < deadline, "the build never wrote"
        time.sleep(0.01)
    os.killpg(build.pid, signal.SIGKILL)  # the build and MkDocs under it
    build.wait(timeout=30)

    assert snapshot(project / "site") == old
    assert make_site(project, NO_PDFS).returncode == 0
    assert (project / "site" / "articles" / "say-thanks" / "index.html").is_file()
    assert leftovers(project) == []


def test_a_build_running_beside_keeps_its_folder(tmp_path: Path) -> None:
    from guidekit import publish

    project = make_project(tmp_path)
    with publish.staging(project / "site") as mine:
        (mine / "index.html").write_text("in progress", encoding="utf-8")
        publish.remove_stale(project / "site")  # what a second build does first
        assert (mine / "index.html").read_text(encoding="utf-8") == "in progress"
    assert leftovers(project) == []
