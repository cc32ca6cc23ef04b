"""Adding a contact: checked, refused when the person is already there, written in order."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reseau.files.folder import CONTACTS_DIR
from reseau.files.i18n import _
from reseau.files.model import Contact
from reseau.files.problems import ReseauError
from reseau.files.slugs import is_valid_slug, same_name_key, slugify, unique_slug
from reseau.files.store import Network, contact_stamps, load_network, refresh_contacts
from reseau.files.text import clean
from reseau.files.validation import suggest
from reseau.files.writer import create, folder_lock
from reseau.files.yamledit import Typed, render_inline, render_key, render_text

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class DuplicateError(ReseauError):
    pass


@dataclass(slots=True)
class NewContact:
    name: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str | None = None
    role: str | None = None
    city: str | None = None
    links: list[str] = field(default_factory=list)
    circles: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    status: str | None = None
    since: date | None = None
    birthday: str | None = None
    dates: dict[str, str] = field(default_factory=dict)
    cadence_days: int | None = None
    notes: str | None = None


def check_new(new: NewContact, network: Network) -> None:
    """Refuse what would make an invalid or dangerous file, with the reason."""
    if not new.name.strip():
        raise ReseauError(_("a name cannot be empty"))
    if clean(new.name) != new.name or "\n" in new.name:
        raise ReseauError(_("a name cannot hold control characters or line breaks"))
    for email in new.emails:
        if not _EMAIL.match(email):
            raise ReseauError(_("'{email}' is not an e-mail address").format(email=email))
    for circle in new.circles:
        if circle not in network.settings.objectives:
            close = suggest(circle, network.settings.objectives)
            hint = (
                f"; did you mean '{close}'?" if close else "; add it to objectives in reseau.yaml"
            )
            raise ReseauError(
                _("circle '{circle}' is not an objective of reseau.yaml{hint}").format(
                    circle=circle, hint=hint
                )
            )


def choose_slug(new: NewContact, wanted: str | None, taken: set[str]) -> str:
    return choose_slug_for(new.name, wanted, taken)


def choose_slug_for(name: str, wanted: str | None, taken: set[str]) -> str:
    """`wanted` when it is a free slug, else the name's slug made unique among `taken`."""
    if wanted is not None:
        if not is_valid_slug(wanted):
            raise ReseauError(
                _(
                    "'{wanted}' is not a slug: lower-case letters, digits and "
                    "single dashes, at most 64 characters, not a reserved device "
                    "name"
                ).format(wanted=wanted)
            )
        if wanted in taken:
            raise DuplicateError(
                _("{CONTACTS_DIR}/{wanted}.yaml already exists").format(
                    CONTACTS_DIR=CONTACTS_DIR, wanted=wanted
                )
            )
        return wanted
    return unique_slug(slugify(name), taken)


def find_duplicate(new: NewContact, network: Network, same_name: bool) -> str | None:
    """The existing contact file that `new` would duplicate, with why."""
    wanted_emails = {_email_key(e) for e in new.emails}
    key = same_name_key(new.name)
    for slug, name, emails in network.identities():
        shared = wanted_emails & {_email_key(e) for e in emails}
        if shared:
            return _("e-mail {email} is already in {path}").format(
                email=sorted(shared)[0], path=network.contact_path(slug)
            )
        if not same_name and name and same_name_key(name) == key:
            return _(
                "{name} is already in {path}; add --same-name if this is a different person"
            ).format(name=name, path=network.contact_path(slug))
    return None


def add_contact(
    root: Path, new: NewContact, *, slug: str | None, same_name: bool
) -> tuple[str, Contact]:
    """Write contacts/<slug>.yaml under the folder lock.

    The folder is read before the lock is taken (at 10,000 contacts that is seconds, and
    other writers would wait); under the lock only the files changed since are read again,
    so the duplicate check sees every contact as it is when the file is created.
    """
    before = contact_stamps(root)
    network = load_network(root)
    _refuse(new, network, slug, same_name)
    with folder_lock(root):
        refresh_contacts(network, before)
        chosen = _refuse(new, network, slug, same_name)
        relpath = f"{CONTACTS_DIR}/{chosen}.yaml"
        return chosen, create(root, relpath, contact_text(new), Contact)


def _refuse(new: NewContact, network: Network, slug: str | None, same_name: bool) -> str:
    """The slug for `new`, unless it is invalid or already there."""
    check_new(new, network)
    duplicate = find_duplicate(new, network, same_name)
    if duplicate:
        raise DuplicateError(duplicate)
    taken = set(network.contacts) | set(network.skipped_slugs())
    chosen = choose_slug(new, slug, taken)
    base = f"{CONTACTS_DIR}/{slugify(new.name)}.yaml"
    if (
        slug is None
        and not same_name
        and base in network.skipped
        and base not in network.unvalidated
    ):
        raise DuplicateError(
            _(
                "{base} exists but cannot be read, so it may be this person; "
                "fix it first (`reseau check` says what is wrong), or add "
                "--same-name if this is someone else"
            ).format(base=base)
        )
    return chosen


def contact_text(new: NewContact) -> str:
    """The new file, in the contract's key order, with only the keys that have a value."""
    lines = [f"{render_key('name')}: {render_inline(new.name)}"]
    for key in (
        "emails",
        "phones",
        "company",
        "role",
        "city",
        "links",
        "circles",
        "tags",
        "status",
    ):
        value = getattr(new, key)
        if value:
            lines.append(f"{key}: {render_inline(value)}")
    if new.since:
        lines.append(f"since: {new.since.isoformat()}")
    if new.birthday:
        lines.append(f"birthday: {render_inline(Typed(new.birthday))}")
    if new.dates:
        dates = {label: Typed(day) for label, day in new.dates.items()}
        lines.append(f"dates: {render_inline(dates)}")
    if new.cadence_days:
        lines.append(f"cadence_days: {new.cadence_days}")
    if new.notes:
        lines.append(f"notes: {render_text(new.notes)}")
    return "\n".join(lines) + "\n"


def _email_key(email: str) -> str:
    return unicodedata.normalize("NFC", email.strip()).casefold()
