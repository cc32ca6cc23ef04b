"""The one write path: a folder lock, a re-read under it, an edit, an atomic replace.

Every writer holds the folder's lock (an flock, released by the kernel when its process
dies, so a crashed run never blocks the next). A file is written to a temporary file beside
it, flushed and fsynced, given the old file's mode and renamed over it: a reader sees the
old file or the new one, never a third thing. Several files are changed together through the
operation journal of files.transaction. Whoever takes the lock first removes the temporary
files a crash left (it holds the lock, so nobody else is writing) and finishes the
operation a crash interrupted.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from reseau.files import atomic, transaction
from reseau.files.folder import OPERATION_JOURNAL
from reseau.files.i18n import _
from reseau.files.problems import Problem, ReseauError, format_capped
from reseau.files.transaction import ApplyError, ChangedSinceCrash, Operation
from reseau.files.validation import validate
from reseau.files.yamledit import Document
from reseau.files.yamlio import MAX_FILE_BYTES, parse_bytes

LOCK_NAME = ".reseau.lock"
LOCK_TIMEOUT_SECONDS = 10.0
_LEFTOVER = re.compile(r"^\.(.+\.yaml|\.reseau-journal)\.[a-z0-9_]{8}\.tmp$")
_BOM = "\ufeff"

M = TypeVar("M")

# The files written under the lock this process holds: committed when it is released.
_written: list[Path] | None = None


class WriteError(ReseauError):
    pass


class InvalidFileError(ReseauError):
    """The file does not validate: it is left as it is, and its problems are reported."""

    def __init__(self, relpath: str, problems: list[Problem]) -> None:
        super().__init__(
            f"{relpath} does not validate; fix it first (nothing was written)",
            details=format_capped(problems),
        )
        self.problems = problems


@contextmanager
def folder_lock(root: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    path = root / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        message = f"cannot lock the folder ({path}: {exc.strerror}); nothing was written"
        raise WriteError(message) from exc
    global _written
    outer, _written = _written, []
    try:
        _acquire(fd, path, timeout)
        try:
            _clean_leftovers(root)
            _finish_interrupted(root)
            yield
            if outer is None and _written:
                _commit_written(root, _written)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        _written = outer if outer is None else [*outer, *_written]
        os.close(fd)


def _commit_written(root: Path, written: list[Path]) -> None:
    """The one place where writes are committed: the end of a command's locked writes."""
    from reseau.files.gitcommit import autocommit

    autocommit(root, written)


