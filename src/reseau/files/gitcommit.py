"""Committing the network's own files, with a message that says what changed.

Used by `reseau sync` and, when reseau.yaml says `git: {autocommit: true}`, by every write:
the folder's lock, released after a command's writes, commits what they wrote (see
files.writer.folder_lock). Off, nothing is ever committed behind the user's back.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from reseau.files.folder import SETTINGS_FILE
from reseau.files.gitrepo import (
    EMPTY_TREE,
    NETWORK_PATHS,
    SYNCED_PATHS,
    GitError,
    Repository,
    changed_files,
    open_repository,
    read_blobs,
)
from reseau.files.history import describe, message
from reseau.files.i18n import _
from reseau.files.yamlio import read_file

_TRUE = frozenset({"true", "True", "TRUE", "yes", "on", "1"})


def autocommit_enabled(root: Path) -> bool:
    """`git: {autocommit: true}` in reseau.yaml, read without the model (writes stay fast)."""
    if not (root / SETTINGS_FILE).is_file():
        return False
    data = read_file(root / SETTINGS_FILE, SETTINGS_FILE).data or {}
    git = data.get("git")
    return isinstance(git, dict) and git.get("autocommit") in _TRUE


def autocommit(root: Path, written: Sequence[Path]) -> str | None:
    """Commit the network files a command wrote, when reseau.yaml asks for it."""
    if not autocommit_enabled(root):
        return None
    repository = open_repository(root)
    if repository is None:
        raise GitError(
            _(
                "the change is written, but not committed: {root} is not a "
                "git repository (run `git init` there, or set git: "
                "{{autocommit: false}} in reseau.yaml)"
            ).format(root=root)
        )
    relpaths = []
    for path in written:
        try:
            relpath = path.relative_to(root).as_posix()
        except ValueError:
            continue
        if relpath.split("/")[0] in NETWORK_PATHS:
            relpaths.append(relpath)
    return commit(repository, relpaths) if relpaths else None


def commit(
    repository: Repository, relpaths: Sequence[str] = SYNCED_PATHS, subject: str | None = None
) -> str | None:
    """Stage and commit these network paths alone; the message, or None when nothing changed."""
    present = [p for p in relpaths if (repository.root / p).exists() or _tracked(repository, p)]
    if not present:
        return None
    repository.run("add", "-A", "--", *present)
    base = "HEAD" if repository.has_head() else EMPTY_TREE
    changed = changed_files(repository, base, None, present)
    if not changed:
        return None
    old = read_blobs(repository, base, changed) if base != EMPTY_TREE else {}
    changes = [describe(p, old.get(p), _read(repository.root / p)) for p in changed]
    text = message(changes) if subject is None else subject
    # the message and the paths go through a file and stdin: a first sync of 10,000 contacts
    # describes each one, more than the kernel lets a single argument hold
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".msg") as handle:
        handle.write(text)
        handle.flush()
        repository.run(
            "commit", "-q", "--no-verify", "-F", handle.name,
            "--pathspec-from-file=-", "--pathspec-file-nul", stdin="\0".join(changed),
        )  # fmt: skip
    return text.split("\n", 1)[0]


def _tracked(repository: Repository, relpath: str) -> bool:
    return bool(repository.run("ls-files", "--", relpath, check=False).strip())


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
