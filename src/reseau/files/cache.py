"""Remembering a command's output while nothing it reads has changed.

The key is everything the output depends on: this version of reseau, today, how the output
is rendered, and a snapshot of the folder in which every file is named with its
modification time (to the nanosecond), size and inode. A changed, added, removed or renamed
file changes the snapshot, and the output is computed again. A file modified less than two
seconds ago makes the snapshot untrustworthy (its next change could keep the same
timestamp), and nothing is cached then.

The cache lives in `.reseau-cache/` inside the network folder, with a `.gitignore` of its
own, so git never sees it. It holds plain data written with `marshal`, atomically; a cache
from another version, a corrupt or truncated one, or a folder where it cannot be written is
ignored: the command then reads everything, as if there were no cache.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import time
from pathlib import Path
from typing import Any

from reseau import __version__

CACHE_DIR = ".reseau-cache"
FORMAT = 1
RACY_SECONDS = 2.0
WATCHED = ("reseau.yaml", "journal.yaml")
WATCHED_FOLDERS = ("contacts", "plans")


def version_key() -> str:
    python = "{}.{}".format(*sys.version_info[:2])
    return f"reseau {__version__}; cache {FORMAT}; python {python}; marshal {marshal.version}"


def snapshot(root: Path) -> bytes | None:
    """A digest of every file the network is read from; None when one is too fresh to trust,
    or cannot be looked at (a dangling link, a loop: `check` names it, nothing is cached)."""
    try:
        stamps = _stamps(str(root))
    except OSError:
        return None
    newest = max((stamp[1] for stamp in stamps), default=0)
    if time.time_ns() - newest < RACY_SECONDS * 1e9:
        return None
    return hashlib.blake2b(marshal.dumps(stamps), digest_size=20).digest()


def _stamps(root: str) -> list[tuple[str, int, int, int]]:
    """(path, modification time in ns, size, inode) of every watched file, sorted by path."""
    stamps = []
    for name in WATCHED:
        try:
            stat = os.stat(os.path.join(root, name))
        except FileNotFoundError:
            if os.path.islink(os.path.join(root, name)):
                raise
            continue
        stamps.append((name, stat.st_mtime_ns, stat.st_size, stat.st_ino))
    for folder in WATCHED_FOLDERS:
        try:
            entries = os.scandir(os.path.join(root, folder))
        except (FileNotFoundError, NotADirectoryError):
            continue
        with entries:
            for entry in entries:
                if entry.name.endswith(".yaml"):
                    stat = entry.stat()
                    stamp = (f"{folder}/{entry.name}", stat.st_mtime_ns, stat.st_size, stat.st_ino)
                    stamps.append(stamp)
    stamps.sort()
    return stamps


def result_key(root: Path, *parts: object) -> str | None:
    """The key of an output computed from the folder and `parts`; None when not cacheable."""
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
        write_atomic(folder / f"{name}.marshal", marshal.dumps((key, value)))
    except (OSError, ValueError):
        return
