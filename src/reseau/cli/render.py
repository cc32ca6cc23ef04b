"""Text for the terminal: data made safe to print, aligned tables, JSON.

Whatever comes from a file or an import is data, never markup: it passes through `clean`,
which drops control characters, escape sequences and bidirectional overrides, so a name can
neither colour, move, retitle nor reorder the terminal.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, TextIO

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, up to BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b."
)
_INVISIBLE = {
    codepoint: None
    for codepoint in (
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0x200E,
        0x200F,
        0x061C,
    )
}
_UNSAFE_IN_JSON = frozenset(k for k in _INVISIBLE if k >= 0x20)
_KEEP_NEWLINES = {k: v for k, v in _INVISIBLE.items() if k not in (0x0A, 0x09)}


def clean(text: object, *, multiline: bool = False) -> str:
    """`text` as plain printable characters: no control, escape or direction override."""
    value = "" if text is None else str(text)
    if value.isascii() and value.isprintable():
        return value
    value = _ESCAPES.sub("", value)
    return value.translate(_KEEP_NEWLINES if multiline else _INVISIBLE)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, size: int) -> str:
    """`text` cut to `size` columns, with an ellipsis when cut."""
    if width(text) <= size:
        return text
    out, used = "", 0
    for ch in text:
        step = width(ch)
        if used + step > size - 1:
            break
        out, used = out + ch, used + step
    return out + "…"


def pad(text: str, size: int, *, right: bool = False) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


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
    """Aligned columns; the widest column gives way when the lines would be too long."""
    cells = [[clean(value) for value in row] for row in rows]
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
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
