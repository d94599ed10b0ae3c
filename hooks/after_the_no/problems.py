"""Content problems: where they are, what they say, and how they are collected.

Every check in the content model reports into a :class:`Problems` collector
instead of raising, so one build shows every mistake in every file at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


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
        return iter(sorted(set(self.items)))

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(list(self))


class ContentError(Exception):
    """The content has problems; the build must stop and list them all."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(map(str, self.problems)))

    @property
    def summary(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return f"{count} content {noun} — fix the lines above and build again"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return " — did you mean 'x'?" for the closest choice, or ""."""
    options = [c for c in choices if isinstance(c, str)]
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def quoted_list(choices: Iterable[str], limit: int = 12) -> str:
    """Render choices as 'a', 'b', 'c' for a message, shortened past ``limit``."""
    items = [f"'{c}'" for c in choices]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    return ", ".join(items)
