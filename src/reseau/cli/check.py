"""reseau check."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeGuard

import typer

from reseau.cli.output import emit_json, say, say_lines, warn
from reseau.cli.state import state_of

if TYPE_CHECKING:
    from reseau.files.problems import Problem


def check(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the problems as JSON.")] = False,
) -> None:
    """Validate every file; print every problem as path:line: field: message."""
    from reseau.checks.git import check_merge_driver  # asked of git on every run
    from reseau.files.problems import count_errors, format_capped, sort_problems
    from reseau.files.text import clean

    state = state_of(ctx)
    root = state.root()
    found, warnings, files = _folder_check(root)
    for line in warnings:
        warn(line)
    problems = sort_problems([*found, *check_merge_driver(root)])
    errors = count_errors(problems)
    if as_json:
        emit_json([problem.to_json() for problem in problems])
    else:
        say_lines(clean(line) for line in format_capped(problems))
        say(_summary(files, errors, len(problems) - errors))
    if errors:
        raise typer.Exit(1)


Stored = tuple[list[tuple[str, int, str, str, str, str, int]], list[str], int]


def _folder_check(root: Path) -> tuple[list[Problem], list[str], int]:
    """What the folder's files say (their problems, the read's warnings, how many contact
    and plan files were checked), remembered while no file of the folder changes: the key is
    the one of every remembered output (files.cache), so a problem is never hidden by it."""
    from reseau.files.cache import recall, remember, result_key
    from reseau.files.problems import Problem, Severity

    key = result_key(root, "check")
    stored = recall(root, "check", key)
    if not _is_stored(stored):
        stored = _check_folder(root)
        remember(root, "check", key, stored)
    rows, warnings, files = stored
    problems = [
        Problem(path, line, field, message, code, Severity(severity), column)
        for path, line, field, message, code, severity, column in rows
    ]
    return problems, warnings, files


def _check_folder(root: Path) -> Stored:
    from reseau.checks.rules import folder_problems
    from reseau.files.store import load_network, load_warnings

    network = load_network(root)
    warnings = load_warnings(network, skipped=False)
    rows = [
        (p.path, p.line, p.field, p.message, p.code, p.severity.value, p.column)
        for p in folder_problems(network)
    ]
    skipped = [p for p in network.skipped if p.startswith(("contacts/", "plans/"))]
    return rows, warnings, len(network.contacts) + len(network.plans) + len(skipped)


def _is_stored(stored: object) -> TypeGuard[Stored]:
    if not isinstance(stored, tuple) or len(stored) != 3:
        return False
    rows, warnings, files = stored
    return (
        isinstance(rows, list)
        and all(isinstance(row, tuple) and len(row) == 7 for row in rows)
        and isinstance(warnings, list)
        and isinstance(files, int)
    )


def _summary(files: int, errors: int, warnings: int) -> str:
    from reseau.files.i18n import _, ngettext
    from reseau.files.localized import number

    if not errors and not warnings:
        verdict = _("no problems")
    else:
        verdict = ", ".join(
            (
                ngettext("{count} error", "{count} errors", errors).format(count=number(errors)),
                ngettext("{count} warning", "{count} warnings", warnings).format(
                    count=number(warnings)
                ),
            )
        )
    return _("checked reseau.yaml, {count} contact and plan files, journal.yaml: {verdict}").format(
        count=number(files), verdict=verdict
    )
