"""`reseau merge-driver BASE OURS THEIRS PATH`: what git runs to merge a network file.

Registered by `reseau init` and `reseau sync` as `merge.reseau.driver`. git passes three
temporary files (the common ancestor, ours, theirs) and the file's path; the result goes
into OURS, and the exit status says whether conflicts are left. It runs before Typer is
imported (see main.py): git starts one per file to merge, so it must start fast.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from reseau.files import i18n
from reseau.files.i18n import N_, _
from reseau.files.merge import OURS_LABEL, THEIRS_LABEL, merge_texts

USAGE = N_("usage: reseau merge-driver BASE OURS THEIRS PATH (git runs it: see `reseau sync`)")


def run(arguments: list[str]) -> int:
    _speak_the_network_language()
    if len(arguments) < 3:
        sys.stderr.write(_(USAGE) + "\n")
        return 2
    base, ours, theirs = (Path(name) for name in arguments[:3])
    relpath = arguments[3] if len(arguments) > 3 else ours.name
    try:
        versions = [path.read_bytes() for path in (base, ours, theirs)]
    except OSError as exc:
        sys.stderr.write(
            _("reseau: merge of {path}: cannot read {file}").format(path=relpath, file=exc.filename)
            + "\n"
        )
        return 2
    try:
        result = merge_texts(versions[0], versions[1], versions[2], relpath)
    except Exception:  # a shape the data merge does not know: git's line merge never loses a side
        return text_merge(base, ours, theirs, relpath)
    if result.text is None:
        return text_merge(base, ours, theirs, relpath)
    # OURS is git's own temporary copy, not a network file: git reads it back once we exit.
    ours.write_bytes(result.text.encode("utf-8"))
    for conflict in result.conflicts:
        field = ".".join(str(part) for part in conflict.path)
        sys.stderr.write(
            _("reseau: {path}: {field} changed on both sides; see `reseau check`").format(
                path=relpath, field=field
            )
            + "\n"
        )
    return 1 if result.conflicts else 0


def _speak_the_network_language() -> None:
    """git runs the driver at the top of the repository, without `--lang`: the language is
    reseau.yaml's `language:` there, else the environment's."""
    import os

    setting = i18n.settings_language(Path.cwd())
    i18n.set_language(i18n.choose(None, setting, os.environ))


def text_merge(base: Path, ours: Path, theirs: Path, relpath: str) -> int:
    """A version that does not parse: git's own line merge, markers and all."""
    git = shutil.which("git")
    if git is None:
        sys.stderr.write(
            _("reseau: {path} does not parse and git is not found").format(path=relpath) + "\n"
        )
        return 2
    sys.stderr.write(
        _("reseau: {path} does not parse on one side: merged as text").format(path=relpath) + "\n"
    )
    labels = ["-L", OURS_LABEL, "-L", "base", "-L", THEIRS_LABEL]
    command = [git, "merge-file", *labels, str(ours), str(base), str(theirs)]
    status = subprocess.run(command, check=False).returncode
    return 0 if status == 0 else 1
