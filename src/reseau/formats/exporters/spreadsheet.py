"""CSV for spreadsheets, with every cell a spreadsheet would run as a formula neutralised.

OWASP's rule: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
prefixed with a single quote. Phone numbers (`+`, then digits and the separators space, `.`,
`-`, `(`, `)` and `/` only; after a `; ` the next one may start with a digit) and negative
whole numbers (a balance of -2) are left as written: they cannot run anything, and a quote
would spoil them. A second `+` makes no phone number (`+1+1` would compute 2).
Every cell is cleaned first (render.clean): no control character, escape sequence or
direction override, whether the CSV goes to a file or to the terminal; notes keep their
line breaks.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Mapping
from datetime import date

from reseau.files.model import Contact, Settings
from reseau.files.text import clean
from reseau.method import activity, scoring

PUBLIC_COLUMNS = (
    "slug", "name", "emails", "phones", "company", "role", "city", "links",
    "circles", "tags", "status", "since",
)  # fmt: skip
PRIVATE_COLUMNS = ("nature", "score", "tier", "last_met", "gave", "received", "balance", "notes")
# Tags and circles are free text, spaces and punctuation included: one per line of the cell,
# a line break being the one character an exported tag cannot hold (`clean` removes it).
LABEL_SEPARATOR = "\n"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-\d+")
_PHONE = re.compile(r"\+?\d[\d .()\-/]*")


def neutralise(cell: str) -> str:
    if cell.startswith(_FORMULA_START) and not _is_phones(cell) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _is_phones(cell: str) -> bool:
    return all(_PHONE.fullmatch(phone) for phone in cell.split("; "))


def contacts_to_csv(
    contacts: Iterable[tuple[str, Contact]],
    settings: Settings,
    today: date,
    *,
    private: bool,
    mentions: Mapping[str, Collection[activity.Mention]] | None = None,
    seen: Mapping[str, activity.Elsewhere] | None = None,
) -> str:
    """`mentions`: the introductions other files record (`activity.intros_naming`), for the
    balance; `seen`: the interactions other files hold with each contact
    (`activity.seen_elsewhere`), for the last meeting."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    columns = PUBLIC_COLUMNS + (PRIVATE_COLUMNS if private else ())
    writer.writerow(columns)
    for slug, contact in contacts:
        row = [_clean_cell(cell) for cell in _public_cells(slug, contact)]
        if private:
            elsewhere = (mentions or {}).get(slug, ())
            met = activity.last_met(contact, today, (seen or {}).get(slug, ()))
            row += _private_cells(contact, settings, today, elsewhere, met)
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
        LABEL_SEPARATOR.join(clean(circle) for circle in contact.circles),
        LABEL_SEPARATOR.join(clean(tag) for tag in contact.tags),
        contact.status,
        contact.since.isoformat() if contact.since else "",
    ]


def _private_cells(
    contact: Contact,
    settings: Settings,
    today: date,
    elsewhere: Collection[activity.Mention],
    met: date | None,
) -> list[str]:
    value = scoring.score(contact, settings)
    nature = contact.qualification.nature if contact.qualification else None
    return [
        clean(nature),
        "" if value is None else str(value),
        scoring.tier_of(value, settings),
        met.isoformat() if met else "",
        _exchanges(contact, today, "gave"),
        _exchanges(contact, today, "received"),
        str(activity.balance(contact, today, elsewhere)),
        clean(contact.notes, multiline=True),
    ]


def _clean_cell(cell: str) -> str:
    """One-line text cleaned; a list cell keeps the line breaks that separate its items."""
    return "\n".join(clean(line) for line in cell.split(LABEL_SEPARATOR))


def _exchanges(contact: Contact, today: date, side: str) -> str:
    """What was given or received, one interaction a line: `2026-03-02: an intro to X`."""
    return "\n".join(
        f"{interaction.date.isoformat()}: {clean(getattr(interaction, side))}"
        for interaction in contact.interactions
        if getattr(interaction, side) and interaction.date <= today
    )
