"""reseau check."""

from __future__ import annotations

from typing import Annotated

import typer

from reseau.cli.output import emit_json, say, say_lines, warn
from reseau.cli.state import state_of


def check(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the problems as JSON.")] = False,
) -> None:
    """Validate every file; print every problem as path:line: field: message."""
    from reseau.checks import check_network
    from reseau.files.problems import count_errors, format_capped
    from reseau.files.store import load_network, load_warnings
    from reseau.files.text import clean

    state = state_of(ctx)
    network = load_network(state.root())
    for line in load_warnings(network, skipped=False):
        warn(line)
    problems = check_network(network)
    errors = count_errors(problems)
    if as_json:
        emit_json([problem.to_json() for problem in problems])
    else:
        say_lines(clean(line) for line in format_capped(problems))
        say(_summary(network, errors, len(problems) - errors))
    if errors:
        raise typer.Exit(1)


def _summary(network: object, errors: int, warnings: int) -> str:
    from reseau.files.i18n import _, ngettext
    from reseau.files.localized import number
    from reseau.files.store import Network

    assert isinstance(network, Network)
    skipped = [p for p in network.skipped if p.startswith(("contacts/", "plans/"))]
    files = len(network.contacts) + len(network.plans) + len(skipped)
    if not errors and not warnings:
        verdict = _("no problems")
    else:
        verdict = ", ".join(
            (
                ngettext("{count} error", "{count} errors", errors).format(count=number(errors)),
                ngettext("{count} warning", "{count} warnings", warnings).format(
                    count=number(warnings)
                ),
            )
        )
    return _("checked reseau.yaml, {count} contact and plan files, journal.yaml: {verdict}").format(
        count=number(files), verdict=verdict
    )
