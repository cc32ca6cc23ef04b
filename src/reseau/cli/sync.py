"""reseau sync."""

from __future__ import annotations

import typer

from reseau.cli.output import say, say_lines, warn
from reseau.cli.state import state_of
from reseau.files.i18n import _


def sync(ctx: typer.Context) -> None:
    """Commit the network's files, pull (merging them as data), check, push."""
    from reseau.actions.gitsync import sync as run_sync
    from reseau.files.text import clean

    state = state_of(ctx)
    report = run_sync(state.root())
    for line in report.registered:
        say(_("registered the merge driver: {line}").format(line=clean(line)))
    say(
        _("committed: {commit}").format(commit=clean(report.committed))
        if report.committed
        else _("nothing to commit")
    )
    if report.remote is None:
        say(_("no remote: committed here only (add one: git remote add origin URL)"))
        return
    remote = clean(report.remote)
    if report.incoming:
        say(_("came in from {remote}:").format(remote=remote))
        say_lines(f"  {clean(line)}" for line in report.incoming)
    if report.outgoing:
        went = _("went out to {remote}:") if report.pushed else _("to send to {remote}:")
        say(went.format(remote=remote))
        say_lines(f"  {clean(line)}" for line in report.outgoing)
    if report.conflicts:
        for line in report.conflicts:
            warn(line)
        warn(
            _(
                "reseau: conflicts left, nothing pushed: fix each line above, `git add` the "
                "files, `git commit`, then `reseau sync` again"
            )
        )
        raise typer.Exit(1)
    if report.problems:
        for line in report.problems:
            warn(line)
        warn(
            _(
                "reseau: the merged network does not validate, nothing pushed: fix it, then "
                "sync again"
            )
        )
        raise typer.Exit(1)
    if report.pushed:
        say(_("pushed to {remote}").format(remote=remote))
    elif report.up_to_date:
        say(_("up to date with {remote}").format(remote=remote))
