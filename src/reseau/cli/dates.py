"""Every date option goes through here: one parser, one rule for the future.

`--today` may be any day; a date that records what happened (`add --since`, the first
meeting; `log --date` and `intro --date`, an interaction) cannot be after today.
"""

from __future__ import annotations

from datetime import date

import typer

from reseau.files.i18n import N_, _

FIRST_MEETING = N_("a first meeting has already happened")
INTERACTION = N_("log what has happened")


def date_option(value: str, today: date, option: str, *, past: str | None = None) -> date:
    """`value` read as a date relative to `today`; with `past`, a future date is refused and
    `past` says why. Either failure is a usage error naming the option."""
    from reseau.files.dates import DateError, read_typed_date, refuse_future
    from reseau.files.text import clean

    try:
        day = read_typed_date(value, today)
        return refuse_future(day, today, _(past)) if past else day
    except DateError as exc:
        raise typer.BadParameter(clean(str(exc)), param_hint=option) from None
