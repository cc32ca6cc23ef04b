"""Leaving someone: archive (the history stays, the contact counts nowhere) or remove (the
file goes, and with `force` every reference to it, all in one transaction)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reseau.actions.references import (
    Reference,
    references_to,
    refuse_unreadable_references,
    rewrite_changes,
)
from reseau.files.i18n import _, ngettext
from reseau.files.model import CONTACT_KEYS, Contact
from reseau.files.problems import ReseauError
from reseau.files.store import load_network
from reseau.files.who import find_contact
from reseau.files.writer import Change, apply_changes, folder_lock
from reseau.files.yamledit import Document


@dataclass(frozen=True, slots=True)
class Left:
    slug: str
    name: str
    references: list[Reference]


def archive_contact(root: Path, who: str) -> Left:
    """`status: archived`, written in place; the plans' items that still name them are
    returned, for the user to decide."""
    with folder_lock(root):
        network = load_network(root)
        slug = find_contact(network, who)
        contact = network.contacts[slug]
        if contact.status == "archived":
            raise ReseauError(
                _("{path} is already archived").format(path=network.contact_path(slug))
            )
        apply_changes(root, [Change(network.contact_path(slug), Contact, _archive)])
        planned = [r for r in references_to(network, slug) if r.relpath.startswith("plans/")]
    return Left(slug, contact.name, planned)


def _archive(document: Document, contact: object) -> None:
    document.set(["status"], "archived", order=CONTACT_KEYS)


class ReferencedError(ReseauError):
    """Other files still name the contact: removing it would break them."""


def remove_contact(root: Path, who: str, *, force: bool = False) -> Left:
    """The file removed; refused while other files name the contact, unless `force`, which
    removes those names too (the interactions themselves stay on their files)."""
    with folder_lock(root):
        network = load_network(root)
        slug = find_contact(network, who)
        refuse_unreadable_references(network, slug)
        references = references_to(network, slug)
        if references and not force:
            raise ReferencedError(
                ngettext(
                    "{count} place in other files name {slug}; nothing was removed. Remove "
                    "them with it (--force), or keep the history: reseau archive {slug}",
                    "{count} places in other files name {slug}; nothing was removed. Remove "
                    "them with it (--force), or keep the history: reseau archive {slug}",
                    len(references),
                ).format(count=len(references), slug=slug),
                details=[f"{r.relpath}: {r.field}: {r.what}" for r in references],
            )
        changes = rewrite_changes(network, slug, None)
        apply_changes(root, changes, removed=[network.contact_path(slug)])
    return Left(slug, network.contacts[slug].name, references)
