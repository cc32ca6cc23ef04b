"""Dates, months, durations and numbers as the language in use writes them, for text output.

English keeps reseau's own short forms (`Mon 30 Nov`, `7 Oct 2025`, `1234`); French is
written by Babel from the CLDR data (`lun. 30 nov.`, `7 oct. 2025`, `1 234`), and Babel,
heavy to import, is loaded only then. `--json`, the files and the exports never go through
here: they stay ISO and plain numbers.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from reseau.files.i18n import language

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@cache
def _babel_locale(code: str) -> Any:
    from babel import Locale

    return Locale.parse(code)


def _format(day: date, pattern: str) -> str:
    from babel.dates import format_date

    return str(format_date(day, pattern, locale=_babel_locale(language())))


def weekday_day_month(day: date) -> str:
    """`Thu 3 Dec` / `jeu. 3 déc.`: a day of this week or close to it."""
    if language() == "en":
        return f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]}"
    return _format(day, "EEE d MMM")


def weekday_name(day: date) -> str:
    """`Thursday` / `jeudi`."""
    if language() == "en":
        return _WEEKDAY_NAMES[day.weekday()]
    return _format(day, "EEEE")


def day_month(day: date) -> str:
    """`22 Oct` / `22 oct.`: a day of this year."""
    if language() == "en":
        return f"{day.day} {_MONTH_NAMES[day.month - 1]}"
    return _format(day, "d MMM")


def day_month_year(day: date) -> str:
    """`7 Oct 2025` / `7 oct. 2025`: a day further away."""
    if language() == "en":
        return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"
    return _format(day, "d MMM y")


def month_year(year: int, month: int) -> str:
    """`Nov 2026` / `nov. 2026`."""
    if language() == "en":
        return f"{_MONTH_NAMES[month - 1]} {year}"
    return _format(date(year, month, 1), "MMM y")


def number(value: int) -> str:
    """`1234` / `1 234`: a count, grouped the way the language groups digits."""
    if language() == "en":
        return str(value)
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=_babel_locale(language())))


def percent(value: int) -> str:
    """`68%` / `68 %`."""
    return f"{value}%" if language() == "en" else f"{number(value)}\u00a0%"


def duration(minutes: int) -> str:
    """`4h30` / `4 h 30`, `45 min`: time spent."""
    hours, rest = divmod(minutes, 60)
    if language() == "en":
        return f"{hours}h{rest:02d}"
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"
