"""Dates that come back every year: a birthday, a work anniversary.

Written as an ISO date (`1980-05-14`) or, when the year is unknown, as vCard writes it,
`--05-14`. A day that does not exist in a year (29 February) falls on the last day of the
month that year: 28 February, the day most people celebrate it on.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from reseau.files.dates import DateError, parse_date
from reseau.files.i18n import _

_NO_YEAR = re.compile(r"--([0-9]{2})-([0-9]{2})")
FORMS = "YYYY-MM-DD, or --MM-DD when the year is unknown"


@dataclass(frozen=True, slots=True)
class YearlyDate:
    month: int
    day: int
    year: int | None = None

    @classmethod
    def parse(cls, text: str) -> YearlyDate:
        """`1980-05-14` or `--05-14` (`--02-29` included); anything else is a DateError."""
        match = _NO_YEAR.fullmatch(text)
        if match is None:
            try:
                full = parse_date(text)
            except DateError:
                raise DateError(
                    _("'{text}' is not a date; write {FORMS}").format(text=text, FORMS=FORMS)
                ) from None
            return cls(full.month, full.day, full.year)
        month, day = int(match[1]), int(match[2])
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
            raise DateError(
                _("'{text}' is not a day of the year; write {FORMS}").format(text=text, FORMS=FORMS)
            )
        return cls(month, day)

    def text(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def in_year(self, year: int) -> date:
        """The day it falls on in `year`: 29 February is 28 February in a common year."""
        last = calendar.monthrange(year, self.month)[1]
        return date(year, self.month, min(self.day, last))

    def next_on_or_after(self, day: date) -> date:
        """Its first occurrence on `day` or later."""
        this_year = self.in_year(day.year)
        return this_year if this_year >= day else self.in_year(day.year + 1)

    def between(self, first: date, last: date) -> date | None:
        """Its occurrence from `first` to `last` (a span shorter than a year), if any."""
        when = self.next_on_or_after(first)
        return when if when <= last else None

    def years_on(self, day: date) -> int | None:
        """How many years it marks on `day` (an age, a number of years), when the year is known."""
        return None if self.year is None else day.year - self.year
