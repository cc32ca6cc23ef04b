"""The filters `list` and `export` take: a value that matches nothing known is a usage error.

Without this, `--status activ` or `--circle clientz` would print an empty table and exit 0,
as if nobody matched.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

import typer

from reseau.files.i18n import _

if TYPE_CHECKING:
    from reseau.files.store import Network


def check_status(value: str | None) -> None:
    from reseau.files.model import STATUSES

    if value is not None and value not in STATUSES:
        _refuse(value, "a status", STATUSES, "--status")


def check_circle(value: str | None, network: Network) -> None:
    """A circle is an objective of reseau.yaml; unchecked while reseau.yaml does not validate."""
    from reseau.files.folder import SETTINGS_FILE

    objectives = list(network.settings.objectives)
    if value is None or value in objectives or SETTINGS_FILE in network.skipped:
        return
    if not objectives:
        raise typer.BadParameter(
            _("'{value}' is not an objective of reseau.yaml, which has none").format(
                value=_shown(value)
            ),
            param_hint="--circle",
        )
    _refuse(value, "an objective of reseau.yaml", objectives, "--circle")


def _refuse(value: str, noun: str, choices: Sequence[str], option: str) -> NoReturn:
    from reseau.files.validation import suggest

    close = suggest(value, choices)
    hint = f"; did you mean '{_shown(close)}'?" if close else ""
    raise typer.BadParameter(
        _("'{value}' is not {noun}; use one of: {value2}{hint}").format(
            value=_shown(value), noun=noun, value2=", ".join(map(_shown, choices)), hint=hint
        ),
        param_hint=option,
    )


def _shown(text: str) -> str:
    from reseau.files.text import clean

    return clean(text)
