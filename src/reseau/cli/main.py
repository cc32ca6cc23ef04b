"""The entry point: run the app, turn every failure into a clear line and an exit code."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reseau.files.problems import ReseauError


def main() -> None:
    if "_RESEAU_COMPLETE" in os.environ:  # the shell asks what to offer: answered, nothing run
        from reseau.cli.completion import answer_from_environment

        sys.exit(answer_from_environment())
    if sys.argv[1:2] == ["merge-driver"]:  # git's call: answered before Typer is loaded
        from reseau.cli.mergedriver import run

        sys.exit(run(sys.argv[2:]))
    from reseau.cli.app import app
    from reseau.files.problems import ReseauError

    debug = "--debug" in sys.argv[1:]
    try:
        check_arguments(sys.argv[1:])
        app(prog_name="reseau")
    except ReseauError as exc:
        _report(exc)
        sys.exit(exc.exit_code)
    except Exception as exc:  # the boundary: whatever happened, no traceback unless asked
        if debug:
            raise
        from reseau.files.text import clean

        what = clean(f"{type(exc).__name__}: {exc}")
        sys.stderr.write(f"reseau: internal error ({what}); run with --debug for details\n")
        sys.exit(1)


def check_arguments(arguments: list[str]) -> None:
    """One rule for every text typed on the command line: UTF-8, no control characters.

    A terminal in another encoding hands Python bytes it keeps as lone surrogates, which no
    file can hold; an escape sequence typed into a company name would reach every terminal
    that later shows it. A path to an existing file is exempt: a file's name is its own.
    """
    import os

    from reseau.files.problems import ReseauError
    from reseau.files.text import control_character, shown_name

    class ArgumentError(ReseauError):
        exit_code = 2

    for position, argument in enumerate(arguments):
        found = control_character(argument)
        if found is None or os.path.lexists(argument):
            continue
        where, value = _argument_name(arguments, position)
        shown = shown_name(value)
        if "U+DC" in found:
            error = ArgumentError(
                f"{where} '{shown}' is not UTF-8 (byte 0x{int(found[2:], 16) - 0xDC00:02X}); "
                "set the terminal to UTF-8 (for example LANG=fr_FR.UTF-8) and type it again"
            )
        else:
            error = ArgumentError(
                f"{where} '{shown}' holds a control character ({found}); type plain text"
            )
        raise error


def _argument_name(arguments: list[str], position: int) -> tuple[str, str]:
    """How to name the argument at `position` to the user, and its value."""
    argument = arguments[position]
    if argument.startswith("--") and "=" in argument:
        option, value = argument.split("=", 1)
        return f"the value of {option}", value
    before = arguments[position - 1] if position else ""
    if before.startswith("-") and "=" not in before:
        return f"the value of {before}", argument
    return "the argument", argument


def _report(exc: ReseauError) -> None:
    from reseau.files.text import clean

    lines = [f"reseau: {exc.message}", *(f"  {line}" for line in exc.details)]
    sys.stderr.write("".join(clean(line) + "\n" for line in lines))
