"""The Typer application: global options and the command table."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Annotated, Any

import typer
import typer.main

from reseau import __version__
from reseau.cli.groups import SuggestingGroup, hoist_global_options
from reseau.cli.state import State, parse_today
from reseau.files.i18n import _

SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}


@dataclass(frozen=True, slots=True)
class Entry:
    """Where a command lives, and the line `reseau --help` shows for it."""

    module: str
    attribute: str
    summary: str
    group: bool = False


COMMANDS = {
    "week": Entry(
        "reseau.cli.week", "week", "The week's agenda, in the ritual's minutes; --done records it."
    ),
    "stats": Entry(
        "reseau.cli.stats", "stats", "The network's health against the ten recommendations."
    ),
    "init": Entry(
        "reseau.cli.init", "init", "Create a network folder: reseau.yaml, contacts/, plans/, git."
    ),
    "add": Entry("reseau.cli.contacts", "add", "Add a contact: writes contacts/<slug>.yaml."),
    "show": Entry(
        "reseau.cli.contacts", "show", "One contact, with what reseau computes about them."
    ),
    "list": Entry("reseau.cli.contacts", "list_contacts", "The table of contacts."),
    "qualify": Entry(
        "reseau.cli.qualify", "qualify", "Qualify a contact; --missing lists who needs it."
    ),
    "stale": Entry("reseau.cli.stale", "stale", "Active contacts not met in person lately."),
    "log": Entry("reseau.cli.interactions", "log", "Record an interaction with a contact."),
    "promise": Entry(
        "reseau.cli.promise",
        "app",
        "A next step promised to a contact; promise done when it is kept.",
        group=True,
    ),
    "intro": Entry("reseau.cli.interactions", "intro", "Record that you introduced two contacts."),
    "edit": Entry(
        "reseau.cli.edit", "edit", "Open a contact's file in $EDITOR, checked when it closes."
    ),
    "rename": Entry(
        "reseau.cli.lifecycle", "rename", "Rename a contact, its file and every reference to it."
    ),
    "merge": Entry("reseau.cli.lifecycle", "merge", "Merge two files of one person into one."),
    "archive": Entry(
        "reseau.cli.lifecycle", "archive", "Archive a contact: history kept, counted nowhere."
    ),
    "remove": Entry(
        "reseau.cli.lifecycle", "remove", "Remove a contact's file (--force: and references)."
    ),
    "plan": Entry(
        "reseau.cli.plan",
        "app",
        "The quarterly action plan: progress, next draft, done.",
        group=True,
    ),
    "handover": Entry(
        "reseau.cli.team", "handover", "In a team: move a member's plan items and contacts."
    ),
    "sync": Entry(
        "reseau.cli.sync", "sync", "Commit the network's files, pull, merge as data, check, push."
    ),
    "check": Entry(
        "reseau.cli.check", "check", "Validate every file; print every problem with its line."
    ),
    "import": Entry(
        "reseau.cli.exchange",
        "import_app",
        "Bring in people (vCard, LinkedIn, Google) or meetings (ICS).",
        group=True,
    ),
    "export": Entry(
        "reseau.cli.exchange", "export_app", "Write vCard, CSV or a calendar (ICS).", group=True
    ),
}


def build_command(name: str) -> Any:
    """The click command for `name`, built from its module only when it is asked for."""
    entry = COMMANDS[name]
    target = getattr(importlib.import_module(entry.module), entry.attribute)
    if not entry.group:
        single = typer.Typer(add_completion=False, rich_markup_mode=None)
        single.command(name, context_settings=SETTINGS)(target)
        target = single
    from reseau.cli.help import make_readable

    command = typer.main.get_command(target)
    command.name = name
    make_readable(command, name)
    return command


AUTO_SHELL = "auto"
_COMPLETION_OPTIONS = ("--show-completion", "--install-completion")


def _shell_optional(args: list[str]) -> list[str]:
    """`--show-completion` alone means this shell: its value may be left out."""
    shown = list(args)
    for index, arg in enumerate(args):
        if arg in _COMPLETION_OPTIONS and (index + 1 == len(args) or args[index + 1][:1] == "-"):
            shown.insert(index + 1 + (len(shown) - len(args)), AUTO_SHELL)
    return shown


class LazyGroup(SuggestingGroup):
    """Imports and builds a command's module only when that command runs or shows its help.

    Start-up then costs the same whatever the number of commands, and `reseau --help`
    imports none of them.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _shell_optional(hoist_global_options(args)))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return build_command(cmd_name) if cmd_name in COMMANDS else None

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        with formatter.section(_("Commands")):
            formatter.write_dl([(name, _(entry.summary)) for name, entry in COMMANDS.items()])


app = typer.Typer(
    cls=LazyGroup,
    name="reseau",
    help="Cultivate a durable professional network, one weekly ritual at a time.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings=SETTINGS,
)


def _show_completion(value: str | None) -> None:
    if value is not None:
        from reseau.cli.completion import script_for

        typer.echo(script_for(_shell(value, "--show-completion")), nl=False)
        raise typer.Exit()


def _install_completion(value: str | None) -> None:
    if value is not None:
        from pathlib import Path

        from reseau.actions.completion import install_completion
        from reseau.cli.completion import script_for

        shell = _shell(value, "--install-completion")
        changed = install_completion(shell, script_for(shell), Path.home())
        for relpath in changed:
            typer.echo(f"wrote ~/{relpath}")
        if not changed:
            typer.echo(f"{shell} completion is already installed")
        typer.echo(f"{shell} completes reseau in the next shell you open")
        raise typer.Exit()


def _shell(value: str, option: str) -> str:
    """The shell named, or (`auto`) the one reseau runs in."""
    from reseau.cli.completion import SHELLS, detect_shell

    shell = detect_shell() if value == AUTO_SHELL else value
    if shell in SHELLS:
        return shell
    what = (
        f"'{value}' is not a shell reseau completes"
        if value != AUTO_SHELL
        else ("cannot tell which shell this is")
    )
    raise typer.BadParameter(f"{what}; name one: {', '.join(SHELLS)}", param_hint=option)


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
            help="The date every computation takes as today: YYYY-MM-DD, yesterday, -7d, "
            "monday... (or RESEAU_TODAY).",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            help=_(
                "The language to speak: en or fr (default: reseau.yaml's language, else "
                "LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."
            ),
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback on internal errors.")
    ] = False,
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            metavar="[SHELL]",
            callback=_show_completion,
            is_eager=True,
            expose_value=False,
            help="Print the completion script for bash, zsh or fish (default: this shell).",
        ),
    ] = None,
    install_completion: Annotated[
        str | None,
        typer.Option(
            "--install-completion",
            metavar="[SHELL]",
            callback=_install_completion,
            is_eager=True,
            expose_value=False,
            help="Install completion for bash, zsh or fish (default: this shell).",
        ),
    ] = None,
    member_as: Annotated[
        str | None,
        typer.Option(
            "--as",
            metavar="MEMBER",
            help="In a team network: the member running the command (or RESEAU_MEMBER).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = State(dir=dir, today=parse_today(today), debug=debug, member_as=member_as)
