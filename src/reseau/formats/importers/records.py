"""What every importer returns, and the cleaning rules they all apply.

An import never fails on one bad card or row: each one becomes either an `ImportedPerson`
or a `Skipped` that carries its 1-based line and a reason, so that a report can name every
problem at once. `ImportFileError` is kept for the whole file being unreadable (an
undecodable byte, no header row, no card at all). `ParseResult.warnings` holds what the user
should hear about the file as a whole, such as the encoding it was read with.

Everything that comes out of an address book is shown in a terminal later, so every text
goes through `clean_text`: terminal escape sequences (CSI such as `ESC [31m`, and string
sequences such as OSC 52 `ESC ] 52;c;... BEL`, which can write to the clipboard), the
remaining C0/C1 control characters, bidi overrides and isolates (which make a name read
backwards, "Trojan Source" style) and invisible zero-width characters are removed. Tabs and
line breaks become a space, except in notes, which keep their line breaks. Text is put in
NFC, so that "é" typed on a Mac matches "é" typed anywhere else when contacts are merged by
name. Zero-width joiners and non-joiners are kept: Persian, Indic scripts and emoji need them.

Phones are kept as written (only cleaned); e-mails must look like an address (something,
`@`, something, no blank) and the others are reported in `dropped`; a link without a scheme
gets `https://`, so that `www.example.org` and `linkedin.com/in/x` become usable links.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from reseau.files.i18n import _


@dataclass(slots=True)
class ImportedPerson:
    line: int
    name: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str | None = None
    role: str | None = None
    city: str | None = None
    links: list[str] = field(default_factory=list)
    since: date | None = None
    notes: str | None = None
    dropped: list[str] = field(default_factory=list)
    uid: str | None = None
    circles: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    status: str | None = None
    cadence_days: int | None = None
    birthday: str | None = None  # as the contact file writes it: `1980-05-14` or `--05-14`
    dates: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Skipped:
    line: int
    reason: str


@dataclass(slots=True)
class ParseResult:
    people: list[ImportedPerson]
    skipped: list[Skipped]
    warnings: list[str] = field(default_factory=list)


class ImportFileError(Exception):
    """The whole file cannot be read; the message is meant for the user as it is."""


_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, screen clears
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS...
    r"|\x1b[ -/]*[0-~]"  # two-character escapes such as ESC c (reset)
)
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile(
    "[\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
_TRAILING_BLANKS = re.compile(r"[^\S\n]+(?=\n)")
_SCHEME = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|(?:mailto|tel|sip|xmpp|urn):)", re.I)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Return `value` without anything that could act on a terminal, stripped.

    With `multiline`, line breaks are kept as `\\n` and each line loses its trailing blanks;
    without it, every line break becomes a space.
    """
    text = _ESCAPE_SEQUENCE.sub("", value)
    text = _LINE_BREAK.sub("\n" if multiline else " ", text).replace("\t", " ")
    text = _INVISIBLE.sub("", _CONTROL.sub("", text))
    text = unicodedata.normalize("NFC", text)
    if multiline:
        text = _TRAILING_BLANKS.sub("", text)
    return text.strip()


def optional_text(value: str | None) -> str | None:
    """Clean a one-line field; an empty result is no value at all."""
    text = clean_text(value) if value else ""
    return text or None


def join_name(*parts: str | None) -> str | None:
    """Join the non-empty parts of a name with single spaces; None when nothing is left."""
    words = [word for part in parts if part for word in clean_text(part).split()]
    return " ".join(words) or None


def first_present(*candidates: str | None) -> str | None:
    """The first candidate that is not None (candidates are already cleaned)."""
    return next((candidate for candidate in candidates if candidate), None)


def clean_notes(values: Iterable[str]) -> str | None:
    """Several notes become one, separated by a blank line."""
    notes = [note for note in (clean_text(value, multiline=True) for value in values) if note]
    return "\n\n".join(notes) or None


def clean_emails(values: Iterable[str]) -> tuple[list[str], list[str]]:
    """Return the addresses, without duplicates, and what was dropped as not an address."""
    emails: list[str] = []
    dropped: list[str] = []
    seen: set[str] = set()
    for value in values:
        email = clean_text(value)
        if email[:7].lower() == "mailto:":
            email = email[7:].strip()
        if not email or email.lower() in seen:
            continue
        if _EMAIL.fullmatch(email):
            seen.add(email.lower())
            emails.append(email)
        else:
            dropped.append(_("e-mail '{email}' (not an address)").format(email=email))
    return emails, dropped


def clean_phones(values: Iterable[str]) -> list[str]:
    """Phones as written, cleaned, without empty values or exact duplicates."""
    return _unique(clean_text(value) for value in values)


def clean_labels(values: Iterable[str]) -> list[str]:
    """Tags or circles: cleaned, without empty values or exact duplicates."""
    return _unique(clean_text(value) for value in values)


def clean_links(values: Iterable[str]) -> list[str]:
    """Links cleaned, with `https://` added where the scheme is missing."""
    return _unique(normalise_link(clean_text(value)) for value in values)


def normalise_link(link: str) -> str:
    if not link or _SCHEME.match(link):
        return link
    return "https://" + link.lstrip("/")


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))


_VCARD_DATE = re.compile(r"(?:([0-9]{4})|--)-?([0-9]{2})-?([0-9]{2})")


def yearly_text(value: str) -> str | None:
    """A birthday or an anniversary as address books write it (`1980-05-14`, `19800514`,
    `--0514`, `--05-14`, with or without a time after it), in the contact file's form; None
    when it is not a day of the year. A year before 1900 is no year: Apple writes 1604 for a
    birthday whose year is unknown."""
    from reseau.files.dates import FIRST_YEAR, DateError
    from reseau.files.yearly import YearlyDate

    text = clean_text(value).partition("T")[0]
    match = _VCARD_DATE.fullmatch(text)
    if match is None:
        return None
    year = match[1] if match[1] and int(match[1]) >= FIRST_YEAR else None
    written = f"{year}-{match[2]}-{match[3]}" if year else f"--{match[2]}-{match[3]}"
    try:
        return YearlyDate.parse(written).text()
    except DateError:
        return None