def _acquire(fd: int, path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise WriteError(
                    _("another reseau command is still writing (lock: {path}); try again").format(
                        path=path
                    )
                ) from None
            time.sleep(0.01)


def _finish_interrupted(root: Path) -> None:
    try:
        finished = transaction.recover(root)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise WriteError(
            _(
                "could not finish the operation a crash interrupted "
                "({OPERATION_JOURNAL}: {reason}); nothing else was written"
            ).format(OPERATION_JOURNAL=OPERATION_JOURNAL, reason=reason)
        ) from exc
    except ChangedSinceCrash as exc:
        raise WriteError(changed_since_crash_message(exc.relpaths)) from exc
    _record(_touched(root, finished))


def changed_since_crash_message(relpaths: Sequence[str]) -> str:
    """Why an interrupted operation was left unfinished, and what to do about it."""
    return (
        f"{', '.join(relpaths)} changed after a crash interrupted a reseau command; its "
        f"operation was not finished, so as not to overwrite that change, and nothing else "
        f"is written until it is settled: check the file, then delete {OPERATION_JOURNAL} "
        f"to drop the interrupted operation (or put the file back as it was to finish it)"
    )


def _touched(root: Path, operations: Sequence[Operation]) -> list[Path]:
    relpaths = (r for o in operations for r in (o.source, o.path) if r is not None)
    return [root / relpath for relpath in relpaths]


def finish_interrupted(root: Path) -> None:
    """For a reader: finish an interrupted operation first, when it can take the lock."""
    with contextlib.suppress(ReseauError), folder_lock(root):
        pass


def _clean_leftovers(root: Path) -> None:
    """Remove what a crashed write left: only files named as this module names them."""
    for folder in (root, root / "contacts", root / "plans"):
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:  # ten thousand contacts: a prefix test before the pattern
                if entry.name.startswith(".") and _LEFTOVER.match(entry.name):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def write_atomic(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Replace (or, `exclusive`, create) `path` with `data`, all or nothing; remembered for
    the commit that ends the command's locked writes."""
    atomic.write_atomic(path, data, exclusive=exclusive)
    _record([path])


def open_atomic(path: Path) -> atomic.AtomicFile:
    """A file to write piece by piece, replacing `path` all or nothing on its `commit`."""
    _record([path])
    return atomic.AtomicFile(path)


def _record(paths: Sequence[Path]) -> None:
    if _written is not None:
        _written.extend(paths)


@dataclass(slots=True)
class Change:
    """One file's edit inside a transaction: its path, its model and what to do to it;
    `move_to`, the path it then takes (a rename)."""

    relpath: str
    model: type[Any]
    edit: Callable[[Document, Any], None]
    move_to: str | None = None


@dataclass(frozen=True, slots=True)
class NewFile:
    """A file a transaction creates; it must not exist."""

    relpath: str
    text: str
    model: type[Any]


def update(root: Path, relpath: str, model: type[M], edit: Callable[[Document, M], None]) -> M:
    """Edit one existing file through the write path; returns the new model."""
    value: M = update_many(root, [Change(relpath, model, edit)])[0]
    return value


def update_many(root: Path, changes: list[Change]) -> list[Any]:
    """Edit several files, all or none, crash included."""
    with folder_lock(root):
        return apply_changes(root, changes)


def apply_changes(
    root: Path,
    changes: Sequence[Change],
    *,
    created: Sequence[NewFile] = (),
    removed: Sequence[str] = (),
) -> list[Any]:
    """Edit, move, create and remove files, all or none, for a caller holding the lock.

    Every file is read, edited and validated before anything is written. One file edited
    in place is one atomic replace; anything more goes through the operation journal.
    Returns the edited files' new models, in the order of `changes`.
    """
    operations: list[Operation] = []
    values: list[Any] = []
    for change in changes:
        operation, value = _prepare(root, change)
        operations.append(operation)
        values.append(value)
    operations.extend(_creation(root, new) for new in created)
    operations.extend(_removal(root, relpath) for relpath in removed)
    _refuse_collisions(operations)
    if len(operations) == 1 and operations[0].kind == "write":
        _write_one(root, operations[0])
    elif operations:
        _commit(root, operations)
    return values


def _write_one(root: Path, operation: Operation) -> None:
    assert operation.data is not None
    try:
        write_atomic(root / operation.path, operation.data)
    except OSError as exc:
        raise _write_error(exc, operation.path) from exc


def _commit(root: Path, operations: list[Operation]) -> None:
    try:
        transaction.commit(root, operations)
    except ApplyError as exc:
        if exc.undone:
            raise _write_error(exc.error, exc.relpath) from exc
        reason = exc.error.strerror or str(exc.error)
        raise WriteError(
            _(
                "could not write {relpath} ({reason}); the next reseau "
                "command that writes finishes the change "
                "({OPERATION_JOURNAL})"
            ).format(relpath=exc.relpath, reason=reason, OPERATION_JOURNAL=OPERATION_JOURNAL)
        ) from exc
    except OSError as exc:
        raise _write_error(exc, OPERATION_JOURNAL) from exc
    _record(_touched(root, operations))


def _refuse_collisions(operations: list[Operation]) -> None:
    seen: set[str] = set()
    for operation in operations:
        for relpath in filter(None, (operation.path, operation.source)):
            if relpath in seen:
                raise WriteError(
                    _("{relpath} would be changed twice; nothing was written").format(
                        relpath=relpath
                    )
                )
            seen.add(relpath)


def _creation(root: Path, new: NewFile) -> Operation:
    data = new.text.encode("utf-8")
    value, problems = validate(new.model, parse_bytes(data, new.relpath))
    if value is None:
        raise InvalidFileError(new.relpath, problems)
    if os.path.lexists(root / new.relpath):
        raise WriteError(
            _("{relpath} already exists; it was left as it is").format(relpath=new.relpath)
        )
    return Operation("create", new.relpath, data)


def _removal(root: Path, relpath: str) -> Operation:
    _refuse_unwritable(root / relpath, relpath)
    return Operation("remove", relpath)


def _write_error(exc: OSError, relpath: str) -> WriteError:
    reason = exc.strerror or str(exc)
    return WriteError(
        _("could not write {relpath} ({reason}); nothing was changed").format(
            relpath=relpath, reason=reason
        )
    )


def _prepare(root: Path, change: Change) -> tuple[Operation, Any]:
    path = root / change.relpath
    _refuse_unwritable(path, change.relpath)
    try:
        old = path.read_bytes()
    except OSError as exc:
        raise _write_error(exc, change.relpath) from exc
    loaded = parse_bytes(old, change.relpath)
    value, problems = validate(change.model, loaded)
    if value is None:
        raise InvalidFileError(change.relpath, problems)
    document = Document(loaded.text, loaded.data)
    change.edit(document, value)
    text = (_BOM if loaded.bom else "") + document.text
    new = text.encode("utf-8")
    new_value, new_problems = validate(change.model, parse_bytes(new, change.relpath))
    if new_value is None:
        raise InvalidFileError(change.relpath, new_problems)
    if change.move_to is None:
        return Operation("write", change.relpath, new), new_value
    if os.path.lexists(root / change.move_to):
        raise WriteError(
            _("{move_to} already exists; nothing was written").format(move_to=change.move_to)
        )
    return Operation("move", change.move_to, new, source=change.relpath), new_value


def _refuse_unwritable(path: Path, relpath: str) -> None:
    if path.is_symlink():
        raise WriteError(
            _("{relpath} is a symbolic link; reseau only writes regular files").format(
                relpath=relpath
            )
        )
    try:
        status = path.stat()
    except FileNotFoundError:
        raise WriteError(_("{relpath} does not exist").format(relpath=relpath)) from None
    mode, size = status.st_mode, status.st_size
    if not stat.S_ISREG(mode):
        raise WriteError(_("{relpath} is not a regular file").format(relpath=relpath))
    if size > MAX_FILE_BYTES:
        raise WriteError(
            _("{relpath} is {value:.1f} MiB; the limit is 1 MiB").format(
                relpath=relpath, value=size / 1024 / 1024
            )
        )
    if not mode & stat.S_IRUSR or not os.access(path, os.R_OK):
        raise WriteError(
            _("{relpath} cannot be read; make it readable (chmod u+rw) to change it").format(
                relpath=relpath
            )
        )
    if not mode & stat.S_IWUSR:
        raise WriteError(
            _("{relpath} is read-only; make it writable (chmod u+w) to change it").format(
                relpath=relpath
            )
        )


def create(root: Path, relpath: str, text: str, model: type[M]) -> M:
    """Write a new file through the write path; never overwrites an existing one."""
    data = text.encode("utf-8")
    value, problems = validate(model, parse_bytes(data, relpath))
    if value is None:
        raise InvalidFileError(relpath, problems)
    path = root / relpath
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, exclusive=True)
    except FileExistsError:
        raise WriteError(
            _("{relpath} already exists; it was left as it is").format(relpath=relpath)
        ) from None
    except OSError as exc:
        raise _write_error(exc, relpath) from exc
    return value
