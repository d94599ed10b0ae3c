"""Profile one guide build and pick out where the hooks spend their time.

The build runs as ``python -m cProfile -o … -m mkdocs build`` so it is the
same process as a timed build, only slower by the profiler's overhead;
figures are comparable with each other, not with the timed builds.
"""

from __future__ import annotations

import pstats
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import runner


@dataclass(frozen=True)
class Row:
    """One function in a profile."""

    where: str
    """``file:line(function)``, the file relative to the project."""
    calls: int
    own: float
    """Seconds in the function itself."""
    cumulative: float
    """Seconds in the function and everything it called."""
    what: str = ""
    """What the function stands for, for the phase table."""


@dataclass(frozen=True)
class Profile:
    total: float
    """Profiled seconds of the whole build."""
    hooks: list[Row]
    """The hooks' own functions, by cumulative time."""
    templates: list[Row]
    """The guide's Jinja templates (compiled to functions named after their files)."""
    phases: list[Row]
    """MkDocs', Material's and the hooks' entry points, to show the split of the build."""
    path: Path
    """The saved profile, for ``python -m pstats``."""


PHASES = {
    ("mkdocs/commands/build.py", "_populate_page"):
        "MkDocs: each page's Markdown to HTML, with the guide's on_page_content",
    ("mkdocs/commands/build.py", "_build_page"):
        "MkDocs: each page's template, search indexing and writing",
    ("mkdocs/structure/pages.py", "render"): "Python-Markdown conversion of the page bodies",
    ("material/templates/base.html", "block_site_nav"):
        "the navigation in every page (Material's base template, the guide's nav-item partial)",
    ("material/plugins/search/plugin.py", "on_page_context"): "search plugin indexing each page's HTML",
    ("material/plugins/search/plugin.py", "on_post_build"): "search plugin writing its index",
    ("guide_hooks.py", "on_config"): "hooks: load and validate content/",
    ("guide_hooks.py", "on_page_content"): "hooks: the guide's generated pages and article heads",
    ("guide_hooks.py", "on_page_context"): "hooks: article boxes, added after search has read the page",
    ("jinja2/environment.py", "render"): "all Jinja rendering (Material's templates and the guide's)",
}
"""(file suffix, function) → what it is: the cumulative times that split the build into parts."""


def profile_build(project: Path, work: Path, top: int = 15) -> Profile:
    """Profile a strict build of ``project`` with PDFs off and summarise it."""
    output = work / "profile.prof"
    runner.mkdocs_build(project, work / "site", work / "profile.log",
                        runner.build_env(GUIDE_PDFS="0"),
                        python_args=("-m", "cProfile", "-o", str(output)))
    shutil.rmtree(work / "site", ignore_errors=True)
    stats = pstats.Stats(str(output))
    entries = stats.stats  # type: ignore[attr-defined]
    hooks, templates, phases = [], [], []
    for (filename, line, name), (_, calls, own, cumulative, _) in entries.items():
        for folder, rows in (("hooks/", hooks), ("overrides/", templates)):
            if f"/{folder}" in filename and "site-packages" not in filename:
                where = f"{folder}{filename.rsplit('/' + folder, 1)[1]}:{line}({name})"
                rows.append(Row(where, calls, own, cumulative))
        for (suffix, function), what in PHASES.items():
            if filename.endswith(suffix) and name == function:
                phases.append(Row(f"{suffix}:{line}({name})", calls, own, cumulative, what))
    for rows in (hooks, templates, phases):
        rows.sort(key=lambda r: r.cumulative, reverse=True)
    return Profile(stats.total_tt, hooks[:top], templates[:5], phases, output)  # type: ignore[attr-defined]
