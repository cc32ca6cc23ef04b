"""Read a Google Contacts CSV export ("Google CSV" in contacts.google.com > Export).

Google has used two headers, and both are read, columns being found by name:

- the classic one: `Name,Given Name,Additional Name,Family Name,...,Notes,...,
  E-mail 1 - Type,E-mail 1 - Value,...,Phone 1 - Value,...,Address 1 - City,...,
  Organization 1 - Name,Organization 1 - Title,...,Website 1 - Value`;
- the newer one: `First Name,Middle Name,Last Name,...,Organization Name,Organization Title,
  ...,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,...`.

The quirks handled, and why:

- One cell may hold several values separated by ` ::: ` (a contact with two home e-mails):
  they become several e-mails, phones or links.
- The name is the "Name" column, else First/Given, Middle/Additional and Last/Family joined;
  a contact without any takes its organisation, else its first e-mail address (the rule of
  the vCard importer, for the same reasons); a row with none of them is skipped.
- Numbered columns (`E-mail 2 - Value`...) are read in the header's order; the city is the
  first `Address N - City` that is filled.
- A photo (a URL to Google's servers) is not imported and is named in `dropped`.
- The header must be the first row: Google writes no preamble, so a file starting otherwise is
  not a Google export. Strictness and encoding rules are those of `csvread`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from reseau.files.i18n import N_, _
from reseau.formats.importers.csvread import Builder, Record, TableFormat, read_table
from reseau.formats.importers.records import (
    ImportedPerson,
    ParseResult,
    Skipped,
    clean_emails,
    clean_links,
    clean_notes,
    clean_phones,
    first_present,
    join_name,
    optional_text,
    yearly_text,
)

_EMAIL = re.compile(r"e-mail \d+ - value")
_PHONE = re.compile(r"phone \d+ - value")
_WEBSITE = re.compile(r"website \d+ - value")
_CITY = re.compile(r"address \d+ - city")
_MULTI_VALUE = ":::"
_NO_NAME = N_("no name: the row has no name, organisation or e-mail address")
_MISSING_HEADER = N_(
    "the first row is not a Google Contacts header (Name or First Name and Last Name): "
    "is this a Google CSV export?"
)


def read_google(data: bytes, encoding: str | None = None) -> ParseResult:
    """Parse a Google Contacts CSV; every row becomes an `ImportedPerson` or a `Skipped`."""
    return read_table(data, encoding, _GOOGLE)


_EVENT_VALUE = re.compile(r"event ([0-9]+) - value")


def _is_header(names: list[str]) -> bool:
    return "name" in names or "given name" in names or {"first name", "last name"} <= set(names)


@dataclass(frozen=True, slots=True)
class _Columns:
    """The numbered columns of a header, in its order."""

    emails: list[str]
    phones: list[str]
    websites: list[str]
    cities: list[str]


def _builder(header: list[str]) -> Builder:
    def matching(pattern: re.Pattern[str]) -> list[str]:
        return [name for name in header if pattern.fullmatch(name)]

    columns = _Columns(matching(_EMAIL), matching(_PHONE), matching(_WEBSITE), matching(_CITY))
    return partial(_person, columns)


def _person(columns: _Columns, row: Record, line: int) -> ImportedPerson | Skipped:
    emails, dropped = clean_emails(_values(row, columns.emails))
    company = optional_text(_first(row, "organization 1 - name", "organization name"))
    name = first_present(join_name(row.get("name")), _joined_name(row), company, *emails[:1])
    if name is None:
        return Skipped(line, _(_NO_NAME))
    person = ImportedPerson(
        line=line,
        name=name,
        emails=emails,
        phones=clean_phones(_values(row, columns.phones)),
        company=company,
        role=optional_text(_first(row, "organization 1 - title", "organization title")),
        city=_first_filled(_values(row, columns.cities)),
        links=clean_links(_values(row, columns.websites)),
        notes=clean_notes([row.get("notes", "")]),
        dropped=(["photo"] if optional_text(row.get("photo")) else []) + dropped,
    )
    _read_dates(person, row)
    return person


def _read_dates(person: ImportedPerson, row: Record) -> None:
    """The Birthday column, and the `Event N - Type` / `Event N - Value` pairs (Google's
    anniversaries and dates of one's own); what is not a date is reported in `dropped`."""
    found = [("birthday", row.get("birthday", ""))]
    for column, cell in row.items():
        match = _EVENT_VALUE.fullmatch(column)
        if match is not None:
            kind = optional_text(row.get(f"event {match[1]} - type")) or "other date"
            found.append((kind.lower() if kind.istitle() else kind, cell))
    for label, raw in found:
        value = optional_text(raw)
        if not value:
            continue
        day = yearly_text(value)
        if day is None:
            person.dropped.append(
                _("{field} '{value}' (not a date)").format(field=label, value=value)
            )
        elif label == "birthday":
            person.birthday = day
        else:
            person.dates.setdefault(label, day)


def _joined_name(row: Record) -> str | None:
    return join_name(
        _first(row, "given name", "first name"),
        _first(row, "additional name", "middle name"),
        _first(row, "family name", "last name"),
    )


def _first(row: Record, *columns: str) -> str:
    """The first of `columns` that the row has and fills."""
    return next((row[column] for column in columns if row.get(column, "").strip()), "")


def _first_filled(values: Iterable[str]) -> str | None:
    return next((text for text in map(optional_text, values) if text), None)


def _values(row: Record, columns: list[str]) -> Iterator[str]:
    """Every value of `columns`, multi-values split."""
    for column in columns:
        yield from row[column].split(_MULTI_VALUE)


# Every column `_person` and `_read_dates` read; what else a row fills is named in a warning.
_READ = frozenset(
    {
        "name",
        "given name",
        "first name",
        "additional name",
        "middle name",
        "family name",
        "last name",
        "organization 1 - name",
        "organization name",
        "organization 1 - title",
        "organization title",
        "notes",
        "photo",
        "birthday",
    }
)
_READ_NUMBERED = (_EMAIL, _PHONE, _WEBSITE, _CITY, _EVENT_VALUE, re.compile(r"event \d+ - type"))


def _reads(column: str) -> bool:
    return column in _READ or any(pattern.fullmatch(column) for pattern in _READ_NUMBERED)


_GOOGLE = TableFormat(
    is_header=_is_header,
    missing_header=_MISSING_HEADER,
    builder=_builder,
    reads=_reads,
    unread_when_filled=True,
)
