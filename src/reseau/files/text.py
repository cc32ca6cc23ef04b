"""Text as the terminal shows it: data made safe to print, and its width in columns.

Whatever comes from a file or an import is data, never markup: it passes through `clean`,
which drops control characters, escape sequences and bidirectional overrides, so a name can
neither colour, move, retitle nor reorder the terminal. Every layer needs these, so they
live at the bottom, beside the files they come from.
"""

from __future__ import annotations

import re
import unicodedata

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
        *range(0xD800, 0xE000),  # lone surrogates: undecodable bytes of a file name
    )
}


_UNSAFE_IN_JSON = frozenset(k for k in _INVISIBLE if k >= 0x20)


_KEEP_NEWLINES = {k: v for k, v in _INVISIBLE.items() if k not in (0x0A, 0x09)}


_FIRST_WIDE = "\u0378"  # unicodedata calls no character before this one wide (W or F)


def clean(text: object, *, multiline: bool = False) -> str:
    """`text` as plain printable characters: no control, escape or direction override."""
    value = "" if text is None else str(text)
    if value.isascii() and value.isprintable():
        return value
    value = _ESCAPES.sub("", value)
    return value.translate(_KEEP_NEWLINES if multiline else _INVISIBLE)


def is_decodable(name: str) -> bool:
    """False for a file name holding bytes that are not UTF-8 (kept as lone surrogates,
    which UTF-8 cannot encode)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_name(name: str) -> str:
    """A file name as it can be printed: undecodable bytes and control characters escaped."""
    out = []
    for ch in name:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code in _INVISIBLE:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def control_character(text: str) -> str | None:
    """The first character typed text may not hold (a control character, an escape, a
    direction override, a byte that is not UTF-8), named as U+XXXX; None when there is none.
    Line breaks and tabs are text."""
    for ch in text:
        if ch not in "\n\t" and ord(ch) in _INVISIBLE:
            return f"U+{ord(ch):04X}"
    return None


def width(text: str) -> int:
    if text.isascii() or max(text) < _FIRST_WIDE:  # what most names and notes are: fast
        return len(text)
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
