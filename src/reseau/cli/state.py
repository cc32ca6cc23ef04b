"""What every command shares: the global options, resolved once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from reseau.files.store import Network


@dataclass(slots=True)
class State:
    dir: str | None
    today: date
    debug: bool = False
    member_as: str | None = None

    def member(self, root: Path, *, required: bool = False) -> str | None:
        """Who runs the command in a team network (None without members)."""
        from reseau.files.team import current_member, members_of, require_member

        find = require_member if required else current_member
        return find(root, members_of(root), self.member_as, os.environ)

    def root(self) -> Path:
        from reseau.cli import collector
        from reseau.files.folder import find_root

        collector.resume()  # start-up is over: the command's work begins here
        return find_root(self.dir, os.environ, Path.cwd())

    def network(self) -> Network:
        """The folder loaded, with a line on stderr when some files had to be skipped."""
        from reseau.files.store import load_network, load_warnings

        network = load_network(self.root())
        for line in load_warnings(network):
            typer.echo(line, err=True)
        return network


def state_of(ctx: typer.Context) -> State:
    state = ctx.find_root().obj
    assert isinstance(state, State)
    return state


def parse_today(value: str | None) -> date:
    """--today, else RESEAU_TODAY, else the clock; a relative form counts from the clock."""
    text = value or os.environ.get("RESEAU_TODAY") or ""
    if not text:
        return date.today()
    from reseau.cli.dates import date_option

    return date_option(text, date.today(), "--today" if value else "RESEAU_TODAY")
