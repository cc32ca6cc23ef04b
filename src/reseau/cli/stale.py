"""reseau stale."""

from __future__ import annotations

from typing import Annotated

import typer

from reseau.cli.output import emit_json, say_lines
from reseau.cli.state import state_of
from reseau.files.i18n import _


def stale(
    ctx: typer.Context,
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            metavar="N",
            help="Not met in person within N days (default: met_within_days of reseau.yaml).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Active contacts not met in person lately: never met first, then the longest unseen."""
    from reseau.cli.palette import Screen
    from reseau.cli.views import shared_names, stale_table
    from reseau.method.stale import stale_rows

    if days is not None and days < 0:
        raise typer.BadParameter(
            _("must be 0 or more, got {days}").format(days=days), param_hint="--days"
        )
    state = state_of(ctx)
    network = state.network()
    within = network.settings.met_within_days if days is None else days
    rows = stale_rows(network, state.today, within)
    if as_json:
        emit_json([row.to_json() for row in rows])
        return
    active = sum(1 for contact in network.contacts.values() if contact.is_active)
    screen = Screen.stdout()
    say_lines(stale_table(rows, active, within, state.today, screen, shared_names(network)))
