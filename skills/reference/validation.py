"""Problem collection and the code formats every reference source is checked against.

A problem is ``(file, line, message)``; ``line`` is the 1-based line where the record starts, or None
when the source has no line structure (a JSON entry, a whole file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Problem = tuple[str, int | None, str]

CREBO_RE = re.compile(r"\d{5}")
KERNTAAK_RE = re.compile(r"[BP]\d+-K\d+")
WERKPROCES_RE = re.compile(r"[BP]\d+-K\d+-W\d+")
BRIN_RE = re.compile(r"\d{2}[A-Z]{2}")
PC4_RE = re.compile(r"[1-9]\d{3}")
GEMEENTECODE_RE = re.compile(r"\d{4}")


@dataclass
class ProblemLog:
    """Collects problems instead of stopping at the first, so one run reports everything."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int | None, message: str) -> None:
        self.problems.append((file, line, message))

    def __len__(self) -> int:
        return len(self.problems)


def is_crebo(value: str) -> bool:
    """A crebo code is exactly five digits ("25491")."""
    return CREBO_RE.fullmatch(value) is not None


def is_werkproces_code(value: str) -> bool:
    """Werkproces codes look like B1-K1-W2 (basisdeel) or P1-K1-W1 (profieldeel)."""
    return WERKPROCES_RE.fullmatch(value) is not None
