"""Command line: ``python -m after_the_no check`` and ``python -m after_the_no build``.

``check`` validates the content with the same engine as the build, without
MkDocs, and prints every problem as ``path:line: message``. ``build`` runs a
strict MkDocs build into a fresh folder beside site/ and swaps it in only
when the whole build succeeded, so a failed build never leaves site/ half
written.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .loader import load_guide
from .problems import ContentError


def check(root: Path) -> int:
    try:
        guide = load_guide(root / "content", root)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(error.summary, file=sys.stderr)
        return 1
    print(
        f"content is valid: {len(guide.topics)} topics, {len(guide.articles)} articles,"
        f" {sum(len(a.actions) for a in guide.articles.values())} actions,"
        f" {len(guide.worksheets)} worksheets"
    )
    return 0


def build(root: Path, site_dir: Path, mkdocs_args: list[str]) -> int:
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    staging = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.", dir=site_dir.parent))
    try:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                   "--site-dir", str(staging), *mkdocs_args]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        if subprocess.run(command, cwd=root, env=env).returncode != 0:
            print(f"build failed: {site_dir.name}/ was left as it was", file=sys.stderr)
            return 1
        old = site_dir.with_name(f"{staging.name}.old")
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
        print(f"built {site_dir.relative_to(root) if site_dir.is_relative_to(root) else site_dir}/")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m after_the_no", description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate content/ without building")
    build_parser = commands.add_parser("build", help="build site/ safely (strict)")
    build_parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args, extra = parser.parse_known_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root)
    return build(root, args.site_dir, extra)


if __name__ == "__main__":
    sys.exit(main())
