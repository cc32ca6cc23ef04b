"""The network folder: where it is, and loading it into (Network, problems)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISLNK
from typing import Any, TypeVar

from reseau.files.bulk import collector_paused
from reseau.files.cache import turned_off
from reseau.files.codec import Unsupported, codec_for
from reseau.files.filecache import FileCache, names, read_references, stamp_of
from reseau.files.filecache import Stamp as FileStamp
from reseau.files.folder import (
    CONTACTS_DIR,
    JOURNAL_FILE,
    OPERATION_JOURNAL,
    PLANS_DIR,
    SETTINGS_FILE,
)
from reseau.files.i18n import _, ngettext
from reseau.files.model import Contact, Journal, Plan, Settings
from reseau.files.problems import Problem, Severity
from reseau.files.text import is_decodable, shown_name
from reseau.files.validation import validate
from reseau.files.yamlio import read_file

M = TypeVar("M")


@dataclass(slots=True)
class Network:
    """Everything the folder holds that validated, and the problems of what did not."""

    root: Path
    settings: Settings = field(default_factory=Settings)
    contacts: dict[str, Contact] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    journal: Journal = field(default_factory=Journal)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unvalidated: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed_since_crash: list[str] = field(default_factory=list)

    def names(self) -> dict[str, str]:
        return {slug: contact.name for slug, contact in self.contacts.items()}

    def contact_path(self, slug: str) -> str:
        return f"{CONTACTS_DIR}/{slug}.yaml"

    def identities(self) -> Iterator[tuple[str, str, list[str]]]:
        """(slug, name, e-mails) of every contact file, those that do not validate included."""
        for slug, contact in self.contacts.items():
            yield slug, contact.name, list(contact.emails)
        for relpath, data in self.unvalidated.items():
            if not relpath.startswith(f"{CONTACTS_DIR}/"):
                continue
            name, emails = data.get("name"), data.get("emails")
            listed = [e for e in emails if isinstance(e, str)] if isinstance(emails, list) else []
            yield Path(relpath).stem, name if isinstance(name, str) else "", listed

    def has_contact_file(self, slug: str) -> bool:
        """A contact that exists, even when its file did not validate this time."""
        return slug in self.contacts or slug in self.skipped_slugs()

    def skipped_slugs(self) -> list[str]:
        prefix = f"{CONTACTS_DIR}/"
        return [Path(p).stem for p in self.skipped if p.startswith(prefix)]


def load_warnings(network: Network, *, skipped: bool = True) -> list[str]:
    """What a read command says on stderr about how the folder was read."""
    from reseau.files.yamlio import HAS_C_LOADER

    warnings = []
    if not HAS_C_LOADER:
        warnings.append(
            _(
                "reseau: PyYAML has no libyaml here, so reading is several times slower; "
                "reinstall PyYAML with libyaml (pip install --force-reinstall pyyaml)"
            )
        )
    if skipped and network.skipped:
        warnings.append(skipped_warning(network))
    if network.changed_since_crash:
        changed = ", ".join(network.changed_since_crash)
        warnings.append(
            _(
                "reseau: an interrupted operation was not finished, because {changed} "
                "changed since; run `reseau check`"
            ).format(changed=changed)
        )
    return warnings


def skipped_warning(network: Network) -> str:
    count = len(network.skipped)
    return ngettext(
        "reseau: skipped {count} invalid file; run `reseau check`",
        "reseau: skipped {count} invalid files; run `reseau check`",
        count,
    ).format(count=count)


def contact_files(root: Path) -> list[Path]:
    return _yaml_files(root / CONTACTS_DIR)[0]


def plan_files(root: Path) -> list[Path]:
    return _yaml_files(root / PLANS_DIR)[0]


def _yaml_files(folder: Path) -> tuple[list[Path], list[str]]:
    """The folder's YAML files, and the names that are not UTF-8 (never read: no slug,
    no name to print, no way to write them into an export)."""
    stems, misnamed = _yaml_stems(folder)
    return [folder / f"{stem}.yaml" for stem in stems], misnamed


def _yaml_stems(folder: Path) -> tuple[list[str], list[str]]:
    """`_yaml_files` as the files' stems, sorted: no path built for each file."""
    try:
        entries = os.scandir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return [], []
    with entries:
        names = [e.name for e in entries if e.name.endswith(".yaml") and not e.name.startswith(".")]
    decodable = [is_decodable(name) for name in names]
    stems = sorted(name[: -len(".yaml")] for name, ok in zip(names, decodable, strict=True) if ok)
    misnamed = sorted(name for name, ok in zip(names, decodable, strict=True) if not ok)
    return stems, misnamed


def _misnamed(network: Network, folder: str, names: list[str]) -> None:
    for name in names:
        relpath = f"{folder}/{shown_name(name)}"
        message = "the file name is not valid UTF-8; rename it (reseau reads only UTF-8 names)"
        network.problems.append(Problem(relpath, 0, "", message, "file-name"))
        network.skipped.append(relpath)


def contacts_folder_problem(root: Path) -> Problem | None:
    """contacts/ missing or not a folder: every contact would look deleted to a command that
    mirrors the folder (sync, export --vdir), so it is said, never taken as "no contacts"."""
    folder = root / CONTACTS_DIR
    if folder.is_dir():
        return None
    if os.path.lexists(folder):
        message = "is not a folder; move it aside and make contacts/ a folder again"
        return Problem(CONTACTS_DIR, 0, "", message, "no-contacts-folder")
    message = "the folder is missing; restore it (git checkout -- contacts) or create it"
    return Problem(CONTACTS_DIR, 0, "", message, "no-contacts-folder", Severity.WARNING)


def load_network(root: Path, *, cached: bool | None = None) -> Network:
    """Read every file of the folder; a broken file never stops the others from loading.

    Contact and plan files that validated before and have not changed since come from the
    folder's file cache (see filecache); `cached=False`, or RESEAU_NO_CACHE=1 in the
    environment, reads every file the strict way and writes no cache.
    An operation on several files that a crash interrupted is finished first, so what is
    read is the whole old state or the whole new one.
    """
    if os.path.lexists(root / OPERATION_JOURNAL):
        from reseau.files.writer import finish_interrupted

        finish_interrupted(root)
    if cached is None:
        cached = not turned_off()
    network = Network(root)
    _note_unfinished(network)
    with collector_paused():  # the cache too: a collection per thousand tuples it loads
        cache = FileCache.open(root) if cached else None
        network.settings = _load_one(network, SETTINGS_FILE, Settings) or Settings()
        missing = contacts_folder_problem(root)
        if missing is not None:
            network.problems.append(missing)
            if missing.is_error:
                network.skipped.append(CONTACTS_DIR)
        # Paths as text: a Path and a relative_to per file are part of what loading ten
        # thousand files from the file cache costs.
        stems, misnamed = _yaml_stems(root / CONTACTS_DIR)
        _misnamed(network, CONTACTS_DIR, misnamed)
        for stem in stems:
            relpath = f"{CONTACTS_DIR}/{stem}.yaml"
            contact = _load_one(network, relpath, Contact, cache, fast=True)
            if contact is not None:
                network.contacts[stem] = contact
        stems, misnamed = _yaml_stems(root / PLANS_DIR)
        _misnamed(network, PLANS_DIR, misnamed)
        for stem in stems:
            plan = _load_one(network, f"{PLANS_DIR}/{stem}.yaml", Plan, cache, fast=True)
            if plan is not None:
                network.plans[stem] = plan
        if (root / JOURNAL_FILE).exists():
            network.journal = _load_one(network, JOURNAL_FILE, Journal) or Journal()
    if cache is not None:
        cache.forget_unseen()
        cache.save()
    return network


def _note_unfinished(network: Network) -> None:
    """A pending journal that files changed since: a problem for each of those files."""
    if not os.path.lexists(network.root / OPERATION_JOURNAL):
        return
    from reseau.files.transaction import changed_since_crash

    network.changed_since_crash = changed_since_crash(network.root)
    message = (
        f"changed after a crash interrupted a reseau command: its operation was not "
        f"finished, so as not to overwrite the change; check the file, then delete "
        f"{OPERATION_JOURNAL} to drop that operation (or put the file back as it was to "
        f"finish it)"
    )
    for relpath in network.changed_since_crash:
        network.problems.append(Problem(relpath, 0, "", message, "unfinished-operation"))


def load_around(root: Path, slug: str) -> Network:
    """The settings, the contact `slug`, and the contacts whose files name it or that it
    names: all that a command about one contact computes from, without reading the rest.

    Which files name whom comes from the file cache's references; a file the cache does not
    know as it is now (changed, new, or with a problem, which is never remembered) is read
    to find out, so its problems are counted as in a full load. When the cache knows too
    little, or with RESEAU_NO_CACHE=1, the whole folder is loaded.
    """
    known = read_references(root)
    folder = root / CONTACTS_DIR
    stems, misnamed = _yaml_stems(folder)
    if len(known) < len(stems) // 2:
        return load_network(root)
    network = Network(root)
    with collector_paused():
        network.settings = _load_one(network, SETTINGS_FILE, Settings) or Settings()
        _misnamed(network, CONTACTS_DIR, misnamed)
        found: dict[str, Contact] = {}
        target = _load_one(network, network.contact_path(slug), Contact)
        named = _references(target) if target is not None else set()
        if named is None:
            return load_network(root)
        where = str(folder)
        for stem in stems:  # names and stamps as text: ten thousand paths cost more than the stats
            if stem == slug:
                continue
            name = f"{stem}.yaml"
            entry = known.get(f"{CONTACTS_DIR}/{name}")
            if entry is not None and entry[0] == _stamp(os.path.join(where, name)):
                if names(entry[1], slug) or stem in named:
                    contact = _load_one(network, f"{CONTACTS_DIR}/{name}", Contact)
                    if contact is not None:
                        found[stem] = contact
                continue
            contact = _load_one(network, f"{CONTACTS_DIR}/{name}", Contact)
            if contact is None:
                continue
            refs = _references(contact)
            if refs is None or slug in refs or stem in named:
                found[stem] = contact
        if target is not None:
            found[slug] = target
        network.contacts = {stem: found[stem] for stem in sorted(found)}
    return network


def _references(contact: Contact) -> set[str] | None:
    """The texts a contact's lists hold; None when they cannot be told (it may name anyone)."""
    try:
        codec = codec_for(Contact)
        return codec.texts_in_lists(codec.encode(contact))
    except Unsupported:
        return None


Stamp = tuple[int, int, int]


def contact_stamps(root: Path) -> dict[str, Stamp]:
    """(modification time in ns, size, inode) of every contact file, by slug.

    Every write of reseau replaces a file (a new inode), and editors that save in place
    change its time: taken before a load, the stamps tell later which files changed since.
    """
    stamps: dict[str, Stamp] = {}
    for path in contact_files(root):
        try:
            status = os.stat(path)
        except OSError:
            stamps[path.stem] = (-1, -1, -1)
            continue
        stamps[path.stem] = (status.st_mtime_ns, status.st_size, status.st_ino)
    return stamps


def refresh_contacts(network: Network, before: dict[str, Stamp]) -> None:
    """Re-read the contact files added, changed or removed since `before` was taken: a
    writer holds the folder lock for that, not for a whole load."""
    now = contact_stamps(network.root)
    for slug in sorted(set(before) | set(now)):
        if before.get(slug) == now.get(slug):
            continue
        relpath = network.contact_path(slug)
        network.contacts.pop(slug, None)
        network.unvalidated.pop(relpath, None)
        network.skipped = [p for p in network.skipped if p != relpath]
        network.problems = [p for p in network.problems if p.path != relpath]
        if slug in now:
            contact = _load_one(network, relpath, Contact)
            if contact is not None:
                network.contacts[slug] = contact


def _load_one(
    network: Network,
    relpath: str,
    model: type[M],
    cache: FileCache | None = None,
    *,
    fast: bool = False,
) -> M | None:
    """The file at `relpath` (inside the network's folder, with `/`) as `model`."""
    path = os.path.join(network.root, relpath)
    stamp = _stamp(path) if cache is not None else None
    if cache is not None and stamp is not None:
        remembered = cache.recall(relpath, stamp, model)
        if remembered is not None:
            return remembered
    loaded = read_file(path, relpath, fast=fast)
    value, problems = validate(model, loaded)
    if value is None:
        network.problems.extend(problems)
        network.skipped.append(relpath)
        if loaded.data is not None:
            network.unvalidated[relpath] = loaded.data
        if cache is not None:
            cache.forget(relpath)
    elif cache is not None and stamp is not None:
        cache.remember(relpath, stamp, value)
    return value


def _stamp(path: Path | str) -> FileStamp | None:
    """The file's stamp for the file cache; a link's is followed by its target's, since its
    own stays the same when its target changes."""
    try:
        status = os.lstat(path)
        if not S_ISLNK(status.st_mode):
            return stamp_of(status)
        target = os.stat(path)
    except OSError:
        return None
    return stamp_of(status) + stamp_of(target)
