"""Validated files remembered one by one: a changed file costs one file, not the folder.

Each entry holds one file's stamp (size, modification and change times in ns, inode,
mode), the model it validated as, and its value as plain data (see codec). An entry is used
only when the file's stamp is the same as when it was read, and the whole cache only by the
same code: reseau's version, Python's, PyYAML's and Pydantic's, and a digest of the source
of the read path and the models, so a new field or rule reads everything again.

What makes it safe to trust:
- only files that validated with no problem are remembered, so a file with a problem is
  read the strict way every time and `check` sees its problems as they are now;
- a file modified or changed less than two seconds before it was read is not remembered
  (its next change could keep the same times); the stamp is taken before the bytes are read,
  so a change during the read leaves a stamp that will not match again;
- permissions, a replacement by another file (another inode), a rename, a deletion each
  change the stamp or the name; a file that disappears loses its entry;
- the cache is one file in `.reseau-cache/`, replaced atomically; one that cannot be read,
  comes from other code or holds an entry that does not decode is ignored, entry by entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import time
from pathlib import Path
from typing import Any, TypeVar

from reseau import __version__
from reseau.files.codec import Unsupported, codec_for

CACHE_DIR = ".reseau-cache"
CACHE_NAME = "files.marshal"
REFERENCES_NAME = "references.marshal"
FORMAT = 2
SETTLED_NS = 2_000_000_000
LEFTOVER_SECONDS = 60.0  # a temporary file this old is no write under way: a crash left it
_SOURCES = Path(__file__).parent

T = TypeVar("T")
Stamp = tuple[int, int, int, int, int]


def stamp_of(status: os.stat_result) -> Stamp:
    return (
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
        status.st_ino,
        status.st_mode,
    )


def code_version() -> str:
    """Everything that decides what a file validates to, as one line."""
    import pydantic
    import yaml

    digest = hashlib.blake2b(digest_size=16)
    for source in sorted(_SOURCES.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    python = "{}.{}.{}".format(*sys.version_info[:3])
    return (
        f"reseau {__version__}; files {FORMAT}; python {python}; marshal {marshal.version}; "
        f"pyyaml {yaml.__version__}; pydantic {pydantic.VERSION}; source {digest.hexdigest()}"
    )


class FileCache:
    """The entries of one folder's cache, read once and written back once if they changed."""

    def __init__(self, root: Path, version: str, entries: dict[str, Any]) -> None:
        self.root = root
        self.version = version
        self.entries = entries
        self.changed = False
        self.now_ns = time.time_ns()
        self.seen: set[str] = set()

    @classmethod
    def open(cls, root: Path) -> FileCache:
        version = code_version()
        try:
            with open(root / CACHE_DIR / CACHE_NAME, "rb") as handle:
                stored = marshal.loads(handle.read())  # load(handle) reads object by object: slow
        except (OSError, EOFError, ValueError, TypeError):
            return cls(root, version, {})
        usable = (
            isinstance(stored, tuple)
            and len(stored) == 2
            and stored[0] == version
            and isinstance(stored[1], dict)
        )
        return cls(root, version, stored[1] if usable else {})

    def recall(self, relpath: str, stamp: Stamp, model: type[T]) -> T | None:
        """The value remembered for the file, when its stamp has not changed since."""
        self.seen.add(relpath)
        entry = self.entries.get(relpath)
        if entry is None:
            return None
        try:
            old_stamp, name, payload, _ = entry
            if old_stamp != stamp or name != model.__qualname__:
                return None
            value: T = codec_for(model).decode(payload)
        except (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError):
            self.forget(relpath)
            return None
        return value

    def remember(self, relpath: str, stamp: Stamp, value: Any) -> None:
        """Keep a value that validated, unless its file changed too recently to be sure."""
        newest = max(stamp[1], stamp[2])
        if self.now_ns - newest < SETTLED_NS:
            self.forget(relpath)
            return
        try:
            encoded = codec_for(type(value)).encode(value)
        except Unsupported:
            self.forget(relpath)
            return
        refs = tuple(sorted(references(encoded)))
        self.entries[relpath] = (stamp, type(value).__qualname__, encoded, refs)
        self.changed = True

    def forget(self, relpath: str) -> None:
        if self.entries.pop(relpath, None) is not None:
            self.changed = True

    def forget_unseen(self) -> None:
        """After reading the whole folder: drop the entries of files that are gone."""
        for relpath in [path for path in self.entries if path not in self.seen]:
            self.forget(relpath)

    def save(self) -> None:
        """Write the entries back when they changed; silently skipped when it cannot be."""
        if not self.changed:
            return
        from reseau.files.writer import write_atomic

        folder = self.root / CACHE_DIR
        try:
            folder.mkdir(exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                write_atomic(ignore, b"*\n")
            write_atomic(folder / CACHE_NAME, marshal.dumps((self.version, self.entries)))
            index = {
                relpath: (entry[0], _joined(entry[3])) for relpath, entry in self.entries.items()
            }
            write_atomic(folder / REFERENCES_NAME, marshal.dumps((self.version, index)))
        except (OSError, ValueError):
            return
        self.changed = False
        remove_leftovers(folder)


def read_references(root: Path) -> dict[str, tuple[Stamp, str]]:
    """For each file remembered: its stamp, and the texts of its lists (see references),
    each between two newlines: `names(entry, slug)` tells whether it names a slug.

    A small file beside the cache, so that a command about one contact can tell which
    other files name it without loading them all.
    """
    try:
        with open(root / CACHE_DIR / REFERENCES_NAME, "rb") as handle:
            stored = marshal.loads(handle.read())  # load(handle) reads object by object: slow
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    usable = (
        isinstance(stored, tuple)
        and len(stored) == 2
        and stored[0] == code_version()
        and isinstance(stored[1], dict)
    )
    return stored[1] if usable else {}


def names(joined: str, slug: str) -> bool:
    """Whether the references of `read_references` hold `slug` (a text holding a newline
    may look like more than one: a file read for nothing, never one missed)."""
    return f"\n{slug}\n" in joined


def _joined(refs: tuple[str, ...]) -> str:
    """One text per file loads far faster than a tuple of them, for thousands of files."""
    return "\n" + "\n".join(refs) + "\n" if refs else ""


def references(value: Any) -> set[str]:
    """Every text in a list, anywhere in an encoded value: what could name another contact.

    Contacts name each other by slug in lists (an interaction's `with`, and any list a new
    field brings), found here without this module knowing the field; a text that is not a
    slug (a tag, an e-mail) only costs a file read when it happens to equal one.
    """
    found: set[str] = set()
    _collect((value,), found, False)
    return found


def _collect(fields: Any, found: set[str], in_list: bool) -> None:
    """Texts in lists, at any depth: encoded models are tuples, lists stay lists."""
    for item in fields:
        kind = type(item)
        if kind is str:
            if in_list:
                found.add(item)
        elif kind is list or kind is tuple:
            _collect(item, found, kind is list)
        elif kind is dict:
            _collect(item.values(), found, False)


def remove_leftovers(folder: Path) -> None:
    """Temporary files of writes that a crash interrupted; recent ones may be under way."""
    limit = time.time() - LEFTOVER_SECONDS
    try:
        with os.scandir(folder) as entries:
            old = [
                entry.path
                for entry in entries
                if entry.name.startswith(".")
                and entry.name.endswith(".tmp")
                and entry.stat(follow_symlinks=False).st_mtime < limit
            ]
    except OSError:
        return
    for path in old:
        with contextlib.suppress(OSError):
            os.unlink(path)
