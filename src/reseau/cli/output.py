"""Writing to the terminal: lines of cleaned text, JSON, and errors on stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from reseau.cli.render import to_json
from reseau.files.text import clean


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def say_lines(lines: Iterable[str]) -> None:
    sys.stdout.write("".join(line + "\n" for line in lines))


def warn(line: str) -> None:
    sys.stderr.write(clean(line, multiline=True) + "\n")


def emit_json(value: Any) -> None:
    sys.stdout.write(to_json(value) + "\n")
