"""The Typer application, built from the command table and global options of cli/commands."""

from __future__ import annotations

import importlib
from typing import Annotated, Any

import typer
import typer.main

from reseau import __version__
from reseau.cli.commands import APP_HELP, COMMANDS, GlobalOption, global_options
from reseau.cli.groups import SuggestingGroup, hoist_global_options, translate_help
from reseau.cli.state import State, parse_today
from reseau.files.i18n import _

SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}


def _read_plain_values() -> None:
    """Text and flags read without building a Pydantic adapter each (cli/coercion.py); a
    Typer without the private module it builds on keeps its own conversion."""
    try:
        from reseau.cli import coercion
    except ImportError:
        return
    coercion.install()


_read_plain_values()
GLOBAL = global_options()


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translate_help(self)  # the global options' help in the language in use

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
    help=APP_HELP,
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
            typer.echo(_("wrote {path}").format(path=f"~/{relpath}"))
        if not changed:
            typer.echo(_("{shell} completion is already installed").format(shell=shell))
        typer.echo(_("{shell} completes reseau in the next shell you open").format(shell=shell))
        raise typer.Exit()


def _shell(value: str, option: str) -> str:
    """The shell named, or (`auto`) the one reseau runs in."""
    from reseau.cli.completion import SHELLS, detect_shell

    shell = detect_shell() if value == AUTO_SHELL else value
    if shell in SHELLS:
        return shell
    what = (
        _("'{value}' is not a shell reseau completes; name one: {shells}")
        if value != AUTO_SHELL
        else _("cannot tell which shell this is; name one: {shells}")
    )
    raise typer.BadParameter(what.format(value=value, shells=", ".join(SHELLS)), param_hint=option)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"reseau {__version__}")
        raise typer.Exit()


def _option(name: str, **settings: Any) -> Any:
    """The Typer option for the global option `name`, as cli/commands declares it."""
    declared: GlobalOption = GLOBAL[name]
    return typer.Option(name, metavar=declared.metavar, help=declared.help, **settings)


@app.callback()
def options(
    ctx: typer.Context,
    dir: Annotated[str | None, _option("--dir")] = None,
    today: Annotated[str | None, _option("--today")] = None,
    lang: Annotated[str | None, _option("--lang")] = None,
    debug: Annotated[bool, _option("--debug")] = False,
    show_completion: Annotated[
        str | None,
        _option("--show-completion", callback=_show_completion, is_eager=True, expose_value=False),
    ] = None,
    install_completion: Annotated[
        str | None,
        _option(
            "--install-completion",
            callback=_install_completion,
            is_eager=True,
            expose_value=False,
        ),
    ] = None,
    member_as: Annotated[str | None, _option("--as")] = None,
    version: Annotated[bool, _option("--version", callback=_show_version, is_eager=True)] = False,
) -> None:
    ctx.obj = State(dir=dir, today=parse_today(today), debug=debug, member_as=member_as)
