"""The command-line framework's own words (`Usage:`, `Error:`, `Options`) in the language in use.

Typer's bundled click writes them as plain English f-strings, so they cannot go through a
catalog by themselves: when reseau speaks another language, `speak()` replaces the few
methods that write them with ones that translate. English runs never call it, so their
output stays exactly the framework's.
"""

from __future__ import annotations

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


def speak() -> None:
    """Make the framework write its words through the catalog."""
    import typer.core
    from typer._click import exceptions, formatting

    typer.core._ = _  # type: ignore[attr-defined]
    original_usage = formatting.HelpFormatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original_usage(self, prog, args, _("Usage: ") if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]
    exceptions.ClickException.show = _show_error  # type: ignore[method-assign]
    exceptions.UsageError.show = _show_usage_error  # type: ignore[method-assign]
    exceptions.BadParameter.format_message = _bad_parameter  # type: ignore[method-assign]


def _echo(text: str, file: IO[Any] | None) -> None:
    import sys

    (file or sys.stderr).write(text + "\n")


def _show_error(self: Any, file: IO[Any] | None = None) -> None:
    _echo(_("Error: {message}").format(message=self.format_message()), file)


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
