"""Calendar quarters and ISO weeks, as the plans and the ritual count them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reseau.files.dates import FIRST_YEAR, LAST_YEAR, shift
from reseau.files.i18n import _

_QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])$")
_LAST_DAY_OF_QUARTER = {1: 31, 2: 30, 3: 30, 4: 31}


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = _QUARTER.match(text.strip())
        if not match:
            raise ValueError(
                _("'{text}' is not a quarter; write it like 2026-Q4").format(text=text)
            )
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(
                _(
                    "'{text}' is out of range: reseau takes quarters from "
                    "{FIRST_YEAR}-Q1 to {LAST_YEAR}-Q4"
                ).format(text=text, FIRST_YEAR=FIRST_YEAR, LAST_YEAR=LAST_YEAR)
            )
        return cls(year, int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        return date(self.year, 3 * self.number, _LAST_DAY_OF_QUARTER[self.number])

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


def iso_week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_bounds(day: date) -> tuple[date, date]:
    monday = shift(day, -day.weekday())
    return monday, shift(monday, 6)
