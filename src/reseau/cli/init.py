"""reseau init."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reseau.cli.output import say


def init(
    directory: Annotated[Path, typer.Argument(help="Where to create the network folder.")] = Path(
        "."
    ),
) -> None:
    """Create a network folder: a commented reseau.yaml, contacts/, plans/, git."""
    from reseau.actions.init import create_network

    report = create_network(directory)
    for name in report.created:
        say(f"created  {directory / name}")
    for name in report.kept:
        say(f"kept     {directory / name} (already there)")
    say(report.git)
    for line in report.registered:
        say(f"registered the merge driver: {line}")
    if "reseau.yaml" in report.created:
        say(f"next: reseau --dir {directory} add 'First Last' --email someone@example.org")
