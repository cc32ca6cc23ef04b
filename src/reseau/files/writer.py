"""The one write path: a folder lock, a re-read under it, an edit, an atomic replace.

Every writer holds the folder's lock (an flock, released by the kernel when its process
dies, so a crashed run never blocks the next). A file is written to a temporary file beside
it, flushed and fsynced, given the old file's mode and renamed over it: a reader sees the
old file or the new one, never a third thing. Temporary files left by a crash are removed by
the next writer, which holds the lock and so knows nobody else is writing.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from reseau.files.problems import Problem, ReseauError
from reseau.files.validation import validate
from reseau.files.yamledit import Document
from reseau.files.yamlio import MAX_FILE_BYTES, parse_bytes

LOCK_NAME = ".reseau.lock"
LOCK_TIMEOUT_SECONDS = 10.0
_TMP_SUFFIX = ".tmp"
_LEFTOVER = re.compile(r"^\..+\.yaml\.[a-z0-9_]{8}\.tmp$")
_BOM = "\ufeff"

M = TypeVar("M", bound=BaseModel)

# The files written under the lock this process holds: committed when it is released.
_written: list[Path] | None = None


class WriteError(ReseauError):
    pass


class InvalidFileError(ReseauError):
    """The file does not validate: it is left as it is, and its problems are reported."""

    def __init__(self, relpath: str, problems: list[Problem]) -> None:
        super().__init__(
            f"{relpath} does not validate; fix it first (nothing was written)",
            details=[p.format() for p in problems],
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
                    f"another reseau command is still writing (lock: {path}); try again"
                ) from None
            time.sleep(0.01)


def _clean_leftovers(root: Path) -> None:
    """Remove what a crashed write left: only files named as this module names them."""
    for folder in (root, root / "contacts", root / "plans"):
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                if _LEFTOVER.match(entry.name):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def write_atomic(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Replace (or, `exclusive`, create) `path` with `data`, all or nothing."""
    mode = _mode_for(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TMP_SUFFIX)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if exclusive:
            os.link(tmp, path)
            tmp.unlink()
        else:
            os.replace(tmp, path)
        if _written is not None:
            _written.append(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(path.parent)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass(slots=True)
class Change:
    """One file's edit inside a transaction: its path, its model and what to do to it."""

    relpath: str
    model: type[BaseModel]
    edit: Callable[[Document, BaseModel], None]


def update(root: Path, relpath: str, model: type[M], edit: Callable[[Document, M], None]) -> M:
    """Edit one existing file through the write path; returns the new model."""
    result = update_many(root, [Change(relpath, model, edit)])  # type: ignore[arg-type]
    return result[0]  # type: ignore[return-value]


def update_many(root: Path, changes: list[Change]) -> list[BaseModel]:
    """Edit several files, all or none: a failure on one puts back those already written."""
    with folder_lock(root):
        return apply_changes(root, changes)


def apply_changes(root: Path, changes: list[Change]) -> list[BaseModel]:
    """`update_many` for a caller that already holds the folder lock."""
    prepared = [_prepare(root, change) for change in changes]
    written: list[tuple[Path, bytes]] = []
    current = root
    try:
        for current, old, new, _ in prepared:
            write_atomic(current, new)
            written.append((current, old))
    except BaseException as exc:
        for path, old in reversed(written):
            write_atomic(path, old)
        if isinstance(exc, OSError):
            raise _write_error(exc, current.relative_to(root).as_posix()) from exc
        raise
    return [value for *_, value in prepared]


def _write_error(exc: OSError, relpath: str) -> WriteError:
    reason = exc.strerror or str(exc)
    return WriteError(f"could not write {relpath} ({reason}); nothing was changed")


def _prepare(root: Path, change: Change) -> tuple[Path, bytes, bytes, BaseModel]:
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
    return path, old, new, new_value


def _refuse_unwritable(path: Path, relpath: str) -> None:
    if path.is_symlink():
        raise WriteError(f"{relpath} is a symbolic link; reseau only writes regular files")
    try:
        status = path.stat()
    except FileNotFoundError:
        raise WriteError(f"{relpath} does not exist") from None
    mode, size = status.st_mode, status.st_size
    if not stat.S_ISREG(mode):
        raise WriteError(f"{relpath} is not a regular file")
    if size > MAX_FILE_BYTES:
        raise WriteError(f"{relpath} is {size / 1024 / 1024:.1f} MiB; the limit is 1 MiB")
    if not mode & stat.S_IRUSR or not os.access(path, os.R_OK):
        raise WriteError(f"{relpath} cannot be read; make it readable (chmod u+rw) to change it")
    if not mode & stat.S_IWUSR:
        raise WriteError(f"{relpath} is read-only; make it writable (chmod u+w) to change it")


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
        raise WriteError(f"{relpath} already exists; it was left as it is") from None
    except OSError as exc:
        raise _write_error(exc, relpath) from exc
    return value
