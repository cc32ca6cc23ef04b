"""Dates: ISO `YYYY-MM-DD` from 1900 to 2999 in files; on the command line also the words
people type (`today`, `yesterday`, `3 days ago`, `-3d`, `friday`), read by one parser.

A date outside those years is refused rather than computed with: a cadence, a quarter's end
or a week's Sunday is then always a date Python can hold, and a typo such as `0026` or
`9999` is caught where it was written.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from reseau.files.i18n import N_, _

FIRST_YEAR = 1900
LAST_YEAR = 2999
FIRST_DAY = date(FIRST_YEAR, 1, 1)
LAST_DAY = date(LAST_YEAR, 12, 31)
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_AGO = re.compile(r"([0-9]{1,5}) *(d|days?|w|weeks?) +ago")
_IL_Y_A = re.compile(r"il y a ([0-9]{1,5}) *(j|jours?|s|semaines?)")
_MINUS = re.compile(r"-([0-9]{1,5}) *(d|w|j|s)")
# The French words are read in every language, as the English ones are: a French user
# types `--date hier` whatever the terminal's locale, and no word means two dates.
_WORDS_BACK = {
    "today": 0, "aujourd'hui": 0, "aujourd\u2019hui": 0, "aujourdhui": 0,
    "yesterday": 1, "hier": 1, "avant-hier": 2,
}  # fmt: skip
ENGLISH_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FRENCH_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
TYPED_FORMS = N_(
    "YYYY-MM-DD, today, yesterday, 3 days ago, -3d, 2 weeks ago, or a weekday (friday)"
)


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
        return DateError(_("'{text}' is not a date; write YYYY-MM-DD").format(text=text))
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        return DateError(_not_a_date(text, _("month value is outside expected range")))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return DateOutOfRange(_out_of_range(text))
    return DateError(_not_a_date(text, _("day value is outside expected range")))


def _not_a_date(text: str, reason: str) -> str:
    return _("'{text}' is not a date ({reason}); write YYYY-MM-DD").format(text=text, reason=reason)


def _out_of_range(text: str) -> str:
    return _("'{text}' is out of range: reseau takes dates from {first} to {last}").format(
        text=text, first=FIRST_DAY, last=LAST_DAY
    )


def check_range(value: date) -> date:
    """The date itself, when it falls within the years reseau accepts."""
    if not FIRST_DAY <= value <= LAST_DAY:
        raise DateOutOfRange(_out_of_range(value.isoformat()))
    return value


def shift(day: date, days: int) -> date:
    """`day` moved by `days`, held at the calendar's ends instead of overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def read_typed_date(text: str, today: date) -> date:
    """A date as typed on the command line, relative to `today`.

    `today`, `yesterday`; `3 days ago`, `2 weeks ago`, `-3d`, `-2w`; a weekday name or its
    first three letters, meaning the latest such day, today included (`monday` on a Monday is
    today); the French words too (`aujourd'hui`, `hier`, `avant-hier`, `il y a 3 jours`,
    `il y a 2 semaines`, `-3j`, `-2s`, `lundi`, `ven`); else ISO `YYYY-MM-DD`. Nothing else
    is guessed: `01/02` is refused, since it reads differently on each side of the Atlantic.
    """
    word = " ".join(text.strip().lower().split())
    days = _days_back(word)
    if days is not None:
        return check_range(shift(today, -days))
    weekday = weekday_of(word)
    if weekday is not None:
        return today - timedelta(days=(today.weekday() - weekday) % 7)
    if _ISO_DATE.fullmatch(word):
        return parse_date(word)
    raise DateError(
        _("'{text}' is not a date; write {forms}").format(text=text, forms=_(TYPED_FORMS))
    )


def _days_back(word: str) -> int | None:
    if word in _WORDS_BACK:
        return _WORDS_BACK[word]
    match = _AGO.fullmatch(word) or _IL_Y_A.fullmatch(word) or _MINUS.fullmatch(word)
    if match is None:
        return None
    count = int(match[1])
    return count * 7 if match[2][0] in "ws" else count


def weekday_of(word: str) -> int | None:
    """0 for `monday`, `mon`, `lundi` or `lun`, ..., 6 for `sunday` or `dimanche`; None for
    anything else."""
    for index, names in enumerate(zip(ENGLISH_WEEKDAYS, FRENCH_WEEKDAYS, strict=True)):
        if any(word in (name, name[:3]) for name in names):
            return index
    return None


def refuse_future(day: date, today: date, advice: str) -> date:
    """`day` itself, unless it is after today: what it dates (a first meeting, an interaction)
    has happened, so a future date is a typo, not a plan; `advice` says so to the user."""
    if day > today:
        raise DateError(
            _("{day} is in the future (today is {today}); {advice}").format(
                day=day, today=today, advice=advice
            )
        )
    return day
