"""Problems found in the network's files: values, collected and reported, never raised."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from reseau.files.i18n import _

# Problems found by reading the text, character by character: their column is part of where
# they are (`path:line:col:`), as a parser or an editor gives it.
_AT_A_CHARACTER = frozenset({"syntax", "character", "documents"})
_DIGITS = re.compile(r"(\d+)")
SHOWN_OF_A_KIND = 10


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one file, at one place."""

    path: str
    line: int
    field: str
    message: str
    code: str
    severity: Severity = Severity.ERROR
    column: int = 0

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.line and self.column and self.code in _AT_A_CHARACTER:
            where += f":{self.column}"
        prefix = "" if self.is_error else _("warning: ")
        what = f"{self.field}: {prefix}{self.message}" if self.field else f"{prefix}{self.message}"
        return f"{where}: {what}"

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "severity": str(self.severity),
            "code": self.code,
        }


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """By file, line and column, then field, its positions in number order (`with[2]` before
    `with[10]`)."""
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, _in_number_order(p.field)))


def _in_number_order(field: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(part), "") if part.isdigit() else (0, part) for part in _DIGITS.split(field))


def format_capped(problems: list[Problem], limit: int = SHOWN_OF_A_KIND) -> list[str]:
    """The problems as lines, at most `limit` of one kind in one file, then how many more:
    a file of 5,000 unknown keys reads as ten lines and a count."""
    shown: Counter[tuple[str, str]] = Counter()
    hidden: dict[tuple[str, str], list[Problem]] = {}
    lines: list[str | tuple[str, str]] = []
    for problem in problems:
        kind = (problem.path, problem.code)
        shown[kind] += 1
        if shown[kind] <= limit:
            lines.append(problem.format())
        elif kind in hidden:
            hidden[kind].append(problem)
        else:
            hidden[kind] = [problem]
            lines.append(kind)  # where the count goes, once the count is known
    return [line if isinstance(line, str) else _more(hidden[line]) for line in lines]


def _more(problems: list[Problem]) -> str:
    first = problems[0]
    where = f"{first.path}:{first.line}" if first.line else first.path
    if all(not p.is_error for p in problems):
        more = _("... and {count:,} more warnings like these ({code})")
    else:
        more = _("... and {count:,} more problems like these ({code})")
    return f"{where}: " + more.format(count=len(problems), code=first.code)


def count_errors(problems: list[Problem]) -> int:
    return sum(1 for p in problems if p.is_error)


class ReseauError(Exception):
    """Cannot continue: carries the message for the user and the exit code."""

    exit_code = 1

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []
