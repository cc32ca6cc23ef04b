"""Remembering a command's output while nothing it reads has changed.

The key is everything the output depends on: this version of reseau and a digest of its
source, the libraries it reads and writes with, today, how the output is rendered, and a
snapshot of the folder in which every file is named with its modification time (to the
nanosecond), size, inode and change time. A changed, added, removed or renamed file changes
the snapshot, and the output is computed again. A file modified less than two seconds ago makes the
snapshot untrustworthy (its next change could keep the same timestamp), and nothing is
cached then.

The cache lives in `.reseau-cache/` inside the network folder, with a `.gitignore` of its
own, so git never sees it. It holds plain data written with `marshal`, atomically; a cache
from another version, a corrupt or truncated one, or a folder where it cannot be written is
ignored: the command then reads everything, as if there were no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from reseau import __version__
from reseau.files.folder import OPERATION_JOURNAL

CACHE_DIR = ".reseau-cache"
FORMAT = 1
RACY_SECONDS = 2.0
WATCHED = ("reseau.yaml", "journal.yaml")
WATCHED_FOLDERS = ("contacts", "plans")
# what outputs are read, written and formatted with (Babel: the French dates and numbers)
LIBRARIES = ("yaml", "pydantic", "vobject", "dateutil", "babel")
LEFTOVER_SECONDS = 60.0
_LEFTOVER = re.compile(r"^\..+\.marshal\.[a-z0-9_]{8}\.tmp$")


def turned_off() -> bool:
    """RESEAU_NO_CACHE=1: nothing recalled from `.reseau-cache/` or written to it (outputs,
    `check`'s problems, the file cache and its references); every file read again."""
    return os.environ.get("RESEAU_NO_CACHE", "") not in ("", "0")


def version_key() -> str:
    """The code an output comes from: reseau's source, the libraries that shape what it
    prints, Python, and the language with its catalog."""
    python = "{}.{}".format(*sys.version_info[:2])
    from reseau.files.i18n import catalog_stamp

    return (
        f"reseau {__version__}; cache {FORMAT}; python {python}; marshal {marshal.version}; "
        f"language {catalog_stamp()}; source {source_digest()}; libraries {library_stamps()}"
    )


def source_digest() -> str:
    """A digest of every module of reseau: a change to any of them computes outputs again
    (a few milliseconds for the whole package)."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parents[1]
    for source in sorted(package.rglob("*.py")):
        digest.update(str(source.relative_to(package)).encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def library_stamps() -> list[tuple[str, int, int]]:
    """Where each library an output depends on is installed, stamped by its `__init__.py`
    (size, modification time): an upgrade rewrites it. Found without importing them."""
    stamps = []
    for name in LIBRARIES:
        for folder in sys.path:
            try:
                status = os.stat(os.path.join(folder or ".", name, "__init__.py"))
            except OSError:
                continue
            stamps.append((name, status.st_size, status.st_mtime_ns))
            break
    return stamps


def snapshot(root: Path) -> bytes | None:
    """A digest of every file the network is read from; None when one is too fresh to trust,
    or cannot be looked at (a dangling link, a loop: `check` names it, nothing is cached),
    or while an operation on several files is unfinished (the next read finishes it)."""
    if os.path.lexists(os.path.join(root, OPERATION_JOURNAL)):
        return None
    try:
        stamps = _stamps(str(root))
    except OSError:
        return None
    # The window is the modification time's: a change moves the change time to the clock's
    # present as well, so the key sees it; only two changes within one tick of the clock
    # could share every stamp, and a fresh modification time is what marks that risk.
    newest = max((stamp[1] for stamp in stamps), default=0)
    if time.time_ns() - newest < RACY_SECONDS * 1e9:
        return None
    return hashlib.blake2b(marshal.dumps(stamps), digest_size=20).digest()


def _stamps(root: str) -> list[tuple[str, int, int, int, int]]:
    """(path, modification time in ns, size, inode, change time in ns) of every watched file,
    sorted by path. The change time catches a rewrite that put the modification time back
    (`cp -p`, `touch -r`, an unpacked archive), which the other four may all survive."""
    stamps = []
    for name in WATCHED:
        try:
            stat = os.stat(os.path.join(root, name))
        except FileNotFoundError:
            if os.path.islink(os.path.join(root, name)):
                raise
            continue
        stamps.append((name, stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns))
    for folder in WATCHED_FOLDERS:
        try:
            entries = os.scandir(os.path.join(root, folder))
        except FileNotFoundError:
            if os.path.islink(os.path.join(root, folder)):
                raise  # a dangling link is an error, where a missing folder is a warning
            stamps.append((folder, -1, -1, -1, -1))  # missing: a warning; a file: an error
            continue
        except NotADirectoryError:
            stamps.append((folder, -2, -2, -2, -2))
            continue
        with entries:
            for entry in entries:
                if entry.name.endswith(".yaml"):
                    stat = entry.stat()
                    relpath = f"{folder}/{entry.name}"
                    times = (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns)
                    stamps.append((relpath, *times))
    stamps.sort()
    return stamps


def result_key(root: Path, *parts: object) -> str | None:
    """The key of an output computed from the folder and `parts`; None when not cacheable,
    and with RESEAU_NO_CACHE=1 (then nothing is recalled or remembered)."""
    if turned_off():
        return None
    state = snapshot(root)
    if state is None:
        return None
    return hashlib.blake2b(repr((version_key(), state, parts)).encode(), digest_size=20).hexdigest()


def recall(root: Path, name: str, key: str | None) -> Any:
    """The value stored under `key`, or None."""
    if key is None:
        return None
    try:
        with open(root / CACHE_DIR / f"{name}.marshal", "rb") as handle:
            stored = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != key:
        return None
    return stored[1]


def remember(root: Path, name: str, key: str | None, value: Any) -> None:
    """Store `value` under `key`, replacing what was there; silently skipped when it cannot be."""
    if key is None:
        return
    from reseau.files.writer import write_atomic

    folder = root / CACHE_DIR
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            write_atomic(ignore, b"*\n")
        clean_leftovers(folder)
        write_atomic(folder / f"{name}.marshal", marshal.dumps((key, value)))
    except (OSError, ValueError):
        return


def clean_leftovers(folder: Path, now: float | None = None) -> None:
    """Remove the temporary files a killed run left, matched by name only.

    Outputs are stored without the folder's lock (a read command never waits), so another
    run may be writing its own temporary file right now: only those older than a minute,
    far longer than any write takes, are removed.
    """
    limit = (time.time() if now is None else now) - LEFTOVER_SECONDS
    with os.scandir(folder) as entries:
        for entry in entries:
            if _LEFTOVER.match(entry.name):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < limit:
                        os.unlink(entry.path)
