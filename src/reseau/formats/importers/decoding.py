"""Bytes to text for every import format, and the one line-numbering rule they share.

The order of guesses: an explicit `encoding` (the user's `--encoding`) wins; then a byte
order mark (UTF-8, UTF-16 or UTF-32, as Outlook and some phones write); then UTF-16 without
a BOM, recognised by the NUL byte that follows each ASCII letter at the start of the file;
then UTF-8. A file that is not valid UTF-8 raises `ImportFileError`, naming the line and
the byte and suggesting `--encoding`. (vCard decodes value by value instead, each in its
own CHARSET: see `reseau.formats.importers.vcard`.)

Windows code pages leave a few bytes without a character (0x81, 0x8D, 0x8F, 0x90 and 0x9D
in windows-1252), where Python's codecs refuse the whole text. `decode_windows` reads each
as U+FFFD, the replacement character, and names its line, so that a file is never refused
over one stray byte. Not as the C1 control characters of the same number, as Windows does:
0x90 and 0x9D start terminal string sequences, and cleaning them would take the text after
them too.

Lines are counted the way `grep -n`, `wc -l` and editors showing `^M` count them: a line
ends at `\\n`, and carriage returns before it belong to the line ending (iOS writes
`\\r\\r\\n`). Only a file without any `\\n` (classic Mac OS) is split at `\\r`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from reseau.files.i18n import _, ngettext
from reseau.formats.importers.records import ImportFileError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_REPLACED = {0xDC00 + byte: "\ufffd" for byte in range(0x80, 0x100)}


@dataclass(slots=True)
class DecodedText:
    text: str
    warnings: list[str] = field(default_factory=list)


def decode_text(data: bytes, encoding: str | None) -> DecodedText:
    """Decode `data` by the rules above; the text never starts with a BOM."""
    if encoding is not None:
        codec = codec_name(encoding)
        if is_windows_code_page(codec):
            text, undefined = decode_windows(data, codec)
            return DecodedText(text.removeprefix("\ufeff"), undefined_warnings(undefined, codec))
        return DecodedText(_decode_as(data, encoding, codec))
    sniffed = _sniff(data)
    if sniffed is not None:
        return DecodedText(_decode_as(data, sniffed, sniffed))
    try:
        return DecodedText(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        where = _where(data, error, "utf-8", "UTF-8")
        raise ImportFileError(_("{where}; try --encoding cp1252").format(where=where)) from None


def split_lines(text: str) -> list[str]:
    """The physical lines of `text`, without their line endings."""
    if "\n" not in text:
        return text.split("\r")
    return [line.rstrip("\r") for line in text.split("\n")]


def normalise_newlines(text: str) -> str:
    """`text` with `\\n` as its only line ending, lines numbered as `split_lines` does."""
    return "\n".join(split_lines(text))


def is_windows_code_page(codec: str) -> bool:
    return codec.startswith("cp125")


def decode_windows(data: bytes, codec: str) -> tuple[str, list[tuple[int, int]]]:
    """`data` in a Windows code page, the bytes it leaves undefined read as U+FFFD; and the
    (line, byte) of each of those, counted as `split_lines` counts."""
    text = data.decode(codec, errors="surrogateescape")
    if text.isascii() or not _ESCAPED_BYTE.search(text):
        return text, []
    undefined = []
    for match in _ESCAPED_BYTE.finditer(text):
        before = text[: match.start()]
        undefined.append((len(split_lines(before)), ord(match[0]) - 0xDC00))
    return text.translate(_REPLACED), undefined


def undefined_warnings(
    undefined: list[tuple[int, int]], codec: str, first_line: int = 1
) -> list[str]:
    """One warning per line holding a byte that `codec` leaves undefined."""
    lines: dict[int, list[str]] = {}
    for line, byte in undefined:
        lines.setdefault(line + first_line - 1, []).append(f"0x{byte:02x}")
    return [
        ngettext(
            "line {line}: byte {bytes} has no character in {codec}; read as \ufffd",
            "line {line}: bytes {bytes} have no character in {codec}; read as \ufffd",
            len(set(found)),
        ).format(line=line, bytes=", ".join(dict.fromkeys(found)), codec=codec)
        for line, found in lines.items()
    ]


def _decode_as(data: bytes, encoding: str, label: str) -> str:
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except LookupError:
        raise ImportFileError(
            _("unknown encoding {encoding!r}").format(encoding=encoding)
        ) from None
    except UnicodeDecodeError as error:
        where = _where(data, error, encoding, label)
        raise ImportFileError(_("{where}; try another --encoding").format(where=where)) from None


def codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ImportFileError(
            _("unknown encoding {encoding!r}").format(encoding=encoding)
        ) from None


def sniff(data: bytes) -> str | None:
    """The Unicode encoding a BOM or NUL bytes reveal, else None."""
    return _sniff(data)


def _sniff(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    if len(data) >= 4 and data[0] and not data[1] and data[2] and not data[3]:
        return "utf-16-le"
    if len(data) >= 4 and not data[0] and data[1] and not data[2] and data[3]:
        return "utf-16-be"
    return None


def _where(data: bytes, error: UnicodeDecodeError, codec: str, label: str) -> str:
    before = data[: error.start].decode(codec, errors="replace")
    line = len(split_lines(before))
    return _("line {line}: byte {byte} is not {label}").format(
        line=line, byte=f"0x{data[error.start]:02x}", label=label
    )
