"""reseau init."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reseau.cli.output import say
from reseau.files.i18n import _


def init(
    directory: Annotated[Path, typer.Argument(help="Where to create the network folder.")] = Path(
        "."
    ),
) -> None:
    """Create a network folder: a commented reseau.yaml, contacts/, plans/, git."""
    from reseau.actions.init import create_network

    report = create_network(directory)
    for name in report.created:
        say(_("created  {path}").format(path=directory / name))
    for name in report.kept:
        say(_("kept     {path} (already there)").format(path=directory / name))
    say(report.git)
    for line in report.registered:
        say(_("registered the merge driver: {line}").format(line=line))
    if "reseau.yaml" in report.created:
        say(
            _("next: reseau --dir {directory} add 'First Last' --email someone@example.org").format(
                directory=directory
            )
        )
