"""The Typer application: global options and the command table."""

from __future__ import annotations

from typing import Annotated

import typer

from reseau import __version__
from reseau.cli import check, contacts, edit, exchange, init, interactions, plan, qualify, stale
from reseau.cli import stats as stats_command
from reseau.cli import week as week_command
from reseau.cli.state import State, parse_today

app = typer.Typer(
    name="reseau",
    help="Cultivate a durable professional network, one weekly ritual at a time.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"reseau {__version__}")
        raise typer.Exit()


@app.callback()
def options(
    ctx: typer.Context,
    dir: Annotated[
        str | None,
        typer.Option(
            "--dir",
            metavar="PATH",
            help="The network folder (default: RESEAU_DIR, else the nearest reseau.yaml upward).",
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="DATE",
            help="The date every computation takes as today (YYYY-MM-DD; or RESEAU_TODAY).",
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback on internal errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = State(dir=dir, today=parse_today(today), debug=debug)


app.command("week")(week_command.week)
app.command("stats")(stats_command.stats)
app.command("init")(init.init)
app.command("add")(contacts.add)
app.command("show")(contacts.show)
app.command("list")(contacts.list_contacts)
app.command("qualify")(qualify.qualify)
app.command("stale")(stale.stale)
app.command("log")(interactions.log)
app.command("intro")(interactions.intro)
app.command("edit")(edit.edit)
app.add_typer(plan.app, name="plan")
app.command("check")(check.check)
app.add_typer(exchange.import_app, name="import")
app.add_typer(exchange.export_app, name="export")
