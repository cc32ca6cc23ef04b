"""Bytes to text for every import format, and the one line-numbering rule they share.

The order of guesses: an explicit `encoding` (the user's `--encoding`) wins; then a byte
order mark (UTF-8, UTF-16 or UTF-32, as Outlook and some phones write); then UTF-16 without
a BOM, recognised by the NUL byte that follows each ASCII letter at the start of the file;
then UTF-8. A file that is not valid UTF-8 either raises `ImportFileError`, naming the line
and the byte and suggesting `--encoding`, or, when the caller allows a `fallback` (vCard,
whose 2.1 files from old phones and Outlook are often in the Windows code page), is read
with it and a warning says so, naming the same line and byte.

Lines are counted the way `grep -n`, `wc -l` and editors showing `^M` count them: a line
ends at `\\n`, and carriage returns before it belong to the line ending (iOS writes
`\\r\\r\\n`). Only a file without any `\\n` (classic Mac OS) is split at `\\r`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from reseau.formats.importers.records import ImportFileError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(slots=True)
class DecodedText:
    text: str
    warnings: list[str] = field(default_factory=list)


def decode_text(data: bytes, encoding: str | None, *, fallback: str | None = None) -> DecodedText:
    """Decode `data` by the rules above; the text never starts with a BOM."""
    if encoding is not None:
        return DecodedText(_decode_as(data, encoding, _codec_name(encoding)))
    sniffed = _sniff(data)
    if sniffed is not None:
        return DecodedText(_decode_as(data, sniffed, sniffed))
    try:
        return DecodedText(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        where = _where(data, error, "utf-8", "UTF-8")
        if fallback is None:
            raise ImportFileError(f"{where}; try --encoding cp1252") from None
        return _decode_fallback(data, fallback, where)


def split_lines(text: str) -> list[str]:
    """The physical lines of `text`, without their line endings."""
    if "\n" not in text:
        return text.split("\r")
    return [line.rstrip("\r") for line in text.split("\n")]


def normalise_newlines(text: str) -> str:
    """`text` with `\\n` as its only line ending, lines numbered as `split_lines` does."""
    return "\n".join(split_lines(text))


def _decode_fallback(data: bytes, fallback: str, where: str) -> DecodedText:
    try:
        text = data.decode(fallback)
    except UnicodeDecodeError:
        raise ImportFileError(
            f"{where} nor {fallback}; try --encoding with the file's encoding"
        ) from None
    return DecodedText(text, [f"{where}; read the file as {fallback} (--encoding to change)"])


def _decode_as(data: bytes, encoding: str, label: str) -> str:
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except LookupError:
        raise ImportFileError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        where = _where(data, error, encoding, label)
        raise ImportFileError(f"{where}; try another --encoding") from None


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ImportFileError(f"unknown encoding {encoding!r}") from None


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
    return f"line {line}: byte 0x{data[error.start]:02x} is not {label}"
