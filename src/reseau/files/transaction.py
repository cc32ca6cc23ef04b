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

Each operation also records the digest of what its file held before it (ABSENT for no
file). Between a crash and the next command the user may edit a file by hand: applying the
journal then would overwrite that edit. So a journal is applied only when every file holds
what it held before the operation or what the operation writes; otherwise nothing is
touched, the journal stays and ChangedSinceCrash names the files that changed.

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
from dataclasses import dataclass, replace
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
ABSENT = "absent"  # the digest recorded for a file that does not exist


@dataclass(frozen=True, slots=True)
class Operation:
    """One step: write or create `path` with `data`, remove `path`, or move `source` to
    `path` (through `git mv` when git tracks it) and write `data` there."""

    kind: Kind
    path: str
    data: bytes | None = None
    source: str | None = None
    before: str | None = None  # digest of `source` (a move) or `path` before; None: unknown


class ApplyError(Exception):
    """An operation failed on `relpath`; `undone` says whether the old files are back."""

    def __init__(self, relpath: str, error: OSError, *, undone: bool) -> None:
        super().__init__(str(error))
        self.relpath = relpath
        self.error = error
        self.undone = undone


class ChangedSinceCrash(Exception):
    """Files changed after a crash interrupted an operation: the journal was not applied."""

    def __init__(self, relpaths: Sequence[str]) -> None:
        super().__init__(", ".join(relpaths))
        self.relpaths = list(relpaths)


def commit(root: Path, operations: Sequence[Operation]) -> None:
    """Apply `operations` all or nothing, crash included."""
    operations = [_recorded(root, operation) for operation in operations]
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
    """Finish the operation a crash interrupted, if its journal is whole; what it applied.
    Raises ChangedSinceCrash, touching nothing, when a file changed since the crash."""
    journal = root / OPERATION_JOURNAL
    try:
        raw = journal.read_bytes()
    except FileNotFoundError:
        return []
    operations = decode(raw) or []
    changed = _changed(root, operations)
    if changed:
        raise ChangedSinceCrash(changed)
    for operation in operations:
        apply(root, operation)
    _discard(journal)
    return operations


def has_pending(root: Path) -> bool:
    return (root / OPERATION_JOURNAL).exists()


def changed_since_crash(root: Path) -> list[str]:
    """The files that changed since a crash interrupted the pending operation, if any."""
    try:
        raw = (root / OPERATION_JOURNAL).read_bytes()
    except OSError:
        return []
    try:
        return _changed(root, decode(raw) or [])
    except OSError:
        return []


def digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ABSENT


def _recorded(root: Path, operation: Operation) -> Operation:
    """`operation` with the digest of what its file holds now."""
    relpath = operation.source if operation.kind == "move" else operation.path
    assert relpath is not None
    return replace(operation, before=digest(root / relpath))


def _changed(root: Path, operations: Sequence[Operation]) -> list[str]:
    """The files whose content is neither what an operation found nor what it writes."""
    allowed: dict[str, set[str]] = {}
    unknown: set[str] = set()
    for operation in operations:
        for relpath, states in _allowed(operation):
            if operation.before is None:
                unknown.add(relpath)
            allowed.setdefault(relpath, set()).update(states)
    return [
        relpath
        for relpath in sorted(set(allowed) - unknown)
        if digest(root / relpath) not in allowed[relpath]
    ]


def _allowed(operation: Operation) -> list[tuple[str, set[str]]]:
    """Each file `operation` touches, with the digests it may hold after a crash."""
    after = ABSENT if operation.data is None else hashlib.sha256(operation.data).hexdigest()
    before = operation.before or ABSENT
    if operation.kind == "move" and operation.source is not None:
        return [(operation.source, {before, ABSENT}), (operation.path, {ABSENT, before, after})]
    return [(operation.path, {before, after})]


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
    if operation.before is not None:
        step["before"] = operation.before
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
    before = step.get("before")
    if before is not None and not isinstance(before, str):
        raise TypeError(before)
    operation = Operation(
        kind,
        _safe(step["path"]),
        None if data is None else base64.b64decode(data, validate=True),
        None if source is None else _safe(source),
        before,
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
