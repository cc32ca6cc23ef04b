"""The entry point: run the app, turn every failure into a clear line and an exit code."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from reseau.files.i18n import _

if TYPE_CHECKING:
    from reseau.files.problems import ReseauError


def main() -> None:
    if "_RESEAU_COMPLETE" in os.environ:  # the shell asks what to offer: answered, nothing run
        from reseau.cli.completion import answer_from_environment

        sys.exit(answer_from_environment())
    if sys.argv[1:2] == ["merge-driver"]:  # git's call: answered before Typer is loaded
        from reseau.cli.mergedriver import run

        sys.exit(run(sys.argv[2:]))
    from reseau.cli import collector

    collector.pause()
    try:
        _run(sys.argv[1:])
    finally:
        collector.resume()


def _run(arguments: list[str]) -> None:
    choose_language(arguments)
    from reseau.files.problems import ReseauError

    debug = "--debug" in arguments
    try:
        check_arguments(arguments)
        if not _wrote_top_level_help(arguments):
            _run_app()
    except ReseauError as exc:
        _report(exc)
        sys.exit(exc.exit_code)
    except Exception as exc:  # the boundary: whatever happened, no traceback unless asked
        if debug:
            raise
        output_problem = _output_problem(exc)
        if output_problem is not None:
            _say_plainly(output_problem)
            sys.exit(1)
        from reseau.files.text import clean

        what = clean(f"{type(exc).__name__}: {exc}")
        sys.stderr.write(
            _("reseau: internal error ({what}); run with --debug for details\n").format(what=what)
        )
        sys.exit(1)


def _output_problem(exc: Exception) -> str | None:
    """What went wrong writing the output itself, in words (not an internal error): a
    terminal or pipe whose encoding cannot show the text, or a full disk under `> file`."""
    import errno

    if isinstance(exc, UnicodeEncodeError):
        encoding = getattr(sys.stdout, "encoding", None) or "?"
        return _(
            "reseau: the output's encoding ({encoding}) cannot show this text; use a UTF-8 "
            "locale (LANG=C.UTF-8) or set PYTHONIOENCODING=utf-8\n"
        ).format(encoding=encoding)
    if isinstance(exc, OSError) and exc.filename is None and exc.errno in (errno.ENOSPC, errno.EIO):
        return _("reseau: cannot write the output: {reason}\n").format(reason=exc.strerror)
    return None


def _say_plainly(message: str) -> None:
    """`message` on stderr in whatever encoding it takes, characters it lacks replaced."""
    encoding = getattr(sys.stderr, "encoding", None) or "ascii"
    try:
        sys.stderr.write(message.encode(encoding, "replace").decode(encoding))
        sys.stderr.flush()
    except (OSError, LookupError):
        pass


def _wrote_top_level_help(arguments: list[str]) -> bool:
    """Write `reseau --help` without loading Typer, when that is what `arguments` ask for
    (see cli/tophelp); False when Typer is to answer."""
    from reseau.cli import tophelp

    if not (tophelp.asked(arguments) and tophelp.can_write()):
        return False
    try:
        sys.stdout.write(tophelp.page())
        sys.stdout.flush()
    except BrokenPipeError:  # `reseau --help | head -1`: quiet, exit 1, as Typer does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    return True


def _run_app() -> None:
    from reseau.cli.plugins import skip_plugins

    skip_plugins()  # before any validator is built
    from reseau.cli.app import app
    from reseau.files.i18n import is_french

    if is_french():
        from reseau.cli.click_texts import speak

        speak()
    app(prog_name="reseau")


def choose_language(arguments: list[str]) -> None:
    """The language of this run, settled before any help text is built: `--lang`, else
    reseau.yaml's `language:`, else the environment. An unknown `--lang` is said once."""
    import os
    from pathlib import Path

    from reseau.files import i18n
    from reseau.files.folder import find_root
    from reseau.files.problems import ReseauError

    explicit, folder = _global_value(arguments, "--lang"), _global_value(arguments, "--dir")
    try:
        root: Path | None = find_root(folder, os.environ, Path.cwd())
    except (ReseauError, OSError):
        root = None
    code = i18n.choose(explicit, i18n.settings_language(root), os.environ)
    # --json is for programs: the same English words and ISO dates in every language.
    i18n.set_language(i18n.ENGLISH if _before_dashes(arguments, "--json") else code)
    wanted = i18n.language_code(explicit)
    if wanted is not None and wanted not in i18n.LANGUAGES:
        from reseau.files.text import clean

        sys.stderr.write(
            clean(
                _("reseau: no '{wanted}' language; speaking English (languages: {known})").format(
                    wanted=explicit, known=", ".join(i18n.LANGUAGES)
                )
            )
            + "\n"
        )


def _before_dashes(arguments: list[str], flag: str) -> bool:
    return flag in arguments[: arguments.index("--")] if "--" in arguments else flag in arguments


def _global_value(arguments: list[str], option: str) -> str | None:
    """The value given to a global `option` anywhere before `--`, the last one winning."""
    value = None
    for position, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == option and position + 1 < len(arguments):
            value = arguments[position + 1]
        elif argument.startswith(option + "="):
            value = argument.split("=", 1)[1]
    return value


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
                _(
                    "{where} '{shown}' is not UTF-8 (byte 0x{value:02X}); set "
                    "the terminal to UTF-8 (for example LANG=fr_FR.UTF-8) and "
                    "type it again"
                ).format(where=where, shown=shown, value=int(found[2:], 16) - 0xDC00)
            )
        else:
            error = ArgumentError(
                _("{where} '{shown}' holds a control character ({found}); type plain text").format(
                    where=where, shown=shown, found=found
                )
            )
        raise error


def _argument_name(arguments: list[str], position: int) -> tuple[str, str]:
    """How to name the argument at `position` to the user, and its value."""
    argument = arguments[position]
    if argument.startswith("--") and "=" in argument:
        option, value = argument.split("=", 1)
        return _("the value of {option}").format(option=option), value
    before = arguments[position - 1] if position else ""
    if before.startswith("-") and "=" not in before:
        return _("the value of {option}").format(option=before), argument
    return _("the argument"), argument


def _report(exc: ReseauError) -> None:
    from reseau.files.text import clean

    lines = [
        _("reseau: {message}").format(message=exc.message),
        *(f"  {line}" for line in exc.details),
    ]
    sys.stderr.write("".join(clean(line) + "\n" for line in lines))
