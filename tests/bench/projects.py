"""The MkDocs projects the benchmark builds, each in a folder of its own.

- **guide**: copies of the real ``mkdocs.yml``, ``hooks/``, ``overrides/`` and
  ``docs/`` with a synthetic ``content/``.
- **baseline**: the same articles as ordinary Markdown pages in a plain
  Material site — the real ``mkdocs.yml`` without hooks, theme overrides or
  the guide's own CSS and JS, with the same topic sections (each opened by an
  index page listing its articles) and the same theme features, including
  ``navigation.prune``, search and Markdown extensions.
- **real**: a copy of the project as it is, content included.

All three are made from one snapshot of the project taken at the start of a
run, so an edit made while the benchmark runs cannot mix two versions.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.support import copy_project

from . import synth

SITE_SOURCES = ("mkdocs.yml", "docs", "overrides", "hooks")

BASELINE_DROPS = ("hooks", "watch", "extra", "extra_css", "extra_javascript", "nav")
"""Top-level settings of mkdocs.yml that belong to the guide, not to plain Material."""


def snapshot(target: Path) -> Path:
    """Copy the project's site sources and content once, so every build of a run uses the same code."""
    copy_project(target, content=True)
    shutil.rmtree(target / "hooks" / "guidekit.egg-info", ignore_errors=True)
    return target


def _copy(sources: Path, target: Path, names: tuple[str, ...]) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        if (sources / name).is_dir():
            shutil.copytree(sources / name, target / name)
        else:
            shutil.copy2(sources / name, target / name)
    return target


def guide_project(target: Path, guide: synth.Synthetic, sources: Path) -> Path:
    """The real site's sources with ``guide`` as its content."""
    _copy(sources, target, SITE_SOURCES)
    synth.write(guide, target / "content")
    return target


def baseline_project(target: Path, guide: synth.Synthetic, sources: Path) -> Path:
    """A plain Material site of the same articles in the same nav sections."""
    docs = target / "docs"
    (docs / "articles").mkdir(parents=True)
    shutil.copy2(sources / "docs" / "assets" / "favicon.svg", docs / "favicon.svg")
    members: dict[str, list[dict]] = {t["id"]: [] for t in guide.topics}
    primary: dict[str, list[dict]] = {t["id"]: [] for t in guide.topics}
    for article in sorted(guide.articles, key=lambda a: (a["order"], a["title"].casefold(), a["slug"])):
        primary[article["topics"][0]].append(article)
        for topic in article["topics"]:
            members[topic].append(article)
        page = f"---\ntitle: {article['title']}\n---\n{article['summary']}\n\n{article['body']}"
        (docs / "articles" / f"{article['slug']}.md").write_text(page, encoding="utf-8")
    nav = ["nav:", "  - Home: index.md"]
    home = ["# After the No", "", "A plain Material site of the benchmark's articles.", ""]
    for topic in guide.topics:
        index = docs / "topics" / topic["id"] / "index.md"
        index.parent.mkdir(parents=True)
        lines = [f"# {topic['title']}", "", topic["summary"], "", "## Articles", ""]
        lines += [f"- [{a['title']}](../../articles/{a['slug']}.md) — {a['summary']}"
                  for a in members[topic["id"]]]
        index.write_text("\n".join(lines) + "\n", encoding="utf-8")
        home.append(f"- [{topic['title']}](topics/{topic['id']}/index.md)")
        nav.append(f"  - {_yaml_text(topic['title'])}:")
        nav.append(f"      - topics/{topic['id']}/index.md")
        nav += [f"      - articles/{a['slug']}.md" for a in primary[topic["id"]]]
    (docs / "index.md").write_text("\n".join(home) + "\n", encoding="utf-8")
    config = baseline_config(sources / "mkdocs.yml")
    (target / "mkdocs.yml").write_text(config + "\n".join(nav) + "\n", encoding="utf-8")
    return target


def baseline_config(real_config: Path) -> str:
    """The real mkdocs.yml minus the guide's own settings and theme overrides.

    Taken from the real file by top-level key, so a change to the theme
    features or Markdown extensions reaches the baseline too.
    """
    kept: list[str] = []
    keep = True
    for line in real_config.read_text("utf-8").splitlines():
        key = re.match(r"([a-z_]+):", line)
        if key:
            keep = key.group(1) not in BASELINE_DROPS
        elif line.startswith("#"):
            continue
        if keep and not re.match(r"\s+custom_dir:", line):
            kept.append(line.replace("assets/favicon.svg", "favicon.svg"))
    return "\n".join(kept) + "\nextra:\n  generator: false\n"


def _yaml_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def real_project(target: Path, sources: Path) -> Path:
    """A copy of the project as it is, without its PDF cache or built site."""
    return _copy(sources, target, (*SITE_SOURCES, "content"))
