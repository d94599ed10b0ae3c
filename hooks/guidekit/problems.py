"""Content problems: where they are, what they say, and how they are collected.

Every check in the content model reports into a :class:`Problems` collector
instead of raising, so one build shows every mistake in every file at once.
"""

from __future__ import annotations

import difflib
import itertools
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

MAX_PER_FILE = 20
"""Problems listed per file; past this the first ones are usually the cause of the rest."""


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake an author can fix."""

    path: str
    """File path relative to the project root, with forward slashes."""
    line: int
    """1-based line in that file of the offending key or value."""
    message: str
    """What is wrong and how to fix it; never a Python type name."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Problems:
    """Collects problems across files; sorted by path and line when read."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, message: str) -> None:
        self.items.append(Problem(path, max(line, 1), message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Problem]:
        """Problems by path and line; past :data:`MAX_PER_FILE` in a file, a count of the rest."""
        for path, group in itertools.groupby(sorted(set(self.items)), key=attrgetter("path")):
            problems = list(group)
            yield from problems[:MAX_PER_FILE]
            rest = problems[MAX_PER_FILE:]
            if rest:
                yield Problem(
                    path,
                    rest[0].line,
                    f"{len(rest)} more problems in this file are not listed"
                    " — fix the ones above first and check again",
                )

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(list(self), total=len(set(self.items)))


class ContentError(Exception):
    """The content has problems; the build must stop and list them all."""

    def __init__(self, problems: Iterable[Problem], total: int | None = None) -> None:
        self.problems = list(problems)
        """The problems to show, one line each."""
        self.total = len(self.problems) if total is None else total
        """How many problems there are, counting those not listed."""
        super().__init__("\n".join(map(str, self.problems)))

    @property
    def summary(self) -> str:
        noun = "problem" if self.total == 1 else "problems"
        return f"{self.total} content {noun} — fix the lines above and build again"


def closest(word: object, choices: Iterable[str]) -> str | None:
    """The choice ``word`` most likely misspells, if any is close enough."""
    options = [c for c in choices if isinstance(c, str)]
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """Return " — did you mean 'x'?" for the closest choice, or ""."""
    match = closest(word, choices)
    return f" — did you mean '{match}'?" if match else ""


def quoted_list(choices: Iterable[str], limit: int = 12) -> str:
    """Render choices as 'a', 'b', 'c' for a message, shortened past ``limit``."""
    items = [f"'{c}'" for c in choices]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    return ", ".join(items)


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes, for messages."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def write_new(path: Path, text: str, root: Path, instead: str) -> bool:
    """Create ``path`` holding ``text`` for ``new``, never over an existing file; say that
    it was created, or on stderr why not and ``instead``, what to do. Return whether it was."""
    shown = display_path(path, root)
    try:
        # 'x' creates the file or fails: nothing is ever overwritten, even in a race.
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        message = f"{shown} already exists — new never overwrites a file: {instead}"
        print(message, file=sys.stderr)
        return False
    except FileNotFoundError:
        print(
            f"there is no folder {display_path(path.parent, root)} to create {shown} in",
            file=sys.stderr,
        )
        return False
    print(f"created {shown}")
    return True
