"""CSV for spreadsheets, with every cell a spreadsheet would run as a formula neutralised.

OWASP's rule: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
prefixed with a single quote. Phone numbers (`+` then digits and separators only, several
joined by `;`) are left as written: they cannot run anything, and a quote would spoil them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import date

from reseau import activity, scoring
from reseau.model import Contact, Settings

PUBLIC_COLUMNS = (
    "slug", "name", "emails", "phones", "company", "role", "city", "links",
    "circles", "tags", "status", "since",
)  # fmt: skip
PRIVATE_COLUMNS = ("nature", "score", "tier", "last_met", "balance", "notes")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PHONES = re.compile(r"^\+[\d\s().\-/;+]+$")


def neutralise(cell: str) -> str:
    if cell.startswith(_FORMULA_START) and not _PHONES.match(cell):
        return "'" + cell
    return cell


def contacts_to_csv(
    contacts: Iterable[tuple[str, Contact]], settings: Settings, today: date, *, private: bool
) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    columns = PUBLIC_COLUMNS + (PRIVATE_COLUMNS if private else ())
    writer.writerow(columns)
    for slug, contact in contacts:
        row = _public_cells(slug, contact)
        if private:
            row += _private_cells(contact, settings, today)
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def _public_cells(slug: str, contact: Contact) -> list[str]:
    return [
        slug,
        contact.name,
        "; ".join(contact.emails),
        "; ".join(contact.phones),
        contact.company or "",
        contact.role or "",
        contact.city or "",
        " ".join(contact.links),
        " ".join(contact.circles),
        " ".join(contact.tags),
        contact.status,
        contact.since.isoformat() if contact.since else "",
    ]


def _private_cells(contact: Contact, settings: Settings, today: date) -> list[str]:
    value = scoring.score(contact, settings)
    met = activity.last_met(contact)
    nature = contact.qualification.nature if contact.qualification else None
    return [
        nature or "",
        "" if value is None else str(value),
        scoring.tier_of(value, settings),
        met.isoformat() if met else "",
        str(activity.balance(contact, today)),
        contact.notes or "",
    ]
