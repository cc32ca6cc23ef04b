"""The network folder: where it is, and loading it into (Network, problems)."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from reseau.files.folder import CONTACTS_DIR, JOURNAL_FILE, PLANS_DIR, SETTINGS_FILE
from reseau.files.model import Contact, Journal, Plan, Settings
from reseau.files.problems import Problem
from reseau.files.validation import validate
from reseau.files.yamlio import read_file

M = TypeVar("M", bound=BaseModel)


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
            "reseau: PyYAML has no libyaml here, so reading is several times slower; "
            "reinstall PyYAML with libyaml (pip install --force-reinstall pyyaml)"
        )
    if skipped and network.skipped:
        warnings.append(skipped_warning(network))
    return warnings


def skipped_warning(network: Network) -> str:
    count = len(network.skipped)
    noun = "file" if count == 1 else "files"
    return f"reseau: skipped {count} invalid {noun}; run `reseau check`"


def contact_files(root: Path) -> list[Path]:
    return _yaml_files(root / CONTACTS_DIR)


def plan_files(root: Path) -> list[Path]:
    return _yaml_files(root / PLANS_DIR)


def _yaml_files(folder: Path) -> list[Path]:
    try:
        entries = os.scandir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    with entries:
        stems = sorted(
            e.name[: -len(".yaml")]
            for e in entries
            if e.name.endswith(".yaml") and not e.name.startswith(".")
        )
    return [folder / f"{stem}.yaml" for stem in stems]


def load_network(root: Path) -> Network:
    """Read every file of the folder; a broken file never stops the others from loading."""
    network = Network(root)
    with _collector_paused():
        network.settings = _load_one(network, root / SETTINGS_FILE, Settings) or Settings()
        for path in contact_files(root):
            contact = _load_one(network, path, Contact)
            if contact is not None:
                network.contacts[path.stem] = contact
        for path in plan_files(root):
            plan = _load_one(network, path, Plan)
            if plan is not None:
                network.plans[path.stem] = plan
        if (root / JOURNAL_FILE).exists():
            network.journal = _load_one(network, root / JOURNAL_FILE, Journal) or Journal()
    return network


def _load_one(network: Network, path: Path, model: type[M]) -> M | None:
    relpath = path.relative_to(network.root).as_posix()
    loaded = read_file(path, relpath)
    value, problems = validate(model, loaded)
    if value is None:
        network.problems.extend(problems)
        network.skipped.append(relpath)
        if loaded.data is not None:
            network.unvalidated[relpath] = loaded.data
    return value


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading allocates many small objects and frees none: the collector would only cost.

    The loaded objects are then frozen, so that later collections do not scan them again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
