"""Problems found in the network's files: values, collected and reported, never raised."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

# Problems found by reading the text, character by character: their column is part of where
# they are (`path:line:col:`), as a parser or an editor gives it.
_AT_A_CHARACTER = frozenset({"syntax", "character", "documents"})


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
        prefix = "" if self.is_error else "warning: "
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
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.field))


def count_errors(problems: list[Problem]) -> int:
    return sum(1 for p in problems if p.is_error)


class ReseauError(Exception):
    """Cannot continue: carries the message for the user and the exit code."""

    exit_code = 1

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []
