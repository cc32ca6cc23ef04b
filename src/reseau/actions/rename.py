"""Renaming a contact: its name, its slug (the file, through `git mv` in a git folder), and
every other file's reference to the old slug, all in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reseau.actions.add import choose_slug_for
from reseau.actions.log import has_control_characters
from reseau.actions.references import (
    Reference,
    references_to,
    refuse_unreadable_references,
    rewrite_changes,
)
from reseau.files.i18n import _
from reseau.files.model import CONTACT_KEYS, Contact
from reseau.files.problems import ReseauError
from reseau.files.store import load_network
from reseau.files.who import find_contact
from reseau.files.writer import Change, apply_changes, folder_lock
from reseau.files.yamledit import Document


@dataclass(frozen=True, slots=True)
class Renamed:
    old_slug: str
    slug: str
    old_name: str
    name: str
    references: list[Reference]

    @property
    def moved(self) -> bool:
        return self.slug != self.old_slug


def rename_contact(
    root: Path, who: str, name: str, *, slug: str | None = None, keep_slug: bool = False
) -> Renamed:
    """Under the folder lock: read everything, resolve WHO, then write all files or none."""
    name = check_name(name)
    if slug is not None and keep_slug:
        raise ReseauError(_("--slug and --keep-slug say opposite things; give one of them"))
    with folder_lock(root):
        network = load_network(root)
        old = find_contact(network, who)
        contact = network.contacts[old]
        taken = (set(network.contacts) | set(network.skipped_slugs())) - {old}
        new = old if keep_slug else choose_slug_for(name, slug, taken)
        references = references_to(network, old) if new != old else []
        if new != old:
            refuse_unreadable_references(network, old)
        own = Change(
            network.contact_path(old),
            Contact,
            _name_setter(name),
            move_to=None if new == old else network.contact_path(new),
        )
        changes = [own, *(rewrite_changes(network, old, new) if new != old else [])]
        if name == contact.name and new == old:
            raise ReseauError(
                _("{old} is already named {name}; nothing to do").format(old=old, name=name)
            )
        apply_changes(root, changes)
    return Renamed(old, new, contact.name, name, references)


def check_name(name: str) -> str:
    if not name.strip():
        raise ReseauError(_("the new name is empty; write the name"))
    if has_control_characters(name) or "\n" in name:
        raise ReseauError(_("the new name holds control characters; write plain text"))
    return name.strip()


def _name_setter(name: str) -> Callable[[Document, object], None]:
    def edit(document: Document, contact: object) -> None:
        assert isinstance(contact, Contact)
        if contact.name != name:
            document.set(["name"], name, order=CONTACT_KEYS)

    return edit
