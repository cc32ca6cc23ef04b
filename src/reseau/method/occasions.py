"""Dates that matter (recommendation 7, pamper your contacts): birthdays and the other yearly
dates a contact holds, and which of them fall in a span of days such as a week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reseau.files.model import Contact
from reseau.files.yearly import YearlyDate

BIRTHDAY = "birthday"


@dataclass(frozen=True, slots=True)
class Occasion:
    """One yearly date on one day: what it is (`birthday`, `work anniversary`) and when."""

    label: str
    day: date
    years: int | None  # the age or the number of years, when the year is known


def yearly_dates(contact: Contact) -> list[tuple[str, YearlyDate]]:
    """The contact's birthday first, then its other dates in the file's order."""
    found = [(BIRTHDAY, YearlyDate.parse(contact.birthday))] if contact.birthday else []
    return found + [(label, YearlyDate.parse(text)) for label, text in contact.dates.items()]


def occasions_between(contact: Contact, first: date, last: date) -> list[Occasion]:
    """The contact's yearly dates falling from `first` to `last` (less than a year apart),
    earliest first; across New Year a date is found in the year it falls in."""
    found = []
    for label, yearly in yearly_dates(contact):
        day = yearly.between(first, last)
        if day is not None:
            found.append(Occasion(label, day, yearly.years_on(day)))
    return sorted(found, key=lambda occasion: occasion.day)


def next_occasion(yearly: YearlyDate, today: date) -> date:
    return yearly.next_on_or_after(today)
