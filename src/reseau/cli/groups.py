"""What every command group shares: a suggestion for a mistyped command, and the global
options accepted after the command as well as before it."""

from __future__ import annotations

from typing import Any

from typer.core import TyperGroup

from reseau.cli.commands import OPTIONS, SUBCOMMAND
from reseau.files.i18n import _, placeholder

GLOBAL_WITH_VALUE = ("--dir", "--today", "--lang", "--as")
GLOBAL_FLAGS = ("--debug",)


def closest(word: str, choices: list[str]) -> str | None:
    """The choice `word` was probably meant to be, if one is close enough."""
    import difflib

    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    starting = [choice for choice in choices if word and choice.startswith(word)]
    return starting[0] if len(starting) == 1 else None


def hoist_global_options(args: list[str]) -> list[str]:
    """`week --today 2026-11-30` read as `--today 2026-11-30 week`: the global options found
    after the command move before it. `--` ends the search, so a note can still be `--dir`."""
    start = _command_index(args)
    if start is None:
        return args
    before, after = list(args[: start + 1]), args[start + 1 :]
    rest: list[str] = []
    index = 0
    while index < len(after):
        arg = after[index]
        if arg == "--":
            rest += after[index:]
            break
        name = arg.split("=", 1)[0]
        if arg in GLOBAL_WITH_VALUE and index + 1 < len(after):
            before[start:start] = [arg, after[index + 1]]
            start += 2
            index += 2
            continue
        if arg in GLOBAL_FLAGS or (name in GLOBAL_WITH_VALUE and "=" in arg):
            before.insert(start, arg)
            start += 1
        else:
            rest.append(arg)
        index += 1
    return before + rest


def _command_index(args: list[str]) -> int | None:
    """Where the command's name is: the first word that is neither an option nor its value."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in GLOBAL_WITH_VALUE:
            index += 2
        elif arg.startswith("-"):
            index += 1
        else:
            return index
    return None


class SuggestingGroup(TyperGroup):
    """`reseau lst` says: No such command 'lst'. Did you mean 'list'?"""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        commands = list(self.list_commands(ctx))
        if name and not name.startswith("-") and name not in commands:
            from reseau.files.text import clean

            close = closest(name, commands)
            hint = (
                _(" Did you mean '{close}'?").format(close=close)
                if close
                else _(" Commands: {value}.").format(value=", ".join(commands))
            )
            ctx.fail(_("No such command '{value}'.{hint}").format(value=clean(name), hint=hint))
        return super().resolve_command(ctx, args)


def translate_help(command: Any) -> None:
    """Every text `command`'s help shows, in the language in use: its help, its usage line,
    each parameter's help and placeholder. The code declares them as plain Typer strings;
    files/i18n_extract.py puts them in the catalog."""
    for attribute in ("help", "short_help"):
        text = getattr(command, attribute, None)
        if text:
            setattr(command, attribute, _(text))
    if getattr(command, "options_metavar", None) == OPTIONS:
        command.options_metavar = placeholder(OPTIONS)
    if getattr(command, "subcommand_metavar", None) == SUBCOMMAND:
        command.subcommand_metavar = placeholder(SUBCOMMAND)
    for param in command.params:
        if param.help:
            param.help = _(param.help)
        if param.metavar:
            param.metavar = placeholder(param.metavar)
