"""Editing a contact file by hand: which editor, whether the result may stay, the way back."""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
from collections.abc import Mapping
from pathlib import Path

from reseau.files.i18n import _
from reseau.files.problems import Problem, ReseauError
from reseau.files.writer import WriteError, folder_lock, write_atomic


def editor_command(environ: Mapping[str, str], *, windows: bool = os.name == "nt") -> list[str]:
    """$EDITOR, else $VISUAL, else vi (notepad on Windows); a value may carry arguments."""
    for variable in ("EDITOR", "VISUAL"):
        value = environ.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value, posix=not windows)
            except ValueError:
                raise ReseauError(
                    _("{variable} is not a command line: {value}").format(
                        variable=variable, value=value
                    )
                ) from None
            if words:
                return words
    return ["notepad"] if windows else ["vi"]


def run_editor(command: list[str], path: Path) -> int:
    """Open `path` in the editor and wait for it to close; its exit status."""
    try:
        return subprocess.run([*command, str(path)], check=False).returncode
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ReseauError(
            _("cannot run the editor '{value}' ({reason}); set EDITOR to one you have").format(
                value=command[0], reason=reason
            )
        ) from None


def check_editable(path: Path, relpath: str) -> None:
    """The write path's refusals: what reseau could not put back, it does not open."""
    if path.is_symlink():
        raise WriteError(
            _("{relpath} is a symbolic link; reseau only edits regular files").format(
                relpath=relpath
            )
        )
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        raise WriteError(_("{relpath} is not a regular file").format(relpath=relpath))
    if not mode & stat.S_IWUSR:
        raise WriteError(
            _("{relpath} is read-only; make it writable (chmod u+w) to edit it").format(
                relpath=relpath
            )
        )


def contact_problems(root: Path, relpath: str) -> list[Problem]:
    """What is wrong with one contact file: the read path, the model, the cross-file rules."""
    from reseau.checks.rules import check_network
    from reseau.files.store import load_network

    if not (root / relpath).is_file():
        return [Problem(relpath, 0, "", "the file is gone; restore it", "missing")]
    network = load_network(root)
    return [problem for problem in check_network(network) if problem.path == relpath]


def restore(root: Path, path: Path, original: bytes) -> None:
    """Put the file back as it was before the edit, byte for byte, through the write path."""
    with folder_lock(root):
        write_atomic(path, original)


def keep(root: Path, path: Path) -> None:
    """A valid hand edit stays; with `git: {autocommit: true}` it is committed like a write."""
    from reseau.files.gitcommit import autocommit

    with folder_lock(root):
        autocommit(root, [path])
