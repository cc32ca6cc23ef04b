"""Promises made to contacts (recommendation 6, give first): which are open, due, kept.

A promise is due in a week when it is open and its date falls by that week's Sunday (so a
late one stays due until it is kept); it is kept on time when it was done by its date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reseau.files.model import Contact, Promise

KEPT_WITHIN_DAYS = 365  # the promises whose date fell in the last year count in stats


@dataclass(frozen=True, slots=True)
class OpenPromise:
    """An open promise, with its number on the contact (1 = the earliest date)."""

    number: int
    index: int  # its position in the file's `promises:` list
    promise: Promise


def open_promises(contact: Contact) -> list[OpenPromise]:
    """The contact's open promises, earliest date first, numbered from 1."""
    found = sorted(
        ((p.by, index, p) for index, p in enumerate(contact.promises) if p.is_open),
        key=lambda row: (row[0], row[1]),
    )
    return [OpenPromise(n, index, p) for n, (_, index, p) in enumerate(found, start=1)]


def due_by(contact: Contact, last_day: date) -> list[OpenPromise]:
    """The open promises dated on or before `last_day` (a week's Sunday): due or late."""
    return [item for item in open_promises(contact) if item.promise.by <= last_day]


@dataclass(frozen=True, slots=True)
class Keeping:
    """How promises were kept: those whose date fell in the last year, and up to today."""

    due: int  # their date has passed (or they were done): each one either kept or not
    kept_on_time: int
    kept_late: int
    open_late: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.kept_on_time / self.due) if self.due else None


def keeping(contacts: list[Contact], today: date) -> Keeping:
    start = today - timedelta(days=KEPT_WITHIN_DAYS)
    counted = [
        p
        for contact in contacts
        for p in contact.promises
        if start < p.by and (p.by < today or (p.done is not None and p.done <= today))
    ]
    on_time = sum(p.kept_on_time for p in counted)
    late = sum(p.done is not None and not p.kept_on_time for p in counted)
    return Keeping(
        due=len(counted),
        kept_on_time=on_time,
        kept_late=late,
        open_late=len(counted) - on_time - late,
    )
