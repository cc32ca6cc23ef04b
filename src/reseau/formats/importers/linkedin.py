"""Read LinkedIn's Connections.csv (Settings > Data privacy > Get a copy of your data).

The quirks handled, and why:

- The file starts with a "Notes:" preamble that LinkedIn has written both as one quoted,
  possibly multi-line, paragraph and as plain lines, followed by blank lines. Everything
  before the header row (the first row with "First Name" and "Last Name") is skipped, and
  columns are then found by name, since LinkedIn has added (URL) and moved columns over time.
- Every layout LinkedIn has used is read: today's `Email Address`, `Company`, `Position`,
  `URL`, and the older Outlook-style export's `E-mail Address`, `Middle Name`, `Job Title`,
  `Web Page`. A column nothing reads (the older layout's `Title`, that is Mr or Ms,
  `Notes`, phones...) is named in a warning, so that no data is dropped without a word.
- A UTF-8 BOM is allowed; any other encoding needs `--encoding` (see `csvread`).
- "Connected On" is written `15 Mar 2024` in recent exports and `15-Mar-24` in older ones;
  month names are read in English whatever the machine's locale, since LinkedIn writes
  them so. It becomes `since`; an empty one is no date, and one that cannot be read is
  reported in `dropped` while the row still imports.
- Profile URLs may lack their scheme (`linkedin.com/in/x`): `https://` is added.
- Members who hide their e-mail address leave that column empty: that is fine.
- A row with neither a first nor a last name is skipped with its line: LinkedIn always fills
  the name, so such a row is damage, not a person.
"""

from __future__ import annotations

import re
from datetime import date

from reseau.files.dates import check_range
from reseau.files.i18n import N_, _
from reseau.formats.importers.csvread import Builder, Record, TableFormat, read_table
from reseau.formats.importers.records import (
    ImportedPerson,
    ParseResult,
    Skipped,
    clean_emails,
    clean_links,
    clean_text,
    join_name,
    optional_text,
)

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_CONNECTED_ON = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Every column name LinkedIn has used for what is read, newest first.
_EMAILS = ("email address", "e-mail address", "email", "e-mail")
_COMPANIES = ("company", "company name", "organization")
_ROLES = ("position", "job title")
_URLS = ("url", "profile url", "linkedin url", "web page")
_CONNECTED_ON_COLUMNS = ("connected on", "connected")
_NAMES = ("first name", "middle name", "last name")
_READ = frozenset((*_NAMES, *_EMAILS, *_COMPANIES, *_ROLES, *_URLS, *_CONNECTED_ON_COLUMNS))
_NO_NAME = N_("no name: First Name and Last Name are empty")
_MISSING_HEADER = N_(
    "no header row with First Name and Last Name: is this LinkedIn's Connections.csv?"
)


def read_linkedin(data: bytes, encoding: str | None = None) -> ParseResult:
    """Parse a LinkedIn Connections.csv; every row becomes an `ImportedPerson` or a `Skipped`."""
    return read_table(data, encoding, _LINKEDIN)


def _is_header(names: list[str]) -> bool:
    return "first name" in names and "last name" in names


def _builder(header: list[str]) -> Builder:
    return _person


def _reads(column: str) -> bool:
    return column in _READ


def _first(row: Record, names: tuple[str, ...]) -> str:
    return next((row[name] for name in names if row.get(name, "").strip()), "")


def _person(row: Record, line: int) -> ImportedPerson | Skipped:
    name = join_name(row.get("first name"), row.get("middle name"), row.get("last name"))
    if name is None:
        return Skipped(line, _(_NO_NAME))
    emails, dropped = clean_emails(row.get(column, "") for column in _EMAILS)
    since, connected_on = _connected_on(_first(row, _CONNECTED_ON_COLUMNS))
    return ImportedPerson(
        line=line,
        name=name,
        emails=emails,
        company=optional_text(_first(row, _COMPANIES)),
        role=optional_text(_first(row, _ROLES)),
        links=clean_links(row.get(column, "") for column in _URLS),
        since=since,
        dropped=dropped + connected_on,
    )


def _connected_on(value: str) -> tuple[date | None, list[str]]:
    """The date, or what was dropped because it is not one."""
    text = clean_text(value)
    if not text:
        return None, []
    parsed = parse_connected_on(text)
    if parsed is None:
        return None, [_("{field} '{value}' (not a date)").format(field="Connected On", value=text)]
    return parsed, []


def parse_connected_on(text: str) -> date | None:
    """`15 Mar 2024`, `15-Mar-24`, `15 March 2024` or `2024-03-15`; None otherwise."""
    if match := _ISO_DATE.fullmatch(text):
        return _date(int(match[1]), int(match[2]), int(match[3]))
    match = _CONNECTED_ON.fullmatch(text)
    if match is None or match[2][:3].lower() not in _MONTHS:
        return None
    year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
    return _date(year, _MONTHS.index(match[2][:3].lower()) + 1, int(match[1]))


def _date(year: int, month: int, day: int) -> date | None:
    """The day, when it exists and falls in the years a contact file accepts."""
    try:
        return check_range(date(year, month, day))
    except ValueError:
        return None


_LINKEDIN = TableFormat(
    is_header=_is_header,
    missing_header=_MISSING_HEADER,
    builder=_builder,
    preamble=True,
    reads=_reads,
)
