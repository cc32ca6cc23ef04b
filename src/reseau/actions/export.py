"""`reseau export ... --output FILE`: the export written in place of a regular file."""

from __future__ import annotations

import stat
from pathlib import Path

from reseau.files.i18n import _
from reseau.files.problems import ReseauError
from reseau.files.writer import write_atomic


def write_export(data: bytes, output: Path) -> None:
    """Replace `output` atomically with `data`, refusing anything but a new or regular file."""
    _refuse_target(output)
    try:
        write_atomic(output, data)
    except OSError as exc:
        raise ReseauError(
            _("cannot write {output}: {value}").format(output=output, value=exc.strerror or exc)
        ) from None


def _refuse_target(output: Path) -> None:
    """Only a new or a regular file is replaced: never a link, a folder or a device."""
    if output.is_symlink():
        raise ReseauError(
            _(
                "{output} is a symbolic link; reseau only writes regular "
                "files: give the file itself"
            ).format(output=output)
        )
    try:
        mode = output.stat().st_mode
    except FileNotFoundError:
        if not output.parent.is_dir():
            raise ReseauError(
                _("cannot write {output}: the folder {parent} does not exist").format(
                    output=output, parent=output.parent
                )
            ) from None
        return
    except OSError as exc:
        raise ReseauError(
            _("cannot write {output}: {value}").format(output=output, value=exc.strerror or exc)
        ) from None
    if stat.S_ISDIR(mode):
        raise ReseauError(
            _("{output} is a folder; give the name of a file to write").format(output=output)
        )
    if not stat.S_ISREG(mode):
        raise ReseauError(
            _("{output} is not a regular file; reseau only writes regular files").format(
                output=output
            )
        )
