"""Text for the terminal: aligned tables, JSON (cleaning and widths live in files.text).

Whatever comes from a file or an import is data, never markup: it passes through `clean`,
which drops control characters, escape sequences and bidirectional overrides, so a name can
neither colour, move, retitle nor reorder the terminal.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, TextIO

from reseau.files.text import _UNSAFE_IN_JSON, clean, fit, pad, width

MAX_CELL = 200


def terminal_width(stream: TextIO | None = None) -> int | None:
    """The terminal's columns; None when output goes to a file or a pipe (no cutting)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = stream or sys.stdout
    try:
        if not stream.isatty():
            return None
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return None


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    numeric: Iterable[int] = (),
    max_width: int | None = None,
) -> list[str]:
    """Aligned columns; the widest column gives way when the lines would be too long. Even
    without a terminal to fit, a cell stops at MAX_CELL columns: a name of a million
    characters would pad every line of the table to a megabyte."""
    cells = [[fit(clean(value), MAX_CELL) for value in row] for row in rows]
    sizes = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    limit = max_width or terminal_width() or sum(sizes) + 2 * len(sizes)
    while sum(sizes) + 2 * (len(sizes) - 1) > limit and max(sizes) > 8:
        widest = sizes.index(max(sizes))
        sizes[widest] -= 1
    right = set(numeric)
    lines = []
    for row in [list(headers), *cells]:
        parts = [
            pad(fit(value, sizes[i]), sizes[i], right=i in right) for i, value in enumerate(row)
        ]
        lines.append("  ".join(parts).rstrip())
    return lines


def to_json(value: Any) -> str:
    """JSON whose strings carry no control or direction character as such."""
    text = json.dumps(value, ensure_ascii=False, indent=2, default=_json_default)
    return "".join(f"\\u{ord(ch):04x}" if ord(ch) in _UNSAFE_IN_JSON else ch for ch in text)


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "__pydantic_fields__"):
        from reseau.files.model import plain

        return plain(value, mode="json", by_alias=True, exclude_defaults=True)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
