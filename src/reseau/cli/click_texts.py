"""The command-line framework's own words (`Usage:`, `Error:`, `Options`) in the language in use.

Typer's bundled click writes them as plain English f-strings, so they cannot go through a
catalog by themselves: when reseau speaks another language, `speak()` replaces the few
methods that write them with ones that translate. English runs never call it, so their
output stays exactly the framework's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import IO, Any

from reseau.files.i18n import N_, _

# typer.core looks these up through gettext's `_`, which `speak()` points at the catalog.
FRAMEWORK_WORDS = (
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("Aborted!"),
    N_("required"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("Show this message and exit."),
)
HELP_OPTION = "Show this message and exit."

# The framework's error messages, as its code writes them, and their English template in
# the catalog; an error is rewritten piece by piece, so the pieces it adds to each other
# (`No such option: --kin (Possible options: --kind)`) are translated each on its own.
_ERRORS: tuple[tuple[str, str], ...] = (
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (r"\(Possible options: (?P<options>[^)]*)\)", N_("(Possible options: {options})")),
    (r"Did you mean (?P<suggestions>.+)\?", N_("Did you mean {suggestions}?")),
    (r"Missing argument (?P<name>'[^']*')\.", N_("Missing argument {name}.")),
    (r"Missing option (?P<name>'[^']*')\.", N_("Missing option {name}.")),
    (r"Missing parameter (?P<name>'[^']*')\.", N_("Missing parameter {name}.")),
    (r"Missing parameter: (?P<name>\S+)", N_("Missing parameter: {name}")),
    (r"Choose from:", N_("Choose from:")),
    (r"Missing command\.", N_("Missing command.")),
    (r"No such command (?P<name>'[^']*')\.", N_("No such command {name}.")),
    (
        r"Got unexpected extra argument\(s\) \((?P<arguments>.*)\)",
        N_("Got unexpected extra argument(s) ({arguments})"),
    ),
    (r"Option (?P<name>'[^']*') requires an argument\.", N_("Option {name} requires an argument.")),
    (
        r"Option (?P<name>'[^']*') requires (?P<count>\d+) arguments\.",
        N_("Option {name} requires {count} arguments."),
    ),
    (
        r"Option (?P<name>'[^']*') does not take a value\.",
        N_("Option {name} does not take a value."),
    ),
    (r"(?P<value>'.*') is not one of (?P<choices>.+)\.", N_("{value} is not one of {choices}.")),
    (r"file (?P<name>'.*') does not exist\.", N_("file {name} does not exist.")),
    (r"dir (?P<name>'.*') does not exist\.", N_("folder {name} does not exist.")),
    (r"path (?P<name>'.*') does not exist\.", N_("path {name} does not exist.")),
    (r"(file|dir|path) (?P<name>'.*') is a file\.", N_("{name} is a file.")),
    (r"(file|dir|path) (?P<name>'.*') is a directory\.", N_("{name} is a folder.")),
    (r"(file|dir|path) (?P<name>'.*') is not readable\.", N_("{name} cannot be read.")),
    (r"(file|dir|path) (?P<name>'.*') is not writable\.", N_("{name} cannot be written.")),
    (r"Value (?P<value>'.*') is not a valid (?P<kind>\w+)\.", N_("{value} is not a valid {kind}.")),
    (
        r"Input should be a valid integer(, unable to parse string as an integer)?",
        N_("a whole number is expected"),
    ),
    (
        r"Input should be a valid number(, unable to parse string as a number)?",
        N_("a number is expected"),
    ),
    (r"Could not open file (?P<name>'.*'): ", N_("Could not open file {name}: ")),
)
_COMPILED: list[tuple[re.Pattern[str], str]] = []


def translate_error(message: str) -> str:
    """A message of the framework's in the language in use; reseau's own are left as they are."""
    if not _COMPILED:
        _COMPILED.extend((re.compile(pattern), template) for pattern, template in _ERRORS)
    for pattern, template in _COMPILED:
        message = pattern.sub(_translated(template), message)
    return message


def _translated(template: str) -> Callable[[re.Match[str]], str]:
    return lambda found: _(template).format(**found.groupdict())


_spoken: list[bool] = []


def speak() -> None:
    """Make the framework write its words through the catalog (once per process)."""
    if _spoken:
        return
    _spoken.append(True)
    import typer.core
    from typer._click import core, exceptions, formatting

    typer.core._ = _  # type: ignore[attr-defined]
    original_usage = formatting.HelpFormatter.write_usage
    original_help_option = core.Command.get_help_option

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original_help_option(self, ctx)
        if option is not None and option.help == HELP_OPTION:
            option.help = _(HELP_OPTION)
        return option

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original_usage(self, prog, args, _("Usage: ") if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]
    formatting.HelpFormatter.write_heading = _write_heading  # type: ignore[method-assign]
    core.Command.get_help_option = get_help_option  # type: ignore[method-assign]
    exceptions.ClickException.show = _show_error  # type: ignore[method-assign]
    exceptions.UsageError.show = _show_usage_error  # type: ignore[method-assign]
    exceptions.BadParameter.format_message = _bad_parameter  # type: ignore[method-assign]


def _echo(text: str, file: IO[Any] | None) -> None:
    import sys

    (file or sys.stderr).write(text + "\n")


def _write_heading(self: Any, heading: str) -> None:
    self.write(f"{'':>{self.current_indent}}" + _("{heading}:").format(heading=heading) + "\n")


def _show_error(self: Any, file: IO[Any] | None = None) -> None:
    message = translate_error(self.format_message())
    _echo(_("Error: {message}").format(message=message), file)


def _show_usage_error(self: Any, file: IO[Any] | None = None) -> None:
    ctx = self.ctx
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = _("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=ctx.help_option_names[0]
            )
            hint += "\n"
        _echo(f"{ctx.get_usage()}\n{hint}", file)
    _show_error(self, file)


def _bad_parameter(self: Any) -> str:
    from typer._click.exceptions import _join_param_hints

    if self.param_hint is not None:
        hint = self.param_hint
    elif self.param is not None:
        hint = self.param.get_error_hint()
    else:
        return _("Invalid value: {message}").format(message=self.message)
    return _("Invalid value for {hint}: {message}").format(
        hint=_join_param_hints(hint), message=self.message
    )
