"""Command line: ``python -m guidekit check`` and ``python -m guidekit build``.

``check`` validates the content with the same engine as the build, without
MkDocs, and prints every problem as ``path:line: message``. ``build`` runs a
strict MkDocs build into a fresh folder beside site/ and swaps it in, in one
step, only when the whole build succeeded (see :mod:`.publish`), so site/ is
never missing and never half written.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from . import publish, scaffold, schema_export
from .kinds import CONTENT_TYPES
from .loader import load_guide
from .problems import ContentError
from .schema import counted
from .settings import Settings, from_mkdocs, icon_checker


def check(root: Path) -> int:
    """Validate ``root``'s content; print the problems (or a summary) and return the exit code.

    The guide's settings come from its mkdocs.yml, read by MkDocs itself, so
    the check and the build see the same content folder and the same rules.
    """
    from mkdocs.exceptions import ConfigurationError

    try:
        config = _mkdocs_config(root)
        settings = from_mkdocs(config, root)
        guide = load_guide(settings.content_dir, root, settings, icon_checker(config.theme.dirs))
    except ConfigurationError as error:
        print(f"mkdocs.yml:1: {error} — fix the settings and check again", file=sys.stderr)
        return 1
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(error.summary, file=sys.stderr)
        return 1
    counts = [counted(len(guide.topics), "topic")]
    counts += [counted(len(guide.entries[kind.name]), kind.noun) for kind in CONTENT_TYPES]
    counts += [counted(n, kind.removesuffix("s")) for kind, n in guide.declared.items()]
    print("content is valid: " + ", ".join(counts))
    return 0


def settings_of(root: Path) -> Settings:
    """The guide's settings, as its mkdocs.yml sets them (the defaults without one).

    A broken mkdocs.yml falls back to the defaults too: ``check`` and the build
    report its problems, and ``new`` and ``schema`` need only a folder and words.
    """
    from mkdocs.exceptions import ConfigurationError

    default = Settings(content_dir=root / "content")
    if not (root / "mkdocs.yml").is_file():
        return default
    try:
        return from_mkdocs(_mkdocs_config(root), root)
    except (ConfigurationError, ContentError):
        return default


def _mkdocs_config(root: Path) -> Any:
    from mkdocs.config import load_config

    # load_config logs MkDocs' own notices; the check prints only its result.
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    return load_config(config_file=str(root / "mkdocs.yml"))


ENGINES = ("mkdocs", "properdocs")
"""The generators that build a guide: MkDocs 1.6 and its maintained fork, ProperDocs."""


def build(root: Path, site_dir: Path, mkdocs_args: list[str], engine: str = "mkdocs") -> int:
    """Build with ``engine`` into a fresh folder beside ``site_dir``; swap it in only on success."""
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    with publish.staging(site_dir) as staging:
        # No --quiet: it drops warnings before MkDocs counts them, so --strict would pass.
        command = [
            sys.executable,
            "-m",
            engine,
            "build",
            # Named, not found: ProperDocs looks for properdocs.yml first and will stop
            # falling back to mkdocs.yml.
            "--config-file",
            str(root / "mkdocs.yml"),
            "--strict",
            "--site-dir",
            str(staging),
            *mkdocs_args,
        ]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        if subprocess.run(command, cwd=root, env=env, check=False).returncode != 0:
            print(f"build failed: {site_dir.name}/ was left as it was", file=sys.stderr)
            return 1
        publish.publish(staging, site_dir)
    print(f"built {site_dir.relative_to(root) if site_dir.is_relative_to(root) else site_dir}/")
    return 0


def main(argv: list[str] | None = None) -> int:
    # --root is accepted before or after the command: `check --root x` is the natural order.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="the project folder")
    parser = argparse.ArgumentParser(
        prog="python -m guidekit", description=__doc__.split("\n")[0], parents=[common]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", parents=[common], help="validate content/ without building")
    build_parser = commands.add_parser(
        "build",
        parents=[common],
        help="build site/ safely (strict); other options are passed to mkdocs build",
    )
    build_parser.add_argument("--site-dir", type=Path, default=Path("site"))
    build_parser.add_argument(
        "--engine", choices=ENGINES, default="mkdocs", help="the generator (default: mkdocs)"
    )
    schema_parser = commands.add_parser(
        "schema", parents=[common], help="write the JSON Schemas of the content files"
    )
    schema_parser.add_argument(
        "--out", type=Path, help=f"the folder (default: content/{schema_export.FOLDER})"
    )
    new_parser = commands.add_parser(
        "new", parents=[common], help="start a content file: a valid, commented starting point"
    )
    new_parser.add_argument("type", choices=scaffold.NOUNS)
    new_parser.add_argument("title", help="the page's title; the file name is made from it")
    new_parser.add_argument(
        "--slug", help="the file name without .md, instead of one from the title"
    )
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "build":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    root = getattr(args, "root", Path.cwd()).resolve()
    if args.command == "check":
        return check(root)
    if args.command == "schema":
        settings = settings_of(root)
        return schema_export.main(settings.content_dir, args.out, settings.words)
    if args.command == "new":
        settings = settings_of(root)
        content = settings.content_dir
        return scaffold.main(content, root, args.type, args.title, args.slug, settings.words)
    return build(root, args.site_dir, extra, args.engine)


if __name__ == "__main__":
    sys.exit(main())
