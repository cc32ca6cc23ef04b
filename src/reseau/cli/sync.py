"""reseau sync."""

from __future__ import annotations

import typer

from reseau.cli.output import say, say_lines, warn
from reseau.cli.state import state_of


def sync(ctx: typer.Context) -> None:
    """Commit the network's files, pull (merging them as data), check, push."""
    from reseau.actions.gitsync import sync as run_sync
    from reseau.files.text import clean

    state = state_of(ctx)
    report = run_sync(state.root())
    for line in report.registered:
        say(f"registered the merge driver: {clean(line)}")
    say(f"committed: {clean(report.committed)}" if report.committed else "nothing to commit")
    if report.remote is None:
        say("no remote: committed here only (add one: git remote add origin URL)")
        return
    remote = clean(report.remote)
    if report.incoming:
        say(f"came in from {remote}:")
        say_lines(f"  {clean(line)}" for line in report.incoming)
    if report.outgoing:
        say(f"went out to {remote}:" if report.pushed else f"to send to {remote}:")
        say_lines(f"  {clean(line)}" for line in report.outgoing)
    if report.conflicts:
        for line in report.conflicts:
            warn(line)
        warn(
            "reseau: conflicts left, nothing pushed: fix each line above, `git add` the files, "
            "`git commit`, then `reseau sync` again"
        )
        raise typer.Exit(1)
    if report.problems:
        for line in report.problems:
            warn(line)
        warn(
            "reseau: the merged network does not validate, nothing pushed: fix it, then sync again"
        )
        raise typer.Exit(1)
    if report.pushed:
        say(f"pushed to {remote}")
    elif report.up_to_date:
        say(f"up to date with {remote}")
