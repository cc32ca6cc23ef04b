"""`reseau plan done`: mark a plan item done through the write path.

A meet item done is a meeting: it is recorded in the contact's file too, so that every
other command (`week`, `stale`, `show`) agrees. The two files are written in one
transaction, the contact's interaction first: a crash between the two writes leaves the
meeting recorded and the item without its `done` date, which the meeting itself already
marks done (an in-person interaction inside the quarter); never a plan that says done for
a meeting no file holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reseau.actions.log import Entry, check_entry, interaction_change
from reseau.files import writer
from reseau.files.i18n import _
from reseau.files.model import IN_PERSON_KINDS, MeetItem, Plan
from reseau.files.quarters import Quarter
from reseau.files.store import Network
from reseau.files.who import find_contact
from reseau.files.yamledit import Document, Typed
from reseau.method.plans import (
    ITEM_KEYS,
    ItemState,
    PlanError,
    find_plan,
    item_states,
    pick_item,
    plan_relpath,
)


@dataclass(frozen=True, slots=True)
class Marked:
    """What `reseau plan done` did: the item, and whether the file changed."""

    relpath: str
    state: ItemState
    changed: bool
    meeting: list[str] | None = None  # the lines added to the contact's file, for a meet item
    contact_relpath: str | None = None


@dataclass(frozen=True, slots=True)
class Meeting:
    """How a meet item was done: the kind of in-person interaction, and a note."""

    kind: str = "meeting"
    note: str | None = None


def find_item(network: Network, quarter: Quarter, spec: str, today: date) -> ItemState:
    """The item `spec` names (its number, or a contact for a meet item), as of today."""
    plan = find_plan(network, quarter)
    number, slug = _item_spec(network, plan, spec)
    target = pick_item(item_states(plan, network.contacts, today), number, slug)
    if target is None:
        raise PlanError(_not_in_plan(network, plan_relpath(quarter), plan, number, slug))
    return target


def mark_done(
    network: Network, quarter: Quarter, spec: str, today: date, meeting: Meeting | None = None
) -> Marked:
    """Set `done: today` on the item `spec` names; a meet item also gets its meeting, today,
    in the contact's file (a plain `meeting` unless `meeting` says otherwise)."""
    relpath = plan_relpath(quarter)
    number, slug = _item_spec(network, find_plan(network, quarter), spec)
    target = find_item(network, quarter, spec, today)
    if target.is_done:
        return Marked(relpath, target, changed=False)

    def edit(document: Document, current: Plan) -> None:
        fresh = pick_item(item_states(current, network.contacts, today), number, slug)
        if fresh is None:
            raise PlanError(
                _("{relpath} changed while it was being edited; try again").format(relpath=relpath)
            )
        if fresh.is_done:
            return
        path: list[str | int] = [fresh.section, fresh.index, "done"]
        document.set(path, Typed(today.isoformat()), order=ITEM_KEYS[fresh.section])

    plan_change = writer.Change(relpath, Plan, edit)
    if not isinstance(target.item, MeetItem) or not _has_file(network, target.item.contact):
        writer.update_many(network.root, [plan_change])
        return Marked(relpath, target, changed=True)
    entry = _meeting_entry(meeting or Meeting(), today)
    added: dict[str, list[str]] = {}
    contact_change = interaction_change(network, target.item.contact, entry, added)
    writer.update_many(network.root, [contact_change, plan_change])  # the contact first
    contact_relpath = contact_change.relpath
    return Marked(relpath, target, True, added.get(contact_relpath, []), contact_relpath)


def _has_file(network: Network, slug: str) -> bool:
    """A meet item may name someone whose file is gone: the item is done, nothing to record."""
    return (network.root / network.contact_path(slug)).is_file()


def _meeting_entry(meeting: Meeting, today: date) -> Entry:
    if meeting.kind not in IN_PERSON_KINDS:
        kinds = ", ".join(sorted(IN_PERSON_KINDS))
        raise PlanError(
            _("a meet item is done in person: the kind is one of {kinds}").format(kinds=kinds)
        )
    entry = Entry(today, kind=meeting.kind, note=meeting.note)
    check_entry(entry)
    return entry


def _item_spec(network: Network, plan: Plan, spec: str) -> tuple[int | None, str | None]:
    text = spec.strip()
    if text.isascii() and text.isdigit():
        return int(text), None
    if any(item.contact == text for item in plan.meet):
        return None, text

    return None, find_contact(network, text)


def _not_in_plan(
    network: Network, relpath: str, plan: Plan, number: int | None, slug: str | None
) -> str:
    if number is not None:
        count = len(plan.meet) + len(plan.animate) + len(plan.reputation)
        return f"no item {number} in {relpath}: it has {count}, numbered as `reseau plan` shows"
    name = network.contacts[slug].name if slug in network.contacts else slug
    return f"{name} ({slug}) has no meet item in {relpath}; give the item's number instead"
