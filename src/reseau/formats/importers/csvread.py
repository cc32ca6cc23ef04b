"""Strict CSV reading shared by the LinkedIn and Google importers.

The `csv` module silently accepts what spreadsheets leave behind: a quote in the middle of an
unquoted field is taken as text, and a quote that is never closed swallows every line after
it into one field. Either way rows disappear without a word. This reader follows RFC 4180
and reports instead:

- a row with a stray quote (inside an unquoted field, or text right after a closing quote)
  or a quote that is never closed is a `Skipped` with the line the row starts on;
- after a bad row, reading starts again on the line after the one where that row started,
  so that a bad quote never hides the rows that follow it: each is read, and either imports
  or is reported on its own line;
- a row whose number of fields differs from the header's is a `Skipped`;
- quoted fields may hold commas, doubled quotes and line breaks (Google's notes); the line of
  a row is the physical line it starts on, counted as `reseau.formats.importers.decoding` counts;
- blank lines, and rows whose fields are all blank (what a spreadsheet saves below the data),
  are not rows;
- rows before the header are a preamble (LinkedIn's "Notes:") and are not checked;
- the file must be UTF-8 (a BOM allowed) or UTF-16 (see `reseau.formats.importers.decoding`);
  anything else raises `ImportFileError` with the line and the byte, suggesting
  `--encoding`, rather than guessing: LinkedIn and Google export UTF-8, so another encoding
  means the file was re-saved by a spreadsheet, and a wrong guess would garble every name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reseau.files.i18n import _, ngettext
from reseau.formats.importers.decoding import decode_text, normalise_newlines
from reseau.formats.importers.records import (
    ImportedPerson,
    ImportFileError,
    ParseResult,
    Skipped,
    clean_text,
)

_QUOTED = re.compile(r'"([^"]*+(?:""[^"]*+)*+)"')
_UNQUOTED = re.compile(r"[^,\n]*+")

Record = dict[str, str]
Builder = Callable[[Record, int], ImportedPerson | Skipped]


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    fields: list[str]


@dataclass(frozen=True, slots=True)
class TableFormat:
    """How to recognise a format's header row and turn its rows into people.

    `builder` receives the header's names (see `header_names`) once and returns the function
    that turns each row, as a mapping of those names to cells, into a person.
    """

    is_header: Callable[[list[str]], bool]
    missing_header: str
    builder: Callable[[list[str]], Builder]
    preamble: bool = False
    reads: Callable[[str], bool] | None = None
    # Google writes some sixty columns, most of them empty in most exports: naming only the
    # unread columns that hold a value somewhere says what is lost without the noise.
    unread_when_filled: bool = False


class _RowError(Exception):
    pass


def read_table(data: bytes, encoding: str | None, table: TableFormat) -> ParseResult:
    """Decode `data`, find the header, and build every row after it."""
    decoded = decode_text(data, encoding)
    rows = iter_rows(normalise_newlines(decoded.text))
    header_row = _find_header(rows, table)
    header = header_names(header_row.fields)
    build = table.builder(header)
    result = ParseResult(people=[], skipped=[], warnings=decoded.warnings)
    unread = _unread_columns(header_row, table.reads) if table.reads is not None else []
    filled = [0] * len(unread)
    for row in rows:
        outcome = _record(row, header, build)
        if isinstance(outcome, Skipped):
            result.skipped.append(outcome)
        else:
            result.people.append(outcome)
            if table.unread_when_filled:
                assert isinstance(row, Row)
                _count_filled(row, unread, filled)
    if unread:
        result.warnings += _unread_warning(header_row, unread, filled, table.unread_when_filled)
    return result


def header_names(fields: list[str]) -> list[str]:
    """Header cells as the formats compare them: cleaned and in lower case."""
    return [clean_text(name).lower() for name in fields]


def iter_rows(text: str) -> Iterator[Row | Skipped]:
    """Every non-blank row of `text` (with `\\n` line endings), or why it is unreadable."""
    starts = [0, *(match.end() for match in re.finditer("\n", text))]
    line = 1
    while line <= len(starts):
        position = starts[line - 1]
        try:
            fields, end = _parse_row(text, position)
        except _RowError as error:
            yield Skipped(line, str(error))
            line += 1
            continue
        if any(field.strip() for field in fields):
            yield Row(line, fields)
        line += 1 + text.count("\n", position, end)


def _parse_row(text: str, position: int) -> tuple[list[str], int]:
    """The fields of the row at `position`, and the position of its end of line."""
    end = text.find("\n", position)
    end = len(text) if end < 0 else end
    if text.find('"', position, end) < 0:
        return text[position:end].split(","), end
    fields: list[str] = []
    while True:
        value, position = _parse_field(text, position, len(fields) + 1)
        fields.append(value)
        if position >= len(text) or text[position] == "\n":
            return fields, position
        position += 1


def _parse_field(text: str, position: int, number: int) -> tuple[str, int]:
    if text.startswith('"', position):
        quoted = _QUOTED.match(text, position)
        if quoted is None:
            raise _RowError(
                _("field {number} opens a quote that is never closed").format(number=number)
            )
        end = quoted.end()
        if end < len(text) and text[end] not in ",\n":
            raise _RowError(
                _("stray quote in field {number}: text after its closing quote").format(
                    number=number
                )
            )
        return quoted.group(1).replace('""', '"'), end
    unquoted = _UNQUOTED.match(text, position)
    assert unquoted is not None
    if '"' in unquoted.group():
        raise _RowError(
            _("stray quote in field {number}: quote the whole field").format(number=number)
        )
    return unquoted.group(), unquoted.end()


def _unread_columns(header: Row, reads: Callable[[str], bool]) -> list[int]:
    """The positions of the header's named columns that nothing reads."""
    names = [clean_text(raw) for raw in header.fields]
    return [index for index, name in enumerate(names) if name and not reads(name.lower())]


def _count_filled(row: Row, unread: list[int], filled: list[int]) -> None:
    for position, index in enumerate(unread):
        if row.fields[index].strip():
            filled[position] += 1


def _unread_warning(
    header: Row, unread: list[int], filled: list[int], when_filled: bool
) -> list[str]:
    """The warning naming the unread columns (with how many rows fill each, for a format that
    names only the filled ones), or nothing."""
    names = [clean_text(header.fields[index]) for index in unread]
    if when_filled:
        names = [
            ngettext("{column} ({count} row)", "{column} ({count} rows)", count).format(
                column=name, count=count
            )
            for name, count in zip(names, filled, strict=True)
            if count
        ]
    if not names:
        return []
    return [
        _("line {line}: columns not read: {columns}").format(
            line=header.line, columns=", ".join(names)
        )
    ]


def _find_header(rows: Iterator[Row | Skipped], table: TableFormat) -> Row:
    for row in rows:
        if isinstance(row, Row) and table.is_header(header_names(row.fields)):
            return row
        if not table.preamble:
            break
    raise ImportFileError(_(table.missing_header))


def _record(row: Row | Skipped, header: list[str], build: Builder) -> ImportedPerson | Skipped:
    if isinstance(row, Skipped):
        return row
    if len(row.fields) != len(header):
        return Skipped(
            row.line,
            _("{count} fields where the header has {header}").format(
                count=len(row.fields), header=len(header)
            ),
        )
    return build(dict(zip(header, row.fields, strict=True)), row.line)
