"""reseau handover."""

from __future__ import annotations

from typing import Annotated

import typer

from reseau.cli.output import emit_json, say
from reseau.cli.state import state_of
from reseau.files.i18n import _


def handover(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="FROM", help="The member who leaves.")],
    target: Annotated[str, typer.Argument(metavar="TO", help="The member who takes over.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Move FROM's plan items and the relationships FROM holds alone to TO."""
    from reseau.actions.handover import handover as hand_over
    from reseau.files.text import clean

    state = state_of(ctx)
    report = hand_over(state.network(), source, target, state.today)
    if as_json:
        emit_json(
            {
                "contacts": report.contacts,
                "plan_items": report.plan_items,
                "committed": report.committed,
            }
        )
        return
    member = clean(target)
    for slug in report.contacts:
        say(_("held by {member} now: {slug}").format(member=member, slug=clean(slug)))
    for item in report.plan_items:
        say(_("owned by {member} now: {item}").format(member=member, item=clean(item)))
    if not report.contacts and not report.plan_items:
        alone = _("{member} holds no relationship alone and owns no plan item")
        say(alone.format(member=clean(source)))
    elif report.committed:
        say(_("committed: {commit}").format(commit=clean(report.committed)))
