"""`reseau promise`: record a next step promised to a contact, and close it when kept.

A promise goes at the end of the contact's `promises:` list; closing one sets its `done:`
and, with `--log`, records the interaction that gave it, in the same write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reseau.actions.log import Entry, Written, added_lines, check_text, insert_position
from reseau.actions.log import interaction_item as _interaction_item
from reseau.files import writer
from reseau.files.i18n import _
from reseau.files.model import CONTACT_KEYS, PROMISE_KEYS, Contact, Promise
from reseau.files.problems import ReseauError
from reseau.files.store import Network
from reseau.files.yamledit import Document, Typed
from reseau.method.promises import OpenPromise, open_promises


@dataclass(frozen=True, slots=True)
class NewPromise:
    what: str
    by: date
    made: date


def promise_item(new: NewPromise) -> dict[str, Any]:
    """The item as the file holds it, in the contract's key order."""
    values = {
        "what": new.what,
        "by": Typed(new.by.isoformat()),
        "made": Typed(new.made.isoformat()),
    }
    return {key: values[key] for key in PROMISE_KEYS if key in values}


def check_promise(new: NewPromise) -> None:
    check_text("promise", new.what)


def insert_promise(document: Document, new: NewPromise) -> None:
    document.insert(["promises"], promise_item(new), order=CONTACT_KEYS)


def add_promise(root: Path, network: Network, slug: str, new: NewPromise) -> Written:
    check_promise(new)
    relpath = network.contact_path(slug)
    added: list[str] = []

    def edit(document: Document, contact: object) -> None:
        before = document.text
        insert_promise(document, new)
        added.extend(added_lines(before, document.text))

    value = writer.update(root, relpath, Contact, edit)
    return Written(slug, relpath, added, value)


@dataclass(frozen=True, slots=True)
class Closed:
    """A promise kept: which one, and what the write added or changed."""

    written: Written
    promise: Promise
    logged: bool


def close_promise(
    root: Path,
    network: Network,
    slug: str,
    number: int | None,
    when: date,
    log_kind: str | None = None,
) -> Closed:
    """Mark the promise `number` (as `show` numbers them) done on `when`; with `log_kind`,
    also record the interaction that gave what was promised."""
    relpath = network.contact_path(slug)
    target = pick_promise(network.contacts[slug], slug, number)
    added: list[str] = []

    def edit(document: Document, contact: object) -> None:
        assert isinstance(contact, Contact)
        fresh = pick_promise(contact, slug, number)
        if fresh.promise != target.promise:
            raise ReseauError(
                _("{relpath} changed while it was being edited; try again").format(relpath=relpath)
            )
        before = document.text
        document.set(["promises", fresh.index, "done"], Typed(when.isoformat()), order=PROMISE_KEYS)
        if log_kind is not None:
            entry = Entry(when, kind=log_kind, gave=fresh.promise.what)
            position = insert_position([i.date for i in contact.interactions], when)
            item = _interaction_item(entry)
            document.insert(["interactions"], item, index=position, order=CONTACT_KEYS)
        added.extend(added_lines(before, document.text))

    value = writer.update(root, relpath, Contact, edit)
    written = Written(slug, relpath, added, value)
    return Closed(written, target.promise, logged=log_kind is not None)


def pick_promise(contact: Contact, slug: str, number: int | None) -> OpenPromise:
    """The open promise `number`; without a number, the only one."""
    found = open_promises(contact)
    if not found:
        raise ReseauError(
            _("{name} ({slug}) has no open promise").format(name=contact.name, slug=slug)
        )
    if number is None:
        if len(found) == 1:
            return found[0]
        listed = "; ".join(f"{p.number}: {p.promise.what} (by {p.promise.by})" for p in found)
        raise ReseauError(
            _("{name} ({slug}) has {count} open promises; say which: {listed}").format(
                name=contact.name, slug=slug, count=len(found), listed=listed
            )
        )
    if not 1 <= number <= len(found):
        raise ReseauError(
            _(
                "{name} ({slug}) has no open promise {number}: it has "
                "{count}, numbered as `reseau show` lists them"
            ).format(name=contact.name, slug=slug, number=number, count=len(found))
        )
    return found[number - 1]


def parse_due(text: str, today: date) -> date:
    """When a promise is due, typed as any date option is (`2026-12-08`, `today`, `3 days
    ago`), except that a weekday names the next such day, today included, and `tomorrow`
    (`demain`) is understood: a due date looks ahead where a logged one looks back."""
    from reseau.files.dates import check_range, read_typed_date, shift, weekday_of

    word = " ".join(text.strip().lower().split())
    if word in ("tomorrow", "demain"):
        return check_range(shift(today, 1))
    weekday = weekday_of(word)
    if weekday is not None:
        return check_range(shift(today, (weekday - today.weekday()) % 7))
    return read_typed_date(text, today)
