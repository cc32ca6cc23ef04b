"""Logging what happened with a contact (recommendations 6, 7 and 8).

The pure part: the item written (keys in the contract's order, no empty
values), and where a back-dated item goes so the list stays oldest first. The write part is
two thin calls to the one write path: one file for `log`, both files or neither for `intro`.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reseau.files.i18n import _
from reseau.files.model import (
    CONTACT_KEYS,
    IN_PERSON_KINDS,
    INTERACTION_KEYS,
    KINDS,
    TONES,
    Contact,
)
from reseau.files.problems import ReseauError
from reseau.files.store import Network
from reseau.files.text import clean
from reseau.files.who import find_any_contact, find_contact
from reseau.files.writer import Change, update_many
from reseau.files.yamledit import Document, Typed


@dataclass(frozen=True, slots=True)
class Entry:
    """One interaction to record, as the user described it."""

    when: date
    kind: str = "meeting"
    remote: bool = False
    tone: str | None = None
    note: str | None = None
    gave: str | None = None
    received: str | None = None
    with_: tuple[str, ...] = ()
    uid: str | None = None
    by: str | None = None  # the member who had it, in a team network


def interaction_item(entry: Entry) -> dict[str, Any]:
    """The item as the file holds it: text values, the contract's key order, no empty keys."""
    overrides_kind = entry.remote and entry.kind in IN_PERSON_KINDS
    values: dict[str, Any] = {
        "date": Typed(entry.when.isoformat()),
        "kind": entry.kind,
        "in_person": Typed("false") if overrides_kind else None,
        "tone": entry.tone,
        "note": entry.note,
        "gave": entry.gave,
        "received": entry.received,
        "with": list(entry.with_) or None,
        "uid": entry.uid,
        "by": entry.by,
    }
    return {key: values[key] for key in INTERACTION_KEYS if values[key] is not None}


def insert_position(dates: Sequence[date], when: date) -> int:
    """Just after the last item dated on or before `when`: oldest first, same day in order."""
    for index in range(len(dates) - 1, -1, -1):
        if dates[index] <= when:
            return index + 1
    return 0


def check_entry(entry: Entry) -> None:
    """Refuse what the file should not hold: unknown kinds or tones, blank or control text."""
    if entry.kind not in KINDS:
        raise ReseauError(
            _("'{kind}' is not a kind; use one of: {value}").format(
                kind=entry.kind, value=", ".join(KINDS)
            )
        )
    if entry.tone is not None and entry.tone not in TONES:
        raise ReseauError(
            _("'{tone}' is not a tone; use one of: {value}").format(
                tone=entry.tone, value=", ".join(TONES)
            )
        )
    for label in ("note", "gave", "received"):
        text = getattr(entry, label)
        if text is not None:
            check_text(label, text)


def check_text(label: str, text: str) -> None:
    if not text.strip():
        raise ReseauError(
            _("the {label} is empty; write something or leave it out").format(label=label)
        )
    if has_control_characters(text):
        raise ReseauError(
            _("the {label} holds control characters; write plain text").format(label=label)
        )


def has_control_characters(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\t" for ch in text)


def find_target(network: Network, who: str) -> str:
    """WHO's slug, including contacts whose file does not validate (so that it is reported)."""
    return find_any_contact(network, who)


def split_names(names: Sequence[str]) -> list[str]:
    """`--with a --with b,c`: the names given, in order."""
    return [part.strip() for given in names for part in given.split(",") if part.strip()]


def resolve_others(network: Network, names: Sequence[str], slug: str) -> tuple[str, ...]:
    """The `--with` contacts: each resolved like WHO, in order, once; never WHO again."""
    return distinct_others([find_contact(network, name) for name in split_names(names)], slug)


def distinct_others(resolved: Sequence[str], slug: str) -> tuple[str, ...]:
    others: list[str] = []
    for other in resolved:
        if other == slug:
            raise ReseauError(
                _("--with {other} names {slug} itself; name the other people").format(
                    other=other, slug=slug
                )
            )
        if other not in others:
            others.append(other)
    return tuple(others)


@dataclass(frozen=True, slots=True)
class Written:
    """What a write added to one contact file, and the contact as it now is."""

    slug: str
    relpath: str
    lines: list[str]
    contact: Contact


Also = Callable[[Document], None]


def log_interaction(
    root: Path, network: Network, slug: str, entry: Entry, also: Also | None = None
) -> Written:
    """Record `entry`; `also` makes a further edit of the same file in the same write."""
    return record(root, network, [(slug, entry)], also)[0]


def introduce(
    root: Path,
    network: Network,
    first: str,
    second: str,
    when: date,
    note: str | None,
    by: str | None = None,
) -> list[Written]:
    """An `intro` in both files, each naming the other, each counting as given."""
    if first == second:
        raise ReseauError(
            _("{first} cannot be introduced to themselves; name two people").format(first=first)
        )
    return record(
        root,
        network,
        [
            (first, _intro_entry(network, second, when, note, by)),
            (second, _intro_entry(network, first, when, note, by)),
        ],
    )


def _intro_entry(
    network: Network, other: str, when: date, note: str | None, by: str | None
) -> Entry:
    known = network.contacts.get(other)
    # generated text is built from the cleaned name: a file's escape sequence is not a gift
    name = clean(known.name) if known else other  # an invalid file: the write will report it
    gave = f"Introduction to {name}"
    return Entry(when, kind="intro", note=note, gave=gave, with_=(other,), by=by)


def record(
    root: Path, network: Network, entries: list[tuple[str, Entry]], also: Also | None = None
) -> list[Written]:
    """Insert each entry in its contact's file through the write path: all files or none."""
    for _slug, entry in entries:
        check_entry(entry)
    added: dict[str, list[str]] = {}
    changes = [interaction_change(network, slug, entry, added, also) for slug, entry in entries]
    values = update_many(root, changes)
    written = []
    for (slug, _entry), change, value in zip(entries, changes, values, strict=True):
        assert isinstance(value, Contact)
        written.append(Written(slug, change.relpath, added[change.relpath], value))
    return written


def interaction_change(
    network: Network,
    slug: str,
    entry: Entry,
    added: dict[str, list[str]],
    also: Also | None = None,
) -> Change:
    """The write that puts `entry` in its place in the contact's file; the lines it adds go
    to `added[relpath]`. For a caller that writes it with other files (`plan done`)."""
    relpath = network.contact_path(slug)
    return Change(relpath, Contact, _inserter(entry, relpath, added, also))


def _inserter(
    entry: Entry, relpath: str, added: dict[str, list[str]], also: Also | None
) -> Callable[[Document, object], None]:
    item = interaction_item(entry)

    def edit(document: Document, contact: object) -> None:
        assert isinstance(contact, Contact)
        before = document.text
        position = insert_position([i.date for i in contact.interactions], entry.when)
        document.insert(["interactions"], item, index=position, order=CONTACT_KEYS)
        if also is not None:
            also(document)
        added[relpath] = added_lines(before, document.text)

    return edit


def added_lines(old: str, new: str) -> list[str]:
    """The lines of `new` that are not in `old`, in order."""
    before, after = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    return [
        line
        for tag, _a1, _a2, start, end in matcher.get_opcodes()
        if tag in ("insert", "replace")
        for line in after[start:end]
    ]
