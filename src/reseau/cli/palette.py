"""One palette for every command: tiers, late, due, done, the verdicts.

Colour only for a terminal that wants it: never with NO_COLOR set (https://no-color.org),
with TERM=dumb, or when the output goes to a pipe or a file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

BOLD, DIM, RED, GREEN, YELLOW, CYAN = "1", "2", "31", "32", "33", "36"

# What each word means, whatever command prints it.
TIERS = {"A": GREEN, "B": CYAN, "C": "", "?": DIM}
STATES = {
    "late": RED,
    "due": YELLOW,
    "this week": YELLOW,
    "done": GREEN,
    "ok": "",
    "later": "",
    "good": GREEN,
    "fair": YELLOW,
    "weak": RED,
}


@dataclass(frozen=True, slots=True)
class Style:
    """ANSI styles, or none at all."""

    enabled: bool = False

    @classmethod
    def for_stream(cls, stream: object) -> Style:
        isatty = getattr(stream, "isatty", None)
        wanted = not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        return cls(bool(wanted and callable(isatty) and isatty()))

    def paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled and text and code else text

    def bold(self, text: str) -> str:
        return self.paint(text, BOLD)

    def dim(self, text: str) -> str:
        return self.paint(text, DIM)

    def red(self, text: str) -> str:
        return self.paint(text, RED)

    def green(self, text: str) -> str:
        return self.paint(text, GREEN)

    def yellow(self, text: str) -> str:
        return self.paint(text, YELLOW)

    # `value`: the English word the text stands for, when the text is its translation.

    def tier(self, text: str, value: str | None = None) -> str:
        return self.paint(text, TIERS.get((text if value is None else value).strip(), ""))

    def state(self, text: str, value: str | None = None) -> str:
        """late, due, this week, done, ok, later; good, fair, weak: each its colour."""
        return self.paint(text, STATES.get((text if value is None else value).strip(), ""))

    def never(self, text: str, value: str | None = None) -> str:
        return self.dim(text) if (text if value is None else value).strip() == "never" else text


def stdout_style() -> Style:
    import sys

    return Style.for_stream(sys.stdout)


@dataclass(frozen=True, slots=True)
class Screen:
    """Where a command's lines go: its width (None: not a terminal, nothing is fitted) and
    its style."""

    width: int | None
    style: Style

    @classmethod
    def stdout(cls) -> Screen:
        from reseau.cli.render import terminal_width

        return cls(terminal_width(), stdout_style())
