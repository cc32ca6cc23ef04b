"""Merging two files of one person: KEEP takes in OTHER, OTHER's file goes, references follow.

Lists are united (e-mails, phones, links, circles, tags, interactions, promises...), each item
brought over with its own text. A single value that only OTHER has is taken; one that both
have with different values keeps KEEP's (OTHER's with `prefer_other`), and the value not
kept is written into the notes, so nothing is lost. The merge itself is files.merge's, run
with a base made up so that, on each field, the side meant to win is the side that changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reseau.actions.references import (
    Reference,
    references_to,
    refuse_unreadable_references,
    rename_in_list,
    rewrite_changes,
)
from reseau.files.i18n import _
from reseau.files.merge import merge_onto
from reseau.files.model import CONTACT_KEYS, Contact
from reseau.files.problems import ReseauError
from reseau.files.store import Network, load_network
from reseau.files.who import find_contact
from reseau.files.writer import Change, apply_changes, folder_lock
from reseau.files.yamledit import Document, render_inline
from reseau.files.yamlio import parse_bytes

NOTES = "notes"


@dataclass(frozen=True, slots=True)
class Difference:
    """A single value both files hold, differently: the one kept and the one not kept."""

    field: str
    kept: Any
    dropped: Any


@dataclass(slots=True)
class Merged:
    keep: str
    other: str
    dry_run: bool
    prefer_other: bool
    brought: dict[str, int] = field(default_factory=dict)
    differences: list[Difference] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


def merge_contacts(
    root: Path,
    keep_who: str,
    other_who: str,
    today: date,
    *,
    prefer_other: bool = False,
    dry_run: bool = False,
) -> Merged:
    """Under the folder lock: KEEP's file rewritten, references to OTHER rewritten to KEEP,
    OTHER's file removed; all of it or nothing."""
    with folder_lock(root):
        network = load_network(root)
        keep, other = find_contact(network, keep_who), find_contact(network, other_who)
        if keep == other:
            raise ReseauError(
                _("{keep_who} and {other_who} are the same contact; name two").format(
                    keep_who=keep_who, other_who=other_who
                )
            )
        refuse_unreadable_references(network, other)
        keep_data, other_data = _data(network, keep), _data(network, other)
        other_bytes = (root / network.contact_path(other)).read_bytes()
        merged = Merged(keep, other, dry_run, prefer_other, brought_in(keep_data, other_data))
        merged.differences = list(differences(keep_data, other_data, prefer_other))
        merged.references = references_to(network, other)
        if dry_run:
            return merged
        uniting = _uniter(merged, other_bytes, network.contacts[other].name, today)
        changes = [
            Change(network.contact_path(keep), Contact, uniting),
            *rewrite_changes(network, other, keep, skip=frozenset({network.contact_path(keep)})),
        ]
        apply_changes(root, changes, removed=[network.contact_path(other)])
    return merged


def _data(network: Network, slug: str) -> dict[str, Any]:
    relpath = network.contact_path(slug)
    data = parse_bytes((network.root / relpath).read_bytes(), relpath).data
    assert data is not None  # the contact validated
    return data


def _is_empty(value: Any) -> bool:
    return value is None or value in ("", [], {})


def referee(ours: dict[str, Any], theirs: dict[str, Any], prefer_other: bool) -> dict[str, Any]:
    """The made-up base: on a single value both hold differently, the value of the side that
    must lose, so that the winner's reads as the change; lists and one-sided values absent,
    so that both sides' items are united and a value only one side has is taken."""
    base: dict[str, Any] = {}
    for key, value in theirs.items():
        mine = ours.get(key)
        if isinstance(mine, dict) and isinstance(value, dict):
            base[key] = referee(mine, value, prefer_other)
        elif isinstance(mine, list) or isinstance(value, list):
            continue
        elif not _is_empty(mine) and not _is_empty(value) and mine != value:
            base[key] = mine if prefer_other else value
    return base


