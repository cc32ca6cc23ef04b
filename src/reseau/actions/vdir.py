"""`reseau export vcard --vdir DIR`: one .vcf file per contact, the folder vdirsyncer syncs.

A vdir (the layout vdirsyncer syncs with any CardDAV server, and khard reads) holds one
card per file. Here each card is `<slug>.vcf`, its UID `<slug>@reseau`, so the file, the
UID and the contact stay tied whatever changes in the card.

- A file is rewritten only when its card changed: vdirsyncer then uploads only what
  changed, and a phone is not asked to re-read the whole address book.
- A card of a contact that is gone (deleted, renamed, or out of the filters) is removed,
  so that the server and the phones lose it too; not that of a contact whose file does not
  validate today, which is still there. Only cards reseau wrote are removed: a
  file counts as reseau's when it is named after the UID it holds (`jane-doe.vcf` holding
  `UID:jane-doe@reseau`). A card made elsewhere (on the phone, synced down by vdirsyncer)
  has its own UID and name, and is never touched; nor is anything that is not a `.vcf`
  file (vdirsyncer's own files, for one).
- Every file is written atomically (a new file renamed over the old one), so vdirsyncer
  never reads half a card.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reseau.files.i18n import _
from reseau.files.problems import ReseauError
from reseau.files.writer import write_atomic
from reseau.formats.exporters.vcard import UID_SUFFIX

EXTENSION = ".vcf"
_UID_LINE = re.compile(rb"^UID:(.*?)\r?$", re.M | re.I)


@dataclass(slots=True)
class VdirReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


def write_vdir(folder: Path, cards: dict[str, str], keep: Iterable[str] = ()) -> VdirReport:
    """Make `folder` hold `cards` (slug -> card text): write what changed, remove reseau's
    cards of slugs that are not there any more, except those of `keep` (contacts whose file
    does not validate today: a typo must not delete a card from every phone)."""
    kept = set(keep)
    _prepare(folder)
    report = VdirReport()
    for slug, card in cards.items():
        path = folder / f"{slug}{EXTENSION}"
        data = card.encode("utf-8")
        if _read(path) == data:
            report.unchanged.append(path.name)
            continue
        if os.path.lexists(path) and not is_reseau_card(path):  # a card made elsewhere
            report.foreign.append(path.name)
            continue
        _write(path, data)
        report.written.append(path.name)
    for path in sorted(folder.glob(f"*{EXTENSION}")):
        if path.stem not in cards and path.stem not in kept and is_reseau_card(path):
            _remove(path)
            report.removed.append(path.name)
    return report


def is_reseau_card(path: Path) -> bool:
    """A regular file named after the reseau UID it holds: a card `write_vdir` wrote."""
    if path.is_symlink() or not path.is_file():
        return False
    data = _read(path)
    uids = _UID_LINE.findall(data or b"")
    return uids == [f"{path.stem}{UID_SUFFIX}".encode()]


def _prepare(folder: Path) -> None:
    if folder.is_symlink() and not folder.is_dir():
        raise ReseauError(
            _("{folder} is a broken symbolic link; give an existing folder").format(folder=folder)
        )
    if folder.exists() and not folder.is_dir():
        raise ReseauError(
            _("{folder} is not a folder; --vdir takes a folder").format(folder=folder)
        )
    if not folder.exists():
        if not folder.parent.is_dir():
            raise ReseauError(
                _("cannot write {folder}: the folder {parent} does not exist").format(
                    folder=folder, parent=folder.parent
                )
            )
        try:
            folder.mkdir()
        except OSError as exc:
            raise ReseauError(
                _("cannot create {folder}: {value}").format(
                    folder=folder, value=exc.strerror or exc
                )
            ) from None


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write(path: Path, data: bytes) -> None:
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise ReseauError(
            _("{path} is not a regular file; reseau only writes regular files").format(path=path)
        )
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise ReseauError(
            _("cannot write {path}: {value}").format(path=path, value=exc.strerror or exc)
        ) from None


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError as exc:
        raise ReseauError(
            _("cannot remove {path}: {value}").format(path=path, value=exc.strerror or exc)
        ) from None
