"""Help that reads: every option described, placeholders in words, an example per command;
global options after the command; a suggestion for a mistyped command."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conftest import Runner
from reseau.cli.app import COMMANDS, build_command


def command_paths() -> list[tuple[str, Any]]:
    found = []

    def walk(path: str, command: Any) -> None:
        found.append((path, command))
        for name, sub in getattr(command, "commands", {}).items():
            walk(f"{path} {name}", sub)

    for name in COMMANDS:
        walk(name, build_command(name))
    return found


PATHS = [path for path, _ in command_paths()]


@pytest.mark.parametrize("path", PATHS)
def test_help_reads(run: Runner, path: str) -> None:
    result = run(*path.split(), "-h")
    assert result.code == 0, result.err
    assert "Example:\n    reseau " in result.out
    assert not re.search(r"<(str|int|list|path|bool)\b", result.out), result.out
    assert "{" not in result.out, result.out


@pytest.mark.parametrize(("path", "command"), command_paths())
def test_every_option_and_argument_is_described(path: str, command: Any) -> None:
    for param in command.params:
        assert param.help, f"{path}: {param.name} has no help"
        if not getattr(param, "is_flag", False):
            shown = param.metavar or ""
            readable = shown.upper() == shown or "|" in shown
            assert shown and readable, f"{path}: {param.name} shows {shown!r}"


def test_placeholders_name_what_is_expected(run: Runner) -> None:
    assert "Usage: reseau log [OPTIONS] WHO NOTE\n" in run("log", "-h").out
    assert "--date DATE" in run("log", "-h").out
    assert "--influence TERRITORY=LEVEL" in run("qualify", "-h").out
    assert "Usage: reseau qualify [OPTIONS] [WHO]\n" in run("qualify", "-h").out
    assert "--since DATE" in run("add", "-h").out


def test_global_options_after_the_command(run: Runner, sample: Path) -> None:
    before = run("--dir", str(sample), "--today", "2026-11-23", "stale", "--json")
    after = run("stale", "--json", "--today", "2026-11-23", "--dir", str(sample))
    joined = run("stale", "--today=2026-11-23", f"--dir={sample}", "--json")
    assert before.code == after.code == joined.code == 0, after.err
    assert before.out == after.out == joined.out
    assert before.out != run("--dir", str(sample), "stale", "--json").out


def test_global_options_after_a_subcommand(run: Runner, sample: Path) -> None:
    result = run("plan", "show", "--json", "--dir", str(sample), "--today", "2026-10-05")
    assert result.code == 0, result.err
    assert '"today": "2026-10-05"' in result.out


def test_double_dash_keeps_an_option_like_note(run: Runner, sample: Path) -> None:
    result = run("--dir", str(sample), "log", "thomas", "--kind", "call", "--", "--today")
    assert result.code == 0, result.err
    assert "note: --today" in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("lst",), "No such command 'lst'. Did you mean 'list'?"),
        (("stat",), "Did you mean 'stats'?"),
        (("export", "vcrd"), "No such command 'vcrd'. Did you mean 'vcard'?"),
        (("import", "linkdin", "x.csv"), "Did you mean 'linkedin'?"),
        (("week", "--dne"), "No such option: --dne (Possible options: --done"),
        (("zzzz",), "No such command 'zzzz'. Commands: week, stats,"),
    ],
)
def test_a_mistyped_command_or_option_gets_a_suggestion(
    run: Runner, args: tuple[str, ...], message: str
) -> None:
    result = run(*args)
    assert result.code == 2
    assert message in result.err
