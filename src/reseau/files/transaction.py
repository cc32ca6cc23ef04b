"""Changing several files all or nothing, through a journal of the whole operation.

A command that touches several files (an introduction on both people's files, a rename and
every reference to the old slug, a merge, an import) first writes the whole operation to
`.reseau-journal` in the folder: the new content of every file written or created, every
move and every removal. The journal is written like any file (a temporary file, fsynced,
renamed into place) and starts with a digest of its body, so it is there whole or not at
all: that rename is the commit point. The operations are then applied one by one, each of
them idempotent, and the journal is removed.

A crash before the commit point leaves the old files (and a temporary file that the next
writer removes). A crash after it leaves the journal, and the next command that takes the
folder's lock, or reads the folder, applies it again from its start: the new files. A
journal whose digest does not match was never committed, and is discarded. An error (not a
crash) while applying puts back what was already applied, then removes the journal.

The caller holds the folder lock (files.writer).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from reseau.files.atomic import fsync_folder, write_atomic
from reseau.files.folder import (
    CONTACTS_DIR,
    JOURNAL_FILE,
    OPERATION_JOURNAL,
    PLANS_DIR,
    SETTINGS_FILE,
)

_MAGIC = "reseau-journal 1"
_TOP_FILES = frozenset({SETTINGS_FILE, JOURNAL_FILE})
_FOLDERS = frozenset({CONTACTS_DIR, PLANS_DIR})

Kind = Literal["write", "create", "remove", "move"]


@dataclass(frozen=True, slots=True)
class Operation:
    """One step: write or create `path` with `data`, remove `path`, or move `source` to
    `path` (through `git mv` when git tracks it) and write `data` there."""

    kind: Kind
    path: str
    data: bytes | None = None
    source: str | None = None


class ApplyError(Exception):
    """An operation failed on `relpath`; `undone` says whether the old files are back."""

    def __init__(self, relpath: str, error: OSError, *, undone: bool) -> None:
        super().__init__(str(error))
        self.relpath = relpath
        self.error = error
        self.undone = undone


def commit(root: Path, operations: Sequence[Operation]) -> None:
    """Apply `operations` all or nothing, crash included."""
    inverse = [_inverse(root, operation) for operation in operations]
    journal = root / OPERATION_JOURNAL
    write_atomic(journal, encode(operations))
    done = 0
    try:
        for done, operation in enumerate(operations):  # noqa: B007 (done is read on failure)
            apply(root, operation)
    except BaseException as exc:
        undone = _undo(root, inverse[: done + 1])
        if undone:
            _discard(journal)
        if isinstance(exc, OSError):
            raise ApplyError(operations[done].path, exc, undone=undone) from exc
        raise
    _discard(journal)


def recover(root: Path) -> list[Operation]:
    """Finish the operation a crash interrupted, if its journal is whole; what it applied."""
    journal = root / OPERATION_JOURNAL
    try:
        raw = journal.read_bytes()
    except FileNotFoundError:
        return []
    operations = decode(raw) or []
    for operation in operations:
        apply(root, operation)
    _discard(journal)
    return operations


def has_pending(root: Path) -> bool:
    return (root / OPERATION_JOURNAL).exists()


def apply(root: Path, operation: Operation) -> None:
    """One operation; applying it again after a crash gives the same files."""
    target = root / operation.path
    if operation.kind == "remove":
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        fsync_folder(target.parent)
        return
    if operation.kind == "move" and operation.source is not None:
        _move(root, operation.source, operation.path)
    assert operation.data is not None
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, operation.data)


def _move(root: Path, source: str, destination: str) -> None:
    """`git mv` when git tracks the file (so history follows it), else a plain rename."""
    if not (root / source).exists():
        return  # moved before a crash
    if _git_tracks(root, source) and _git(root, "mv", "--", source, destination):
        return
    os.rename(root / source, root / destination)
    fsync_folder((root / destination).parent)


def _git_tracks(root: Path, relpath: str) -> bool:
    return _git(root, "ls-files", "--error-unmatch", "--", relpath)


def _git(root: Path, *args: str) -> bool:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, check=False, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _inverse(root: Path, operation: Operation) -> Operation:
    """What puts back the files as they are now, should applying `operation` fail."""
    if operation.kind == "create":
        return Operation("remove", operation.path)
    if operation.kind == "move" and operation.source is not None:
        old = (root / operation.source).read_bytes()
        return Operation("move", operation.source, old, source=operation.path)
    old = (root / operation.path).read_bytes()
    return Operation("write", operation.path, old)


def _undo(root: Path, inverse: Sequence[Operation]) -> bool:
    try:
        for operation in reversed(inverse):
            apply(root, operation)
    except OSError:
        return False  # the journal stays: the next writer finishes the operation
    return True


def _discard(journal: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        journal.unlink()
    fsync_folder(journal.parent)


def encode(operations: Sequence[Operation]) -> bytes:
    steps = [_step(operation) for operation in operations]
    body = json.dumps({"operations": steps}, ensure_ascii=True, indent=1).encode("ascii")
    return f"{_MAGIC} {hashlib.sha256(body).hexdigest()}\n".encode("ascii") + body


def _step(operation: Operation) -> dict[str, Any]:
    step: dict[str, Any] = {"kind": operation.kind, "path": operation.path}
    if operation.source is not None:
        step["source"] = operation.source
    if operation.data is not None:
        step["data"] = base64.b64encode(operation.data).decode("ascii")
    return step


def decode(raw: bytes) -> list[Operation] | None:
    """The operations of a whole journal; None for a torn, foreign or unsafe one."""
    head, _, body = raw.partition(b"\n")
    expected = f"{_MAGIC} {hashlib.sha256(body).hexdigest()}".encode("ascii")
    if head != expected:
        return None
    try:
        steps = json.loads(body)["operations"]
        operations = [_operation(step) for step in steps]
    except (ValueError, KeyError, TypeError):
        return None
    return operations


def _operation(step: dict[str, Any]) -> Operation:
    kind = step["kind"]
    if kind not in ("write", "create", "remove", "move"):
        raise ValueError(kind)
    data = step.get("data")
    source = step.get("source")
    operation = Operation(
        kind,
        _safe(step["path"]),
        None if data is None else base64.b64decode(data, validate=True),
        None if source is None else _safe(source),
    )
    if (kind == "remove") != (operation.data is None) or (kind == "move") != (source is not None):
        raise ValueError(kind)
    return operation


def _safe(relpath: Any) -> str:
    """Only the network's own files: a journal never writes outside them."""
    if not isinstance(relpath, str):
        raise TypeError(relpath)
    parts = PurePosixPath(relpath).parts
    in_folder = len(parts) == 2 and parts[0] in _FOLDERS and parts[1].endswith(".yaml")
    if not (parts == (relpath,) and relpath in _TOP_FILES) and not in_folder:
        raise ValueError(relpath)
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        raise ValueError(relpath)
    return relpath
