"""The MkDocs projects the benchmark builds, each in a folder of its own.

- **guide**: copies of the real ``mkdocs.yml``, ``hooks/``, ``overrides/`` and
  ``docs/`` with a synthetic ``content/``.
- **baseline**: the same articles as ordinary Markdown pages in a plain
  Material site — the real ``mkdocs.yml`` without hooks, theme overrides or
  the guide's own CSS and JS, with the same topic sections (each opened by an
  index page listing its articles) and the same theme features, including
  ``navigation.prune``, search and Markdown extensions. Situations and
  messages get the same pages as the guide's (a page each, /start/ and
  /messages/), written as Markdown; an article shows its messages' text where
  the guide's marker lines put them.
- **real**: a copy of the project as it is, content included.

All three are made from one snapshot of the project taken at the start of a
run, so an edit made while the benchmark runs cannot mix two versions.
"""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

from guidekit.contract import RECIPIENTS
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
    """A plain Material site of the same articles, situations and messages in the same nav sections."""
    docs = target / "docs"
    (docs / "articles").mkdir(parents=True)
    shutil.copy2(sources / "docs" / "assets" / "favicon.svg", docs / "favicon.svg")
    messages = {m["slug"]: m for m in guide.messages}
    members: dict[str, list[dict]] = {t["id"]: [] for t in guide.topics}
    primary: dict[str, list[dict]] = {t["id"]: [] for t in guide.topics}
    for article in sorted(guide.articles, key=lambda a: (a["order"], a["title"].casefold(), a["slug"])):
        primary[article["topics"][0]].append(article)
        for topic in article["topics"]:
            members[topic].append(article)
        body = MARKER.sub(lambda m: _message_markdown(messages[m.group(1)], "../messages/"), article["body"])
        page = f"---\ntitle: {article['title']}\n---\n{article['summary']}\n\n{body}"
        (docs / "articles" / f"{article['slug']}.md").write_text(page, encoding="utf-8")
    situations = _situation_pages(docs, guide)
    _message_pages(docs, guide)
    nav = ["nav:", "  - Home: index.md"]
    if situations:
        nav += ["  - What happened?:", "      - start/index.md", *[f"      - {s}" for s in situations]]
    home = ["# After the No", "", "A plain Material site of the benchmark's articles.", "",
            "## What happened?", ""]
    home += [f"- [{s['title']}](situations/{s['slug']}.md)" for s in guide.situations]
    home += ["", "## Topics", ""]
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
    if guide.messages:
        home += ["", "[Messages](messages/index.md)"]
        nav += ["  - Messages:", "      - messages/index.md"]
    (docs / "index.md").write_text("\n".join(home) + "\n", encoding="utf-8")
    config = baseline_config(sources / "mkdocs.yml")
    (target / "mkdocs.yml").write_text(config + "\n".join(nav) + "\n", encoding="utf-8")
    return target


MARKER = re.compile(r"^<!-- message: (\S+) -->$", re.MULTILINE)
"""A synthetic article's message marker line, which the guide replaces by the message."""


def _message_markdown(message: dict, folder: str) -> str:
    """A message as Markdown: its title (linked from articles), recipient, subject and text."""
    title = f"[{message['title']}]({folder}{message['slug']}.md)" if folder else message["title"]
    lines = [f"**{title}** · To: {message['to']}", "", f"> **Subject:** {message['subject']}"]
    for paragraph in message["paragraphs"]:
        if paragraph == "{parts}":
            texts = [part["text"] for part in message["parts"]]
        else:
            texts = [paragraph.replace("\n", "  \n> ")]
        for text in texts:
            lines += [">", f"> {text}"]
    return "\n".join(lines)


def _situation_pages(docs: Path, guide: synth.Synthetic) -> list[str]:
    """A page per situation, its steps by day linked to their articles, and /start/ listing them.

    Returns the situations' pages in the guide's order, for the nav.
    """
    ordered = sorted(guide.situations, key=lambda s: (s["order"], s["slug"]))
    if not ordered:
        return []
    (docs / "situations").mkdir()
    for situation in ordered:
        lines = [f"# {situation['title']}", "", situation["summary"], "", situation["body"],
                 "## Your path, step by step", ""]
        for day, steps in itertools.groupby(situation["steps"], key=lambda step: step["day"]):
            lines += [f"### Day {day}", ""]
            for step in steps:
                link = f"../articles/{step['article']}.md#{step['section']}"
                note = f" — {step['note']}" if step["note"] else ""
                lines.append(f"- [{step['text']}]({link}){note}")
            lines.append("")
        (docs / "situations" / f"{situation['slug']}.md").write_text("\n".join(lines), encoding="utf-8")
    start = ["# What happened?", "", "Choose the one closest to what happened.", ""]
    start += [f"- [{s['title']}](../situations/{s['slug']}.md) — {s['summary']}" for s in ordered]
    (docs / "start").mkdir()
    (docs / "start" / "index.md").write_text("\n".join(start) + "\n", encoding="utf-8")
    return [f"situations/{s['slug']}.md" for s in ordered]


def _message_pages(docs: Path, guide: synth.Synthetic) -> None:
    """A page per message, with the articles that show it, and /messages/ listing them by recipient."""
    if not guide.messages:
        return
    shown_in: dict[str, list[dict]] = {}
    sent_by: dict[str, list[tuple[dict, dict]]] = {}
    for article in guide.articles:
        for slug in dict.fromkeys(MARKER.findall(article["body"])):
            shown_in.setdefault(slug, []).append(article)
        for action in article["actions"]:
            if "message" in action:
                sent_by.setdefault(action["message"], []).append((article, action))
    folder = docs / "messages"
    folder.mkdir()
    by_recipient: dict[str, list[dict]] = {}
    for message in sorted(guide.messages, key=lambda m: (m["title"].casefold(), m["slug"])):
        by_recipient.setdefault(message["to"], []).append(message)
        lines = [f"# {message['title']}", "", message["summary"], "", _message_markdown(message, "")]
        articles = shown_in.get(message["slug"], [])
        actions = [(a, act) for a, act in sent_by.get(message["slug"], []) if a not in articles]
        if articles or actions:
            lines += ["", "## Where it helps", ""]
            lines += [f"- [{a['title']}](../articles/{a['slug']}.md) — {a['summary']}" for a in articles]
            lines += [f"- [{a['title']}](../articles/{a['slug']}.md#{act['section']})"
                      f" — {act['text'].strip(chr(34))}" for a, act in actions]
        (folder / f"{message['slug']}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    index = ["# Messages", "", "Short messages for the people you may want to write to now.", ""]
    for to in RECIPIENTS:
        if to in by_recipient:
            index += [f"## {to.capitalize()}", ""]
            index += [f"- [{m['title']}]({m['slug']}.md) — {m['summary']}" for m in by_recipient[to]]
            index.append("")
    (folder / "index.md").write_text("\n".join(index), encoding="utf-8")


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
