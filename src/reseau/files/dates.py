"""The one form of a date reseau accepts, in files and options: ISO `YYYY-MM-DD`, 1900 to 2999.

A date outside those years is refused rather than computed with: a cadence, a quarter's end
or a week's Sunday is then always a date Python can hold, and a typo such as `0026` or
`9999` is caught where it was written.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

FIRST_YEAR = 1900
LAST_YEAR = 2999
FIRST_DAY = date(FIRST_YEAR, 1, 1)
LAST_DAY = date(LAST_YEAR, 12, 31)
RANGE = f"reseau takes dates from {FIRST_DAY} to {LAST_DAY}"
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


class DateError(ValueError):
    """Text that is not an ISO date reseau can compute with; the message says why."""


class DateOutOfRange(DateError):
    """A real date, outside the years reseau accepts."""


def parse_date(text: str) -> date:
    """`2026-11-30` as a date; anything else (a timestamp, a time, `20261130`) is refused."""
    if _ISO_DATE.fullmatch(text):
        try:
            value = date.fromisoformat(text)
        except ValueError:
            pass
        else:
            if FIRST_DAY <= value <= LAST_DAY:
                return value
    raise _why_not(text)


def _why_not(text: str) -> DateError:
    """The reason `text` is refused, worked out only once it is (a network holds many dates)."""
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        return DateError(f"'{text}' is not a date; write YYYY-MM-DD")
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        return DateError(_not_a_date(text, "month value is outside expected range"))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return DateOutOfRange(f"'{text}' is out of range: {RANGE}")
    return DateError(_not_a_date(text, "day value is outside expected range"))


def _not_a_date(text: str, reason: str) -> str:
    return f"'{text}' is not a date ({reason}); write YYYY-MM-DD"


def check_range(value: date) -> date:
    """The date itself, when it falls within the years reseau accepts."""
    if not FIRST_DAY <= value <= LAST_DAY:
        raise DateOutOfRange(f"'{value.isoformat()}' is out of range: {RANGE}")
    return value


def shift(day: date, days: int) -> date:
    """`day` moved by `days`, held at the calendar's ends instead of overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min
