"""reseau edit."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from reseau.cli.output import say, say_lines
from reseau.cli.state import state_of
from reseau.files.i18n import _

PROMPT = "[e]dit again or [r]estore the original? "


def edit(
    ctx: typer.Context,
    who: Annotated[str, typer.Argument(help="A slug, a unique prefix of one, or part of a name.")],
) -> None:
    """Open a contact's file in $EDITOR; reopen it while it does not validate, or restore it."""
    from reseau.actions import edit as editing
    from reseau.actions.log import find_target
    from reseau.files.text import clean

    state = state_of(ctx)
    root, network = state.root(), state.network()
    relpath = network.contact_path(find_target(network, who))
    path, shown = root / relpath, clean(relpath)
    editing.check_editable(path, relpath)
    original = path.read_bytes()
    command = editing.editor_command(os.environ)
    while True:
        status = editing.run_editor(command, path)
        if status:
            say(
                _("the editor exited with status {status}; checking the file anyway").format(
                    status=status
                )
            )
        problems = editing.contact_problems(root, relpath)
        say_lines(clean(problem.format()) for problem in problems)
        if not any(problem.is_error for problem in problems):
            changed = not path.is_file() or path.read_bytes() != original
            if changed:
                editing.keep(root, path)
            verdict = _("saved, valid") if changed else _("unchanged, valid")
            say(f"{shown}: {verdict}")
            return
        answer = _ask()
        if answer == "e":
            continue
        editing.restore(root, path, original)
        say(_("{shown}: restored as it was before the edit").format(shown=shown))
        if answer is None:
            raise typer.Exit(1)
        return


def _ask() -> str | None:
    """'e' or 'r' from the user; None when nobody can answer (end of input)."""
    while True:
        sys.stdout.write(PROMPT)
        sys.stdout.flush()
        line = sys.stdin.readline()
        if not line:
            say()
            return None
        answer = line.strip().lower()[:1]
        if answer in ("e", "r"):
            return answer
