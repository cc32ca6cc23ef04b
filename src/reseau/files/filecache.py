"""Validated files remembered one by one: a changed file costs one file, not the folder.

Each entry holds one file's stamp (size, modification and change times in ns, inode,
mode; a link's followed by its target's), the model it validated as, and its value as
plain data (see codec). An entry is used only when the file's stamp is the same as when it
was read, and the whole cache only by the same code: reseau's version, Python's, PyYAML's
and Pydantic's, and a digest of the source of the read path and the models, so a new field
or rule reads everything again.

What makes it safe to trust:
- only files that validated with no problem are remembered, so a file with a problem is
  read the strict way every time and `check` sees its problems as they are now;
- a file modified or changed less than two seconds before it was read is not remembered
  (its next change could keep the same times); the stamp is taken before the bytes are read,
  so a change during the read leaves a stamp that will not match again;
- permissions, a replacement by another file (another inode), a rename, a deletion each
  change the stamp or the name; a file that disappears loses its entry;
- the cache is one file in `.reseau-cache/`, replaced atomically, then its references
  beside it (a crash between the two leaves the old references, whose stamps no longer
  match the files that changed: those are read); one that cannot be read, comes from other
  code or holds an entry that does not decode is ignored, entry by entry.

The file is a series of frames, each its length then one `marshal` blob: the code's version,
then the entries, a few hundred a frame, then the directory of the frames (see Stored). A
read that fills the cache writes each frame as soon as it is full, into the temporary file
that replaces the cache at the end, and a read from it decodes one frame at a time: the
entries of a whole network (hundreds of MiB at 50,000 contacts) are never all in memory at
once. The references beside it (see read_references) are written the same way, frame by
frame.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from reseau import __version__
from reseau.files.cache import turned_off
from reseau.files.codec import Unsupported, codec_for

if TYPE_CHECKING:
    from reseau.files.atomic import AtomicFile

CACHE_DIR = ".reseau-cache"
CACHE_NAME = "files.marshal"
REFERENCES_NAME = "references.marshal"
FORMAT = 4
CHUNK = 500  # entries a frame: a frame is held whole while it is written
_LENGTH = 8  # bytes of a frame's length, little-endian
SETTLED_NS = 2_000_000_000
LEFTOVER_SECONDS = 60.0  # a temporary file this old is no write under way: a crash left it
_SOURCES = Path(__file__).parent

T = TypeVar("T")
Stamp = tuple[int, ...]  # see stamp_of; a link's is followed by its target's


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
    """One folder's cache: the entries of its file, decoded a frame at a time as the folder
    is read, and the new file, written as the folder is read (frames of the entries kept,
    recalled or new), replacing the old one at `save` when anything changed.

    A file's entry is kept (`recall` found it, or `remember` made it) or forgotten once per
    read of the folder, never both. A recalled entry is not held: if the cache is written
    again, a frame whose entries were all recalled is copied as it was stored, and any other
    frame decoded again for the entries it gives.
    """

    def __init__(self, root: Path, version: str, stored: Stored | None = None) -> None:
        self.root = root
        self.version = version
        self.stored = stored if stored is not None else Stored.empty()
        self.changed = False
        self.now_ns = time.time_ns()
        self.seen: set[str] = set()
        self.pending: list[tuple[str, Any]] = []  # kept, not yet written: None when recalled
        self.out: AtomicFile | None = None
        self.references_out: AtomicFile | None = None
        self.written: list[tuple[str, ...]] = []  # each new frame's paths: the directory
        self.failed = False  # the new file could not be written: the old one stays

    @classmethod
    def open(cls, root: Path) -> FileCache:
        version = code_version()
        try:
            with open(root / CACHE_DIR / CACHE_NAME, "rb") as handle:
                data = handle.read()  # one read; marshal.load(handle) reads bit by bit: slow
            stored = Stored.of(data, version)
        except (OSError, EOFError, ValueError, TypeError, MemoryError):
            return cls(root, version)
        return cls(root, version, stored)

    @property
    def entries(self) -> dict[str, Any]:
        """Every entry of the file as it was read, decoded at once (to look at it whole)."""
        return self.stored.peek(tuple(self.stored.where))

    def recall(self, relpath: str, stamp: Stamp, model: type[T]) -> T | None:
        """The value remembered for the file, when its stamp has not changed since."""
        self.seen.add(relpath)
        entry = self.stored.take(relpath)
        if entry is None:
            return None
        try:
            old_stamp, name, payload, refs = entry
            if old_stamp != stamp or name != model.__qualname__:
                return None
            if type(refs) is not tuple or not all(type(ref) is str for ref in refs):
                raise TypeError("references that are not texts")
            value: T = codec_for(model).decode(payload)
        except (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError):
            self.forget(relpath)
            return None
        self._keep(relpath, (old_stamp, name, None, refs))
        return value

    def remember(self, relpath: str, stamp: Stamp, value: Any) -> None:
        """Keep a value that validated, unless its file changed too recently to be sure."""
        newest = max(*stamp[1::5], *stamp[2::5])  # modified, changed: a link's target's too
        if self.now_ns - newest < SETTLED_NS:
            self.forget(relpath)
            return
        codec = codec_for(type(value))
        try:
            encoded = codec.encode(value)
        except Unsupported:
            self.forget(relpath)
            return
        refs = tuple(sorted(codec.texts_in_lists(encoded)))  # see names
        self.changed = True
        self._keep(relpath, (stamp, type(value).__qualname__, encoded, refs))

    def forget(self, relpath: str) -> None:
        if self.stored.drop(relpath):
            self.changed = True

    def forget_unseen(self) -> None:
        """After reading the whole folder: drop the entries of files that are gone."""
        for relpath in [path for path in self.stored.where if path not in self.seen]:
            self.forget(relpath)

    def _keep(self, relpath: str, entry: Any) -> None:
        """Kept, and written once a change was seen: a frame at the end of a stored one (so
        that the next can be copied as it was), else at CHUNK entries."""
        self.pending.append((relpath, entry))
        if not self.changed:
            return
        if self.stored.ends_frame(relpath) or (
            len(self.pending) >= CHUNK and relpath not in self.stored.where
        ):
            self._write_pending()

    def _write_pending(self) -> None:
        """The entries kept so far, CHUNK a frame, in the new file and in the new references
        (both started on the first): entries kept before the first change are many."""
        chunks, self.pending = self._chunks(self.pending), []
        if self.failed:
            return
        try:
            if self.out is None or self.references_out is None:
                self.out, self.references_out = _open_new(self.root / CACHE_DIR)
                self.out.write(_frame(self.version))
                self.references_out.write(_frame(self.version))
            for chunk in chunks:
                self.out.write(self._frame_of(chunk))
                self.written.append(tuple(relpath for relpath, _ in chunk))
                index = {relpath: (entry[0], _joined(entry[3])) for relpath, entry in chunk}
                self.references_out.write(_frame(index))
        except (OSError, ValueError):
            self._abandon()

    def _chunks(self, pending: list[tuple[str, Any]]) -> list[list[tuple[str, Any]]]:
        """The entries kept, cut where a stored frame ends and at CHUNK entries: after a
        change, a frame added or removed, the frames of unchanged files still line up."""
        chunks: list[list[tuple[str, Any]]] = [[]]
        for relpath, entry in pending:
            if len(chunks[-1]) >= CHUNK:
                chunks.append([])
            chunks[-1].append((relpath, entry))
            if self.stored.ends_frame(relpath):
                chunks.append([])
        return [chunk for chunk in chunks if chunk]

    def _frame_of(self, chunk: list[tuple[str, Any]]) -> bytes:
        """A frame of these entries: the stored one when it holds just them, all recalled."""
        keys = tuple(relpath for relpath, _ in chunk)
        if all(entry[2] is None for _, entry in chunk):
            same = self.stored.frame_holding(keys)
            if same is not None:
                return same
        recalled = self.stored.peek(tuple(path for path, entry in chunk if entry[2] is None))
        entries = {}
        for relpath, entry in chunk:
            if entry[2] is None:  # recalled: its payload is in the stored file
                entry = recalled.get(relpath)
                if entry is None:
                    raise ValueError(f"{relpath} is gone from the stored cache")
            entries[relpath] = entry
        return _frame(entries)

    def _abandon(self) -> None:
        self.failed = True
        for out in (self.out, self.references_out):
            if out is not None:
                out.abort()
        self.out = self.references_out = None

    def save(self) -> None:
        """Put the new file in place when anything changed; silently skipped when it cannot
        be written (the old one then stays, and it is only ever used entry by entry)."""
        if not self.changed:
            return
        self._write_pending()
        if self.out is None or self.references_out is None:
            return
        try:
            self.out.write(_frame(tuple(self.written)))  # the directory: see Stored
            self.out.commit()
            self.out = None
            self.references_out.commit()
            self.references_out = None
        except (OSError, ValueError):
            self._abandon()
            return
        self.changed = False
        remove_leftovers(self.root / CACHE_DIR)


class Stored:
    """A cache file as read: the code's version, frames of entries, then the directory, the
    paths of each frame's entries in order. A frame is decoded when one of its entries is
    first asked for, and let go when all have been taken: a network's entries (hundreds of
    MiB at 50,000 contacts) are never all decoded at once."""

    def __init__(self, data: bytes, spans: list[tuple[int, int]], keys: list[tuple[str, ...]]):
        self.view = memoryview(data)
        self.spans = spans  # each frame of entries: where it starts and ends in data
        self.keys = keys  # each frame's paths, in order
        self.where = {relpath: index for index, names in enumerate(keys) for relpath in names}
        self.decoded: dict[int, dict[str, Any]] = {}  # frames being taken from
        self.unreadable: set[int] = set()  # frames that did not decode: never tried again

    @classmethod
    def empty(cls) -> Stored:
        return cls(b"", [], [])

    @classmethod
    def of(cls, data: bytes, version: str) -> Stored:
        """The frames of a cache file written by this very code; ValueError for any other."""
        view = memoryview(data)
        spans = list(_spans(data))
        if not spans or marshal.loads(view[spans[0][0] + _LENGTH : spans[0][1]]) != version:
            raise ValueError("another version")
        *frames, last = spans[1:] or [(0, 0)]
        keys = marshal.loads(view[last[0] + _LENGTH : last[1]])
        well_formed = (
            type(keys) is tuple
            and len(keys) == len(frames)
            and all(type(names) is tuple and all(type(n) is str for n in names) for names in keys)
        )
        if not well_formed:
            raise ValueError("no directory of the frames")
        return cls(data, frames, list(keys))

    def take(self, relpath: str) -> Any | None:
        """The entry of `relpath`; its frame is let go once all its entries are taken (a
        read of the folder takes each once, in the order they were written)."""
        index = self.where.get(relpath)
        if index is None or index in self.unreadable:
            return None
        frame = self.decoded.get(index)
        if frame is None:
            frame = self.decoded[index] = self._decode(index)
            if not frame:
                self.unreadable.add(index)
        entry = frame.pop(relpath, None)
        if not frame:
            del self.decoded[index]
        return entry

    def ends_frame(self, relpath: str) -> bool:
        """Whether `relpath` is the last entry of a stored frame."""
        index = self.where.get(relpath)
        return index is not None and self.keys[index][-1] == relpath

    def peek(self, relpaths: tuple[str, ...]) -> dict[str, Any]:
        """The entries of `relpaths` as stored, their frames decoded again, once each."""
        frames: dict[int, dict[str, Any]] = {}
        found = {}
        for relpath in relpaths:
            index = self.where.get(relpath)
            if index is None:
                continue
            if index not in frames:
                frames[index] = self._decode(index)
            if relpath in frames[index]:
                found[relpath] = frames[index][relpath]
        return found

    def drop(self, relpath: str) -> bool:
        """Whether there was an entry for `relpath`, which is then gone."""
        index = self.where.pop(relpath, None)
        if index is None:
            return False
        frame = self.decoded.get(index)
        if frame is not None:
            frame.pop(relpath, None)
        return True

    def frame_holding(self, keys: tuple[str, ...]) -> bytes | None:
        """The stored frame, as its bytes, whose entries are exactly `keys` in this order."""
        index = self.where.get(keys[0]) if keys else None
        if index is None or self.keys[index] != keys:
            return None
        if any(self.where.get(relpath) != index for relpath in keys):
            return None
        start, end = self.spans[index]
        return bytes(self.view[start:end])

    def _decode(self, index: int) -> dict[str, Any]:
        start, end = self.spans[index]
        try:
            frame = marshal.loads(self.view[start + _LENGTH : end])
        except (EOFError, ValueError, TypeError, MemoryError):  # a corrupt length: MemoryError
            frame = None
        if not isinstance(frame, dict):
            return {}
        return frame


def _open_new(folder: Path) -> tuple[AtomicFile, AtomicFile]:
    """The new cache file and the new references, in a folder that git ignores."""
    from reseau.files.writer import open_atomic, write_atomic

    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, b"*\n")
    cache = open_atomic(folder / CACHE_NAME)
    try:
        return cache, open_atomic(folder / REFERENCES_NAME)
    except BaseException:
        cache.abort()
        raise


def _frame(value: Any) -> bytes:
    blob = marshal.dumps(value)
    return len(blob).to_bytes(_LENGTH, "little") + blob


def _frames(data: bytes) -> Iterator[Any]:
    view = memoryview(data)
    for start, end in _spans(data):
        yield marshal.loads(view[start + _LENGTH : end])


def _spans(data: bytes) -> Iterator[tuple[int, int]]:
    """Where each frame starts (its length) and ends, without decoding any."""
    at = 0
    while at < len(data):
        size = int.from_bytes(data[at : at + _LENGTH], "little")
        if size > len(data) - at - _LENGTH:
            raise ValueError("a frame cut short")
        yield at, at + _LENGTH + size
        at += _LENGTH + size


def _entries(data: bytes, version: str) -> dict[str, Any]:
    """The entries of references written by this very code; ValueError for any other."""
    frames = _frames(data)
    if next(frames, None) != version:
        raise ValueError("another version")
    entries: dict[str, Any] = {}
    for chunk in frames:
        if not isinstance(chunk, dict):
            raise ValueError("not a frame of entries")
        entries.update(chunk)
    return entries


def read_references(root: Path) -> dict[str, tuple[Stamp, str]]:
    """For each file remembered: its stamp, and the texts of its lists (see names), each
    between two newlines: `names(entry, slug)` tells whether it names a slug.

    A small file beside the cache, so that a command about one contact can tell which
    other files name it without loading them all; none with RESEAU_NO_CACHE=1.
    """
    if turned_off():
        return {}
    try:
        with open(root / CACHE_DIR / REFERENCES_NAME, "rb") as handle:
            data = handle.read()  # one read; marshal.load(handle) reads bit by bit: slow
        return _entries(data, code_version())
    except (OSError, EOFError, ValueError, TypeError):
        return {}


def names(joined: str, slug: str) -> bool:
    """Whether the references of `read_references` hold `slug` (a text holding a newline
    may look like more than one: a file read for nothing, never one missed).

    A file's references are the texts in its lists, anywhere (`Codec.texts_in_lists`):
    contacts name each other by slug in lists (an interaction's `with`, and any list a new
    field brings); a text that is not a slug (a tag, an e-mail) only costs a file read when
    it happens to equal one."""
    return f"\n{slug}\n" in joined


def _joined(refs: tuple[str, ...]) -> str:
    """One text per file loads far faster than a tuple of them, for thousands of files."""
    return "\n" + "\n".join(refs) + "\n" if refs else ""


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