def differences(
    ours: dict[str, Any], theirs: dict[str, Any], prefer_other: bool, prefix: str = ""
) -> Iterator[Difference]:
    for key, value in theirs.items():
        mine = ours.get(key)
        name = f"{prefix}{key}"
        if isinstance(mine, dict) and isinstance(value, dict):
            yield from differences(mine, value, prefer_other, f"{name}.")
        elif isinstance(mine, list) or isinstance(value, list) or name == NOTES:
            continue
        elif not _is_empty(mine) and not _is_empty(value) and mine != value:
            yield Difference(name, value, mine) if prefer_other else Difference(name, mine, value)


def brought_in(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, int]:
    """How many items of each of OTHER's lists KEEP does not have yet."""
    counts = {}
    for key, value in theirs.items():
        if isinstance(value, list):
            mine = ours.get(key) or []
            if key == "emails":
                mine = [str(email).strip().casefold() for email in mine]
                value = [str(email).strip().casefold() for email in value]
            new = sum(1 for item in value if item not in mine)
            if new:
                counts[key] = new
    return counts


def _uniter(
    merged: Merged, other_bytes: bytes, other_name: str, today: date
) -> Callable[[Document, object], None]:
    def edit(document: Document, contact: object) -> None:
        base = referee(document.expected, _parsed(other_bytes), merged.prefer_other)
        result = merge_onto(base, document.text.encode("utf-8"), other_bytes, "contacts/x.yaml")
        if result.text is None or result.conflicts:
            raise ReseauError(
                _("{other} and {keep} could not be merged as data; nothing was written").format(
                    other=merged.other, keep=merged.keep
                )
            )
        united = Document(result.text.removeprefix("\ufeff"))
        _drop_self_references(united, merged.keep, merged.other)
        _drop_repeated_emails(united)
        note = _merge_note(merged, other_name, today, document.expected, _parsed(other_bytes))
        if note:
            current = united.get([NOTES])
            text = f"{current.rstrip()}\n\n{note}" if current else note
            united.set_text(NOTES, text, order=CONTACT_KEYS)
        document.text, document.expected = united.text, united.expected

    return edit


def _parsed(raw: bytes) -> dict[str, Any]:
    data = parse_bytes(raw, "contacts/x.yaml").data
    assert data is not None
    return data


def _drop_self_references(document: Document, keep: str, other: str) -> None:
    """Nobody is with themselves: KEEP's `with: [other]` and OTHER's `with: [keep]` go."""
    interactions = document.get(["interactions"]) or []
    for index, item in enumerate(interactions):
        names = item.get("with") if isinstance(item, dict) else None
        if isinstance(names, list):
            for slug in (other, keep):
                rename_in_list(document, ["interactions", index, "with"], list(names), slug, None)
                names = document.get(["interactions", index, "with"]) or []


def _drop_repeated_emails(document: Document) -> None:
    """An e-mail is the same whatever its case: the later spelling goes."""
    emails = document.get(["emails"]) or []
    seen: set[str] = set()
    repeated = []
    for index, email in enumerate(emails):
        key = str(email).strip().casefold()
        if key in seen:
            repeated.append(index)
        seen.add(key)
    for index in reversed(repeated):
        document.remove(["emails", index])


def _merge_note(
    merged: Merged, other_name: str, today: date, ours: dict[str, Any], theirs: dict[str, Any]
) -> str:
    lines = [f"- {d.field}: {render_inline(d.dropped)}" for d in merged.differences]
    kept_notes, dropped_notes = ours.get(NOTES), theirs.get(NOTES)
    if merged.prefer_other:
        kept_notes, dropped_notes = dropped_notes, kept_notes
    if not lines and (_is_empty(dropped_notes) or dropped_notes == kept_notes):
        return ""
    head = f"Merged {merged.other} ({other_name}) into {merged.keep} on {today.isoformat()}."
    parts = [head]
    if lines:
        parts.append("Values not kept:\n" + "\n".join(lines))
    if not _is_empty(dropped_notes) and dropped_notes != kept_notes and not _is_empty(kept_notes):
        parts.append(f"Notes not kept:\n{str(dropped_notes).rstrip()}")
    return "\n".join(parts) + "\n"
